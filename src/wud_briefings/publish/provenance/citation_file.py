"""``CITATION.cff``: how to cite the compendium, from the publication file.

GitHub, Zenodo and reference managers read ``CITATION.cff`` (Citation File
Format 1.2.0). Its authors, licence, date and contact are the publication
file's (:mod:`wud_briefings.core.publication`), so the repository, the
briefings' colophons and the RO-Crate never disagree; ``wud-briefings citation``
writes it, and a test checks the committed file is what it writes and that
``cffconvert --validate`` accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from wud_briefings import __version__
from wud_briefings.core.language import SOURCE_LANGUAGE, using
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.core.publication import Author, Publication, load_publication

CITATION_FILE = "CITATION.cff"
HEADER = (
    "# Written by `wud-briefings citation` from notebooks/publication/publication.yaml:\n"
    "# edit that file, then run `make citation`.\n"
)


def _author(author: Author) -> dict[str, str]:
    if author.organisation:
        return {"name": author.organisation}
    person = {"given-names": author.given, "family-names": author.family}
    return person | ({"orcid": author.orcid} if author.orcid else {})


def citation_metadata(publication: Publication) -> dict[str, Any]:
    """The Citation File Format fields, in the order the format's guide lists them."""
    with using(SOURCE_LANGUAGE):
        title = str(publication.series)
    contact: dict[str, str] = {"name": publication.publisher}
    if publication.contact.startswith(("http://", "https://")):
        contact["website"] = publication.contact
    return {
        "cff-version": "1.2.0",
        "message": "If you use these briefings or this compendium, please cite them as below.",
        "type": "dataset",
        "title": f"{title}: regional briefings and their reproducible compendium",
        "authors": [_author(a) for a in publication.authors],
        "contact": [contact],
        "date-released": publication.date_published.isoformat(),
        "version": __version__,
        "license": publication.licence.spdx,
        "keywords": [
            "harm reduction",
            "women who use drugs",
            "survey",
            "reproducible research",
        ],
    }


def citation_text(paths: ProjectPaths | None = None) -> str:
    """``CITATION.cff`` as ``wud-briefings citation`` writes it."""
    metadata = citation_metadata(load_publication(paths))
    body = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + body


def write_citation(paths: ProjectPaths | None = None) -> Path:
    paths = paths or ProjectPaths()
    target = paths.root / CITATION_FILE
    target.write_text(citation_text(paths), encoding="utf-8")
    return target
