"""Respondents' words as an edition prints them: as written, or in the researchers' translation.

An excerpt is in the language its respondent answered in; the coding sheet may
carry the researchers' translation of it into each language briefings are
published in. An edition prints the excerpt itself when it is in the edition's
language; else the translation, said to be one, with the excerpt kept beside it;
else the excerpt as written. Each passage knows its language, so that a page
marks the words in another language than its own (``lang``, and /Lang in the PDF).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from wud_briefings.core.language import N_, current
from wud_briefings.ingest.coding import LANGUAGE_COLUMN, TRANSLATION_COLUMNS

# The processed coding table's columns an excerpt is read from.
EXCERPT_COLUMNS = ("excerpt", LANGUAGE_COLUMN, *TRANSLATION_COLUMNS.values())
# What a translated passage says of itself, in the edition's language.
TRANSLATED_FROM = {
    "en": N_("translated from English"),
    "es": N_("translated from Spanish"),
    "ru": N_("translated from Russian"),
}


@dataclass(frozen=True)
class Excerpt:
    """A publishable excerpt in its respondent's language, with the researchers' translations."""

    text: str
    language: str
    translations: tuple[tuple[str, str], ...] = ()  # (language, text), in a fixed order

    def translation(self, language: str) -> str | None:
        """The researchers' translation into ``language``, None where there is none."""
        return dict(self.translations).get(language)

    def read_in(self, language: str) -> Passage:
        """What an edition in ``language`` prints of this excerpt."""
        if language != self.language:
            translated = self.translation(language)
            if translated:
                return Passage(translated, language, self)
        return Passage(self.text, self.language)


@dataclass(frozen=True)
class Passage:
    """Words an edition prints, in their language; ``original`` is the excerpt when they
    are the researchers' translation of it."""

    text: str
    language: str
    original: Excerpt | None = None

    @property
    def translated_from(self) -> str | None:
        """The note a translation carries (a message to translate), None for the excerpt."""
        return None if self.original is None else TRANSLATED_FROM[self.original.language]


def in_page_language(excerpts: Iterable[Excerpt]) -> list[Passage]:
    """What the edition in the language in use prints of each excerpt."""
    page_language = current()
    return [excerpt.read_in(page_language) for excerpt in excerpts]


def excerpt_of(row: Mapping[str, object], text_column: str = "excerpt") -> Excerpt:
    """The excerpt of a row holding :data:`EXCERPT_COLUMNS` (of the processed coding table),
    its words under ``text_column``."""
    translations = tuple(
        (language, text)
        for language, column in TRANSLATION_COLUMNS.items()
        if isinstance(text := row[column], str) and text
    )
    return Excerpt(str(row[text_column]), str(row[LANGUAGE_COLUMN]), translations)


def excerpts_of(frame: pd.DataFrame, text_column: str = "excerpt") -> list[Excerpt]:
    """The excerpts of a table holding :data:`EXCERPT_COLUMNS`, in its order."""
    return [excerpt_of(row, text_column) for row in frame.to_dict("records")]
