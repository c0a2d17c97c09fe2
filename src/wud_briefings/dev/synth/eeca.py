"""EECA: a synthetic export that reproduces every figure of the published report.

17 respondents from 7 countries; 11 identify as WUD; 13 knew of services
designed for WUD, in every country but Russia; of the 15 who ranked, 10 put
lack of access to harm reduction services first, 4 criminalisation, 1
gender-based violence, and those three lead ranks 2 and 3 too. Open answers
are in Russian, as the survey's were, written here in the compendium's own words;
the coding sheet carries the researchers' English, the report's wording.
"""

from __future__ import annotations

from wud_briefings.dev.synth.model import Excerpt, SyntheticRespondent

ACCESS, CRIM, GBV = "lack_of_access", "criminalisation", "gender_based_violence"
STIGMA, WOMEN, CUSTODY = "stigma_discrimination", "lack_women_specific", "fear_losing_custody"


def said(
    question: str,
    codes: tuple[str, ...],
    russian: str,
    english: str,
    is_publishable: bool = True,
    spanish: str | None = None,
) -> Excerpt:
    """Words a respondent wrote in Russian, with the researchers' English (the report's) and,
    for a service the global briefing's directory lists, their Spanish."""
    translations = (("en", english),) + ((("es", spanish),) if spanish else ())
    return Excerpt(question, codes, russian, is_publishable, "ru", translations)


JUVENTAS = said(
    "services",
    ("drop_in",),
    "Центр низкопорогового доступа, который ведёт НКО Juventas, оказывает услуги людям, "
    "употребляющим наркотики, и секс-работникам.",
    "A drop in centre run by NGO Juventas provides services for PWUD and sex workers.",
    spanish="Un centro de acogida gestionado por la ONG Juventas presta servicios a personas "
    "que usan drogas y a trabajadoras sexuales.",
)
UNESCO = said(
    "services",
    ("hiv_sti_testing", "legal", "childcare"),
    "Республиканское общественное объединение «Белорусская ассоциация клубов ЮНЕСКО» "
    "работает в Беларуси с женщинами, занятыми секс-работой, часть из которых употребляет "
    "наркотики. Социальные работницы и юристка принимают женщин в отдельном помещении и не "
    "в те часы, когда приходят мужчины; для детей пришедших мам есть игрушки, клиенток "
    "направляют на обследование на ИППП.",
    'Republican Public Organisation "Belarusian Association of UNESCO Clubs" '
    "works with women sex workers, some of whom use drugs. Services are provided "
    "in a separate location, at a separate time from when men attend, by female "
    "social workers and a woman lawyer; there are toys for children of mothers who "
    "come, and clients are referred for STI screening.",
    spanish="La asociación civil de alcance nacional «Asociación Bielorrusa de Clubes de la "
    "UNESCO» trabaja con mujeres que ejercen el trabajo sexual, algunas de las cuales usan "
    "drogas. Los servicios se prestan en un local aparte y en un horario distinto del de los "
    "hombres, a cargo de trabajadoras sociales y una abogada; hay juguetes para los hijos de "
    "las madres que acuden, y se deriva a las usuarias a pruebas de ITS.",
)
BELARUS_SUPPORT = said(
    "services",
    ("shelter", "peer_support", "social_support", "rehabilitation", "gbv_response"),
    "Для женщин, употребляющих наркотики, есть общежития, но срок проживания ограничен. "
    "Женщины могут получить продуктовые наборы, консультацию по вопросам насилия, "
    "консультирование «равный — равному», социальное сопровождение и бесплатную "
    "реабилитацию до конца 2020 года.",
    "There are hostels for WUD, but the length of stay is limited. Women "
    "can receive grocery packages, violence counselling, peer counselling, "
    "social support and free rehabilitation until the end of 2020.",
    spanish="Hay albergues para mujeres que usan drogas, pero la estancia es limitada. Las "
    "mujeres pueden recibir canastas de alimentos, asesoramiento sobre violencia, apoyo entre "
    "pares, acompañamiento social y rehabilitación gratuita hasta finales de 2020.",
)
BELARUS_NSP = said(
    "services",
    ("nsp", "ost", "hiv_sti_testing"),
    "Бесплатные и анонимные экспресс-тесты на ВИЧ, презервативы, шприцы и иглы, "
    "перенаправление в программы обмена шприцев и на опиоидную заместительную терапию.",
    "Free and anonymous rapid HIV tests, condoms, syringes and needles, and "
    "referral to needle and syringe programmes and opioid substitution therapy.",
    spanish="Pruebas rápidas de VIH gratuitas y anónimas, condones, jeringas y agujas, y "
    "derivación a programas de intercambio de jeringas y a tratamiento de sustitución de "
    "opioides.",
)
METHADONE = said(
    "services",
    ("ost",),
    "Программа метадоновой терапии.",
    "Methadone program.",
    spanish="Programa de tratamiento con metadona.",
)
GEORGIA = said(
    "services",
    ("nsp", "legal", "ost"),
    "Программы обмена шприцев, медицинские и юридические услуги на уровне консультирования, "
    "работа в программах ОЗТ.",
    "NSP, medical and legal services at the counselling level, implementation in OST programs.",
    spanish="Programas de intercambio de jeringas, asesoramiento médico y jurídico, "
    "participación en programas de TSO.",
)
WINGS_UA = said(
    "services",
    ("gbv_response", "hiv_sti_testing"),
    "В Украине для женщин, употребляющих наркотики, адаптирована только программа WINGS "
    "(Women Initiating New Goals of Safety): скрининг на гендерное насилие, краткое "
    "вмешательство и перенаправление, тестирование на ВИЧ и консультирование с учётом "
    "потребностей женщин.",
    "There is only WINGS (Women Initiating New Goals of Safety) in Ukraine adapted "
    "for WUD: gender-based violence screening, brief intervention and referral, "
    "with women-specific HIV testing and counselling.",
    spanish="En Ucrania solo WINGS (Women Initiating New Goals of Safety) está adaptado para "
    "mujeres que usan drogas: detección de violencia de género, intervención breve y "
    "derivación, con pruebas de VIH y consejería adaptadas a las mujeres.",
)
WINGS = said(
    "services",
    ("gbv_response",),
    "У нас для женщин, употребляющих наркотики, внедрён инструмент WINGS.",
    "The WINGS tool is implemented for WUD here.",
    spanish="Aquí se aplica la herramienta WINGS para mujeres que usan drogas.",
)

