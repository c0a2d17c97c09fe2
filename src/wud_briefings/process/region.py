"""One region from raw export to processed tables: read, protect, gate, write.

A region whose input is refused (by the reader or the gate) writes nothing to
``data/processed/``; its previous processed tables, if any, stay as they were.
Every region leaves a value-free validation report in ``outputs/validation/``.
A region that passed records the key of its verdict (see :mod:`.gate_cache`), so
that a build whose changes the gate would not see reuses it (:func:`cached_region`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from wud_briefings.core.atomic import write_bytes_atomic, write_json_atomic
from wud_briefings.core.digests import file_hashes
from wud_briefings.core.encryption import clear_path
from wud_briefings.core.errors import InputError, Problem
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE
from wud_briefings.core.paths import INDEX, PROVENANCE, ProjectPaths
from wud_briefings.gate.report_page import write_report_page
from wud_briefings.gate.suites import GateResult, TableCheck, run_gate
from wud_briefings.ingest.coding import TRANSLATION_COLUMNS, read_coding_sheet
from wud_briefings.ingest.export import SurveyTables, read_export
from wud_briefings.ingest.protection.protect import protect
from wud_briefings.ingest.protection.pseudonyms import key_fingerprint, pseudonym_key
from wud_briefings.process.gate_cache import gate_key, gate_record, verdict_is_current
from wud_briefings.process.provenance import Provenance
from wud_briefings.process.tables import FILES, to_csv_bytes
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.countries import short_name
from wud_briefings.survey.regions import Region, RegionInputs, locate_inputs

WUD_AS_BOOL = {"yes": True, "no": False, "prefer_not_to_say": pd.NA}


@dataclass
class RegionOutcome:
    """What happened to one region, for the console, the index and the manifest."""

    region_id: str
    is_valid: bool
    inputs: dict[str, str]  # file as shown -> SHA-256
    is_synthetic: bool
    is_coded: bool  # whether a coding sheet of the open answers was given
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    synthetic_reason: str | None = None  # why a region with real inputs was built synthetic
    gate_cached: bool = False  # the verdict of an earlier run of the gate on the same key


def read_region(
    region: Region, inputs: RegionInputs, codebook: Codebook, paths: ProjectPaths
) -> SurveyTables:
    """The region's tables, pseudonymised and redacted."""

    tables = read_export(
        inputs.export,
        codebook,
        region,
        paths.shown(inputs.export),
        is_synthetic=inputs.is_synthetic,
    )
    if inputs.coding is not None:
        tables = replace(
            tables,
            coding=read_coding_sheet(
                inputs.coding, paths.shown(inputs.coding), region.survey_language
            ),
        )
    key = pseudonym_key(paths, inputs.is_synthetic)
    return protect(tables, region, key)


def gate_parameters(region: Region, codebook: Codebook) -> tuple[dict[str, Any], dict[str, str]]:
    """Suite parameters for this region, and the words its messages use.

    Only region and codebook facts: a parameter is stored with GX's results, so no
    respondent id or other cell value may be one.
    """
    parameters: dict[str, Any] = {
        "region_countries": sorted(region.countries),
        "issue_codes": list(codebook.question("barrier_rank").options),
        "coding_questions": list(codebook.coding_questions),
        "codes": sorted(codebook.codes),
        "excerpt_languages": list(LANGUAGES),
    }
    wording = {
        "region_name": region.name,
        "example_countries": ", ".join(sorted(short_name(c) for c in region.countries)[:3]),
        "coding_question_names": " or ".join(codebook.coding_questions),
        "excerpt_language_names": ", ".join(LANGUAGES),
    }
    for question in codebook.questions:
        if question.kind == "single_choice":
            parameters[f"{question.variable}_codes"] = list(question.choices)
            wording[f"{question.variable}_choices"] = ", ".join(
                repr(question.master_choice(c)) for c in question.choices
            )
    return parameters, wording


def _processed_files(tables: SurveyTables) -> dict[str, bytes]:
    respondents = tables.respondents.assign(
        identifies_as_wud=tables.respondents["identifies_as_wud"].map(WUD_AS_BOOL),
        # In English whatever language is in use: the tables are the same for every briefing.
        country_name=tables.respondents["country_iso3"].map(
            lambda iso3: short_name(iso3, SOURCE_LANGUAGE)
        ),
    )
    for column in FILES["respondents"]:
        if column not in respondents:
            respondents[column] = pd.NA
    publishable = tables.coding["publishable"].eq("yes")
    words = ("excerpt", *TRANSLATION_COLUMNS.values())  # what a briefing may print
    coding = tables.coding.assign(
        is_publishable=publishable, **{c: tables.coding[c].where(publishable) for c in words}
    )
    frames = {"respondents": respondents, "barrier_ranks": tables.barrier_ranks, "coding": coding}
    return {f"{name}.csv": to_csv_bytes(frames[name], dtypes) for name, dtypes in FILES.items()}


def _counts(tables: SurveyTables) -> dict[str, int]:
    return {
        "respondents": len(tables.respondents),
        "countries": int(tables.respondents["country_iso3"].nunique()),
        "barrier_ranks": len(tables.barrier_ranks),
        "coded_excerpts": len(tables.coding),
    }


