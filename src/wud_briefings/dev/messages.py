"""``make messages``: the catalogs of every published language, brought up to date.

The package's strings (``_``, ``ngettext``, ``N_``) go into the ``wud_briefings``
domain, the notebooks' markdown paragraphs into ``notebooks``. Each language's
``.po`` files are updated from them with Babel: new messages added untranslated,
obsolete ones dropped, translations kept. The files change only when the
messages do: no dates, locations by file and not by line, entries sorted.
No ``.pot`` or ``.mo`` is written: the templates live in memory, and
:mod:`wud_briefings.core.language` compiles the catalogs when they are used.

:func:`catalog_problems` is the check a language must pass to be published.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po

from wud_briefings.core.language import (
    LANGUAGES,
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    catalog_bytes,
    catalog_path,
    markdown_messages,
    message_texts,
)

PACKAGE_DIR = LOCALE_DIR.parent
NOTEBOOKS_DIR = PACKAGE_DIR.parents[1] / "notebooks"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
NOTEBOOK_EXTRACTOR = "wud_briefings.dev.messages:extract_notebook"
EXPECTATIONS_DIR = PACKAGE_DIR.parents[1] / "expectations"
SUITE_EXTRACTOR = "wud_briefings.dev.messages:extract_suite"
FIXED_DATE = datetime(2020, 1, 1, tzinfo=UTC)  # the survey year: no run's clock
HEADER = """{language} translations of the wud-briefings briefings ({domain}).
Drafted by the wud-briefings project; awaiting review by the
translators of WHRIN (Women and Harm Reduction International Network).
Updated by `make messages`: edit the translations, never the msgids."""
TEAM = "WHRIN translators (review pending)"
TRANSLATOR = "wud-briefings project (draft)"
_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_DIGITS = re.compile(r"\d+")


def extract_notebook(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, Any, Any, Any]]:
    """A Babel extractor (``module:function`` in a Babel mapping) for a notebook: each
    markdown paragraph, as ``translated_markdown`` looks it up, and the strings its code
    cells pass to ``_`` (captions); numbered by cell."""
    notebook = json.load(fileobj)
    for number, cell in enumerate(notebook["cells"], start=1):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for message in markdown_messages(source):
                yield number, None, message, []
        elif cell["cell_type"] == "code":
            code = BytesIO(source.encode("utf-8"))
            for _line, funcname, messages, comments in extract_python(
                code, keywords, comment_tags, options
            ):
                yield number, funcname, messages, comments


def extract_suite(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """A Babel extractor for an expectations suite: the words of each check (``meta.check``),
    which a briefing's data-quality section prints; numbered by expectation."""
    suite = json.load(fileobj)
    for number, expectation in enumerate(suite.get("expectations", []), start=1):
        check = (expectation.get("meta") or {}).get("check")
        if check:
            yield number, None, check, []


def _extract(template: Catalog, folder: Path, mapping: list[tuple[str, str]], prefix: str) -> None:
    """Add a folder's messages to ``template``, each located by its files (no line numbers)."""
    found = extract_from_dir(folder, mapping, keywords=KEYWORDS, strip_comment_tags=True)
    for filename, _line, message, _comments, context in found:
        # no line numbers (Babel writes none for None, though its types say int)
        location = (f"{prefix}{filename}", None)
        template.add(message, locations=[location], context=context)  # type: ignore[list-item]


def templates() -> dict[str, Catalog]:
    """The messages of both domains: the package's code, its page templates and the words
    of the gate's checks; the notebooks."""
    package = Catalog(domain="wud_briefings", creation_date=FIXED_DATE)
    pages = [("analysis/display/templates/**.j2", "jinja2")]  # the briefing's own parts
    _extract(package, PACKAGE_DIR, [*pages, ("**.py", "python")], "src/wud_briefings/")
    _extract(package, EXPECTATIONS_DIR, [("*.json", SUITE_EXTRACTOR)], "expectations/")
    notebooks = Catalog(domain="notebooks", creation_date=FIXED_DATE)
    _extract(notebooks, NOTEBOOKS_DIR, [("*.ipynb", NOTEBOOK_EXTRACTOR)], "notebooks/")
    return {"wud_briefings": package, "notebooks": notebooks}


def updated(path: Path, language: str, template: Catalog) -> bytes:
    """The ``.po`` file at ``path`` (or a new one) updated from ``template``, as bytes."""
    if path.exists():
        with path.open("rb") as po:
            catalog = read_po(po, locale=language, domain=template.domain)
    else:
        catalog = Catalog(locale=language, domain=template.domain)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.obsolete.clear()
    catalog.project, catalog.version = "wud-briefings", "1"
    catalog.revision_date = FIXED_DATE
    catalog.last_translator, catalog.language_team = TRANSLATOR, TEAM
    catalog.header_comment = "\n".join(
        f"# {line}".rstrip()
        for line in HEADER.format(
            language=catalog.locale.english_name, domain=template.domain
        ).splitlines()
    )
    catalog.msgid_bugs_address = ""
    catalog.fuzzy = False  # the header: its fields are set here, not guessed
    return catalog_bytes(catalog)


def published_languages() -> list[str]:
    return [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def catalog_files(locale_dir: Path = LOCALE_DIR) -> dict[Path, bytes]:
    """Every published language's ``.po`` files as ``make messages`` writes them."""
    files = {}
    for domain, template in templates().items():
        for language in published_languages():
            path = catalog_path(language, domain, locale_dir)
            files[path] = updated(path, language, template)
    return files


def write_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Update the ``.po`` files on disk; returns those that changed."""
    changed = []
    for path, content in catalog_files(locale_dir).items():
        if not path.exists() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            changed.append(path)
    return changed


def _message_problems(message: Message) -> list[str]:
    ids, strings = message_texts(message)
    if message.fuzzy:
        return ["fuzzy"]
    if not all(strings):
        return ["not translated"]
    problems = []
    wanted = {p for i in ids for p in _PLACEHOLDER.findall(i)}
    tags = sorted(_TAG.findall(ids[0]))
    # a placeholder the English uses twice is a figure printed twice ("fewer than {k} …,
    # or fewer than {k} …"): a translation that prints it once drops a number of the page
    repeated = {p: max(i.count(f"{{{p}}}") for i in ids) for p in wanted}
    for string in strings:
        if set(_PLACEHOLDER.findall(string)) != wanted:
            problems.append(
                f"placeholders {sorted(_PLACEHOLDER.findall(string))}, not {sorted(wanted)}"
            )
        elif dropped := sorted(p for p, n in repeated.items() if string.count(f"{{{p}}}") < n):
            problems.append(f"placeholders {dropped} fewer times than in the English")
        if len(_TAG.findall(string)) != len(tags):
            problems.append(f"HTML tags {_TAG.findall(string)}, not {tags}")
        if _DIGITS.findall(string) != _DIGITS.findall(ids[-1]):  # a page's figures, in order
            problems.append(f"numbers {_DIGITS.findall(string)}, not {_DIGITS.findall(ids[-1])}")
    return problems


def catalog_problems(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every message of a published language that is untranslated, fuzzy, or whose
    placeholders, HTML tags or numbers differ from its msgid's: a briefing would show
    English, fail to format, lose its markup, or print other figures."""
    problems = []
    for language in published_languages():
        for path in sorted((locale_dir / language / "LC_MESSAGES").glob("*.po")):
            with path.open("rb") as po:
                catalog = read_po(po, locale=language)
            for message in catalog:
                if message.id:
                    problems += [
                        f"{path.relative_to(locale_dir)}: {message.id!r}: {problem}"
                        for problem in _message_problems(message)
                    ]
    return problems


def main() -> None:
    for path in write_catalogs():
        print(f"updated {path.relative_to(PACKAGE_DIR.parents[1])}")
    for problem in catalog_problems():
        print(problem)


if __name__ == "__main__":
    main()
