"""The sentences of a briefing, written from its figures (no numbers typed by hand).

Also the notes that stand in for a table or chart a region has no data for
(which one is shown is decided in :mod:`wud_briefings.analysis.display.show`). Every
sentence goes through the catalogs (:mod:`wud_briefings.core.language`) when it
is written, so it comes out in the language in use; module-level notes are
marked with ``N_`` and translated where they are shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wud_briefings.analysis.disclosure.policy import POOLED, DisclosurePolicy, count_and_share
from wud_briefings.analysis.display import fragments
from wud_briefings.analysis.figures.respondent_words import (
    Excerpt,
    Passage,
    excerpts_of,
    in_page_language,
)
from wud_briefings.core import glossary, language
from wud_briefings.core.language import (
    N_,
    _,
    and_list,
    mid_sentence,
    ngettext,
    number,
    sentence_start,
    series,
)

if TYPE_CHECKING:  # kept light: the index imports NOT_CODED from here
    import pandas as pd

    from wud_briefings.analysis.figures.across_regions import LeftOutRegion
    from wud_briefings.analysis.figures.metrics import Headline
    from wud_briefings.process.provenance import Provenance


def respondents(n: int) -> str:
    """``"1 respondent"``, ``"7 respondents"``, under the language's plural rules."""
    return ngettext("{n} respondent", "{n} respondents", n).format(n=number(n))


def countries(n: int) -> str:
    return ngettext("{n} country", "{n} countries", n).format(n=number(n))


def from_countries(n: int) -> str:
    """``"from **7 countries**"``: with its preposition, for languages whose noun then
    takes another case («из **7 стран**»)."""
    return ngettext("from **{n} country**", "from **{n} countries**", n).format(n=number(n))


def regions(n: int) -> str:
    return ngettext("{n} region", "{n} regions", n).format(n=number(n))


def from_regions(n: int) -> str:
    """``"from 7 regions"``: with its preposition, for languages whose noun then takes
    another case («из 7 регионов»)."""
    return ngettext("from {n} region", "from {n} regions", n).format(n=number(n))


def briefing_title(region_name: str) -> str:
    """A regional briefing's title: its heading, and its HTML and PDF title."""
    return _("{region}: harm reduction services for women who use drugs").format(region=region_name)


def synthetic_banner(is_synthetic: bool) -> str:
    """An unmistakable notice, first on the page, when the data is invented."""
    if not is_synthetic:
        return ""
    notice = _(
        "This briefing was built from an invented survey export shipped with the compendium "
        "for testing and demonstration. It describes no real people or services."
    )
    return fragments.render("synthetic_banner.html.j2", notice=notice)


def withheld_note(policy: DisclosurePolicy) -> str:
    """What a protected table's caption says it withholds."""
    return _(
        "counts below {k}, and counts from which they could be worked out, are withheld"
    ).format(k=policy.threshold())


UNIFORM_WUD_ANSWER = N_(
    "How many identify as women who use drugs (WUD) is not reported for this region: all of "
    "its respondents, or none, said they do, so any figure would disclose each one's answer."
)


def respondents_text(h: Headline, region_name: str) -> str:
    # one message per count, so that the verb and the noun can agree with it
    text = ngettext(
        "**{n} respondent** {from_countries} in {region} answered the survey.",
        "**{n} respondents** {from_countries} in {region} answered the survey.",
        h.respondents,
    ).format(
        n=number(h.respondents),
        from_countries=from_countries(len(h.countries)),
        region=region_name,
    )
    based = (
        _("She was based in {countries}.")
        if h.respondents == 1
        else _("They were based in {countries}.")
    )
    text += " " + based.format(countries=and_list(h.countries)) + " "
    if h.wud_uniform:
        return text + _(UNIFORM_WUD_ANSWER)
    wud = count_and_share(h.identifies_as_wud, h.respondents)
    if h.prefers_not_to_say:
        said = count_and_share(h.prefers_not_to_say, h.respondents)
        return text + _(
            "**{wud}** of the respondents identify as women who use drugs (WUD); {said} preferred "
            "not to say."
        ).format(wud=wud, said=said)
    return text + _("**{wud}** of the respondents identify as women who use drugs (WUD).").format(
        wud=wud
    )


