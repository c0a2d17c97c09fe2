"""The build: validate, process, execute and render every region, in parallel.

Regions are validated one after another in one child process (Great
Expectations is imported once, and not at all when every region's recorded
verdict still holds: see ``process/gate_cache.py``); each region that passes
goes to a pool of workers, each owning
a warm kernel and its own exporters, which execute the notebook with Papermill
and render HTML and PDF. A region is skipped when nothing it depends on
changed, and a build with nothing to do imports none of the heavy libraries.
Every file is written to a temporary name and moved into place, and the
manifest and index are rewritten after each region, so a build killed at any
moment leaves the previous briefings, index and manifest consistent.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wud_briefings import __version__
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.core.atomic import write_json_atomic
from wud_briefings.core.digests import file_hashes
from wud_briefings.core.folders import remove_leftovers
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths, validation_page_name
from wud_briefings.core.publication import load_publication
from wud_briefings.publish.engine.lock import exclusive
from wud_briefings.publish.engine.pdf_child import PdfSetter
from wud_briefings.publish.engine.progress import Progress
from wud_briefings.publish.provenance.crate import write_crate
from wud_briefings.publish.provenance.manifest import (
    GLOBAL_ID,
    commit_epoch,
    dependency_key,
    git_commit,
    global_key,
    is_current,
    load_manifest,
    package_versions,
    shared_dependencies,
    timestamp,
)
from wud_briefings.publish.provenance.outputs import Outputs
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.provenance.records import Entry, Manifest
from wud_briefings.publish.provenance.sign_off import sign_off_key
from wud_briefings.publish.provenance.status import Status
from wud_briefings.publish.rendering.index import write_index
from wud_briefings.survey.regions import Region, locate_inputs

if TYPE_CHECKING:
    from wud_briefings.process.region import RegionOutcome
    from wud_briefings.publish.engine.worker import WorkerPool

YIELD_TO_GATE = 10  # niceness of PDF children and kernels while the gate is the bottleneck
DEFAULT_CELL_TIMEOUT = 600  # seconds a notebook cell may run (wud-briefings build --timeout)
GATE_TIMEOUT = 600  # seconds to validate and process one region


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked to do."""

    jobs: int = os.cpu_count() or 1
    force: bool = False
    policy: DisclosurePolicy = field(default_factory=DisclosurePolicy)
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    regate: bool = False  # run the gate even where its recorded verdict still holds
    with_global: bool = True  # then the global briefing, over every region that passed
    # How HTML becomes PDF; None: WeasyPrint, in child processes. Tests whose subject is
    # not the PDF give a cheap setter here (tests/support/pdf.py).
    pdf_setter: PdfSetter | None = None


@dataclass
class BuildState:
    """The manifest being written, shared by the workers under a lock."""

    paths: ProjectPaths
    regions: dict[str, Region]
    manifest: Manifest
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, region_id: str, entry: Entry) -> None:
        with self.lock:
            entry.ended = timestamp()
            self.manifest.record(region_id, entry)
            self.write_progress()

    def published(self) -> bool:
        """Whether manifest.json, index.html and the RO-Crate are all in place."""
        return all(p.exists() for p in (self.paths.manifest, self.paths.index, self.paths.crate))

    def outputs_will_change(self) -> None:
        """Remove the RO-Crate before the build changes anything it hashes (a validation
        report, a briefing's files): it is written once, at the end (:meth:`write`), so a
        build killed meanwhile leaves none rather than one whose digests name replaced
        files; the next build, even one with nothing to rebuild, writes it
        (see :meth:`published`)."""
        self.paths.crate.unlink(missing_ok=True)

    def write_progress(self) -> None:
        """Rewrite manifest.json and index.html from the entries so far, after each briefing,
        so that a build killed at any point leaves them naming what outputs/ holds."""
        write_json_atomic(self.paths.manifest, self.manifest.to_json())
        write_index(self.paths.outputs, self.manifest, self.regions, load_publication(self.paths))

    def write(self) -> None:
        """Rewrite manifest.json, index.html and the RO-Crate: the build's last word."""
        self.write_progress()
        write_crate(self.paths, self.manifest)


