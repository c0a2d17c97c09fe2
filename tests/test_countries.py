import pytest

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
