"""The build engine: incremental, atomic under SIGKILL, byte-reproducible, parallel-safe."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from conftest import copy_project, run_build
from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.folders import remove_leftovers
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths

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
    """Every file of the regions' folders under outputs/: each language edition's too."""
    return {
        f"{r}/{path.name}": path.read_bytes()
        for r in region_ids
        for path in sorted((paths.outputs / r).iterdir())
        if path.is_file() and path.name != "failed.ipynb"
    }


def crate_without_times(paths) -> dict:
    """The RO-Crate less what two builds may not share: run times, the manifest's timings."""
    crate = json.loads((paths.outputs / "ro-crate-metadata.json").read_text())
    for entity in crate["@graph"]:
        for key in ("startTime", "endTime"):
            entity.pop(key, None)
        if entity["@id"] == "manifest.json":
            del entity["sha256"], entity["contentSize"]
    return crate


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
    assert manifest["regions"]["asia"]["inputs"]["data/raw/synthetic/asia.csv"] == sha256_file(
        paths.synthetic / "asia.csv"
    )


def test_parameters_notebook_and_force_are_dependencies(incremental):
    paths, _ = incremental
    report, _ = run_build(paths, REGIONS, force=True)
    assert sorted(report.rebuilt) == sorted(REGIONS)
    notebook = paths.notebooks / "briefing.ipynb"
    notebook.write_text(notebook.read_text().replace("## Respondents", "## Who answered"))
    report, _ = run_build(paths, ["eeca"])
    assert report.rebuilt == ["eeca"]
    assert "Who answered" in (paths.outputs / "eeca" / "briefing.html").read_text()
    with paths.boundaries.open("a") as boundaries:  # the locator map's input
        boundaries.write("\n")
    report, _ = run_build(paths, ["eeca"])
    assert report.rebuilt == ["eeca"]


def test_two_builds_are_byte_identical_whatever_the_parallelism(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = copy_project(tmp_path / "one")
    two = copy_project(tmp_path / "elsewhere" / "two")
    run_build(one, REGIONS, jobs=1, with_global=True)
    run_build(two, REGIONS, jobs=2, with_global=True)
    every = [*REGIONS, "global"]
    first, second = output_bytes(one, every), output_bytes(two, every)
    assert {"eeca/briefing.ru.html", "eeca/briefing.ru.pdf", "global/briefing.es.pdf"} <= set(first)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between builds"
    assert b"2023-11-14" in first["eeca/briefing.html"]  # the date comes from the epoch
    assert crate_without_times(one) == crate_without_times(two), "crates differ beyond times"


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A project with both regions built, to copy before each kill."""
    paths = copy_project(tmp_path_factory.mktemp("published") / "p")
    run_build(paths, REGIONS)
    return paths


STAGES = ["validating", "queued for execution", "executing", "rendering", "done"]


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_leaves_outputs_consistent_and_the_next_repairs(
    published, tmp_path, stage
):
    paths = ProjectPaths(tmp_path / "p")
    shutil.copytree(published.root, paths.root, symlinks=True)
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
        if f"eeca {stage}" in line:
            break
    assert f"eeca {stage}" in seen, seen
    children = _children(build.pid)
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


SWAP_KILLED_BETWEEN_RENAMES = """
import os, sys
from pathlib import Path
from wud_briefings.core.folders import swap_dir

renamed = Path.rename
def rename_then_die(self, target):
    renamed(self, target)
    os._exit(9)  # as if SIGKILLed between the two renames
Path.rename = rename_then_die
swap_dir(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_swap_killed_between_its_renames_is_undone_by_the_next_build(tmp_path):
    target, staged = tmp_path / "eeca", tmp_path / ".eeca.new.tmp"
    target.mkdir()
    (target / "briefing.html").write_text("old")
    staged.mkdir()
    (staged / "briefing.html").write_text("new")
    killed = subprocess.run(
        [sys.executable, "-c", SWAP_KILLED_BETWEEN_RENAMES, str(staged), str(target)], check=False
    )
    assert killed.returncode == 9
    assert not target.exists() and (tmp_path / ".eeca.old").exists()  # the window itself
    remove_leftovers(tmp_path)
    assert (target / "briefing.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eeca"]


def test_written_files_get_the_usual_mode_not_the_temporary_files_0600(tmp_path):
    from wud_briefings.core.atomic import DIR_MODE, FILE_MODE, write_text_atomic
    from wud_briefings.core.folders import staging_dir

    target = tmp_path / "page.html"
    write_text_atomic(target, "<p>served to readers</p>")
    status = Path("/proc/self/status").read_text()  # the umask, read without setting it
    umask = int(
        next(line for line in status.splitlines() if line.startswith("Umask:")).split()[1], 8
    )
    assert target.stat().st_mode & 0o777 == FILE_MODE == 0o666 & ~umask
    assert staging_dir(tmp_path / "region").stat().st_mode & 0o777 == DIR_MODE == 0o777 & ~umask
