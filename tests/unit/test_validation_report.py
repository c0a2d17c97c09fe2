"""The validation reports under outputs/validation/, built through the real gate.

The page must load nothing from anywhere, be the same bytes for the same data,
and, like the JSON beside it, show no pseudonym, respondent id, cell value or
suite parameter value: these reports may be published.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from support.project import REPO, selected_region_ids
from support.rows import read_rows, rows_to_csv
from wud_briefings.core.editions import edition_file
from wud_briefings.core.language import LANGUAGES, _, using
from wud_briefings.core.pages import csp_meta
from wud_briefings.process.region import gate_parameters, process_region

EMAIL = "intruder.check@example.org"
UNKNOWN_ID = "99999999999"
PSEUDONYM = re.compile(r"\bR[0-9a-f]{10}\b")
CSP = csp_meta()
CITES_CHECK = "every coded excerpt belongs to a respondent in the export"


def page(paths, region_id: str, language: str = "en") -> str:
    name = edition_file("index.html", language)
    return (paths.validation / region_id / name).read_text(encoding="utf-8")


def report(paths, region_id: str) -> str:
    return (paths.validation / f"{region_id}.json").read_text(encoding="utf-8")


def raw_ids(region_id: str) -> set[str]:
    return {row[0].strip() for row in read_rows(REPO.synthetic / f"{region_id}.csv")[2:]}


def pseudonyms(processed, region_id: str) -> set[str]:
    rows = read_rows(processed.processed / region_id / "respondents.csv")
    return {row[rows[0].index("respondent_id")] for row in rows[1:]}


def assert_self_contained(html: str, language: str = "en") -> None:
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{language}">')
    with using(language):
        assert CSP in html and f"<title>{_('Validation report: {region}')[:12]}" in html
    lowered = html.lower()
    for banned in ("http://", "https://", "//", "<script", "<link", "url(", "@import"):
        assert banned not in lowered, banned
    assert not re.search(r"""src\s*=\s*["']?(?!data:)""", lowered)


def assert_private(text: str, secrets: set[str]) -> None:
    assert not PSEUDONYM.search(text), PSEUDONYM.search(text)
    leaked = sorted(s for s in secrets if s in text)
    assert not leaked, leaked[:3]


def assert_no_parameter_values(html: str, parameters: dict) -> None:
    """Country codes and snake_case codes: words the page has no other reason to hold."""
    values = {v for vs in parameters.values() for v in vs if v.isupper() or "_" in v}
    assert len(values) > 20
    shown = [v for v in values if re.search(rf"\b{re.escape(v)}\b", html)]
    assert not shown, shown


def verdicts(html: str) -> dict[str, tuple[str, str]]:
    """Check in words -> (result, rows failing), over every table of the page."""
    soup = BeautifulSoup(html, "html.parser")
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in soup.find_all("tr")]
    return {c[0]: (c[2], c[3]) for c in cells if c}


@pytest.fixture
def eeca_export(run_with_export):
    """Run EECA as a real export, as shipped or faulty.

    The faults: an e-mail address as a country, and a coding row citing nobody.
    """
    rows = read_rows(REPO.synthetic / "eeca.csv")
    coding = (REPO.coding / "eeca.csv").read_text(encoding="utf-8")

    def run(*, faulty: bool):
        if faulty:
            rows[6][rows[1].index("Response")] = EMAIL
        extra = f"{UNKNOWN_ID},gaps,stigma,An excerpt.,yes\n" if faulty else ""
        return run_with_export("eeca", rows_to_csv(rows).encode(), coding=(coding + extra).encode())

    return run


