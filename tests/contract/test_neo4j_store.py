"""Contract tests on the Neo4j store: the shared behaviour against a Neo4j 5 testcontainer.

Those need a Docker engine and skip, with the reason, when none is reachable. The few tests at
the bottom need no server and always run.
"""

from __future__ import annotations

import datetime as dt
import gc
import warnings
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

PASSWORD = "cmq-graph-test"
IMAGE = "neo4j:5"
# Unique keys show up too: their constraint owns a RANGE index. LOOKUP indexes are built in.
SCHEMA_KEYS = (
    "SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE type = 'RANGE' "
    "RETURN labelsOrTypes[0] AS label, properties[0] AS prop ORDER BY label, prop"
)


def docker_unavailable() -> str | None:
    """Why no Neo4j container can be started here, or None if a Docker engine answers."""
    reason = None
    # A failed docker.from_env() leaks its socket; collect it now, while its ResourceWarning
    # is ignored, rather than in some later test where warnings are errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            import docker

            client = docker.from_env()
            try:
                client.ping()
            finally:
                client.close()
        except Exception as exc:  # any failure means the same thing: no usable engine
            reason = f"no Docker engine reachable (testcontainers needs one for Neo4j): {exc}"
        gc.collect()
    return reason


@pytest.fixture(scope="module")
def neo4j_settings() -> Iterator[Settings]:
    reason = docker_unavailable()
    if reason is not None:
        pytest.skip(reason)
    # testcontainers.neo4j is a deprecated alias that warns on import (warnings are errors here).
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password=PASSWORD) as container:
        yield Settings(graph_uri=container.get_connection_url(), neo4j_password=PASSWORD)


class TestNeo4jStore(StoreBehaviour):
    @pytest.fixture
    def store(self, neo4j_settings: Settings, tmp_path: Path) -> Iterator[Neo4jStore]:
        queries = write_queries(tmp_path / "cypher", SCHEMA_KEYS)
        store = Neo4jStore(neo4j_settings, library=CypherLibrary("neo4j", root=queries))
        try:
            store.drop_all()  # the container is shared by the module's tests
            yield store
        finally:
            store.close()


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
