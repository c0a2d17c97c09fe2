"""Shared fixtures. Tests never write into the working tree: each builds in a copy."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
import yaml

from wud_briefings.core.paths import PROJECT_ROOT, ROOT_VARIABLE, ProjectPaths
from wud_briefings.gate.suites import load_suites
from wud_briefings.process.region import RegionOutcome, process_region
from wud_briefings.publish.progress import Progress
from wud_briefings.publish.run import BuildOptions, BuildReport, build
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, load_regions

REPO = ProjectPaths(PROJECT_ROOT)


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its caches (e.g. the constants it collects) outside the working
    tree, where it would otherwise write .hypothesis/: tests never write into the tree."""
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(Path(tempfile.mkdtemp(prefix="wud-hypothesis-")))


def copy_project(target: Path) -> ProjectPaths:
    """A project tree with the clone's inputs and nothing built."""
    for folder in ("data/raw", "data/external", "expectations", "notebooks"):
        shutil.copytree(
            PROJECT_ROOT / folder,
            target / folder,
            ignore=shutil.ignore_patterns("exports", ".ipynb_checkpoints"),
        )
    shutil.copy2(PROJECT_ROOT / "requirements.lock", target / "requirements.lock")
    return ProjectPaths(target)


def add_cell(paths: ProjectPaths, source: str) -> None:
    """Insert a code cell into the project copy's briefing notebook, after the loading cell.

    The loading cell is the first after the parameters cell; the build runs the
    new cell as code cell 4 (parameters, injected parameters, loading, this one).
    """
    notebook_path = paths.notebooks / "briefing.ipynb"
    notebook = nbformat.read(notebook_path, as_version=4)
    tags = [c.metadata.get("tags", []) for c in notebook.cells]
    parameters = next(i for i, t in enumerate(tags) if "parameters" in t)
    notebook.cells.insert(parameters + 2, nbformat.v4.new_code_cell(source))
    nbformat.write(notebook, notebook_path)


UNUSUAL = Path(__file__).parent / "fixtures" / "unusual"
UNUSUAL_CASES = sorted(p.stem for p in UNUSUAL.glob("*.csv") if not p.stem.endswith(".coding"))


def add_unusual_regions(paths: ProjectPaths) -> list[str]:
    """Every unusual export (tests/fixtures/unusual/), each as a real export of a region of
    its own, ``eeca-<case>``, defined as EECA is; its coding sheet beside it when it has
    one. Returns the new regions' ids."""
    regions = yaml.safe_load(paths.regions.read_text(encoding="utf-8"))
    eeca = next(r for r in regions["regions"] if r["id"] == "eeca")
    (paths.exports / "coding").mkdir(parents=True, exist_ok=True)
    for case in UNUSUAL_CASES:
        regions["regions"].append(eeca | {"id": f"eeca-{case}", "name": f"EECA ({case})"})
        shutil.copy(UNUSUAL / f"{case}.csv", paths.exports / f"eeca-{case}.csv")
        coding = UNUSUAL / f"{case}.coding.csv"
        if coding.exists():
            shutil.copy(coding, paths.exports / "coding" / f"eeca-{case}.csv")
    paths.regions.write_text(yaml.safe_dump(regions, allow_unicode=True), encoding="utf-8")
    return [f"eeca-{case}" for case in UNUSUAL_CASES]


def run_build(
    paths: ProjectPaths,
    region_ids: list[str],
    *,
    force: bool = False,
    jobs: int = 2,
    cell_timeout: int = 120,
    regate: bool = False,
    with_global: bool = False,  # most tests are about regions: the global briefing costs a kernel
) -> tuple[BuildReport, str]:
    """The real build (gate process, kernels, Papermill, nbconvert) on a project copy."""
    all_regions = load_regions(paths)
    log = io.StringIO()
    saved = os.environ.get(ROOT_VARIABLE)
    try:
        with Progress(region_ids, stream=log, live=False) as progress:
            report = build(
                paths,
                [all_regions[r] for r in region_ids],
                all_regions,
                BuildOptions(
                    jobs=jobs,
                    force=force,
                    cell_timeout=cell_timeout,
                    regate=regate,
                    with_global=with_global,
                ),
                progress,
            )
    finally:
        if saved is None:
            os.environ.pop(ROOT_VARIABLE, None)
        else:
            os.environ[ROOT_VARIABLE] = saved
    return report, log.getvalue()


