"""An intruder who reads whole published pages and solves for what they withhold.

The intruder uses only what a reader gets, never the package's tables: the
region's briefing, and when given the global briefing, the index and the
services directory. Every integer those pages print about the region becomes
a constraint: totals and counts as equalities, and the sizes of groups stated
anywhere ("2 of 14 (14%) preferred not to say", "n=10", a country left off the
service map) as bounds on the cells that describe the group. For every withheld
cell HiGHS (scipy's milp) finds the least and greatest value the constraints
allow; a cell whose bounds meet is disclosed. It also reports a region, or a
country, whose respondents are derivably all women who use drugs, or none.

The column labels and the questionnaire's issues are public (they are printed),
so the intruder takes them from the package to stay in step with its wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from bs4 import BeautifulSoup
from scipy.optimize import Bounds, LinearConstraint, milp

from wud_briefings.analysis.metrics import OTHER_RESPONDENTS, WUD_GROUPS
from wud_briefings.core.paths import PROJECT_ROOT, ProjectPaths
from wud_briefings.survey.codebook import Codebook

WITHHELD = "withheld"
_RANKING = Codebook.load(ProjectPaths(PROJECT_ROOT).codebook).question("barrier_rank")
ISSUES = [_RANKING.master_option(code) for code in _RANKING.options]
# Which answers to question 2 each column of the rank-1 table holds.
COLUMN_GROUPS = {
    WUD_GROUPS["yes"]: ("yes",),
    WUD_GROUPS["no"]: ("no",),
    WUD_GROUPS["prefer_not_to_say"]: ("prefer_not_to_say",),
    OTHER_RESPONDENTS: ("no", "prefer_not_to_say"),
}

GLOBAL_WUD_COLUMN = "Identify as women who use drugs"

Term = int | str  # a printed number, or the handle of an unknown


class Unknowns:
    """Integer unknowns (withheld cells) and the equalities the pages publish over them."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lower: list[int] = []
        self.upper: list[int] = []
        self.rows: list[tuple[dict[int, int], int]] = []

    def cell(self, text: str, name: str, lower: int, upper: int) -> Term:
        """A published count as an int, or a new unknown's handle when withheld."""
        if text.strip() != WITHHELD:
            return int(re.match(r"\d+", text.strip()).group())
        self.names.append(name)
        self.lower.append(lower)
        self.upper.append(upper)
        return f"x{len(self.names) - 1}"

    def bound(self, term: Term, lower: int, upper: int) -> None:
        """What the pages tell of a term's range (a printed number must lie in it)."""
        if isinstance(term, int):
            assert lower <= term <= upper, f"the pages disagree: {term} not in {lower}..{upper}"
            return
        index = int(term[1:])
        self.lower[index] = max(self.lower[index], lower)
        self.upper[index] = min(self.upper[index], upper)

    def equals(self, terms: list[Term], total: Term) -> None:
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
        """Each unknown's least and greatest value under every constraint."""
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
                assert result.success, f"the pages' numbers are inconsistent: {result.message}"
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


def header_cells(table) -> list[str]:
    """The column headers of a table's first header row, after the index's corner."""
    first = table.find("thead").find("tr")
    return [th.get_text(" ").strip() for th in first.find_all("th")]


def body_rows(table) -> list[tuple[str, list[str]]]:
    rows = []
    for row in table.find("tbody").find_all("tr"):
        label = row.find("th").get_text(" ").strip()
        rows.append((label, [td.get_text(" ").strip() for td in row.find_all("td")]))
    return rows


def image_alts(soup: BeautifulSoup) -> list[str]:
    return [image.get("alt", "") for image in soup.find_all("img")]


def listed_in(text: str, name: str) -> bool:
    """Whether a list written by babel ("A, B, and C") names ``name`` (which may hold "and")."""
    return re.search(rf"(^|, |,? and ){re.escape(name)}(,|$| and )", text) is not None


def round_half_up(value: float) -> int:
    return int(np.floor(value + 0.5 + 1e-9))


def count_from_share(share: int, total: int) -> int | None:
    """The count a rounded share of a printed total stands for, when only one fits."""
    fits = [c for c in range(total + 1) if round_half_up(100 * c / total) == share]
    return fits[0] if len(fits) == 1 else None


def issue_named(text: str) -> str | None:
    """The questionnaire's issue a sentence names (it may lower-case the first letter)."""
    return next((i for i in ISSUES if i.lower() == text.strip().lower()), None)


