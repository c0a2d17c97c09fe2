"""One way from a notebook to published files, for every briefing and the preview.

:func:`run_notebook` executes a notebook on a warm kernel with its parameters,
normalises it and titles it; :func:`render_html` renders it with the briefing
exporter; :func:`publish` does both, then writes the notebook, HTML, PDF and any
extra files into a staged folder and swaps it in whole. A notebook that raises
is kept as ``failed.ipynb`` beside the last good outputs, which stay published.
Regions, the global briefing, the preview (HTML only) and the tests all go
through here: nothing else executes, normalises or swaps a briefing.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from wud_briefings.analysis.texts.commentary_file import TEXT_PROBLEMS
from wud_briefings.core.atomic import write_bytes_atomic, write_text_atomic
from wud_briefings.core.editions import LanguageLink, autonym, edition_file, edition_kind
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.language import (
    SOURCE_LANGUAGE,
    _,
    ngettext,
    number,
    translated_markdown,
    using,
)
from wud_briefings.core.paths import BRIEFING_HTML, BRIEFING_PDF, EXECUTED_NOTEBOOK, FAILED_NOTEBOOK
from wud_briefings.publish.provenance.outputs import EditionFiles, Outputs
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.provenance.records import Entry
from wud_briefings.publish.provenance.status import Status
from wud_briefings.publish.rendering.execute import WarmKernel, execute_briefing
from wud_briefings.publish.rendering.normalise import normalise_notebook
from wud_briefings.publish.rendering.render import BriefingHTMLExporter

if TYPE_CHECKING:
    from wud_briefings.publish.provenance.sign_off import Draft

Extras = Callable[[Path], dict[str, str]]  # writes files into a staged folder; kind -> name


@dataclass(frozen=True)
class Briefing:
    """A notebook to run, with what, in which language, and how its pages are titled."""

    notebook: Path
    parameters: NotebookParameters
    title: str  # the HTML title and the PDF's
    label: str  # the page footer's: which briefing, in which language
    is_synthetic: bool
    language: str = SOURCE_LANGUAGE
    editions: tuple[LanguageLink, ...] = ()  # the other languages it is published in
    draft: str = ""  # why it is a draft, in its language; empty once signed off as it is


@dataclass(frozen=True)
class Run:
    """An executed, normalised, titled notebook, the error that stopped it, if any, and the
    researchers' passages it left out (and why)."""

    notebook: nbformat.NotebookNode
    error: str | None
    seconds: float
    text_problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Publication:
    """What a publish left in place (relative to outputs/), and why not."""

    outputs: Outputs
    error: str | None = None  # the notebook's error; the last good outputs stay published
    failed_notebook: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # each edition's researchers' passages not printed, and why
    text_problems: dict[str, list[str]] = field(default_factory=dict)


def editions(
    languages: Sequence[str],
    notebook: Path,
    parameters: NotebookParameters,
    is_synthetic: bool,
    titled: Callable[[], tuple[str, str]],
    drafts: Callable[[str], Draft | None] = lambda _language: None,
) -> list[Briefing]:
    """The briefing in each of ``languages``, each linking to the others.

    ``titled`` gives the title and the footer's label, called in each language
    in turn; the footer then names the edition's language. ``drafts`` says why
    an edition is a draft (see :mod:`~wud_briefings.publish.provenance.sign_off`).
    """
    briefings = []
    for language in languages:
        with using(language):
            title, label = titled()
            why = drafts(language)
            note = why.note() if why else ""
        others = tuple(
            LanguageLink(other, autonym(other), edition_file(BRIEFING_HTML, other))
            for other in languages
            if other != language
        )
        label = f"{label} · {autonym(language)}"
        briefings.append(
            Briefing(notebook, parameters, title, label, is_synthetic, language, others, note)
        )
    return briefings


def text_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """The researchers' passages an executed notebook left out, and why (see
    :func:`wud_briefings.analysis.report_parts.text_problems`)."""
    found: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for metadata in output.get("metadata", {}).values():
                if isinstance(metadata, dict):
                    found += metadata.get(TEXT_PROBLEMS, [])
    return found


def annotate(notebook: nbformat.NotebookNode, briefing: Briefing, left_out: int) -> None:
    """Title, language, footer and the other editions, for the HTML template and the PDF;
    and the draft notice, when the edition is not signed off or left ``left_out`` of the
    researchers' passages out."""
    label = briefing.label
    with using(briefing.language):
        notes = [briefing.draft] if briefing.draft else []
        if left_out:
            notes.append(
                ngettext(
                    "{n} passage of the researchers' texts does not match the data and is not "
                    "printed.",
                    "{n} passages of the researchers' texts do not match the data and are not "
                    "printed.",
                    left_out,
                ).format(n=number(left_out))
            )
        marks = [_("DRAFT")] if notes else []
        marks += [_("SYNTHETIC DATA")] if briefing.is_synthetic else []
        notebook.metadata["briefing"] = {
            "title": briefing.title,
            "language": briefing.language,
            "footer": " · ".join([*marks, label]),
            "editions": [asdict(edition) for edition in briefing.editions],
            "editions_label": _("This briefing in other languages"),
            "skip_label": _("Skip to the briefing"),
        }
        if notes:
            notebook.metadata["briefing"]["draft"] = {"mark": _("DRAFT"), "note": " ".join(notes)}


