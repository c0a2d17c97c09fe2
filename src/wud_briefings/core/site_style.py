"""The index's and the validation pages' one stylesheet (``site.css``), inlined: a page
loads nothing (core/page_policy.py); and their table cells, which a phone shows as cards."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path


@cache
def site_style() -> str:
    """The stylesheet's text, for a ``<style>`` element."""
    return Path(__file__).with_name("site.css").read_text(encoding="utf-8")


def labelled_cell(column: str, content: str, css: str = "") -> str:
    """A table cell that names its column (translated, escaped), which a phone shows above
    its content; ``content`` is markup already escaped."""
    kind = f' class="{css}"' if css else ""
    return f'<td{kind} data-label="{escape(column)}">{content}</td>'
