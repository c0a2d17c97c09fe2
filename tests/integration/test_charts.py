"""Every chart and map the notebooks draw fits its page and shows every surveyed country.

Drawn from real processed data (every shipped region and every unusual export of
tests/fixtures/unusual/, processed through the package), as the notebooks draw
them: nothing drawn leaves its figure, no figure is wider than the PDF's text
column or 800 px in the HTML, nor taller than a chart prints at full size (so
that it prints at the size it is drawn), no word on it is set under 7 pt, and on
every map each surveyed country is either large enough to see or marked with a
circle and its name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np
import pytest
import shapely
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from support.project import UNUSUAL_CASES, add_unusual_regions
from wud_briefings.analysis import load
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display import maps, plots, show
from wud_briefings.analysis.figures import across_regions, metrics
from wud_briefings.analysis.load import in_language
from wud_briefings.core.language import and_list, sentence_start, using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import load_processed
from wud_briefings.survey.boundaries import country_boundaries
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions

CASES = UNUSUAL_CASES
SHIPPED = list(load_regions(ProjectPaths()))
POLICY = DisclosurePolicy(3)
TOLERANCE = 1.0  # px: a glyph's antialiased edge on the figure's border
HTML_WIDTH = 800  # px at 96 px/in: the widest a chart may be shown in the HTML


@pytest.fixture(scope="module")
def project(builds, tmp_path_factory, codebook, suites) -> ProjectPaths:
    """The shipped regions and, each as a region of its own, every unusual export, processed:
    the shipped ones the session's build processed are copied, the rest processed here."""
    paths = builds.gated(tmp_path_factory.mktemp("charts") / "project", SHIPPED)
    add_unusual_regions(paths)
    for region in load_regions(paths).values():
        if not paths.processed_region(region.id).exists():
            assert process_region(region, codebook, suites, paths).is_valid, region.id
    return paths


REGIONS = SHIPPED + [f"eeca-{case}" for case in CASES]
# The global briefing over the shipped regions, and with EECA replaced by each unusual export.
GLOBALS = {"shipped": SHIPPED} | {
    case: [r if r != "eeca" else f"eeca-{case}" for r in SHIPPED] for case in CASES
}


def regional_charts(paths: ProjectPaths, region_id: str) -> dict[str, plots.Chart | None]:
    """What the regional notebook draws: the locator map, the service map (each of its
    charts, when it has several), the barriers."""
    region = load_regions(paths)[region_id]
    data = load_processed(paths.processed_region(region_id))
    codebook, boundaries = Codebook.load(paths.codebook), country_boundaries(paths)
    service = show.service_map(
        metrics.service_map(data, codebook, POLICY), region.name, data.is_coded
    )
    services = {"services": service} if isinstance(service, plots.Chart) else {}
    if isinstance(service, plots.Charts):
        services = {f"services {n}": chart for n, chart in enumerate(service.charts, 1)}
    return {
        "locator": maps.locator_map(boundaries, data, region.name),
        **services,
        "barriers": plots.barrier_figure(metrics.barrier_shares(data, codebook)),
    }


def global_charts(paths: ProjectPaths, region_ids: list[str]) -> dict[str, plots.Chart | None]:
    """What the global notebook draws: who knew, the first ranks, the world map."""
    surveys, codebook, boundaries, _, _ = load.global_materials(",".join(region_ids), "", paths)
    countries = across_regions.country_status(surveys, codebook, POLICY)
    return {
        "knew": plots.knew_of_services_figure(across_regions.knew_of_services(surveys, POLICY)),
        "first-rank": plots.first_rank_heatmap(across_regions.first_rank_shares(surveys, codebook)),
        "world": maps.world_map_figure(boundaries, countries),
    }


@pytest.fixture(scope="module")
def regional(project) -> Callable[[str], dict[str, plots.Chart | None]]:
    """Each region's charts, drawn once for every test below that measures them (drawing
    anew is the SVG test's own check)."""
    return functools.cache(lambda region_id: regional_charts(project, region_id))


@pytest.fixture(scope="module")
def global_case(project) -> Callable[[str], dict[str, plots.Chart | None]]:
    """Each global case's charts, drawn once for every test below that measures them."""
    return functools.cache(lambda case: global_charts(project, GLOBALS[case]))


