"""What the notebook's cells show: charts and tables that display themselves, and the note
that stands in for them when a region has nothing to show (tiny inline regions)."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from IPython.core.formatters import DisplayFormatter
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import HTML, Markdown
from IPython.utils.capture import capture_output

from support.tiny import CODING, PEOPLE, RANKS, tiny_region
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.disclosure.suppression import (
    UNPROTECTABLE,
    ProtectedTable,
    withheld_whole,
)
from wud_briefings.analysis.display import narrative, plots, show
from wud_briefings.analysis.figures import metrics
from wud_briefings.analysis.figures.disclosure_record import disclosure_record

POLICY = DisclosurePolicy(3)


@pytest.fixture
def region():
    return tiny_region(PEOPLE, RANKS, CODING)


def test_a_chart_shows_as_an_svg_with_its_alt_text(region, codebook):
    chart = plots.barrier_figure(metrics.barrier_shares(region, codebook))
    data, metadata = DisplayFormatter().format(chart)  # what IPython makes of a cell's result
    assert set(data) == {"image/svg+xml", "text/plain"}  # no PNG beside it
    assert "<svg" in data["image/svg+xml"]
    assert ">Rank 1</text>" in data["image/svg+xml"]  # words as text, not outlines
    # the title is the figure's caption, set as text on the page, not drawn in the image
    title = "Top issues limiting access to harm reduction services, by rank"
    assert metadata["image/svg+xml"]["caption"] == chart.caption == title
    assert title not in data["image/svg+xml"]
    assert metadata["image/svg+xml"]["alt"] == data["text/plain"] == chart.alt
    assert "At rank 1: lack of access to harm reduction services 67%" in chart.alt
    # what it draws, as a table in the same figure: each issue's count and share at each rank
    table = metadata["image/svg+xml"]["table"]
    assert table["summary"] == "Data table"
    assert table["columns"] == ["Issue", "Rank 1", "Rank 2"]  # nobody here gave a third
    assert table["rows"][0][:2] == ["Lack of access to harm reduction services", "4 of 6 (67%)"]
    assert chart.svg() == chart.svg()  # the same bytes every time: no date, no random ids


def test_nothing_ranked_shows_no_chart_and_no_table(codebook):
    region = tiny_region(PEOPLE)
    assert plots.barrier_figure(metrics.barrier_shares(region, codebook)) is None  # nor table
    counts = metrics.barrier_counts(region, codebook)
    assert narrative.barriers_text(counts, 0) == narrative.NOT_RANKED


def test_a_table_shows_escaped_with_its_caption_and_no_style():
    frame = pd.DataFrame({"Respondents": ["3", "withheld"]}, index=["<script>x</script>", "B"])
    table = show.table(frame, "Respondents & more")
    html = DisplayFormatter().format(table)[0]["text/html"]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.table["class"] == ["dataframe", "briefing-table"]
    assert soup.caption.get_text() == "Respondents & more"
    assert not soup.find_all(["script", "style"])  # no Styler CSS: the pages' CSP forbids it
    assert "&lt;script&gt;" in html
    assert repr(table).startswith("Respondents & more\n") and " at 0x" not in repr(table)


def test_the_service_map_or_why_there_is_none(region, codebook):
    grid = metrics.service_map(region, codebook, POLICY)
    assert isinstance(show.service_map(grid, "Region", is_coded=True), plots.Chart)
    note = show.service_map(grid, "Region", is_coded=False)
    assert isinstance(note, Markdown) and note.data == narrative.SERVICE_MAP_NOT_CODED
    empty = show.service_map(grid * 0, "Region", is_coded=True)
    assert empty.data == narrative.NO_SERVICE_CODED


def test_a_service_map_wider_than_the_page_is_shown_as_charts_that_each_print_whole(codebook):
    """Fifteen countries do not fit one chart at print size: the cell shows three charts,
    one after another, each no wider than the text column nor taller than a chart prints
    at full size, with its share of the countries and all twelve service types."""
    kinds = [str(k) for k in metrics.service_map(tiny_region(PEOPLE), codebook, POLICY).columns]
    places = [f"Country {n:02d}" for n in range(1, 16)]
    grid = pd.DataFrame(
        [[(row + column) % 3 == 0 for column in range(len(kinds))] for row in range(15)],
        index=places,
        columns=kinds,
    )
    shown = show.service_map(grid, "Region", is_coded=True)
    assert isinstance(shown, plots.Charts) and len(shown.charts) > 1
    named = []
    for number, chart in enumerate(shown.charts):
        assert chart.figure.get_figwidth() <= plots.MAX_WIDTH + 1e-9
        assert chart.figure.get_figheight() <= plots.MAX_HEIGHT + 1e-9
        continued = " (continued)" if number else ""
        assert (
            chart.caption
            == f"Services designed for women who use drugs reported in Region{continued}"
        )
        assert "by 12 countries" not in chart.alt and "Heatmap of 12 service types" in chart.alt
        named += [p for p in places if f"{p}:" in chart.alt]
    assert named == places  # every country once, in order

    InteractiveShell.instance()  # a shell, as in a kernel, to publish what is displayed
    with capture_output() as captured:
        shown._ipython_display_()
    images = [o.data for o in captured.outputs]
    assert [("image/svg+xml" in d) for d in images] == [True] * len(shown.charts)


def test_named_services_are_escaped_and_never_beside_a_small_country(region):
    shown = show.named_services(metrics.named_services(region, POLICY), is_coded=True)
    assert isinstance(shown, HTML)
    assert "A &lt;b&gt;bold&lt;/b&gt; drop-in &amp; NSP" in shown.data
    assert "Tbilisi" not in shown.data and "Georgia" not in shown.data
    assert show.named_services({}, is_coded=True).data == narrative.NO_NAMED_SERVICE
    assert show.named_services({}, is_coded=False).data == narrative.NOT_CODED


def test_the_wud_comparison_or_why_it_is_not_shown(region, codebook):
    headline = metrics.headline(region, POLICY)  # 5 WUD; 1 answered no, 1 preferred not to say
    small = show.barriers_by_wud(
        metrics.barriers_by_wud(region, codebook, POLICY), headline, POLICY
    )
    assert small.data == metrics.SMALL_GROUP.format(k=3)
    people = [("Belarus", True)] * 3 + [("Russia", False)] * 2 + [("Russia", None)] * 2
    ranks = [(i, "lack_of_access", 1) for i in range(7)]
    larger = tiny_region(people, ranks)
    table = show.barriers_by_wud(
        metrics.barriers_by_wud(larger, codebook, POLICY), metrics.headline(larger, POLICY), POLICY
    )
    assert isinstance(table, show.Table)
    assert table.caption.startswith("Rank 1, women who use drugs beside other key informants (")
    assert table.caption.endswith("so those two answers are counted together)")
    assert list(table.frame.columns) == [
        "Women who use drugs (n=3)",
        f"{metrics.OTHER_RESPONDENTS} (n=4)",
    ]
    nobody = ProtectedTable(pd.DataFrame(), {})
    assert show.barriers_by_wud(nobody, headline, POLICY).data == narrative.NO_FIRST_RANK
    same = metrics.headline(tiny_region([("Belarus", True)] * 3), POLICY)
    assert (
        show.barriers_by_wud(withheld_whole("t"), same, POLICY).data == narrative.UNIFORM_WUD_ANSWER
    )
    assert show.barriers_by_wud(withheld_whole("t"), headline, POLICY).data == UNPROTECTABLE


def test_a_table_no_pattern_protects_is_withheld_whole(codebook):
    lone = tiny_region([("Belarus", True), ("Belarus", False)], [(0, "lack_of_access", 1)])
    by_wud = metrics.barriers_by_wud(lone, codebook, POLICY)
    assert by_wud.shown is None
    assert by_wud.record["withheld"] == "the whole table" and by_wud.record["reason"]


def test_quotes_and_gaps_or_why_there_are_none(region, codebook):
    quotes = show.quotes(metrics.quotes(region, codebook, question=None, policy=POLICY))
    assert "<strong>Violence</strong>" in quotes.data and "(Russia)" in quotes.data
    assert show.quotes(metrics.quotes(region, codebook, question="services", policy=POLICY)) is None
    gaps = metrics.theme_counts(region, codebook, question="gaps")
    assert isinstance(show.gaps(gaps, is_coded=True), show.Table)
    assert show.gaps(gaps.iloc[:0], is_coded=True).data == narrative.NO_GAP_THEME
    assert show.gaps(gaps, is_coded=False).data == narrative.NOT_CODED


def test_respondents_by_country_or_why_it_is_withheld_whole(region):
    # Belarus 3, Russia 3, Georgia 1 of 7, Georgia known to be below 3 (pooled): with
    # Belarus and Russia at least 3 each, Georgia is 1 whatever is withheld.
    whole = metrics.respondents_by_country(region, POLICY)
    assert whole.shown is None and whole.record["reason"] == UNPROTECTABLE
    assert show.protected_table(whole, "Respondents by country", POLICY).data == UNPROTECTABLE
    larger = tiny_region([*PEOPLE, ("Belarus", False)])  # Belarus 4: Georgia is 1 or 2
    table = show.protected_table(
        metrics.respondents_by_country(larger, POLICY), "By country", POLICY
    )
    assert table.frame["Respondents"].tolist() == ["withheld", "3", "withheld"]


def test_the_disclosure_record_names_tables_and_cells_never_values(codebook):
    region = tiny_region([*PEOPLE, ("Belarus", False)], RANKS, CODING)
    record = disclosure_record("tiny", region, codebook, POLICY)
    assert [t["table"] for t in record["tables"]] == [
        "Respondents by country",
        "Rank 1 by identification as a woman who uses drugs",
    ]
    by_country = {c["row"]: c["reason"] for c in record["tables"][0]["withheld"]}
    assert by_country["Georgia"] == "primary"
    assert record["countries_not_named_beside_answers"] == ["Georgia"]
    assert record["countries_pooled"] == []
    assert by_country["Belarus"] == "complementary"
    assert "4" not in str(record["tables"][0]["withheld"])  # names cells, not counts


@pytest.mark.parametrize(
    ("yes", "no", "not_said", "columns"),
    [
        (3, 3, 3, ["Women who use drugs", "Other key informants", "Preferred not to say"]),
        (3, 3, 0, ["Women who use drugs", "Other key informants"]),
        (3, 0, 3, ["Women who use drugs", "Preferred not to say"]),
        (9, 3, 2, ["Women who use drugs", metrics.OTHER_RESPONDENTS]),  # Oceania
        (3, 2, 1, ["Women who use drugs", metrics.OTHER_RESPONDENTS]),
        (2, 5, 5, None),  # too few WUD to break down
        (5, 1, 1, None),  # too few of the rest, even together
        (0, 5, 5, None),
    ],
)
def test_a_group_below_k_is_never_broken_down_on_its_own(yes, no, not_said, columns):
    total = yes + no + not_said
    h = metrics.Headline(total, ["Belarus"], yes, not_said, 0, [], [], total)
    found = metrics.wud_columns(h, POLICY)
    assert (None if found is None else list(dict.fromkeys(found.values()))) == columns


def test_a_region_where_nobody_said_yes_reports_no_wud_figure():
    """None said yes, some preferred not to say: "0 of 7" would tell every reader that
    none of a country's respondents said she is WUD."""
    nobody = tiny_region([("Belarus", False)] * 4 + [("Russia", None)] * 3)
    h = metrics.headline(nobody, POLICY)
    assert h.wud_uniform
    text = narrative.respondents_text(h, "Region")
    assert text.endswith(narrative.UNIFORM_WUD_ANSWER) and "preferred not to say" not in text


