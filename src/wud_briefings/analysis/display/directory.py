"""The services directory for advocates: the global briefing's named services as files.

``services.csv`` and ``services.xlsx`` hold exactly the rows of
:func:`~wud_briefings.analysis.figures.across_regions.services_directory`, columns in a
fixed order. Equal data gives equal bytes: the workbook's dates are a fixed
constant and its zip entries carry a fixed timestamp (openpyxl stamps the time
of saving into both). A cell that a spreadsheet would read as a formula
(``=``, ``+``, ``-``, ``@``) stays text: a leading apostrophe in the CSV, a
string cell in the workbook.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from wud_briefings.core.atomic import write_bytes_atomic

CSV_NAME, XLSX_NAME = "services.csv", "services.xlsx"
FIXED_DATE = datetime(2020, 1, 1)  # the survey year; no build's clock reaches the files
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDTHS = {"region": 34, "country": 44, "service": 90, "data": 12}
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def _as_text(value: object) -> str:
    text = "" if pd.isna(value) else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def directory_csv(directory: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Cyrillic and Spanish right), CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(directory.columns))
    writer.writerows([_as_text(v) for v in row] for row in directory.itertuples(index=False))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with every zip timestamp and the saving date fixed."""
    out = io.BytesIO()
    fixed = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(
                    rb"<dcterms:modified\1>" + fixed + rb"</dcterms:modified>", content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def directory_xlsx(directory: pd.DataFrame) -> bytes:
    """One sheet, a bold frozen header, wrapped descriptions; every cell a string."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Services"
    workbook.properties.creator = "wud-briefings"
    workbook.properties.title = "Services named by respondents"
    workbook.properties.created = FIXED_DATE
    workbook.properties.modified = FIXED_DATE
    rows = [list(directory.columns), *directory.itertuples(index=False)]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c, value="" if pd.isna(value) else str(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True)
    for c, name in enumerate(directory.columns):
        sheet.column_dimensions[chr(ord("A") + c)].width = WIDTHS.get(name, 20)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip(buffer.getvalue())


def write_services_directory(directory: pd.DataFrame, folder: Path) -> tuple[Path, Path]:
    """Write ``services.csv`` and ``services.xlsx`` into ``folder`` (atomically, each)."""
    csv_path, xlsx_path = folder / CSV_NAME, folder / XLSX_NAME
    write_bytes_atomic(csv_path, directory_csv(directory))
    write_bytes_atomic(xlsx_path, directory_xlsx(directory))
    return csv_path, xlsx_path
