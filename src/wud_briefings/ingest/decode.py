"""Raw bytes to a grid of cells: CSV in any common encoding, or XLSX.

Encodings are detected, not guessed: UTF-8 (with or without BOM) is tried
strictly first, then charset-normalizer picks among legacy code pages such as
cp1252 and cp1251. The field separator is detected too: a CSV re-saved by Excel
on a Russian, Spanish or German Windows separates fields with ";" (or a tab),
and :func:`csv_delimiter` tells which from the two header rows. An age-encrypted
input (``.age``) is decrypted in memory first
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
_DELIMITERS = ",;\t"
_HEADER_ROWS = 2
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


def csv_delimiter(text: str, shown: str) -> str:
    """The field separator of a CSV export: ",", ";" or a tab, told from its header rows.

    A file whose header rows hold no ";" and no tab is comma-separated, as always.
    Otherwise each separator splits the two header rows (quotes respected, as the
    reader will); SurveyMonkey's two header rows have one cell per column, so the
    separator is the one that splits both into the same number of fields, the most
    of any. When no separator, or more than one, does so, the file is refused, named.
    (:class:`csv.Sniffer` is not used: it cannot decide on Excel's ``\\r\\n`` lines
    when a quoted question holds a ";".)
    """
    header = _header_rows(text)
    if ";" not in header and "\t" not in header:
        return ","
    fits: dict[str, int] = {}
    for delimiter in _DELIMITERS:
        rows = csv.reader(io.StringIO(header, newline=""), delimiter=delimiter)
        widths = {len(row) for row in rows}
        if len(widths) == 1 and (width := widths.pop()) > 1:
            fits[delimiter] = width
    best = [d for d, width in fits.items() if width == max(fits.values())]
    if len(best) == 1:
        return best[0]
    raise InputError.single(
        shown,
        "cannot tell whether its fields are separated by commas, semicolons or tabs "
        "(no one separator splits its two header rows into the same number of columns); "
        "re-save it as CSV UTF-8 (comma delimited)",
    )


def _header_rows(text: str) -> str:
    """The first two records of a CSV text, whatever its separator: a line ends a
    record unless a quoted field is still open (an odd number of double quotes so far)."""
    lines: list[str] = []
    quotes = records = 0
    for line in io.StringIO(text, newline=""):
        lines.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            records += 1
            if records == _HEADER_ROWS:
                break
    return "".join(lines)


def read_grid(path: Path, shown: str) -> Grid:
    """Every row of a CSV or XLSX file (either maybe age-encrypted) as lists of cells."""
    data = input_bytes(path, shown)
    if not data.strip():
        raise InputError.single(shown, "the file is empty; expected a SurveyMonkey export")
    if data.startswith(_ZIP_MAGIC) or clear_path(path).suffix.lower() == ".xlsx":
        return _xlsx_grid(data, shown)
    text = decode_text(data, shown)
    delimiter = csv_delimiter(text, shown)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
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
