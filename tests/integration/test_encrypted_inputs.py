"""Real inputs committed encrypted with age: read in memory, never written in clear.

Keys are made here, at test time; no identity is ever written into the project.
The export stands in for a real one: a copy of the synthetic EECA export with
the synthetic marker removed and canaries put in its raw columns (identifiers
and a free-text answer), which must never reach any file the build writes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyrage
import pytest

from support.project import PLACEHOLDER, REPO, copy_project, run_build
from support.rows import read_rows, rows_to_csv
from wud_briefings.analysis.display.narrative import synthetic_banner
from wud_briefings.core.encryption import IDENTITY_VARIABLE, encrypt
from wud_briefings.core.errors import InputError
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.ingest.decode import read_grid
from wud_briefings.ingest.encrypted import encrypt_input
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import FILES, PROVENANCE
from wud_briefings.survey.regions import locate_inputs

CANARY_ID = "88800011177"
# What only the raw columns hold: never in processed data, a page, a log or a temporary file.
CANARIES = {
    "respondent id": CANARY_ID,
    "IP address": "203.0.113.77",
    "e-mail": "olga.canary.7741@example.net",
    "first name": "Zenobiacanary",
    "last name": "Quillfeathercanary",
    "custom data": "campaign-canary-2020",
    "free-text answer": "the purple heron canary behind the bakery on Lesna street",
    "unpublishable excerpt": "purple heron canary behind the bakery",
}
EXPORT_NAME, CODING_NAME = "eeca.csv", "coding/eeca.xlsx"


def real_export() -> bytes:
    """The synthetic EECA export made real: no synthetic marker, canaries in raw columns."""
    rows = read_rows(REPO.synthetic / "eeca.csv")
    for row in rows[2:]:
        row[8] = CANARIES["custom data"]  # Custom Data 1 no longer holds FAKE-CUSTOM-…
    first = rows[2]
    assert first[0] == "11406007919" and first[14].strip()  # an answer to question 5
    first[0] = CANARY_ID
    first[4:8] = [CANARIES[k] for k in ("IP address", "e-mail", "first name", "last name")]
    first[14] += f" It is {CANARIES['free-text answer']}."
    return rows_to_csv(rows).encode("utf-8")


def real_coding_sheet() -> bytes:
    """The EECA coding sheet for that export, as XLSX, with one unpublishable excerpt."""
    sheet = pd.read_csv(REPO.coding / "eeca.csv", dtype=str, keep_default_na=False)
    sheet["respondent_id"] = sheet["respondent_id"].replace("11406007919", CANARY_ID)
    private = [CANARY_ID, "services", "drop_in", CANARIES["unpublishable excerpt"], "no", "en"]
    sheet.loc[len(sheet)] = private + [""] * (len(sheet.columns) - len(private))
    out = io.BytesIO()
    sheet.to_excel(out, index=False)
    return out.getvalue()


@pytest.fixture(scope="module")
def clear_inputs() -> dict[str, bytes]:
    return {EXPORT_NAME: real_export(), CODING_NAME: real_coding_sheet()}


@pytest.fixture(scope="module")
def identity() -> Any:
    return pyrage.x25519.Identity.generate()


def drop_in(paths: ProjectPaths, inputs: dict[str, bytes], recipient: Any = None) -> None:
    """Real inputs into data/raw/exports/: in clear, or encrypted in memory to ``recipient``."""
    for name, data in inputs.items():
        target = paths.exports / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if recipient is None:
            target.write_bytes(data)
        else:
            target.with_name(target.name + ".age").write_bytes(encrypt(data, [recipient]))


def needles(clear_inputs: dict[str, bytes], identity: Any) -> dict[str, list[bytes]]:
    """What must not be found: canaries, slices and SHA-256s of the clear files, the identity."""
    found: dict[str, list[bytes]] = {
        name: [text.encode("utf-8"), text.encode("utf-16-le")] for name, text in CANARIES.items()
    }
    for name, data in clear_inputs.items():
        # A run of the file's own bytes, where it differs from the synthetic export.
        start = data.find(CANARY_ID.encode())
        start = len(data) // 2 if start < 0 else start
        digest = hashlib.sha256(data).hexdigest()
        found[f"bytes of {name}"] = [data[start : start + 64]]
        found[f"SHA-256 of clear {name}"] = [digest[:12].encode()]
    found["the identity"] = [str(identity).encode()]
    return found


def contents(path: Path) -> list[bytes]:
    """A file's bytes, and each member's when it is a ZIP (XLSX) archive."""
    data = path.read_bytes()
    blobs = [data]
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            blobs += [archive.read(member) for member in archive.namelist()]
    return blobs


def scan(roots: list[Path], wanted: dict[str, list[bytes]]) -> dict[str, list[str]]:
    """Which needles appear in which files under the roots (every file, binary too)."""
    hits: dict[str, list[str]] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            for blob in contents(path):
                for name, forms in wanted.items():
                    if any(form in blob for form in forms):
                        hits.setdefault(name, []).append(str(path.relative_to(root.parent)))
    return hits


@pytest.fixture(scope="module")
def clear_build(tmp_path_factory, clear_inputs) -> ProjectPaths:
    """The real inputs in clear, built."""
    paths = copy_project(tmp_path_factory.mktemp("clear") / "project")
    drop_in(paths, clear_inputs)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(IDENTITY_VARIABLE, raising=False)
        report, log = run_build(paths, ["eeca"], pdf=PLACEHOLDER)  # HTML and data compared
    assert report.entries["eeca"].status == "built", log
    return paths


@dataclass(frozen=True)
class EncryptedBuild:
    paths: ProjectPaths
    without_identity: dict[str, Any]  # what the build without the identity published
    cli: subprocess.CompletedProcess[str]  # the build with it
    scanned: list[Path]  # the project, and the TMPDIR and HOME of the build with it


@pytest.fixture(scope="module")
def encrypted_build(builds, tmp_path_factory, clear_inputs, identity) -> EncryptedBuild:
    """The same inputs encrypted: built without the identity, then with it by the CLI.

    The second build runs in a process tree of its own whose TMPDIR and HOME are
    fresh folders, so that whatever it writes outside the project can be scanned.
    """
    base = tmp_path_factory.mktemp("encrypted")
    # The session's verdict on the synthetic export serves the build without the identity.
    paths = builds.gated(base / "project", ["eeca"])
    drop_in(paths, clear_inputs, identity.to_public())
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(IDENTITY_VARIABLE, raising=False)
        report, log = run_build(paths, ["eeca"], pdf=PLACEHOLDER)  # HTML and data compared
    without = {
        "entry": report.entries["eeca"],
        "index": (paths.outputs / "index.html").read_text(encoding="utf-8"),
        "html": (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8"),
        "validation": json.loads((paths.validation / "eeca.json").read_text(encoding="utf-8")),
        "log": log,
    }
    temporary, home = base / "tmp", base / "home"
    temporary.mkdir()
    home.mkdir()
    environment = os.environ | {
        ROOT_VARIABLE: str(paths.root),
        IDENTITY_VARIABLE: f"# created by the test\n{identity}\n",
        "TMPDIR": str(temporary),
        "HOME": str(home),
    }
    for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "MPLCONFIGDIR"):
        environment.pop(variable, None)
    # No global briefing: it reads processed data only (scanned here with the rest of the
    # project), never an export, and the clear build beside it makes none either.
    result = subprocess.run(
        [sys.executable, "-m", "wud_briefings.cli", "build", "eeca", "--jobs", "2", "--no-global"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return EncryptedBuild(paths, without, result, [paths.root, temporary, home])


def normalised_html(paths: ProjectPaths) -> str:
    """The briefing's HTML with its inputs' names and SHA-256s (the provenance line) masked."""
    html = (paths.outputs / "eeca" / "briefing.html").read_text(encoding="utf-8")
    provenance = json.loads((paths.processed / "eeca" / PROVENANCE).read_text(encoding="utf-8"))
    for number, (name, digest) in enumerate(sorted(provenance["inputs"].items())):
        html = html.replace(name, f"INPUT-{number}").replace(digest[:12], f"HASH-{number}")
    return html


def test_an_encrypted_export_builds_the_same_briefing_as_the_clear_one(
    clear_build, encrypted_build
):
    assert encrypted_build.cli.returncode == 0, encrypted_build.cli.stderr
    clear, encrypted = clear_build, encrypted_build.paths
    for name in [f"{table}.csv" for table in FILES]:
        assert (encrypted.processed / "eeca" / name).read_bytes() == (
            clear.processed / "eeca" / name
        ).read_bytes(), name
    assert (encrypted.outputs / "eeca" / "disclosure.json").read_bytes() == (
        clear.outputs / "eeca" / "disclosure.json"
    ).read_bytes()
    assert normalised_html(encrypted) == normalised_html(clear)
    assert synthetic_banner(True) not in normalised_html(encrypted)
    manifests = [json.loads((p.outputs / "manifest.json").read_text()) for p in (clear, encrypted)]
    assert (
        manifests[0]["regions"]["eeca"]["headline"] == manifests[1]["regions"]["eeca"]["headline"]
    )


def test_an_encrypted_inputs_hash_is_of_the_file_in_the_repository(encrypted_build):
    paths = encrypted_build.paths
    files = [paths.exports / f"{name}.age" for name in (EXPORT_NAME, CODING_NAME)]
    expected = {paths.shown(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    provenance = json.loads((paths.processed / "eeca" / PROVENANCE).read_text(encoding="utf-8"))
    manifest = json.loads((paths.outputs / "manifest.json").read_text(encoding="utf-8"))
    assert provenance["inputs"] == expected
    assert manifest["regions"]["eeca"]["inputs"] == expected
    assert provenance["is_synthetic"] is False


def test_no_clear_byte_of_an_encrypted_input_is_written_anywhere(
    clear_build, encrypted_build, clear_inputs, identity
):
    assert encrypted_build.cli.returncode == 0, encrypted_build.cli.stderr
    wanted = needles(clear_inputs, identity)
    assert scan(encrypted_build.scanned, wanted) == {}
    assert not any(f in encrypted_build.cli.stdout + encrypted_build.cli.stderr for f in CANARIES)
    # The scan can fail: on the clear build it finds every canary, some only inside the
    # XLSX's compressed members, the clear files' bytes, and their hashes in the outputs.
    found = scan([clear_build.root], wanted)
    assert set(found) == set(wanted) - {"the identity"}
    assert found["unpublishable excerpt"] == [
        "project/data/raw/exports/coding/eeca.xlsx",
        "project/data/raw/exports/eeca.csv",
    ]
    assert "project/outputs/manifest.json" in found["SHA-256 of clear eeca.csv"]
    assert any(path.startswith("project/outputs/") for path in found["SHA-256 of clear eeca.csv"])


WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_recording: list[list[str]] = []  # the audit hook's current record, if any


def _record_writes(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _recording or isinstance(args[0], int):
        return
    if args[2] & WRITE_FLAGS:  # (path, mode, flags): mode is None for os.open
        _recording[-1].append(os.fsdecode(args[0]))


@pytest.fixture(scope="module")
def audit_hook() -> None:
    """Installed once, for good (audit hooks cannot be removed); idle when not recording."""
    sys.addaudithook(_record_writes)


@pytest.mark.usefixtures("audit_hook")
def test_decrypting_and_processing_opens_no_file_for_writing_but_the_results(
    tmp_path_factory, clear_inputs, identity, codebook, regions, suites, monkeypatch
):
    """The clear bytes live only in the process that reads and protects them; there,
    no file is opened for writing (Python's audit hook sees every open, os.open and
    mkstemp) but the processed tables and the validation report, which the build
    scan above finds free of them. Nothing written and deleted in between escapes."""
    paths = copy_project(tmp_path_factory.mktemp("audited") / "project")
    drop_in(paths, clear_inputs, identity.to_public())
    monkeypatch.setenv(IDENTITY_VARIABLE, str(identity))
    written: list[str] = []
    _recording.append(written)
    try:
        outcome = process_region(regions["eeca"], codebook, suites, paths)
    finally:
        _recording.remove(written)
    assert outcome.is_valid and not outcome.is_synthetic, outcome.problems
    probe: list[str] = []  # the hook can fail: it sees even an anonymous temporary file
    _recording.append(probe)
    with tempfile.TemporaryFile() as stream:
        stream.write(b"seen")
    _recording.remove(probe)
    assert probe and written
    allowed = (paths.processed, paths.validation)
    stray = [w for w in written if not any(Path(w).is_relative_to(a) for a in allowed)]
    assert stray == []
    assert scan([paths.processed, paths.validation], needles(clear_inputs, identity)) == {}


def test_without_the_identity_the_region_is_built_from_synthetic_data_and_says_why(
    encrypted_build,
):
    without = encrypted_build.without_identity
    reason = (
        "built from synthetic data: the real export and its coding sheet are encrypted "
        "(data/raw/exports/eeca.csv.age, data/raw/exports/coding/eeca.xlsx.age) and no age "
        f"identity ({IDENTITY_VARIABLE}) was given"
    )
    entry = without["entry"]
    assert entry.status == "built" and entry.is_synthetic is True
    assert entry.synthetic_reason == reason
    assert list(entry.inputs) == ["data/raw/synthetic/eeca.csv", "data/raw/coding/eeca.csv"]
    assert without["validation"]["synthetic_reason"] == reason
    assert f"built<br>{reason}" in without["index"]
    assert synthetic_banner(True) in without["html"]
    # Once the identity is given, the region is rebuilt from the real inputs.
    assert "rebuilt 1: eeca" in encrypted_build.cli.stdout
    manifest = json.loads((encrypted_build.paths.outputs / "manifest.json").read_text())
    assert "synthetic_reason" not in manifest["regions"]["eeca"]
    index = (encrypted_build.paths.outputs / "index.html").read_text(encoding="utf-8")
    assert "built from synthetic data" not in index


@pytest.fixture
def encrypted_project(project, clear_inputs, identity) -> ProjectPaths:
    drop_in(project, {EXPORT_NAME: clear_inputs[EXPORT_NAME]}, identity.to_public())
    return project


def test_only_an_encrypted_coding_sheet_also_falls_back_to_synthetic(
    project, regions, clear_inputs, identity, monkeypatch
):
    monkeypatch.delenv(IDENTITY_VARIABLE, raising=False)
    drop_in(project, {EXPORT_NAME: clear_inputs[EXPORT_NAME]})
    drop_in(project, {CODING_NAME: clear_inputs[CODING_NAME]}, identity.to_public())
    inputs = locate_inputs(regions["eeca"], project)
    assert inputs.is_synthetic
    assert inputs.passed_over == (project.exports / "coding" / "eeca.xlsx.age",)
    assert "the real coding sheet is encrypted" in inputs.synthetic_reason
    monkeypatch.setenv(IDENTITY_VARIABLE, str(identity))
    inputs = locate_inputs(regions["eeca"], project)
    assert (inputs.export, inputs.coding, inputs.is_synthetic) == (
        project.exports / EXPORT_NAME,
        project.exports / "coding" / "eeca.xlsx.age",
        False,
    )


def test_an_encrypted_xlsx_export_reads_as_its_clear_self(tmp_path, identity, monkeypatch):
    rows = read_rows(REPO.synthetic / "eeca.csv")
    pd.DataFrame(rows).to_excel(tmp_path / "eeca.xlsx", index=False, header=False)
    clear = (tmp_path / "eeca.xlsx").read_bytes()
    (tmp_path / "eeca.xlsx.age").write_bytes(encrypt(clear, [identity.to_public()]))
    monkeypatch.setenv(IDENTITY_VARIABLE, str(identity))
    assert read_grid(tmp_path / "eeca.xlsx.age", "eeca.xlsx.age") == read_grid(
        tmp_path / "eeca.xlsx", "eeca.xlsx"
    )


def refused(project, codebook, regions, suites) -> str:
    """The one problem the EECA region is refused with; nothing is processed."""
    outcome = process_region(regions["eeca"], codebook, suites, project)
    assert not outcome.is_valid
    assert not (project.processed / "eeca").exists()
    [problem] = outcome.problems
    assert problem.file == "data/raw/exports/eeca.csv.age"
    text = str(problem)
    assert not any(canary in text for canary in CANARIES.values())
    return text


def test_a_wrong_identity_is_refused_naming_the_file(
    encrypted_project, codebook, regions, suites, monkeypatch
):
    other = pyrage.x25519.Identity.generate()
    monkeypatch.setenv(IDENTITY_VARIABLE, str(other))
    text = refused(encrypted_project, codebook, regions, suites)
    assert text == (
        "data/raw/exports/eeca.csv.age: cannot decrypt: it was not encrypted to any identity "
        f"in {IDENTITY_VARIABLE}; add its public key to data/raw/recipients.txt and have the "
        "file encrypted again"
    )
    assert str(other) not in text
    report = (encrypted_project.validation / "eeca.json").read_text(encoding="utf-8")
    assert "not encrypted to any identity" in report and str(other) not in report


def test_a_damaged_encrypted_file_is_refused_naming_the_file(
    encrypted_project, codebook, regions, suites, identity, monkeypatch
):
    monkeypatch.setenv(IDENTITY_VARIABLE, str(identity))
    path = encrypted_project.exports / "eeca.csv.age"
    path.write_bytes(path.read_bytes()[:-100])
    assert "the file is damaged" in refused(encrypted_project, codebook, regions, suites)


def test_a_clear_file_named_age_is_refused(project, codebook, regions, suites, monkeypatch):
    monkeypatch.setenv(IDENTITY_VARIABLE, str(pyrage.x25519.Identity.generate()))
    drop_in(project, {f"{EXPORT_NAME}.age": real_export()})
    assert "not an age-encrypted file" in refused(project, codebook, regions, suites)


@pytest.mark.parametrize(
    "value",
    [
        "AGE-SECRET-KEY-1NOTAKEY",
        "age1thisisapublickeynotanidentity",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----",
    ],
)
def test_a_malformed_identity_is_refused_without_showing_it(
    encrypted_project, codebook, regions, suites, monkeypatch, value
):
    monkeypatch.setenv(IDENTITY_VARIABLE, f"# comment\n{value}")
    text = refused(encrypted_project, codebook, regions, suites)
    assert f"line 2 of {IDENTITY_VARIABLE} is not an age identity" in text
    assert not any(line in text for line in [*value.splitlines()[1:], "NOTAKEY", "age1"])


def test_a_clear_file_beside_its_encryption_is_refused(
    encrypted_project, codebook, regions, suites, clear_inputs, monkeypatch
):
    monkeypatch.delenv(IDENTITY_VARIABLE, raising=False)  # refused with or without it
    drop_in(encrypted_project, {EXPORT_NAME: clear_inputs[EXPORT_NAME]})
    text = refused(encrypted_project, codebook, regions, suites)
    assert text.startswith(
        "data/raw/exports/eeca.csv.age: data/raw/exports/eeca.csv exists too: keep only one"
    )
    assert "move the clear file out of data/raw/exports/" in text


# wud-briefings encrypt


def cli(paths: ProjectPaths, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wud_briefings.cli", *args],
        env=os.environ | {ROOT_VARIABLE: str(paths.root)},
        cwd=cwd or paths.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def recipients(paths: ProjectPaths, *lines: str) -> None:
    """The shipped recipients file (comments only), with these lines after it."""
    text = paths.recipients.read_text(encoding="utf-8")
    paths.recipients.write_text(text + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def test_encrypt_writes_an_age_file_every_recipient_can_read(project, clear_inputs, monkeypatch):
    keys = [pyrage.x25519.Identity.generate() for _ in range(2)]
    lines = ["# researcher", str(keys[0].to_public()), "", "# CI", str(keys[1].to_public())]
    ssh_key = None
    if shutil.which("ssh-keygen"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(project.root / "id")],
            check=True,
            timeout=60,
        )
        ssh_key = (project.root / "id").read_text()
        lines.append((project.root / "id.pub").read_text().strip())
    recipients(project, *lines)
    drop_in(project, clear_inputs)
    result = cli(
        project, "encrypt", "data/raw/exports/eeca.csv", "data/raw/exports/coding/eeca.xlsx"
    )
    assert result.returncode == 0, result.stderr
    assert "wrote data/raw/exports/eeca.csv.age: commit it." in result.stdout
    for name, data in clear_inputs.items():
        encrypted = (project.exports / f"{name}.age").read_bytes()
        assert encrypted.startswith(b"age-encryption.org/v1\n")
        assert (project.exports / name).read_bytes() == data  # the clear file is kept
        for key in keys:
            assert pyrage.decrypt(encrypted, [key]) == data
        if ssh_key:
            assert pyrage.decrypt(encrypted, [pyrage.ssh.Identity.from_buffer(ssh_key.encode())])
    # What the build reads, in memory, with one of the identities (an age-keygen file).
    monkeypatch.setenv(IDENTITY_VARIABLE, f"# created: now\n# public key: …\n{keys[1]}\n")
    from wud_briefings.ingest.encrypted import input_bytes

    path = project.exports / "eeca.csv.age"
    assert input_bytes(path, "eeca.csv.age") == clear_inputs[EXPORT_NAME]
    if ssh_key:
        monkeypatch.setenv(IDENTITY_VARIABLE, ssh_key)
        assert input_bytes(path, "eeca.csv.age") == clear_inputs[EXPORT_NAME]


def test_encrypt_refuses_a_recipients_file_with_no_recipient(project, clear_inputs):
    drop_in(project, clear_inputs)
    result = cli(project, "encrypt", "data/raw/exports/eeca.csv")
    assert result.returncode == 1
    assert "error: data/raw/recipients.txt: lists no recipient" in result.stderr
    assert not (project.exports / "eeca.csv.age").exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("age1notakey", "is not an age recipient"),
        ("olga@example.org", "is not an age recipient"),
        ("SECRET", "holds a secret identity, not a public key"),
    ],
)
def test_encrypt_refuses_a_malformed_recipient_naming_its_line(
    project, clear_inputs, line, message
):
    if line == "SECRET":  # pasted by mistake: refused, and never shown
        line = str(pyrage.x25519.Identity.generate())
    recipients(project, str(pyrage.x25519.Identity.generate().to_public()), line)
    number = len(project.recipients.read_text().splitlines())
    drop_in(project, clear_inputs)
    with pytest.raises(InputError) as caught:
        encrypt_input(
            project.exports / EXPORT_NAME, project.recipients, "eeca.csv", "data/raw/recipients.txt"
        )
    assert str(caught.value).startswith(f"data/raw/recipients.txt: line {number} {message}")
    assert line not in str(caught.value)
    assert not (project.exports / "eeca.csv.age").exists()


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_encrypt_refuses_a_clear_file_git_tracks_or_does_not_ignore(project, clear_inputs):
    recipients(project, str(pyrage.x25519.Identity.generate().to_public()))
    drop_in(project, clear_inputs)
    git(project.root, "init", "-q")
    git(project.root, "add", "data/raw/exports/eeca.csv")
    result = cli(project, "encrypt", "data/raw/exports/eeca.csv")
    assert result.returncode == 1
    assert "git tracks this clear file" in result.stderr
    assert "`git rm --cached data/raw/exports/eeca.csv`" in result.stderr
    git(project.root, "rm", "-q", "--cached", "data/raw/exports/eeca.csv")
    result = cli(project, "encrypt", "data/raw/exports/eeca.csv")
    assert result.returncode == 1
    assert "git does not ignore this clear file" in result.stderr
    assert not (project.exports / "eeca.csv.age").exists()
    # With the project's .gitignore, the clear files are ignored and their .age may be added.
    shutil.copy(REPO.root / ".gitignore", project.root / ".gitignore")
    result = cli(
        project, "encrypt", "eeca.csv", "coding/eeca.xlsx", cwd=project.exports
    )  # relative to where it is run
    assert result.returncode == 0, result.stderr
    added = subprocess.run(
        ["git", "-C", str(project.root), "add", "--dry-run", "data/raw/exports"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert sorted(re.findall(r"add '(.*)'", added)) == [
        "data/raw/exports/coding/eeca.xlsx.age",
        "data/raw/exports/eeca.csv.age",
    ]
