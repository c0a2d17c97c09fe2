"""The gate's verdict is reused only while nothing it depends on has changed.

Builds here set placeholder PDFs: the gate, not the PDF, is what they are about.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from support.project import PLACEHOLDER, copy_project, run_build
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.ingest.protection.pseudonyms import KEY_VARIABLE
from wud_briefings.process.gate_cache import PACKAGE, gate_key, stages_digest
from wud_briefings.process.region import cached_region, process_region
from wud_briefings.publish.engine.gate_child import recorded_verdict, validate_region
from wud_briefings.survey.regions import load_regions

POLICY = DisclosurePolicy(3)


@pytest.fixture
def processed(tmp_path, codebook, regions, suites) -> ProjectPaths:
    """eeca gated and processed once in a project copy."""
    paths = copy_project(tmp_path / "p")
    assert process_region(regions["eeca"], codebook, suites, paths).is_valid
    return paths


def cached(paths: ProjectPaths):
    return cached_region(load_regions(paths)["eeca"], paths)


def test_a_passed_region_records_its_key_and_its_verdict_is_reused(processed):
    provenance = json.loads((processed.processed_region("eeca") / "provenance.json").read_text())
    assert len(provenance["gate"]["key"]) == 64
    assert set(provenance["gate"]["files"]) == {
        "respondents.csv",
        "barrier_ranks.csv",
        "coding.csv",
    }
    outcome = cached(processed)
    assert outcome is not None and outcome.gate_cached and outcome.is_valid
    assert outcome.counts == provenance["counts"]
    assert outcome.inputs == provenance["inputs"]
    assert outcome.is_synthetic and outcome.is_coded and not outcome.problems


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _rename_region(paths: ProjectPaths, region_id: str) -> None:
    data = yaml.safe_load(paths.regions.read_text(encoding="utf-8"))
    for entry in data["regions"]:
        if entry["id"] == region_id:
            entry["name"]["en"] += " (renamed)"
    paths.regions.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _encrypted_export_beside(paths: ProjectPaths) -> None:
    """A real export committed encrypted, with no identity to read it: the region is still
    built from its synthetic export, and the report now says why."""
    paths.exports.mkdir(parents=True, exist_ok=True)
    (paths.exports / "eeca.csv.age").write_bytes(b"age-encryption.org/v1\n")


def _respace_suite(paths: ProjectPaths) -> None:
    suite = paths.expectations / "coding.json"
    suite.write_text(json.dumps(json.loads(suite.read_text(encoding="utf-8")), indent=1))


CHANGES: dict[str, Callable[[ProjectPaths], None]] = {
    "the export": lambda p: _append(p.synthetic / "eeca.csv", "\r\n"),
    "the coding sheet": lambda p: _append(p.coding / "eeca.csv", "\n"),
    "a suite": _respace_suite,
    "an encrypted real export beside the synthetic one": _encrypted_export_beside,
    "the codebook": lambda p: _append(p.codebook, "\n# edited\n"),
    "the region's entry in regions.yaml": lambda p: _rename_region(p, "eeca"),
    "a processed table": lambda p: _append(p.processed_region("eeca") / "coding.csv", "\n"),
    "the validation report": lambda p: _append(p.validation / "eeca.json", "\n"),
    "the validation page (deleted)": lambda p: (p.validation / "eeca" / "index.html").unlink(),
    "the processed folder (deleted)": lambda p: shutil.rmtree(p.processed_region("eeca")),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_the_gate_would_see_drops_the_cached_verdict(processed, change):
    assert cached(processed) is not None
    CHANGES[change](processed)
    assert cached(processed) is None


def test_another_region_s_entry_in_regions_yaml_keeps_the_verdict(processed):
    _rename_region(processed, "asia")
    assert cached(processed) is not None


def test_a_real_export_s_verdict_follows_its_pseudonym_key(tmp_path, regions, monkeypatch):
    from wud_briefings.gate.suites import load_suites
    from wud_briefings.survey.codebook import Codebook

    paths = copy_project(tmp_path / "p")
    paths.exports.mkdir(parents=True)
    shutil.copy2(paths.synthetic / "eeca.csv", paths.exports / "eeca.csv")
    suites, codebook = load_suites(paths.expectations), Codebook.load(paths.codebook)
    assert process_region(regions["eeca"], codebook, suites, paths).is_valid
    assert cached(paths) is not None and not cached(paths).is_synthetic
    provenance = (paths.processed_region("eeca") / "provenance.json").read_text()
    assert os.environ[KEY_VARIABLE] not in provenance  # the key itself is never stored
    monkeypatch.setenv(KEY_VARIABLE, "another key, as on another machine")
    assert cached(paths) is None
    monkeypatch.delenv(KEY_VARIABLE)  # no key at all yet: the gate must run and make one
    assert cached(paths) is None


def test_only_the_stages_before_analysis_are_in_the_key(processed, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    region = load_regions(processed)["eeca"]
    inputs = {"data/raw/synthetic/eeca.csv": "0" * 64}

    def key() -> str:
        stages_digest.cache_clear()
        return gate_key(region, inputs, processed, "fingerprint", package=package)

    before = key()
    for later in (
        "analysis/display/plots.py",
        "publish/rendering/render.py",
        "dev/bench.py",
        "cli.py",
    ):
        _append(package / later, "\n# an edit the gate cannot see\n")
    assert key() == before
    for stage in ("core", "survey", "ingest", "ingest/protection", "gate", "process"):
        edited = sorted((package / stage).glob("*.py"))[-1]
        original = edited.read_text(encoding="utf-8")
        _append(edited, "\n# an edit that can change what the gate sees\n")
        assert key() != before, f"an edit of {stage}/ left the key unchanged"
        edited.write_text(original, encoding="utf-8")
        assert key() == before
    stages_digest.cache_clear()


def test_a_recorded_verdict_is_read_without_gating_and_the_gate_child_gates_afresh(processed):
    report = processed.validation / "eeca.json"
    stamp = report.stat().st_mtime_ns
    outcome, figures, _ = recorded_verdict(load_regions(processed)["eeca"], processed, POLICY)
    assert outcome.gate_cached and figures and figures["respondents"] == 17
    assert report.stat().st_mtime_ns == stamp
    outcome, again, _ = validate_region(str(processed.root), "eeca", POLICY)
    assert not outcome.gate_cached and outcome.is_valid and again == figures
    assert report.stat().st_mtime_ns != stamp
    export = processed.synthetic / "eeca.csv"
    export.write_bytes(export.read_bytes() + b"\n")  # a changed input: the record no longer holds
    assert recorded_verdict(load_regions(processed)["eeca"], processed, POLICY) is None


def test_a_changed_suite_gates_the_region_again_in_the_build(builds, tmp_path):
    """Oceania: one edition, the cheapest region to build; its first build is the
    session's, copied with its files' times (its verdict and report the gate's). (That a
    notebook edit rebuilds a region without gating it again is checked in
    test_build_engine.py, on the notebook edit made there.)"""
    built = builds.copy(builds.built(["oceania"], pdf=PLACEHOLDER), tmp_path / "p")
    paths, first = built.paths, built.report
    assert first.entries["oceania"].status == "built"
    report = paths.validation / "oceania.json"
    stamp = report.stat().st_mtime_ns

    _respace_suite(paths)  # a suite changed: the gate runs again
    again, log = run_build(paths, ["oceania"], pdf=PLACEHOLDER)
    assert again.rebuilt == ["oceania"] and "(cached)" not in log
    assert report.stat().st_mtime_ns != stamp
    entry = again.entries["oceania"]
    assert "validate_s" in entry.timings and "validate_cached_s" not in entry.timings
    assert entry.headline == first.entries["oceania"].headline
    assert entry.validation_page == "validation/oceania/index.html"