@dataclass
class PrintedRegion:
    """Everything the pages print about one region, as the intruder collects it."""

    name: str = ""
    respondents: int | None = None
    wud: int | None = None  # said yes to question 2
    prefer_not: int | None = None
    first_ranked: int | None = None  # respondents who gave a first rank
    rank_one: dict[str, int] = field(default_factory=dict)  # issue -> rank-1 count
    large: set[str] = field(default_factory=set)  # countries known to have k or more
    few: str = ""  # the world map's list of countries with fewer than k
    only_large_named: bool = False  # the service map names every country of k or more
    uniform: list[str] = field(default_factory=list)  # group disclosures found

    def learn(self, what: str, value: int | None) -> None:
        """A figure from one page; two pages that print it differently are a bug."""
        if value is None:
            return
        known = getattr(self, what)
        assert known in (None, value), f"the pages disagree on {what}: {known} and {value}"
        setattr(self, what, value)

    def learn_rank_one(self, issue: str | None, count: int | None) -> None:
        if issue is None or count is None:
            return
        known = self.rank_one.setdefault(issue, count)
        assert known == count, f"the pages disagree on {issue} at rank 1: {known} and {count}"

    def learn_wud(self, wud: int, total: int, where: str) -> None:
        self.learn("wud", wud)
        self.learn("respondents", total)
        if wud in (0, total):
            self.uniform.append(f"{self.name}: all respondents, or none, are WUD ({where})")

    def group_size(self, statuses: tuple[str, ...]) -> int | None:
        """How many respondents gave these answers to question 2, if the pages tell."""
        if None in (self.respondents, self.wud, self.prefer_not):
            return None
        sizes = {
            "yes": self.wud,
            "no": self.respondents - self.wud - self.prefer_not,
            "prefer_not_to_say": self.prefer_not,
        }
        return sum(sizes[s] for s in statuses)


def threshold(soup) -> int:
    caption = table_by_caption(soup, "Respondents by country")
    text = caption.caption.get_text(" ") if caption else ""
    found = re.search(r"counts below (\d+)", text)
    return int(found.group(1)) if found else 3


def read_regional(html: str) -> tuple[BeautifulSoup, PrintedRegion]:
    """The region's own briefing: its paragraphs, tables and charts' alt text."""
    soup, text = page(html)
    heading = soup.find("h1")
    name = heading.get_text(" ").split(": harm reduction services")[0].strip() if heading else ""
    region = PrintedRegion(name=name)
    region.learn("respondents", int(re.search(r"(\d+) respondents? from", text).group(1)))
    wud = re.search(r"(\d+) of (\d+) \(\d+%\) of the respondents identify as women", text)
    if wud:
        region.learn_wud(int(wud.group(1)), int(wud.group(2)), "regional briefing")
        not_said = re.search(r"(\d+) of \d+ \(\d+%\) preferred not to say", text)
        region.learn("prefer_not", int(not_said.group(1)) if not_said else 0)
    ranking = table_by_caption(soup, "Top issues at each rank")
    if ranking is not None and "Rank 1" in header_cells(ranking):
        at = header_cells(ranking)[1:].index("Rank 1")
        for issue, cells in body_rows(ranking):
            n, ranked = map(int, re.match(r"(\d+) of (\d+)", cells[at]).groups())
            region.learn_rank_one(issue, n)
            region.learn("first_ranked", ranked)
    first = re.search(r"At rank 1, (.*?)\.", text)
    named = r"(\d+) of (\d+) \(\d+%\) named (.+?)(?=, \d+ of | and \d+ of |$)"
    for n, ranked, issue in re.findall(named, first.group(1)) if first else []:
        region.learn_rank_one(issue_named(issue), int(n))
        region.learn("first_ranked", int(ranked))
    for alt in image_alts(soup):
        if alt.startswith("Bar chart of the share") and region.first_ranked:
            for issue, share in re.findall(r"(?:: |; )([^;:]+?) (\d+)%", alt):
                region.learn_rank_one(
                    issue_named(issue), count_from_share(int(share), region.first_ranked)
                )
        if alt.startswith("Heatmap of") and "services designed for women" in alt:
            # The service map names every country of k or more, and pools the rest.
            listed = alt.split(" were reported. ", 1)[1].rstrip(".")
            region.large |= {part.split(": ", 1)[0] for part in listed.split("; ")}
            region.only_large_named = True
    return soup, region


def read_global(html: str, region: PrintedRegion) -> None:
    """What the global briefing tells of the region: its world map, first ranks, WUD count
    and the services directory."""
    soup, _ = page(html)
    alts = image_alts(soup)
    world = next((a for a in alts if a.startswith("World map")), "")
    few = re.search(r"Too few respondents to show their answers: (.*?)\. Every other", world)
    region.few = few.group(1) if few else ""
    _first_ranks(next((a for a in alts if a.startswith("Heatmap of the share")), ""), region)
    table = table_by_caption(soup, "Respondents by region")
    for name, cells in body_rows(table) if table is not None else []:
        if name == region.name:
            headers = header_cells(table)[1:]
            region.learn("respondents", int(cells[headers.index("Respondents")]))
            wud = re.match(r"(\d+) of (\d+)", cells[headers.index(GLOBAL_WUD_COLUMN)])
            if wud:
                region.learn_wud(int(wud.group(1)), int(wud.group(2)), "global briefing")
    directory = table_by_caption(soup, "Services named by respondents, by region")
    if directory is not None:
        headers = header_cells(directory)
        for row in directory.find("tbody").find_all("tr"):
            cells = [td.get_text(" ").strip() for td in row.find_all(["td", "th"])]
            if cells[headers.index("Region")] == region.name:
                region.large.add(cells[headers.index("Country or pool")])


