"""What a PDF child runs: WeasyPrint setting a briefing's HTML as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

RENDER_TIMEOUT = 300  # seconds to set one PDF


def render_pdf(html: str) -> bytes:
    """The briefing's PDF, set by WeasyPrint in this child."""
    from wud_briefings.publish.render import html_to_pdf, quiet_renderers

    quiet_renderers()
    return html_to_pdf(html)


def pdf_in(children: Executor) -> Callable[[str], bytes]:
    """Set PDFs in ``children`` (off the caller's interpreter lock), each within the limit."""

    def pdf(html: str) -> bytes:
        return children.submit(render_pdf, html).result(timeout=RENDER_TIMEOUT)

    return pdf
