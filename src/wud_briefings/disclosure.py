"""Small-cell disclosure control for every figure shown below the region.

In a breakdown by country, role or WUD status, a count below ``k`` could point
to a person; it is shown as ``"<k"`` and any share derived from it is
withheld. Region totals are exempt. Shares are rounded half up, as people do.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: the CLI imports DEFAULT_K from here
    import pandas as pd

DEFAULT_K = 3


def percent(count: int, total: int) -> int:
    """A whole-number percentage, rounded half up (10 of 15 is 67%)."""
    if total <= 0:
        raise ValueError("a share needs a positive total")
    exact = Decimal(count) * 100 / Decimal(total)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def is_suppressed(count: int, k: int) -> bool:
    return count < k


def shown_count(count: int, k: int, *, is_region_total: bool = False) -> str:
    """The count as printed: ``"<k"`` when small, unless it is a region total."""
    return f"<{k}" if not is_region_total and is_suppressed(count, k) else str(count)


def count_and_share(count: int, total: int, k: int, *, is_region_total: bool = False) -> str:
    """``"13 of 17 (76%)"``; for a small cell below the region, only ``"<3"``."""
    if not is_region_total and (is_suppressed(count, k) or is_suppressed(total, k)):
        return shown_count(count, k)
    return f"{count} of {total} ({percent(count, total)}%)"


def suppress_table(counts: pd.DataFrame, k: int) -> pd.DataFrame:
    """A table of counts as printed: small cells become ``"<k"`` (strings throughout)."""
    return counts.apply(lambda column: column.map(lambda n: shown_count(int(n), k)))


def share_table(counts: pd.DataFrame, totals: pd.Series, k: int) -> pd.DataFrame:
    """Shares (%) of each column's total; withheld (empty) where the count or total is small."""
    shares = counts.astype("string")
    for column in counts.columns:
        total = int(totals[column])
        for row in counts.index:
            count = int(counts.loc[row, column])
            small = is_suppressed(count, k) or is_suppressed(total, k)
            shares.loc[row, column] = "" if small else f"{percent(count, total)}%"
    return shares
