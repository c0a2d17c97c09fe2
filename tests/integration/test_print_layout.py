"""The briefings' PDFs are made for print, measured from the PDFs themselves.

Every language edition of every shipped region's PDF and of the global one: no
page but the last is more than 40% empty (the lowest content on a page against
the page's content area); a heading is on the page of what follows it (a heading
never ends a page); no chart, table row or quote is split across pages (each is
one element of the PDF's structure tree, as many as the HTML has); a table split
across pages keeps at least two body rows on each; no character prints under 6.5 pt,
and none in a chart or map under 7 pt (each character's size as the PDF sets it).
"""

from __future__ import annotations

import base64
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from bs4 import BeautifulSoup

from wud_briefings.publish.rendering.render import TEMPLATES, html_to_pdf

MM = 72 / 25.4
PT_PER_PX = 0.75
MOST_EMPTY = 0.40
SMALLEST = 6.5  # points: the least size of any character on a page
SMALLEST_IN_A_FIGURE = 7.0  # points: the least size of a chart's or map's words
HEADINGS = {"/H1", "/H2", "/H3", "/H4"}
TEXT, PATH = 1, 2  # pypdfium2's page object types: text, path (a line, a fill)


def page_margins() -> tuple[float, float]:
    """The top and bottom margins (points) that briefing.css sets for every page."""
    css = (TEMPLATES / "briefing" / "static" / "briefing.css").read_text(encoding="utf-8")
    top, _, bottom, _ = re.search(r"@page\s*{[^}]*?margin:\s*([^;]+);", css)[1].split()
    return float(top.removesuffix("mm")) * MM, float(bottom.removesuffix("mm")) * MM


def emptiness(pdf: Path) -> list[float]:
    """Each page's share of its content area left empty below its lowest content.

    What lies in the bottom margin (the page's footer) does not count, nor a fill
    over the whole content area (the page's background).
    """
    top_margin, bottom_margin = page_margins()
    document = pypdfium2.PdfDocument(str(pdf))
    shares = []
    try:
        for page in document:
            _, height = page.get_size()
            top, bottom = height - top_margin, bottom_margin
            lowest = top
            for item in page.get_objects(max_depth=1):
                _, low, _, high = item.get_bounds()
                background = item.type == PATH and high - low > 0.9 * (top - bottom)
                if high > bottom + 0.5 and not background:
                    lowest = min(lowest, low)
            shares.append(round((max(lowest, bottom) - bottom) / (top - bottom), 3))
    finally:
        document.close()
    return shares


@dataclass
class Leaf:
    """A structure element that marks content: its role, page, and enclosing heading."""

    role: str
    page: int
    heading: int | None


def structure(pdf: Path) -> tuple[list[Leaf], dict[str, int]]:
    """The PDF's content-marking elements in reading order, and a count of every role.

    /TR elements are counted as "/TR in /TBody" or "/TR in /THead" (a table's head
    is repeated on each page it spans; its body rows are not).
    """
    leaves: list[Leaf] = []
    roles: dict[str, int] = {}
    with pikepdf.open(pdf) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages)}

        def walk(node: pikepdf.Dictionary, heading: int | None, parent: str) -> None:
            role = str(node.get("/S", ""))
            key = f"/TR in {parent}" if role == "/TR" else role
            roles[key] = roles.get(key, 0) + 1
            heading = node.objgen[0] if role in HEADINGS else heading
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if any(isinstance(k, int) for k in kids) and "/Pg" in node:
                leaves.append(Leaf(role, pages[node.Pg.objgen], heading))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid, heading, role)

        for top in document.Root.StructTreeRoot.K:
            walk(top, None, "")
    return leaves, roles


def _kids(node: pikepdf.Dictionary) -> list:
    kids = node.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def body_rows_per_part(pdf: Path) -> list[int]:
    """Body rows of each /Table element, in reading order: WeasyPrint tags each page's
    part of a split table as a table of its own."""
    parts: list[int] = []

    def walk(node: pikepdf.Dictionary, parent: str) -> None:
        role = str(node.get("/S", ""))
        if role == "/Table":
            parts.append(0)
        elif role == "/TR" and parent == "/TBody":
            parts[-1] += 1
        for kid in _kids(node):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid, role)

    with pikepdf.open(pdf) as document:
        for top in document.Root.StructTreeRoot.K:
            walk(top, "")
    return parts


