"""The briefing's charts, as seaborn figures with titles, labelled axes and alt text.

Each function returns a :class:`Chart` (None when there is nothing to draw),
which a notebook cell shows by ending with it. Figures are plain matplotlib
``Figure`` objects (no pyplot state, so nothing is shown twice by the
notebook's backend), rendered to PNG without the software stamp matplotlib adds
by default, so that the same data always gives the same bytes.
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass
from typing import Any

import pandas as pd
import seaborn as sns
from babel.lists import format_list
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

DPI = 100
RANK_PALETTE = ["#1b4965", "#5fa8d3", "#bee9e8"]


@dataclass(frozen=True)
class Chart:
    """A figure and its alt text, shown as a PNG whose alt text reaches the HTML's <img>.

    The alt text is also the plain-text form, for screen readers in JupyterLab
    and for anything that cannot show an image.
    """

    figure: Figure
    alt: str

    def png(self) -> bytes:
        """PNG bytes, with no timestamp or software metadata."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {"image/png": base64.b64encode(self.png()).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt}}


def service_map_figure(grid: pd.DataFrame, region_name: str) -> Chart:
    """A heatmap of service types × countries, and its alt text."""
    sns.set_theme(style="white", font="DejaVu Sans")
    width = 4.5 + 0.8 * max(len(grid), 1)
    figure = Figure(figsize=(min(width, 11), 5.5), layout="constrained")
    axes = figure.subplots()
    sns.heatmap(
        grid.T,
        ax=axes,
        cmap=ListedColormap(["#eeeeee", "#1b4965"]),
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=1.5,
        linecolor="white",
    )
    axes.set_title(f"Services designed for women who use drugs reported in\n{region_name}")
    axes.set_xlabel("Country (dark cell: reported by at least one respondent)")
    axes.set_ylabel("Service type")
    axes.tick_params(axis="x", labelrotation=30)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
    return Chart(figure, service_map_alt(grid))


def service_map_alt(grid: pd.DataFrame) -> str:
    """The service map's alt text: every place it names, with the service types shaded."""
    reported = []
    for country, row in grid.iterrows():
        kinds = [str(c) for c, v in row.items() if v]
        reported.append(f"{country}: {format_list(kinds, locale='en') if kinds else 'none'}")
    return (
        f"Heatmap of {grid.shape[1]} service types by {len(grid)} countries showing which "
        "services designed for women who use drugs were reported. " + "; ".join(reported) + "."
    )


def barrier_figure(shares: pd.DataFrame, top: int = 5) -> Chart | None:
    """Grouped bars: share of respondents naming each top issue at ranks 1, 2 and 3.

    None when nobody ranked (``shares`` is empty): there is nothing to draw, and
    the sentence before the chart says why.
    """
    if shares.empty:
        return None
    issues = _top_issues(shares, top)
    data = shares[shares["issue"].isin(issues)].assign(
        rank=lambda d: "Rank " + d["rank"].astype(str)
    )
    sns.set_theme(style="whitegrid", font="DejaVu Sans")
    figure = Figure(figsize=(9, 1.2 + 0.75 * len(issues)), layout="constrained")
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
    )
    axes.set_title("Top issues limiting access to harm reduction services, by rank")
    axes.set_xlabel("Share of respondents who gave that rank (%)")
    axes.set_ylabel("Issue")
    axes.set_xlim(0, 100)
    axes.legend(title="Rank", loc="lower right")
    return Chart(figure, barrier_alt(shares, top))


def _top_issues(shares: pd.DataFrame, top: int) -> list[str]:
    return list(dict.fromkeys(shares["issue"]))[:top]


def barrier_alt(shares: pd.DataFrame, top: int = 5) -> str:
    """The barrier chart's alt text: the share of each of the ``top`` issues at rank 1."""
    first = shares[shares["issue"].isin(_top_issues(shares, top)) & shares["rank"].eq(1)]
    return (
        "Bar chart of the share of respondents naming each issue at ranks 1, 2 and 3. "
        "At rank 1: "
        + "; ".join(f"{i} {p}%" for i, p in zip(first["issue"], first["share_pct"], strict=True))
        + "."
    )


def _wrapped(label: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


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
    sns.set_theme(style="whitegrid", font="DejaVu Sans")
    figure = Figure(figsize=(9, 1.2 + 0.55 * len(data)), layout="constrained")
    axes = figure.subplots()
    sns.barplot(data=data, y="region", x="share_pct", ax=axes, color=RANK_PALETTE[0], orient="h")
    axes.bar_label(axes.containers[0], labels=list(data["label"]), padding=4, fontsize="small")
    axes.set_xlim(0, 115)
    axes.set_xticks(range(0, 101, 20))
    axes.set_title("Knew of harm reduction services designed for women who use drugs")
    axes.set_xlabel("Share of the region's respondents (%)")
    axes.set_ylabel("Region")
    alt = (
        "Bar chart of the share of respondents in each region who knew of harm reduction "
        "services designed for women who use drugs: "
        + "; ".join(f"{r} {lab}" for r, lab in zip(data["region"], data["label"], strict=True))
        + "."
    )
    return Chart(figure, alt)


def first_rank_heatmap(shares: pd.DataFrame) -> Chart | None:
    """Issues × regions: the share of those who gave a first rank who put the issue first.

    ``shares`` is :func:`~wud_briefings.analysis.across_regions.first_rank_shares`.
    Issues nobody ranked first are left off the chart and named in its alt
    text; a region where nobody ranked shows an empty column. None when no
    region ranked at all.
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
    labels = matrix.map(lambda v: "" if pd.isna(v) else f"{v:.0f}%")
    matrix.columns = [f"{_wrapped(r, 13)}\n({n} ranked)" for r, n in ranked.items()]
    sns.set_theme(style="white", font="DejaVu Sans")
    figure = Figure(
        figsize=(3.2 + 1.3 * len(ranked), 2.0 + 0.55 * len(issues)), layout="constrained"
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
        cbar_kws={"label": "% of those who gave a first rank"},
    )
    axes.set_title("Issue ranked first as limiting access to harm reduction, by region")
    axes.set_xlabel("Region (respondents who gave a first rank)")
    axes.set_ylabel("Issue ranked first")
    axes.tick_params(axis="x", labelrotation=0, labelsize="small")
    return Chart(figure, first_rank_alt(shares))


def first_rank_alt(shares: pd.DataFrame) -> str:
    """The first-rank heatmap's alt text: each region's shares, and issues nobody put first."""
    parts = []
    for region, group in shares.groupby("region", sort=False):
        named = group[group["count"] > 0].sort_values("share_pct", ascending=False, kind="stable")
        listed = ", ".join(
            f"{i} {p}%" for i, p in zip(named["issue"], named["share_pct"], strict=True)
        )
        n = int(group["ranked"].iloc[0])
        parts.append(
            f"{region}, {n} ranked: {listed}" if n else f"{region}: nobody gave a first rank"
        )
    alt = (
        "Heatmap of the share of respondents in each region who ranked each issue first, "
        "of those in the region who gave a first rank. " + "; ".join(parts) + "."
    )
    issues = set(shares.loc[shares["count"] > 0, "issue"])
    unranked = [i for i in dict.fromkeys(shares["issue"]) if i not in issues]
    if unranked:
        alt += f" No respondent in any region ranked first: {format_list(unranked, locale='en')}."
    return alt
