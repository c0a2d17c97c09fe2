"""Assemble briefings built on different machines (CI matrix jobs) into one outputs/.

Each matrix job builds one region into its own outputs/ tree with its own
manifest, and the global job the global briefing from their processed data;
this copies every part's files into place and writes one manifest, one index
and one RO-Crate over all of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from wud_briefings.core.atomic import write_json_atomic, write_text_atomic
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.publish.crate import write_crate
from wud_briefings.publish.index import index_html
from wud_briefings.publish.manifest import GLOBAL_ID
from wud_briefings.publish.status import Status
from wud_briefings.survey.regions import load_regions

MISSING = {
    "status": Status.MISSING,
    "reason": "its build job left no outputs to publish (see that job's log)",
}


def assemble(parts: list[Path], paths: ProjectPaths) -> dict[str, Any]:
    """Merge the outputs trees in ``parts`` into ``paths.outputs``; return the manifest."""
    merged: dict[str, Any] | None = None
    names = {r.id: r.name for r in load_regions(paths).values()}
    for part in parts:
        manifest = json.loads((part / "manifest.json").read_text(encoding="utf-8"))
        header = {k: v for k, v in manifest.items() if k not in ("regions", GLOBAL_ID)}
        merged = merged or header | {"regions": {}}
        for region_id, entry in manifest["regions"].items():
            if region_id not in names:  # ids name folders: only the known ones
                raise ValueError(f"{part}/manifest.json: unknown region {region_id[:40]!r}")
            for name in (region_id, f"validation/{region_id}", f"validation/{region_id}.json"):
                source, target = part / name, paths.outputs / name
                if source.is_dir():  # replaced whole: no file of an older build lingers
                    staged = staging_dir(target)
                    shutil.copytree(source, staged, dirs_exist_ok=True)
                    swap_dir(staged, target)
                elif source.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
            merged["regions"][region_id] = entry
        if manifest.get(GLOBAL_ID):  # the global job's part
            staged = staging_dir(paths.outputs / GLOBAL_ID)
            shutil.copytree(part / GLOBAL_ID, staged, dirs_exist_ok=True)
            swap_dir(staged, paths.outputs / GLOBAL_ID)
            merged[GLOBAL_ID] = manifest[GLOBAL_ID]
    if merged is None:
        raise ValueError("no outputs to assemble")
    for region_id in names.keys() - merged["regions"].keys():
        merged["regions"][region_id] = dict(MISSING)
    merged["regions"] = dict(sorted(merged["regions"].items()))
    write_json_atomic(paths.outputs / "manifest.json", merged)
    synthetic = any(e.get("is_synthetic") for e in merged["regions"].values())
    index = index_html(merged["regions"], names, synthetic, merged.get(GLOBAL_ID))
    write_text_atomic(paths.outputs / "index.html", index)
    write_crate(paths, merged)  # the provenance of every region now in outputs/
    return merged
