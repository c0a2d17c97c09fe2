"""What the briefing notebook calls: one method per section, each showing its part.

The notebook holds the story's headings and prose; this class loads the
region's processed tables once and displays every figure, table and chart,
so that no logic lives only in the notebook.
"""

from __future__ import annotations

import base64
import html
import os
import time
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, Markdown, display, publish_display_data

from wud_briefings import __version__
from wud_briefings.analysis import metrics, narrative, plots
from wud_briefings.core.paths import ProjectPaths
from wud_briefings.privacy.disclosure import DEFAULT_K, check_k
from wud_briefings.privacy.suppression import Unprotectable
from wud_briefings.process.tables import ProcessedRegion, load_processed
from wud_briefings.survey.codebook import Codebook
from wud_briefings.survey.regions import Region, load_regions

UNPROTECTABLE = (
    "This breakdown is not shown: its small counts could be worked out from the totals "
    "published above, whatever else was withheld."
)
WITHHELD_NOTE = "counts below {k}, and counts from which they could be worked out, are withheld"


def show_figure(png: bytes, alt: str) -> None:
    """Display a PNG with alt text that nbconvert carries into the HTML."""
    publish_display_data(
        {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
        metadata={"image/png": {"alt": alt}},
    )


def show_table(frame: pd.DataFrame, caption: str, *, index: bool = True) -> None:
    table = frame.to_html(index=index, classes="briefing-table", border=0, escape=True)
    display(HTML(table.replace(">\n  <thead>", f"><caption>{caption}</caption>\n  <thead>", 1)))


def default_build_date() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return time.strftime("%Y-%m-%d", time.gmtime(int(epoch) if epoch else None))


@dataclass
class Briefing:
    """One region's briefing: its data, codebook and small-cell threshold."""

    region: Region
    data: ProcessedRegion
    codebook: Codebook
    k: int = DEFAULT_K
    code_version: str = __version__
    build_date: str = ""

    @classmethod
    def load(
        cls, region_id: str, k: int = DEFAULT_K, code_version: str = "", build_date: str = ""
    ) -> Briefing:
        paths = ProjectPaths()
        folder = paths.processed_region(region_id)
        if not (folder / "provenance.json").exists():
            raise FileNotFoundError(
                f"no processed data for region {region_id!r} in "
                f"data/processed/{region_id}/: run `make briefings` first"
            )
        return cls(
            load_regions(paths)[region_id],
            load_processed(folder),
            Codebook.load(paths.codebook),
            check_k(k),
            code_version or __version__,
            build_date or default_build_date(),
        )

    @property
    def headline(self) -> metrics.Headline:
        return metrics.headline(self.data, self.k)

    @property
    def is_coded(self) -> bool:
        """Whether researchers have coded the open answers (a coding sheet exists)."""
        return bool(self.data.provenance["is_coded"])

    def title(self) -> None:
        display(
            Markdown(
                f"# {self.region.name}: harm reduction services for women who use "
                "drugs\n\nA briefing from the 2020 WHRIN mapping survey. Survey month: "
                f"{self.region.survey_month}."
            )
        )
        display(
            HTML(
                narrative.synthetic_banner(self.data.provenance["is_synthetic"])
                + narrative.provenance_line(
                    self.code_version, self.data.provenance["inputs"], self.build_date
                )
            )
        )

    def respondents(self) -> None:
        display(Markdown(narrative.respondents_text(self.headline, self.region.name)))
        show_table(
            metrics.respondents_by_country(self.data, self.k).shown,
            f"Respondents by country ({WITHHELD_NOTE.format(k=self.k)})",
        )

    def services(self) -> None:
        display(Markdown(narrative.services_text(self.headline, self.k)))
        if not self.is_coded:
            display(Markdown(f"{narrative.NOT_CODED} The service map needs that coding."))
            return
        grid = metrics.service_map(self.data, self.codebook, self.k)
        if not grid.to_numpy().any():
            display(
                Markdown(
                    "No service designed for women who use drugs was coded, so "
                    "there is no map to draw."
                )
            )
            return
        figure, alt = plots.service_map_figure(grid, self.region.name)
        show_figure(plots.figure_png(figure), alt)

    def named_services(self) -> None:
        named = metrics.named_services(self.data, self.k)
        if not self.is_coded:
            display(Markdown(narrative.NOT_CODED))
        elif not named:
            display(Markdown("No publishable description of a service was given."))
        for place, excerpts in named.items():
            items = "".join(f"<li>{html.escape(e)}</li>" for e in excerpts)
            display(HTML(f"<p><strong>{html.escape(place)}</strong></p><ul>{items}</ul>"))

    def barriers(self) -> None:
        counts = metrics.barrier_counts(self.data, self.codebook)
        first = list(zip(counts.index, counts[1].astype(int), strict=True))
        given = metrics.ranks_given(counts)
        display(Markdown(narrative.barriers_text(first[:3], self.headline.ranked, given)))
        if not given:
            return
        figure, alt = plots.barrier_figure(metrics.barrier_shares(self.data, self.codebook))
        show_figure(plots.figure_png(figure), alt)
        show_table(
            metrics.barrier_table(self.data, self.codebook),
            "Top issues at each rank: respondents who gave that rank",
        )

    def barriers_by_wud(self) -> None:
        if 1 not in metrics.ranks_given(metrics.barrier_counts(self.data, self.codebook)):
            display(Markdown("No respondent gave a first rank to compare."))
            return
        if self.headline.same_wud_answer:
            display(Markdown(narrative.SAME_WUD_ANSWER))
            return
        try:
            table = metrics.barriers_by_wud(self.data, self.codebook, self.k)
        except Unprotectable:
            display(Markdown(UNPROTECTABLE))
            return
        show_table(
            table.shown,
            f"Rank 1, women who use drugs beside other key informants "
            f"({WITHHELD_NOTE.format(k=self.k)})",
        )

    def themes(self) -> None:
        counts = metrics.theme_counts(self.data, self.codebook, question=None)
        themes = list(counts.itertuples(index=False))
        display(Markdown(narrative.themes_text(themes, self.is_coded)))
        quotes = metrics.quotes(self.data, self.codebook, None, self.k)
        for theme, group in quotes.groupby("theme", sort=False):
            display(Markdown(f"**{theme[0].upper() + theme[1:]}**"))
            display(
                HTML(
                    "".join(
                        narrative.quote_html(e, c)
                        for e, c in zip(group["excerpt"], group["place"], strict=True)
                    )
                )
            )

    def gaps(self) -> None:
        counts = metrics.theme_counts(self.data, self.codebook, question="gaps")
        if not self.is_coded:
            display(Markdown(narrative.NOT_CODED))
        elif counts.empty:
            display(Markdown("No answer on service gaps was coded with a theme."))
        else:
            show_table(
                counts, "Themes of the answers on the most serious service gaps", index=False
            )

    def _wud_record(self) -> dict[str, object]:
        try:
            return metrics.barriers_by_wud(self.data, self.codebook, self.k).record
        except Unprotectable:
            return {
                "table": "Rank 1 by identification as a woman who uses drugs",
                "withheld": "the whole table",
                "reason": UNPROTECTABLE,
            }

    def disclosure_record(self) -> dict[str, object]:
        """What this briefing withholds and why, by table (no values): for output checking."""
        labels = metrics.country_labels(self.data, self.k)
        return {
            "region": self.region.id,
            "k": self.k,
            "tables": [
                metrics.respondents_by_country(self.data, self.k).record,
                self._wud_record(),
            ],
            "countries_pooled": sorted(c for c, p in labels.items() if p and p != c),
            "countries_not_named_beside_answers": sorted(c for c, p in labels.items() if not p),
            "region_totals": "exempt from suppression (headline, barrier ranking, themes)",
        }

    def data_quality(self) -> None:
        checks = self.data.provenance.get("checks", {})
        total = sum(len(c) for c in checks.values())
        items = "\n".join(
            f"- **{table.replace('_', ' ')}**: {'; '.join(c)}." for table, c in checks.items()
        )
        coding = (
            ""
            if self.is_coded
            else f"\n\n**{narrative.NOT_CODED}** No coding sheet was given for this export, so "
            "the service map, the themes and the quotes are missing from this briefing."
        )
        display(
            Markdown(
                f"Before analysis, {total} Great Expectations checks passed on this region's "
                f"tables:\n\n{items}{coding}\n\n"
                f"In any breakdown below the region, counts below {self.k} are withheld, and so "
                "are the counts from which a withheld one could be worked out (complementary "
                "suppression, checked with an integer-programming solver). Countries with "
                f"fewer than {self.k} respondents are not described one by one: their answers "
                "are pooled, or left out where the pool would still be small. Only excerpts "
                "the researchers marked publishable are quoted."
            )
        )
