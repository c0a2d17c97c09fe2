"""Cell suppression solved as integer programs, as tau-argus and sdcMicro do it.

A published table is a set of counts tied by sums (cells add up to margins that
the page also prints). Hiding the small counts (primary suppression) is not
enough: a reader who knows the margins can subtract the shown cells and pin a
hidden one down. This module chooses further cells to hide (complementary
suppression) with HiGHS, through :func:`scipy.optimize.milp`, and audits the
pattern the way an intruder would: for every hidden cell it solves for the
smallest and largest value the published numbers allow. A pattern is accepted
only when no hidden cell has a single feasible value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, percent
from wud_briefings.core import language
from wud_briefings.core.language import N_, _, number

MAX_ROUNDS = 50  # pattern-and-audit rounds before every free cell of the table is hidden


class Unprotectable(ValueError):
    """Even with every free cell hidden, the published totals pin a small count down."""


@dataclass(frozen=True)
class LinkedCounts:
    """Counts tied by sums: ``counts[total] == sum(counts[p] for p in parts)``.

    ``lower`` is what any reader knows a cell is at least (1 for a country the
    page names, else 0); ``ceiling``, when given, what a reader knows it is at
    most (else the largest count of the table, its grand total); ``fixed``
    marks counts published whatever happens (region totals, exempt from
    suppression).
    """

    counts: tuple[int, ...]
    lower: tuple[int, ...]
    fixed: tuple[bool, ...]
    sums: tuple[tuple[tuple[int, ...], int], ...]
    ceiling: tuple[int, ...] = ()

    @property
    def upper(self) -> tuple[int, ...]:
        """The most each count can be, as far as any reader knows."""
        largest = max(self.counts, default=0)
        return self.ceiling or (largest,) * len(self.counts)


def _equalities(table: LinkedCounts) -> LinearConstraint | None:
    if not table.sums:
        return None
    matrix = np.zeros((len(table.sums), len(table.counts)))
    for row, (parts, total) in enumerate(table.sums):
        matrix[row, list(parts)] = 1
        matrix[row, total] -= 1
    return LinearConstraint(matrix, 0, 0)


def intruder_bounds(table: LinkedCounts, hidden: set[int]) -> dict[int, tuple[int, int]]:
    """For each hidden cell, the least and greatest value the published numbers allow."""
    size = len(table.counts)
    lower = np.array([table.lower[i] if i in hidden else table.counts[i] for i in range(size)])
    upper = np.array([table.upper[i] if i in hidden else table.counts[i] for i in range(size)])
    constraints = [c for c in [_equalities(table)] if c is not None]
    bounds = {}
    for cell in sorted(hidden):
        ends = []
        for sign in (1, -1):
            objective = np.zeros(size)
            objective[cell] = sign
            result = milp(
                objective,
                constraints=constraints,
                integrality=np.ones(size),
                bounds=Bounds(lower, upper),
            )
            if not result.success:
                raise RuntimeError(f"the published counts are inconsistent: {result.message}")
            ends.append(round(result.x[cell]))
        bounds[cell] = (ends[0], ends[1])
    return bounds


def exposed(table: LinkedCounts, hidden: set[int]) -> set[int]:
    """Hidden cells that the published numbers pin to one value."""
    return {c for c, (low, high) in intruder_bounds(table, hidden).items() if low == high}


def _pattern(table: LinkedCounts, primary: frozenset[int], cuts: list[set[int]]) -> set[int]:
    """The cheapest set of cells to hide: primary ones, never one alone in a sum, and cuts.

    The cost of hiding a cell is its value plus one: hide few cells, small ones.
    """
    size = len(table.counts)
    rows, low, high = [], [], []
    for parts, total in table.sums:
        members = [*parts, total]
        for cell in members:  # a hidden cell needs another hidden cell in each of its sums
            row = np.zeros(size)
            row[[m for m in members if m != cell]] = 1
            row[cell] -= 1
            rows.append(row)
            low.append(0)
            high.append(np.inf)
    for cut in cuts:  # hide at least one more of these
        row = np.zeros(size)
        row[list(cut)] = 1
        rows.append(row)
        low.append(1)
        high.append(np.inf)
    lower = np.array([1 if i in primary else 0 for i in range(size)])
    upper = np.array([0 if table.fixed[i] else 1 for i in range(size)])
    result = milp(
        np.array(table.counts, dtype=float) + 1,
        constraints=[LinearConstraint(np.array(rows), low, high)] if rows else [],
        integrality=np.ones(size),
        bounds=Bounds(lower, upper),
    )
    if not result.success:  # only fixed cells could break a sum: hide every free cell
        return {i for i in range(size) if not table.fixed[i]}
    return {i for i in range(size) if result.x[i] > 0.5}


def _neighbours(table: LinkedCounts, cells: set[int]) -> set[int]:
    """Every cell that shares a sum with one of ``cells``."""
    near = set()
    for parts, total in table.sums:
        members = {*parts, total}
        if members & cells:
            near |= members
    return near


@functools.lru_cache(maxsize=1024)
def suppress(
    table: LinkedCounts, policy: DisclosurePolicy
) -> tuple[frozenset[int], frozenset[int]]:
    """Primary cells (small, not fixed) and the complementary cells hidden with them.

    Each round solves for the cheapest pattern, then audits it as an intruder;
    a cell still pinned down adds a cut demanding one more hidden cell among
    its neighbours, and the pattern is solved again. A table is solved once per
    process: every language edition of a briefing protects the same counts.
    """
    primary = frozenset(
        i for i, v in enumerate(table.counts) if policy.is_small(v) and not table.fixed[i]
    )
    if not primary:
        return frozenset(), frozenset()
    cuts: list[set[int]] = []
    for _round in range(MAX_ROUNDS):
        hidden = _pattern(table, primary, cuts)
        pinned = exposed(table, hidden)
        if not pinned:
            return primary, frozenset(hidden - primary)
        candidates = {c for c in _neighbours(table, pinned) - hidden if not table.fixed[c]}
        if not candidates:
            break
        cuts.append(candidates)
    hidden = {i for i in range(len(table.counts)) if not table.fixed[i]}
    if exposed(table, hidden) & primary:
        raise Unprotectable("the published totals determine a count below the threshold")
    return primary, frozenset(hidden - primary)


WITHHELD = N_("withheld")  # a withheld cell, as the table prints it
RULE = (
    "threshold rule: counts from 1 to {largest_small} withheld (primary suppression); "
    "further counts withheld so that no withheld count has a single value the published "
    "totals allow (complementary suppression, solved and audited with HiGHS)"
)


UNPROTECTABLE = N_(
    "This breakdown is not shown: its small counts could be worked out from the totals "
    "published above, whatever else was withheld."
)


@dataclass(frozen=True)
class ProtectedTable:
    """A table as printed (counts as text, withheld cells marked) and its record.

    ``shown`` is None for a table withheld whole (see :func:`withheld_whole`);
    ``note`` says how the table's groups were formed, when that is not plain.
    """

    shown: pd.DataFrame | None
    record: dict[str, Any]
    note: str = ""


def withheld_whole(name: str, reason: str | None = None) -> ProtectedTable:
    """A table printed nowhere, recorded so: no pattern protects it (:class:`Unprotectable`),
    or (``reason``, already in the language in use) it would break down a group too small
    to be broken down."""
    said = _(UNPROTECTABLE) if reason is None else reason
    return ProtectedTable(None, {"table": name, "withheld": "the whole table", "reason": said})


def _record(
    name: str,
    policy: DisclosurePolicy,
    cells: list[tuple[str, str]],
    primary: frozenset[int],
    complementary: frozenset[int],
) -> dict[str, Any]:
    """What the disclosure record says of one table: the rule and the cells withheld."""
    return {
        "table": name,
        "rule": RULE.format(largest_small=policy.largest_small),
        "k": policy.k,
        "withheld": [
            {
                "row": cells[i][0],
                "column": cells[i][1],
                "reason": "primary" if i in primary else "complementary",
            }
            for i in sorted(primary | complementary)
        ],
    }


def protect_counts(
    counts: pd.Series, total: int, policy: DisclosurePolicy, name: str
) -> ProtectedTable:
    """One column of counts of named groups (each at least 1) adding up to a printed total.

    Which groups have fewer than ``k`` is taken as known: a briefing shows it
    anyway (a country below ``k`` is pooled, the others are named beside their
    answers and on the maps). So a withheld small count lies in 1..k-1 for the
    intruder, and any other withheld count is at least ``k``; the pattern is
    solved and audited with those bounds. Raises :class:`Unprotectable` when
    even withholding every group's count leaves a small one with one value.
    """
    values = [int(v) for v in counts]
    size = len(values)
    table = LinkedCounts(
        counts=(*values, total),
        lower=(*(policy.k if policy.is_described(v) else 1 for v in values), total),
        fixed=(*([size == 1] * size), True),  # a lone group's count is the total itself
        sums=((tuple(range(size)), size),),
        ceiling=(
            *(total if policy.is_described(v) else policy.largest_small for v in values),
            total,
        ),
    )
    primary, complementary = suppress(table, policy)
    hidden = primary | complementary
    shown = pd.DataFrame(
        {counts.name: [_(WITHHELD) if i in hidden else number(v) for i, v in enumerate(values)]},
        index=counts.index,
    )
    cells = [(str(label), str(counts.name)) for label in counts.index]
    return ProtectedTable(shown, _record(name, policy, cells, primary, complementary))


def protect_crosstab(
    counts: pd.DataFrame,
    policy: DisclosurePolicy,
    name: str,
    group_sizes: list[int],
    population: int,
) -> tuple[ProtectedTable, list[str]]:
    """A rows × groups table whose row totals and grand total are printed elsewhere.

    The page also prints how many respondents of the ``population`` each group
    holds (``group_sizes``, one per column): a group's column adds up to no
    more than its size, and to no less than its size minus the respondents
    outside the table. The pattern is solved and audited against those
    bounds, as an intruder who reads the whole page would use them.

    Returns the table as printed, with shares (of the group's total) only where
    both the count and the group's total are shown, and each group's total as
    printed (a count, or ``WITHHELD``).
    """
    rows, columns = list(counts.index), list(counts.columns)
    inner = [int(counts.loc[r, c]) for r in rows for c in columns]
    n_inner, n_rows = len(inner), len(rows)
    group_totals = [int(counts[c].sum()) for c in columns]
    row_totals = [int(counts.loc[r].sum()) for r in rows]
    values = (*inner, *row_totals, *group_totals, sum(group_totals))
    row_at, group_at = n_inner, n_inner + n_rows
    grand = len(values) - 1
    sums = [
        (tuple(i * len(columns) + j for j in range(len(columns))), row_at + i)
        for i in range(n_rows)
    ]
    sums += [
        (tuple(i * len(columns) + j for i in range(n_rows)), group_at + j)
        for j in range(len(columns))
    ]
    sums.append((tuple(range(group_at, group_at + len(columns))), grand))
    fixed = [False] * n_inner + [True] * n_rows + [False] * len(columns) + [True]
    outside = population - values[grand]  # respondents in no row of the table
    lower = [0] * group_at + [max(0, size - outside) for size in group_sizes] + [values[grand]]
    ceiling = [values[grand]] * group_at + list(group_sizes) + [values[grand]]
    table = LinkedCounts(values, tuple(lower), tuple(fixed), tuple(sums), tuple(ceiling))
    primary, complementary = suppress(table, policy)
    hidden = primary | complementary
    totals_shown = [
        _(WITHHELD) if group_at + j in hidden else number(group_totals[j])
        for j in range(len(columns))
    ]
    shown = pd.DataFrame(index=counts.index)
    for j, column in enumerate(columns):
        texts = []
        for i in range(n_rows):
            cell = i * len(columns) + j
            if cell in hidden:
                texts.append(_(WITHHELD))
            elif group_at + j in hidden or not group_totals[j]:
                texts.append(number(inner[cell]))
            else:
                share = language.percent(percent(inner[cell], group_totals[j]))
                texts.append(_("{count} ({share})").format(count=number(inner[cell]), share=share))
        shown[column] = texts
    cells = [(str(r), str(c)) for r in rows for c in columns]
    cells += [(str(r), "all groups") for r in rows]
    cells += [("all issues", str(c)) for c in columns] + [("all issues", "all groups")]
    return ProtectedTable(shown, _record(name, policy, cells, primary, complementary)), totals_shown
