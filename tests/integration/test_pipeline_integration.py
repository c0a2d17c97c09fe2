"""The shipped exports through the real reader, protection step and GX gate."""

from __future__ import annotations

import json

import pytest

from support.project import selected_region_ids
from wud_briefings.process.tables import load_processed


def test_every_selected_region_passes_the_gate(processed_project):
    paths, outcomes = processed_project
    for region_id, outcome in outcomes.items():
        assert outcome.is_valid, [str(p) for p in outcome.problems]
        assert (paths.processed / region_id / "respondents.csv").exists()
        report = json.loads((paths.validation / f"{region_id}.json").read_text())
        assert report["success"] is True
        assert len(report["suites"]) == 3
        assert (paths.validation / region_id / "index.html").exists()


@pytest.fixture(scope="module")
def eeca(processed_project):
    paths, outcomes = processed_project
    if "eeca" not in outcomes:
        pytest.skip("EECA not among WUD_TEST_REGIONS")
    return load_processed(paths.processed / "eeca")


def test_eeca_reproduces_the_published_figures(eeca):
    r = eeca.respondents
    assert len(r) == 17
    assert set(r["country_name"]) == {
        "Montenegro",
        "Russia",
        "Belarus",
        "Kyrgyz Republic",
        "Kazakhstan",
        "Georgia",
        "Ukraine",
    } or set(r["country_iso3"]) == {"MNE", "RUS", "BLR", "KGZ", "KAZ", "GEO", "UKR"}
    assert set(r["country_iso3"]) == {"MNE", "RUS", "BLR", "KGZ", "KAZ", "GEO", "UKR"}
    assert int(r["identifies_as_wud"].sum()) == 11
    knew = r["knows_wud_services"].eq("yes")
    assert int(knew.sum()) == 13
    assert set(r.loc[knew, "country_iso3"]) == {"MNE", "BLR", "KGZ", "KAZ", "GEO", "UKR"}
    ranks = eeca.barrier_ranks
    assert ranks["respondent_id"].nunique() == 15
    first = ranks[ranks["barrier_rank"] == 1]["issue"].value_counts().to_dict()
    assert first == {"lack_of_access": 10, "criminalisation": 4, "gender_based_violence": 1}
    top3 = {"lack_of_access", "criminalisation", "gender_based_violence"}
    for rank in (2, 3):
        counts = ranks[ranks["barrier_rank"] == rank]["issue"].value_counts()
        assert set(counts.index[:3]) == top3 and counts.iloc[2] > counts.iloc[3]


def test_eeca_coding_names_services_and_keeps_russian_text(eeca):
    excerpts = " ".join(eeca.coding["excerpt"].dropna())
    assert "Juventas" in excerpts and "WINGS" in excerpts
    assert "Криминализация" in excerpts
    hidden = ~eeca.coding["is_publishable"]
    assert hidden.any() and eeca.coding.loc[hidden, "excerpt"].isna().all()


def test_processed_tables_are_typed(eeca):
    assert str(eeca.respondents["identifies_as_wud"].dtype) == "boolean"
    assert eeca.respondents["identifies_as_wud"].isna().sum() == 1  # preferred not to say
    assert str(eeca.barrier_ranks["barrier_rank"].dtype) == "int64"
    assert eeca.provenance.is_synthetic is True
    assert all(len(h) == 64 for h in eeca.provenance.inputs.values())


def test_other_regions_match_what_is_published(processed_project):
    paths, outcomes = processed_project
    if "africa" in outcomes:
        africa = load_processed(paths.processed / "africa").respondents
        assert len(africa) == 21 and int(africa["knows_wud_services"].eq("yes").sum()) == 13
    if "asia" in outcomes:
        asia = load_processed(paths.processed / "asia").respondents
        knew = asia.loc[asia["knows_wud_services"].eq("yes"), "country_iso3"]
        assert set(knew) == {"IND", "MMR"}
    if "western-europe" in outcomes:
        we = load_processed(paths.processed / "western-europe").respondents
        assert we["knows_wud_services"].eq("yes").mean() < 0.5


def test_selection_is_honoured():
    assert selected_region_ids()
