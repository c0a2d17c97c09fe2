"""Maps of surveyed countries, drawn offline with matplotlib in an equal-area projection.

Each map is a :class:`~wud_briefings.analysis.display.plots.Chart`, so a notebook cell
ending with the call shows it with its alt text. Each country is one patch
whose ``gid`` is its ISO alpha-3 code and whose colour is its status, so a test
can read from the figure itself what was drawn and how. A surveyed country too
small to see at the map's scale also gets a circle (gid ``marker-ISO3``) and
its name (gid ``label-ISO3``); countries too small for Natural Earth's 1:110m
scale are named in the alt text, never silently dropped. Alt text names every
country in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from shapely.plotting import patch_from_polygon

from wud_briefings.analysis.display.plots import (
    DPI,
    GRID_TEXT,
    MAX_HEIGHT,
    MAX_WIDTH,
    Chart,
    ChartTable,
    grid_font,
    lay_out,
    new_figure,
    theme,
    wrap,
)
from wud_briefings.analysis.figures.across_regions import (
    AWAITING_CODING,
    FEW,
    NO_SERVICE,
    NOT_SURVEYED,
    SERVICE,
)
from wud_briefings.analysis.figures.metrics import surveyed_countries
from wud_briefings.core import language
from wud_briefings.core.language import _, ngettext
from wud_briefings.process.tables import ProcessedRegion

PADDING = 0.15  # inches about a map: its caption is text on the page, not in the image

# What a country shows on the world map (the legend's words: the figures' statuses), and its
# colour (distinct in lightness too).
COLOURS = {
    SERVICE: "#1b4965",
    NO_SERVICE: "#8fb8d8",
    AWAITING_CODING: "#d8c79e",
    FEW: "#c9c9c9",
    NOT_SURVEYED: "#f0f0f0",
}
SURVEYED = "surveyed"
LOCATOR_COLOURS = {SURVEYED: "#1b4965", NOT_SURVEYED: "#e4e4e4"}
WORLD_LEGEND = 1.9  # inches: the world map's legend, beside it (its names wrapped to 1.5 in)
LEGEND_NAMES = 1.5
LOCATOR_WIDTH = 6.0  # inches; the height follows the region's shape, within bounds
# A surveyed country drawn smaller than the marker that would stand for it (a circle
# MARKER_SIZE points across, 6 px at 96 px/in, so 36 px²) gets the marker and its name:
# at that size the white outlines take over the shape, and its colour cannot be told.
MARKER_SIZE = 4.5
MIN_AREA_PX = 36.0
MARKER_EDGE = "#333333"
# A country's part farther than this (metres, in the projection) from its largest part is
# overseas (French Guiana, Hawaii, a part beyond the antimeridian that a flat map puts on
# the far edge): framing it would shrink the region to a corner of an ocean.
OVERSEAS = 2_500_000
SIMPLIFY_PX = 0.5  # outlines are simplified to half a pixel at the map's scale


def _listed(names: list[str]) -> str:
    ordered = sorted(names, key=language.alphabetical)
    return language.and_list(ordered) if names else _("none")


def _draw(
    axes: Axes,
    boundaries: gpd.GeoDataFrame,
    status: Mapping[str, str],
    colours: dict,
    frame: tuple[float, float, float, float],
    width: float,
) -> None:
    """Each country as one patch, within ``frame`` (left, bottom, right, top), for a map
    ``width`` inches wide.

    Outlines are cut to a little beyond the frame and simplified to half a
    pixel: the SVG carries no vertex that no one could see.
    """
    left, bottom, right, top = frame
    pad = 0.02 * (right - left)
    window = (left - pad, bottom - pad, right + pad, top + pad)
    tolerance = SIMPLIFY_PX * (right - left) / (width * DPI)
    for iso3, geometry in zip(boundaries["iso3"], boundaries["geometry"], strict=True):
        code = iso3 if isinstance(iso3, str) else None  # disputed areas have no code
        shape = shapely.clip_by_rect(geometry, *window).simplify(tolerance)
        if shape.is_empty or shape.area == 0:
            continue
        state = status.get(code, NOT_SURVEYED) if code else NOT_SURVEYED
        axes.add_patch(
            patch_from_polygon(
                shape, facecolor=colours[state], edgecolor="white", linewidth=0.3, gid=code
            )
        )
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)
    axes.set_aspect("equal")
    axes.set_axis_off()


def drawn_status(figure: Figure) -> dict[str, str]:
    """Each drawn country's colour, as hex, by ISO alpha-3: what the figure shows."""
    return {
        gid: to_hex(p.get_facecolor())
        for p in figure.axes[0].patches
        if (gid := p.get_gid()) is not None
    }