CRIM_RU = said(
    "gaps",
    ("criminalisation",),
    "Криминализация означает, что услуги снижения вреда находятся „вне закона“.",
    "Criminalisation means that HR services are ‘outside/under the law’.",
)
STIGMA_RU = said(
    "gaps",
    ("stigma",),
    "Это самое страшное: у людей ложные представления о женщинах, употребляющих "
    "наркотики, а ведь среди нас есть вполне адекватные люди.",
    "This is the worst thing: people are misinformed about WUD; among us there are "
    "quite adequate people.",
)
PARENTAL = said(
    "gaps",
    ("criminalisation",),
    "За криминализацией следуют лишение родительских прав и финансовая незащищённость.",
    "Deprivation of parental rights and financial insecurity follow criminalisation.",
    is_publishable=False,
)
EMPLOYMENT = said(
    "gaps",
    ("criminalisation",),
    "Криминализация влечёт ограничения при трудоустройстве.",
    "Criminalisation brings restrictions on employment.",
)
INFRASTRUCTURE = said(
    "gaps",
    ("criminalisation", "funding"),
    "Недостаточно развитая инфраструктура и несовершенная законодательная база; снижение "
    "вреда поддерживают доноры, а не государство.",
    "An insufficiently developed infrastructure and an imperfect legal "
    "framework; harm reduction is supported by donors, not the state.",
)
DISCRIMINATION = said(
    "gaps",
    ("stigma",),
    "Сотрудники программ обмена шприцев и ОЗТ проявляют брезгливость к женщинам; есть "
    "дискриминация со стороны медиков, полиции и соседей.",
    "Workers in syringe exchange and OST programmes show disgust towards "
    "women; there is discrimination by medical officers, police and "
    "neighbours.",
)
CHOICE = said(
    "gaps",
    ("lack_of_rehabilitation", "lack_of_services"),
    "Дайте мне выбор, чтобы я сама решала, в какую программу идти, а не только метадон.",
    "Give me a choice so that I can choose which program to go to and not just methadone.",
)
SHELTER = said(
    "gaps",
    ("lack_of_services",),
    "Нет приюта, нет присмотра за детьми и нет полноценной психологической помощи.",
    "No shelter, no childcare and no in-depth psychological help.",
)
MEN_FOR_MEN = said(
    "gaps",
    ("lack_women_specific",),
    "Существующие услуги снижения вреда созданы мужчинами для мужчин; потребности женщин "
    "не учитываются.",
    "The harm reduction services that exist were designed by men for men; "
    "women's needs are not taken into account.",
)
GENDER = said(
    "gaps",
    ("lack_women_specific", "violence"),
    "Нет присмотра за детьми и нет особого подхода к женщинам, пострадавшим от гендерного насилия.",
    "There is no child-care and no tailored approach to gender-based violence.",
)
FUNDING = said(
    "gaps",
    ("funding", "lack_women_specific"),
    "Нет финансирования услуг для женщин, употребляющих наркотики.",
    "There is no funding for services for women who use drugs.",
)
RESOCIAL = said(
    "gaps",
    ("lack_of_rehabilitation",),
    "Когда женщины хотят ресоциализации или реабилитации, её нет.",
    "When women want resocialization or rehabilitation, it is not available.",
)

