"""A region that fails (gate, notebook, timeout, dead kernel) fails alone and keeps its briefing.

The region that must still build beside a failing one is Oceania (one edition, the
cheapest). The builds start from gated copies (the session's processed data and gate
verdicts: the gate reruns only for an export a test breaks) and set placeholder PDFs:
what fails here is the notebook, the kernel or the gate, and what is kept is files. One
build serves the ways a notebook or a kernel fails (``failing_build``); a region refused
at its gate beside others that build is checked on the global briefing's build
(``test_global_build.py``).
"""

from __future__ import annotations

import json
import time

import pytest
from rocrate.rocrate import ROCrate

from support.project import PLACEHOLDER, add_cell, run_build
from wud_briefings.core.checksums import sha256_file

# Built in this order on one kernel: Oceania comes after Africa, whose kernel died twice,
# so the kernel restarted after it is shown to serve the next region.
FAILING = ["eeca", "asia", "africa", "oceania"]
# What reads real exports, set for the failing build: no kernel may see it.
SECRETS = {
    "WUD_PSEUDONYM_KEY": "pseudonym-key-canary-31c9",
    "WUD_AGE_IDENTITY": "AGE-SECRET-KEY-1CANARY",
}


def error_outputs(notebook_path) -> list[dict]:
    executed = json.loads(notebook_path.read_text())
    return [
        o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]


@pytest.fixture(scope="module")
def failing_build(builds, tmp_path_factory):
    """Four regions on one kernel, each failing its own way beside the others: Asia's
    notebook raises, Africa's kernel always dies, EECA's dies once (its marker says so)
    and then builds on the restarted kernel, and Oceania builds. One build serves the
    tests of failures below: each region's failure stays its own whatever the others do.
    The build runs with the secrets that read real exports set, and every notebook prints
    what its kernel sees of them."""
    base = tmp_path_factory.mktemp("failing")
    paths = builds.gated(base / "p", FAILING)
    marker = base / "died-once"
    add_cell(
        paths,
        "import os, pathlib\n"
        f"print([os.environ.get(v, 'absent') for v in {tuple(SECRETS)!r}])\n"
        'if region == "asia":\n    raise RuntimeError("deliberate failure for asia")\n'
        'if region == "africa":\n    os._exit(1)\n'
        f"marker = pathlib.Path({str(marker)!r})\n"
        'if region == "eeca" and not marker.exists():\n    marker.touch()\n    os._exit(1)',
    )
    with pytest.MonkeyPatch.context() as patch:
        for variable, canary in SECRETS.items():
            patch.setenv(variable, canary)
        report, log = run_build(paths, FAILING, pdf=PLACEHOLDER, jobs=1)
    return paths, report, log, marker


def test_a_notebook_that_raises_fails_its_region_only(failing_build):
    paths, report, log, _ = failing_build
    assert report.entries["oceania"].status == "built"
    asia = report.entries["asia"]
    assert asia.status == "failed-execution"
    assert "RuntimeError: deliberate failure for asia" in asia.reason
    assert "code cell 4" in asia.reason  # parameters, injected ones, loading, then this
    failed = paths.outputs / "asia" / "failed.ipynb"
    errors = error_outputs(failed)
    assert errors and errors[0]["evalue"] == "deliberate failure for asia"
    assert str(paths.root) not in failed.read_text()
    assert not (paths.outputs / "asia" / "briefing.html").exists()
    index = (paths.outputs / "index.html").read_text()
    row = next(r for r in index.split("<tr>") if "deliberate failure for asia" in r)
    assert "failed in execution" in row  # Asia's own row: Africa failed in this build too
    assert "No briefing of this region has been published yet" in row
    assert "asia failed" in log


def test_a_cell_that_never_ends_fails_its_region_and_the_kernel_serves_the_next(builds, tmp_path):
    paths = builds.gated(tmp_path / "p", ["asia", "oceania"])
    add_cell(paths, 'if region == "asia":\n    while True:\n        pass')
    started = time.monotonic()
    # One job: oceania runs after asia, on the very kernel that was stuck in the loop. The
    # limit holds for oceania's cells too: 6 s leaves its maps room on a loaded machine.
    report, _ = run_build(paths, ["asia", "oceania"], pdf=PLACEHOLDER, jobs=1, cell_timeout=6)
    assert time.monotonic() - started < 120
    asia = report.entries["asia"]
    assert asia.status == "failed-execution"
    assert "CellTimeoutError" in asia.reason and "limit of 6 s" in asia.reason
    assert "code cell 4" in asia.reason and "while True" not in asia.reason
    errors = error_outputs(paths.outputs / "asia" / "failed.ipynb")
    assert errors[0]["ename"] == "CellTimeoutError"
    assert report.entries["oceania"].status == "built"