def parts_of_each_table(pdf: Path, rows_in_html: list[int]) -> list[list[int]]:
    """For each table of the page's HTML (its body rows), the rows of each part the PDF
    holds of it, on consecutive pages."""
    parts = iter(body_rows_per_part(pdf))
    tables = []
    for expected in rows_in_html:
        found = [next(parts)]
        while sum(found) < expected:
            found.append(next(parts))
        assert sum(found) == expected, (pdf.name, expected, found)
        tables.append(found)
    return tables


def html_body_rows(html: str) -> list[int]:
    soup = BeautifulSoup(html, "html.parser")
    return [len(t.tbody.find_all("tr")) for t in soup.find_all("table") if t.tbody]


def briefings(outputs: Path) -> list[Path]:
    """Every language edition of every briefing, the global one included."""
    pdfs = sorted(outputs.glob("*/briefing*.pdf"))
    assert any(p.parent.name == "global" for p in pdfs), "the global briefing was not built"
    assert any(p.name != "briefing.pdf" for p in pdfs), "no edition in another language"
    return pdfs


@dataclass(frozen=True)
class Character:
    """A character as printed: its page, its size in points and where its middle lies."""

    text: str
    page: int
    size: float
    middle: tuple[float, float]


def printed_characters(pdf: Path) -> list[Character]:
    """Every visible character, sized as printed: the font size times the scale of the
    character's matrix (a chart's text is set small and scaled, or scaled down whole)."""
    characters = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document):
            text = page.get_textpage()
            for index in range(text.count_chars()):
                character = chr(pdfium.FPDFText_GetUnicode(text, index))
                if not character.strip():
                    continue
                matrix = pdfium.FS_MATRIX()
                pdfium.FPDFText_GetMatrix(text, index, matrix)
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                size = pdfium.FPDFText_GetFontSize(text, index) * scale
                left, bottom, right, top = text.get_charbox(index)
                characters.append(
                    Character(character, number, size, ((left + right) / 2, (bottom + top) / 2))
                )
    finally:
        document.close()
    return characters


@dataclass(frozen=True)
class FigureBox:
    """A /Figure of the structure tree: its page, the marked-content ids of what it draws,
    and its box (left, bottom, right, top, in PDF points from the page's foot)."""

    page: int
    marks: tuple[int, ...]
    box: tuple[float, float, float, float]

    def holds(self, x: float, y: float, margin: float = 0.0) -> bool:
        left, bottom, right, top = self.box
        return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin


def figure_boxes(pdf: Path) -> list[FigureBox]:
    """Each /Figure's page, marks and box, from the structure tree (WeasyPrint writes the
    BBox attribute in CSS pixels, measured from the page's top)."""
    boxes = []
    with pikepdf.open(pdf) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages)}

        def walk(node: pikepdf.Dictionary) -> None:
            if str(node.get("/S", "")) == "/Figure":
                page = node.Pg
                height = float(page.MediaBox[3])
                left, top, right, bottom = (float(v) * PT_PER_PX for v in node.A.BBox)
                marks = tuple(int(k) for k in _kids(node) if isinstance(k, int))
                box = (left, height - bottom, right, height - top)
                boxes.append(FigureBox(pages[page.objgen], marks, box))
            for kid in _kids(node):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid)

        for top in document.Root.StructTreeRoot.K:
            walk(top)
    return boxes


def test_no_character_prints_under_6_5_pt_nor_a_chart_s_words_under_7_pt(built_project):
    paths, _, _ = built_project
    smallest = {}
    for pdf in briefings(paths.outputs):
        name = f"{pdf.parent.name}/{pdf.name}"
        characters = printed_characters(pdf)
        boxes = figure_boxes(pdf)
        assert len(boxes) >= 3, name
        in_figures = [
            c for c in characters for f in boxes if c.page == f.page and f.holds(*c.middle)
        ]
        assert len(in_figures) > 100, name  # the charts' and maps' words were found
        too_small = "".join(c.text for c in characters if c.size < SMALLEST)
        assert too_small == "", f"{name}: characters under {SMALLEST} pt: {too_small[:80]}"
        small_in_figures = "".join(c.text for c in in_figures if c.size < SMALLEST_IN_A_FIGURE)
        assert small_in_figures == "", f"{name}: chart words under 7 pt: {small_in_figures[:80]}"
        smallest[name] = round(min(c.size for c in in_figures), 2)
    print("smallest chart text (pt):", smallest)


