"""A PDF setter for builds whose test is not about the PDF.

WeasyPrint is the slowest step of a build after the notebook itself; most tests
that build look at the HTML, the notebook, the manifest or the index. They set
each PDF with :func:`placeholder_pdf` through the build's own seam
(``BuildOptions.pdf_setter``), so the build still writes, names, hashes and
swaps a real PDF file in place. Tests of the PDF itself (PDF/UA, print layout,
fonts, proof sheets, byte identity) build with WeasyPrint.
"""

from __future__ import annotations

import hashlib
import io

import pydyf

PLACEHOLDER_TITLE = "Placeholder PDF set by the tests"


def placeholder_pdf(html: str) -> bytes:
    """A one-page PDF that names the SHA-256 of the HTML it stands for (so that it
    changes when the page does, as a real one would)."""
    document = pydyf.PDF()
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
    document.info["Title"] = pydyf.String(PLACEHOLDER_TITLE)
    document.info["Subject"] = pydyf.String(f"HTML SHA-256 {digest}")
    page = pydyf.Dictionary(
        {
            "Type": "/Page",
            "Parent": document.pages.reference,
            "MediaBox": pydyf.Array([0, 0, 595, 842]),
        }
    )
    document.add_object(page)
    document.pages["Kids"].extend([page.number, 0, "R"])
    document.pages["Count"] += 1
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def is_placeholder(pdf: bytes) -> bool:
    return PLACEHOLDER_TITLE.encode("ascii") in pdf
