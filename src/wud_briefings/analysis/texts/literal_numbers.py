"""The numbers typed by hand in a line of commentary, and which of them are data.

A number written in digits is data, to be checked against the briefing's
figures, unless it plainly is not: a year (1900 to 2099), a rank or ordinal
("rank 1", "1 = most important", "1st", "1-й", "1.º"), the marker of a
numbered list item, or part of a word or name ("COVID-19"). Numbers inside a
figure's name (``{{ rank1.cost.count }}``) are not read, and neither are
numbers written as words ("three issues"): they are phrasing, never checked,
so a figure from the data is written in digits or by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

FIGURE_NAME = re.compile(r"\{\{(.*?)\}\}")
# A number in digits, with a decimal part, and what follows it that makes it a percentage.
NUMBER = re.compile(
    r"(?<![\w.,\-])(?P<digits>\d+(?:[.,]\d+)?)"
    r"(?P<percent>[ \u00a0\u202f]?%|\s+(?:per ?cent|por ciento|процент[а-я]*)\b)?"
    r"(?![\w%])(?!-[^\W\d_])(?!\.[ºª])"
)
YEAR = range(1900, 2100)
# Words a rank follows in the three languages ("rank 1", "rango 1", "ранг 1", "1-е место").
RANK_WORDS = re.compile(
    r"(?:\brank(?:s|ed)?|\brangos?|\bпозици[а-я]*|\bранг[а-я]*|\bмест[а-я]*)\s*(?:at\s+)?"
    r"(?:\d+\s*(?:,|\band\b|\bor\b|\bto\b|\by\b|\bo\b|\bи\b|\bили\b|–|-)\s*)*$",
    re.IGNORECASE,
)
LIST_MARKER = re.compile(r"^\s*\d+[.)]\s")


@dataclass(frozen=True)
class Literal:
    """A number typed in a line: as written, its value, and whether it is a percentage."""

    text: str
    value: Decimal
    is_percent: bool
    column: int  # where it starts in the line, from 1

    @property
    def decimals(self) -> int:
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def without_figure_names(line: str) -> str:
    """The line with every ``{{ name }}`` blanked out (its digits are no typed number)."""
    return FIGURE_NAME.sub(lambda m: " " * len(m[0]), line)


def _is_phrasing(line: str, match: re.Match[str]) -> bool:
    """A year, a rank, a list item's marker: not data."""
    digits = match["digits"]
    if match["percent"]:
        return False
    if digits.isdigit() and int(digits) in YEAR and len(digits) == 4:
        return True
    if RANK_WORDS.search(line[: match.start()]):
        return True
    if re.match(r"\s*=", line[match.end() :]):  # "1 = most important"
        return True
    return bool(LIST_MARKER.match(line)) and not line[: match.start()].strip()


def literals(line: str) -> list[Literal]:
    """The numbers in a line that are data, in order (figure names and phrasing left out)."""
    text = without_figure_names(line)
    found = []
    for match in NUMBER.finditer(text):
        if _is_phrasing(text, match):
            continue
        found.append(
            Literal(
                match[0].strip(),
                Decimal(match["digits"].replace(",", ".")),
                bool(match["percent"]),
                match.start() + 1,
            )
        )
    return found
