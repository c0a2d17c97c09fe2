"""CITATION.cff: written from the publication file, and valid for cffconvert.

cffconvert lives in a venv of its own (``make test`` makes .venv-cffconvert from
requirements-cffconvert.lock): it requires jsonschema<4, which the notebooks'
stack cannot share.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from support.project import REPO
from wud_briefings.publish.provenance.citation_file import CITATION_FILE, citation_text

CFFCONVERT = REPO.root / ".venv-cffconvert" / "bin" / "cffconvert"


def validate(folder) -> subprocess.CompletedProcess[str]:
    assert CFFCONVERT.exists(), "run `make test`: it installs cffconvert in .venv-cffconvert"
    return subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", CITATION_FILE],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_committed_citation_file_is_the_one_the_publication_file_gives():
    assert (REPO.root / CITATION_FILE).read_text(encoding="utf-8") == citation_text(REPO)


def test_cffconvert_validates_the_citation_file():
    result = validate(REPO.root)
    assert result.returncode == 0, result.stderr
    assert "Citation metadata are valid according to schema version 1.2.0." in result.stdout


@pytest.mark.parametrize(
    ("field", "wrong"),
    [("date-released", "date-released: 5 December 2026"), ("license", "license: CC-BY-4")],
)
def test_the_validation_can_fail(tmp_path, field, wrong):
    """The same file with a date or a licence edited by hand into what the format refuses."""
    text = re.sub(rf"^{field}: .*$", wrong, citation_text(REPO), flags=re.MULTILINE)
    assert wrong in text
    (tmp_path / CITATION_FILE).write_text(text, encoding="utf-8")
    result = validate(tmp_path)
    assert result.returncode != 0 and "ValidationError" in result.stderr
