"""The processed tables: their columns, types, and how to write and read them.

``data/processed/<region>/`` is the notebook's only input. Its tables are
tidy (one row per respondent; long tables for ranks and codes), typed, and
free of personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from wud_briefings.core.paths import PROVENANCE, ProjectPaths
from wud_briefings.ingest.coding import TRANSLATION_COLUMNS
from wud_briefings.process.provenance import Provenance

# Only what the briefing uses (data minimisation): no free-text answer, role or
# state; the open answers reach a briefing only as coded, publishable excerpts.
RESPONDENT_DTYPES = {
    "respondent_id": "string",
    "country_iso3": "string",
    "country_name": "string",
    "identifies_as_wud": "boolean",  # missing = preferred not to say
    "knows_wud_services": "string",  # yes | no | not_sure
}
BARRIER_RANK_DTYPES = {"respondent_id": "string", "issue": "string", "barrier_rank": "int64"}
CODING_DTYPES = {
    "respondent_id": "string",
    "question": "string",
    "code": "string",
    "excerpt": "string",  # publishable excerpts only; blank where not publishable
    "is_publishable": "boolean",
    "language": "string",  # the excerpt's (the language its respondent answered in)
    # The researchers' translations of publishable excerpts, into each edition language.
    **{column: "string" for column in TRANSLATION_COLUMNS.values()},
}
FILES = {
    "respondents": RESPONDENT_DTYPES,
    "barrier_ranks": BARRIER_RANK_DTYPES,
    "coding": CODING_DTYPES,
}


@dataclass(frozen=True)
class ProcessedRegion:
    """One region's processed tables and where they came from."""

    respondents: pd.DataFrame
    barrier_ranks: pd.DataFrame
    coding: pd.DataFrame
    provenance: Provenance

    @property
    def is_coded(self) -> bool:
        """Whether researchers have coded the open answers (a coding sheet exists)."""
        return self.provenance.is_coded


def to_csv_bytes(frame: pd.DataFrame, dtypes: dict[str, str]) -> bytes:
    """A table as CSV bytes in a fixed column order, so equal data gives equal files."""
    return frame[list(dtypes)].astype(dtypes).to_csv(index=False, lineterminator="\n").encode()


class NoProcessedData(FileNotFoundError):
    """A region the build has not processed yet: nothing to brief, preview or list."""


def processed_folder(paths: ProjectPaths, region_id: str) -> Path:
    """The region's processed tables' folder; NoProcessedData, saying what to run, if none."""
    folder = paths.processed_region(region_id)
    if not (folder / PROVENANCE).is_file():
        raise NoProcessedData(
            f"no processed data for region {region_id!r} in "
            f"data/processed/{region_id}/: run `make briefings` first (or `make process`, "
            "which writes only the data)"
        )
    return folder


def load_processed(folder: Path) -> ProcessedRegion:
    """Read a region's processed tables with their types."""
    if not (folder / PROVENANCE).exists():
        raise FileNotFoundError(
            f"no processed data in {folder}; run `make briefings` (or `make validate`) first"
        )
    frames = {
        name: pd.read_csv(
            folder / f"{name}.csv", dtype=dtypes, keep_default_na=False, na_values=[""]
        )
        for name, dtypes in FILES.items()
    }
    return ProcessedRegion(provenance=Provenance.read(folder), **frames)
