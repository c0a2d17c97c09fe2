"""Small-cell disclosure control: the threshold, the rules that follow from it, and how
region totals are written.

In a breakdown below the region a count below ``k`` could point to a person;
:mod:`wud_briefings.analysis.disclosure.suppression` withholds it and whatever would give it away.
Region totals are exempt. Shares are rounded half up, as people do. Kept
light: the command line builds the policy from here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from wud_briefings.core import language
from wud_briefings.core.language import N_, _

DEFAULT_K = 3
MIN_K = 2
# The pool's name wherever a country's would stand (DisclosurePolicy.pooled_label).
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


@dataclass(frozen=True)
class DisclosurePolicy:
    """The small-cell threshold ``k`` and the rules that follow from it, in one place.

    Checked once, when made: a threshold below 2 is refused, as a threshold of 0
    or 1 withholds nothing. A notebook makes it first, so that a run with a wrong
    one stops before it shows anything.
    """

    k: int = DEFAULT_K

    def __post_init__(self) -> None:
        if self.k < MIN_K:
            raise ValueError(f"the small-cell threshold k must be at least {MIN_K}, not {self.k}")

    @property
    def largest_small(self) -> int:
        """The largest count withheld (k - 1): all an intruder knows of a small cell is
        that it lies between 1 and this."""
        return self.k - 1

    def is_small(self, count: int) -> bool:
        """A count that could point to a person (1 to k - 1): withheld below the region.
        Zero points to nobody."""
        return 0 < count < self.k

    def is_described(self, size: int) -> bool:
        """Whether a group (a country, an answer to question 2) of ``size`` respondents
        may be shown on its own: k or more, else what its few respondents said shows."""
        return size >= self.k

    def pools(self, small: Collection[int]) -> bool:
        """Whether countries too small to describe (their ``small`` sizes) may be named
        together: two or more, so that the pool is no one country, and k respondents or
        more in all, so that the pool is not small itself."""
        return len(small) >= 2 and self.is_described(sum(small))

    def threshold(self) -> str:
        """k as the language in use prints it, for every sentence that names it."""
        return language.number(self.k)

    def pooled_label(self) -> str:
        """The pool's name, in the language in use, wherever a small country's would stand."""
        return _(POOLED).format(k=self.threshold())
