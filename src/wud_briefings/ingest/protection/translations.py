"""A translation of an excerpt may say no more than the excerpt: no new number or place.

Researchers translate respondents' words for the editions in other languages;
a translation is published like its excerpt, and disclosure control reads it
the same way (redacted, printed only when the excerpt is publishable). What a
translator could add is what a reader could use to find someone: a number (an
age, a count, a street number) or a place (a country, or the state or city the
respondent gave). So each number and each place a translation names must be in
its excerpt too. Places are the countries as CLDR and the glossary name them in
every edition language, and the words of the respondent's own state or city; a
name is matched on its stem, so that "в России" names Russia as "Россия" does.
This is a screen, not a proof: a number written out in words, or a town the
respondent did not give as theirs, is left to the researchers' reading.
"""

from __future__ import annotations

import re
from functools import cache

from wud_briefings.core.language import LANGUAGES
from wud_briefings.survey.countries import localised_names

NUMBER = re.compile(r"\d+")
WORD = re.compile(r"\w+")
MIN_PLACE_WORD = 4  # shorter words of a state or city ("de", "San") name nothing alone
# Endings a Russian name sheds when declined ("Россия" -> "России", "Украина" -> "Украине").
_ENDING = re.compile(r"[аяьиыйоеу]$")


def _folded(text: str) -> str:
    """The text's words, case-folded, one space between each."""
    return " ".join(WORD.findall(text.casefold()))


def _stem(name: str) -> str:
    """The name's words, folded, less the ending a Russian name sheds when declined."""
    folded = _folded(name)
    return _ENDING.sub("", folded) if len(folded) > MIN_PLACE_WORD else folded


@cache
def _country_stems() -> dict[str, frozenset[str]]:
    """Each country's code with the stems of its names in every edition language."""
    stems: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for name, code in localised_names(language).items():
            stems.setdefault(code, set()).add(_stem(name))
    return {code: frozenset(s) for code, s in stems.items() if code}


def _countries(text: str) -> set[str]:
    folded = f" {_folded(text)} "
    return {
        code
        for code, stems in _country_stems().items()
        if any(f" {stem}" in folded for stem in stems)
    }


def _place_words(text: str) -> set[str]:
    return {_stem(w) for w in WORD.findall(text) if len(w) >= MIN_PLACE_WORD and not w.isdigit()}


def _numbers(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in NUMBER.findall(text)}


def adds_nothing(excerpt: str, translation: str, own_place: str | None = None) -> bool:
    """Whether ``translation`` names no number, country nor word of ``own_place`` (the
    respondent's state or city) that ``excerpt`` does not."""
    if not _numbers(translation) <= _numbers(excerpt):
        return False
    if not _countries(translation) <= _countries(excerpt):
        return False
    if own_place:
        said = {_stem(w) for w in WORD.findall(excerpt)}
        translated = {_stem(w) for w in WORD.findall(translation)}
        if (_place_words(own_place) & translated) - said:
            return False
    return True
