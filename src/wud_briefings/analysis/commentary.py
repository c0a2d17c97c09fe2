"""The researchers' own words in a briefing, checked, with the figures they name filled in.

The notebook calls :func:`for_briefing` once: it reads the region's texts in
the briefing's language (:mod:`~wud_briefings.analysis.commentary_file`: key
findings, background additions, conclusions) and the background every briefing
shares, checks every figure name, typed number and country in the region's
lines against the briefing's own figures
(:mod:`~wud_briefings.analysis.commentary_check`) and every citation against the
bibliography (:mod:`~wud_briefings.analysis.citations`), and raises
:class:`CommentaryError` with every problem, so that the region fails and its
last good briefing stays published. What passes is filled in, its citations set,
and turned into inert HTML (:mod:`~wud_briefings.analysis.safe_markdown`), shown
where the notebook says (:mod:`~wud_briefings.analysis.report_parts`).
``wud-briefings figures <region> --check`` runs the same check without a build.
"""

from __future__ import annotations

from dataclasses import dataclass

from wud_briefings.analysis import metrics
from wud_briefings.analysis.citations import (
    Bibliography,
    citation_problems,
    cite,
    read_bibliography,
    without_citations,
)
from wud_briefings.analysis.commentary_check import SmallCountry, check_lines, country_pattern
from wud_briefings.analysis.commentary_file import (
    CommentaryError,
    CommentaryFile,
    Line,
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
    """The researchers' texts for one edition, checked, as inert HTML (each part empty
    when nobody wrote it), and the reference list their citations call for."""

    key_findings: str = ""
    background: str = ""
    conclusions: str = ""
    references: tuple[str, ...] = ()


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


def _text(file: CommentaryFile | None, section: Section) -> str:
    lines = file.sections.get(section, ()) if file else ()
    return "\n".join(line.text for line in lines)


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
    k: int,
    region: str,
) -> Commentary:
    """The texts as HTML; raises :class:`CommentaryError` naming every problem.

    The region's own lines are checked against its figures; the shared background
    speaks of no region's data, so only its citations are checked.
    """
    problems = []
    if file is not None:
        lines = [Line(line.number, without_citations(line.text)) for line in file.lines()]
        problems += check_lines(lines, figures, small, k, file.shown, region)
        problems += citation_problems(file.lines(), bibliography, file.shown)
    if background is not None:
        problems += citation_problems(background.lines(), bibliography, background.shown)
    if problems:
        raise CommentaryError(problems)
    shared = _text(background, Section.BACKGROUND)
    own = _text(file, Section.BACKGROUND)
    texts = [
        _filled(_text(file, Section.KEY_FINDINGS), figures),
        "\n\n".join(t for t in (shared, _filled(own, figures)) if t.strip()),
        _filled(_text(file, Section.CONCLUSIONS), figures),
    ]
    cited = cite(texts, bibliography)
    key_findings, background_text, conclusions = (
        inert_html(t) if t.strip() else "" for t in cited.texts
    )
    return Commentary(key_findings, background_text, conclusions, cited.references)


def for_briefing(
    region_id: str,
    language: str,
    data: ProcessedRegion,
    codebook: Codebook,
    k: int,
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
    figures = briefing_figures(data, codebook, k)
    small = small_countries(data, codebook, k)
    return checked(file, background, bibliography, figures, small, k, region_id)


def for_global(language: str, paths: ProjectPaths | None = None) -> Commentary:
    """The global briefing's texts: the shared background in ``language``, its citations set."""
    paths = paths or ProjectPaths()
    background = _background(paths, language)
    bibliography = read_bibliography(paths.bibliography)
    return checked(None, background, bibliography, Figures(()), [], 0, "global")
