"""Person-first language in the notebook's prose and in every rendered briefing."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from wud_briefings.analysis.wording import stigmatising_terms


def test_the_check_catches_stigmatising_terms():
    flagged = {
        f.term.lower()
        for f in stigmatising_terms(
            "Addicts and drug abusers, junkies who are clean or dirty; substance abuse."
        )
    }
    assert flagged >= {"addicts", "drug abusers", "junkies", "clean", "dirty", "substance abuse"}
    assert stigmatising_terms("Women who use drugs; sterile needles; a cleaning job.") == []


@pytest.mark.parametrize("name", ["briefing", "global"])
def test_notebook_prose_is_person_first(name):
    notebook = json.loads((REPO.notebooks / f"{name}.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    assert prose.strip()
    assert stigmatising_terms(prose) == []


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


def test_the_global_briefing_is_person_first_outside_the_named_services(global_briefing):
    soup = BeautifulSoup(global_briefing[1], "html.parser")
    for table in soup.find_all("table"):
        if table.caption and table.caption.get_text().startswith("Services named"):
            table.decompose()  # respondents' own descriptions, as written
    assert stigmatising_terms(soup.get_text(" ")) == []
