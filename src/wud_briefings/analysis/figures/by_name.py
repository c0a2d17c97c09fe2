"""Every figure a briefing computes, by name: what a researcher's commentary may print.

The commentary (:mod:`wud_briefings.analysis.texts.commentary`) refers to figures as
``{{ knew.share }}`` and its typed numbers are checked against them, so the
registry is built from the very functions the notebook's tables and sentences
call (:mod:`wud_briefings.analysis.figures.metrics`), each figure with how it prints in
the language in use and whether the briefing withholds it. A withheld figure
keeps its value only so that a typed number equal to it can be refused; it is
never printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, percent
from wud_briefings.analysis.disclosure.suppression import ProtectedTable
from wud_briefings.analysis.figures import metrics
from wud_briefings.core import language
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook

# The by-identification groups of the rank-1 table, by the name a commentary gives them.
GROUP_NAMES = {
    metrics.WUD_GROUPS["yes"]: "wud",
    metrics.WUD_GROUPS["no"]: "others",
    metrics.OTHER_RESPONDENTS: "others",
    metrics.WUD_GROUPS["prefer_not_to_say"]: "prefer_not_to_say",
}
# How a region whose rank-1 table is withheld whole is grouped, to know its secret cells.
FALLBACK_COLUMNS = {
    "yes": metrics.WUD_GROUPS["yes"],
    "no": metrics.OTHER_RESPONDENTS,
    "prefer_not_to_say": metrics.OTHER_RESPONDENTS,
}


class Kind(StrEnum):
    COUNT = "count"  # a number of respondents (or countries, or the threshold)
    SHARE = "share"  # a whole-number percentage of a count in a total, rounded half up


@dataclass(frozen=True)
class Figure:
    """One figure: its name, value, how it prints, and whether the briefing withholds it.

    A share keeps its count and total, so that a typed percentage can be
    checked within its rounding and a wrong one told what the data gives.
    """

    name: str
    kind: Kind
    value: int
    shown: str  # as the briefing prints it, in the language in use
    withheld: bool = False
    count: int | None = None
    total: int | None = None

    def exact(self) -> float:
        """A share's unrounded percentage (a count's value)."""
        if self.kind is Kind.SHARE and self.count is not None and self.total:
            return 100 * self.count / self.total
        return float(self.value)


@dataclass(frozen=True)
class Figures:
    """A region's figures, in the briefing's order, by name."""

    items: tuple[Figure, ...]

    def has_coded_answers(self) -> bool:
        """Whether the region's open answers are coded (its theme figures exist)."""
        return any(f.name.startswith(("themes.", "gaps.")) for f in self.items)

    def get(self, name: str) -> Figure | None:
        return next((f for f in self.items if f.name == name), None)

    def __getitem__(self, name: str) -> Figure:
        figure = self.get(name)
        if figure is None:
            raise KeyError(name)
        return figure

    def names(self) -> list[str]:
        return [f.name for f in self.items]

    def of_kind(self, kind: Kind) -> list[Figure]:
        return [f for f in self.items if f.kind is kind]


def _count(name: str, value: int, withheld: bool = False) -> Figure:
    return Figure(name, Kind.COUNT, value, language.number(value), withheld)


def _share(name: str, count: int, total: int, withheld: bool = False) -> Figure:
    value = percent(count, total)
    return Figure(name, Kind.SHARE, value, language.percent(value), withheld, count, total)


def _pair(name: str, count: int, total: int, withheld: bool = False) -> list[Figure]:
    """``name.count`` and ``name.share`` (no share of an empty total)."""
    figures = [_count(f"{name}.count", count, withheld)]
    if total > 0:
        figures.append(_share(f"{name}.share", count, total, withheld))
    return figures


