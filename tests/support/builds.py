"""Build once, copy many: the session's built projects, each copied per test.

A real build (gate, kernels, Papermill, nbconvert, WeasyPrint) costs tens of
seconds; most tests only read what one left, or change one thing and build
again. :class:`Builds` makes each distinct build once per session and hands
tests copies (``shutil.copytree``) that they may change freely. Under
pytest-xdist the workers share them (``support/shared.py``).

The first build is the whole project (every selected region, the global
briefing, real PDFs): the tests of what ships read it. Every other build starts
from a *gated* copy of it, with each region's processed data and recorded gate
verdict, so the gate (Great Expectations) runs only for inputs a test changed:
tests of the gate itself start from :func:`~support.project.copy_project`.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

from support.project import WEASYPRINT, copy_project, run_build, selected_region_ids
from support.shared import once, session_folder
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.engine.pdf_child import PdfSetter
from wud_briefings.publish.engine.run import BuildReport


class Built(NamedTuple):
    """A built project, the build's report and its progress log."""

    paths: ProjectPaths
    report: BuildReport
    log: str


@dataclass(frozen=True)
class BuildKey:
    regions: tuple[str, ...]
    with_global: bool
    real_pdf: bool
    variant: str  # names what ``prepare`` changed before the build ("" for nothing)


class Builds:
    """The session's built projects, keyed by regions, global briefing, PDFs and variant."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._root = session_folder(factory)
        self._built: dict[BuildKey, Built] = {}

    def _once(self, key: BuildKey, make: Callable[[Path], Built]) -> Built:
        """The build of ``key``, made once in the session by ``make`` in a folder of its own."""
        if key not in self._built:
            name = "build-" + hashlib.sha256(repr(key).encode()).hexdigest()[:16]

            def record(folder: Path) -> tuple[BuildReport, str]:
                built = make(folder / "project")
                return built.report, built.log

            folder, (report, log) = once(self._root, name, record)
            self._built[key] = Built(ProjectPaths(folder / "project"), report, log)
        return self._built[key]

    def everything(self) -> Built:
        """Every selected region and the global briefing, with real PDFs (what ships)."""

        def make(target: Path) -> Built:
            paths = copy_project(target)
            regions = list(key.regions)  # two jobs: every other build waits for this one
            report, log = run_build(paths, regions, pdf=WEASYPRINT, with_global=True, jobs=2)
            return Built(paths, report, log)

        key = BuildKey(tuple(selected_region_ids()), True, True, "")
        return self._once(key, make)

    def gated(self, target: Path, region_ids: list[str]) -> ProjectPaths:
        """A fresh project copy holding, for each region, what the gate made in
        :meth:`everything`: its processed data, validation report and recorded
        verdict. Nothing is published; a build reuses the verdicts."""
        source = self.everything().paths
        paths = copy_project(target)
        for region_id in region_ids:
            for made in (
                source.processed_region(region_id),
                source.validation / region_id,
                source.validation / f"{region_id}.json",
            ):
                if made.exists():
                    copy = paths.root / made.relative_to(source.root)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    if made.is_dir():
                        shutil.copytree(made, copy, symlinks=True)
                    else:
                        shutil.copy2(made, copy)
        return paths

    def built(
        self,
        region_ids: list[str],
        *,
        pdf: PdfSetter | None,
        with_global: bool = False,
        variant: str = "",
        prepare: Callable[[ProjectPaths], None] | None = None,
    ) -> Built:
        """The regions built once (from a gated copy) after ``prepare``, named by ``variant``.

        The result is shared: tests take :meth:`copy` of it.
        """

        def make(target: Path) -> Built:
            paths = self.gated(target, region_ids)
            if prepare is not None:
                prepare(paths)
            report, log = run_build(paths, region_ids, pdf=pdf, with_global=with_global)
            return Built(paths, report, log)

        return self._once(
            BuildKey(tuple(region_ids), with_global, pdf is WEASYPRINT, variant), make
        )

    @staticmethod
    def copy(built: Built, target: Path) -> Built:
        """A copy of a built project for one test to change."""
        shutil.copytree(built.paths.root, target, symlinks=True)
        return Built(ProjectPaths(target), built.report, built.log)
