"""nbconvert exporters: a self-contained briefing HTML, and a PDF made from that HTML.

Both are registered on nbconvert's exporter entry point, so
``jupyter nbconvert --to briefing_html|briefing_pdf`` works as well as the build.

The PDF comes from WeasyPrint (in-process, offline): no LaTeX, no browser to
download, Cyrillic and Spanish set in the DejaVu fonts the machine has, and a
tagged PDF/UA-1 document with the HTML's title and language.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Bool, default
from traitlets.config import Config

from wud_briefings.core.pages import TEMPLATES as PAGE_TEMPLATES
from wud_briefings.core.pages import csp_meta
from wud_briefings.publish.rendering.normalise import normalise_notebook
from wud_briefings.publish.rendering.tagging import finish_structure, tag_languages

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Outputs that need a browser, a CDN or JavaScript fall back to another representation.
# Charts are SVG (vectors, words as text); the template shows SVG only as an <img>.
OFFLINE_PRIORITY = [
    "image/svg+xml",
    "text/html",
    "text/markdown",
    "image/png",
    "image/jpeg",
    "text/plain",
]
# Cells for JupyterLab sessions only (e.g. autoreload): the build does not run them either.
INTERACTIVE_TAG = "interactive-only"
REMOVED_TAGS = {
    "injected-parameters",
    "parameters",
    "papermill-error-cell-tag",
    "remove_cell",
    INTERACTIVE_TAG,
}
_REMOTE_CSS = re.compile(r"@import[^;]*;|url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", re.I)
# fontTools (WeasyPrint's font subsetter without libharfbuzz-subset) stamps the time
# into each font unless SOURCE_DATE_EPOCH is set; this fixed date keeps PDFs stable.
FALLBACK_SOURCE_DATE_EPOCH = "946684800"
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# What text/html and text/markdown outputs may hold (bleach, through nbconvert).
ALLOWED_TAGS = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "header",
    "i",
    "li",
    "ol",
    "p",
    "section",
    "span",
    "strong",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
]
# ``lang`` marks words in another language than the page's (respondent_words); a table's
# scrolling box is a named region a keyboard can reach (show.Table).
ALLOWED_ATTRIBUTES = {
    "*": ["class", "role", "lang"],
    "a": ["href", "title"],
    "th": ["scope"],
    "div": ["tabindex", "aria-label"],
}


class NormalisePreprocessor(Preprocessor):
    """Stable ids and no timings or paths, whichever way the notebook was executed."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        return normalise_notebook(nb), resources


def _is_script_url(value: object) -> bool:
    return str(value).strip().lower().startswith(SCRIPT_SCHEMES)


def _disarm(soup: BeautifulSoup) -> None:
    """No element that runs or redirects: event handlers, script URLs, meta refreshes."""
    for tag in soup.find_all(["script", "iframe", "object", "embed", "base", "form"]):
        tag.decompose()
    for tag in soup.find_all("meta", attrs={"http-equiv": True}):
        tag.decompose()
    for tag in soup.find_all(True):
        for attribute in [a for a in tag.attrs if a.lower().startswith("on")]:
            del tag[attribute]
        for attribute in ("href", "src", "action", "formaction", "xlink:href"):
            if tag.get(attribute) and _is_script_url(tag[attribute]):
                del tag[attribute]


def strip_remote_references(html: str) -> str:
    """Drop anything a browser would fetch from elsewhere or run; links in text stay.

    The last line of defence should markup ever slip past the escaping and the
    allow-list sanitiser; the Content-Security-Policy goes first in the head.
    """
    soup = BeautifulSoup(html, features="html.parser")
    _disarm(soup)
    for tag in soup.find_all("link"):
        if not str(tag.get("href", "")).startswith("data:"):
            tag.decompose()
    for tag in soup.find_all(["img", "source", "video", "audio"]):
        for attribute in ("src", "srcset", "poster"):
            if tag.get(attribute) and not str(tag[attribute]).lstrip().startswith("data:"):
                del tag[attribute]
    for tag in soup.find_all("style"):
        tag.string = _REMOTE_CSS.sub("", tag.string or "")
    if soup.head is not None:
        soup.head.insert(0, BeautifulSoup(csp_meta(), features="html.parser"))
    return str(soup)


class BriefingHTMLExporter(HTMLExporter):
    """The briefing as one offline, print-friendly HTML file without code."""

    export_from_notebook = "Briefing (HTML)"
    normalise = Bool(
        True,
        help="Normalise the notebook first (stable ids, no timings or paths); off where the "
        "caller has already done it (the build's run_notebook).",
    ).tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "briefing"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]  # not the working directory, which could shadow it

    @default("extra_template_paths")
    def _extra_template_paths_default(self) -> list[str]:
        # what the briefings share with every page: the stylesheet, the languages' links
        return [str(PAGE_TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        return True

    @default("embed_images")
    def _embed_images_default(self) -> bool:
        return True

    @property
    def default_config(self) -> Config:
        config = super().default_config
        config.merge(
            Config(
                {
                    "NbConvertBase": {"display_data_priority": OFFLINE_PRIORITY},
                    "TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": REMOVED_TAGS},
                }
            )
        )
        return config

    def _init_preprocessors(self) -> None:
        super()._init_preprocessors()
        if self.normalise:
            self.register_preprocessor(NormalisePreprocessor(parent=self), enabled=True)
        sanitise = SanitizeHTML(
            parent=self, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, strip=True
        )
        # SVG is kept: the template shows it only as an <img>'s data: URI, where no
        # script in it runs and nothing it references is fetched
        sanitise.safe_output_keys = sanitise.safe_output_keys | {"image/svg+xml"}
        self.register_preprocessor(sanitise, enabled=True)

    # nbconvert's own annotation of this method says it returns a notebook; it returns text
    def from_notebook_node(  # type: ignore[override]
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        html, resources = super().from_notebook_node(nb, resources, **kw)
        return strip_remote_references(html), resources


@contextlib.contextmanager
def _fixed_source_date() -> Iterator[None]:
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FALLBACK_SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 from briefing HTML; only ``data:`` URIs may be fetched."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    document = weasyprint.HTML(
        string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})
    )
    tag_languages()
    with _fixed_source_date():
        return document.write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=True, finisher=finish_structure
        )


class BriefingPDFExporter(BriefingHTMLExporter):
    """The same HTML, set as a PDF by WeasyPrint.

    ``output_mimetype`` stays text/html and the template extension .html.j2:
    the template only declares text/html, and nbconvert refuses a PDF mimetype.
    """

    export_from_notebook = "Briefing (PDF)"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    def from_notebook_node(  # type: ignore[override]  # a PDF's bytes, not the HTML's text
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = self.file_extension
        return html_to_pdf(html), resources


class _DropMessage(logging.Filter):
    def __init__(self, needle: str) -> None:
        super().__init__()
        self.needle = needle

    def filter(self, record: logging.LogRecord) -> bool:
        return self.needle not in record.getMessage()


def quiet_renderers() -> None:
    """Keep real warnings; drop WeasyPrint's per-font note about its subsetter."""
    for name in ("weasyprint.progress", "fontTools", "PIL", "traitlets"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("weasyprint").addFilter(_DropMessage("instead of HarfBuzz-Subset"))
