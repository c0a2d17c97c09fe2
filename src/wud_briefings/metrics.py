"""Every figure a briefing shows, computed from a region's processed tables.

Functions here return plain numbers and tidy tables; disclosure control is
applied where a figure breaks the region down (see :mod:`disclosure`), and the
notebook only displays what they return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wud_briefings.codebook import Codebook
from wud_briefings.disclosure import (
    count_and_share,
    percent,
    share_table,
    shown_count,
    suppress_table,
)
from wud_briefings.tables import ProcessedRegion

RANKS = (1, 2, 3)
WUD_GROUPS = {True: "Women who use drugs", False: "Other key informants"}


@dataclass(frozen=True)
class Headline:
    """The region's totals (exempt from small-cell control)."""

    respondents: int
    countries: list[str]
    identifies_as_wud: int
    knows_wud_services: int
    countries_without_services: list[str]
    ranked: int

    @property
    def wud_pct(self) -> int:
        return percent(self.identifies_as_wud, self.respondents)

    @property
    def knows_pct(self) -> int:
        return percent(self.knows_wud_services, self.respondents)


def _countries_by_size(respondents: pd.DataFrame) -> list[str]:
    sizes = respondents.groupby("country_name").size().reset_index(name="n")
    return sizes.sort_values(["n", "country_name"], ascending=[False, True])[
        "country_name"
    ].tolist()


def headline(region: ProcessedRegion) -> Headline:
    r = region.respondents
    knows = r["knows_wud_services"].eq("yes")
    with_services = set(r.loc[knows, "country_name"])
    return Headline(
        respondents=len(r),
        countries=_countries_by_size(r),
        identifies_as_wud=int(r["identifies_as_wud"].fillna(False).sum()),
        knows_wud_services=int(knows.sum()),
        countries_without_services=sorted(set(r["country_name"]) - with_services),
        ranked=int(region.barrier_ranks["respondent_id"].nunique()),
    )


def respondents_by_country(region: ProcessedRegion, k: int) -> pd.DataFrame:
    """Respondents and those identifying as WUD per country; small cells as ``"<k"``."""
    r = region.respondents.assign(wud=region.respondents["identifies_as_wud"].fillna(False))
    counts = r.groupby("country_name").agg(
        respondents=("respondent_id", "size"), identify_as_wud=("wud", "sum")
    )
    counts = counts.loc[_countries_by_size(r)].astype(int)
    shown = suppress_table(counts, k)
    shown.index.name = "Country"
    return shown.rename(
        columns={"respondents": "Respondents", "identify_as_wud": "Identify as WUD"}
    )


def _services(region: ProcessedRegion) -> pd.DataFrame:
    coding = region.coding[region.coding["question"].eq("services")]
    return coding.merge(region.respondents[["respondent_id", "country_name"]], on="respondent_id")


def service_map(region: ProcessedRegion, codebook: Codebook) -> pd.DataFrame:
    """Countries × service types: 1 where any respondent reported such a service.

    The map records that services exist, not how many people named them, so it
    reveals nothing about respondents and needs no small-cell control.
    """
    services = _services(region)
    services = services[services["code"].isin(codebook.service_types)]
    grid = pd.crosstab(services["country_name"], services["code"]).clip(upper=1)
    countries = _countries_by_size(region.respondents)
    grid = grid.reindex(index=countries, columns=list(codebook.service_types), fill_value=0)
    grid.columns = [codebook.service_types[c] for c in grid.columns]
    grid.index.name, grid.columns.name = "Country", "Service type"
    return grid.astype(int)


def named_services(region: ProcessedRegion) -> dict[str, list[str]]:
    """Publishable descriptions of services, per country, each once."""
    services = _services(region)
    services = services[services["is_publishable"]]
    named: dict[str, list[str]] = {}
    for country in _countries_by_size(region.respondents):
        excerpts = services.loc[services["country_name"].eq(country), "excerpt"]
        if len(excerpts):
            named[country] = list(dict.fromkeys(excerpts))
    return named


def _issue_labels(codebook: Codebook) -> dict[str, str]:
    question = codebook.question("barrier_rank")
    return {code: question.master_option(code) for code in question.options}


def barrier_counts(region: ProcessedRegion, codebook: Codebook) -> pd.DataFrame:
    """How many respondents put each issue at rank 1, 2 and 3 (issues in rank-1 order)."""
    ranks = region.barrier_ranks
    counts = pd.crosstab(ranks["issue"], ranks["barrier_rank"]).reindex(
        index=list(_issue_labels(codebook)), columns=list(RANKS), fill_value=0
    )
    order = counts.sort_values(list(RANKS), ascending=False, kind="stable").index
    counts = counts.loc[order]
    counts.index = [_issue_labels(codebook)[c] for c in counts.index]
    counts.index.name, counts.columns.name = "Issue", "Rank"
    return counts


