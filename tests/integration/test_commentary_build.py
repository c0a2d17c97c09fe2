"""The researchers' commentary through the real build: printed with the tables' figures,
refused when wrong. Builds set placeholder PDFs: the tests read the HTML and notebooks."""

from __future__ import annotations

import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from support.commentary import CONCLUSIONS, payload_build
from support.project import PLACEHOLDER, run_build
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures.by_name import Kind, briefing_figures
from wud_briefings.analysis.figures_listing import listing
from wud_briefings.process.tables import load_processed
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions

POLICY = DisclosurePolicy(3)


@pytest.fixture(scope="module")
def built(builds, tmp_path_factory):
    """EECA built with a commentary full of payloads, copied for this module to change."""
    return builds.copy(payload_build(builds), tmp_path_factory.mktemp("commentary") / "p").paths


def visible(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_built_briefing_prints_the_commentary_with_the_tables_figures(built):
    paths = built
    page = (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    parts = soup.select("div.commentary")
    headings = [part.find_previous("h2").get_text() for part in parts]
    assert headings == ["Key findings", "Background", "Conclusions and recommendations"]
    assert parts[2].find_next("h2").get_text() == "References"
    text = visible(page)
    # Every figure the commentary names reads as the tables and sentences print it
    for figure, printed in (
        ("by 67% of the respondents who gave a first rank (10 of 15)", "10 of 15 (67%)"),
        ("Of the respondents, 76% (13 of 17)", "13 of 17 (76%)"),
        ("by 60% of the women who use drugs", "6 (60%)"),
    ):
        assert figure in text and printed in text
    # The payloads are shown as text: nothing runs, nothing links or loads elsewhere
    assert "Juventas-safe-text" in text
    assert "tracker.example" not in "".join(str(a) for a in soup.find_all(["a", "img"]))
    for tag in parts[2].find_all(True):
        assert tag.name in {"p", "ul", "li", "strong", "em"}, tag
        assert not any(name.startswith("on") for name in tag.attrs)
    russian = visible((paths.outputs / "eeca" / "briefing.ru.html").read_text(encoding="utf-8"))
    assert "Выводы и рекомендации" in russian and "Призыв к действию" in russian


def test_the_listing_matches_what_the_briefing_prints(built):
    paths = built
    region = load_regions(paths)["eeca"]
    page = visible((paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8"))
    rows = [r.split() for r in listing(paths, region, "en", POLICY).splitlines()[1:]]
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


def test_a_wrong_commentary_builds_a_draft_with_a_note_in_place_of_the_passage(built):
    paths = built
    paths.commentary_file("eeca", "en").write_text(
        CONCLUSIONS + "Lack of access came first for 66% of them.\n\nThe rest stands.\n",
        encoding="utf-8",
    )
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    entry = report.entries["eeca"]
    assert report.rebuilt == ["eeca"]  # the commentary alone changed
    assert entry.status == "built", entry.reason
    problem = "notebooks/commentary/eeca.md, line 2: 66% — the briefing computes 67% for 10 of 15"
    assert entry.text_problems == {"en": [problem]}
    page = (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert "came first for" not in page and "The rest stands." in page
    assert problem in " ".join(soup.select_one("p.text-problem").get_text(" ").split())
    assert "does not match the data" in soup.select_one("p.draft-banner").get_text()
    index = visible((paths.outputs / "index.html").read_text(encoding="utf-8"))
    assert f"Not printed (English): {problem}" in index
    executed = nbformat.read(paths.outputs / "eeca" / "briefing.ipynb", as_version=4)
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_a_region_without_commentary_builds_as_before(built):
    paths = built
    for file in paths.commentary.glob("eeca*.md"):
        file.unlink()
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.entries["eeca"].status == "built", report.entries["eeca"].reason
    for name in ("briefing.html", "briefing.ru.html"):
        page = (paths.outputs / "eeca" / name).read_text(encoding="utf-8")
        # only the background every briefing shares; no empty heading for the rest
        assert len(BeautifulSoup(page, "html.parser").select("div.commentary")) == 1
        assert not re.search(
            r"Key findings|Conclusions and recommendations|Основные выводы|Выводы и рекомендации",
            page,
        )
    executed = nbformat.read(paths.outputs / "eeca" / "briefing.ipynb", as_version=4)
    shown = [
        c
        for c in executed.cells
        if c.source in ("parts.key_findings(texts)", "parts.conclusions(texts)")
    ]
    assert len(shown) == 2 and all(c.outputs == [] for c in shown)
    assert all(
        f.kind in Kind
        for f in briefing_figures(
            load_processed(paths.processed_region("eeca")), Codebook.load(paths.codebook), POLICY
        ).items
    )
