"""outputs/ro-crate-metadata.json: what outputs/ holds and how each part of it was made.

An RO-Crate (RO-Crate 1.1) following the Workflow Run Crate profile 0.5, which
extends Process Run Crate 0.5 and Workflow RO-Crate 1.0. Its main entity is the
briefing notebook, copied to ``outputs/notebooks/briefing.ipynb`` (Workflow
RO-Crate wants the workflow inside the crate; the notebook is committed without
outputs). Each region's run is a ``CreateAction`` whose instrument is the
notebook, whose object is the region's raw inputs and the parameters, and whose
result is what the run published; a failed run says why, and the briefing it
left published is the result of an earlier run of its own.

Raw inputs are named by path and SHA-256 only: they are never copied into
outputs/ and nothing is read from them. The crate is written from the manifest
and the files in outputs/ (each named file with its size and SHA-256), so a
build and ``assemble`` (CI) write the same description of what outputs/ holds.
Given the same manifest and files it is the same bytes: the only times in it
are the runs' starts and ends, which the manifest records.
"""

from __future__ import annotations

import json
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale

from wud_briefings.core.atomic import write_bytes_atomic, write_json_atomic
from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.editions import edition_file
from wud_briefings.core.language import LANGUAGES, SOURCE_LANGUAGE
from wud_briefings.core.paths import (
    BRIEFING_NOTEBOOK,
    INDEX,
    MANIFEST,
    ProjectPaths,
    validation_report_name,
)
from wud_briefings.core.publication import Author, load_publication
from wud_briefings.publish.provenance.manifest import GLOBAL_ID, dependency_key, shared_dependencies
from wud_briefings.publish.provenance.outputs import EDITION_KINDS, Outputs
from wud_briefings.publish.provenance.records import Entry, Manifest, PublishedRun
from wud_briefings.publish.provenance.sign_off import sign_off_key
from wud_briefings.publish.provenance.status import Status
from wud_briefings.survey.regions import load_regions

if TYPE_CHECKING:
    from rocrate.model.entity import Entity
    from rocrate.rocrate import ROCrate

RO_CRATE_VERSION = "1.1"  # what the Workflow Run Crate 0.5 profiles are written for
PROFILES = {
    "https://w3id.org/ro/wfrun/process/0.5": ("Process Run Crate", "0.5"),
    "https://w3id.org/ro/wfrun/workflow/0.5": ("Workflow Run Crate", "0.5"),
    "https://w3id.org/workflowhub/workflow-ro-crate/1.0": ("Workflow RO-Crate", "1.0"),
}
WORKFLOW_RUN_CONTEXT = "https://w3id.org/ro/terms/workflow-run/context"  # defines sha256
COMPLETED = {"@id": "http://schema.org/CompletedActionStatus"}
FAILED = {"@id": "http://schema.org/FailedActionStatus"}
PARAMETERS = {  # the notebook's parameters cell: name -> (type, description)
    "region": ("Text", "Region id from data/raw/regions.yaml"),
    "k": ("Integer", "Small-cell threshold: counts from 1 to k-1 in breakdowns are withheld"),
    "code_version": ("Text", "Version of the wud-briefings package"),
    "build_date": ("Text", "Date printed on the briefing (SOURCE_DATE_EPOCH or the commit's)"),
}
OUTPUTS = {  # manifest output kind -> (media type, description)
    "html": ("text/html", "The briefing, as a self-contained HTML page"),
    "pdf": ("application/pdf", "The briefing as a tagged PDF (PDF/UA-1)"),
    "notebook": ("application/x-ipynb+json", "The executed notebook"),
    "disclosure": ("application/json", "Disclosure record: the cells withheld, never values"),
}
GLOBAL_RUN = (
    "Ran notebooks/global.ipynb with Papermill over the processed tables of every region "
    "that passed its gate, and rendered the result with the services directory beside it."
)
MEDIA_TYPES = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".ipynb": "application/x-ipynb+json",
    ".json": "application/json",
}


def write_crate(paths: ProjectPaths, manifest: Manifest) -> None:
    """Describe outputs/ as it is now, from ``manifest``, in outputs/ro-crate-metadata.json."""
    copy_notebook(paths)
    crate = CrateBuilder(paths, manifest).build()
    write_json_atomic(paths.crate, crate.metadata.generate())


