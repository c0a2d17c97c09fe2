"""The sentences of a briefing, written from its figures (no numbers typed by hand)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from babel.lists import format_list

from wud_briefings.privacy.disclosure import count_and_share

if TYPE_CHECKING:  # kept light: the index imports NOT_CODED from here
    from wud_briefings.analysis.metrics import Headline


def and_list(items: list[str]) -> str:
    """``"A, B and C"``: the report's style, without the serial comma."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


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


ORDINALS = {1: "first", 2: "second", 3: "third"}
NOT_RANKED = "No respondent ranked the issues limiting access, so this section has no figures."


def barriers_text(first_rank: list[tuple[str, int]], ranked: int, ranks_given: list[int]) -> str:
    """The rank-1 sentence, e.g. "10 of 15 (67%) named lack of access …"."""
    if not ranked:
        return NOT_RANKED
    parts = [
        f"{count_and_share(n, ranked)} named {issue[0].lower() + issue[1:]}"
        for issue, n in first_rank
        if n
    ]
    text = (
        f"Asked to rank the top three issues limiting access, "
        f"{counted(ranked, 'respondent')} ranked at least one."
    )
    if parts:
        text += f" At rank 1, {and_list(parts)}."
    missing = [ORDINALS[r] for r in ORDINALS if r not in ranks_given]
    if missing:
        text += f" No respondent gave a {' or '.join(missing)} rank."  # one or two ranks
    return text


NOT_CODED = "The open answers of this region have not been coded yet."


def themes_text(themes: list[tuple[str, int]], is_coded: bool) -> str:
    if not is_coded:
        return NOT_CODED
    if not themes:
        return "No open answer was coded with a theme."
    named = [f"{theme} ({counted(n, 'respondent')})" for theme, n in themes]
    return f"The open answers were coded into themes: {format_list(named, locale='en')}."


def quote_html(excerpt: str, place: str) -> str:
    return (
        f'<blockquote class="quote"><p>“{html.escape(excerpt)}”</p>'
        f"<footer>({html.escape(place)})</footer></blockquote>"
    )