def test_a_kernel_that_dies_is_restarted_and_the_region_retried_once(failing_build):
    _, report, _, marker = failing_build
    assert marker.exists()
    assert report.entries["eeca"].status == "built"


def test_a_kernel_that_always_dies_fails_its_region_after_one_retry(failing_build):
    _, report, _, _ = failing_build
    assert report.entries["oceania"].status == "built"
    africa = report.entries["africa"]
    assert africa.status == "failed-execution"
    assert "the kernel died, again after a restart" in africa.reason


@pytest.fixture
def published(builds, tmp_path):
    """eeca built (the session's build of it, copied), with the bytes of what it published."""
    built = builds.copy(builds.built(["eeca"], pdf=PLACEHOLDER), tmp_path / "p")
    paths = built.paths
    assert built.report.entries["eeca"].status == "built"
    files = {
        n: (paths.outputs / "eeca" / n).read_bytes() for n in ("briefing.html", "briefing.pdf")
    }
    return paths, files


def assert_last_good_kept(paths, files) -> str:
    for name, data in files.items():
        assert (paths.outputs / "eeca" / name).read_bytes() == data, f"{name} was lost"
    entry = json.loads((paths.outputs / "manifest.json").read_text())["regions"]["eeca"]
    assert entry["outputs"]["html"] == "eeca/briefing.html"
    index = (paths.outputs / "index.html").read_text()
    digest = entry["last_good"]["inputs"]["data/raw/synthetic/eeca.csv"]
    assert "The briefing linked here is the last good one, built on" in index
    assert f"SHA-256 {digest[:12]}" in index
    assert 'href="eeca/briefing.html"' in index
    return index


def test_a_failed_execution_keeps_the_last_good_briefing(published):
    paths, files = published
    add_cell(paths, 'raise RuntimeError("broken edit")')
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.entries["eeca"].status == "failed-execution"
    index = assert_last_good_kept(paths, files)
    assert "this build failed in execution" in index and "broken edit" in index
    assert error_outputs(paths.outputs / "eeca" / "failed.ipynb")
    assert 'href="eeca/failed.ipynb"' in index
    crate = ROCrate(paths.outputs)  # the failed run, and the earlier one still published
    failed = crate.get("#run-eeca")
    assert failed["actionStatus"] == "http://schema.org/FailedActionStatus"
    assert "broken edit" in failed["error"]
    assert {r.id for r in failed["result"]} >= {"eeca/failed.ipynb", "validation/eeca.json"}
    editions = ("briefing", "briefing.ru")  # EECA is published in English and Russian
    assert {r.id for r in crate.get("#run-eeca-last-good")["result"]} == {
        f"eeca/{stem}.{suffix}" for stem in editions for suffix in ("html", "pdf", "ipynb")
    } | {"eeca/disclosure.json"}
    # Fixing the notebook publishes afresh and drops the failed notebook.
    notebook = paths.notebooks / "briefing.ipynb"
    notebook.write_text(notebook.read_text().replace('raise RuntimeError(\\"broken edit\\")', ""))
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.entries["eeca"].status == "built"
    assert not (paths.outputs / "eeca" / "failed.ipynb").exists()
    assert "last good one" not in (paths.outputs / "index.html").read_text()


def test_a_failed_validation_keeps_the_last_good_briefing(published):
    paths, files = published
    export = paths.synthetic / "eeca.csv"
    export.write_text(
        export.read_text(encoding="utf-8").replace(",Montenegro,", ",France,", 1), encoding="utf-8"
    )
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.entries["eeca"].status == "failed-validation"
    index = assert_last_good_kept(paths, files)
    assert "this build failed at validation" in index
    entry = json.loads((paths.outputs / "manifest.json").read_text())["regions"]["eeca"]
    assert entry["last_good"]["inputs"]["data/raw/synthetic/eeca.csv"] != sha256_file(export)


def test_a_notebook_cannot_print_the_secrets_that_read_real_exports(failing_build):
    """Kernels run without the pseudonym key and the age identity: their output is published."""
    paths, report, _, _ = failing_build
    assert report.entries["oceania"].status == "built"
    published = (paths.outputs / "oceania" / "briefing.ipynb").read_text()
    assert "['absent', 'absent']" in published
    assert "canary" not in published.lower()
