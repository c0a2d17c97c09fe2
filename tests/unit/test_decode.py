import csv
import io
from pathlib import Path

import pytest

from support.project import FIXTURES, REPO
from wud_briefings.core.errors import InputError
from wud_briefings.ingest.decode import csv_delimiter, decode_text, read_grid

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
    fixture = FIXTURES / "russian" / "eeca-ru.csv"
    data = fixture.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (tmp_path / "eeca.csv").write_bytes(data)
    grid = read_grid(tmp_path / "eeca.csv", "eeca.csv")
    assert grid[0][0] == "Идентификатор респондента"
    assert grid[1][9:11] == ["Ответ", "Ответ"]
    assert [row[9] for row in grid[2:5]] == ["Черногория", "Черногория", "Россия"]


HEADER = [["Respondent ID", "Country", "Please name them (organisation; location, services)"]]
HEADER += [["", "Response", "Open-Ended Response"]]


def _written(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_commas_semicolons_or_tabs_between_fields(tmp_path: Path, delimiter, encoding):
    rows = [*HEADER, ["1", "Россия", "Фонд «Гуманитарное действие»; Санкт-Петербург, аутрич"]]
    (tmp_path / "x.csv").write_bytes(_written(rows, delimiter).encode(encoding))
    assert read_grid(tmp_path / "x.csv", "x.csv") == rows


def test_a_quoted_field_with_semicolons_and_commas_survives_in_a_semicolon_file(tmp_path: Path):
    text = 'ID;Answer\r\n;Open-Ended Response\r\n1;"a; b, c; ""d"""\r\n2;plain, with comma\r\n'
    (tmp_path / "x.csv").write_bytes(text.encode("cp1251"))
    assert read_grid(tmp_path / "x.csv", "x.csv")[2:] == [
        ["1", 'a; b, c; "d"'],
        ["2", "plain, with comma"],
    ]


def test_a_question_over_two_lines_in_a_semicolon_file(tmp_path: Path):
    text = 'ID;"Question;\r\nwith, a line break";Other\r\n;Response;Response\r\n1;a;b\r\n'
    (tmp_path / "x.csv").write_bytes(text.encode("utf-8-sig"))
    assert read_grid(tmp_path / "x.csv", "x.csv") == [
        ["ID", "Question;\r\nwith, a line break", "Other"],
        ["", "Response", "Response"],
        ["1", "a", "b"],
    ]


def test_a_comma_export_with_semicolons_in_its_answers_stays_comma_separated(tmp_path: Path):
    rows = [*HEADER, ["1", "Bénin", "ONG A; ONG B; Cotonou"], ["2", "Россия", "a;b;c;d;e;f"]]
    (tmp_path / "x.csv").write_bytes(_written(rows, ",").encode("utf-8"))
    assert read_grid(tmp_path / "x.csv", "x.csv") == rows


def test_the_shipped_exports_are_read_as_before():
    """The shipped exports are comma-separated (EECA's answers hold semicolons)."""
    for path in sorted(REPO.synthetic.glob("*.csv")):
        text = decode_text(path.read_bytes(), path.name)
        assert csv_delimiter(text, path.name) == ","
        assert read_grid(path, path.name) == [list(r) for r in csv.reader(io.StringIO(text))]


def test_an_undecidable_separator_is_refused_with_the_file_named():
    with pytest.raises(InputError, match=r"x\.csv: cannot tell whether its fields are separated"):
        csv_delimiter("a;b;c\r\nd,e\r\n", "x.csv")
