"""A briefing's outputs: typed in memory, named ``html``/``html-ru`` only in the manifest."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE
from wud_briefings.publish.provenance.outputs import EditionFiles, Outputs
from wud_briefings.publish.provenance.records import Entry


def _edition(language: str) -> EditionFiles:
    return EditionFiles(
        html=f"eeca/briefing.{language}.html",
        pdf=f"eeca/briefing.{language}.pdf",
        notebook=f"eeca/briefing.{language}.ipynb",
    )


languages = st.sets(st.sampled_from(LANGUAGES))
shared = st.dictionaries(
    st.sampled_from(["disclosure", "services_csv", "services_xlsx"]), st.text()
)


@given(languages, shared)
def test_outputs_read_back_as_written_and_list_the_source_language_first(chosen, shared_files):
    outputs = Outputs({language: _edition(language) for language in chosen}, shared_files)
    assert Outputs.from_json(outputs.to_json()) == outputs
    assert sorted(outputs.languages()) == sorted(chosen)
    if SOURCE_LANGUAGE in chosen:
        assert outputs.languages()[0] == SOURCE_LANGUAGE
    assert len(outputs.files()) == 3 * len(chosen) + len(shared_files)


def test_the_manifest_names_files_by_kind_and_language():
    outputs = Outputs({"en": _edition("en"), "ru": _edition("ru")}, {"disclosure": "eeca/d.json"})
    assert outputs.to_json() == {
        "html": "eeca/briefing.en.html",
        "pdf": "eeca/briefing.en.pdf",
        "notebook": "eeca/briefing.en.ipynb",
        "html-ru": "eeca/briefing.ru.html",
        "pdf-ru": "eeca/briefing.ru.pdf",
        "notebook-ru": "eeca/briefing.ru.ipynb",
        "disclosure": "eeca/d.json",
    }


def test_an_edition_missing_a_file_is_not_read_as_published():
    read = Outputs.from_json({"html-es": "x/briefing.es.html", "pdf-es": "x/briefing.es.pdf"})
    assert read.editions == {} and not read


def test_kept_drops_an_edition_with_a_file_gone_and_keeps_the_rest():
    outputs = Outputs({"en": _edition("en"), "es": _edition("es")}, {"disclosure": "eeca/d.json"})
    gone = {"eeca/briefing.es.pdf", "eeca/d.json"}
    kept = outputs.kept(lambda f: f not in gone)
    assert list(kept.editions) == ["en"] and kept.shared == {}


def test_an_entry_writes_its_outputs_and_its_last_good_ones_in_the_manifest_s_names():
    entry = Entry.from_json(
        {
            "outputs": {"html": "a.html", "pdf": "a.pdf", "notebook": "a.ipynb"},
            "last_good": {
                "outputs": {"html-ru": "b.html", "pdf-ru": "b.pdf", "notebook-ru": "b.ipynb"},
                "build_date": "2026-12-01",
            },
        }
    )
    assert entry.outputs.editions["en"].pdf == "a.pdf"
    assert entry.last_good is not None and list(entry.last_good.outputs.editions) == ["ru"]
    data = entry.to_json()
    assert data["outputs"]["pdf"] == "a.pdf" and data["last_good"]["outputs"]["html-ru"] == "b.html"
