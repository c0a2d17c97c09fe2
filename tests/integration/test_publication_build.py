"""The briefings as a publisher reads them, in every PDF and page the build ships.

Each opens on a cover that says who published what and when, with the key
findings on the first page where the researchers wrote them; the build's
machinery (tools, paths, digests) is named only in the colophon, which gives
the suggested citation and the licence; the references cite the sources.
Figures are computed from the processed data, as the briefing computes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.builds import Built
from support.pdf_text import pdf_pages
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures.by_name import briefing_figures
from wud_briefings.core.language import _, using
from wud_briefings.core.publication import load_publication
from wud_briefings.process.tables import load_processed
from wud_briefings.survey.codebook import Codebook

POLICY = DisclosurePolicy(3)


# What only the colophon may name: the build's tools, its inputs' paths and digests.
MACHINERY = ("Great Expectations", "solver", "SHA-256", "data/raw/", "wud-briefings")


def pdfs(built: Built) -> list[Path]:
    found = sorted(built.paths.outputs.glob("*/briefing*.pdf"))
    assert len(found) >= 3, found
    return found


def test_the_english_eeca_pdf_opens_on_its_key_findings(built_project: Built):
    paths = built_project.paths
    data = load_processed(paths.processed_region("eeca"))
    figures = briefing_figures(data, Codebook.load(paths.codebook), POLICY)
    first = pdf_pages(paths.outputs / "eeca" / "briefing.pdf")[0]
    wud = f"{figures['wud.count'].shown} of the {figures['respondents'].shown}"
    assert "Key findings" in first
    assert f"{wud} ({figures['wud.share'].shown})" in first  # 11 of the 17 (65%)
    assert f"Of the respondents, {figures['knew.share'].shown}" in first  # 76%
    assert (figures["wud.count"].value, figures["knew.share"].shown) == (11, "76%")


def test_no_cover_names_a_tool_a_path_or_a_digest(built_project: Built):
    publisher = load_publication(built_project.paths).publisher
    for pdf in pdfs(built_project):
        first = pdf_pages(pdf)[0]
        assert publisher in first, pdf
        assert [word for word in MACHINERY if word in first] == [], pdf


def test_the_machinery_is_named_only_in_the_colophon(built_project: Built):
    pages = sorted(built_project.paths.outputs.glob("*/briefing*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        colophons = soup.select("section.colophon")
        assert len(colophons) == 1, page
        for node in soup.find_all(string=True):
            if any(word in node for word in MACHINERY) and node.parent.name not in ("title",):
                assert node.find_parent("section", class_="colophon") is not None, (page, node)
        assert "Great Expectations" in colophons[0].get_text(), page


EDITION_LANGUAGE = {"briefing.pdf": "en", "briefing.ru.pdf": "ru"}


@pytest.mark.parametrize(
    ("edition", "citation", "references"),
    [
        ("briefing.pdf", "Suggested citation", "References"),
        ("briefing.ru.pdf", "Как цитировать", "Источники"),
    ],
)
def test_the_references_cite_hri_and_the_colophon_says_how_to_cite(
    built_project: Built, edition: str, citation: str, references: str
):
    publication = load_publication(built_project.paths)
    text = " ".join(pdf_pages(built_project.paths.outputs / "eeca" / edition))
    after = text.split(references, 1)[1]
    assert "Harm Reduction International (2018)" in after
    assert "Harm Reduction International (2019)" in after
    cited = text.split(citation, 1)[1]
    assert cited.lstrip().startswith(f"{publication.publisher} ({publication.date_published.year})")
    with using(EDITION_LANGUAGE[edition]):  # the licence named as CC names it in the language
        assert _(publication.licence.name) in cited and publication.licence.url in cited


DRAFT_MARK = {"briefing.pdf": "DRAFT", "briefing.es.pdf": "BORRADOR", "briefing.ru.pdf": "ЧЕРНОВИК"}


def test_every_unsigned_edition_says_draft_on_every_page(built_project: Built):
    assert not built_project.paths.sign_offs.exists()  # nothing shipped is signed off
    for pdf in pdfs(built_project):
        mark = DRAFT_MARK[pdf.name]
        pages = pdf_pages(pdf)
        assert all(mark in page for page in pages), (pdf, [mark in p for p in pages])
    for page in sorted(built_project.paths.outputs.glob("*/briefing*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("p.draft-banner strong").get_text() in DRAFT_MARK.values(), page
