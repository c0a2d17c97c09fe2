"""What a build reads and leaves: an export edited so that it must rebuild, output bytes."""

from __future__ import annotations

from wud_briefings.core.paths import ProjectPaths


def edit_export(paths: ProjectPaths, region_id: str, n: int = 1) -> None:
    export = paths.synthetic / f"{region_id}.csv"
    text = export.read_text(encoding="utf-8")
    export.write_text(
        text.replace("for details.", f"for details ({n}).", 1)
        if "for details." in text
        else text + "\r\n",
        encoding="utf-8",
    )


def output_bytes(paths: ProjectPaths, region_ids: list[str]) -> dict[str, bytes]:
    """Every file of the regions' folders under outputs/: each language edition's too."""
    return {
        f"{r}/{path.name}": path.read_bytes()
        for r in region_ids
        for path in sorted((paths.outputs / r).iterdir())
        if path.is_file() and path.name != "failed.ipynb"
    }
