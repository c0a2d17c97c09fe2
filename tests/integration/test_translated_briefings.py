"""Built briefings in Spanish and Russian: no English sentence left on their pages."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from support.pages import numbers, visible_text
from support.project import selected_region_ids
from wud_briefings.core.language import catalog_path


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


@pytest.fixture(scope="module")
def translated_pages(built_project):
    """The EECA briefing's editions (Russian, English) and Latin America's (Spanish,
    English), as the build published them."""
    paths, _, _ = built_project
    pages = {}
    for region, code in (("eeca", "ru"), ("latin-america", "es")):
        if region not in selected_region_ids():
            continue
        folder = paths.outputs / region
        pages[region, "en"] = (folder / "briefing.html").read_text(encoding="utf-8")
        pages[region, code] = (folder / f"briefing.{code}.html").read_text(encoding="utf-8")
    return pages


@pytest.mark.parametrize(("region", "code"), [("eeca", "ru"), ("latin-america", "es")])
def test_a_translated_briefing_has_no_english_sentence_left(translated_pages, region, code):
    if (region, code) not in translated_pages:
        pytest.skip(f"{region} is not among the regions under test")
    english = english_sentences()
    page = translated_pages[region, code]
    left = [
        (text, sentence) for text in visible_text(page) for sentence in english if sentence in text
    ]
    assert left == []
    assert numbers(page) == numbers(translated_pages[region, "en"])
