"""What a PDF child runs: WeasyPrint setting a briefing's HTML as a PDF."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    """The briefing's PDF, set by WeasyPrint in this child."""
    from wud_briefings.build.render import html_to_pdf, quiet_renderers

    quiet_renderers()
    return html_to_pdf(html)
