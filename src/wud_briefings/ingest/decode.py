"""Raw bytes to a grid of cells: CSV in any common encoding, or XLSX.

Encodings are detected, not guessed: UTF-8 (with or without BOM) is tried
strictly first, then charset-normalizer picks among legacy code pages such as
cp1252 and cp1251. An age-encrypted input (``.age``) is decrypted in memory first
(:func:`wud_briefings.ingest.encrypted.input_bytes`); its format is that of its clear name.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import charset_normalizer
import openpyxl

from wud_briefings.core.encryption import clear_path
from wud_briefings.core.errors import InputError
from wud_briefings.ingest.encrypted import input_bytes

Cell = str | datetime | None
Grid = list[list[Cell]]

_ZIP_MAGIC = b"PK\x03\x04"
_NON_ASCII_WORD = re.compile(rb'[^\s,.;:!?"()0-9]*[\x80-\xff][^\s,.;:!?"()0-9]*')


def decode_text(data: bytes, shown: str) -> str:
    """The text of a CSV file, whatever common encoding it was saved in."""
    if b"\x00" in data:
        raise InputError.single(
            shown,
            "not a text file (it contains NUL bytes); expected a SurveyMonkey CSV or XLSX export",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Detect on the words that carry non-ASCII bytes: in a mostly English export the
    # few Cyrillic or Spanish words would otherwise be drowned out.
    sample = b" ".join(_NON_ASCII_WORD.findall(data)) or data
    for candidate in charset_normalizer.from_bytes(sample):
        try:
            return data.decode(candidate.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError.single(
        shown,
        "cannot decode the file: it is not UTF-8 and no "
        "legacy code page fits; re-save it as UTF-8 CSV",
    )


def read_grid(path: Path, shown: str) -> Grid:
    """Every row of a CSV or XLSX file (either maybe age-encrypted) as lists of cells."""
    data = input_bytes(path, shown)
    if not data.strip():
        raise InputError.single(shown, "the file is empty; expected a SurveyMonkey export")
    if data.startswith(_ZIP_MAGIC) or clear_path(path).suffix.lower() == ".xlsx":
        return _xlsx_grid(data, shown)
    text = decode_text(data, shown)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise InputError.single(shown, f"not a readable CSV file ({error})") from None


def _xlsx_grid(data: bytes, shown: str) -> Grid:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError.single(shown, f"not a readable XLSX workbook ({error})") from None
    sheet = workbook.worksheets[0]
    grid = [[_xlsx_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return grid


def _xlsx_cell(value: object) -> Cell:
    """Excel cells as the CSV reader would give them, dates kept as datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
