"""The CI workflow's artefact flow, run locally: validate → one region per job → assemble.

The `run:` lines are read from .github/workflows/briefings.yml and run with bash
in temporary folders standing for the runners, so the test fails when the
workflow's commands stop working together. The workflow's secrets rules are
checked on the same file.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.project import copy_project
from wud_briefings.core.paths import PROJECT_ROOT, ROOT_VARIABLE

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "briefings.yml"
CLI = ".venv/bin/wud-briefings"
STEP_TIMEOUT = 600  # seconds any one job step may take here
SECRETS = ("WUD_AGE_IDENTITY", "WUD_PSEUDONYM_KEY")
CANARY = "pseudonym-key-canary-7f3a"  # stands for a secret: it must reach no published file
# The region jobs run here: two that build (one edition each, the cheapest) and Africa,
# refused at its gate. (Regions in several editions go through `assemble` in test_crate.py.)
JOBS = ("oceania", "asia", "africa")


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_lines(job: str) -> list[str]:
    """A job's shell commands, the environment's installation (make venv) left out."""
    steps = workflow()["jobs"][job]["steps"]
    return [s["run"] for s in steps if "run" in s and s["run"] != "make venv"]


def run_step(command: str, runner: Path, **env: str) -> subprocess.CompletedProcess:
    """One step on a 'runner' (a project copy), with this environment's CLI."""
    command = command.replace(CLI, f"{shlex.quote(sys.executable)} -m wud_briefings.cli")
    environment = os.environ | {ROOT_VARIABLE: str(runner), "WUD_PSEUDONYM_KEY": CANARY} | env
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=runner,
        env=environment,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
    )


def upload(outputs: Path, artefact: Path) -> None:
    """actions/upload-artifact with include-hidden-files: false."""
    shutil.copytree(outputs, artefact, ignore=shutil.ignore_patterns(".*"))


@pytest.fixture(scope="module")
def ci_run(tmp_path_factory):
    """validate, then three region jobs (one refused at its gate), the global job over the
    processed data they passed on, then assemble."""
    root = tmp_path_factory.mktemp("ci")
    validate = copy_project(root / "validate").root
    check, list_regions = run_lines("validate")
    checked = run_step(check, validate)
    output = root / "github-output"
    run_step(list_regions, validate, GITHUB_OUTPUT=str(output))
    regions = json.loads(output.read_text().split("regions=", 1)[1])

    build = run_lines("briefing")[0]
    parts, processed, jobs = root / "parts", root / "processed", {}
    for region in JOBS:
        runner = copy_project(root / f"job-{region}").root
        if region == "africa":  # a country outside the region: refused at the gate
            export = runner / "data/raw/synthetic/africa.csv"
            export.write_text(export.read_text().replace(",Kenya,", ",France,", 1))
        jobs[region] = run_step(build, runner, REGION=region, FORCE="")
        upload(runner / "outputs", parts / f"briefing-{region}")
        if jobs[region].returncode == 0:  # processed-<region>, uploaded on success only
            shutil.copytree(runner / "data/processed", processed, dirs_exist_ok=True)

    world = copy_project(root / "global").root
    shutil.copytree(processed, world / "data/processed", dirs_exist_ok=True)  # merge-multiple
    jobs["global"] = run_step(run_lines("global")[0], world)
    upload(world / "outputs", parts / "briefing-global")

    site = copy_project(root / "assemble").root
    shutil.copytree(parts, site / "parts")
    assembled = run_step(run_lines("assemble")[0], site)
    return checked, regions, jobs, assembled, site / "outputs"


def test_validate_lists_every_region_for_the_matrix(ci_run):
    checked, regions, *_ = ci_run
    assert checked.returncode == 0, checked.stderr
    names = yaml.safe_load((PROJECT_ROOT / "data/raw/regions.yaml").read_text())
    assert sorted(regions) == sorted(r["id"] for r in names["regions"])


