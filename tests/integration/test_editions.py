"""Each briefing in each language it is published in, as the build publishes it: recorded,
linked, in its language on the page and in the PDF, and with the English edition's figures."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from pypdf import PdfReader

from support.pages import numbers
from support.project import selected_region_ids
from wud_briefings.analysis.disclosure.suppression import WITHHELD
from wud_briefings.core import language as language_
from wud_briefings.core.editions import autonym, edition_file, edition_kind
from wud_briefings.core.language import alphabetical, using
from wud_briefings.core.translation_review import review_state
from wud_briefings.survey.countries import short_name
from wud_briefings.survey.regions import global_languages, load_regions

CYRILLIC = re.compile("[А-Яа-яЁё]")


def briefings(paths) -> dict[str, list[str]]:
    """Each briefing under test (its folder under outputs/), and its languages."""
    regions = load_regions(paths)
    chosen = {r: list(regions[r].languages) for r in selected_region_ids()}
    return chosen | {"global": global_languages(regions[r] for r in selected_region_ids())}


NAMES = {"es": "Spanish", "ru": "Russian"}  # as the English index names them


def test_every_edition_is_published_recorded_and_listed(built_project):
    paths, _, _ = built_project
    manifest = json.loads((paths.outputs / "manifest.json").read_text(encoding="utf-8"))
    index = (paths.outputs / "index.html").read_text(encoding="utf-8")
    for folder, languages in briefings(paths).items():
        entry = manifest["global"] if folder == "global" else manifest["regions"][folder]
        for language in languages:
            for kind, name in (
                ("html", "briefing.html"),
                ("pdf", "briefing.pdf"),
                ("notebook", "briefing.ipynb"),
            ):
                published = f"{folder}/{edition_file(name, language)}"
                assert entry["outputs"][edition_kind(kind, language)] == published
                assert (paths.outputs / published).is_file()
                assert f'href="{published}"' in index, published
    assert "ru" in briefings(paths).get("eeca", ["ru"])  # regions.yaml asks for Russian


def test_each_edition_says_its_language_and_links_to_the_others(built_project):
    paths, _, _ = built_project
    for folder, languages in briefings(paths).items():
        for language in languages:
            page = paths.outputs / folder / edition_file("briefing.html", language)
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.html["lang"] == language
            links = soup.select("nav.languages a")
            assert {a["hreflang"] for a in links} == set(languages) - {language}
            for link in links:
                assert (page.parent / link["href"]).is_file()
                assert link.get_text() == autonym(link["hreflang"])
            banner = soup.select_one(".briefing-banner").get_text()
            assert banner.endswith(f"· {autonym(language)}"), banner


def test_each_edition_prints_the_english_edition_s_figures(built_project):
    paths, _, _ = built_project
    compared = 0
    for folder, languages in briefings(paths).items():
        english = (paths.outputs / folder / "briefing.html").read_text(encoding="utf-8")
        for language in languages:
            page = paths.outputs / folder / edition_file("briefing.html", language)
            assert numbers(page.read_text(encoding="utf-8")) == numbers(english), page
            compared += language != "en"
    assert compared > 0


def test_each_pdf_names_its_language_and_embeds_every_font(built_project):
    paths, _, _ = built_project
    for folder, languages in briefings(paths).items():
        for language in languages:
            pdf = PdfReader(paths.outputs / folder / edition_file("briefing.pdf", language))
            assert pdf.trailer["/Root"]["/Lang"] == language
            for page in pdf.pages:
                for font in page["/Resources"]["/Font"].values():
                    font = font.get_object()
                    descendant = font.get("/DescendantFonts", [font])[0].get_object()
                    descriptor = descendant["/FontDescriptor"].get_object()
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
            if language == "ru":  # set in an embedded font, and extractable as text
                text = "".join(page.extract_text() for page in pdf.pages)
                assert len(CYRILLIC.findall(text)) > 500, folder


def test_the_crate_gives_each_edition_s_files_their_language(built_project):
    paths, _, _ = built_project
    crate = json.loads((paths.outputs / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    files = {e["@id"]: e for e in crate["@graph"] if e.get("@type") == "File"}
    for folder, languages in briefings(paths).items():
        for language in languages:
            for name in ("briefing.html", "briefing.pdf", "briefing.ipynb"):
                published = f"{folder}/{edition_file(name, language)}"
                assert files[published]["inLanguage"] == language, published


def test_every_edition_withholds_the_same_cells(built_project):
    """Row by row, the same countries in the same order and the same cells withheld: an
    intruder who reads two editions of a region learns nothing one of them does not say."""
    paths = built_project[0]
    regions = load_regions(paths)
    compared = 0
    for folder, languages in briefings(paths).items():
        if folder == "global":
            continue
        seen = set()
        for language in languages:
            page = paths.outputs / folder / edition_file("briefing.html", language)
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            with using(language):
                withheld = language_._(WITHHELD)
                codes = {short_name(c): c for c in regions[folder].countries}
            # the tables of numbers (a chart's data table, in the language's order, prints
            # what its chart draws from these tables' protected cells)
            tables = [t for t in soup.select("table") if not t.find_parent("figure")]
            rows = []
            for table in tables:
                for row in table.select("tbody tr"):
                    label = row.find("th").get_text(" ").strip() if row.find("th") else ""
                    cells = tuple(td.get_text(" ").strip() == withheld for td in row.select("td"))
                    rows.append((codes.get(label, f"row {len(rows)}"), cells))
            seen.add(tuple(rows))
        assert len(seen) == 1, folder
        compared += len(languages) > 1
    assert compared > 0 or not {"eeca", "latin-america"} & set(selected_region_ids())


def test_each_translated_edition_and_the_index_say_how_far_its_translation_is_reviewed(
    built_project,
):
    """Nobody has reviewed the shipped catalogs: each Spanish and Russian edition's colophon
    says how many of its entries a person reviewed (none), and the index says the same."""
    paths, _, _ = built_project
    index = BeautifulSoup((paths.outputs / "index.html").read_text("utf-8"), "html.parser")
    listed = re.sub(r"\s+", " ", index.get_text(" "))
    pages = sorted(paths.outputs.glob("*/briefing.*.html"))
    assert {p.name for p in pages} == {"briefing.es.html", "briefing.ru.html"}
    for page in pages:
        language = page.suffixes[0].strip(".")
        state = review_state(language)
        assert state.entries > 250 and state.reviewed == 0
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        colophon = re.sub(r"\s+", " ", soup.find("section", class_="colophon").get_text(" "))
        found = re.search(rf"\b{state.reviewed} (?:из|de|de las) {state.entries}\b", colophon)
        assert found, (page, colophon[-400:])
        assert (
            f"Translation ({NAMES[language]}): 0 of {state.entries} catalog entries reviewed "
            "by a person." in listed
        )
    english = (paths.outputs / "eeca" / "briefing.html").read_text("utf-8")
    assert "reviewed by a person" not in english  # the source language has no translation


def test_the_index_is_in_every_language_linked_to_the_others_with_the_same_figures(
    built_project,
):
    """index.html, index.es.html and index.ru.html: each says its language, links to the
    other two (hreflang), names each region in its language and lists that language's
    edition first, the regions in its alphabetical order; every number each prints is one
    the English index prints (so the translated
    pages tell an intruder nothing the English one, which the privacy tests attack, does
    not)."""
    paths, _, _ = built_project
    regions = load_regions(paths)
    english = (paths.outputs / "index.html").read_text(encoding="utf-8")
    for language in language_.LANGUAGES:
        page = (paths.outputs / edition_file("index.html", language)).read_text("utf-8")
        soup = BeautifulSoup(page, "html.parser")
        assert soup.html["lang"] == language
        others = {a["hreflang"]: a["href"] for a in soup.select("nav.languages a")}
        assert others == {
            other: edition_file("index.html", other)
            for other in language_.LANGUAGES
            if other != language
        }
        alternates = {link["hreflang"] for link in soup.find_all("link", rel="alternate")}
        assert alternates == set(others)
        with using(language):
            names = [regions[r].name for r in selected_region_ids()]
        cells = [td.get_text(" ", strip=True) for td in soup.select("tbody tr td:first-child")]
        assert set(names) <= set(cells), (language, cells)
        regional = cells[1:]  # the global briefing's row first, then the regions
        assert regional == sorted(regional, key=alphabetical), (language, regional)
        assert sorted(numbers(page)) == sorted(numbers(english)), language
        if language != "en":
            eeca_or_latin = [
                r for r in ("eeca", "latin-america") if language in regions[r].languages
            ]
            for region_id in eeca_or_latin:
                with using(language):
                    name = regions[region_id].name
                row = next(
                    tr for tr in soup.select("tbody tr") if tr.td.get_text(strip=True) == name
                )
                first = row.find_all("td")[3].get_text(" ", strip=True)
                assert first.startswith(autonym(language)), (language, first[:40])
