"""What a notebook cell shows: captioned tables, and what stands in for missing data.

A cell shows the object it ends with. Tables become :class:`Table` (escaped
HTML with a caption and no <style> element such as pandas' Styler writes: the
pages' Content-Security-Policy allows none); charts come from
:mod:`~wud_briefings.analysis.display.plots`, sentences from
:mod:`~wud_briefings.analysis.display.narrative`. Where a region may have nothing
to show (answers not coded, nothing ranked, a table no pattern protects), the
function here chooses between the table or chart and the note that says why,
so the notebook holds no branching of its own. None shows nothing.

Captions and notes are in the language in use; a table's column headers are
translated as it is shown, so the frames keep the names the code knows them by.
"""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup, Tag
from IPython.display import HTML, Markdown

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.disclosure.suppression import ProtectedTable
from wud_briefings.analysis.display import narrative, plots
from wud_briefings.analysis.figures.metrics import Headline
from wud_briefings.analysis.figures.respondent_words import Excerpt, excerpts_of, in_page_language
from wud_briefings.core import language
from wud_briefings.core.language import N_, _, sentence_start


class Table:
    """A table with its caption, shown as the briefing's HTML table (class ``briefing-table``).

    One header row: the index's name sits in the corner cell (pandas would print
    it on a second row of blank cells). Header cells carry ``scope`` so that
    screen readers, and the PDF's structure tree, tie each cell to its headers.
    The table is wrapped in a ``table-scroll`` box that scrolls sideways on a
    narrow screen instead of the whole page.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str,
        *,
        index: bool = True,
        cell_languages: dict[str, list[str]] | None = None,
    ) -> None:
        self.frame = frame
        self.caption = caption
        self.index = index
        # A column of words in other languages -> each row's language, marked (``lang``)
        # on its cells where it is not the page's.
        self.cell_languages = cell_languages or {}

    def _repr_html_(self) -> str:
        markup = self.frame.to_html(
            index=self.index, index_names=False, classes="briefing-table", border=0, escape=True
        )
        soup = BeautifulSoup(markup, "html.parser")
        table = soup.table
        if table is None or table.thead is None or table.tbody is None:
            raise ValueError("pandas wrote no table with a head and a body")
        head, body = table.thead, table.tbody
        for row in head.find_all("tr"):
            row.attrs.pop("style", None)
            for cell in row.find_all("th"):
                cell["scope"] = "col"
                if cell.string:
                    cell.string = _(str(cell.string))
        if self.index:
            corner = head.find_all("tr")[0].find_all("th")[: self.frame.index.nlevels]
            for cell, name in zip(corner, self.frame.index.names, strict=True):
                cell.string = "" if name is None else _(str(name))
            for cell in body.find_all("th"):
                cell["scope"] = "row"
        for row in body.find_all("tr", recursive=False):
            label = row.find(["th", "td"], recursive=False)
            if label is not None and label.string:  # a row's label starts it as a sentence
                label.string = sentence_start(str(label.string))
        self._mark_languages(body)
        caption = soup.new_tag("caption")
        caption.string = self.caption
        table.insert(0, caption)
        # A box that may scroll sideways is a region a keyboard can reach and scroll
        # (WCAG 2.1.1), named by the table's caption.
        box = soup.new_tag(
            "div", attrs={"class": "table-scroll", "tabindex": "0", "role": "region"}
        )
        box["aria-label"] = self.caption
        box.append(table.extract())
        return str(box)

    def _mark_languages(self, body: Tag) -> None:
        """Each cell of a column in other languages gets its row's language (``lang``)."""
        page_language = language.current()
        offset = self.frame.index.nlevels if self.index else 0
        rows = body.find_all("tr", recursive=False)
        for column, languages in self.cell_languages.items():
            position = offset + list(self.frame.columns).index(column)
            for row, cell_language in zip(rows, languages, strict=True):
                if cell_language != page_language:
                    row.find_all(["th", "td"], recursive=False)[position]["lang"] = cell_language

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(index=self.index)}"


def table(frame: pd.DataFrame, caption: str, *, index: bool = True) -> Table | None:
    """A captioned table; None (nothing shown) when it has no rows or no columns."""
    return None if frame.empty else Table(frame, caption, index=index)


