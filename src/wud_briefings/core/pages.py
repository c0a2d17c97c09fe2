"""The pages under outputs/ besides the briefings (the index, the validation pages), made
from Jinja templates: no markup is written in Python.

A page's template lives beside the module that fills it (``publish/rendering/templates/``,
``gate/templates/``) and extends ``page.html.j2`` from ``core/templates/``, which
holds what every page shares with the briefings (``publish/rendering/templates/briefing/``,
rendered by nbconvert, imports the same files):

* ``csp_meta.html.j2``: the Content-Security-Policy, first in the head;
* ``languages_nav.html.j2``: the links to the page in the reader's other languages;
* ``shared.css``: the stylesheet every page inlines (the briefings then add
  ``briefing.css``, the other pages ``site.css``), so that a page loads nothing.

Templates are autoescaped: Python passes typed data (dataclasses, named tuples) of
plain text, already translated where it is written (the catalogs locate each
message in the module that asks for it). A translated message whose placeholder
holds markup is filled on the page (``message | replace("{report}", code(...))``,
which escapes the message and keeps the macro's markup); HTML made elsewhere (a
reference set by citeproc) is marked ``| safe`` where the template shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from wud_briefings.core.editions import LanguageNav
from wud_briefings.core.page_policy import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).resolve().parent / "templates"  # what every page shares


@dataclass(frozen=True)
class Page:
    """What ``page.html.j2`` shows of every page: its language, title (also its heading)
    and the links to it in the other languages."""

    language: str
    title: str
    nav: LanguageNav


@cache
def environment(templates: Path = TEMPLATES) -> Environment:
    """The templates of ``templates`` (a page's folder), then the shared ones."""
    folders = list(dict.fromkeys([templates, TEMPLATES]))
    environment = Environment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        content_security_policy=CONTENT_SECURITY_POLICY, stylesheet=stylesheet
    )
    return environment


@cache
def stylesheet(name: str) -> str:
    """A stylesheet of ``core/templates/`` as it is, for a page's ``<style>``."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def csp_meta() -> str:
    """The Content-Security-Policy's ``<meta>``, which goes first in a page's head: the
    same element ``page.html.j2`` writes, for the briefings (publish/rendering/render.py)."""
    macro = environment().get_template("csp_meta.html.j2").module.csp_meta  # type: ignore[attr-defined]
    return str(macro())


def render_page(templates: Path, name: str, page: Page) -> str:
    """The page ``name`` of ``templates`` (a template extending ``page.html.j2``), filled
    with ``page``."""
    return environment(templates).get_template(name).render(page=page)
