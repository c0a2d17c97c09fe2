"""outputs/ro-crate-metadata.json: a Workflow Run Crate of outputs/, and nothing personal.

Each check is a function that raises on a wrong crate; the last tests feed them
wrong crates (a changed file, a wrong digest, a missing status, a leaked value
or path) to show that each one can fail.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from rocrate.rocrate import ROCrate

from support.crate import check_files
from support.project import PLACEHOLDER, copy_project, run_build
from support.rows import read_rows
from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.paths import CRATE, PROJECT_ROOT, ProjectPaths
from wud_briefings.core.publication import load_publication
from wud_briefings.publish.engine.assemble import assemble
from wud_briefings.publish.provenance.crate import write_crate
from wud_briefings.publish.provenance.records import Manifest

REGIONS = ["eeca", "asia"]  # asia is then refused at the gate: a failed run with a last good one
PROFILES = {
    "https://w3id.org/ro/wfrun/process/0.5",
    "https://w3id.org/ro/wfrun/workflow/0.5",
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0",
}
COMPLETED = "http://schema.org/CompletedActionStatus"
FAILED = "http://schema.org/FailedActionStatus"
IDENTIFIER_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8)  # ids, dates, IP, e-mail, names, custom data
FREE_TEXT = ("Open-Ended Response", "Other (please specify)")


def as_list(value):
    return value if isinstance(value, list) else [value]


def manifest_of(paths: ProjectPaths) -> dict:
    return json.loads((paths.outputs / "manifest.json").read_text(encoding="utf-8"))


def break_export(paths: ProjectPaths, region_id: str, country: str) -> None:
    """A country outside the region: the gate refuses the export."""
    export = paths.synthetic / f"{region_id}.csv"
    text = export.read_text(encoding="utf-8")
    assert f",{country}," in text
    export.write_text(text.replace(f",{country},", ",France,", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def crated(builds, tmp_path_factory):
    """eeca and asia built, a no-op build, then asia's export broken and the build rerun.

    The first build is the session's, copied; PDFs are placeholders (the crate names
    and hashes them as it does real ones: what a PDF holds is not the crate's concern).
    """
    built = builds.built(REGIONS, pdf=PLACEHOLDER)
    paths, first = builds.copy(built, tmp_path_factory.mktemp("crate") / "project")[:2]
    assert not first.failed
    after_first = (paths.outputs / CRATE).read_bytes()
    (paths.outputs / CRATE).unlink()  # the no-op build must write it again
    noop, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    after_noop = (paths.outputs / CRATE).read_bytes()
    break_export(paths, "asia", "India")
    report, _ = run_build(paths, REGIONS, pdf=PLACEHOLDER)
    assert report.entries["asia"].status == "failed-validation"
    assert report.rebuilt == ["asia"]
    return paths, {"first": after_first, "noop": after_noop, "noop_rebuilt": noop.rebuilt}


# The checks


def check_profile(crate: ROCrate, text: str) -> None:
    """RO-Crate 1.1, the Workflow Run Crate profiles, the notebook as main workflow."""
    context = json.loads(text)["@context"]
    assert "https://w3id.org/ro/crate/1.1/context" in context
    assert "https://w3id.org/ro/terms/workflow-run/context" in context
    assert {p.id for p in as_list(crate.root_dataset["conformsTo"])} == PROFILES
    assert {p["@id"] for p in as_list(crate.metadata.properties()["conformsTo"])} >= {
        "https://w3id.org/ro/crate/1.1",
        "https://w3id.org/workflowhub/workflow-ro-crate/1.0",
    }
    # The briefings' licence and authors come from the publication file; the code's, MIT.
    publication = load_publication(ProjectPaths(PROJECT_ROOT))
    assert crate.root_dataset["license"].id == (
        f"https://spdx.org/licenses/{publication.licence.spdx}"
    )
    assert [a["name"] for a in as_list(crate.root_dataset["author"])] == [
        a.name for a in publication.authors
    ]
    assert crate.root_dataset["publisher"]["name"] == publication.publisher
    software = crate.get("#wud-briefings")
    assert software["license"].id == "https://spdx.org/licenses/MIT"
    assert crate.root_dataset["datePublished"]
    workflow = crate.mainEntity
    assert workflow.id == "notebooks/briefing.ipynb"
    assert set(workflow.type) == {"File", "SoftwareSourceCode", "ComputationalWorkflow"}
    assert workflow["programmingLanguage"]["name"] == "Jupyter Notebook"
    assert {p["name"] for p in workflow["input"]} >= {"region", "k"}
    assert all(p.type == "FormalParameter" for p in workflow["input"] + workflow["output"])
    software = workflow["softwareRequirements"]
    assert software["name"] == "wud-briefings" and software["version"]
    lock = [r for r in software["softwareRequirements"] if r["name"] == "requirements.lock"]
    assert lock and lock[0]["sha256"] == sha256_file(PROJECT_ROOT / "requirements.lock")
    runs = as_list(crate.root_dataset["mentions"])
    assert runs and all(r.type == "CreateAction" and r["instrument"] is workflow for r in runs)


def check_runs(crate: ROCrate, manifest: dict) -> None:
    """Each region's run links the manifest's inputs, parameters, outputs, report and times."""
    workflow = crate.mainEntity
    assert {r.id for r in as_list(crate.root_dataset["mentions"])} >= {
        f"#run-{r}" for r in manifest["regions"]
    }
    for region_id, entry in manifest["regions"].items():
        run = crate.get(f"#run-{region_id}")
        assert run is not None and run.type == "CreateAction", region_id
        assert run["instrument"] is workflow
        if entry["status"] == "failed-missing":  # its CI job left nothing: no inputs, no times
            assert run["actionStatus"] == FAILED and run["error"] == entry["reason"]
            continue
        objects = as_list(run["object"])
        inputs = {o["name"]: o["sha256"] for o in objects if o.id.startswith("#input-")}
        assert inputs == entry["inputs"], f"{region_id}: inputs differ from the manifest's"
        values = [o for o in objects if o.type == "PropertyValue"]
        assert {v["name"]: v["value"] for v in values} == entry["parameters"], region_id
        assert all(v["exampleOfWork"] in workflow["input"] for v in values)
        results = {r.id for r in as_list(run["result"])}
        assert f"validation/{region_id}.json" in results, f"{region_id}: no validation report"
        if entry.get("validation_page"):
            assert entry["validation_page"] in results
        assert (run["startTime"], run["endTime"]) == (entry["started"], entry["ended"])
        published = set(entry.get("outputs", {}).values())
        if entry["status"] == "built":
            assert run["actionStatus"] == COMPLETED, region_id
            assert published and published <= results
            assert "error" not in run
        else:
            assert run["actionStatus"] == FAILED, region_id
            assert run["error"] == entry["reason"]
            assert not published & results, "a failed run did not make the published briefing"


def canaries(paths: ProjectPaths, region_ids: list[str]) -> set[str]:
    """Personal data and answers of the raw exports and coding sheets, and the pseudonyms."""
    found = set()
    for region_id in region_ids:
        rows = read_rows(paths.synthetic / f"{region_id}.csv")
        free = [i for i, label in enumerate(rows[1]) if label in FREE_TEXT]
        for row in rows[2:]:
            found |= {row[i].strip() for i in IDENTIFIER_COLUMNS if len(row[i].strip()) >= 4}
            found |= {row[i].strip() for i in free if len(row[i].strip()) >= 8}
        coding = read_rows(paths.coding / f"{region_id}.csv")
        found |= {r[0] for r in coding[1:]} | {r[3] for r in coding[1:] if len(r[3]) >= 8}
        processed = read_rows(paths.processed / region_id / "respondents.csv")
        found |= {r[0] for r in processed[1:]}
    return found


def check_no_leaks(text: str, paths: ProjectPaths, secrets: set[str]) -> None:
    """No personal datum, answer or pseudonym, and no absolute path of the build machine.

    Values are looked for in the file's text and in its decoded strings: JSON may write
    a Cyrillic answer as ``\\u`` escapes.
    """

    def strings(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    decoded = list(strings(json.loads(text)))
    everything = "\n".join([text, *decoded])
    leaked = sorted(s for s in secrets if s in everything)
    assert not leaked, f"the crate contains values from the data: {leaked[:3]}"
    for root in {str(paths.root), str(paths.root.resolve()), str(PROJECT_ROOT)}:
        assert root not in everything, "the crate names the build machine's project folder"
    absolute = [s for s in decoded if s.startswith(("/", "file:"))]
    assert not absolute, f"absolute paths in the crate: {absolute[:3]}"


def load(outputs: Path) -> tuple[ROCrate, str]:
    return ROCrate(outputs), (outputs / CRATE).read_text(encoding="utf-8")


# The crate a build writes


def test_the_crate_follows_the_workflow_run_crate_profile(crated):
    paths, _ = crated
    check_profile(*load(paths.outputs))


def test_every_file_the_crate_names_is_in_outputs_with_its_digest(crated):
    paths, _ = crated
    crate, _ = load(paths.outputs)
    check_files(paths.outputs, crate)
    named = {unquote(e.id) for e in crate.data_entities}
    for region_id in REGIONS:
        assert {f"{region_id}/briefing.html", f"{region_id}/briefing.pdf"} <= named
        assert f"{region_id}/briefing.ipynb" in named and f"validation/{region_id}.json" in named
    assert {"index.html", "manifest.json", "notebooks/briefing.ipynb"} <= named
    assert {"index.es.html", "index.ru.html"} <= named  # the index in each language
    notebook = paths.outputs / "notebooks" / "briefing.ipynb"
    assert notebook.read_bytes() == (paths.notebooks / "briefing.ipynb").read_bytes()


def test_each_run_links_inputs_parameters_outputs_and_validation(crated):
    paths, _ = crated
    crate, _ = load(paths.outputs)
    manifest = manifest_of(paths)
    check_runs(crate, manifest)
    eeca = crate.get("#run-eeca")
    assert {o["name"] for o in eeca["object"]} >= {
        "data/raw/synthetic/eeca.csv",
        "data/raw/coding/eeca.csv",
        "data/raw/codebook.yaml",  # its dependency key matches: the configuration is known
        "expectations/respondents.json",
    }
    assert {v["value"] for v in eeca["object"] if v["name"] == "k"} == {3}
    # The researchers' commentary the briefing prints, as the manifest records it.
    commentary = {o["name"]: o.get("sha256") for o in eeca["object"]}
    recorded = manifest["regions"]["eeca"]["commentary"]
    assert set(recorded) == {"notebooks/commentary/eeca.md", "notebooks/commentary/eeca.ru.md"}
    assert all(commentary[name] == digest for name, digest in recorded.items())


def test_a_region_refused_at_the_gate_is_a_failed_run_beside_the_run_still_published(crated):
    paths, _ = crated
    crate, _ = load(paths.outputs)
    entry = manifest_of(paths)["regions"]["asia"]
    failed = crate.get("#run-asia")
    assert failed["actionStatus"] == FAILED
    assert "the country is outside Asia" in failed["error"] and "France" not in failed["error"]
    assert {r.id for r in failed["result"]} == {
        "validation/asia.json",
        "validation/asia/index.html",
    }
    published = crate.get("#run-asia-last-good")
    assert published in crate.root_dataset["mentions"]
    assert published["actionStatus"] == COMPLETED
    assert {r.id for r in published["result"]} == set(entry["last_good"]["outputs"].values())
    good_inputs = {o["name"]: o["sha256"] for o in published["object"] if "sha256" in o}
    assert good_inputs == entry["last_good"]["inputs"] != entry["inputs"]
    assert (published["startTime"], published["endTime"]) == (
        entry["last_good"]["started"],
        entry["last_good"]["ended"],
    )


def test_the_crate_holds_no_personal_data_and_no_build_machine_path(crated):
    paths, _ = crated
    crate, text = load(paths.outputs)
    secrets = canaries(paths, REGIONS)
    assert len(secrets) > 100
    check_no_leaks(text, paths, secrets)
    # Raw inputs are named, never part of the crate: no data entity has an input's bytes.
    raw = {sha256_file(f) for f in (paths.synthetic / "eeca.csv", paths.coding / "eeca.csv")}
    assert not raw & {e["sha256"] for e in crate.data_entities}
    inputs = [e for e in crate.contextual_entities if e.id.startswith("#input-")]
    assert inputs and all(
        set(e) == {"@id", "@type", "name", "description", "sha256"} for e in inputs
    )


def test_a_build_with_nothing_to_do_writes_the_same_crate(crated):
    _, seen = crated
    assert seen["noop_rebuilt"] == []
    assert seen["noop"] == seen["first"]


def test_the_same_manifest_and_files_give_the_same_bytes(crated, tmp_path):
    paths, _ = crated
    copy = ProjectPaths(tmp_path / "elsewhere")
    shutil.copytree(paths.root, copy.root)
    write_crate(copy, Manifest.from_json(manifest_of(copy)))
    assert (copy.outputs / CRATE).read_bytes() == (paths.outputs / CRATE).read_bytes()


def test_after_assemble_the_crate_lists_every_part(crated, builds, tmp_path):
    paths, _ = crated
    other, report, _ = builds.copy(builds.built(["oceania"], pdf=PLACEHOLDER), tmp_path / "oceania")
    assert not report.failed
    merged = copy_project(tmp_path / "merged")
    manifest = assemble([paths.outputs, other.outputs], merged).to_json()
    built = [r for r, e in manifest["regions"].items() if e["status"] != "failed-missing"]
    assert built == ["asia", "eeca", "oceania"]  # the other regions' jobs left nothing
    crate, text = load(merged.outputs)
    check_profile(crate, text)
    check_files(merged.outputs, crate)
    check_runs(crate, manifest)
    oceania = crate.get("#run-oceania")
    named = {o["name"]: o["sha256"] for o in oceania["object"] if o.id.startswith("#input-")}
    assert named == manifest_of(other)["regions"]["oceania"]["inputs"]
    assert "left no outputs" in crate.get("#run-africa")["error"]
    check_no_leaks(text, merged, canaries(paths, REGIONS) | canaries(other, ["oceania"]))


# Each check fails on a wrong crate


def test_the_file_check_fails_on_a_changed_or_missing_file(crated, tmp_path):
    paths, _ = crated
    copy = tmp_path / "outputs"
    shutil.copytree(paths.outputs, copy)
    (copy / "eeca" / "briefing.html").write_text("<p>changed after the crate was written</p>")
    with pytest.raises(AssertionError, match="SHA-256 differs"):
        check_files(copy, load(copy)[0])
    shutil.copy2(paths.outputs / "eeca" / "briefing.html", copy / "eeca" / "briefing.html")
    check_files(copy, load(copy)[0])
    (copy / "eeca" / "briefing.pdf").unlink()
    with pytest.raises(AssertionError, match="not in outputs"):
        check_files(copy, load(copy)[0])


def test_the_run_check_fails_on_wrong_inputs_status_or_report(crated):
    paths, _ = crated
    crate, _ = load(paths.outputs)
    manifest = manifest_of(paths)
    wrong = json.loads(json.dumps(manifest))
    wrong["regions"]["eeca"]["inputs"]["data/raw/synthetic/eeca.csv"] = "0" * 64
    with pytest.raises(AssertionError, match="inputs differ"):
        check_runs(crate, wrong)
    wrong = json.loads(json.dumps(manifest))
    wrong["regions"]["eeca"]["status"] = "failed-execution"
    with pytest.raises(AssertionError):
        check_runs(crate, wrong)
    run = crate.get("#run-eeca")
    run["result"] = [r for r in run["result"] if not r.id.startswith("validation/")]
    with pytest.raises(AssertionError, match="no validation report"):
        check_runs(crate, manifest)


def test_the_leak_check_fails_on_a_value_a_pseudonym_or_a_path(crated):
    paths, _ = crated
    _, text = load(paths.outputs)
    secrets = canaries(paths, REGIONS)
    pseudonym = read_rows(paths.processed / "eeca" / "respondents.csv")[1][0]
    rows = read_rows(paths.synthetic / "eeca.csv")
    column = rows[1].index("Open-Ended Response")
    answer = next(row[column] for row in rows[2:] if len(row[column]) >= 8)
    for planted in ("fake.eeca.01@example.org", pseudonym, answer):
        bad = text.replace('"name": "index.html"', f'"name": {json.dumps(planted)}', 1)
        with pytest.raises(AssertionError, match="values from the data"):
            check_no_leaks(bad, paths, secrets)
    bad = text.replace('"name": "index.html"', f'"name": "{paths.root}/index.html"', 1)
    with pytest.raises(AssertionError, match="project folder"):
        check_no_leaks(bad, paths, secrets)
    bad = text.replace('"name": "index.html"', '"name": "/home/someone/index.html"', 1)
    with pytest.raises(AssertionError, match="absolute paths"):
        check_no_leaks(bad, paths, secrets)
