import pandas as pd
import pytest
from markupsafe import escape

from support.tiny import synthetic_provenance
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display import narrative
from wud_briefings.analysis.display.narrative import (
    NOT_CODED,
    and_list,
    barriers_text,
    data_quality_text,
    respondents_text,
    services_text,
    synthetic_banner,
)
from wud_briefings.analysis.figures.metrics import Headline
from wud_briefings.analysis.figures.respondent_words import Excerpt
from wud_briefings.core.language import using
from wud_briefings.ingest.coding import TRANSLATION_COLUMNS

POLICY = DisclosurePolicy(3)


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
    text = services_text(headline(), POLICY)
    assert "every country with 3 or more respondents except Russia, where none were" in text
    assert "Countries with fewer than 3 respondents are not described one by one." in text
    assert "Georgia" not in text
    everywhere = services_text(
        headline(
            countries_without_services=[], countries=["Belarus"], countries_described=["Belarus"]
        ),
        POLICY,
    )
    assert "These were reported in every country." in everywhere
    nowhere = headline(countries_without_services=["Belarus", "Russia"], knows_wud_services=0)
    assert "No country had such a service reported" in services_text(nowhere, POLICY)


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
        "At rank 1, 10 of 15 (67%) named lack of access, 4 of 15 (27%) criminalisation "
        "and 1 of 15 (7%) violence." in text
    )
    assert text.endswith("No respondent gave a third rank.")


def test_the_data_quality_note_says_when_answers_are_not_coded():
    provenance = synthetic_provenance(False, barrier_ranks=["ranks are 1, 2 or 3"])
    text = data_quality_text(provenance, POLICY)
    assert "1 Great Expectations checks passed" in text and f"**{NOT_CODED}**" in text
    assert "counts below 3 are withheld" in text


def quotes_frame(*places: str, language: str = "en", **translations: str) -> pd.DataFrame:
    """Quotes of one excerpt from each place, as ``metrics.quotes`` gives them."""
    return pd.DataFrame(
        {
            "theme": "stigma",
            "place": list(places),
            "excerpt": "No <b>shelter</b>.",
            "language": language,
            **{column: translations.get(column) for column in TRANSLATION_COLUMNS.values()},
        }
    )


def test_a_quote_from_the_pool_names_it_without_nested_parentheses():
    shown = narrative.quotes_html(quotes_frame(POLICY.pooled_label(), "Belarus"))
    assert "<footer>(countries with fewer than 3 respondents)</footer>" in shown
    assert "<footer>(Belarus)</footer>" in shown


QUOTED = "No &lt;b&gt;shelter&lt;/b&gt;."  # the excerpt, escaped
WORDS = QUOTED.removesuffix(".")  # its words, before the full stop the page's language places


@pytest.mark.parametrize(("language", "marks"), [("en", "“{}.”"), ("es", "«{}»."), ("ru", "«{}».")])
def test_a_quote_is_escaped_and_set_in_its_page_s_quotation_marks(language, marks):
    with using(language):  # an excerpt in the page's language: printed as written, unmarked
        shown = narrative.quotes_html(quotes_frame("Belarus", language=language))
    assert f"<p>{marks.format(WORDS)}</p>" in shown
    assert "<p><strong>Stigma</strong></p>" in shown


def test_a_quote_is_printed_in_the_researchers_translation_with_the_original_beside_it():
    quoted = quotes_frame("Russia", language="ru", translation_en="No shelter, in English.")
    with using("en"):
        english = narrative.quotes_html(quoted)
    with using("ru"):
        russian = narrative.quotes_html(quoted)
    assert "<p>“No shelter, in English.”</p>" in english  # the page's language: no lang
    assert "<footer>(Russia; translated from Russian)</footer>" in english
    assert '<details class="original"><summary>The respondent&#39;s words</summary>' in english
    assert f'<p lang="ru">{QUOTED}</p></details>' in english
    assert escape(narrative._(narrative.WORDS_TRANSLATED)) in english
    # In its own language the excerpt is printed as written, and nothing says otherwise.
    assert f"<p>«{WORDS}».</p>" in russian and "<details" not in russian
    assert "in English" not in russian and "перевод" not in russian


