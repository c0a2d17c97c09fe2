"""Pseudonyms and their key: a real export never gets a key anyone can read."""

from __future__ import annotations

import stat
import warnings

import pytest

from support.project import REPO
from support.rows import read_rows
from wud_briefings.core.errors import InputError
from wud_briefings.ingest.protection.pseudonyms import (
    KEY_FILE,
    KEY_VARIABLE,
    SYNTHETIC_KEY,
    NewKeyWarning,
    _create_key,
    key_file,
    pseudonym,
    pseudonym_key,
)

OLD_PUBLIC_KEY = b"wud-briefings-public-key"  # what every export used before keys were private
EXPORT = REPO.synthetic / "eeca.csv"  # dropped in as a real export


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)


def test_pseudonyms_are_stable_and_do_not_show_the_id():
    first = pseudonym("eeca", "11406007919", b"key")
    assert first == pseudonym("eeca", " 11406007919 ", b"key")
    assert "11406007919" not in first
    assert first != pseudonym("eeca", "11406015838", b"key")
    assert first != pseudonym("asia", "11406007919", b"key")
    assert first != pseudonym("eeca", "11406007919", b"another key")


def test_missing_id_stays_missing():
    assert pseudonym("eeca", None, b"key") is None


def pseudonyms_under(key: bytes) -> set[str]:
    return {pseudonym("eeca", row[0], key) for row in read_rows(EXPORT)[2:]}


def published(project) -> set[str]:
    header, *rows = read_rows(project.processed_region("eeca") / "respondents.csv")
    return {row[header.index("respondent_id")] for row in rows}


def key_warnings(caught) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, NewKeyWarning)]


def test_a_real_export_gets_a_private_key_once_and_keeps_it(run_with_export, project):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = run_with_export("eeca", EXPORT.read_bytes())
    assert first.is_valid, first.problems
    path = key_file(project)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [message] = key_warnings(caught)
    assert f"data/raw/exports/{KEY_FILE}" in message
    assert "Back it up" in message and KEY_VARIABLE in message
    key = path.read_bytes().strip()
    assert len(bytes.fromhex(key.decode())) == 32
    ids = published(project)
    assert ids == pseudonyms_under(key)
    assert ids.isdisjoint(pseudonyms_under(OLD_PUBLIC_KEY))
    assert ids.isdisjoint(pseudonyms_under(SYNTHETIC_KEY))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        second = run_with_export("eeca", EXPORT.read_bytes())
    assert second.is_valid, second.problems
    assert not key_warnings(caught)
    assert path.read_bytes().strip() == key
    assert published(project) == ids
    assert sorted(p.name for p in project.exports.iterdir()) == [KEY_FILE, "eeca.csv"]


def test_a_key_file_others_may_read_is_refused(run_with_export, project):
    project.exports.mkdir(parents=True)
    path = key_file(project)
    path.write_text("0" * 64)
    path.chmod(0o644)
    outcome = run_with_export("eeca", EXPORT.read_bytes())
    assert not outcome.is_valid
    [problem] = outcome.problems
    assert str(problem) == (
        f"data/raw/exports/{KEY_FILE}: the pseudonym key is open to group or others "
        f"(mode 644): run 'chmod 600 data/raw/exports/{KEY_FILE}', or set {KEY_VARIABLE} instead"
    )
    assert not project.processed_region("eeca").exists()
    assert path.read_text() == "0" * 64


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o666])
def test_any_group_or_other_permission_is_refused(project, mode):
    project.exports.mkdir(parents=True)
    key_file(project).write_text("0" * 64)
    key_file(project).chmod(mode)
    with pytest.raises(InputError, match=KEY_VARIABLE):
        pseudonym_key(project, is_synthetic=False)


def test_an_empty_key_file_is_refused(project):
    project.exports.mkdir(parents=True)
    key_file(project).write_text("\n")
    key_file(project).chmod(0o600)
    with pytest.raises(InputError, match=f"empty.*{KEY_VARIABLE}"):
        pseudonym_key(project, is_synthetic=False)


def test_with_the_environment_key_no_file_is_made(run_with_export, project, monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "a secret kept in CI")
    outcome = run_with_export("eeca", EXPORT.read_bytes())
    assert outcome.is_valid, outcome.problems
    assert published(project) == pseudonyms_under(b"a secret kept in CI")
    assert not key_file(project).exists()


def test_the_key_file_content_set_as_the_environment_key_gives_the_same_key(project, monkeypatch):
    with pytest.warns(NewKeyWarning):
        from_file = pseudonym_key(project, is_synthetic=False)
    monkeypatch.setenv(KEY_VARIABLE, key_file(project).read_text())
    assert pseudonym_key(project, is_synthetic=False) == from_file


def test_synthetic_exports_keep_their_fixed_key(project, monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "a secret kept in CI")
    assert pseudonym_key(project, is_synthetic=True) == SYNTHETIC_KEY
    monkeypatch.delenv(KEY_VARIABLE)
    assert pseudonym_key(project, is_synthetic=True) == SYNTHETIC_KEY
    assert not key_file(project).exists()


def test_of_two_first_runs_the_key_written_first_wins(project):
    project.exports.mkdir(parents=True)
    key_file(project).write_text("written by the other run\n")
    key_file(project).chmod(0o600)
    with warnings.catch_warnings():
        warnings.simplefilter("error", NewKeyWarning)
        assert _create_key(project) == b"written by the other run"
    assert [p.name for p in project.exports.iterdir()] == [KEY_FILE]
