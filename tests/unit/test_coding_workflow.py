"""The coding workflow for real exports: a sheet to fill in, read back as XLSX or CSV."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from support.project import REPO
from support.rows import read_rows, rows_to_csv
from wud_briefings.core.paths import ROOT_VARIABLE
from wud_briefings.process.region import process_region

EXPORT = (REPO.synthetic / "eeca.csv").read_bytes()


def cli(paths, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wud_briefings.cli", *args],
        env=os.environ | {ROOT_VARIABLE: str(paths.root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_coding_sheet_lists_every_open_answer_uncoded_and_reads_back(
    project, codebook, regions, suites
):
    (project.exports / "eeca.csv").parent.mkdir(parents=True)
    (project.exports / "eeca.csv").write_bytes(EXPORT)
    result = cli(project, "coding-sheet", "eeca")
    assert result.returncode == 0, result.stderr
    assert "data/raw/exports/coding/eeca.xlsx" in result.stdout
    xlsx = project.exports / "coding" / "eeca.to-code.xlsx"
    sheet = pd.read_excel(xlsx, dtype=str, keep_default_na=False)
    csv_sheet = pd.read_csv(xlsx.with_suffix(".csv"), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(sheet, csv_sheet)
    rows = read_rows(project.exports / "eeca.csv")
    answers = [(r[0], "services", r[14]) for r in rows[2:] if r[14].strip()]
    answers += [(r[0], "gaps", r[25]) for r in rows[2:] if r[25].strip()]
    assert sorted(
        zip(sheet["respondent_id"], sheet["question"], sheet["excerpt"], strict=True)
    ) == sorted(answers)
    assert set(sheet["code"]) == {""} and set(sheet["publishable"]) == {"no"}
    # The sheet is not read until it is saved under the region's own name.
    assert not process_region(regions["eeca"], codebook, suites, project).is_coded
    sheet.loc[0, ["code", "publishable"]] = [
        "drop_in" if sheet.loc[0, "question"] == "services" else "stigma",
        "yes",
    ]
    sheet.head(1).to_excel(project.exports / "coding" / "eeca.xlsx", index=False)
    outcome = process_region(regions["eeca"], codebook, suites, project)
    assert outcome.is_valid and outcome.is_coded, outcome.problems
    coding = pd.read_csv(project.processed / "eeca" / "coding.csv", dtype=str)
    assert len(coding) == 1 and coding.loc[0, "is_publishable"] == "True"


def test_coding_sheet_needs_a_real_export(project):
    result = cli(project, "coding-sheet", "eeca")
    assert result.returncode == 1
    assert "no real export for this region" in result.stderr


def test_a_real_export_is_never_coded_by_the_synthetic_sheet(run_with_export):
    outcome = run_with_export("eeca", EXPORT)
    assert outcome.is_valid and not outcome.is_coded
    assert list(outcome.inputs) == ["data/raw/exports/eeca.csv"]


def test_a_coding_sheet_as_both_csv_and_xlsx_is_refused(run_with_export, project):
    coding = (REPO.coding / "eeca.csv").read_bytes()
    (project.exports / "coding").mkdir(parents=True)
    pd.read_csv(REPO.coding / "eeca.csv", dtype=str).to_excel(
        project.exports / "coding" / "eeca.xlsx", index=False
    )
    outcome = run_with_export("eeca", EXPORT, coding=coding)
    assert not outcome.is_valid
    message = str(outcome.problems[0])
    assert "data/raw/exports/coding/eeca.xlsx" in message
    assert "data/raw/exports/coding/eeca.csv exists too: keep only one" in message


@pytest.mark.parametrize("row", [3, 9])
def test_a_real_export_saved_over_the_synthetic_one_is_refused(
    project, codebook, regions, suites, row
):
    rows = read_rows(project.synthetic / "eeca.csv")
    rows[row - 1][8] = "campaign-2020"  # Custom Data 1 of a real export
    (project.synthetic / "eeca.csv").write_text(rows_to_csv(rows), encoding="utf-8")
    outcome = process_region(regions["eeca"], codebook, suites, project)
    assert not outcome.is_valid
    problem = outcome.problems[0]
    assert (problem.file, problem.row, problem.column) == (
        "data/raw/synthetic/eeca.csv",
        row,
        "Custom Data 1",
    )
    assert "data/raw/exports/<region id>.csv" in problem.message
    assert "campaign-2020" not in str(problem)
    assert not (project.processed / "eeca").exists()
