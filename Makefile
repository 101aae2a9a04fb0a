# cmq-graph — two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_STAMP := tools/cypher-lint/node_modules/.installed

.PHONY: run test install lint-deps seed serve lint check-python clean bench

run: install seed serve  ## install, load the seed data into the embedded database, serve API + web

test: install lint-deps  ## lint and run every test (real embedded database, Cypher lint)
	$(BIN)/ruff check api graph tests bench
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

seed: install
	$(BIN)/cmq load seeds/

serve: install  ## demo mode: the token "demo" may edit (set CMQ_API_TOKENS in production)
	CMQ_DEMO=$${CMQ_DEMO:-1} $(BIN)/cmq serve

lint: install lint-deps
	$(BIN)/ruff check api graph tests bench
	node tools/cypher-lint/lint.mjs cypher/

bench: install
	$(BIN)/python bench/load_seeds.py

clean:
	rm -rf $(VENV) .cmq-data tools/cypher-lint/node_modules
