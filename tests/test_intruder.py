"""An intruder reads the rendered briefings and tries to recover what they withhold.

The intruder uses only the HTML a reader gets, never the package's tables: it
reads every published count and total, sets them up as linear constraints with
integer unknowns for the withheld cells, and asks HiGHS (scipy's milp) for the
least and greatest value of each withheld cell. A cell whose bounds meet is
disclosed. It also looks for a group (a named country) whose respondents can
all be shown to identify as women who use drugs, or all shown not to.
"""

from __future__ import annotations

import re
import shutil

import numpy as np
import pytest
import yaml
from bs4 import BeautifulSoup
from scipy.optimize import Bounds, LinearConstraint, milp

from conftest import REPO, copy_project, read_rows, rows_to_csv, run_build, selected_region_ids

WITHHELD = "withheld"


class Unknowns:
    """Integer unknowns (withheld cells) and the equalities the page publishes over them."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lower: list[int] = []
        self.upper: list[int] = []
        self.rows: list[tuple[dict[int, int], int]] = []

    def cell(self, text: str, name: str, lower: int, upper: int) -> int | str:
        """A published count as an int, or a new unknown's handle when withheld."""
        if text.strip() != WITHHELD:
            return int(re.match(r"\d+", text.strip()).group())
        self.names.append(name)
        self.lower.append(lower)
        self.upper.append(upper)
        return f"x{len(self.names) - 1}"

    def equals(self, terms: list[int | str], total: int | str) -> None:
        """sum(terms) == total, where unknowns are handles and the rest are numbers."""
        coefficients: dict[int, int] = {}
        constant = 0
        for term, sign in [*((t, 1) for t in terms), (total, -1)]:
            if isinstance(term, str):
                index = int(term[1:])
                coefficients[index] = coefficients.get(index, 0) + sign
            else:
                constant += sign * term
        self.rows.append((coefficients, -constant))

    def bounds(self) -> dict[str, tuple[int, int]]:
        size = len(self.names)
        if not size:
            return {}
        matrix = np.zeros((len(self.rows), size))
        rhs = np.zeros(len(self.rows))
        for r, (coefficients, value) in enumerate(self.rows):
            for index, c in coefficients.items():
                matrix[r, index] = c
            rhs[r] = value
        constraints = [LinearConstraint(matrix, rhs, rhs)] if self.rows else []
        found = {}
        for index, name in enumerate(self.names):
            ends = []
            for sign in (1, -1):
                objective = np.zeros(size)
                objective[index] = sign
                result = milp(
                    objective,
                    constraints=constraints,
                    integrality=np.ones(size),
                    bounds=Bounds(self.lower, self.upper),
                )
                assert result.success, f"the page's numbers are inconsistent: {result.message}"
                ends.append(round(result.x[index]))
            found[name] = (ends[0], ends[1])
        return found


def page(html: str) -> tuple[BeautifulSoup, str]:
    soup = BeautifulSoup(html, "html.parser")
    return soup, " ".join(soup.get_text(" ").split())


def table_by_caption(soup: BeautifulSoup, start: str):
    for table in soup.find_all("table"):
        if table.caption and table.caption.get_text(" ").strip().startswith(start):
            return table
    return None


def body_rows(table) -> list[tuple[str, list[str]]]:
    rows = []
    for row in table.find("tbody").find_all("tr"):
        label = row.find("th").get_text(" ").strip()
        rows.append((label, [td.get_text(" ").strip() for td in row.find_all("td")]))
    return rows


def service_map_rows(soup) -> list[str] | None:
    """The places the service map names, from its alt text; None when there is no map.

    The map has a row for every country of k or more respondents and one for the
    pool: so it tells the reader which countries are below k.
    """
    for image in soup.find_all("img"):
        alt = image.get("alt", "")
        if alt.startswith("Heatmap of") and "services designed for women" in alt:
            listed = alt.split(" were reported. ", 1)[1].rstrip(".")
            return [part.split(": ", 1)[0] for part in listed.split("; ")]
    return None


def threshold(soup) -> int:
    caption = table_by_caption(soup, "Respondents by country")
    text = caption.caption.get_text(" ") if caption else ""
    found = re.search(r"counts below (\d+)", text)
    return int(found.group(1)) if found else 3


