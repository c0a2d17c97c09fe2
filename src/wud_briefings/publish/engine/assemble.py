"""Assemble briefings built on different machines (CI matrix jobs) into one outputs/.

Each matrix job builds one region into its own outputs/ tree with its own
manifest, and the global job the global briefing from their processed data;
this copies every part's files into place and writes one manifest, one index
and one RO-Crate over all of them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from wud_briefings.core.atomic import write_json_atomic
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.paths import MANIFEST, VALIDATION, ProjectPaths, validation_report_name
from wud_briefings.core.publication import load_publication
from wud_briefings.publish.provenance.crate import write_crate
from wud_briefings.publish.provenance.manifest import GLOBAL_ID
from wud_briefings.publish.provenance.records import Manifest, missing_entry
from wud_briefings.publish.rendering.index import write_index
from wud_briefings.survey.regions import load_regions


def assemble(parts: list[Path], paths: ProjectPaths) -> Manifest:
    """Merge the outputs trees in ``parts`` into ``paths.outputs``; return the manifest."""
    merged: Manifest | None = None
    regions = load_regions(paths)
    for part in parts:
        manifest = Manifest.from_json(json.loads((part / MANIFEST).read_text(encoding="utf-8")))
        merged = merged or replace(manifest, regions={}, global_briefing=None)
        for region_id, entry in manifest.regions.items():
            if region_id not in regions:  # ids name folders: only the known ones
                raise ValueError(f"{part}/manifest.json: unknown region {region_id[:40]!r}")
            for name in (region_id, f"{VALIDATION}/{region_id}", validation_report_name(region_id)):
                source, target = part / name, paths.outputs / name
                if source.is_dir():  # replaced whole: no file of an older build lingers
                    staged = staging_dir(target)
                    shutil.copytree(source, staged, dirs_exist_ok=True)
                    swap_dir(staged, target)
                elif source.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
            merged.record(region_id, entry)
        if manifest.global_briefing is not None:  # the global job's part
            staged = staging_dir(paths.outputs / GLOBAL_ID)
            shutil.copytree(part / GLOBAL_ID, staged, dirs_exist_ok=True)
            swap_dir(staged, paths.outputs / GLOBAL_ID)
            merged.global_briefing = manifest.global_briefing
    if merged is None:
        raise ValueError("no outputs to assemble")
    for region_id in regions.keys() - merged.regions.keys():
        merged.record(region_id, missing_entry())
    write_json_atomic(paths.manifest, merged.to_json())
    write_index(paths.outputs, merged, regions, load_publication(paths))
    write_crate(paths, merged)  # the provenance of every region now in outputs/
    return merged
