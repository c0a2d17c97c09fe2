"""The sentences of a briefing, written from its figures (no numbers typed by hand)."""

from __future__ import annotations

import html

from babel.lists import format_list

from wud_briefings.disclosure import count_and_share
from wud_briefings.metrics import Headline


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


def respondents_text(h: Headline, region_name: str) -> str:
    wud = count_and_share(h.identifies_as_wud, h.respondents, 1, is_region_total=True)
    return (
        f"**{h.respondents} respondents** from **{len(h.countries)} countries** in "
        f"{region_name} answered the survey. They were based in {and_list(h.countries)}. "
        f"**{wud}** of the respondents identify as women who use drugs (WUD)."
    )


def services_text(h: Headline) -> str:
    knew = count_and_share(h.knows_wud_services, h.respondents, 1, is_region_total=True)
    text = (
        f"Of the {h.respondents} respondents, **{knew}** knew of harm reduction services "
        "designed for women who use drugs."
    )
    if not h.countries_without_services:
        return text + " Services were reported in every country."
    if len(h.countries_without_services) == len(h.countries):
        return text + " No country had such a service reported."
    return (
        text + " These were in every country except "
        f"{and_list(h.countries_without_services)}, where none were reported."
    )


def barriers_text(first_rank: list[tuple[str, int]], ranked: int) -> str:
    """The rank-1 sentence, e.g. "10 of 15 (67%) named lack of access …"."""
    parts = [
        f"{count_and_share(n, ranked, 1, is_region_total=True)} named "
        f"{issue[0].lower() + issue[1:]}"
        for issue, n in first_rank
        if n
    ]
    return (
        f"Asked to rank the top three issues limiting access, {ranked} respondents ranked "
        f"at least one. At rank 1, {and_list(parts)}."
    )


def themes_text(themes: list[tuple[str, int]]) -> str:
    named = [f"{theme} ({n} respondent{'s' if n != 1 else ''})" for theme, n in themes]
    return f"The open answers were coded into themes: {format_list(named, locale='en')}."


def quote_html(excerpt: str, country: str) -> str:
    return (
        f'<blockquote class="quote"><p>“{html.escape(excerpt)}”</p>'
        f"<footer>({html.escape(country)})</footer></blockquote>"
    )
