"""What WeasyPrint 70 leaves out of the PDF's structure tree, added: /Scope and /Lang.

**/Scope on table header cells.** WeasyPrint tags an HTML ``th`` as /TH and reads
its ``scope`` only to decide which /TD cells list it in their /Headers; the /TH
element itself gets no /Scope attribute, so checkers (pdfua's UA-15-003, PDF/UA-1
clause 7.5) cannot tell whether a header names a column or a row. WeasyPrint's own
``finisher`` hook hands over the finished object tree before it is written: this
adds the attribute there, in the same table attribute dictionary (``/O /Table``)
that WeasyPrint opens for every cell, with no second pass over the written file.
The scope follows :class:`~wud_briefings.analysis.show.Table`'s markup: header
cells in the table's head are ``scope="col"``, those in its body ``scope="row"``.

**/Lang on the parts in another language.** WeasyPrint writes the document's
language (the root's ``lang``) into the catalog but no element's own ``lang``
(WCAG 3.1.2, PDF/UA-1 clause 7.2): a screen reader would read an English quote
on a Russian page with a Russian voice. The structure element of each box is made
in ``weasyprint.pdf.tags._build_box_tree``, the one place that sees both the box
(and so its HTML element) and the element; :func:`tag_languages` wraps it once
per process to copy the HTML element's ``lang`` onto the structure element. That
function is internal to WeasyPrint, pinned at 70.0 in the lock: the PDF tests
fail if a new version stops calling it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf

HEADER = "/TH"
BODY_GROUPS = {"/TBody", "/TFoot"}
NOT_OWN_ELEMENT = ("html", "body")  # boxes WeasyPrint gives no structure element of theirs


def _structure_elements(pdf: pydyf.PDF) -> dict[bytes, pydyf.Dictionary]:
    return {
        item.reference: item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"
    }


def scope_of(header: pydyf.Dictionary, elements: dict[bytes, pydyf.Dictionary]) -> str:
    """/Row for a header cell in a table body, /Column for one in its head."""
    row = elements.get(header["P"])
    group = elements.get(row["P"]) if row is not None else None
    return "/Row" if group is not None and group["S"] in BODY_GROUPS else "/Column"


def add_header_scopes(document: Any, pdf: pydyf.PDF) -> None:
    """A WeasyPrint finisher: every /TH element gets /Scope in its table attributes."""
    del document  # the finisher's signature; the object tree holds all it needs
    elements = _structure_elements(pdf)
    for element in elements.values():
        if element["S"] == HEADER:
            attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes["Scope"] = scope_of(element, elements)


def _own_language(box: Any) -> str | None:
    """The ``lang`` of the HTML element a box (and its structure element) stands for."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, boxes.PageBox | boxes.MarginBox) or box.element is None:
        return None
    if box.element_tag in NOT_OWN_ELEMENT:
        return None
    return box.element.get("lang") or None


def tag_languages() -> None:
    """Make every structure element WeasyPrint builds carry its HTML element's ``lang``."""
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    if getattr(build, "tags_languages", False):
        return

    def build_with_languages(box: Any, *arguments: Any) -> Iterator[pydyf.Dictionary]:
        language = _own_language(box)
        for element in build(box, *arguments):
            if language and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            yield element

    build_with_languages.tags_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_with_languages
