"""The reader on small exports written by hand to the documented layout."""

from pathlib import Path

import pandas as pd
import pytest

from wud_briefings.core.errors import InputError
from wud_briefings.ingest.coding import read_coding_sheet
from wud_briefings.ingest.export import read_export

Q = {
    1: "In which country are you based?",
    2: "Do you identify as a woman who uses drugs?",
    3: "Which best describes your role?",
    4: "Do you know of harm reduction services designed for women who use drugs in your country?",
    5: "Please name and describe them (organisation, location, services, a link if it is safe "
    "to share).",
    6: "Rank the top three issues limiting access to harm reduction services for women who use "
    "drugs in your country (1 = most important).",
    7: "What are the most serious gaps in harm reduction services for women who use drugs in "
    "your country?",
}
OPTIONS = [
    "Lack of access to harm reduction services",
    "Criminalisation of drug use",
    "Gender-based violence",
    "Stigma and discrimination",
    "Lack of women-specific services",
    "Fear of losing custody of children",
    "Cost of services",
    "Distance or transport",
    "Police harassment",
    "Other",
]
META = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
]


def master_export(rows: list[list[str]], state: bool = False) -> str:
    row1 = [
        *META,
        Q[1],
        *([""] if state else []),
        Q[2],
        Q[3],
        "",
        Q[4],
        Q[5],
        Q[6],
        *[""] * 9,
        Q[7],
    ]
    row2 = [""] * 9 + [
        "Response",
        *(["State or province"] if state else []),
        "Response",
        "Response",
        "Other (please specify)",
        "Response",
        "Open-Ended Response",
        *OPTIONS,
        "Open-Ended Response",
    ]
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([row1, row2, *rows])
    return out.getvalue()


def person(
    rid: str,
    country: str,
    wud: str = "Yes",
    ranks: tuple = ("1", "2", "3"),
    state: str | None = None,
    role: str = "Researcher",
    other: str = "",
) -> list[str]:
    meta = [
        rid,
        "99",
        "07/14/2019 06:03:59 PM",
        "07/14/2019 06:13:59 PM",
        " ",
        "x@example.org",
        "Ann",
        "Example",
        "",
    ]
    answers = [
        country,
        *([state] if state is not None else []),
        wud,
        role,
        other,
        "Yes",
        "A drop-in centre.",
        *ranks,
        *[""] * 7,
        "No shelter.",
    ]
    return meta + answers


def read(tmp_path: Path, text: str, region, codebook, name: str = "e.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_export(path, codebook, region, name)


def test_master_layout_is_read(tmp_path, regions, codebook):
    text = master_export(
        [
            person("101", "Russia"),
            person(
                "102",
                "Ukraine",
                "Prefer not to say",
                ("", "1", "N/A"),
                role="Other",
                other="Outreach",
            ),
        ]
    )
    tables = read(tmp_path, text, regions["eeca"], codebook)
    r = tables.respondents
    assert list(r["respondent_id"]) == ["101", "102"]
    assert list(r["country_iso3"]) == ["RUS", "UKR"]
    assert list(r["identifies_as_wud"]) == ["yes", "prefer_not_to_say"]
    assert list(r["role"]) == ["researcher", "other"]
    assert r.loc[1, "role_other_text"] == "Outreach"
    assert str(r.loc[0, "start_date"]) == "2019-07-14 18:03:59"
    assert list(r["source_row"]) == [3, 4]
    ranks = tables.barrier_ranks
    assert ranks[ranks.respondent_id == "101"].set_index("issue")["barrier_rank"].to_dict() == {
        "lack_of_access": 1,
        "criminalisation": 2,
        "gender_based_violence": 3,
    }
    assert ranks[ranks.respondent_id == "102"][["issue", "barrier_rank"]].to_numpy().tolist() == [
        ["criminalisation", 1]
    ]


def test_identifiers_never_enter_the_tables(tmp_path, regions, codebook):
    tables = read(tmp_path, master_export([person("101", "Russia")]), regions["eeca"], codebook)
    for column in (
        "ip_address",
        "email_address",
        "first_name",
        "last_name",
        "custom_data_1",
        "collector_id",
    ):
        assert column not in tables.respondents
    assert "Ann" not in tables.respondents.astype(str).to_string()


def test_state_column_for_subnational_regions(tmp_path, regions, codebook):
    text = master_export([person("7", "Canada", state="Ontario")], state=True)
    tables = read(tmp_path, text, regions["north-america"], codebook)
    assert tables.respondents.loc[0, "subnational"] == "Ontario"


def test_subnational_region_without_state_column(tmp_path, regions, codebook):
    with pytest.raises(InputError, match="State or province"):
        read(tmp_path, master_export([person("7", "Canada")]), regions["north-america"], codebook)


def test_unknown_answer_is_passed_on_for_the_gate(tmp_path, regions, codebook):
    tables = read(
        tmp_path, master_export([person("1", "Russia", "Maybe")]), regions["eeca"], codebook
    )
    assert tables.respondents.loc[0, "identifies_as_wud"] == "Maybe"


def test_excel_float_ranks_are_whole_numbers(tmp_path, regions, codebook):
    text = master_export([person("1", "Russia", ranks=("1.0", "2", "0"))])
    ranks = read(tmp_path, text, regions["eeca"], codebook).barrier_ranks
    assert sorted(ranks["barrier_rank"]) == [1, 2]


def test_coding_sheet_columns_are_normalised(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Respondent ID,Question,Code,Excerpt,Publishable\n101,Gaps,STIGMA, Text ,Yes\n")
    sheet = read_coding_sheet(path, "c.csv", "ru")
    assert sheet.iloc[0][
        ["respondent_id", "question", "code", "excerpt", "publishable"]
    ].tolist() == ["101", "gaps", "stigma", "Text", "yes"]
    assert sheet.iloc[0]["source_row"] == 2
    # No language column: the excerpt is in the survey's language; no translation.
    assert sheet.iloc[0]["language"] == "ru"
    assert sheet.iloc[0][["translation_en", "translation_es", "translation_ru"]].isna().all()


def test_a_coding_sheet_gives_each_excerpt_s_language_and_its_translations(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "respondent_id,question,code,excerpt,publishable,Language,Translation EN\n"
        "101,gaps,stigma,Стыд,yes,,Shame\n"
        "102,gaps,stigma,Shame,yes, EN ,\n",
        encoding="utf-8",
    )
    sheet = read_coding_sheet(path, "c.csv", "ru")
    assert sheet["language"].tolist() == ["ru", "en"]
    assert sheet.loc[0, "translation_en"] == "Shame" and pd.isna(sheet.loc[1, "translation_en"])


def test_coding_sheet_missing_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("respondent_id,question,code\n1,gaps,stigma\n")
    with pytest.raises(InputError, match=r"c\.csv, row 1: the coding sheet lacks .*excerpt"):
        read_coding_sheet(path, "c.csv", "en")
