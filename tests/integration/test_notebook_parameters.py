"""The parameters the build gives each notebook are the ones its parameters cell declares,
as papermill reads that cell: none left at its default, none injected for nothing."""

from __future__ import annotations

from papermill import inspect_notebook

from support.project import REPO
from wud_briefings.publish.provenance.parameters import NotebookParameters

BUILD = NotebookParameters(k=3, code_version="0.1.0", build_date="2026-12-06")


def declared(notebook) -> set[str]:
    return set(inspect_notebook(str(notebook)))


def test_the_regional_notebook_is_given_exactly_its_parameters():
    given = BUILD.for_region("eeca").injected("ru")
    assert set(given) == declared(REPO.briefing_notebook)
    assert given["region"] == "eeca" and given["language"] == "ru"


def test_the_global_notebook_is_given_exactly_its_parameters():
    given = BUILD.for_global(["oceania", "africa"]).injected("es")
    assert set(given) == declared(REPO.global_notebook)
    assert given["failed_gate"] == "africa,oceania" and given["regions"] == ""


def test_the_manifest_s_record_reads_back_as_it_was():
    regional = BUILD.for_region("asia")
    assert NotebookParameters.from_json(regional.as_json()) == regional
