"""Every command the README, CONTRIBUTING and the docs show exists and starts.

A `make` target they name is expanded by make itself (``make -n``: the target exists and
its recipe reads); a `wud-briefings` command they name is started with ``--help`` in this
process, as Typer's test runner starts it (it imports and parses its options). What each
command then does is proven by the tests of its stage, and `make briefings` and `make test`
by CI itself (.ci/run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support.project import REPO
from wud_briefings.cli import app

DOCUMENTS = [REPO.root / "README.md", REPO.root / "CONTRIBUTING.md"]
DOCUMENTS += sorted((REPO.root / "docs").rglob("*.md"))
# What follows `make ` in prose without being a target ("make it", "make every …").
NOT_TARGETS = {"it", "every", "up", "target", "targets"}
MAKE = re.compile(r"`(?:[^`]*\s)?make ([a-z][a-z-]*)|^\s*make ([a-z][a-z-]*)", re.M)
CLI = re.compile(r"(?:\.venv/bin/)?wud-briefings ([a-z][a-z-]*)")


def documented(pattern: re.Pattern[str]) -> dict[str, list[str]]:
    """Each command a document shows, and the documents that show it."""
    found: dict[str, list[str]] = {}
    for document in DOCUMENTS:
        for match in pattern.finditer(document.read_text(encoding="utf-8")):
            name = next(group for group in match.groups() if group)
            found.setdefault(name, []).append(document.relative_to(REPO.root).as_posix())
    return found


TARGETS = {t: docs for t, docs in documented(MAKE).items() if t not in NOT_TARGETS}
COMMANDS = documented(CLI)


def test_the_documents_were_read():
    assert {"briefings", "test", "check", "docs", "bench-scale"} <= set(TARGETS)
    assert {"build", "translations", "sign-off"} <= set(COMMANDS)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_documented_make_target_exists(target):
    # VENV points make at this environment (already installed: no install is planned).
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=REPO.root,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"MAKEFLAGS": ""},
    )
    assert result.returncode == 0, (TARGETS[target], result.stderr)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_documented_command_starts(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, (COMMANDS[command], result.output)
    assert "Usage:" in result.output
