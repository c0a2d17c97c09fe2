"""Read a SurveyMonkey "all individual responses" export into typed tables.

An export has two header rows (question text, then sub-header) and one row per
respondent. The reader maps each column to a codebook variable, refuses files
whose structure is wrong (not an export, a missing question, truncated rows),
and leaves value checks to the expectations gate. Direct identifiers are
recognised only so that they can be left behind: they never enter the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from wud_briefings.core.errors import InputError, Problem
from wud_briefings.ingest.coding import empty_coding
from wud_briefings.ingest.decode import Cell, Grid, read_grid
from wud_briefings.survey.codebook import Codebook, Question, clean_label, normalise_label
from wud_briefings.survey.countries import to_iso3
from wud_briefings.survey.regions import Region

DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
)
NOT_RANKED = {"", "0", "n/a", "na"}
SYNTHETIC_MARK = "FAKE-CUSTOM-"  # what every synthetic row holds in 'Custom Data 1'


@dataclass(frozen=True)
class SurveyTables:
    """One region's survey as typed tables, before protection and the gate.

    ``respondents`` has one row per respondent, ``barrier_ranks`` one row per
    (respondent, issue ranked) and ``coding`` one row per coded excerpt. Each
    row keeps ``source_row``, its line in the file, so faults can be located.
    """

    respondents: pd.DataFrame
    barrier_ranks: pd.DataFrame
    coding: pd.DataFrame
    headers: dict[str, str]  # variable -> the export's header for it, for messages


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds which variable, and each column's header text."""

    by_variable: dict[str, int]
    rank_options: dict[str, int]
    headers: list[str]

    def header(self, variable: str) -> str:
        return self.headers[self.by_variable[variable]]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d")
    return str(cell).replace("\u00a0", " ").strip()


def _forward_filled(questions: list[Cell]) -> list[str]:
    """Row 1 with each multi-column question's text repeated over its blank continuations."""
    filled, current = [], ""
    for cell in questions:
        current = clean_label(cell) or current
        filled.append(current)
    return filled


def map_columns(grid: Grid, codebook: Codebook, region: Region, shown: str) -> ColumnMap:
    """Match the two header rows against the codebook, or say what is wrong."""
    languages = region.survey_languages
    first = [normalise_label(c) for c in grid[0]]
    if "respondent id" not in first and not any(
        isinstance(c, str) and codebook.metadata_variable(c, languages) == "respondent_id"
        for c in grid[0]
    ):
        raise InputError.single(
            shown, "not a SurveyMonkey export: row 1 has no 'Respondent ID' column", row=1
        )
    if len(grid) < 2 or not any(codebook.subheader_kind(_text(c), languages) for c in grid[1]):
        raise InputError.single(
            shown,
            "only one header row: expected a SurveyMonkey "
            "'expanded' export whose row 2 holds sub-headers such as "
            "'Response' and 'Open-Ended Response'",
            row=2,
        )
    questions = _forward_filled(grid[0])
    subheaders = [clean_label(c) for c in grid[1]] + [""] * (len(questions) - len(grid[1]))
    by_variable: dict[str, int] = {}
    rank_options: dict[str, int] = {}
    headers = []
    for index, (question_text, subheader) in enumerate(zip(questions, subheaders, strict=True)):
        headers.append(f"{question_text} / {subheader}" if subheader else question_text)
        variable = _column_variable(codebook, languages, question_text, subheader)
        if variable is None:
            continue
        target = rank_options if variable.startswith("rank:") else by_variable
        key = variable.removeprefix("rank:")
        if key in target:
            raise InputError.single(shown, f"two columns hold {key!r}", column=headers[-1])
        target[key] = index
    _require_columns(codebook, region, by_variable, rank_options, shown)
    return ColumnMap(by_variable, rank_options, headers)


