"""Redaction of free text: contacts removed from every answer before anything is kept.

Removes e-mail addresses, also written as "olga at gmail dot com"; messenger
handles; links to profiles and chats; and phone numbers, read by the
respondent's country and the region's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from functools import partial

import phonenumbers
from phonenumbers import Leniency

EMAIL_MARK = "[email removed]"
PHONE_MARK = "[phone removed]"
HANDLE_MARK = "[handle removed]"
LINK_MARK = "[link removed]"

# "at" and "dot" spelled out, in the surveys' languages.
_AT_WORD = r"(?:at|arroba|собака)"
_DOT_WORD = r"(?:dot|punto|точка)"
# "@" as such, spaced or as a word in brackets. A space before "@" but none after
# makes a handle: "me @olga.harm".
_AT = rf"(?:@|\s*@\s+|\s*[(\[{{<]\s*{_AT_WORD}\s*[)\]}}>]\s*)"
_HIDDEN_DOT = rf"(?:\s*[(\[{{<]\s*{_DOT_WORD}\s*[)\]}}>]\s*|\s+{_DOT_WORD}\s+)"
_DOT = rf"(?:\.|\s+\.\s+|{_HIDDEN_DOT})"
_LABEL = r"[\w-]+"
_TOP_LEVEL = r"[^\W\d_]{2,}(?!\w)"
_DOMAIN = rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TOP_LEVEL}"
_HIDDEN_DOMAIN = rf"{_LABEL}(?:{_HIDDEN_DOT}{_LABEL})*{_HIDDEN_DOT}{_TOP_LEVEL}"
# A bare "at" is an e-mail only with its dots hidden too: "find us at harmreduction.eu"
# names a web site. Matches start only where a word starts: a long word is tried once.
EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+(?:{_AT}{_DOMAIN}|\s+{_AT_WORD}\s+{_HIDDEN_DOMAIN})", re.IGNORECASE
)
_PATH = r"/[^\s<>\"]*[^\s<>\"'.,;:!?)\]}]"
# Sites whose paths name a person or a chat; an organisation's own site is kept,
# as the survey asks for links to services.
_PROFILE_SITES = r"""(?:t|telegram|wa|fb|m|vk|signal)\.me | telegram\.dog | signal\.group
    | (?:facebook|fb|messenger|instagram|vk|twitter|x|tiktok|whatsapp|viber)\.com
    | instagr\.am | (?:ok|odnoklassniki|vkontakte)\.ru"""
LINK = re.compile(
    rf"""(?<![\w.@/-])
    (?: (?:https?://)?(?:[\w-]+\.)*(?:{_PROFILE_SITES}){_PATH}
      | (?:https?://)?(?:[\w-]+\.)*linkedin\.com/(?:in|pub){_PATH}
      | (?:viber|tg|whatsapp|sgnl)://[^\s<>\"]*[^\s<>\"'.,;:!?)\]}}]
    )""",
    re.IGNORECASE | re.VERBOSE,
)
HANDLE = re.compile(r"(?<![\w.@/])@[^\W\d]\w*(?:\.\w+)*")
# Years, counts, ranks and short local numbers are shorter; years and dates are
# ruled out below, whatever their length.
MIN_PHONE_DIGITS = 7
NOT_A_PHONE = re.compile(
    r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d"  # 2019-2020, 2019/20
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d"  # 05.06.2020
    r"|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}"  # 2020-04-15
)
BLANK = "\0"

Span = tuple[int, int]


def _normalise(text: str) -> tuple[str, list[Span]]:
    """NFKC text ("＠" becomes "@"), and for each of its characters the span of ``text``
    it came from, so that only what is redacted changes in the original.

    Each character is normalised with the combining marks that follow it, so
    that "é" written in two code points is one letter, as in a whole-text NFKC.
    """
    pieces: list[str] = []
    origins: list[Span] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue
        piece = unicodedata.normalize("NFKC", text[start:end])
        pieces.append(piece)
        origins += [(start, end)] * len(piece)
        start = end
    return "".join(pieces), origins


def _pattern_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [match.span() for match in pattern.finditer(text)]


def _phone_spans(text: str, country: str, leniency: int) -> list[Span]:
    """``leniency`` is a :class:`phonenumbers.Leniency` level (an int, as its matcher takes)."""
    if sum(map(str.isdigit, text)) < MIN_PHONE_DIGITS:
        return []
    return [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(text, country, leniency=leniency)
        if sum(map(str.isdigit, match.raw_string)) >= MIN_PHONE_DIGITS
        and not NOT_A_PHONE.fullmatch(match.raw_string)
    ]


def _finders(
    country: str | None, region_countries: Collection[str]
) -> list[tuple[str, Callable[[str], list[Span]]]]:
    """Each kind of contact with its mark, links first: a link may hold a handle or a number.

    A number without its country code is read first as one of the respondent's
    country, where any number of a possible length counts (a typo must not leak
    a number), then as one of each other country of the region, where only
    numbers valid there count: with dozens of countries tried, possible lengths
    alone would take almost any long number.
    """
    finders: list[tuple[str, Callable[[str], list[Span]]]] = [
        (LINK_MARK, partial(_pattern_spans, LINK)),
        (EMAIL_MARK, partial(_pattern_spans, EMAIL)),
        (HANDLE_MARK, partial(_pattern_spans, HANDLE)),
        (PHONE_MARK, partial(_phone_spans, country=country or "ZZ", leniency=Leniency.POSSIBLE)),
    ]
    finders += [
        (PHONE_MARK, partial(_phone_spans, country=other, leniency=Leniency.VALID))
        for other in sorted(set(region_countries) - {country})
    ]
    return finders


def _contacts(
    text: str, finders: list[tuple[str, Callable[[str], list[Span]]]]
) -> list[tuple[int, int, str]]:
    """Contacts found in ``text``, in order. Each finder looks only at what the ones
    before it left, so no character is redacted twice."""
    found = []
    for mark, finder in finders:
        for start, end in finder(text):
            found.append((start, end, mark))
            text = text[:start] + BLANK * (end - start) + text[end:]
    return sorted(found)


def redact(
    text: object, country: str | None = None, region_countries: Collection[str] = ()
) -> object:
    """Text with each contact replaced by a mark saying what was there.

    ``country`` is the respondent's country and ``region_countries`` those of
    the region (ISO alpha-2 codes): a phone number written without its country
    code is read by them. Contacts are looked for in the NFKC form of the text,
    but the text returned is the original outside what was removed.
    """
    if not isinstance(text, str):
        return text
    normal, origins = _normalise(text)
    pieces, cursor = [], 0
    for start, end, mark in _contacts(normal, _finders(country, region_countries)):
        first = max(origins[start][0], cursor)
        pieces += [text[cursor:first], mark]
        cursor = origins[end - 1][1]
    return "".join([*pieces, text[cursor:]])
