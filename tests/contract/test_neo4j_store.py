"""Contract tests on the Neo4j store: the shared behaviour against a real Neo4j 5.

The server is the session's (tests/neo4j_server.py: a testcontainer where Docker answers, else
tools/neo4j-local); those tests skip, with the reason, only when neither can run. The few tests
at the bottom need no server and always run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.cypher import CypherLibrary
from graph.engines.neo4j_store import Neo4jStore, schema_statements, to_plain
from graph.errors import DatabaseUnavailable
from graph.schema import SCHEMA
from graph.settings import Settings
from tests.contract.behaviour import StoreBehaviour, write_queries
from tests.neo4j_server import Neo4jPool

# Unique keys show up too: their constraint owns a RANGE index. LOOKUP indexes are built in.
SCHEMA_KEYS = (
    "SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE type = 'RANGE' "
    "RETURN labelsOrTypes[0] AS label, properties[0] AS prop ORDER BY label, prop"
)


class TestNeo4jStore(StoreBehaviour):
    pytestmark = pytest.mark.neo4j

    @pytest.fixture
    def store(self, neo4j_pool: Neo4jPool, tmp_path: Path) -> Iterator[Neo4jStore]:
        queries = write_queries(tmp_path / "cypher", SCHEMA_KEYS)
        uri = neo4j_pool.acquire()  # an emptied server of the session's Neo4j
        store = Neo4jStore(
            neo4j_pool.settings(uri, tmp_path / "unused"),
            library=CypherLibrary("neo4j", root=queries),
        )
        try:
            yield store
        finally:
            store.close()
            neo4j_pool.release(uri)


# -- no server needed -----------------------------------------------------------------------


def test_unreachable_server_raises_database_unavailable(tmp_path: Path) -> None:
    queries = write_queries(tmp_path / "cypher", SCHEMA_KEYS)
    settings = Settings(graph_uri="bolt://127.0.0.1:1", neo4j_password="x", query_timeout_ms=100)
    store = Neo4jStore(settings, library=CypherLibrary("neo4j", root=queries))
    try:
        for call in (store.ping, lambda: store.read("list_t"), store.ensure_schema):
            with pytest.raises(DatabaseUnavailable) as info:
                call()
            assert info.value.__cause__ is not None
    finally:
        store.close()


def test_driver_values_become_plain_values() -> None:
    utc = dt.UTC
    assert to_plain(
        {
            "date": Date(2024, 9, 1),
            "local": DateTime(2024, 9, 1, 10, 30, 0),
            "zoned": DateTime(2024, 9, 1, 10, 30, 0, tzinfo=utc),
            "time": Time(10, 30, 0),
            "duration": Duration(days=30, hours=1),
            "geo": WGS84Point((2.35, 48.85)),
            "xy": CartesianPoint((1.0, 2.0)),
            "nested": [(1, 2), {"d": Date(2024, 1, 2)}],
        }
    ) == {
        "date": "2024-09-01",
        "local": "2024-09-01T10:30:00",
        "zoned": "2024-09-01T10:30:00+00:00",
        "time": "10:30:00",
        "duration": "P30DT1H",
        "geo": {"latitude": 48.85, "longitude": 2.35},
        "xy": {"x": 1.0, "y": 2.0},
        "nested": [[1, 2], {"d": "2024-01-02"}],
    }


def test_schema_ddl_is_idempotent_and_covers_schema() -> None:
    statements = schema_statements()
    assert len(statements) == len(SCHEMA)
    for key, statement in zip(SCHEMA, statements, strict=True):
        assert "IF NOT EXISTS" in statement
        assert f"(n:{key.label})" in statement and f"n.{key.prop}" in statement
        assert ("IS UNIQUE" in statement) == key.unique