def services_text(h: Headline, policy: DisclosurePolicy) -> str:
    """Who knew of services, and where none were reported (countries of ``k`` or more only).

    A country of fewer than ``k`` respondents is not described, not even by
    "every country": that would tell what its few respondents answered.
    """
    knew = count_and_share(h.knows_wud_services, h.respondents)
    text = ngettext(
        "**{knew}** respondent knew of harm reduction services designed for women who use drugs.",
        "**{knew}** of the respondents knew of harm reduction services designed for women who "
        "use drugs.",
        h.respondents,
    ).format(knew=knew)
    described = h.countries_described
    small = len(h.countries) - len(described)
    if described and h.knows_wud_services:
        text += " " + _reported_where(h, policy, small)
    if not h.knows_wud_services:
        text += " " + _("No country had such a service reported.")
    elif small:
        text += " " + _(NOT_DESCRIBED).format(k=policy.threshold())
    return text


NOT_DESCRIBED = N_("Countries with fewer than {k} respondents are not described one by one.")


def _reported_where(h: Headline, policy: DisclosurePolicy, small: int) -> str:
    """Where services were reported: every country, or every one of ``k`` or more, but …"""
    if h.countries_without_services:
        sentence = (
            _("These were reported in every country except {countries}, where none were reported.")
            if not small
            else _(
                "These were reported in every country with {k} or more respondents except "
                "{countries}, where none were reported."
            )
        )
    else:
        sentence = (
            _("These were reported in every country.")
            if not small
            else _("These were reported in every country with {k} or more respondents.")
        )
    return sentence.format(k=policy.threshold(), countries=and_list(h.countries_without_services))


NOT_CODED = N_("The open answers of this region have not been coded yet.")
SERVICE_MAP_NOT_CODED = N_(
    "The open answers of this region have not been coded yet. The service map needs that coding."
)
NO_SERVICE_CODED = N_(
    "No service designed for women who use drugs was coded, so there is no map to draw."
)
NO_NAMED_SERVICE = N_("No publishable description of a service was given.")


def named_services_html(named: dict[str, list[Excerpt]]) -> str:
    """Each country's (or pool's) publishable descriptions, as a heading and a list, each
    in the language in use where the researchers translated it."""
    passages = {place: in_page_language(excerpts) for place, excerpts in named.items()}
    note = words_note([p for listed in passages.values() for p in listed])
    return fragments.render(
        "named_services.html.j2", named=passages, note=note, page_language=language.current()
    )


# The ranks nobody gave (one or two: had nobody given any, nobody ranked at all).
MISSING_RANKS = {
    (1,): N_("No respondent gave a first rank."),
    (2,): N_("No respondent gave a second rank."),
    (3,): N_("No respondent gave a third rank."),
    (1, 2): N_("No respondent gave a first or second rank."),
    (1, 3): N_("No respondent gave a first or third rank."),
    (2, 3): N_("No respondent gave a second or third rank."),
}
# translators: a later part of the rank-1 list, whose verb the first part says
# ("10 of 15 (67%) named A, 4 of 15 (27%) B and 1 of 15 (7%) C").
GAPPED_PART = N_("{count} {issue}")
NOT_RANKED = N_("No respondent ranked the issues limiting access, so this section has no figures.")
NO_FIRST_RANK = N_("No respondent gave a first rank to compare.")


def _issue_in_sentence(issue: str) -> str:
    """An issue's label inside a sentence: the glossary's form, else lower-cased."""
    return glossary.in_sentence(issue) or mid_sentence(issue)


def barriers_text(counts: pd.DataFrame, ranked: int) -> str:
    """The rank-1 sentence from the barrier counts, e.g. "10 of 15 (67%) named lack of access …".

    ``counts`` is :func:`~wud_briefings.analysis.figures.metrics.barrier_counts` (issues in
    rank-1 order, a column per rank); the three issues first at rank 1 are named.
    """
    if not ranked:
        return _(NOT_RANKED)
    named = [(issue, int(n)) for issue, n in counts[1].head(3).items() if n]
    # The verb once, agreeing with the first count, then left out ("10 of 15 (67%) named A,
    # 4 of 15 (27%) B and …"; "1 de 13 (8 %) señaló A, …").
    parts = [
        (
            ngettext("{count} named {issue}", "{count} named {issue}", n)
            if at == 0
            else _(GAPPED_PART)
        ).format(count=count_and_share(n, ranked), issue=_issue_in_sentence(issue))
        for at, (issue, n) in enumerate(named)
    ]
    text = ngettext(
        "{respondents} ranked at least one issue.",  # the section's opening says what they ranked
        "{respondents} ranked at least one issue.",
        ranked,
    ).format(respondents=respondents(ranked))
    if parts:
        text += " " + _("At rank 1, {named}.").format(named=and_list(parts))
    missing = tuple(r for r in (1, 2, 3) if not counts[r].sum())
    if missing:
        text += " " + _(MISSING_RANKS[missing])
    return text


