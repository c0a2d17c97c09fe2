"""Respondents' words in every edition: in its language where the researchers translated
them, and marked with their language where they are not in the page's.

What is known of each passage comes from the processed coding tables the build
wrote (each excerpt's language and its translations); what is checked is the
shipped pages: the HTML's ``lang`` (WCAG 3.1.2) and the language each PDF's
structure tree gives the same words (/Lang, read with the words PDFium finds in
each marked-content sequence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup, Tag

from support.pdf_text import words_by_language
from wud_briefings.ingest.coding import TRANSLATION_COLUMNS
from wud_briefings.process.tables import load_processed
from wud_briefings.publish.provenance.outputs import Outputs
from wud_briefings.publish.rendering.render import html_to_pdf

# Where respondents' words are printed: a quote, an item of a services list, a table cell.
HOLDERS = ("p", "span", "td")


@dataclass(frozen=True)
class Edition:
    region: str
    language: str
    html: Path
    pdf: Path


def editions(outputs: Path, manifest: dict) -> list[Edition]:
    found = []
    for region, entry in [*manifest["regions"].items(), ("global", manifest["global"])]:
        published = Outputs.from_json(entry.get("outputs", {}))
        for language, files in published.editions.items():
            found.append(Edition(region, language, outputs / files.html, outputs / files.pdf))
    return found


def passages(processed: Path) -> dict[str, str]:
    """Every publishable excerpt and translation of every region, with its language."""
    known: dict[str, str] = {}
    for folder in sorted(p for p in processed.iterdir() if p.is_dir()):
        coding = load_processed(folder).coding
        coding = coding[coding["is_publishable"]]
        for row in coding.to_dict("records"):
            known[" ".join(row["excerpt"].split())] = row["language"]
            for language, column in TRANSLATION_COLUMNS.items():
                if not pd.isna(row[column]):
                    known[" ".join(row[column].split())] = language
    return known


def language_of(element: Tag) -> str:
    marked = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return marked["lang"]


def printed(page: BeautifulSoup, known: dict[str, str]) -> list[tuple[str, str, bool]]:
    """Each known passage the page prints: (words, the language its markup gives them,
    whether print shows them: the respondent's words beside a translation are web-only)."""
    found = []
    for element in page.find_all(HOLDERS):
        text = " ".join(element.get_text().split())
        inner = [" ".join(e.get_text().split()) for e in element.find_all(HOLDERS)]
        for words in known:
            if words in text and not any(words in i for i in inner):
                hidden = element.find_parent("details", class_="original") is not None
                found.append((words, language_of(element), not hidden))
    return found


@pytest.fixture(scope="module")
def shipped(built_project):
    paths = built_project.paths
    manifest = json.loads((paths.outputs / "manifest.json").read_text(encoding="utf-8"))
    return editions(paths.outputs, manifest), passages(paths.processed)


def test_every_edition_prints_every_passage_in_its_language_and_marks_it(shipped):
    """The researchers translated every publishable passage into every language an edition
    is published in: no edition prints a respondent's words in another language, and each
    passage's markup gives the language it is in."""
    found, known = shipped
    assert {(e.region, e.language) for e in found} >= {("eeca", "ru"), ("global", "es")}
    for edition in found:
        page = BeautifulSoup(edition.html.read_text(encoding="utf-8"), "html.parser")
        assert page.html["lang"] == edition.language
        shown = printed(page, known)
        assert shown, edition.html
        wrong = [(w, marked) for w, marked, _ in shown if marked != known[w]]
        assert not wrong, f"{edition.html}: passages marked with another language: {wrong[:3]}"
        foreign = [w for w, marked, in_print in shown if in_print and marked != edition.language]
        assert foreign == [], f"{edition.html}: printed in another language: {foreign[:3]}"


def test_a_passage_in_another_language_is_tagged_with_it_in_the_pdf(tmp_path):
    """A passage not (yet) translated is printed in its own language: the PDF the build's
    renderer makes gives its words that language (/Lang), and the page's words the page's."""
    html = (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Обзор</title>'
        "</head><body><main><h1>Обзор</h1><p>Услуги описаны так:</p>"
        '<p lang="en">A women-only drop-in centre in the capital.</p></main></body></html>'
    )
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(html_to_pdf(html))
    words = words_by_language(pdf)
    assert "A women-only drop-in centre in the capital." in words.get("en", "")
    assert "Услуги описаны так:" in words.get("ru", "")
    assert "drop-in" not in words.get("ru", "")


@pytest.mark.parametrize(
    ("region", "language", "written_in"),
    [
        ("eeca", "ru", "Russian"),
        ("eeca", "en", "Russian"),
        ("latin-america", "es", "Spanish"),
        ("latin-america", "en", "Spanish"),
    ],
)
def test_an_edition_prints_every_passage_in_its_own_language(shipped, region, language, written_in):
    """EECA's respondents wrote in Russian, Latin America's in Spanish, and the researchers
    translated every excerpt into English: no edition of either prints a respondent's
    passage in another language than its own."""
    found, known = shipped
    edition = next(e for e in found if (e.region, e.language) == (region, language))
    page = BeautifulSoup(edition.html.read_text(encoding="utf-8"), "html.parser")
    shown = printed(page, known)
    assert [w for w, _, in_print in shown if in_print], "no respondent's words found"
    assert [w for w, marked, in_print in shown if in_print and marked != language] == []
    originals = [w for w, _, in_print in shown if not in_print]
    text = page.get_text()
    # A translation says so, and keeps the respondent's own words beside it (web only).
    if language == "en":
        assert originals and all(known[w] != "en" for w in originals)
        assert f"translated from {written_in}" in text
    else:
        assert originals == [] and "translated" not in text
        assert page.select("details.original") == []  # no respondent's words beside them
