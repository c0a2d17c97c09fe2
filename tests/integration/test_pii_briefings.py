"""No synthetic identifier from the raw exports reaches a built briefing."""

from __future__ import annotations

import re

from support.identifiers import files_under, synthetic_identifiers
from support.pdf_text import pdf_pages


def test_no_synthetic_identifier_reaches_the_briefings(built_project):
    paths, report, _ = built_project
    identifiers = synthetic_identifiers(report.entries)
    # One pass over each file's text finds any of them (the longest first where two overlap).
    anywhere = re.compile("|".join(map(re.escape, sorted(identifiers, key=len, reverse=True))))
    files = files_under(paths.processed, paths.outputs)
    assert any(f.suffix == ".pdf" for f in files)
    for path in files:
        if path.suffix == ".pdf":  # its words as a reader's software extracts them
            text = " ".join(pdf_pages(path))
            assert text.strip(), f"no text read from {path.name}: the search would prove nothing"
        else:
            text = path.read_bytes().decode("utf-8", errors="replace")
        leaked = sorted(set(anywhere.findall(text)))
        assert not leaked, f"{path.relative_to(paths.root)} contains {leaked[:3]}"
