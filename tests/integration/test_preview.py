"""The preview loop: a save is rendered, an error keeps it alive, package edits restart it."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import psutil
import pytest
from typer.testing import CliRunner

from support.project import REPO, copy_project
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.cli import app
from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.publish.preview import Previewer, preview_loop

PACKAGE = REPO.root / "src" / "wud_briefings"
WAIT = 120  # seconds for any one render to show up (a loaded 2-core machine)
LOOP_LIMIT = 600  # seconds after which a preview loop in a test stops whatever happens


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s: {what}")


def html_has(path: Path, text: str) -> Callable[[], bool]:
    return lambda: path.exists() and text in path.read_text(encoding="utf-8")


def save_notebook(paths: ProjectPaths, edit: Callable[[nbformat.NotebookNode], None]) -> None:
    """Edit the notebook and save it as Jupyter does: whole, by a rename."""
    notebook_path = paths.notebooks / "briefing.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    edit(notebook)
    write_text_atomic(notebook_path, nbformat.writes(notebook))


def set_last_markdown(text: str) -> Callable[[nbformat.NotebookNode], None]:
    def edit(notebook: nbformat.NotebookNode) -> None:
        [c for c in notebook.cells if c.cell_type == "markdown"][-1].source = text

    return edit


def add_raising_cell(notebook: nbformat.NotebookNode) -> None:
    notebook.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("deliberate edit error")'))


def remove_raising_cell(notebook: nbformat.NotebookNode) -> None:
    notebook.cells = [c for c in notebook.cells if "deliberate edit error" not in c.source]


@pytest.fixture
def processed(builds, tmp_path, monkeypatch) -> ProjectPaths:
    """A project copy with eeca's processed data, as the session's gate made it (no
    briefing built)."""
    paths = builds.gated(tmp_path / "p", ["eeca"])
    assert paths.processed_region("eeca").exists()
    monkeypatch.setenv(ROOT_VARIABLE, str(paths.root))  # the preview sets it for its kernel
    return paths


def test_without_processed_data_the_preview_says_to_build_first(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "p")
    monkeypatch.setenv(ROOT_VARIABLE, str(paths.root))
    result = CliRunner().invoke(app, ["preview", "eeca", "--once"])
    assert result.exit_code == 2
    assert "no processed data for region 'eeca'" in result.output
    assert "make briefings" in result.output
    assert not (paths.outputs / "preview").exists()


def test_once_renders_the_preview_beside_the_published_briefing_and_exits(processed):
    result = CliRunner().invoke(app, ["preview", "eeca", "--once"])
    assert result.exit_code == 0, result.output
    html = processed.preview_page("eeca")
    assert "rendered outputs/preview/eeca.html in" in result.output
    text = html.read_text(encoding="utf-8")
    assert "Eastern Europe and Central Asia" in text and text.rstrip().endswith("</html>")
    # Never the published briefing, the manifest or the index; no leftovers.
    assert sorted(p.name for p in processed.outputs.iterdir()) == ["preview", "validation"]
    assert [p.name for p in html.parent.iterdir()] == ["eeca.html"]


def test_a_save_is_rendered_an_error_keeps_the_loop_alive_and_the_next_save_renders(processed):
    html = processed.preview_page("eeca")
    previewer = Previewer(
        processed, load_eeca(processed), policy=DisclosurePolicy(3), cell_timeout=60
    )
    said: list[str] = []
    stop = threading.Event()
    errors: queue.Queue[BaseException] = queue.Queue()

    def loop() -> None:
        try:
            preview_loop(previewer, said.append, seconds=LOOP_LIMIT, stop=stop)
        except BaseException as error:
            errors.put(error)
        finally:
            previewer.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        wait_for(lambda: any(s.startswith("watching") for s in said), "the first render")
        assert said[0].startswith("start: rendered outputs/preview/eeca.html in")

        save_notebook(processed, set_last_markdown("First edit of the closing words."))
        wait_for(html_has(html, "First edit of the closing words."), "the edited text")

        save_notebook(processed, add_raising_cell)
        wait_for(html_has(html, "deliberate edit error"), "the error in the page")
        page = html.read_text(encoding="utf-8")
        assert "<h1" in page and "Preview: the notebook stopped with an error" in page
        assert "ValueError" in page and "First edit of the closing words." in page
        wait_for(lambda: any("up to an error: ValueError" in s for s in said), "the error said")

        def fix(notebook: nbformat.NotebookNode) -> None:
            remove_raising_cell(notebook)
            set_last_markdown("Second edit, after the error.")(notebook)

        save_notebook(processed, fix)
        wait_for(html_has(html, "Second edit, after the error."), "the text after the error")
        assert "deliberate edit error" not in html.read_text(encoding="utf-8")

        # The region's processed data is watched too.
        renders = len([s for s in said if "rendered" in s])
        provenance = processed.processed_region("eeca") / "provenance.json"
        write_text_atomic(provenance, provenance.read_text(encoding="utf-8"))
        wait_for(
            lambda: (
                len([s for s in said if "rendered" in s]) > renders and "data changed" in said[-1]
            ),
            "a render after the data changed",
        )
        assert errors.empty(), errors.queue
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive(), "the loop did not stop when told"
    assert errors.empty(), errors.queue
    assert not previewer.kernel.manager.has_kernel
    assert not (processed.outputs / "eeca").exists()
    assert not (processed.outputs / "manifest.json").exists()


def load_eeca(paths: ProjectPaths):
    from wud_briefings.survey.regions import load_regions

    return load_regions(paths)["eeca"]


def _read_lines(stream, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def _expect(lines: queue.Queue[str], seen: list[str], text: str, timeout: float = WAIT) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} within {timeout} s:\n" + "\n".join(seen))


def test_a_package_edit_restarts_the_kernel_and_ctrl_c_stops_cleanly(processed, tmp_path):
    """In a copy of the package, run by a preview in its own process (PYTHONPATH)."""
    package = tmp_path / "src" / "wud_briefings"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    # PYTHONFAULTHANDLER: a preview that does not stop is made to print every thread's stack.
    env = os.environ | {
        "PYTHONPATH": str(package.parent),
        ROOT_VARIABLE: str(processed.root),
        "PYTHONFAULTHANDLER": "1",
    }
    preview = subprocess.Popen(
        [sys.executable, "-m", "wud_briefings.cli", "preview", "eeca", "--for", str(LOOP_LIMIT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_lines, args=(preview.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        _expect(lines, seen, f"the package in {package}")
        kernels = psutil.Process(preview.pid).children(recursive=True)
        assert kernels, "the preview runs its kernel as a child"
        # Printed when the notebook imports the analysis stage: only a new kernel does.
        marker = "package edit seen by the kernel"
        init = package / "analysis" / "__init__.py"
        init.write_text(init.read_text(encoding="utf-8") + f"\nprint({marker!r})\n")
        wait_for(html_has(processed.preview_page("eeca"), marker), "the package edit's effect")
        _expect(lines, seen, "package changed: rendered")
        kernels = psutil.Process(preview.pid).children(recursive=True)
        preview.send_signal(signal.SIGINT)
        try:
            assert preview.wait(timeout=60) == 0
        except subprocess.TimeoutExpired:
            preview.send_signal(signal.SIGABRT)  # the fault handler prints where it hangs
            preview.wait(timeout=30)
            time.sleep(1)  # the reader thread drains what it printed
            seen += list(lines.queue)
            raise AssertionError("Ctrl-C did not stop the preview:\n" + "\n".join(seen)) from None
        _expect(lines, seen, "stopped", timeout=10)
        _, alive = psutil.wait_procs(kernels, timeout=30)
        assert not alive, "the kernel outlived the preview"
    finally:
        if preview.poll() is None:
            preview.kill()
            preview.wait(timeout=30)
