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

from collections.abc import Callable
from pathlib import Path

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display.directory import write_services_directory
from wud_briefings.analysis.display.narrative import GLOBAL_TITLE
from wud_briefings.analysis.figures.across_regions import services_directory
from wud_briefings.analysis.load import global_materials
from wud_briefings.core.language import _
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.provenance.manifest import GLOBAL_ID, timestamp
from wud_briefings.publish.provenance.records import Entry
from wud_briefings.publish.provenance.sign_off import drafts_record, edition_drafts
from wud_briefings.publish.rendering.briefing import (
    editions,
    publish,
    record_outcome,
)
from wud_briefings.publish.rendering.execute import WarmKernel
from wud_briefings.publish.rendering.render import BriefingHTMLExporter
from wud_briefings.survey.regions import global_languages, load_regions


def publish_global(
    paths: ProjectPaths,
    entry: Entry,
    kernel: WarmKernel,
    exporter: BriefingHTMLExporter,
    pdf: Callable[[str], bytes],
    cell_timeout: int,
    report: Callable[[str, str], None],
) -> None:
    """Publish the global briefing (see :func:`~.briefing.publish`) with the
    services directory beside it, and record the outcome in its manifest ``entry``.

    ``report`` hears each step and the outcome (with a note), as the build's progress does."""
    parameters = entry.notebook_parameters
    policy = DisclosurePolicy(parameters.k)
    inputs = global_materials(parameters.regions or "", parameters.failed_gate or "", paths)
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
        written = write_services_directory(services_directory(inputs.surveys, policy), staged)
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
        step=lambda step: report(step, ""),
        extras=directory,
    )
    entry.ended = timestamp()
    record_outcome(entry, publication, report)
