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

The intruder reads a briefing in any language it is published in. The wording
is public (it is printed), so the intruder takes every caption, column label,
sentence and alt text it looks for from the package's catalogs in the page's
language (:class:`Wording`), to stay in step with them: a message template
becomes a regular expression, its counts captured and its percentages in the
language's CLDR pattern ("76%", "76 %"). The questionnaire's issues come from the
codebook in that language. The index is published in English only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from babel import Locale
from babel.numbers import format_percent, get_group_symbol
from bs4 import BeautifulSoup
from scipy.optimize import Bounds, LinearConstraint, milp

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.disclosure.suppression import WITHHELD as WITHHELD_MESSAGE
from wud_briefings.analysis.display import narrative
from wud_briefings.analysis.figures.metrics import OTHER_RESPONDENTS, WUD_GROUPS
from wud_briefings.core.language import SOURCE_LANGUAGE, _, ngettext, plural_examples, using
from wud_briefings.core.paths import PROJECT_ROOT, ProjectPaths
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import load_regions

WITHHELD = "withheld"  # the English word; other languages' in Wording.withheld
_PROJECT = ProjectPaths(PROJECT_ROOT)
_RANKING = Codebook.load(_PROJECT.codebook).question("barrier_rank")
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


def flat(text: str) -> str:
    """Text with every run of white space (no-break spaces too) one plain space."""
    return " ".join(text.split())


_PIECES = re.compile(r"(\*\*|\{\w+\})")


def template_regex(template: str, fields: dict[str, str], around: str | None = None) -> str:
    """A message template as a regular expression: its literal text escaped, ``**``
    (markdown's bold, gone from the page's text, perhaps leaving a space) optional
    space, and each ``{field}`` the regex ``fields`` gives (any text when not given).

    With ``around``, only that field and the literal text on either side of it up to
    the next fields: enough to find it, in a sentence whose other fields vary.
    """
    pieces = [p for p in _PIECES.split(flat(template)) if p]
    if around is not None:
        at = pieces.index(f"{{{around}}}")
        fields_at = [i for i, p in enumerate(pieces) if p.startswith("{")]
        start = max([i + 1 for i in fields_at if i < at], default=0)
        end = min([i for i in fields_at if i > at], default=len(pieces))
        pieces = pieces[start:end]
        while pieces and pieces[0] == "**":
            pieces.pop(0)
        while pieces and pieces[-1] == "**":
            pieces.pop()
        if not pieces[0].startswith("{"):
            pieces[0] = pieces[0].lstrip()
        if not pieces[-1].startswith("{"):
            pieces[-1] = pieces[-1].rstrip()
    out = []
    for piece in pieces:
        if piece == "**":
            out.append(" ?")
        elif piece.startswith("{"):
            out.append(fields.get(piece[1:-1], ".*?"))
        else:
            out.append(re.escape(piece))
    return "".join(out)


