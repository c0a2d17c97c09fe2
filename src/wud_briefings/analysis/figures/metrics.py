"""Every figure a briefing shows, computed from a region's processed tables.

Functions here return plain numbers and tidy tables; disclosure control is
applied where a figure breaks the region down (see :mod:`disclosure`), and the
notebook only displays what they return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, percent
from wud_briefings.analysis.disclosure.suppression import (
    ProtectedTable,
    Unprotectable,
    protect_counts,
    protect_crosstab,
    withheld_whole,
)
from wud_briefings.analysis.figures.respondent_words import EXCERPT_COLUMNS, Excerpt, excerpts_of
from wud_briefings.core.language import N_, SOURCE_LANGUAGE, _
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.countries import short_name

RANKS = (1, 2, 3)
WUD_GROUPS = {
    "yes": N_("Women who use drugs"),
    "no": N_("Other key informants"),
    "prefer_not_to_say": N_("Preferred not to say"),
}
# "No" and "prefer not to say" counted together, when either has fewer than k respondents.
OTHER_RESPONDENTS = N_("Other key informants and those who preferred not to say")


@dataclass(frozen=True)
class Headline:
    """The region's totals (exempt from small-cell control)."""

    respondents: int
    countries: list[str]
    identifies_as_wud: int
    prefers_not_to_say: int
    knows_wud_services: int
    countries_described: list[str]  # countries of k or more respondents, named with figures
    countries_without_services: list[str]  # among those described
    ranked: int

    @property
    def answered_no(self) -> int:
        """Respondents who said they do not identify as WUD (the page gives it by subtraction)."""
        return self.respondents - self.identifies_as_wud - self.prefers_not_to_say

    @property
    def wud_uniform(self) -> bool:
        """All respondents, or none, said they identify as WUD: a count would disclose each
        one's answer (that she is, or that she did not say she is)."""
        return self.respondents > 0 and self.identifies_as_wud in (0, self.respondents)

    @property
    def wud_pct(self) -> int:
        return percent(self.identifies_as_wud, self.respondents)

    @property
    def knows_pct(self) -> int:
        return percent(self.knows_wud_services, self.respondents)


def wud_status(region: ProcessedRegion) -> pd.Series:
    """Each respondent's answer to question 2: yes, no or prefer_not_to_say (its own group)."""
    status = region.respondents["identifies_as_wud"].map({True: "yes", False: "no"})
    return status.fillna("prefer_not_to_say").set_axis(region.respondents["respondent_id"])


def country_sizes(region: ProcessedRegion) -> pd.Series:
    """Respondents per country, largest first; ties in the order of the countries' English
    names, whatever language the briefing is in: every language edition then lists, and
    withholds, the same cells (an intruder reading two editions learns nothing more)."""
    sizes = region.respondents.groupby("country_name").size()
    codes = country_codes(region)  # every processed respondent's country is recognised
    english = [short_name(codes[name], SOURCE_LANGUAGE) for name in sizes.index]
    order = pd.DataFrame({"n": sizes, "english": english}, index=sizes.index)
    ranked = order.sort_values(["n", "english"], ascending=[False, True], kind="stable").index
    return sizes.loc[ranked]


def surveyed_countries(data: ProcessedRegion) -> dict[str, str]:
    """Every country with a respondent, ISO alpha-3 to name (what the respondents table lists)."""
    respondents = data.respondents.dropna(subset=["country_iso3"])
    pairs = zip(respondents["country_iso3"], respondents["country_name"], strict=True)
    return dict(sorted(set(pairs)))


def country_codes(region: ProcessedRegion) -> dict[str, str]:
    """Each surveyed country's ISO alpha-3 code, by its name in the language in use."""
    r = region.respondents
    return {str(n): str(c) for n, c in zip(r["country_name"], r["country_iso3"], strict=True)}


