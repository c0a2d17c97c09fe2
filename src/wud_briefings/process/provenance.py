"""Where a region's processed tables came from: ``provenance.json``, beside them.

One typed record, written by :mod:`~wud_briefings.process.region` and read by
attribute wherever a stage needs to know whether the data are synthetic or coded,
which inputs they came from, what the gate checked, or the gate's recorded verdict.
data/processed/ is never published: nothing personal is in it, and nothing here
is read from a page.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wud_briefings.core.paths import PROVENANCE


@dataclass(frozen=True)
class GateRecord:
    """A passed gate's verdict: its key, and the SHA-256 of each table and of the report
    it made (see :mod:`~wud_briefings.process.gate_cache`)."""

    key: str
    files: dict[str, str]
    report: str


@dataclass(frozen=True)
class Provenance:
    """What a region's processed tables are: their inputs, counts and the checks passed."""

    region: str
    region_name: str
    survey_month: str | None
    is_synthetic: bool
    is_coded: bool  # researchers coded the open answers (a coding sheet exists)
    inputs: dict[str, str]  # each input as the project shows it, and its SHA-256
    counts: dict[str, int] = field(default_factory=dict)
    checks: dict[str, list[str]] = field(default_factory=dict)  # per table, the checks passed
    gate: GateRecord | None = None  # the gate's verdict, when it can be reused

    def as_json(self) -> dict[str, Any]:
        """The record as provenance.json holds it (no ``gate`` key without a verdict)."""
        record = dataclasses.asdict(self)
        if self.gate is None:
            del record["gate"]
        return record

    @classmethod
    def from_json(cls, text: str) -> Provenance:
        """The record; ValueError when the file is not one (edited by hand, half-written)."""
        data: Any = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("provenance.json does not hold an object")
        gate = data.pop("gate", None)
        try:
            return cls(**data, gate=None if gate is None else GateRecord(**gate))
        except TypeError as error:
            raise ValueError(f"provenance.json is not a provenance record: {error}") from None

    @classmethod
    def read(cls, folder: Path) -> Provenance:
        return cls.from_json((folder / PROVENANCE).read_text(encoding="utf-8"))
