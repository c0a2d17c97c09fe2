"""Lay synthetic respondents out exactly as a SurveyMonkey export and a coding sheet."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from wud_briefings.dev.synth.model import SyntheticRespondent
from wud_briefings.ingest.coding import CODING_COLUMNS, OPTIONAL_COLUMNS, TRANSLATION_COLUMNS
from wud_briefings.ingest.export import SYNTHETIC_MARK
from wud_briefings.survey.codebook import Codebook, Question

CODING_HEADER = [*CODING_COLUMNS, *OPTIONAL_COLUMNS]


def _label(labels: dict[str, list[str]], language: str) -> str:
    return labels.get(language, labels["en"])[0]


def respondent_id(region_index: int, n: int) -> str:
    return str(11_400_000_000 + region_index * 1_000_000 + n * 7919)


def fake_identifiers(region_id: str, region_index: int, n: int) -> list[str]:
    """Collector ID, IP, e-mail, names and custom data: obviously fake, unique per row."""
    tag = region_id.replace("-", "").upper()
    ip = " " if n == 2 else f"192.0.2.{region_index * 30 + n}"  # a real-world blank IP
    return [
        str(400_000_000 + region_index * 1000 + n),
        ip,
        f"fake.{region_id}.{n:02d}@example.org",
        f"Fakefirst{tag}{n:02d}",
        f"Fakelast{tag}{n:02d}",
        f"{SYNTHETIC_MARK}{tag}-{n:02d}",
    ]


def _header_rows(
    codebook: Codebook, language: str, subnational: bool, dirty: bool
) -> tuple[list[str], list[str]]:
    meta = [_label(m.labels, language) for m in codebook.metadata_columns]
    row1, row2 = list(meta), [""] * len(meta)
    sub = {k: _label(v, language) for k, v in codebook.subheaders.items()}
    for q in codebook.questions:
        text = _label(q.text, language)
        if dirty and q.number == 2:
            text = f"<strong>{text}</strong>"
        if dirty and q.number == 4:
            text = text.replace(" ", "\u00a0", 2) + "  "
        continuation = "Unnamed: {}" if dirty else ""
        if q.kind == "ranking":
            labels = [_label(v, language) for v in q.options.values()]
            row1 += [text] + [
                continuation.format(len(row1) + i + 1) for i in range(len(labels) - 1)
            ]
            row2 += labels
            continue
        row1.append(text)
        row2.append(sub["open_ended" if q.kind == "open_ended" else "response"])
        if q.kind == "country" and subnational:
            row1.append(continuation.format(len(row1)))
            row2.append(sub["subnational"])
        if q.other_column:
            row1.append(continuation.format(len(row1)))
            row2.append(sub["other_specify"])
    return row1, row2


def _answer_cells(
    codebook: Codebook, language: str, person: SyntheticRespondent, subnational: bool
) -> list[str]:
    cells: list[str] = []
    for q in codebook.questions:
        if q.kind == "country":
            cells.append(person.country)
            if subnational:
                cells.append(person.subnational)
        elif q.kind == "single_choice":
            cells.append(_label(q.choices[getattr(person, q.variable)], language))
            if q.other_column:
                cells.append(person.role_other_text)
        elif q.kind == "open_ended":
            cells.append(person.answer(_coding_question(codebook, q)))
        else:
            cells += [
                str(person.ranks.index(o) + 1) if o in person.ranks else "" for o in q.options
            ]
    return cells


def _coding_question(codebook: Codebook, question: Question) -> str:
    return next(k for k, v in codebook.coding_questions.items() if v == question.variable)


def export_csv(
    codebook: Codebook,
    region_id: str,
    region_index: int,
    survey_month: str | None,
    language: str,
    subnational: bool,
    people: list[SyntheticRespondent],
    dirty: bool,
) -> str:
    """The text of a SurveyMonkey 'all individual responses, expanded' CSV export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(_header_rows(codebook, language, subnational, dirty))
    start = datetime(2020, int(survey_month[5:]) if survey_month else 6, 3, 9, 15, 7)
    for n, person in enumerate(people, start=1):
        began = start + timedelta(hours=29 * n, minutes=17 * n)
        ended = began + timedelta(minutes=6 + n % 11, seconds=13 * n % 60)
        ids = fake_identifiers(region_id, region_index, n)
        writer.writerow(
            [
                respondent_id(region_index, n),
                ids[0],
                began.strftime("%m/%d/%Y %I:%M:%S %p"),
                ended.strftime("%m/%d/%Y %I:%M:%S %p"),
                *ids[1:],
                *_answer_cells(codebook, language, person, subnational),
            ]
        )
    return out.getvalue()


def coding_csv(region_index: int, people: list[SyntheticRespondent]) -> str:
    """The researchers' coding sheet: one row per (excerpt, code)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODING_HEADER)
    for n, person in enumerate(people, start=1):
        for excerpt in person.excerpts:
            for code in excerpt.codes:
                writer.writerow(
                    [
                        respondent_id(region_index, n),
                        excerpt.question,
                        code,
                        excerpt.text,
                        "yes" if excerpt.is_publishable else "no",
                        excerpt.language,
                        *(dict(excerpt.translations).get(code, "") for code in TRANSLATION_COLUMNS),
                    ]
                )
    return out.getvalue()
