"""Disclosure control: the threshold, and suppression patterns an intruder cannot undo."""

import pandas as pd
import pytest

from wud_briefings.privacy.disclosure import check_k, count_and_share, percent
from wud_briefings.privacy.suppression import (
    WITHHELD,
    LinkedCounts,
    Unprotectable,
    intruder_bounds,
    protect_counts,
    protect_crosstab,
    suppress,
)


def test_percent_rounds_half_up_like_the_report_should():
    assert percent(10, 15) == 67
    assert percent(11, 17) == 65
    assert percent(1, 8) == 13  # 12.5 rounds up, not to even
    assert count_and_share(13, 17) == "13 of 17 (76%)"


@pytest.mark.parametrize("k", [-1, 0, 1])
def test_a_threshold_below_two_is_refused(k):
    with pytest.raises(ValueError, match="at least 2"):
        check_k(k)


def test_one_small_country_beside_a_total_takes_a_complement_with_it():
    counts = pd.Series([5, 5, 2], index=["A", "B", "C"], name="Respondents")
    table = protect_counts(counts, 12, 3, "by country")
    assert table.shown["Respondents"].tolist() == ["5", WITHHELD, WITHHELD]
    reasons = {c["row"]: c["reason"] for c in table.record["withheld"]}
    assert reasons == {"C": "primary", "B": "complementary"}
    # The record names cells, never their values.
    assert all(set(cell) == {"row", "column", "reason"} for cell in table.record["withheld"])


def test_audit_finds_what_a_naive_pattern_gives_away():
    # 3, 3, 3 shown beside four hidden cells and a total of 17: as "<3" each would be 2;
    # with a-priori bounds [1, 17] and no threshold label, each is anywhere in 1..5.
    table = LinkedCounts(
        (3, 3, 3, 2, 2, 2, 2, 17),
        (1,) * 7 + (17,),
        (False,) * 7 + (True,),
        (((0, 1, 2, 3, 4, 5, 6), 7),),
    )
    assert intruder_bounds(table, {3, 4, 5, 6}) == {c: (1, 5) for c in (3, 4, 5, 6)}
    assert intruder_bounds(table, {3}) == {3: (2, 2)}  # one hidden cell alone is pinned


def test_crosstab_complements_are_solved_against_the_printed_row_totals():
    counts = pd.DataFrame({"WUD": [6, 2, 2], "Others": [4, 1, 0]}, index=["x", "y", "z"])
    protected, totals = protect_crosstab(counts, 3, "rank 1")
    hidden = [(c["row"], c["column"]) for c in protected.record["withheld"]]
    assert ("y", "WUD") in hidden and ("z", "WUD") in hidden and ("y", "Others") in hidden
    assert protected.shown.loc["x", "WUD"] == "6 (60%)" or protected.shown.loc["x", "WUD"] in (
        "6",
        WITHHELD,
    )
    assert len(totals) == 2


def test_a_count_that_the_totals_fix_cannot_be_protected():
    with pytest.raises(Unprotectable):
        suppress(LinkedCounts((2, 2), (1, 2), (False, True), (((0,), 1),)), 3)


def test_countries_known_to_be_small_take_a_larger_one_with_them():
    """A briefing shows which countries are below k (they are pooled): EECA's 3, 3, 3 and
    four 2s of 17. Withholding only the 2s would leave four counts of at most 2 summing
    to 8: each 2. One of the 3s is withheld with them."""
    counts = pd.Series([3, 3, 3, 2, 2, 2, 2], index=list("ABCDEFG"), name="Respondents")
    table = protect_counts(counts, 17, 3, "by country")
    hidden = {c["row"]: c["reason"] for c in table.record["withheld"]}
    assert {r for r, why in hidden.items() if why == "primary"} == set("DEFG")
    assert len([r for r, why in hidden.items() if why == "complementary"]) == 1
    knows_which_are_small = LinkedCounts(
        (3, 3, 3, 2, 2, 2, 2, 17),
        (3, 3, 3, 1, 1, 1, 1, 17),
        (False,) * 7 + (True,),
        (((0, 1, 2, 3, 4, 5, 6), 7),),
        ceiling=(17, 17, 17, 2, 2, 2, 2, 17),
    )
    cells = {i for i, label in enumerate("ABCDEFG") if label in hidden}
    assert all(low < high for low, high in intruder_bounds(knows_which_are_small, cells).values())
    assert intruder_bounds(knows_which_are_small, {3, 4, 5, 6}) == {c: (2, 2) for c in (3, 4, 5, 6)}


def test_small_countries_that_the_total_alone_pins_cannot_be_protected():
    # Two countries of 2, both known to be below 3, and 4 respondents: each is 2.
    with pytest.raises(Unprotectable):
        protect_counts(pd.Series([2, 2], index=["A", "B"], name="Respondents"), 4, 3, "t")