NO_GAP_THEME = N_("No answer on service gaps was coded with a theme.")


def themes_text(themes: pd.DataFrame, is_coded: bool) -> str:
    """The themes and how many respondents' answers each, from ``metrics.theme_counts``."""
    if not is_coded:
        return _(NOT_CODED)
    if themes.empty:
        return _("No open answer was coded with a theme.")
    named = [
        _("{theme} ({respondents})").format(theme=theme, respondents=respondents(int(n)))
        for theme, n in zip(themes["Theme"], themes["Respondents"], strict=True)
    ]
    listed = and_list(named)
    return _("The open answers were coded into themes: {themes}.").format(themes=listed)


def quote_place(place: str) -> str:
    """The place a quote's footer names, in lower case for the pool.

    The footer already sits in parentheses, so the pool's "(pooled)" would nest
    a second pair; "countries with fewer than 3 respondents" says it alone.
    """
    pattern = re.escape(_(POOLED)).replace(re.escape("{k}"), r"(\d+)")
    pooled = re.fullmatch(pattern, place)
    if not pooled:
        return place
    return _("countries with fewer than {k} respondents").format(k=pooled[1])


# What a page did with respondents' words (see :func:`words_note`).
WORDS_AS_WRITTEN = N_("Respondents' words are given as they wrote them.")
WORDS_IN_THEIR_LANGUAGE = N_(
    "Respondents' words are given as they wrote them, in the language of their answer."
)
WORDS_TRANSLATED = N_(
    "Respondents' words are given in the researchers' translation, marked as such; the web "
    "edition gives their own words with each."
)
WORDS_SOME_TRANSLATED = N_(
    "Respondents' words are given as they wrote them, or in the researchers' translation "
    "where marked; the web edition gives their own words with each translation."
)


def words_note(passages: list[Passage]) -> str:
    """What the page did with respondents' words, truthfully: as written (in the page's
    language or another), in the researchers' translation, or some of each."""
    translated = [p.original is not None for p in passages]
    if any(translated):
        return _(WORDS_TRANSLATED if all(translated) else WORDS_SOME_TRANSLATED)
    foreign = any(p.language != language.current() for p in passages)
    return _(WORDS_IN_THEIR_LANGUAGE if foreign else WORDS_AS_WRITTEN)


@dataclass(frozen=True)
class Quote:
    """Respondents' words as the page prints them, and the place its footer names."""

    passage: Passage
    place: str


def quotes_html(quotes: pd.DataFrame) -> str:
    """Quotes under their theme, from ``metrics.quotes``, each in the quotation marks of
    the language in use, and in that language where the researchers translated it."""
    themes = {
        sentence_start(theme): [
            Quote(passage, quote_place(place))
            for passage, place in zip(
                in_page_language(excerpts_of(group)), group["place"], strict=True
            )
        ]
        for theme, group in quotes.groupby("theme", sort=False)
    }
    note = words_note([q.passage for listed in themes.values() for q in listed])
    return fragments.render(
        "quotes.html.j2", themes=themes, note=note, page_language=language.current()
    )