def copy_notebook(paths: ProjectPaths) -> None:
    """Put the notebook in the crate (rewritten only when it changed)."""
    source, target = paths.briefing_notebook, paths.outputs / BRIEFING_NOTEBOOK
    if not source.exists():
        return
    data = source.read_bytes()
    if not target.exists() or target.read_bytes() != data:
        write_bytes_atomic(target, data)


class CrateBuilder:
    """One crate, entity by entity, in an order that depends only on the manifest."""

    def __init__(self, paths: ProjectPaths, manifest: Manifest) -> None:
        self.paths = paths
        self.manifest = manifest
        self.regions = manifest.regions
        try:
            self.names = {r.id: r.name for r in load_regions(paths).values()}
        except (OSError, ValueError, KeyError):
            self.names = {}
        self.names[GLOBAL_ID] = "every region (the global briefing)"
        self.shared = _shared(paths)

    def build(self) -> ROCrate:
        from rocrate.rocrate import ROCrate

        self.crate = ROCrate(version=RO_CRATE_VERSION)
        self.crate.metadata.extra_contexts.append(WORKFLOW_RUN_CONTEXT)
        self._root()
        self.workflow = self._workflow()
        self._software()
        for language in LANGUAGES:
            self.file(
                edition_file(INDEX, language),
                "Every region's status, headline figures and files",
                inLanguage=language,
            )
        self.file(MANIFEST, "The build's manifest: inputs, parameters, versions, timings")
        runs = []
        for region_id, entry in sorted(self.regions.items()):
            runs.extend(self._runs(region_id, entry))
        if self.manifest.global_briefing is not None:
            runs.extend(self._runs(GLOBAL_ID, self.manifest.global_briefing))
        if runs:
            self.crate.root_dataset["mentions"] = runs
        return self.crate

    # The crate, the workflow and the software

    def _root(self) -> None:
        root = self.crate.root_dataset
        root["name"] = "Regional briefings: harm reduction services for women who use drugs"
        root["description"] = (
            "Briefings built from regional surveys of harm-reduction services for women who "
            "use drugs: for each region, the run of the briefing notebook, its inputs (by "
            "name and SHA-256; the raw exports are not published) and what it published."
        )
        root["datePublished"] = self._date_published()
        # The briefings' licence, authors and publisher: the publication file's, as on
        # every briefing's colophon (the code's own licence is the software's).
        publication = load_publication(self.paths)
        licence = publication.licence
        root["license"] = self.add(
            {
                "@id": f"https://spdx.org/licenses/{licence.spdx}",
                "@type": "CreativeWork",
                "name": licence.name,
                "url": licence.url,
            }
        )
        root["author"] = [self.add(_agent(author)) for author in publication.authors]
        root["publisher"] = self.add(
            {
                "@id": publication.publisher_url or "#publisher",
                "@type": "Organization",
                "name": publication.publisher,
            }
        )
        root["conformsTo"] = [
            self.add({"@id": uri, "@type": "CreativeWork", "name": name, "version": version})
            for uri, (name, version) in PROFILES.items()
        ]

    def _date_published(self) -> str:
        """The build date (SOURCE_DATE_EPOCH or the commit's), else the last run's end."""
        date = self.manifest.build_date
        if len(date) == 10 and date[4] == "-":
            return date
        ends = sorted(e.ended for e in self.regions.values() if e.ended)
        return ends[-1][:10] if ends else time.strftime("%Y-%m-%d", time.gmtime())

    def _workflow(self) -> Entity | None:
        from rocrate.model.computerlanguage import ComputerLanguage

        notebook = self.paths.outputs / BRIEFING_NOTEBOOK
        if not notebook.exists():
            return None
        language = self.crate.add(
            ComputerLanguage(
                self.crate,
                "https://jupyter.org/",
                {
                    "name": "Jupyter Notebook",
                    "alternateName": "ipynb",
                    "url": {"@id": "https://jupyter.org/"},
                },
            )
        )
        inputs = [
            self.crate.add_formal_parameter(
                name, kind, identifier=f"#param-{name}", description=text
            )
            for name, (kind, text) in PARAMETERS.items()
        ]
        outputs = [
            self.crate.add_formal_parameter(
                kind,
                "File",
                identifier=f"#output-{kind}",
                description=text,
                properties={"encodingFormat": media},
            )
            for kind, (media, text) in OUTPUTS.items()
        ]
        return self.crate.add_workflow(
            dest_path=BRIEFING_NOTEBOOK,
            main=True,
            lang=language,
            properties={
                "name": "Regional briefing notebook",
                "description": (
                    "Parameterised notebook run once per region with Papermill on the "
                    "region's processed tables, then rendered to HTML and PDF."
                ),
                "encodingFormat": "application/x-ipynb+json",
                "input": inputs,
                "output": outputs,
                **_size_and_digest(notebook),
            },
        )

    def _software(self) -> Entity:
        """The package that built the runs, its commit, locked and recorded dependencies."""
        software: dict[str, Any] = {
            "@id": "#wud-briefings",
            "@type": "SoftwareApplication",
            "name": "wud-briefings",
            "description": "The compendium's package: ingest, gate, process, analysis, publish",
            "version": self.manifest.code_version,
        }
        license_id = _license()
        if license_id:
            software["license"] = self.add({"@id": license_id, "@type": "CreativeWork"})
        commit = self.manifest.commit
        if commit:
            software["identifier"] = self.add(
                {
                    "@id": "#commit",
                    "@type": "PropertyValue",
                    "propertyID": "git commit",
                    "value": commit,
                }
            )
        requirements = []
        if "lock" in self.shared:
            requirements.append(self.config("lock", self.shared["lock"]))
        for name, version in sorted(self.manifest.packages.items()):
            if name != "wud-briefings":
                requirements.append(
                    self.add(
                        {
                            "@id": f"#package-{name}",
                            "@type": "SoftwareApplication",
                            "name": name,
                            "version": version,
                        }
                    )
                )
        if requirements:
            software["softwareRequirements"] = requirements
        entity = self.add(software)
        if self.workflow is not None:
            self.workflow["softwareRequirements"] = entity
        return entity

    # One region's runs

    def _runs(self, region_id: str, entry: Entry) -> list[Entity]:
        """The region's last run and, if it failed, the earlier run whose briefing is shown."""
        runs = [self._last_run(region_id, entry)]
        if not entry.is_built and entry.last_good:
            runs.append(self._published_run(region_id, entry.last_good))
        return runs

    def _last_run(self, region_id: str, entry: Entry) -> Entity:
        run_id = f"#run-{region_id}"
        failed = not entry.is_built
        result = [] if failed else self.outputs(entry.outputs)
        result += self.validation(region_id, entry)
        if failed and entry.failed_notebook:
            result += self.files([entry.failed_notebook], "The notebook of the failed run")
        # The crate's configuration is the regional notebook's: a global run never matches it.
        is_current = region_id != GLOBAL_ID and self._is_current(region_id, entry)
        description = (
            GLOBAL_RUN
            if region_id == GLOBAL_ID and not failed
            else self._description(entry.status or Status.FAILED_EXECUTION, is_current)
        )
        action = {
            "@id": run_id,
            "@type": "CreateAction",
            "name": f"Briefing of {self.names.get(region_id, region_id)}"
            + (" (failed)" if failed else ""),
            "description": description,
            "object": self.inputs(entry.inputs)
            + self.commentary(entry.commentary)
            + self.parameters(run_id, entry.parameters)
            + (self._configuration() if is_current else []),
            "result": result,
            "actionStatus": FAILED if failed else COMPLETED,
            **self._instrument(),
            **_times(entry.started, entry.ended),
        }
        if failed:
            action["error"] = self._scrub(entry.reason or str(entry.status or "failed"))
        return self.add(action)

    def _published_run(self, region_id: str, good: PublishedRun) -> Entity:
        """The run that made the briefing a failed region keeps published (last_good)."""
        run_id = f"#run-{region_id}-last-good"
        return self.add(
            {
                "@id": run_id,
                "@type": "CreateAction",
                "name": f"Briefing of {self.names.get(region_id, region_id)} (still published)",
                "description": (
                    f"An earlier run{_dated(good.build_date)}, whose briefing stays "
                    "published while the region's last run failed."
                ),
                "object": self.inputs(good.inputs)
                + self.commentary(good.commentary)
                + self.parameters(run_id, good.parameters),
                "result": self.outputs(good.outputs),
                "actionStatus": COMPLETED,
                **self._instrument(),
                **_times(good.started, good.ended),
            }
        )

    def _instrument(self) -> dict[str, Entity]:
        return {"instrument": self.workflow} if self.workflow is not None else {}

    def _is_current(self, region_id: str, entry: Entry) -> bool:
        """Whether the run used this notebook, code, lock, configuration and sign-offs (by
        its key)."""
        if not self.shared or not entry.dependency_key:
            return False
        parameters = {k: v for k, v in entry.parameters.items() if k != "region"}
        files = entry.inputs | entry.commentary | sign_off_key(self.paths, region_id)
        key = dependency_key(self.shared, files, parameters)
        return key == entry.dependency_key

    def _description(self, status: Status, is_current: bool) -> str:
        what = status.run_description
        if is_current:
            return what + (
                " Its dependency key matches the notebook in this crate and the package code, "
                "lock and configuration named here."
            )
        return what + (
            " Its dependency key does not match them: it used an earlier notebook, package "
            "code, lock or configuration than those described here."
        )

    def _configuration(self) -> list[Entity]:
        """The configuration files the run read: codebook, regions, suites (not the notebook)."""
        return [
            self.config(name, digest)
            for name, digest in self.shared.items()
            if name not in {"package source", "notebook", "lock"}
        ]

    def _scrub(self, text: str) -> str:
        """A failure's reason without the build machine's path to the project."""
        return text.replace(str(self.paths.root.resolve()), "<project>").replace(
            str(self.paths.root), "<project>"
        )

    # Entities

    def add(self, jsonld: dict[str, Any]) -> Entity:
        """A contextual entity, added once (the same id twice is the same thing)."""
        from rocrate.model.contextentity import ContextEntity

        existing = self.crate.get(jsonld["@id"])
        if existing is not None:
            return existing
        properties = {k: v for k, v in jsonld.items() if k != "@id"}
        return self.crate.add(ContextEntity(self.crate, jsonld["@id"], properties))

    def file(self, name: str, description: str, **extra: Any) -> Entity | None:
        """A file under outputs/ with its size and SHA-256, or None if it is not there."""
        existing = self.crate.get(name)
        if existing is not None:
            return existing
        path = self.paths.outputs / name
        try:
            measured = _size_and_digest(path)
        except (FileNotFoundError, IsADirectoryError):
            return None  # e.g. a region folder being swapped by another worker right now
        properties = {
            "name": name,
            "description": description,
            "encodingFormat": MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
            **measured,
            **extra,
        }
        return self.crate.add_file(dest_path=name, properties=properties)

    def files(self, names: list[str], description: str) -> list[Entity]:
        return [f for f in (self.file(n, description) for n in names) if f is not None]

    def outputs(self, outputs: Outputs) -> list[Entity]:
        """A run's published files, each tied to the notebook's output it realises: each kind
        of an edition's files in every language (the source language's first), then the files
        the editions share."""
        found = []
        for kind in EDITION_KINDS:
            for language in outputs.languages():
                text = OUTPUTS[kind][1]
                if language != SOURCE_LANGUAGE:
                    text = f"{text}, in {Locale('en').languages[language]}"
                name = outputs.editions[language].file(kind)
                example = {"@id": f"#output-{kind}"}
                found.append(self.file(name, text, exampleOfWork=example, inLanguage=language))
        for kind, name in sorted(outputs.shared.items(), key=lambda i: (i[0] not in OUTPUTS, i[0])):
            described = OUTPUTS.get(kind)
            extra = {"exampleOfWork": {"@id": f"#output-{kind}"}} if described else {}
            found.append(self.file(name, described[1] if described else f"Output: {kind}", **extra))
        return [entity for entity in found if entity is not None]

    def validation(self, region_id: str, entry: Entry) -> list[Entity]:
        """The gate's report and page, if they are this run's (same inputs)."""
        report = self.paths.validation_report(region_id)
        try:
            verdict = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not entry.inputs or verdict.get("inputs") != entry.inputs:
            return []  # from another run (e.g. `make validate` after this build)
        found = self.files(
            [validation_report_name(region_id)],
            "The expectations gate's verdict on this run's inputs: checks and problems, "
            "never a value",
        )
        if entry.validation_page:
            found += self.files([entry.validation_page], "A page of the gate's checks")
        return found

    def inputs(self, inputs: dict[str, str]) -> list[Entity]:
        """Raw inputs by name and SHA-256: not in the crate, not published, not read here."""
        return [
            self.by_digest(
                name, digest, "Raw input, not published: named by its path and SHA-256", "input-"
            )
            for name, digest in sorted(inputs.items())
        ]

    def commentary(self, files: dict[str, str]) -> list[Entity]:
        """The researchers' commentary the briefing prints, by path (in the repository) and
        SHA-256: every number in it was checked against the data."""
        described = (
            "The researchers' commentary printed in the briefing (in the repository); its "
            "numbers were checked against the data"
        )
        return [self.by_digest(name, digest, described) for name, digest in sorted(files.items())]

    def config(self, key: str, digest: str) -> Entity:
        """A file of the project the build hashes (lock, codebook, suites), by SHA-256."""
        name = {
            "lock": "requirements.lock",
            "codebook": self.paths.shown(self.paths.codebook),
            "regions": self.paths.shown(self.paths.regions),
        }.get(key, key)  # the suites' keys are their paths already
        return self.by_digest(
            name, digest, "A file of the project (in its repository), named by its SHA-256"
        )

    def by_digest(self, name: str, digest: str, description: str, prefix: str = "") -> Entity:
        """A file the crate names by its path and SHA-256 only, never holds or reads."""
        return self.add(
            {
                "@id": f"#{prefix}{name.replace('/', '-')}-{digest[:12]}",
                "@type": "File",
                "name": name,
                "description": description,
                "sha256": digest,
            }
        )

    def parameters(self, run_id: str, parameters: dict[str, Any]) -> list[Entity]:
        return [
            self.add(
                {
                    "@id": f"{run_id}-{name}",
                    "@type": "PropertyValue",
                    "name": name,
                    "value": value,
                    **({"exampleOfWork": {"@id": f"#param-{name}"}} if name in PARAMETERS else {}),
                }
            )
            for name, value in sorted(parameters.items())
        ]