def headline(region: ProcessedRegion, policy: DisclosurePolicy) -> Headline:
    """Region totals; country-level statements only of countries the policy describes."""
    r = region.respondents
    knows = r["knows_wud_services"].eq("yes")
    with_services = set(r.loc[knows, "country_name"])
    sizes = country_sizes(region)
    status = wud_status(region)
    described = [c for c, n in sizes.items() if policy.is_described(n)]
    return Headline(
        respondents=len(r),
        countries=list(sizes.index),
        identifies_as_wud=int(status.eq("yes").sum()),
        prefers_not_to_say=int(status.eq("prefer_not_to_say").sum()),
        knows_wud_services=int(knows.sum()),
        countries_described=described,
        countries_without_services=sorted(set(described) - with_services),
        ranked=int(region.barrier_ranks["respondent_id"].nunique()),
    )


def respondents_by_country(region: ProcessedRegion, policy: DisclosurePolicy) -> ProtectedTable:
    """Respondents per country, small counts and what would give them away withheld.

    WUD status is not broken down by country: in a small country that would
    show whether all, or none, of its respondents identify as WUD. Which
    countries have fewer than ``k`` respondents is public (they are pooled),
    so the pattern is solved knowing it; a table no pattern protects is
    withheld whole (its ``shown`` is None).
    """
    sizes = country_sizes(region).rename(_("Respondents"))
    sizes.index.name = _("Country")
    name = _("Respondents by country")
    try:
        return protect_counts(sizes, len(region.respondents), policy, name)
    except Unprotectable:
        return withheld_whole(name)


def country_labels(region: ProcessedRegion, policy: DisclosurePolicy) -> dict[str, str | None]:
    """How each country may be named beside an answer: itself, a pool, or not at all.

    A country with fewer than ``k`` respondents is never named beside an answer:
    it joins a pool of such countries, which is named only when the policy
    :meth:`~DisclosurePolicy.pools` them; otherwise (None) its answers are not
    shown beside any place.
    """
    sizes = country_sizes(region)
    small = [int(n) for n in sizes if not policy.is_described(n)]
    pool = policy.pooled_label() if policy.pools(small) else None
    return {c: (c if policy.is_described(n) else pool) for c, n in sizes.items()}


def _services(region: ProcessedRegion) -> pd.DataFrame:
    coding = region.coding[region.coding["question"].eq("services")]
    return coding.merge(region.respondents[["respondent_id", "country_name"]], on="respondent_id")


def service_map(
    region: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy
) -> pd.DataFrame:
    """Countries × service types: 1 where any respondent reported such a service.

    The map records that services exist, not how many people named them; a
    country of fewer than ``k`` respondents is pooled (see :func:`country_labels`),
    as a row of its own would show what its few respondents answered.
    """
    services = _services(region)
    services = services[services["code"].isin(codebook.service_types)]
    labels = country_labels(region, policy)
    services = services.assign(place=services["country_name"].map(labels))
    grid = pd.crosstab(services["place"], services["code"]).clip(upper=1)
    places = list(dict.fromkeys(p for p in labels.values() if p))
    grid = grid.reindex(index=places, columns=list(codebook.service_types), fill_value=0)
    types = codebook.service_type_labels()
    grid.columns = [types[c] for c in grid.columns]
    grid.index.name, grid.columns.name = "Country", "Service type"
    return grid.astype(int)


def named_services(region: ProcessedRegion, policy: DisclosurePolicy) -> dict[str, list[Excerpt]]:
    """Publishable descriptions of services, per country (or pool), each once."""
    services = _services(region)
    services = services[services["is_publishable"]]
    labels = country_labels(region, policy)
    named: dict[str, list[Excerpt]] = {}
    for country, excerpt in zip(services["country_name"], excerpts_of(services), strict=True):
        if place := labels.get(country):
            named.setdefault(place, [])
            if excerpt not in named[place]:
                named[place].append(excerpt)
    order = list(dict.fromkeys(p for p in labels.values() if p))
    return {place: named[place] for place in order if place in named}


