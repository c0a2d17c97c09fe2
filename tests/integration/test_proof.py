"""`wud-briefings proof`: a contact sheet per built PDF, with a tile for every page."""

from __future__ import annotations

import shutil

import pypdfium2
from PIL import Image
from typer.testing import CliRunner

from wud_briefings.cli import app
from wud_briefings.core.paths import ROOT_VARIABLE, ProjectPaths
from wud_briefings.publish.rendering.proof import BACKGROUND, GAP, TILE_WIDTH, Grid, sheet_name


def page_count(pdf) -> int:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def test_proof_draws_every_page_of_every_pdf(built_project, tmp_path, monkeypatch):
    built, _, _ = built_project
    paths = ProjectPaths(tmp_path / "project")  # the built PDFs, in a project of their own
    for pdf in built.outputs.rglob("*.pdf"):
        target = paths.outputs / pdf.relative_to(built.outputs)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pdf, target)
    monkeypatch.setenv(ROOT_VARIABLE, str(paths.root))
    result = CliRunner().invoke(app, ["proof"])
    assert result.exit_code == 0, result.output
    assert "proof sheet(s) in outputs/proof/" in result.output
    pdfs = sorted(paths.outputs.rglob("*.pdf"))
    assert {p.parent.name for p in pdfs} >= {"eeca", "global"}
    for pdf in pdfs:
        pages = page_count(pdf)
        sheet = paths.outputs / "proof" / sheet_name(paths.outputs, pdf)
        assert f"outputs/proof/{sheet.name}: {pages} page(s)" in result.output
        with Image.open(sheet) as image:
            # A4 tiles; a rendered page may be a pixel taller or shorter than A4's rounded
            # height, and every row of the sheet is then that much taller or shorter
            rows = Grid(pages, (TILE_WIDTH, 0)).rows
            tile_height = (image.height - GAP) // rows - GAP
            assert abs(tile_height - round(TILE_WIDTH * 297 / 210)) <= 1, sheet.name
            grid = Grid(pages, (TILE_WIDTH, tile_height))
            assert image.size == grid.size, sheet.name
            rgb = image.convert("RGB")
            slots = grid.rows * grid.columns
            drawn = [
                rgb.getpixel((x + 2, y + 2)) != BACKGROUND
                for x, y in (grid.origin(n) for n in range(slots))
            ]
            assert drawn == [True] * pages + [False] * (slots - pages), sheet.name


def test_proof_without_pdfs_says_to_build_first(tmp_path, monkeypatch):
    monkeypatch.setenv(ROOT_VARIABLE, str(tmp_path))
    result = CliRunner().invoke(app, ["proof"])
    assert result.exit_code == 1
    assert "run `wud-briefings build` first" in result.output
