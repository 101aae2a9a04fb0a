"""Contract tests on the embedded FalkorDB store (runs everywhere: the server is a wheel)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from graph.cypher import CypherLibrary
from graph.engines import falkordb_store
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import GraphError
from graph.schema import SCHEMA
from graph.settings import Settings
from graph.store import Statement
from tests.contract.behaviour import StoreBehaviour, t_values, write_queries

SCHEMA_KEYS = (
    "CALL db.indexes() YIELD label, properties "
    "UNWIND properties AS prop RETURN label, prop ORDER BY label, prop"
)


def open_store(data_dir: Path, queries: Path) -> FalkorDBStore:
    settings = Settings(graph_uri="embedded", data_dir=data_dir)
    return FalkorDBStore(settings, library=CypherLibrary("falkordb", root=queries))


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    return write_queries(tmp_path / "cypher", SCHEMA_KEYS)


class TestFalkorDBStore(StoreBehaviour):
    @pytest.fixture
    def store(self, tmp_path: Path, queries: Path) -> Iterator[FalkorDBStore]:
        """A new server on a new data dir for each test: a really fresh database."""
        store = open_store(tmp_path / "db", queries)
        try:
            yield store
        finally:
            store.close()

    def test_failed_write_atomic_leaves_no_staging_graph(self, store: FalkorDBStore) -> None:
        store.write("create_t", v=0)
        with pytest.raises(GraphError):
            store.write_atomic([Statement("create_t", {"v": 1}), Statement("create_t_then_fail")])
        assert store._redis.keys(f"{store.graph_name}__staging_*") == []

    def test_an_error_building_a_statement_ahead_is_raised_at_its_turn(
        self, store: FalkorDBStore
    ) -> None:
        """The helper builds statements ahead of the server: a builder's error is raised
        after the statements before it ran, and the graph is left as it was."""
        store.write("create_t", v=0)
        ran: list[int] = []
        real = store._run

        def spy(graph: str, name: str, params: Any, **kw: Any) -> Any:
            if name == "create_t":
                ran.append(params["v"])
            return real(graph, name, params, **kw)

        def statements() -> Iterator[Statement]:
            yield Statement("create_t", {"v": 1})
            yield Statement("create_t", {"v": 2})
            raise ValueError("a row the builder refuses")

        store._run = spy  # type: ignore[method-assign]
        with pytest.raises(ValueError, match="refuses"):
            store.write_atomic(_Once(statements()))
        assert ran == [1, 2]
        assert t_values(store) == [0]
        assert store._redis.keys(f"{store.graph_name}__staging_*") == []

    def test_a_failing_statement_stops_the_builder(self, store: FalkorDBStore) -> None:
        built: list[int] = []

        def statements() -> Iterator[Statement]:
            yield Statement("create_t_then_fail")
            for v in range(10_000):
                built.append(v)
                yield Statement("create_t", {"v": v})

        with pytest.raises(GraphError):
            store.write_atomic(_Once(statements()))
        settled = len(built)
        assert settled < 10_000, "the helper stopped building once a statement failed"
        assert len(built) == settled, "and no thread builds on after write_atomic returned"
        assert store.read("list_t") == []

    def test_the_swap_is_fsynced_at_once_then_the_server_fsyncs_every_second(
        self, store: FalkorDBStore
    ) -> None:
        modes: list[str] = []
        real = store._set_fsync

        def spy(r: Any, mode: str) -> bool:
            modes.append(mode)
            return real(r, mode)

        store._set_fsync = spy  # type: ignore[method-assign]
        store.write_atomic([Statement("create_t", {"v": 1})])
        assert modes == ["always", "everysec"]
        assert store._redis.config_get("appendfsync") == {"appendfsync": "everysec"}
        assert t_values(store) == [1]

    def test_the_copy_prepared_in_the_background_is_used_only_if_nothing_was_written(
        self, store: FalkorDBStore
    ) -> None:
        store.write("create_t", v=0)
        used: list[str | None] = []
        real = store._prepared_copy

        def spy(r: Any) -> str | None:
            used.append(real(r))
            return used[-1]

        store._prepared_copy = spy  # type: ignore[method-assign]
        with store.preparing_write():
            store._local.prepared.version.result()  # the copy is taken
            store.write_atomic([Statement("create_t", {"v": 1})])
        with store.preparing_write():
            store._local.prepared.version.result()
            store.write("create_t", v=2)  # the copy no longer is the live graph
            store.write_atomic([Statement("create_t", {"v": 3})])
        assert used[0] is not None and used[1] is None
        assert t_values(store) == [0, 1, 2, 3]
        assert store._redis.keys(f"{store.graph_name}__staging_*") == []
        with pytest.raises(RuntimeError), store.preparing_write():
            store._local.prepared.version.result()
            raise RuntimeError("nothing written")
        assert store._redis.keys(f"{store.graph_name}__staging_*") == []
        assert t_values(store) == [0, 1, 2, 3]

    def test_no_write_can_run_while_the_graph_is_copied_in_the_background(
        self, store: FalkorDBStore
    ) -> None:
        """A write query on a graph while FalkorDB copies it deadlocks the server (FalkorDB
        4.16, see preparing_write): every GRAPH.COPY runs with the write lock held."""
        store.write("create_t", v=0)
        conn = store._wredis
        real = conn.execute_command
        lock_holders: list[Any] = []

        def spy(*args: Any, **options: Any) -> Any:
            if args and args[0] == "GRAPH.COPY":
                lock_holders.append(store._redis.get("cmq:write-lock"))
            return real(*args, **options)

        conn.execute_command = spy  # type: ignore[method-assign]
        try:
            with store.preparing_write():
                store.write("create_t", v=1)
                store.write_atomic([Statement("create_t", {"v": 2})])
        finally:
            conn.execute_command = real  # type: ignore[method-assign]
        assert lock_holders, "a copy was taken"
        assert all(holder is not None for holder in lock_holders), lock_holders
        assert t_values(store) == [0, 1, 2]

    def test_ensure_schema_returns_once_the_indexes_are_built(self, store: FalkorDBStore) -> None:
        """FalkorDB builds a new index on its indexer thread, which takes Redis's module lock,
        then the graph's write lock; GRAPH.COPY (4.16) takes the graph's read lock, then the
        module lock: a copy while an index is being built can deadlock the whole server (a seed
        load's first copy, just after ensure_schema, waited forever). Every copy runs under the
        write lock, so ensure_schema returns only once nothing is left to build."""
        store._wredis.execute_command(
            "GRAPH.QUERY",
            store.graph_name,
            "UNWIND range(1, 20000) AS i CREATE (:GraphLog {key: toString(i)})",
        )
        store.ensure_schema()
        states = [
            row[0]
            for query in ("CALL db.indexes() YIELD status", "CALL db.constraints() YIELD status")
            for row in store._redis.execute_command("GRAPH.RO_QUERY", store.graph_name, query)[1]
        ]
        labels, unique = {k.label for k in SCHEMA}, [k for k in SCHEMA if k.unique]
        assert len(states) == len(labels) + len(unique), states  # an index row per label
        assert set(states) == {"OPERATIONAL"}, states

    def test_the_append_only_file_is_rewritten_under_the_write_lock_only(
        self, store: FalkorDBStore, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """FalkorDB 4.16.3's GRAPH.COPY hangs the whole server when it cannot fork because an
        AOF rewrite runs: the embedded server starts no rewrite of its own; a swap rewrites a
        grown file and returns once the rewrite has ended, with the write lock still held."""
        r = store._wredis
        assert r.config_get("auto-aof-rewrite-percentage") == {"auto-aof-rewrite-percentage": "0"}
        monkeypatch.setattr(falkordb_store, "_AOF_REWRITE_MIN_BYTES", 1)
        store.write("create_t", v=0)
        before = int(r.info("persistence")["aof_rewrites"])
        store.write_atomic([Statement("create_t", {"v": 1})])
        info = r.info("persistence")
        assert int(info["aof_rewrites"]) == before + 1, info
        assert not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"], info
        store.write_atomic([Statement("create_t", {"v": 2})])  # its copy forks again
        assert t_values(store) == [0, 1, 2]


def test_write_atomic_survives_kill_9(tmp_path: Path, queries: Path) -> None:
    """Acknowledged atomic writes are in the append-only file before the server dies."""
    store = open_store(tmp_path / "db", queries)
    try:
        assert store.read("list_t") == []  # a brand-new database
        store.write("create_t", v=0)
        store.write_atomic([Statement("create_t", {"v": v}) for v in (1, 2)])
        assert store.server is not None and store.server.owned
        store.server.kill()
    finally:
        store.close()

    reopened = open_store(tmp_path / "db", queries)
    try:
        assert t_values(reopened) == [0, 1, 2]
        # The renamed graph replayed from the AOF is a normal, writable graph.
        reopened.write_atomic([Statement("create_t", {"v": 3})])
        reopened.write("create_t", v=4)
        assert t_values(reopened) == [0, 1, 2, 3, 4]
    finally:
        reopened.close()


class _Once(Sequence[Statement]):
    """Statements read once, as a builder gives them (graph/ingest/opendata/lazy.py)."""

    def __init__(self, items: Iterator[Statement]) -> None:
        self._items = items

    def __len__(self) -> int:
        return 0

    def __getitem__(self, i: Any) -> Any:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Statement]:
        return self._items


def test_a_delete_after_writes_that_grew_the_graph_leaves_no_ghost(
    tmp_path: Path, queries: Path
) -> None:
    """FalkorDB 4.16 (its issue 2103): a DELETE while a label's matrix has pending changes left
    the deleted node in the label's index, and every later read of the label failed with
    « Attempted to access undefined attribute » (a national import over a smaller one did)."""
    extra = {
        "create_two_diplomas": "CREATE (:Diploma {code: 'keep'}), (:Diploma {code: 'gone'})",
        "grow": "UNWIND range(1, $n) AS x CREATE (:Site {k: x})",
        "delete_by_scan": "MATCH (n) WHERE n.code = $code DETACH DELETE n RETURN count(*) AS d",
        "diploma_codes": "MATCH (d:Diploma) RETURN d.code AS code ORDER BY code",
    }
    for name, text in extra.items():
        (queries / f"{name}.cypher").write_text(text + "\n", encoding="utf-8")
    store = open_store(tmp_path / "db", queries)
    try:
        store.write("create_two_diplomas")
        store.write_atomic(
            [
                Statement("grow", {"n": 20_000}),
                Statement("delete_by_scan", {"code": "gone"}),
            ]
        )
        assert [r["code"] for r in store.read("diploma_codes")] == ["keep"]
        store.write("grow", n=20_000)
        store.write("create_two_diplomas")
        store.write("delete_by_scan", code="gone")
        assert [r["code"] for r in store.read("diploma_codes")] == ["keep", "keep"]
    finally:
        store.close()
