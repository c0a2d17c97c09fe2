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
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import pandas as pd
import seaborn as sns
from babel.lists import format_list
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from wud_briefings.core import language
from wud_briefings.core.language import _

FONT = "DejaVu Sans"  # what WeasyPrint sets the SVG's <text> in, as the browser does
FONT_SCALE = 0.85  # seaborn's notebook sizes, scaled to the briefing's 10 pt body text
DPI = 96  # CSS pixels per inch: a figure's size in pixels is its size in the HTML
MAX_WIDTH = 6.85  # inches: A4's text column (210 mm less 18 mm margins = 174 mm), 658 px
# inches: the tallest a chart prints at full size (briefing.css: 85 mm), so its words print
# at the size they are set in
MAX_HEIGHT = 85 / 25.4
MARGIN = 0.1  # inches kept clear at a figure's edges when wrapping text to its width
# Text as <text> (not paths), and ids hashed from a fixed salt (not a random one).
SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "wud-briefings"}
SVG_METADATA = {"Date": None, "Creator": None}  # no build date, no software stamp
RANK_PALETTE = ["#1b4965", "#5fa8d3", "#bee9e8"]
_MEASURE = RendererAgg(1, 1, DPI)  # a 1-pixel canvas: only its text metrics are used


@dataclass(frozen=True)
class Chart:
    """A figure and its alt text, shown as an SVG whose alt text reaches the HTML's <img>.

    The alt text is also the plain-text form, for screen readers in JupyterLab
    and for anything that cannot show an image.
    """

    figure: Figure
    alt: str

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
        return data, {"image/svg+xml": {"alt": self.alt}}


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
    return Figure(figsize=(min(width, MAX_WIDTH), height), dpi=DPI, layout="constrained")


def font(setting: str) -> FontProperties:
    """The font an rc setting (e.g. ``"ytick.labelsize"``) gives, to measure text in."""
    return FontProperties(family=FONT, size=mpl.rcParams[setting])


def text_width(text: str, prop: FontProperties) -> float:
    """Inches the widest line of ``text`` takes, measured in the font, not guessed.

    Measured as Agg draws it (hinted, a few per cent wider than the outlines a
    browser or WeasyPrint sets), which is what a figure's layout and its tests see.
    """
    return (
        max(
            _MEASURE.get_text_width_height_descent(line, prop, ismath=False)[0]
            for line in text.split("\n")
        )
        / DPI
    )


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


def set_title(figure: Figure, title: str) -> None:
    """The chart's title, over the whole figure and wrapped to its width."""
    prop = font("axes.titlesize")
    figure.suptitle(wrap(title, figure.get_figwidth() - 2 * MARGIN, prop), fontproperties=prop)


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
        figure.get_layout_engine().execute(figure)
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


SERVICE_LABELS = 2.0  # inches of service-type names beside the grid, wrapped to it
GRID_ROW_SIZE = 8.5  # points: the service types' names
GRID_COLUMN_SIZE = 7.5  # points: the places' names, so that six columns fit beside them
MIN_COLUMN = 0.55  # inches: a grid column, at least as wide as its label's longest word
MIN_GRID_WIDTH = 4.5  # inches: a one-country grid still has room for its title
SERVICE_COLOURS = ListedColormap(["#eeeeee", "#1b4965"])


def line_height(prop: FontProperties) -> float:
    """Inches one line of text takes (matplotlib's default line spacing, 1.2)."""
    return 1.2 * prop.get_size_in_points() / 72


