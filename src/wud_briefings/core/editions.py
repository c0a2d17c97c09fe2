"""A briefing's language editions: the file each is published as, its kind, its name.

The English edition keeps the addresses briefings have had since the first
build (``briefing.html``); another language's is ``briefing.<lang>.html``, and
the manifest names its files and timings ``<kind>-<lang>`` ("html-ru"; only
``publish/provenance/outputs.py`` reads such a name back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from babel import Locale

from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE, _, current, sentence_start


def edition_file(name: str, language: str) -> str:
    """``briefing.html`` in English, ``briefing.ru.html`` in Russian."""
    if language == SOURCE_LANGUAGE:
        return name
    stem, _, suffix = name.partition(".")
    return f"{stem}.{language}.{suffix}"


def edition_kind(kind: str, language: str) -> str:
    """The manifest's name for an edition's file or timing: ``html``, ``html-ru``."""
    return kind if language == SOURCE_LANGUAGE else f"{kind}-{language}"


def autonym(language: str) -> str:
    """The language's name in itself, as a reader looking for it expects: "Español", "Русский"."""
    return sentence_start(Locale(language).get_display_name(language) or language)


@dataclass(frozen=True)
class LanguageLink:
    """The same page in another language, which a page links to: a briefing's other
    editions, the index's, a validation page's (``languages_nav.html.j2`` marks them up)."""

    language: str
    name: str  # the language's name in itself
    href: str  # its file, beside this one


class LanguageNav(NamedTuple):
    """The links first on a page to the page in the reader's other languages, and their
    name for a screen reader."""

    label: str
    editions: tuple[LanguageLink, ...]


def other_editions(name: str) -> tuple[LanguageLink, ...]:
    """The page ``name`` (the index, a validation page) in every language but the one in use."""
    return tuple(
        LanguageLink(language, autonym(language), edition_file(name, language))
        for language in LANGUAGES
        if language != current()
    )


def language_nav(name: str) -> LanguageNav:
    """Links to the page ``name`` (the index, a validation page) in every other language,
    each named in its own, first on the page."""
    return LanguageNav(_("This page in other languages"), other_editions(name))