def _missing(boundaries: gpd.GeoDataFrame, countries: set[str]) -> list[str]:
    return sorted(countries - set(boundaries["iso3"].dropna()))


def pixels_per_unit(figure: Figure, axes: Axes) -> float:
    """CSS pixels per projected metre, once the layout has placed the (equal-aspect) map."""
    lay_out(figure)
    axes.apply_aspect()
    box = axes.get_position()
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    return DPI * min(
        box.width * figure.get_figwidth() / (right - left),
        box.height * figure.get_figheight() / (top - bottom),
    )


def _visible_part(geometry: shapely.Geometry, axes: Axes) -> shapely.Geometry:
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    return shapely.clip_by_rect(geometry, left, bottom, right, top)


def mark_small_countries(
    figure: Figure,
    axes: Axes,
    boundaries: gpd.GeoDataFrame,
    names: Mapping[str, str],
    colours: Mapping[str, str],
) -> list[str]:
    """A circle and a name for each listed country drawn smaller than :data:`MIN_AREA_PX`.

    ``names`` and ``colours`` are keyed by ISO alpha-3; returns the names marked.
    Names are placed inside the map, clear of each other and of the circles, so
    they neither change the layout (and the scale) nor hide one another.
    """
    shapes = dict(zip(boundaries["iso3"], boundaries["geometry"], strict=True))
    scale = pixels_per_unit(figure, axes) ** 2
    points = {}
    for iso3 in names:
        visible = _visible_part(shapes[iso3], axes) if iso3 in shapes else None
        if visible is not None and visible.area * scale < MIN_AREA_PX:
            shape = shapes[iso3] if visible.is_empty else visible
            points[iso3] = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
    points = {c: p.representative_point() for c, p in sorted(points.items(), key=_west_first)}
    for iso3, point in points.items():
        axes.plot(
            [point.x],
            [point.y],
            marker="o",
            markersize=MARKER_SIZE,
            color=colours[iso3],
            markeredgecolor=MARKER_EDGE,
            markeredgewidth=0.6,
            linestyle="none",
            gid=f"marker-{iso3}",
        )
    renderer = figure._get_renderer()  # type: ignore[attr-defined]  # matplotlib's own way to measure
    taken = [line.get_window_extent(renderer) for line in axes.lines]
    for iso3, point in points.items():
        taken.append(
            _label(
                axes, renderer, iso3, (point.x, point.y), names[iso3], taken, SMALL_COUNTRY_PLACES
            )
        )
    return sorted(names[c] for c in points)


def name_countries(
    figure: Figure, axes: Axes, boundaries: gpd.GeoDataFrame, names: Mapping[str, str]
) -> None:
    """Each listed country's name on its largest visible part (or beside it), clear of the
    names and circles already on the map: a reader can tell which shaded country is which."""
    shapes = dict(zip(boundaries["iso3"], boundaries["geometry"], strict=True))
    renderer = figure._get_renderer()  # type: ignore[attr-defined]  # matplotlib's own way to measure
    taken = [line.get_window_extent(renderer) for line in axes.lines]
    taken += [text.get_window_extent(renderer).padded(2) for text in axes.texts]
    taken += [text.get_window_extent(renderer).padded(2) for text in figure.texts]  # title
    # a name may stand beside the map where a narrow region leaves the figure's sides free
    page = figure.bbox.padded(-4)
    largest = {}
    for iso3 in names:
        visible = _visible_part(shapes[iso3], axes)
        if not visible.is_empty:
            largest[iso3] = max(getattr(visible, "geoms", [visible]), key=lambda g: g.area)
    # the largest countries first: they have the most room for a name of their own
    middle = sum(axes.get_xlim()) / 2
    for iso3 in sorted(largest, key=lambda c: -largest[c].area):
        point = largest[iso3].representative_point()
        where, name = (point.x, point.y), names[iso3]
        others = shapely.union_all([s for c, s in largest.items() if c != iso3])
        # beside it on the side of the map it is on: the open side, usually the sea
        toward = -1 if point.x < middle else 1
        places = [ON_COUNTRY, *sorted(FAR_PLACES, key=lambda p: p[0][0] * toward < 0)]
        box = _label(axes, renderer, iso3, where, name, taken, places, page, largest[iso3], others)
        taken.append(box)


