"""What WeasyPrint 70 leaves out of the PDF's structure tree, added: /Scope and /Lang;
and what it leaves half in, taken out: the page margins' text.

**/Scope on table header cells.** WeasyPrint tags an HTML ``th`` as /TH and reads
its ``scope`` only to decide which /TD cells list it in their /Headers; the /TH
element itself gets no /Scope attribute, so checkers (pdfua's UA-15-003, PDF/UA-1
clause 7.5) cannot tell whether a header names a column or a row. WeasyPrint's own
``finisher`` hook hands over the finished object tree before it is written: this
adds the attribute there, in the same table attribute dictionary (``/O /Table``)
that WeasyPrint opens for every cell, with no second pass over the written file.
The scope follows :class:`~wud_briefings.analysis.display.show.Table`'s markup: header
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

**Page furniture as artifacts.** The running banner and the page number live in the
page's margin boxes. WeasyPrint marks their text as content (``/Span <</MCID n>>
BDC``) and builds structure elements for it, but links them to nothing ("it could be
included in tree as Artifact, but that's only allowed in PDF 2.0"): content owned by
elements no reader can reach. :func:`page_furniture_as_artifacts`, in the same
finisher, begins those sequences as ``/Artifact BMC`` instead and clears their
entries in the parent tree; the orphaned elements stay as unreferenced objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf

HEADER = "/TH"
BODY_GROUPS = {"/TBody", "/TFoot"}
NOT_OWN_ELEMENT = ("html", "body")  # boxes WeasyPrint gives no structure element of theirs


def _by_reference(pdf: pydyf.PDF) -> dict[bytes, Any]:
    """The PDF's objects by their reference (``b"12 0 R"``), as the tree links them."""
    return {item.reference: item for item in pdf.objects if hasattr(item, "reference")}


def _structure_elements(objects: dict[bytes, Any]) -> dict[bytes, pydyf.Dictionary]:
    return {
        reference: item
        for reference, item in objects.items()
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"
    }


def scope_of(header: pydyf.Dictionary, elements: dict[bytes, pydyf.Dictionary]) -> str:
    """/Row for a header cell in a table body, /Column for one in its head."""
    row = elements.get(header["P"])
    group = elements.get(row["P"]) if row is not None else None
    return "/Row" if group is not None and group["S"] in BODY_GROUPS else "/Column"


def add_header_scopes(elements: dict[bytes, pydyf.Dictionary]) -> None:
    """Every /TH element gets /Scope in its table attributes."""
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


def _reachable(root: pydyf.Dictionary, elements: dict[bytes, pydyf.Dictionary]) -> set[bytes]:
    """The structure elements a reader's software finds by walking down from the root."""
    seen: set[bytes] = set()
    stack = list(root["K"])
    while stack:
        reference = stack.pop()
        if reference in seen or reference not in elements:
            continue
        seen.add(reference)
        stack.extend(kid for kid in elements[reference]["K"] if not isinstance(kid, int))
    return seen


def _as_artifacts(items: list[Any], mcids: set[int]) -> list[Any]:
    """A page's content operators with each marked-content sequence of ``mcids`` begun as
    an artifact (``/Artifact BMC``) instead (``/Span <</MCID n>> BDC``)."""
    out: list[Any] = []
    for item in items:
        if (
            item == b"BDC"
            and len(out) >= 2
            and isinstance(out[-1], pydyf.Dictionary)
            and out[-1].get("MCID") in mcids
        ):
            out[-1:] = [b"BMC"]
            out[-2] = "/Artifact"
        else:
            out.append(item)
    return out


def page_furniture_as_artifacts(
    pdf: pydyf.PDF, objects: dict[bytes, Any], elements: dict[bytes, pydyf.Dictionary]
) -> None:
    """The page margins' text (the running banner, the page number) marked as artifacts,
    not as content owned by structure elements no one can reach."""
    root = objects[pdf.catalog["StructTreeRoot"]]
    reachable = _reachable(root, elements)
    orphaned: dict[bytes, set[int]] = {}
    for reference, element in elements.items():
        if reference not in reachable:
            kids = {kid for kid in element["K"] if isinstance(kid, int)}
            orphaned.setdefault(element["Pg"], set()).update(kids)
    numbers = objects[root["ParentTree"]]["Nums"]
    for page_number, page in enumerate(pdf.page_references):
        mcids = orphaned.get(page, set())
        if not mcids:
            continue
        content = objects[objects[page]["Contents"]]
        content.stream = _as_artifacts(content.stream, mcids)
        owners = numbers[2 * page_number + 1]  # the page's MCID -> element, in MCID order
        for mcid in mcids:
            owners[mcid] = "null"


def finish_structure(document: Any, pdf: pydyf.PDF) -> None:
    """The finisher the PDF exporter hands WeasyPrint: header scopes, then page furniture,
    on one index of the object tree."""
    del document  # the finisher's signature; the object tree holds all it needs
    objects = _by_reference(pdf)
    elements = _structure_elements(objects)
    add_header_scopes(elements)
    page_furniture_as_artifacts(pdf, objects, elements)
