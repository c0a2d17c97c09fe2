"""Read a coding sheet: researchers' codes and publishable excerpts of the open answers.

A sheet is CSV (any encoding the export reader accepts) or XLSX, either maybe
age-encrypted (decrypted in memory), one row per coded excerpt; its columns are
matched on a normalised header. Beside the required columns a sheet may give
each excerpt's ``language`` (blank: the survey's) and the researchers'
translation of it into each language briefings are published in
(``translation_en``, ``translation_es``, ``translation_ru``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from wud_briefings.core.encryption import clear_path
from wud_briefings.core.errors import InputError
from wud_briefings.core.language import LANGUAGES
from wud_briefings.ingest.decode import decode_text
from wud_briefings.ingest.encrypted import input_bytes
from wud_briefings.survey.codebook import normalise_label

CODING_COLUMNS = ("respondent_id", "question", "code", "excerpt", "publishable")
LANGUAGE_COLUMN = "language"  # the excerpt's: the language its respondent answered in
TRANSLATION_COLUMNS = {language: f"translation_{language}" for language in LANGUAGES}
OPTIONAL_COLUMNS = (LANGUAGE_COLUMN, *TRANSLATION_COLUMNS.values())


def empty_coding() -> pd.DataFrame:
    columns = (*CODING_COLUMNS, *OPTIONAL_COLUMNS)
    return pd.DataFrame({c: pd.Series(dtype="str") for c in columns}).assign(
        source_row=pd.Series(dtype="int64")
    )


def _coding_frame(path: Path, shown: str) -> pd.DataFrame:
    """The sheet's cells as text: CSV in any encoding :func:`decode_text` reads, or XLSX."""
    data = input_bytes(path, shown)
    if not data.strip():
        raise InputError.single(
            shown, f"the coding sheet is empty; expected the columns {', '.join(CODING_COLUMNS)}"
        )
    if clear_path(path).suffix.lower() == ".xlsx":
        try:
            return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
        except (ValueError, OSError, zipfile.BadZipFile):
            raise InputError.single(shown, "not a readable XLSX workbook") from None
    return pd.read_csv(io.StringIO(decode_text(data, shown)), dtype=str, keep_default_na=False)


def read_coding_sheet(path: Path, shown: str, survey_language: str) -> pd.DataFrame:
    """Read a coding sheet (CSV or XLSX): one row per coded excerpt of an open answer.

    An excerpt whose language is not given is taken to be in ``survey_language``.
    """
    frame = _coding_frame(path, shown)
    frame.columns = [normalise_label(str(c)).replace(" ", "_") for c in frame.columns]
    missing = [c for c in CODING_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError.single(shown, f"the coding sheet lacks the column(s) {missing}", row=1)
    for column in OPTIONAL_COLUMNS:
        frame[column] = frame[column].fillna("") if column in frame.columns else ""
    frame = frame[[*CODING_COLUMNS, *OPTIONAL_COLUMNS]].apply(lambda s: s.str.strip())
    for column in ("question", "code", "publishable", LANGUAGE_COLUMN):
        frame[column] = frame[column].str.casefold()
    frame[LANGUAGE_COLUMN] = frame[LANGUAGE_COLUMN].replace("", survey_language)
    frame = frame.replace("", None)
    frame.insert(0, "source_row", range(2, len(frame) + 2))
    return frame.astype({"source_row": "int64"})
