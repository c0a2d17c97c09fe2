"""The personal data the synthetic exports carry, to look for where it must never be."""

from __future__ import annotations

from pathlib import Path

from support.project import REPO
from support.rows import read_rows

# Respondent ID, Collector ID, IP, e-mail, first and last name, custom data (by position:
# the Spanish export names them in Spanish).
IDENTIFIER_COLUMNS = (0, 1, 4, 5, 6, 7, 8)


TEXT_PII = (
    "fake.outreach@example.org",
    "+7 900 000-00-17",
    "fake.coordinator.1@example.org",
    "fake.coordinadora.1@example.org",
    "7946 0001",
    "0000 0001",
)


def synthetic_identifiers(region_ids) -> set[str]:
    found = set(TEXT_PII)
    for region_id in region_ids:
        rows = read_rows(REPO.synthetic / f"{region_id}.csv")
        for index in IDENTIFIER_COLUMNS:
            found.update(row[index].strip() for row in rows[2:] if row[index].strip())
    return found


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]