def data_quality_text(provenance: Provenance, policy: DisclosurePolicy) -> str:
    """What the gate checked, what is missing, and how small numbers are protected."""
    checks = provenance.checks
    total = sum(len(c) for c in checks.values())
    items = "\n".join(
        f"- **{_(TABLES.get(table, table))}**: {'; '.join(_(check) for check in c)}."
        for table, c in checks.items()
    )
    coding = (
        ""
        if provenance.is_coded
        else "\n\n**"
        + _(NOT_CODED)
        + "** "
        + _(
            "No coding sheet was given for this export, so the service map, the themes and the "
            "quotes are missing from this briefing."
        )
    )
    checked = ngettext(
        "Before analysis, {n} Great Expectations checks passed on this region's tables:",
        "Before analysis, {n} Great Expectations checks passed on this region's tables:",
        total,
    ).format(n=number(total))
    protection = _(
        "In any breakdown below the region, counts below {k} are withheld, and so are the "
        "counts from which a withheld one could be worked out (complementary suppression, "
        "checked with an integer-programming solver). Countries with fewer than {k} "
        "respondents are not described one by one: their answers are pooled, or left out "
        "where the pool would still be small. Only excerpts the researchers marked "
        "publishable are quoted."
    ).format(k=policy.threshold())
    return f"{checked}\n\n{items}{coding}\n\n{protection}"


def global_checks_text(policy: DisclosurePolicy) -> str:
    """What every region's data passed before the global briefing compared it."""
    return _(
        "Before analysis, each region's tables passed the same Great Expectations checks as "
        "in its own briefing; a region that failed them is left out, as the limitations say. "
        "Counts below {k}, and the counts from which a withheld one could be worked out, are "
        "withheld (complementary suppression, checked with an integer-programming solver)."
    ).format(k=policy.threshold())


def limitations_text(h: Headline, is_coded: bool, policy: DisclosurePolicy) -> str:
    """What this region's data itself limits, beside the survey's limits (a list)."""
    lines = [
        _(
            "- **Small numbers**: each share rests on a handful of answers. It describes these "
            "respondents, not every woman who uses drugs in the region."
        )
    ]
    if len(h.countries_described) < len(h.countries):
        lines.append(
            _(
                "- **Countries with fewer than {k} respondents are not described one by one**: "
                "their answers are pooled, or left out where the pool would still be small."
            ).format(k=policy.threshold())
        )
    if not is_coded:
        lines.append(
            _(
                "- **Open answers not coded yet**: the service map, the themes and the quotes "
                "are missing from this briefing."
            )
        )
    return "\n".join(lines)


# The processed tables the gate checks, as the data quality note names them.
TABLES = {
    "respondents": N_("respondents"),
    "barrier_ranks": N_("barrier ranks"),
    "coding": N_("coding"),
}


# The global briefing: every region side by side.

GLOBAL_TITLE = N_("Harm reduction services for women who use drugs: the regions side by side")


def synthetic_regions_banner(synthetic: list[str], regions: int) -> str:
    """The synthetic-data notice, first on the page, naming the regions it concerns."""
    if not synthetic:
        return ""
    if len(synthetic) == regions:
        notice = _(
            "In this briefing every region's figures come from an invented survey export, "
            "shipped with the compendium for testing and demonstration. They describe no real "
            "people or services."
        )
    else:
        notice = _(
            "In this briefing the figures of {regions} come from invented survey exports (see "
            "the limitations), shipped with the compendium for testing and demonstration. They "
            "describe no real people or services."
        ).format(regions=and_list(synthetic))
    return fragments.render("synthetic_banner.html.j2", notice=notice)


def _left_out_sentence(left_out: list[LeftOutRegion]) -> str:
    if not left_out:
        return ""
    named = "; ".join(f"**{m.region.name}**: {_(m.reason)}" for m in left_out)
    return " " + _("Missing from this briefing ({regions}): {named}.").format(
        regions=regions(len(left_out)), named=named
    )


def global_respondents_text(by_region: pd.DataFrame, left_out: list[LeftOutRegion]) -> str:
    """Respondents across regions, and the regions left out, from ``regions_table``."""
    if by_region.empty:
        return _("No region's data could be used for this briefing.") + _left_out_sentence(left_out)
    sizes = by_region["Respondents"]
    # one message per number of regions, so that the noun can take its case with it
    answered = (
        ngettext(
            "**{respondents}** in **{n} region** answered the survey.",
            "**{respondents}** in **{n} regions** answered the survey.",
            len(by_region),
        )
        if sizes.min() == sizes.max()
        else ngettext(
            "**{respondents}** in **{n} region** answered the survey (from {low} to {high} per "
            "region).",
            "**{respondents}** in **{n} regions** answered the survey (from {low} to {high} per "
            "region).",
            len(by_region),
        )
    ).format(
        n=number(len(by_region)),
        respondents=respondents(int(sizes.sum())),
        low=number(sizes.min()),
        high=number(sizes.max()),
    )
    return (
        answered
        + " "
        + _(
            "Each region's figures are its own, from a survey run at its own time; the table "
            "gives each one's respondents, countries and the share who identify as women who "
            "use drugs (WUD)."
        )
        + _left_out_sentence(left_out)
    )


