import pandas as pd
import pytest

from wud_briefings.analysis import metrics, narrative
from wud_briefings.analysis.metrics import Headline
from wud_briefings.analysis.narrative import (
    NOT_CODED,
    and_list,
    barriers_text,
    data_quality_text,
    respondents_text,
    services_text,
    synthetic_banner,
)
from wud_briefings.core.language import using


def headline(**changes):
    values = dict(
        respondents=17,
        countries=["Belarus", "Russia", "Georgia"],
        identifies_as_wud=11,
        prefers_not_to_say=0,
        knows_wud_services=13,
        countries_described=["Belarus", "Russia"],
        countries_without_services=["Russia"],
        ranked=15,
    )
    return Headline(**(values | changes))


def test_synthetic_banner_only_for_synthetic_data():
    assert "Synthetic data" in synthetic_banner(True)
    assert synthetic_banner(False) == ""


def test_lists_read_like_the_report():
    assert and_list(["Russia"]) == "Russia"
    assert and_list(["Russia", "Belarus", "Ukraine"]) == "Russia, Belarus and Ukraine"


def test_services_sentence_names_only_countries_of_k_or_more():
    text = services_text(headline(), 3)
    assert "every country with 3 or more respondents except Russia, where none were" in text
    assert "Countries with fewer than 3 respondents are not described one by one." in text
    assert "Georgia" not in text
    everywhere = services_text(
        headline(
            countries_without_services=[], countries=["Belarus"], countries_described=["Belarus"]
        ),
        3,
    )
    assert "These were reported in every country." in everywhere
    nowhere = headline(countries_without_services=["Belarus", "Russia"], knows_wud_services=0)
    assert "No country had such a service reported" in services_text(nowhere, 3)


def test_prefer_not_to_say_is_its_own_category():
    text = respondents_text(headline(prefers_not_to_say=2), "EECA")
    assert "11 of 17 (65%)** of the respondents identify as women who use drugs (WUD)" in text
    assert "2 of 17 (12%) preferred not to say." in text


def test_the_rank_one_sentence_names_three_issues_and_the_ranks_nobody_gave():
    counts = pd.DataFrame(
        {1: [10, 4, 1, 0], 2: [3, 5, 2, 1], 3: [0, 0, 0, 0]},
        index=["Lack of access", "Criminalisation", "Violence", "Cost"],
    )
    text = barriers_text(counts, 15)
    assert (
        "At rank 1, 10 of 15 (67%) named lack of access, 4 of 15 (27%) named criminalisation "
        "and 1 of 15 (7%) named violence." in text
    )
    assert text.endswith("No respondent gave a third rank.")


def test_the_data_quality_note_says_when_answers_are_not_coded():
    provenance = {"is_coded": False, "checks": {"barrier_ranks": ["ranks are 1, 2 or 3"]}}
    text = data_quality_text(provenance, 3)
    assert "1 Great Expectations checks passed" in text and f"**{NOT_CODED}**" in text
    assert "counts below 3 are withheld" in text


def quotes_frame(*places: str) -> pd.DataFrame:
    return pd.DataFrame({"theme": "stigma", "excerpt": "No <b>shelter</b>.", "place": list(places)})


def test_a_quote_from_the_pool_names_it_without_nested_parentheses():
    shown = narrative.quotes_html(quotes_frame(metrics.pooled_label(3), "Belarus"))
    assert "<footer>(countries with fewer than 3 respondents)</footer>" in shown
    assert "<footer>(Belarus)</footer>" in shown


QUOTED = "No &lt;b&gt;shelter&lt;/b&gt;."  # the excerpt, escaped


@pytest.mark.parametrize(("language", "marks"), [("en", "“{}”"), ("es", "«{}»"), ("ru", "«{}»")])
def test_a_quote_is_escaped_and_set_in_its_page_s_quotation_marks(language, marks):
    with using(language):
        shown = narrative.quotes_html(quotes_frame("Belarus"))
    assert f"<p>{marks.format(QUOTED)}</p>" in shown
    assert "<p><strong>Stigma</strong></p>" in shown
