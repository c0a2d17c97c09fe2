import pytest

from wud_briefings.privacy import EMAIL_MARK, PHONE_MARK, pseudonym, redact


def test_pseudonyms_are_stable_and_do_not_show_the_id():
    first = pseudonym("eeca", "11406007919")
    assert first == pseudonym("eeca", " 11406007919 ")
    assert "11406007919" not in first
    assert first != pseudonym("eeca", "11406015838")
    assert first != pseudonym("asia", "11406007919")


def test_pseudonym_key_changes_pseudonyms(monkeypatch):
    before = pseudonym("eeca", "1")
    monkeypatch.setenv("WUD_PSEUDONYM_KEY", "another secret")
    assert pseudonym("eeca", "1") != before


def test_missing_id_stays_missing():
    assert pseudonym("eeca", None) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Write to anna.fake@example.org today", None),
        ("Call +7 900 000-00-17 for details", "RU"),
        ("Llame al 55 1234 5678", "MX"),
        ("tel 0412 345 678", "AU"),
    ],
)
def test_contacts_are_redacted(text, country):
    redacted = redact(text, country)
    assert "@" not in redacted
    assert not any(ch.isdigit() for ch in redacted.split(" ", 2)[-1][-4:])
    assert EMAIL_MARK in redacted or PHONE_MARK in redacted


def test_numbers_that_are_not_phones_survive():
    text = "Since 2019 we run 1-2 sites, open 9 to 5, for 17 women."
    assert redact(text, "RU") == text


def test_coding_excerpts_are_redacted_with_the_respondents_country():
    import pandas as pd

    from wud_briefings.ingest import SurveyTables
    from wud_briefings.privacy import protect

    respondents = pd.DataFrame(
        {"respondent_id": ["7"], "country_iso3": ["AUS"], "services_text": ["Ring 0412 345 678"]}
    )
    coding = pd.DataFrame({"respondent_id": ["7"], "excerpt": ["Ring 0412 345 678"]})
    ranks = pd.DataFrame({"respondent_id": pd.Series(dtype="str")})
    protected = protect(SurveyTables(respondents, ranks, coding, {}), "oceania")
    assert protected.coding.loc[0, "excerpt"] == f"Ring {PHONE_MARK}"
    assert protected.respondents.loc[0, "services_text"] == f"Ring {PHONE_MARK}"
    assert protected.coding.loc[0, "respondent_id"] == protected.respondents.loc[0, "respondent_id"]
