"""The language a briefing is written in: its message catalogs and its CLDR formats.

Every sentence a reader sees is written in English in the code and passed
through :func:`_` (or :func:`ngettext` for counts); translators edit the
gettext catalogs in ``wud_briefings/locale/<lang>/LC_MESSAGES/*.po`` with the
tools they know, and nobody edits Python to translate. The catalogs are
compiled in memory when first used (no ``.mo`` file is written or committed).
Numbers, percentages and lists are formatted by the language's CLDR rules
through Babel.

One language is in use at a time (:func:`use`): a notebook sets it from its
``language`` parameter, and the build sets it before writing each page.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

SOURCE_LANGUAGE = "en"  # the language the code and the notebooks are written in
LANGUAGES = ("en", "es", "ru")  # every language a briefing can be published in
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# The package's own strings, and the notebooks' markdown cells.
DOMAINS = ("wud_briefings", "notebooks")

_active: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


class UnknownLanguage(ValueError):
    """A language the compendium has no catalogs for."""

    def __init__(self, language: str) -> None:
        super().__init__(
            f"no briefings in language {language!r}: the compendium publishes in "
            f"{', '.join(LANGUAGES)}"
        )


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    return language


def use(language: str) -> None:
    """Write every later sentence, number and list in ``language``."""
    _active.set(check_language(language))


@contextmanager
def using(language: str) -> Iterator[None]:
    """Write in ``language`` for a block, then go back to the language before it."""
    token = _active.set(check_language(language))
    try:
        yield
    finally:
        _active.reset(token)


def current() -> str:
    return _active.get()


def catalog_path(language: str, domain: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def message_texts(message: Message) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A catalog entry's English and its translation, each as its forms (one, or one per
    plural form); an untranslated form is empty."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(str(i) for i in ids), tuple(s or "" for s in strings)


def catalog_bytes(catalog: Catalog) -> bytes:
    """A catalog as its ``.po`` file is kept: entries sorted, located by file (no line
    numbers), no obsolete ones; whoever writes a catalog writes it so."""
    out = BytesIO()
    write_po(out, catalog, include_lineno=False, sort_output=True, ignore_obsolete=True)
    return out.getvalue()


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's catalogs, compiled in memory (fuzzy entries are left out, as msgfmt does)."""
    if check_language(language) == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    merged: Translations | None = None
    for domain in DOMAINS:
        with catalog_path(language, domain).open("rb") as po:
            catalog = read_po(po, locale=language, domain=domain)
        compiled = BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        loaded = Translations(compiled, domain=domain)
        merged = loaded if merged is None else merged.merge(loaded)
    assert merged is not None
    return merged


def _(message: str) -> str:
    """``message`` in the language in use (itself when it has no translation)."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for ``n`` under the language's plural rules."""
    return translations(current()).ngettext(singular, plural, n)


@cache
def _plural_rule(language: str) -> Callable[[int], int]:
    """The language's plural rule (CLDR's, as its catalogs' header writes it), compiled once."""
    return gettext.c2py(get_plural(language).plural_expr)


def plural_index(n: int) -> int:
    """Which of a counted word's forms goes with ``n`` in the language in use, counting
    the forms in the order its catalogs' ``msgstr[0]``, ``msgstr[1]``… give them."""
    return _plural_rule(current())(n)


@cache
def _plural_examples(language: str) -> tuple[int, ...]:
    rule = _plural_rule(language)
    first: dict[int, int] = {}
    for n in range(1, 200):
        first.setdefault(rule(n), n)
    return tuple(first[i] for i in range(get_plural(language).num_plurals))


def plural_examples() -> tuple[int, ...]:
    """A number for each of the language's plural forms, in their order (Russian: 1, 2, 5)."""
    return _plural_examples(current())


def N_(message: str) -> str:
    """Marks a string for the catalogs where it is defined; :func:`_` translates it where shown."""
    return message


def number(value: int | float) -> str:
    """A number as the language writes it (``1,234``; ``1 234`` in Russian)."""
    return format_decimal(value, locale=current())


def percent(whole_percent: int) -> str:
    """A whole-number percentage as the language writes it (``67%``, ``67 %``)."""
    return format_percent(whole_percent / 100, locale=current())


