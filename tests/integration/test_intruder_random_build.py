"""Random regions built for real (gate, Papermill, nbconvert), attacked from the rendered pages."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from support.intruder import attack
from support.project import PLACEHOLDER, copy_project, run_build
from support.random_regions import CODEBOOK, Person, built_regions, people, synthetic
from wud_briefings.dev.synth.generate import write_region
from wud_briefings.survey.regions import Region, load_regions


@pytest.fixture(scope="module")
def random_build(tmp_path_factory):
    """built_regions() random regions (the same ones every default run), built for real."""
    drawn: list[list[Person]] = []

    count = built_regions()

    @settings(max_examples=1, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.lists(people(), min_size=count, max_size=count))
    def draw(regions: list[list[Person]]) -> None:
        drawn[:] = regions

    draw()
    paths = copy_project(tmp_path_factory.mktemp("random") / "p")
    eeca = load_regions(paths)["eeca"]
    entries = []
    for n, persons in enumerate(drawn):
        region = Region(
            id=f"random-{n:03d}",
            names=(("en", f"Random region {n:03d}"),),
            survey_month=None,
            survey_language="en",
            m49_subregions=eeca.m49_subregions,
            extra_countries=eeca.extra_countries,
            export=f"data/raw/synthetic/random-{n:03d}.csv",
            coding=f"data/raw/coding/random-{n:03d}.csv",
        )
        people_ = [synthetic(p, i) for i, p in enumerate(persons, 1)]
        write_region(CODEBOOK, region, n, paths.root, people_)
        entries.append(
            {
                "id": region.id,
                "name": region.name,
                "survey_language": region.survey_language,
                "m49_subregions": list(region.m49_subregions),
                "extra_countries": list(region.extra_countries),
                "export": region.export,
                "coding": region.coding,
            }
        )
    paths.regions.write_text(yaml.safe_dump({"regions": entries}), encoding="utf-8")
    # The intruder reads the HTML pages: the PDFs are placeholders.
    ids = [e["id"] for e in entries]
    report, log = run_build(paths, ids, pdf=PLACEHOLDER, with_global=True)
    return paths, report, log, drawn


def test_no_random_region_built_for_real_gives_away_a_withheld_cell(random_build):
    paths, report, log, drawn = random_build
    assert len(drawn) == built_regions()
    global_html = (paths.outputs / "global" / "briefing.html").read_text(encoding="utf-8")
    index = (paths.outputs / "index.html").read_text(encoding="utf-8")
    found = {}
    for n in range(built_regions()):
        region_id = f"random-{n:03d}"
        assert report.entries[region_id].status == "built", (region_id, log)
        html = (paths.outputs / region_id / "briefing.html").read_text(encoding="utf-8")
        if disclosed := attack(html, global_html, index):
            found[region_id] = (disclosed, drawn[n])
    assert found == {}
    withheld = [
        n
        for n in range(built_regions())
        if "withheld" in (paths.outputs / f"random-{n:03d}" / "briefing.html").read_text()
    ]
    assert len(withheld) >= built_regions() // 4  # the attack had cells to try
