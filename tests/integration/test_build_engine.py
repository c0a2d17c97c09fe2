"""The build engine is incremental: it redoes a region when, and only when, something it
depends on changed. (Killed builds: test_build_killed.py; byte identity:
test_build_reproducible.py.)

The builds set placeholder PDFs (still written, hashed and swapped in like real
ones): what is checked is which regions a build redoes and which bytes it leaves.
"""

from __future__ import annotations

import json

import pytest

from support.outputs import edit_export, output_bytes
from support.project import PLACEHOLDER, run_build
from wud_briefings.core.checksums import sha256_file

REGIONS = ["eeca", "asia"]


@pytest.fixture(scope="module")
def incremental(builds, tmp_path_factory):
    """eeca and asia built (the session's build of them), copied for this module to change."""
    built = builds.copy(
        builds.built(REGIONS, pdf=PLACEHOLDER), tmp_path_factory.mktemp("incremental") / "p"
    )
    return built.paths, built.report


def test_first_build_builds_everything(incremental):
    _, first = incremental
    assert sorted(first.rebuilt) == sorted(REGIONS) and not first.failed


def test_unchanged_tree_executes_nothing(incremental):
    paths, _ = incremental
    before = output_bytes(paths, REGIONS)
    report, log = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    assert report.rebuilt == []
    assert log.count("up to date") == len(REGIONS) and "executing" not in log
    assert output_bytes(paths, REGIONS) == before


def test_changing_one_export_rebuilds_that_region_alone(incremental):
    paths, _ = incremental
    eeca_before = output_bytes(paths, ["eeca"])
    edit_export(paths, "asia")
    report, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    assert report.rebuilt == ["asia"]
    assert output_bytes(paths, ["eeca"]) == eeca_before
    manifest = json.loads((paths.outputs / "manifest.json").read_text())
    assert manifest["regions"]["asia"]["inputs"]["data/raw/synthetic/asia.csv"] == sha256_file(
        paths.synthetic / "asia.csv"
    )


def test_parameters_notebook_and_force_are_dependencies(incremental):
    """--force rebuilds every region; a notebook edit rebuilds one without gating it
    again (the gate's recorded verdict holds, its report is not rewritten, the figures
    and the validation page are the gate's); the locator map's boundaries rebuild it."""
    paths, _ = incremental
    forced, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER, force=True)
    assert sorted(forced.rebuilt) == sorted(REGIONS)
    validation = paths.validation / "asia.json"
    stamp = validation.stat().st_mtime_ns
    notebook = paths.notebooks / "briefing.ipynb"
    notebook.write_text(notebook.read_text().replace("## Respondents", "## Who answered"))
    report, log = run_build(paths, ["asia"], pdf=PLACEHOLDER)
    assert report.rebuilt == ["asia"]
    assert "Who answered" in (paths.outputs / "asia" / "briefing.html").read_text()
    # The notebook is no input of the gate: its verdict is reused, its report not rewritten.
    assert "asia validated (cached)" in log and "asia done" in log
    assert validation.stat().st_mtime_ns == stamp, "the gate ran and rewrote its report"
    entry = report.entries["asia"]
    assert "validate_cached_s" in entry.timings and "validate_s" not in entry.timings
    assert entry.headline == forced.entries["asia"].headline
    assert entry.validation_page == "validation/asia/index.html"
    with paths.boundaries.open("a") as boundaries:  # the locator map's input
        boundaries.write("\n")
    report, _ = run_build(paths, ["asia"], pdf=PLACEHOLDER)
    assert report.rebuilt == ["asia"]
