"""A built wheel holds every file of the package: templates, catalogs, stylesheets, data.

The build itself is the one pip runs for `make venv`, with the pinned setuptools of the
dev lock and no network (``--no-build-isolation``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from support.project import REPO

PACKAGE = "src/wud_briefings/"


def package_files() -> set[str]:
    """Every file git tracks in the package, as the wheel names it."""
    tracked = subprocess.run(
        ["git", "ls-files", PACKAGE],
        cwd=REPO.root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {name.removeprefix("src/") for name in tracked}


def test_a_built_wheel_holds_every_file_the_package_reads(tmp_path):
    # Built from a copy: setuptools writes its build/ folder beside the sources.
    source = tmp_path / "source"
    shutil.copytree(
        REPO.root / "src",
        source / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO.root / name, source / name)
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "--quiet", "--wheel-dir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("wud_briefings-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        held = {n for n in archive.namelist() if n.startswith("wud_briefings/")}
    wanted = package_files()
    assert (
        "wud_briefings/publish/rendering/templates/briefing/index.html.j2" in wanted
    )  # the list was read
    assert sorted(wanted - held) == []
