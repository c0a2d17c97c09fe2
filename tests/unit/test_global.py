"""The global briefing: every region side by side, run as a notebook on a real kernel in a
project copy whose regions were built through the real pipeline, and read back as a reader
would (its executed outputs and the HTML the project's exporter renders); the services
directory for advocates; and the figures across regions on tiny inline regions."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from support.project import REPO
from support.tiny import PEOPLE, RANKS, tiny_region
from wud_briefings.analysis import load
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, count_and_share
from wud_briefings.analysis.display import maps, narrative, plots, show
from wud_briefings.analysis.figures import across_regions, metrics
from wud_briefings.analysis.figures.across_regions import LeftOutRegion, RegionSurvey
from wud_briefings.survey.regions import load_regions

POLICY = DisclosurePolicy(3)


# --- the notebook, executed and rendered -------------------------------------------------


# --- the services directory for advocates ------------------------------------------------


# --- regions left out are named ----------------------------------------------------------


# --- figures across regions, on tiny regions ---------------------------------------------


def survey(region_id: str, data) -> RegionSurvey:
    """A tiny region under EECA's definition, named after its id."""
    region = load_regions(REPO)["eeca"]
    return RegionSurvey(replace(region, id=region_id, names=(("en", region_id.title()),)), data)


@pytest.fixture
def tiny(codebook):
    """Belarus 3 (one reported an NSP), Russia 3 (nothing), Georgia 1 (reported OST) and
    Ukraine 2: Georgia and Ukraine are pooled, and the pool reported OST."""
    coding = [(0, "services", "nsp", "An NSP"), (6, "services", "ost", "Methadone")]
    return tiny_region([*PEOPLE, ("Ukraine", True), ("Ukraine", False)], RANKS, coding)


def test_a_country_below_k_is_counted_nowhere_and_shaded_as_few(tiny, codebook):
    surveys = [survey("one", tiny)]
    services = across_regions.services_by_region(surveys, codebook, POLICY)
    assert services.loc["needle and syringe programme (NSP)", "One"] == 1  # Belarus
    assert services.loc["opioid substitution therapy (OST)", "One"] == 0  # Georgia's, pooled
    assert services.loc[across_regions.DESCRIBED.format(k=POLICY.k), "One"] == 2
    pool = POLICY.pooled_label()
    assert metrics.service_map(tiny, codebook, POLICY).loc[
        pool, "opioid substitution therapy (OST)"
    ]
    status = across_regions.country_status(surveys, codebook, POLICY)["status"].to_dict()
    assert status == {
        "BLR": maps.SERVICE,
        "GEO": maps.FEW,
        "RUS": maps.NO_SERVICE,
        "UKR": maps.FEW,
    }
    assert across_regions.services_directory(surveys, POLICY)["country"].tolist() == [
        "Belarus",
        pool,
    ]


def test_a_country_in_two_regions_is_shaded_by_a_region_that_describes_it(tiny, codebook):
    georgia_large = tiny_region([("Georgia", True)] * 3, [], [(0, "services", "ost", "OST")])
    status = across_regions.country_status(
        [survey("one", tiny), survey("two", georgia_large)], codebook, POLICY
    )
    assert status.loc["GEO", "status"] == maps.SERVICE
    assert status.loc["GEO", "regions"] == "One; Two"
    uncoded = tiny_region([("Russia", True)] * 3, is_coded=False)
    both = across_regions.country_status(
        [survey("one", tiny), survey("u", uncoded)], codebook, POLICY
    )
    assert both.loc["RUS", "status"] == maps.AWAITING_CODING  # not "none reported": not coded there


def test_no_wud_figure_where_everyone_gave_the_same_answer(tiny, codebook):
    same = tiny_region([("Belarus", True)] * 4)
    table = across_regions.regions_table([survey("one", tiny), survey("same", same)], POLICY)
    assert table.loc["One", "Identify as women who use drugs"] == count_and_share(6, 9)
    assert table.loc["Same", "Identify as women who use drugs"] == across_regions.NOT_SHOWN_WUD


def test_first_ranks_are_shares_of_those_who_ranked(tiny, codebook):
    nobody = tiny_region([("Russia", True)] * 3)
    shares = across_regions.first_rank_shares(
        [survey("one", tiny), survey("none", nobody)], codebook
    )
    one = shares[shares["region"].eq("One")].set_index("issue")
    assert one.loc["Lack of access to harm reduction services", "share_pct"] == 67  # 4 of 6
    assert one["ranked"].iloc[0] == 6 and shares["issue"].iloc[0].startswith("Lack of access")
    chart = plots.first_rank_heatmap(shares)
    assert "One, 6 ranked: lack of access to harm reduction services 67%" in chart.alt
    assert "None: nobody gave a first rank" in chart.alt
    text = narrative.first_rank_text(shares)
    assert "lack of access to harm reduction services in One" in text
    assert "No respondent ranked the issues in None." in text


def test_nothing_to_show_gives_notes_not_errors(codebook):
    assert show.services_by_region(pd.DataFrame(), POLICY).data == narrative.NO_REGION_CODED
    assert (
        show.services_directory(pd.DataFrame(columns=across_regions.DIRECTORY_COLUMNS)).data
        == narrative.NO_DIRECTORY_ENTRY
    )
    empty = across_regions.knew_of_services([], POLICY)
    assert narrative.knew_text(empty) == ""
    assert plots.knew_of_services_figure(empty) is None
    assert plots.first_rank_heatmap(across_regions.first_rank_shares([], codebook)) is None
    missing = [LeftOutRegion(load_regions(REPO)["eeca"], load.NOT_PASSED)]
    assert "**Eastern Europe and Central Asia**: its export did not pass" in (
        narrative.global_respondents_text(across_regions.regions_table([], POLICY), missing)
    )
