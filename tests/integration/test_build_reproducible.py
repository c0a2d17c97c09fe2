"""Two builds of the same inputs are byte-identical, whatever the parallelism: real PDFs,
whose bytes are among what must not differ."""

from __future__ import annotations

import json

from support.outputs import output_bytes
from support.project import WEASYPRINT, run_build

REGIONS = ["eeca", "asia"]


def crate_without_times(paths) -> dict:
    """The RO-Crate less what two builds may not share: run times, the manifest's timings."""
    crate = json.loads((paths.outputs / "ro-crate-metadata.json").read_text())
    for entity in crate["@graph"]:
        for key in ("startTime", "endTime"):
            entity.pop(key, None)
        if entity["@id"] == "manifest.json":
            del entity["sha256"], entity["contentSize"]
    return crate


def test_two_builds_are_byte_identical_whatever_the_parallelism(builds, tmp_path, monkeypatch):
    """Real PDFs: their bytes are among what must not differ. The gate's verdicts are
    reused (the gate is not what differs between the two)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = builds.gated(tmp_path / "one", REGIONS)
    two = builds.gated(tmp_path / "elsewhere" / "two", REGIONS)
    run_build(one, REGIONS, pdf=WEASYPRINT, jobs=1, with_global=True)
    run_build(two, REGIONS, pdf=WEASYPRINT, jobs=2, with_global=True)
    every = [*REGIONS, "global"]
    first, second = output_bytes(one, every), output_bytes(two, every)
    assert {"eeca/briefing.ru.html", "eeca/briefing.ru.pdf", "global/briefing.es.pdf"} <= set(first)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between builds"
    assert b"14 November 2023" in first["eeca/briefing.html"]  # the date comes from the epoch
    assert crate_without_times(one) == crate_without_times(two), "crates differ beyond times"
