"""The one error type a user sees for bad input: it names file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One fault in one input file, located as precisely as it can be.

    The text names file, row and column and what was expected, never a cell
    value or respondent id: messages reach consoles and CI logs, which may be
    read by others, and validation reports, which may be published.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class InputError(Exception):
    """Raised when an input cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, file: Path | str, message: str, **where: object) -> InputError:
        return cls([Problem(str(file), message, **where)])  # type: ignore[arg-type]

    def public(self) -> list[str]:
        return [str(p) for p in self.problems]
