"""The sentences of a briefing, written from its figures (no numbers typed by hand).

Also the notes that stand in for a table or chart a region has no data for
(which one is shown is decided in :mod:`wud_briefings.analysis.show`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from babel.lists import format_list

from wud_briefings.privacy.disclosure import count_and_share

if TYPE_CHECKING:  # kept light: the index imports NOT_CODED from here
    import pandas as pd

    from wud_briefings.analysis.metrics import Headline


def and_list(items: list[str]) -> str:
    """``"A, B and C"``: the report's style, without the serial comma."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def title_html(region_name: str, survey_month: str) -> str:
    return (
        f"<h1>{html.escape(region_name)}: harm reduction services for women who use drugs</h1>"
        "<p>A briefing from the 2020 WHRIN mapping survey. Survey month: "
        f"{html.escape(survey_month)}.</p>"
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


SAME_WUD_ANSWER = (
    "How many identify as women who use drugs (WUD) is not reported for this region: every "
    "respondent gave the same answer, so any figure would disclose each one's answer."
)


def respondents_text(h: Headline, region_name: str) -> str:
    based = "She was" if h.respondents == 1 else "They were"
    text = (
        f"**{counted(h.respondents, 'respondent')}** from "
        f"**{counted(len(h.countries), 'country', 'countries')}** in {region_name} answered "
        f"the survey. {based} based in {and_list(h.countries)}. "
    )
    if h.same_wud_answer:
        return text + SAME_WUD_ANSWER
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


def quote_html(excerpt: str, place: str) -> str:
    return (
        f'<blockquote class="quote"><p>“{html.escape(excerpt)}”</p>'
        f"<footer>({html.escape(place)})</footer></blockquote>"
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
