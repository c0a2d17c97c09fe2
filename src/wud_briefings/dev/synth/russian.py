"""A Russian-language EECA export, for the tests: the shipped English one as the survey asked it.

The EECA survey ran in Russian. This export holds the same synthetic
respondents as ``data/raw/synthetic/eeca.csv`` (same ids, dates, identifiers,
synthetic marks and open answers, so the same coding sheet codes it), with the
headers, sub-headers and choices in the codebook's Russian wording and the
countries written as Russians write them, some in official or older forms
that only the codebook's aliases resolve. It is saved in cp1251, as Excel
re-saves a CSV on a Russian-language Windows. It is never a shipped region's
export: the tests read it as EECA's and expect the English export's tables.
"""

from __future__ import annotations

from dataclasses import replace

from wud_briefings.dev.synth import eeca
from wud_briefings.dev.synth.generate import is_dirty
from wud_briefings.dev.synth.model import SyntheticRespondent
from wud_briefings.dev.synth.write import export_csv
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region

ENCODING = "cp1251"
RUSSIAN = "ru"
# The English answers of eeca.respondents(), as respondents write them in Russian.
COUNTRIES = {
    "Montenegro": "Черногория",
    "Russia": "Россия",
    "Russian Federation": "Российская Федерация",
    "Belarus": "Беларусь",
    "Kyrgyzstan": "Кыргызстан",
    "Kazakhstan": "Казахстан",
    "Georgia": "Грузия",
    "Ukraine": "Украина",
}
OTHER_ROLES = {"": "", "Outreach worker": "Аутрич-работница"}


def russian_respondents() -> list[SyntheticRespondent]:
    """EECA's synthetic respondents with their country and own role written in Russian."""
    return [
        replace(
            person,
            country=COUNTRIES[person.country],
            role_other_text=OTHER_ROLES[person.role_other_text],
        )
        for person in eeca.respondents()
    ]


def russian_eeca_export(codebook: Codebook, eeca_region: Region, region_index: int) -> bytes:
    """The bytes of the Russian EECA export; ``region_index`` is EECA's in regions.yaml.

    The index gives the English export's respondent ids and identifiers, and
    the same header dirt (tags, non-breaking spaces, pandas fillers).
    """
    text = export_csv(
        codebook,
        eeca_region.id,
        region_index,
        eeca_region.survey_month,
        RUSSIAN,
        eeca_region.subnational,
        russian_respondents(),
        is_dirty(region_index),
    )
    return text.encode(ENCODING)
