"""Folders swapped in whole: built beside their target, renamed in, leftovers undone.

A directory of results (a region's processed tables, its outputs) is built in a
hidden staging folder and swapped in with two renames, so a reader sees the
old folder or the new one, never a mix.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from wud_briefings.core.atomic import DIR_MODE


def staging_dir(target: Path) -> Path:
    """A fresh folder beside ``target`` to build into before :func:`swap_dir`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    staged.chmod(DIR_MODE)  # as mkdir would make it, not mkdtemp's 0700: outputs are served
    return staged


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
