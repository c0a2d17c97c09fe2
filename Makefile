# Everyday commands. `make help` lists them. Every target sets up .venv from the
# lock file first if it is missing or stale, so a fresh clone needs nothing else.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CLI := $(BIN)/wud-briefings
REGIONS ?=
REGION ?=
LANGUAGE ?=
FILE ?=
CHECK ?=
FORCE ?=
REGATE ?=
JOBS ?=
TIMEOUT ?=
# Two locks, compiled by uv from pyproject.toml (`make lock`): requirements.lock holds
# what the briefings need, requirements-dev.lock that plus the test and dev tools.
# Each stamp names its lock's hash, so a changed lock (not a newer mtime) reinstalls.
# Installs take nothing but the lock: exact versions, every wheel's hash checked.
RUN_STAMP := $(VENV)/.installed-run-$(shell cat requirements-pip.lock requirements.lock pyproject.toml | sha256sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements-dev.lock pyproject.toml | sha256sum | cut -c1-12)
PIP := $(BIN)/python -m pip --disable-pip-version-check
LOCK_FLAGS := --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu \
	--generate-hashes --no-header

.DEFAULT_GOAL := help
.PHONY: help venv lock citation coding-sheet encrypt lab preview briefings figures proof validate process synth messages docs test check lint typecheck clean bench bench-scale

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z-]+:/{if(doc){split($$1,t,":"); printf "  %-12s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)
	@echo "  REGIONS=\"eeca africa\" limits briefings, validate and test to those regions."

# pip itself comes first, from its own lock: the pip that `python -m venv` brings (23.2)
# resolves a requirement with extras (weasyprint's fonttools[woff]) to the newest release
# instead of the locked one, and then refuses the lock it was given.
$(RUN_STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --requirement requirements-pip.lock
	$(PIP) install --quiet --require-hashes --requirement requirements.lock
	$(PIP) install --quiet --no-deps --editable .
	@# The kernel the notebooks name, so that papermill's and nbconvert's own command
	@# lines (and JupyterLab) run them in this environment without asking for one.
	$(BIN)/python -m ipykernel install --sys-prefix --name wud-briefings \
		--display-name "Python 3 (wud-briefings)" >/dev/null
	@rm -f $(VENV)/.installed-run-*
	@touch $(RUN_STAMP)

# cffconvert (CITATION.cff's validator) in a venv of its own: it requires jsonschema<4,
# which the notebooks' stack (jsonschema 4) cannot share.
CFF_VENV := .venv-cffconvert
CFF_STAMP := $(CFF_VENV)/.installed-$(shell cat requirements-pip.lock requirements-cffconvert.lock | sha256sum | cut -c1-12)

$(CFF_STAMP):
	@test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes \
		--requirement requirements-pip.lock
	$(CFF_VENV)/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes \
		--requirement requirements-cffconvert.lock
	@rm -f $(CFF_VENV)/.installed-*
	@touch $(CFF_STAMP)

$(DEV_STAMP): $(RUN_STAMP)
	$(PIP) install --quiet --require-hashes --requirement requirements-dev.lock
	@rm -f $(VENV)/.installed-dev-*
	@touch $(DEV_STAMP)

## Create or update .venv from requirements.lock (briefings only)
venv: $(RUN_STAMP)

## Regenerate both lock files from pyproject.toml with uv (exact versions and hashes;
## the briefings lock takes the dev lock's versions)
lock: $(DEV_STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test $(LOCK_FLAGS) -o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) --constraint requirements-dev.lock -o requirements.lock
	echo "cffconvert==2.0.0" | $(BIN)/uv pip compile - $(LOCK_FLAGS) -o requirements-cffconvert.lock
	echo "pip==26.3" | $(BIN)/uv pip compile - $(LOCK_FLAGS) -o requirements-pip.lock

## Start JupyterLab on the briefing notebook, with the project's kernel and settings
# The kernel is the one the notebook names (make venv installs it), so JupyterLab asks for
# none; the settings in .jupyter/ stand in for ~/.jupyter (no news, update checks or PyPI
# listings: JupyterLab asks no other host for anything), and this environment's kernels
# come before the user's.
lab: $(RUN_STAMP)
	@test -d data/processed/eeca || echo "No processed data yet: run 'make briefings' (or 'make process') first."
	JUPYTER_CONFIG_DIR="$(CURDIR)/.jupyter" JUPYTER_PREFER_ENV_PATH=1 \
		$(BIN)/jupyter lab notebooks/briefing.ipynb

## Build every regional briefing (validate, process, execute, render), then the global one; FORCE=1 rebuilds all
briefings: $(RUN_STAMP)
	$(CLI) build $(REGIONS) $(if $(FORCE),--force) $(if $(REGATE),--regate) \
		$(if $(JOBS),--jobs $(JOBS)) $(if $(TIMEOUT),--timeout $(TIMEOUT))

## List a region's figures by name for its commentary: make figures REGION=eeca (CHECK=1 checks it)
figures: $(RUN_STAMP)
	@test -n "$(REGION)" || { echo "usage: make figures REGION=<region id> [CHECK=1]"; exit 2; }
	$(CLI) figures $(REGION) $(if $(CHECK),--check)

## Render every page of each built PDF into one contact sheet per briefing in outputs/proof/
proof: $(RUN_STAMP)
	$(CLI) proof

## Re-render one region's HTML on every save, on a warm kernel: make preview REGION=eeca [LANGUAGE=ru]
preview: $(RUN_STAMP)
	@test -n "$(REGION)" || { echo "usage: make preview REGION=<region id> [LANGUAGE=es|ru]"; exit 2; }
	$(CLI) preview $(REGION) $(if $(LANGUAGE),--language $(LANGUAGE))

## Validate and write data/processed/ only (no briefings)
process: $(RUN_STAMP)
	$(CLI) process $(REGIONS)

## Write a coding sheet to fill in for a real export: make coding-sheet REGION=eeca
coding-sheet: $(RUN_STAMP)
	@test -n "$(REGION)" || { echo "usage: make coding-sheet REGION=<region id>"; exit 2; }
	$(CLI) coding-sheet $(REGION)

## Encrypt a real export or coding sheet for data/raw/recipients.txt: make encrypt FILE=…
encrypt: $(RUN_STAMP)
	@test -n "$(FILE)" || { echo "usage: make encrypt FILE=data/raw/exports/<region id>.csv"; exit 2; }
	$(CLI) encrypt $(FILE)

## Run only the Great Expectations gate on the raw exports
validate: $(RUN_STAMP)
	$(CLI) validate $(REGIONS)

## Regenerate the synthetic exports and coding sheets in data/raw/
synth: $(RUN_STAMP)
	$(CLI) synth $(REGIONS)

## Write CITATION.cff from notebooks/publication/publication.yaml
citation: $(RUN_STAMP)
	$(CLI) citation

## Update the Spanish and Russian catalogs (src/wud_briefings/locale/) from the code and notebooks
messages: $(RUN_STAMP)
	$(CLI) messages

## Build the documentation site (mkdocs.yml, docs/) strictly into outputs/docs/
# Any warning (a broken link or anchor, a page left out of the nav) fails it. The CLI
# reference is generated from the Typer app by mkdocs-typer2, which runs the `typer`
# command it finds on PATH: this environment's comes first. outputs/docs/ is where
# CI publishes it too (docs/ of the Pages site); `make clean` deletes it.
DOCS_SITE ?= outputs/docs
docs: $(DEV_STAMP)
	PATH="$(abspath $(BIN)):$$PATH" NO_MKDOCS_2_WARNING=1 \
		$(BIN)/mkdocs build --strict --site-dir "$(DOCS_SITE)"

## The whole proof, before every commit: unit, integration and end-to-end tests (15 slowest listed)
test: $(DEV_STAMP) $(CFF_STAMP) typecheck
	WUD_TEST_REGIONS="$(REGIONS)" $(BIN)/python -m pytest --durations=15

## The quick proof, on every edit (about a minute): ruff, mypy, then tests/unit/ with fewer examples
check: lint typecheck
	$(BIN)/python -m pytest tests/unit -q --hypothesis-profile=dev

## Check the package's types with mypy (configured in pyproject.toml)
typecheck: $(DEV_STAMP)
	$(BIN)/mypy

## Benchmark: naive loop vs builds, and save-to-HTML of the edit loops (outputs/bench.json)
bench: $(DEV_STAMP)
	$(CLI) bench $(REGIONS)

## Scale benchmark: 7 and 70 synthetic regions (outputs/bench-scale.json)
bench-scale: $(DEV_STAMP)
	$(CLI) bench-scale

## Lint and check formatting with ruff
lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

## Delete everything the build made (data/processed/, outputs/)
clean:
	find data/processed outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
