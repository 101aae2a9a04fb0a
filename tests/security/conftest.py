"""A store loaded with seeds/ on each engine, for the hostile-input tests.

The session's ``seed_store``, which the root conftest parametrises by engine (FalkorDB, then
Neo4j, marked ``neo4j``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from tests.security.hostile import probe


@pytest.fixture
def engine_store(seed_store: GraphStore) -> GraphStore:
    """The seed graph on the test's engine. Tests must not modify it."""
    return seed_store


@pytest.fixture
def engine_probe(engine_store: GraphStore, tmp_path: Path) -> Iterator[GraphStore]:
    with probe(engine_store, tmp_path / "probe") as p:
        yield p
