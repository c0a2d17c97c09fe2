"""Tiny processed regions written inline: a handful of people, to test what is shown."""

from __future__ import annotations

import pandas as pd

from wud_briefings.process.provenance import Provenance
from wud_briefings.process.tables import (
    BARRIER_RANK_DTYPES,
    CODING_DTYPES,
    RESPONDENT_DTYPES,
    ProcessedRegion,
)

ISO3 = {"Belarus": "BLR", "Russia": "RUS", "Ukraine": "UKR", "Georgia": "GEO"}


def tiny_region(
    people: list[tuple[str, bool | None]],
    ranks: list[tuple[int, str, int]] = (),
    coding: list[tuple[int, str, str, str | None]] = (),
    *,
    is_coded: bool = True,
) -> ProcessedRegion:
    """Respondents as (country, identifies as WUD); ranks as (respondent, issue, rank);
    coding as (respondent, question, code, publishable excerpt or None), each excerpt in
    English and not translated."""
    respondents = pd.DataFrame(
        {
            "respondent_id": [f"r{i}" for i in range(len(people))],
            "country_iso3": [ISO3[c] for c, _ in people],
            "country_name": [c for c, _ in people],
            "identifies_as_wud": [w for _, w in people],
            "knows_wud_services": ["yes"] * len(people),
        }
    ).astype(RESPONDENT_DTYPES)
    barrier_ranks = pd.DataFrame(
        [(f"r{i}", issue, rank) for i, issue, rank in ranks], columns=list(BARRIER_RANK_DTYPES)
    ).astype(BARRIER_RANK_DTYPES)
    coded = pd.DataFrame(
        [
            (f"r{i}", q, code, excerpt, excerpt is not None, "en", None, None, None)
            for i, q, code, excerpt in coding
        ],
        columns=list(CODING_DTYPES),
    ).astype(CODING_DTYPES)
    return ProcessedRegion(respondents, barrier_ranks, coded, synthetic_provenance(is_coded))


def synthetic_provenance(is_coded: bool = True, **checks: list[str]) -> Provenance:
    """The provenance of a region made up in a test: synthetic, from no input file."""
    return Provenance("tiny", "Tiny", None, True, is_coded, {}, checks=checks)


# Belarus and Russia have 3 respondents each; Georgia one, so it is never named beside answers.
PEOPLE = [("Belarus", True)] * 2 + [("Belarus", False)] + [("Russia", True)] * 3
PEOPLE += [("Georgia", None)]
RANKS = [(0, "lack_of_access", 1), (1, "lack_of_access", 1), (2, "criminalisation", 1)]
RANKS += [(3, "lack_of_access", 1), (4, "criminalisation", 1), (5, "lack_of_access", 1)]
RANKS += [(0, "criminalisation", 2)]
CODING = [
    (0, "services", "nsp", "A <b>bold</b> drop-in & NSP"),
    (6, "services", "ost", "Methadone in Tbilisi"),  # Georgia: not shown beside a place
    (3, "gaps", "funding", None),
    (4, "gaps", "violence", "Police violence"),
]
