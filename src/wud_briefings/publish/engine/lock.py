"""One build at a time per project: an advisory lock on a file in outputs/."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


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
