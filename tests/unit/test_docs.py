"""The documentation: every repository path it names exists, and the site builds strictly.

README.md, CONTRIBUTING.md and the pages under docs/ name files of the repository in
inline code (`data/raw/regions.yaml`, `analysis/figures/by_name.py`) and in links. A file that
moves or goes leaves such a name pointing nowhere: these tests find it. Names of what
a build or a person makes (under outputs/, data/processed/, real exports) are what git
ignores, and are not looked for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wud_briefings.core.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "wud_briefings"
DOCUMENTS = [
    PROJECT_ROOT / "README.md",
    PROJECT_ROOT / "CONTRIBUTING.md",
    *sorted((PROJECT_ROOT / "docs").rglob("*.md")),
]
# Files a command writes into the tracked tree when a person first runs it: named by the
# documentation before they exist. `wud-briefings sign-off` writes the sign-offs.
WRITTEN_BY_COMMANDS = {"notebooks/sign-offs.yaml"}

FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`((?:[^`\n]|\n(?!\s*\n))+)`")  # within a paragraph
LINK = re.compile(r"\]\(([^)\s]+)\)")
PATH_LIKE = re.compile(r"[A-Za-z0-9_.][\w.-]*(/[\w.-]*)*")
FILE_SUFFIX = re.compile(r"\.(py|md|ya?ml|json|csv|toml|lock|cff|ipynb|txt|po|png|cfg)$")


def named_paths(text: str) -> set[str]:
    """The repository paths a Markdown text names in inline code (outside fenced blocks).

    A path has a slash or a file suffix; a placeholder (`<region>`), a pattern (`*.age`)
    or a choice (`es|ru`) is not a path, and neither is an option or a URL."""
    found = set()
    for code in INLINE_CODE.findall(FENCED.sub("", text)):
        for word in code.split():
            word = word.rstrip(",;:)")
            if not PATH_LIKE.fullmatch(word) or ".." in word:
                continue
            if "/" in word or FILE_SUFFIX.search(word):
                found.add(word)
    return found


def linked_paths(text: str, document: Path) -> set[Path]:
    """The local files a Markdown text links to, relative to where it lives."""
    targets = set()
    for target in LINK.findall(FENCED.sub("", text)):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        targets.add((document.parent / target.split("#")[0]).resolve())
    return targets


def tracked_python_names() -> set[str]:
    """The names of the Python files in the repository (a bare `show.py` names one)."""
    folders = ("src", "tests", "notebooks")
    return {p.name for folder in folders for p in (PROJECT_ROOT / folder).rglob("*.py")}


def ignored_by_git(paths: set[str]) -> set[str]:
    """Those of ``paths`` that git ignores: what a build or a person makes, never shipped."""
    if not (PROJECT_ROOT / ".git").exists():
        pytest.skip("not a git clone: which paths are build outputs is git's to say")
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=PROJECT_ROOT,
        input="\n".join(sorted(paths)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return set(result.stdout.split())


def missing_paths(text: str) -> set[str]:
    """The paths a text names that are not in the repository, nor ignored by git."""
    python_names = tracked_python_names()
    absent = set()
    for name in named_paths(text):
        if "/" not in name:
            if name.endswith(".py") and name not in python_names:
                absent.add(name)  # other bare names are mostly outputs (briefing.html)
            continue
        if not any((root / name).exists() for root in (PROJECT_ROOT, PACKAGE)):
            absent.add(name)
    if not absent:
        return absent
    return absent - ignored_by_git(absent) - WRITTEN_BY_COMMANDS


def test_the_path_check_finds_names_and_misses():
    text = (
        "See `data/raw/regions.yaml`, `analysis/figures/by_name.py` and `show.py`; run "
        "`.venv/bin/jupytext --sync notebooks/briefing.py`, not `notebooks/<region>.md`.\n"
        "```\nsrc/in/a/fenced/block.py\n```\n"
        "The terms are in `src/wud_briefings/wording.py`; open `outputs/index.html`."
    )
    assert named_paths(text) == {
        "data/raw/regions.yaml",
        "analysis/figures/by_name.py",
        "show.py",
        "notebooks/briefing.py",
        "src/wud_briefings/wording.py",
        "outputs/index.html",
        ".venv/bin/jupytext",
    }
    # wording.py moved to analysis/; .venv/ and outputs/ are made here (git ignores them)
    assert missing_paths(text) == {"src/wud_briefings/wording.py"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_every_repository_path_the_documentation_names_exists(document):
    text = document.read_text(encoding="utf-8")
    assert missing_paths(text) == set(), f"{document.name} names paths that do not exist"
    broken = [p for p in linked_paths(text, document) if not p.exists()]
    assert broken == [], f"{document.name} links to files that do not exist"


def test_the_documentation_names_the_repository_at_all():
    named = set().union(*(named_paths(d.read_text(encoding="utf-8")) for d in DOCUMENTS))
    assert {"data/raw/regions.yaml", "notebooks/publication/publication.yaml"} <= named
    assert len(DOCUMENTS) > 20  # the site's pages were found


def test_the_readme_is_short_and_gives_the_two_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    commands = [line.split("#")[0].strip() for line in readme.splitlines()]
    assert "make briefings" in commands and "make test" in commands  # .ci/run runs the latter


def test_the_site_builds_strictly_with_every_command_in_its_reference(tmp_path):
    from typer.main import get_command

    from wud_briefings.cli import app

    site = tmp_path / "site"
    # mkdocs-typer2 runs `typer … utils docs`, this environment's; if it cannot, it
    # writes nothing and says nothing, hence the check of the page below.
    environment = os.environ | {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reference = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    commands = sorted(get_command(app).commands)
    assert "build" in commands
    absent = [c for c in commands if f"wud-briefings {c}</code>" not in reference]
    assert absent == [], "the CLI reference lacks these commands"