def build_date(root: Path) -> str:
    """SOURCE_DATE_EPOCH, else the commit's date: the same for every build of a commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else commit_epoch(root)
    return time.strftime("%Y-%m-%d", time.gmtime(seconds)) if seconds else "undated"


def _validated(outcome: RegionOutcome, figures: dict[str, int] | None, entry: Entry) -> None:
    """The manifest entry after the gate: headline figures, or why it failed."""
    entry.inputs = outcome.inputs
    entry.is_coded = outcome.is_coded
    entry.validation_page = validation_page_name(outcome.region_id) if outcome.counts else None
    # Real inputs encrypted, no identity: the index says so.
    entry.synthetic_reason = outcome.synthetic_reason
    if outcome.is_valid:
        entry.headline = figures
        return
    first = str(outcome.problems[0]) if outcome.problems else "validation failed"
    more = len(outcome.problems) - 1
    entry.fail(Status.FAILED_VALIDATION, first + (f" (and {more} more)" if more > 0 else ""))


@dataclass(frozen=True)
class RegionPlan:
    """What a region depends on: one key, and its commentary files (recorded in its entry)."""

    key: str
    commentary: dict[str, str]  # commentary file -> SHA-256


def _plan(
    paths: ProjectPaths, regions: list[Region], parameters: NotebookParameters
) -> dict[str, RegionPlan]:
    """Each region's dependency key; regions whose key is unchanged are up to date.

    A region depends on its raw inputs and on its commentary in each language it is
    published in: editing, adding or removing one rebuilds the region.
    """
    shared = shared_dependencies(paths, paths.briefing_notebook)
    plans = {}
    for region in regions:
        inputs = file_hashes(paths, locate_inputs(region, paths).dependencies)
        commentary = file_hashes(
            paths, [paths.commentary_file(region.id, language) for language in region.languages]
        )
        signatures = sign_off_key(paths, region.id)
        key = dependency_key(shared, inputs | commentary | signatures, parameters.as_json())
        plans[region.id] = RegionPlan(key, commentary)
    return plans


def new_entry(key: str, parameters: NotebookParameters, previous: Entry | None) -> Entry:
    """A rebuilt briefing's entry; until it succeeds it offers the last good outputs.

    A failed build keeps those files in place and in the index (never deletes them).
    """
    published = previous.published_run() if previous else None
    return Entry(
        dependency_key=key,
        parameters=parameters.as_json(),
        started=timestamp(),
        last_good=published,
        outputs=published.outputs if published else Outputs(),
    )


@dataclass(frozen=True)
class BuildReport:
    """Each requested region's manifest entry, and which regions this build redid."""

    entries: dict[str, Entry]
    rebuilt: list[str]
    global_entry: Entry | None = None  # when the build was asked for it

    @property
    def failed(self) -> dict[str, Entry]:
        return {r: e for r, e in self.entries.items() if not e.is_built}


def build(
    paths: ProjectPaths,
    regions: list[Region],
    all_regions: dict[str, Region],
    options: BuildOptions,
    progress: Progress,
) -> BuildReport:
    """Build the given regions, skipping those whose dependencies did not change."""
    with exclusive(paths.outputs / ".build.lock"):
        for folder in (paths.outputs, paths.validation, paths.processed):
            remove_leftovers(folder)  # what a killed build was still making
        date = build_date(paths.root)
        parameters = NotebookParameters(options.policy.k, __version__, date)
        previous = load_manifest(paths.manifest)
        plans = _plan(paths, regions, parameters)
        manifest = Manifest(
            code_version=__version__,
            commit=git_commit(paths.root),
            build_date=date,
            packages=package_versions(),
            parameters=parameters.as_json(),
            regions={r: e for r, e in previous.regions.items() if r in all_regions},
            global_briefing=previous.global_briefing,
        )
        state = BuildState(paths, all_regions, manifest)
        stale = []
        for region in regions:
            entry = previous.regions.get(region.id)
            if not options.force and is_current(entry, plans[region.id].key, paths):
                progress.update(region.id, "up to date")
            else:
                stale.append(region)
        os.environ[ROOT_VARIABLE] = str(paths.root)  # kernels find the project through it
        global_done = False
        if stale:
            entries = {
                r.id: new_entry(
                    plans[r.id].key, parameters.for_region(r.id), previous.regions.get(r.id)
                )
                for r in stale
            }
            for region_id, entry in entries.items():
                entry.commentary = plans[region_id].commentary
            state.outputs_will_change()
            global_done = _rebuild(paths, stale, entries, options, state, progress, parameters)
        if options.with_global and not global_done:
            _build_global(paths, state, options, parameters, progress)
        with state.lock:
            if state.manifest != previous or not state.published():
                state.write()  # else manifest, index and crate already say all this
        return BuildReport(
            {r.id: state.manifest.regions[r.id] for r in regions},
            [r.id for r in stale],
            state.manifest.global_briefing if options.with_global else None,
        )


