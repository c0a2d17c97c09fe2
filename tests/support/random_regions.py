"""Random EECA-like regions for Hypothesis: a few respondents, answers at random.

How many are drawn follows the loaded Hypothesis profile (see ``conftest.py``):
``ci`` the same ones every run, ``dev`` fewer, ``long`` ten times as many, at random.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import settings
from hypothesis import strategies as st

from support.project import REPO
from wud_briefings.core.language import LANGUAGES
from wud_briefings.dev.synth.model import Excerpt, SyntheticRespondent
from wud_briefings.survey.codebook import Codebook

CODEBOOK = Codebook.load(REPO.codebook)


ISSUE_LABELS = CODEBOOK.question("barrier_rank")


ISSUES = list(ISSUE_LABELS.options)


SERVICE_TYPES = list(CODEBOOK.service_types)


COUNTRIES = {  # EECA countries, as respondents write them
    "Russia": "RUS",
    "Ukraine": "UKR",
    "Belarus": "BLR",
    "Georgia": "GEO",
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Moldova": "MDA",
    "Armenia": "ARM",
}


@dataclass(frozen=True)
class Person:
    """One random respondent: the answers a briefing reads."""

    country: str
    wud: str  # yes | no | prefer_not_to_say
    knows: str  # yes | no | not_sure
    ranks: tuple[str, ...]  # issues ranked 1, 2, 3 in that order
    service: str | None  # a coded, publishable service type, if she described one


@st.composite
def people(draw) -> list[Person]:
    """5 to 25 respondents in 1 to 8 countries; some issues open to nobody's ranking."""
    countries = draw(
        st.lists(st.sampled_from(list(COUNTRIES)), min_size=1, max_size=8, unique=True)
    )
    issues = draw(st.lists(st.sampled_from(ISSUES), min_size=1, max_size=len(ISSUES), unique=True))
    person = st.builds(
        Person,
        country=st.sampled_from(countries),
        # "prefer not to say" is rarer: its group is often one or two people.
        wud=st.sampled_from(["yes", "yes", "no", "no", "prefer_not_to_say"]),
        knows=st.sampled_from(["yes", "no", "not_sure"]),
        ranks=st.lists(st.sampled_from(issues), max_size=3, unique=True).map(tuple),
        service=st.none() | st.sampled_from(SERVICE_TYPES),
    )
    return draw(st.lists(person, min_size=5, max_size=25))


def synthetic(person: Person, n: int) -> SyntheticRespondent:
    excerpts = (
        (Excerpt("services", (person.service,), f"A service described by respondent {n}"),)
        if person.service
        else ()
    )
    return SyntheticRespondent(
        country=person.country,
        identifies_as_wud=person.wud,
        role="peer",
        knows_wud_services=person.knows,
        ranks=person.ranks,
        excerpts=excerpts,
    )


def language_examples() -> int:
    """Regions rendered and attacked in every language (ci: 100, long: 1000)."""
    return settings().max_examples


def package_examples() -> int:
    """Regions tried to find a leak under a sabotaged rule: as many pages as one
    language's, for each language (ci: 300)."""
    return settings().max_examples * len(LANGUAGES)


def built_regions() -> int:
    """Random regions built for real (ci and dev: 20, long: 100)."""
    return max(20, settings().max_examples // 10)