def country_constraints(
    soup, unknowns: Unknowns, total: int, small: set[str] = frozenset()
) -> dict[str, int | str]:
    """Respondents per country, adding up to the printed total; each country at least 1.

    What the pages tell of a country's size bounds its count: a country named on
    the service map has k or more respondents; one left off it while the map is
    drawn, or named in ``small`` (e.g. by the world map), has fewer.
    """
    by_country = table_by_caption(soup, "Respondents by country")
    if by_country is None:
        return {}
    headers = [th.get_text(" ").strip() for th in by_country.find("thead").find_all("th")]
    assert not any("WUD" in h for h in headers), "WUD status broken down by country"
    k, rows = threshold(soup), service_map_rows(soup)
    countries = {}
    for country, cells in body_rows(by_country):
        low, high = 1, total
        if rows is not None and country in rows:
            low = k
        elif rows is not None or country in small:
            high = k - 1
        countries[country] = unknowns.cell(cells[0], f"respondents in {country}", low, high)
    unknowns.equals(list(countries.values()), total)
    return countries


def wud_constraints(soup, unknowns: Unknowns) -> None:
    """Rank 1 by WUD status, against the rank-1 counts the ranking table prints."""
    ranking = table_by_caption(soup, "Top issues at each rank")
    by_wud = table_by_caption(soup, "Rank 1, women who use drugs beside")
    if ranking is None or by_wud is None:
        return
    rank_one = {}
    for issue, cells in body_rows(ranking):
        n, ranked = map(int, re.match(r"(\d+) of (\d+)", cells[0]).groups())
        rank_one[issue] = n
    headers = [th.get_text(" ").strip() for th in by_wud.find("thead").find_all("th")]
    headers = [h for h in headers if "(n=" in h]
    groups = {
        h: unknowns.cell(re.search(r"\(n=(\w+)\)", h).group(1), f"n of {h}", 0, ranked)
        for h in headers
    }
    columns: dict[str, list] = {h: [] for h in headers}
    for issue, cells in body_rows(by_wud):
        row = [
            unknowns.cell(cell, f"{issue} / {header}", 0, ranked)
            for header, cell in zip(headers, cells, strict=True)
        ]
        for header, value in zip(headers, row, strict=True):
            columns[header].append(value)
        if issue in rank_one:
            unknowns.equals(row, rank_one[issue])
    for header, values in columns.items():
        unknowns.equals(values, groups[header])
    unknowns.equals(list(groups.values()), ranked)


def group_disclosures(text: str, countries: dict) -> list[str]:
    """A named country all (or none) of whose respondents are shown to be WUD."""
    wud = re.search(r"(\d+) of (\d+) \(\d+%\)\*?\*? of the respondents identify as women", text)
    if wud and countries and int(wud.group(1)) in (0, int(wud.group(2))):
        return ["every named country is all WUD, or none of it is"]
    return []


def attack(html: str) -> list[str]:
    """Everything the intruder recovers from one briefing page."""
    soup, text = page(html)
    total = int(re.search(r"(\d+) respondents? from", text).group(1))
    unknowns = Unknowns()
    countries = country_constraints(soup, unknowns, total)
    wud_constraints(soup, unknowns)
    pinned = [f"{name} is {low}" for name, (low, high) in unknowns.bounds().items() if low == high]
    return pinned + group_disclosures(text, countries)


def test_the_intruder_sees_the_naive_tables_through(tmp_path):
    """The attack itself works: it breaks yesterday's "<3" table with a printed total."""
    html = (
        "<p>17 respondents from 7 countries</p><table><caption>Respondents by country"
        "</caption><thead><tr><th></th><th>Respondents</th></tr></thead><tbody>"
        + "".join(f"<tr><th>{c}</th><td>3</td></tr>" for c in "ABC")
        + "".join(f"<tr><th>{c}</th><td>withheld</td></tr>" for c in "DEFG")
        + "</tbody></table>"
    )
    assert attack(html) == []  # four withheld cells summing to 8, each 1..5: safe
    lone = html.replace(
        "<td>withheld</td></tr><tr><th>E</th><td>withheld</td>",
        "<td>withheld</td></tr><tr><th>E</th><td>2</td>",
        1,
    )
    lone = lone.replace("<tr><th>F</th><td>withheld</td>", "<tr><th>F</th><td>2</td>")
    lone = lone.replace("<tr><th>G</th><td>withheld</td>", "<tr><th>G</th><td>2</td>")
    assert attack(lone) == ["respondents in D is 2"]


