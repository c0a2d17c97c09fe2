"""Atomic writes: a file is either its old self or its complete new self, never half.

Everything the compendium writes goes through here: to a temporary file in the
same folder, flushed, then renamed over the target (a rename within one file
system is atomic). A directory of results is swapped in the same way.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    """JSON with sorted keys and a final newline, so equal data gives equal bytes."""
    write_text_atomic(path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def staging_dir(target: Path) -> Path:
    """A fresh folder beside ``target`` to build into before :func:`swap_dir`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))


def swap_dir(staged: Path, target: Path) -> None:
    """Replace ``target`` by ``staged``; the old folder is kept until the new one is in.

    Two renames: a kill between them leaves only ``.<name>.old``, which
    :func:`remove_leftovers` puts back, so the folder is always old or new, whole.
    """
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(folder: Path) -> list[Path]:
    """Undo what an interrupted build left in ``folder``: hidden .tmp and .old entries.

    A set-aside ``.<name>.old`` whose replacement never arrived is restored as
    ``<name>``; every other leftover is deleted.
    """
    if not folder.is_dir():
        return []
    leftovers = [
        p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith((".tmp", ".old"))
    ]
    for path in leftovers:
        original = folder / path.name[1 : -len(".old")]
        if path.name.endswith(".old") and not original.exists():
            path.rename(original)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return leftovers


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an advisory lock, so two builds never write the same tree at once."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another build is running in this project ({lock_file})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