def alphabetical(name: str) -> str:
    """A key that orders names as a reader of their language looks them up: accents and
    case aside (África between Africa's neighbours, not after Z)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mid_sentence(text: str) -> str:
    """A label as a list inside a sentence or a cell carries it: its first letter lower-case
    ("criminalisation of drug use 41%"; «гендерное насилие 50 %»)."""
    return text[:1].lower() + text[1:]


def sentence_start(text: str) -> str:
    """Text begun with a capital, the rest as it is ("Dropped-in centre", "Service reported"):
    a table's row label, a language's name on its own."""
    return text[:1].upper() + text[1:]


def language_name(language: str) -> str:
    """A language's name in the language in use, as running text writes it: "Russian",
    "ruso", "русский" (a link to an edition names it in its own: ``editions.autonym``)."""
    return str(Locale.parse(current()).languages[language])


def and_list(items: Sequence[str]) -> str:
    """``"A, B and C"``, ``"A, B y C"``, ``"A, B и C"``.

    English keeps the source report's style, without the serial comma CLDR adds. When
    either of the last two items holds the conjunction itself ("Eastern Europe and Central
    Asia"), the list says where it ends: "A, B, and C and D"; "A, B, y C y D"; "A, B, а
    также C и D"; "A, C and D, and B".
    """
    if len(items) <= 1:
        return "".join(items)
    if any(_conjunction(current()) in f" {item} " for item in items[-2:]):
        return _("{items}, and {last}").format(items=", ".join(items[:-1]), last=items[-1])
    if current() == SOURCE_LANGUAGE:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return format_list(list(items), locale=current())


@cache
def _conjunction(language: str) -> str:
    """The language's "and" between two items, spaces included (" and ", " y ", " и ")."""
    return format_list(["\x00", "\x01"], locale=language).split("\x00")[1].split("\x01")[0]


def series(items: Sequence[str]) -> str:
    """Items that hold commas or "and" of their own, as a sentence lists them: by semicolons,
    the last after "and" ("A in X; B in Y and Z; and C in W"; "…; y C en W")."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items}; and {last}").format(items="; ".join(items[:-1]), last=items[-1])


def survey_month(month: str | None) -> str:
    """A survey's ``YYYY-MM`` month as the language writes it ("April 2020", "abril de 2020")."""
    if month is None:
        return _("not stated")
    year, number_ = (int(part) for part in month.split("-"))
    return format_skeleton("yMMMM", date(year, number_, 1), locale=current())


def long_date(day: date) -> str:
    """A date as the language writes it in full ("5 December 2026", "5 декабря 2026 г.");
    English in the report's British style."""
    locale = "en_GB" if current() == SOURCE_LANGUAGE else current()
    return format_date(day, format="long", locale=locale)


# A markdown cell is translated paragraph by paragraph: blank lines and HTML comments
# (notes to whoever edits the notebook) separate paragraphs and stay as they are, and
# a heading is a paragraph of its own, translated without its #s.
_BLOCKS = re.compile(r"(<!--.*?-->|\n[ \t]*\n|^[ \t]*#{1,6}[ \t][^\n]*)", re.DOTALL | re.MULTILINE)
_TEXT = re.compile(r"(?P<lead>\s*(?:#{1,6}[ \t]+)?)(?P<text>.*?)(?P<tail>\s*)", re.DOTALL)


def _markdown_pieces(source: str) -> Iterator[tuple[str, str, str]]:
    """Each paragraph as (what stays before it, its text to translate, what stays after)."""
    for piece in _BLOCKS.split(source):
        if not piece.strip() or piece.lstrip().startswith("<!--"):
            yield piece, "", ""
        else:
            match = _TEXT.fullmatch(piece)
            assert match is not None  # the pattern matches any text
            yield match["lead"], match["text"], match["tail"]


def markdown_messages(source: str) -> list[str]:
    """The paragraphs of a markdown cell the ``notebooks`` catalogs translate."""
    return [text for _lead, text, _tail in _markdown_pieces(source) if text]


def translated_markdown(source: str) -> str:
    """A markdown cell in the language in use: researchers write the notebooks in English."""
    return "".join(
        lead + (_(text) if text else "") + tail for lead, text, tail in _markdown_pieces(source)
    )
