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
# <!-- Regional briefing. Run top to bottom for one region; `make briefings` runs it for every region. -->

# %% tags=["interactive-only"]
# Picks up edits to the package without restarting the kernel (JupyterLab only:
# the build skips this cell, and no briefing shows it).
# %load_ext autoreload
# %autoreload 2

# %% tags=["parameters"]
region = "eeca"  # a region id from data/raw/regions.yaml
k = 3  # counts below k in breakdowns below the region are withheld
language = "en"  # the briefing's language: "en", "es" or "ru"
code_version = ""  # filled in by the build
build_date = ""  # filled in by the build (SOURCE_DATE_EPOCH)

# %%
from IPython.display import Markdown

from wud_briefings.analysis import load
from wud_briefings.analysis import report_parts as parts
from wud_briefings.analysis.disclosure.policy import DisclosurePolicy
from wud_briefings.analysis.display import maps, narrative, plots, show
from wud_briefings.analysis.figures import metrics
from wud_briefings.analysis.texts import commentary
from wud_briefings.core import language as i18n

policy = DisclosurePolicy(k)  # a threshold below 2 is refused here, before anything is shown
i18n.use(language)
region_info, data, codebook, boundaries = load.regional_materials(region)
headline = metrics.headline(data, policy)

# %%
# The researchers' own words (notebooks/commentary/<region>.md, <region>.<language>.md,
# and the background every briefing shares, notebooks/publication/background.md): every
# figure name, typed number, country and citation in them is checked against this
# briefing's figures and sources. A wrong or disclosive one stops the briefing here,
# naming the line and why.
texts = commentary.for_briefing(region, language, data, codebook, policy)

# %%
parts.regional_cover(region_info, data.provenance)

# %%
parts.text_problems(texts)

# %%
parts.key_findings(texts)

# %%
parts.background(texts)

# %% [markdown]
# ## How the survey was done
#
# Regional focal points, identified among WHRIN's members, worked with the WHRIN coordinator to draw up lists of participants: in each country (in each state or province in Canada, the United States and Australia), two well-networked women who use drugs and two other key informants with a good understanding of harm reduction services there. Each region had its own short online survey, with the same 7 questions, asked to find the key barriers to services and to map the harm reduction services designed for women who use drugs.

# %%
parts.survey_method(region_info, headline, codebook)

# %% [markdown]
# ## Limitations
#
# Participants were found through WHRIN's members and their recommendations: in some countries no participant could be found, or fewer than four took part. The survey was short and simple, and may not have been specific enough in every case. For these reasons this briefing cannot be exhaustive; it begins to map, and to make visible, services for women who use drugs.

# %%
Markdown(narrative.limitations_text(headline, data.is_coded, policy))

# %% [markdown]
# ## Respondents

# %%
Markdown(narrative.respondents_text(headline, region_info.name))

# %%
by_country = metrics.respondents_by_country(data, policy)
show.protected_table(by_country, i18n._("Respondents by country"), policy)

# %%
maps.locator_map(boundaries, data, region_info.name)

# %% [markdown]
# ## Harm reduction services for women who use drugs
#
# The map below shows, for each country, the types of service designed for women who use drugs that at least one respondent reported. It records that a service exists, not how many people named it.

# %%
Markdown(narrative.services_text(headline, policy))

# %%
service_grid = metrics.service_map(data, codebook, policy)
show.service_map(service_grid, region_info.name, data.is_coded)

# %% [markdown]
# ### Services named by respondents

# %%
named = metrics.named_services(data, policy)
show.named_services(named, data.is_coded)

# %% [markdown]
# ## Key barriers to access
#
# Respondents ranked the three issues that most limit access to harm reduction services for women who use drugs in their country (1 = most important).

# %%
counts = metrics.barrier_counts(data, codebook)
Markdown(narrative.barriers_text(counts, headline.ranked))

# %%
shares = metrics.barrier_shares(data, codebook)
plots.barrier_figure(shares)

# %% [markdown]
# ### Women who use drugs and other key informants
#
# The same ranking, side by side for respondents who identify as women who use drugs and for the other key informants.

# %%
by_wud = metrics.barriers_by_wud(data, codebook, policy)
show.barriers_by_wud(by_wud, headline, policy)

# %% [markdown]
# ## Other priority issues
#
# Each quote below is tagged with the respondent's country.

# %%
themes = metrics.theme_counts(data, codebook, question=None)
Markdown(narrative.themes_text(themes, data.is_coded))

# %%
quotes = metrics.quotes(data, codebook, question=None, policy=policy)
show.quotes(quotes)

# %% [markdown]
# ## Key service gaps
#
# Asked for the most serious gaps in harm reduction services for women who use drugs, respondents named:

# %%
gaps = metrics.theme_counts(data, codebook, question="gaps")
show.gaps(gaps, data.is_coded)

# %%
parts.conclusions(texts)

# %%
parts.references(texts)

# %% tags=["colophon"]
parts.colophon(
    narrative.briefing_title(region_info.name),
    data.provenance.inputs,
    narrative.data_quality_text(data.provenance, policy),
    code_version,
    build_date,
)
