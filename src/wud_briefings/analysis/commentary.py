"""The researchers' own words in a briefing, checked, with the figures they name filled in.

The notebook calls :func:`for_briefing` once: it reads the region's commentary
in the briefing's language (:mod:`~wud_briefings.analysis.commentary_file`),
checks every figure name, typed number and country in it against the
briefing's own figures (:mod:`~wud_briefings.analysis.commentary_check`), and
raises :class:`CommentaryError` with every problem, so that the region fails
and its last good briefing stays published. What passes is filled in and
turned into inert HTML (:mod:`~wud_briefings.analysis.safe_markdown`), shown
where the notebook says (:func:`wud_briefings.analysis.show.commentary_introduction`
and ``commentary_findings``). ``wud-briefings figures <region> --check`` runs
the same check without a build.
"""

from __future__ import annotations

from dataclasses import dataclass

from wud_briefings.analysis import metrics
from wud_briefings.analysis.commentary_check import SmallCountry, check_lines, country_pattern
from wud_briefings.analysis.commentary_file import (
    CommentaryError,
    CommentaryFile,
    Section,
    read_commentary,
)
from wud_briefings.analysis.figures import Figures, briefing_figures
from wud_briefings.analysis.literal_numbers import FIGURE_NAME
from wud_briefings.analysis.safe_markdown import inert_html
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.countries import every_name, short_name


@dataclass(frozen=True)
class Commentary:
    """A checked commentary as inert HTML, each part empty when the file has none."""

    introduction: str = ""
    findings: str = ""


def small_countries(region: ProcessedRegion, codebook: Codebook, k: int) -> list[SmallCountry]:
    """The surveyed countries of fewer than ``k`` respondents, by every name they go by."""
    sizes = metrics.country_sizes(region)
    iso3 = metrics.country_codes(region)
    aliases = codebook.country_alias_codes(LANGUAGES)
    small = []
    for country in sizes[sizes < k].index:
        code = iso3[country]
        names = every_name(code) | {country} | {a for a, c in aliases.items() if c == code}
        small.append(SmallCountry(short_name(code, SOURCE_LANGUAGE), country_pattern(names)))
    return small


def _filled(text: str, figures: Figures) -> str:
    """Each ``{{ name }}`` replaced by the figure as the briefing prints it (names checked)."""
    return FIGURE_NAME.sub(lambda m: figures[m[1].strip()].shown, text)


def checked(
    file: CommentaryFile, figures: Figures, small: list[SmallCountry], k: int, region: str
) -> Commentary:
    """The commentary as HTML; raises :class:`CommentaryError` naming every problem."""
    problems = check_lines(file.lines(), figures, small, k, file.shown, region)
    if problems:
        raise CommentaryError(problems)
    parts = {
        section: inert_html(_filled("\n".join(line.text for line in lines), figures))
        for section, lines in file.sections.items()
    }
    return Commentary(parts.get(Section.INTRODUCTION, ""), parts.get(Section.FINDINGS, ""))


def for_briefing(
    region_id: str,
    language: str,
    data: ProcessedRegion,
    codebook: Codebook,
    k: int,
    paths: ProjectPaths | None = None,
) -> Commentary:
    """The region's commentary in ``language`` (nothing when it has no file), checked
    against the figures its briefing computes; call it in the briefing's language."""
    paths = paths or ProjectPaths()
    path = paths.commentary_file(region_id, language)
    file = read_commentary(path, paths.shown(path))
    if file is None:
        return Commentary()
    figures = briefing_figures(data, codebook, k)
    return checked(file, figures, small_countries(data, codebook, k), k, region_id)