def drawn_texts(figure: Figure) -> list[Text]:
    """Every piece of text the figure draws, with words in it.

    Tick labels are those of ticks in view on a visible axis (matplotlib keeps
    others, undrawn); titles, labels, legends, annotations and bar labels all count.
    """
    texts: list[Text] = list(figure.texts)
    for legend in figure.legends:
        texts += [*legend.get_texts(), legend.get_title()]
    for axes in figure.axes:
        texts += [axes.title, axes._left_title, axes._right_title, *axes.texts]
        if axes.get_legend() is not None:
            texts += [*axes.get_legend().get_texts(), axes.get_legend().get_title()]
        if axes.axison:
            for axis in (axes.xaxis, axes.yaxis):
                texts += [axis.label, *axis.get_majorticklabels()]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def overflowing(figure: Figure) -> list[str]:
    """Each drawn text that leaves the figure, with by how much."""
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    page = figure.bbox.padded(TOLERANCE)
    problems = []
    for text in drawn_texts(figure):
        box = text.get_window_extent(renderer)
        if not (
            page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1
        ):
            problems.append(f"{text.get_text()!r} at {box.bounds} outside {figure.bbox.bounds}")
    return problems


def check_fits(chart: plots.Chart, where: str) -> None:
    figure = chart.figure
    assert figure.dpi == plots.DPI, where
    assert figure.get_figwidth() <= plots.MAX_WIDTH + 1e-9, where  # the PDF's text column
    assert figure.get_figwidth() * 96 <= HTML_WIDTH, where
    # no taller than briefing.css lets a chart print unscaled: its words print at their size
    assert figure.get_figheight() <= plots.MAX_HEIGHT + 1e-9, (where, figure.get_figheight())
    small = {t.get_text(): t.get_fontsize() for t in drawn_texts(figure) if t.get_fontsize() < 7}
    assert small == {}, (where, small)
    assert not overflowing(figure), (where, overflowing(figure))


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_regional_chart_fits_its_figure_and_the_page_and_its_table_shows_it(
    project, regional, region_id
):
    charts = regional(region_id)
    names = maps.surveyed_countries(load_processed(project.processed_region(region_id)))
    assert charts["locator"] is not None
    for name, chart in charts.items():
        if chart is not None:
            check_fits(chart, f"{region_id} {name}")
            check_table(name, chart, names, f"{region_id} {name}")


@pytest.mark.parametrize("case", list(GLOBALS))
def test_every_global_chart_fits_its_figure_and_the_page_and_its_table_shows_it(
    project, global_case, case
):
    surveys, codebook, _, _, _ = load.global_materials(",".join(GLOBALS[case]), "", project)
    names = dict(across_regions.country_status(surveys, codebook, POLICY)["country"])
    for name, chart in global_case(case).items():
        if chart is not None:
            check_fits(chart, f"global ({case}) {name}")
            check_table(name, chart, names, f"global ({case}) {name}")


# --- each chart's data table: what the figure draws, read from the figure ----------------


def unwrapped(label: Text) -> str:
    """A tick label as its words, the lines the chart wrapped it to joined again."""
    return " ".join(label.get_text().split())


def listed(items: list[str]) -> str:
    """The drawn cells' service types, as an English list (the list's format is not what
    is checked here: which types the table names is)."""
    return sentence_start(and_list(items)) if items else "No service reported"


def drawn_rows(name: str, chart: plots.Chart, names: dict[str, str]) -> list[tuple[str, ...]]:
    """The rows a chart's table must hold, read from what its figure draws (the heatmaps'
    shaded cells and printed shares, the bars' lengths and labels, the maps' colours);
    ``names`` names each surveyed country's ISO alpha-3."""
    figure = chart.figure
    figure.draw_without_rendering()
    axes = figure.axes[0]
    if name.startswith("services"):  # service types down, places across; shaded: reported
        kinds = [unwrapped(t) for t in axes.get_yticklabels()]
        places = [unwrapped(t) for t in axes.get_xticklabels()]
        cells = np.asarray(axes.collections[0].get_array()).reshape(len(kinds), len(places))
        return [
            (place, listed([k for k, v in zip(kinds, cells[:, j], strict=True) if v]))
            for j, place in enumerate(places)
        ]
    if name == "barriers":  # one container of bars per rank, each bar an issue
        issues = [unwrapped(t) for t in axes.get_yticklabels()]
        widths = [[bar.get_width() for bar in bars] for bars in axes.containers]
        return [(issue, *(f"{w[i]:.0f}%" for w in widths)) for i, issue in enumerate(issues)]
    if name == "knew":  # each bar labelled with its count and share
        regions = [unwrapped(t) for t in axes.get_yticklabels()]
        return list(zip(regions, [t.get_text() for t in axes.texts], strict=True))
    if name == "first-rank":  # issues down, regions across; a cell prints its share at its centre
        issues = [unwrapped(t) for t in axes.get_yticklabels()]
        regions = [unwrapped(t) for t in axes.get_xticklabels()]
        cells: dict[str, set[tuple[str, str]]] = {region: set() for region in regions}
        for text in axes.texts:
            x, y = text.get_position()
            cells[regions[int(x)]].add((issues[int(y)].lower(), text.get_text()))
        return [(region, *sorted(cells[region])) for region in regions]
    if name in ("world", "locator"):  # each surveyed country filled in its state's colour
        states = maps.COLOURS if name == "world" else maps.LOCATOR_COLOURS
        colours = {to_hex(c): s for s, c in states.items() if s != maps.NOT_SURVEYED}
        filled = {(p.get_gid(), colours.get(to_hex(p.get_facecolor()))) for p in axes.patches}
        return sorted((names[gid], state) for gid, state in filled if gid in names and state)
    raise AssertionError(f"no reading for the chart {name!r}")


