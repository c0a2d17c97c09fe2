import pytest

from wud_briefings.core.language import using
from wud_briefings.survey.countries import countries_in, short_name, to_iso3


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Tanzania", "TZA"),
        ("USA", "USA"),
        ("Ivory Coast", "CIV"),
        ("Kyrgyzstan", "KGZ"),
        ("Namibia", "NAM"),
    ],
)
def test_english_names_and_aliases(name, iso3):
    assert to_iso3(name) == iso3


@pytest.mark.parametrize(
    ("name", "language", "iso3"),
    [
        ("México", "es", "MEX"),
        ("Brasil", "es", "BRA"),
        ("Perú", "es", "PER"),
        ("Россия", "ru", "RUS"),
    ],
)
def test_names_in_the_survey_language(name, language, iso3):
    assert to_iso3(name, (language, "en")) == iso3


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Россия", "RUS"),
        ("Российская Федерация", "RUS"),
        ("Беларусь", "BLR"),
        ("Белоруссия", "BLR"),
        ("Кыргызстан", "KGZ"),
        ("Киргизия", "KGZ"),
        ("Молдова", "MDA"),
        ("Республика Молдова", "MDA"),
        ("Казахстан", "KAZ"),
        ("Таджикистан", "TJK"),
        ("Узбекистан", "UZB"),
        ("Украина", "UKR"),
        ("Грузия", "GEO"),
        ("Армения", "ARM"),
        ("Азербайджан", "AZE"),
        ("Черногория", "MNE"),
        ("Косово", "XKX"),
        ("  кыргызстан\u00a0", "KGZ"),
    ],
)
def test_russian_names_and_the_codebooks_aliases(name, iso3, codebook):
    languages = ("ru", "en")
    assert to_iso3(name, languages, codebook.country_alias_codes(languages)) == iso3


def test_an_alias_is_tried_only_in_its_language(codebook):
    assert to_iso3("Кыргызстан", ("ru", "en")) == "KGZ"  # the glossary's name (CLDR's: «Киргизия»)
    assert to_iso3("Кыргызстан", ("es", "en"), codebook.country_alias_codes(("es", "en"))) is None


def test_a_place_that_is_not_a_country():
    assert to_iso3("Atlantis") is None
    assert to_iso3("   ") is None


def test_region_membership_follows_m49_plus_extras(regions):
    eeca = regions["eeca"].countries
    assert {"RUS", "UKR", "KAZ", "KGZ", "GEO", "MNE", "BLR"} <= eeca
    assert "FRA" not in eeca
    assert "TZA" in regions["africa"].countries and "EGY" not in regions["africa"].countries


def test_unknown_subregion_is_refused():
    with pytest.raises(ValueError, match="unknown UN M49"):
        countries_in(["Middle Earth"], [])


def test_short_names_for_briefings():
    assert short_name("RUS") == "Russia"
    assert short_name("CIV") == "Côte d'Ivoire"


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("es", {"RUS": "Rusia", "KGZ": "Kirguistán", "MEX": "México", "XKX": "Kosovo"}),
        # «Кыргызстан»: the glossary's name, as EECA's NGOs write it (CLDR: «Киргизия»)
        ("ru", {"RUS": "Россия", "KGZ": "Кыргызстан", "MEX": "Мексика", "XKX": "Косово"}),
    ],
)
def test_short_names_in_the_briefings_language(language, names):
    with using(language):
        assert {iso3: short_name(iso3) for iso3 in names} == names
    assert short_name("KGZ") == "Kyrgyzstan"
    assert short_name("KGZ", "ru") == "Кыргызстан"