def _first_ranks(heatmap: str, region: PrintedRegion) -> None:
    """The global first-rank heatmap's alt text: each issue's share of those who ranked."""
    body = heatmap.split("gave a first rank. ", 1)[-1].split(". No respondent in any", 1)[0]
    for part in body.rstrip(".").split("; ") if heatmap else []:
        found = re.match(r"^(.*), (\d+) ranked: (.*)$", part)
        if not found or found.group(1) != region.name:
            continue  # another region, or "PrintedRegion: nobody gave a first rank"
        ranked = int(found.group(2))
        region.learn("first_ranked", ranked)
        shares = dict(re.match(r"^(.*) (\d+)%$", i).groups() for i in found.group(3).split(", "))
        for issue in ISSUES:  # an issue the alt text leaves out nobody ranked first
            region.learn_rank_one(issue, count_from_share(int(shares.get(issue, 0)), ranked))


def read_index(html: str, region: PrintedRegion) -> None:
    """The index's row for the region: respondents and, when shown, the WUD count."""
    soup, _ = page(html)
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ").strip() for c in row.find_all(["td", "th"])]
        if not cells or cells[0] != region.name:
            continue
        text = " ".join(cells)
        total = re.search(r"(\d+) respondents, \d+ countries", text)
        if total:
            region.learn("respondents", int(total.group(1)))
        wud = re.search(r"(\d+) \(\d+%\) identify as WUD", text)
        if wud and total:
            region.learn_wud(int(wud.group(1)), int(total.group(1)), "index")


def country_constraints(soup, region: PrintedRegion, unknowns: Unknowns) -> None:
    """Respondents per country, adding up to the printed total; each country at least 1,
    at least k when a page names it beside its answers, below k when one shows it small."""
    by_country = table_by_caption(soup, "Respondents by country")
    if by_country is None:
        return
    assert not any("WUD" in h for h in header_cells(by_country)), "WUD broken down by country"
    k, total = threshold(soup), region.respondents
    countries = {}
    for country, cells in body_rows(by_country):
        low, high = 1, total
        if country in region.large:
            low = k
        elif region.only_large_named or listed_in(region.few, country):
            high = k - 1
        countries[country] = unknowns.cell(cells[0], f"respondents in {country}", low, high)
    unknowns.equals(list(countries.values()), total)


def wud_constraints(soup, region: PrintedRegion, unknowns: Unknowns) -> None:
    """Rank 1 by WUD status: each row adds up to its issue's rank-1 count, each column to its
    printed n, the n's to those who gave a first rank; and each column's n lies between its
    group's size less those who gave no first rank, and its group's size."""
    by_wud = table_by_caption(soup, "Rank 1, women who use drugs beside")
    if by_wud is None:
        return
    ranked = region.first_ranked or region.respondents
    headers = [h for h in header_cells(by_wud) if "(n=" in h]
    groups: dict[str, Term] = {}
    for header in headers:
        label, n = re.match(r"^(.*) \(n=(\w+)\)$", header).groups()
        groups[header] = unknowns.cell(n, f"n of {label}", 0, ranked)
        size = region.group_size(COLUMN_GROUPS[label])
        if size is not None and region.first_ranked is not None:
            outside = region.respondents - region.first_ranked
            unknowns.bound(groups[header], max(0, size - outside), size)
    columns: dict[str, list[Term]] = {h: [] for h in headers}
    for issue, cells in body_rows(by_wud):
        row = [
            unknowns.cell(cell, f"{issue} / {header}", 0, ranked)
            for header, cell in zip(headers, cells, strict=True)
        ]
        for header, value in zip(headers, row, strict=True):
            columns[header].append(value)
        if issue in region.rank_one:
            unknowns.equals(row, region.rank_one[issue])
    for header, values in columns.items():
        unknowns.equals(values, groups[header])
    if region.first_ranked is not None:
        unknowns.equals(list(groups.values()), region.first_ranked)


def attack(
    html: str,
    global_html: str | None = None,
    index_html: str | None = None,
) -> list[str]:
    """Everything the intruder recovers about one region from the pages given."""
    soup, region = read_regional(html)
    if global_html:
        read_global(global_html, region)
    if index_html:
        read_index(index_html, region)
    unknowns = Unknowns()
    country_constraints(soup, region, unknowns)
    wud_constraints(soup, region, unknowns)
    pinned = [f"{name} is {low}" for name, (low, high) in unknowns.bounds().items() if low == high]
    return pinned + region.uniform