def test_the_intruder_knows_which_countries_the_service_map_leaves_out():
    """Four withheld countries summing to 8, each left off the service map (below 3): each 2."""
    table = (
        "<p>17 respondents from 7 countries</p><table><caption>Respondents by country (counts"
        " below 3, and counts from which they could be worked out, are withheld)</caption>"
        "<thead><tr><th></th><th>Respondents</th></tr></thead><tbody>"
        + "".join(f"<tr><th>{c}</th><td>3</td></tr>" for c in "ABC")
        + "".join(f"<tr><th>{c}</th><td>withheld</td></tr>" for c in "DEFG")
        + "</tbody></table>"
    )
    service_map = (
        '<img alt="Heatmap of 12 service types by 4 countries showing which services designed'
        ' for women who use drugs were reported. A: NSP; B: none; C: OST; Countries with fewer'
        ' than 3 respondents (pooled): OST.">'
    )
    assert attack(table) == []
    assert attack(table + service_map) == [f"respondents in {c} is 2" for c in "DEFG"]


def test_no_shipped_briefing_gives_away_a_withheld_cell(built_project):
    paths, report, _ = built_project
    for region_id in selected_region_ids():
        assert report.entries[region_id]["status"] == "built"
        html = (paths.outputs / region_id / "briefing.html").read_text(encoding="utf-8")
        assert attack(html) == [], region_id


def crafted(rows: list[list[str]], change) -> bytes:
    rows = [list(r) for r in rows]
    change(rows[2:])
    return rows_to_csv(rows).encode("utf-8")


def lone_moldovan(data):
    data[0][9] = "Moldova"  # one respondent, alone in her country


def belarus_all_wud(data):
    for row in data:
        if row[9] == "Belarus":
            row[10] = "Yes"


def everyone_wud(data):
    for row in data:
        row[10] = "Yes"


CRAFTED = {"lone": lone_moldovan, "all-wud-country": belarus_all_wud, "all-wud": everyone_wud}


@pytest.fixture(scope="module")
def crafted_build(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("intruder") / "p")
    regions = yaml.safe_load(paths.regions.read_text(encoding="utf-8"))
    eeca = next(r for r in regions["regions"] if r["id"] == "eeca")
    source = read_rows(REPO.synthetic / "eeca.csv")
    paths.exports.mkdir(parents=True)
    (paths.exports / "coding").mkdir()
    for name, change in CRAFTED.items():
        regions["regions"].append(eeca | {"id": f"eeca-{name}", "name": f"EECA ({name})"})
        (paths.exports / f"eeca-{name}.csv").write_bytes(crafted(source, change))
        shutil.copy(REPO.coding / "eeca.csv", paths.exports / "coding" / f"eeca-{name}.csv")
    paths.regions.write_text(yaml.safe_dump(regions, allow_unicode=True), encoding="utf-8")
    report, _ = run_build(paths, [f"eeca-{name}" for name in CRAFTED])
    return paths, report


@pytest.mark.parametrize("name", list(CRAFTED))
def test_no_crafted_briefing_gives_away_a_withheld_cell_or_a_group(crafted_build, name):
    paths, report = crafted_build
    assert report.entries[f"eeca-{name}"]["status"] == "built", report.entries[f"eeca-{name}"]
    html = (paths.outputs / f"eeca-{name}" / "briefing.html").read_text(encoding="utf-8")
    assert attack(html) == []


def test_a_lone_respondent_s_country_is_never_named_beside_her_answers(crafted_build):
    paths, _ = crafted_build
    soup, text = page((paths.outputs / "eeca-lone" / "briefing.html").read_text())
    assert "Moldova" in text  # she is counted and her country named among the surveyed
    for quote in soup.select("blockquote.quote footer"):
        assert "Moldova" not in quote.get_text()
    for heading in soup.find_all("strong"):
        assert heading.get_text().strip() != "Moldova"
    assert "except Moldova" not in text and "Moldova, where" not in text
    index = (paths.outputs / "index.html").read_text(encoding="utf-8")
    assert "Moldova" not in index