def test_passing_regions_get_a_private_self_contained_page(processed_project, codebook, regions):
    paths, outcomes = processed_project
    for region_id in outcomes:
        secrets = raw_ids(region_id) | pseudonyms(paths, region_id)
        assert_private(report(paths, region_id), secrets)
        for language in LANGUAGES:  # the page in every language, the same checks in each
            html = page(paths, region_id, language)
            assert_self_contained(html, language)
            assert_private(html, secrets)
            assert_no_parameter_values(html, gate_parameters(regions[region_id], codebook)[0])
            assert len(verdicts(html)) == len(verdicts(page(paths, region_id)))
        assert set(verdicts(page(paths, region_id)).values()) == {("passed", "0")}
        assert "checks passed" in page(paths, region_id)


def test_the_validation_page_is_in_every_language_linked_to_the_others(processed_project):
    """The checks in the page's words («идентификаторы респондентов уникальны»), the region
    in its name, each page linked to the other two."""
    paths, outcomes = processed_project
    region_id = next(iter(outcomes))
    for language in LANGUAGES:
        soup = BeautifulSoup(page(paths, region_id, language), "html.parser")
        assert soup.html["lang"] == language
        links = {a["hreflang"]: a["href"] for a in soup.select("nav.languages a")}
        assert links == {
            other: edition_file("index.html", other) for other in LANGUAGES if other != language
        }
        with using(language):
            check = _("respondent ids are unique")
        assert check in soup.get_text()
    assert "идентификаторы респондентов уникальны" in page(paths, region_id, "ru")


def test_the_same_data_gives_the_same_page(processed_project, project, codebook, regions, suites):
    paths, _ = processed_project
    region_id = selected_region_ids()[0]
    process_region(regions[region_id], codebook, suites, project, write=False)
    assert page(project, region_id).encode() == page(paths, region_id).encode()


def test_a_failing_region_shows_counts_not_values(eeca_export, project, codebook, regions, suites):
    assert eeca_export(faulty=False).is_valid  # its pseudonyms, made with this export's key
    secrets = raw_ids("eeca") | pseudonyms(project, "eeca") | {EMAIL, UNKNOWN_ID}
    outcome = eeca_export(faulty=True)
    first = page(project, "eeca")
    assert eeca_export(faulty=True).problems == outcome.problems
    assert page(project, "eeca").encode() == first.encode()
    assert_self_contained(first)
    assert_private(first, secrets)
    assert_private(report(project, "eeca"), secrets)
    assert_no_parameter_values(first, gate_parameters(regions["eeca"], codebook)[0])
    written = [f for f in project.validation.rglob("*") if f.is_file()]
    assert len(written) == 4
    for file in written:  # the page in each language, and the JSON report
        assert EMAIL.encode() not in file.read_bytes(), file
    shown = verdicts(first)
    assert shown["every country name is recognised"] == ("failed", "1")
    assert shown[CITES_CHECK] == ("failed", "1")
    checks = sum(len(s["expectations"]) for s in suites.values())
    assert f"2 of {checks} checks failed" in first


def test_an_unknown_respondent_is_found_without_passing_ids_to_gx(eeca_export, codebook, regions):
    parameters, _ = gate_parameters(regions["eeca"], codebook)
    assert not PSEUDONYM.search(repr(parameters))
    outcome = eeca_export(faulty=True)
    [problem] = [p for p in outcome.problems if p.file.endswith("coding/eeca.csv")]
    lines = (REPO.coding / "eeca.csv").read_text(encoding="utf-8").count("\n") + 1
    assert (problem.row, problem.column) == (lines, "respondent_id")
    assert UNKNOWN_ID not in str(problem)
    assert problem.message == "refers to a respondent who is not in the export"


def test_an_unreadable_export_replaces_the_whole_page_folder(run_with_export, project):
    leftover = project.validation / "eeca" / "static" / "v" / "jquery.min.js"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("// a CDN loader from an old Data Docs build", encoding="utf-8")
    assert not run_with_export("eeca", b"").is_valid
    assert sorted(p.name for p in (project.validation / "eeca").iterdir()) == [
        "index.es.html",
        "index.html",
        "index.ru.html",
    ]
    html = page(project, "eeca")
    assert_self_contained(html)
    assert "could not be read" in html
