"""The sentences of a briefing, written from its figures (no numbers typed by hand).

Also the notes that stand in for a table or chart a region has no data for
(which one is shown is decided in :mod:`wud_briefings.analysis.show`).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from babel.lists import format_list

from wud_briefings.core import language
from wud_briefings.privacy.disclosure import count_and_share

if TYPE_CHECKING:  # kept light: the index imports NOT_CODED from here
    import pandas as pd

    from wud_briefings.analysis.across_regions import LeftOutRegion
    from wud_briefings.analysis.metrics import Headline


def and_list(items: list[str]) -> str:
    """``"A, B and C"``: the report's style, without the serial comma."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def briefing_title(region_name: str) -> str:
    """A regional briefing's title: its heading, and its HTML and PDF title."""
    return f"{region_name}: harm reduction services for women who use drugs"


def title_html(region_name: str, survey_month: str | None) -> str:
    return (
        f"<h1>{html.escape(briefing_title(region_name))}</h1>"
        "<p>A briefing from the 2020 WHRIN mapping survey. Survey month: "
        f"{html.escape(language.survey_month(survey_month))}.</p>"
    )


def synthetic_banner(is_synthetic: bool) -> str:
    """An unmistakable notice, first on the page, when the data is invented."""
    if not is_synthetic:
        return ""
    return (
        '<div class="synthetic-banner" role="note"><strong>Synthetic data.</strong> '
        "This briefing was built from an invented survey export shipped with the "
        "compendium for testing and demonstration. It describes no real people or "
        "services.</div>"
    )


def provenance_line(code_version: str, inputs: dict[str, str], build_date: str) -> str:
    checksums = "; ".join(
        f"{name} (SHA-256 {digest[:12]}…)" for name, digest in sorted(inputs.items())
    )
    return (
        f'<p class="provenance">Built {html.escape(build_date)} with wud-briefings '
        f"{html.escape(code_version)} from {html.escape(checksums)}.</p>"
    )


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 country"``, ``"7 countries"``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def withheld_note(k: int) -> str:
    """What a protected table's caption says it withholds."""
    return f"counts below {k}, and counts from which they could be worked out, are withheld"


UNIFORM_WUD_ANSWER = (
    "How many identify as women who use drugs (WUD) is not reported for this region: all of "
    "its respondents, or none, said they do, so any figure would disclose each one's answer."
)


def respondents_text(h: Headline, region_name: str) -> str:
    based = "She was" if h.respondents == 1 else "They were"
    text = (
        f"**{counted(h.respondents, 'respondent')}** from "
        f"**{counted(len(h.countries), 'country', 'countries')}** in {region_name} answered "
        f"the survey. {based} based in {and_list(h.countries)}. "
    )
    if h.wud_uniform:
        return text + UNIFORM_WUD_ANSWER
    wud = count_and_share(h.identifies_as_wud, h.respondents)
    text += f"**{wud}** of the respondents identify as women who use drugs (WUD)"
    if h.prefers_not_to_say:
        said = count_and_share(h.prefers_not_to_say, h.respondents)
        return text + f"; {said} preferred not to say."
    return text + "."


def services_text(h: Headline, k: int) -> str:
    """Who knew of services, and where none were reported (countries of ``k`` or more only).

    A country of fewer than ``k`` respondents is not described, not even by
    "every country": that would tell what its few respondents answered.
    """
    knew = count_and_share(h.knows_wud_services, h.respondents)
    text = (
        f"Of the {counted(h.respondents, 'respondent')}, **{knew}** knew of harm reduction "
        "services designed for women who use drugs."
    )
    described = h.countries_described
    small = len(h.countries) - len(described)
    if described and h.knows_wud_services:
        scope = "every country" if not small else f"every country with {k} or more respondents"
        if h.countries_without_services:
            text += (
                f" These were reported in {scope} except "
                f"{and_list(h.countries_without_services)}, where none were reported."
            )
        else:
            text += f" These were reported in {scope}."
    if not h.knows_wud_services:
        text += " No country had such a service reported."
    elif small:
        text += f" Countries with fewer than {k} respondents are not described one by one."
    return text


