# STX developer entry points. Works on a fresh Debian machine that has only python3, git and
# make: what is missing (python3-venv, Java, Maven) is installed with apt, the Kafka broker is
# resolved from Maven Central into .cache/ (see deploy/local/stack/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
UP_ARGS ?=
CHAOS_ARGS ?=
PYTEST_ARGS ?=
SCALE_ARGS ?=
# Two pytest-xdist workers, each test to the next free one except the end-to-end suite, which
# runs whole on one (tests/scheduling.py). TEST_WORKERS=0 runs in-process.
TEST_WORKERS ?= 2

.PHONY: help install run down test lint fmt bench bench-scale contract constraints clean distclean deploy-tools browser-tools check-deploy contract-tools chaos

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## venv + dependencies (+ Java/Maven via apt) + the Kafka jars; fast when done
	$(PY) -m deploy.local.stack deps

# The venv itself; Debian's python3 lacks ensurepip until python3-venv is installed.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "STX needs Python >= 3.11; try: make PYTHON=python3.12" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "python3 -m venv failed: installing python3-venv with apt"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv; \
		$(PYTHON) -m venv $(VENV); }

# Re-installed only when the dependency declarations change.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install -c constraints.txt -e '.[dev]'
	touch $@

run: install ## the local stack in the foreground: Kafka, SecantusDB, the services (UP_ARGS=--detach)
	$(PY) -m deploy.local.stack up $(UP_ARGS)

down: ## stop a running local stack
	@if [ -x $(PY) ]; then $(PY) -m deploy.local.stack down; fi

test: install deploy-tools browser-tools contract-tools ## the whole test suite (PYTEST_ARGS="-m 'not integration and not e2e'" for unit only)
	$(PY) -m pytest -n $(TEST_WORKERS) --durations=25 $(PYTEST_ARGS)

lint: install ## ruff, ruff format --check, mypy, import-linter (all run; fails if any fails)
	@status=0; \
	for tool in "ruff check ." "ruff format --check ." "mypy" "lint-imports"; do \
		echo "+ $$tool"; $(VENV)/bin/$$tool || status=1; \
	done; \
	exit $$status

fmt: $(STAMP) ## format and auto-fix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

deploy-tools: ## kubectl for the offline manifest checks (Debian's kubernetes-client) unless one is on PATH
	@command -v kubectl >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y kubernetes-client; }
	@# No pipe into head here: under pipefail a reader that closes early kills kubectl with SIGPIPE (Error 141).
	@kubectl version --client

browser-tools: ## Debian's chromium and chromedriver for the portal's browser tests, unless on PATH
	@{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver; }

check-deploy: install deploy-tools ## manifests match the registry, overlays build + validate, image deps, docs
	$(PY) -m deploy.k8s.generate --check
	$(PY) -m deploy.k8s.validate
	$(PY) -m pytest tests/deploy -q

contract-tools: tests/contract/asyncapi/node_modules/.installed ## the official AsyncAPI parser (npm)

tests/contract/asyncapi/node_modules/.installed: tests/contract/asyncapi/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y nodejs npm; }
	npm ci --prefix tests/contract/asyncapi --no-audit --no-fund --ignore-scripts
	touch $@

chaos: install ## fault injection: kill -9 each service, stop Kafka and SecantusDB 20 s mid-workload; fails on any lost/duplicated effect (CHAOS_ARGS="--pairs-per-fault 5")
	$(PY) -m tests.chaos $(CHAOS_ARGS)

contract: install ## regenerate docs/schemas and docs/asyncapi from the event models
	$(PY) -m shared.contract generate

bench: install ## run every tests/bench/bench_*.py
	$(PY) -m tests.bench

bench-scale: install ## the four services loaded with 10k and 100k listings, measured (SCALE_ARGS="--sizes 10000"); long
	$(PY) -m tests.bench.scale $(SCALE_ARGS)

constraints: $(STAMP) ## re-pin constraints.txt from the current venv
	{ sed -n '/^#/p' constraints.txt; $(VENV)/bin/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean: down ## stop the stack, delete local data (.data/) and tool caches
	rm -rf .data .pytest_cache .ruff_cache .mypy_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## also delete the venv and the Kafka jar cache
	rm -rf $(VENV) .cache
