"""The six other regions: invented answers consistent with what is published.

What is known (the regional summaries) is fixed by each :class:`RegionPlan`;
everything else is drawn from a random generator seeded by the region's id, so
that every run writes the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from wud_briefings.dev.synth.model import Excerpt, SyntheticRespondent

ROLES = ("peer", "hr_provider", "health_social_worker", "researcher", "policy_advocacy")
# Which of the plan's top barriers a respondent ranks first: about 50/30/20.
FIRST_RANK_CYCLE = (0, 1, 0, 2, 0, 1, 0, 2, 1, 0)
OTHER_ISSUES = (
    "stigma_discrimination",
    "lack_women_specific",
    "fear_losing_custody",
    "cost",
    "distance_transport",
    "police_harassment",
)


@dataclass(frozen=True)
class RegionPlan:
    """What a synthetic region must show; the rest is drawn at random."""

    places: tuple[tuple[str, str, int], ...]  # (country, state/province, respondents)
    knew: int  # how many knew of services designed for WUD
    top_barriers: tuple[str, str, str]  # most frequent at rank 1, in order
    gap_themes: tuple[str, ...]  # themes of the gaps answers, most frequent first
    service_countries: tuple[str, ...] = ()  # only these report services (all if empty)
    language: str = "en"


PLANS: dict[str, RegionPlan] = {
    "asia": RegionPlan(
        places=(
            ("India", "", 3),
            ("Myanmar", "", 2),
            ("Nepal", "", 2),
            ("Indonesia", "", 2),
            ("Viet Nam", "", 2),
            ("Philippines", "", 2),
            ("Thailand", "", 2),
            ("Malaysia", "", 1),
        ),
        knew=4,
        service_countries=("India", "Myanmar"),
        top_barriers=("gender_based_violence", "criminalisation", "lack_of_access"),
        gap_themes=("lack_women_specific", "violence", "criminalisation", "stigma"),
    ),
    "western-europe": RegionPlan(
        places=(
            ("United Kingdom", "", 3),
            ("France", "", 2),
            ("Germany", "", 2),
            ("Netherlands", "", 2),
            ("Spain", "", 2),
            ("Portugal", "", 2),
            ("Ireland", "", 2),
            ("Italy", "", 1),
        ),
        knew=7,
        top_barriers=("criminalisation", "stigma_discrimination", "lack_women_specific"),
        gap_themes=("lack_women_specific", "stigma", "violence", "funding"),
    ),
    "oceania": RegionPlan(
        places=(
            ("Australia", "New South Wales", 3),
            ("Australia", "Victoria", 3),
            ("Australia", "Queensland", 2),
            ("Australia", "Western Australia", 2),
            ("Australia", "South Australia", 1),
            ("Australia", "Tasmania", 1),
            ("New Zealand", "", 2),
        ),
        knew=9,
        top_barriers=("stigma_discrimination", "lack_women_specific", "fear_losing_custody"),
        gap_themes=("lack_women_specific", "stigma", "lack_of_services", "violence"),
    ),
    "north-america": RegionPlan(
        places=(
            ("Canada", "British Columbia", 3),
            ("Canada", "Ontario", 2),
            ("Canada", "Quebec", 2),
            ("USA", "California", 2),
            ("USA", "New York", 2),
            ("USA", "Massachusetts", 2),
            ("USA", "Ohio", 1),
            ("USA", "Texas", 2),
        ),
        knew=10,
        top_barriers=("criminalisation", "fear_losing_custody", "stigma_discrimination"),
        gap_themes=("criminalisation", "lack_women_specific", "stigma", "violence"),
    ),
    "africa": RegionPlan(
        places=(
            ("Kenya", "", 3),
            ("Tanzania", "", 3),
            ("Uganda", "", 2),
            ("Nigeria", "", 3),
            ("Ghana", "", 2),
            ("Senegal", "", 2),
            ("South Africa", "", 3),
            ("Mozambique", "", 3),
        ),
        knew=13,
        top_barriers=("criminalisation", "lack_of_access", "gender_based_violence"),
        gap_themes=("lack_women_specific", "violence", "stigma", "criminalisation"),
    ),
    "latin-america": RegionPlan(
        places=(
            ("México", "", 3),
            ("Colombia", "", 3),
            ("Brasil", "", 2),
            ("Argentina", "", 2),
            ("Chile", "", 2),
            ("Perú", "", 2),
            ("Uruguay", "", 1),
        ),
        knew=6,
        language="es",
        top_barriers=("criminalisation", "gender_based_violence", "stigma_discrimination"),
        gap_themes=("criminalisation", "lack_women_specific", "violence", "stigma"),
    ),
}

# Where a service is, in words that name no country or state: an excerpt quoted under
# the pool of countries with fewer than k respondents must not name its country.
SETTINGS = {
    "en": ("in the capital", "in a provincial town", "in two cities", "in the north"),
    "es": ("en la capital", "en una ciudad de provincia", "en dos ciudades", "en el norte"),
    "ru": ("в столице", "в региональном центре", "в двух городах", "на севере"),
}
SERVICE_TEXT = {
    "en": {
        "drop_in": "A women-only drop-in centre {where}.",
        "nsp": "A syringe exchange programme {where} with women peers.",
        "ost": "Opioid substitution treatment {where} with childcare.",
        "gbv_response": "Gender-based violence screening and referral {where}.",
        "srh": "Sexual and reproductive health for women who use drugs {where}.",
        "peer_support": "A peer support group for women who use drugs {where}.",
        "shelter": "A women's shelter {where} that accepts women who use drugs.",
        "legal": "Free legal advice for women who use drugs {where}.",
    },
    "es": {
        "drop_in": "Un centro de acogida solo para mujeres {where}.",
        "nsp": "Un programa de intercambio de jeringas {where} con pares mujeres.",
        "ost": "Tratamiento de sustitución de opioides con servicio de cuidado infantil, {where}.",
        "gbv_response": "Detección de violencia de género y derivación {where}.",
        "srh": "Salud sexual y reproductiva para mujeres que usan drogas {where}.",
        "peer_support": "Un grupo de apoyo entre pares para mujeres que usan drogas {where}.",
        "shelter": "Un refugio para mujeres que acepta a mujeres que usan drogas, {where}.",
        "legal": "Asesoría legal gratuita para mujeres que usan drogas {where}.",
    },
    "ru": {
        "drop_in": "Центр низкопорогового доступа только для женщин {where}.",
        "nsp": "Программа обмена шприцев {where} с участием равных консультантов-женщин.",
        "ost": "Опиоидная заместительная терапия с присмотром за детьми {where}.",
        "gbv_response": "Скрининг на гендерное насилие и направление к специалистам {where}.",
        "srh": "Услуги в области сексуального и репродуктивного здоровья для женщин, "
        "употребляющих наркотики, {where}.",
        "peer_support": "Группа взаимопомощи для женщин, употребляющих наркотики, {where}.",
        "shelter": "Приют для женщин {where}, принимающий в том числе женщин, употребляющих "
        "наркотики.",
        "legal": "Бесплатная юридическая помощь для женщин, употребляющих наркотики, {where}.",
    },
}

GAP_TEXT = {
    "en": {
        "criminalisation": "Arrests and police harassment keep women away from services.",
        "stigma": "Women are judged and turned away by staff when they ask for help.",
        "lack_of_services": "There is no choice of services outside the capital.",
        "lack_of_rehabilitation": "There is nowhere to go for rehabilitation with children.",
        "lack_women_specific": "There are no services for women's specific needs, such as "
        "sexual and reproductive health.",
        "violence": "Gender-based and domestic violence go without any response.",
        "funding": "Funding for women's services has stopped.",
    },
    "es": {
        "criminalisation": "Las detenciones y el acoso policial alejan a las mujeres de los "
        "servicios.",
        "stigma": "El personal juzga a las mujeres y las rechaza cuando piden ayuda.",
        "lack_of_services": "No hay opciones de servicios fuera de la capital.",
        "lack_of_rehabilitation": "No hay dónde rehabilitarse con los hijos.",
        "lack_women_specific": "No hay servicios para las necesidades específicas de las "
        "mujeres, como la salud sexual y reproductiva.",
        "violence": "La violencia de género y doméstica no recibe respuesta.",
        "funding": "Se acabó la financiación de los servicios para mujeres.",
    },
}

CONTACT = {
    "en": "Contact the coordinator at fake.coordinator.{n}@example.org or +44 20 7946 0{n:03d}.",
    "es": "Escriba a fake.coordinadora.{n}@example.org o llame al +52 55 0000 0{n:03d}.",
}


def _service_text(code: str, position: int, language: str) -> str:
    """A service's description; where it is turns with the respondent's position."""
    settings = SETTINGS[language]
    return SERVICE_TEXT[language][code].format(where=settings[position % len(settings)])


def _gap_text(theme: str, language: str) -> str:
    return GAP_TEXT[language][theme]


def _excerpt(
    question: str,
    codes: tuple[str, ...],
    language: str,
    words: Callable[[str], str],
    is_publishable: bool,
    into: tuple[str, ...] = ("en",),
) -> Excerpt:
    """Words written in ``language``, with the researchers' translations ``into`` the other
    languages given (a service, which the global briefing lists in every edition: all)."""
    translations = tuple((other, words(other)) for other in into if other != language)
    return Excerpt(question, codes, words(language), is_publishable, language, translations)


def _ranks(rng: random.Random, plan: RegionPlan, position: int) -> tuple[str, ...]:
    """Three distinct issues; the plan's top barriers lead, in their order."""
    first = plan.top_barriers[FIRST_RANK_CYCLE[position % len(FIRST_RANK_CYCLE)]]
    pool = [b for b in plan.top_barriers if b != first]
    rng.shuffle(pool)
    third = pool[1] if rng.random() < 0.6 else rng.choice(OTHER_ISSUES)
    return (first, pool[0], third)