# A cell the global notebook runs right after its world map: what the figure itself draws,
# read from its patches (tagged so that the exporter leaves it out of the HTML).
MAP_PROBE = (
    "import json as _json\n"
    "from wud_briefings.analysis import maps as _maps\n"
    "print(_json.dumps(_maps.drawn_status(_.figure)))"
)
PROBE_TAG = "remove_cell"


def run_global_notebook(
    paths: ProjectPaths, parameters: dict, folder: Path
) -> tuple[nbformat.NotebookNode, str, dict[str, str]]:
    """The global notebook run on a real kernel in a project copy, then rendered, by the
    build's own run-and-render path (:mod:`wud_briefings.publish.briefing`).

    A probe cell after the world map reports each drawn country's colour by ISO
    alpha-3. Returns the executed notebook, its HTML and those colours.
    """
    from wud_briefings.publish.briefing import Briefing, html_exporter, render_html, run_notebook
    from wud_briefings.publish.execute import WarmKernel

    notebook = nbformat.read(paths.notebooks / "global.ipynb", as_version=4)
    at = next(i for i, c in enumerate(notebook.cells) if "maps.world_map_figure(" in c.source)
    probe = nbformat.v4.new_code_cell(MAP_PROBE, metadata={"tags": [PROBE_TAG]})
    notebook.cells.insert(at + 1, probe)
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "global.source.ipynb"
    nbformat.write(notebook, source)
    briefing = Briefing(source, parameters, "Global briefing", "Global briefing", True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ROOT_VARIABLE, str(paths.root))  # the kernel finds the project by it
        kernel = WarmKernel()
        try:
            run = run_notebook(briefing, kernel, folder / "global.ipynb", 300, paths.root)
        finally:
            kernel.shutdown()
    assert run.error is None, run.error
    probed = next(c for c in run.notebook.cells if PROBE_TAG in c.metadata.get("tags", []))
    drawn = json.loads(probed.outputs[0]["text"])
    return run.notebook, render_html(run.notebook, html_exporter()), drawn


@pytest.fixture(scope="session")
def global_briefing(built_project, tmp_path_factory):
    """The global notebook, run once over every region the built project holds."""
    paths, _, _ = built_project
    folder = tmp_path_factory.mktemp("global")
    return run_global_notebook(paths, {"k": 3}, folder)


def selected_region_ids() -> list[str]:
    """Regions the integration tests cover: WUD_TEST_REGIONS, or all of them."""
    wanted = os.environ.get("WUD_TEST_REGIONS", "").split()
    return wanted or list(load_regions(REPO))


TEST_PSEUDONYM_KEY = "a key for tests only: exports in tests stand in for real ones"


@pytest.fixture(scope="session", autouse=True)
def pseudonym_key_for_tests():
    """Real exports in tests (copies of synthetic ones) are pseudonymised with a test key.

    Tests of what happens without a key remove it themselves.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WUD_PSEUDONYM_KEY", TEST_PSEUDONYM_KEY)
        yield


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return Codebook.load(REPO.codebook)


@pytest.fixture(scope="session")
def regions() -> dict[str, Region]:
    return load_regions(REPO)


@pytest.fixture(scope="session")
def suites() -> dict:
    return load_suites(REPO.expectations)


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory):
    """Every selected region built once into a temporary project, and the global briefing."""
    paths = copy_project(tmp_path_factory.mktemp("built") / "project")
    report, log = run_build(paths, selected_region_ids(), with_global=True)
    return paths, report, log


@pytest.fixture(scope="session")
def processed_project(tmp_path_factory: pytest.TempPathFactory, codebook, regions, suites):
    """Every selected region processed once, through the real reader and gate."""
    paths = copy_project(tmp_path_factory.mktemp("processed") / "project")
    outcomes = {
        r: process_region(regions[r], codebook, suites, paths) for r in selected_region_ids()
    }
    return paths, outcomes


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def rows_to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.fixture
def run_with_export(
    project: ProjectPaths, codebook, regions, suites
) -> Callable[..., RegionOutcome]:
    """Drop a real export (and coding sheet) in for a region and process it."""

    def run(
        region_id: str, export: bytes, suffix: str = ".csv", coding: bytes | None = None
    ) -> RegionOutcome:
        project.exports.mkdir(parents=True, exist_ok=True)
        (project.exports / f"{region_id}{suffix}").write_bytes(export)
        if coding is not None:
            (project.exports / "coding").mkdir(exist_ok=True)
            (project.exports / "coding" / f"{region_id}.csv").write_bytes(coding)
        return process_region(regions[region_id], codebook, suites, project)

    return run
