"""The researchers' own words in a briefing, checked, with the figures they name filled in.

The notebook calls :func:`for_briefing` once: it reads the region's texts in
the briefing's language (:mod:`~wud_briefings.analysis.texts.commentary_file`: key
findings, background additions, conclusions) and the background every briefing
shares, checks every figure name, typed number and country in the region's
lines against the briefing's own figures
(:mod:`~wud_briefings.analysis.texts.commentary_check`) and every citation against the
bibliography (:mod:`~wud_briefings.analysis.texts.citations`). A passage with a problem
is not printed: a note naming file, line and reason stands in its place, and the
problems go with the result, which makes the edition a draft. What passes is
filled in, its citations set, and turned into inert HTML
(:mod:`~wud_briefings.analysis.display.safe_markdown`), shown where the notebook says
(:mod:`~wud_briefings.analysis.report_parts`).
``wud-briefings figures <region> --check`` runs the same check without a build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display.fragments import render
from wud_briefings.analysis.display.safe_markdown import inert_html
from wud_briefings.analysis.figures import metrics
from wud_briefings.analysis.figures.by_name import Figures, briefing_figures
from wud_briefings.analysis.texts.citations import (
    Bibliography,
    citation_problems,
    cite,
    read_bibliography,
    without_citations,
)
from wud_briefings.analysis.texts.commentary_check import SmallCountry, check_lines, country_pattern
from wud_briefings.analysis.texts.commentary_file import (
    CommentaryFile,
    Line,
    Problem,
    Section,
    read_commentary,
)
from wud_briefings.analysis.texts.figure_reference import FigureReference
from wud_briefings.analysis.texts.literal_numbers import FIGURE_NAME
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.countries import every_name, short_name


@dataclass(frozen=True)
class Commentary:
    """The researchers' texts for one edition, checked, as inert HTML (each part empty
    when nobody wrote it), and the reference list their citations call for."""

    key_findings: str = ""
    background: str = ""
    conclusions: str = ""
    references: tuple[str, ...] = ()
    # what could not be printed as written: each such passage is a note in its place
    problems: tuple[Problem, ...] = ()


def small_countries(
    region: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy
) -> list[SmallCountry]:
    """The surveyed countries too small to describe, by every name they go by."""
    sizes = metrics.country_sizes(region)
    iso3 = metrics.country_codes(region)
    aliases = codebook.country_alias_codes(LANGUAGES)
    small = []
    for country in (c for c, n in sizes.items() if not policy.is_described(n)):
        code = iso3[country]
        names = every_name(code) | {country} | {a for a, c in aliases.items() if c == code}
        small.append(SmallCountry(short_name(code, SOURCE_LANGUAGE), country_pattern(names)))
    return small


def _filled(text: str, figures: Figures) -> str:
    """Each ``{{ name }}`` replaced by the figure as the briefing prints it, with the word it
    counts where one is given (references checked)."""

    def printed(match: re.Match[str]) -> str:
        reference = FigureReference.parse(match[1])
        return reference.printed(figures[reference.name])

    return FIGURE_NAME.sub(printed, text)


# A passage left out stands in the Markdown as this word until the HTML is made.
NOTE_TOKEN = "WUDNOTPRINTED{}X"


def _passages(lines: tuple[Line, ...]) -> list[tuple[Line, ...]]:
    """A part's paragraphs and lists: the runs of lines between blank lines."""
    blocks: list[tuple[Line, ...]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(tuple(current))
            current = []
    if current:
        blocks.append(tuple(current))
    return blocks


def _part(
    file: CommentaryFile | None,
    section: Section,
    figures: Figures,
    problems: list[Problem],
    notes: list[list[Problem]],
) -> str:
    """A part's Markdown, each passage with its figures filled in; a passage with a problem
    becomes a placeholder for the note that replaces it (nothing unchecked is printed)."""
    if file is None:
        return ""
    out = []
    for block in _passages(file.sections.get(section, ())):
        numbers = {line.number for line in block}
        found = [p for p in problems if p.file == file.shown and p.line in numbers]
        if found:
            out.append(NOTE_TOKEN.format(len(notes)))
            notes.append(found)
        else:
            out.append(_filled("\n".join(line.text for line in block), figures))
    return "\n\n".join(out)


def _html(markdown: str, notes: list[list[Problem]]) -> str:
    """Inert HTML of a part, each placeholder replaced by its note."""
    if not markdown.strip():
        return ""
    page = inert_html(markdown)
    for number, found in enumerate(notes):
        note = render("text_problem.html.j2", problems=[str(p) for p in found])
        page = page.replace(render("note_slot.html.j2", token=NOTE_TOKEN.format(number)), note)
    return page


def _background(paths: ProjectPaths, language: str) -> CommentaryFile | None:
    """The background every briefing shares, as a file of one part (None when missing)."""
    path = paths.background_file(language)
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return CommentaryFile(
        paths.shown(path), {Section.BACKGROUND: tuple(Line(n, t) for n, t in enumerate(lines, 1))}
    )


def checked(
    file: CommentaryFile | None,
    background: CommentaryFile | None,
    bibliography: Bibliography,
    figures: Figures,
    small: list[SmallCountry],
    policy: DisclosurePolicy,
    region: str,
) -> Commentary:
    """The texts as HTML, every problem named in :attr:`Commentary.problems`.

    The region's own lines are checked against its figures; the shared background
    speaks of no region's data, so only its citations are checked. A passage with
    a problem (a figure the data lacks, a number that no longer matches, anything
    disclosive) is not printed: a note naming file, line and reason stands in its
    place, and the edition is a draft until the text is fixed.
    """
    problems = []
    if file is not None:
        lines = [Line(line.number, without_citations(line.text)) for line in file.lines()]
        problems += check_lines(lines, figures, small, policy, file.shown, region)
        problems += citation_problems(file.lines(), bibliography, file.shown)
    if background is not None:
        problems += citation_problems(background.lines(), bibliography, background.shown)
    notes: list[list[Problem]] = []
    key_findings = _part(file, Section.KEY_FINDINGS, figures, problems, notes)
    shared = _part(background, Section.BACKGROUND, figures, problems, notes)
    own = _part(file, Section.BACKGROUND, figures, problems, notes)
    conclusions = _part(file, Section.CONCLUSIONS, figures, problems, notes)
    background_text = "\n\n".join(t for t in (shared, own) if t.strip())
    cited = cite([key_findings, background_text, conclusions], bibliography)
    parts = (_html(text, notes) for text in cited.texts)
    key_html, background_html, conclusions_html = parts
    return Commentary(
        key_html, background_html, conclusions_html, cited.references, tuple(problems)
    )


def for_briefing(
    region_id: str,
    language: str,
    data: ProcessedRegion,
    codebook: Codebook,
    policy: DisclosurePolicy,
    paths: ProjectPaths | None = None,
) -> Commentary:
    """The region's texts in ``language`` (the shared background, and what its
    commentary file holds), checked against the figures its briefing computes; call
    it in the briefing's language."""
    paths = paths or ProjectPaths()
    path = paths.commentary_file(region_id, language)
    file = read_commentary(path, paths.shown(path))
    background = _background(paths, language)
    bibliography = read_bibliography(paths.bibliography)
    figures = briefing_figures(data, codebook, policy)
    small = small_countries(data, codebook, policy)
    return checked(file, background, bibliography, figures, small, policy, region_id)


def for_global(language: str, paths: ProjectPaths | None = None) -> Commentary:
    """The global briefing's texts: the shared background in ``language``, its citations set."""
    paths = paths or ProjectPaths()
    background = _background(paths, language)
    bibliography = read_bibliography(paths.bibliography)
    # no region's lines to check: the policy is the default, named in no message
    return checked(None, background, bibliography, Figures(()), [], DisclosurePolicy(), "global")
