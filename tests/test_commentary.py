"""The researchers' commentary: figures by name, typed numbers checked against the data and
against disclosure control, small countries never singled out, and text that stays text.

Most tests run at package level on EECA's real processed tables (10 of 15 ranked lack of
access first, the seed report's "66%"); one module of tests runs the real build."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import ThreadingHTTPServer

import nbformat
import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, run_build
from test_browser import QuietHandler, browser, open_page  # noqa: F401 (browser: a fixture)
from wud_briefings.analysis.commentary import for_briefing
from wud_briefings.analysis.commentary_file import CommentaryError, Section, parse_commentary
from wud_briefings.analysis.figures import Kind, briefing_figures
from wud_briefings.analysis.figures_listing import check_commentary, listing
from wud_briefings.analysis.literal_numbers import literals
from wud_briefings.analysis.safe_markdown import inert_html
from wud_briefings.core.language import using
from wud_briefings.gate.suites import load_suites
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import load_processed
from wud_briefings.publish.run import _plan
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions

FINDINGS = "## What the findings suggest\n"
# No digits in it: a typed number would be checked, and fail, before anything renders.
PAYLOAD = (
    "<script>alert(document.cookie)</script> <img src=x onerror=alert(origin)> "
    "[js](javascript:alert(name)) "
    "[elsewhere](https://tracker.example/pixel) ![pixel](https://tracker.example/p.png) "
    "<a href='https://tracker.example/'>raw link</a> <b onclick=alert(location)>raw html</b> "
    "<https://tracker.example/auto> Juventas-safe-text"
)


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
            return for_briefing("eeca", language, data, codebook, 3, paths)
    finally:
        paths.commentary_file("eeca", language).unlink()


def problems_of(eeca, text: str, language: str = "en") -> list[str]:
    with pytest.raises(CommentaryError) as raised:
        commentary_for(eeca, text, language)
    return [str(p) for p in raised.value.problems]


def test_a_correct_typed_number_and_names_are_printed(eeca):
    notes = commentary_for(
        eeca,
        FINDINGS + "Of the 15 who gave a first rank, {{ rank1.lack_of_access.count }} "
        "(67%, or 66.7%) put lack of access first (1 = most important) in 2020.\n",
    )
    assert "Of the 15 who gave a first rank, 10 (67%, or 66.7%)" in notes.findings
    assert notes.introduction == ""


def test_the_seed_reports_66_percent_fails_with_what_the_data_gives(eeca):
    found = problems_of(eeca, FINDINGS + "Lack of access came first for 66% of them.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 2: 66% — the briefing computes 67% for 10 of 15"
    ]


def test_a_typed_count_no_figure_has_fails(eeca):
    found = problems_of(eeca, FINDINGS + "\nThen 14 of them said so.\n")
    assert found == [
        "notebooks/commentary/eeca.md, line 3: 14 — no figure of this briefing is 14; "
        "`wud-briefings figures eeca` lists them"
    ]


def test_an_unknown_name_fails_naming_its_line(eeca):
    found = problems_of(eeca, "## Introduction\nFine.\n\n{{ knew.shar }} knew.\n")
    assert len(found) == 1
    assert found[0].startswith("notebooks/commentary/eeca.md, line 4: {{ knew.shar }}")
    assert "did you mean knew.share?" in found[0]


def test_a_withheld_figure_fails_by_name_or_typed_and_its_value_is_never_said(eeca):
    _, data, codebook = eeca
    withheld = briefing_figures(data, codebook, 3)["rank1.wud.criminalisation.share"]
    assert withheld.withheld and withheld.value == 30  # as the disclosure record says
    found = problems_of(
        eeca,
        FINDINGS + "30% of women who use drugs.\n{{ rank1.wud.criminalisation.share }} too.\n",
    )
    assert len(found) == 2 and all("withholds" in p for p in found)
    assert not any("30" in p for p in found), found
    assert "line 2: the number at column 1" in found[0]


def test_a_country_below_k_is_not_singled_out_in_any_language(eeca):
    found = problems_of(eeca, FINDINGS + "Women in Montenegro said so.\n")
    assert "line 2: Montenegro — Montenegro has fewer than 3 respondents" in found[0]
    found = problems_of(eeca, FINDINGS + "Женщины в Кыргызстане и в Черногории.\n", "ru")
    assert {p.split(" — ")[1].split(" has")[0] for p in found} == {"Kyrgyzstan", "Montenegro"}
    assert all("eeca.ru.md, line 2" in p for p in found)
    # A country of k or more respondents may be named
    assert "Belarus" in commentary_for(eeca, FINDINGS + "In Belarus, too.\n").findings


def test_the_file_has_two_marked_parts_and_nothing_else(eeca):
    parsed = parse_commentary("\n## Introduction\nA\n\n## What the Findings Suggest\nB\n", "f")
    assert [line.text for line in parsed.sections[Section.FINDINGS]] == ["B"]
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
    text = listing(paths, region, "en", 3)
    figures = briefing_figures(data, codebook, 3)
    for figure in figures.items:
        row = next(r for r in text.splitlines() if r.split()[0] == figure.name)
        assert row.split()[1] == ("withheld" if figure.withheld else figure.shown)
    withheld = [r.split() for r in text.splitlines() if r.endswith("withheld")]
    assert ["country.mne.respondents", "withheld"] in withheld
    assert all(len(row) == 2 for row in withheld)  # the name, and that it is withheld


def test_the_check_command_reports_each_edition(eeca):
    paths, _, _ = eeca
    region = load_regions(paths)["eeca"]
    paths.commentary_file("eeca", "en").write_text(FINDINGS + "66% said so.\n", "utf-8")
    try:
        reports = check_commentary(paths, region, ["en", "ru"], 3)
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
    before = _plan(paths, chosen, {"k": 3})
    paths.commentary_file("eeca", "ru").write_text(FINDINGS + "Текст.\n", "utf-8")
    try:
        after = _plan(paths, chosen, {"k": 3})
    finally:
        paths.commentary_file("eeca", "ru").unlink()
    assert after["eeca"] != before["eeca"] and after["asia"] == before["asia"]
    assert _plan(paths, chosen, {"k": 3}) == before


# The real build: a commentary full of payloads, then a wrong one, then none at all.


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("commentary-build") / "project")
    english = paths.commentary_file("eeca", "en")
    english.write_text(english.read_text(encoding="utf-8") + "\n" + PAYLOAD + "\n", "utf-8")
    report, _ = run_build(paths, ["eeca"])
    assert report.entries["eeca"].status == "built", report.entries["eeca"].reason
    return paths


def visible(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.mark.slow
def test_the_built_briefing_prints_the_commentary_with_the_tables_figures(built):
    paths = built
    page = (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    parts = soup.select("div.commentary")
    assert len(parts) == 2
    heading = parts[1].find_previous("h2")
    assert heading.get_text() == "What the findings suggest"
    assert heading.find_next("h2").get_text().startswith("Data quality")
    text = visible(page)
    # Every figure the commentary names reads as the tables and sentences print it
    for figure, printed in (
        ("by 67% of the respondents who gave a first rank (10 of 15)", "10 of 15 (67%)"),
        ("76% of the respondents (13 of 17)", "13 of 17 (76%)"),
        ("by 60% of the women who use drugs", "6 (60%)"),
    ):
        assert figure in text and printed in text
    # The payloads are shown as text: nothing runs, nothing links or loads elsewhere
    assert "Juventas-safe-text" in text
    assert "tracker.example" not in "".join(str(a) for a in soup.find_all(["a", "img"]))
    for tag in parts[1].find_all(True):
        assert tag.name in {"p", "ul", "li", "strong", "em"}, tag
        assert not any(name.startswith("on") for name in tag.attrs)
    russian = visible((paths.outputs / "eeca" / "briefing.ru.html").read_text(encoding="utf-8"))
    assert "Что говорят результаты" in russian and "Призыв к действию" in russian


@pytest.mark.slow
def test_the_listing_matches_what_the_briefing_prints(built):
    paths = built
    region = load_regions(paths)["eeca"]
    page = visible((paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8"))
    rows = [r.split() for r in listing(paths, region, "en", 3).splitlines()[1:]]
    shown = {r[0]: r[1] for r in rows}
    for name in ("respondents", "knew.share", "wud.share", "rank1.lack_of_access.share"):
        assert shown[name] in page
    for row in rows:  # "13 of 17 (76%)" as the briefing writes every region total's share
        if len(row) > 2 and row[2].startswith("("):
            count, total = row[2].strip("("), row[4].strip(")")
            name = row[0]
            if name.startswith(("knew", "wud", "prefer", "rank1.lack", "rank2.crim")):
                assert f"{count} of {total} ({row[1]})" in page, row
    # Withheld figures are listed as withheld, as the table shows them
    table = next(
        t
        for t in BeautifulSoup(
            (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8"), "html.parser"
        ).find_all("table")
        if t.caption.get_text().startswith("Respondents by country")
    )
    cells = {r.th.get_text(): r.td.get_text() for r in table.tbody.find_all("tr")}
    assert cells["Montenegro"] == "withheld" and shown["country.mne.respondents"] == "withheld"
    assert cells["Belarus"] == shown["country.blr.respondents"]


@pytest.mark.slow
def test_the_commentary_is_inert_in_chromium(built, browser):  # noqa: F811
    paths = built
    handler = functools.partial(QuietHandler, directory=str(paths.outputs))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page, errors, foreign = open_page(browser, f"{origin}/eeca/briefing.html", origin)
        page.wait_for_timeout(300)
        assert page.locator("div.commentary").count() == 2
        assert "Juventas-safe-text" in page.locator("div.commentary").nth(1).inner_text()
        assert page.locator("div.commentary a, div.commentary img, script").count() == 0
        handlers = page.eval_on_selector_all(
            "*",
            "els => els.flatMap(e => Array.from(e.attributes).map(a => a.name))"
            ".filter(n => n.startsWith('on'))",
        )
        assert handlers == [] and errors == [] and foreign == []
        page.close()
    finally:
        server.shutdown()


@pytest.mark.slow
def test_a_wrong_commentary_fails_the_region_and_keeps_the_last_good_briefing(built):
    paths = built
    good = (paths.outputs / "eeca" / "briefing.html").read_bytes()
    paths.commentary_file("eeca", "en").write_text(
        FINDINGS + "Lack of access came first for 66% of them.\n", encoding="utf-8"
    )
    report, _ = run_build(paths, ["eeca"])
    entry = report.entries["eeca"]
    assert report.rebuilt == ["eeca"]  # the commentary alone changed
    assert entry.status == "failed-execution"
    assert (
        "CommentaryError: notebooks/commentary/eeca.md, line 2: 66% — the briefing computes "
        "67% for 10 of 15" in entry.reason
    )
    assert (paths.outputs / "eeca" / "briefing.html").read_bytes() == good
    failed = nbformat.read(paths.outputs / "eeca" / "failed.ipynb", as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [e.ename for e in errors] == ["CommentaryError"]


@pytest.mark.slow
def test_a_region_without_commentary_builds_as_before(built):
    paths = built
    for file in paths.commentary.glob("eeca*.md"):
        file.unlink()
    report, _ = run_build(paths, ["eeca"])
    assert report.entries["eeca"].status == "built", report.entries["eeca"].reason
    for name in ("briefing.html", "briefing.ru.html"):
        page = (paths.outputs / "eeca" / name).read_text(encoding="utf-8")
        assert 'class="commentary"' not in page
        assert not re.search(r"What the findings suggest|Что говорят результаты", page)
    executed = nbformat.read(paths.outputs / "eeca" / "briefing.ipynb", as_version=4)
    shown = [c for c in executed.cells if "show.commentary_" in c.source]
    assert len(shown) == 2 and all(c.outputs == [] for c in shown)
    assert all(
        f.kind in Kind
        for f in briefing_figures(
            load_processed(paths.processed_region("eeca")), Codebook.load(paths.codebook), 3
        ).items
    )
