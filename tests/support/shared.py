"""Made once per test session, whichever pytest-xdist worker asks first.

Both workers share the session's temporary folder: the first to need a thing makes
it there under a file lock, records what it returns, and the others wait for it and
read the record.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def session_folder(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this session sees (each has its own below it)."""
    base = factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    folder.mkdir(exist_ok=True)
    return folder


def once(root: Path, name: str, make: Callable[[Path], T]) -> tuple[Path, T]:
    """``make(root / name)`` run by one worker; every worker gets that folder and the
    (pickled) result."""
    folder, record = root / name, root / f"{name}.pickle"
    with _locked(root / f"{name}.lock"):
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that died midway
            record.write_bytes(pickle.dumps(make(folder)))
        return folder, pickle.loads(record.read_bytes())


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``, waited for (a build takes a minute at most here)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
