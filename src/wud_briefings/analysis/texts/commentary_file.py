"""A commentary file: the researchers' own words for one region in one language.

``notebooks/commentary/<region>.md`` (English) or ``<region>.<lang>.md`` is
plain Markdown in up to three parts, each opened by a level-2 heading that marks
it, written in English in every language's file (the briefing prints its own
heading, in its language)::

    ## Key findings
    Three to five sentences, on the briefing's first page.

    ## Background
    What this region adds to the background every briefing shares.

    ## Conclusions and recommendations
    The researchers' reading of the findings, and what they call for.

Any part may be left out (a briefing without key findings or conclusions stays
a draft). Nothing but blank lines may come before the first marker, and no
other heading may appear: the briefing gives the text its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# Where an executed notebook records the passages it left out (an output's metadata key):
# written by the notebook, read by the build, which marks the edition a draft.
TEXT_PROBLEMS = "wud_briefings/text_problems"


class Section(StrEnum):
    KEY_FINDINGS = "key findings"
    BACKGROUND = "background"
    CONCLUSIONS = "conclusions and recommendations"


HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")


@dataclass(frozen=True)
class Line:
    """A line of a commentary file and its number there (from 1), for messages."""

    number: int
    text: str


@dataclass(frozen=True)
class Problem:
    """What is wrong with a commentary, where: never a withheld value."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


class CommentaryError(ValueError):
    """A commentary the briefing cannot print: its problems, one by one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class CommentaryFile:
    """A commentary's parts, each a run of lines (markers left out)."""

    shown: str  # the file as the project names it, for messages
    sections: dict[Section, tuple[Line, ...]]

    def lines(self) -> list[Line]:
        return [line for part in self.sections.values() for line in part]


def _marker(text: str, shown: str, number: int) -> Section | Problem | None:
    """The part a heading line opens, a problem for any other heading, None for text."""
    heading = HEADING.match(text)
    if heading is None:
        return None
    words = " ".join((heading[2] or "").split()).lower()
    if heading[1] == "##" and words in {s.value for s in Section}:
        return Section(words)
    expected = ", ".join(f"'## {s.value.capitalize()}'" for s in Section)
    return Problem(shown, number, f"a heading other than {expected}, the only ones it may have")


def parse_commentary(text: str, shown: str) -> CommentaryFile:
    """The parts of a commentary's text; raises :class:`CommentaryError` on a misplaced line."""
    sections: dict[Section, list[Line]] = {}
    problems: list[Problem] = []
    current: Section | None = None
    for number, line in enumerate(text.splitlines(), 1):
        marker = _marker(line, shown, number)
        if isinstance(marker, Problem):
            problems.append(marker)
        elif marker is not None:
            if marker in sections:
                problems.append(Problem(shown, number, f"a second '## {marker.value}' section"))
            current = marker
            sections.setdefault(marker, [])
        elif current is not None:
            sections[current].append(Line(number, line))
        elif line.strip():
            problems.append(
                Problem(shown, number, "text before the first heading ('## Key findings' etc.)")
            )
    if problems:
        raise CommentaryError(problems)
    return CommentaryFile(
        shown,
        {s: tuple(lines) for s, lines in sections.items() if any(x.text.strip() for x in lines)},
    )


def read_commentary(path: Path, shown: str) -> CommentaryFile | None:
    """The file's commentary, or None when there is no file (the briefing says nothing)."""
    if not path.exists():
        return None
    return parse_commentary(path.read_text(encoding="utf-8-sig"), shown)
