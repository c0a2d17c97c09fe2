"""outputs/index.html: every region's status, headline figures and links, self-contained,
in every language the briefings are published in (index.es.html, index.ru.html)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from wud_briefings.analysis.display.narrative import GLOBAL_TITLE, NOT_CODED, briefing_title
from wud_briefings.analysis.texts.citations import suggested_citation
from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.editions import (
    autonym,
    edition_file,
    language_nav,
)
from wud_briefings.core.language import (
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
    _,
    alphabetical,
    and_list,
    current,
    language_name,
    ngettext,
    number,
    percent,
    using,
)
from wud_briefings.core.pages import Page, render_page
from wud_briefings.core.paths import INDEX, validation_report_name
from wud_briefings.core.publication import Publication, load_publication
from wud_briefings.core.translation_review import CatalogReview, review_state
from wud_briefings.publish.provenance.outputs import Outputs
from wud_briefings.publish.provenance.records import Entry, Manifest
from wud_briefings.publish.provenance.status import Status

if TYPE_CHECKING:  # kept light: a build with nothing to do writes the index without pandas
    from wud_briefings.analysis.figures.metrics import Headline
    from wud_briefings.survey.regions import Region

TEMPLATES = Path(__file__).resolve().parent / "templates"  # index.html.j2, beside briefing/


def headline_figures(h: Headline) -> dict[str, int]:
    """The figures a region's index row shows, taken from its headline."""
    figures = {
        "respondents": h.respondents,
        "countries": len(h.countries),
        "knows_wud_services": h.knows_wud_services,
        "knows_pct": h.knows_pct,
    }
    if not h.wud_uniform:  # else a count would disclose every respondent's answer
        figures |= {"identifies_as_wud": h.identifies_as_wud, "wud_pct": h.wud_pct}
    return figures


EDITION_LINKS = {"html": "HTML", "pdf": "PDF", "notebook": N_("notebook")}  # kind -> link text
INDEX_COLUMNS = (N_("Region"), N_("Status"), N_("Headline"), N_("Files"))


class Link(NamedTuple):
    """A link to one of a briefing's files, named by what it is."""

    href: str
    label: str


class EditionLinks(NamedTuple):
    """A language edition's files; ``name`` is its language's, in itself, when the
    briefing has several editions (else None)."""

    language: str
    name: str | None
    links: tuple[Link, ...]


class Citation(NamedTuple):
    """How to cite a published briefing: "Cite as:" and the reference, set in the style
    of the briefings' references (HTML: analysis/texts/citations.py)."""

    label: str
    reference: str  # HTML


class Files(NamedTuple):
    """A row's last cell: its editions' files, its other files, and how to cite it."""

    editions: tuple[EditionLinks, ...]
    links: tuple[Link, ...]
    citation: Citation | None


class Row(NamedTuple):
    """A briefing's row: its name, status (a line each: the status, then its notes),
    headline and files."""

    name: str
    built: bool
    status: tuple[str, ...]
    headline: str
    files: Files


class Note(NamedTuple):
    """The note above the table that briefings were built from synthetic data."""

    mark: str
    text: str


@dataclass(frozen=True)
class IndexPage(Page):
    """The index (``templates/index.html.j2``): the table of briefings, under the note
    that some were built from synthetic data."""

    synthetic: Note | None
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def _edition_links(outputs: Outputs) -> tuple[EditionLinks, ...]:
    """Each language edition's files, the reader's language first; named by language when
    there are several."""
    languages = sorted(outputs.languages(), key=lambda language: language != current())
    return tuple(
        EditionLinks(
            language,
            autonym(language) if len(languages) > 1 else None,
            tuple(
                Link(f, _(EDITION_LINKS[kind])) for kind, f in outputs.editions[language].named()
            ),
        )
        for language in languages
    )


def _cite_as(title: str, entry: Entry, publication: Publication) -> Citation | None:
    """How to cite a published briefing (nothing while none is published)."""
    if not entry.outputs:
        return None
    return Citation(_("Cite as:"), suggested_citation(title, publication))


