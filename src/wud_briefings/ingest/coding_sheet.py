"""Coding sheets to fill in for a real export: every open answer, not yet coded.

Researchers code a real export's open answers in a spreadsheet. This writes
that spreadsheet (XLSX, and the same rows as CSV) beside the export, under a
name the build does not read, so that a half-coded sheet is never used: the
researchers save the finished sheet as ``<region id>.xlsx`` or ``.csv``.
"""

from __future__ import annotations

from pathlib import Path

from wud_briefings.core.errors import InputError
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.core.writing import write_bytes_atomic
from wud_briefings.ingest.export import coding_template, read_export
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, locate_inputs

TEMPLATE_SUFFIX = ".to-code"


def write_coding_template(region: Region, codebook: Codebook, paths: ProjectPaths) -> list[Path]:
    """Write ``data/raw/exports/coding/<id>.to-code.xlsx`` and ``.csv``; their paths."""
    inputs = locate_inputs(region, paths)
    if inputs.is_synthetic:
        raise InputError.single(
            f"data/raw/exports/{region.id}.csv",
            "no real export for this region: coding sheets are made for real exports "
            "(the synthetic ones ship with theirs)",
        )
    tables = read_export(inputs.export, codebook, region, paths.shown(inputs.export))
    sheet = coding_template(tables, codebook)
    folder = paths.exports / "coding"
    xlsx, csv = (folder / f"{region.id}{TEMPLATE_SUFFIX}{s}" for s in (".xlsx", ".csv"))
    folder.mkdir(parents=True, exist_ok=True)
    sheet.to_excel(xlsx, index=False, sheet_name="coding")
    write_bytes_atomic(csv, sheet.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return [xlsx, csv]
