"""outputs/index.html: every region's status, headline figures and links, self-contained,
in every language the briefings are published in (index.es.html, index.ru.html)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from wud_briefings.analysis.citations import suggested_citation
from wud_briefings.analysis.narrative import GLOBAL_TITLE, NOT_CODED, briefing_title
from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.editions import (
    INDEX,
    autonym,
    edition_file,
    edition_kind,
    language_nav,
    split_kind,
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
from wud_briefings.core.page_policy import csp_meta
from wud_briefings.core.publication import Publication, load_publication
from wud_briefings.core.site_style import labelled_cell, site_style
from wud_briefings.core.translation_review import CatalogReview, review_state
from wud_briefings.publish.records import Entry, Manifest
from wud_briefings.publish.status import Status

if TYPE_CHECKING:  # kept light: a build with nothing to do writes the index without pandas
    from wud_briefings.analysis.metrics import Headline
    from wud_briefings.survey.regions import Region


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


EDITION_LINKS = (("HTML", "html"), ("PDF", "pdf"), (N_("notebook"), "notebook"))
INDEX_COLUMNS = (N_("Region"), N_("Status"), N_("Headline"), N_("Files"))


def _edition_links(outputs: dict[str, str]) -> list[str]:
    """Each language edition's files, the reader's language first; named by language when
    there are several."""
    languages = list(dict.fromkeys(split_kind(kind)[1] for kind in sorted(outputs)))
    languages.sort(key=lambda language: language != current())
    groups = []
    for language in languages:
        links = " · ".join(
            _link(outputs[edition_kind(key, language)], _(label))
            for label, key in EDITION_LINKS
            if edition_kind(key, language) in outputs
        )
        if links and len(languages) > 1:
            links = f'<span lang="{language}">{escape(autonym(language))}</span>: {links}'
        if links:
            groups.append(links)
    return groups


def _cite_as(title: str, entry: Entry, publication: Publication) -> str:
    """How to cite a published briefing (nothing while none is published)."""
    if not entry.outputs:
        return ""
    label = escape(_("Cite as:"))
    return f'<br><span class="citation">{label} {suggested_citation(title, publication)}</span>'


def _links(region_id: str, entry: Entry) -> str:
    links = _edition_links(entry.outputs)
    if entry.outputs.get("disclosure"):
        links.append(_link(entry.outputs["disclosure"], _("disclosure record")))
    if entry.failed_notebook and not entry.is_built:
        links.append(_link(entry.failed_notebook, _("failed notebook")))
    links.append(_link(f"validation/{region_id}.json", _("validation report")))
    if entry.validation_page:  # the page in the reader's language
        links.append(_link(edition_file(entry.validation_page, current()), _("checks")))
    return " · ".join(links)


def _link(target: str, label: str) -> str:
    return f'<a href="{escape(target)}">{escape(label)}</a>'


def _status(entry: Entry, reviews: Mapping[str, CatalogReview]) -> str:
    """The status, why a build failed, and which earlier briefing is still shown."""
    status = entry.status or Status.FAILED_EXECUTION  # an entry is written once it has one
    text = escape(_(status.label))
    if status is Status.BUILT:
        notes = [escape(entry.synthetic_reason)] if entry.synthetic_reason else []
        notes += [escape(_(NOT_CODED))] if entry.is_coded is False else []
        notes += [escape(note) for note in _draft_notes(entry.drafts)]
        notes += [escape(note) for note in _translation_notes(entry.outputs, reviews)]
        notes += [
            escape(
                _("Not printed ({edition}): {problems}").format(
                    edition=language_name(language), problems="; ".join(problems)
                )
            )
            for language, problems in sorted(entry.text_problems.items())
        ]
        return text + "".join(f"<br>{note}" for note in notes)
    text = escape(
        _("this build {status}: {reason}").format(status=_(status.label), reason=entry.reason or "")
    )
    good = entry.last_good
    if not good:
        return text + "<br>" + escape(_("No briefing of this region has been published yet."))
    inputs = "; ".join(f"{n} SHA-256 {d[:12]}…" for n, d in good.inputs.items())
    kept = (
        _("The briefing linked here is the last good one, built on {date} from {inputs}.")
        if inputs
        else _("The briefing linked here is the last good one, built on {date}.")
    )
    return f"{text}<br>" + escape(kept.format(date=good.build_date, inputs=inputs))


def _translation_notes(outputs: dict[str, str], reviews: Mapping[str, CatalogReview]) -> list[str]:
    """How far a person has reviewed the translation of each edition in another language
    than the source (``reviews``, by language: core/translation_review.py)."""
    languages = sorted({split_kind(kind)[1] for kind in outputs} - {SOURCE_LANGUAGE})
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


def _row(
    name: str, entry: Entry, reviews: Mapping[str, CatalogReview], headline: str, files: str
) -> str:
    """A briefing's row: its name, status, headline (escaped) and files (markup); each cell
    after the name names its column, which a phone shows above it (site.css)."""
    _region, status_column, headline_column, files_column = INDEX_COLUMNS
    css = "built" if entry.is_built else "failed"
    return (
        f"<tr><td>{escape(name)}</td>"
        + labelled_cell(_(status_column), _status(entry, reviews), css)
        + labelled_cell(_(headline_column), headline)
        + labelled_cell(_(files_column), files)
        + "</tr>"
    )


def _global_row(
    entry: Entry, publication: Publication, reviews: Mapping[str, CatalogReview]
) -> str:
    """The global briefing's row, first: its status and links (its figures are the regions')."""
    outputs = entry.outputs
    links = " · ".join(
        _edition_links(outputs)
        + [_link(outputs[key], _(label)) for label, key in DIRECTORY_LINKS if key in outputs]
    )
    name = _("All regions (global briefing)")
    cite = _cite_as(_(GLOBAL_TITLE), entry, publication)
    missing = entry.parameters.get("failed_gate", "")
    headline = (
        _("missing: {regions}").format(regions=missing.replace(",", ", "))
        if missing
        else _("every region that passed")
    )
    return _row(name, entry, reviews, escape(headline), links + cite)


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
    global_entry = manifest.global_briefing
    rows = [_global_row(global_entry, publication, reviews)] if global_entry else []
    ordered = sorted(manifest.regions, key=lambda r: alphabetical(names.get(r) or r))
    for region_id in ordered:
        entry = manifest.regions[region_id]
        name = names.get(region_id, region_id)
        cite = _cite_as(briefing_title(name), entry, publication)
        files = _links(region_id, entry) + cite
        rows.append(_row(name, entry, reviews, escape(_headline(entry)), files))
    banner = (
        '<p class="synthetic" role="note"><strong>'
        + escape(_("Synthetic data."))
        + "</strong> "
        + escape(
            _(
                "Briefings marked synthetic were built from invented exports and describe no "
                "real people."
            )
        )
        + "</p>"
        if manifest.is_any_synthetic
        else ""
    )
    title = escape(_("Regional briefings: harm reduction services for women who use drugs"))
    headers = "".join(f'<th scope="col">{escape(_(h))}</th>' for h in INDEX_COLUMNS)
    alternates = "".join(
        f'<link rel="alternate" hreflang="{language}" href="{edition_file(INDEX, language)}">\n'
        for language in LANGUAGES
        if language != current()
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{current()}">\n<head>\n<meta charset="utf-8">\n'
        f"{csp_meta()}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"{alternates}"
        f"<style>{site_style()}</style>\n</head>\n<body>\n"
        f"{language_nav(INDEX)}\n<main>\n"
        f"<h1>{title}</h1>\n"
        f'{banner}\n<div class="table-scroll"><table>\n<thead><tr>{headers}'
        "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>\n</main>\n</body>\n</html>\n"
    )