NOT_CODED = "The open answers of this region have not been coded yet."
SERVICE_MAP_NOT_CODED = f"{NOT_CODED} The service map needs that coding."
NO_SERVICE_CODED = (
    "No service designed for women who use drugs was coded, so there is no map to draw."
)
NO_NAMED_SERVICE = "No publishable description of a service was given."


def named_services_html(named: dict[str, list[str]]) -> str:
    """Each country's (or pool's) publishable descriptions, as a heading and a list."""
    return "".join(
        f"<p><strong>{html.escape(place)}</strong></p><ul>"
        + "".join(f"<li>{html.escape(e)}</li>" for e in excerpts)
        + "</ul>"
        for place, excerpts in named.items()
    )


ORDINALS = {1: "first", 2: "second", 3: "third"}
NOT_RANKED = "No respondent ranked the issues limiting access, so this section has no figures."
NO_FIRST_RANK = "No respondent gave a first rank to compare."


def barriers_text(counts: pd.DataFrame, ranked: int) -> str:
    """The rank-1 sentence from the barrier counts, e.g. "10 of 15 (67%) named lack of access …".

    ``counts`` is :func:`~wud_briefings.analysis.metrics.barrier_counts` (issues in
    rank-1 order, a column per rank); the three issues first at rank 1 are named.
    """
    if not ranked:
        return NOT_RANKED
    parts = [
        f"{count_and_share(int(n), ranked)} named {issue[0].lower() + issue[1:]}"
        for issue, n in counts[1].head(3).items()
        if n
    ]
    text = (
        f"Asked to rank the top three issues limiting access, "
        f"{counted(ranked, 'respondent')} ranked at least one."
    )
    if parts:
        text += f" At rank 1, {and_list(parts)}."
    missing = [ORDINALS[r] for r in ORDINALS if not counts[r].sum()]
    if missing:
        text += f" No respondent gave a {' or '.join(missing)} rank."  # one or two ranks
    return text


NO_GAP_THEME = "No answer on service gaps was coded with a theme."


def themes_text(themes: pd.DataFrame, is_coded: bool) -> str:
    """The themes and how many respondents' answers each, from ``metrics.theme_counts``."""
    if not is_coded:
        return NOT_CODED
    if themes.empty:
        return "No open answer was coded with a theme."
    named = [
        f"{theme} ({counted(int(n), 'respondent')})"
        for theme, n in zip(themes["Theme"], themes["Respondents"], strict=True)
    ]
    return f"The open answers were coded into themes: {format_list(named, locale='en')}."


# metrics.pooled_label: the pool's name wherever a country's would stand.
_POOLED = re.compile(r"Countries with fewer than (\d+) respondents \(pooled\)")


def quote_place(place: str) -> str:
    """The place a quote's footer names, in lower case for the pool.

    The footer already sits in parentheses, so the pool's "(pooled)" would nest
    a second pair; "countries with fewer than 3 respondents" says it alone.
    """
    pooled = _POOLED.fullmatch(place)
    return f"countries with fewer than {pooled[1]} respondents" if pooled else place


def quote_html(excerpt: str, place: str) -> str:
    return (
        f'<blockquote class="quote"><p>“{html.escape(excerpt)}”</p>'
        f"<footer>({html.escape(quote_place(place))})</footer></blockquote>"
    )


def quotes_html(quotes: pd.DataFrame) -> str:
    """Quotes under their theme, from ``metrics.quotes`` (theme, excerpt, place)."""
    parts = []
    for theme, group in quotes.groupby("theme", sort=False):
        parts.append(f"<p><strong>{html.escape(theme[0].upper() + theme[1:])}</strong></p>")
        parts += [quote_html(e, p) for e, p in zip(group["excerpt"], group["place"], strict=True)]
    return "".join(parts)


def data_quality_text(provenance: dict[str, Any], k: int) -> str:
    """What the gate checked, what is missing, and how small numbers are protected."""
    checks = provenance.get("checks", {})
    total = sum(len(c) for c in checks.values())
    items = "\n".join(
        f"- **{table.replace('_', ' ')}**: {'; '.join(c)}." for table, c in checks.items()
    )
    coding = (
        ""
        if provenance["is_coded"]
        else f"\n\n**{NOT_CODED}** No coding sheet was given for this export, so "
        "the service map, the themes and the quotes are missing from this briefing."
    )
    return (
        f"Before analysis, {total} Great Expectations checks passed on this region's "
        f"tables:\n\n{items}{coding}\n\n"
        f"In any breakdown below the region, counts below {k} are withheld, and so "
        "are the counts from which a withheld one could be worked out (complementary "
        "suppression, checked with an integer-programming solver). Countries with "
        f"fewer than {k} respondents are not described one by one: their answers "
        "are pooled, or left out where the pool would still be small. Only excerpts "
        "the researchers marked publishable are quoted."
    )


