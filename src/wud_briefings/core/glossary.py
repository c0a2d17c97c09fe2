"""The termbase: the words each language's editions use, and the ones they avoid.

Kept in ``wud_briefings/locale/glossary.csv``, beside the catalogs, for the
translators and reviewers who keep them. A term with an ISO alpha-3 code names
a country: it overrides CLDR's name for it (the field writes «Кыргызстан», CLDR
«Киргизия»). Every term to avoid is checked against the catalogs, the
codebook's labels and the country names a briefing prints
(``tests/unit/test_glossary.py``). ``locale/in_sentence.csv`` says how a label
reads inside a sentence where the language needs more than the label (Spanish:
its article).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from wud_briefings.core.language import LOCALE_DIR, current

GLOSSARY = LOCALE_DIR / "glossary.csv"
# How a label (an issue, a service type) reads inside a sentence, where the language needs
# more than the label itself: Spanish puts the article before the noun.
IN_SENTENCE = LOCALE_DIR / "in_sentence.csv"


@dataclass(frozen=True)
class Term:
    """An approved term in one language, the word or stem it replaces, and why."""

    language: str
    use: str
    avoid: str
    iso3: str
    note: str

    def found_in(self, text: str) -> bool:
        """Whether ``text`` uses the avoided word (at a word's start, in any case)."""
        return re.search(rf"(?<!\w){re.escape(self.avoid)}", text, re.IGNORECASE) is not None


@cache
def terms() -> tuple[Term, ...]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return tuple(Term(**row) for row in csv.DictReader(handle))


def country_names(language: str) -> dict[str, str]:
    """The glossary's names of countries in ``language``, by ISO alpha-3 code."""
    return {t.iso3: t.use for t in terms() if t.language == language and t.iso3}


@cache
def _sentence_forms() -> dict[tuple[str, str], str]:
    with IN_SENTENCE.open(encoding="utf-8", newline="") as handle:
        return {
            (row["language"], row["label"]): row["in_sentence"] for row in csv.DictReader(handle)
        }


def in_sentence(label: str) -> str | None:
    """How ``label`` reads inside a sentence in the language in use ("la violencia de
    género"), or None where the label reads as it is."""
    return _sentence_forms().get((current(), label))
