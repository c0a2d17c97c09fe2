"""The RO-Crate's promise about outputs/: every file it names is there, as it says."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from rocrate.rocrate import ROCrate

from wud_briefings.core.checksums import sha256_file


def check_files(outputs: Path, crate: ROCrate) -> None:
    """Every data entity is a file under outputs/ with the size and SHA-256 the crate says."""
    named = crate.data_entities
    assert len(named) > 5
    for entity in named:
        relative = unquote(entity.id)
        assert not relative.startswith(("/", "..", "#")) and "://" not in relative, relative
        file = outputs / relative
        assert file.is_file(), f"{relative} is named by the crate but is not in outputs/"
        assert entity["sha256"] == sha256_file(file), f"{relative}: SHA-256 differs"
        assert entity["contentSize"] == str(file.stat().st_size), f"{relative}: size differs"