def issue_labels(codebook: Codebook) -> dict[str, str]:
    """Each ranking option's code and label, in the language in use."""
    return codebook.question("barrier_rank").option_labels()


def barrier_counts(region: ProcessedRegion, codebook: Codebook) -> pd.DataFrame:
    """How many respondents put each issue at rank 1, 2 and 3 (issues in rank-1 order)."""
    ranks = region.barrier_ranks
    counts = pd.crosstab(ranks["issue"], ranks["barrier_rank"]).reindex(
        index=list(issue_labels(codebook)), columns=list(RANKS), fill_value=0
    )
    order = counts.sort_values(list(RANKS), ascending=False, kind="stable").index
    counts = counts.loc[order]
    counts.index = [issue_labels(codebook)[c] for c in counts.index]
    counts.index.name, counts.columns.name = "Issue", "Rank"
    return counts


def ranks_given(counts: pd.DataFrame) -> list[int]:
    """The ranks at least one respondent gave, from :func:`barrier_counts` (may be none)."""
    totals = counts.sum()
    return [rank for rank in RANKS if totals[rank] > 0]


def barrier_shares(region: ProcessedRegion, codebook: Codebook) -> pd.DataFrame:
    """Long table: issue, rank, count, and share (%) of those who gave that rank.

    Ranks nobody gave have no share and are left out.
    """
    counts = barrier_counts(region, codebook)
    counts = counts[ranks_given(counts)]
    totals = counts.sum()
    long = counts.reset_index().melt(id_vars="Issue", var_name="rank", value_name="count")
    long["share_pct"] = [
        percent(c, int(totals[r])) for c, r in zip(long["count"], long["rank"], strict=True)
    ]
    return long.rename(columns={"Issue": "issue"})


SMALL_GROUP = N_(
    "This breakdown is not shown: fewer than {k} respondents identify as women who use "
    "drugs, or fewer than {k} do not, and a group that small is never broken down on its own."
)
MERGED_NOTE = N_(
    "fewer than {k} respondents answered no, or fewer than {k} preferred not to say, so "
    "those two answers are counted together"
)


def wud_columns(h: Headline, policy: DisclosurePolicy) -> dict[str, str] | None:
    """The column each answer to question 2 falls in when a table is broken down by it.

    A group of fewer than ``k`` respondents in the region is never broken down
    on its own: whatever its cells withhold, they add up to no more than its
    size, printed in the Respondents paragraph, which pins the cells around
    them. "No" and "prefer not to say" are counted together when either is
    that small (the column says so); None (no breakdown at all) when those who
    identify as WUD, or the rest, are fewer than ``k``.
    """
    sizes = {
        "yes": h.identifies_as_wud,
        "no": h.answered_no,
        "prefer_not_to_say": h.prefers_not_to_say,
    }
    others = sizes["no"] + sizes["prefer_not_to_say"]
    if not (policy.is_described(sizes["yes"]) and policy.is_described(others)):
        return None
    if not any(policy.is_small(size) for size in sizes.values()):
        return {status: WUD_GROUPS[status] for status, size in sizes.items() if size}
    return {"yes": WUD_GROUPS["yes"]} | dict.fromkeys(
        ("no", "prefer_not_to_say"), OTHER_RESPONDENTS
    )


def rank_by_wud_counts(
    region: ProcessedRegion, codebook: Codebook, columns: dict[str, str], rank: int = 1
) -> pd.DataFrame:
    """Issues at one rank × the groups of ``columns`` (see :func:`wud_columns`), unprotected.

    Issues and groups nobody gave that rank in are left out. Shared by the
    protected table and the figure registry, so both count the same cells.
    """
    status = wud_status(region)
    ranks = region.barrier_ranks[region.barrier_ranks["barrier_rank"].eq(rank)]
    group = ranks["respondent_id"].map(status).map(columns)
    labels = list(dict.fromkeys(columns.values()))
    counts = pd.crosstab(ranks["issue"].map(issue_labels(codebook)), group).reindex(
        index=barrier_counts(region, codebook).index, columns=labels, fill_value=0
    )
    return counts.loc[counts.sum(axis=1) > 0, counts.sum(axis=0) > 0]


