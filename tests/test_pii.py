"""No synthetic personal data ever leaves data/raw/."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, read_rows

# Respondent ID, Collector ID, IP, e-mail, first and last name, custom data (by position:
# the Spanish export names them in Spanish).
IDENTIFIER_COLUMNS = (0, 1, 4, 5, 6, 7, 8)
TEXT_PII = (
    "fake.outreach@example.org",
    "+7 900 000-00-17",
    "fake.coordinator.1@example.org",
    "fake.coordinadora.1@example.org",
    "7946 0001",
    "0000 0001",
)


def synthetic_identifiers(region_ids) -> set[str]:
    found = set(TEXT_PII)
    for region_id in region_ids:
        rows = read_rows(REPO.synthetic / f"{region_id}.csv")
        for index in IDENTIFIER_COLUMNS:
            found.update(row[index].strip() for row in rows[2:] if row[index].strip())
    return found


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


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


def test_no_synthetic_identifier_reaches_the_briefings(built_project):
    paths, report, _ = built_project
    identifiers = synthetic_identifiers(report.entries)
    files = files_under(paths.processed, paths.outputs)
    assert any(f.suffix == ".pdf" for f in files)
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        leaked = [i for i in identifiers if i in text]
        assert not leaked, f"{path.relative_to(paths.root)} contains {leaked[:3]}"