def _headline(h: metrics.Headline, policy: DisclosurePolicy) -> list[Figure]:
    """The Respondents and services paragraphs; WUD counts withheld where they would
    disclose each respondent's answer (all, or none, identify as WUD)."""
    return [
        _count("respondents", h.respondents),
        _count("countries", len(h.countries)),
        _count("k", policy.k),
        *_pair("wud", h.identifies_as_wud, h.respondents, h.wud_uniform),
        *_pair("prefer_not_to_say", h.prefers_not_to_say, h.respondents, h.wud_uniform),
        *_pair("knew", h.knows_wud_services, h.respondents),
        _count("ranked", h.ranked),
    ]


def _withheld_cells(table: ProtectedTable) -> set[tuple[str, str]] | None:
    """The (row, column) cells a protected table withholds; None when it is withheld whole."""
    if table.shown is None:
        return None
    return {(cell["row"], cell["column"]) for cell in table.record["withheld"]}


def _ranks(region: ProcessedRegion, codebook: Codebook) -> list[Figure]:
    """Each issue at each rank given, as counted and shared in the ranking table and chart."""
    counts = metrics.barrier_counts(region, codebook)
    codes = {label: code for code, label in metrics.issue_labels(codebook).items()}
    figures = []
    for rank in metrics.ranks_given(counts):
        total = int(counts[rank].sum())
        figures.append(_count(f"rank{rank}.ranked", total))
        for label, n in counts[rank].items():
            figures += _pair(f"rank{rank}.{codes[label]}", int(n), total)
    return figures


def _by_wud(region: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy) -> list[Figure]:
    """The rank-1 table by identification as WUD, cell by cell, withheld as the table is."""
    table = metrics.barriers_by_wud(region, codebook, policy)
    withheld = _withheld_cells(table)
    columns = metrics.wud_columns(metrics.headline(region, policy), policy) or FALLBACK_COLUMNS
    counts = metrics.rank_by_wud_counts(region, codebook, columns)
    codes = {label: code for code, label in metrics.issue_labels(codebook).items()}
    figures = []
    for column in counts.columns:
        group = f"rank1.{GROUP_NAMES[column]}"
        total = int(counts[column].sum())
        total_hidden = withheld is None or ("all issues", column) in withheld
        figures.append(_count(f"{group}.ranked", total, total_hidden))
        for label, n in counts[column].items():
            hidden = withheld is None or (str(label), column) in withheld
            figures += _pair(f"{group}.{codes[label]}", int(n), total, hidden or total_hidden)
    return figures


def _countries(region: ProcessedRegion, policy: DisclosurePolicy) -> list[Figure]:
    """Respondents per country, named by ISO code, withheld as the table withholds them."""
    table = metrics.respondents_by_country(region, policy)
    withheld = _withheld_cells(table)
    column = "" if table.shown is None else str(table.shown.columns[0])
    iso3 = metrics.country_codes(region)
    return [
        _count(
            f"country.{iso3[country].lower()}.respondents",
            int(n),
            withheld is None or (str(country), column) in withheld,
        )
        for country, n in metrics.country_sizes(region).items()
    ]


def _themes(region: ProcessedRegion, codebook: Codebook) -> list[Figure]:
    """Respondents whose answers were coded with each theme: any answer, and the gaps."""
    codes = {label: code for code, label in codebook.theme_labels().items()}
    figures = []
    for prefix, question in (("themes", None), ("gaps", "gaps")):
        table: pd.DataFrame = metrics.theme_counts(region, codebook, question=question)
        for label, n in zip(table["Theme"], table["Respondents"], strict=True):
            figures.append(_count(f"{prefix}.{codes[label]}.count", int(n)))
    return figures


def briefing_figures(
    region: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy
) -> Figures:
    """Every figure of a region's briefing, in the language in use."""
    h = metrics.headline(region, policy)
    return Figures(
        (
            *_headline(h, policy),
            *_countries(region, policy),
            *_ranks(region, codebook),
            *_by_wud(region, codebook, policy),
            *_themes(region, codebook),
        )
    )
