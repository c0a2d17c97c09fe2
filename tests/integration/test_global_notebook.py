"""The global notebook run on a real kernel over every built region: its sections,
figures, world map and services directory."""

from __future__ import annotations

import csv
import io
import re
import time

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from matplotlib.colors import to_hex

from support.project import copy_project, selected_region_ids
from support.rows import read_rows
from wud_briefings.analysis import load
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display import directory, maps, narrative
from wud_briefings.analysis.figures import across_regions, metrics
from wud_briefings.core import language
from wud_briefings.core.paths import ROOT_VARIABLE
from wud_briefings.survey.countries import short_name, to_iso3

POLICY = DisclosurePolicy(3)


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def table_rows(html: str, caption: str) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    table = next(
        t for t in soup.find_all("table") if t.caption and t.caption.get_text().startswith(caption)
    )
    header = [
        th.get_text(" ").strip() for th in table.find("thead").find_all("tr")[0].find_all("th")
    ]
    rows = {
        tr.find("th").get_text(" ").strip(): [td.get_text(" ").strip() for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }
    return {"": header[1:], **rows}


def image_alts(html: str) -> list[str]:
    return [img["alt"] for img in BeautifulSoup(html, "html.parser").find_all("img")]


def expected_directory(paths, regions) -> set[tuple[str, ...]]:
    """What the directory must list, worked out from the raw export and coding sheet.

    The pooling rule, restated: a country of k or more respondents by name; smaller ones
    under the pool when it holds two countries or more and k respondents or more;
    otherwise nowhere.
    """
    expected = set()
    for region_id in selected_region_ids():
        region = regions[region_id]
        export = read_rows(paths.root / region.export)
        country_of = {row[0]: to_iso3(row[9], region.survey_languages) for row in export[2:]}
        sizes = pd.Series(country_of).value_counts()
        small = sizes[sizes < POLICY.k]
        pooled = len(small) >= 2 and small.sum() >= POLICY.k
        for row in csv.DictReader(io.StringIO((paths.root / region.coding).read_text("utf-8"))):
            if row["question"] != "services" or row["publishable"] != "yes":
                continue
            iso3 = country_of[row["respondent_id"]]
            if sizes[iso3] >= POLICY.k:
                place = short_name(iso3)
            elif pooled:
                place = POLICY.pooled_label()
            else:
                continue
            expected.add(
                (region.name, place, row["excerpt"], row["language"], row["translation_en"])
            )
    return expected


@pytest.fixture
def in_project(built_project, monkeypatch):
    """Package calls read the built project copy, as its kernels do."""
    paths, _, _ = built_project
    monkeypatch.setenv(ROOT_VARIABLE, str(paths.root))
    return paths


def test_the_global_notebook_runs_and_shows_every_section(global_briefing):
    executed, html, _ = global_briefing
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    charts = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(charts) == 3  # who knew, the first ranks, the world map
    assert all(o["metadata"]["image/svg+xml"]["alt"] for o in charts)
    assert not [o for o in outputs if "image/png" in o.get("data", {})]
    text = text_of(html)
    for heading in (
        "Respondents",
        "Who knew of services designed for women who use drugs",
        "Key barriers to access",
        "Services across regions",
        "Where services were reported",
        "Services named by respondents",
        "Limitations",
    ):
        assert heading in text
    for broken in (": .", ", .", "nan", "None", "Error", "{"):
        assert broken not in text, broken


def test_the_title_banner_and_limitations_mark_each_synthetic_region(global_briefing, regions):
    _, html, _ = global_briefing
    soup = BeautifulSoup(html, "html.parser")
    banner = soup.body.find(class_="synthetic-banner")
    assert banner is not None and "Synthetic data" in banner.get_text()
    assert soup.title.get_text().startswith("Global briefing")
    assert "natural-earth/countries-110m.json (SHA-256 2516c915867c" in text_of(html)
    text = text_of(html)
    for region_id in selected_region_ids():
        name = regions[region_id].name
        assert text.count(f"Synthetic data: {name}.") == 1
        month = language.survey_month(regions[region_id].survey_month)
        assert f"{name} in {month}" in text or f"{name} ({month})" in text
    assert "Missing" not in text  # every region built


def test_each_region_s_figures_are_its_regional_briefing_s(built_project, global_briefing):
    """Respondents and who knew of services, read from both pages, for every region."""
    paths, _, _ = built_project
    executed, html, _ = global_briefing
    by_region = table_rows(html, "Respondents by region")
    respondents_at = by_region[""].index("Respondents")
    knew_alt = next(a for a in image_alts(html) if a.startswith("Bar chart of the share"))
    shown = [
        o["data"].get("text/plain", "")
        for c in executed.cells
        for o in c.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]
    assert knew_alt in shown  # the executed notebook carries the same alt text
    for region_id in selected_region_ids():
        regional = text_of((paths.outputs / region_id / "briefing.html").read_text())
        title = regional.split(": harm reduction services")[0]
        n = int(re.search(r"(\d+) respondents? from", regional).group(1))
        knew = re.search(
            r"(\d+ of \d+ \(\d+%\)) of the respondents knew of harm reduction", regional
        ).group(1)
        assert by_region[title][respondents_at] == str(n), region_id
        assert f"{title} {knew}" in knew_alt, region_id


def test_every_surveyed_country_is_drawn_and_shaded_as_reported(global_briefing, in_project):
    """From the figure the notebook drew (its patches), against country_status."""
    _, _, drawn = global_briefing
    inputs = load.global_materials("", "")
    status = across_regions.country_status(inputs.surveys, inputs.codebook, POLICY)
    drawable = set(inputs.boundaries["iso3"].dropna())
    assert len(status) >= 40
    for iso3, row in status.iterrows():
        if iso3 in drawable:
            assert drawn[iso3] == to_hex(maps.COLOURS[row["status"]]), (iso3, row["status"])
    others = {to_hex(c) for iso3, c in drawn.items() if iso3 not in status.index}
    assert others == {to_hex(maps.COLOURS[maps.NOT_SURVEYED])}
    assert status.loc["RUS", "status"] == maps.NO_SERVICE  # EECA: every country but Russia
    assert status.loc["UKR", "status"] == maps.SERVICE
    assert status.loc["MNE", "status"] == maps.FEW


def test_the_world_map_reaches_the_html_with_alt_text_naming_countries(global_briefing):
    _, html, _ = global_briefing
    soup = BeautifulSoup(html, "html.parser")
    world = [i for i in soup.find_all("img") if i["alt"].startswith("World map")]
    assert len(world) == 1 and world[0]["src"].startswith("data:image/svg+xml;base64,")
    alt = world[0]["alt"]
    assert "None was reported in Mexico and Russia." in alt
    assert "Belarus" in alt and "Ukraine" in alt and "Montenegro" in alt
    assert not soup.find_all(["script", "iframe"])
    assert not re.search(r"(src|href)=[\"']https?:", html)
    assert "default-src 'none'" in html


def test_the_directory_lists_exactly_the_publishable_named_services(in_project, regions, tmp_path):
    inputs = load.global_materials("", "")
    csv_path, xlsx_path = directory.write_services_directory(
        across_regions.services_directory(inputs.surveys, POLICY), tmp_path
    )
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    listed = {
        (r["region"], r["country"], r["service"], r["language"], r["translation_en"]) for r in rows
    }
    assert len(listed) == len(rows)  # each once
    assert listed == expected_directory(in_project, regions)
    from_briefings = {
        (s.region.name, place, excerpt.text)
        for s in inputs.surveys
        for place, excerpts in metrics.named_services(s.data, POLICY).items()
        for excerpt in excerpts
    }
    assert {row[:3] for row in listed} == from_briefings
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert [tuple(c.value or "" for c in row) for row in sheet.iter_rows(min_row=2)] == [
        tuple(r.values()) for r in rows
    ]
    # never a country below k by name, as a place or in the text
    for survey in inputs.surveys:
        sizes = metrics.country_sizes(survey.data)
        small = set(sizes[sizes < POLICY.k].index)
        for r in rows:
            if r["region"] == survey.region.name:
                assert r["country"] not in small
                assert not [c for c in small if c in r["service"]], (r, small)


NONE = (None, None, None)  # no translation


def test_the_directory_files_are_the_same_bytes_for_the_same_data(tmp_path):
    frame = pd.DataFrame(
        [
            [
                "Region",
                "Country",
                '=HYPERLINK("http://x.example","click")',
                "en",
                *NONE,
                "synthetic",
            ],
            ["Region", "Country", "Кризисный центр «Вместе»; +1 line", "ru", *NONE, "survey"],
        ],
        columns=across_regions.DIRECTORY_COLUMNS,
    )
    first = [p.read_bytes() for p in directory.write_services_directory(frame, tmp_path / "a")]
    time.sleep(2.1)  # zip timestamps have a 2-second resolution
    second = [p.read_bytes() for p in directory.write_services_directory(frame, tmp_path / "b")]
    assert first == second
    text = first[0].decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "region,country,service,language,translation_en,translation_es,translation_ru,data"
    )
    assert "'=HYPERLINK" in text and "Кризисный" in text  # a formula stays text
    cell = openpyxl.load_workbook(tmp_path / "a" / "services.xlsx").active["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_regions_that_failed_their_gate_or_were_never_built_are_named(
    built_project, tmp_path, monkeypatch
):
    paths, _, _ = built_project
    monkeypatch.setenv(ROOT_VARIABLE, str(paths.root))
    inputs = load.global_materials("", "africa")
    assert "Africa (East, West and Southern)" not in {s.region.name for s in inputs.surveys}
    assert [(m.region.id, m.reason) for m in inputs.left_out] == [("africa", load.NOT_PASSED)]
    chosen = load.global_materials("eeca, asia", "")
    assert [s.region.id for s in chosen.surveys] == ["asia", "eeca"] and not chosen.left_out
    with pytest.raises(KeyError):
        load.global_materials("atlantis", "")
    empty = copy_project(tmp_path / "empty")
    nothing = load.global_materials("", "", empty)  # as the build calls it: its project's paths
    assert not nothing.surveys
    assert {m.reason for m in nothing.left_out} == {load.NOT_PROCESSED}
    table = across_regions.regions_table(nothing.surveys, POLICY)
    text = narrative.global_respondents_text(table, nothing.left_out)
    assert "No region's data could be used" in text and "Eastern Europe and Central Asia" in text
    limitations = narrative.global_limitations_text(table, nothing.left_out, POLICY)
    assert limitations.count("- **Missing: ") == len(nothing.left_out)
