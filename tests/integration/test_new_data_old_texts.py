"""New data, old texts: a Russian-language EECA export dropped in as a researcher would,
with no coding sheet yet, builds both EECA editions as drafts; the passages of the
researchers' texts that need coded themes are replaced by notes that name the command
starting the coding, and the index lists them. (Placeholder PDFs: the HTML is read.)"""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from support.project import FIXTURES, PLACEHOLDER, run_build

RUSSIAN_EXPORT = FIXTURES / "russian" / "eeca-ru.csv"  # synthetic: see its README


def test_a_new_export_builds_both_editions_as_drafts_with_notes_for_coded_figures(builds, tmp_path):
    paths = builds.gated(tmp_path / "project", ["eeca"])
    paths.exports.mkdir(parents=True, exist_ok=True)
    shutil.copy(RUSSIAN_EXPORT, paths.exports / "eeca.csv")  # no coding sheet beside it
    report, log = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    entry = report.entries["eeca"]
    assert entry.status == "built", (entry.reason, log)
    assert entry.is_coded is False
    assert sorted(entry.text_problems) == ["en", "ru"]
    for language, name in (("en", "briefing.html"), ("ru", "briefing.ru.html")):
        problems = entry.text_problems[language]
        assert problems and all("make coding-sheet REGION=eeca" in p for p in problems)
        assert all("themes." in p for p in problems)
        soup = BeautifulSoup((paths.outputs / "eeca" / name).read_text("utf-8"), "html.parser")
        assert soup.select_one("p.draft-banner") is not None
        notes = soup.select("p.text-problem")
        assert notes and all("make coding-sheet REGION=eeca" in n.get_text() for n in notes)
        for note in notes:
            note.decompose()
        assert "{{" not in soup.get_text()  # nothing unchecked is printed outside the notes
    index = (paths.outputs / "index.html").read_text(encoding="utf-8")
    assert "Not printed (English)" in index and "Not printed (Russian)" in index