def respondents(region_id: str, plan_id: str | None = None) -> list[SyntheticRespondent]:
    """A region's synthetic respondents, the same on every run.

    ``plan_id`` names the published region a copy follows (for scale runs);
    the random draws are seeded by ``region_id`` itself.
    """
    plan = PLANS[plan_id or region_id]
    rng = random.Random(f"wud-briefings:{region_id}")
    people = [(country, place) for country, place, n in plan.places for _ in range(n)]
    eligible = [
        i
        for i, (c, _) in enumerate(people)
        if not plan.service_countries or c in plan.service_countries
    ]
    knew = set(rng.sample(eligible, plan.knew))
    out = []
    for i, (country, place) in enumerate(people):
        services: tuple[Excerpt, ...] = ()
        if i in knew:
            codes = rng.sample(sorted(SERVICE_TEXT[plan.language]), 2)
            services = (
                _excerpt(
                    "services",
                    (codes[0], codes[1]),
                    plan.language,
                    partial(_service_text, codes[0], i),
                    is_publishable=rng.random() < 0.8,
                    into=tuple(SERVICE_TEXT),
                ),
            )
        theme = plan.gap_themes[0] if i % 2 == 0 else rng.choice(plan.gap_themes)
        gaps = _excerpt(
            "gaps",
            (theme,),
            plan.language,
            partial(_gap_text, theme),
            is_publishable=rng.random() < 0.85,
        )
        ranked = i % 9 != 4  # a few leave the ranking blank
        out.append(
            SyntheticRespondent(
                country=country,
                subnational=place,
                identifies_as_wud=rng.choices(("yes", "no", "prefer_not_to_say"), (6, 3, 1))[0],
                role=rng.choice(ROLES),
                knows_wud_services="yes" if i in knew else rng.choice(("no", "not_sure")),
                ranks=_ranks(rng, plan, i) if ranked else (),
                excerpts=(*services, gaps),
                extra_text={"gaps": CONTACT[plan.language].format(n=i)} if i == 1 else {},
            )
        )
    return out
