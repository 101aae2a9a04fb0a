# cmq-graph — two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_STAMP := tools/cypher-lint/node_modules/.installed
# Web interface (frontend/): rebuilt only when its sources or lockfile change.
WEB_DEPS := frontend/node_modules/.installed
WEB_STAMP := frontend/dist/.built
WEB_SRC := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
  frontend/vite.config.ts frontend/tsconfig.json frontend/package.json
E2E_DEPS := tests/e2e/node_modules/.installed

.PHONY: run test install lint-deps seed serve lint check-python clean bench frontend e2e-deps

run: install frontend seed serve  ## install, load the seed data into the embedded database, serve API + web

test: install lint-deps e2e-deps  ## lint and run every test (real embedded database, Cypher lint)
	$(BIN)/ruff check api graph tests bench
	$(BIN)/ruff format --check api graph tests bench
	$(BIN)/pytest

check-python:
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]' \
	  || { echo "Set PY=/path/to/python3.11"; exit 1; }

$(STAMP): pyproject.toml | check-python
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)

$(LINT_STAMP): tools/cypher-lint/package-lock.json
	cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint-deps: $(LINT_STAMP)

$(WEB_DEPS): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_STAMP): $(WEB_DEPS) $(WEB_SRC)
	cd frontend && npm run build --silent
	touch $@

frontend: $(WEB_STAMP)  ## build the web interface into frontend/dist (served at /app/)

$(E2E_DEPS): tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests: playwright-core (lockfile) driving Debian's Chromium, never a downloaded browser.
e2e-deps: frontend $(E2E_DEPS)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || echo "e2e-deps: could not install chromium; the browser tests will be skipped"; \
	  else \
	    echo "e2e-deps: /usr/bin/chromium is missing (as root: apt-get install chromium); the browser tests will be skipped"; \
	  fi; \
	fi

seed: install
	$(BIN)/cmq load seeds/

serve: install  ## demo mode: the token "demo" may edit (set CMQ_API_TOKENS in production)
	CMQ_DEMO=$${CMQ_DEMO:-1} CMQ_RATE_LIMIT_PER_MINUTE=$${CMQ_RATE_LIMIT_PER_MINUTE:-120} $(BIN)/cmq serve

lint: install lint-deps
	$(BIN)/ruff check api graph tests bench
	$(BIN)/ruff format --check api graph tests bench
	node tools/cypher-lint/lint.mjs cypher/

bench: install  ## benchmarks (JSON on stdout); each takes minutes
	$(BIN)/python bench/pathways.py

clean:
	rm -rf $(VENV) .cmq-data tools/cypher-lint/node_modules frontend/node_modules frontend/dist \
	  tests/e2e/node_modules