def knew_text(knew: pd.DataFrame) -> str:
    """The range of the share who knew of services, from ``knew_of_services``."""
    if knew.empty:
        return ""
    ordered = knew.sort_values("share_pct", kind="stable")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    if len(knew) == 1 or low["share_pct"] == high["share_pct"]:
        return _(
            "Respondents who knew of harm reduction services designed for women who use drugs: "
            "**{share}** in {regions}."
        ).format(share=high["label"], regions=and_list(list(knew["region"])))
    return _(
        "Respondents who knew of harm reduction services designed for women who use drugs: "
        "from **{low}** in {low_region} to **{high}** in {high_region}. With so few "
        "respondents per region, a difference of a few points can be one person."
    ).format(
        low=low["label"], low_region=low["region"], high=high["label"], high_region=high["region"]
    )


def first_rank_text(shares: pd.DataFrame) -> str:
    """Which issue each region ranked first most often, from ``first_rank_shares``."""
    leading: dict[str, list[str]] = {}
    nobody = []
    for region, group in shares.groupby("region", sort=False):
        if not group["ranked"].iloc[0]:
            nobody.append(region)
            continue
        top = group[group["count"].eq(group["count"].max())]["issue"]
        issue = and_list([_issue_in_sentence(i) for i in top])
        if len(top) > 1:
            issue = _("{issues} (tied)").format(issues=issue)
        leading.setdefault(issue, []).append(region)
    if not leading:
        return _(NOT_RANKED)
    parts = [
        _("{issue} in {regions}").format(issue=issue, regions=and_list(named))
        for issue, named in leading.items()
    ]
    text = _(
        "Shares are of the respondents in each region who ranked a first issue. The issue "
        "ranked first most often was {leading}."
    ).format(leading=series(parts))
    if nobody:
        text += " " + _("No respondent ranked the issues in {regions}.").format(
            regions=and_list(nobody)
        )
    return text


def described_note(policy: DisclosurePolicy) -> str:
    return _(
        "Only countries with {k} or more respondents are counted; countries with fewer are "
        "counted nowhere, pooled or not, as a count of one would point to what their few "
        "respondents said."
    ).format(k=policy.threshold())


NO_REGION_CODED = N_("No region's open answers have been coded yet, so no service can be counted.")


def services_across_text(
    services: pd.DataFrame, by_region: pd.DataFrame, policy: DisclosurePolicy
) -> str:
    """The service types reported most widely, from ``services_by_region`` (last row: countries)."""
    not_coded = list(by_region.index[by_region["Open answers"].ne(_("coded"))])
    later = (
        " " + _("Not coded yet, so not shown: {regions}.").format(regions=and_list(not_coded))
        if not_coded
        else ""
    )
    if services.empty or services.columns.empty:
        return _(NO_REGION_CODED) + later
    counts = services.iloc[:-1].sum(axis=1).sort_values(ascending=False, kind="stable")
    counted = int(services.iloc[-1].sum())
    widest = [
        _("{service} in {countries}").format(
            service=glossary.in_sentence(t) or t,
            countries=countries(int(n)) if i == 0 else number(int(n)),
        )
        for i, (t, n) in enumerate(counts.head(3).items())
        if n
    ]
    found = (
        _(
            "The table counts, for each region, the countries where at least one respondent "
            "reported a service of each type. Across the {countries} counted, the service "
            "types reported in most of them were {widest}."
        )
        if widest
        else _(
            "The table counts, for each region, the countries where at least one respondent "
            "reported a service of each type. Across the {countries} counted, no service type "
            "was reported in any of them."
        )
    ).format(countries=countries(counted), widest=and_list(widest))
    return f"{found} {described_note(policy)}{later}"


