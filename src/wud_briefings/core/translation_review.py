"""Which translations a person has reviewed, kept where translators keep their work.

A review is a translator comment on the catalog entry::

    # reviewed-by: Ana Pérez, 2026-12-05, 3f2a9c1b

Poedit and Weblate both keep translator comments (``#`` lines) through edits and
round trips, as do ``msgmerge`` and ``make messages``; neither tool has a review
state of its own that survives in a ``.po`` file (Weblate's "approved" lives in
its database). The last field is a fingerprint of the English and the
translation as reviewed: change either, and the entry is no longer reviewed.
``wud-briefings translations`` reports each language's state and records a
person's review; an edition can be signed off only when its language's catalogs
are reviewed in full (:mod:`wud_briefings.publish.provenance.sign_off`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from wud_briefings.core.atomic import write_bytes_atomic
from wud_briefings.core.language import (
    DOMAINS,
    LOCALE_DIR,
    catalog_bytes,
    catalog_path,
    message_texts,
)

_REVIEWED = re.compile(
    r"^reviewed-by: (?P<by>[^,]+), (?P<day>\d{4}-\d{2}-\d{2}), (?P<fingerprint>[0-9a-f]{8})$"
)


def fingerprint(message: Message) -> str:
    """Eight hex digits of the SHA-256 of an entry's English and translation."""
    ids, strings = message_texts(message)
    text = "\0".join(ids) + "\1" + "\0".join(strings)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Review:
    """Who reviewed an entry and when, and whether the entry is still as they saw it."""

    by: str
    day: str
    current: bool


def review_of(message: Message) -> Review | None:
    for comment in message.user_comments:
        found = _REVIEWED.match(comment.strip())
        if found:
            return Review(found["by"], found["day"], found["fingerprint"] == fingerprint(message))
    return None


@dataclass(frozen=True)
class CatalogReview:
    """A language's catalogs: how many entries, how many a person reviewed as they are
    now, how many changed since their review, and who reviewed (entries, last day)."""

    language: str
    entries: int
    reviewed: int
    changed: int
    reviewers: tuple[tuple[str, int, str], ...]

    @property
    def complete(self) -> bool:
        return self.entries > 0 and self.reviewed == self.entries


def _entries(language: str, locale_dir: Path) -> list[Message]:
    """Every entry of the language's catalogs (their headers aside)."""
    found = []
    for domain in DOMAINS:
        with catalog_path(language, domain, locale_dir).open("rb") as handle:
            found += [m for m in read_po(handle, locale=language) if m.id]
    return found


def review_state(language: str, locale_dir: Path = LOCALE_DIR) -> CatalogReview:
    reviews = [review_of(m) for m in _entries(language, locale_dir)]
    current = [r for r in reviews if r is not None and r.current]
    counts = Counter(r.by for r in current)
    last = {by: max(r.day for r in current if r.by == by) for by in counts}
    return CatalogReview(
        language,
        len(reviews),
        len(current),
        sum(1 for r in reviews if r is not None and not r.current),
        tuple((by, n, last[by]) for by, n in sorted(counts.items())),
    )


def record_review(language: str, by: str, day: date, locale_dir: Path = LOCALE_DIR) -> int:
    """Mark every translated entry of ``language`` that has no current review as reviewed
    by ``by`` on ``day`` (a person who has read them in their tool); returns how many."""
    if not by.strip() or "," in by:
        raise ValueError("say who reviewed, as a name without commas (--by NAME)")
    marked = 0
    for path in (catalog_path(language, d, locale_dir) for d in DOMAINS):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            review = review_of(message)
            if not message.id or message.fuzzy or not all(strings) or (review and review.current):
                continue
            message.user_comments = [
                c for c in message.user_comments if not _REVIEWED.match(c.strip())
            ] + [f"reviewed-by: {by.strip()}, {day.isoformat()}, {fingerprint(message)}"]
            marked += 1
        write_bytes_atomic(path, catalog_bytes(catalog))
    return marked
