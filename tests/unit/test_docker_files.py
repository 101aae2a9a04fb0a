"""The Docker set-up, checked without a Docker engine: the compose file parses and wires Neo4j and
the API as documented, and the image builds with the same commands as `make run`."""

from __future__ import annotations

import re

import yaml  # type: ignore[import-untyped]

from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
MAKEFILE = ROOT / "Makefile"


def _compose() -> dict:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_compose_brings_up_neo4j_then_the_api_with_healthchecks() -> None:
    data = _compose()
    assert set(data) <= {"name", "services", "volumes", "networks", "secrets", "configs"}
    services = data["services"]
    assert set(services) == {"neo4j", "api"}
    neo4j, api = services["neo4j"], services["api"]
    # The image is the Neo4j line the tests run on (tools/neo4j-local's pom.xml).
    pom = (ROOT / "tools" / "neo4j-local" / "pom.xml").read_text(encoding="utf-8")
    line = re.search(r"<neo4j.version>(\d+\.\d+)\.\d+</neo4j.version>", pom)
    assert line is not None and neo4j["image"] == f"neo4j:{line.group(1)}-community"
    for service in (neo4j, api):
        check = service["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL") and len(check["test"]) >= 2
        assert {"interval", "timeout", "retries"} <= set(check)
        assert service["restart"] == "unless-stopped"
        for port in service["ports"]:  # published on the loopback only
            assert str(port).startswith("127.0.0.1:"), port
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    env = api["environment"]
    assert env["CMQ_GRAPH_URI"] == "bolt://neo4j:7687"
    assert env["CMQ_SEED"].startswith("${CMQ_SEED:-if-empty}")
    # The password the API uses is the one Neo4j is given.
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/" + env["CMQ_NEO4J_PASSWORD"]
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in data["volumes"]  # a named volume: the data outlives the container


def _stages(text: str) -> list[list[str]]:
    """Instructions per stage (continuation lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    stages: list[list[str]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def test_image_is_multi_stage_non_root_with_a_healthcheck() -> None:
    stages = _stages(DOCKERFILE.read_text(encoding="utf-8"))
    web, runtime = stages[0], stages[-1]
    assert len(stages) >= 2 and all(st[0].startswith("FROM node:") for st in stages[:-1])
    assert web[0].endswith(" AS web")
    assert runtime[0].startswith("FROM python:3.11-slim")
    users = [i.split()[1] for i in runtime if i.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any(i.startswith("HEALTHCHECK ") and "/health" in i for i in runtime)
    assert any(i.startswith("COPY --from=web ") and "frontend/dist" in i for i in runtime)
    cmd = next(i for i in runtime if i.startswith("CMD "))
    assert "docker/start.sh" in cmd


def test_image_builds_with_the_commands_of_make_run() -> None:
    stages = _stages(DOCKERFILE.read_text(encoding="utf-8"))
    make = MAKEFILE.read_text(encoding="utf-8")
    runs = [i.removeprefix("RUN ") for st in stages for i in st if i.startswith("RUN ")]
    assert "npm ci --no-audit --no-fund --loglevel=error" in runs
    assert "npm run build --silent" in runs
    for command in ("npm ci --no-audit --no-fund --loglevel=error", "npm run build --silent"):
        assert f"cd frontend && {command}" in make
    # The same locked dependencies, then the package itself (make adds the test tools).
    assert any(r.startswith("pip install --require-hashes -r requirements.lock") for r in runs)
    assert "pip install --quiet --require-hashes -r requirements.lock" in make
    assert any("pip install --no-deps -e ." in r for r in runs)


def test_start_script_seeds_only_on_request_or_into_an_empty_graph() -> None:
    script = (ROOT / "docker" / "start.sh").read_text(encoding="utf-8")
    assert '"${CMQ_SEED:-if-empty}"' in script
    assert "cmq load seeds/ --if-empty" in script
    assert "exec cmq serve" in script  # the server gets the container's signals


def test_build_context_leaves_out_local_state() -> None:
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".venv", ".cmq-data", "**/node_modules", "frontend/dist", "tests"} <= ignored
    assert "docker" not in ignored and "seeds" not in ignored and "cypher" not in ignored
