"""The suite's pyramid holds: unit tests build nothing, and no test module imports another
test module or ``conftest`` (shared helpers live in ``tests/support/``)."""

from __future__ import annotations

import ast
from pathlib import Path

from support.project import REPO

TESTS = REPO.root / "tests"
LAYERS = ("unit", "integration", "e2e")
# What a unit test may not touch: builds, kernels, browsers (by fixture or import).
NOT_IN_UNIT = {
    "built_project",
    "builds",
    "global_briefing",
    "browser",
    "run_build",
    "run_global_notebook",
    "WarmKernel",
    "sync_playwright",
    "papermill",
}


def imported(tree: ast.Module) -> set[str]:
    """Modules and names a module imports."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
            names |= {alias.name for alias in node.names}
    return names


def requested(tree: ast.Module) -> set[str]:
    """Fixtures the module's functions ask for (their parameters)."""
    return {
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for arg in node.args.args
    }


def violations(path: Path, layer: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = imported(tree)
    found = [
        f"{path.name} imports {name}"
        for name in sorted(names)
        if name == "conftest" or name.split(".")[-1].startswith("test_")
    ]
    if layer == "unit":
        found += [
            f"{path.name} (unit) uses {name}"
            for name in sorted((names | requested(tree)) & NOT_IN_UNIT)
        ]
    return found


def test_every_test_module_is_in_a_layer():
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == []
    for layer in LAYERS:
        assert list((TESTS / layer).glob("test_*.py")), layer


def test_unit_tests_build_nothing_and_no_test_imports_another():
    found = [
        problem
        for layer in LAYERS
        for path in sorted((TESTS / layer).glob("test_*.py"))
        for problem in violations(path, layer)
    ]
    assert found == []


def test_the_check_finds_a_build_in_a_unit_test_and_an_import_of_a_test(tmp_path):
    module = tmp_path / "test_wrong.py"
    module.write_text(
        "from conftest import copy_project\n"
        "from test_show import tiny_region\n\n"
        "def test_it(built_project):\n    pass\n",
        encoding="utf-8",
    )
    assert violations(module, "unit") == [
        "test_wrong.py imports conftest",
        "test_wrong.py imports test_show",
        "test_wrong.py (unit) uses built_project",
    ]
    assert violations(module, "integration") == [
        "test_wrong.py imports conftest",
        "test_wrong.py imports test_show",
    ]