def test_a_table_has_one_header_row_with_the_index_name_in_its_corner():
    frame = pd.DataFrame(
        {"Rank 1": ["4", "2"], "Rank 2": ["1", "3"]},
        index=pd.Index(["Stigma", "Funding"], name="Issue"),
    )
    soup = BeautifulSoup(show.Table(frame, "Top issues")._repr_html_(), "html.parser")
    assert soup.find("div", class_="table-scroll").table is soup.table  # scrolls in its own box
    rows = soup.thead.find_all("tr")
    assert len(rows) == 1
    assert [(th.get_text(), th["scope"]) for th in rows[0].find_all("th")] == [
        ("Issue", "col"),
        ("Rank 1", "col"),
        ("Rank 2", "col"),
    ]
    assert [(th.get_text(), th["scope"]) for th in soup.tbody.find_all("th")] == [
        ("Stigma", "row"),
        ("Funding", "row"),
    ]
    assert not soup.find_all(style=True)


def test_a_table_without_index_has_only_column_headers():
    frame = pd.DataFrame({"Theme": ["stigma"], "Respondents": ["4"]})
    soup = BeautifulSoup(show.Table(frame, "Themes", index=False)._repr_html_(), "html.parser")
    assert [th.get_text() for th in soup.find_all("th")] == ["Theme", "Respondents"]
    assert {th["scope"] for th in soup.find_all("th")} == {"col"}
