"""The publication file, and the cover and colophon made from it.

One file (``notebooks/publication/publication.yaml``) says who publishes the
briefings and how they are cited; the cover shows who and when, never how the
briefing was built, and the colophon holds the citation, the licence and the
provenance.
"""

from __future__ import annotations

import datetime

import pytest
import yaml
from bs4 import BeautifulSoup

from support.project import REPO
from support.tiny import synthetic_provenance
from wud_briefings.analysis import report_parts as parts
from wud_briefings.core.language import LANGUAGES, long_date, using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.core.publication import PublicationError, load_publication, parse_publication
from wud_briefings.survey.regions import load_regions

SHIPPED = yaml.safe_load((REPO.publication_file).read_text(encoding="utf-8"))
MACHINERY = ("SHA-256", "wud-briefings", "data/raw", "Great Expectations", "solver")


def text(html: str) -> str:
    """What a reader reads, blanks (CLDR's narrow no-break spaces too) made one space."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_the_shipped_file_names_publisher_authors_licence_and_date():
    publication = load_publication(ProjectPaths(REPO.root))
    assert publication.publisher.startswith("Women and Harm Reduction International Network")
    assert [a.name for a in publication.authors] == [publication.publisher]
    assert publication.licence.spdx == "CC-BY-4.0"
    assert isinstance(publication.date_published, datetime.date)
    for language in LANGUAGES:
        with using(language):
            assert str(publication.series) == SHIPPED["series"][language]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"publisher": None}, "publisher"),
        ({"licence": "CC-BY-4"}, "licence"),
        ({"date_published": "5 December 2026"}, "date_published"),
        ({"authors": [{"given": "Olga"}]}, "authors[0]"),
        ({"authors": [{"given": "O", "family": "K", "orcid": "0000-0002"}]}, "authors[0]"),
        ({"contributors": [{"given": "O", "family": "K"}]}, "contributors[0]"),
        ({"series": {"es": "Sólo en español"}}, "series"),
    ],
)
def test_a_wrong_field_is_refused_naming_the_file_and_the_field(change, field):
    with pytest.raises(PublicationError) as raised:
        parse_publication(SHIPPED | change, "notebooks/publication/publication.yaml")
    assert str(raised.value).startswith(f"notebooks/publication/publication.yaml, {field}:")


def test_dates_are_written_as_each_language_writes_them():
    day = datetime.date(2026, 12, 5)
    written = {}
    for language in LANGUAGES:
        with using(language):
            written[language] = long_date(day)
    assert written == {
        "en": "5 December 2026",
        "es": "5 de diciembre de 2026",
        "ru": "5 декабря 2026\u202fг.",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cover_names_who_published_what_and_when_and_nothing_of_the_build(language):
    publication = load_publication(ProjectPaths(REPO.root))
    region = load_regions(ProjectPaths(REPO.root))["asia"]
    with using(language):
        cover = text(parts.regional_cover(region, synthetic_provenance()).data)
        date = " ".join(long_date(publication.date_published).split())
        name = region.name
    assert publication.publisher in cover and date in cover and name in cover
    assert not [word for word in MACHINERY if word in cover]


def test_the_colophon_gives_the_citation_the_licence_and_the_provenance():
    publication = load_publication(ProjectPaths(REPO.root))
    inputs = {"data/raw/synthetic/asia.csv": "ab" * 32}
    with using("ru"):
        colophon = text(
            parts.colophon("Азия: услуги", inputs, "Проверки: **22**.", "0.1.0", "2026-12-01").data
        )
    year = publication.date_published.year
    assert f"{publication.publisher} ({year}) Азия: услуги." in colophon  # the citation
    assert publication.licence.url in colophon  # and the licence's name as CC gives it in Russian
    assert "Creative Commons «С указанием авторства 4.0 Всемирная»" in colophon
    assert publication.licence.name not in colophon
    assert "SHA-256 abababababab…" in colophon and "1 декабря 2026 г." in colophon
    assert "Проверки: 22." in colophon
