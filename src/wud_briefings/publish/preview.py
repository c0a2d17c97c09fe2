"""A fast edit loop: one region's briefing re-rendered as HTML on every save.

``wud-briefings preview <region>`` keeps one warm kernel (the build's
:class:`~wud_briefings.publish.rendering.execute.WarmKernel`, run through the same Papermill
engine) and one HTML exporter (the build's), renders the region once, then
watches the notebook, the package's source and the region's processed data:

* a notebook or data change re-executes the notebook on the warm kernel;
* a change to the package restarts the kernel (and builds a new exporter, for
  the templates), so the notebook sees the new code. This process's own build
  code (the preview, the exporter's Python) is not reloaded: restart the
  preview after changing ``publish/``.

The HTML goes to ``outputs/preview/<region>.html`` by an atomic write: never
over the published briefing, never into the manifest, no PDF. A cell that
raises or runs too long does not stop the loop: what ran is rendered, with the
error at the top and its traceback in place, and the next save renders again.
Saves that come in a burst (an editor writing several files, a build swapping a
folder) are rendered once. Every wait is bounded: a cell by the timeout, the
kernel by the engine's limits, the watcher wakes at least every second, and
``renders``/``seconds`` stop the loop for tests and benchmarks.
"""

from __future__ import annotations

import html
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from wud_briefings import __version__
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.folders import remove_leftovers
from wud_briefings.core.language import SOURCE_LANGUAGE, check_language
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.process.provenance import Provenance
from wud_briefings.process.tables import processed_folder
from wud_briefings.publish.engine.run import build_date
from wud_briefings.publish.engine.worker import region_briefings
from wud_briefings.publish.provenance.manifest import PACKAGE_DIR, SOURCE_SUFFIXES
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.rendering.briefing import html_exporter, render_html, run_notebook
from wud_briefings.publish.rendering.execute import (
    KERNEL_NAME,
    WarmKernel,
    execute_briefing,
    quiet_papermill,
)
from wud_briefings.publish.rendering.render import quiet_renderers
from wud_briefings.survey.regions import Region

QUIET_MS = 50  # a burst of saves ends when nothing changed for this long
BURST_MS = 1000  # and is cut after this long, however busy the saves
WAKE_MS = 200  # the watcher wakes at least this often, to see whether to stop
READY_TIMEOUT = 30  # seconds for the watcher to set up its watches
STOP_TIMEOUT = 10  # seconds for the watcher thread to end once told to
POLL_S = 0.5  # the loop checks its stop conditions at least this often
Say = Callable[[str], None]


@dataclass(frozen=True)
class Render:
    """One render: where the HTML went (None if nothing could be written), how long, why not."""

    path: Path | None
    seconds: float
    error: str | None = None


def _error_banner(error: str) -> nbformat.NotebookNode:
    """A heading at the top of the page: the preview stopped at an error (shown below it).

    A heading, so that the page has one even when the notebook stopped before its title.
    """
    text = html.escape(error)
    return nbformat.v4.new_markdown_cell(
        "# Preview: the notebook stopped with an error\n\n"
        f"{text}. What ran before it is shown; its traceback is where it was raised."
    )


def _empty_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python"}
    return notebook


