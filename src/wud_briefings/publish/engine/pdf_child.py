"""How a build sets PDFs: WeasyPrint in warm child processes, or a setter it is given."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import Executor

RENDER_TIMEOUT = 300  # seconds to set one PDF

PdfSetter = Callable[[str], bytes]  # a briefing's HTML in, its PDF's bytes out


def render_pdf(html: str) -> bytes:
    """The briefing's PDF, set by WeasyPrint in this child."""
    from wud_briefings.publish.rendering.render import html_to_pdf, quiet_renderers

    quiet_renderers()
    return html_to_pdf(html)


def pdf_in(children: Executor) -> PdfSetter:
    """Set PDFs in ``children`` (off the caller's interpreter lock), each within the limit."""

    def pdf(html: str) -> bytes:
        return children.submit(render_pdf, html).result(timeout=RENDER_TIMEOUT)

    return pdf


@contextlib.contextmanager
def build_pdf_setter(jobs: int, given: PdfSetter | None, niceness: int = 0) -> Iterator[PdfSetter]:
    """The setter a build's workers share while it lasts.

    With ``given`` (a build told how to set PDFs: see ``BuildOptions.pdf_setter``),
    that one, and no child process. Otherwise WeasyPrint in ``jobs`` children,
    which import it at once, while the gate is still busy.
    """
    if given is not None:
        yield given
        return
    from wud_briefings.publish.engine.child_pool import child_pool

    with child_pool(jobs, niceness=niceness) as children:
        warming = [children.submit(render_pdf, "warm-up") for _ in range(jobs)]
        yield pdf_in(children)
        for task in warming:
            task.result(timeout=RENDER_TIMEOUT)
