"""The language a briefing is written in: plural forms, CLDR formats, notebook paragraphs."""

from __future__ import annotations

import nbformat
import pytest

from wud_briefings.analysis.disclosure.policy import count_and_share
from wud_briefings.analysis.display import narrative
from wud_briefings.core import language
from wud_briefings.core.paths import PROJECT_ROOT


def test_russian_counts_take_the_three_plural_forms():
    with language.using("ru"):
        said = [narrative.respondents(n) for n in (1, 2, 5, 11, 21)]
    assert said == [
        "1 респондент",
        "2 респондента",
        "5 респондентов",
        "11 респондентов",
        "21 респондент",
    ]


def test_spanish_counts_take_two_forms():
    with language.using("es"):
        assert narrative.countries(1) == "1 país"
        assert narrative.countries(7) == "7 países"


@pytest.mark.parametrize(
    ("code", "listed", "share"),
    [
        ("en", "A, B and C", "13 of 17 (76%)"),
        ("es", "A, B y C", "13 de 17 (76\xa0%)"),
        ("ru", "A, B и C", "13 из 17 (76\xa0%)"),
    ],
)
def test_lists_and_percentages_follow_the_language(code, listed, share):
    with language.using(code):
        assert language.and_list(["A", "B", "C"]) == listed
        assert count_and_share(13, 17) == share


def test_using_goes_back_to_the_language_before_it():
    with language.using("ru"):
        assert language.current() == "ru"
    assert language.current() == "en"
    with pytest.raises(language.UnknownLanguage):
        language.use("fr")


def briefing_cell(heading: str) -> str:
    notebook = nbformat.read(PROJECT_ROOT / "notebooks" / "briefing.ipynb", as_version=4)
    return next(c.source for c in notebook.cells if c.source.startswith(heading))


def test_a_markdown_cell_is_translated_paragraph_by_paragraph():
    source = briefing_cell("## Key barriers to access")
    assert language.markdown_messages(source)[0] == "Key barriers to access"
    with language.using("es"):
        spanish = language.translated_markdown(source)
    heading, paragraph = spanish.split("\n\n")
    assert heading == "## Principales barreras de acceso"
    assert paragraph.startswith("Las personas encuestadas ordenaron por importancia")
    assert "(1 = el más importante)" in paragraph
    with language.using("ru"):
        assert language.translated_markdown(source).startswith("## Основные барьеры доступа\n\n")
    assert language.translated_markdown(source) == source  # English: as written


def test_html_comments_stay_as_they_are_and_out_of_the_catalogs():
    source = briefing_cell("<!--")
    assert language.markdown_messages(source) == []
    with language.using("ru"):
        assert language.translated_markdown(source) == source
    mixed = "<!-- a note -->\n## Limitations\n\nSome text."
    with language.using("es"):
        assert language.translated_markdown(mixed) == (
            "<!-- a note -->\n## Limitaciones\n\nSome text."  # not in the catalog: as written
        )
