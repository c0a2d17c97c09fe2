"""What a briefing published: each language edition's files, and the files they share.

The manifest names each file by kind and language, ``html`` for the English
edition and ``html-ru`` for the Russian one (see :func:`edition_kind`); that name
is written and read here only. Everything else reads these records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields

from wud_briefings.core.editions import edition_kind
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE


@dataclass(frozen=True)
class EditionFiles:
    """One language edition of a briefing, relative to outputs/: its page, its PDF and the
    executed notebook both were rendered from."""

    html: str
    pdf: str
    notebook: str

    def file(self, kind: str) -> str:
        """The file of one kind: ``"html"``, ``"pdf"`` or ``"notebook"``."""
        return str(getattr(self, kind))

    def named(self) -> Iterator[tuple[str, str]]:
        """``(kind, file)`` in the order a reader meets them: page, PDF, notebook."""
        for kind in EDITION_KINDS:
            yield kind, self.file(kind)


EDITION_KINDS = tuple(f.name for f in fields(EditionFiles))


@dataclass(frozen=True)
class Outputs:
    """A briefing's published files: its editions by language, and the files every edition
    shares by kind (a region's disclosure record; the global briefing's services directory)."""

    editions: dict[str, EditionFiles] = field(default_factory=dict)
    shared: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.editions or self.shared)

    def languages(self) -> list[str]:
        """The editions' languages, the source language first."""
        return sorted(self.editions, key=lambda language: (language != SOURCE_LANGUAGE, language))

    def files(self) -> list[str]:
        """Every published file, each edition's in turn, then the shared ones."""
        named = [f for language in self.languages() for _, f in self.editions[language].named()]
        return named + list(self.shared.values())

    def kept(self, exists: Callable[[str], bool]) -> Outputs:
        """Only the editions whose every file ``exists``, and the shared files that do."""
        return Outputs(
            {
                language: files
                for language, files in self.editions.items()
                if all(exists(f) for _, f in files.named())
            },
            {kind: f for kind, f in self.shared.items() if exists(f)},
        )

    def to_json(self) -> dict[str, str]:
        """The manifest's record: ``{"html": …, "html-ru": …, "disclosure": …}``."""
        data = {
            edition_kind(kind, language): f
            for language in self.languages()
            for kind, f in self.editions[language].named()
        }
        return data | self.shared

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Outputs:
        """The record as the manifest holds it (which names whole editions only: an edition
        missing a file is not read as published)."""
        by_language: dict[str, dict[str, str]] = {}
        shared = {}
        for name, f in data.items():
            kind, language = _kind_and_language(name)
            if kind in EDITION_KINDS:
                by_language.setdefault(language, {})[kind] = f
            else:
                shared[name] = f
        editions = {
            language: EditionFiles(**files)
            for language, files in by_language.items()
            if set(files) == set(EDITION_KINDS)
        }
        return cls(editions, shared)


def _kind_and_language(name: str) -> tuple[str, str]:
    """``("html", "ru")`` from ``html-ru``; ``("html", "en")`` from ``html``."""
    kind, _, language = name.rpartition("-")
    if kind and language in LANGUAGES:
        return kind, language
    return name, SOURCE_LANGUAGE
