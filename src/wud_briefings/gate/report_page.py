"""outputs/validation/<region>/index.html: the gate's verdict as a page anyone may open,
in every language the briefings are published in (index.es.html, index.ru.html).

It replaces GX Data Docs, which load scripts from third-party CDNs, carry run
times and print suite parameters (once, every respondent's pseudonym). This
page is built only from the gate's value-free summaries: per table, each check
in words, its columns, whether it passed and on how many rows it failed. It
loads nothing, runs nothing and holds no date, so equal results give equal bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.editions import edition_file, language_nav
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.language import LANGUAGES, N_, _, current, ngettext, number, using
from wud_briefings.core.pages import Page, render_page
from wud_briefings.core.paths import INDEX, validation_report_name

if TYPE_CHECKING:
    from wud_briefings.survey.regions import Region


TEMPLATES = Path(__file__).resolve().parent / "templates"  # validation.html.j2
REPORT_COLUMNS = (N_("Check"), N_("Column"), N_("Result"), N_("Rows failing"), N_("GX expectation"))
UNREADABLE = N_("The input could not be read, so no table was checked.")


class Check(NamedTuple):
    """A check of a table, as its row shows it."""

    check: str  # in words
    columns: tuple[str, ...]
    passed: bool
    result: str  # "passed" or "failed", in words
    failing: str  # rows failing, as printed
    expectation: tuple[str, ...]  # the GX expectation's name, split at its underscores


class Table(NamedTuple):
    """A table's checks, under a caption with its name and verdict."""

    suite: str
    passed: bool
    result: str
    caption: str  # "Table {table}: {verdict}", filled on the page
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class ValidationPage(Page):
    """A region's validation page; no table when the input could not be read."""

    passed: bool
    verdict: str
    note: str  # what the page shows, or what went wrong, and where: "… {report}."
    report: str  # the JSON report that lists the failing rows
    columns: tuple[str, ...]
    tables: tuple[Table, ...]


def _result(success: bool) -> str:
    return _("passed") if success else _("failed")


def _count(value: Any) -> str:
    """Failing rows as GX counted them; an expectation that could not run counts none."""
    return _("not counted") if value is None else number(int(value))


def _check(expectation: dict[str, Any]) -> Check:
    words = expectation["check"]  # the suite's, which the catalogs take from expectations/
    return Check(
        _(words),
        tuple(expectation["columns"]),
        expectation["success"],
        _result(expectation["success"]),
        _count(expectation["unexpected_count"]),
        tuple(expectation["expectation"].split("_")),
    )


def _table(summary: dict[str, Any]) -> Table:
    return Table(
        summary["suite"],
        summary["success"],
        _("all checks passed") if summary["success"] else _("not all checks passed"),
        _("Table {table}: {verdict}"),
        tuple(_check(e) for e in summary["expectations"]),
    )


def _verdict(summaries: list[dict[str, Any]]) -> tuple[bool, str]:
    """Whether every check passed, and the page's first words that say so."""
    expectations = [e for s in summaries for e in s["expectations"]]
    failed = sum(not e["success"] for e in expectations)
    checks = number(len(expectations))
    if failed:
        return False, ngettext(
            "{failed} of {checks} check failed.",
            "{failed} of {checks} checks failed.",
            len(expectations),
        ).format(failed=number(failed), checks=checks)
    return True, ngettext(
        "All {checks} check passed.", "All {checks} checks passed.", len(expectations)
    ).format(checks=checks)


def validation_page(
    region_id: str, region_name: str, summaries: list[dict[str, Any]] | None
) -> ValidationPage:
    """The region's validation page in the language in use; ``summaries`` is None when the
    input could not be read."""
    title = _("Validation report: {region}").format(region=region_name)
    nav = language_nav(INDEX)
    report = f"outputs/{validation_report_name(region_id)}"
    columns = tuple(_(header) for header in REPORT_COLUMNS)
    if summaries is None:
        passed, verdict = False, _(UNREADABLE)
        note = _("What was wrong, by file, row and column, is listed in {report}.")
        return ValidationPage(current(), title, nav, passed, verdict, note, report, columns, ())
    passed, verdict = _verdict(summaries)
    note = _(
        "Each check ran with Great Expectations on the region's tables after respondent "
        "ids were replaced by pseudonyms. This page shows no value from the data; the rows "
        "that failed each check are listed in {report}."
    )
    tables = tuple(_table(s) for s in summaries)
    return ValidationPage(current(), title, nav, passed, verdict, note, report, columns, tables)


def report_html(region_id: str, region_name: str, summaries: list[dict[str, Any]] | None) -> str:
    """The region's validation page in the language in use, linked to its other languages
    (``templates/validation.html.j2``); ``summaries`` is None when the input could not be
    read."""
    page = validation_page(region_id, region_name, summaries)
    return render_page(TEMPLATES, "validation.html.j2", page)


def write_report_page(folder: Path, region: Region, summaries: list[dict[str, Any]] | None) -> None:
    """Write ``folder/index.html`` and the page in each other language, swapping the folder
    in whole.

    Whatever an older build left there (GX Data Docs with pseudonyms in them) goes.
    """
    staged = staging_dir(folder)
    for language in LANGUAGES:
        with using(language):
            page = report_html(region.id, region.name, summaries)
        write_text_atomic(staged / edition_file(INDEX, language), page)
    swap_dir(staged, folder)