def _global_entry(
    paths: ProjectPaths,
    state: BuildState,
    options: BuildOptions,
    parameters: NotebookParameters,
    progress: Progress,
) -> Entry | None:
    """The global briefing's new entry if what it reads changed, else None (up to date).

    Regions that failed their gate are left out, and named.
    """
    failed_gate = [
        r for r, e in state.manifest.regions.items() if e.status is Status.FAILED_VALIDATION
    ]
    arguments = parameters.for_global(failed_gate)
    key = global_key(paths, arguments.as_json(), sign_off_key(paths, GLOBAL_ID))
    previous = state.manifest.global_briefing
    if not options.force and is_current(previous, key, paths):
        progress.update(GLOBAL_ID, "up to date")
        return None
    return new_entry(key, arguments, previous)


def _build_global(
    paths: ProjectPaths,
    state: BuildState,
    options: BuildOptions,
    parameters: NotebookParameters,
    progress: Progress,
) -> None:
    """The global briefing alone, on a kernel of its own: no region was rebuilt."""
    entry = _global_entry(paths, state, options, parameters, progress)
    if entry is None:
        return
    from wud_briefings.publish.engine.worker import build_global  # the heavy imports

    state.outputs_will_change()
    build_global(paths, entry, options.cell_timeout, options.pdf_setter, progress)
    with state.lock:
        state.manifest.global_briefing = entry


def _fail(state: BuildState, progress: Progress, region_id: str, entry: Entry) -> None:
    """Record a failed region whose entry names status and reason.

    Its last good briefing stays listed (see :meth:`Entry.published_run`).
    """
    state.record(region_id, entry)
    progress.update(region_id, "failed", entry.reason or "")


def _await_verdict(
    region_id: str,
    verdict: Future,
    entry: Entry,
    state: BuildState,
    progress: Progress,
) -> Entry | None:
    """The entry of a region that passed the gate, to execute; None (recorded) if it failed."""
    progress.update(region_id, "validating")
    try:
        outcome, figures, seconds = verdict.result(timeout=GATE_TIMEOUT)
    except TimeoutError:
        entry.fail(
            Status.FAILED_VALIDATION, f"validation took longer than the limit of {GATE_TIMEOUT} s"
        )
        _fail(state, progress, region_id, entry)
        return None
    entry.is_synthetic = outcome.is_synthetic
    # A reused verdict is timed under its own name: the gate did not run.
    timing = "validate_cached_s" if outcome.gate_cached else "validate_s"
    entry.timings[timing] = round(seconds, 2)
    if outcome.gate_cached:
        progress.update(region_id, "validated (cached)")
    _validated(outcome, figures, entry)
    if entry.status is Status.FAILED_VALIDATION:
        _fail(state, progress, region_id, entry)
        return None
    return entry


