"""Small-cell disclosure control: the threshold and how region totals are written.

In a breakdown below the region a count below ``k`` could point to a person;
:mod:`wud_briefings.analysis.disclosure.suppression` withholds it and whatever would give it away.
Region totals are exempt. Shares are rounded half up, as people do. Kept
light: the command line imports the default threshold from here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from wud_briefings.core import language
from wud_briefings.core.language import N_, _

DEFAULT_K = 3
MIN_K = 2
# The pool's name wherever a country's would stand (metrics.pooled_label).
POOLED = N_("Countries with fewer than {k} respondents (pooled)")


def percent(count: int, total: int) -> int:
    """A whole-number percentage, rounded half up (10 of 15 is 67%)."""
    if total <= 0:
        raise ValueError("a share needs a positive total")
    exact = Decimal(count) * 100 / Decimal(total)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def count_and_share(count: int, total: int) -> str:
    """``"13 of 17 (76%)"``: a region total and its share (region totals are not withheld)."""
    return _("{count} of {total} ({share})").format(
        count=language.number(count),
        total=language.number(total),
        share=language.percent(percent(count, total)),
    )


def check_k(k: int) -> int:
    """The threshold, refused below 2: a threshold of 0 or 1 withholds nothing."""
    if k < MIN_K:
        raise ValueError(f"the small-cell threshold k must be at least {MIN_K}, not {k}")
    return k
