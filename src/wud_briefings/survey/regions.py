"""The survey's regions, loaded from ``data/raw/regions.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from wud_briefings.core.encryption import AGE_SUFFIX, IDENTITY_VARIABLE, has_identity, is_encrypted
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE, check_language, current
from wud_briefings.core.paths import ProjectPaths

# libyaml's safe loader (read on every briefing run, 20 times faster) when PyYAML has it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Region:
    """One surveyed region, the languages of its survey and briefings, and where its inputs are.

    ``names`` holds the region's name in each language it has one in, English
    first; :attr:`name` is the one in the language in use (English otherwise).
    ``survey_month`` is ``YYYY-MM``, or None when the survey did not state it.
    """

    id: str
    names: tuple[tuple[str, str], ...]
    survey_month: str | None
    survey_language: str
    m49_subregions: tuple[str, ...]
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    extra_countries: tuple[str, ...] = ()
    subnational: bool = False
    export: str = ""
    coding: str = ""

    @property
    def name(self) -> str:
        """The region's name in the language in use, or in English when it has none there."""
        names = dict(self.names)
        return names.get(current(), names[SOURCE_LANGUAGE])

    @property
    def survey_languages(self) -> tuple[str, ...]:
        """Languages tried for headers and answers: the survey's, then English."""
        return tuple(dict.fromkeys((self.survey_language, SOURCE_LANGUAGE)))

    @property
    def countries(self) -> frozenset[str]:
        from wud_briefings.survey.countries import countries_in  # pandas: only when needed

        return countries_in(list(self.m49_subregions), list(self.extra_countries))


REAL_SUFFIXES = (".csv", ".xlsx")
# Real inputs may be committed encrypted with age (core/encryption.py): "eeca.csv.age".
INPUT_SUFFIXES = REAL_SUFFIXES + tuple(s + AGE_SUFFIX for s in REAL_SUFFIXES)


@dataclass(frozen=True)
class RegionInputs:
    """The raw files one region is built from, and whether they are synthetic.

    ``ambiguous`` lists files that compete with the chosen ones (an export or a
    coding sheet both as CSV and XLSX, or both in clear and encrypted): the
    region is then refused, not guessed. ``passed_over`` lists the real inputs
    that could not be read because they are encrypted and no identity was given;
    the region is then built from its synthetic inputs, for ``synthetic_reason``.
    """

    export: Path
    coding: Path | None
    is_synthetic: bool
    ambiguous: tuple[Path, ...] = ()
    passed_over: tuple[Path, ...] = ()
    synthetic_reason: str | None = None

    @property
    def dependencies(self) -> tuple[Path, ...]:
        """What the region's briefing depends on: its inputs, and any passed over.

        An encrypted input passed over counts, so that adding one rebuilds the
        region (whose index entry then says why it is synthetic).
        """
        return tuple(f for f in (self.export, self.coding, *self.passed_over) if f is not None)


