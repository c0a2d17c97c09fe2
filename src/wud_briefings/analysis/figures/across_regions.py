"""Figures across regions for the global briefing, from each region's processed tables.

Every region total is computed by the function its regional briefing uses, so
the two briefings print the same numbers. Below the region the regional rules
hold: a country with fewer than ``k`` respondents is never described by its
answers (it is drawn as surveyed, not shaded by what was reported, and counted
in no country count), so the global briefing shows nothing a regional one hides.
No figure adds regions up where one of them withholds a part (e.g. a WUD count
not shown because all respondents, or none, identify as WUD): a total across regions would
give it away.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy, count_and_share, percent
from wud_briefings.analysis.figures import metrics
from wud_briefings.core import language
from wud_briefings.core.language import N_, _, alphabetical
from wud_briefings.ingest.coding import LANGUAGE_COLUMN, TRANSLATION_COLUMNS
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region

NOT_SHOWN_WUD = N_("not shown (all respondents, or none, identify as WUD)")
# The regions table's columns (a table shows its headers in the language in use).
REGION_COLUMNS = [
    N_("Survey month"),
    N_("Respondents"),
    N_("Countries"),
    N_("Identify as women who use drugs"),
    N_("Open answers"),
    N_("Data"),
]
CODING_DONE, CODING_PENDING = N_("coded"), N_("not coded yet")  # the regions table's cells
DESCRIBED = N_("Countries with {k} or more respondents")
# A service is the respondent's words ("service", in "language") and the researchers'
# translations of them.
DIRECTORY_COLUMNS = [
    "region",
    "country",
    "service",
    LANGUAGE_COLUMN,
    *TRANSLATION_COLUMNS.values(),
    "data",
]
# What a country shows on the world map: its status across the regions that surveyed it.
SERVICE = N_("service reported")
NO_SERVICE = N_("surveyed, no service reported")
AWAITING_CODING = N_("surveyed, answers not yet coded")
FEW = N_("surveyed, too few respondents to show answers")
NOT_SURVEYED = N_("not surveyed")
# When a country was surveyed in more than one region, what the world map shows of it:
# a service reported anywhere it is described, else answers not coded, else none reported.
PRECEDENCE = (SERVICE, AWAITING_CODING, NO_SERVICE, FEW)


@dataclass(frozen=True)
class RegionSurvey:
    """One region that passed its gate: its definition and processed tables."""

    region: Region
    data: ProcessedRegion

    @property
    def is_coded(self) -> bool:
        return self.data.provenance.is_coded

    @property
    def is_synthetic(self) -> bool:
        return self.data.provenance.is_synthetic


@dataclass(frozen=True)
class LeftOutRegion:
    """A region the global briefing leaves out, and why (it says so)."""

    region: Region
    reason: str


def _data_kind(survey: RegionSurvey) -> str:
    return _("synthetic") if survey.is_synthetic else _("survey")


def regions_table(surveys: list[RegionSurvey], policy: DisclosurePolicy) -> pd.DataFrame:
    """Respondents, countries and the share identifying as WUD, one row per region."""
    rows = []
    for survey in surveys:
        h = metrics.headline(survey.data, policy)
        wud = (
            _(NOT_SHOWN_WUD)
            if h.wud_uniform
            else count_and_share(h.identifies_as_wud, h.respondents)
        )
        rows.append(
            {
                "Region": survey.region.name,
                "Survey month": language.survey_month(survey.region.survey_month),
                "Respondents": h.respondents,
                "Countries": len(h.countries),
                "Identify as women who use drugs": wud,
                "Open answers": _(CODING_DONE) if survey.is_coded else _(CODING_PENDING),
                "Data": _data_kind(survey),
            }
        )
    return pd.DataFrame(rows, columns=[N_("Region"), *REGION_COLUMNS]).set_index("Region")


def knew_of_services(surveys: list[RegionSurvey], policy: DisclosurePolicy) -> pd.DataFrame:
    """Per region: how many knew of services designed for WUD, of how many respondents."""
    rows = []
    for survey in surveys:
        h = metrics.headline(survey.data, policy)
        rows.append(
            {
                "region": survey.region.name,
                "knew": h.knows_wud_services,
                "respondents": h.respondents,
                "share_pct": h.knows_pct,
                "label": count_and_share(h.knows_wud_services, h.respondents),
            }
        )
    return pd.DataFrame(rows, columns=["region", "knew", "respondents", "share_pct", "label"])


def first_rank_shares(surveys: list[RegionSurvey], codebook: Codebook) -> pd.DataFrame:
    """Long table: region, how many ranked, issue, how many ranked it first, and the share.

    Shares are of those who gave a first rank in the region (no share where
    nobody did). Issues come in order of their mean share across regions.
    """
    rows = []
    for survey in surveys:
        first = metrics.barrier_counts(survey.data, codebook)[1]
        total = int(first.sum())
        rows += [
            {
                "region": survey.region.name,
                "ranked": total,
                "issue": issue,
                "count": int(n),
                "share_pct": percent(int(n), total) if total else None,
            }
            for issue, n in first.items()
        ]
    long = pd.DataFrame(rows, columns=["region", "ranked", "issue", "count", "share_pct"])
    long["share_pct"] = long["share_pct"].astype("Int64")
    mean = long.groupby("issue", sort=False)["share_pct"].mean().fillna(0)
    order = list(mean.sort_values(ascending=False, kind="stable").index)
    long["order"] = long["issue"].map(order.index)
    return long.sort_values(["order"], kind="stable").drop(columns="order").reset_index(drop=True)


def _described_grid(
    survey: RegionSurvey, codebook: Codebook, policy: DisclosurePolicy
) -> pd.DataFrame:
    """The region's service map, only for countries of k or more respondents (no pools)."""
    grid = metrics.service_map(survey.data, codebook, policy)
    described = set(metrics.headline(survey.data, policy).countries_described)
    return grid[grid.index.isin(described)]


