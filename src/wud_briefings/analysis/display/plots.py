"""The briefing's charts, as seaborn figures with titles, labelled axes and alt text.

Each function returns a :class:`Chart` (None when there is nothing to draw),
which a notebook cell shows by ending with it. Figures are plain matplotlib
``Figure`` objects (no pyplot state, so nothing is shown twice by the
notebook's backend), shown as SVG: vectors that stay sharp in print, with their
words as text (a PDF reader finds and copies a chart's title and labels), and
the same bytes for the same data (no date, fixed ids).

Every figure fits the PDF's text column (:data:`MAX_WIDTH`), and every word on
it fits the figure: titles, axis labels and long tick labels are wrapped to the
space they have, measured in the font they are set in, never rotated.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from IPython.display import display
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import ListedColormap
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine

from wud_briefings.analysis.disclosure.policy import count_and_share
from wud_briefings.core import glossary, language
from wud_briefings.core.language import _, ngettext

FONT = "DejaVu Sans"  # what WeasyPrint sets the SVG's <text> in, as the browser does
FONT_SCALE = 0.85  # seaborn's notebook sizes, scaled to the briefing's 10 pt body text
DPI = 96  # CSS pixels per inch: a figure's size in pixels is its size in the HTML
MAX_WIDTH = 6.85  # inches: A4's text column (210 mm less 18 mm margins = 174 mm), 658 px
# inches: the tallest a chart prints at full size (briefing.css: 85 mm), so its words print
# at the size they are set in
MAX_HEIGHT = 85 / 25.4
MARGIN = 0.1  # inches kept clear at a figure's edges when wrapping text to its width
# WeasyPrint and Chromium set a line of the SVG's text up to 3% wider than matplotlib's
# Agg measures it (7.5 pt DejaVu Sans): text is measured this much wider, and the layout
# keeps this much clear (inches) at a figure's sides, so that no word leaves the page
TEXT_SLACK = 1.04
SIDE_PAD = 0.15
# Text as <text> (not paths), and ids hashed from a fixed salt (not a random one).
SVG_SETTINGS: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "wud-briefings"}
SVG_METADATA = {"Date": None, "Creator": None}  # no build date, no software stamp
RANK_PALETTE = ["#1b4965", "#5fa8d3", "#bee9e8"]
_MEASURE = RendererAgg(1, 1, DPI)  # a 1-pixel canvas: only its text metrics are used


@dataclass(frozen=True)
class ChartTable:
    """What a chart draws, as a table in its figure: for a reader who cannot see the chart
    and one who wants its exact values (WCAG's "complex images").

    Cells are text as the page prints them, in the edition's language; the first
    column names each row. It holds nothing the chart does not draw, from the same
    frame: the disclosure control that made the chart's numbers made the table's.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def metadata(self) -> dict[str, Any]:
        """The table as the page template marks it up, under a label a reader opens."""
        return {
            "summary": _("Data table"),
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
        }


@dataclass(frozen=True)
class Chart:
    """A figure, its caption, its alt text and its data table, shown as an SVG whose alt
    text reaches the HTML's <img>, and whose caption and table the page prints in the
    same ``figure``.

    The caption is the chart's title, set as text on the page rather than drawn in the
    image: a screen reader reads it, a translator finds it, the PDF tags it. The alt
    text is also the plain-text form, for screen readers in JupyterLab and for anything
    that cannot show an image.
    """

    figure: Figure
    alt: str
    caption: str
    table: ChartTable

    def __post_init__(self) -> None:
        """Lay the figure out once, then fix it: a constrained layout run again on a
        laid-out figure moves things by fractions of a point, and so changes the bytes."""
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")

    def svg(self) -> str:
        """The SVG document: words as text, no date, the same bytes for the same figure."""
        buffer = io.StringIO()
        with mpl.rc_context(SVG_SETTINGS):
            self.figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
        return _PATH_DATA.sub(_two_decimals, buffer.getvalue())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {"image/svg+xml": self.svg(), "text/plain": self.alt}
        metadata = {"alt": self.alt, "caption": self.caption, "table": self.table.metadata()}
        return data, {"image/svg+xml": metadata}


@dataclass(frozen=True)
class Charts:
    """Charts a cell shows one after another, each an image of its own (with its alt text)."""

    charts: tuple[Chart, ...]

    def _ipython_display_(self) -> None:
        display(*self.charts)


# matplotlib writes path coordinates to a millionth of a point; a hundredth (0.0035 mm)
# is finer than any screen or printer, and a map's outlines take a third less room.
_PATH_DATA = re.compile(r' d="[^"]*"')
_DECIMALS = re.compile(r"(\.\d\d)\d+")


def _two_decimals(match: re.Match[str]) -> str:
    return _DECIMALS.sub(r"\1", match.group(0))


def theme(style: str) -> None:
    """The same style whatever was drawn before on this kernel (seaborn's theme is global)."""
    sns.set_theme(style=style, font=FONT, font_scale=FONT_SCALE)


def new_figure(width: float, height: float) -> Figure:
    """A figure no wider than the text column, laid out so that its decorations fit."""
    return Figure(
        figsize=(min(width, MAX_WIDTH), height),
        dpi=DPI,
        layout=ConstrainedLayoutEngine(w_pad=SIDE_PAD),
    )


def lay_out(figure: Figure) -> None:
    """Run the figure's layout now, to measure what it leaves (every figure here has one)."""
    engine = figure.get_layout_engine()
    if engine is None:
        raise ValueError("a figure made without a layout engine: make it with new_figure")
    engine.execute(figure)


def font(setting: str) -> FontProperties:
    """The font an rc setting (e.g. ``"ytick.labelsize"``) gives, to measure text in."""
    return FontProperties(family=FONT, size=mpl.rcParams[cast(Any, setting)])


def text_width(text: str, prop: FontProperties) -> float:
    """Inches the widest line of ``text`` takes, measured in the font, not guessed.

    Measured as Agg draws it, with :data:`TEXT_SLACK` for the wider lines a
    browser or WeasyPrint sets.
    """
    widest = max(
        _MEASURE.get_text_width_height_descent(line, prop, ismath=False)[0]
        for line in text.split("\n")
    )
    return TEXT_SLACK * widest / DPI


def widest_word(texts: list[str], prop: FontProperties) -> float:
    """Inches the longest unbreakable word takes: the narrowest a wrapped label can be."""
    return max((text_width(w, prop) for t in texts for w in t.split()), default=0.0)


def wrap(text: str, width: float, prop: FontProperties) -> str:
    """``text`` broken between words so that no line is wider than ``width`` inches.

    A single word wider than that stays whole, on a line of its own.
    """
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, prop) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def fit_axis_labels(figure: Figure, axes: Axes, xlabel: str, ylabel: str) -> None:
    """Axis labels wrapped to the length of their axis, once the layout has placed it.

    A label is centred on its axis: longer than the axis, it would run off the
    figure when the axis is short (a one-country grid, a one-issue chart). The
    layout runs first with one-line labels, whose width cannot push the axis in.
    """
    axes.set_xlabel("x")
    axes.set_ylabel("y" if ylabel else "")
    prop = font("axes.labelsize")
    for _pass in range(2):  # the second pass sees the room the wrapped labels take
        lay_out(figure)
        axes.apply_aspect()
        box = axes.get_position()
        axes.set_xlabel(wrap(xlabel, box.width * figure.get_figwidth(), prop))
        axes.set_ylabel(wrap(ylabel, box.height * figure.get_figheight(), prop) if ylabel else "")


