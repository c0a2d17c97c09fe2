"""The build runs the global briefing after the regions: outputs/global/, first in the index.

Its build has Africa refused at the gate, which is also where a refused region is
shown not to be executed while the others build (see test_build_failures.py for the
other ways a region fails alone)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from support.project import PLACEHOLDER, run_build
from wud_briefings.core.editions import edition_file, edition_kind
from wud_briefings.survey.regions import global_languages, load_regions

REGIONS = ["eeca", "asia", "africa"]


@pytest.fixture(scope="module")
def global_build(builds, tmp_path_factory):
    """Three regions, Africa refused at its gate, then the global briefing over the others.

    eeca and asia keep the session's gate verdicts. PDFs are placeholders: the global
    PDF's content is read from the session's real build (``test_the_global_pdf_...``).
    """
    paths = builds.gated(tmp_path_factory.mktemp("global") / "p", ["eeca", "asia"])
    export = paths.synthetic / "africa.csv"
    export.write_text(export.read_text(encoding="utf-8").replace(",Kenya,", ",France,", 1))
    report, log = run_build(paths, REGIONS, pdf=PLACEHOLDER, with_global=True)
    return paths, report, log


def test_the_global_briefing_is_built_with_its_pdf_and_services_directory(global_build):
    paths, report, log = global_build
    assert report.entries["eeca"].status == "built"
    entry = json.loads((paths.outputs / "manifest.json").read_text())["global"]
    assert entry["status"] == "built", entry.get("reason")
    folder = paths.outputs / "global"
    for name in (
        "briefing.html",
        "briefing.pdf",
        "briefing.ipynb",
        "services.csv",
        "services.xlsx",
    ):
        assert (folder / name).stat().st_size > 0, name
    editions = [  # in every language a region is published in: en, es and ru
        edition_file(name, language)
        for language in global_languages(load_regions(paths).values())
        for name in ("briefing.html", "briefing.pdf", "briefing.ipynb")
    ]
    assert len(editions) == 9
    assert sorted(entry["outputs"].values()) == sorted(
        f"global/{n}" for n in (*editions, "services.csv", "services.xlsx")
    )
    html = (folder / "briefing.html").read_text()
    assert 'alt="World map' in html
    assert "global executing" in log and "global done" in log


def test_a_region_refused_at_the_gate_is_not_executed_and_the_others_build(global_build):
    """Africa's export names a country outside Africa: the gate refuses it, and eeca and
    asia build beside it (the global briefing's build, so no second build is needed)."""
    paths, report, _ = global_build
    assert [report.entries[r].status for r in ("eeca", "asia")] == ["built", "built"]
    africa = report.entries["africa"]
    assert africa.status == "failed-validation"
    assert "execute_s" not in africa.timings
    assert "the country is outside Africa" in africa.reason and "row " in africa.reason
    assert "France" not in africa.reason and "FRA" not in africa.reason
    assert not (paths.outputs / "africa").exists()
    assert not (paths.processed / "africa").exists()
    assert "failed at validation" in (paths.outputs / "index.html").read_text()


def test_the_global_pdf_has_its_sections_and_its_charts_as_vectors_with_words(built_project):
    """The global PDF as WeasyPrint sets it, in the session's build of every region."""
    pdf = PdfReader(built_project.paths.outputs / "global" / "briefing.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Where services were reported" in text and "Key barriers to access" in text
    assert not sum(len(page.images) for page in pdf.pages)  # the charts are vectors, and
    for title in (  # their words text: who knew, first ranks, the world map
        "Knew of harm reduction services designed for women who use drugs",
        "Issue ranked first as limiting access to harm reduction, by region",
        "Countries surveyed, and where services designed for women who use drugs",
    ):
        assert title in " ".join(text.split()), title


def test_a_region_refused_at_its_gate_is_named_missing_in_the_global_briefing(global_build):
    paths, *_ = global_build
    entry = json.loads((paths.outputs / "manifest.json").read_text())["global"]
    assert entry["parameters"]["failed_gate"] == "africa"
    html = (paths.outputs / "global" / "briefing.html").read_text()
    assert "Africa (East, West and Southern)" in html
    assert "did not pass" in html or "missing" in html.lower()


def test_the_index_lists_the_global_briefing_first(global_build):
    paths, *_ = global_build
    index = (paths.outputs / "index.html").read_text()
    rows = index.split("<tbody>", 1)[1].split("<tr>")[1:]
    assert rows[0].startswith("<td>All regions (global briefing)</td>")
    assert 'href="global/briefing.pdf"' in rows[0] and 'href="global/services.xlsx"' in rows[0]
    assert "missing: africa" in rows[0]


def test_the_global_briefing_is_rebuilt_only_when_what_it_reads_changed(global_build):
    paths, *_ = global_build
    before = (paths.outputs / "global" / "briefing.html").read_bytes()
    _, log = run_build(paths, ["eeca", "asia"], pdf=PLACEHOLDER, with_global=True)
    assert "global up to date" in log and "global executing" not in log
    assert (paths.outputs / "global" / "briefing.html").read_bytes() == before
    notebook = paths.notebooks / "global.ipynb"
    notebook.write_text(notebook.read_text().replace("## Limitations", "## What this cannot say"))
    _, log = run_build(paths, ["eeca"], pdf=PLACEHOLDER, with_global=True)
    assert "global executing" in log
    assert "What this cannot say" in (paths.outputs / "global" / "briefing.html").read_text()


def test_a_global_briefing_that_fails_keeps_every_last_good_file_published(global_build):
    """A raising cell: failed.ipynb beside the last good HTML, PDF and services files, all
    still listed, and the index names the date of the one it still shows."""
    import nbformat

    paths, *_ = global_build
    before = {p.name: p.read_bytes() for p in (paths.outputs / "global").iterdir()}
    notebook_path = paths.notebooks / "global.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('global broke')"))
    nbformat.write(notebook, notebook_path)
    run_build(paths, ["eeca", "asia"], pdf=PLACEHOLDER, with_global=True)
    entry = json.loads((paths.outputs / "manifest.json").read_text())["global"]
    assert entry["status"] == "failed-execution" and "global broke" in entry["reason"]
    folder = paths.outputs / "global"
    assert (folder / "failed.ipynb").exists()
    for name, data in before.items():
        assert (folder / name).read_bytes() == data, name
    kinds = [
        edition_kind(kind, language)
        for language in global_languages(load_regions(paths).values())
        for kind in ("html", "pdf", "notebook")
    ]
    assert sorted(entry["outputs"]) == sorted([*kinds, "services_csv", "services_xlsx"])
    index = (paths.outputs / "index.html").read_text()
    assert "the briefing linked here is the last good one, built on" in index.lower()