def _column_variable(
    codebook: Codebook, languages: tuple[str, ...], question_text: str, subheader: str
) -> str | None:
    if not normalise_label(subheader):
        metadata = codebook.metadata_variable(question_text, languages)
        if metadata:
            return metadata
    question = next((q for q in codebook.questions if q.matches(question_text, languages)), None)
    if question is None:
        return None
    kind = codebook.subheader_kind(subheader, languages)
    if question.kind == "ranking":
        option = question.option_code(subheader, languages)
        return f"rank:{option}" if option else None
    if kind == "other_specify" and question.other_column:
        return question.other_column
    if kind == "subnational" and question.kind == "country":
        return "subnational"
    if kind in ("response", "open_ended"):
        return question.variable
    return None


def _require_columns(
    codebook: Codebook,
    region: Region,
    by_variable: dict[str, int],
    rank_options: dict[str, int],
    shown: str,
) -> None:
    problems = []
    for question in codebook.questions:
        if question.kind == "ranking":
            missing = [question.master_option(o) for o in question.options if o not in rank_options]
            if missing:
                problems.append(
                    Problem(
                        shown,
                        f"question {question.number} "
                        f"({question.master_text!r}) lacks the ranking "
                        f"column(s) {missing}",
                        row=2,
                    )
                )
        elif question.variable not in by_variable:
            problems.append(
                Problem(
                    shown,
                    f"missing question {question.number}: expected a "
                    f"column {question.master_text!r}",
                    row=1,
                )
            )
    if region.subnational and "subnational" not in by_variable:
        problems.append(
            Problem(
                shown,
                "missing the 'State or province' column of question 1, "
                f"which every {region.name} export has",
                row=2,
            )
        )
    if "respondent_id" not in by_variable:
        problems.append(Problem(shown, "missing the 'Respondent ID' column", row=1))
    if problems:
        raise InputError(problems)


def _parse_date(cell: Cell) -> datetime | None:
    if isinstance(cell, datetime) or cell is None:
        return cell
    text = _text(cell)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _parse_rank(cell: Cell) -> int | None:
    text = _text(cell).casefold()
    if text in NOT_RANKED:
        return None
    number = float(text)  # ValueError for anything that is not a number
    if not number.is_integer():
        raise ValueError(text)
    return int(number) or None


def _data_rows(grid: Grid, width: int, shown: str) -> list[tuple[int, list[Cell]]]:
    rows, problems = [], []
    for index, row in enumerate(grid[2:], start=3):
        if not any(_text(c) for c in row):
            continue
        if len(row) != width:
            problems.append(
                Problem(
                    shown,
                    f"truncated or overlong row: {len(row)} cells where the header has {width}",
                    row=index,
                )
            )
        rows.append((index, row))
    if problems:
        raise InputError(problems)
    if not rows:
        raise InputError.single(shown, "no responses: the file has header rows but no data", row=3)
    return rows


def _choice(question: Question, cell: Cell, languages: tuple[str, ...]) -> str | None:
    """The answer's code; unknown answers pass through for the gate to report."""
    text = _text(cell)
    if not text:
        return None
    return question.choice_code(text, languages) or text


