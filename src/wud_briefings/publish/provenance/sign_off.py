"""Nothing is final until a person signs it off: drafts, sign-offs and what changed since.

``wud-briefings sign-off REGION --language LANG --by NAME`` records, in the
committed ``notebooks/sign-offs.yaml``, who approved an edition, when, and the
SHA-256 of every file it is made from (:func:`edition_sources`: the region's
inputs and coding, its commentary in that language, what every briefing shares
(publication texts, catalogs and code, notebook, codebook, suites). An edition
never signed, or one of whose sources changed since, is a draft: every page
says DRAFT in its language and the index says what changed. Sign-off is refused,
with the reason, while the edition's translation awaits review or the region's
researchers have written no key findings or conclusions in that language.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wud_briefings import __version__
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.texts.commentary_file import Section, read_commentary
from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.digests import digest, file_hashes
from wud_briefings.core.language import DOMAINS, SOURCE_LANGUAGE, _, catalog_path
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.core.translation_review import review_state
from wud_briefings.publish.provenance.manifest import GLOBAL_ID, project_dependencies
from wud_briefings.survey.regions import Region, locate_inputs


@dataclass(frozen=True)
class SignOff:
    """One edition approved by a person, and the files it was made from, by SHA-256."""

    region: str
    language: str
    by: str
    date: str  # UTC, ISO 8601
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """Why an edition is a draft: never signed off, or these sources changed since."""

    signed: SignOff | None = None
    changed: tuple[str, ...] = ()

    def note(self) -> str:
        """The draft notice, in the language in use."""
        if self.signed is None:
            return _("Not yet signed off: this edition may change before it is published.")
        return _(
            "Changed since {name} signed it off on {date}: {changed}. It must be signed off again."
        ).format(name=self.signed.by, date=self.signed.date[:10], changed=", ".join(self.changed))


class SignOffRefused(ValueError):
    """An edition that cannot be signed off yet, and why."""


def edition_sources(
    paths: ProjectPaths, notebook: Path, region: Region | None, language: str
) -> dict[str, str]:
    """Every file an edition is made from, by SHA-256 (``region`` None: the global briefing,
    made from every region's processed tables), and the code's version: the package's
    own files are named by its version, its catalogs in the edition's language by hash."""
    # the code by its version: any edit of it would otherwise undo every sign-off
    shared = project_dependencies(paths, notebook) | {"code version": __version__}
    if language != SOURCE_LANGUAGE:
        shared |= {
            f"catalog {language}/{domain}.po": sha256_file(catalog_path(language, domain))
            for domain in DOMAINS
        }
    if region is None:
        own = file_hashes(paths, sorted(paths.processed.glob("*/*.csv")))
    else:
        own = file_hashes(paths, locate_inputs(region, paths).dependencies)
        own |= file_hashes(paths, [paths.commentary_file(region.id, language)])
    return shared | own


def load_sign_offs(paths: ProjectPaths) -> list[SignOff]:
    if not paths.sign_offs.exists():
        return []
    raw = yaml.safe_load(paths.sign_offs.read_text(encoding="utf-8")) or {}
    return [SignOff(**record) for record in raw.get("sign_offs", [])]


def signed(paths: ProjectPaths, region_id: str) -> list[SignOff]:
    """The region's sign-offs (the global briefing's: ``GLOBAL_ID``), one per language."""
    return [s for s in load_sign_offs(paths) if s.region == region_id]


def sign_off_key(paths: ProjectPaths, region_id: str) -> dict[str, str]:
    """The region's sign-offs as one dependency: signing an edition off rebuilds it."""
    records = [vars(s) for s in signed(paths, region_id)]
    return {f"{paths.shown(paths.sign_offs)}: {region_id}": digest({"sign_offs": records})}


def draft(sign_offs: list[SignOff], language: str, sources: dict[str, str]) -> Draft | None:
    """None when the edition's sign-off holds for exactly these sources, else why not."""
    record = next((s for s in sign_offs if s.language == language), None)
    if record is None:
        return Draft()
    if record.sources == sources:
        return None
    changed = sorted(
        name
        for name in set(record.sources) | set(sources)
        if record.sources.get(name) != sources.get(name)
    )
    return Draft(record, tuple(changed))


def edition_drafts(
    paths: ProjectPaths, notebook: Path, region: Region | None, languages: Sequence[str]
) -> dict[str, Draft | None]:
    """Each edition's draft status (``region`` None: the global briefing's)."""
    records = signed(paths, region.id if region else GLOBAL_ID)
    return {
        language: draft(records, language, edition_sources(paths, notebook, region, language))
        for language in languages
    }


def drafts_record(drafts: dict[str, Draft | None]) -> dict[str, list[str]]:
    """For the manifest: each draft edition's changed sources (none: never signed off)."""
    return {language: list(d.changed) for language, d in drafts.items() if d is not None}


def _text_problems(paths: ProjectPaths, region: Region, language: str) -> list[str]:
    """What the edition's researchers' texts say that its data does not (the build's check)."""
    from wud_briefings.analysis.figures_listing import check_commentary
    from wud_briefings.process.tables import NoProcessedData

    try:
        reports = check_commentary(paths, region, [language], DisclosurePolicy())
    except NoProcessedData:
        return [f"{region.id} has no processed data: build it first (make briefings)"]
    return [str(p) for report in reports for p in report.problems]


def _refusal(paths: ProjectPaths, region: Region | None, language: str) -> str | None:
    if language != SOURCE_LANGUAGE:
        state = review_state(language)
        if not state.complete:
            return (
                f"the {language} translation is not reviewed in full ({state.reviewed} of "
                f"{state.entries} catalog entries reviewed by a person, {state.changed} changed "
                "since their review): see `wud-briefings translations`"
            )
    if region is not None:
        problems = _text_problems(paths, region, language)
        if problems:
            return "its texts do not match its data: " + "; ".join(problems)
        path = paths.commentary_file(region.id, language)
        texts = read_commentary(path, paths.shown(path))
        missing = [
            f"'## {section.value.capitalize()}'"
            for section in (Section.KEY_FINDINGS, Section.CONCLUSIONS)
            if texts is None or section not in texts.sections
        ]
        if missing:
            return (
                f"{paths.shown(path)} has no {' and no '.join(missing)}: the researchers' key "
                "findings and conclusions are part of what is signed off"
            )
    return None


def sign_off(
    paths: ProjectPaths,
    notebook: Path,
    region: Region | None,
    language: str,
    by: str,
    now: datetime.datetime | None = None,
) -> SignOff:
    """Record that ``by`` approves the edition as it is now; raises
    :class:`SignOffRefused` naming the reason."""
    region_id = region.id if region else GLOBAL_ID
    if not by.strip():
        raise SignOffRefused("say who signs it off (--by NAME)")
    reason = _refusal(paths, region, language)
    if reason:
        raise SignOffRefused(f"{region_id} ({language}) cannot be signed off: {reason}")
    moment = (now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    record = SignOff(
        region_id,
        language,
        by.strip(),
        moment.isoformat().replace("+00:00", "Z"),
        edition_sources(paths, notebook, region, language),
    )
    others = [s for s in load_sign_offs(paths) if (s.region, s.language) != (region_id, language)]
    records = sorted([*others, record], key=lambda s: (s.region, s.language))
    text = HEADER + yaml.safe_dump(
        {"sign_offs": [vars(s) for s in records]}, sort_keys=False, allow_unicode=True
    )
    paths.sign_offs.write_text(text, encoding="utf-8")
    return record


HEADER = (
    "# Who approved which edition, and the SHA-256 of every file it was made from.\n"
    "# Written by `wud-briefings sign-off REGION --language LANG --by NAME`; an edition\n"
    "# whose files no longer match is a draft again, and says what changed.\n"
)
