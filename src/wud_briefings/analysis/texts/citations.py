"""Sources the researchers' texts cite: ``[@key]`` in Markdown, rendered in a CSL style.

The bibliography is CSL-JSON (``notebooks/publication/references.json``), the
format reference managers (Zotero, Mendeley) export. Citations are set by
citeproc-py: a maintained CSL processor in Python, so the build needs no pandoc
binary, and it ships the CSL locales of every edition's language and the
Harvard style (Cite Them Right) used here, so nothing is fetched at build time.
An unknown key is a problem naming the file and line, like any other in a text.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from wud_briefings.analysis.texts.commentary_file import Line, Problem
from wud_briefings.core.language import current, using
from wud_briefings.core.publication import Publication

STYLE = "harvard-cite-them-right"
# The CSL locale of each edition's language (terms such as "Available at", dates).
LOCALES = {"en": "en-GB", "es": "es-ES", "ru": "ru-RU"}
# "[@hri2018]" or "[@hri2018; @hri2019]": pandoc's citation syntax, without locators.
KEY = r"@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)"
CITATION = re.compile(rf"\[\s*{KEY}(?:\s*;\s*{KEY})*\s*\]")
ANY_KEY = re.compile(KEY)


@dataclass(frozen=True)
class Bibliography:
    """The sources texts may cite, as CSL-JSON items by key."""

    items: tuple[dict[str, Any], ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(item["id"] for item in self.items)


def read_bibliography(path: Path) -> Bibliography:
    """The CSL-JSON bibliography (an empty one when the file does not exist)."""
    if not path.exists():
        return Bibliography(())
    return Bibliography(tuple(json.loads(path.read_text(encoding="utf-8"))))


def cited_keys(text: str) -> list[str]:
    """The keys a text cites, in order of first citation."""
    keys: list[str] = []
    for group in CITATION.finditer(text):
        keys += [k for k in ANY_KEY.findall(group[0]) if k not in keys]
    return keys


def without_citations(line: str) -> str:
    """The line with every citation blanked out (its year is no typed number)."""
    return CITATION.sub(lambda m: " " * len(m[0]), line)


def citation_problems(
    lines: Iterable[Line], bibliography: Bibliography, shown: str
) -> list[Problem]:
    """Each citation of a key the bibliography does not hold, by file and line."""
    known = bibliography.keys
    problems = []
    for line in lines:
        for key in cited_keys(line.text):
            if key not in known:
                problems.append(
                    Problem(
                        shown,
                        line.number,
                        f"cites [@{key}], which notebooks/publication/references.json does not "
                        "hold (add the source there, or correct the key)",
                    )
                )
    return problems


@cache
def _style(locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(STYLE, locale=locale, validate=False)


@dataclass(frozen=True)
class CitedTexts:
    """Texts with their citations set, and the reference list they call for (HTML entries)."""

    texts: tuple[str, ...]
    references: tuple[str, ...]


def cite(texts: Iterable[str], bibliography: Bibliography) -> CitedTexts:
    """Each ``[@key]`` set as the style cites it in the language in use, and the entries
    of every source cited, in the style's order. Keys must be known (see
    :func:`citation_problems`)."""
    texts = tuple(texts)
    groups = [g for text in texts for g in CITATION.finditer(text)]
    if not groups:
        return CitedTexts(texts, ())
    processor = CitationStylesBibliography(
        _style(LOCALES[current()]), CiteProcJSON(list(bibliography.items)), formatter.plain
    )
    citations = {}
    for group in groups:
        if group[0] not in citations:
            citation = Citation([CitationItem(k) for k in ANY_KEY.findall(group[0])])
            processor.register(citation)
            citations[group[0]] = citation
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a source the style cannot set is an error, not a guess
        shown = {text: processor.cite(c, _unknown) for text, c in citations.items()}
        entries = _html_entries(bibliography, [k for g in citations for k in ANY_KEY.findall(g)])
    set_texts = tuple(CITATION.sub(lambda m: shown[m[0]], text) for text in texts)
    return CitedTexts(set_texts, entries)


def _unknown(item: CitationItem) -> None:
    raise KeyError(f"no source [@{item.key}] in the bibliography")


def _html_entries(bibliography: Bibliography, keys: list[str]) -> tuple[str, ...]:
    """The reference list's entries as HTML (titles in italics), in the style's order."""
    processor = CitationStylesBibliography(
        _style(LOCALES[current()]), CiteProcJSON(list(bibliography.items)), formatter.html
    )
    items = {item["id"]: item for item in bibliography.items}
    # The style sorts by author, year and title; citeproc-py keeps the order of
    # registration where the author ties, so the entries are registered so sorted.
    for key in sorted(dict.fromkeys(keys), key=lambda k: _sort_key(items[k])):
        processor.register(Citation([CitationItem(key)]))
    return tuple(str(entry) for entry in processor.bibliography())


def _sort_key(item: dict[str, Any]) -> tuple[str, int, str]:
    """Author (an organisation's name or the first person's family name), year, title."""
    first = (item.get("author") or [{}])[0]
    author = first.get("literal") or first.get("family", "")
    year = (item.get("issued", {}).get("date-parts") or [[0]])[0][0]
    return (author.casefold(), int(year), str(item.get("title", "")).casefold())


def reference(item: dict[str, Any]) -> str:
    """One source's entry as the style sets it in the language in use (HTML)."""
    return _html_entries(Bibliography((item,)), [item["id"]])[0]


def suggested_citation(title: str, publication: Publication) -> str:
    """A briefing as a reference, set in the style of its references (HTML): the colophon's
    and the index's "cite as" (set once per language: the index is written after every
    region a build finishes)."""
    return _suggested_citation(title, publication, current())


@cache
def _suggested_citation(title: str, publication: Publication, language: str) -> str:
    day = publication.date_published
    item = {
        "id": "briefing",
        "type": "report",
        "title": title,
        "collection-title": str(publication.series),
        "author": [
            {"literal": a.organisation}
            if a.organisation
            else {"given": a.given, "family": a.family}
            for a in publication.authors
        ],
        "publisher": publication.publisher,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
    }
    with using(language):
        return reference(item)
