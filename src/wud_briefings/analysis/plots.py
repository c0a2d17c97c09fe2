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
    reported = []
    for country, row in grid.iterrows():
        kinds = [str(c) for c, v in row.items() if v]
        reported.append(f"{country}: {format_list(kinds, locale='en') if kinds else 'none'}")
    alt = (
        f"Heatmap of {grid.shape[1]} service types by {len(grid)} countries showing which "
        "services designed for women who use drugs were reported. " + "; ".join(reported) + "."
    )
    return Chart(figure, alt)


def barrier_figure(shares: pd.DataFrame, top: int = 5) -> Chart | None:
    """Grouped bars: share of respondents naming each top issue at ranks 1, 2 and 3.

    None when nobody ranked (``shares`` is empty): there is nothing to draw, and
    the sentence before the chart says why.
    """
    if shares.empty:
        return None
    issues = list(dict.fromkeys(shares["issue"]))[:top]
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
    first = data[data["rank"].eq("Rank 1")]
    alt = (
        "Bar chart of the share of respondents naming each issue at ranks 1, 2 and 3. "
        "At rank 1: "
        + "; ".join(f"{i} {p}%" for i, p in zip(first["issue"], first["share_pct"], strict=True))
        + "."
    )
    return Chart(figure, alt)
