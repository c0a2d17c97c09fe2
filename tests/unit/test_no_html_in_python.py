"""No module of the package writes HTML: pages are marked up in Jinja templates.

The briefings' parts, the index, the validation pages and what they share (the
Content-Security-Policy, the links to the other languages, the stylesheets) are
templates beside the modules that fill them (``templates/`` folders); Python passes
them typed data. A string literal of a module, or a literal part of an f-string,
that holds an HTML tag is markup written in Python: these tests find it. Docstrings
may name tags (``<meta>``): they write none.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from wud_briefings.core.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "wud_briefings"
# Modules whose tags are data, not a page they write, and why.
NOT_PAGES = {
    "dev/synth/write.py": "a synthetic export's header, with the tag some survey tools leave",
}
TAG = re.compile(
    r"<(/?)(a|abbr|b|blockquote|body|br|caption|code|col|dd|details|div|dl|dt|em|figcaption"
    r"|figure|footer|h[1-6]|head|header|html|i|img|li|link|main|meta|nav|ol|p|pre|section"
    r"|small|span|strong|style|sub|summary|sup|script|table|tbody|td|th|thead|title|tr|ul"
    r"|wbr)\b",
    re.IGNORECASE,
)


def html_strings(source: str) -> list[tuple[int, str]]:
    """The string literals of Python ``source`` (constants, and the literal parts of
    f-strings) that hold an HTML tag, with their lines; docstrings are not read."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in docstrings:
            continue
        value = node.value
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        if isinstance(text, str) and TAG.search(text):
            found.append((node.lineno, text))
    return sorted(found)


def modules_under_the_rule() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in NOT_PAGES
    ]


def test_the_check_finds_tags_in_strings_and_f_strings_but_not_in_docstrings():
    crafted = '''"""A module whose docstring names <p> and <meta>: it writes neither."""
import re

TAG = re.compile(r"</?[a-zA-Z][^>]*>")
PLACEHOLDER = "<project>"


def cell(kind, column):
    """A <td> that names its column."""
    return f'<td{kind} data-label="{column}">'


CLOSED = "</nav>"
BANNER = b"<P class=x>"
SPLIT = "<str" "ong>" + "<abbreviation>"
'''
    assert html_strings(crafted) == [
        (10, "<td"),
        (13, "</nav>"),
        (14, "<P class=x>"),
        (15, "<strong>"),
    ]


def test_no_module_writes_html():
    written = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in modules_under_the_rule()
        for line, text in html_strings(path.read_text(encoding="utf-8"))
    ]
    assert len(modules_under_the_rule()) > 50  # the package was read
    assert written == [], "markup in Python: move it into a template\n" + "\n".join(written)


def test_each_exception_is_still_needed():
    """A module whose tags are data still holds one (else its exception goes)."""
    for module in NOT_PAGES:
        assert html_strings((PACKAGE / module).read_text(encoding="utf-8")), module
