"""No synthetic personal data ever leaves data/raw/."""

from __future__ import annotations

from support.identifiers import files_under, synthetic_identifiers
from support.project import REPO
from support.rows import read_rows


def test_no_synthetic_identifier_reaches_processed_data_or_outputs(processed_project):
    paths, outcomes = processed_project
    identifiers = synthetic_identifiers(outcomes)
    assert len(identifiers) > 100
    files = files_under(paths.processed, paths.outputs)
    assert len(files) > 20
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaked = [i for i in identifiers if i in text]
        assert not leaked, f"{path.relative_to(paths.root)} contains {leaked[:3]}"


def test_the_raw_exports_really_carry_that_data():
    rows = read_rows(REPO.synthetic / "eeca.csv")
    text = "\n".join(",".join(r) for r in rows)
    assert "fake.eeca.01@example.org" in text and "fake.outreach@example.org" in text
