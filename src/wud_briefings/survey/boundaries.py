"""Country boundaries for the maps: Natural Earth 1:110m, keyed by ISO alpha-3.

Read offline from ``data/external/natural-earth/`` (its ``source.yaml`` records
source, version, licence and SHA-256): nothing is downloaded at run time.
world-atlas keys countries by ISO 3166 numeric code, turned here into the
alpha-3 codes the survey resolves. Shapes are projected to Equal Earth, an
equal-area projection, so shaded areas on a map are true to the countries' sizes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.affinity import translate
from shapely.geometry import box

from wud_briefings.core.paths import ProjectPaths
from wud_briefings.survey.countries import numeric_to_iso3

EQUAL_EARTH = "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"
LAYER = "countries"
ANTARCTICA = "ATA"  # left off world maps: no survey there, and it dominates Equal Earth


def _split_at_antimeridian(geometry: shapely.Geometry) -> shapely.Geometry:
    """Cut polygons that cross longitude 180 (Russia, Fiji) into an east and a west part.

    world-atlas's shapes are drawn for spherical clipping: a polygon crossing the
    antimeridian jumps from +180 to -180, which a flat projection draws as a band
    across the whole map.
    """
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        west, _, east, _ = polygon.bounds
        if east - west <= 180:
            parts.append(polygon)
            continue
        shifted = shapely.transform(
            polygon, lambda xy: np.where(xy[:, :1] < 0, xy + np.array([360, 0]), xy)
        )
        shifted = shapely.make_valid(shifted)
        parts.append(shifted.intersection(box(0, -90, 180, 90)))
        parts.append(translate(shifted.intersection(box(180, -90, 360, 90)), xoff=-360))
    return shapely.unary_union(parts)


@cache
def _read(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path, layer=LAYER).set_crs("EPSG:4326")
    frame["geometry"] = frame["geometry"].map(_split_at_antimeridian)
    frame["iso3"] = [numeric_to_iso3(i) if isinstance(i, str) else None for i in frame["id"]]
    frame = frame[frame["iso3"].ne(ANTARCTICA)]
    return frame[["iso3", "name", "geometry"]].to_crs(EQUAL_EARTH).reset_index(drop=True)


def country_boundaries(paths: ProjectPaths) -> gpd.GeoDataFrame:
    """Every country's outline (``iso3`` None for the few disputed areas without a code)."""
    return _read(paths.boundaries).copy()
