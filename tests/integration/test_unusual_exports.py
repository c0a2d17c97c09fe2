"""Valid but unusual exports build sensible briefings, saying in words what is missing.

The exports in tests/fixtures/unusual/ are EECA's synthetic one reshaped: nobody
at rank 3, nobody ranking, nobody knowing a service, one country, one
respondent, and no coding sheet. Each is dropped in as a real export of its own
region (a copy of EECA's definition) and built through the real pipeline.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support.project import PLACEHOLDER, UNUSUAL_CASES, add_unusual_regions, copy_project, run_build
from wud_briefings.analysis.display.narrative import NOT_CODED, NOT_RANKED

CASES = UNUSUAL_CASES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("unusual") / "p")
    # The tests read the HTML and notebooks: the PDFs are placeholders.
    report, _ = run_build(paths, add_unusual_regions(paths), pdf=PLACEHOLDER)
    return paths, report


def page_text(paths, case: str) -> str:
    html = (paths.outputs / f"eeca-{case}" / "briefing.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_fixtures_are_all_there():
    assert CASES == [
        "no-coding-sheet",
        "no-third-rank",
        "nobody-knows",
        "nobody-ranked",
        "one-country",
        "one-respondent",
    ]


@pytest.mark.parametrize("case", CASES)
def test_every_unusual_export_builds_without_broken_sentences(built, case):
    paths, report = built
    entry = report.entries[f"eeca-{case}"]
    assert entry.status == "built", entry.reason
    text = page_text(paths, case)
    for broken in (": .", ", .", "At rank 1, .", "Error", "nan", "None"):
        assert broken not in text, f"{case}: {broken!r} in the briefing"


def test_nobody_at_rank_three(built):
    text = page_text(built[0], "no-third-rank")
    assert "No respondent gave a third rank." in text
    assert "At rank 1, 10 of 15 (67%) named lack of access" in text


def test_nobody_ranking(built):
    text = page_text(built[0], "nobody-ranked")
    assert NOT_RANKED in text
    assert "No respondent gave a first rank to compare." in text
    assert "Top issues limiting access to harm reduction services" not in text  # no chart


def test_nobody_knowing_a_service(built):
    text = page_text(built[0], "nobody-knows")
    assert "0 of 17 (0%) of the respondents knew of harm reduction services" in text
    assert "No country had such a service reported." in text
    assert "there is no map to draw" in text


def test_one_country_and_one_respondent(built):
    assert "17 respondents from 1 country in" in page_text(built[0], "one-country")
    one = page_text(built[0], "one-respondent")
    assert "1 respondent from 1 country in" in one and "She was based in Montenegro" in one
    assert "1 of 1 (100%) respondent knew" in one
    for case, country in (("one-country", "Ukraine"), ("one-respondent", "Montenegro")):
        html = (built[0].outputs / f"eeca-{case}" / "briefing.html").read_text(encoding="utf-8")
        alts = [i["alt"] for i in BeautifulSoup(html, "html.parser").find_all("img")]
        assert f"with the 1 country surveyed shaded: {country}." in alts[0], case


def test_no_coding_sheet_is_said_in_the_briefing_and_the_index(built):
    paths, _ = built
    text = page_text(paths, "no-coding-sheet")
    assert text.count(NOT_CODED) >= 3  # services, themes, gaps (and the data-quality note)
    assert "No coding sheet was given for this export" in text
    index = (paths.outputs / "index.html").read_text(encoding="utf-8")
    row = next(r for r in index.split("<tr>") if "EECA (no-coding-sheet)" in r)
    assert NOT_CODED in row
    coded = next(r for r in index.split("<tr>") if "EECA (one-country)" in r)
    assert NOT_CODED not in coded