def test_the_measures_read_a_scaled_chart_s_words_and_a_word_off_its_canvas(tmp_path):
    """An SVG with 10 pt words, printed at half its size, prints them at 5 pt, inside its
    figure; set past its canvas, a word is found outside it."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="100pt" '
        'viewBox="0 0 400 100"><text x="10" y="50" style="font-size: 10px">Words</text></svg>'
    )
    html = (
        '<html lang="en"><head><title>t</title></head><body><p style="font-size: 10pt">Body'
        '</p><img alt="A chart" style="width: 200pt" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(svg.encode()).decode()}"></body></html>'
    )
    pdf = tmp_path / "scaled.pdf"
    pdf.write_bytes(html_to_pdf(html))
    sizes = {c.text: round(c.size, 1) for c in printed_characters(pdf)}
    assert sizes["B"] == 10.0 and sizes["W"] == 5.0
    (figure,) = figure_boxes(pdf)
    left, bottom, right, top = figure.box
    assert right - left == pytest.approx(200, abs=1)
    assert top - bottom == pytest.approx(50, abs=1)
    found = figure_words(pdf)
    assert words_outside(found) == {}  # the words lie within the figure
    assert found[0][1]  # its text, found by its marks

    overflowing = svg.replace('x="10"', 'x="380"')  # "Words" set past the canvas' edge
    html = html.replace(base64.b64encode(svg.encode()).decode(), "").replace(
        "base64,", "base64," + base64.b64encode(overflowing.encode()).decode()
    )
    pdf.write_bytes(html_to_pdf(html))
    assert list(words_outside(figure_words(pdf))) == [0]


def figure_words(pdf: Path) -> list[tuple[FigureBox, list[tuple[float, ...]]]]:
    """Each figure, with the box of each text object it draws, on the page or in a form
    (found by the marked-content id: a word set outside the figure's box is still the
    figure's)."""
    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for figure in figure_boxes(pdf):
            words, marked, box = [], False, None
            for item in document[figure.page].get_objects(max_depth=2):
                if item.level == 0:  # on the page, or a form whose contents follow it
                    marked = pdfium.FPDFPageObj_GetMarkedContentID(item.raw) in figure.marks
                    box = item.get_bounds()  # on the page (a form's contents are in its own)
                    if marked and item.type == TEXT:
                        words.append(box)
                elif marked and item.type == TEXT and box not in words:
                    words.append(box)  # a form that sets words: where it lies on the page
            found.append((figure, words))
    finally:
        document.close()
    return found


def words_outside(
    found: list[tuple[FigureBox, list[tuple[float, ...]]]],
) -> dict[int, list[tuple[float, ...]]]:
    """For each figure of :func:`figure_words` (by its order), the text boxes that leave it."""
    outside = {}
    for number, (figure, words) in enumerate(found):
        left = [
            w
            for w in words
            if not (figure.holds(w[0], w[1], 0.5) and figure.holds(w[2], w[3], 0.5))
        ]
        if left:
            outside[number] = left
    return outside


def test_every_chart_word_prints_inside_its_figure_as_weasyprint_sets_it(built_project):
    """The PDF's own text objects of each chart and map (WeasyPrint's fonts and metrics,
    not matplotlib's) lie within the figure's box."""
    paths, _, _ = built_project
    outside, words = {}, 0
    for pdf in briefings(paths.outputs):
        found = figure_words(pdf)
        assert all(w for _, w in found), f"{pdf}: a figure whose words were not found"
        words += sum(len(w) for _, w in found)
        if words_outside(found):
            outside[f"{pdf.parent.name}/{pdf.name}"] = words_outside(found)
    assert words > 500
    assert outside == {}


def test_no_page_but_the_last_is_more_than_40_percent_empty(built_project):
    paths, _, _ = built_project
    measured = {f"{pdf.parent.name}/{pdf.name}": emptiness(pdf) for pdf in briefings(paths.outputs)}
    print("empty share of each page:", measured)
    too_empty = {
        region: [(n + 1, share) for n, share in enumerate(shares[:-1]) if share > MOST_EMPTY]
        for region, shares in measured.items()
    }
    assert not any(too_empty.values()), f"pages more than 40% empty: {too_empty}"


def test_headings_stay_on_the_page_of_what_follows_them(built_project):
    paths, _, _ = built_project
    for pdf in briefings(paths.outputs):
        leaves, roles = structure(pdf)
        assert roles.get("/H2", 0) >= 3, pdf
        stranded = [
            (before.role, before.page + 1)
            for before, after in itertools.pairwise(leaves)
            if before.heading is not None
            and after.heading != before.heading
            and after.page != before.page
        ]
        assert stranded == [], f"{pdf.parent.name}/{pdf.name}: headings left at a page's foot"


def test_no_chart_table_row_or_quote_is_split_across_pages(built_project):
    """Each is one structure element, as many as the HTML has; split, it would be two."""
    paths, _, _ = built_project
    for pdf in briefings(paths.outputs):
        soup = BeautifulSoup(pdf.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
        _, roles = structure(pdf)
        expected = {
            "/Figure": len(soup.find_all("img")),
            "/BlockQuote": len(soup.find_all("blockquote")),
            "/TR in /TBody": sum(len(t.find_all("tr")) for t in soup.find_all("tbody")),
        }
        found = {role: roles.get(role, 0) for role in expected}
        assert found == expected, pdf.parent.name
        assert expected["/Figure"] >= 3 and expected["/TR in /TBody"] > 10


def test_a_split_table_keeps_two_body_rows_on_each_page_in_every_edition(built_project):
    paths, _, _ = built_project
    pdfs = sorted(paths.outputs.glob("*/briefing*.pdf"))
    assert len(pdfs) == 12  # every language edition of every briefing
    split = {}
    for pdf in pdfs:
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        for parts in parts_of_each_table(pdf, html_body_rows(html)):
            if len(parts) > 1:
                split[f"{pdf.parent.name}/{pdf.name}"] = parts
    print("tables split across pages (body rows on each page):", split)
    assert {name: parts for name, parts in split.items() if min(parts) < 2} == {}


def test_the_rule_holds_wherever_a_table_falls_on_the_page(tmp_path):
    """A six-row table pushed down the page a step at a time: wherever the page breaks in
    it, each part holds two body rows or more (without the rule, one is left alone)."""
    css = (TEMPLATES / "briefing" / "static" / "briefing.css").read_text(encoding="utf-8")
    rows = "".join(f"<tr><th scope='row'>Row {n}</th><td>{n}</td></tr>" for n in range(6))
    seen = set()
    for spacer in range(204, 240, 4):  # mm of content above the table
        html = (
            f'<html lang="en"><head><title>t</title><style>{css}</style></head><body>'
            f'<div style="height: {spacer}mm"></div><table class="briefing-table">'
            "<caption>A table</caption><thead><tr><th>A</th><th>B</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>"
        )
        pdf = tmp_path / f"table-{spacer}.pdf"
        pdf.write_bytes(html_to_pdf(html))
        (parts,) = parts_of_each_table(pdf, [6])
        seen.add(tuple(parts))
        assert min(parts) >= 2, (spacer, parts)
    assert {(4, 2), (3, 3), (2, 4)} <= seen  # the page did break inside the table


def test_the_measure_reads_a_page_s_lowest_content(tmp_path):
    """A page with one line is nearly all empty; one filled to 204 of 255 mm, a fifth."""
    css = (TEMPLATES / "briefing" / "static" / "briefing.css").read_text(encoding="utf-8")
    html = (
        f'<html lang="en"><head><title>t</title><style>{css}</style></head><body>'
        '<p>One line.</p><div style="break-before: page; height: 204mm; border: 1pt solid">'
        '</div><p style="break-before: page">Last.</p></body></html>'
    )
    pdf = tmp_path / "measure.pdf"
    pdf.write_bytes(html_to_pdf(html))
    first, second, *_ = emptiness(pdf)
    assert first > 0.9
    assert second == pytest.approx(0.2, abs=0.02)