def _west_first(item: tuple[str, shapely.Geometry]) -> float:
    return item[1].centroid.x


# Where a name may go beside its circle (offset in points, alignment), in order of preference.
LABEL_PLACES = [
    ((5, 0), "left", "center"),
    ((-5, 0), "right", "center"),
    ((4, 6), "left", "bottom"),
    ((4, -6), "left", "top"),
    ((-4, 6), "right", "bottom"),
    ((-4, -6), "right", "top"),
    ((0, 9), "center", "bottom"),
    ((0, -9), "center", "top"),
]


# Further out, to either side, where a crowded coast leaves room: a thin line then leads
# from the name to its country (from this many points away).
LEADER_FROM = 16
FAR_PLACES = [
    ((side * distance, rise), "left" if side > 0 else "right", "center")
    for distance in (LEADER_FROM, 28, 42, 60)
    for rise in (0, 8, -8, 16, -16)
    for side in (-1, 1)
]
# A small country's name: beside its circle, else farther off with a leader line.
SMALL_COUNTRY_PLACES = [*LABEL_PLACES, *FAR_PLACES]
# A country big enough to see is named on itself when its name fits inside it, else beside
# it with a leader line: a name lying across a neighbour would name the neighbour.
ON_COUNTRY = ((0, 0), "center", "center")


def _label(
    axes: Axes,
    renderer: RendererBase,
    iso3: str,
    point: tuple[float, float],
    name: str,
    taken: list[Bbox],
    places: Sequence[tuple] = LABEL_PLACES,
    within: Bbox | None = None,
    shape: shapely.Geometry | None = None,
    others: shapely.Geometry | None = None,
) -> Bbox:
    """The country's name at the first of ``places`` (beside its circle, by default) that is
    inside ``within`` (the map, by default) and clear of what is already there (else the
    first place); returns the box it takes. A name set on its country's ``shape`` (offset
    0) must lie within it; one set beside it must not lie on ``others`` (the other
    countries named), whose name it would seem to be."""
    frame = within or axes.get_window_extent(renderer)
    for place in places:
        label = _annotate(axes, iso3, point, name, place)
        box = _words(label, renderer).padded(2)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
        inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
        if shape is not None and place == ON_COUNTRY:
            inside = inside and shape.contains(_in_data(axes, box))
        elif others is not None:
            inside = inside and not others.intersects(_in_data(axes, box))
        if inside and not any(box.overlaps(other) for other in taken):
            return box
        label.remove()
    return _words(_annotate(axes, iso3, point, name, places[0]), renderer)


def _in_data(axes: Axes, box: Bbox) -> shapely.Geometry:
    """A box on the figure as a rectangle in the map's coordinates."""
    (x0, y0), (x1, y1) = axes.transData.inverted().transform([(box.x0, box.y0), (box.x1, box.y1)])
    return shapely.box(x0, y0, x1, y1)


def _words(label: Annotation, renderer: RendererBase) -> Bbox:
    """Where a name's words are (its leader line aside), once placed."""
    label.update_positions(renderer)
    return Text.get_window_extent(label, renderer)


def _leader(place: tuple) -> dict | None:
    """A thin line from a name placed far from its country to the country."""
    (dx, _dy), _h, _v = place
    if abs(dx) < LEADER_FROM:
        return None
    return {"arrowstyle": "-", "linewidth": 0.5, "color": MARKER_EDGE, "shrinkA": 0, "shrinkB": 0}


