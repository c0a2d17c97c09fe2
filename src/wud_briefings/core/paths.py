"""Every path the compendium uses, built from the project root.

Nothing else in the package hard-codes a location: tests and the build point
the whole tree elsewhere by building another :class:`ProjectPaths`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from wud_briefings.core.language import SOURCE_LANGUAGE

PROJECT_ROOT = Path(__file__).resolve().parents[3]
ROOT_VARIABLE = "WUD_PROJECT_ROOT"
# Names inside outputs/, as the manifest, the index and the crate link them (relative).
MANIFEST = "manifest.json"  # also in each CI job's part of outputs/
CRATE = "ro-crate-metadata.json"
INDEX = "index.html"  # the English index; core.editions names the others (index.ru.html)
VALIDATION = "validation"  # the gate's reports (<region>.json) and pages (<region>/index.html)
PROOF = "proof"  # make proof's contact sheets
PREVIEW = "preview"  # the fast edit loop's pages (git-ignored with outputs/)
# The regional notebook, from the project root: the crate holds it at the same place.
BRIEFING_NOTEBOOK = "notebooks/briefing.ipynb"
# Names inside a briefing's folder of outputs/ (outputs/<region>/), the English edition's;
# core.editions names the others' (briefing.ru.html).
BRIEFING_HTML = "briefing.html"
BRIEFING_PDF = "briefing.pdf"
EXECUTED_NOTEBOOK = "briefing.ipynb"  # the executed notebook, published beside its pages
FAILED_NOTEBOOK = "failed.ipynb"  # the notebook of a failed run, beside the last good briefing
DISCLOSURE_RECORD = "disclosure.json"  # what the briefing withholds and why, never values
# Inside a region's folder of data/processed/: what made its tables.
PROVENANCE = "provenance.json"


def validation_report_name(region_id: str) -> str:
    """The gate's verdict on a region, as JSON, relative to outputs/."""
    return f"{VALIDATION}/{region_id}.json"


def validation_page_name(region_id: str) -> str:
    """The gate's page on a region (its English edition), relative to outputs/."""
    return f"{VALIDATION}/{region_id}/{INDEX}"


def default_root() -> Path:
    """The clone, unless the build points kernels at another tree via WUD_PROJECT_ROOT."""
    return Path(os.environ.get(ROOT_VARIABLE) or PROJECT_ROOT)


@dataclass(frozen=True)
class ProjectPaths:
    """The compendium's folders, relative to one root (the clone by default)."""

    root: Path = field(default_factory=default_root)

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def codebook(self) -> Path:
        return self.raw / "codebook.yaml"

    @property
    def regions(self) -> Path:
        return self.raw / "regions.yaml"

    @property
    def synthetic(self) -> Path:
        return self.raw / "synthetic"

    @property
    def coding(self) -> Path:
        return self.raw / "coding"

    @property
    def exports(self) -> Path:
        """Real exports dropped in by researchers (git-ignored)."""
        return self.raw / "exports"

    @property
    def boundaries(self) -> Path:
        """Natural Earth's country boundaries (data/external/, with their source record)."""
        return self.root / "data" / "external" / "natural-earth" / "countries-110m.json"

    @property
    def recipients(self) -> Path:
        """The public keys real inputs are encrypted to (tracked; public keys only)."""
        return self.raw / "recipients.txt"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def expectations(self) -> Path:
        return self.root / "expectations"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def commentary(self) -> Path:
        """The researchers' own words per region and language (notebooks/commentary/)."""
        return self.notebooks / "commentary"

    @property
    def publication(self) -> Path:
        """What every briefing shares: who publishes it, its sources, its background
        (notebooks/publication/)."""
        return self.notebooks / "publication"

    @property
    def publication_file(self) -> Path:
        return self.publication / "publication.yaml"

    @property
    def bibliography(self) -> Path:
        """The sources the researchers' texts cite, as CSL-JSON."""
        return self.publication / "references.json"

    def background_file(self, language: str) -> Path:
        """The background every briefing opens with, in ``language`` (English: background.md)."""
        suffix = "" if language == SOURCE_LANGUAGE else f".{language}"
        return self.publication / f"background{suffix}.md"

    @property
    def sign_offs(self) -> Path:
        """Who approved which edition, made from which files (committed)."""
        return self.notebooks / "sign-offs.yaml"

    def commentary_file(self, region_id: str, language: str) -> Path:
        """``eeca.md`` for the English edition, ``eeca.ru.md`` for the Russian one."""
        suffix = "" if language == SOURCE_LANGUAGE else f".{language}"
        return self.commentary / f"{region_id}{suffix}.md"

    @property
    def briefing_notebook(self) -> Path:
        """The regional notebook, run once per region and language."""
        return self.root / BRIEFING_NOTEBOOK

    @property
    def global_notebook(self) -> Path:
        """The notebook that sets the regions side by side."""
        return self.notebooks / "global.ipynb"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @property
    def manifest(self) -> Path:
        """What each build published, and why a region was not."""
        return self.outputs / MANIFEST

    @property
    def crate(self) -> Path:
        """The RO-Crate describing the published files."""
        return self.outputs / CRATE

    @property
    def index(self) -> Path:
        """The English index (``core.editions.edition_file`` names the others)."""
        return self.outputs / INDEX

    def validation_report(self, region_id: str) -> Path:
        """The gate's verdict on a region, as JSON (its page is in the folder of that name)."""
        return self.outputs / validation_report_name(region_id)

    @property
    def validation(self) -> Path:
        return self.outputs / VALIDATION

    @property
    def proof(self) -> Path:
        """Contact sheets of every built PDF (``make proof``)."""
        return self.outputs / PROOF

    def preview_page(self, region_id: str) -> Path:
        """The fast edit loop's page of a region (under outputs/, git-ignored with it)."""
        return self.outputs / PREVIEW / f"{region_id}.html"

    def shown(self, path: Path) -> str:
        """A path relative to the project, so no build machine's layout leaks out."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.name

    def processed_region(self, region_id: str) -> Path:
        return self.processed / region_id

    def output_region(self, region_id: str) -> Path:
        return self.outputs / region_id
