"""The build's records, typed: each briefing's manifest entry, and the manifest that holds them.

They are written to ``outputs/manifest.json`` as the JSON they always were
(fields without a value are left out), and read back from it; the index, the
RO-Crate and the assembly of CI's parts read these records, never raw JSON.
Kept light: a build with nothing to do reads and writes them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from wud_briefings.publish.provenance.outputs import Outputs
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.provenance.status import Status

# 2: an entry names its validation page "validation_page" (1 said "data_docs", though GX Data
# Docs are no longer built). A manifest of another version is ignored: every region is rebuilt.
MANIFEST_VERSION = 2


@dataclass(frozen=True)
class PublishedRun:
    """A run whose briefing is published: kept in view while a later run has failed."""

    outputs: Outputs
    build_date: str
    inputs: dict[str, str] = field(default_factory=dict)
    commentary: dict[str, str] = field(default_factory=dict)
    headline: dict[str, int] | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    started: str | None = None
    ended: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PublishedRun:
        known = _known(cls, data)
        return cls(**known | {"outputs": Outputs.from_json(known.get("outputs", {}))})


@dataclass
class Entry:
    """One briefing's record in a build: what it depends on, what became of it, its files.

    ``status`` is None while the briefing is being built. ``outputs`` holds the
    published files, relative to outputs/ (each language edition's, and the files they
    share); while a rebuild has not (yet) succeeded they are ``last_good``'s.
    """

    dependency_key: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    status: Status | None = None
    reason: str | None = None  # why it failed
    started: str | None = None
    ended: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    outputs: Outputs = field(default_factory=Outputs)
    inputs: dict[str, str] = field(default_factory=dict)  # raw input file -> SHA-256
    # the researchers' commentary files printed in the briefing -> SHA-256
    commentary: dict[str, str] = field(default_factory=dict)
    is_synthetic: bool | None = None
    is_coded: bool | None = None
    synthetic_reason: str | None = None  # why a region with real inputs used synthetic ones
    validation_page: str | None = None
    headline: dict[str, int] | None = None
    failed_notebook: str | None = None
    last_good: PublishedRun | None = None
    # each draft edition's language -> the sources changed since its sign-off (none: unsigned)
    drafts: dict[str, list[str]] = field(default_factory=dict)
    # each edition's language -> the researchers' passages not printed, and why
    text_problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_built(self) -> bool:
        return self.status is Status.BUILT

    @property
    def notebook_parameters(self) -> NotebookParameters:
        """The parameters its notebook ran with, as the manifest records them."""
        return NotebookParameters.from_json(self.parameters)

    def fail(self, status: Status, reason: str) -> None:
        self.status, self.reason = status, reason

    def published_run(self) -> PublishedRun | None:
        """What this briefing last published successfully: this run if it succeeded."""
        if not self.is_built:
            return self.last_good
        return PublishedRun(
            outputs=self.outputs,
            build_date=self.notebook_parameters.build_date,
            inputs=self.inputs,
            commentary=self.commentary,
            headline=self.headline,
            parameters=self.parameters,  # the rest, for the crate's record of that run
            started=self.started,
            ended=self.ended,
        )

    def shown_headline(self) -> dict[str, int] | None:
        """The figures of the briefing the index links to: this run's, or the last good one's."""
        if self.is_built:
            return self.headline
        return self.last_good.headline if self.last_good else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self) | {"outputs": self.outputs.to_json()}
        if self.last_good is not None:
            data["last_good"]["outputs"] = self.last_good.outputs.to_json()
        return _without_none(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        known = _known(cls, data)
        if known.get("status") is not None:
            known["status"] = Status(known["status"])
        if known.get("last_good") is not None:
            known["last_good"] = PublishedRun.from_json(known["last_good"])
        known["outputs"] = Outputs.from_json(known.get("outputs", {}))
        return cls(**known)


def missing_entry() -> Entry:
    """A region whose CI job left nothing to assemble."""
    return Entry(
        status=Status.MISSING,
        reason="its build job left no outputs to publish (see that job's log)",
    )


@dataclass
class Manifest:
    """outputs/manifest.json: the build's settings and every briefing's entry."""

    code_version: str = ""
    commit: str | None = None
    build_date: str = ""
    packages: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    regions: dict[str, Entry] = field(default_factory=dict)
    global_briefing: Entry | None = None

    @property
    def is_any_synthetic(self) -> bool:
        return any(e.is_synthetic for e in self.regions.values())

    def record(self, region_id: str, entry: Entry) -> None:
        self.regions[region_id] = entry
        self.regions = dict(sorted(self.regions.items()))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "manifest_version": MANIFEST_VERSION,
            "code_version": self.code_version,
            "commit": self.commit,
            "build_date": self.build_date,
            "packages": self.packages,
            "parameters": self.parameters,
            "regions": {r: e.to_json() for r, e in self.regions.items()},
        }
        if self.global_briefing is not None:
            data["global"] = self.global_briefing.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """A manifest as written; one of another version reads as empty (all is rebuilt)."""
        if data.get("manifest_version") != MANIFEST_VERSION:
            return cls()
        global_ = data.get("global")
        return cls(
            code_version=data.get("code_version", ""),
            commit=data.get("commit"),
            build_date=data.get("build_date", ""),
            packages=data.get("packages", {}),
            parameters=data.get("parameters", {}),
            regions={r: Entry.from_json(e) for r, e in data.get("regions", {}).items()},
            global_briefing=Entry.from_json(global_) if global_ else None,
        )


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value (an entry's last good run's too)."""
    return {
        k: _without_none(v) if k == "last_good" else v
        for k, v in data.items()
        if v is not None and v != {}
    }