# The global briefing: every region side by side.

GLOBAL_TITLE = "Harm reduction services for women who use drugs: the regions side by side"


def global_title_html(regions: list[str]) -> str:
    return (
        f"<h1>{html.escape(GLOBAL_TITLE)}</h1>"
        "<p>A briefing across the regional surveys of the 2020 WHRIN mapping: "
        f"{html.escape(and_list(regions)) if regions else 'no region'}.</p>"
    )


def synthetic_regions_banner(synthetic: list[str], regions: int) -> str:
    """The synthetic-data notice, first on the page, naming the regions it concerns."""
    if not synthetic:
        return ""
    if len(synthetic) == regions:
        scope = "every region's figures come from an invented survey export"
    else:
        scope = (
            f"the figures of {html.escape(and_list(synthetic))} come from invented survey "
            "exports (see the limitations)"
        )
    return (
        '<div class="synthetic-banner" role="note"><strong>Synthetic data.</strong> '
        f"In this briefing {scope}, shipped with the compendium for testing and "
        "demonstration. They describe no real people or services.</div>"
    )


def _left_out_sentence(left_out: list[LeftOutRegion]) -> str:
    if not left_out:
        return ""
    named = "; ".join(f"**{m.region.name}**: {m.reason}" for m in left_out)
    return f" Missing from this briefing ({counted(len(left_out), 'region')}): {named}."


def global_respondents_text(by_region: pd.DataFrame, left_out: list[LeftOutRegion]) -> str:
    """Respondents across regions, and the regions left out, from ``regions_table``."""
    if by_region.empty:
        return "No region's data could be used for this briefing." + _left_out_sentence(left_out)
    sizes = by_region["Respondents"]
    spread = (
        f" (from {sizes.min()} to {sizes.max()} per region)" if sizes.min() != sizes.max() else ""
    )
    return (
        f"**{counted(int(sizes.sum()), 'respondent')}** in "
        f"**{counted(len(by_region), 'region')}** answered the survey{spread}. Each region's "
        "figures are its own, from a survey run at its own time; the table gives each one's "
        "respondents, countries and the share who identify as women who use drugs (WUD)."
        + _left_out_sentence(left_out)
    )


