import pandas as pd
import pytest

from support.project import REPO
from wud_briefings.ingest.export import SurveyTables
from wud_briefings.ingest.protection.protect import protect
from wud_briefings.ingest.protection.pseudonyms import SYNTHETIC_KEY, pseudonym
from wud_briefings.ingest.protection.redaction import redact
from wud_briefings.survey.countries import to_iso2
from wud_briefings.survey.regions import load_regions


def iso2_codes(region) -> set[str]:
    return {c for c in map(to_iso2, region.countries) if c}


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Write to anna.fake@example.org today", "Write to [email removed] today"),
        ("write to olga at gmail dot com today", "write to [email removed] today"),
        ("olga [at] gmail [dot] com", "[email removed]"),
        ("mail olga(at)gmail.com!", "mail [email removed]!"),
        ("olga @ gmail . com, thanks", "[email removed], thanks"),
        ("olga＠gmail．com", "[email removed]"),
        ("Ｍａｉｌ： olga＠gmail．com ①", "Ｍａｉｌ： [email removed] ①"),
        ("escriba a olga arroba gmail punto com", "escriba a [email removed]"),
        ("пишите olga собака mail точка ru", "пишите [email removed]"),
        ("jose\u0301@correo.mx es mi correo", "[email removed] es mi correo"),
    ],
)
def test_email_addresses_are_redacted_however_written(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Telegram: @olga_harm.", "Telegram: [handle removed]."),
        ("find me @olga.harm on insta", "find me [handle removed] on insta"),
        ("olga@gmail.com", "[email removed]"),
        ("meet @ 5 pm, a lone @ sign", "meet @ 5 pm, a lone @ sign"),
    ],
)
def test_handles_are_redacted_but_not_a_lone_at_sign(text, redacted):
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "link",
    [
        "t.me/olga_harm",
        "https://t.me/olga_harm",
        "telegram.me/olga",
        "wa.me/380501234567",
        "https://www.facebook.com/olga.k",
        "fb.com/olga",
        "m.facebook.com/profile.php?id=100001",
        "http://instagram.com/olga",
        "www.vk.com/id12345",
        "ok.ru/profile/5712",
        "twitter.com/olga",
        "x.com/olga",
        "tiktok.com/@olga",
        "linkedin.com/in/olga-k",
        "https://signal.me/#p/+380501234567",
        "viber://chat?number=%2B380501234567",
        "https://invite.viber.com/?g2=AQBx1",
    ],
)
def test_profile_and_messenger_links_are_redacted(link):
    assert (
        redact(f"Find me at {link}, or ({link}).")
        == "Find me at [link removed], or ([link removed])."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Our site: https://juventas.me (if it is safe to share)",
        "See www.harmreduction.eu.",
        "find us at harmreduction.eu",
        "Their page linkedin.com/company/juventas and files on dropbox.com/s/abc",
        "We use Facebook and Telegram groups, and Viber.",
    ],
)
def test_organisation_sites_and_mere_mentions_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "country", "redacted"),
    [
        ("Call +7 900 000-00-17 for details", "RU", "Call [phone removed] for details"),
        ("Llame al 55 1234 5678", "MX", "Llame al [phone removed]"),
        ("tel 0412 345 678", "AU", "tel [phone removed]"),
        ("call ０５０ １２３ ４５ ６７", "UA", "call [phone removed]"),
    ],
)
def test_phone_numbers_are_redacted(text, country, redacted):
    assert redact(text, country) == redacted


def test_a_neighbours_phone_number_is_read_by_the_region_countries(regions):
    text = "Sună la 050 123 45 67 (Ucraina)"
    assert redact(text, "MD") == text  # not a Moldovan number
    assert redact(text, "MD", iso2_codes(regions["eeca"])) == "Sună la [phone removed] (Ucraina)"


NOT_PHONES = (
    "Since 2019 we run 1-2 sites, open 9 to 5, for 17 women.",
    "In 2019-2020 and 2020/21, 17 respondents ranked it 1st, 2nd or 3rd.",
    "From 05.06.2020 to 2020-12-31, at 10:30.",
    "About 10 000 people, 12345 syringes, 123456 needles.",
    "Ages 18-25, 26-35; 3 out of 10; 250 women in 2020.",
)


@pytest.mark.parametrize("region_id", list(load_regions(REPO)))
def test_years_counts_ranks_and_dates_survive_in_every_country(regions, region_id):
    countries = iso2_codes(regions[region_id])
    for country in [*sorted(countries), None]:
        for text in NOT_PHONES:
            assert redact(text, country, countries) == text, country


def test_missing_answers_stay_missing():
    assert redact(None) is None
    assert pd.isna(redact(float("nan")))


def test_coding_excerpts_are_redacted_with_the_respondents_country(regions):
    respondents = pd.DataFrame(
        {"respondent_id": ["7"], "country_iso3": ["AUS"], "services_text": ["Ring 0412 345 678"]}
    )
    coding = pd.DataFrame({"respondent_id": ["7"], "excerpt": ["Ring 0412 345 678"]})
    ranks = pd.DataFrame({"respondent_id": pd.Series(dtype="str")})
    tables = SurveyTables(respondents, ranks, coding, {})
    protected = protect(tables, regions["oceania"], SYNTHETIC_KEY)
    assert protected.coding.loc[0, "excerpt"] == "Ring [phone removed]"
    assert protected.respondents.loc[0, "services_text"] == "Ring [phone removed]"
    assert protected.coding.loc[0, "respondent_id"] == pseudonym("oceania", "7", SYNTHETIC_KEY)
    assert protected.respondents.loc[0, "respondent_id"] == protected.coding.loc[0, "respondent_id"]


def test_protect_reads_numbers_by_the_whole_region(regions):
    respondents = pd.DataFrame(
        {"respondent_id": ["7"], "country_iso3": ["MDA"], "gaps_text": ["Olga: 050 123 45 67"]}
    )
    coding = pd.DataFrame({"respondent_id": ["7"], "excerpt": ["Olga: 050 123 45 67"]})
    ranks = pd.DataFrame({"respondent_id": pd.Series(dtype="str")})
    protected = protect(SurveyTables(respondents, ranks, coding, {}), regions["eeca"], b"k")
    assert protected.respondents.loc[0, "gaps_text"] == "Olga: [phone removed]"
    assert protected.coding.loc[0, "excerpt"] == "Olga: [phone removed]"


@pytest.mark.parametrize("region_id", ["../raw", "EECA", "eeca/..", "eeca ", ""])
def test_a_region_id_that_could_escape_its_folder_is_refused(project, region_id):
    text = project.regions.read_text(encoding="utf-8").replace("id: eeca", f"id: '{region_id}'")
    project.regions.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="lowercase letters, digits and hyphens"):
        load_regions(project)


def test_processed_data_holds_only_what_the_briefing_uses(processed_project):
    paths, _ = processed_project
    withheld = 0
    for region in paths.processed.iterdir():
        header = (region / "respondents.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [
            "respondent_id",
            "country_iso3",
            "country_name",
            "identifies_as_wud",
            "knows_wud_services",
        ]
        coding = pd.read_csv(region / "coding.csv", dtype=str, keep_default_na=False)
        hidden = coding[coding["is_publishable"].eq("False")]
        assert set(hidden["excerpt"]) <= {""}, region.name
        withheld += len(hidden)
    assert withheld  # the synthetic coding sheets do hold excerpts not to publish
