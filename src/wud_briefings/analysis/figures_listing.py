"""What ``wud-briefings figures`` prints: a region's figures by name, or its commentary checked.

A researcher writing a commentary needs the names of the figures she may
print and a check faster than a build; both come from the processed tables
the notebook reads and the same functions it calls, so what they say is what
the build will say. A withheld figure is listed as withheld, never its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures.by_name import Figure, Kind, briefing_figures
from wud_briefings.analysis.load import in_language
from wud_briefings.analysis.texts.commentary import for_briefing
from wud_briefings.analysis.texts.commentary_file import Problem
from wud_briefings.core.language import using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.process.tables import load_processed, processed_folder
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region


@dataclass(frozen=True)
class CommentaryReport:
    """One commentary file checked: a line to print, and its problems (none when it passes)."""

    summary: str
    problems: tuple[Problem, ...] = ()


def _row(figure: Figure, width: int) -> str:
    if figure.withheld:
        return f"{figure.name:<{width}}  withheld"
    of = f"  ({figure.count} of {figure.total})" if figure.kind is Kind.SHARE else ""
    return f"{figure.name:<{width}}  {figure.shown}{of}"


def listing(paths: ProjectPaths, region: Region, language: str, policy: DisclosurePolicy) -> str:
    """Every figure's name and value as the ``language`` edition prints it, one a line."""
    data = load_processed(processed_folder(paths, region.id))
    with using(language):
        figures = briefing_figures(in_language(data), Codebook.load(paths.codebook), policy)
    width = max(len(name) for name in figures.names())
    rows = [_row(f, width) for f in figures.items]
    return "\n".join([f"{region.id} ({language}), k = {policy.k}: write {{{{ name }}}}", *rows])


def check_commentary(
    paths: ProjectPaths, region: Region, languages: Sequence[str], policy: DisclosurePolicy
) -> list[CommentaryReport]:
    """Each of the region's commentary files in ``languages``, checked as the build checks it
    (by the very function the notebook calls)."""
    data = load_processed(processed_folder(paths, region.id))
    codebook = Codebook.load(paths.codebook)
    reports = []
    for language in languages:
        path = paths.commentary_file(region.id, language)
        shown = paths.shown(path)
        if not path.exists():
            reports.append(CommentaryReport(f"{shown}: none (the edition has no commentary)"))
            continue
        with using(language):
            texts = for_briefing(region.id, language, in_language(data), codebook, policy, paths)
        if texts.problems:
            reports.append(CommentaryReport(f"{shown}: FAILED", texts.problems))
            continue
        reports.append(CommentaryReport(f"{shown}: passes (every number and name checked)"))
    return reports
