"""The sign-off round trip through the real build: a draft, signed off (no DRAFT), then its
commentary changed (DRAFT again, naming the change), in the pages and the index.

Placeholder PDFs: the pages checked here are the HTML (the PDFs' DRAFT mark on every
page is checked on the session's real PDFs in test_publication_build.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from support.project import PLACEHOLDER, run_build
from wud_briefings.publish.provenance.sign_off import sign_off
from wud_briefings.survey.regions import load_regions


def banner(paths, name: str) -> str | None:
    """The edition's draft banner, or None when it has none."""
    page = (paths.outputs / "eeca" / name).read_text(encoding="utf-8")
    found = BeautifulSoup(page, "html.parser").select_one("p.draft-banner")
    return " ".join(found.get_text(" ").split()) if found else None


def is_draft(paths, name: str) -> bool:
    """Whether the page is a draft's, whose cover gives no publication date (briefing.css)."""
    page = BeautifulSoup((paths.outputs / "eeca" / name).read_text("utf-8"), "html.parser")
    assert len(page.select(".front-matter .published")) == 2  # the label and the date
    return "draft" in page.body["class"]


def index_row(paths) -> str:
    index = BeautifulSoup((paths.outputs / "index.html").read_text("utf-8"), "html.parser")
    return next(r.get_text(" ") for r in index.find_all("tr") if "Eastern Europe" in r.get_text())


@pytest.fixture(scope="module")
def project(builds, tmp_path_factory):
    built = builds.built(["eeca"], pdf=PLACEHOLDER)
    return builds.copy(built, tmp_path_factory.mktemp("sign-off") / "project").paths


def test_a_draft_is_signed_off_then_a_change_makes_it_a_draft_again(project):
    paths = project
    assert banner(paths, "briefing.html").startswith("DRAFT Not yet signed off")
    assert banner(paths, "briefing.ru.html").startswith("ЧЕРНОВИК")
    assert is_draft(paths, "briefing.html") and is_draft(paths, "briefing.ru.html")
    assert "Drafts, not signed off: English and Russian." in index_row(paths)

    region = load_regions(paths)["eeca"]
    sign_off(paths, paths.briefing_notebook, region, "en", "Ana Pérez")
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.rebuilt == ["eeca"]
    assert banner(paths, "briefing.html") is None
    assert not is_draft(paths, "briefing.html") and is_draft(paths, "briefing.ru.html")
    assert "DRAFT" not in (paths.outputs / "eeca" / "briefing.html").read_text("utf-8")
    assert banner(paths, "briefing.ru.html").startswith("ЧЕРНОВИК")  # still unsigned
    assert "Draft, not signed off: Russian." in index_row(paths)

    commentary = paths.commentary_file("eeca", "en")
    commentary.write_text(commentary.read_text("utf-8") + "\nA closing sentence.\n", "utf-8")
    report, _ = run_build(paths, ["eeca"], pdf=PLACEHOLDER)
    assert report.rebuilt == ["eeca"]
    note = banner(paths, "briefing.html")
    assert note.startswith("DRAFT Changed since Ana Pérez signed it off on ")
    assert note.endswith(": notebooks/commentary/eeca.md. It must be signed off again.")
    assert (
        "Draft again (English): changed since its sign-off: notebooks/commentary/eeca.md."
        in index_row(paths)
    )
