"""Helpers the tests share: project copies, builds, rows, pages, the browser, the intruder.

Test modules and ``conftest.py`` import from here; no test module imports from
``conftest`` or from another test module.
"""