def wrapped_labels(labels: list[str], width: float, prop: FontProperties) -> list[str]:
    """Each label wrapped to ``width`` inches (tick labels: read level, never rotated)."""
    return [wrap(str(label), width, prop) for label in labels]


def line_count(labels: list[str]) -> int:
    """The most lines a (wrapped) label takes, to leave room for it."""
    return max((label.count("\n") + 1 for label in labels), default=1)


GRID_TEXT = 7.5  # points: the names of a grid's rows and columns, and its key (print: 7 pt+)
GRID_ROW = 0.16  # inches: a grid's row, a line of its name
GRID_ROW_BESIDE_WRAPPED = 0.18  # inches: rows when a name takes two lines: room to spill over
SERVICE_LABELS = 4.4  # inches: the most the service types' names may take beside the grid
MIN_COLUMN = 0.55  # inches: a grid column, at least as wide as its label's longest word
MIN_GRID_WIDTH = 4.5  # inches: a one-country grid still has room for its title
SERVICE_COLOURS = ListedColormap(["#eeeeee", "#1b4965"])


def grid_font() -> FontProperties:
    """The font of a grid's names and keys, and of a map's (:data:`GRID_TEXT`)."""
    return FontProperties(family=FONT, size=GRID_TEXT)


def line_height(prop: FontProperties) -> float:
    """Inches one line of text takes (matplotlib's default line spacing, 1.2)."""
    return 1.2 * prop.get_size_in_points() / 72


