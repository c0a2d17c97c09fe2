"""One test per kind of bad export: the region is refused with a message naming
file, row and column, nothing is written to data/processed/, and what was
built before is left intact."""

from __future__ import annotations

import re

import pytest

from support.project import REPO
from support.rows import read_rows, rows_to_csv

SHOWN = "data/raw/exports/eeca.csv"


@pytest.fixture
def eeca_rows() -> list[list[str]]:
    return read_rows(REPO.synthetic / "eeca.csv")


def column(rows: list[list[str]], subheader: str, nth: int = 0) -> int:
    return [i for i, s in enumerate(rows[1]) if s == subheader][nth]


def refused(outcome, pattern: str, project) -> str:
    """Assert the region failed with a problem matching pattern; return all messages."""
    messages = "\n".join(str(p) for p in outcome.problems)
    assert not outcome.is_valid
    assert re.search(pattern, messages), messages
    assert "found" not in messages and "respondent 1" not in messages  # no value, no id
    assert not (project.processed / "eeca").exists()
    return messages


def test_empty_file(run_with_export, project):
    refused(run_with_export("eeca", b""), rf"{SHOWN}: the file is empty", project)


def test_header_rows_only(run_with_export, project, eeca_rows):
    outcome = run_with_export("eeca", rows_to_csv(eeca_rows[:2]).encode())
    refused(outcome, rf"{SHOWN}, row 3: no responses", project)


def test_single_header_row_old_format(run_with_export, project, eeca_rows):
    outcome = run_with_export("eeca", rows_to_csv([eeca_rows[0], *eeca_rows[2:]]).encode())
    refused(outcome, rf"{SHOWN}, row 2: only one header row", project)


def test_not_a_csv_at_all(run_with_export, project):
    outcome = run_with_export("eeca", b"%PDF-1.7\n\x00\x01binary\x00")
    refused(outcome, rf"{SHOWN}: not a text file", project)


def test_prose_is_not_an_export(run_with_export, project):
    outcome = run_with_export("eeca", b"Dear colleagues,\nplease find the results.\n")
    refused(outcome, rf"{SHOWN}, row 1: not a SurveyMonkey export", project)


def test_missing_question_column(run_with_export, project, eeca_rows):
    gaps = len(eeca_rows[0]) - 1
    rows = [row[:gaps] for row in eeca_rows]
    refused(
        run_with_export("eeca", rows_to_csv(rows).encode()),
        rf"{SHOWN}, row 1: missing question 7: expected a column 'What are the most",
        project,
    )


def test_truncated_row(run_with_export, project, eeca_rows):
    eeca_rows[5] = eeca_rows[5][:12]
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 6: truncated or overlong row: 12 cells where the header has 26",
        project,
    )


def test_duplicate_respondent_id(run_with_export, project, eeca_rows):
    eeca_rows[4][0] = eeca_rows[3][0]
    messages = refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 4, column 'Respondent ID': the respondent id appears more than once",
        project,
    )
    assert "row 5" in messages


def test_country_outside_the_region(run_with_export, project, eeca_rows):
    eeca_rows[6][column(eeca_rows, "Response")] = "France"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 7, column 'In which country are you based\? / "
        r"Response': the country is outside Eastern Europe and Central Asia",
        project,
    )


def test_not_a_country(run_with_export, project, eeca_rows):
    eeca_rows[6][column(eeca_rows, "Response")] = "Atlantis"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 7, .*: not a recognised country name",
        project,
    )


def test_answer_outside_its_choices(run_with_export, project, eeca_rows):
    eeca_rows[3][column(eeca_rows, "Response", 1)] = "Maybe"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 4, column 'Do you identify as a woman who uses "
        r"drugs\? / Response': expected one of 'Yes', 'No', 'Prefer not to say'",
        project,
    )


def test_required_answer_missing(run_with_export, project, eeca_rows):
    eeca_rows[3][column(eeca_rows, "Response", 3)] = ""
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 4, column 'Do you know of .*': the answer is missing",
        project,
    )


def test_rank_of_four(run_with_export, project, eeca_rows):
    eeca_rows[2][column(eeca_rows, "Stigma and discrimination")] = "4"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 3, column 'Rank the top three .*': not a rank of the top three; "
        "expected 1, 2 or 3",
        project,
    )


def test_non_numeric_rank(run_with_export, project, eeca_rows):
    eeca_rows[2][column(eeca_rows, "Cost of services")] = "first"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 3, column 'Rank the top three .* / Cost of services': not a rank: "
        "expected 1, 2 or 3, or blank when the issue was not ranked",
        project,
    )


