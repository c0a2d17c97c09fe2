"""A survey run in Russian is read: the Russian EECA export gives the English export's tables.

tests/fixtures/russian/eeca-ru.csv is synthetic: the shipped English EECA
export in the codebook's Russian wording, with countries as Russians write
them, saved in cp1251 (``wud_briefings.dev.synth.russian``).
"""

from __future__ import annotations

import shutil

from support.project import FIXTURES, copy_project
from wud_briefings.dev.synth.russian import russian_eeca_export
from wud_briefings.ingest.decode import read_grid
from wud_briefings.ingest.export import SYNTHETIC_MARK
from wud_briefings.process.region import process_region
from wud_briefings.process.tables import FILES

FIXTURE = FIXTURES / "russian" / "eeca-ru.csv"


def test_the_fixture_is_what_the_generator_writes(codebook, regions):
    eeca_index = list(regions).index("eeca")
    assert FIXTURE.read_bytes() == russian_eeca_export(codebook, regions["eeca"], eeca_index)


def test_the_fixture_is_labelled_synthetic_on_every_row():
    grid = read_grid(FIXTURE, FIXTURE.name)
    column = grid[0].index("Пользовательские данные 1")
    assert all(row[column].startswith(SYNTHETIC_MARK) for row in grid[2:])


def test_eeca_is_surveyed_in_russian(regions):
    assert regions["eeca"].survey_languages == ("ru", "en")


def _processed(paths, region_id: str) -> dict[str, bytes]:
    return {n: (paths.processed / region_id / f"{n}.csv").read_bytes() for n in FILES}


def test_the_russian_export_gives_the_english_exports_tables(tmp_path, codebook, regions, suites):
    english = copy_project(tmp_path / "english")
    expected = process_region(regions["eeca"], codebook, suites, english)
    assert expected.is_valid, [str(p) for p in expected.problems]

    russian = copy_project(tmp_path / "russian")
    shutil.copy(FIXTURE, russian.root / regions["eeca"].export)  # in place of the English one
    outcome = process_region(regions["eeca"], codebook, suites, russian)
    assert outcome.is_valid, [str(p) for p in outcome.problems]
    assert outcome.is_synthetic
    assert outcome.counts == expected.counts
    assert outcome.counts["respondents"] == 17 and outcome.counts["countries"] == 7
    assert _processed(russian, "eeca") == _processed(english, "eeca")