def barriers_by_wud(
    region: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy, rank: int = 1
) -> ProtectedTable:
    """Issues at one rank, by answer to question 2, with small cells withheld.

    The answers are grouped by :func:`wud_columns`. The issues' totals at that
    rank are printed region-wide (the barrier chart's table, ``plots.barrier_table``),
    and each group's size in the region in the Respondents paragraph, so complementary cells are
    chosen against both. Each group's header names how many in it gave that
    rank; shares are of that number, shown only where both numbers are. A table
    not broken down, or that no pattern protects, is withheld whole (its
    ``shown`` is None); one with no rows means nobody gave that rank.
    """
    name = _("Rank {rank} by identification as a woman who uses drugs").format(rank=rank)
    h = headline(region, policy)
    columns = wud_columns(h, policy)
    if columns is None:
        return withheld_whole(name, _(SMALL_GROUP).format(k=policy.threshold()))
    sizes = wud_status(region).map(columns).value_counts()
    counts = rank_by_wud_counts(region, codebook, columns, rank)
    labels = list(dict.fromkeys(columns.values()))
    group_sizes = [int(sizes[c]) for c in counts.columns]
    try:
        protected, totals = protect_crosstab(counts, policy, name, group_sizes, h.respondents)
    except Unprotectable:
        return withheld_whole(name)
    if protected.shown is None:  # no pattern protects it
        return withheld_whole(name)
    shown = protected.shown.rename(
        columns={
            c: _("{group} (n={n})").format(group=_(c), n=t)
            for c, t in zip(counts.columns, totals, strict=True)
        }
    )
    note = _(MERGED_NOTE).format(k=policy.threshold()) if OTHER_RESPONDENTS in labels else ""
    return ProtectedTable(shown, protected.record, note)


def _themed(region: ProcessedRegion, codebook: Codebook, question: str | None) -> pd.DataFrame:
    """Coded excerpts with a theme code, of one question or (None) of all."""
    coding = region.coding[region.coding["code"].isin(codebook.themes)]
    return coding if question is None else coding[coding["question"].eq(question)]


def theme_counts(region: ProcessedRegion, codebook: Codebook, question: str | None) -> pd.DataFrame:
    """How many respondents' answers (to one question, or any) were coded with each theme."""
    coding = _themed(region, codebook, question)
    counts = coding.groupby("code")["respondent_id"].nunique()
    themes = codebook.theme_labels()
    table = pd.DataFrame(
        {
            N_("Theme"): [themes[c] for c in counts.index],
            N_("Respondents"): counts.to_numpy(),
        }
    )
    return table.sort_values(["Respondents", "Theme"], ascending=[False, True], ignore_index=True)


def quotes(
    region: ProcessedRegion, codebook: Codebook, question: str | None, policy: DisclosurePolicy
) -> pd.DataFrame:
    """Publishable excerpts (:data:`~.respondent_words.EXCERPT_COLUMNS`) with their theme and
    the respondent's country (or pool).

    Quotes from a country that may not be named (see :func:`country_labels`)
    are left out.
    """
    coding = _themed(region, codebook, question)
    coding = coding[coding["is_publishable"]]
    merged = coding.merge(region.respondents[["respondent_id", "country_name"]], on="respondent_id")
    merged["place"] = merged["country_name"].map(country_labels(region, policy))
    merged = merged[merged["place"].notna()]
    merged["theme"] = merged["code"].map(codebook.theme_labels())
    order = list(codebook.theme_labels().values())
    merged["order"] = merged["theme"].map(order.index)
    merged = merged.sort_values(["order", "place", "excerpt"], kind="stable")
    return (
        merged[["theme", "place", *EXCERPT_COLUMNS]]
        .drop_duplicates(subset=["excerpt"])
        .reset_index(drop=True)
    )
