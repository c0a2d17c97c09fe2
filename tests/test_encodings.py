"""The same export saved as UTF-8, UTF-8 with BOM, a legacy code page or XLSX
gives identical processed tables."""

from __future__ import annotations

import io
import shutil
from datetime import datetime

import openpyxl
import pytest

from conftest import REPO, copy_project, read_rows
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import FILES

CASES = [
    ("eeca", "utf-8"),
    ("eeca", "utf-8-sig"),
    ("eeca", "cp1251"),
    ("eeca", "xlsx"),
    ("latin-america", "cp1252"),
    ("latin-america", "xlsx"),
    ("north-america", "xlsx"),
]


def as_xlsx(rows: list[list[str]]) -> bytes:
    """The export as Excel saves it: numbers as numbers, dates as dates, blanks empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if r >= 2 and c in (2, 3) and value:
                cells.append(datetime.strptime(value, "%m/%d/%Y %I:%M:%S %p"))
            elif r >= 2 and value.isdigit():
                cells.append(int(value))
            else:
                cells.append(value or None)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def processed_bytes(paths, region_id: str) -> dict[str, bytes]:
    return {n: (paths.processed / region_id / f"{n}.csv").read_bytes() for n in FILES}


@pytest.fixture(scope="module")
def baselines(tmp_path_factory, codebook, regions, suites):
    paths = copy_project(tmp_path_factory.mktemp("baseline") / "p")
    (paths.exports / "coding").mkdir(parents=True)
    out = {}
    for region_id in {c[0] for c in CASES}:  # as real exports, pseudonymised alike
        shutil.copy(paths.synthetic / f"{region_id}.csv", paths.exports / f"{region_id}.csv")
        shutil.copy(paths.coding / f"{region_id}.csv", paths.exports / "coding")
        assert process_region(regions[region_id], codebook, suites, paths).is_valid
        out[region_id] = processed_bytes(paths, region_id)
    return out


@pytest.mark.parametrize(("region_id", "encoding"), CASES)
def test_same_tables_whatever_the_file_format(
    region_id, encoding, baselines, run_with_export, project
):
    source = REPO.synthetic / f"{region_id}.csv"
    rows = read_rows(source)
    if encoding == "xlsx":
        export, suffix = as_xlsx(rows), ".xlsx"
    else:
        export, suffix = source.read_text(encoding="utf-8-sig").encode(encoding), ".csv"
    coding = (REPO.coding / f"{region_id}.csv").read_bytes()
    outcome = run_with_export(region_id, export, suffix=suffix, coding=coding)
    assert outcome.is_valid, [str(p) for p in outcome.problems]
    assert outcome.is_synthetic is False
    assert processed_bytes(project, region_id) == baselines[region_id]
