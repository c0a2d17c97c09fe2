"""EECA: a synthetic export that reproduces every figure of the published report.

17 respondents from 7 countries; 11 identify as WUD; 13 knew of services
designed for WUD, in every country but Russia; of the 15 who ranked, 10 put
lack of access to harm reduction services first, 4 criminalisation, 1
gender-based violence, and those three lead ranks 2 and 3 too. Open answers
paraphrase the report; some are in Russian, as the originals were.
"""

from __future__ import annotations

from wud_briefings.dev.synth.model import Excerpt, SyntheticRespondent

ACCESS, CRIM, GBV = "lack_of_access", "criminalisation", "gender_based_violence"
STIGMA, WOMEN, CUSTODY = "stigma_discrimination", "lack_women_specific", "fear_losing_custody"

JUVENTAS = Excerpt(
    "services",
    ("drop_in",),
    "A drop in centre run by NGO Juventas provides services for PWUD and sex workers.",
)
UNESCO = Excerpt(
    "services",
    ("hiv_sti_testing", "legal", "childcare"),
    'Republican Public Organisation "Belarusian Association of UNESCO Clubs" '
    "works with women sex workers, some of whom use drugs. Services are provided "
    "in a separate location, at a separate time from when men attend, by female "
    "social workers and a woman lawyer; there are toys for children of mothers who "
    "come, and clients are referred for STI screening.",
)
BELARUS_SUPPORT = Excerpt(
    "services",
    ("shelter", "peer_support", "social_support", "rehabilitation", "gbv_response"),
    "There are hostels for WUD, but the length of stay is limited. Women "
    "can receive grocery packages, violence counselling, peer counselling, "
    "social support and free rehabilitation until the end of 2020.",
)
BELARUS_NSP = Excerpt(
    "services",
    ("nsp", "ost", "hiv_sti_testing"),
    "Free and anonymous rapid HIV tests, condoms, syringes and needles, and "
    "referral to needle and syringe programmes and opioid substitution therapy.",
)
METHADONE = Excerpt("services", ("ost",), "Methadone program.")
GEORGIA = Excerpt(
    "services",
    ("nsp", "legal", "ost"),
    "NSP, medical and legal services at the counselling level, implementation in OST programs.",
)
WINGS_UA = Excerpt(
    "services",
    ("gbv_response", "hiv_sti_testing"),
    "There is only WINGS (Women Initiating New Goals of Safety) in Ukraine adapted "
    "for WUD: gender-based violence screening, brief intervention and referral, "
    "with women-specific HIV testing and counselling.",
)
WINGS = Excerpt("services", ("gbv_response",), "The WINGS tool is implemented for WUD here.")

CRIM_RU = Excerpt(
    "gaps",
    ("criminalisation",),
    "Криминализация означает, что услуги снижения вреда находятся «вне закона».",
)
STIGMA_RU = Excerpt(
    "gaps",
    ("stigma",),
    "Это самое страшное: люди дезинформированы о женщинах, употребляющих "
    "наркотики, среди нас есть вполне адекватные люди.",
)
PARENTAL = Excerpt(
    "gaps",
    ("criminalisation",),
    "Deprivation of parental rights and financial insecurity follow criminalisation.",
    is_publishable=False,
)
EMPLOYMENT = Excerpt(
    "gaps", ("criminalisation",), "Criminalisation brings restrictions on employment."
)
INFRASTRUCTURE = Excerpt(
    "gaps",
    ("criminalisation", "funding"),
    "An insufficiently developed infrastructure and an imperfect legal "
    "framework; harm reduction is supported by donors, not the state.",
)
DISCRIMINATION = Excerpt(
    "gaps",
    ("stigma",),
    "Workers in syringe exchange and OST programmes show disgust towards "
    "women; there is discrimination by medical officers, police and "
    "neighbours.",
)
CHOICE = Excerpt(
    "gaps",
    ("lack_of_rehabilitation", "lack_of_services"),
    "Give me a choice so that I can choose which program to go to and not just methadone.",
)
SHELTER = Excerpt(
    "gaps", ("lack_of_services",), "No shelter, no childcare and no in-depth psychological help."
)
MEN_FOR_MEN = Excerpt(
    "gaps",
    ("lack_women_specific",),
    "The harm reduction services that exist were designed by men for men; "
    "women's needs are not taken into account.",
)
GENDER = Excerpt(
    "gaps",
    ("lack_women_specific", "violence"),
    "There is no child-care and no tailored approach to gender-based violence.",
)
FUNDING = Excerpt(
    "gaps",
    ("funding", "lack_women_specific"),
    "There is no funding for services for women who use drugs.",
)
RESOCIAL = Excerpt(
    "gaps",
    ("lack_of_rehabilitation",),
    "When women want resocialization or rehabilitation, it is not available.",
)

# A leak to be caught: personal data typed into an open answer.
CONTACT = "Write to fake.outreach@example.org or call +7 900 000-00-17 for details."


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