def test_rank_one_used_twice(run_with_export, project, eeca_rows):
    eeca_rows[2][column(eeca_rows, "Police harassment")] = "1"
    messages = refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 3, .*: the same rank is given to more than one issue",
        project,
    )
    assert "row 4" not in messages


def test_end_before_start(run_with_export, project, eeca_rows):
    eeca_rows[2][3] = "01/01/2020 09:00:00 AM"
    refused(
        run_with_export("eeca", rows_to_csv(eeca_rows).encode()),
        rf"{SHOWN}, row 3, column 'End Date and Start Date': the end date is before",
        project,
    )


def test_coding_row_for_unknown_respondent(run_with_export, project, eeca_rows):
    coding = (REPO.coding / "eeca.csv").read_text(encoding="utf-8")
    coding += "99999999999,gaps,stigma,An excerpt.,yes\n"
    lines = coding.count("\n")
    outcome = run_with_export("eeca", rows_to_csv(eeca_rows).encode(), coding=coding.encode())
    refused(
        outcome,
        rf"data/raw/exports/coding/eeca.csv, row {lines}"
        r", column 'respondent_id': refers to a respondent who is not in the export",
        project,
    )


def test_unknown_code_in_coding_sheet(run_with_export, project, eeca_rows):
    coding = (
        (REPO.coding / "eeca.csv").read_text(encoding="utf-8").replace(",stigma,", ",stgma,", 1)
    )
    outcome = run_with_export("eeca", rows_to_csv(eeca_rows).encode(), coding=coding.encode())
    refused(
        outcome, r"coding/eeca.csv, row \d+, column 'code': not a code of the codebook", project
    )


def test_a_translation_that_adds_a_number_or_a_place_is_refused(
    run_with_export, project, eeca_rows
):
    """A translation is published like its excerpt: it may say nothing the respondent did
    not, such as an age or a country (here, the Georgian respondent's own country)."""
    rows = read_rows(REPO.coding / "eeca.csv")
    english = rows[0].index("translation_en")
    georgian = next(n for n, r in enumerate(rows) if r[3].startswith("Программы обмена шприцев"))
    rows[georgian][english] += " We are 23 women in Georgia."
    outcome = run_with_export(
        "eeca", rows_to_csv(eeca_rows).encode(), coding=rows_to_csv(rows).encode()
    )
    refused(
        outcome,
        rf"coding/eeca.csv, row {georgian + 1}, column 'translation_en': the translation names a "
        "number or a place that its excerpt does not",
        project,
    )
    assert "23 women" not in "\n".join(map(str, outcome.problems))


def test_an_excerpt_in_a_language_briefings_are_not_published_in_is_refused(
    run_with_export, project, eeca_rows
):
    rows = read_rows(REPO.coding / "eeca.csv")
    rows[2][rows[0].index("language")] = "ky"
    outcome = run_with_export(
        "eeca", rows_to_csv(eeca_rows).encode(), coding=rows_to_csv(rows).encode()
    )
    refused(
        outcome, r"coding/eeca.csv, row 3, column 'language': expected one of en, es, ru", project
    )


def test_a_bad_export_keeps_the_previous_build(run_with_export, project, eeca_rows):
    good = run_with_export("eeca", rows_to_csv(eeca_rows).encode())
    assert good.is_valid
    before = {p.name: p.read_bytes() for p in (project.processed / "eeca").iterdir()}
    bad = run_with_export("eeca", b"")
    assert not bad.is_valid
    after = {p.name: p.read_bytes() for p in (project.processed / "eeca").iterdir()}
    assert after == before


def test_messages_and_reports_have_no_values_or_ids(run_with_export, project, eeca_rows):
    eeca_rows[3][column(eeca_rows, "Response", 1)] = "Maybe"
    eeca_rows[6][column(eeca_rows, "Response")] = "olga.k@mail.example"  # typed in the wrong box
    outcome = run_with_export("eeca", rows_to_csv(eeca_rows).encode())
    console = "\n".join(str(p) for p in outcome.problems)
    assert "row 4" in console and "row 7" in console
    report = (project.validation / "eeca.json").read_text(encoding="utf-8")
    assert "row 4" in report
    for text in (console, report):
        assert "Maybe" not in text and "olga" not in text
        assert not any(row[0] in text for row in eeca_rows[2:])