def _links(region_id: str, entry: Entry) -> tuple[Link, ...]:
    """A region's files besides its editions: disclosure record, failed notebook, checks."""
    links = []
    if disclosure := entry.outputs.shared.get("disclosure"):
        links.append(Link(disclosure, _("disclosure record")))
    if entry.failed_notebook and not entry.is_built:
        links.append(Link(entry.failed_notebook, _("failed notebook")))
    links.append(Link(validation_report_name(region_id), _("validation report")))
    if entry.validation_page:  # the page in the reader's language
        links.append(Link(edition_file(entry.validation_page, current()), _("checks")))
    return tuple(links)


def _status(entry: Entry, reviews: Mapping[str, CatalogReview]) -> tuple[str, ...]:
    """The status, why a build failed, and which earlier briefing is still shown."""
    status = entry.status or Status.FAILED_EXECUTION  # an entry is written once it has one
    if status is Status.BUILT:
        notes = [entry.synthetic_reason] if entry.synthetic_reason else []
        notes += [_(NOT_CODED)] if entry.is_coded is False else []
        notes += _draft_notes(entry.drafts)
        notes += _translation_notes(entry.outputs, reviews)
        notes += [
            _("Not printed ({edition}): {problems}").format(
                edition=language_name(language), problems="; ".join(problems)
            )
            for language, problems in sorted(entry.text_problems.items())
        ]
        return (_(status.label), *notes)
    text = _("this build {status}: {reason}").format(
        status=_(status.label), reason=entry.reason or ""
    )
    good = entry.last_good
    if not good:
        return (text, _("No briefing of this region has been published yet."))
    inputs = "; ".join(f"{n} SHA-256 {d[:12]}…" for n, d in good.inputs.items())
    kept = (
        _("The briefing linked here is the last good one, built on {date} from {inputs}.")
        if inputs
        else _("The briefing linked here is the last good one, built on {date}.")
    )
    return (text, kept.format(date=good.build_date, inputs=inputs))


def _translation_notes(outputs: Outputs, reviews: Mapping[str, CatalogReview]) -> list[str]:
    """How far a person has reviewed the translation of each edition in another language
    than the source (``reviews``, by language: core/translation_review.py)."""
    languages = [language for language in outputs.languages() if language != SOURCE_LANGUAGE]
    notes = []
    for language in languages:
        state = reviews[language]
        notes.append(
            _("Translation ({edition}): reviewed in full by a person.").format(
                edition=language_name(language)
            )
            if state.complete
            else _(
                "Translation ({edition}): {reviewed} of {entries} catalog entries reviewed by a "
                "person."
            ).format(
                edition=language_name(language),
                reviewed=number(state.reviewed),
                entries=number(state.entries),
            )
        )
    return notes


def _draft_notes(drafts: dict[str, list[str]]) -> list[str]:
    """Which editions are drafts: those never signed off, then each changed since (in the
    languages' order, as the manifest stores them)."""
    drafts = dict(sorted(drafts.items()))
    unsigned = [language_name(language) for language, changed in drafts.items() if not changed]
    notes = []
    if unsigned:
        notes.append(
            ngettext(
                "Draft, not signed off: {editions}.",
                "Drafts, not signed off: {editions}.",
                len(unsigned),
            ).format(editions=and_list(unsigned))
        )
    for language, changed in drafts.items():
        if changed:
            notes.append(
                _("Draft again ({edition}): changed since its sign-off: {changed}.").format(
                    edition=language_name(language), changed=", ".join(changed)
                )
            )
    return notes


