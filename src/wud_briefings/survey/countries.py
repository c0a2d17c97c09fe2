"""Country names as people write them, resolved to ISO 3166 and UN M49 sub-regions.

English names and aliases ("USA", "Ivory Coast") are resolved by
country_converter; names in another language ("México", "Россия") through the
CLDR territory names shipped with Babel, and the official or local names CLDR
lacks ("Кыргызстан") through the codebook's ``country_aliases``. A briefing
names a country in its own language: country_converter's English short name,
or CLDR's name in Spanish or Russian.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import country_converter as coco
import pandas as pd
from babel import Locale

from wud_briefings.core import glossary
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE, current
from wud_briefings.survey.codebook import normalise_label

# country_converter's own loader reads Namibia's code "NA" as missing under
# pandas 3, so its table is read here with NA handling spelled out.
_INT_COLUMNS = [
    "ISOnumeric",
    "UNcode",
    "FAOcode",
    "GBDcode",
    "EURO",
    "UN",
    "UNmember",
    "obsolete",
    "GEOnumeric",
]
_NOT_FOUND = "\0"


@cache
def _converter() -> coco.CountryConverter:
    table = Path(coco.__file__).with_name("country_data.tsv")
    data = pd.read_csv(table, sep="\t", dtype=str, keep_default_na=False, na_values=[""])
    for column in _INT_COLUMNS:
        data[column] = pd.to_numeric(data[column]).astype("Int64")
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter(country_data=data)


@cache
def _convert(value: str | int, src: str | None, to: str) -> str | list[str]:
    """One lookup in country_converter's table, remembered: each matches a name against
    every country's patterns, and a briefing names the same countries many times over."""
    return _converter().convert(value, src=src, to=to, not_found=_NOT_FOUND)


@cache
def _territories(language: str) -> dict[str, str]:
    """CLDR's country names in one language, by ISO alpha-2 code (regions, e.g. "150", left out)."""
    return {code: name for code, name in Locale(language).territories.items() if len(code) == 2}


@cache
def localised_names(language: str) -> dict[str, str]:
    """Normalised country names in one language, CLDR's and the glossary's (the names a
    briefing prints), to ISO alpha-2 codes."""
    names = {normalise_label(name): code for code, name in _territories(language).items()}
    for iso3, name in glossary.country_names(language).items():
        names[normalise_label(name)] = to_iso2(iso3) or ""
    return names


def to_iso3(
    name: str, languages: tuple[str, ...] = ("en",), aliases: Mapping[str, str] | None = None
) -> str | None:
    """The ISO 3166 alpha-3 code of a country name, or None when it is not a country.

    ``aliases`` maps normalised names that CLDR lacks to alpha-3 codes
    (:meth:`~wud_briefings.survey.codebook.Codebook.country_alias_codes`).
    """
    if not str(name).strip():
        return None
    code = _convert(str(name).strip(), None, "ISO3")
    if code != _NOT_FOUND and isinstance(code, str):
        return code
    if aliases and normalise_label(name) in aliases:
        return aliases[normalise_label(name)]
    for language in languages:
        alpha2 = localised_names(language).get(normalise_label(name))
        if alpha2:
            return str(_convert(alpha2, "ISO2", "ISO3"))
    return None


def short_name(iso3: str, language: str | None = None) -> str:
    """A country's short name as a briefing in ``language`` (by default the one in use) prints it.

    English names are country_converter's ("Russia"); Spanish and Russian ones
    the glossary's where it has one («Кыргызстан»), else CLDR's ("Rusia",
    "Россия"), or the English name where CLDR has none.
    """
    language = language or current()
    if language != SOURCE_LANGUAGE:
        localised = glossary.country_names(language).get(iso3) or _territories(language).get(
            to_iso2(iso3) or ""
        )
        if localised:
            return localised
    return str(_convert(iso3, "ISO3", "name_short"))


def every_name(iso3: str) -> frozenset[str]:
    """Every name a briefing or a reader might give a country, in every language published:
    country_converter's short and official names, CLDR's in each language and the glossary's."""
    names = {str(_convert(iso3, "ISO3", kind)) for kind in ("name_short", "name_official")}
    alpha2 = to_iso2(iso3) or ""
    names |= {_territories(language).get(alpha2, "") for language in LANGUAGES}
    names |= {glossary.country_names(language).get(iso3, "") for language in LANGUAGES}
    return frozenset(n for n in names if n and n != _NOT_FOUND)


def countries_in(m49_subregions: list[str], extra_iso3: list[str]) -> frozenset[str]:
    """ISO alpha-3 codes of the countries of some UN M49 sub-regions, plus extras."""
    data = _converter().data
    members = data.loc[data["UNregion"].isin(m49_subregions), "ISO3"]
    unknown = set(m49_subregions) - set(data["UNregion"].dropna())
    if unknown:
        raise ValueError(f"unknown UN M49 sub-regions: {sorted(unknown)}")
    return frozenset(members) | frozenset(extra_iso3)


def to_iso2(iso3: str) -> str | None:
    """The ISO alpha-2 code of an alpha-3 code (phone numbers are parsed by it)."""
    code = _convert(iso3, "ISO3", "ISO2")
    return None if code == _NOT_FOUND else str(code)


def numeric_to_iso3(numeric: str) -> str | None:
    """The ISO alpha-3 code of an ISO 3166 numeric code ("642" -> "ROU"), or None."""
    code = _convert(int(numeric), "ISOnumeric", "ISO3")
    return None if code == _NOT_FOUND else str(code)
