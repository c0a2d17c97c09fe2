"""What the briefing notebook starts from: a region, its processed tables and the codebook."""

from __future__ import annotations

from typing import NamedTuple

from wud_briefings.core.paths import ProjectPaths
from wud_briefings.privacy.disclosure import DEFAULT_K, check_k
from wud_briefings.process.tables import PROVENANCE, ProcessedRegion, load_processed
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, load_regions


class BriefingInputs(NamedTuple):
    region: Region
    data: ProcessedRegion
    codebook: Codebook


def briefing_inputs(region_id: str, k: int = DEFAULT_K) -> BriefingInputs:
    """One region's definition, processed tables and the codebook.

    ``k`` is checked here (a threshold below 2 is refused) so that a notebook
    run with a wrong one stops before it shows anything.
    """
    check_k(k)
    paths = ProjectPaths()
    folder = paths.processed_region(region_id)
    if not (folder / PROVENANCE).exists():
        raise FileNotFoundError(
            f"no processed data for region {region_id!r} in "
            f"data/processed/{region_id}/: run `make briefings` first"
        )
    return BriefingInputs(
        load_regions(paths)[region_id], load_processed(folder), Codebook.load(paths.codebook)
    )
