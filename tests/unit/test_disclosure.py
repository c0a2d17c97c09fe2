"""Disclosure control: the threshold, and suppression patterns an intruder cannot undo."""

import pandas as pd
import pytest

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, count_and_share, percent
from wud_briefings.analysis.disclosure.suppression import (
    WITHHELD,
    LinkedCounts,
    Unprotectable,
    exposed,
    intruder_bounds,
    protect_counts,
    protect_crosstab,
    suppress,
)

POLICY = DisclosurePolicy(3)


def test_percent_rounds_half_up_like_the_report_should():
    assert percent(10, 15) == 67
    assert percent(11, 17) == 65
    assert percent(1, 8) == 13  # 12.5 rounds up, not to even
    assert count_and_share(13, 17) == "13 of 17 (76%)"


@pytest.mark.parametrize("k", [-1, 0, 1])
def test_a_threshold_below_two_is_refused(k):
    with pytest.raises(ValueError, match="at least 2"):
        DisclosurePolicy(k)


def test_the_rules_follow_from_the_threshold():
    assert [n for n in range(5) if POLICY.is_small(n)] == [1, 2]  # 0 points to nobody
    assert [n for n in range(5) if POLICY.is_described(n)] == [3, 4]
    assert POLICY.largest_small == 2
    # small countries are pooled only two or more together, and 3 respondents or more
    assert POLICY.pools([1, 2]) and POLICY.pools([1, 1, 1])
    assert not POLICY.pools([2]) and not POLICY.pools([1, 1])
    assert POLICY.pooled_label() == "Countries with fewer than 3 respondents (pooled)"


def test_one_small_country_beside_a_total_takes_a_complement_with_it():
    counts = pd.Series([5, 5, 2], index=["A", "B", "C"], name="Respondents")
    table = protect_counts(counts, 12, POLICY, "by country")
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
    protected, totals = protect_crosstab(counts, POLICY, "rank 1", [10, 5], 15)
    hidden = [(c["row"], c["column"]) for c in protected.record["withheld"]]
    assert ("y", "WUD") in hidden and ("z", "WUD") in hidden and ("y", "Others") in hidden
    assert protected.shown.loc["x", "WUD"] == "6 (60%)" or protected.shown.loc["x", "WUD"] in (
        "6",
        WITHHELD,
    )
    assert len(totals) == 2


def test_crosstab_complements_are_solved_against_the_groups_sizes_printed_elsewhere():
    """Oceania before issue 17: 12 of 14 gave a first rank; the page says 2 of the 14
    preferred not to say. Their column adds up to at most 2, so a pattern chosen without
    that bound leaves cells with one value; the pattern chosen with it leaves none."""
    counts = pd.DataFrame(
        {"WUD": [4, 2, 2], "No": [2, 0, 0], "Not said": [0, 2, 0]},
        index=["stigma", "women-specific", "custody"],
    )
    sizes, population = [9, 3, 2], 14
    # Sizes no smaller than the table, and as many respondents again outside it: no bound.
    unaware, _ = protect_crosstab(counts, POLICY, "rank 1", [12, 12, 12], 24)
    aware, _ = protect_crosstab(counts, POLICY, "rank 1", sizes, population)

    def pinned(protected) -> set[int]:
        # The intruder's view: every printed number, and the groups' sizes as bounds.
        values = [int(counts.iloc[i, j]) for i in range(3) for j in range(3)]
        values += [int(v) for v in counts.sum(axis=1)] + [int(v) for v in counts.sum()]
        values.append(int(counts.to_numpy().sum()))
        lower = [0] * 12 + [max(0, s - (population - 12)) for s in sizes] + [12]
        ceiling = [12] * 12 + sizes + [12]
        sums = [((3 * i, 3 * i + 1, 3 * i + 2), 9 + i) for i in range(3)]
        sums += [((j, 3 + j, 6 + j), 12 + j) for j in range(3)] + [((12, 13, 14), 15)]
        fixed = (False,) * 9 + (True,) * 3 + (False,) * 3 + (True,)
        table = LinkedCounts(tuple(values), tuple(lower), fixed, tuple(sums), tuple(ceiling))
        cells = {(r, c): 3 * r + c for r in range(3) for c in range(3)}
        cells |= {("all issues", c): 12 + c for c in range(3)}
        names = dict(zip(["stigma", "women-specific", "custody"], range(3), strict=True))
        names |= {"all issues": "all issues"}
        columns = dict(zip(["WUD", "No", "Not said"], range(3), strict=True))
        hidden = {
            cells[(names[w["row"]], columns[w["column"]])]
            for w in protected.record["withheld"]
            if w["column"] in columns
        }
        return exposed(table, hidden)

    assert pinned(unaware)
    assert not pinned(aware)


def test_a_count_that_the_totals_fix_cannot_be_protected():
    with pytest.raises(Unprotectable):
        suppress(LinkedCounts((2, 2), (1, 2), (False, True), (((0,), 1),)), POLICY)


def test_countries_known_to_be_small_take_a_larger_one_with_them():
    """A briefing shows which countries are below k (they are pooled): EECA's 3, 3, 3 and
    four 2s of 17. Withholding only the 2s would leave four counts of at most 2 summing
    to 8: each 2. One of the 3s is withheld with them."""
    counts = pd.Series([3, 3, 3, 2, 2, 2, 2], index=list("ABCDEFG"), name="Respondents")
    table = protect_counts(counts, 17, POLICY, "by country")
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
        protect_counts(pd.Series([2, 2], index=["A", "B"], name="Respondents"), 4, POLICY, "t")
