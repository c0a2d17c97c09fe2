"""A briefing's disclosure record: what it withholds and why, table by table, never values.

Written beside each briefing (``outputs/<region>/disclosure.json``) for output
checking, after the SACRO/acro practice; it names the same protected tables,
computed by the same functions, as the notebook shows.
"""

from __future__ import annotations

from typing import Any

from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.figures import metrics
from wud_briefings.process.tables import ProcessedRegion
from wud_briefings.survey.codebook import Codebook


def disclosure_record(
    region_id: str, data: ProcessedRegion, codebook: Codebook, policy: DisclosurePolicy
) -> dict[str, Any]:
    labels = metrics.country_labels(data, policy)
    return {
        "region": region_id,
        "k": policy.k,
        "tables": [
            metrics.respondents_by_country(data, policy).record,
            metrics.barriers_by_wud(data, codebook, policy).record,
        ],
        "countries_pooled": sorted(c for c, p in labels.items() if p and p != c),
        "countries_not_named_beside_answers": sorted(c for c, p in labels.items() if not p),
        "region_totals": "exempt from suppression (headline, barrier ranking, themes)",
    }
