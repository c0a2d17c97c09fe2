"""The briefings, built through the real gate, Papermill, kernel, nbconvert and WeasyPrint,
then read back as a reader would: parsed HTML and PDF text and images."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from support.project import copy_project, selected_region_ids
from wud_briefings.core.paths import ROOT_VARIABLE

EECA_COUNTRIES = [
    "Montenegro",
    "Russia",
    "Belarus",
    "Kyrgyzstan",
    "Kazakhstan",
    "Georgia",
    "Ukraine",
]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))


@pytest.fixture(scope="module")
def eeca(built_project):
    paths, report, _ = built_project
    if "eeca" not in report.entries:
        pytest.skip("EECA not among WUD_TEST_REGIONS")
    folder = paths.outputs / "eeca"
    html = (folder / "briefing.html").read_text(encoding="utf-8")
    return html, PdfReader(folder / "briefing.pdf")


def test_every_selected_region_is_built(built_project):
    paths, report, log = built_project
    assert set(report.entries) == set(selected_region_ids())
    assert not report.failed, report.failed
    for region_id in report.entries:
        for name in ("briefing.ipynb", "briefing.html", "briefing.pdf"):
            assert (paths.outputs / region_id / name).stat().st_size > 1000
    assert "executing" in log and "rendering" in log and "done" in log


def test_eeca_html_shows_the_published_figures(eeca):
    text = text_of(eeca[0])
    assert "17 respondents from 7 countries" in text
    for country in EECA_COUNTRIES:
        assert country in text
    assert "11 of 17 (65%) of the respondents identify as women who use drugs" in text
    assert (
        "13 of 17 (76%) of the respondents knew of harm reduction services designed for women "
        "who use drugs" in text
    )
    # The report's "every country but Russia", without describing countries below k.
    assert "every country with 3 or more respondents except Russia, where none were" in text
    assert "15 respondents ranked at least one" in text
    assert "10 of 15 (67%) named lack of access to harm reduction services" in text
    assert "4 of 15 (27%) criminalisation of drug use" in text
    assert "1 of 15 (7%) gender-based violence" in text
    assert "Juventas" in text and "WINGS" in text


def test_eeca_html_is_self_contained_accessible_and_clean(eeca):
    html = eeca[0]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    assert "Eastern Europe and Central Asia" in soup.title.get_text()
    assert not soup.find_all(["script", "iframe"])
    assert all(link["href"].startswith("data:") for link in soup.find_all("link"))
    images = soup.find_all("img")
    assert len(images) == 3  # the locator map, the service map, the barriers
    for image in images:
        assert image["src"].startswith("data:image/svg+xml;base64,")
        assert len(image["alt"]) > 40 and "No description" not in image["alt"]
    locator = images[0]["alt"]
    assert locator.startswith("Locator map of Eastern Europe and Central Asia")
    assert "the 7 countries surveyed shaded: " in locator
    assert all(country in locator for country in EECA_COUNTRIES)
    # right after the table that lists the same countries
    table = soup.find("caption", string=re.compile("^Respondents by country")).find_parent("table")
    assert table.find_next("img") is images[0]
    assert not re.search(r"(src|href)=[\"']https?:", html)
    assert "injected-parameters" not in html and "briefing.title()" not in html
    first = soup.body.find(class_="synthetic-banner")
    assert first is not None and "Synthetic data" in first.get_text()
    # landmarks: the skip link, the header with the editions' nav, the briefing, and the
    # colophon as the page's footer
    parts = soup.body.find_all(recursive=False)
    assert [part.name for part in parts] == ["a", "header", "main", "footer"]
    assert parts[1].nav is not None and parts[2]["id"] == "briefing"
    assert "About this briefing" in parts[3].get_text() and "About this" not in parts[2].get_text()


def test_each_chart_is_a_captioned_figure_with_its_data_table(eeca):
    """The caption and the table are in the chart's figure, marked up as a reader's software
    expects: column headers in the head, each row named by its first cell, in a box a
    keyboard reaches, named by the caption, under a label a reader opens."""
    soup = BeautifulSoup(eeca[0], "html.parser")
    images = soup.find_all("img")
    for image in images:
        figure = image.find_parent("figure", class_="chart")
        caption = figure.find("figcaption", recursive=False).get_text()
        details = figure.find("details", class_="chart-data", recursive=False)
        assert details.summary.get_text() == "Data table"
        box = details.find("div", class_="table-scroll")
        assert box["tabindex"] == "0" and box["role"] == "region" and box["aria-label"] == caption
        head = [th["scope"] for th in box.table.thead.find_all("th")]
        rows = box.table.tbody.find_all("tr")
        assert head and set(head) == {"col"} and rows, caption
        for row in rows:
            assert row.find(["th", "td"])["scope"] == "row", caption
            assert len(row.find_all(["th", "td"])) == len(head), caption
    tables = {
        f.figcaption.get_text(): [
            [c.get_text() for c in r.find_all(["th", "td"])] for r in f.find_all("tr")
        ]
        for f in soup.find_all("figure", class_="chart")
    }
    locator = tables["Countries surveyed in Eastern Europe and Central Asia"]
    assert locator == [["Country surveyed"], *sorted([c] for c in EECA_COUNTRIES)]
    barriers = tables["Top issues limiting access to harm reduction services, by rank"]
    assert barriers[0][:2] == ["Issue", "Rank 1"]
    assert barriers[1][:2] == ["Lack of access to harm reduction services", "10 of 15 (67%)"]


def test_eeca_pdf_has_text_vector_charts_and_metadata(eeca, built_project):
    reader = eeca[1]
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "17 respondents from 7 countries" in text
    assert "13 of 17 (76%)" in text and "10 of 15 (67%)" in text
    assert "Juventas" in text and "WINGS" in text
    assert "Criminalisation means that HR services are" in text  # the researchers' English
    # The Russian edition quotes the respondents' own words, in a font with the glyphs.
    russian = PdfReader(built_project.paths.outputs / "eeca" / "briefing.ru.pdf")
    assert "Криминализация" in " ".join(page.extract_text() for page in russian.pages)
    assert "Synthetic data" in text
    # the charts are vectors, their words text: no image, and every title found
    assert not [image for page in reader.pages for image in page.images]
    assert "Countries surveyed in Eastern Europe and Central Asia" in text
    assert "Services designed for women who use drugs reported in Eastern" in text
    assert "Top issues limiting access to harm reduction services, by rank" in text
    # the sentence, the table, its name on the map and the map's data table
    assert text.count("Montenegro") == 4
    # a draft (never signed off) is not published: its cover gives no publication date
    assert "Published" not in text and "Not yet signed off" in text
    assert "Eastern Europe and Central Asia" in reader.metadata.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root


def test_manifest_and_index(built_project):
    paths, report, _ = built_project
    manifest = json.loads((paths.outputs / "manifest.json").read_text())
    for region_id in report.entries:
        recorded = manifest["regions"][region_id]
        assert recorded["status"] == "built"
        assert all(len(h) == 64 for h in recorded["inputs"].values())
        assert recorded["parameters"]["region"] == region_id and recorded["parameters"]["k"] == 3
        assert {"validate_s", "execute_s", "render_s"} <= set(recorded["timings"])
    assert manifest["packages"]["papermill"] and manifest["packages"]["great-expectations"]
    soup = BeautifulSoup((paths.outputs / "index.html").read_text(), "html.parser")
    links = {a["href"] for a in soup.find_all("a")}
    for region_id in report.entries:
        assert {
            f"{region_id}/briefing.html",
            f"{region_id}/briefing.pdf",
            f"validation/{region_id}.json",
            f"validation/{region_id}/index.html",
        } <= links
    for link in links:
        assert (paths.outputs / link).exists(), link
    if "eeca" in report.entries:
        assert "17 respondents from 7 countries" in soup.get_text()


def test_no_absolute_paths_or_gx_values_in_outputs(built_project):
    paths, _, _ = built_project
    root = str(paths.root)
    for file in paths.outputs.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".json", ".ipynb"}:
            text = file.read_text(encoding="utf-8", errors="replace")
            assert root not in text, file
            assert "/tmp/" not in text and "/root/" not in text, file
            assert '"unexpected_list"' not in text and '"partial_unexpected' not in text, file


def test_executed_notebook_keeps_parameters_without_paths(built_project):
    paths, report, _ = built_project
    region_id = next(iter(report.entries))
    notebook = json.loads((paths.outputs / region_id / "briefing.ipynb").read_text())
    assert notebook["metadata"]["papermill"]["parameters"]["region"] == region_id
    assert "input_path" not in notebook["metadata"]["papermill"]
    assert [c["id"] for c in notebook["cells"]][:2] == ["cell-000", "cell-001"]


def test_notebook_runs_top_to_bottom_with_its_defaults(built_project, tmp_path):
    paths, report, _ = built_project
    if "eeca" not in report.entries:
        pytest.skip("the notebook's default region, eeca, is not among WUD_TEST_REGIONS")
    jupyter = Path(sys.executable).with_name("jupyter")
    # The kernel the notebook names, as `make lab` installs it (here in a scratch prefix).
    kernel = nbformat.read(paths.notebooks / "briefing.ipynb", as_version=4).metadata.kernelspec
    install = [sys.executable, "-m", "ipykernel", "install", "--prefix", str(tmp_path / "k")]
    subprocess.run([*install, "--name", kernel.name], check=True, capture_output=True, timeout=120)
    result = subprocess.run(
        [
            str(jupyter),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            str(paths.notebooks / "briefing.ipynb"),
            "--output-dir",
            str(tmp_path),
        ],
        env=os.environ
        | {ROOT_VARIABLE: str(paths.root), "JUPYTER_PATH": str(tmp_path / "k/share/jupyter")},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(tmp_path / "briefing.ipynb", as_version=4)
    shown = json.dumps([c.get("outputs", []) for c in executed.cells])
    assert "17 respondents" in shown and "image/svg+xml" in shown


def test_the_notebook_says_how_to_make_missing_data(tmp_path, monkeypatch):
    from wud_briefings.analysis.load import regional_materials

    monkeypatch.setenv(ROOT_VARIABLE, str(copy_project(tmp_path / "p").root))
    with pytest.raises(FileNotFoundError, match="run `make briefings` first"):
        regional_materials("eeca")
