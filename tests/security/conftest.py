"""A store loaded with seeds/ on each engine, for the hostile-input tests.

FalkorDB: the session's ``seed_store`` (embedded, always there). Neo4j: one testcontainer for
this package, skipped with the reason when no Docker engine answers (as in tests/contract).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from graph.store import GraphStore
from tests.conftest import SEEDS
from tests.contract.test_neo4j_store import IMAGE, PASSWORD, docker_unavailable
from tests.security.hostile import probe

ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(scope="session")
def neo4j_seed_store() -> Iterator[GraphStore]:
    reason = docker_unavailable()
    if reason is not None:
        pytest.skip(reason)
    from testcontainers.community.neo4j import Neo4jContainer

    from graph.engines.neo4j_store import Neo4jStore

    with Neo4jContainer(IMAGE, password=PASSWORD) as container:
        store = Neo4jStore(
            Settings(graph_uri=container.get_connection_url(), neo4j_password=PASSWORD)
        )
        try:
            load_seeds(store, load_seed_dir(SEEDS))
            yield store
        finally:
            store.close()


@pytest.fixture(params=ENGINES)
def engine_store(request: pytest.FixtureRequest) -> GraphStore:
    """The seed graph on FalkorDB, then on Neo4j. Tests must not modify it."""
    name = "seed_store" if request.param == "falkordb" else "neo4j_seed_store"
    return request.getfixturevalue(name)


@pytest.fixture
def engine_probe(engine_store: GraphStore, tmp_path: Path) -> Iterator[GraphStore]:
    with probe(engine_store, tmp_path / "probe") as p:
        yield p