def protected_table(
    protected: ProtectedTable, title: str, policy: DisclosurePolicy
) -> Table | Markdown:
    """A table with small cells withheld, its caption saying so; or why it is withheld whole."""
    if protected.shown is None:
        return Markdown(protected.record["reason"])
    withheld = narrative.withheld_note(policy) + (f"; {protected.note}" if protected.note else "")
    return Table(protected.shown, _("{title} ({withheld})").format(title=title, withheld=withheld))


def service_map(
    grid: pd.DataFrame, region_name: str, is_coded: bool
) -> plots.Chart | plots.Charts | Markdown:
    """The map of services by country (in parts, when the countries are more than one
    chart's width holds), or why there is none."""
    if not is_coded:
        return Markdown(_(narrative.SERVICE_MAP_NOT_CODED))
    if not grid.to_numpy().any():
        return Markdown(_(narrative.NO_SERVICE_CODED))
    charts = plots.service_map_figures(grid, region_name)
    return charts[0] if len(charts) == 1 else plots.Charts(tuple(charts))


def named_services(named: dict[str, list[Excerpt]], is_coded: bool) -> HTML | Markdown:
    """Services described by respondents, per country or pool, or why there are none."""
    if not is_coded:
        return Markdown(_(narrative.NOT_CODED))
    if not named:
        return Markdown(_(narrative.NO_NAMED_SERVICE))
    return HTML(narrative.named_services_html(named))


def barriers_by_wud(
    by_wud: ProtectedTable, headline: Headline, policy: DisclosurePolicy
) -> Table | Markdown:
    """Rank 1 by answer to question 2, or why it is not shown.

    Not shown when nobody gave a first rank (the table has no rows), when all
    respondents, or none, identify as WUD (the columns would disclose each
    one's answer), or when it is withheld whole (a group too small to break
    down, or no pattern protects it).
    """
    if by_wud.shown is not None and by_wud.shown.empty:
        return Markdown(_(narrative.NO_FIRST_RANK))
    if headline.wud_uniform:
        return Markdown(_(narrative.UNIFORM_WUD_ANSWER))
    if by_wud.shown is None:
        return Markdown(by_wud.record["reason"])
    title = _("Rank 1, women who use drugs beside other key informants")
    return protected_table(by_wud, title, policy)


def quotes(quoted: pd.DataFrame) -> HTML | None:
    """Publishable quotes under their theme; nothing when there are none."""
    return None if quoted.empty else HTML(narrative.quotes_html(quoted))


def gaps(counts: pd.DataFrame, is_coded: bool) -> Table | Markdown:
    """Themes of the answers on service gaps, or why there are none."""
    if not is_coded:
        return Markdown(_(narrative.NOT_CODED))
    if counts.empty:
        return Markdown(_(narrative.NO_GAP_THEME))
    return Table(counts, _("Themes of the answers on the most serious service gaps"), index=False)


def services_by_region(services: pd.DataFrame, policy: DisclosurePolicy) -> Table | Markdown:
    """Service types × coded regions, or why no region can be shown."""
    if services.columns.empty:
        return Markdown(_(narrative.NO_REGION_CODED))
    caption = _(
        "Countries where a service of each type was reported, by region (countries with {k} or "
        "more respondents only)"
    ).format(k=policy.threshold())
    return Table(services, caption)


def services_directory(directory: pd.DataFrame) -> Table | Markdown:
    """The publishable named services by region and country, or why there are none."""
    if directory.empty:
        return Markdown(_(narrative.NO_DIRECTORY_ENTRY))
    passages = in_page_language(excerpts_of(directory, "service"))
    services = [
        p.text
        if p.translated_from is None
        else _("{words} ({translated_from})").format(
            words=p.text, translated_from=_(p.translated_from)
        )
        for p in passages
    ]
    shown = directory.assign(service=services)[list(DIRECTORY_HEADERS)].rename(
        columns=DIRECTORY_HEADERS
    )
    return Table(
        shown,
        _("Services named by respondents, by region and country"),
        index=False,
        cell_languages={DIRECTORY_HEADERS["service"]: [p.language for p in passages]},
    )


# The services directory's columns, as the briefing's table heads them.
DIRECTORY_HEADERS = {
    "region": N_("Region"),
    "country": N_("Country or pool"),
    "service": N_("Service"),
    "data": N_("Data"),
}
