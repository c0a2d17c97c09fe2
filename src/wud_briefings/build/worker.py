"""Build workers: a warm kernel and exporters each, executing and rendering regions.

Heavy imports (Papermill, nbconvert, WeasyPrint) live here, so that a build
with nothing to do never pays for them.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import nbformat

from wud_briefings.build.execute import WarmKernel, execute_briefing, quiet_papermill
from wud_briefings.build.normalise import normalise_notebook
from wud_briefings.build.pdf_child import render_pdf
from wud_briefings.build.progress import Progress
from wud_briefings.build.render import BriefingHTMLExporter, quiet_renderers
from wud_briefings.core.atomic import write_bytes_atomic, write_json_atomic, write_text_atomic
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.survey.regions import Region

NOTEBOOK = "briefing.ipynb"
DISCLOSURE_RECORD = "disclosure.json"
FAILED_NOTEBOOK = "failed.ipynb"  # the notebook of a failed run, beside the last good briefing
PUBLISHED = ("briefing.html", "briefing.pdf", NOTEBOOK, DISCLOSURE_RECORD)
RENDER_TIMEOUT = 300  # seconds to set one PDF
WARM_UP = "import wud_briefings.analysis.maps, wud_briefings.analysis.show  # the heavy imports"
Record = Callable[[str, dict[str, Any]], None]


class Worker:
    """A warm kernel and an HTML exporter, used by one thread at a time.

    PDFs are set in child processes (``pdf``), off this process's interpreter lock.
    """

    def __init__(self, pdf: Executor, cell_timeout: int, niceness: int = 0) -> None:
        self.kernel = WarmKernel(niceness=niceness)
        self.html = BriefingHTMLExporter()
        self.pdf = pdf
        self.cell_timeout = cell_timeout

    def warm_up(self, paths: ProjectPaths) -> None:
        """Import the notebook's libraries in the kernel while the gate is still busy."""
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(WARM_UP)])
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "language": "python",
            "display_name": "Python 3",
        }
        staged = staging_dir(paths.outputs / "warm-up")
        try:
            execute_briefing(notebook, {}, self.kernel, staged / "warm-up.ipynb", self.cell_timeout)
        finally:
            shutil.rmtree(staged, ignore_errors=True)

    def shutdown(self) -> None:
        self.kernel.shutdown()


class WorkerPool:
    """Workers handed to threads; kernels are started one at a time, under a lock."""

    def __init__(self, size: int, pdf: Executor, cell_timeout: int, niceness: int = 0) -> None:
        quiet_papermill()
        quiet_renderers()
        self.size = size
        self.pdf = pdf
        self.cell_timeout = cell_timeout
        self.niceness = niceness
        self.free: list[Worker] = []
        self.all: list[Worker] = []
        self.lock = threading.Lock()
        self.available = threading.Semaphore(0)

    def acquire(self) -> Worker:
        with self.lock:
            if len(self.all) < self.size and not self.free:
                worker = Worker(self.pdf, self.cell_timeout, self.niceness)
                self.all.append(worker)
                return worker
        self.available.acquire()
        with self.lock:
            return self.free.pop()

    def release(self, worker: Worker) -> None:
        with self.lock:
            self.free.append(worker)
        self.available.release()

    def shutdown(self) -> None:
        for worker in self.all:
            worker.shutdown()


def region_title(region: Region) -> tuple[str, str]:
    """A regional briefing's title and footer label."""
    return (
        f"{region.name}: harm reduction services for women who use drugs",
        f"{region.name} briefing",
    )


def annotate(notebook: nbformat.NotebookNode, title: str, label: str, is_synthetic: bool) -> None:
    """Title, language and footer, for the HTML template and the PDF's metadata."""
    notebook.metadata["briefing"] = {
        "title": title,
        "language": "en",
        "footer": f"SYNTHETIC DATA · {label}" if is_synthetic else label,
    }


def disclosure_record(paths: ProjectPaths, region: Region, k: int) -> dict[str, Any]:
    """The briefing's disclosure record, from the same functions the notebook calls."""
    from wud_briefings.analysis.disclosure_record import disclosure_record as record
    from wud_briefings.process.tables import load_processed
    from wud_briefings.survey.codebook import Codebook

    data = load_processed(paths.processed_region(region.id))
    return record(region.id, data, Codebook.load(paths.codebook), k)


def keep_published(target: Path, staged: Path) -> dict[str, str]:
    """Copy the last good briefing into ``staged``; the outputs it lists, by kind."""
    kept = {}
    for name, kind in zip(PUBLISHED, ("html", "pdf", "notebook", "disclosure"), strict=True):
        if (target / name).exists():
            shutil.copy2(target / name, staged / name)
            kept[kind] = f"{target.name}/{name}"
    return kept


def run_region(
    region: Region,
    entry: dict[str, Any],
    worker: Worker,
    paths: ProjectPaths,
    progress: Progress,
    record: Record,
) -> None:
    """Execute and render one validated region, then swap its outputs in at once.

    A notebook that raises (or times out) is kept as ``failed.ipynb`` beside the
    last good briefing, which stays published.
    """
    target = paths.output_region(region.id)
    staged = staging_dir(target)
    try:
        progress.update(region.id, "executing")
        started = time.perf_counter()
        source = nbformat.read(paths.notebooks / NOTEBOOK, as_version=4)
        run = execute_briefing(
            source,
            entry["parameters"],
            worker.kernel,
            staged / ".executing.ipynb",
            worker.cell_timeout,
        )
        executed = normalise_notebook(run.notebook, paths.root)
        annotate(executed, *region_title(region), entry["is_synthetic"])
        entry["timings"]["execute_s"] = round(time.perf_counter() - started, 2)
        if run.error is None:
            write_text_atomic(staged / NOTEBOOK, nbformat.writes(executed) + "\n")
            progress.update(region.id, "rendering")
            started = time.perf_counter()
            html, _ = worker.html.from_notebook_node(
                executed, resources={"metadata": {"name": region.name}}
            )
            write_text_atomic(staged / "briefing.html", html)
            pdf = worker.pdf.submit(render_pdf, html).result(timeout=RENDER_TIMEOUT)
            write_bytes_atomic(staged / "briefing.pdf", pdf)
            disclosure = disclosure_record(paths, region, entry["parameters"]["k"])
            write_json_atomic(staged / DISCLOSURE_RECORD, disclosure)
            entry["timings"]["render_s"] = round(time.perf_counter() - started, 2)
            outputs = {
                "notebook": f"{region.id}/{NOTEBOOK}",
                "html": f"{region.id}/briefing.html",
                "pdf": f"{region.id}/briefing.pdf",
                "disclosure": f"{region.id}/{DISCLOSURE_RECORD}",
            }
        else:
            write_text_atomic(staged / FAILED_NOTEBOOK, nbformat.writes(executed) + "\n")
            outputs = keep_published(target, staged)
            entry["failed_notebook"] = f"{region.id}/{FAILED_NOTEBOOK}"
        swap_dir(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    entry["outputs"] = outputs
    if run.error is None:
        entry["status"] = "built"
        progress.update(region.id, "done", f"{sum(entry['timings'].values()):.1f}s of work")
    else:
        entry |= {
            "status": "failed-execution",
            "reason": f"the notebook raised {run.error}; see {region.id}/{FAILED_NOTEBOOK}",
        }
        progress.update(region.id, "failed", entry["reason"])
    record(region.id, entry)
