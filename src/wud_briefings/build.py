"""The build: validate, process, execute and render every region, in parallel.

Regions are validated one after another in this process (Great Expectations is
imported once); each region that passes goes to a pool of workers, each owning
a warm kernel and its own exporters, which execute the notebook with Papermill
and render HTML and PDF. A region is skipped when nothing it depends on
changed. Every file is written to a temporary name and moved into place, and the
manifest and index are rewritten after each region, so a build killed at any
moment leaves the previous briefings, index and manifest consistent.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from wud_briefings import __version__
from wud_briefings.codebook import Codebook
from wud_briefings.disclosure import DEFAULT_K
from wud_briefings.execute import WarmKernel, execute_briefing, quiet_papermill
from wud_briefings.index import index_html
from wud_briefings.manifest import (
    MANIFEST_VERSION,
    commit_epoch,
    dependency_key,
    git_commit,
    load_manifest,
    package_versions,
    shared_dependencies,
)
from wud_briefings.normalise import normalise_notebook
from wud_briefings.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.process import RegionOutcome, process_region, shown_path
from wud_briefings.progress import Progress
from wud_briefings.regions import Region, locate_inputs
from wud_briefings.writing import (
    staging_dir,
    swap_dir,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)

NOTEBOOK = "briefing.ipynb"


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked to do."""

    jobs: int = os.cpu_count() or 1
    force: bool = False
    k: int = DEFAULT_K


@dataclass
class BuildState:
    """The manifest being written, shared by the workers under a lock."""

    paths: ProjectPaths
    regions: dict[str, Region]
    manifest: dict[str, Any]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, region_id: str, entry: dict[str, Any]) -> None:
        with self.lock:
            self.manifest["regions"][region_id] = entry
            self.manifest["regions"] = dict(sorted(self.manifest["regions"].items()))
            self._write()

    def _write(self) -> None:
        regions = self.manifest["regions"]
        write_json_atomic(self.paths.outputs / "manifest.json", self.manifest)
        names = {r: self.regions[r].name if r in self.regions else r for r in regions}
        synthetic = any(e.get("is_synthetic") for e in regions.values())
        write_text_atomic(self.paths.outputs / "index.html", index_html(regions, names, synthetic))


def build_date(root: Path) -> str:
    """SOURCE_DATE_EPOCH, else the commit's date: the same for every build of a commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else commit_epoch(root)
    return time.strftime("%Y-%m-%d", time.gmtime(seconds)) if seconds else "undated"


class Worker:
    """A warm kernel and exporters, used by one thread at a time."""

    def __init__(self) -> None:
        from wud_briefings.render import BriefingHTMLExporter, quiet_renderers

        quiet_renderers()
        self.kernel = WarmKernel()
        self.html = BriefingHTMLExporter()

    def shutdown(self) -> None:
        self.kernel.shutdown()


class WorkerPool:
    """Workers handed out to threads; each region runs on whichever is free."""

    def __init__(self, size: int) -> None:
        self.free: list[Worker] = []
        self.size = size
        self.lock = threading.Lock()
        self.available = threading.Semaphore(0)
        self.created = 0

    def acquire(self) -> Worker:
        with self.lock:
            if self.created < self.size and not self.free:
                self.created += 1  # kernels are started one at a time
                return Worker()
        self.available.acquire()
        with self.lock:
            return self.free.pop()

    def release(self, worker: Worker) -> None:
        with self.lock:
            self.free.append(worker)
        self.available.release()

    def shutdown(self) -> None:
        for worker in self.free:
            worker.shutdown()


def _annotate(notebook: nbformat.NotebookNode, region: Region, is_synthetic: bool) -> None:
    """Title, language and footer for the HTML template and the PDF's metadata."""
    notebook.metadata["briefing"] = {
        "title": f"{region.name}: harm reduction services for women who use drugs",
        "language": "en",
        "footer": (
            f"SYNTHETIC DATA · {region.name} briefing"
            if is_synthetic
            else f"{region.name} briefing"
        ),
    }


def run_region(
    region: Region,
    parameters: dict[str, Any],
    worker: Worker,
    state: BuildState,
    progress: Progress,
    entry: dict[str, Any],
) -> dict[str, Any]:
    """Execute and render one validated region; swap its outputs in atomically."""
    from wud_briefings.render import html_to_pdf

    paths = state.paths
    target = paths.output_region(region.id)
    staged = staging_dir(target)
    try:
        progress.update(region.id, "executing")
        started = time.perf_counter()
        source = nbformat.read(paths.notebooks / NOTEBOOK, as_version=4)
        run = execute_briefing(source, parameters, worker.kernel, staged / ".executing.ipynb")
        executed = normalise_notebook(run.notebook, paths.root)
        _annotate(executed, region, entry["is_synthetic"])
        write_text_atomic(staged / NOTEBOOK, nbformat.writes(executed) + "\n")
        entry["timings"]["execute_s"] = round(time.perf_counter() - started, 2)
        outputs = {"notebook": f"{region.id}/{NOTEBOOK}"}
        if run.error is None:
            progress.update(region.id, "rendering")
            started = time.perf_counter()
            html, _ = worker.html.from_notebook_node(
                executed, resources={"metadata": {"name": region.name}}
            )
            write_text_atomic(staged / "briefing.html", html)
            write_bytes_atomic(staged / "briefing.pdf", html_to_pdf(html))
            entry["timings"]["render_s"] = round(time.perf_counter() - started, 2)
            outputs |= {"html": f"{region.id}/briefing.html", "pdf": f"{region.id}/briefing.pdf"}
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
            "reason": f"the notebook raised {run.error}; see {region.id}/{NOTEBOOK}",
        }
        progress.update(region.id, "failed", entry["reason"])
    state.record(region.id, entry)
    return entry


