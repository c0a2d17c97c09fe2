"""The same export saved as UTF-8, UTF-8 with BOM, a legacy code page or XLSX,
with commas, semicolons or tabs between its fields, gives identical processed tables."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime

import openpyxl
import pytest

from support.project import FIXTURES, REPO, copy_project
from support.rows import read_rows
from wud_briefings.ingest.decode import decode_text
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


def with_delimiter(rows: list[list[str]], delimiter: str) -> str:
    """The export as Excel re-saves it on a Russian, Spanish or German Windows."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
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


@pytest.mark.parametrize(
    ("region_id", "encoding", "delimiter"),
    [("latin-america", "cp1252", ";"), ("eeca", "cp1251", ";"), ("eeca", "utf-8-sig", "\t")],
)
def test_same_tables_whatever_the_field_separator(
    region_id, encoding, delimiter, baselines, run_with_export, project
):
    rows = read_rows(REPO.synthetic / f"{region_id}.csv")
    export = with_delimiter(rows, delimiter).encode(encoding)
    coding = (REPO.coding / f"{region_id}.csv").read_bytes()
    outcome = run_with_export(region_id, export, coding=coding)
    assert outcome.is_valid, [str(p) for p in outcome.problems]
    assert processed_bytes(project, region_id) == baselines[region_id]


RUSSIAN = FIXTURES / "russian" / "eeca-ru.csv"


def test_the_russian_export_with_semicolons_gives_the_same_tables(
    tmp_path, codebook, regions, suites
):
    """eeca-ru.csv as Excel re-saves it on a Russian Windows: ";" between fields, cp1251."""
    comma = RUSSIAN.read_bytes()
    rows = list(csv.reader(io.StringIO(decode_text(comma, RUSSIAN.name), newline="")))
    semicolon = with_delimiter(rows, ";").encode("cp1251")
    assert b";" in semicolon.splitlines()[0] and semicolon != comma
    processed = {}
    for name, export in (("comma", comma), ("semicolon", semicolon)):
        paths = copy_project(tmp_path / name)
        (paths.root / regions["eeca"].export).write_bytes(export)  # in place of the English one
        outcome = process_region(regions["eeca"], codebook, suites, paths)
        assert outcome.is_valid, [str(p) for p in outcome.problems]
        assert outcome.is_synthetic
        assert outcome.counts["respondents"] == 17 and outcome.counts["countries"] == 7
        processed[name] = processed_bytes(paths, "eeca")
    assert processed["semicolon"] == processed["comma"]