def _annotate(
    axes: Axes, iso3: str, point: tuple[float, float], name: str, place: tuple
) -> Annotation:
    offset, horizontal, vertical = place
    return axes.annotate(
        name,
        point,
        xytext=offset,
        textcoords="offset points",
        ha=horizontal,
        va=vertical,
        fontsize=GRID_TEXT,
        gid=f"label-{iso3}",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        arrowprops=_leader(place),
        in_layout=False,  # names never move the map: it keeps its frame and scale
    )


def world_map_figure(boundaries: gpd.GeoDataFrame, countries: pd.DataFrame) -> Chart:
    """Surveyed countries shaded by whether a service designed for WUD was reported.

    ``countries`` is :func:`~wud_briefings.analysis.figures.across_regions.country_status`:
    indexed by ISO alpha-3, with each country's name (``country``) and its
    ``status``, one of SERVICE, NO_SERVICE, AWAITING_CODING or FEW; every other country
    is drawn as not surveyed. The legend lies under the map, where it hides no land.
    """
    status = dict(zip(countries.index, countries["status"], strict=True))
    names = dict(zip(countries.index, countries["country"], strict=True))
    theme("white")
    left, bottom, right, top = boundaries.total_bounds
    # as wide as the column leaves beside the legend, no taller than a chart prints at full size
    title = _(
        "Countries surveyed, and where services designed for women who use drugs were reported"
    )
    above = 0.25  # the layout's padding
    width = min(MAX_WIDTH - WORLD_LEGEND, (MAX_HEIGHT - above) * (right - left) / (top - bottom))
    figure = new_figure(MAX_WIDTH, width * (top - bottom) / (right - left) + above)
    axes = figure.subplots()
    _draw(axes, boundaries, status, COLOURS, (left, bottom, right, top), width)
    words = grid_font()
    figure.legend(
        handles=[
            Patch(facecolor=COLOURS[s], edgecolor="#999999", label=wrap(_(s), LEGEND_NAMES, words))
            for s in COLOURS
        ],
        loc="outside right center",
        fontsize=GRID_TEXT,
        frameon=False,
    )
    marked = mark_small_countries(
        figure, axes, boundaries, names, {c: COLOURS[s] for c, s in status.items()}
    )
    missing = [names[c] for c in _missing(boundaries, set(status))]
    table = ChartTable(
        (_("Country"), _("On the map")),
        tuple(
            (name, language.sentence_start(_(state)))
            for name, state in zip(countries["country"], countries["status"], strict=True)
        ),
    )
    return Chart(figure, world_map_alt(countries, missing, marked), title, table)


def _marked_sentence(marked: list[str]) -> str:
    return (
        ngettext(
            "Too small to see at this scale, marked with a circle and named: {countries}.",
            "Too small to see at this scale, marked with a circle and named: {countries}.",
            len(marked),
        ).format(countries=_listed(marked))
        if marked
        else ""
    )


def world_map_alt(countries: pd.DataFrame, missing: list[str], marked: Sequence[str] = ()) -> str:
    """The world map's alt text: the countries in each state, and those too small to draw."""
    by_state = {s: list(countries.loc[countries["status"].eq(s), "country"]) for s in COLOURS}
    sentences = [
        ngettext(
            "World map, equal-area projection, of the {n} country surveyed.",
            "World map, equal-area projection, of the {n} countries surveyed.",
            len(countries),
        ).format(n=language.number(len(countries))),
        _("A service designed for women who use drugs was reported in {countries}.").format(
            countries=_listed(by_state[SERVICE])
        ),
        _("None was reported in {countries}.").format(countries=_listed(by_state[NO_SERVICE])),
        _("Answers not yet coded: {countries}.").format(countries=_listed(uncoded))
        if (uncoded := by_state[AWAITING_CODING])
        else "",
        _("Too few respondents to show their answers: {countries}.").format(
            countries=_listed(by_state[FEW])
        ),
        _("Every other country was not surveyed."),
        _marked_sentence(list(marked)),
        _too_small_sentence(missing),
    ]
    return " ".join(s for s in sentences if s)


def _too_small_sentence(missing: list[str]) -> str:
    return (
        _("Too small to draw at this scale: {countries}.").format(countries=_listed(missing))
        if missing
        else ""
    )