def _validated(
    region: Region, outcome: RegionOutcome, entry: dict[str, Any], paths: ProjectPaths
) -> dict[str, Any]:
    """The manifest entry after the gate, with the headline figures when it passed."""
    from wud_briefings.metrics import headline
    from wud_briefings.tables import load_processed

    entry["inputs"] = outcome.inputs
    entry["data_docs"] = f"validation/{region.id}/index.html" if outcome.counts else None
    if not outcome.is_valid:
        first = outcome.problems[0].public() if outcome.problems else "validation failed"
        more = len(outcome.problems) - 1
        return entry | {
            "status": "failed-validation",
            "reason": first + (f" (and {more} more)" if more > 0 else ""),
        }
    h = headline(load_processed(paths.processed_region(region.id)))
    entry["headline"] = {
        "respondents": h.respondents,
        "countries": len(h.countries),
        "identifies_as_wud": h.identifies_as_wud,
        "wud_pct": h.wud_pct,
        "knows_wud_services": h.knows_wud_services,
        "knows_pct": h.knows_pct,
    }
    return entry


def _plan(paths: ProjectPaths, regions: list[Region], parameters: dict[str, Any]) -> dict[str, str]:
    """Each region's dependency key; regions whose key is unchanged are up to date."""
    from wud_briefings.checksums import sha256_file

    shared = shared_dependencies(paths, paths.notebooks / NOTEBOOK)
    keys = {}
    for region in regions:
        inputs = locate_inputs(region, paths)
        files = {
            shown_path(f, paths): sha256_file(f)
            for f in (inputs.export, inputs.coding)
            if f is not None and f.exists()
        }
        keys[region.id] = dependency_key(shared, files, parameters)
    return keys


def _is_current(entry: dict[str, Any] | None, key: str, paths: ProjectPaths) -> bool:
    if not entry or entry.get("dependency_key") != key:
        return False
    return all((paths.outputs / p).exists() for p in entry.get("outputs", {}).values())


def build(
    paths: ProjectPaths,
    regions: list[Region],
    all_regions: dict[str, Region],
    options: BuildOptions,
    progress: Progress,
) -> dict[str, dict[str, Any]]:
    """Build the given regions; return their manifest entries."""
    date = build_date(paths.root)
    parameters = {"k": options.k, "code_version": __version__, "build_date": date}
    previous = load_manifest(paths.outputs / "manifest.json")
    keys = _plan(paths, regions, parameters)
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "code_version": __version__,
        "commit": git_commit(paths.root),
        "build_date": date,
        "packages": package_versions(),
        "parameters": parameters,
        "regions": {r: e for r, e in previous.get("regions", {}).items() if r in all_regions},
    }
    state = BuildState(paths, all_regions, manifest)
    stale = []
    for region in regions:
        entry = previous.get("regions", {}).get(region.id)
        if not options.force and _is_current(entry, keys[region.id], paths):
            progress.update(region.id, "up to date")
        else:
            stale.append(region)
    if not stale:
        with state.lock:
            state._write()
        return {r.id: manifest["regions"][r.id] for r in regions}
    os.environ[ROOT_VARIABLE] = str(paths.root)  # kernels find the project through it
    quiet_papermill()
    pool = WorkerPool(min(options.jobs, len(stale)))
    results: dict[str, Future[dict[str, Any]]] = {}
    codebook = Codebook.load(paths.codebook)
    from wud_briefings.gate import load_suites

    suites = load_suites(paths.expectations)
    with ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="briefing") as executor:

        def execute(region: Region, entry: dict[str, Any]) -> dict[str, Any]:
            worker = pool.acquire()
            try:
                return run_region(region, entry["parameters"], worker, state, progress, entry)
            except Exception as error:  # a kernel or renderer fault fails this region only
                entry |= {"status": "failed-execution",
                          "reason": f"{type(error).__name__}: {error}"}
                state.record(region.id, entry)
                progress.update(region.id, "failed", entry["reason"])
                return entry
            finally:
                pool.release(worker)

        for region in stale:
            progress.update(region.id, "validating")
            started = time.perf_counter()
            outcome = process_region(region, codebook, suites, paths)
            entry = _validated(
                region,
                outcome,
                {
                    "dependency_key": keys[region.id],
                    "is_synthetic": outcome.is_synthetic,
                    "parameters": {"region": region.id} | parameters,
                    "timings": {"validate_s": round(time.perf_counter() - started, 2)},
                },
                paths,
            )
            if entry.get("status") == "failed-validation":
                state.record(region.id, entry)
                progress.update(region.id, "failed", entry["reason"])
                continue
            progress.update(region.id, "queued for execution")
            results[region.id] = executor.submit(execute, region, entry)
        for future in results.values():
            future.result()
    pool.shutdown()
    return {r.id: state.manifest["regions"][r.id] for r in regions}
