"""Every number and country in a commentary, checked against the briefing's own figures.

Three rules, the same as the briefing's tables follow:

- a figure named (``{{ knew.share }}``) must exist and not be withheld;
- a number typed by hand must equal a figure the briefing computes, within
  its rounding (a percentage rounded half up, as the briefing rounds it), and
  no figure the briefing withholds: a typed number equal to a withheld one is
  refused even when it equals a public one too, as nobody can tell which was
  meant (a name can);
- a surveyed country with fewer than ``k`` respondents is not singled out.

Messages name the file, the line and what the data gives, never a withheld value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures.by_name import Figure, Figures, Kind
from wud_briefings.analysis.texts.commentary_file import Line, Problem
from wud_briefings.analysis.texts.figure_reference import FigureReference
from wud_briefings.analysis.texts.literal_numbers import FIGURE_NAME, Literal, literals

WITHHELD_NUMBER = (
    "the number at column {column} equals a figure the briefing withholds (small-cell "
    "control), so it may not be printed, and is not repeated here; print figures by name "
    "({{{{ … }}}}), which never prints a withheld one"
)
LISTED = "`wud-briefings figures {region}` lists them"
CODED_ONLY = ("themes.", "gaps.")  # figures of coded open answers


@dataclass(frozen=True)
class SmallCountry:
    """A surveyed country with fewer than k respondents, and how it may be written."""

    name: str  # in English, for messages
    pattern: re.Pattern[str]


def _stem(word: str) -> str:
    """A word's stem, to find its inflected forms too ("Черногории", "Georgian")."""
    return word[:-1] if len(word) >= 5 and word[-1].lower() in "aeiouyаеёиоуыэюяьй" else word


def country_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of a country's names, each word allowing a short inflected ending."""
    forms = sorted(
        (
            r"[\s-]+".join(re.escape(_stem(w)) + r"\w{0,3}" for w in re.split(r"[\s-]+", n) if w)
            for n in names
            if n.strip()
        ),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)", re.IGNORECASE)


def _share_matches(literal: Literal, figure: Figure) -> bool:
    """Whether a typed percentage is the figure's share, rounded half up to as many decimals."""
    if figure.count is None or not figure.total:
        return False
    exact = Decimal(figure.count) * 100 / Decimal(figure.total)
    step = Decimal(1).scaleb(-literal.decimals)
    return exact.quantize(step, rounding=ROUND_HALF_UP) == literal.value


def _matches(literal: Literal, figure: Figure) -> bool:
    if literal.is_percent:
        return figure.kind is Kind.SHARE and _share_matches(literal, figure)
    return figure.kind is Kind.COUNT and Decimal(figure.value) == literal.value


def _wrong_number(literal: Literal, figures: Figures, region: str) -> str:
    """What the data gives instead: the nearest public share, or that no count is this."""
    if not literal.is_percent:
        return f"{literal.text} — no figure of this briefing is {literal.text}; " + LISTED.format(
            region=region
        )
    shares = [f for f in figures.of_kind(Kind.SHARE) if not f.withheld]
    if not shares:
        return f"{literal.text} — the briefing computes no share"
    nearest = min(shares, key=lambda f: abs(f.exact() - float(literal.value)))
    return (
        f"{literal.text} — the briefing computes {nearest.value}% for "
        f"{nearest.count} of {nearest.total}"
    )


def check_numbers(line: Line, figures: Figures, shown: str, region: str) -> list[Problem]:
    """Each typed number: one of the briefing's figures, and none it withholds."""
    problems = []
    for literal in literals(line.text):
        matching = [f for f in figures.items if _matches(literal, f)]
        if any(f.withheld for f in matching):
            problems.append(
                Problem(shown, line.number, WITHHELD_NUMBER.format(column=literal.column))
            )
        elif not matching:
            problems.append(Problem(shown, line.number, _wrong_number(literal, figures, region)))
    return problems


def check_names(line: Line, figures: Figures, shown: str, region: str) -> list[Problem]:
    """Each ``{{ name }}``: a figure of the briefing, not withheld."""
    problems = []
    for match in FIGURE_NAME.finditer(line.text):
        reference = FigureReference.parse(match[1])
        name = reference.name
        figure = figures.get(name)
        if figure is None and name.startswith(CODED_ONLY) and not figures.has_coded_answers():
            message = (
                f"{{{{ {name} }}}} — this figure exists once the region's open answers are "
                f"coded, and they are not coded yet: `make coding-sheet REGION={region}` starts "
                "the coding"
            )
            problems.append(Problem(shown, line.number, message))
        elif figure is None:
            close = difflib.get_close_matches(name, figures.names(), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            message = f"{{{{ {name} }}}} — no figure has this name{hint}; " + LISTED.format(
                region=region
            )
            problems.append(Problem(shown, line.number, message))
        elif figure.withheld:
            problems.append(
                Problem(
                    shown,
                    line.number,
                    f"{{{{ {name} }}}} — the briefing withholds this figure (small-cell "
                    "control), so the commentary may not print it",
                )
            )
        elif (wrong_forms := reference.problem(figure)) is not None:
            problems.append(Problem(shown, line.number, f"{match[0]} — {wrong_forms}"))
    if "{{" in FIGURE_NAME.sub("", line.text):
        problems.append(Problem(shown, line.number, "a '{{' not closed by '}}'"))
    return problems


def check_countries(
    line: Line, small: Iterable[SmallCountry], policy: DisclosurePolicy, shown: str
) -> list[Problem]:
    """No surveyed country with fewer than ``k`` respondents is named, in any language."""
    return [
        Problem(
            shown,
            line.number,
            f"{found[0]} — {country.name} has fewer than {policy.k} respondents: a country that "
            "small is never singled out (the briefing pools its answers)",
        )
        for country in small
        if (found := country.pattern.search(line.text))
    ]


def check_lines(
    lines: Iterable[Line],
    figures: Figures,
    small: list[SmallCountry],
    policy: DisclosurePolicy,
    shown: str,
    region: str,
) -> list[Problem]:
    """Every problem of a commentary's lines, in the order of the file."""
    problems = []
    for line in lines:
        problems += check_names(line, figures, shown, region)
        problems += check_numbers(line, figures, shown, region)
        problems += check_countries(line, small, policy, shown)
    return problems
