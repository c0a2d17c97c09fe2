# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (wud-briefings)
#     language: python
#     name: wud-briefings
# ---

# %% [markdown]
# <!-- Global briefing: the regions side by side. Run top to bottom once the regions are built (`make briefings`). -->

# %% tags=["interactive-only"]
# Picks up edits to the package without restarting the kernel (JupyterLab only:
# the build skips this cell, and no briefing shows it).
# %load_ext autoreload
# %autoreload 2

# %% tags=["parameters"]
regions = ""  # comma-separated region ids from data/raw/regions.yaml; empty: every region
k = 3  # counts below k in breakdowns below the region are withheld
language = "en"  # the briefing's language: "en", "es" or "ru"
failed_gate = ""  # comma-separated ids of regions that did not pass their gate (filled in by the build)
code_version = ""  # filled in by the build
build_date = ""  # filled in by the build (SOURCE_DATE_EPOCH)

# %%
from IPython.display import Markdown

from wud_briefings.analysis import load
from wud_briefings.analysis import report_parts as parts
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display import maps, narrative, plots, show
from wud_briefings.analysis.figures import across_regions
from wud_briefings.analysis.texts import commentary
from wud_briefings.core import language as i18n

policy = DisclosurePolicy(k)  # a threshold below 2 is refused here, before anything is shown
i18n.use(language)
surveys, codebook, boundaries, left_out, inputs = load.global_materials(regions, failed_gate)
# The background every briefing shares (notebooks/publication/background.md), its
# citations checked against notebooks/publication/references.json.
texts = commentary.for_global(language)

# %%
parts.global_cover(surveys)

# %%
parts.background(texts)

# %% [markdown]
# ## How the surveys were done
#
# Regional focal points, identified among WHRIN's members, worked with the WHRIN coordinator to draw up lists of participants: in each country (in each state or province in Canada, the United States and Australia), two well-networked women who use drugs and two other key informants with a good understanding of harm reduction services there. Each region had its own short online survey, with the same 7 questions, asked to find the key barriers to services and to map the harm reduction services designed for women who use drugs.
#
# This briefing sets the regions side by side; each region's own briefing tells its story in full.

# %% [markdown]
# ## Limitations
#
# Participants were found through WHRIN's members and their recommendations: in some countries no participant could be found, or fewer than four took part. The survey was short and simple, and may not have been specific enough in every case. For these reasons this briefing cannot be exhaustive; it begins to map, and to make visible, services for women who use drugs.

# %%
by_region = across_regions.regions_table(surveys, policy)
Markdown(narrative.global_limitations_text(by_region, left_out, policy))

# %% [markdown]
# ## Respondents

# %%
Markdown(narrative.global_respondents_text(by_region, left_out))

# %%
show.table(by_region, i18n._("Respondents by region"))

# %% [markdown]
# ## Who knew of services designed for women who use drugs

# %%
knew = across_regions.knew_of_services(surveys, policy)
Markdown(narrative.knew_text(knew))

# %%
plots.knew_of_services_figure(knew)

# %% [markdown]
# ## Key barriers to access
#
# Respondents ranked the three issues that most limit access to harm reduction services for women who use drugs in their country. The chart compares the issue they put first.

# %%
first_ranks = across_regions.first_rank_shares(surveys, codebook)
Markdown(narrative.first_rank_text(first_ranks))

# %%
plots.first_rank_heatmap(first_ranks)

# %% [markdown]
# ## Services across regions
#
# Researchers coded the services respondents described into types. A service type counts once in a country however many respondents reported it: the table records that such services exist, not how many people named them.

# %%
services = across_regions.services_by_region(surveys, codebook, policy)
Markdown(narrative.services_across_text(services, by_region, policy))

# %%
show.services_by_region(services, policy)

# %% [markdown]
# ## Where services were reported

# %%
countries = across_regions.country_status(surveys, codebook, policy)
Markdown(narrative.world_map_text(countries, policy))

# %%
maps.world_map_figure(boundaries, countries)

# %% [markdown]
# ## Services named by respondents

# %%
directory = across_regions.services_directory(surveys, policy)
Markdown(narrative.directory_text(directory, policy))

# %%
show.services_directory(directory)

# %%
parts.references(texts)

# %% tags=["colophon"]
parts.colophon(
    i18n._(narrative.GLOBAL_TITLE),
    inputs,
    narrative.global_checks_text(policy),
    code_version,
    build_date,
)