def services_by_region(
    surveys: list[RegionSurvey], codebook: Codebook, policy: DisclosurePolicy
) -> pd.DataFrame:
    """Service types × coded regions: how many countries of k or more respondents reported each.

    The last row counts those countries. Countries below k are counted nowhere,
    pooled or not: a count of 1 would point to what their few respondents said.
    """
    columns = {}
    for survey in surveys:
        if survey.is_coded:
            grid = _described_grid(survey, codebook, policy)
            columns[survey.region.name] = [*grid.sum(axis=0).tolist(), len(grid)]
    index = [*codebook.service_type_labels().values(), _(DESCRIBED).format(k=policy.threshold())]
    table = pd.DataFrame(columns, index=index, dtype="int64")
    table.index.name, table.columns.name = N_("Service type"), N_("Region")
    return table


def _region_status(
    survey: RegionSurvey, codebook: Codebook, policy: DisclosurePolicy
) -> dict[str, str]:
    """Each of the region's countries (by name): SERVICE, NO_SERVICE, AWAITING_CODING or FEW."""
    sizes = metrics.country_sizes(survey.data)
    grid = _described_grid(survey, codebook, policy) if survey.is_coded else None
    status = {}
    for name, size in sizes.items():
        if not policy.is_described(size):
            status[name] = FEW
        elif grid is None:
            status[name] = AWAITING_CODING
        else:
            status[name] = SERVICE if grid.loc[name].any() else NO_SERVICE
    return status


def country_status(
    surveys: list[RegionSurvey], codebook: Codebook, policy: DisclosurePolicy
) -> pd.DataFrame:
    """Every surveyed country, by ISO alpha-3: its name, regions and map status.

    A country surveyed in two regions is shaded by what a region that describes
    it reports (see ``PRECEDENCE``); it is "too few" only where no region does.
    """
    found: dict[str, dict] = {}
    for survey in surveys:
        status = _region_status(survey, codebook, policy)
        for iso3, name in metrics.surveyed_countries(survey.data).items():
            entry = found.setdefault(iso3, {"country": name, "regions": [], "states": []})
            entry["regions"].append(survey.region.name)
            entry["states"].append(status[name])
    rows = {
        iso3: {
            "country": e["country"],
            "regions": "; ".join(e["regions"]),
            "status": min(e["states"], key=PRECEDENCE.index),
        }
        for iso3, e in found.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["country", "regions", "status"])
    table.index.name = "iso3"
    return table.sort_values("country", kind="stable", key=lambda c: c.map(alphabetical))


def services_directory(surveys: list[RegionSurvey], policy: DisclosurePolicy) -> pd.DataFrame:
    """Publishable named services by region and country (or pool), for advocates.

    Exactly what each regional briefing lists under "Services named by
    respondents" (:func:`~wud_briefings.analysis.figures.metrics.named_services`), with
    whether the region's data is synthetic.
    """
    rows = [
        [
            survey.region.name,
            place,
            excerpt.text,
            excerpt.language,
            *(excerpt.translation(code) for code in TRANSLATION_COLUMNS),
            _data_kind(survey),
        ]
        for survey in surveys
        if survey.is_coded
        for place, excerpts in metrics.named_services(survey.data, policy).items()
        for excerpt in excerpts
    ]
    return pd.DataFrame(rows, columns=DIRECTORY_COLUMNS)
