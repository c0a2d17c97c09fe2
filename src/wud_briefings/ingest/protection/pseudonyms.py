"""Keyed pseudonyms for respondent ids, and the key they are made with.

A pseudonym is an HMAC of the respondent id, so nobody without the key can undo
it by hashing every possible id. Synthetic exports hold fake ids: they use a
fixed key printed here, and their briefings come out the same on every machine.
A real export uses ``WUD_PSEUDONYM_KEY`` or, when it is unset, a random key the
first run writes beside the exports, in a git-ignored file only its owner may
read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from wud_briefings.core.errors import InputError
from wud_briefings.core.paths import ProjectPaths

KEY_VARIABLE = "WUD_PSEUDONYM_KEY"
KEY_FILE = ".pseudonym-key"
# Public on purpose: it only ever hides the fake ids of the synthetic exports.
SYNTHETIC_KEY = b"wud-briefings-public-key"
KEY_BYTES = 32
OTHERS_MAY_ACCESS = stat.S_IRWXG | stat.S_IRWXO
FINGERPRINT_MESSAGE = b"wud-briefings: the identity of a pseudonym key"


class NewKeyWarning(UserWarning):
    """A pseudonym key was just created: without a backup, pseudonyms cannot be remade."""


def key_file(paths: ProjectPaths) -> Path:
    """Beside the real exports it serves, where git ignores it."""
    return paths.exports / KEY_FILE


def pseudonym_key(paths: ProjectPaths, is_synthetic: bool) -> bytes:
    """The key for an export's pseudonyms; never a public one for a real export.

    The key file holds the key as text, and both it and ``WUD_PSEUDONYM_KEY``
    are read without surrounding blanks: setting the variable to the file's
    content (in CI, on another machine) gives the same pseudonyms.
    """
    known = _known_key(paths, is_synthetic)
    if known is not None:
        return known
    try:
        return _read_key(paths)
    except FileNotFoundError:
        return _create_key(paths)


def _known_key(paths: ProjectPaths, is_synthetic: bool) -> bytes | None:
    """The fixed synthetic key or ``WUD_PSEUDONYM_KEY``; None when the key file decides."""
    if is_synthetic:
        return SYNTHETIC_KEY
    from_environment = os.environ.get(KEY_VARIABLE, "").strip()
    return from_environment.encode() if from_environment else None


def key_fingerprint(paths: ProjectPaths, is_synthetic: bool) -> str | None:
    """Which key an export's pseudonyms are made with, without creating or revealing it.

    An HMAC of a fixed message under the key, kept with the processed data (never
    published) so that a cached gate verdict is dropped when the key changes. It
    tells nothing more about the key than the processed data already does (its
    pseudonyms are HMACs of guessable respondent ids under the same key). None
    when there is no key yet or the key file is refused: the gate then runs and
    creates the key, or says why it cannot.
    """
    key = _known_key(paths, is_synthetic)
    if key is None:
        try:
            key = _read_key(paths)
        except (FileNotFoundError, InputError):
            return None
    return hmac.new(key, FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()


def _read_key(paths: ProjectPaths) -> bytes:
    """The key file's key, refused if others could have read it or it is empty."""
    path = key_file(paths)
    with path.open("rb") as file:
        mode = stat.S_IMODE(os.fstat(file.fileno()).st_mode)
        if mode & OTHERS_MAY_ACCESS:
            raise InputError.single(
                paths.shown(path),
                f"the pseudonym key is open to group or others (mode {mode:o}): "
                f"run 'chmod 600 {paths.shown(path)}', or set {KEY_VARIABLE} instead",
            )
        key = file.read().strip()
    if not key:
        raise InputError.single(
            paths.shown(path),
            f"the pseudonym key is empty: restore it from your backup, or set {KEY_VARIABLE}",
        )
    return key


def _create_key(paths: ProjectPaths) -> bytes:
    """A new random key, written whole under a temporary name and then linked into place.

    mkstemp opens with O_CREAT | O_EXCL and mode 0600, so the key is never
    readable by others, not even for a moment; the link fails if another run
    created the key first, and then that key is used. Nobody reads half a key.
    """
    path = key_file(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(KEY_BYTES).encode()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{KEY_FILE}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(key + b"\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return _read_key(paths)
    finally:
        Path(temporary).unlink()
    warnings.warn(
        f"created a random pseudonym key in {paths.shown(path)}. Back it up: without it "
        f"this export's pseudonyms cannot be made again. To build elsewhere (CI, another "
        f"machine), set {KEY_VARIABLE} to its content there.",
        NewKeyWarning,
        stacklevel=2,
    )
    return key


def pseudonym(region_id: str, respondent_id: object, key: bytes) -> str | None:
    """A stable, non-reversible stand-in for a respondent id (the same for the same key)."""
    if respondent_id is None or pd.isna(respondent_id):
        return None
    message = f"{region_id}:{str(respondent_id).strip()}".encode()
    return "R" + hmac.new(key, message, hashlib.sha256).hexdigest()[:10]