REGION_ID = re.compile(r"^[a-z0-9-]+$")
SURVEY_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def load_regions(paths: ProjectPaths) -> dict[str, Region]:
    """The regions; an id that is not lowercase letters, digits and hyphens is refused.

    Ids name folders under outputs/ and data/processed/: "../raw" would swap in,
    and delete, data/raw.
    """
    data = yaml.load(paths.regions.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    regions = {}
    for entry in data["regions"]:
        if not REGION_ID.fullmatch(str(entry.get("id", ""))):
            raise ValueError(
                f"data/raw/regions.yaml: region id {str(entry.get('id'))[:40]!r} must be "
                "lowercase letters, digits and hyphens only (it names folders)"
            )
        regions[entry["id"]] = region_from_entry(entry)
    return regions


def region_from_entry(entry: dict[str, Any]) -> Region:
    """A region from its regions.yaml entry: ``name`` is one English name, or one per language."""
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
    name = fields.pop("name")
    names = name if isinstance(name, dict) else {SOURCE_LANGUAGE: name}
    if SOURCE_LANGUAGE not in names:
        raise ValueError(f"data/raw/regions.yaml: region {fields['id']!r} has no English name")
    for language in (*names, *fields.get("languages", ()), fields.get("survey_language", "en")):
        check_language(language)
    month = fields.get("survey_month")
    if month is not None and not SURVEY_MONTH.fullmatch(str(month)):
        raise ValueError(
            f"data/raw/regions.yaml: region {fields['id']!r} has survey_month {month!r}; "
            "write it as YYYY-MM, or leave it out when the survey did not state it"
        )
    return Region(names=tuple(names.items()), **{"survey_month": None, **fields})


def region_entry(region: Region) -> dict[str, Any]:
    """A region as regions.yaml writes it (what :func:`region_from_entry` reads back)."""
    entry: dict[str, Any] = {"id": region.id, "name": dict(region.names)}
    for key, value in asdict(region).items():
        if key not in entry and key != "names" and value not in ((), "", None):
            entry[key] = list(value) if isinstance(value, tuple) else value
    return entry


def global_languages(regions: Iterable[Region]) -> list[str]:
    """The global briefing's languages: every language some region's briefing is published
    in, so that readers of each find the regions side by side in their language too."""
    wanted = {language for region in regions for language in region.languages}
    return [language for language in LANGUAGES if language in wanted]


def select_regions(regions: dict[str, Region], wanted: list[str] | None) -> list[Region]:
    """The regions asked for, in the order given; all of them when none is named."""
    if not wanted:
        return list(regions.values())
    unknown = [r for r in wanted if r not in regions]
    if unknown:
        raise KeyError(f"unknown region(s) {unknown}; known: {', '.join(regions)}")
    return [regions[r] for r in wanted]


def _real_files(folder: Path, stem: str) -> list[Path]:
    return [
        folder / f"{stem}{suffix}"
        for suffix in INPUT_SUFFIXES
        if (folder / f"{stem}{suffix}").exists()
    ]


def real_coding_sheets(region_id: str, paths: ProjectPaths) -> list[Path]:
    """A real export's coding sheets (CSV or XLSX, maybe encrypted) in data/raw/exports/coding/."""
    return _real_files(paths.exports / "coding", region_id)


def locate_inputs(region: Region, paths: ProjectPaths) -> RegionInputs:
    """A real export in data/raw/exports/ wins over the shipped synthetic one.

    A real export is coded only by a sheet beside it, in data/raw/exports/coding/
    (never by the synthetic sheet that ``coding`` in regions.yaml names). When a
    real input is encrypted and no identity is given (WUD_AGE_IDENTITY), the
    region is built from its synthetic inputs, and says why.
    """
    exports = _real_files(paths.exports, region.id)
    if not exports:
        return _synthetic_inputs(region, paths)
    sheets = real_coding_sheets(region.id, paths)
    ambiguous = tuple(exports[1:] + sheets[1:])
    chosen = [exports[0], *sheets[:1]]
    encrypted = tuple(f for f in chosen if is_encrypted(f))
    if encrypted and not ambiguous and not has_identity():
        return replace(
            _synthetic_inputs(region, paths),
            passed_over=encrypted,
            synthetic_reason=_why_synthetic(encrypted, exports[0], paths),
        )
    return RegionInputs(
        exports[0], sheets[0] if sheets else None, is_synthetic=False, ambiguous=ambiguous
    )


def _synthetic_inputs(region: Region, paths: ProjectPaths) -> RegionInputs:
    coding = paths.root / region.coding if region.coding else None
    return RegionInputs(paths.root / region.export, coding, is_synthetic=True)


def _why_synthetic(encrypted: tuple[Path, ...], export: Path, paths: ProjectPaths) -> str:
    what = {
        (True, False): "the real export is",
        (False, True): "the real coding sheet is",
        (True, True): "the real export and its coding sheet are",
    }[(export in encrypted, any(f != export for f in encrypted))]
    return (
        f"built from synthetic data: {what} encrypted "
        f"({', '.join(paths.shown(f) for f in encrypted)}) and no age identity "
        f"({IDENTITY_VARIABLE}) was given"
    )
