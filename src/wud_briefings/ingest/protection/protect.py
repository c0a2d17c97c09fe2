"""Protect a region's tables on the way in: pseudonymous ids and redacted free text.

Direct identifiers (IP, e-mail, names, custom data, collector ids) never enter
the tables: the reader leaves them behind. Here respondent ids become keyed-hash
pseudonyms (:mod:`wud_briefings.ingest.protection.pseudonyms`) and every free-text answer
and excerpt is redacted (:mod:`wud_briefings.ingest.protection.redaction`). It runs before
the gate sees the data and before anything is written.
"""

from __future__ import annotations

from dataclasses import replace

from wud_briefings.ingest.coding import TRANSLATION_COLUMNS
from wud_briefings.ingest.export import SurveyTables
from wud_briefings.ingest.protection.pseudonyms import pseudonym
from wud_briefings.ingest.protection.redaction import redact
from wud_briefings.survey.countries import to_iso2
from wud_briefings.survey.regions import Region

FREE_TEXT_COLUMNS = ("subnational", "role_other_text", "services_text", "gaps_text")


def _iso2(iso3: object) -> str | None:
    return to_iso2(iso3) if isinstance(iso3, str) else None


def protect(tables: SurveyTables, region: Region, key: bytes) -> SurveyTables:
    """Pseudonymise respondent ids with ``key`` and redact free text in every table."""
    respondents = tables.respondents.copy()
    iso2 = respondents["country_iso3"].map(_iso2)
    region_countries = {c for c in map(_iso2, region.countries) if c}
    for column in FREE_TEXT_COLUMNS:
        if column in respondents:
            respondents[column] = [
                redact(t, c, region_countries)
                for t, c in zip(respondents[column], iso2, strict=True)
            ]
    coding = tables.coding.copy()
    # Excerpts are copies of answers, and translations copies of excerpts: read phone
    # numbers by the respondent's country too.
    country_of = dict(zip(respondents["respondent_id"], iso2, strict=True))
    for column in ("excerpt", *TRANSLATION_COLUMNS.values()):
        if column in coding:
            coding[column] = [
                redact(t, country_of.get(r), region_countries)
                for t, r in zip(coding[column], coding["respondent_id"], strict=True)
            ]
    frames = {
        "respondents": respondents,
        "barrier_ranks": tables.barrier_ranks.copy(),
        "coding": coding,
    }
    for frame in frames.values():
        frame["respondent_id"] = [pseudonym(region.id, r, key) for r in frame["respondent_id"]]
    return replace(tables, **frames)
