"""Synthetic inputs are deterministic and are exactly the files shipped in data/raw/."""

from __future__ import annotations

from support.project import REPO, copy_project
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.dev.synth.generate import write_region, write_scaled_project
from wud_briefings.survey.regions import load_regions


def test_synth_reproduces_the_shipped_files_byte_for_byte(tmp_path, codebook, regions):
    target = copy_project(tmp_path / "p")
    for path in (target.synthetic, target.coding):
        for file in path.iterdir():
            file.unlink()
    for index, region in enumerate(regions.values()):
        export, coding = write_region(codebook, region, index, target.root)
        assert export.read_bytes() == (REPO.root / region.export).read_bytes(), region.id
        assert coding.read_bytes() == (REPO.root / region.coding).read_bytes(), region.id


def test_synthetic_exports_are_in_the_documented_layout():
    lines = (REPO.synthetic / "asia.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,"
        "Email Address,First Name,Last Name,Custom Data 1,In which country"
    )
    assert lines[1].startswith(",,,,,,,,,Response,Response,Response,Other (please specify)")


def test_latin_america_is_in_spanish():
    text = (REPO.synthetic / "latin-america.csv").read_text(encoding="utf-8")
    assert "¿En qué país reside?" in text and "México" in text and "Respuesta abierta" in text


def test_no_synthetic_service_description_names_a_place(regions):
    """An excerpt quoted under the pool of small countries must not name its country."""
    from wud_briefings.dev.synth.generate import synthetic_respondents
    from wud_briefings.dev.synth.regional import PLANS

    for region_id, plan in PLANS.items():
        places = {name for country, state, _ in plan.places for name in (country, state) if name}
        for person in synthetic_respondents(region_id):
            for excerpt in person.excerpts:
                if excerpt.question == "services":
                    assert not [p for p in places if p in excerpt.text], (region_id, excerpt)


def test_a_scaled_project_for_the_scale_benchmark_reads_back_as_its_regions(
    tmp_path, codebook, regions
):
    """What `make bench-scale` writes before it builds: a regions.yaml the build reads,
    with every region's name in each of its languages, and each region's raw files."""

    scaled = write_scaled_project(codebook, list(regions.values()), 9, tmp_path)
    read = load_regions(ProjectPaths(tmp_path))
    assert list(read.values()) == scaled and len(read) == 9
    eeca = next(r for r in scaled if r.id.startswith("eeca-"))
    assert dict(eeca.names)["ru"] == f"Восточная Европа и Центральная Азия ({eeca.id})"
    assert all(
        (tmp_path / r.export).is_file() and (tmp_path / r.coding).is_file() for r in read.values()
    )