def _headline(entry: Entry) -> str:
    h = entry.shown_headline()
    if not h:
        return ""
    respondents = ngettext("{n} respondent", "{n} respondents", h["respondents"]).format(
        n=number(h["respondents"])
    )
    parts = [
        ngettext(
            "{respondents} from {n} country", "{respondents} from {n} countries", h["countries"]
        ).format(respondents=respondents, n=number(h["countries"]))
    ]
    if "identifies_as_wud" in h:
        parts.append(
            _("{count} ({share}) identify as WUD").format(
                count=number(h["identifies_as_wud"]), share=percent(h["wud_pct"])
            )
        )
    parts.append(
        _("{count} ({share}) knew of services").format(
            count=number(h["knows_wud_services"]), share=percent(h["knows_pct"])
        )
    )
    return "; ".join(parts)


DIRECTORY_LINKS = ((N_("services (CSV)"), "services_csv"), (N_("services (XLSX)"), "services_xlsx"))


def _global_row(
    entry: Entry, publication: Publication, reviews: Mapping[str, CatalogReview]
) -> Row:
    """The global briefing's row, first: its status and links (its figures are the regions')."""
    outputs = entry.outputs
    links = tuple(
        Link(outputs.shared[key], _(label))
        for label, key in DIRECTORY_LINKS
        if key in outputs.shared
    )
    name = _("All regions (global briefing)")
    cite = _cite_as(_(GLOBAL_TITLE), entry, publication)
    # the global entry records its parameters when the build makes it; none recorded, none named
    missing = (entry.notebook_parameters.failed_gate or "") if entry.parameters else ""
    headline = (
        _("missing: {regions}").format(regions=missing.replace(",", ", "))
        if missing
        else _("every region that passed")
    )
    files = Files(_edition_links(outputs), links, cite)
    return Row(name, entry.is_built, _status(entry, reviews), headline, files)


def write_index(
    outputs: Path,
    manifest: Manifest,
    regions: Mapping[str, Region],
    publication: Publication | None = None,
) -> None:
    """The index in every language the briefings are published in, each linked to the
    others, with each region named in the page's language. The catalogs' review state is
    read once for all of them."""
    publication = publication or load_publication()
    reviews = {lang: review_state(lang) for lang in LANGUAGES if lang != SOURCE_LANGUAGE}
    for language in LANGUAGES:
        with using(language):
            names = {r: regions[r].name if r in regions else r for r in manifest.regions}
            page = index_html(manifest, names, publication, reviews)
        write_text_atomic(outputs / edition_file(INDEX, language), page)


def index_html(
    manifest: Manifest,
    names: dict[str, str],
    publication: Publication,
    reviews: Mapping[str, CatalogReview],
) -> str:
    """The index page: the global briefing first (when built), then every region in the
    alphabetical order of the page's language, each with how to cite it and how far its
    translations are reviewed (``reviews``)."""
    return render_page(
        TEMPLATES, "index.html.j2", index_page(manifest, names, publication, reviews)
    )


def index_page(
    manifest: Manifest,
    names: dict[str, str],
    publication: Publication,
    reviews: Mapping[str, CatalogReview],
) -> IndexPage:
    """The index page's content, in the language in use (see :func:`index_html`)."""
    global_entry = manifest.global_briefing
    rows = [_global_row(global_entry, publication, reviews)] if global_entry else []
    ordered = sorted(manifest.regions, key=lambda r: alphabetical(names.get(r) or r))
    for region_id in ordered:
        entry = manifest.regions[region_id]
        name = names.get(region_id, region_id)
        cite = _cite_as(briefing_title(name), entry, publication)
        files = Files(_edition_links(entry.outputs), _links(region_id, entry), cite)
        rows.append(Row(name, entry.is_built, _status(entry, reviews), _headline(entry), files))
    synthetic = (
        Note(
            _("Synthetic data."),
            _(
                "Briefings marked synthetic were built from invented exports and describe no "
                "real people."
            ),
        )
        if manifest.is_any_synthetic
        else None
    )
    return IndexPage(
        current(),
        _("Regional briefings: harm reduction services for women who use drugs"),
        language_nav(INDEX),
        synthetic,
        tuple(_(column) for column in INDEX_COLUMNS),
        tuple(rows),
    )
