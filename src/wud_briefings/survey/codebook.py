"""The questionnaire as data: questions, choices, ranking options and codes.

Headers and answers are matched on a normalised form (no HTML tags, no
non-breaking or repeated blanks, case-folded), in every language the codebook
lists, so that exports with cosmetic differences or in another language map
onto the same variables. What a briefing shows of the codebook (choices,
ranking options, service types, themes) is given in the language it is written
in (:func:`wud_briefings.core.language.current`), or in English.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from wud_briefings.core.language import SOURCE_LANGUAGE, current

# libyaml's safe loader (read on every briefing run, 20 times faster) when PyYAML has it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\s+")
_UNNAMED = re.compile(r"^unnamed: \d+(_level_\d+)?$")


def clean_label(text: object) -> str:
    """A header as a person should read it: no HTML tags, odd blanks or pandas fillers."""
    if text is None:
        return ""
    value = html.unescape(_TAG.sub(" ", str(text)))
    value = unicodedata.normalize("NFC", value).replace("\u00a0", " ")
    value = _BLANKS.sub(" ", value).strip()
    return "" if _UNNAMED.match(value.casefold()) else value


def normalise_label(text: object) -> str:
    """The form in which two labels compare equal despite cosmetic differences."""
    return clean_label(text).casefold()


def _shown(by_language: dict[str, list[str]]) -> str:
    """A label's first wording in the language in use, or its English master."""
    return (by_language.get(current()) or by_language[SOURCE_LANGUAGE])[0]


def _in_language(by_language: dict[str, str]) -> str:
    return by_language.get(current(), by_language[SOURCE_LANGUAGE])


def _labels(by_language: dict[str, list[str]], languages: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for language in languages:
        found.update(normalise_label(label) for label in by_language.get(language, []))
    return found


@dataclass(frozen=True)
class Question:
    """One of the seven questions, with its labels in every language."""

    number: int
    variable: str
    kind: str  # country | single_choice | open_ended | ranking
    required: bool
    text: dict[str, list[str]]
    choices: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    options: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    other_column: str | None = None

    @property
    def master_text(self) -> str:
        return self.text["en"][0]

    @property
    def shown_text(self) -> str:
        """The question as a briefing in the language in use prints it."""
        return _shown(self.text)

    def matches(self, header: str, languages: tuple[str, ...]) -> bool:
        return normalise_label(header) in _labels(self.text, languages)

    def choice_code(self, answer: str, languages: tuple[str, ...]) -> str | None:
        """The code of a choice label, or None when the answer is not a choice."""
        return _code_for(self.choices, answer, languages)

    def option_code(self, label: str, languages: tuple[str, ...]) -> str | None:
        return _code_for(self.options, label, languages)

    def master_choice(self, code: str) -> str:
        return self.choices[code]["en"][0]

    def master_option(self, code: str) -> str:
        return self.options[code]["en"][0]

    def choice_labels(self) -> dict[str, str]:
        """Each choice's code and label as a briefing in the language in use shows it."""
        return {code: _shown(labels) for code, labels in self.choices.items()}

    def option_labels(self) -> dict[str, str]:
        """Each ranking option's code and label as a briefing in the language in use shows it."""
        return {code: _shown(labels) for code, labels in self.options.items()}


def _code_for(
    coded: dict[str, dict[str, list[str]]], label: str, languages: tuple[str, ...]
) -> str | None:
    wanted = normalise_label(label)
    for code, by_language in coded.items():
        if wanted in _labels(by_language, languages):
            return code
    return None


@dataclass(frozen=True)
class MetadataColumn:
    """One of SurveyMonkey's leading columns; identifiers are read only to be dropped."""

    variable: str
    is_identifier: bool
    labels: dict[str, list[str]]


@dataclass(frozen=True)
class Codebook:
    """The compendium's codebook, loaded from ``data/raw/codebook.yaml``."""

    metadata_columns: tuple[MetadataColumn, ...]
    subheaders: dict[str, dict[str, list[str]]]
    questions: tuple[Question, ...]
    service_types: dict[str, dict[str, str]]  # code -> language -> label
    themes: dict[str, dict[str, str]]
    coding_questions: dict[str, str]
    country_aliases: dict[str, dict[str, list[str]]]  # language -> ISO alpha-3 -> names

    @classmethod
    def load(cls, path: Path) -> Codebook:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        return cls(
            metadata_columns=tuple(
                MetadataColumn(m["variable"], m["identifier"], m["labels"])
                for m in data["metadata_columns"]
            ),
            subheaders=data["subheaders"],
            questions=tuple(Question(**q) for q in data["questions"]),
            service_types=data["service_types"],
            themes=data["themes"],
            coding_questions=data["coding_questions"],
            country_aliases=data.get("country_aliases", {}),
        )

    def question(self, variable: str) -> Question:
        return next(q for q in self.questions if q.variable == variable)

    @cached_property
    def identifier_variables(self) -> frozenset[str]:
        return frozenset(m.variable for m in self.metadata_columns if m.is_identifier)

    @property
    def codes(self) -> list[str]:
        """Every code a coding sheet may use: service types and themes."""
        return [*self.service_types, *self.themes]

    def service_type_labels(self) -> dict[str, str]:
        """Each service type's code and label in the language in use (English otherwise)."""
        return {code: _in_language(labels) for code, labels in self.service_types.items()}

    def theme_labels(self) -> dict[str, str]:
        """Each theme's code and label in the language in use (English otherwise)."""
        return {code: _in_language(labels) for code, labels in self.themes.items()}

    def country_alias_codes(self, languages: tuple[str, ...]) -> dict[str, str]:
        """Normalised country names in some languages that CLDR lacks, to ISO alpha-3 codes."""
        return {
            normalise_label(name): iso3
            for language in languages
            for iso3, names in self.country_aliases.get(language, {}).items()
            for name in names
        }

    def metadata_variable(self, header: str, languages: tuple[str, ...]) -> str | None:
        wanted = normalise_label(header)
        for column in self.metadata_columns:
            if wanted in _labels(column.labels, languages):
                return column.variable
        return None

    def subheader_kind(self, subheader: str, languages: tuple[str, ...]) -> str | None:
        """Which kind of sub-header this is (response, open_ended, ...), if any."""
        return _code_for(self.subheaders, subheader, languages)