def _parts(boundaries: gpd.GeoDataFrame, countries: set[str]) -> gpd.GeoDataFrame:
    """Each surveyed country's parts (polygons), each with whether it is overseas."""
    parts = boundaries[boundaries["iso3"].isin(countries)].explode(index_parts=False)
    parts = parts.assign(area=parts.area).reset_index(drop=True)
    largest = parts.loc[parts.groupby("iso3")["area"].idxmax()].set_index("iso3")["geometry"]
    overseas = [
        geometry.distance(largest[iso3]) > OVERSEAS
        for iso3, geometry in zip(parts["iso3"], parts["geometry"], strict=True)
    ]
    return parts.assign(overseas=overseas)


def _frame(parts: gpd.GeoDataFrame) -> tuple[float, ...]:
    """Bounds of the surveyed countries whole, but for overseas parts, padded."""
    left, bottom, right, top = parts[~parts["overseas"]].total_bounds
    margin = 0.06 * max(right - left, top - bottom)
    return left - margin, bottom - margin, right + margin, top + margin


def locator_map_figure(
    boundaries: gpd.GeoDataFrame, surveyed: Mapping[str, str], region_name: str
) -> Chart:
    """A small map of the region: the surveyed countries (ISO alpha-3 to name) in dark.

    It frames every surveyed country whole (overseas parts aside, named in the
    alt text), and marks and names those too small to see at its scale.
    """
    missing = _missing(boundaries, set(surveyed))
    drawn = set(surveyed) - set(missing)
    parts = _parts(boundaries, drawn or set(boundaries["iso3"].dropna()))
    left, bottom, right, top = _frame(parts)
    # no taller than a chart prints at full size, so that its names print at theirs
    height = min(max(LOCATOR_WIDTH * (top - bottom) / (right - left), 2.0), MAX_HEIGHT - PADDING)
    theme("white")
    figure = new_figure(LOCATOR_WIDTH, height + PADDING)
    axes = figure.subplots()
    surveyed_state = dict.fromkeys(surveyed, SURVEYED)
    _draw(
        axes, boundaries, surveyed_state, LOCATOR_COLOURS, (left, bottom, right, top), LOCATOR_WIDTH
    )
    marked = mark_small_countries(
        figure,
        axes,
        boundaries,
        {c: surveyed[c] for c in drawn},
        dict.fromkeys(drawn, LOCATOR_COLOURS[SURVEYED]),
    )
    name_countries(
        figure,
        axes,
        boundaries,
        {c: surveyed[c] for c in sorted(drawn) if surveyed[c] not in marked},
    )
    overseas = sorted({surveyed[c] for c in parts.loc[parts["overseas"], "iso3"] if c in drawn})
    title = _("Countries surveyed in {region}").format(region=region_name)
    table = ChartTable(
        (_("Country surveyed"),),
        tuple((name,) for name in sorted(surveyed.values(), key=language.alphabetical)),
    )
    return Chart(
        figure, _locator_alt(surveyed, region_name, marked, overseas, missing), title, table
    )


def _locator_alt(
    surveyed: Mapping[str, str],
    region_name: str,
    marked: list[str],
    overseas: list[str],
    missing: list[str],
) -> str:
    sentences = [
        ngettext(
            "Locator map of {region}, equal-area projection, with the {n} country surveyed "
            "shaded: {countries}.",
            "Locator map of {region}, equal-area projection, with the {n} countries surveyed "
            "shaded: {countries}.",
            len(surveyed),
        ).format(
            region=region_name,
            n=language.number(len(surveyed)),
            countries=_listed(list(surveyed.values())),
        ),
        _marked_sentence(marked),
        _("Parts of {countries} lie outside the map.").format(countries=_listed(overseas))
        if overseas
        else "",
        _too_small_sentence([surveyed[c] for c in missing]),
    ]
    return " ".join(s for s in sentences if s)


def locator_map(boundaries: gpd.GeoDataFrame, data: ProcessedRegion, region_name: str) -> Chart:
    """The region's locator map: every surveyed country alike, whatever its number of respondents.

    It shows no more than the respondents-by-country table: which countries had
    a respondent (the table lists each), not how many, nor what they answered.
    """
    return locator_map_figure(boundaries, surveyed_countries(data), region_name)