def alternatives(patterns: list[str]) -> str:
    """One regex matching any of ``patterns`` (the longest tried first)."""
    return "(?:" + "|".join(sorted(set(patterns), key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Wording:
    """What a briefing in one language prints, as the intruder looks for it."""

    language: str
    number: str  # a count as the language writes it ("1,234"; "1 234")
    withheld: str  # a withheld cell
    issues: list[str]  # the questionnaire's issues, as printed
    column_groups: dict[str, tuple[str, ...]]  # the rank-1 table's columns' answers to question 2
    separators: str  # the separators of a written list: ", ", " and ", " и "
    title: re.Pattern  # the regional heading: the region's name
    respondents: list[re.Pattern]  # the Respondents paragraph: how many responded
    wud: list[re.Pattern]  # ... how many identify as WUD, of how many
    prefer_not: re.Pattern  # ... how many preferred not to say
    count_share: re.Pattern  # "13 of 17 (76%)": count, total
    ranking_caption: str
    rank_one: str  # the ranking table's column header
    at_rank_one: re.Pattern  # the rank-1 sentence: its list of parts
    named: re.Pattern  # one part of it: said_<i>_count, _total, _issue
    bar_chart: re.Pattern  # the barrier chart's alt text: "issue share; ..."
    share: re.Pattern  # "issue share" in a list of them: issue, share
    service_map: re.Pattern  # the service map's alt text: "place: types; ..."
    threshold: re.Pattern  # a protected table's caption: k
    by_country_caption: str
    wud_terms: list[str]  # words a table broken down by WUD status would carry
    world_map: re.Pattern
    few: re.Pattern  # the world map's countries with too few respondents
    first_ranks: re.Pattern  # the first-rank heatmap's alt text: its regions' parts
    first_rank_parts: list[re.Pattern]  # one region's part, in each plural form: region, n, shares
    regions_caption: str
    respondents_column: str
    wud_column: str
    directory_caption: str
    region_column: str
    place_column: str
    by_wud_caption: str
    group_header: re.Pattern  # "label (n=10)": label, n


def plural_forms(singular: str, plural: str | None = None) -> list[str]:
    """Every form a plural message takes in the language in use (one per plural rule);
    ``plural`` is the English plural when it differs from the singular."""
    return sorted({ngettext(singular, plural or singular, n) for n in plural_examples()})


@cache
def wording(language: str = SOURCE_LANGUAGE) -> Wording:
    """The wording of a briefing in ``language``, from the package's catalogs."""
    with using(language):
        return _wording(language)


def _wording(language: str) -> Wording:
    group = flat(get_group_symbol(language)) or " "
    number = rf"(?:\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d+)"
    percent = re.escape(flat(format_percent(0.76, locale=language))).replace("76", number)
    withheld = _(WITHHELD_MESSAGE)
    count_share = template_regex(
        _("{count} of {total} ({share})"),
        {"count": f"(?P<count>{number})", "total": f"(?P<total>{number})", "share": percent},
    )
    uncaptured = re.sub(r"\(\?P<\w+>", "(?:", count_share)
    patterns = Locale(language).list_patterns["standard"]
    separators = {
        flat(patterns[kind].replace("{0}", "\0").replace("{1}", "\0")).strip("\0")
        for kind in ("start", "middle", "end", "2")
    }
    separators = {s if s.startswith(",") else f" {s.strip()} " for s in separators}
    if language == SOURCE_LANGUAGE:  # language.and_list's English, without the serial comma
        separators |= {", ", " and "}
    # and_list's own end of a list whose last item holds "and": ", and ", ", y ", ", а также "
    separators.add(_("{items}, and {last}").replace("{items}", "").replace("{last}", ""))
    listed = alternatives([re.escape(s) for s in separators])
    # The rank-1 list's first part says the verb (in each plural form), the later ones leave
    # it out. Each alternative captures under names of its own: said_<i>_count, …
    gapped = _(narrative.GAPPED_PART)
    parts = {*plural_forms("{count} named {issue}"), gapped}
    named = alternatives(
        [
            template_regex(
                part,
                {
                    "count": count_share.replace("(?P<", f"(?P<said_{i}_"),
                    "issue": f"(?P<said_{i}_issue>.+?)",
                },
            )
            for i, part in enumerate(sorted(parts))
        ]
    )
    named_after = template_regex(gapped, {"count": uncaptured})
    with_said = _(
        "**{wud}** of the respondents identify as women who use drugs (WUD); {said} preferred "
        "not to say."
    )
    wud_only = _("**{wud}** of the respondents identify as women who use drugs (WUD).")
    every_other = re.escape(flat(_("Every other country was not surveyed.")))
    no_first = _("No respondent in any region ranked first: {issues}.")
    return Wording(
        language=language,
        number=number,
        withheld=withheld,
        issues=list(_RANKING.option_labels().values()),
        column_groups={_(label): statuses for label, statuses in COLUMN_GROUPS.items()},
        separators=listed,
        title=re.compile(
            template_regex(narrative.briefing_title("{region}"), {"region": "(?P<region>.+)"})
        ),
        respondents=[  # the sentence in each plural form of the language
            re.compile(template_regex(form, {"n": f"(?P<respondents>{number})"}, around="n"))
            for form in plural_forms(
                "**{n} respondent** {from_countries} in {region} answered the survey.",
                "**{n} respondents** {from_countries} in {region} answered the survey.",
            )
        ],
        wud=[
            re.compile(template_regex(t, {"wud": count_share}, around="wud"))
            for t in (with_said, wud_only)
        ],
        prefer_not=re.compile(template_regex(with_said, {"said": count_share}, around="said")),
        count_share=re.compile(count_share),
        ranking_caption=_("Top issues limiting access to harm reduction services, by rank"),
        rank_one=_("Rank {rank}").format(rank=1),
        at_rank_one=re.compile(
            template_regex(_("At rank 1, {named}."), {"named": "(?P<named>.*?)"})
        ),
        named=re.compile(f"(?:^|{listed}){named}(?=(?:{listed}){named_after}|$)"),
        bar_chart=re.compile(
            template_regex(
                _(
                    "Bar chart of the share of respondents naming each issue at ranks 1, 2 and "
                    "3. At rank 1: {shares}."
                ),
                {"shares": "(?P<shares>.*)"},
            )
        ),
        share=re.compile(
            "(?:^|; |, )"
            + template_regex(
                _("{issue} {share}"), {"issue": "(?P<issue>.+?)", "share": f"(?P<share>{percent})"}
            )
            + "(?=; |, |$)"
        ),
        service_map=re.compile(
            template_regex(
                _(
                    "Heatmap of {types} service types by country showing which services "
                    "designed for women who use drugs were reported. {reported}."
                ),
                {"types": number, "reported": "(?P<reported>.*)"},
            )
        ),
        threshold=re.compile(
            template_regex(narrative.withheld_note(DisclosurePolicy(999)), {}).replace(
                "999", f"(?P<k>{number})"
            )
        ),
        by_country_caption=_("Respondents by country"),
        wud_terms=["WUD", *(_(label) for label in COLUMN_GROUPS), _(GLOBAL_WUD_COLUMN)],
        world_map=re.compile(
            alternatives(
                [
                    template_regex(form, {"n": number})
                    for form in plural_forms(
                        "World map, equal-area projection, of the {n} country surveyed.",
                        "World map, equal-area projection, of the {n} countries surveyed.",
                    )
                ]
            )
        ),
        few=re.compile(
            template_regex(
                _("Too few respondents to show their answers: {countries}."),
                {"countries": "(?P<countries>.*?)"},
            )
            + " "
            + every_other
        ),
        first_ranks=re.compile(
            template_regex(
                _(
                    "Heatmap of the share of respondents in each region who ranked each issue "
                    "first, of those in the region who gave a first rank. {regions}."
                ),
                {"regions": "(?P<regions>.*?)"},
            )
            + f"(?: {template_regex(no_first, {'issues': '.*'})})?"
        ),
        first_rank_parts=[
            re.compile(
                template_regex(
                    form,
                    {
                        "region": "(?P<region>.*)",
                        "n": f"(?P<n>{number})",
                        "shares": "(?P<shares>.*)",
                    },
                )
            )
            for form in plural_forms("{region}, {n} ranked: {shares}")
        ],
        regions_caption=_("Respondents by region"),
        respondents_column=_("Respondents"),
        wud_column=_(GLOBAL_WUD_COLUMN),
        directory_caption=_("Services named by respondents, by region and country"),
        region_column=_("Region"),
        place_column=_("Country or pool"),
        by_wud_caption=_("Rank 1, women who use drugs beside other key informants"),
        group_header=re.compile(
            template_regex(
                _("{group} (n={n})"),
                {"group": "(?P<group>.*)", "n": f"(?P<n>{number}|{re.escape(flat(withheld))})"},
            )
        ),
    )


def to_int(text: str, language: str = SOURCE_LANGUAGE) -> int:
    """The first count in ``text``, as the language writes it."""
    found = re.search(wording(language).number, flat(text))
    return int(re.sub(r"\D", "", found.group()))


@cache
def english_names() -> dict[str, str]:
    """Each region's English name (the English-only index's) by its name in every language:
    every edition names the region, so the names are public."""
    return {
        localised: dict(region.names)[SOURCE_LANGUAGE]
        for region in load_regions(_PROJECT).values()
        for _language, localised in region.names
    }


SOLVED: dict[tuple, list[tuple[int, int]]] = {}  # systems solved in this process


class Unknowns:
    """Integer unknowns (withheld cells) and the equalities the pages publish over them."""

    def __init__(self, language: str = SOURCE_LANGUAGE) -> None:
        self.language = language
        self.withheld = flat(wording(language).withheld)
        self.names: list[str] = []
        self.lower: list[int] = []
        self.upper: list[int] = []
        self.rows: list[tuple[dict[int, int], int]] = []

    def cell(self, text: str, name: str, lower: int, upper: int) -> Term:
        """A published count as an int, or a new unknown's handle when withheld."""
        if flat(text) != self.withheld:
            return to_int(text, self.language)
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
        """Each unknown's least and greatest value under every constraint (a system seen
        before, as every language edition of a region gives the same one, is solved once)."""
        if not self.names:
            return {}
        system = (
            tuple(self.lower),
            tuple(self.upper),
            tuple((tuple(sorted(c.items())), v) for c, v in self.rows),
        )
        if system not in SOLVED:
            SOLVED[system] = self._solve()
        return dict(zip(self.names, SOLVED[system], strict=True))

    def _solve(self) -> list[tuple[int, int]]:
        """Each unknown's range, in order (the unknowns' names, in the page's language, are
        no part of the system)."""
        size = len(self.names)
        matrix = np.zeros((len(self.rows), size))
        rhs = np.zeros(len(self.rows))
        for r, (coefficients, value) in enumerate(self.rows):
            for index, c in coefficients.items():
                matrix[r, index] = c
            rhs[r] = value
        constraints = [LinearConstraint(matrix, rhs, rhs)] if self.rows else []
        found = []
        for index in range(size):
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
            found.append((ends[0], ends[1]))
        return found


def page(html: str) -> tuple[BeautifulSoup, str]:
    soup = BeautifulSoup(html, "html.parser")
    return soup, flat(soup.get_text(" "))


def table_by_caption(soup: BeautifulSoup, start: str):
    """The table whose caption starts so, or a chart's data table, by its figure's caption."""
    for table in soup.find_all("table"):
        figure = table.find_parent("figure")
        caption = table.caption or (figure.figcaption if figure is not None else None)
        if caption and flat(caption.get_text(" ")).startswith(flat(start)):
            return table
    return None


def header_cells(table) -> list[str]:
    """The column headers of a table's first header row, after the index's corner."""
    first = table.find("thead").find("tr")
    return [flat(th.get_text(" ")) for th in first.find_all("th")]


def body_rows(table) -> list[tuple[str, list[str]]]:
    rows = []
    for row in table.find("tbody").find_all("tr"):
        label = flat(row.find("th").get_text(" "))
        rows.append((label, [flat(td.get_text(" ")) for td in row.find_all("td")]))
    return rows


def image_alts(soup: BeautifulSoup) -> list[str]:
    return [flat(image.get("alt", "")) for image in soup.find_all("img")]


def listed_in(text: str, name: str, language: str = SOURCE_LANGUAGE) -> bool:
    """Whether a written list ("A, B, and C"; "A, B и C") names ``name`` (which may hold "and")."""
    separators = wording(language).separators
    return re.search(rf"(?:^|{separators}){re.escape(name)}(?:{separators}|,|$)", text) is not None


def round_half_up(value: float) -> int:
    return int(np.floor(value + 0.5 + 1e-9))


def count_from_share(share: int, total: int) -> int | None:
    """The count a rounded share of a printed total stands for, when only one fits."""
    fits = [c for c in range(total + 1) if round_half_up(100 * c / total) == share]
    return fits[0] if len(fits) == 1 else None


def issue_named(text: str, language: str = SOURCE_LANGUAGE) -> str | None:
    """The questionnaire's issue a sentence names (it may lower-case the first letter)."""
    return next((i for i in wording(language).issues if i.lower() == text.strip().lower()), None)


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


def threshold(soup, language: str = SOURCE_LANGUAGE) -> int:
    words = wording(language)
    caption = table_by_caption(soup, words.by_country_caption)
    text = flat(caption.caption.get_text(" ")) if caption else ""
    found = words.threshold.search(text)
    return to_int(found["k"], language) if found else 3


def read_regional(
    html: str, language: str = SOURCE_LANGUAGE
) -> tuple[BeautifulSoup, PrintedRegion]:
    """The region's own briefing: its paragraphs, tables and charts' alt text."""
    words = wording(language)
    soup, text = page(html)
    heading = soup.find("h1")
    name = flat(heading.get_text(" ")) if heading else ""
    titled = words.title.fullmatch(name)
    region = PrintedRegion(name=titled["region"] if titled else name)
    said = next(found for pattern in words.respondents if (found := pattern.search(text)))
    region.learn("respondents", to_int(said["respondents"], language))
    wud = next((found for w in words.wud if (found := w.search(text))), None)
    if wud:
        total = to_int(wud["total"], language)
        region.learn_wud(to_int(wud["count"], language), total, "regional briefing")
        not_said = words.prefer_not.search(text)
        region.learn("prefer_not", to_int(not_said["count"], language) if not_said else 0)
    ranking = table_by_caption(soup, words.ranking_caption)
    if ranking is not None and words.rank_one in header_cells(ranking):
        at = header_cells(ranking)[1:].index(words.rank_one)
        for issue, cells in body_rows(ranking):
            counted = words.count_share.match(cells[at])
            region.learn_rank_one(issue, to_int(counted["count"], language))
            region.learn("first_ranked", to_int(counted["total"], language))
    first = words.at_rank_one.search(text)
    for part in words.named.finditer(first["named"]) if first else []:
        said = next(
            k.removesuffix("_issue")
            for k, v in part.groupdict().items()
            if v and k.endswith("_issue")
        )
        issue, count = part[f"{said}_issue"], part[f"{said}_count"]
        region.learn_rank_one(issue_named(issue, language), to_int(count, language))
        region.learn("first_ranked", to_int(part[f"{said}_total"], language))
    for alt in image_alts(soup):
        bars = words.bar_chart.fullmatch(alt)
        if bars and region.first_ranked:
            for found in words.share.finditer(bars["shares"]):
                region.learn_rank_one(
                    issue_named(found["issue"], language),
                    count_from_share(to_int(found["share"], language), region.first_ranked),
                )
        services = words.service_map.fullmatch(alt)
        if services:
            # The service map names every country of k or more, and pools the rest.
            listed = services["reported"]
            region.large |= {part.split(": ", 1)[0] for part in listed.split("; ")}
            region.only_large_named = True
    return soup, region


def read_global(html: str, region: PrintedRegion, language: str = SOURCE_LANGUAGE) -> None:
    """What the global briefing tells of the region: its world map, first ranks, WUD count
    and the services directory."""
    words = wording(language)
    soup, _text = page(html)
    alts = image_alts(soup)
    world = next((a for a in alts if words.world_map.match(a)), "")
    few = words.few.search(world)
    region.few = few["countries"] if few else ""
    heatmap = next((found for a in alts if (found := words.first_ranks.fullmatch(a))), None)
    if heatmap:
        _first_ranks(heatmap["regions"], region, language)
    table = table_by_caption(soup, words.regions_caption)
    for name, cells in body_rows(table) if table is not None else []:
        if name == region.name:
            headers = header_cells(table)[1:]
            region.learn("respondents", to_int(cells[headers.index(words.respondents_column)]))
            wud = words.count_share.match(cells[headers.index(words.wud_column)])
            if wud:
                total = to_int(wud["total"], language)
                region.learn_wud(to_int(wud["count"], language), total, "global briefing")
    directory = table_by_caption(soup, words.directory_caption)
    if directory is not None:
        headers = header_cells(directory)
        for row in directory.find("tbody").find_all("tr"):
            cells = [flat(td.get_text(" ")) for td in row.find_all(["td", "th"])]
            if cells[headers.index(words.region_column)] == region.name:
                region.large.add(cells[headers.index(words.place_column)])


def _first_ranks(parts: str, region: PrintedRegion, language: str) -> None:
    """The global first-rank heatmap's alt text: each issue's share of those who ranked."""
    words = wording(language)
    for part in parts.split("; "):
        found = next((f for p in words.first_rank_parts if (f := p.fullmatch(part))), None)
        if not found or found["region"] != region.name:
            continue  # another region, or "PrintedRegion: nobody gave a first rank"
        ranked = to_int(found["n"], language)
        region.learn("first_ranked", ranked)
        shares = {  # the issues as the questionnaire names them (a list lower-cases them)
            issue_named(share["issue"], language): to_int(share["share"], language)
            for share in words.share.finditer(found["shares"])
        }
        for issue in words.issues:  # an issue the alt text leaves out nobody ranked first
            region.learn_rank_one(issue, count_from_share(shares.get(issue, 0), ranked))


def read_index(html: str, region: PrintedRegion, name: str | None = None) -> None:
    """The index's row for the region (it is in English, and names the region ``name``, by
    default its English name): respondents and, when shown, the WUD count."""
    name = name or english_names().get(region.name, region.name)
    soup, _text = page(html)
    for row in soup.find_all("tr"):
        cells = [flat(c.get_text(" ")) for c in row.find_all(["td", "th"])]
        if not cells or cells[0] != name:
            continue
        text = " ".join(cells)
        total = re.search(r"(\d+) respondents? from \d+ countr", text)
        if total:
            region.learn("respondents", int(total.group(1)))
        wud = re.search(r"(\d+) \(\d+%\) identify as WUD", text)
        if wud and total:
            region.learn_wud(int(wud.group(1)), int(total.group(1)), "index")


def country_constraints(soup, region: PrintedRegion, unknowns: Unknowns) -> None:
    """Respondents per country, adding up to the printed total; each country at least 1,
    at least k when a page names it beside its answers, below k when one shows it small."""
    language = unknowns.language
    words = wording(language)
    by_country = table_by_caption(soup, words.by_country_caption)
    if by_country is None:
        return
    headers = header_cells(by_country)
    assert not any(t in h for t in words.wud_terms for h in headers), "WUD broken down by country"
    k, total = threshold(soup, language), region.respondents
    countries = {}
    for country, cells in body_rows(by_country):
        low, high = 1, total
        if country in region.large:
            low = k
        elif region.only_large_named or listed_in(region.few, country, language):
            high = k - 1
        countries[country] = unknowns.cell(cells[0], f"respondents in {country}", low, high)
    unknowns.equals(list(countries.values()), total)


def wud_constraints(soup, region: PrintedRegion, unknowns: Unknowns) -> None:
    """Rank 1 by WUD status: each row adds up to its issue's rank-1 count, each column to its
    printed n, the n's to those who gave a first rank; and each column's n lies between its
    group's size less those who gave no first rank, and its group's size."""
    words = wording(unknowns.language)
    by_wud = table_by_caption(soup, words.by_wud_caption)
    if by_wud is None:
        return
    ranked = region.first_ranked or region.respondents
    headers = [h for h in header_cells(by_wud) if words.group_header.fullmatch(h)]
    groups: dict[str, Term] = {}
    for header in headers:
        found = words.group_header.fullmatch(header)
        label = found["group"]
        groups[header] = unknowns.cell(found["n"], f"n of {label}", 0, ranked)
        size = region.group_size(words.column_groups[label])
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


def collect(
    html: str,
    global_html: str | None = None,
    index_html: str | None = None,
    *,
    language: str = SOURCE_LANGUAGE,
    index_name: str | None = None,
) -> tuple[BeautifulSoup, PrintedRegion]:
    """What the pages given print about one region: the regional briefing and the global one
    in ``language``, and the index (in English; the region's row is ``index_name``, by
    default its English name)."""
    soup, region = read_regional(html, language)
    if global_html:
        read_global(global_html, region, language)
    if index_html:
        read_index(index_html, region, index_name)
    return soup, region


def attack(
    html: str,
    global_html: str | None = None,
    index_html: str | None = None,
    *,
    language: str = SOURCE_LANGUAGE,
    index_name: str | None = None,
) -> list[str]:
    """Everything the intruder recovers about one region from the pages given, the briefings
    read in ``language``."""
    soup, region = collect(html, global_html, index_html, language=language, index_name=index_name)
    return recovered(soup, region, language)


def recovered(soup: BeautifulSoup, region: PrintedRegion, language: str) -> list[str]:
    """What the intruder pins down from what :func:`collect` read (its regional page and
    what the pages printed about the region)."""
    unknowns = Unknowns(language)
    country_constraints(soup, region, unknowns)
    wud_constraints(soup, region, unknowns)
    pinned = [f"{name} is {low}" for name, (low, high) in unknowns.bounds().items() if low == high]
    return pinned + region.uniform
