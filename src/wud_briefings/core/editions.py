"""A briefing's language editions: the file each is published as, its kind, its name.

The English edition keeps the addresses briefings have had since the first
build (``briefing.html``); another language's is ``briefing.<lang>.html``, and
its outputs are recorded in the manifest under ``<kind>-<lang>`` ("html-ru").
"""

from __future__ import annotations

from html import escape

from babel import Locale

from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE, _, current, sentence_start

INDEX = "index.html"  # the English index; index.es.html and index.ru.html in the others


def edition_file(name: str, language: str) -> str:
    """``briefing.html`` in English, ``briefing.ru.html`` in Russian."""
    if language == SOURCE_LANGUAGE:
        return name
    stem, _, suffix = name.partition(".")
    return f"{stem}.{language}.{suffix}"


def edition_kind(kind: str, language: str) -> str:
    """The manifest's name for an edition's output: ``html``, ``html-ru``."""
    return kind if language == SOURCE_LANGUAGE else f"{kind}-{language}"


def split_kind(kind: str) -> tuple[str, str]:
    """``("html", "ru")`` from ``html-ru``; ``("html", "en")`` from ``html``."""
    base, _, language = kind.rpartition("-")
    if base and language in LANGUAGES:
        return base, language
    return kind, SOURCE_LANGUAGE


def autonym(language: str) -> str:
    """The language's name in itself, as a reader looking for it expects: "Español", "Русский"."""
    return sentence_start(Locale(language).get_display_name(language) or language)


def language_nav(name: str) -> str:
    """Links to the page ``name`` (the index, a validation page) in every other language,
    each named in its own, first on the page."""
    links = " ".join(
        f'<a href="{edition_file(name, language)}" hreflang="{language}" lang="{language}">'
        f"{escape(autonym(language))}</a>"
        for language in LANGUAGES
        if language != current()
    )
    label = escape(_("This page in other languages"))
    return f'<nav class="languages" aria-label="{label}">{links}</nav>'