def process_region(
    region: Region,
    codebook: Codebook,
    suites: dict[str, dict[str, Any]],
    paths: ProjectPaths,
    *,
    write: bool = True,
) -> RegionOutcome:
    """Validate one region and, if it passes and ``write`` is set, write its tables."""
    inputs = locate_inputs(region, paths)
    files = [f for f in (inputs.export, inputs.coding) if f is not None]
    # Each input's hash is of the file as the repository holds it: of an encrypted
    # input, its .age, never its clear bytes (published, those would confirm a
    # guessed or leaked copy of the export). It names exactly the committed file.
    outcome = RegionOutcome(
        region.id,
        False,
        file_hashes(paths, files),
        inputs.is_synthetic,
        inputs.coding is not None,
        synthetic_reason=inputs.synthetic_reason,
    )
    try:
        missing = [f for f in files if not f.exists()]
        if missing:
            raise InputError.single(paths.shown(missing[0]), "the file does not exist")
        if inputs.ambiguous:
            raise _ambiguity(inputs, paths)
        tables = read_region(region, inputs, codebook, paths)
    except InputError as error:
        outcome.problems = error.problems
        _write_report(paths, region, outcome, None)
        return outcome
    parameters, wording = gate_parameters(region, codebook)
    checks = [
        TableCheck(
            "respondents",
            tables.respondents,
            paths.shown(inputs.export),
            tables.headers,
        ),
        TableCheck(
            "barrier_ranks",
            tables.barrier_ranks,
            paths.shown(inputs.export),
            tables.headers,
        ),
        TableCheck(
            "coding",
            tables.coding,
            paths.shown(inputs.coding) if inputs.coding else "coding sheet",
            {},
        ),
    ]
    result = run_gate(checks, suites, parameters, wording)
    outcome.problems, outcome.is_valid = result.problems, result.success
    outcome.counts = _counts(tables)
    _write_report(paths, region, outcome, result)
    if outcome.is_valid and write:
        key = _current_key(region, inputs, outcome.inputs, paths)
        _write_processed(paths, region, outcome, tables, result.summaries, key)
    return outcome


def _ambiguity(inputs: RegionInputs, paths: ProjectPaths) -> InputError:
    """Two files compete for one input: CSV and XLSX, or a clear file and its encryption.

    A clear file beside its ``.age`` is refused rather than either preferred: the
    build cannot tell which is current (an edit not yet encrypted, or a colleague's
    newer encryption pulled over an old clear copy), and CI sees only the ``.age``.
    """
    other = inputs.ambiguous[0]
    chosen = inputs.coding if inputs.coding and other.parent == inputs.coding.parent else None
    chosen = chosen or inputs.export
    message = f"{paths.shown(chosen)} exists too: keep only one of them"
    if clear_path(other) == clear_path(chosen):
        message += (
            " (a clear file beside its encryption, and the build cannot tell which is "
            "current: once the .age is committed, move the clear file out of "
            "data/raw/exports/ or delete it)"
        )
    return InputError.single(paths.shown(other), message)


def _current_key(
    region: Region, inputs: RegionInputs, hashes: dict[str, str], paths: ProjectPaths
) -> str | None:
    fingerprint = key_fingerprint(paths, inputs.is_synthetic)
    if fingerprint is None:
        return None
    return gate_key(region, hashes, paths, fingerprint, inputs.synthetic_reason)


def cached_region(region: Region, paths: ProjectPaths) -> RegionOutcome | None:
    """The region's recorded verdict if nothing the gate depends on changed, else None.

    Only a passed verdict is recorded, with the processed tables it wrote; None
    also when an input is missing or ambiguous, or there is no pseudonym key yet
    (the gate then runs and says why).
    """
    inputs = locate_inputs(region, paths)
    files = [f for f in (inputs.export, inputs.coding) if f is not None]
    if inputs.ambiguous or not all(f.exists() for f in files):
        return None
    hashes = file_hashes(paths, files)
    folder = paths.processed_region(region.id)
    try:
        provenance = Provenance.read(folder)
    except (OSError, ValueError):
        return None
    key = _current_key(region, inputs, hashes, paths)
    expected = {f"{name}.csv" for name in FILES}
    if key is None or not verdict_is_current(
        provenance, key, folder, paths.validation_report(region.id), expected
    ):
        return None
    return RegionOutcome(
        region.id,
        True,
        hashes,
        inputs.is_synthetic,
        inputs.coding is not None,
        counts=provenance.counts,
        synthetic_reason=inputs.synthetic_reason,
        gate_cached=True,
    )


def _write_report(
    paths: ProjectPaths, region: Region, outcome: RegionOutcome, result: GateResult | None
) -> None:
    """The region's verdict as JSON and as a page: rules and row numbers, never a value."""
    summaries = result.summaries if result else None
    write_report_page(paths.validation / region.id, region, summaries)
    write_json_atomic(
        paths.validation_report(region.id),
        {
            "region": region.id,
            "success": outcome.is_valid,
            "inputs": outcome.inputs,
            "is_synthetic": outcome.is_synthetic,
            **({"synthetic_reason": outcome.synthetic_reason} if outcome.synthetic_reason else {}),
            "problems": [str(p) for p in outcome.problems],
            "suites": summaries or [],
            "page": f"{region.id}/{INDEX}",
        },
    )


def _write_processed(
    paths: ProjectPaths,
    region: Region,
    outcome: RegionOutcome,
    tables: SurveyTables,
    summaries: list[dict[str, Any]],
    key: str | None,
) -> None:
    """The tables and their provenance, with the gate's key when there is one."""
    target = paths.processed_region(region.id)
    staged = staging_dir(target)
    files = _processed_files(tables)
    for name, data in files.items():
        write_bytes_atomic(staged / name, data)
    provenance = Provenance(
        region=region.id,
        region_name=region.name,
        survey_month=region.survey_month,
        is_synthetic=outcome.is_synthetic,
        is_coded=outcome.is_coded,
        inputs=outcome.inputs,
        counts=outcome.counts,
        checks={s["suite"]: [e["check"] for e in s["expectations"]] for s in summaries},
        gate=None if key is None else gate_record(key, files, paths.validation_report(region.id)),
    )
    write_json_atomic(staged / PROVENANCE, provenance.as_json())
    swap_dir(staged, target)
