"""Person-first language: terms a briefing should not use about people, and what to say.

Verbatim quotes from respondents are theirs and are not checked; everything the
compendium writes (notebook prose, generated sentences, captions) is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STIGMATISING = {
    r"\baddicts?\b": "people who use drugs / people with a substance use disorder",
    r"\baddicted\b": "dependent on / who use",
    r"\bdrug abusers?\b": "people who use drugs",
    r"\bsubstance abusers?\b": "people who use drugs",
    r"\b(?:drug|substance) abuse\b": "drug use / substance use disorder",
    r"\babusers?\b": "people who use drugs",
    r"\bjunkies?\b": "people who use drugs",
    r"\bdruggies?\b": "people who use drugs",
    r"\bclean\b": "not currently using (people) / sterile (equipment)",
    r"\bdirty\b": "currently using (people) / used (equipment)",
    r"\bdrug[- ]seeking\b": "describe the need or behaviour",
}


@dataclass(frozen=True)
class Flag:
    term: str
    suggestion: str
    context: str


def stigmatising_terms(text: str) -> list[Flag]:
    """Every stigmatising term in ``text``, with a person-first alternative."""
    flags = []
    for pattern, suggestion in STIGMATISING.items():
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            start, end = max(match.start() - 30, 0), match.end() + 30
            flags.append(Flag(match.group(0), suggestion, text[start:end].replace("\n", " ")))
    return flags
