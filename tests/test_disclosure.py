import pandas as pd

from wud_briefings.disclosure import (
    count_and_share,
    percent,
    share_table,
    shown_count,
    suppress_table,
)


def test_a_count_of_two_shows_as_below_three():
    assert shown_count(2, 3) == "<3"
    assert shown_count(3, 3) == "3"
    assert shown_count(0, 3) == "<3"


def test_region_totals_are_exempt():
    assert shown_count(2, 3, is_region_total=True) == "2"
    assert count_and_share(1, 15, 3, is_region_total=True) == "1 of 15 (7%)"


def test_shares_of_small_cells_are_withheld():
    assert count_and_share(2, 17, 3) == "<3"
    assert count_and_share(13, 17, 3) == "13 of 17 (76%)"
    assert count_and_share(2, 2, 3) == "<3"  # a small group hides its shares too


def test_percent_rounds_half_up_like_the_report_should():
    assert percent(10, 15) == 67
    assert percent(11, 17) == 65
    assert percent(1, 8) == 13  # 12.5 rounds up, not to even


def test_tables_suppress_cells_and_withhold_their_shares():
    counts = pd.DataFrame({"WUD": [6, 2], "Others": [4, 1]}, index=["access", "violence"])
    shown = suppress_table(counts, 3)
    assert shown.loc["violence", "WUD"] == "<3" and shown.loc["access", "WUD"] == "6"
    shares = share_table(counts, counts.sum(), 3)
    assert shares.loc["access", "WUD"] == "75%"
    assert shares.loc["violence", "WUD"] == ""
    assert shares.loc["access", "Others"] == "80%"