# A leak to be caught: personal data typed into an open answer.
CONTACT = "Пишите на fake.outreach@example.org или звоните +7 900 000-00-17, расскажу подробнее."


def respondents() -> list[SyntheticRespondent]:
    """The 17 EECA respondents, in the order of the export."""
    r = SyntheticRespondent
    return [
        r("Montenegro", "yes", "peer", "yes", (ACCESS, CRIM, GBV), (JUVENTAS,)),
        r(
            "Montenegro",
            "no",
            "hr_provider",
            "yes",
            (ACCESS, GBV, CRIM),
            (JUVENTAS, DISCRIMINATION),
        ),
        r("Russia", "yes", "peer", "no", (CRIM, ACCESS, GBV), (CRIM_RU,)),
        r(
            "Russian Federation",
            "yes",
            "peer",
            "not_sure",
            (ACCESS, CRIM, STIGMA),
            (PARENTAL,),
            extra_text={"gaps": CONTACT},
        ),
        r("Russia", "no", "researcher", "no", (CRIM, GBV, ACCESS), (STIGMA_RU, CHOICE)),
        r("Belarus", "yes", "peer", "yes", (ACCESS, CRIM, GBV), (UNESCO, EMPLOYMENT)),
        r(
            "Belarus",
            "yes",
            "hr_provider",
            "yes",
            (ACCESS, STIGMA, CRIM),
            (BELARUS_SUPPORT, GENDER),
        ),
        r(
            "Belarus",
            "no",
            "health_social_worker",
            "yes",
            (ACCESS, CRIM, GBV),
            (BELARUS_NSP, SHELTER),
        ),
        r("Kyrgyzstan", "yes", "peer", "yes", (CRIM, ACCESS, GBV), (WINGS, INFRASTRUCTURE)),
        r("Kyrgyzstan", "yes", "peer", "yes", (), (MEN_FOR_MEN,)),
        r("Kazakhstan", "yes", "hr_provider", "yes", (ACCESS, GBV, CRIM), (METHADONE, RESOCIAL)),
        r(
            "Kazakhstan",
            "prefer_not_to_say",
            "other",
            "yes",
            (ACCESS, CRIM, CUSTODY),
            (WINGS, FUNDING),
            role_other_text="Outreach worker",
        ),
        r("Georgia", "yes", "peer", "yes", (GBV, CRIM, ACCESS), (GEORGIA, GENDER)),
        r("Georgia", "no", "policy_advocacy", "yes", (ACCESS, WOMEN, GBV), (WINGS,)),
        r("Ukraine", "yes", "peer", "yes", (CRIM, GBV, ACCESS), (WINGS_UA, DISCRIMINATION)),
        r("Ukraine", "yes", "hr_provider", "not_sure", (ACCESS, CRIM, WOMEN), (SHELTER,)),
        r("Ukraine", "no", "health_social_worker", "yes", (), (WINGS_UA,)),
    ]
