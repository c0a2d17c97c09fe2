"""The build engine: incremental, atomic under SIGKILL, byte-reproducible, parallel-safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from pypdf import PdfReader

from conftest import copy_project, run_build
from wud_briefings.paths import ROOT_VARIABLE

REGIONS = ["eeca", "asia"]


def edit_export(paths, region_id: str, n: int = 1) -> None:
    export = paths.synthetic / f"{region_id}.csv"
    text = export.read_text(encoding="utf-8")
    export.write_text(
        text.replace("for details.", f"for details ({n}).", 1)
        if "for details." in text
        else text + "\r\n",
        encoding="utf-8",
    )


def output_bytes(paths, region_ids) -> dict[str, bytes]:
    return {
        f"{r}/{name}": (paths.outputs / r / name).read_bytes()
        for r in region_ids
        for name in ("briefing.html", "briefing.pdf", "briefing.ipynb")
    }


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("incremental") / "p")
    first, _ = run_build(paths, REGIONS)
    return paths, first


def test_first_build_builds_everything(incremental):
    _, first = incremental
    assert sorted(first.rebuilt) == sorted(REGIONS) and not first.failed


def test_unchanged_tree_executes_nothing(incremental):
    paths, _ = incremental
    before = output_bytes(paths, REGIONS)
    report, log = run_build(paths, REGIONS)
    assert report.rebuilt == []
    assert log.count("up to date") == len(REGIONS) and "executing" not in log
    assert output_bytes(paths, REGIONS) == before


def test_changing_one_export_rebuilds_that_region_alone(incremental):
    paths, _ = incremental
    eeca_before = output_bytes(paths, ["eeca"])
    edit_export(paths, "asia")
    report, _ = run_build(paths, REGIONS)
    assert report.rebuilt == ["asia"]
    assert output_bytes(paths, ["eeca"]) == eeca_before
    manifest = json.loads((paths.outputs / "manifest.json").read_text())
    assert manifest["regions"]["asia"]["inputs"]["data/raw/synthetic/asia.csv"] == __import__(
        "wud_briefings.checksums"
    ).checksums.sha256_file(paths.synthetic / "asia.csv")


def test_parameters_notebook_and_force_are_dependencies(incremental):
    paths, _ = incremental
    report, _ = run_build(paths, REGIONS, force=True)
    assert sorted(report.rebuilt) == sorted(REGIONS)
    notebook = paths.notebooks / "briefing.ipynb"
    notebook.write_text(notebook.read_text().replace("## Respondents", "## Who answered"))
    report, _ = run_build(paths, ["eeca"])
    assert report.rebuilt == ["eeca"]
    assert "Who answered" in (paths.outputs / "eeca" / "briefing.html").read_text()


def test_two_builds_are_byte_identical_whatever_the_parallelism(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "elsewhere" / "two")
    run_build(one, REGIONS, jobs=1)
    run_build(two, REGIONS, jobs=2)
    first, second = output_bytes(one, REGIONS), output_bytes(two, REGIONS)
    for name in first:
        assert first[name] == second[name], f"{name} differs between builds"
    assert b"2023-11-14" in first["eeca/briefing.html"]  # the date comes from the epoch


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def test_a_killed_build_leaves_outputs_consistent_and_the_next_repairs(tmp_path):
    paths = copy_project(tmp_path / "p")
    run_build(paths, REGIONS)
    previous = output_bytes(paths, REGIONS)
    for region_id in REGIONS:
        edit_export(paths, region_id, 2)
    env = os.environ | {ROOT_VARIABLE: str(paths.root)}
    build = subprocess.Popen(
        [sys.executable, "-m", "wud_briefings.cli", "build", *REGIONS],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen = ""
    for line in build.stdout:
        seen += line
        if "executing" in line:
            break
    children = _children(build.pid)
    assert children, "the build should have started kernels and child processes"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(
        c.is_running() and c.status() != "zombie" for c in children
    ):
        time.sleep(0.5)
    assert not [c for c in children if c.is_running() and c.status() != "zombie"], (
        "kernels and children must not outlive a killed build"
    )
    # Every file in place is whole: the previous briefing or a complete new one.
    manifest = json.loads((paths.outputs / "manifest.json").read_text())
    assert (paths.outputs / "index.html").read_text().rstrip().endswith("</html>")
    for region_id in REGIONS:
        html = (paths.outputs / region_id / "briefing.html").read_text()
        assert html.rstrip().endswith("</html>")
        assert len(PdfReader(paths.outputs / region_id / "briefing.pdf").pages) >= 3
        entry = manifest["regions"][region_id]
        unchanged = output_bytes(paths, [region_id]) == {
            k: v for k, v in previous.items() if k.startswith(f"{region_id}/")
        }
        assert unchanged or entry["status"] == "built"
    # The next build finishes the job and cleans up what the killed one left.
    report, _ = run_build(paths, REGIONS)
    assert not report.failed
    assert not [p for p in paths.outputs.iterdir() if p.name.endswith((".tmp", ".old"))]
    again, _ = run_build(paths, REGIONS)
    assert again.rebuilt == []
