"""Citations in the researchers' Markdown (``[@key]``), set by citeproc-py in the
edition's language, with a reference list; an unknown key names its file and line."""

from __future__ import annotations

import json

import pytest

from support.project import copy_project
from wud_briefings.analysis.texts.citations import Bibliography, cite, read_bibliography
from wud_briefings.analysis.texts.commentary import for_global
from wud_briefings.core.language import LANGUAGES, using
from wud_briefings.core.paths import ProjectPaths

WEB_SOURCE = {
    "id": "web",
    "type": "webpage",
    "title": "A page",
    "author": [{"literal": "Somebody"}],
    "URL": "https://example.org/page",
    "issued": {"date-parts": [[2019]]},
    "accessed": {"date-parts": [[2020, 3, 5]]},
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ProjectPaths:
    return copy_project(tmp_path_factory.mktemp("citations") / "project")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shared_background_cites_harm_reduction_international(project, language):
    with using(language):
        texts = for_global(language, project)
    assert "(Harm Reduction International, 2019)" in texts.background
    assert "(Harm Reduction International, 2018)" in texts.background
    assert "[@" not in texts.background
    assert [entry.split(")")[0] for entry in texts.references] == [
        "Harm Reduction International (2018",
        "Harm Reduction International (2019",
    ]


def test_the_reference_list_is_set_in_the_edition_s_language():
    available = {}
    for language in LANGUAGES:
        with using(language):
            cited = cite(["See [@web]."], Bibliography((WEB_SOURCE,)))
        available[language] = cited.references[0]
        assert cited.texts == ("See (Somebody, 2019).",)
    assert "Available at" in available["en"]
    assert "Disponible en" in available["es"]
    assert "Доступно на" in available["ru"]


def test_an_unknown_key_is_a_problem_naming_its_file_and_line(project):
    background = project.background_file("es")
    original = background.read_text(encoding="utf-8")
    text = "Primera línea.\n\nVéase [@hri2018; @nadie2021].\n"
    background.write_text(text, encoding="utf-8")
    try:
        with using("es"):
            texts = for_global("es", project)
    finally:
        background.write_text(original, encoding="utf-8")
    assert "Primera línea." in texts.background and "Véase" not in texts.background
    assert 'class="text-problem"' in texts.background
    assert [str(p) for p in texts.problems] == [
        "notebooks/publication/background.es.md, line 3: cites [@nadie2021], which "
        "notebooks/publication/references.json does not hold (add the source there, or "
        "correct the key)"
    ]


def test_the_bibliography_is_csl_json_with_every_key_once(project):
    items = json.loads(project.bibliography.read_text(encoding="utf-8"))
    keys = [item["id"] for item in items]
    assert len(keys) == len(set(keys)) and read_bibliography(project.bibliography).keys == set(keys)
