"""The catalogs: complete, as `make messages` writes them, and a briefing with no English left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import copy_project
from wud_briefings.core.language import LOCALE_DIR, catalog_path
from wud_briefings.core.paths import ROOT_VARIABLE
from wud_briefings.dev.messages import catalog_files, catalog_problems
from wud_briefings.process.region import process_region


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
    found = sabotage(tmp_path, 'msgstr "Место {rank}"', 'msgstr "Место {ранг}"')
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


def english_sentences() -> list[str]:
    """Every English msgid of the catalogs that reads as a sentence or a phrase of words."""
    found = set()
    for domain in ("wud_briefings", "notebooks"):
        with catalog_path("ru", domain).open("rb") as po:
            for message in read_po(po):
                for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
                    # the words around the placeholders and markup, of three words or more
                    for part in re.split(r"\{\w*\}|\*\*|<[^>]+>", msgid):
                        if len(part.split()) >= 3:
                            found.add(part.strip(" .,:;()"))
    return sorted(found)


def visible_text(page: str) -> list[str]:
    """Text a reader sees, less quotes and the services respondents named (theirs, verbatim)."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["script", "style", "head", "title", "blockquote"]):
        hidden.decompose()
    for quoted in soup.select(".quote, ul"):  # named services are lists of excerpts
        quoted.decompose()
    return [t.strip() for t in soup.find_all(string=True) if t.strip()]


def numbers(page: str) -> list[str]:
    text = " ".join(visible_text(page)).replace("\xa0", "").replace("\u202f", "")
    return re.findall(r"\d+", text)


@pytest.fixture(scope="module")
def translated_pages(tmp_path_factory, codebook, regions, suites):
    """The EECA briefing in Russian and the Latin America one in Spanish, each beside its
    English version, run through run_notebook and render_html in a project copy."""
    from wud_briefings.publish.briefing import Briefing, html_exporter, render_html, run_notebook
    from wud_briefings.publish.execute import WarmKernel

    paths = copy_project(tmp_path_factory.mktemp("languages") / "project")
    pages = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ROOT_VARIABLE, str(paths.root))
        kernel = WarmKernel()
        try:
            for region, code in (("eeca", "ru"), ("latin-america", "es")):
                assert process_region(regions[region], codebook, suites, paths).is_valid
                for lang in ("en", code):
                    parameters = {
                        "region": region,
                        "k": 3,
                        "code_version": "0.1.0",
                        "build_date": "2020-01-01",
                    }
                    briefing = Briefing(
                        paths.notebooks / "briefing.ipynb",
                        parameters,
                        region,
                        region,
                        True,
                        language=lang,
                    )
                    run = run_notebook(
                        briefing, kernel, paths.root / f"{region}-{lang}.ipynb", 300, paths.root
                    )
                    assert run.error is None, run.error
                    pages[region, lang] = render_html(run.notebook, html_exporter())
        finally:
            kernel.shutdown()
    return pages


@pytest.mark.slow
@pytest.mark.parametrize(("region", "code"), [("eeca", "ru"), ("latin-america", "es")])
def test_a_translated_briefing_has_no_english_sentence_left(translated_pages, region, code):
    english = english_sentences()
    page = translated_pages[region, code]
    left = [
        (text, sentence) for text in visible_text(page) for sentence in english if sentence in text
    ]
    assert left == []
    assert numbers(page) == numbers(translated_pages[region, "en"])


def test_the_check_finds_a_figure_the_translation_drops(tmp_path):
    found = sabotage(
        tmp_path, 'msgstr "На 1-м месте: {named}."', 'msgstr "На первом месте: {named}."'
    )
    assert len(found) == 1 and "'At rank 1, {named}.': numbers [], not ['1']" in found[0]