def table_rows(name: str, chart: plots.Chart) -> list[tuple]:
    """The chart's table in the drawn rows' terms: first ranks as (issue, share) pairs, the
    maps' states by their codes."""
    rows = [tuple(row) for row in chart.table.rows]
    if name == "barriers":  # "10 of 15 (67%)": the share is the bar's length
        return [
            (issue, *(re.findall(r"\((\d+%)\)$", v)[0] for v in values)) for issue, *values in rows
        ]
    if name == "first-rank":
        return [
            (
                f"{region} ({n})",
                *sorted((i.lower(), p) for i, p in re.findall(r"(.+?) (\d+%)(?:, |$)", shares)),
            )
            for region, n, shares in rows
        ]
    if name == "world":
        states = {sentence_start(state): state for state in maps.COLOURS}
        return sorted((country, states[state]) for country, state in rows)
    if name == "locator":
        return sorted((country, maps.SURVEYED) for (country,) in rows)
    return rows


def check_table(name: str, chart: plots.Chart, names: dict[str, str], where: str) -> None:
    """The chart's table holds what its figure draws, row for row, in the English edition
    (the words compared are the figure's own). On the heatmap of first ranks a region's
    issue nobody put first still shows 0%; too small a country to draw is the map's
    table's alone (its alt text says so)."""
    assert all(len(row) == len(chart.table.columns) for row in chart.table.rows), where
    drawn, table = drawn_rows(name, chart, names), table_rows(name, chart)
    if name == "first-rank":
        for shown, row in zip(drawn, table, strict=True):
            assert shown[0] == row[0] and set(row[1:]) <= set(shown[1:]), (where, shown, row)
            assert {share for _, share in set(shown[1:]) - set(row[1:])} <= {"0%"}, (where, row)
        return
    if name in ("world", "locator"):
        too_small = {n for n in names.values() if n in chart.alt.split("Too small to draw")[-1]}
        table = [row for row in table if row[0] in {r[0] for r in drawn} or row[0] not in too_small]
    assert table == drawn, (where, table, drawn)


# --- every surveyed country visible ------------------------------------------------------


def drawn_area_px(figure: Figure, iso3: str) -> float:
    """The country's area on the saved figure, in px² at 96 px/in, within the map's frame."""
    axes = figure.axes[0]
    frame = shapely.box(*axes.get_window_extent().extents)
    area = 0.0
    for patch in axes.patches:
        if patch.get_gid() == iso3:
            for ring in patch.get_path().to_polygons(patch.get_transform()):
                polygon = shapely.make_valid(shapely.Polygon(ring))
                area += polygon.intersection(frame).area
    return area * (96 / figure.dpi) ** 2


def marked(figure: Figure, iso3: str) -> tuple[bool, str | None]:
    """Whether the country has its circle, and the text of its name beside it."""
    axes = figure.axes[0]
    circle = any(line.get_gid() == f"marker-{iso3}" for line in axes.lines)
    names = [t.get_text() for t in axes.texts if t.get_gid() == f"label-{iso3}"]
    return circle, names[0] if len(names) == 1 else None


def overseas(alt: str) -> str:
    found = re.search(r"Parts of (.*?) lie outside the map\.", alt)
    return found.group(1) if found else ""


