from wud_briefings.metrics import Headline
from wud_briefings.narrative import and_list, services_text, synthetic_banner


def headline(**changes):
    values = dict(
        respondents=17,
        countries=["Belarus", "Russia"],
        identifies_as_wud=11,
        knows_wud_services=13,
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


def test_services_sentence_names_countries_without_services():
    assert "every country except Russia, where none were reported" in services_text(headline())
    assert "every country." in services_text(headline(countries_without_services=[]))
    nowhere = headline(countries_without_services=["Belarus", "Russia"], knows_wud_services=0)
    assert "No country had such a service reported" in services_text(nowhere)
