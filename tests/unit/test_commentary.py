"""The researchers' commentary: figures by name, typed numbers checked against the data and
against disclosure control, small countries never singled out, and text that stays text.

Most tests run at package level on EECA's real processed tables (10 of 15 ranked lack of
access first, the seed report's "66%"); one module of tests runs the real build."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from bs4 import BeautifulSoup

from support.commentary import CONCLUSIONS, PAYLOAD
from support.project import copy_project
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display.safe_markdown import inert_html
from wud_briefings.analysis.figures.by_name import Figure, Kind, briefing_figures
from wud_briefings.analysis.figures_listing import check_commentary, listing
from wud_briefings.analysis.texts.commentary import for_briefing
from wud_briefings.analysis.texts.commentary_file import CommentaryError, Section, parse_commentary
from wud_briefings.analysis.texts.figure_reference import FigureReference
from wud_briefings.analysis.texts.literal_numbers import literals
from wud_briefings.core.language import using
from wud_briefings.gate.suites import load_suites
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import load_processed
from wud_briefings.publish.engine.run import _plan
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions

POLICY = DisclosurePolicy(3)
PARAMETERS = NotebookParameters(k=3, code_version="0.1.0", build_date="2026-12-06")


@pytest.fixture(scope="module")
def eeca(tmp_path_factory):
    """A project copy with EECA processed (through the real reader and gate), no commentary."""
    paths = copy_project(tmp_path_factory.mktemp("commentary") / "project")
    shutil.rmtree(paths.commentary)
    paths.commentary.mkdir()
    codebook = Codebook.load(paths.codebook)
    region = load_regions(paths)["eeca"]
    assert process_region(region, codebook, load_suites(paths.expectations), paths).is_valid
    return paths, load_processed(paths.processed_region("eeca")), codebook


def commentary_for(eeca, text: str, language: str = "en"):
    paths, data, codebook = eeca
    paths.commentary_file("eeca", language).write_text(text, encoding="utf-8")
    try:
        with using(language):
            return for_briefing("eeca", language, data, codebook, POLICY, paths)
    finally:
        paths.commentary_file("eeca", language).unlink()


def problems_of(eeca, text: str, language: str = "en") -> list[str]:
    return [str(p) for p in commentary_for(eeca, text, language).problems]


def test_a_correct_typed_number_and_names_are_printed(eeca):
    notes = commentary_for(
        eeca,
        CONCLUSIONS + "Of the 15 who gave a first rank, {{ rank1.lack_of_access.count }} "
        "(67%, or 66.7%) put lack of access first (1 = most important) in 2020.\n",
    )
    assert "Of the 15 who gave a first rank, 10 (67%, or 66.7%)" in notes.conclusions
    assert notes.key_findings == ""


def test_the_seed_reports_66_percent_fails_with_what_the_data_gives(eeca):
    found = problems_of(eeca, CONCLUSIONS + "Lack of access came first for 66% of them.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 2: 66% — the briefing computes 67% for 10 of 15"
    ]


def test_a_typed_count_no_figure_has_fails(eeca):
    found = problems_of(eeca, CONCLUSIONS + "\nThen 14 of them said so.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 3: 14 — no figure of this briefing is 14; "
        "`wud-briefings figures eeca` lists them"
    ]


def test_an_unknown_name_fails_naming_its_line(eeca):
    found = problems_of(eeca, "## Key findings\nFine.\n\n{{ knew.shar }} knew.\n")
    assert len(found) == 1
    assert found[0].startswith("notebooks/commentary/eeca.md, line 4: {{ knew.shar }}")
    assert "did you mean knew.share?" in found[0]


def test_a_withheld_figure_fails_by_name_or_typed_and_its_value_is_never_said(eeca):
    _, data, codebook = eeca
    withheld = briefing_figures(data, codebook, POLICY)["rank1.wud.criminalisation.share"]
    assert withheld.withheld and withheld.value == 30  # as the disclosure record says
    found = problems_of(
        eeca,
        CONCLUSIONS + "30% of women who use drugs.\n{{ rank1.wud.criminalisation.share }} too.\n",
    )
    assert len(found) == 2 and all("withholds" in p for p in found)
    assert not any("30" in p for p in found), found
    assert "line 2: the number at column 1" in found[0]


def test_a_country_below_k_is_not_singled_out_in_any_language(eeca):
    found = problems_of(eeca, CONCLUSIONS + "Women in Montenegro said so.\n")
    assert "line 2: Montenegro — Montenegro has fewer than 3 respondents" in found[0]
    found = problems_of(eeca, CONCLUSIONS + "Женщины в Кыргызстане и в Черногории.\n", "ru")
    assert {p.split(" — ")[1].split(" has")[0] for p in found} == {"Kyrgyzstan", "Montenegro"}
    assert all("eeca.ru.md, line 2" in p for p in found)
    # A country of k or more respondents may be named
    assert "Belarus" in commentary_for(eeca, CONCLUSIONS + "In Belarus, too.\n").conclusions


def test_the_file_has_three_marked_parts_and_nothing_else(eeca):
    parsed = parse_commentary(
        "\n## Key Findings\nA\n## background\nB\n## Conclusions and Recommendations\nC\n", "f"
    )
    assert [line.text for line in parsed.sections[Section.KEY_FINDINGS]] == ["A"]
    assert [line.text for line in parsed.sections[Section.BACKGROUND]] == ["B"]
    assert [line.text for line in parsed.sections[Section.CONCLUSIONS]] == ["C"]
    with pytest.raises(CommentaryError) as raised:
        parse_commentary("Loose text\n## Results\n### Sub\n", "f")
    assert [p.line for p in raised.value.problems] == [1, 2, 3]


def test_numbers_that_are_plainly_not_data_pass():
    assert literals("In 2020, at rank 1 and ranks 2 and 3 (1 = most important), 1st, 1-й") == []
    assert literals("1. COVID-19 {{ rank2.cost.count }}") == []
    typed = literals("10 of 15 (66,7 %), 12 per cent")
    assert [(t.text, t.is_percent) for t in typed] == [
        ("10", False),
        ("15", False),
        ("66,7 %", True),
        ("12 per cent", True),
    ]


def test_text_is_text():
    page = inert_html(PAYLOAD + "\n\n- **a** *list*\n- item\n")
    soup = BeautifulSoup(page, "html.parser")
    assert {t.name for t in soup.find_all(True)} <= {"p", "ul", "li", "strong", "em"}
    assert "tracker.example/pixel" not in page and "Juventas-safe-text" in page
    assert "&lt;script&gt;" in page  # shown as what it is, never run


def test_the_listing_names_every_figure_and_never_a_withheld_value(eeca):
    paths, data, codebook = eeca
    region = load_regions(paths)["eeca"]
    text = listing(paths, region, "en", POLICY)
    figures = briefing_figures(data, codebook, POLICY)
    for figure in figures.items:
        row = next(r for r in text.splitlines() if r.split()[0] == figure.name)
        assert row.split()[1] == ("withheld" if figure.withheld else figure.shown)
    withheld = [r.split() for r in text.splitlines() if r.endswith("withheld")]
    assert ["country.mne.respondents", "withheld"] in withheld
    assert all(len(row) == 2 for row in withheld)  # the name, and that it is withheld


def test_the_check_command_reports_each_edition(eeca):
    paths, _, _ = eeca
    region = load_regions(paths)["eeca"]
    paths.commentary_file("eeca", "en").write_text(CONCLUSIONS + "66% said so.\n", "utf-8")
    try:
        reports = check_commentary(paths, region, ["en", "ru"], POLICY)
    finally:
        paths.commentary_file("eeca", "en").unlink()
    summaries = {r.summary: [str(p) for p in r.problems] for r in reports}
    assert summaries == {
        "notebooks/commentary/eeca.md: FAILED": [
            "notebooks/commentary/eeca.md, line 2: 66% — the briefing computes 67% for 10 of 15"
        ],
        "notebooks/commentary/eeca.ru.md: none (the edition has no commentary)": [],
    }


def test_a_commentary_file_is_a_dependency_of_its_region(eeca):
    paths, _, _ = eeca
    regions = load_regions(paths)
    chosen = [regions["eeca"], regions["asia"]]
    before = _plan(paths, chosen, PARAMETERS)
    paths.commentary_file("eeca", "ru").write_text(CONCLUSIONS + "Текст.\n", "utf-8")
    try:
        after = _plan(paths, chosen, PARAMETERS)
    finally:
        paths.commentary_file("eeca", "ru").unlink()
    assert after["eeca"] != before["eeca"] and after["asia"] == before["asia"]
    assert _plan(paths, chosen, PARAMETERS) == before


# The real build: a commentary full of payloads, then a wrong one, then none at all.


def test_a_region_s_text_may_cite_a_source_whose_year_is_no_typed_number(eeca):
    notes = commentary_for(eeca, "## Background\nHere, as elsewhere [@hri2018], it stalls.\n")
    assert "Here, as elsewhere (Harm Reduction International, 2018), it stalls." in (
        notes.background
    )
    # with the sources the shared background cites, each once
    assert [r.split(")")[0] for r in notes.references] == [
        "Harm Reduction International (2018",
        "Harm Reduction International (2019",
    ]


def test_an_unknown_source_in_a_region_s_text_fails_naming_its_line(eeca):
    found = problems_of(eeca, CONCLUSIONS + "\nAs [@nobody1999] says.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 3: cites [@nobody1999], which "
        "notebooks/publication/references.json does not hold (add the source there, or "
        "correct the key)"
    ]


def test_a_passage_with_a_problem_is_not_printed_and_a_note_stands_in_its_place(eeca):
    notes = commentary_for(
        eeca,
        CONCLUSIONS + "Printed: {{ knew.share }} knew.\n\nLeft out: {{ knew.shar }} and\n"
        "Montenegro, in one passage.\n\n- a list {{ respondents }}\n- of two\n",
    )
    page = BeautifulSoup(notes.conclusions, "html.parser")
    assert page.find("p").get_text() == "Printed: 76% knew."
    note = page.select_one("p.text-problem").get_text(" ")
    assert "Left out" not in notes.conclusions and "in one passage" not in notes.conclusions
    assert "eeca.md, line 4: {{ knew.shar }}" in note and "eeca.md, line 5: Montenegro" in note
    assert [li.get_text() for li in page.find_all("li")] == ["a list 17", "of two"]
    assert len(notes.problems) == 2


def test_a_theme_figure_before_the_coding_says_which_command_starts_it(eeca):
    paths, data, codebook = eeca
    uncoded = type(data)(
        data.respondents,
        data.barrier_ranks,
        data.coding.iloc[0:0],
        dataclasses.replace(data.provenance, is_coded=False),
    )
    paths.commentary_file("eeca", "en").write_text(
        CONCLUSIONS + "Named by {{ themes.criminalisation.count }} respondents.\n", "utf-8"
    )
    try:
        texts = for_briefing("eeca", "en", uncoded, codebook, POLICY, paths)
    finally:
        paths.commentary_file("eeca", "en").unlink()
    assert [str(p) for p in texts.problems] == [
        "notebooks/commentary/eeca.md, line 2: {{ themes.criminalisation.count }} — this "
        "figure exists once the region's open answers are coded, and they are not coded yet: "
        "`make coding-sheet REGION=eeca` starts the coding"
    ]


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (1, "1\u00a0респондент"),
        (2, "2\u00a0респондента"),
        (5, "5\u00a0респондентов"),
        (11, "11\u00a0респондентов"),
        (21, "21\u00a0респондент"),
        (24, "24\u00a0респондента"),
    ],
)
def test_a_counted_word_takes_the_russian_form_its_number_calls_for(value, printed):
    count = Figure("respondents", Kind.COUNT, value, str(value))
    reference = FigureReference.parse(" respondents | респондент | респондента | респондентов ")
    with using("ru"):
        assert reference.problem(count) is None
        assert reference.printed(count) == printed
    with using("en"):  # the same three forms are one too many for English
        assert "lists 3 of the counted word's forms where this language takes 2" in str(
            reference.problem(count)
        )


def test_counted_words_agree_in_a_briefing_and_wrong_forms_are_refused(eeca):
    verb = (
        "{{ respondents | ответил # респондент | ответили # респондента "
        "| ответили # респондентов }}"
    )
    notes = commentary_for(eeca, f"## Key findings\n\nНа опрос {verb}.\n", "ru")
    assert "На опрос ответили 17 респондентов." in notes.key_findings
    found = problems_of(eeca, "## Key findings\n\n{{ countries | country }} answered.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 3: {{ countries | country }} — lists 1 of the "
        "counted word's forms where this language takes 2, in its catalogs' order (the forms "
        "for 1, 2)"
    ]
    found = problems_of(eeca, "## Key findings\n\n{{ knew.share | person | people }} knew.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 3: {{ knew.share | person | people }} — only a "
        "count takes the forms of the word it counts; a share is printed alone"
    ]