def knew_text(knew: pd.DataFrame) -> str:
    """The range of the share who knew of services, from ``knew_of_services``."""
    if knew.empty:
        return ""
    ordered = knew.sort_values("share_pct", kind="stable")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    lead = "Respondents who knew of harm reduction services designed for women who use drugs:"
    if len(knew) == 1 or low["share_pct"] == high["share_pct"]:
        return f"{lead} **{high['label']}** in {and_list(list(knew['region']))}."
    return (
        f"{lead} from **{low['label']}** in {low['region']} to **{high['label']}** in "
        f"{high['region']}. With so few respondents per region, a difference of a few "
        "points can be one person."
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
        issue = and_list([i[0].lower() + i[1:] for i in top]) + (" (tied)" if len(top) > 1 else "")
        leading.setdefault(issue, []).append(region)
    if not leading:
        return NOT_RANKED
    parts = [f"{issue} in {and_list(regions)}" for issue, regions in leading.items()]
    text = (
        "Shares are of the respondents in each region who ranked a first issue. The issue "
        f"ranked first most often was {'; '.join(parts)}."
    )
    if nobody:
        text += f" No respondent ranked the issues in {and_list(nobody)}."
    return text


def described_note(k: int) -> str:
    return (
        f"Only countries with {k} or more respondents are counted; countries with fewer "
        "are counted nowhere, pooled or not, as a count of one would point to what their "
        "few respondents said."
    )


NO_REGION_CODED = "No region's open answers have been coded yet, so no service can be counted."


def services_across_text(services: pd.DataFrame, by_region: pd.DataFrame, k: int) -> str:
    """The service types reported most widely, from ``services_by_region`` (last row: countries)."""
    not_coded = list(by_region.index[by_region["Open answers"].ne("coded")])
    later = f" Not coded yet, so not shown: {and_list(not_coded)}." if not_coded else ""
    if services.empty or services.columns.empty:
        return NO_REGION_CODED + later
    counts = services.iloc[:-1].sum(axis=1).sort_values(ascending=False, kind="stable")
    countries = int(services.iloc[-1].sum())
    widest = [
        f"{t} in {counted(int(n), 'country', 'countries') if i == 0 else int(n)}"
        for i, (t, n) in enumerate(counts.head(3).items())
        if n
    ]
    found = (
        f"the service types reported in most of them were {and_list(widest)}"
        if widest
        else "no service type was reported in any of them"
    )
    return (
        f"The table counts, for each region, the countries where at least one respondent "
        f"reported a service of each type. Across the {counted(countries, 'country', 'countries')} "
        f"counted, {found}. {described_note(k)}{later}"
    )


def world_map_text(countries: pd.DataFrame, k: int) -> str:
    """Where services were reported, from ``country_status`` (countries of k or more only)."""
    from wud_briefings.analysis import maps  # geopandas: only when a map is described

    def named(state: str) -> list[str]:
        return list(countries.loc[countries["status"].eq(state), "country"])

    service, none, few = named(maps.SERVICE), named(maps.NO_SERVICE), named(maps.FEW)
    text = (
        f"Of the {counted(len(countries), 'country', 'countries')} surveyed, "
        f"{counted(len(service) + len(none), 'country', 'countries')} had {k} or more "
        "respondents and coded answers: a service designed for women who use drugs was "
        f"reported in {len(service)} of them"
    )
    text += f", and none in {and_list(none)}." if none else "."
    if named(maps.AWAITING_CODING):
        text += f" The answers from {and_list(named(maps.AWAITING_CODING))} are not coded yet."
    if few:
        text += (
            f" {counted(len(few), 'country', 'countries')} with fewer than {k} respondents "
            f"{'is' if len(few) == 1 else 'are'} shaded as surveyed only: what their "
            "respondents answered is not shown."
        )
    return text


NO_DIRECTORY_ENTRY = "No publishable description of a service was given in any coded region."


def directory_text(directory: pd.DataFrame, k: int) -> str:
    """How many named services the directory lists, from ``services_directory``."""
    if directory.empty:
        return NO_DIRECTORY_ENTRY
    return (
        f"Respondents named and described {counted(len(directory), 'service')} that the "
        f"researchers marked publishable, in {counted(directory['region'].nunique(), 'region')}. "
        "They are listed as written, under their country; those from countries with fewer than "
        f"{k} respondents are listed under the region's pool of such countries, or left out when "
        "the pool is still small."
    )


def global_limitations_text(by_region: pd.DataFrame, left_out: list[LeftOutRegion], k: int) -> str:
    """Survey times, small numbers, synthetic regions and those left out, one line each."""
    months = and_list(
        [
            f"{region} ({month})" if month == "not stated" else f"{region} in {month}"
            for region, month in by_region["Survey month"].items()
        ]
    )
    lines = []
    if months:
        lines.append(
            f"- **The surveys ran at different times**: {months}. Shares are compared region by "
            "region, never pooled into one worldwide share."
        )
    if not by_region.empty:
        sizes = by_region["Respondents"]
        lines.append(
            f"- **Small and unequal numbers**: from {sizes.min()} to {sizes.max()} respondents "
            "per region, found through the network's members and their recommendations; no "
            "region's respondents are a sample of its women who use drugs, and one person can "
            "move a share by several points."
        )
    lines += [
        f"- **Synthetic data: {region}.** Its figures come from an invented export; they "
        "describe no real people or services."
        for region in by_region.index[by_region["Data"].eq("synthetic")]
    ]
    lines += [f"- **Missing: {m.region.name}.** Left out because {m.reason}." for m in left_out]
    lines.append(
        f"- **Countries with fewer than {k} respondents are not described one by one**: they "
        "are shaded on the map as surveyed, counted in no country count, and their services are "
        "listed only under a pool of such countries. In every region's breakdowns, counts below "
        f"{k} are withheld, as in the regional briefings."
    )
    return "\n".join(lines)
