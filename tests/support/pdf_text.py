"""A PDF's words as PDFium reads them: each page's, and a tagged PDF's by the language its
structure tree gives them.

A structure element's /Lang holds for everything under it, down to the marked
content it owns; the document's /Lang holds where no element says otherwise.
The words of each marked-content sequence are read with PDFium (each text object
knows the marked-content id it is drawn in), so what is checked is what a screen
reader is told: these words, in this language.
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium


def _marked_text(document: pypdfium2.PdfDocument) -> dict[tuple[int, int], str]:
    """Each (page, marked-content id)'s words, in drawing order."""
    texts: dict[tuple[int, int], list[str]] = defaultdict(list)
    for number, page in enumerate(document):
        textpage = page.get_textpage()
        for item in page.get_objects(filter=(pdfium.FPDF_PAGEOBJ_TEXT,)):
            mark = pdfium.FPDFPageObj_GetMarkedContentID(item.raw)
            size = pdfium.FPDFTextObj_GetText(item.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.FPDFTextObj_GetText(
                item.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
            )
            texts[(number, mark)].append(buffer.raw[: size - 2].decode("utf-16-le"))
    return {key: "".join(parts) for key, parts in texts.items()}


def words_by_language(pdf: Path) -> dict[str, str]:
    """Every language's words in the PDF, in reading order, spaces between marked sequences."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        marked = _marked_text(document)
    finally:
        document.close()
    words: dict[str, list[str]] = defaultdict(list)
    with pikepdf.open(pdf) as tagged:
        pages = {page.obj.objgen: number for number, page in enumerate(tagged.pages)}

        def walk(node: pikepdf.Dictionary, language: str) -> None:
            language = str(node.get("/Lang", language))
            kids = node.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int) and "/Pg" in node:
                    words[language].append(marked.get((pages[node.Pg.objgen], kid), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid, language)

        for top in tagged.Root.StructTreeRoot.K:
            walk(top, str(tagged.Root.Lang))
    return {language: " ".join(" ".join(parts).split()) for language, parts in words.items()}


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text as the PDF holds it, blanks made one space."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()
