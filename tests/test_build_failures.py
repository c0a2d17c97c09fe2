"""A region that fails (at the gate, or in its notebook) fails alone; the others build."""

from __future__ import annotations

import json

import nbformat

from conftest import copy_project, run_build


def test_a_notebook_that_raises_fails_its_region_only(tmp_path):
    paths = copy_project(tmp_path / "p")
    notebook_path = paths.notebooks / "briefing.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.cells.insert(
        3,
        nbformat.v4.new_code_cell(
            'if region == "asia":\n    raise RuntimeError("deliberate failure for asia")'
        ),
    )
    nbformat.write(notebook, notebook_path)
    report, log = run_build(paths, ["asia", "eeca"])
    assert report.entries["eeca"]["status"] == "built"
    asia = report.entries["asia"]
    assert asia["status"] == "failed-execution"
    assert "RuntimeError: deliberate failure for asia" in asia["reason"]
    executed = json.loads((paths.outputs / "asia" / "briefing.ipynb").read_text())
    errors = [
        o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert errors and errors[0]["evalue"] == "deliberate failure for asia"
    assert str(paths.root) not in json.dumps(executed)
    assert not (paths.outputs / "asia" / "briefing.html").exists()
    index = (paths.outputs / "index.html").read_text()
    assert "failed in execution" in index and "deliberate failure for asia" in index
    assert "asia failed" in log


def test_a_region_refused_at_the_gate_is_not_executed(tmp_path):
    paths = copy_project(tmp_path / "p")
    export = paths.synthetic / "africa.csv"
    export.write_text(
        export.read_text(encoding="utf-8").replace(",Kenya,", ",France,", 1), encoding="utf-8"
    )
    report, _ = run_build(paths, ["africa", "eeca"])
    assert report.entries["eeca"]["status"] == "built"
    africa = report.entries["africa"]
    assert africa["status"] == "failed-validation"
    assert "execute_s" not in africa["timings"]
    assert "the country is outside Africa" in africa["reason"] and "row " in africa["reason"]
    assert "France" not in africa["reason"] and "FRA" not in africa["reason"]
    assert not (paths.outputs / "africa").exists()
    assert not (paths.processed / "africa").exists()
    assert "failed at validation" in (paths.outputs / "index.html").read_text()