def _shared(paths: ProjectPaths) -> dict[str, str]:
    """What every run depends on, as the build hashes it; empty if it cannot be read."""
    try:
        return shared_dependencies(paths, paths.briefing_notebook)
    except OSError:
        return {}


def _size_and_digest(path: Path) -> dict[str, Any]:
    return {"contentSize": str(path.stat().st_size), "sha256": sha256_file(path)}


def _dated(build_date: str | None) -> str:
    return f" (build date {build_date})" if build_date and build_date != "undated" else ""


def _times(started: str | None, ended: str | None) -> dict[str, str]:
    times = {"startTime": started, "endTime": ended}
    return {key: value for key, value in times.items() if value}


def _agent(author: Author) -> dict[str, Any]:
    """An author as an RO-Crate contextual entity: an Organization or a Person."""
    if author.organisation:
        slug = "-".join(author.organisation.lower().split())
        return {"@id": f"#organisation-{slug}", "@type": "Organization", "name": author.name}
    person: dict[str, Any] = {
        "@id": author.orcid or f"#person-{author.given}-{author.family}".lower().replace(" ", "-"),
        "@type": "Person",
        "name": author.name,
        "givenName": author.given,
        "familyName": author.family,
    }
    return person


def _license() -> str | None:
    """The package's licence as an SPDX URI (pyproject.toml says MIT)."""
    try:
        expression = (metadata.metadata("wud-briefings").get_all("License-Expression") or [None])[0]
    except metadata.PackageNotFoundError:
        return None
    return f"https://spdx.org/licenses/{expression}" if expression else None
