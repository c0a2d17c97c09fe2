"""What became of a briefing in a build, and how each page says so.

A manifest entry's ``status`` is one of :class:`Status` (written to JSON as
its string, so manifests read as before); the index's short label and the
RO-Crate's description of the run are kept here, beside each status, so the
two pages never describe a status differently.
"""

from __future__ import annotations

from enum import StrEnum

from wud_briefings.core.language import N_


class Status(StrEnum):
    """A briefing's outcome in a build."""

    BUILT = "built"
    FAILED_VALIDATION = "failed-validation"  # the gate refused its inputs
    FAILED_EXECUTION = "failed-execution"  # the notebook raised, or rendering failed
    MISSING = "failed-missing"  # CI: its job left nothing to assemble

    @property
    def label(self) -> str:
        """The index's word for it."""
        return LABELS[self]

    @property
    def run_description(self) -> str:
        """What the run did, as the RO-Crate records it."""
        return RUN_DESCRIPTIONS[self]


LABELS = {  # translated where shown (the catalogs hold them)
    Status.BUILT: N_("built"),
    Status.FAILED_VALIDATION: N_("failed at validation"),
    Status.FAILED_EXECUTION: N_("failed in execution"),
    Status.MISSING: N_("is missing"),
}
RUN_DESCRIPTIONS = {
    Status.BUILT: (
        "Validated the region's export and coding sheet, wrote its processed tables, ran the "
        "notebook on them with Papermill and rendered the result."
    ),
    Status.FAILED_VALIDATION: (
        "The expectations gate refused the region's inputs (or did not answer in time): "
        "nothing was processed or executed."
    ),
    Status.FAILED_EXECUTION: (
        "The inputs passed the gate; executing or rendering the notebook failed."
    ),
    Status.MISSING: "The region's build job left nothing to assemble: it has no briefing.",
}
