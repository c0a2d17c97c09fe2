"""What a synthetic respondent and a coded excerpt are."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Excerpt:
    """A passage of an open answer, coded for the coding sheet, in the language it was
    written in, with the researchers' translations."""

    question: str  # services | gaps
    codes: tuple[str, ...]
    text: str
    is_publishable: bool = True
    language: str = "en"
    translations: tuple[tuple[str, str], ...] = ()  # (language, text)


@dataclass(frozen=True)
class SyntheticRespondent:
    """One respondent's answers, as codes; labels come from the codebook."""

    country: str  # as the respondent wrote it
    identifies_as_wud: str  # yes | no | prefer_not_to_say
    role: str
    knows_wud_services: str  # yes | no | not_sure
    ranks: tuple[str, ...] = ()  # issues ranked 1, 2, 3 in that order
    excerpts: tuple[Excerpt, ...] = ()
    subnational: str = ""
    role_other_text: str = ""
    extra_text: dict[str, str] = field(default_factory=dict)  # question -> uncoded text

    def answer(self, question: str) -> str:
        """The full open answer: its coded excerpts, then any uncoded text."""
        parts = [e.text for e in self.excerpts if e.question == question]
        if question in self.extra_text:
            parts.append(self.extra_text[question])
        return " ".join(parts)
