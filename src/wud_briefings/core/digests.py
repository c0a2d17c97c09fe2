"""One SHA-256 for many things: what a cached verdict or a built briefing depends on.

The manifest (a briefing's dependency key) and the gate cache (a verdict's
key) both hash a set of files, a dictionary of parts and the versions of the
libraries they use; both do it here, the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.paths import ProjectPaths


def digest(parts: dict[str, Any]) -> str:
    """The SHA-256 of a JSON-able dictionary, independent of its keys' order."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def files_digest(files: Iterable[Path], root: Path) -> str:
    """One hash of files' contents and their paths below ``root``."""
    return digest({p.relative_to(root).as_posix(): sha256_file(p) for p in sorted(files)})


def file_hashes(paths: ProjectPaths, files: Iterable[Path]) -> dict[str, str]:
    """Each existing file's SHA-256, by its path as the project shows it."""
    return {paths.shown(f): sha256_file(f) for f in files if f.exists()}


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """The installed version of each library named (those not installed are left out)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions
