"""What a reader sees of a published page: its visible text, and the numbers in it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup


def visible_text(page: str) -> list[str]:
    """Text a reader sees, less quotes and the services respondents named (theirs, verbatim)."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["script", "style", "head", "title", "blockquote"]):
        hidden.decompose()
    for quoted in soup.select(".quote, ul"):  # named services are lists of excerpts
        quoted.decompose()
    return [t.strip() for t in soup.find_all(string=True) if t.strip()]


def numbers(page: str) -> list[str]:
    """Every number printed, in order (a thousands separator, any language's, is dropped),
    but the edition's own: how far its translation is reviewed."""
    soup = BeautifulSoup(page, "html.parser")
    for own in soup.select(".translation-status"):
        own.decompose()
    text = " ".join(visible_text(str(soup))).replace("\xa0", "").replace("\u202f", "")
    return re.findall(r"\d+", text)
