"""What the gate child runs: gate and process one region, and its index figures.

Runs in a child of ``child_pool`` (Great Expectations is slow to import and
CPU-bound); the codebook, suites and regions are read once per child.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

from wud_briefings.core.paths import ProjectPaths


@cache
def _configuration(root: str) -> tuple[Any, Any, dict[str, Any]]:
    from wud_briefings.gate.suites import load_suites
    from wud_briefings.survey.codebook import Codebook
    from wud_briefings.survey.regions import load_regions

    paths = ProjectPaths(Path(root))
    return Codebook.load(paths.codebook), load_suites(paths.expectations), load_regions(paths)


def validate_region(
    root: str, region_id: str, k: int, regate: bool = False
) -> tuple[Any, dict[str, int] | None, float]:
    """Gate and process one region; its outcome, headline figures and seconds taken.

    A region whose recorded verdict still holds (see
    :mod:`wud_briefings.process.gate_cache`) is not gated again, unless ``regate``:
    Great Expectations is then not even imported.
    """
    from wud_briefings.analysis.metrics import headline
    from wud_briefings.process.region import cached_region, process_region
    from wud_briefings.process.tables import load_processed
    from wud_briefings.publish.index import headline_figures
    from wud_briefings.survey.regions import load_regions

    started = time.perf_counter()
    paths = ProjectPaths(Path(root))
    outcome = None if regate else cached_region(load_regions(paths)[region_id], paths)
    if outcome is None:
        codebook, suites, regions = _configuration(root)
        outcome = process_region(regions[region_id], codebook, suites, paths)
    figures = None
    if outcome.is_valid:
        figures = headline_figures(headline(load_processed(paths.processed_region(region_id)), k))
    return outcome, figures, time.perf_counter() - started
