"""A figure named in commentary, with the word it counts agreeing with it in every language.

``{{ respondents }}`` prints the figure. ``{{ respondents | respondent | respondents }}``
prints it with the form of the word that goes with it, chosen by the language's
plural rule, the forms listed in the order of its catalogs (``msgstr[0]``,
``msgstr[1]``…): two in English and Spanish, three in Russian
(``{{ respondents | респондент | респондента | респондентов }}``: 1, 2, 5). A
form holding ``#`` puts the number there, so that a verb can agree too
(``{{ respondents | ответил # респондент | ответили # респондента | ответили #
респондентов }}``). Translators know this from gettext; nothing in the text is
left to agree by hand with a number that changes with the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from wud_briefings.analysis.figures.by_name import Figure, Kind
from wud_briefings.core.language import plural_examples, plural_index

NUMBER_MARK = "#"


@dataclass(frozen=True)
class FigureReference:
    """What is written between ``{{`` and ``}}``: a figure's name and, if given, the forms
    of the word it counts."""

    name: str
    forms: tuple[str, ...] = ()

    @classmethod
    def parse(cls, inside: str) -> FigureReference:
        name, *forms = (part.strip() for part in inside.split("|"))
        return cls(name, tuple(forms))

    def problem(self, figure: Figure) -> str | None:
        """Why the forms cannot be printed with ``figure`` in the language in use."""
        if not self.forms:
            return None
        if figure.kind is not Kind.COUNT:
            return "only a count takes the forms of the word it counts; a share is printed alone"
        examples = plural_examples()
        if len(self.forms) != len(examples) or not all(self.forms):
            numbers = ", ".join(str(n) for n in examples)
            return (
                f"lists {len(self.forms)} of the counted word's forms where this language "
                f"takes {len(examples)}, in its catalogs' order (the forms for {numbers})"
            )
        return None

    def printed(self, figure: Figure) -> str:
        """The figure as the briefing prints it, with the form of its word that agrees."""
        if not self.forms:
            return figure.shown
        form = self.forms[plural_index(figure.value)]
        if NUMBER_MARK in form:
            return form.replace(NUMBER_MARK, figure.shown)
        return f"{figure.shown}\u00a0{form}"