@dataclass(frozen=True)
class Execution:
    """The build's warm workers, and what a thread does with one for each kind of task."""

    paths: ProjectPaths
    state: BuildState
    progress: Progress
    pool: WorkerPool

    def warm(self) -> None:
        worker = self.pool.acquire()
        try:
            worker.warm_up(self.paths)
        except Exception:  # the region's own run restarts the kernel and reports
            worker.kernel.restart()
        finally:
            self.pool.release(worker)

    def region(self, region: Region, entry: Entry) -> None:
        from wud_briefings.publish.engine.worker import run_region

        worker = self.pool.acquire()
        try:
            run_region(region, entry, worker, self.paths, self.progress, self.state.record)
        except Exception as error:  # a kernel or renderer fault fails this region only
            entry.fail(Status.FAILED_EXECUTION, f"{type(error).__name__}: {error}")
            _fail(self.state, self.progress, region.id, entry)
        finally:
            self.pool.release(worker)

    def global_briefing(self, entry: Entry) -> None:
        from wud_briefings.publish.engine.worker import run_global

        worker = self.pool.acquire()
        try:
            run_global(self.paths, entry, worker, self.progress)
        except Exception as error:  # a kernel or renderer fault
            entry.fail(Status.FAILED_EXECUTION, f"{type(error).__name__}: {error}")
            self.progress.update(GLOBAL_ID, "failed", entry.reason or "")
        finally:
            self.pool.release(worker)
        with self.state.lock:
            self.state.manifest.global_briefing = entry


def _gate_verdict(
    gate: ProcessPoolExecutor, paths: ProjectPaths, region: Region, options: BuildOptions
) -> Future:
    """The region's recorded verdict if it still holds, else the gate's from its child.

    The child process starts on the first region it must gate: a build whose
    verdicts all hold (a notebook edit) starts none.
    """
    from wud_briefings.publish.engine.gate_child import recorded_verdict, validate_region

    if not options.regate:
        recorded = recorded_verdict(region, paths, options.policy)
        if recorded is not None:
            verdict: Future = Future()
            verdict.set_result(recorded)
            return verdict
    return gate.submit(validate_region, str(paths.root), region.id, options.policy)


def _rebuild(
    paths: ProjectPaths,
    stale: list[Region],
    entries: dict[str, Entry],
    options: BuildOptions,
    state: BuildState,
    progress: Progress,
    parameters: NotebookParameters,
) -> bool:
    """Gate regions in a child process while workers warm up; execute and render in parallel.

    With ``options.with_global``, the global briefing goes to the same workers as soon as
    every gate has answered; returns whether it did.
    """
    from wud_briefings.publish.engine.child_pool import child_pool
    from wud_briefings.publish.engine.pdf_child import build_pdf_setter

    jobs = min(options.jobs, len(stale))
    with child_pool(1) as gate:
        # The gate starts first: its import of Great Expectations is the longest wait.
        verdicts = [_gate_verdict(gate, paths, r, options) for r in stale]
        with build_pdf_setter(jobs, options.pdf_setter, niceness=YIELD_TO_GATE) as pdf:
            from wud_briefings.publish.engine.worker import WorkerPool

            pool = WorkerPool(jobs, pdf, options.cell_timeout, niceness=YIELD_TO_GATE)
            try:
                execution = Execution(paths, state, progress, pool)
                _execute(stale, verdicts, entries, execution, options, parameters)
            finally:
                pool.shutdown()
    return options.with_global


def _execute(
    stale: list[Region],
    verdicts: list[Future],
    entries: dict[str, Entry],
    execution: Execution,
    options: BuildOptions,
    parameters: NotebookParameters,
) -> None:
    """Each region that passes its gate to a warm worker, then the global briefing."""
    state, progress = execution.state, execution.progress
    with ThreadPoolExecutor(max_workers=execution.pool.size, thread_name_prefix="briefing") as ex:
        tasks = [ex.submit(execution.warm) for _ in range(execution.pool.size)]
        for region, verdict in zip(stale, verdicts, strict=True):
            entry = _await_verdict(region.id, verdict, entries[region.id], state, progress)
            if entry is not None:
                progress.update(region.id, "queued for execution")
                tasks.append(ex.submit(execution.region, region, entry))
        if options.with_global:  # every gate has answered: the tables it reads are written
            global_entry = _global_entry(execution.paths, state, options, parameters, progress)
            if global_entry is not None:
                tasks.append(ex.submit(execution.global_briefing, global_entry))
        for task in tasks:
            task.result()  # each bounded by its cell, kernel and render limits
