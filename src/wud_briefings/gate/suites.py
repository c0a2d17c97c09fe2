"""The expectations gate: Great Expectations suites run on every table of a region.

Suites live as JSON in ``expectations/`` (one per table); what differs between
regions (the region's countries, the codebook's codes) is passed as suite
parameters. No respondent id is ever a parameter: whether a coding row cites a
respondent of the export, or whether a translation adds a number or a place to
its excerpt, is a column the gate adds (see :data:`DERIVED`), which GX checks
like any other. Each failed expectation becomes a
:class:`~wud_briefings.core.errors.Problem` naming file, row and column. GX renders
and stores nothing outside memory; only value-free summaries of its results
leave this module (:mod:`wud_briefings.gate.report_page` renders them).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from wud_briefings.core.errors import Problem
from wud_briefings.ingest.coding import TRANSLATION_COLUMNS
from wud_briefings.ingest.protection.translations import adds_nothing

TABLES = ("respondents", "barrier_ranks", "coding")
COMPLETE = {"result_format": "COMPLETE", "unexpected_index_column_names": ["source_row"]}
CITES_KNOWN_RESPONDENT = "cites_known_respondent"
# Whether each translation adds no number or place to its excerpt (ingest.protection.translations).
ADDS_NOTHING = {column: f"{column}_adds_nothing" for column in TRANSLATION_COLUMNS.values()}
# Columns the gate computes -> the column a person should look at in their file.
DERIVED = {CITES_KNOWN_RESPONDENT: "respondent_id"} | {
    derived: column for column, derived in ADDS_NOTHING.items()
}


@dataclass(frozen=True)
class TableCheck:
    """One table to validate and how to report its faults to a person."""

    name: str  # the suite's name
    frame: pd.DataFrame
    file: str  # the file shown in messages
    headers: dict[str, str]  # variable -> the column as the file names it


@dataclass(frozen=True)
class GateResult:
    """A region's verdict: problems for people, value-free summaries for outputs."""

    problems: list[Problem]
    summaries: list[dict[str, Any]]

    @property
    def success(self) -> bool:
        return not self.problems


def load_suites(folder: Path) -> dict[str, dict[str, Any]]:
    """The suites of ``expectations/``, as the JSON GX writes."""
    return {t: json.loads((folder / f"{t}.json").read_text(encoding="utf-8")) for t in TABLES}


def _quiet_gx() -> Any:
    """Import GX without its INFO chatter and without its global warnings capture."""
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx

    # This module sets its own level to INFO at import time.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    logging.captureWarnings(False)  # GX turns this on for everyone at import
    return gx


def _context() -> Any:
    """An in-memory context with no Data Docs site, so nothing can render the results."""
    gx = _quiet_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site in list(context.get_site_names()):
        context.delete_data_docs_site(site)
    return context


def _cites_known_respondent(coding: pd.DataFrame, respondents: pd.DataFrame) -> pd.Series:
    """Whether each coding row's respondent is in the export; unknown where it has no id.

    A missing id is left unknown, so only the not-null expectation reports it.
    """
    ids = coding["respondent_id"]
    known = ids.isin(set(respondents["respondent_id"].dropna()))
    return known.astype("boolean").mask(ids.isna())


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _own_places(respondents: pd.DataFrame) -> dict[object, str | None]:
    """Each respondent's state or city, as they gave it (None where they gave none)."""
    places = respondents.get("subnational", pd.Series(None, index=respondents.index))
    return dict(zip(respondents["respondent_id"], map(_text, places), strict=True))


def _adds_nothing(
    coding: pd.DataFrame, own_place: dict[object, str | None], column: str
) -> pd.Series:
    """Whether each row's translation in ``column`` adds no number or place to its excerpt;
    unknown where there is no translation (or no excerpt, which another check reports)."""
    return pd.Series(
        [
            adds_nothing(excerpt, translation, own_place.get(respondent))
            if isinstance(excerpt, str) and isinstance(translation, str)
            else None
            for excerpt, translation, respondent in zip(
                coding["excerpt"], coding[column], coding["respondent_id"], strict=True
            )
        ],
        index=coding.index,
        dtype="boolean",
    )


def _with_derived_columns(checks: list[TableCheck]) -> list[TableCheck]:
    """The checks with the coding table's :data:`DERIVED` columns added, computed here."""
    frames = {check.name: check.frame for check in checks}
    coding, respondents = frames["coding"], frames["respondents"]
    own_place = _own_places(respondents)
    derived = {CITES_KNOWN_RESPONDENT: _cites_known_respondent(coding, respondents)} | {
        name: _adds_nothing(coding, own_place, column) for column, name in ADDS_NOTHING.items()
    }
    return [
        replace(check, frame=check.frame.assign(**derived)) if check.name == "coding" else check
        for check in checks
    ]


def _columns(kwargs: dict[str, Any]) -> list[str]:
    if "column" in kwargs:
        return [kwargs["column"]]
    if "column_A" in kwargs:
        return [kwargs["column_A"], kwargs["column_B"]]
    return list(kwargs.get("column_list", []))


def _problems(check: TableCheck, result: Any, wording: dict[str, str]) -> list[Problem]:
    problems = []
    for outcome in result.results:
        if outcome.success:
            continue
        config = outcome.expectation_config
        message = config.meta.get("message", config.type).format(**wording)
        columns = _columns(config.kwargs)
        shown = [DERIVED.get(c, c) for c in columns]
        column = " and ".join(check.headers.get(c, c) for c in shown)
        failing = (outcome.result or {}).get("unexpected_index_list") or []
        if not failing:
            problems.append(Problem(check.file, message, column=column))
        problems += [
            Problem(check.file, message, row=int(entry["source_row"]), column=column)
            for entry in failing
        ]
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))


def _summary(result: Any) -> dict[str, Any]:
    """What a validation showed, without a single cell value."""
    return {
        "suite": result.suite_name,
        "success": bool(result.success),
        "expectations": [
            {
                "expectation": r.expectation_config.type,
                "check": r.expectation_config.meta.get("check", r.expectation_config.type),
                "columns": _columns(r.expectation_config.kwargs),
                "success": bool(r.success),
                "unexpected_count": (r.result or {}).get("unexpected_count"),
                "rows": sorted(
                    int(i["source_row"])
                    for i in (r.result or {}).get("unexpected_index_list") or []
                ),
            }
            for r in result.results
        ],
    }


def run_gate(
    checks: list[TableCheck],
    suites: dict[str, dict[str, Any]],
    parameters: dict[str, Any],
    wording: dict[str, str],
) -> GateResult:
    """Validate every table with its suite, locating each faulty row in memory."""
    gx = _quiet_gx()
    from great_expectations.core import ExpectationSuite

    context = _context()
    source = context.data_sources.add_pandas("survey")
    problems, summaries = [], []
    for check in _with_derived_columns(checks):
        suite = context.suites.add(ExpectationSuite(**suites[check.name]))
        batch = source.add_dataframe_asset(check.name).add_batch_definition_whole_dataframe("all")
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=check.name, data=batch, suite=suite)
        )
        result = definition.run(
            batch_parameters={"dataframe": check.frame},
            expectation_parameters=parameters,
            result_format=COMPLETE,
        )
        problems += _problems(check, result, wording)
        summaries.append(_summary(result))
    return GateResult(problems, summaries)
