"""A translation is reviewed when a person says so, in a form the translators' tools keep:
a translator comment with a fingerprint of what was reviewed. Run on copies of the
catalogs: the package's own are never changed here."""

from __future__ import annotations

import datetime
import shutil

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from wud_briefings.cli import app
from wud_briefings.core.language import DOMAINS, LOCALE_DIR, catalog_bytes, catalog_path
from wud_briefings.core.translation_review import record_review, review_of, review_state
from wud_briefings.dev.messages import catalog_problems, templates, updated

DAY = datetime.date(2026, 12, 5)


@pytest.fixture
def locale(tmp_path):
    folder = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, folder)
    return folder


def edit(locale, language: str, change) -> None:
    path = catalog_path(language, "wud_briefings", locale)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    change(catalog)
    path.write_bytes(catalog_bytes(catalog))


def test_nothing_is_reviewed_until_a_person_says_so(locale):
    state = review_state("ru", locale)
    assert state.entries > 250 and state.reviewed == 0 and not state.complete


def test_a_recorded_review_covers_every_entry_and_survives_make_messages(locale):
    marked = record_review("ru", "Ana Pérez", DAY, locale)
    state = review_state("ru", locale)
    assert marked == state.entries == state.reviewed and state.complete
    assert state.reviewers == (("Ana Pérez", state.entries, "2026-12-05"),)
    assert review_state("es", locale).reviewed == 0  # one language at a time
    path = catalog_path("ru", "wud_briefings", locale)
    assert "# reviewed-by: Ana Pérez, 2026-12-05, " in path.read_text(encoding="utf-8")
    assert catalog_problems(locale) == []  # still a publishable catalog
    for domain, template in templates().items():  # make messages keeps the comments
        refreshed = catalog_path("ru", domain, locale)
        assert updated(refreshed, "ru", template) == refreshed.read_bytes()
    assert record_review("ru", "Ana Pérez", DAY, locale) == 0  # nothing left to review


def test_an_entry_changed_after_its_review_is_no_longer_reviewed(locale):
    record_review("ru", "Ana Pérez", DAY, locale)
    key = "Translation"

    def retranslate(catalog):
        catalog[key].string = "Перевод (новый)"

    edit(locale, "ru", retranslate)
    state = review_state("ru", locale)
    assert (state.reviewed, state.changed, state.complete) == (state.entries - 1, 1, False)
    with catalog_path("ru", "wud_briefings", locale).open("rb") as handle:
        review = review_of(read_po(handle)[key])
    assert review is not None and not review.current
    assert record_review("ru", "Ivan Petrov", DAY, locale) == 1  # only that entry again
    state = review_state("ru", locale)
    assert state.complete
    assert dict((by, n) for by, n, _ in state.reviewers) == {
        "Ana Pérez": state.entries - 1,
        "Ivan Petrov": 1,
    }


def test_a_review_needs_a_name(locale):
    for name in ("", "  ", "Pérez, Ana"):
        with pytest.raises(ValueError, match="say who reviewed"):
            record_review("ru", name, DAY, locale)
    assert all(
        "reviewed-by" not in catalog_path("ru", d, locale).read_text(encoding="utf-8")
        for d in DOMAINS
    )


def test_the_command_reports_each_language_s_review():
    result = CliRunner().invoke(app, ["translations"])
    assert result.exit_code == 0, result.output
    for language in ("es", "ru"):
        state = review_state(language)
        assert f"{language}: {state.reviewed} of {state.entries} entries reviewed" in (
            result.output
        )
