"""Proof sheets: every page of each built PDF on one PNG, to look over before publishing.

A person checks a briefing's pages (a chart cut, a half-empty page, a table in
the wrong place) faster on one contact sheet than by paging through eight PDFs.
Pages are rendered with PDFium (pypdfium2, a wheel with no system package
behind it, so CI's bare Python has it too) and laid out with Pillow.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image

from wud_briefings.core.atomic import write_bytes_atomic
from wud_briefings.core.paths import PROOF

TILE_WIDTH = 300  # pixels per page: headings and charts readable, a briefing on one screen
COLUMNS = 4
GAP = 16
BACKGROUND = (96, 96, 96)  # grey around white pages, so that each page's edge shows


@dataclass(frozen=True)
class Grid:
    """Where a sheet's tiles go: ``pages`` tiles of ``tile`` pixels, ``columns`` to a row."""

    pages: int
    tile: tuple[int, int]
    columns: int = COLUMNS

    @property
    def rows(self) -> int:
        return math.ceil(self.pages / self.columns)

    @property
    def size(self) -> tuple[int, int]:
        width, height = self.tile
        across = min(self.columns, self.pages)
        return GAP + across * (width + GAP), GAP + self.rows * (height + GAP)

    def origin(self, number: int) -> tuple[int, int]:
        """The top-left corner of page ``number`` (from 0)."""
        row, column = divmod(number, self.columns)
        return GAP + column * (self.tile[0] + GAP), GAP + row * (self.tile[1] + GAP)


def sheet_png(pdf: Path, tile_width: int = TILE_WIDTH) -> tuple[bytes, Grid]:
    """One PNG holding every page of ``pdf``, each scaled to ``tile_width`` pixels wide."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        images = []
        for page in document:
            width, _ = page.get_size()
            images.append(page.render(scale=tile_width / width).to_pil().convert("RGB"))
    finally:
        document.close()
    tile = (tile_width, max(image.height for image in images))
    grid = Grid(len(images), tile)
    sheet = Image.new("RGB", grid.size, BACKGROUND)
    for number, image in enumerate(images):
        sheet.paste(image, grid.origin(number))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue(), grid


def sheet_name(outputs: Path, pdf: Path) -> str:
    """``eeca/briefing.pdf`` -> ``eeca.png``, its Russian edition ``eeca/briefing.ru.pdf`` ->
    ``eeca.ru.png``; another PDF's path joined with dashes."""
    relative = pdf.relative_to(outputs)
    base, _, language = relative.stem.partition(".")
    if base != "briefing":
        return "-".join(relative.with_suffix("").parts) + ".png"
    edition = f".{language}" if language else ""
    return "-".join(relative.parent.parts or ("briefing",)) + edition + ".png"


def built_pdfs(outputs: Path) -> list[Path]:
    """Every PDF under ``outputs/`` (none of them inside the proof folder)."""
    return sorted(p for p in outputs.rglob("*.pdf") if PROOF not in p.parts)


def write_proof_sheets(outputs: Path) -> dict[Path, int]:
    """A sheet per PDF under ``outputs/proof/``; each sheet's path and its page count."""
    written = {}
    for pdf in built_pdfs(outputs):
        png, grid = sheet_png(pdf)
        target = outputs / PROOF / sheet_name(outputs, pdf)
        write_bytes_atomic(target, png)
        written[target] = grid.pages
    return written
