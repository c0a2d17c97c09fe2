"""A translation may add no number and no place to the respondent's words.

The rule (:mod:`wud_briefings.ingest.protection.translations`) is tried on chosen cases,
then attacked with random words, numbers and country names in every edition
language; the gate's refusal of a sheet that breaks it is in test_bad_inputs.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wud_briefings.core.language import LANGUAGES
from wud_briefings.ingest.protection.translations import adds_nothing
from wud_briefings.survey.countries import localised_names

WORDS = st.lists(
    st.sampled_from(["women", "services", "shelter", "мало", "услуг", "mujeres", "apoyo"]),
    min_size=1,
    max_size=8,
).map(" ".join)
COUNTRY_NAMES = sorted({name for language in LANGUAGES for name in localised_names(language)})


@pytest.mark.parametrize(
    ("excerpt", "translation", "own_place", "expected"),
    [
        ("Криминализация в России, 3 случая", "Criminalisation in Russia, 3 cases", None, True),
        ("Криминализация означает…", "Criminalisation in Russia means…", None, False),
        ("Метадон.", "Methadone for 17 women.", None, False),
        ("До конца 2020 года.", "Until the end of 2020.", None, True),
        ("Нет приюта.", "No shelter in Almaty.", "Almaty", False),
        ("Нет приюта в Almaty.", "No shelter in Almaty.", "Almaty", True),
        ("Un programa en la capital.", "A programme in the capital.", None, True),
        ("Un programa en México.", "A programme in Mexico.", None, True),
        ("В Украине есть WINGS.", "There is WINGS in Ukraine.", None, True),
    ],
)
def test_chosen_translations(excerpt, translation, own_place, expected):
    assert adds_nothing(excerpt, translation, own_place) is expected


@given(WORDS, st.integers(min_value=0, max_value=10**6))
def test_a_number_the_excerpt_lacks_is_caught(words, added):
    assert not adds_nothing(words, f"{words} {added}")
    assert adds_nothing(f"{words} {added}", f"{added} {words}")


@given(WORDS, st.sampled_from(COUNTRY_NAMES))
def test_a_country_the_excerpt_lacks_is_caught_in_any_edition_language(words, country):
    assert not adds_nothing(words, f"{words} ({country})")
    assert adds_nothing(f"{words} {country}", f"{country}: {words}")
