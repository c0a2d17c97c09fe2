"""What each region's briefing depends on, and the manifest that records it.

A region is rebuilt only when its dependency key changes: its raw export and
coding sheet (by content), the notebook, the package's source and templates,
the lock file, the codebook, regions, boundaries and suites, and the build parameters.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.digests import digest, file_hashes, files_digest, library_versions
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.provenance.records import Entry, Manifest

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # the whole wud_briefings package
SOURCE_SUFFIXES = {".py", ".j2", ".css", ".json", ".po"}  # .po: the message catalogs
RECORDED_PACKAGES = (
    "wud-briefings",
    "pandas",
    "seaborn",
    "matplotlib",
    "papermill",
    "nbconvert",
    "great-expectations",
    "weasyprint",
    "ipykernel",
    "jupyterlab",
)
GLOBAL_ID = "global"  # the global briefing's key in the manifest and its folder under outputs/


def source_digest() -> str:
    """One hash of the package's code and templates."""
    files = (
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts
    )
    return files_digest(files, PACKAGE_DIR)


def shared_dependencies(paths: ProjectPaths, notebook: Path) -> dict[str, str]:
    """Hashes every region depends on (computed once per build): the package's code, and
    the project's files (:func:`project_dependencies`)."""
    return {"package source": source_digest()} | project_dependencies(paths, notebook)


def project_dependencies(paths: ProjectPaths, notebook: Path) -> dict[str, str]:
    """Hashes of the project's files every briefing is made from, the code aside."""
    shared = {
        "notebook": sha256_file(notebook),
        "codebook": sha256_file(paths.codebook),
        "regions": sha256_file(paths.regions),
        "boundaries": sha256_file(paths.boundaries),  # the locator map
    }
    lock = paths.root / "requirements.lock"
    if lock.exists():
        shared["lock"] = sha256_file(lock)
    for suite in sorted(paths.expectations.glob("*.json")):
        shared[f"expectations/{suite.name}"] = sha256_file(suite)
    # Who publishes, the sources, the shared background: printed in every briefing.
    for text in sorted(paths.publication.glob("*")):
        shared[f"publication/{text.name}"] = sha256_file(text)
    return shared


def dependency_key(
    shared: dict[str, str], files: dict[str, str], parameters: dict[str, Any]
) -> str:
    """One digest of what every briefing depends on, the files this one reads (a region's
    raw inputs, or every region's processed tables), and its parameters."""
    return digest({"shared": shared, "inputs": files, "parameters": parameters})


def global_key(
    paths: ProjectPaths, parameters: dict[str, Any], sign_offs: dict[str, str] | None = None
) -> str:
    """What the global briefing depends on, as one digest: every region's processed tables
    and its sign-offs beside what every briefing depends on (deciding it is current imports
    nothing heavy)."""
    shared = shared_dependencies(paths, paths.global_notebook)
    tables = file_hashes(
        paths,
        (
            f
            for f in sorted(paths.processed.glob("*/*"))
            if f.is_file() and not f.name.startswith(".")
        ),
    )
    return dependency_key(shared, tables | (sign_offs or {}), parameters)


def git_commit(root: Path) -> str | None:
    """The checked-out commit if the project is a git clone, else the one CI names, else None."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return os.environ.get("GITHUB_SHA") or None
    return result.stdout.strip() or None


def timestamp() -> str:
    """Now, in UTC to the second: when a region's run started or ended (the crate's times)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def commit_epoch(root: Path) -> int | None:
    """The commit's time: a build date that is the same on every build of it."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def package_versions() -> dict[str, str]:
    """The versions of the libraries a manifest records."""
    return library_versions(RECORDED_PACKAGES)


def load_manifest(path: Path) -> Manifest:
    """The previous build's manifest, or an empty one (also when unreadable)."""
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return Manifest()


def is_current(entry: Entry | None, key: str, paths: ProjectPaths) -> bool:
    """Built from these very inputs, with every output in place (a failure is retried)."""
    if entry is None or not entry.is_built or entry.dependency_key != key:
        return False
    return all((paths.outputs / p).exists() for p in entry.outputs.files())