class Previewer:
    """A region, a warm kernel and an exporter: renders the region's HTML on demand."""

    def __init__(
        self,
        paths: ProjectPaths,
        region: Region,
        *,
        policy: DisclosurePolicy,
        cell_timeout: int,
        fresh_kernel: bool = False,
        language: str = SOURCE_LANGUAGE,
    ) -> None:
        self.paths = ProjectPaths(paths.root.resolve())
        self.region = region
        self.language = check_language(language)
        self.cell_timeout = cell_timeout
        self.fresh_kernel = fresh_kernel  # a new kernel each render (bench: quarto's semantics)
        self.data = processed_folder(self.paths, region.id)  # or NoProcessedData
        self.notebook = self.paths.briefing_notebook
        self.target = self.paths.preview_page(region.id)
        remove_leftovers(self.target.parent)  # what a killed preview was writing
        self.parameters = NotebookParameters(
            policy.k, __version__, build_date(self.paths.root)
        ).for_region(region.id)
        quiet_papermill()
        quiet_renderers()
        os.environ[ROOT_VARIABLE] = str(self.paths.root)  # the kernel finds the project by it
        self.scratch = Path(tempfile.mkdtemp(prefix="wud-preview-"))
        self.html = html_exporter()
        self.kernel = WarmKernel()
        self.is_clear = True  # nothing has run in the kernel since it started or was cleared

    def restart(self) -> None:
        """New code: a fresh kernel imports it; a new exporter reads the templates."""
        self.kernel.restart()
        self.is_clear = True
        self.html = html_exporter()

    def clear(self) -> None:
        """Empty the kernel's namespace now, while the next save is awaited.

        The next render then skips its own ``%reset -f`` (a quarter of a second
        of freeing the last run's figures and frames). If this fails, the next
        render resets as the build does.
        """
        if self.is_clear or self.fresh_kernel:
            return
        try:
            execute_briefing(
                _empty_notebook(), {}, self.kernel, self.scratch / "clear.ipynb", self.cell_timeout
            )
        except Exception:  # the next render resets (and restarts a dead kernel) itself
            return
        self.is_clear = True

    def _is_synthetic(self) -> bool:
        try:
            return Provenance.read(self.data).is_synthetic
        except (OSError, ValueError):
            return False

    def render(self) -> Render:
        """Execute the notebook on the warm kernel and write the region's preview HTML.

        A notebook that raises is rendered up to the error, which the page names;
        one that cannot be read, run or rendered at all (caught mid-save, a kernel
        that will not answer) leaves the last preview in place and says why.
        """
        started = time.perf_counter()
        try:
            error = self._render()
        except Exception as failure:
            took = time.perf_counter() - started
            return Render(None, took, f"{type(failure).__name__}: {failure}")
        return Render(self.target, time.perf_counter() - started, error)

    def _render(self) -> str | None:
        if self.fresh_kernel:
            self.kernel.restart()
            self.is_clear = True
        reset, self.is_clear = not self.is_clear, False
        (briefing,) = region_briefings(
            self.paths, self.region, self.parameters, self._is_synthetic(), [self.language]
        )
        run = run_notebook(
            briefing,
            self.kernel,
            self.scratch / "preview.ipynb",
            self.cell_timeout,
            self.paths.root,
            reset=reset,
        )
        if run.error is not None:
            run.notebook.cells.insert(0, _error_banner(run.error))
        write_text_atomic(self.target, render_html(run.notebook, self.html))
        return run.error

    def close(self) -> None:
        self.kernel.shutdown()
        shutil.rmtree(self.scratch, ignore_errors=True)


@dataclass(frozen=True)
class Watched:
    """What the preview watches, and what kind of change a path is."""

    notebook: Path
    package: Path
    processed: Path
    region_id: str

    @property
    def roots(self) -> list[Path]:
        # Folders, not files: editors and the build replace files and folders by
        # renames, which a watch on the old file or folder would not survive.
        return [self.notebook.parent, self.package, self.processed]

    def kind(self, path: str) -> str | None:
        """'notebook' (also the region's commentary), 'package' or 'data'; None for anything
        else (checkpoints, caches)."""
        changed = Path(path)
        if changed == self.notebook or self._is_commentary(changed):
            return "notebook"
        if changed.is_relative_to(self.package):
            parts = changed.relative_to(self.package).parts
            is_source = changed.suffix in SOURCE_SUFFIXES and "__pycache__" not in parts
            return "package" if is_source else None
        if changed.is_relative_to(self.processed):
            parts = changed.relative_to(self.processed).parts
            return "data" if parts and parts[0] == self.region_id else None
        return None

    def _is_commentary(self, changed: Path) -> bool:
        """The region's commentary in any language (notebooks/commentary/<region>[.<lang>].md),
        or a text every briefing prints (notebooks/publication/)."""
        folder = self.notebook.parent / "commentary"
        if changed.parent == self.notebook.parent / "publication":
            return True
        return changed.parent == folder and changed.name.split(".")[0] == self.region_id


