"""The expectations gate: Great Expectations suites run on every table of a region.

Suites live as JSON in ``expectations/`` (one per table); what differs between
regions (the region's countries, the respondent ids a coding sheet may cite)
is passed as suite parameters. Each failed expectation becomes a
:class:`~wud_briefings.errors.Problem` naming file, row and column. Nothing
GX renders or stores may show cell values: Data Docs are built from a
value-free run, and only a table that fails is validated again in detail, in
memory, to name the faulty rows.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from wud_briefings.errors import Problem

TABLES = ("respondents", "barrier_ranks", "coding")
DOCS_SITE = "gate"
COMPLETE = {"result_format": "COMPLETE", "unexpected_index_column_names": ["source_row"]}


@dataclass(frozen=True)
class TableCheck:
    """One table to validate and how to report its faults to a person."""

    name: str  # the suite's name
    frame: pd.DataFrame
    file: str  # the file shown in messages
    headers: dict[str, str]  # variable -> the column as the file names it
    respondents: dict[int, str]  # source row -> raw respondent id, for the console only


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


def _context(docs_dir: Path) -> Any:
    gx = _quiet_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site in list(context.get_site_names()):
        context.delete_data_docs_site(site)
    context.add_data_docs_site(
        DOCS_SITE,
        {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return context


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
        column = " and ".join(check.headers.get(c, c) for c in columns)
        failing = (outcome.result or {}).get("unexpected_index_list") or []
        if not failing:
            problems.append(Problem(check.file, message, column=column))
        for entry in failing:
            row = int(entry["source_row"])
            found = entry.get(columns[0]) if len(columns) == 1 else None
            problems.append(
                Problem(
                    check.file,
                    message,
                    row=row,
                    column=column,
                    respondent=check.respondents.get(row),
                    found=None if found is None else str(found),
                )
            )
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
    docs_dir: Path,
) -> GateResult:
    """Validate every table with its suite; write value-free Data Docs to ``docs_dir``."""
    gx = _quiet_gx()
    from great_expectations.core import ExpectationSuite
    from great_expectations.core.run_identifier import RunIdentifier

    context = _context(docs_dir)
    source = context.data_sources.add_pandas("survey")
    definitions = {}
    for check in checks:
        suite = context.suites.add(ExpectationSuite(**suites[check.name]))
        batch = source.add_dataframe_asset(check.name).add_batch_definition_whole_dataframe("all")
        definitions[check.name] = context.validation_definitions.add(
            gx.ValidationDefinition(name=check.name, data=batch, suite=suite)
        )

    def run(check: TableCheck, result_format: Any, **kwargs: Any) -> Any:
        return definitions[check.name].run(
            batch_parameters={"dataframe": check.frame},
            expectation_parameters=parameters,
            result_format=result_format,
            **kwargs,
        )

    # A value-free run first: Data Docs are built from it and nothing else.
    run_id = RunIdentifier(run_name="gate")
    verdicts = {check.name: run(check, "BOOLEAN_ONLY", run_id=run_id) for check in checks}
    context.build_data_docs(site_names=[DOCS_SITE])
    # Only a failed table is validated again, in detail, to locate its faulty rows.
    problems, summaries = [], []
    for check in checks:
        result = verdicts[check.name]
        if not result.success:
            result = run(check, COMPLETE)
            problems += _problems(check, result, wording)
        summaries.append(_summary(result))
    return GateResult(problems, summaries)