def ranks_given(region: ProcessedRegion, codebook: Codebook) -> list[int]:
    """The ranks at least one respondent gave (a region may have no rank 3, or none)."""
    totals = barrier_counts(region, codebook).sum()
    return [rank for rank in RANKS if totals[rank] > 0]


def barrier_shares(region: ProcessedRegion, codebook: Codebook) -> pd.DataFrame:
    """Long table: issue, rank, count, and share (%) of those who gave that rank.

    Ranks nobody gave have no share and are left out.
    """
    counts = barrier_counts(region, codebook)[ranks_given(region, codebook)]
    totals = counts.sum()
    long = counts.reset_index().melt(id_vars="Issue", var_name="rank", value_name="count")
    long["share_pct"] = [
        percent(c, int(totals[r])) for c, r in zip(long["count"], long["rank"], strict=True)
    ]
    return long.rename(columns={"Issue": "issue"})


def barrier_table(region: ProcessedRegion, codebook: Codebook, top: int = 5) -> pd.DataFrame:
    """The top issues with "n of N (p%)" at each rank given (region totals: no suppression)."""
    counts = barrier_counts(region, codebook)
    totals = counts.sum()
    top_issues = counts[counts.sum(axis=1) > 0].head(top)
    return pd.DataFrame(
        {
            f"Rank {rank}": [
                count_and_share(int(c), int(totals[rank]), 1, is_region_total=True)
                for c in top_issues[rank]
            ]
            for rank in ranks_given(region, codebook)
        },
        index=top_issues.index,
    )


def barriers_by_wud(
    region: ProcessedRegion, codebook: Codebook, k: int, rank: int = 1
) -> pd.DataFrame:
    """Issues at one rank, WUD beside other key informants; small cells as ``"<k"``.

    Each group's column names how many in it gave that rank; shares are of
    that number, and are withheld where the count or the group is below ``k``.
    """
    ranks = region.barrier_ranks[region.barrier_ranks["barrier_rank"].eq(rank)]
    status = region.respondents.set_index("respondent_id")["identifies_as_wud"].fillna(False)
    group = ranks["respondent_id"].map(status).map(WUD_GROUPS)
    counts = pd.crosstab(ranks["issue"].map(_issue_labels(codebook)), group).reindex(
        index=barrier_counts(region, codebook).index,
        columns=list(WUD_GROUPS.values()),
        fill_value=0,
    )
    counts = counts[counts.sum(axis=1) > 0]
    totals = counts.sum()
    shares, shown = share_table(counts, totals, k), suppress_table(counts, k)
    table = pd.DataFrame(index=counts.index)
    for name in counts.columns:
        size = shown_count(int(totals[name]), k)
        table[f"{name} (n={size})"] = [
            f"{n} ({p})" if p else n for n, p in zip(shown[name], shares[name], strict=True)
        ]
    return table


def _themed(region: ProcessedRegion, codebook: Codebook, question: str | None) -> pd.DataFrame:
    """Coded excerpts with a theme code, of one question or (None) of all."""
    coding = region.coding[region.coding["code"].isin(codebook.themes)]
    return coding if question is None else coding[coding["question"].eq(question)]


def theme_counts(region: ProcessedRegion, codebook: Codebook, question: str | None) -> pd.DataFrame:
    """How many respondents' answers (to one question, or any) were coded with each theme."""
    coding = _themed(region, codebook, question)
    counts = coding.groupby("code")["respondent_id"].nunique()
    table = pd.DataFrame(
        {"Theme": [codebook.themes[c] for c in counts.index], "Respondents": counts.to_numpy()}
    )
    return table.sort_values(["Respondents", "Theme"], ascending=[False, True], ignore_index=True)


def quotes(region: ProcessedRegion, codebook: Codebook, question: str | None) -> pd.DataFrame:
    """Publishable excerpts with their theme and the respondent's country."""
    coding = _themed(region, codebook, question)
    coding = coding[coding["is_publishable"]]
    merged = coding.merge(region.respondents[["respondent_id", "country_name"]], on="respondent_id")
    merged["theme"] = merged["code"].map(codebook.themes)
    order = list(codebook.themes.values())
    merged["order"] = merged["theme"].map(order.index)
    merged = merged.sort_values(["order", "country_name", "excerpt"], kind="stable")
    return (
        merged[["theme", "excerpt", "country_name"]]
        .drop_duplicates(subset=["excerpt"])
        .reset_index(drop=True)
    )