class Watcher:
    """watchfiles in a thread, started before the first render so no save is missed.

    Changes made while a render runs queue up and are rendered once, together.
    """

    def __init__(self, watched: Watched) -> None:
        self.watched = watched
        self.queue: queue.Queue[set[str] | BaseException] = queue.Queue()
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="preview-watcher", daemon=True)
        self.thread.start()
        if not self.ready.wait(READY_TIMEOUT):
            self.close()
            raise RuntimeError(f"the file watcher did not start within {READY_TIMEOUT} s")

    def _watch(self) -> None:
        from watchfiles import watch

        try:
            for changes in watch(
                *self.watched.roots,
                watch_filter=lambda _change, path: self.watched.kind(path) is not None,
                debounce=BURST_MS,
                step=QUIET_MS,
                stop_event=self.stop,
                rust_timeout=WAKE_MS,
                yield_on_timeout=True,  # the first (empty) yield says the watch is set up
                raise_interrupt=False,
            ):
                self.ready.set()
                if changes:
                    self.queue.put({str(self.watched.kind(path)) for _, path in changes})
        except BaseException as error:  # handed to the loop, which raises it
            self.queue.put(error)
        finally:
            self.ready.set()

    def next(self, timeout: float) -> set[str] | None:
        """The kinds of change since the last call, waiting up to ``timeout``; None if none."""
        try:
            got = self.queue.get(timeout=timeout)
        except queue.Empty:
            return None
        kinds: set[str] = set()
        while True:
            if isinstance(got, BaseException):
                raise RuntimeError(f"the file watcher stopped: {got}") from got
            kinds |= got
            try:
                got = self.queue.get_nowait()
            except queue.Empty:
                return kinds

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=STOP_TIMEOUT)


def watched(previewer: Previewer, package: Path = PACKAGE_DIR) -> Watched:
    return Watched(
        previewer.notebook, package.resolve(), previewer.paths.processed, previewer.region.id
    )


def _shown(paths: ProjectPaths, path: Path) -> str:
    """Relative to the project when inside it (the package may be installed elsewhere)."""
    return path.relative_to(paths.root).as_posix() if path.is_relative_to(paths.root) else str(path)


def _report(previewer: Previewer, result: Render, why: str, say: Say) -> None:
    shown = _shown(previewer.paths, previewer.target)
    if result.path is None:
        say(f"{why}: nothing rendered after {result.seconds:.2f} s: {result.error}")
    elif result.error is None:
        say(f"{why}: rendered {shown} in {result.seconds:.2f} s")
    else:
        say(f"{why}: rendered {shown} in {result.seconds:.2f} s, up to an error: {result.error}")


def preview_loop(
    previewer: Previewer,
    say: Say,
    *,
    renders: int | None = None,
    seconds: float | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Render once, then after every change; stop after ``renders``, ``seconds`` or ``stop``.

    Returns the number of renders. Ctrl-C raises KeyboardInterrupt here (the
    caller closes the previewer, and with it the kernel).
    """
    deadline = None if seconds is None else time.monotonic() + seconds
    paths = watched(previewer)
    watcher = Watcher(paths) if renders != 1 else None
    try:
        _report(previewer, previewer.render(), "start", say)
        done = 1
        if watcher is None:
            return done
        previewer.clear()  # the first clear also collects the imports' garbage: a while
        say(
            f"watching {_shown(previewer.paths, paths.notebook)}, "
            f"data/processed/{paths.region_id}/ and the package in "
            f"{_shown(previewer.paths, paths.package)}; Ctrl-C stops"
        )
        while renders is None or done < renders:
            if (stop is not None and stop.is_set()) or (
                deadline is not None and time.monotonic() > deadline
            ):
                break
            kinds = watcher.next(timeout=POLL_S)
            if not kinds:
                continue
            if "package" in kinds:
                previewer.restart()
            _report(previewer, previewer.render(), " and ".join(sorted(kinds)) + " changed", say)
            done += 1
            previewer.clear()
        return done
    finally:
        if watcher is not None:
            watcher.close()
