"""Maps of surveyed countries, drawn offline with matplotlib in an equal-area projection.

Each map is a :class:`~wud_briefings.analysis.plots.Chart`, so a notebook cell
ending with the call shows it with its alt text. Each country is one patch
whose ``gid`` is its ISO alpha-3 code and whose colour is its status, so a test
can read from the figure itself what was drawn and how. Countries too small for
Natural Earth's 1:110m scale are named in the alt text, never silently dropped.
Alt text names every country in words.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import seaborn as sns
from babel.lists import format_list
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from shapely.plotting import patch_from_polygon

from wud_briefings.analysis.plots import Chart
from wud_briefings.process.tables import ProcessedRegion

# What a country shows on the world map, and its colour (distinct in lightness too).
SERVICE = "service reported"
NO_SERVICE = "surveyed, no service reported"
NOT_CODED = "surveyed, answers not yet coded"
FEW = "surveyed, too few respondents to show answers"
NOT_SURVEYED = "not surveyed"
COLOURS = {
    SERVICE: "#1b4965",
    NO_SERVICE: "#8fb8d8",
    NOT_CODED: "#d8c79e",
    FEW: "#c9c9c9",
    NOT_SURVEYED: "#f0f0f0",
}
SURVEYED = "surveyed"
LOCATOR_COLOURS = {SURVEYED: "#1b4965", NOT_SURVEYED: "#e4e4e4"}
LOCATOR_WIDTH = 6.0  # inches; the height follows the region's shape, within bounds


def _theme() -> None:
    """The same style whatever was drawn before on this kernel (seaborn's theme is global)."""
    sns.set_theme(style="white", font="DejaVu Sans")


def _listed(names: list[str]) -> str:
    return format_list(sorted(names), locale="en") if names else "none"


def _draw(
    axes: object, boundaries: gpd.GeoDataFrame, status: Mapping[str, str], colours: dict
) -> None:
    for iso3, geometry in zip(boundaries["iso3"], boundaries["geometry"], strict=True):
        state = status.get(iso3, NOT_SURVEYED) if iso3 else NOT_SURVEYED
        axes.add_patch(
            patch_from_polygon(
                geometry, facecolor=colours[state], edgecolor="white", linewidth=0.3, gid=iso3
            )
        )
    axes.set_aspect("equal")
    axes.set_axis_off()


def drawn_status(figure: Figure) -> dict[str, str]:
    """Each drawn country's colour, as hex, by ISO alpha-3: what the figure shows."""
    return {
        p.get_gid(): to_hex(p.get_facecolor())
        for p in figure.axes[0].patches
        if p.get_gid() is not None
    }


def _missing(boundaries: gpd.GeoDataFrame, countries: set[str]) -> list[str]:
    return sorted(countries - set(boundaries["iso3"].dropna()))


def world_map_figure(boundaries: gpd.GeoDataFrame, countries: pd.DataFrame) -> Chart:
    """Surveyed countries shaded by whether a service designed for WUD was reported.

    ``countries`` is :func:`~wud_briefings.analysis.across_regions.country_status`:
    indexed by ISO alpha-3, with each country's name (``country``) and its
    ``status``, one of SERVICE, NO_SERVICE, NOT_CODED or FEW; every other country
    is drawn as not surveyed.
    """
    status = dict(zip(countries.index, countries["status"], strict=True))
    names = dict(zip(countries.index, countries["country"], strict=True))
    _theme()
    figure = Figure(figsize=(10, 5.2), layout="constrained")
    axes = figure.subplots()
    _draw(axes, boundaries, status, COLOURS)
    axes.autoscale_view()
    axes.set_title(
        "Countries surveyed, and where services designed for women who use drugs were reported"
    )
    axes.legend(
        handles=[Patch(facecolor=COLOURS[s], edgecolor="#999999", label=s) for s in COLOURS],
        loc="lower left",
        fontsize="small",
        frameon=False,
    )
    missing = [names[c] for c in _missing(boundaries, set(status))]
    return Chart(figure, world_map_alt(countries, missing))


def world_map_alt(countries: pd.DataFrame, missing: list[str]) -> str:
    """The world map's alt text: the countries in each state, and those too small to draw."""
    by_state = {s: list(countries.loc[countries["status"].eq(s), "country"]) for s in COLOURS}
    sentences = [
        f"World map, equal-area projection, of the {len(countries)} countries surveyed.",
        f"A service designed for women who use drugs was reported in {_listed(by_state[SERVICE])}.",
        f"None was reported in {_listed(by_state[NO_SERVICE])}.",
        f"Answers not yet coded: {_listed(by_state[NOT_CODED])}." if by_state[NOT_CODED] else "",
        f"Too few respondents to show their answers: {_listed(by_state[FEW])}.",
        "Every other country was not surveyed.",
        f"Too small to draw at this scale: {_listed(missing)}." if missing else "",
    ]
    return " ".join(s for s in sentences if s)


MAIN_PART = 0.25  # a part at least this share of a country's largest one is framed


def _frame(boundaries: gpd.GeoDataFrame, countries: set[str]) -> tuple[float, ...]:
    """Bounds of each surveyed country's main parts, padded.

    Far-flung smaller parts (French Guiana, Alaska, small islands) are left out
    of the frame, but not New Zealand's North Island beside its South Island.
    """
    parts = boundaries[boundaries["iso3"].isin(countries)].explode(index_parts=False)
    parts = parts.assign(area=parts.area)
    largest = parts.groupby("iso3")["area"].transform("max")
    main = parts[parts["area"] >= MAIN_PART * largest]
    left, bottom, right, top = main.total_bounds
    margin = 0.08 * max(right - left, top - bottom)
    return left - margin, bottom - margin, right + margin, top + margin


def locator_map_figure(
    boundaries: gpd.GeoDataFrame, surveyed: Mapping[str, str], region_name: str
) -> Chart:
    """A small map of the region: the surveyed countries (ISO alpha-3 to name) in dark."""
    drawn = set(surveyed) - set(_missing(boundaries, set(surveyed)))
    left, bottom, right, top = _frame(boundaries, drawn or set(boundaries["iso3"].dropna()))
    height = min(max(LOCATOR_WIDTH * (top - bottom) / (right - left), 2.5), 5.0)
    _theme()
    figure = Figure(figsize=(LOCATOR_WIDTH, height + 0.4), layout="constrained")
    axes = figure.subplots()
    _draw(axes, boundaries, dict.fromkeys(surveyed, SURVEYED), LOCATOR_COLOURS)
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)
    axes.set_title(f"Countries surveyed in {region_name}", fontsize="medium")
    missing = _missing(boundaries, set(surveyed))
    alt = (
        f"Locator map of {region_name}, equal-area projection, with the "
        f"{len(surveyed)} {'country' if len(surveyed) == 1 else 'countries'} surveyed "
        f"shaded: {_listed(list(surveyed.values()))}."
        + (
            f" Too small to draw at this scale: {_listed([surveyed[c] for c in missing])}."
            if missing
            else ""
        )
    )
    return Chart(figure, alt)


def surveyed_countries(data: ProcessedRegion) -> dict[str, str]:
    """Every country with a respondent, ISO alpha-3 to name (what the respondents table lists)."""
    respondents = data.respondents.dropna(subset=["country_iso3"])
    pairs = zip(respondents["country_iso3"], respondents["country_name"], strict=True)
    return dict(sorted(set(pairs)))


def locator_map(boundaries: gpd.GeoDataFrame, data: ProcessedRegion, region_name: str) -> Chart:
    """The region's locator map: every surveyed country alike, whatever its number of respondents.

    It shows no more than the respondents-by-country table: which countries had
    a respondent (the table lists each), not how many, nor what they answered.
    """
    return locator_map_figure(boundaries, surveyed_countries(data), region_name)