def service_map_figures(grid: pd.DataFrame, region_name: str) -> list[Chart]:
    """Heatmaps of service types × countries, with their alt texts: one chart when
    the countries fit the text column, else one per group of columns that fits.

    Each chart prints at full size (no taller than :data:`MAX_HEIGHT`), so its
    words print at the size they are set in. Country labels are wrapped to their
    column, as wide as the longest word among them; the service types' names
    take what width the columns leave, so that most fit on one line.
    """
    theme("white")
    prop = grid_font()
    places, kinds = [str(p) for p in grid.index], [str(c) for c in grid.columns]
    column = max(MIN_COLUMN, widest_word(places, prop) + 0.08)
    # Every name but the longest on one line, so that a wrapped one never meets another in
    # a grid's narrow rows; the names take more when the columns leave it.
    fewest = sorted(text_width(k, prop) for k in kinds)[-2] if len(kinds) > 1 else 0.0
    per_chart = max(1, int((MAX_WIDTH - fewest - 0.2) // column))
    groups = [places[i : i + per_chart] for i in range(0, len(places), per_chart)]
    label_width = min(SERVICE_LABELS, max(fewest, MAX_WIDTH - 0.2 - column * len(groups[0])))
    rows = wrapped_labels(kinds, label_width, prop)
    side = text_width("\n".join(rows), prop) + 0.2
    title = _("Services designed for women who use drugs reported in {region}").format(
        region=region_name
    )
    span = per_chart if len(groups) > 1 else len(places)  # every chart's columns as wide
    width = max(side + column * span, MIN_GRID_WIDTH)
    charts = []
    for number, group in enumerate(groups):
        # How many charts the countries take depends on how long their names are in the
        # edition's language: the caption says "continued", and counts nothing.
        part = _("{title} (continued)").format(title=title) if number else title
        columns = [wrap(p, column - 0.06, prop) for p in group]
        charts.append(_service_chart(grid.loc[group], part, rows, columns, (width, span)))
    return charts


def _service_chart(
    grid: pd.DataFrame,
    title: str,
    rows: list[str],
    columns: list[str],
    size: tuple[float, int],
) -> Chart:
    """One heatmap of the service map, ``size`` inches wide and columns in span, as
    tall as its rows, columns' names and key need; ``title`` is its caption."""
    width, span = size
    prop = grid_font()
    # the key lies in the corner under the services' names, beside the countries' names
    key = wrap(
        _("Country (dark cell: reported by at least one respondent)"),
        text_width("\n".join(rows), prop),
        prop,
    )
    figure = new_figure(
        width,
        (GRID_ROW if line_count(rows) == 1 else GRID_ROW_BESIDE_WRAPPED) * len(rows)
        + GRID_TEXT / 72 * max(line_count(columns), line_count([key]))  # set solid
        + 0.3,  # the layout's padding between and around them
    )
    axes = figure.subplots()
    _service_panel(axes, grid.T, rows, columns, span)
    axes.tick_params(axis="both", labelsize=GRID_TEXT)
    for label in [*axes.get_yticklabels(), *axes.get_xticklabels()]:
        label.set_linespacing(1.0)  # a wrapped name keeps within its row and its neighbours'
    axes.annotate(
        key,
        (0, 0),
        xycoords="axes fraction",
        xytext=(-4, -4),  # points: where the services' names end, where the countries' begin
        textcoords="offset points",
        ha="right",
        va="top",
        fontproperties=prop,
        linespacing=1.0,
    )
    return Chart(figure, service_map_alt(grid), title, service_map_table(grid))


def _service_panel(
    axes: Axes, cells: pd.DataFrame, rows: list[str], columns: list[str], width: int
) -> None:
    """One panel of the service map: ``width`` columns wide, however many it fills."""
    sns.heatmap(
        cells,
        ax=axes,
        cmap=SERVICE_COLOURS,
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=1.5,
        linecolor="white",
        xticklabels=columns,
        yticklabels=rows,
    )
    axes.set_xlim(0, width)  # a last, shorter panel keeps the others' column width
    axes.set_xlabel("")
    axes.set_ylabel("")  # the service types name themselves; the title says what they are
    axes.tick_params(axis="both", labelrotation=0)


def _reported_types(grid: pd.DataFrame) -> dict[str, list[str]]:
    """Each place the service map names, with the service types shaded in its column."""
    return {str(place): [str(c) for c, v in row.items() if v] for place, row in grid.iterrows()}


def service_map_table(grid: pd.DataFrame) -> ChartTable:
    """The service map as a table: each place, and the service types reported there."""
    return ChartTable(
        (_("Country"), _("Service types reported")),
        tuple(
            (
                place,
                language.sentence_start(language.and_list(kinds))
                if kinds
                else _("No service reported"),
            )
            for place, kinds in _reported_types(grid).items()
        ),
    )


def service_map_alt(grid: pd.DataFrame) -> str:
    """The service map's alt text: every place it names, with the service types shaded."""
    reported = [
        f"{place}: {language.and_list(kinds) if kinds else _('none')}"
        for place, kinds in _reported_types(grid).items()
    ]
    # No count of the rows: one may be a pool of countries, which the list names as such.
    return _(
        "Heatmap of {types} service types by country showing which services designed for "
        "women who use drugs were reported. {reported}."
    ).format(types=language.number(grid.shape[1]), reported="; ".join(reported))


BAR_LABELS = 2.4  # inches of issue or region names beside the bars, wrapped to it
BAR_GROUP = 0.36  # inches: a group of bars, and two lines of its name
BAR = 0.31  # inches: one bar, and two lines of its name


def bar_chart_height(xlabel: str, bars: float, *, legend: bool) -> float:
    """Inches a bar chart needs: its x axis label (wrapped as it will be), tick labels,
    a one-row legend, and ``bars`` inches for the bars."""
    axis = MAX_WIDTH - BAR_LABELS - 0.6  # the x axis: the width the bars' names leave
    label_lines = line_count([wrap(xlabel, axis, font("axes.labelsize"))])
    return (
        line_height(font("axes.labelsize")) * label_lines
        + line_height(font("xtick.labelsize")) * (2 if legend else 1)
        + bars
        + 0.35  # the layout's padding
    )


def barrier_figure(shares: pd.DataFrame, top: int = 5) -> Chart | None:
    """Grouped bars: share of respondents naming each top issue at ranks 1, 2 and 3.

    None when nobody ranked (``shares`` is empty): there is nothing to draw, and
    the sentence before the chart says why. The legend goes under the chart,
    where it hides no bar.
    """
    if shares.empty:
        return None
    issues = _top_issues(shares, top)
    data = shares[shares["issue"].isin(issues)].assign(
        rank=lambda d: [_("Rank {rank}").format(rank=r) for r in d["rank"]]
    )
    theme("whitegrid")
    title = _("Top issues limiting access to harm reduction services, by rank")
    xlabel = _("Share of respondents who gave that rank (%)")
    figure = new_figure(MAX_WIDTH, bar_chart_height(xlabel, BAR_GROUP * len(issues), legend=True))
    axes = figure.subplots()
    sns.barplot(
        data=data,
        y="issue",
        x="share_pct",
        hue="rank",
        order=issues,
        ax=axes,
        palette=RANK_PALETTE[: data["rank"].nunique()],
        orient="h",
        legend=True,
    )
    axes.set_yticks(range(len(issues)), wrapped_labels(issues, BAR_LABELS, font("ytick.labelsize")))
    axes.set_xlim(0, 100)
    handles, labels = axes.get_legend_handles_labels()
    legend = axes.get_legend()
    if legend is not None:
        legend.remove()
    # "Rank 1", "Rank 2", "Rank 3" name themselves: the legend needs no title
    figure.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    fit_axis_labels(figure, axes, xlabel, _("Issue"))
    return Chart(figure, barrier_alt(shares, top), title, barrier_table(shares, top))


def _top_issues(shares: pd.DataFrame, top: int) -> list[str]:
    return list(dict.fromkeys(shares["issue"]))[:top]


def barrier_table(shares: pd.DataFrame, top: int = 5) -> ChartTable:
    """The barrier chart as a table: each of the ``top`` issues' count and share at each
    rank drawn ("10 of 15 (67%)"; region totals, which no rule for small groups withholds)."""
    given = shares.groupby("rank", sort=False)["count"].sum()
    cell = {
        (issue, rank): count_and_share(int(count), int(given[rank]))
        for issue, rank, count in zip(shares["issue"], shares["rank"], shares["count"], strict=True)
    }
    return ChartTable(
        (_("Issue"), *(_("Rank {rank}").format(rank=rank) for rank in given.index)),
        tuple(
            (issue, *(cell[issue, rank] for rank in given.index))
            for issue in _top_issues(shares, top)
        ),
    )


def _issue_share(issue: str, share: int) -> str:
    """An issue and its share, as a list inside a sentence or a cell gives them
    ("criminalisation of drug use 41%"; «криминализация — 41 %»)."""
    return _("{issue} {share}").format(
        issue=language.mid_sentence(issue), share=language.percent(share)
    )


def barrier_alt(shares: pd.DataFrame, top: int = 5) -> str:
    """The barrier chart's alt text: the share of each of the ``top`` issues at rank 1."""
    first = shares[shares["issue"].isin(_top_issues(shares, top)) & shares["rank"].eq(1)]
    shares_at_one = "; ".join(
        _issue_share(i, p) for i, p in zip(first["issue"], first["share_pct"], strict=True)
    )
    return _(
        "Bar chart of the share of respondents naming each issue at ranks 1, 2 and 3. At rank 1: "
        "{shares}."
    ).format(shares=shares_at_one)


def knew_of_services_figure(knew: pd.DataFrame) -> Chart | None:
    """Bars: the share of each region's respondents who knew of services designed for WUD.

    Each bar is labelled with its count ("13 of 21 (62%)"): regions differ
    greatly in size, and a share alone hides how few people it stands for.
    ``knew`` is :func:`~wud_briefings.analysis.figures.across_regions.knew_of_services`;
    None when it has no region.
    """
    if knew.empty:
        return None
    data = knew.sort_values("share_pct", ascending=False, kind="stable")
    theme("whitegrid")
    title = _("Knew of harm reduction services designed for women who use drugs")
    xlabel = _("Share of the region's respondents (%)")
    figure = new_figure(MAX_WIDTH, bar_chart_height(xlabel, BAR * len(data), legend=False))
    axes = figure.subplots()
    sns.barplot(data=data, y="region", x="share_pct", ax=axes, color=RANK_PALETTE[0], orient="h")
    regions = wrapped_labels(list(data["region"]), BAR_LABELS, font("ytick.labelsize"))
    axes.set_yticks(range(len(regions)), regions)
    bars = cast(BarContainer, axes.containers[0])
    axes.bar_label(bars, labels=list(data["label"]), padding=4, fontsize="small")
    axes.set_xlim(0, 100)
    axes.set_xticks(range(0, 101, 20))
    fit_axis_labels(figure, axes, xlabel, _("Region"))
    alt = _(
        "Bar chart of the share of respondents in each region who knew of harm reduction "
        "services designed for women who use drugs: {shares}."
    ).format(
        shares="; ".join(f"{r} {lab}" for r, lab in zip(data["region"], data["label"], strict=True))
    )
    table = ChartTable(
        (_("Region"), _("Respondents who knew of such services")),
        tuple(zip(data["region"], data["label"], strict=True)),
    )
    return Chart(figure, alt, title, table)


ISSUE_LABELS = 1.2  # inches: the least the issues' names take beside the heatmap


def first_rank_heatmap(shares: pd.DataFrame) -> Chart | None:
    """Issues × regions: the share of those who gave a first rank who put the issue first.

    ``shares`` is :func:`~wud_briefings.analysis.figures.across_regions.first_rank_shares`.
    Issues nobody ranked first are left off the chart and named in its alt
    text; a region where nobody ranked shows an empty column. None when no
    region ranked at all. Every word on it is set at :data:`GRID_TEXT` or larger,
    and it is no taller than it prints at full size.
    """
    if shares.empty or not shares["count"].sum():
        return None
    ranked = dict(zip(shares["region"], shares["ranked"], strict=False))
    issues = [i for i, n in shares.groupby("issue", sort=False)["count"].sum().items() if n]
    matrix = (
        shares.pivot_table(index="issue", columns="region", values="share_pct", aggfunc="first")
        .reindex(index=issues, columns=list(ranked))
        .astype("float")
    )
    labels = matrix.map(lambda v: "" if pd.isna(v) else language.percent(round(v)))
    theme("white")
    prop = grid_font()
    # each region's respondents who gave a first rank (the axis label says so)
    counts = [f"({language.number(n)})" for n in ranked.values()]
    column = max(MIN_COLUMN, widest_word([*ranked, *counts], prop) + 0.06)
    regions = [wrap(f"{r} {c}", column - 0.04, prop) for r, c in zip(ranked, counts, strict=True)]
    # the issues' names take what the columns leave, on as few lines as that allows
    rows = wrapped_labels(issues, max(ISSUE_LABELS, MAX_WIDTH - column * len(ranked) - 0.3), prop)
    title = _("Issue ranked first as limiting access to harm reduction, by region")
    xlabel = "\n".join(
        [_("Region (respondents who gave a first rank)"), _("% of those who gave a first rank")]
    )
    width = min(text_width("\n".join(rows), prop) + column * len(ranked) + 0.3, MAX_WIDTH)
    label_lines = line_count([wrap(xlabel, column * len(ranked), font("axes.labelsize"))])
    figure = new_figure(
        width,
        max(GRID_ROW, GRID_TEXT / 72 * line_count(rows) + 0.03) * len(issues)
        + line_height(prop) * line_count(regions)
        + line_height(font("axes.labelsize")) * label_lines
        + 0.27,  # the layout's padding
    )
    axes = figure.subplots()
    # Each cell prints its share: the colour repeats it, and needs no colour bar.
    sns.heatmap(
        matrix,
        ax=axes,
        annot=labels.to_numpy(),
        annot_kws={"fontsize": GRID_TEXT},
        fmt="",
        cmap="Blues",
        vmin=0,
        vmax=100,
        linewidths=1,
        linecolor="white",
        xticklabels=regions,
        yticklabels=rows,
        cbar=False,
    )
    axes.tick_params(axis="both", labelrotation=0, labelsize=GRID_TEXT)
    for label in axes.get_yticklabels():
        label.set_linespacing(1.0)  # a wrapped name keeps within its row
    fit_axis_labels(figure, axes, xlabel, "")
    return Chart(figure, first_rank_alt(shares), title, first_rank_table(shares))


def _first_ranks(shares: pd.DataFrame) -> Iterator[tuple[str, int, str]]:
    """Each region, how many in it gave a first rank, and the issues they put first with
    their shares, largest first ("Criminalisation 41%, Stigma 20%")."""
    for region, group in shares.groupby("region", sort=False):
        named = group[group["count"] > 0].sort_values("share_pct", ascending=False, kind="stable")
        listed = ", ".join(
            _issue_share(i, p) for i, p in zip(named["issue"], named["share_pct"], strict=True)
        )
        yield str(region), int(group["ranked"].iloc[0]), listed


def first_rank_table(shares: pd.DataFrame) -> ChartTable:
    """The first-rank heatmap as a table: each region's first ranks, as its column shows."""
    return ChartTable(
        (
            _("Region"),
            _("Respondents who gave a first rank"),
            _("Issues ranked first (% of those who gave a first rank)"),
        ),
        tuple(
            (
                region,
                language.number(n),
                language.sentence_start(listed if n else _("nobody gave a first rank")),
            )
            for region, n, listed in _first_ranks(shares)
        ),
    )


def first_rank_alt(shares: pd.DataFrame) -> str:
    """The first-rank heatmap's alt text: each region's shares, and issues nobody put first."""
    parts = []
    for region, n, listed in _first_ranks(shares):
        parts.append(
            ngettext("{region}, {n} ranked: {shares}", "{region}, {n} ranked: {shares}", n).format(
                region=region, n=language.number(n), shares=listed
            )
            if n
            else _("{region}: nobody gave a first rank").format(region=region)
        )
    alt = _(
        "Heatmap of the share of respondents in each region who ranked each issue first, of "
        "those in the region who gave a first rank. {regions}."
    ).format(regions="; ".join(parts))
    issues = set(shares.loc[shares["count"] > 0, "issue"])
    unranked = [i for i in dict.fromkeys(shares["issue"]) if i not in issues]
    if unranked:
        alt += " " + _("No respondent in any region ranked first: {issues}.").format(
            issues=language.and_list(
                [glossary.in_sentence(i) or language.mid_sentence(i) for i in unranked]
            )
        )
    return alt