def service_map_figure(grid: pd.DataFrame, region_name: str) -> Chart:
    """A heatmap of service types × countries, and its alt text.

    Country labels are wrapped to their column, which is as wide as the longest
    word among them; when that many columns do not fit the text column, the
    countries go into stacked panels of equal columns. Each row is as tall as
    its wrapped label.
    """
    theme("white")
    row_font = FontProperties(family=FONT, size=GRID_ROW_SIZE)
    column_font = FontProperties(family=FONT, size=GRID_COLUMN_SIZE)
    places, kinds = [str(p) for p in grid.index], [str(c) for c in grid.columns]
    rows = wrapped_labels(kinds, SERVICE_LABELS, row_font)
    side = text_width("\n".join(rows), row_font) + 0.2
    column = max(MIN_COLUMN, widest_word(places, column_font) + 0.08)
    per_panel = max(1, int((MAX_WIDTH - side) // column))
    columns = {p: wrap(p, column - 0.06, column_font) for p in places}
    panels = [places[i : i + per_panel] for i in range(0, len(places), per_panel)]
    row_height = line_height(row_font) * line_count(rows) + 0.06
    height = row_height * len(kinds) + line_height(column_font) * line_count([*columns.values()])
    figure = new_figure(
        max(side + column * min(len(places), per_panel), MIN_GRID_WIDTH),
        (height + 0.15) * len(panels) + 1.0,
    )
    set_title(
        figure,
        _("Services designed for women who use drugs reported in {region}").format(
            region=region_name
        ),
    )
    grids = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    span = per_panel if len(panels) > 1 else len(places)
    for axes, panel in zip(grids, panels, strict=True):
        _service_panel(axes, grid.loc[panel].T, rows, [columns[p] for p in panel], span)
        axes.tick_params(axis="x", labelsize=GRID_COLUMN_SIZE)
        axes.tick_params(axis="y", labelsize=GRID_ROW_SIZE)
    fit_axis_labels(
        figure, grids[-1], _("Country (dark cell: reported by at least one respondent)"), ""
    )
    return Chart(figure, service_map_alt(grid))


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


def service_map_alt(grid: pd.DataFrame) -> str:
    """The service map's alt text: every place it names, with the service types shaded."""
    reported = []
    for country, row in grid.iterrows():
        kinds = [str(c) for c, v in row.items() if v]
        listed = format_list(kinds, locale=language.current()) if kinds else _("none")
        reported.append(f"{country}: {listed}")
    return _(
        "Heatmap of {types} service types by {countries} countries showing which services "
        "designed for women who use drugs were reported. {reported}."
    ).format(
        types=language.number(grid.shape[1]),
        countries=language.number(len(grid)),
        reported="; ".join(reported),
    )


BAR_LABELS = 2.0  # inches of issue or region names beside the bars, wrapped to it


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
    figure = new_figure(MAX_WIDTH, 1.6 + 0.6 * len(issues))
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
    axes.get_legend().remove()
    figure.legend(handles, labels, title=_("Rank"), loc="outside lower center", ncols=len(labels))
    set_title(figure, _("Top issues limiting access to harm reduction services, by rank"))
    fit_axis_labels(figure, axes, _("Share of respondents who gave that rank (%)"), _("Issue"))
    return Chart(figure, barrier_alt(shares, top))


def _top_issues(shares: pd.DataFrame, top: int) -> list[str]:
    return list(dict.fromkeys(shares["issue"]))[:top]


def barrier_alt(shares: pd.DataFrame, top: int = 5) -> str:
    """The barrier chart's alt text: the share of each of the ``top`` issues at rank 1."""
    first = shares[shares["issue"].isin(_top_issues(shares, top)) & shares["rank"].eq(1)]
    shares_at_one = "; ".join(
        f"{i} {language.percent(p)}"
        for i, p in zip(first["issue"], first["share_pct"], strict=True)
    )
    return _(
        "Bar chart of the share of respondents naming each issue at ranks 1, 2 and 3. At rank 1: "
        "{shares}."
    ).format(shares=shares_at_one)


def knew_of_services_figure(knew: pd.DataFrame) -> Chart | None:
    """Bars: the share of each region's respondents who knew of services designed for WUD.

    Each bar is labelled with its count ("13 of 21 (62%)"): regions differ
    greatly in size, and a share alone hides how few people it stands for.
    ``knew`` is :func:`~wud_briefings.analysis.across_regions.knew_of_services`;
    None when it has no region.
    """
    if knew.empty:
        return None
    data = knew.sort_values("share_pct", ascending=False, kind="stable")
    theme("whitegrid")
    figure = new_figure(MAX_WIDTH, 1.4 + 0.5 * len(data))
    axes = figure.subplots()
    sns.barplot(data=data, y="region", x="share_pct", ax=axes, color=RANK_PALETTE[0], orient="h")
    regions = wrapped_labels(list(data["region"]), BAR_LABELS, font("ytick.labelsize"))
    axes.set_yticks(range(len(regions)), regions)
    axes.bar_label(axes.containers[0], labels=list(data["label"]), padding=4, fontsize="small")
    axes.set_xlim(0, 100)
    axes.set_xticks(range(0, 101, 20))
    set_title(figure, _("Knew of harm reduction services designed for women who use drugs"))
    fit_axis_labels(figure, axes, _("Share of the region's respondents (%)"), _("Region"))
    alt = _(
        "Bar chart of the share of respondents in each region who knew of harm reduction "
        "services designed for women who use drugs: {shares}."
    ).format(
        shares="; ".join(f"{r} {lab}" for r, lab in zip(data["region"], data["label"], strict=True))
    )
    return Chart(figure, alt)


# 40 steps: a smooth-looking colour bar of 40 vector patches (matplotlib rasterizes one of
# 50 steps or more: an image in the PDF, and 256 patches would weigh 40 kB in the SVG)
COLOUR_BAR_STEPS = [2.5 * step for step in range(41)]
ISSUE_LABELS = 1.7  # inches of issue names beside the heatmap, wrapped to it


def first_rank_heatmap(shares: pd.DataFrame) -> Chart | None:
    """Issues × regions: the share of those who gave a first rank who put the issue first.

    ``shares`` is :func:`~wud_briefings.analysis.across_regions.first_rank_shares`.
    Issues nobody ranked first are left off the chart and named in its alt
    text; a region where nobody ranked shows an empty column. None when no
    region ranked at all. The colour bar lies under the grid, leaving the
    width to the regions' columns.
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
    prop = FontProperties(family=FONT, size=GRID_COLUMN_SIZE)
    counts = [_("({n} ranked)").format(n=language.number(n)) for n in ranked.values()]
    column = max(
        MIN_COLUMN, widest_word(list(ranked), prop), *(text_width(c, prop) for c in counts)
    )
    regions = [f"{wrap(r, column, prop)}\n{c}" for r, c in zip(ranked, counts, strict=True)]
    rows = wrapped_labels(issues, ISSUE_LABELS, font("ytick.labelsize"))
    side = text_width("\n".join(rows), font("ytick.labelsize")) + 0.55
    figure = new_figure(
        side + (column + 0.08) * len(ranked) + 0.2,
        2.2 + 0.45 * len(issues) + line_height(prop) * line_count(regions),
    )
    axes = figure.subplots()
    sns.heatmap(
        matrix,
        ax=axes,
        annot=labels.to_numpy(),
        fmt="",
        cmap="Blues",
        vmin=0,
        vmax=100,
        linewidths=1,
        linecolor="white",
        xticklabels=regions,
        yticklabels=rows,
        cbar_kws={
            "label": _("% of those who gave a first rank"),
            "location": "bottom",
            "shrink": 0.6,
            "boundaries": COLOUR_BAR_STEPS,
            "ticks": list(range(0, 101, 20)),
        },
    )
    axes.tick_params(axis="both", labelrotation=0)
    axes.tick_params(axis="x", labelsize=GRID_COLUMN_SIZE)
    set_title(figure, _("Issue ranked first as limiting access to harm reduction, by region"))
    fit_axis_labels(
        figure, axes, _("Region (respondents who gave a first rank)"), _("Issue ranked first")
    )
    return Chart(figure, first_rank_alt(shares))


def first_rank_alt(shares: pd.DataFrame) -> str:
    """The first-rank heatmap's alt text: each region's shares, and issues nobody put first."""
    parts = []
    for region, group in shares.groupby("region", sort=False):
        named = group[group["count"] > 0].sort_values("share_pct", ascending=False, kind="stable")
        listed = ", ".join(
            f"{i} {language.percent(p)}"
            for i, p in zip(named["issue"], named["share_pct"], strict=True)
        )
        n = int(group["ranked"].iloc[0])
        parts.append(
            _("{region}, {n} ranked: {shares}").format(
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
            issues=format_list(unranked, locale=language.current())
        )
    return alt
