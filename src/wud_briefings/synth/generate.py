"""The ``synth`` command's work: write every region's synthetic inputs, byte for byte."""

from __future__ import annotations

from pathlib import Path

from wud_briefings.codebook import Codebook
from wud_briefings.regions import Region
from wud_briefings.synth import eeca, regional
from wud_briefings.synth.model import SyntheticRespondent
from wud_briefings.synth.write import coding_csv, export_csv
from wud_briefings.writing import write_bytes_atomic

BOM = "\ufeff"


def synthetic_respondents(region_id: str) -> list[SyntheticRespondent]:
    return eeca.respondents() if region_id == "eeca" else regional.respondents(region_id)


def write_region(
    codebook: Codebook,
    region: Region,
    region_index: int,
    root: Path,
    people: list[SyntheticRespondent] | None = None,
) -> tuple[Path, Path]:
    """Write one region's export and coding sheet where regions.yaml says they live."""
    people = people if people is not None else synthetic_respondents(region.id)
    dirty = region_index % 2 == 0  # half the regions carry real-world header dirt
    text = export_csv(
        codebook,
        region.id,
        region_index,
        region.survey_month,
        region.language,
        region.subnational,
        people,
        dirty,
    )
    export, coding = root / region.export, root / region.coding
    # SurveyMonkey writes a BOM; some re-saved files lose it. Ship both kinds.
    write_bytes_atomic(export, ((BOM if dirty else "") + text).encode("utf-8"))
    write_bytes_atomic(coding, coding_csv(region_index, people).encode("utf-8"))
    return export, coding
