"""Maps drawn from Natural Earth's boundaries: what the figure shows, read from the figure."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from support.project import REPO
from wud_briefings.analysis.display import maps
from wud_briefings.survey.boundaries import country_boundaries

NAMES = {"UKR": "Ukraine", "RUS": "Russia", "KEN": "Kenya", "MDA": "Moldova", "SGP": "Singapore"}
STATUS = {
    "UKR": maps.SERVICE,
    "RUS": maps.NO_SERVICE,
    "KEN": maps.SERVICE,
    "MDA": maps.FEW,
    "SGP": maps.SERVICE,  # too small for 1:110m
}
COUNTRIES = pd.DataFrame({"country": NAMES, "status": STATUS})  # as country_status gives it


@pytest.fixture(scope="module")
def boundaries():
    return country_boundaries(REPO)


def test_every_country_is_drawn_in_the_colour_of_its_status(boundaries):
    figure = maps.world_map_figure(boundaries, COUNTRIES).figure
    drawn = maps.drawn_status(figure)
    for iso3, state in STATUS.items():
        if iso3 != "SGP":
            assert drawn[iso3] == to_hex(maps.COLOURS[state]), iso3
    others = {c for c in drawn if c not in STATUS}
    assert len(others) > 150
    assert {drawn[c] for c in others} == {to_hex(maps.COLOURS[maps.NOT_SURVEYED])}


def test_the_alt_text_names_every_country_and_what_could_not_be_drawn(boundaries):
    alt = maps.world_map_figure(boundaries, COUNTRIES).alt
    assert "reported in Kenya, Singapore and Ukraine" in alt
    assert "None was reported in Russia" in alt
    assert "Too few respondents to show their answers: Moldova" in alt
    assert "Too small to draw at this scale: Singapore" in alt


def test_countries_across_the_antimeridian_are_not_drawn_as_bands(boundaries):
    figure = maps.world_map_figure(boundaries, COUNTRIES).figure
    world_width = boundaries.total_bounds[2] - boundaries.total_bounds[0]
    for patch in figure.axes[0].patches:
        if patch.get_gid() in {"RUS", "FJI"}:
            rings = patch.get_path().to_polygons()
            # no ring runs across the map: each stays on one side of the antimeridian
            assert max(r[:, 0].max() - r[:, 0].min() for r in rings) < world_width / 2


def test_a_locator_map_frames_every_surveyed_country(boundaries):
    surveyed = {"UKR": "Ukraine", "MNE": "Montenegro", "KAZ": "Kazakhstan", "RUS": "Russia"}
    chart = maps.locator_map_figure(boundaries, surveyed, "Eastern Europe and Central Asia")
    figure, alt = chart.figure, chart.alt
    axes = figure.axes[0]
    (left, right), (bottom, top) = axes.get_xlim(), axes.get_ylim()
    for iso3 in ("UKR", "MNE", "KAZ"):
        x0, y0, x1, y1 = boundaries[boundaries["iso3"].eq(iso3)].total_bounds
        assert left <= x0 and x1 <= right and bottom <= y0 and y1 <= top, iso3
    assert right - left < 0.6 * (boundaries.total_bounds[2] - boundaries.total_bounds[0])
    assert set(maps.drawn_status(figure)) >= set(surveyed)
    assert "Kazakhstan, Montenegro, Russia and Ukraine" in alt


def test_the_regional_locator_map_shows_every_country_alike(boundaries):
    """Every surveyed country in one colour, however few its respondents: the map shows
    which countries had a respondent (as the respondents table does), not how many."""
    from support.tiny import PEOPLE, tiny_region

    region = tiny_region(PEOPLE)  # Belarus 3, Russia 3, Georgia 1
    chart = maps.locator_map(boundaries, region, "Tiny")
    drawn = maps.drawn_status(chart.figure)
    surveyed = to_hex(maps.LOCATOR_COLOURS[maps.SURVEYED])
    assert {c for c, colour in drawn.items() if colour == surveyed} == {"BLR", "RUS", "GEO"}
    assert "the 3 countries surveyed shaded: Belarus, Georgia and Russia." in chart.alt
    assert "<svg" in chart.svg()
    one = maps.locator_map(boundaries, tiny_region([("Georgia", True)]), "One")
    assert "the 1 country surveyed shaded: Georgia." in one.alt


def test_a_map_looks_the_same_whatever_was_drawn_before_on_the_kernel(boundaries):
    """A warm kernel runs region after region: seaborn's theme from the last chart of one
    region must not restyle the next region's locator map (builds are byte-identical)."""
    import seaborn as sns

    surveyed = {"UKR": "Ukraine", "MDA": "Moldova"}
    first = maps.locator_map_figure(boundaries, surveyed, "R").svg()
    sns.set_theme(style="whitegrid", font="DejaVu Serif", font_scale=1.7)
    assert maps.locator_map_figure(boundaries, surveyed, "R").svg() == first
    world = maps.world_map_figure(boundaries, COUNTRIES).svg()
    sns.set_theme(style="darkgrid", font_scale=0.6)
    assert maps.world_map_figure(boundaries, COUNTRIES).svg() == world


def test_a_country_too_small_to_see_is_circled_and_named(boundaries):
    surveyed = {"MNE": "Montenegro", "RUS": "Russia", "KAZ": "Kazakhstan"}
    chart = maps.locator_map_figure(boundaries, surveyed, "R")
    axes = chart.figure.axes[0]
    assert [line.get_gid() for line in axes.lines] == ["marker-MNE"]  # only it is circled
    assert sorted((t.get_gid(), t.get_text()) for t in axes.texts) == [
        ("label-KAZ", "Kazakhstan"),  # the others are named on themselves
        ("label-MNE", "Montenegro"),
        ("label-RUS", "Russia"),
    ]
    assert (
        "Too small to see at this scale, marked with a circle and named: Montenegro." in chart.alt
    )
    # Russia's easternmost tip lies beyond the antimeridian, at the far left of a flat map
    assert "Parts of Russia lie outside the map." in chart.alt
    assert ">Montenegro</text>" in chart.svg()


def test_a_locator_map_frames_countries_whole_but_for_overseas_parts(boundaries):
    chart = maps.locator_map_figure(boundaries, {"FRA": "France", "CAN": "Canada"}, "R")
    (left, right), (bottom, top) = chart.figure.axes[0].get_xlim(), chart.figure.axes[0].get_ylim()
    canada = boundaries[boundaries["iso3"].eq("CAN")].total_bounds  # its Arctic islands too
    assert left <= canada[0] and canada[2] <= right and bottom <= canada[1] and canada[3] <= top
    chart = maps.locator_map_figure(boundaries, {"FRA": "France", "ESP": "Spain"}, "R")
    left = chart.figure.axes[0].get_xlim()[0]
    guiana = boundaries[boundaries["iso3"].eq("FRA")].explode().geometry.bounds["minx"].min()
    assert guiana < left  # French Guiana, 7,000 km away, would shrink Europe to a corner
    assert "Parts of France lie outside the map." in chart.alt