def run_notebook(
    briefing: Briefing,
    kernel: WarmKernel,
    scratch: Path,
    cell_timeout: int,
    root: Path,
    *,
    reset: bool = True,
) -> Run:
    """Execute the briefing's notebook on ``kernel``, then normalise and title it."""
    started = time.perf_counter()
    source = nbformat.read(briefing.notebook, as_version=4)
    translate_markdown(source, briefing.language)
    parameters = briefing.parameters.injected(briefing.language)
    run = execute_briefing(source, parameters, kernel, scratch, cell_timeout, reset=reset)
    executed = normalise_notebook(run.notebook, root)
    problems = tuple(text_problems(executed))
    annotate(executed, briefing, len(problems))
    return Run(executed, run.error, time.perf_counter() - started, problems)


def translate_markdown(notebook: nbformat.NotebookNode, language: str) -> None:
    """The markdown cells in ``language``: researchers write them in English."""
    if language == SOURCE_LANGUAGE:
        return
    with using(language):
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = translated_markdown(cell.source)


def html_exporter() -> BriefingHTMLExporter:
    """The exporter for notebooks :func:`run_notebook` returns (already normalised)."""
    return BriefingHTMLExporter(normalise=False)


def render_html(executed: nbformat.NotebookNode, exporter: BriefingHTMLExporter) -> str:
    """The briefing page of an executed notebook (already normalised by :func:`run_notebook`)."""
    title = executed.metadata["briefing"]["title"]
    page, _ = exporter.from_notebook_node(executed, resources={"metadata": {"name": title}})
    return page


def keep_published(target: Path, staged: Path, published: Outputs) -> Outputs:
    """Copy the last good outputs (relative to outputs/) that are in place into ``staged``."""
    kept = published.kept(lambda relative: (target / Path(relative).name).exists())
    for relative in kept.files():
        name = Path(relative).name
        shutil.copy2(target / name, staged / name)
    return kept


def publish(
    briefings: list[Briefing],
    kernel: WarmKernel,
    exporter: BriefingHTMLExporter,
    pdf: Callable[[str], bytes],
    target: Path,
    *,
    cell_timeout: int,
    root: Path,
    published: Outputs,
    step: Callable[[str], None],
    extras: Extras | None = None,
) -> Publication:
    """Run each language's edition of a briefing, and swap their notebooks, HTML and PDF
    (with ``extras``) into ``target`` together.

    ``published`` names the last good outputs; a notebook that raises, in any
    language, leaves them in place, beside ``failed.ipynb``. ``step`` hears
    "executing" and "rendering" (with the language when there are several).
    Nothing half-written is ever left in ``target``.
    """
    folder = target.name
    staged = staging_dir(target)
    timings: dict[str, float] = {}
    files_by_language: dict[str, EditionFiles] = {}
    left_out: dict[str, list[str]] = {}
    try:
        for briefing in briefings:
            language = briefing.language
            said = f" ({language})" if len(briefings) > 1 else ""
            step("executing" + said)
            run = run_notebook(briefing, kernel, staged / ".executing.ipynb", cell_timeout, root)
            timings[edition_kind("execute_s", language)] = round(run.seconds, 2)
            if run.error is not None:
                write_text_atomic(staged / FAILED_NOTEBOOK, nbformat.writes(run.notebook) + "\n")
                outputs = keep_published(target, staged, published)
                swap_dir(staged, target)
                failed = f"{folder}/{FAILED_NOTEBOOK}"
                return Publication(outputs, f"{run.error}{said}", failed, timings)
            if run.text_problems:
                left_out[language] = list(run.text_problems)
            executed = edition_file(EXECUTED_NOTEBOOK, language)
            write_text_atomic(staged / executed, nbformat.writes(run.notebook) + "\n")
            step("rendering" + said)
            started = time.perf_counter()
            page = render_html(run.notebook, exporter)
            html, pdf_name = (
                edition_file(BRIEFING_HTML, language),
                edition_file(BRIEFING_PDF, language),
            )
            write_text_atomic(staged / html, page)
            write_bytes_atomic(staged / pdf_name, pdf(page))
            files_by_language[language] = EditionFiles(
                html=f"{folder}/{html}", pdf=f"{folder}/{pdf_name}", notebook=f"{folder}/{executed}"
            )
            rendering = time.perf_counter() - started
            timings[edition_kind("render_s", language)] = round(rendering, 2)
        written = extras(staged) if extras else {}
        shared = {kind: f"{folder}/{name}" for kind, name in written.items()}
        swap_dir(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return Publication(Outputs(files_by_language, shared), timings=timings, text_problems=left_out)


def record_outcome(
    entry: Entry, publication: Publication, report: Callable[[str, str], None]
) -> None:
    """A manifest entry after a publish: built, or failed with the notebook kept; reported."""
    entry.outputs = publication.outputs
    entry.timings |= publication.timings
    entry.text_problems = publication.text_problems
    if publication.error is None:
        entry.status = Status.BUILT
        report("done", f"{sum(entry.timings.values()):.1f}s of work")
        return
    entry.failed_notebook = publication.failed_notebook
    entry.fail(
        Status.FAILED_EXECUTION,
        f"the notebook raised {publication.error}; see {publication.failed_notebook}",
    )
    report("failed", entry.reason or "")
