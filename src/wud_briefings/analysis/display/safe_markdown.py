"""Markdown written by people, as inert HTML: paragraphs, emphasis, lists, and nothing else.

Commentary comes from outside the code, like an excerpt, so it is text: raw
HTML is escaped, not passed through; a link shows its words and points
nowhere; an image shows its alt text; headings, code blocks and tables are not
read (the briefing gives the commentary its headings). The page's sanitiser
and Content-Security-Policy stay behind this as further lines of defence.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

# CommonMark rules a commentary does not use: each would be a way to markup or requests.
DISABLED = ["html_block", "html_inline", "autolink", "heading", "lheading", "code", "fence"]


def _nothing(*_args: Any) -> str:
    return ""


def _alt_text(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    children = tokens[idx].children or []
    return html.escape(renderer.renderInlineAsText(children, options, env))


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(DISABLED)
    parser.add_render_rule("link_open", _nothing)
    parser.add_render_rule("link_close", _nothing)
    parser.add_render_rule("image", _alt_text)
    return parser


PARSER = _parser()


def inert_html(markdown: str) -> str:
    """The Markdown as HTML that can neither run nor fetch nor lead anywhere."""
    return PARSER.render(markdown)