@dataclass
class _RowReader:
    """Turns one data row into a respondent record and rank records, noting problems.

    ``country_aliases`` are the codebook's country names in the survey's
    languages that CLDR lacks, normalised, to ISO alpha-3 codes.
    """

    codebook: Codebook
    columns: ColumnMap
    languages: tuple[str, ...]
    shown: str
    problems: list[Problem]
    country_aliases: dict[str, str]

    def _problem(self, message: str, row: int, column: str) -> None:
        self.problems.append(Problem(self.shown, message, row=row, column=column))

    def respondent(self, source_row: int, row: list[Cell]) -> dict[str, object]:
        cols = self.columns.by_variable
        who = _text(row[cols["respondent_id"]]) or None
        country = _text(row[cols["country"]])
        record: dict[str, object] = {
            "source_row": source_row,
            "respondent_id": who,
            "country_name": country or None,
            "country_iso3": to_iso3(country, self.languages, self.country_aliases),
            "subnational": _text(row[cols["subnational"]]) or None
            if "subnational" in cols
            else None,
        }
        for variable in ("start_date", "end_date"):
            cell = row[cols[variable]] if variable in cols else None
            record[variable] = _parse_date(cell)
            if _text(cell) and record[variable] is None:
                self._problem(
                    "not a date: expected e.g. '07/14/2019 06:03:59 PM'",
                    source_row,
                    self.columns.header(variable),
                )
        for question in self.codebook.questions:
            cell = row[cols[question.variable]] if question.variable in cols else None
            if question.kind == "single_choice":
                record[question.variable] = _choice(question, cell, self.languages)
            elif question.kind == "open_ended":
                record[question.variable] = _text(cell) or None
            if question.other_column:
                other = cols.get(question.other_column)
                record[question.other_column] = _text(row[other]) or None if other else None
        return record

    def ranks(self, source_row: int, row: list[Cell], who: object) -> list[dict[str, object]]:
        records = []
        for issue, index in self.columns.rank_options.items():
            try:
                rank = _parse_rank(row[index])
            except ValueError:
                self._problem(
                    "not a rank: expected 1, 2 or 3, or blank when the issue was not ranked",
                    source_row,
                    self.columns.headers[index],
                )
                continue
            if rank is not None:
                records.append(
                    {
                        "source_row": source_row,
                        "respondent_id": who,
                        "issue": issue,
                        "barrier_rank": rank,
                    }
                )
        return records


def _require_synthetic(rows: list[tuple[int, list[Cell]]], columns: ColumnMap, shown: str) -> None:
    """Refuse a real export saved where synthetic data lives (tracked, labelled synthetic)."""
    column = columns.by_variable.get("custom_data_1")
    for source_row, row in rows:
        if column is None or not _text(row[column]).startswith(SYNTHETIC_MARK):
            raise InputError.single(
                shown,
                f"this row is not synthetic (synthetic rows hold '{SYNTHETIC_MARK}…' here): a "
                "real export must never be saved in data/raw/synthetic/, which git tracks and "
                "briefings label synthetic; save it as data/raw/exports/<region id>.csv or "
                ".xlsx (git-ignored) and restore this file with `make synth`",
                row=source_row,
                column="Custom Data 1",
            )


def read_export(
    path: Path, codebook: Codebook, region: Region, shown: str, *, is_synthetic: bool = False
) -> SurveyTables:
    """Read one region's export into respondents and barrier-rank tables."""
    grid = read_grid(path, shown)
    columns = map_columns(grid, codebook, region, shown)
    languages = region.survey_languages
    reader = _RowReader(
        codebook, columns, languages, shown, [], codebook.country_alias_codes(languages)
    )
    respondents, ranks = [], []
    rows = _data_rows(grid, len(grid[0]), shown)
    if is_synthetic:
        _require_synthetic(rows, columns, shown)
    for source_row, row in rows:
        respondents.append(reader.respondent(source_row, row))
        ranks += reader.ranks(source_row, row, respondents[-1]["respondent_id"])
    if reader.problems:
        raise InputError(reader.problems)
    headers = {v: columns.headers[i] for v, i in columns.by_variable.items()}
    headers["barrier_rank"] = columns.headers[min(columns.rank_options.values())]
    headers["country_name"] = headers["country_iso3"] = headers["country"]
    return SurveyTables(_respondent_frame(respondents), _rank_frame(ranks), empty_coding(), headers)


def _respondent_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    for column in ("start_date", "end_date"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame.astype({"source_row": "int64"})


def _rank_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    columns = ["source_row", "respondent_id", "issue", "barrier_rank"]
    return pd.DataFrame.from_records(records, columns=columns).astype(
        {"source_row": "int64", "barrier_rank": "int64"}
    )
