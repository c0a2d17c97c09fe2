"""Sign-off: an edition is final only while exactly what a person approved is what it is
made from; it is refused while the translation is not reviewed in full or there are no
conclusions."""

from __future__ import annotations

import datetime
import shutil

import pytest

from support.project import copy_project
from wud_briefings.core.language import using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.engine.run import _plan
from wud_briefings.publish.provenance.parameters import NotebookParameters
from wud_briefings.publish.provenance.sign_off import (
    Draft,
    SignOffRefused,
    edition_drafts,
    load_sign_offs,
    sign_off,
)
from wud_briefings.survey.regions import load_regions

PARAMETERS = NotebookParameters(k=3, code_version="0.1.0", build_date="2026-12-06")


NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def project(tmp_path, processed_project) -> ProjectPaths:
    """A project copy with the session's processed data (the texts are checked on it)."""
    paths = copy_project(tmp_path / "project")
    shutil.copytree(processed_project[0].processed, paths.processed, dirs_exist_ok=True)
    return paths


def drafts(paths: ProjectPaths, region_id: str = "eeca") -> dict[str, Draft | None]:
    region = load_regions(paths)[region_id]
    return edition_drafts(paths, paths.briefing_notebook, region, region.languages)


def test_an_edition_never_signed_off_is_a_draft(project):
    found = drafts(project)
    assert found == {"en": Draft(), "ru": Draft()}
    with using("ru"):
        assert found["ru"].note().startswith("Ещё не утверждено")


def test_a_signed_edition_is_final_until_a_source_changes_and_then_names_it(project):
    region = load_regions(project)["eeca"]
    record = sign_off(project, project.briefing_notebook, region, "en", " Ana Pérez ", NOW)
    assert (record.by, record.date) == ("Ana Pérez", "2026-12-01T09:30:00Z")
    assert "notebooks/commentary/eeca.md" in record.sources
    assert "data/raw/synthetic/eeca.csv" in record.sources and "code version" in record.sources
    assert load_sign_offs(project) == [record]
    assert drafts(project)["en"] is None and drafts(project)["ru"] == Draft()
    commentary = project.commentary_file("eeca", "en")
    commentary.write_text(commentary.read_text() + "\nOne more sentence.\n", encoding="utf-8")
    again = drafts(project)["en"]
    assert again == Draft(record, ("notebooks/commentary/eeca.md",))
    assert again.note() == (
        "Changed since Ana Pérez signed it off on 2026-12-01: notebooks/commentary/eeca.md. "
        "It must be signed off again."
    )


def test_sign_off_is_refused_while_the_translation_awaits_review(project):
    region = load_regions(project)["eeca"]
    with pytest.raises(
        SignOffRefused, match=r"eeca \(ru\) .* the ru translation is not reviewed in full \(0 of"
    ):
        sign_off(project, project.briefing_notebook, region, "ru", "Ana", NOW)
    assert not project.sign_offs.exists()


def test_sign_off_is_refused_while_the_region_has_no_key_findings_or_conclusions(project):
    region = load_regions(project)["asia"]
    with pytest.raises(SignOffRefused) as refused:
        sign_off(project, project.briefing_notebook, region, "en", "Ana", NOW)
    assert "notebooks/commentary/asia.md has no '## Key findings' and no '## Conclusions" in (
        str(refused.value)
    )
    eeca = project.commentary_file("eeca", "en")
    text = eeca.read_text("utf-8")
    eeca.write_text(text[text.index("## Conclusions") :], "utf-8")  # key findings removed
    with pytest.raises(SignOffRefused, match=r"eeca.md has no '## Key findings':"):
        sign_off(project, project.briefing_notebook, load_regions(project)["eeca"], "en", "A")
    with pytest.raises(SignOffRefused, match="say who"):
        sign_off(project, project.briefing_notebook, load_regions(project)["eeca"], "en", " ")


def test_signing_an_edition_off_rebuilds_its_region_alone(project):
    regions = load_regions(project)
    chosen = [regions["eeca"], regions["asia"]]
    before = _plan(project, chosen, PARAMETERS)
    sign_off(project, project.briefing_notebook, regions["eeca"], "en", "Ana", NOW)
    after = _plan(project, chosen, PARAMETERS)
    assert after["eeca"] != before["eeca"] and after["asia"] == before["asia"]


def test_sign_off_is_refused_while_the_texts_do_not_match_the_data(project):
    commentary = project.commentary_file("eeca", "en")
    commentary.write_text(commentary.read_text("utf-8") + "\nIt was 66% of them.\n", "utf-8")
    region = load_regions(project)["eeca"]
    with pytest.raises(SignOffRefused) as refused:
        sign_off(project, project.briefing_notebook, region, "en", "Ana", NOW)
    assert "its texts do not match its data" in str(refused.value)
    assert "66% — the briefing computes 67% for 10 of 15" in str(refused.value)