def check_every_country_visible(chart: plots.Chart, surveyed: dict[str, str], where: str) -> None:
    """Each surveyed country that can be drawn is large enough to see, or circled and named;
    and it lies within the map's limits (whole, but for overseas parts the alt text names)."""
    figure, boundaries = chart.figure, country_boundaries(ProjectPaths())
    figure.draw_without_rendering()
    axes = figure.axes[0]
    limits = shapely.box(
        axes.get_xlim()[0], axes.get_ylim()[0], axes.get_xlim()[1], axes.get_ylim()[1]
    )
    shapes = dict(zip(boundaries["iso3"], boundaries["geometry"], strict=False))
    for iso3, name in surveyed.items():
        if iso3 not in shapes:
            assert "Too small to draw at this scale: " in chart.alt and name in chart.alt, where
            continue
        circle, label = marked(figure, iso3)
        assert drawn_area_px(figure, iso3) >= maps.MIN_AREA_PX or (circle and label == name), (
            where,
            name,
            drawn_area_px(figure, iso3),
        )
        parts = sorted(getattr(shapes[iso3], "geoms", [shapes[iso3]]), key=lambda g: -g.area)
        assert limits.contains(parts[0]), (where, name, "largest part outside the map")
        if name not in overseas(chart.alt):
            assert all(limits.contains(p) for p in parts), (where, name, "a part outside the map")


@pytest.mark.parametrize("region_id", REGIONS)
def test_every_surveyed_country_is_visible_on_the_locator_map(project, regional, region_id):
    data = load_processed(project.processed_region(region_id))
    chart = regional(region_id)["locator"]
    check_every_country_visible(chart, maps.surveyed_countries(data), region_id)


def test_montenegro_is_circled_and_named_on_the_eeca_map(regional):
    figure = regional("eeca")["locator"].figure
    assert marked(figure, "MNE") == (True, "Montenegro")
    assert drawn_area_px(figure, "MNE") < maps.MIN_AREA_PX  # a speck without its circle
    assert marked(figure, "RUS") == (False, "Russia")  # large countries: named, no circle


@pytest.mark.parametrize("region_id", SHIPPED)
def test_the_locator_map_names_every_surveyed_country_in_each_edition(project, region_id):
    """Every drawn surveyed country carries its name, in the edition's language, on the
    figure and clear of every other name and circle (measured in the figure, as drawn: a
    name's words, the leader line to a name set beside its country aside)."""
    region = load_regions(project)[region_id]
    shapes = set(country_boundaries(project)["iso3"])
    for language in region.languages:
        with using(language):
            data = in_language(load_processed(project.processed_region(region_id)))
            chart = maps.locator_map(country_boundaries(project), data, region.name)
        figure = chart.figure
        figure.draw_without_rendering()
        renderer, axes = figure._get_renderer(), figure.axes[0]
        frame = figure.bbox.padded(TOLERANCE)
        surveyed = {c: n for c, n in maps.surveyed_countries(data).items() if c in shapes}
        labels = {t.get_gid(): t for t in axes.texts}
        assert {g: t.get_text() for g, t in labels.items()} == {
            f"label-{c}": n for c, n in surveyed.items()
        }, (region_id, language)
        for text in labels.values():
            text.update_positions(renderer)
        boxes = {g: Text.get_window_extent(t, renderer) for g, t in labels.items()}
        circles = [line.get_window_extent(renderer) for line in axes.lines]
        for gid, box in boxes.items():
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (region_id, language, gid)
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1, (region_id, language, gid)
            others = [b for g, b in boxes.items() if g != gid] + circles
            assert not any(box.overlaps(other) for other in others), (region_id, language, gid)


@pytest.mark.parametrize("case", list(GLOBALS))
def test_every_surveyed_country_is_visible_on_the_world_map(project, global_case, case):
    surveys, codebook, _, _, _ = load.global_materials(",".join(GLOBALS[case]), "", project)
    countries = across_regions.country_status(surveys, codebook, POLICY)
    chart = global_case(case)["world"]
    check_every_country_visible(chart, dict(countries["country"]), f"world ({case})")


# --- SVG -------------------------------------------------------------------------------------


def test_charts_are_svg_with_their_words_as_text_and_the_same_bytes_every_time(project, regional):
    charts = regional("eeca")
    for chart in charts.values():
        svg = chart.svg()
        assert svg.startswith("<?xml") and "<svg" in svg
        assert svg == chart.svg()  # no date, no random ids
        assert "<dc:date>" not in svg and "Matplotlib v" not in svg
        assert "<text" in svg and "font-family: 'DejaVu Sans'" in svg
    locator = charts["locator"].svg()
    assert charts["locator"].caption == "Countries surveyed in Eastern Europe and Central Asia"
    assert ">Montenegro</text>" in locator
    assert regional_charts(project, "eeca")["locator"].svg() == locator  # drawn anew, same bytes
