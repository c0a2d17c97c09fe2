"""Figures across regions for the global briefing, from each region's processed tables.

Every region total is computed by the function its regional briefing uses, so
the two briefings print the same numbers. Below the region the regional rules
hold: a country with fewer than ``k`` respondents is never described by its
answers (it is drawn as surveyed, not shaded by what was reported, and counted
in no country count), so the global briefing shows nothing a regional one hides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wud_briefings.analysis import maps, metrics
from wud_briefings.privacy.disclosure import count_and_share, percent
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region

NOT_SHOWN_WUD = "not shown (everyone gave the same answer)"


@dataclass(frozen=True)
class RegionSurvey:
    """One region that passed its gate: its definition and processed tables."""

    region: Region
    data: ProcessedRegion

    @property
    def is_coded(self) -> bool:
        return bool(self.data.provenance["is_coded"])

    @property
    def is_synthetic(self) -> bool:
        return bool(self.data.provenance["is_synthetic"])


def regions_table(surveys: list[RegionSurvey], k: int) -> pd.DataFrame:
    """Respondents, countries and the share identifying as WUD, one row per region."""
    rows = []
    for survey in surveys:
        h = metrics.headline(survey.data, k)
        wud = (
            NOT_SHOWN_WUD
            if h.same_wud_answer
            else count_and_share(h.identifies_as_wud, h.respondents)
        )
        rows.append(
            {
                "Region": survey.region.name,
                "Survey month": survey.region.survey_month,
                "Respondents": h.respondents,
                "Countries": len(h.countries),
                "Identify as women who use drugs": wud,
                "Data": "synthetic" if survey.is_synthetic else "survey",
            }
        )
    return pd.DataFrame(rows).set_index("Region")


def knew_of_services(surveys: list[RegionSurvey], k: int) -> pd.DataFrame:
    """Per region: how many knew of services designed for WUD, of how many respondents."""
    rows = []
    for survey in surveys:
        h = metrics.headline(survey.data, k)
        rows.append(
            {
                "region": survey.region.name,
                "knew": h.knows_wud_services,
                "respondents": h.respondents,
                "share_pct": h.knows_pct,
                "label": f"{h.knows_wud_services} of {h.respondents}",
            }
        )
    return pd.DataFrame(rows)


def first_rank_shares(surveys: list[RegionSurvey], codebook: Codebook) -> pd.DataFrame:
    """Regions × issues: % of those who gave a first rank who ranked that issue first."""
    shares = {}
    for survey in surveys:
        first = metrics.barrier_counts(survey.data, codebook)[1]
        total = int(first.sum())
        shares[survey.region.name] = {
            issue: percent(int(n), total) if total else float("nan") for issue, n in first.items()
        }
    table = pd.DataFrame(shares).T
    order = table.mean(axis=0).sort_values(ascending=False).index
    table = table[order]
    table.index.name, table.columns.name = "Region", "Issue ranked first"
    return table


def _named_countries(survey: RegionSurvey, codebook: Codebook, k: int) -> pd.DataFrame:
    """The region's service map, only for countries of k or more respondents (no pools)."""
    grid = metrics.service_map(survey.data, codebook, k)
    described = set(metrics.headline(survey.data, k).countries_described)
    return grid[grid.index.isin(described)]


def services_by_region(surveys: list[RegionSurvey], codebook: Codebook, k: int) -> pd.DataFrame:
    """Service types × regions: how many countries reported each (coded regions only)."""
    columns = {}
    for survey in surveys:
        if survey.is_coded:
            columns[survey.region.name] = _named_countries(survey, codebook, k).sum(axis=0)
    table = pd.DataFrame(columns, index=list(codebook.service_types.values())).fillna(0)
    table.index.name, table.columns.name = "Service type", "Region"
    return table.astype(int)


def country_status(
    surveys: list[RegionSurvey], codebook: Codebook, k: int
) -> tuple[dict[str, str], dict[str, str]]:
    """Each surveyed country's map status by ISO alpha-3, and its name."""
    status: dict[str, str] = {}
    names: dict[str, str] = {}
    for survey in surveys:
        respondents = survey.data.respondents.dropna(subset=["country_iso3"])
        iso3_of = dict(zip(respondents["country_name"], respondents["country_iso3"], strict=True))
        names |= {iso3: name for name, iso3 in iso3_of.items()}
        sizes = metrics.country_sizes(survey.data)
        grid = _named_countries(survey, codebook, k) if survey.is_coded else None
        for name, iso3 in iso3_of.items():
            if sizes[name] < k:
                status[iso3] = maps.FEW
            elif grid is None:
                status[iso3] = maps.NOT_CODED
            else:
                status[iso3] = maps.SERVICE if grid.loc[name].any() else maps.NO_SERVICE
    return status, names


def services_directory(surveys: list[RegionSurvey], k: int) -> pd.DataFrame:
    """Publishable named services by region and country (or pool), for advocates."""
    rows = [
        {"region": survey.region.name, "country": place, "service": excerpt}
        for survey in surveys
        if survey.is_coded
        for place, excerpts in metrics.named_services(survey.data, k).items()
        for excerpt in excerpts
    ]
    return pd.DataFrame(rows, columns=["region", "country", "service"])
