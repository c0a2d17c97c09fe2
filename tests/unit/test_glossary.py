"""The termbase holds: no catalog, codebook label, country name or researchers' text of a
language uses a word its glossary says to avoid, and the glossary's country names are
the ones a briefing prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml
from babel.messages.pofile import read_po

from wud_briefings.core import glossary
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE, catalog_path, using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.survey.countries import every_name, short_name
from wud_briefings.survey.regions import load_regions

PATHS = ProjectPaths()
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def labels(node: object, language: str) -> Iterator[str]:
    """Every label the codebook gives in ``language``, however deep."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == language:
                yield from [value] if isinstance(value, str) else value
            else:
                yield from labels(value, language)
    elif isinstance(node, list):
        for item in node:
            yield from labels(item, language)


def texts(language: str) -> dict[str, str]:
    """What a reader of ``language`` reads, by where it comes from."""
    found = {}
    for domain in ("wud_briefings", "notebooks"):
        with catalog_path(language, domain).open("rb") as handle:
            for message in read_po(handle, locale=language):
                strings = message.string if isinstance(message.string, tuple) else [message.string]
                for number, string in enumerate(strings):
                    found[f"{domain}.po {message.id!r} [{number}]"] = string
    codebook = yaml.safe_load(PATHS.codebook.read_text(encoding="utf-8"))
    for number, label in enumerate(labels(codebook, language)):
        found[f"codebook label {number}"] = label
    regions = load_regions(PATHS).values()
    for iso3 in sorted({c for r in regions for c in r.countries}):
        found[f"country {iso3}"] = short_name(iso3, language)
    for folder in (PATHS.notebooks / "commentary", PATHS.notebooks / "publication"):
        for path in sorted(Path(folder).glob(f"*.{language}.md")):
            found[str(path.relative_to(PATHS.root))] = path.read_text(encoding="utf-8")
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_text_a_reader_sees_uses_a_word_the_glossary_says_to_avoid(language):
    terms = [t for t in glossary.terms() if t.language == language]
    read = texts(language)
    assert len(read) > 300  # the catalogs, the codebook, the countries and the texts were read
    found = {
        where: [t.avoid for t in terms if t.found_in(text)]
        for where, text in read.items()
        if any(t.found_in(text) for t in terms)
    }
    assert found == {}


def test_the_glossary_names_countries_as_the_field_writes_them():
    assert short_name("KGZ", "ru") == "Кыргызстан"  # CLDR says «Киргизия»
    assert short_name("KGZ", "es") == "Kirguistán"  # no glossary entry: CLDR's
    assert "Кыргызстан" in every_name("KGZ")  # and the privacy checks know the name
    with using("ru"):
        assert short_name("KGZ") == "Кыргызстан"
    for term in glossary.terms():
        if term.iso3:
            assert short_name(term.iso3, term.language) == term.use


def test_a_term_to_avoid_is_found_at_a_word_s_start_in_any_case():
    (rank,) = [t for t in glossary.terms() if t.avoid == "ранг"]
    assert rank.found_in("Регион (респонденты, давшие первый ранг)")
    assert rank.found_in("Ранг 1")
    assert not rank.found_in("На просьбу ранжировать три главные проблемы")
    assert not rank.found_in("диапазон")  # not inside a word
    every = [t for t in glossary.terms()]
    assert {t.language for t in every} <= set(TRANSLATED) and all(t.note for t in every)


def test_every_spanish_issue_and_service_type_reads_in_a_sentence_with_its_article(codebook):
    """Spanish running text names a thing with its article ("señalaron la criminalización");
    a label the codebook gains or renames without a sentence form fails here."""
    from wud_briefings.analysis.display import narrative

    with using("es"):
        issues = list(codebook.question("barrier_rank").option_labels().values())
        services = list(codebook.service_type_labels().values())
        forms = {label: glossary.in_sentence(label) for label in issues + services}
        assert [label for label, form in forms.items() if not form] == []
        articles = ("el ", "la ", "los ", "las ", "otro ")
        assert [form for form in forms.values() if not form.startswith(articles)] == []
        counts = pd.DataFrame({1: [7, 4], 2: [3, 3], 3: [1, 1]}, index=issues[1:3])
        sentence = narrative.barriers_text(counts, 13)
    assert "señalaron la criminalización del uso de drogas" in sentence
    assert "4 de 13 (31\xa0%) la violencia de género" in sentence  # the verb said once
    with using("es"):  # and agreeing with its count
        alone = narrative.barriers_text(
            pd.DataFrame({1: [1], 2: [0], 3: [0]}, index=issues[1:2]), 13
        )
    assert "1 de 13 (8\xa0%) señaló la criminalización" in alone
    with using("en"):  # English reads its labels as they are, lower-cased
        assert glossary.in_sentence("Gender-based violence") is None
