"""What the notebooks start from: regions, their processed tables, the codebook, the boundaries."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import geopandas as gpd

from wud_briefings.analysis.figures.across_regions import LeftOutRegion, RegionSurvey
from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.language import N_, SOURCE_LANGUAGE, current
from wud_briefings.core.paths import PROVENANCE, ProjectPaths
from wud_briefings.process.tables import ProcessedRegion, load_processed, processed_folder
from wud_briefings.survey.boundaries import country_boundaries
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.countries import short_name
from wud_briefings.survey.regions import Region, load_regions, select_regions

# Why a region is left out of the global briefing (translated where the briefing says so).
NOT_PASSED = N_("its export did not pass the checks of this build")
NOT_PROCESSED = N_("it has no processed data (it has not been built)")


def in_language(data: ProcessedRegion) -> ProcessedRegion:
    """The tables with each country named in the language in use ("Россия" in a Russian
    briefing): processed tables keep English names, so they never depend on a language."""
    if current() == SOURCE_LANGUAGE:
        return data
    respondents = data.respondents
    names = {iso3: short_name(iso3) for iso3 in respondents["country_iso3"].dropna().unique()}
    localised = respondents["country_iso3"].map(names).fillna(respondents["country_name"])
    return replace(data, respondents=respondents.assign(country_name=localised))


class RegionalMaterials(NamedTuple):
    """What a regional briefing is written from. Not its raw inputs (export, coding
    sheet): only the gate reads those; "inputs" always names them."""

    region: Region
    data: ProcessedRegion
    codebook: Codebook
    boundaries: gpd.GeoDataFrame


def regional_materials(region_id: str) -> RegionalMaterials:
    """One region's definition, processed tables, the codebook and the country boundaries."""
    paths = ProjectPaths()
    return RegionalMaterials(
        load_regions(paths)[region_id],
        in_language(load_processed(processed_folder(paths, region_id))),
        Codebook.load(paths.codebook),
        country_boundaries(paths),
    )


class GlobalMaterials(NamedTuple):
    """What the global briefing is written from, and the raw input files behind it."""

    surveys: list[RegionSurvey]
    codebook: Codebook
    boundaries: gpd.GeoDataFrame
    left_out: list[LeftOutRegion]
    inputs: dict[str, str]  # every input file the briefing was built from, to its SHA-256


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def global_materials(
    regions: str = "", failed_gate: str = "", paths: ProjectPaths | None = None
) -> GlobalMaterials:
    """Every region's processed tables that may be used, and the regions left out and why.

    ``regions`` and ``failed_gate`` are comma-separated region ids: the regions to
    cover (empty: all of data/raw/regions.yaml), and those that did not pass
    their gate in this build (whose processed data, left from an earlier build,
    is not used). A region without processed data is missing too. Missing
    regions are named in the briefing, never dropped silently. An unknown id
    is refused. Regions come in the order of data/raw/regions.yaml. ``paths``
    (the project, by default ``WUD_PROJECT_ROOT`` or the clone) lets the build
    write the services directory from the same materials the notebook reads.
    """
    paths = paths or ProjectPaths()
    every = load_regions(paths)
    selected = {r.id for r in select_regions(every, _ids(regions))}
    failed = (
        {r.id for r in select_regions(every, _ids(failed_gate))} if failed_gate.strip() else set()
    )
    surveys, left_out = [], []
    for region in every.values():
        folder = paths.processed_region(region.id)
        if region.id in failed:
            left_out.append(LeftOutRegion(region, NOT_PASSED))
        elif region.id not in selected:
            continue
        elif not (folder / PROVENANCE).exists():
            left_out.append(LeftOutRegion(region, NOT_PROCESSED))
        else:
            surveys.append(RegionSurvey(region, in_language(load_processed(folder))))
    inputs = {name: digest for s in surveys for name, digest in s.data.provenance.inputs.items()}
    inputs[paths.shown(paths.boundaries)] = sha256_file(paths.boundaries)
    return GlobalMaterials(
        surveys, Codebook.load(paths.codebook), country_boundaries(paths), left_out, inputs
    )
