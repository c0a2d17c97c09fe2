"""The parts that make a briefing a publication, in the published report's order.

The cover (title, region, survey month, publisher, authors, date), the
researchers' key findings, background and conclusions under their headings,
how the survey was done, the references, and the colophon (suggested
citation, licence, contact, how the briefing was made and from what). The
build's machinery is named only in the colophon. Each part is a template of
``analysis/display/templates/`` (:mod:`~wud_briefings.analysis.display.fragments`); a part with
nothing to say shows nothing, not an empty heading.
"""

from __future__ import annotations

import datetime
import os
import time
from typing import TYPE_CHECKING

from IPython.display import HTML

from wud_briefings import __version__
from wud_briefings.analysis.display import narrative
from wud_briefings.analysis.display.fragments import render
from wud_briefings.analysis.display.safe_markdown import inert_html
from wud_briefings.analysis.figures.metrics import Headline
from wud_briefings.analysis.texts.citations import suggested_citation
from wud_briefings.analysis.texts.commentary import Commentary
from wud_briefings.analysis.texts.commentary_file import TEXT_PROBLEMS
from wud_briefings.core.language import (
    N_,
    SOURCE_LANGUAGE,
    _,
    and_list,
    current,
    long_date,
    number,
    survey_month,
)
from wud_briefings.core.publication import Publication, load_publication
from wud_briefings.core.translation_review import review_state
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region

if TYPE_CHECKING:  # the regional notebook needs no maps
    from wud_briefings.analysis.figures.across_regions import RegionSurvey
    from wud_briefings.process.provenance import Provenance

KEY_FINDINGS = N_("Key findings")
BACKGROUND = N_("Background")
CONCLUSIONS = N_("Conclusions and recommendations")
TARGET_PER_PLACE = 4  # two women who use drugs and two other key informants


def cover(
    title: str,
    survey: str,
    banner: str,
    region: Region | None = None,
    publication: Publication | None = None,
) -> HTML:
    """The first lines of a briefing; ``banner`` is the synthetic-data notice, if any."""
    publication = publication or load_publication()
    return HTML(
        render(
            "cover.html.j2",
            series=str(publication.series),
            title=title,
            region=region.name if region else "",
            survey=survey,
            publisher=publication.publisher,
            authors=[a.name for a in publication.authors],
            published=long_date(publication.date_published),
            banner=banner,
        )
    )


def regional_cover(region: Region, provenance: Provenance) -> HTML:
    """A regional briefing's cover: its survey is the region's, in its month."""
    return cover(
        narrative.briefing_title(region.name),
        _("WHRIN mapping survey, {month}").format(month=survey_month(region.survey_month))
        if region.survey_month
        else _("WHRIN mapping survey, 2020 (month not stated)"),
        narrative.synthetic_banner(provenance.is_synthetic),
        region,
    )


def global_cover(surveys: list[RegionSurvey]) -> HTML:
    """The global briefing's cover: its surveys are the regions'."""
    names = [s.region.name for s in surveys]
    synthetic = [s.region.name for s in surveys if s.is_synthetic]
    return cover(
        _(narrative.GLOBAL_TITLE),
        _("The 2020 WHRIN mapping surveys of {regions}").format(
            regions=and_list(names) if names else _("no region")
        ),
        narrative.synthetic_regions_banner(synthetic, len(surveys)),
    )


def _section(heading: str, body: str) -> HTML | None:
    return HTML(render("section.html.j2", heading=_(heading), body=body)) if body else None


def key_findings(texts: Commentary) -> HTML | None:
    """The researchers' key findings, on the first page; nothing when they wrote none."""
    return _section(KEY_FINDINGS, texts.key_findings)


def background(texts: Commentary) -> HTML | None:
    """The background every briefing shares, with the region's own additions."""
    return _section(BACKGROUND, texts.background)


def conclusions(texts: Commentary) -> HTML | None:
    """The researchers' conclusions and recommendations; nothing when they wrote none."""
    return _section(CONCLUSIONS, texts.conclusions)


def text_problems(texts: Commentary) -> HTML | None:
    """A draft's notice that some researchers' passages are not printed; its output carries
    the problems for the build (the edition is a draft, and the index lists them)."""
    if not texts.problems:
        return None
    problems = [str(p) for p in texts.problems]
    page = render("text_problems.html.j2", count=len(problems))
    return HTML(page, metadata={TEXT_PROBLEMS: problems})


def references(texts: Commentary) -> HTML | None:
    """The sources the texts cite, in the style's order; nothing when none is cited."""
    if not texts.references:
        return None
    return HTML(render("references.html.j2", entries=texts.references))


def survey_method(region: Region, headline: Headline, codebook: Codebook) -> HTML:
    """When the region was surveyed, how many answered against the target, the questions."""
    when = (
        _("In {region} the survey ran in {month}.").format(
            region=region.name, month=survey_month(region.survey_month)
        )
        if region.survey_month
        else _("The month of this region's survey was not stated.")
    )
    places = len(headline.countries)
    if region.subnational:
        answered = _(
            "{respondents} answered, from {countries}, against a target of four in each state "
            "or province."
        ).format(
            respondents=narrative.respondents(headline.respondents),
            countries=narrative.countries(places),
        )
    else:
        answered = _(
            "{respondents} answered, from {countries}, against a target of {target}: four in each."
        ).format(
            respondents=narrative.respondents(headline.respondents),
            countries=narrative.countries(places),
            target=number(TARGET_PER_PLACE * places),
        )
    questions = [question.shown_text for question in codebook.questions]
    return HTML(render("method.html.j2", when=when, answered=answered, questions=questions))


def _default_build_date() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today: the date a briefing
    made outside a build (in JupyterLab) says it was made."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return time.strftime("%Y-%m-%d", time.gmtime(int(epoch) if epoch else None))


def _made(build_date: str) -> str:
    """The build's date in full, or as the build gave it when it has none ("undated")."""
    try:
        return long_date(datetime.date.fromisoformat(build_date))
    except ValueError:
        return build_date


def colophon(
    title: str,
    inputs: dict[str, str],
    checks: str,
    code_version: str,
    build_date: str,
    publication: Publication | None = None,
) -> HTML:
    """How to cite the briefing, its licence and contact, and what it was made from: the
    checks its data passed (Markdown, from :mod:`~wud_briefings.analysis.display.narrative`) and
    its inputs, by SHA-256."""
    publication = publication or load_publication()
    files = [
        _("{name} (SHA-256 {digest}…)").format(name=name, digest=digest[:12])
        for name, digest in sorted(inputs.items())
    ]
    return HTML(
        render(
            "colophon.html.j2",
            citation=suggested_citation(title, publication),
            licence=publication.licence,
            publisher=publication.publisher,
            contact=publication.contact,
            acknowledgements=str(publication.acknowledgements),
            funding=list(publication.funding),
            made=_made(build_date or _default_build_date()),
            version=code_version or __version__,
            files=files,
            checks=inert_html(checks) if checks else "",
            translation=None if current() == SOURCE_LANGUAGE else review_state(current()),
        )
    )
