"""What the build gives a notebook's parameters cell (papermill injects it): built here only.

Both notebooks take the small-cell threshold ``k``, the code's version and the build
date; the regional one (``notebooks/briefing.ipynb``) the region, the global one
(``notebooks/global.ipynb``) the regions it sets side by side and those whose gate
refused them. The manifest keeps each briefing's as JSON (its dependency key reads
them); a test holds the names to each notebook's parameters cell.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class NotebookParameters:
    """One notebook run's parameters; the language is the edition's, given per run."""

    k: int
    code_version: str
    build_date: str
    region: str | None = None  # the regional notebook's region id
    regions: str | None = None  # the global notebook's regions, comma-separated; "": every one
    failed_gate: str | None = None  # the global notebook: ids of regions the gate refused

    def for_region(self, region_id: str) -> NotebookParameters:
        return replace(self, region=region_id)

    def for_global(self, failed_gate: list[str]) -> NotebookParameters:
        return replace(self, regions="", failed_gate=",".join(sorted(failed_gate)))

    def as_json(self) -> dict[str, Any]:
        """The parameters a notebook of this kind takes, as the manifest records them."""
        return {name: value for name, value in asdict(self).items() if value is not None}

    def injected(self, language: str) -> dict[str, Any]:
        """What papermill writes into the notebook, for the edition in ``language``."""
        return self.as_json() | {"language": language}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NotebookParameters:
        return cls(**data)
