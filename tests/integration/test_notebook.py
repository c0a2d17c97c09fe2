"""The notebook in a researcher's session: an autoreload cell that reaches no briefing
and that the build does not run, and that picks up an edit to the package."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import wud_briefings
from support.project import REPO
from wud_briefings.publish.rendering.execute import prepared_for_build
from wud_briefings.publish.rendering.render import INTERACTIVE_TAG, REMOVED_TAGS


def briefing_notebook() -> nbformat.NotebookNode:
    return nbformat.read(REPO.notebooks / "briefing.ipynb", as_version=4)


def tagged(notebook: nbformat.NotebookNode, tag: str) -> list[int]:
    return [i for i, c in enumerate(notebook.cells) if tag in c.metadata.get("tags", [])]


@pytest.mark.parametrize("name", ["briefing", "global"])
def test_the_autoreload_cell_is_interactive_only_and_before_the_parameters(name):
    notebook = nbformat.read(REPO.notebooks / f"{name}.ipynb", as_version=4)
    (autoreload,) = tagged(notebook, INTERACTIVE_TAG)
    (parameters,) = tagged(notebook, "parameters")
    assert autoreload < parameters
    assert "%autoreload 2" in notebook.cells[autoreload].source
    assert INTERACTIVE_TAG in REMOVED_TAGS  # never shown in a briefing
    prepared = prepared_for_build(notebook, reset=True)
    assert not tagged(prepared, INTERACTIVE_TAG)  # nor run by the build
    assert tagged(prepared, "parameters") and len(prepared.cells) == len(notebook.cells)


def test_an_edit_to_the_package_shows_up_without_restarting_the_kernel(tmp_path: Path):
    """The notebook's own autoreload cell, then a cell run before and after an edit."""
    package = tmp_path / "src" / "wud_briefings"
    shutil.copytree(
        Path(wud_briefings.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    source = briefing_notebook()
    autoreload = source.cells[tagged(source, INTERACTIVE_TAG)[0]]
    probe = (
        "import wud_briefings\n"
        "from wud_briefings.analysis.display import narrative\n"
        "print(wud_briefings.__file__, narrative.respondents(2))"
    )
    notebook = nbformat.v4.new_notebook(
        cells=[autoreload, nbformat.v4.new_code_cell(probe), nbformat.v4.new_code_cell(probe)]
    )
    manager = KernelManager(kernel_name="python3")
    manager.kernel_spec.argv[0] = sys.executable  # this interpreter, as the build does
    client = NotebookClient(notebook, km=manager, timeout=60, startup_timeout=60)
    env = os.environ | {"PYTHONPATH": str(tmp_path / "src")}
    with client.setup_kernel(env=env):
        client.execute_cell(notebook.cells[0], 0)
        client.execute_cell(notebook.cells[1], 1)
        narrative = package / "analysis" / "display" / "narrative.py"
        narrative.write_text(
            narrative.read_text().replace('"{n} respondents", n)', '"{n} edited respondents", n)')
        )
        later = narrative.stat().st_mtime + 5  # unmistakably newer than the loaded module
        os.utime(narrative, (later, later))
        client.execute_cell(notebook.cells[2], 2)
    before, after = (c.outputs[0]["text"] for c in notebook.cells[1:])
    assert before.startswith(str(package)) and before.endswith(" 2 respondents\n")
    assert after.endswith(" 2 edited respondents\n")


def test_papermill_s_own_command_line_runs_the_notebook(built_project, tmp_path):
    """As Papermill's documentation runs a notebook: its CLI, on the kernel the notebook
    names (``wud-briefings``), which the environment's install registered (make venv)."""
    import subprocess

    from wud_briefings.core.paths import ROOT_VARIABLE

    paths, _, _ = built_project
    papermill = Path(sys.executable).parent / "papermill"
    executed = tmp_path / "asia.ipynb"
    options = ["-p", "region", "asia", "--execution-timeout", "300", "--no-progress-bar"]
    result = subprocess.run(
        [str(papermill), str(paths.notebooks / "briefing.ipynb"), str(executed), *options],
        env=os.environ | {ROOT_VARIABLE: str(paths.root)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    notebook = nbformat.read(executed, as_version=4)
    assert notebook.metadata.kernelspec.name == "wud-briefings"
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("Asia" in str(o.get("data", {})) for o in outputs)
