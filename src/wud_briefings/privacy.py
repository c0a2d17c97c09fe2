"""Privacy: stable pseudonyms for respondents, and redaction of free text.

Direct identifiers (IP, e-mail, names, custom data, collector ids) never enter
the tables: the reader leaves them behind. This module replaces respondent ids
by keyed-hash pseudonyms and removes e-mail addresses and phone numbers from
every free-text answer, before the gate sees the data and before anything is
written.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import replace

import pandas as pd
import phonenumbers

from wud_briefings.countries import to_iso2
from wud_briefings.ingest import SurveyTables

# Set WUD_PSEUDONYM_KEY for real exports, so that pseudonyms cannot be undone by
# hashing every possible respondent id with a key anyone can read here.
DEFAULT_KEY = "wud-briefings-public-key"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_MARK = "[email removed]"
PHONE_MARK = "[phone removed]"
FREE_TEXT_COLUMNS = ("subnational", "role_other_text", "services_text", "gaps_text")


def pseudonym(region_id: str, respondent_id: object) -> str | None:
    """A stable, non-reversible stand-in for a respondent id."""
    if respondent_id is None or pd.isna(respondent_id):
        return None
    key = os.environ.get("WUD_PSEUDONYM_KEY", DEFAULT_KEY).encode()
    message = f"{region_id}:{str(respondent_id).strip()}".encode()
    return "R" + hmac.new(key, message, hashlib.sha256).hexdigest()[:10]


def redact(text: object, country_iso2: str | None = None) -> object:
    """Text without e-mail addresses or phone numbers (national or international)."""
    if not isinstance(text, str):
        return text
    text = EMAIL.sub(EMAIL_MARK, text)
    matches = list(
        phonenumbers.PhoneNumberMatcher(
            text, country_iso2 or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE
        )
    )
    for match in reversed(matches):
        text = text[: match.start] + PHONE_MARK + text[match.end :]
    return text


def _iso2(iso3: object) -> str | None:
    return to_iso2(iso3) if isinstance(iso3, str) else None


def protect(tables: SurveyTables, region_id: str) -> SurveyTables:
    """Pseudonymise respondent ids and redact free text in every table."""
    respondents = tables.respondents.copy()
    iso2 = respondents["country_iso3"].map(_iso2)
    for column in FREE_TEXT_COLUMNS:
        if column in respondents:
            respondents[column] = [
                redact(t, c) for t, c in zip(respondents[column], iso2, strict=True)
            ]
    coding = tables.coding.copy()
    # Excerpts are copies of answers: read phone numbers by the respondent's country too.
    country_of = dict(zip(respondents["respondent_id"], iso2, strict=True))
    coding["excerpt"] = [
        redact(t, country_of.get(r))
        for t, r in zip(coding["excerpt"], coding["respondent_id"], strict=True)
    ]
    frames = {
        "respondents": respondents,
        "barrier_ranks": tables.barrier_ranks.copy(),
        "coding": coding,
    }
    for frame in frames.values():
        frame["respondent_id"] = [pseudonym(region_id, r) for r in frame["respondent_id"]]
    return replace(tables, **frames)