def test_a_failed_region_fails_its_job_and_the_site_shows_why(ci_run):
    _, _, jobs, assembled, site = ci_run
    assert jobs["oceania"].returncode == 0 and jobs["asia"].returncode == 0
    assert jobs["africa"].returncode != 0
    assert assembled.returncode == 0, assembled.stderr  # the others are still published
    manifest = json.loads((site / "manifest.json").read_text())
    assert manifest["regions"]["africa"]["status"] == "failed-validation"
    index = (site / "index.html").read_text()
    assert "África (oriental" in (site / "index.es.html").read_text()  # every language's index
    assert "Африка (Восточная" in (site / "index.ru.html").read_text()
    africa_row = next(r for r in index.split("<tr>") if "Africa (East" in r)
    assert "failed at validation" in africa_row and "France" not in africa_row
    for region in ("oceania", "asia"):
        assert manifest["regions"][region]["status"] == "built"
        assert (site / region / "briefing.html").stat().st_size > 0
        assert (site / region / "briefing.pdf").read_bytes().startswith(b"%PDF")
        assert f'href="{region}/briefing.html"' in index


def test_regions_whose_jobs_left_nothing_are_listed_as_missing(ci_run):
    _, regions, _, _, site = ci_run
    manifest = json.loads((site / "manifest.json").read_text())
    assert sorted(manifest["regions"]) == sorted(regions)
    missing = [r for r, e in manifest["regions"].items() if e["status"] == "failed-missing"]
    assert sorted(missing) == sorted(set(regions) - set(JOBS))
    assert (site / "index.html").read_text().count("is missing") == len(missing)


def test_the_site_carries_the_global_briefing_built_from_the_region_jobs(ci_run):
    _, _, jobs, _, site = ci_run
    assert jobs["global"].returncode == 0, jobs["global"].stderr
    manifest = json.loads((site / "manifest.json").read_text())
    assert manifest["global"]["status"] == "built"
    page = (site / "global" / "briefing.html").read_text()
    assert "Missing: Africa (East, West and Southern)" in page  # refused: no processed data
    for name in ("briefing.pdf", "services.csv", "services.xlsx"):
        assert (site / "global" / name).stat().st_size > 0
    index = (site / "index.html").read_text()
    assert 'href="global/briefing.html"' in index
    crate = json.loads((site / "ro-crate-metadata.json").read_text())
    runs = [e for e in crate["@graph"] if e.get("@id") == "#run-global"]
    assert runs and {"@id": "global/briefing.html"} in runs[0]["result"]


def test_the_global_job_gets_no_secret_and_keeps_processed_data_a_day():
    jobs = workflow()["jobs"]
    assert "secrets." not in yaml.safe_dump(jobs["global"])
    upload = next(
        s for s in jobs["briefing"]["steps"] if s.get("with", {}).get("path") == "data/processed/"
    )
    assert upload["with"]["retention-days"] == 1 and upload["if"] == "success()"


def test_no_secret_reaches_the_site(ci_run):
    *_, site = ci_run
    leaked = [p for p in site.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]
    assert leaked == []


def test_secrets_reach_only_the_steps_that_read_exports_on_main_and_manual_runs():
    flow = workflow()
    real_data = flow["env"]["REAL_DATA"]
    assert "pull_request" not in real_data and "schedule" not in real_data
    assert "refs/heads/main" in real_data and "workflow_dispatch" in real_data
    holders = []
    for job_id, job in flow["jobs"].items():
        assert not set(SECRETS) & set(job.get("env", {})), f"{job_id} gives secrets job-wide"
        for step in job["steps"]:
            for name, value in step.get("env", {}).items():
                if "secrets." in str(value):
                    assert name in SECRETS
                    assert str(value).startswith("${{ env.REAL_DATA == 'true' && secrets.")
                    holders.append(job_id)
    assert sorted(set(holders)) == ["briefing", "validate"]
    assert "secrets." not in WORKFLOW.read_text().split("\njobs:", 1)[0]


def test_the_site_is_deployed_after_the_tests_and_every_region():
    jobs = workflow()["jobs"]
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"test", "assemble"}
    assert jobs["assemble"]["needs"] == ["briefing", "global"]
    assert jobs["global"]["needs"] == "briefing"
    assert "needs.test.result == 'success'" in deploy["if"]
    assert "pull_request" not in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    uploads = [s for s in jobs["assemble"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["path"] == "outputs/"
