"""Encrypted real inputs: read in memory by the build, written for the repository.

A real export or coding sheet may be committed as ``<name>.age``, encrypted to
every public key in ``data/raw/recipients.txt``. Every reader takes an input's
bytes from :func:`input_bytes`, which decrypts such a file in memory: the clear
bytes are never written anywhere (no temporary file, no cache, no copy).

:func:`encrypt_input` is the other direction, for ``wud-briefings encrypt``. It
keeps the clear file (git ignores it under data/raw/exports/; deleting it is the
researcher's call, and no delete can scrub a disk), but refuses a clear file git
tracks or would track: encrypting it would leave the clear text to be committed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from wud_briefings.core.atomic import write_bytes_atomic
from wud_briefings.core.encryption import (
    AGE_SUFFIX,
    decrypt,
    encrypt,
    is_encrypted,
    read_recipients,
)
from wud_briefings.core.errors import InputError

GIT_TIMEOUT = 10  # seconds git may take to say whether it tracks a file
# Variables that would point git at another repository than the file's own.
GIT_REDIRECTS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR")


def input_bytes(path: Path, shown: str) -> bytes:
    """A raw input's bytes: as stored, or decrypted in memory when it is a ``.age`` file."""
    data = path.read_bytes()
    return decrypt(data, shown) if is_encrypted(path) else data


def encrypt_input(path: Path, recipients_file: Path, shown: str, shown_recipients: str) -> Path:
    """Write ``<path>.age``, encrypted to every recipient in the recipients file.

    Refused, with nothing written: a file already encrypted, a clear file git
    tracks or does not ignore, and a recipients file that lists no one or holds
    a line that is not a public key. The ``.age`` file replaces any earlier one
    atomically.
    """
    if is_encrypted(path):
        raise InputError.single(shown, f"already encrypted (its name ends in {AGE_SUFFIX})")
    if not path.is_file():
        raise InputError.single(shown, "the file does not exist")
    recipients = read_recipients(recipients_file, shown_recipients)
    _refuse_committable(path, shown)
    target = path.with_name(path.name + AGE_SUFFIX)
    write_bytes_atomic(target, encrypt(path.read_bytes(), recipients))
    return target


def _git(path: Path, shown: str, *command: str) -> subprocess.CompletedProcess[str] | None:
    """Run git on the file in its own folder; None when git is not installed."""
    environment = {k: v for k, v in os.environ.items() if k not in GIT_REDIRECTS}
    try:
        return subprocess.run(
            ["git", "-C", str(path.parent), *command, "--", path.name],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            env=environment | {"LC_ALL": "C"},
            check=False,
        )
    except FileNotFoundError:
        return None  # no git, no repository that could track the file
    except subprocess.TimeoutExpired:
        raise InputError.single(
            shown,
            f"git did not say within {GIT_TIMEOUT} s whether it tracks this file; "
            "nothing was encrypted",
        ) from None


def _refuse_committable(path: Path, shown: str) -> None:
    """Refuse a clear file that git tracks, or that it does not ignore (a `git add` away)."""
    tracked = _git(path, shown, "ls-files", "--error-unmatch")
    if tracked is None or (tracked.returncode == 128 and "not a git repository" in tracked.stderr):
        return
    if tracked.returncode == 0:
        raise InputError.single(
            shown,
            "git tracks this clear file: encrypting it would leave it to be committed. Untrack "
            f"it first with `git rm --cached {shown}` (from the project's folder; the file "
            "stays on disk), commit that, then encrypt. If it was ever pushed, it stays in the "
            "history: rewrite the history (git filter-repo) and treat the data as disclosed",
        )
    _refuse_unless(tracked, 1, shown)
    ignored = _git(path, shown, "check-ignore", "--quiet")
    if ignored is not None and ignored.returncode == 1:
        raise InputError.single(
            shown,
            "git does not ignore this clear file, so `git add` would commit it: move it to "
            "data/raw/exports/ (or data/raw/exports/coding/), which git ignores, and encrypt it "
            "there",
        )
    if ignored is not None:
        _refuse_unless(ignored, 0, shown)


def _refuse_unless(result: subprocess.CompletedProcess[str], expected: int, shown: str) -> None:
    """Refuse when git failed: what it would have said is unknown, so nothing is encrypted."""
    if result.returncode != expected:
        first = (result.stderr.strip().splitlines() or ["no message"])[0]
        raise InputError.single(
            shown, f"git could not say whether it tracks or ignores this file ({first})"
        )
