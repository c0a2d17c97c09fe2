"""Work the build hands to child processes: the expectations gate and PDF setting.

Both are pure Python and CPU-bound (Great Expectations is also slow to import):
run in the build's own process they would hold the interpreter lock that the
threads driving the kernels need. In children they run on the other core, in
parallel with kernels executing notebooks. Children exit by themselves if the
build that started them dies.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from wud_briefings.core.paths import ProjectPaths

CHILD_EXIT_TIMEOUT = 10  # seconds a child may take to exit once the build is done with it


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _child_setup(parent: int, niceness: int) -> None:
    _exit_with_parent(parent)
    os.nice(niceness)


@contextlib.contextmanager
def child_pool(size: int, niceness: int = 0) -> Iterator[ProcessPoolExecutor]:
    """Spawned processes (never forked from a process with threads) tied to this one.

    ``niceness`` lowers their priority: work off the critical path yields the CPU
    to the gate, which every region waits for. On leaving, pending work is
    cancelled and a child still busy after ``CHILD_EXIT_TIMEOUT`` (one whose
    result the build stopped waiting for) is killed: leaving never hangs.
    """
    pool = ProcessPoolExecutor(
        max_workers=size,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_child_setup,
        initargs=(os.getpid(), niceness),
    )
    try:
        yield pool
    finally:
        processes = list((pool._processes or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=CHILD_EXIT_TIMEOUT)
            if process.is_alive():
                process.kill()
                process.join(timeout=CHILD_EXIT_TIMEOUT)


@cache
def _inputs(root: str) -> tuple[Any, Any, dict[str, Any]]:
    from wud_briefings.gate.suites import load_suites
    from wud_briefings.survey.codebook import Codebook
    from wud_briefings.survey.regions import load_regions

    paths = ProjectPaths(Path(root))
    return Codebook.load(paths.codebook), load_suites(paths.expectations), load_regions(paths)


def validate_region(root: str, region_id: str, k: int) -> tuple[Any, dict[str, int] | None, float]:
    """Gate and process one region; its outcome, headline figures and seconds taken."""
    from wud_briefings.analysis.metrics import headline
    from wud_briefings.process.region import process_region
    from wud_briefings.process.tables import load_processed

    started = time.perf_counter()
    codebook, suites, regions = _inputs(root)
    paths = ProjectPaths(Path(root))
    outcome = process_region(regions[region_id], codebook, suites, paths)
    figures = None
    if outcome.is_valid:
        h = headline(load_processed(paths.processed_region(region_id)), k)
        figures = {
            "respondents": h.respondents,
            "countries": len(h.countries),
            "knows_wud_services": h.knows_wud_services,
            "knows_pct": h.knows_pct,
        }
        if not h.same_wud_answer:  # else a count would disclose every respondent's answer
            figures |= {"identifies_as_wud": h.identifies_as_wud, "wud_pct": h.wud_pct}
    return outcome, figures, time.perf_counter() - started


def render_pdf(html: str) -> bytes:
    """The briefing's PDF, set by WeasyPrint in this child."""
    from wud_briefings.build.render import html_to_pdf, quiet_renderers

    quiet_renderers()
    return html_to_pdf(html)
