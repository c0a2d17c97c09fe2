"""The gate's verdict, keyed by everything it depends on, so it is not reached twice.

A notebook or analysis edit rebuilds every briefing but changes nothing the gate
sees, and the gate (importing Great Expectations, validating) is the slowest
step of a one-region rebuild. A region that passed is therefore recorded with a
key: the SHA-256 of its inputs (export and coding sheet, by content and
location), its entry in regions.yaml, the codebook, the suites, the identity of
the pseudonym key (never the key), the source of the stages that make processed
data (core to process, not analysis or build) and the versions of the libraries
they use. The key is stored in the region's ``provenance.json`` (data/processed
is never published), with the SHA-256 of each processed table and of the
validation report, so that a folder edited, half-deleted or reported on since
is gated again. Why a region with real inputs was built from synthetic ones is
in the key too, as the report states it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import platform
from functools import cache
from pathlib import Path

from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.digests import digest, files_digest, library_versions
from wud_briefings.core.paths import INDEX, ProjectPaths
from wud_briefings.process.provenance import GateRecord, Provenance
from wud_briefings.survey.regions import Region

PACKAGE = Path(__file__).resolve().parents[1]
# The stages whose code decides what the gate sees and what data/processed holds.
GATE_STAGES = ("core", "survey", "ingest", "gate", "process")
GATE_LIBRARIES = (
    "great-expectations",
    "pandas",
    "numpy",
    "openpyxl",
    "charset-normalizer",
    "phonenumbers",
    "country-converter",
    "babel",
    "pyyaml",
)


@cache
def stages_digest(package: Path = PACKAGE) -> str:
    """One hash of the Python source of the gate's stages (read once per process)."""
    files = (
        p
        for stage in GATE_STAGES
        for p in (package / stage).rglob("*.py")
        if "__pycache__" not in p.parts
    )
    return files_digest(files, package)


def gate_key(
    region: Region,
    inputs: dict[str, str],
    paths: ProjectPaths,
    key_fingerprint: str,
    synthetic_reason: str | None = None,
    package: Path = PACKAGE,
) -> str:
    """What the gate's verdict on this region depends on, as one SHA-256.

    ``synthetic_reason`` (why real inputs were passed over for synthetic ones) is
    part of it: the validation report states it, so encrypted exports committed
    beside unchanged synthetic ones make the gate report again.
    """
    return digest(
        {
            "inputs": inputs,
            "synthetic reason": synthetic_reason,
            "region": dataclasses.asdict(region),
            "codebook": sha256_file(paths.codebook),
            "suites": {p.name: sha256_file(p) for p in sorted(paths.expectations.glob("*.json"))},
            "pseudonym key": key_fingerprint,
            "stages": stages_digest(package),
            "libraries": {"python": platform.python_version()} | library_versions(GATE_LIBRARIES),
        }
    )


def gate_record(key: str, tables: dict[str, bytes], report: Path) -> GateRecord:
    """What provenance.json keeps of a passed gate: its key, the tables and report it made."""
    return GateRecord(
        key=key,
        files={name: hashlib.sha256(data).hexdigest() for name, data in tables.items()},
        report=sha256_file(report),
    )


def _same_file(path: Path, digest: object) -> bool:
    return path.is_file() and sha256_file(path) == digest


def verdict_is_current(
    provenance: Provenance, key: str, folder: Path, report: Path, expected: set[str]
) -> bool:
    """The recorded verdict has this key, and every table and the report are as it left them."""
    record = provenance.gate
    if record is None or record.key != key or set(record.files) != expected:
        return False
    if not all(_same_file(folder / name, digest) for name, digest in record.files.items()):
        return False
    return _same_file(report, record.report) and (report.with_suffix("") / INDEX).is_file()
