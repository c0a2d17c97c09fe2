from pathlib import Path

import pytest

from wud_briefings.core.errors import InputError
from wud_briefings.ingest.decode import decode_text, read_grid

TEXT = "Respondent ID,Country\n1,Россия\n2,Bénin\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(encoding):
    assert decode_text(TEXT.encode(encoding), "x.csv") == TEXT


def test_cp1251_is_detected():
    text = "Respondent ID,Ответ\n1,Криминализация означает, что услуги находятся вне закона\n"
    assert decode_text(text.encode("cp1251"), "x.csv") == text


def test_cp1252_is_detected():
    text = "Respondent ID,Respuesta\n1,Criminalización del uso de drogas en México y Perú\n"
    assert decode_text(text.encode("cp1252"), "x.csv") == text


def test_binary_is_refused_with_the_file_named():
    with pytest.raises(InputError, match=r"x\.csv: not a text file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "x.csv")


def test_empty_file(tmp_path: Path):
    (tmp_path / "e.csv").write_text("  \n")
    with pytest.raises(InputError, match="the file is empty"):
        read_grid(tmp_path / "e.csv", "e.csv")


def test_broken_xlsx(tmp_path: Path):
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable XLSX"):
        read_grid(tmp_path / "b.xlsx", "b.xlsx")


def test_a_russian_export_resaved_in_cp1251_is_read(tmp_path: Path):
    """The whole Russian EECA export, as Excel re-saves it on a Russian Windows."""
    fixture = Path(__file__).parent / "fixtures" / "russian" / "eeca-ru.csv"
    data = fixture.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (tmp_path / "eeca.csv").write_bytes(data)
    grid = read_grid(tmp_path / "eeca.csv", "eeca.csv")
    assert grid[0][0] == "Идентификатор респондента"
    assert grid[1][9:11] == ["Ответ", "Ответ"]
    assert [row[9] for row in grid[2:5]] == ["Черногория", "Черногория", "Россия"]
