"""A region's verdict and index figures: recorded, or from gating and processing it.

The gate runs in a child of ``child_pool`` (Great Expectations is slow to import
and CPU-bound); the codebook, suites and regions are read once per child. A
recorded verdict that still holds is read in the build's own process.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wud_briefings.core.paths import ProjectPaths

if TYPE_CHECKING:
    from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
    from wud_briefings.survey.regions import Region


@cache
def _configuration(root: str) -> tuple[Any, Any, dict[str, Any]]:
    from wud_briefings.gate.suites import load_suites
    from wud_briefings.survey.codebook import Codebook
    from wud_briefings.survey.regions import load_regions

    paths = ProjectPaths(Path(root))
    return Codebook.load(paths.codebook), load_suites(paths.expectations), load_regions(paths)


Verdict = tuple[Any, dict[str, int] | None, float]  # outcome, headline figures, seconds


def _verdict(
    paths: ProjectPaths, outcome: Any, policy: DisclosurePolicy, started: float
) -> Verdict:
    """The outcome with its headline figures (for the index) and the seconds since ``started``."""
    from wud_briefings.analysis.figures.metrics import headline
    from wud_briefings.process.tables import load_processed
    from wud_briefings.publish.rendering.index import headline_figures

    figures = None
    if outcome.is_valid:
        figures = headline_figures(
            headline(load_processed(paths.processed_region(outcome.region_id)), policy)
        )
    return outcome, figures, time.perf_counter() - started


def recorded_verdict(
    region: Region, paths: ProjectPaths, policy: DisclosurePolicy
) -> Verdict | None:
    """The region's recorded verdict if it still holds (see
    :mod:`wud_briefings.process.gate_cache`), else None.

    Cheap (hashes and JSON): the build reads it in its own process and starts the
    gate's child, and imports Great Expectations, only for regions it must gate.
    """
    from wud_briefings.process.region import cached_region

    started = time.perf_counter()
    outcome = cached_region(region, paths)
    return None if outcome is None else _verdict(paths, outcome, policy, started)


def validate_region(root: str, region_id: str, policy: DisclosurePolicy) -> Verdict:
    """Gate and process one region: its outcome, headline figures and seconds taken."""
    from wud_briefings.process.region import process_region

    started = time.perf_counter()
    paths = ProjectPaths(Path(root))
    codebook, suites, regions = _configuration(root)
    outcome = process_region(regions[region_id], codebook, suites, paths)
    return _verdict(paths, outcome, policy, started)
