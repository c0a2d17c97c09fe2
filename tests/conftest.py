"""Fixtures every layer of the suite shares; helpers live in ``support/``.

Layers: ``unit/`` (no build, no kernel, no browser), ``integration/`` (real
builds on real kernels), ``e2e/`` (Chromium, JupyterLab, the CI flow).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from support.builds import Builds, Built
from support.global_notebook import run_global_notebook
from support.project import REPO, TEST_PSEUDONYM_KEY, copy_project, selected_region_ids
from support.shared import once, session_folder
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.gate.suites import load_suites
from wud_briefings.process.region import RegionOutcome, process_region
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, load_regions

# Hypothesis profiles (pytest --hypothesis-profile=NAME): ``ci`` is the default and what
# `make test` runs, the same examples every run; ``dev`` draws fewer, for `make check`;
# ``long`` draws ten times as many, at random. Tests scale their own counts from
# ``settings().max_examples``. No profile keeps a database: tests never write into the tree.
COMMON = {"database": None, "deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=100, derandomize=True, **COMMON)
settings.register_profile("dev", max_examples=20, derandomize=True, **COMMON)
settings.register_profile("long", max_examples=1000, derandomize=False, **COMMON)
settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its caches (e.g. the constants it collects) outside the working
    tree, where it would otherwise write .hypothesis/: tests never write into the tree."""
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(Path(tempfile.mkdtemp(prefix="wud-hypothesis-")))


@pytest.fixture(scope="session", autouse=True)
def pseudonym_key_for_tests() -> Iterator[None]:
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
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """The session's built projects: each built once, copied per test (see support/builds.py)."""
    return Builds(tmp_path_factory)


@pytest.fixture(scope="session")
def built_project(builds: Builds) -> Built:
    """Every selected region and the global briefing, built once with real PDFs.

    Shared by every test that reads what ships: never changed (tests that change a
    build take ``builds.copy`` of one).
    """
    return builds.everything()


@pytest.fixture(scope="session")
def global_briefing(built_project: Built, tmp_path_factory: pytest.TempPathFactory):
    """The global notebook, run once over every region the built project holds, with a
    probe of its world map."""
    folder = tmp_path_factory.mktemp("global")
    return run_global_notebook(built_project.paths, 3, folder)


@pytest.fixture(scope="session")
def processed_project(tmp_path_factory: pytest.TempPathFactory, codebook, regions, suites):
    """Every selected region processed once in the session, through the real reader and
    gate (shared by the workers: never changed)."""
    selected = selected_region_ids()

    def process(folder: Path) -> dict[str, RegionOutcome]:
        paths = copy_project(folder / "project")
        return {r: process_region(regions[r], codebook, suites, paths) for r in selected}

    name = "processed-" + "-".join(selected)
    folder, outcomes = once(session_folder(tmp_path_factory), name, process)
    return ProjectPaths(folder / "project"), outcomes


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
