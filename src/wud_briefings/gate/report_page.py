"""outputs/validation/<region>/index.html: the gate's verdict as a page anyone may open,
in every language the briefings are published in (index.es.html, index.ru.html).

It replaces GX Data Docs, which load scripts from third-party CDNs, carry run
times and print suite parameters (once, every respondent's pseudonym). This
page is built only from the gate's value-free summaries: per table, each check
in words, its columns, whether it passed and on how many rows it failed. It
loads nothing, runs nothing and holds no date, so equal results give equal bytes.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wud_briefings.core.atomic import write_text_atomic
from wud_briefings.core.editions import INDEX, edition_file, language_nav
from wud_briefings.core.folders import staging_dir, swap_dir
from wud_briefings.core.language import LANGUAGES, N_, _, current, ngettext, number, using
from wud_briefings.core.page_policy import csp_meta
from wud_briefings.core.site_style import labelled_cell, site_style

if TYPE_CHECKING:
    from wud_briefings.survey.regions import Region


REPORT_COLUMNS = (N_("Check"), N_("Column"), N_("Result"), N_("Rows failing"), N_("GX expectation"))


def _verdict(success: bool) -> str:
    css, word = ("passed", _("passed")) if success else ("failed", _("failed"))
    return f'<span class="{css}">{word}</span>'


def _count(value: Any) -> str:
    """Failing rows as GX counted them; an expectation that could not run counts none."""
    return _("not counted") if value is None else number(int(value))


def _breakable(identifier: str) -> str:
    """A GX expectation's name (``expect_column_pair_values_a_to_be_greater_than_b``), free
    to wrap after an underscore on a phone, never inside a word."""
    return escape(identifier).replace("_", "_<wbr>")


def _row(expectation: dict[str, Any]) -> str:
    columns = ", ".join(f"<code>{escape(c)}</code>" for c in expectation["columns"])
    _check, column, result, failing, gx = REPORT_COLUMNS
    return (
        f"<tr><td>{escape(_(expectation['check']))}</td>"
        + labelled_cell(_(column), columns)
        + labelled_cell(_(result), _verdict(expectation["success"]))
        + labelled_cell(_(failing), _count(expectation["unexpected_count"]), "count")
        + labelled_cell(_(gx), f"<code>{_breakable(expectation['expectation'])}</code>")
        + "</tr>"
    )


def _table(summary: dict[str, Any]) -> str:
    rows = "\n".join(_row(e) for e in summary["expectations"])
    caption = _("Table {table}: {verdict}").format(
        table=f"<code>{escape(summary['suite'])}</code>", verdict=_verdict(summary["success"])
    )
    headers = "".join(f'<th scope="col">{escape(_(header))}</th>' for header in REPORT_COLUMNS)
    return (
        '<div class="table-scroll"><table>\n'
        f"<caption>{caption}</caption>\n"
        f"<thead><tr>{headers}</tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table></div>"
    )


def _body(region_id: str, summaries: list[dict[str, Any]] | None) -> str:
    where = f"<code>outputs/validation/{escape(region_id)}.json</code>"
    if summaries is None:
        return (
            f'<p class="failed">{_("The input could not be read, so no table was checked.")}'
            "</p>\n<p>"
            + _("What was wrong, by file, row and column, is listed in {report}.").format(
                report=where
            )
            + "</p>"
        )
    expectations = [e for s in summaries for e in s["expectations"]]
    failed = sum(not e["success"] for e in expectations)
    checks = number(len(expectations))
    verdict = (
        '<p class="failed">'
        + ngettext(
            "{failed} of {checks} check failed.",
            "{failed} of {checks} checks failed.",
            len(expectations),
        ).format(failed=number(failed), checks=checks)
        + "</p>"
        if failed
        else '<p class="passed">'
        + ngettext(
            "All {checks} check passed.", "All {checks} checks passed.", len(expectations)
        ).format(checks=checks)
        + "</p>"
    )
    note = (
        "<p>"
        + _(
            "Each check ran with Great Expectations on the region's tables after respondent "
            "ids were replaced by pseudonyms. This page shows no value from the data; the rows "
            "that failed each check are listed in {report}."
        ).format(report=where)
        + "</p>"
    )
    return "\n".join([verdict, note, *(_table(s) for s in summaries)])


def report_html(region_id: str, region_name: str, summaries: list[dict[str, Any]] | None) -> str:
    """The region's validation page in the language in use, linked to its other languages;
    ``summaries`` is None when the input could not be read."""
    title = escape(_("Validation report: {region}").format(region=region_name))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{current()}">\n<head>\n<meta charset="utf-8">\n'
        f"{csp_meta()}\n"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{site_style()}</style>\n</head>\n"
        f"<body>\n{language_nav(INDEX)}\n"
        f"<main>\n<h1>{title}</h1>\n{_body(region_id, summaries)}\n</main>\n"
        "</body>\n</html>\n"
    )


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
