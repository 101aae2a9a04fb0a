"""Behaviour every GraphStore must show, whatever the engine.

Each engine's test module subclasses :class:`StoreBehaviour` and provides a ``store`` fixture:
an empty graph whose library was built by :func:`write_queries`. The queries live in a temporary
folder so the tests never depend on, or touch, the project's ``cypher/`` folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.errors import DatabaseUnavailable, GraphError
from graph.schema import SCHEMA
from graph.store import GraphStore, Statement

QUERIES = {
    "create_t": "CREATE (:T {v: $v})",
    # Creates a node for x = 1, then fails at run time on x = 0: a half-applied statement.
    "create_t_then_fail": "UNWIND [1, 0] AS x CREATE (:T {v: 1 / x})",
    "list_t": "MATCH (t:T) RETURN t.v AS v ORDER BY v",
    "create_campus": "CREATE (:Campus {id: $id})",
    "list_campus": "MATCH (c:Campus) RETURN c.id AS id ORDER BY id",
    "create_shapes": (
        "CREATE (a:U:S {k: 'a', d: date('2024-09-01'), tags: ['x', 'y']})"
        "-[:R {w: 1.5}]->(b:S {k: 'b', n: 3})"
    ),
    "read_shapes": (
        "MATCH p = (a:S {k: 'a'})-[r:R]->(b:S) "
        "RETURN a, r, p, a.d AS d, [a.k, b.n] AS scalars, {node: b} AS nested, "
        "point({latitude: 48.85, longitude: 2.35}) AS pt, null AS nothing, true AS flag"
    ),
}

PLAIN_TYPES = (str, int, float, bool, type(None), list, dict)


def write_queries(root: Path, schema_keys: str) -> Path:
    """Write the test queries into ``root``; ``schema_keys`` is the engine's own index listing
    (schema introspection has no portable form), returning rows ``{label, prop}``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in {**QUERIES, "schema_keys": schema_keys}.items():
        (root / f"{name}.cypher").write_text(text + "\n", encoding="utf-8")
    return root


def assert_plain(value: Any, path: str = "$") -> None:
    """Exact types, not isinstance: an OrderedDict or a driver type must not leak out."""
    assert type(value) in PLAIN_TYPES, f"{path} is a {type(value).__name__}"
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, f"{path} has a key of type {type(key).__name__}"
            assert_plain(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            assert_plain(item, f"{path}[{i}]")


def t_values(store: GraphStore) -> list[int]:
    return [row["v"] for row in store.read("list_t")]


class StoreBehaviour:
    """The shared contract. Not collected by itself (this module's name is not ``test_*``)."""

    def test_ping(self, store: GraphStore) -> None:
        store.ping()

    def test_read_on_empty_database_returns_no_rows(self, store: GraphStore) -> None:
        assert store.read("list_t") == []

    def test_write_then_read(self, store: GraphStore) -> None:
        assert store.write("create_t", v=7) == []
        assert store.read("list_t") == [{"v": 7}]

    def test_write_atomic_commits_every_statement(self, store: GraphStore) -> None:
        store.write_atomic([Statement("create_t", {"v": v}) for v in (1, 2, 3)])
        assert t_values(store) == [1, 2, 3]

    def test_write_atomic_failure_leaves_graph_unchanged(self, store: GraphStore) -> None:
        store.write("create_t", v=0)
        with pytest.raises(GraphError) as info:
            store.write_atomic([Statement("create_t", {"v": 1}), Statement("create_t_then_fail")])
        assert not isinstance(info.value, DatabaseUnavailable), "a query error, not an outage"
        assert info.value.__cause__ is not None, "the driver error is kept as __cause__"
        assert t_values(store) == [0]

    def test_write_atomic_failure_on_empty_database_writes_nothing(self, store: GraphStore) -> None:
        with pytest.raises(GraphError):
            store.write_atomic([Statement("create_t", {"v": 1}), Statement("create_t_then_fail")])
        assert store.read("list_t") == []

    def test_a_write_while_preparing_an_atomic_write_is_kept(self, store: GraphStore) -> None:
        store.write("create_t", v=0)
        with store.preparing_write():
            store.write("create_t", v=1)  # after (or before) FalkorDB's copy: never lost
            store.write_atomic([Statement("create_t", {"v": 2})])
        assert t_values(store) == [0, 1, 2]

    def test_a_failure_while_preparing_an_atomic_write_changes_nothing(
        self, store: GraphStore
    ) -> None:
        store.write("create_t", v=0)
        with pytest.raises(RuntimeError), store.preparing_write():
            raise RuntimeError("the import's files are bad")
        with store.preparing_write(), pytest.raises(GraphError):
            store.write_atomic([Statement("create_t", {"v": 1}), Statement("create_t_then_fail")])
        assert t_values(store) == [0]

    def test_results_are_normalised_to_plain_values(self, store: GraphStore) -> None:
        store.write("create_shapes")
        rows = store.read("read_shapes")
        assert len(rows) == 1
        row = rows[0]
        assert_plain(row)
        a = {"_labels": ["S", "U"], "k": "a", "d": "2024-09-01", "tags": ["x", "y"]}
        b = {"_labels": ["S"], "k": "b", "n": 3}
        r = {"_type": "R", "w": 1.5}
        assert row["a"] == a
        assert row["r"] == r
        assert row["p"] == {"nodes": [a, b], "relationships": [r]}
        assert row["d"] == "2024-09-01"
        assert row["scalars"] == ["a", 3]
        assert row["nested"] == {"node": b}
        # FalkorDB stores points as float32: about 1 m of error, hence the tolerance.
        assert row["pt"] == {
            "latitude": pytest.approx(48.85, abs=1e-5),
            "longitude": pytest.approx(2.35, abs=1e-5),
        }
        assert row["nothing"] is None
        assert row["flag"] is True

    def test_ensure_schema_is_idempotent(self, store: GraphStore) -> None:
        store.ensure_schema()
        store.ensure_schema()
        keys = {(row["label"], row["prop"]) for row in store.read("schema_keys")}
        assert keys == {(key.label, key.prop) for key in SCHEMA}
        store.write("create_campus", id="c1")  # the graph is still writable
        assert store.read("list_campus") == [{"id": "c1"}]

    def test_unique_key_violation_raises_graph_error(self, store: GraphStore) -> None:
        store.ensure_schema()
        store.write("create_campus", id="c1")
        with pytest.raises(GraphError) as info:
            store.write("create_campus", id="c1")
        assert not isinstance(info.value, DatabaseUnavailable)
        assert store.read("list_campus") == [{"id": "c1"}]
