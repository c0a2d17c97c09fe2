"""Project copies for tests, and the real build run on them.

Tests never write into the working tree: each works in a copy.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from support.pdf import placeholder_pdf
from wud_briefings.core.paths import PROJECT_ROOT, ROOT_VARIABLE, ProjectPaths
from wud_briefings.publish.engine.pdf_child import PdfSetter
from wud_briefings.publish.engine.progress import Progress
from wud_briefings.publish.engine.run import BuildOptions, BuildReport, build
from wud_briefings.survey.regions import load_regions

REPO = ProjectPaths(PROJECT_ROOT)
TEST_PSEUDONYM_KEY = "a key for tests only: exports in tests stand in for real ones"

# How a test's build sets its PDFs (``run_build(pdf=...)``): each call says which.
WEASYPRINT: PdfSetter | None = None  # the build's own: the test is about the PDF
PLACEHOLDER: PdfSetter = placeholder_pdf  # a one-page stand-in: the test is not

FIXTURES = Path(__file__).parents[1] / "fixtures"  # tests/fixtures/
UNUSUAL = FIXTURES / "unusual"
UNUSUAL_CASES = sorted(p.stem for p in UNUSUAL.glob("*.csv") if not p.stem.endswith(".coding"))


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


def selected_region_ids() -> list[str]:
    """Regions the integration tests cover: WUD_TEST_REGIONS, or all of them."""
    wanted = os.environ.get("WUD_TEST_REGIONS", "").split()
    return wanted or list(load_regions(REPO))


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
    pdf: PdfSetter | None,
    force: bool = False,
    # One worker: the suite runs on two pytest-xdist workers already, and a second kernel
    # would only compete for the same cores. Tests of parallelism say jobs=2.
    jobs: int = 1,
    cell_timeout: int = 120,
    regate: bool = False,
    with_global: bool = False,  # most tests are about regions: the global briefing costs a kernel
) -> tuple[BuildReport, str]:
    """The real build (gate process, kernels, Papermill, nbconvert) on a project copy.

    ``pdf`` is :data:`WEASYPRINT` or :data:`PLACEHOLDER`: the caller says which.
    """
    all_regions = load_regions(paths)
    log = io.StringIO()
    options = BuildOptions(
        jobs=jobs,
        force=force,
        cell_timeout=cell_timeout,
        regate=regate,
        with_global=with_global,
        pdf_setter=pdf,
    )
    # The build points kernels at the project through the environment: put it back after.
    with (
        pytest.MonkeyPatch.context() as patch,
        Progress(region_ids, stream=log, live=False) as progress,
    ):
        patch.setenv(ROOT_VARIABLE, str(paths.root))
        report = build(paths, [all_regions[r] for r in region_ids], all_regions, options, progress)
    return report, log.getvalue()
