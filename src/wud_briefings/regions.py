"""The survey's regions, loaded from ``data/raw/regions.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from wud_briefings.paths import ProjectPaths


@dataclass(frozen=True)
class Region:
    """One surveyed region and where its inputs are."""

    id: str
    name: str
    survey_month: str
    language: str
    m49_subregions: tuple[str, ...]
    extra_countries: tuple[str, ...] = ()
    subnational: bool = False
    export: str = ""
    coding: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages tried for headers and answers: the survey's, then English."""
        return tuple(dict.fromkeys((self.language, "en")))

    @property
    def countries(self) -> frozenset[str]:
        from wud_briefings.countries import countries_in  # pandas: only when needed

        return countries_in(list(self.m49_subregions), list(self.extra_countries))


@dataclass(frozen=True)
class RegionInputs:
    """The raw files one region is built from, and whether they are synthetic."""

    export: Path
    coding: Path | None
    is_synthetic: bool


def load_regions(paths: ProjectPaths) -> dict[str, Region]:
    data = yaml.safe_load(paths.regions.read_text(encoding="utf-8"))
    regions = {}
    for entry in data["regions"]:
        entry = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        regions[entry["id"]] = Region(**entry)
    return regions


def select_regions(regions: dict[str, Region], wanted: list[str] | None) -> list[Region]:
    """The regions asked for, in the order given; all of them when none is named."""
    if not wanted:
        return list(regions.values())
    unknown = [r for r in wanted if r not in regions]
    if unknown:
        raise KeyError(f"unknown region(s) {unknown}; known: {', '.join(regions)}")
    return [regions[r] for r in wanted]


def locate_inputs(region: Region, paths: ProjectPaths) -> RegionInputs:
    """A real export in data/raw/exports/ wins over the shipped synthetic one."""
    for suffix in (".csv", ".xlsx"):
        real = paths.exports / f"{region.id}{suffix}"
        if real.exists():
            coding = paths.exports / "coding" / f"{region.id}.csv"
            return RegionInputs(real, coding if coding.exists() else None, is_synthetic=False)
    coding = paths.root / region.coding if region.coding else None
    return RegionInputs(paths.root / region.export, coding, is_synthetic=True)
