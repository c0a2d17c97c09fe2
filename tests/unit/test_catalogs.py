"""The catalogs: complete, as `make messages` writes them, and a briefing with no English left."""

from __future__ import annotations

import shutil
from pathlib import Path

from wud_briefings.core.language import LOCALE_DIR, catalog_path
from wud_briefings.dev.messages import catalog_files, catalog_problems


def test_every_published_language_is_complete():
    assert catalog_problems() == []


def sabotage(tmp_path: Path, old: str, new: str) -> list[str]:
    """The problems found in a copy of the catalogs with one Russian translation changed."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    po = copy / "ru" / "LC_MESSAGES" / "wud_briefings.po"
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return catalog_problems(copy)


def test_the_check_finds_a_missing_translation(tmp_path):
    found = sabotage(tmp_path, 'msgstr "Регион"', 'msgstr ""')
    assert found == ["ru/LC_MESSAGES/wud_briefings.po: 'Region': not translated"]


def test_the_check_finds_a_fuzzy_translation(tmp_path):
    found = sabotage(tmp_path, 'msgid "Region"\n', '#, fuzzy\nmsgid "Region"\n')
    assert found == ["ru/LC_MESSAGES/wud_briefings.po: 'Region': fuzzy"]


def test_the_check_finds_a_placeholder_that_differs(tmp_path):
    found = sabotage(tmp_path, 'msgstr "{rank}-е место"', 'msgstr "{ранг}-е место"')
    assert len(found) == 1 and "'Rank {rank}': placeholders ['ранг'], not ['rank']" in found[0]


def test_the_committed_catalogs_are_what_make_messages_writes():
    files = catalog_files()
    assert sorted(p.relative_to(LOCALE_DIR).as_posix() for p in files) == [
        "es/LC_MESSAGES/notebooks.po",
        "es/LC_MESSAGES/wud_briefings.po",
        "ru/LC_MESSAGES/notebooks.po",
        "ru/LC_MESSAGES/wud_briefings.po",
    ]
    for path, content in files.items():
        assert path.read_bytes() == content, f"{path}: run make messages"


def test_the_headers_say_who_drafted_them_and_give_the_plural_forms():
    for code, forms in (("es", "nplurals=2; plural=(n != 1);"), ("ru", "nplurals=3;")):
        text = catalog_path(code, "wud_briefings").read_text(encoding="utf-8")
        assert "awaiting review by the\n# translators of WHRIN" in text
        assert f"Plural-Forms: {forms}" in text
        assert "Last-Translator: wud-briefings project (draft)" in text


def test_the_check_finds_a_figure_the_translation_drops(tmp_path):
    found = sabotage(
        tmp_path, 'msgstr "На 1-м месте: {named}."', 'msgstr "На первом месте: {named}."'
    )
    assert len(found) == 1 and "'At rank 1, {named}.': numbers [], not ['1']" in found[0]


def test_the_check_finds_a_placeholder_printed_fewer_times_than_in_the_english(tmp_path):
    """ "fewer than {k} answered no, or fewer than {k} …": the threshold printed once in a
    translation is a number the page drops."""
    found = sabotage(
        tmp_path,
        "ответили «нет» или менее {k} предпочли не отвечать",
        "ответили «нет» или предпочли не отвечать",
    )
    assert len(found) == 1 and "placeholders ['k'] fewer times than in the English" in found[0]
