"""No synthetic identifier from the raw exports reaches a built briefing."""

from __future__ import annotations

from support.identifiers import files_under, synthetic_identifiers


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
