"""The codebook's labels a briefing shows are in the briefing's language (tiny inline region)."""

from __future__ import annotations

import pytest

from support.tiny import CODING, PEOPLE, RANKS, tiny_region
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures import metrics
from wud_briefings.core.language import using

POLICY = DisclosurePolicy(3)


@pytest.fixture
def region():
    return tiny_region(PEOPLE, RANKS, CODING)


@pytest.mark.parametrize(
    ("language", "issue", "service", "theme"),
    [
        ("en", "Criminalisation of drug use", "legal services", "violence"),
        ("es", "Criminalización del uso de drogas", "servicios jurídicos", "violencia"),
        ("ru", "Криминализация употребления наркотиков", "юридическая помощь", "насилие"),
    ],
)
def test_issues_service_types_and_themes_in_the_briefings_language(
    region, codebook, language, issue, service, theme
):
    with using(language):
        assert issue in metrics.barrier_counts(region, codebook).index
        assert service in metrics.service_map(region, codebook, POLICY).columns
        assert theme in set(metrics.theme_counts(region, codebook, None)["Theme"])
        assert theme in set(metrics.quotes(region, codebook, None, POLICY)["theme"])
