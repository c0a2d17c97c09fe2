"""A build killed at any stage (SIGKILL) leaves every published file whole and the next
build repairs it; written files get the usual modes.

The killed build is the CLI's own, with real PDFs; the builds around it (the one it
replaces, the one that repairs) set placeholder PDFs: what is checked is that each
file is whole, not what a PDF holds.
"""

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
from rocrate.rocrate import ROCrate

from support.crate import check_files
from support.outputs import edit_export, output_bytes
from support.project import PLACEHOLDER, run_build
from wud_briefings.core.folders import remove_leftovers
from wud_briefings.core.paths import CRATE, ROOT_VARIABLE, ProjectPaths

REGIONS = ["eeca", "asia"]


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


STAGES = ["validating", "queued for execution", "executing", "rendering", "done"]


def _crate_is_true_if_there(outputs: Path) -> bool:
    """Whether the RO-Crate is there; if it is, every file it names is as it says
    (written once, at a build's end: a killed build leaves none, never a stale one)."""
    if not (outputs / CRATE).exists():
        return False
    check_files(outputs, ROCrate(outputs))
    return True


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@pytest.fixture(scope="module")
def published(builds):
    """A project with both regions built, to copy before each kill."""
    return builds.built(REGIONS, pdf=PLACEHOLDER).paths


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_leaves_outputs_consistent_and_the_next_repairs(
    published, tmp_path, stage
):
    paths = ProjectPaths(tmp_path / "p")
    shutil.copytree(published.root, paths.root, symlinks=True)
    previous = output_bytes(paths, REGIONS)
    if stage == "validating":  # killed while the gate runs: it has new exports to read
        for region_id in REGIONS:  # Asia's still waits for the gate when EECA's is read
            edit_export(paths, region_id, 2)
    else:  # killed later: a notebook edit rebuilds both regions, and the gate's verdicts hold
        notebook = paths.notebooks / "briefing.ipynb"
        notebook.write_text(notebook.read_text().replace("## Respondents", "## Who answered"))
    env = os.environ | {ROOT_VARIABLE: str(paths.root)}
    build = subprocess.Popen(
        # No global briefing: the builds before and after this one make none either.
        [sys.executable, "-m", "wud_briefings.cli", "build", *REGIONS, "--no-global"],
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
        pdf = paths.outputs / region_id / "briefing.pdf"  # the last good one or a new whole one
        assert len(PdfReader(pdf).pages) >= 1 and pdf.read_bytes().rstrip().endswith(b"%%EOF")
        entry = manifest["regions"][region_id]
        unchanged = output_bytes(paths, [region_id]) == {
            k: v for k, v in previous.items() if k.startswith(f"{region_id}/")
        }
        assert unchanged or entry["status"] == "built"
    # The crate is gone once a briefing was recorded; if it is there, it is true.
    _crate_is_true_if_there(paths.outputs)
    # The next build finishes the job and cleans up what the killed one left (the PDFs it
    # sets are not what is under test: the killed build set real ones).
    report, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    assert not report.failed
    assert not [p for p in paths.outputs.iterdir() if p.name.endswith((".tmp", ".old"))]
    assert _crate_is_true_if_there(paths.outputs)
    again, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    assert again.rebuilt == []


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