def world_map_text(countries_: pd.DataFrame, policy: DisclosurePolicy) -> str:
    """Where services were reported, from ``country_status`` (countries of k or more only)."""
    from wud_briefings.analysis.figures.across_regions import (  # pandas: only for a map
        AWAITING_CODING,
        FEW,
        NO_SERVICE,
        SERVICE,
    )

    def named(state: str) -> list[str]:
        return list(countries_.loc[countries_["status"].eq(state), "country"])

    service, none, few = named(SERVICE), named(NO_SERVICE), named(FEW)
    found = {
        "surveyed": countries(len(countries_)),
        "described": countries(len(service) + len(none)),
        "k": policy.threshold(),
        "service": number(len(service)),
        "none": and_list(none),
    }
    text = (
        _(
            "Of the {surveyed} surveyed, {described} had {k} or more respondents and coded "
            "answers: a service designed for women who use drugs was reported in {service} of "
            "them, and none in {none}."
        )
        if none
        else _(
            "Of the {surveyed} surveyed, {described} had {k} or more respondents and coded "
            "answers: a service designed for women who use drugs was reported in {service} of "
            "them."
        )
    ).format(**found)
    if named(AWAITING_CODING):
        text += " " + _("The answers from {countries} are not coded yet.").format(
            countries=and_list(named(AWAITING_CODING))
        )
    if few:
        text += " " + ngettext(
            "{countries} with fewer than {k} respondents is shaded as surveyed only: what their "
            "respondents answered is not shown.",
            "{countries} with fewer than {k} respondents are shaded as surveyed only: what their "
            "respondents answered is not shown.",
            len(few),
        ).format(countries=countries(len(few)), k=policy.threshold())
    return text


NO_DIRECTORY_ENTRY = N_("No publishable description of a service was given in any coded region.")


def directory_text(directory: pd.DataFrame, policy: DisclosurePolicy) -> str:
    """How many named services the directory lists, from ``services_directory``."""
    if directory.empty:
        return _(NO_DIRECTORY_ENTRY)
    passages = in_page_language(excerpts_of(directory, "service"))
    named = ngettext(
        "Respondents {from_regions} named and described {n} service that the researchers "
        "marked publishable.",
        "Respondents {from_regions} named and described {n} services that the researchers "
        "marked publishable.",
        len(directory),
    ).format(from_regions=from_regions(directory["region"].nunique()), n=number(len(directory)))
    listed = _(
        "They are listed under their country; those from countries with fewer than {k} "
        "respondents are listed under the region's pool of such countries, or left out when "
        "the pool is still small."
    ).format(k=policy.threshold())
    return f"{named} {listed} {words_note(passages)}"


def global_limitations_text(
    by_region: pd.DataFrame, left_out: list[LeftOutRegion], policy: DisclosurePolicy
) -> str:
    """Survey times, small numbers, synthetic regions and those left out, one line each."""
    months = series(
        [
            (
                _("{region} ({month})") if month == _("not stated") else _("{region} in {month}")
            ).format(region=region, month=month)
            for region, month in by_region["Survey month"].items()
        ]
    )
    lines = []
    if months:
        lines.append(
            _(
                "- **The surveys ran at different times**: {months}. Shares are compared region "
                "by region, never pooled into one worldwide share."
            ).format(months=months)
        )
    if not by_region.empty:
        sizes = by_region["Respondents"]
        lines.append(
            _(
                "- **Small and unequal numbers**: from {low} to {high} respondents per region, "
                "found through the network's members and their recommendations; no region's "
                "respondents are a sample of its women who use drugs, and one person can move a "
                "share by several points."
            ).format(low=number(sizes.min()), high=number(sizes.max()))
        )
    lines += [
        _(
            "- **Synthetic data: {region}.** Its figures come from an invented export; they "
            "describe no real people or services."
        ).format(region=region)
        for region in by_region.index[by_region["Data"].eq(_("synthetic"))]
    ]
    lines += [
        _("- **Missing: {region}.** Left out because {reason}.").format(
            region=m.region.name, reason=_(m.reason)
        )
        for m in left_out
    ]
    lines.append(
        _(
            "- **Countries with fewer than {k} respondents are not described one by one**: they "
            "are shaded on the map as surveyed, counted in no country count, and their services "
            "are listed only under a pool of such countries. In every region's breakdowns, "
            "counts below {k} are withheld, as in the regional briefings."
        ).format(k=policy.threshold())
    )
    return "\n".join(lines)
