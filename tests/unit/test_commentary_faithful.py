"""The EECA commentary makes the published report's recommendations, and no others.

The 2020 EECA report closes: "In the interests of public health and the rights of
women who use drugs, international and national bodies, both government and
non-government, must identify and address the harms arising from criminalisation of
drug use for women who use drugs and the stigma and discrimination against women who
use drugs. In addition investment in harm reduction services that prioritise the
health and human rights of women who use drugs is required." A compendium that
reproduces a report must not put other words in its authors' mouths.
"""

from __future__ import annotations

import re

import pytest

from support.project import REPO
from wud_briefings.analysis.texts.commentary_file import Section, read_commentary

ADDRESSED = {
    "en": "international and national bodies, both government and non-government, must:",
    "ru": "международные и национальные организации — государственные и негосударственные — "
    "должны:",
}
RECOMMENDATIONS = {
    "en": [
        "identify and address the harms arising from criminalisation of drug use for women "
        "who use drugs, and the stigma and discrimination against women who use drugs;",
        "invest in harm reduction services that prioritise the health and human rights of "
        "women who use drugs.",
    ],
    "ru": [
        "выявлять и устранять вред, который криминализация употребления наркотиков "
        "причиняет женщинам, употребляющим наркотики, а также их стигматизацию и "
        "дискриминацию;",
        "вкладывать средства в услуги снижения вреда, в которых на первом месте здоровье "
        "женщин, употребляющих наркотики, и соблюдение их прав.",
    ],
}
# Demands the report does not make, in any language a commentary is written in.
NOT_IN_THE_REPORT = re.compile(r"decriminali[sz]|декриминализ|despenaliz", re.IGNORECASE)


def findings_text(language: str) -> str:
    name = "eeca.md" if language == "en" else f"eeca.{language}.md"
    parsed = read_commentary(REPO.commentary / name, name)
    assert parsed is not None, name
    return "\n".join(line.text for line in parsed.sections[Section.CONCLUSIONS])


def call_for_action(text: str) -> tuple[str, list[str]]:
    """The text before the commentary's list, and the list's items, each on one line."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("- "))
    lead = " ".join(" ".join(lines[:first]).split())
    items: list[str] = []
    for line in lines[first:]:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.strip() and items:
            items[-1] += " " + line.strip()
    return lead, items


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_eeca_call_for_action_is_the_report_s_and_no_other(language):
    lead, items = call_for_action(findings_text(language))
    assert lead.endswith(ADDRESSED[language])
    assert items == RECOMMENDATIONS[language]


def test_no_commentary_demands_what_the_report_does_not():
    files = sorted(REPO.commentary.glob("*.md"))
    assert files
    assert [f.name for f in files if NOT_IN_THE_REPORT.search(f.read_text("utf-8"))] == []


def test_the_check_finds_a_recommendation_the_report_does_not_make():
    text = findings_text("en") + "\n- decriminalise drug use;"
    _, items = call_for_action(text)
    assert items != RECOMMENDATIONS["en"] and NOT_IN_THE_REPORT.search(text)
