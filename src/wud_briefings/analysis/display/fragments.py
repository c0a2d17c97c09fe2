"""The briefing's own parts of a page (cover, sections, references, colophon) as HTML.

Each part is a Jinja template in ``analysis/display/templates/``, autoescaped, with the
catalogs' ``_`` and ``ngettext`` in scope: the words are translated where a
translator finds them (``make messages`` extracts them from the templates), and
no markup is written in Python. A notebook cell shows the result as HTML.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from wud_briefings.core.language import _, ngettext, number


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("wud_briefings.analysis.display", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.globals.update(_=_, ngettext=ngettext, number=number)
    return environment


def render(template: str, **context: Any) -> str:
    """A template of ``analysis/display/templates/`` filled in, in the language in use."""
    return _environment().get_template(template).render(**context).strip()