def test_a_quote_not_translated_is_printed_as_written_and_marked_with_its_language():
    quoted = quotes_frame("Russia", language="en", translation_es="No hay refugio.")
    with using("ru"):
        russian = narrative.quotes_html(quoted)
        note = escape(narrative._(narrative.WORDS_IN_THEIR_LANGUAGE))
    assert f'<p lang="en">«{WORDS}».</p>' in russian and "<details" not in russian
    assert note in russian and "No hay" not in russian
    with using("es"):
        assert "<p>«No hay refugio».</p>" in narrative.quotes_html(quoted)


def test_the_page_says_what_it_did_with_respondents_words():
    english = Excerpt("Words.", "en")
    russian = Excerpt("Слова.", "ru", (("en", "Words, translated."),))
    with using("en"):
        cases = {
            (english,): narrative.WORDS_AS_WRITTEN,
            (russian,): narrative.WORDS_TRANSLATED,
            # one as written, one translated: "as they wrote them, or in … translation"
            (english, russian): narrative.WORDS_SOME_TRANSLATED,
            (Excerpt("Слова.", "ru"),): narrative.WORDS_IN_THEIR_LANGUAGE,
            (russian, Excerpt("Palabras.", "es")): narrative.WORDS_SOME_TRANSLATED,
        }
        for excerpts, expected in cases.items():
            passages = [e.read_in("en") for e in excerpts]
            assert narrative.words_note(passages) == narrative._(expected), excerpts


@pytest.mark.parametrize(
    ("language", "respondents", "countries", "expected"),
    [
        ("ru", 17, 7, "участвовали **17 респондентов** из **7 стран**."),
        ("ru", 21, 1, "участвовал **21 респондент** из **1 страны**."),
        ("ru", 3, 2, "участвовали **3 респондента** из **2 стран**."),
        ("es", 15, 7, "Respondieron **15 personas** de **7 países** de"),
        ("es", 1, 1, "Respondió **1 persona** de **1 país** de"),
        ("en", 1, 1, "**1 respondent** from **1 country** in"),
    ],
)
def test_the_respondents_sentence_agrees_with_its_counts_in_every_language(
    language, respondents, countries, expected
):
    """A bilingual editor's findings: no «17 респондентов; стран: 7 стран», no «Страны
    работы», no «Trabajaban en»; noun and verb agree with the count in each language."""
    names = [f"Country {n}" for n in range(countries)]
    with using(language):
        text = respondents_text(headline(respondents=respondents, countries=names), "R")
    assert expected in text
    assert "стран: " not in text and "Страны работы" not in text and "Trabajaban" not in text


def test_the_rank_one_sentence_sets_each_label_as_its_language_reads_it():
    """Russian sets an issue's label beside its count (no case ending to agree with it):
    «криминализация — 4 из 15 (27 %)»; Spanish names it with its article, from the
    glossary's sentence forms («señalaron la criminalización…»), and a label with none
    is set as it is."""

    def counts(labels: list[str]) -> pd.DataFrame:
        return pd.DataFrame({1: [10, 4], 2: [0, 0], 3: [0, 0]}, index=labels)

    with using("ru"):
        text = barriers_text(counts(["Криминализация", "Стигма"]), 14)
    assert (
        "На 1-м месте: криминализация — 10 из 14 (71\u00a0%) и стигма — 4 из 14 (29\u00a0%)."
        in text
    )
    with using("es"):
        text = barriers_text(counts(["Violencia de género", "Otra etiqueta"]), 14)
    assert (
        "Como problema principal (puesto 1), 10 de 14 (71\u00a0%) señalaron la violencia de "
        "género y 4 de 14 (29\u00a0%) otra etiqueta." in text
    )
