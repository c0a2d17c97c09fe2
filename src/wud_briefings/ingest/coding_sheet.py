"""Coding sheets to fill in for a real export: every open answer, not yet coded.

Researchers code a real export's open answers in a spreadsheet. This writes
that spreadsheet (XLSX, and the same rows as CSV) beside the export, under a
name the build does not read, so that a half-coded sheet is never used: the
researchers save the finished sheet as ``<region id>.xlsx`` or ``.csv``. Its
columns include each excerpt's language and its translation into each language
the region is published in (see :func:`coding_template`). An
encrypted export is decrypted in memory, but this sheet, which researchers must
read, holds its open answers in clear: git ignores it, like every clear file there.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wud_briefings.core.atomic import write_bytes_atomic
from wud_briefings.core.encryption import IDENTITY_VARIABLE
from wud_briefings.core.errors import InputError
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.ingest.coding import CODING_COLUMNS, LANGUAGE_COLUMN, TRANSLATION_COLUMNS
from wud_briefings.ingest.export import SurveyTables, read_export
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, locate_inputs

TEMPLATE_SUFFIX = ".to-code"


def write_coding_template(region: Region, codebook: Codebook, paths: ProjectPaths) -> list[Path]:
    """Write ``data/raw/exports/coding/<id>.to-code.xlsx`` and ``.csv``; their paths."""
    inputs = locate_inputs(region, paths)
    if inputs.passed_over:
        raise InputError.single(
            paths.shown(inputs.passed_over[0]),
            f"encrypted with age, and no identity was given: set {IDENTITY_VARIABLE} to your "
            "age identity to make a coding sheet (which holds the open answers in clear)",
        )
    if inputs.is_synthetic:
        raise InputError.single(
            f"data/raw/exports/{region.id}.csv",
            "no real export for this region: coding sheets are made for real exports "
            "(the synthetic ones ship with theirs)",
        )
    tables = read_export(inputs.export, codebook, region, paths.shown(inputs.export))
    sheet = coding_template(tables, codebook, region)
    folder = paths.exports / "coding"
    xlsx, csv = (folder / f"{region.id}{TEMPLATE_SUFFIX}{s}" for s in (".xlsx", ".csv"))
    folder.mkdir(parents=True, exist_ok=True)
    sheet.to_excel(xlsx, index=False, sheet_name="coding")
    write_bytes_atomic(csv, sheet.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return [xlsx, csv]


def coding_template(tables: SurveyTables, codebook: Codebook, region: Region) -> pd.DataFrame:
    """A coding sheet to fill in: one row per non-empty open answer, not yet coded.

    Each answer is its own excerpt (researchers cut it down and add rows for
    more codes); nothing is publishable until a researcher says so. Each row's
    language is the survey's (researchers correct it for an answer written in
    another), and there is a column for the researchers' translation into each
    language the region's briefing is published in: an edition in another
    language than the excerpt's prints the translation where there is one.
    """
    translations = [TRANSLATION_COLUMNS[language] for language in region.languages]
    rows = [
        {
            "respondent_id": respondent["respondent_id"],
            "question": question,
            "code": "",
            "excerpt": respondent[variable],
            "publishable": "no",
            LANGUAGE_COLUMN: region.survey_language,
            **dict.fromkeys(translations, ""),
        }
        for _, respondent in tables.respondents.iterrows()
        for question, variable in codebook.coding_questions.items()
        if isinstance(respondent[variable], str) and respondent[variable].strip()
    ]
    return pd.DataFrame(rows, columns=[*CODING_COLUMNS, LANGUAGE_COLUMN, *translations])
