"""Rendered briefings, regional and global, are person-first outside respondents' own words."""

from __future__ import annotations

from bs4 import BeautifulSoup

from wud_briefings.analysis.display.wording import stigmatising_terms


def test_rendered_briefings_are_person_first_outside_verbatim_quotes(built_project):
    paths, report, _ = built_project
    for region_id in report.entries:
        soup = BeautifulSoup(
            (paths.outputs / region_id / "briefing.html").read_text(), "html.parser"
        )
        for quote in soup.select("blockquote.quote"):
            quote.decompose()  # respondents' own words are quoted as they were said
        flags = stigmatising_terms(soup.get_text(" "))
        assert flags == [], f"{region_id}: {flags[:3]}"


def test_the_global_briefing_is_person_first_outside_the_named_services(built_project):
    page = (built_project.paths.outputs / "global" / "briefing.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    for table in soup.find_all("table"):
        if table.caption and table.caption.get_text().startswith("Services named"):
            table.decompose()  # respondents' own descriptions, as written
    assert stigmatising_terms(soup.get_text(" ")) == []
