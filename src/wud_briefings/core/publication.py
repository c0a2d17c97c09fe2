"""Who publishes the briefings and how they are cited: ``notebooks/publication/publication.yaml``.

One file feeds every place a reader or a catalogue meets the publication: the
cover and colophon of each briefing, the index's suggested citations,
``CITATION.cff`` and the RO-Crate. Text a reader sees is given per language
(English required), as the regions' names are.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wud_briefings.core.language import N_, SOURCE_LANGUAGE, current
from wud_briefings.core.paths import ProjectPaths

ORCID = re.compile(r"^https://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


@dataclass(frozen=True)
class Licence:
    """A licence by its SPDX identifier, with the name and address a reader follows (the
    name in English; a page prints it in its language, as Creative Commons names it)."""

    spdx: str
    name: str
    url: str
    short: str  # as Creative Commons writes it in running text: "CC BY 4.0"


# The licences a briefing may be published under (add one with its SPDX name and URL).
LICENCES = {
    "CC-BY-4.0": Licence(
        "CC-BY-4.0",
        N_("Creative Commons Attribution 4.0 International"),
        "https://creativecommons.org/licenses/by/4.0/",
        "CC BY 4.0",
    ),
    "CC-BY-SA-4.0": Licence(
        "CC-BY-SA-4.0",
        N_("Creative Commons Attribution-ShareAlike 4.0 International"),
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "CC BY-SA 4.0",
    ),
    "CC-BY-NC-4.0": Licence(
        "CC-BY-NC-4.0",
        N_("Creative Commons Attribution-NonCommercial 4.0 International"),
        "https://creativecommons.org/licenses/by-nc/4.0/",
        "CC BY-NC 4.0",
    ),
}


@dataclass(frozen=True)
class Author:
    """An organisation (``organisation``) or a person (``given`` and ``family``)."""

    organisation: str = ""
    given: str = ""
    family: str = ""
    orcid: str = ""
    role: str = ""  # a contributor's part in the work

    @property
    def name(self) -> str:
        return self.organisation or f"{self.given} {self.family}"


@dataclass(frozen=True)
class Translated:
    """A text a reader sees, per language; in English where it has no translation."""

    texts: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        texts = dict(self.texts)
        return texts.get(current(), texts[SOURCE_LANGUAGE])


@dataclass(frozen=True)
class Publication:
    series: Translated
    publisher: str
    publisher_url: str
    authors: tuple[Author, ...]
    contributors: tuple[Author, ...]
    date_published: datetime.date
    licence: Licence
    contact: str
    acknowledgements: Translated
    funding: tuple[str, ...]


class PublicationError(ValueError):
    """The publication file is incomplete or wrong: which file, which field, why."""

    def __init__(self, path: str, field: str, reason: str) -> None:
        super().__init__(f"{path}, {field}: {reason}")


def _translated(raw: Any, shown: str, field: str) -> Translated:
    if not isinstance(raw, dict) or not str(raw.get(SOURCE_LANGUAGE, "")).strip():
        raise PublicationError(shown, field, "give the text per language, English (en) required")
    return Translated(tuple((str(k), " ".join(str(v).split())) for k, v in raw.items()))


def _author(raw: Any, shown: str, field: str, *, needs_role: bool = False) -> Author:
    if not isinstance(raw, dict):
        raise PublicationError(
            shown, field, "an author is `organisation:` or `given:` and `family:`"
        )
    author = Author(**{k: str(v) for k, v in raw.items() if k in Author.__dataclass_fields__})
    unknown = set(raw) - set(Author.__dataclass_fields__)
    if unknown:
        raise PublicationError(shown, field, f"unknown key {sorted(unknown)[0]!r}")
    if not author.organisation and not (author.given and author.family):
        raise PublicationError(
            shown, field, "an author is `organisation:` or `given:` and `family:`"
        )
    if author.orcid and not ORCID.match(author.orcid):
        raise PublicationError(shown, field, "an ORCID is https://orcid.org/0000-0000-0000-0000")
    if needs_role and not author.role:
        raise PublicationError(shown, field, "a contributor needs a `role`")
    return author


def parse_publication(raw: Any, shown: str) -> Publication:
    """The publication described by a parsed YAML mapping; errors name the field."""
    if not isinstance(raw, dict):
        raise PublicationError(shown, "(top level)", "a mapping of fields is expected")
    for field in ("series", "publisher", "authors", "date_published", "licence", "contact"):
        if not raw.get(field):
            raise PublicationError(shown, field, "missing")
    publisher = raw["publisher"]
    if not isinstance(publisher, dict) or not publisher.get("name"):
        raise PublicationError(shown, "publisher", "give its `name` (and `url`)")
    licence = LICENCES.get(str(raw["licence"]))
    if licence is None:
        raise PublicationError(
            shown, "licence", f"{raw['licence']!r} is not one of {', '.join(LICENCES)}"
        )
    try:
        published = datetime.date.fromisoformat(str(raw["date_published"]))
    except ValueError:
        raise PublicationError(shown, "date_published", "a date is YYYY-MM-DD") from None
    return Publication(
        series=_translated(raw["series"], shown, "series"),
        publisher=str(publisher["name"]),
        publisher_url=str(publisher.get("url", "")),
        authors=tuple(_author(a, shown, f"authors[{i}]") for i, a in enumerate(raw["authors"])),
        contributors=tuple(
            _author(a, shown, f"contributors[{i}]", needs_role=True)
            for i, a in enumerate(raw.get("contributors") or [])
        ),
        date_published=published,
        licence=licence,
        contact=str(raw["contact"]),
        acknowledgements=(
            _translated(raw["acknowledgements"], shown, "acknowledgements")
            if raw.get("acknowledgements")
            else Translated(((SOURCE_LANGUAGE, ""),))
        ),
        funding=tuple(str(f) for f in raw.get("funding") or []),
    )


def load_publication(paths: ProjectPaths | None = None) -> Publication:
    """The project's publication metadata."""
    paths = paths or ProjectPaths()
    path: Path = paths.publication_file
    shown = paths.shown(path)
    if not path.exists():
        raise PublicationError(shown, "(file)", "missing: the briefings need their publisher")
    return parse_publication(yaml.safe_load(path.read_text(encoding="utf-8")), shown)
