"""The global briefing: notebooks/global.ipynb over every region that passed its gate.

It runs after the regions, on a kernel of its own, and is rendered by the same
exporters into ``outputs/global/`` (swapped in whole), with the services
directory for advocates beside it. It is rebuilt only when what it reads
changed: every region's processed tables, the notebook, the package, the lock,
the codebook, the regions, the boundaries, and its parameters (``k``, and the
regions that did not pass their gate in this build, which it names as missing).
A failed run keeps the last good global briefing published, as a region does.
It is published in every language some region's briefing is published in.
"""

from __future__ import annotations

from pathlib import Path

from wud_briefings.analysis.across_regions import services_directory
from wud_briefings.analysis.directory import write_services_directory
from wud_briefings.analysis.load import global_materials
from wud_briefings.analysis.narrative import GLOBAL_TITLE
from wud_briefings.core.language import _
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.briefing import editions, html_exporter, publish, record_outcome
from wud_briefings.publish.execute import WarmKernel, quiet_papermill
from wud_briefings.publish.manifest import GLOBAL_ID, timestamp
from wud_briefings.publish.pdf_child import PdfSetter, build_pdf_setter
from wud_briefings.publish.progress import Progress
from wud_briefings.publish.records import Entry
from wud_briefings.publish.render import BriefingHTMLExporter, quiet_renderers
from wud_briefings.publish.sign_off import drafts_record, edition_drafts
from wud_briefings.survey.regions import global_languages, load_regions


def publish_global(
    paths: ProjectPaths,
    entry: Entry,
    kernel: WarmKernel,
    exporter: BriefingHTMLExporter,
    pdf: PdfSetter,
    cell_timeout: int,
    progress: Progress,
) -> None:
    """Publish the global briefing (see :func:`~wud_briefings.publish.briefing.publish`) with
    the services directory beside it, and record the outcome in its manifest ``entry``."""
    parameters = entry.notebook_parameters
    k = parameters.k
    inputs = global_materials(parameters.regions or "", k, parameters.failed_gate or "", paths)
    entry.is_synthetic = any(s.is_synthetic for s in inputs.surveys)
    languages = global_languages(load_regions(paths).values())
    notebook = paths.global_notebook
    drafts = edition_drafts(paths, notebook, None, languages)
    entry.drafts = drafts_record(drafts)
    briefings = editions(
        languages,
        notebook,
        parameters,
        entry.is_synthetic,
        lambda: (_(GLOBAL_TITLE), _("Global briefing")),
        drafts.get,
    )

    def directory(staged: Path) -> dict[str, str]:
        written = write_services_directory(services_directory(inputs.surveys, k), staged)
        return dict(zip(("services_csv", "services_xlsx"), (p.name for p in written), strict=True))

    publication = publish(
        briefings,
        kernel,
        exporter,
        pdf,
        paths.output_region(GLOBAL_ID),
        cell_timeout=cell_timeout,
        root=paths.root,
        published=entry.outputs,
        step=lambda step: progress.update(GLOBAL_ID, step),
        extras=directory,
    )
    entry.ended = timestamp()
    record_outcome(entry, publication, lambda step, note: progress.update(GLOBAL_ID, step, note))


def build_global(
    paths: ProjectPaths,
    entry: Entry,
    cell_timeout: int,
    given_pdf_setter: PdfSetter | None,
    progress: Progress,
) -> None:
    """The global briefing on a kernel and PDF child of its own: when no region was rebuilt
    (else it runs on one of the build's warm workers, see ``worker.run_global``)."""
    quiet_papermill()
    quiet_renderers()
    kernel = WarmKernel()
    try:
        with build_pdf_setter(1, given_pdf_setter) as pdf:
            publish_global(paths, entry, kernel, html_exporter(), pdf, cell_timeout, progress)
    finally:
        kernel.shutdown()
