# Everyday commands. `make help` lists them. Every target sets up .venv from the
# lock file first if it is missing or stale, so a fresh clone needs nothing else.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CLI := $(BIN)/wud-briefings
REGIONS ?=
FORCE ?=
JOBS ?=
# The stamp names the lock's hash, so a changed lock (not a newer mtime) reinstalls;
# a restored CI cache of .venv is reused as is.
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help venv lab briefings validate process synth test lint clean bench bench-scale

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-z-]+:/{if(doc){split($$1,t,":"); printf "  %-12s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)
	@echo "  REGIONS=\"eeca africa\" limits briefings, validate and test to those regions."

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## Create or update .venv from requirements.lock
venv: $(STAMP)

## Start JupyterLab on the briefing notebook, with a kernel named after the project
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name wud-briefings \
		--display-name "Python 3 (wud-briefings)"
	@test -d data/processed/eeca || echo "No processed data yet: run 'make briefings' (or 'make process') first."
	$(BIN)/jupyter lab notebooks/briefing.ipynb

## Build every regional briefing (validate, process, execute, render); FORCE=1 rebuilds all
briefings: $(STAMP)
	$(CLI) build $(REGIONS) $(if $(FORCE),--force) $(if $(JOBS),--jobs $(JOBS))

## Validate and write data/processed/ only (no briefings)
process: $(STAMP)
	$(CLI) process $(REGIONS)

## Run only the Great Expectations gate on the raw exports
validate: $(STAMP)
	$(CLI) validate $(REGIONS)

## Regenerate the synthetic exports and coding sheets in data/raw/
synth: $(STAMP)
	$(CLI) synth $(REGIONS)

## Run the test suite (unit, integration, bad inputs, privacy, browser, repository checks)
test: $(STAMP)
	WUD_TEST_REGIONS="$(REGIONS)" $(BIN)/python -m pytest

## Benchmark: naive loop vs cold, no-op and one-changed builds (outputs/bench.json)
bench: $(STAMP)
	$(CLI) bench $(REGIONS)

## Scale benchmark: 7 and 70 synthetic regions (outputs/bench-scale.json)
bench-scale: $(STAMP)
	$(CLI) bench-scale

## Lint and check formatting with ruff
lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

## Delete everything the build made (data/processed/, outputs/)
clean:
	find data/processed outputs -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
