"""Build workers: a warm kernel and exporters each, executing and rendering regions.

Heavy imports (Papermill, nbconvert, WeasyPrint) live here, so that a build
with nothing to do never pays for them.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import nbformat

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display.narrative import briefing_title
from wud_briefings.core.atomic import write_json_atomic
from wud_briefings.core.folders import staging_dir
from wud_briefings.core.language import _
from wud_briefings.core.paths import DISCLOSURE_RECORD, ProjectPaths
from wud_briefings.publish.engine.pdf_child import PdfSetter, build_pdf_setter
from wud_briefings.publish.engine.progress import Progress
from wud_briefings.publish.provenance.manifest import GLOBAL_ID
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.provenance.records import Entry
from wud_briefings.publish.provenance.sign_off import Draft, drafts_record, edition_drafts
from wud_briefings.publish.rendering.briefing import (
    Briefing,
    editions,
    html_exporter,
    publish,
    record_outcome,
)
from wud_briefings.publish.rendering.execute import WarmKernel, execute_briefing, quiet_papermill
from wud_briefings.publish.rendering.render import quiet_renderers
from wud_briefings.survey.regions import Region

WARM_UP = "import wud_briefings.analysis.display.maps, wud_briefings.analysis.display.show"
Record = Callable[[str, Entry], None]


class Worker:
    """A warm kernel and an HTML exporter, used by one thread at a time.

    PDFs are set by ``pdf``, which the build's workers share (by default it hands them
    to child processes, off this process's interpreter lock).
    """

    def __init__(self, pdf: PdfSetter, cell_timeout: int, niceness: int = 0) -> None:
        self.kernel = WarmKernel(niceness=niceness)
        self.html = html_exporter()
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

    def __init__(self, size: int, pdf: PdfSetter, cell_timeout: int, niceness: int = 0) -> None:
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


def region_briefings(
    paths: ProjectPaths,
    region: Region,
    parameters: NotebookParameters,
    is_synthetic: bool,
    languages: Sequence[str] | None = None,
    drafts: dict[str, Draft | None] | None = None,
) -> list[Briefing]:
    """A region's briefing in each language it is published in (or in ``languages``), each
    a draft until signed off as it is (``drafts``, when the caller has them already)."""
    notebook = paths.briefing_notebook
    languages = languages or region.languages
    if drafts is None:
        drafts = edition_drafts(paths, notebook, region, languages)
    return editions(
        languages,
        notebook,
        parameters,
        is_synthetic,
        lambda: (briefing_title(region.name), _("{region} briefing").format(region=region.name)),
        drafts.get,
    )


def disclosure_record(
    paths: ProjectPaths, region: Region, policy: DisclosurePolicy
) -> dict[str, Any]:
    """The briefing's disclosure record, from the same functions the notebook calls."""
    from wud_briefings.analysis.figures.disclosure_record import disclosure_record as record
    from wud_briefings.process.tables import load_processed
    from wud_briefings.survey.codebook import Codebook

    data = load_processed(paths.processed_region(region.id))
    return record(region.id, data, Codebook.load(paths.codebook), policy)


def run_region(
    region: Region,
    entry: Entry,
    worker: Worker,
    paths: ProjectPaths,
    progress: Progress,
    record: Record,
) -> None:
    """Publish one validated region (see :func:`~wud_briefings.publish.rendering.briefing.publish`).

    A notebook that raises (or times out) is kept as ``failed.ipynb`` beside the
    last good briefing, which stays published.
    """

    def disclosure(staged: Path) -> dict[str, str]:
        policy = DisclosurePolicy(entry.notebook_parameters.k)  # as the notebook makes it
        record_ = disclosure_record(paths, region, policy)
        write_json_atomic(staged / DISCLOSURE_RECORD, record_)
        return {"disclosure": DISCLOSURE_RECORD}

    drafts = edition_drafts(paths, paths.briefing_notebook, region, region.languages)
    entry.drafts = drafts_record(drafts)
    briefings = region_briefings(
        paths, region, entry.notebook_parameters, bool(entry.is_synthetic), drafts=drafts
    )
    publication = publish(
        briefings,
        worker.kernel,
        worker.html,
        worker.pdf,
        paths.output_region(region.id),
        cell_timeout=worker.cell_timeout,
        root=paths.root,
        published=entry.outputs,
        step=lambda step: progress.update(region.id, step),
        extras=disclosure,
    )
    record_outcome(entry, publication, lambda step, note: progress.update(region.id, step, note))
    record(region.id, entry)


def run_global(paths: ProjectPaths, entry: Entry, worker: Worker, progress: Progress) -> None:
    """Publish the global briefing on a worker's warm kernel, once every region's gate has
    answered (its tables are then written), while other workers finish their regions."""
    from wud_briefings.publish.rendering.global_briefing import publish_global

    publish_global(
        paths,
        entry,
        worker.kernel,
        worker.html,
        worker.pdf,
        worker.cell_timeout,
        lambda step, note: progress.update(GLOBAL_ID, step, note),
    )


def build_global(
    paths: ProjectPaths,
    entry: Entry,
    cell_timeout: int,
    given_pdf_setter: PdfSetter | None,
    progress: Progress,
) -> None:
    """The global briefing on a worker and PDF child of its own: when no region was rebuilt
    (else it runs on one of the build's warm workers, see :func:`run_global`)."""
    quiet_papermill()
    quiet_renderers()
    with build_pdf_setter(1, given_pdf_setter) as pdf:
        worker = Worker(pdf, cell_timeout)
        try:
            run_global(paths, entry, worker, progress)
        finally:
            worker.shutdown()
