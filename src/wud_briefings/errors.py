"""The one error type a user sees for bad input: it names file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One fault in one input file, located as precisely as it can be.

    ``respondent`` and ``found`` help a researcher find the fault in their own
    file; they are printed to the console but never written to outputs, which
    may be published (see :meth:`public`).
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    respondent: str | None = None
    found: str | None = None

    def _text(self, *, private: bool) -> str:
        where = [self.file]
        if self.row is not None:
            who = f" (respondent {self.respondent})" if private and self.respondent else ""
            where.append(f"row {self.row}{who}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.message}"
        if private and self.found is not None:
            text += f"; found {self.found!r}"
        return text

    def __str__(self) -> str:
        return self._text(private=True)

    def public(self) -> str:
        """The message without respondent ids or cell values, safe to publish."""
        return self._text(private=False)


class InputError(Exception):
    """Raised when an input cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, file: Path | str, message: str, **where: object) -> InputError:
        return cls([Problem(str(file), message, **where)])  # type: ignore[arg-type]

    def public(self) -> list[str]:
        return [p.public() for p in self.problems]
