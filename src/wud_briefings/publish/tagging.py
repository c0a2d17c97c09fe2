"""/Scope on the PDF's table header cells, which WeasyPrint 70 does not write.

WeasyPrint tags an HTML ``th`` as /TH and reads its ``scope`` only to decide
which /TD cells list it in their /Headers; the /TH element itself gets no
/Scope attribute, so checkers (pdfua's UA-15-003, PDF/UA-1 clause 7.5) cannot
tell whether a header names a column or a row. WeasyPrint's own ``finisher``
hook hands over the finished object tree before it is written: this adds the
attribute there, in the same table attribute dictionary (``/O /Table``) that
WeasyPrint opens for every cell, with no second pass over the written file.

The scope follows :class:`~wud_briefings.analysis.show.Table`'s markup: header
cells in the table's head are ``scope="col"``, those in its body ``scope="row"``.
"""

from __future__ import annotations

from typing import Any

import pydyf

HEADER = "/TH"
BODY_GROUPS = {"/TBody", "/TFoot"}


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
