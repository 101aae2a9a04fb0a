"""The database down, hung or slow: 503 with a clear JSON error in bounded time, /health says so,
and the app recovers by itself when the database is back. Real servers, real signals."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.cypher import CYPHER_DIR, CypherLibrary
from graph.engines import falkordb_store
from graph.engines.falkordb_server import EmbeddedFalkorDB
from graph.engines.falkordb_store import FalkorDBStore
from graph.engines.neo4j_store import Neo4jStore
from graph.errors import DatabaseUnavailable
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from tests.conftest import MINI_SEEDS, make_settings
from tests.faults import DOWN_BOUND_S, check_down_at_start_then_up, timed

SLOW_READ = (
    "// Test-only: a read that takes about a second.\n"
    "UNWIND range(1, 3000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n\n"
)


@pytest.fixture
def external(tmp_path: Path) -> Iterator[EmbeddedFalkorDB]:
    """A FalkorDB server the store does not own (started here, as an external one would be)."""
    server = EmbeddedFalkorDB(tmp_path / "external")
    server.start()
    yield server
    if server.pid is not None:
        os.kill(server.pid, signal.SIGCONT)
    server.stop()


def _external_settings(server: EmbeddedFalkorDB, **overrides: object) -> Settings:
    return Settings(graph_uri=f"unix://{server.socket}", **overrides)


def test_external_database_killed_answers_503_fast_then_recovers(
    external: EmbeddedFalkorDB, tmp_path: Path
) -> None:
    store = FalkorDBStore(_external_settings(external))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    try:
        with TestClient(app) as client:
            status, body, _ = timed(client, "/campuses")
            assert status == 200
            before = body
            _, health, _ = timed(client, "/health")
            nodes = health["nodes"]

            external.kill()  # SIGKILL: the socket stays, nobody answers it
            for path in ("/campuses", "/actors?campus=mini", "/diplomas/40025005", "/health"):
                t0 = time.monotonic()
                response = client.get(path)
                took = time.monotonic() - t0
                assert response.status_code == 503, (path, response.text)
                assert took < DOWN_BOUND_S, f"{path} took {took:.2f} s"
                assert response.headers["retry-after"] == "5"
                body = response.json()
            assert body["status"] == "unavailable" and body["database"] == "down"
            assert body["engine"] == "falkordb" and "unreachable" in body["detail"]
            _, body, _ = timed(client, "/campuses")
            assert body["code"] == "database_unavailable" and body["reason"]
            assert body["detail"].startswith("La base de données ne répond pas")

            external.start()  # back, same data dir: the append-only file is replayed
            status, health, _ = timed(client, "/health")
            assert status == 200 and health["status"] == "ok" and health["nodes"] == nodes
            status, body, _ = timed(client, "/campuses")
            assert status == 200 and body == before
    finally:
        store.close()


def test_external_database_hung_answers_503_after_the_timeout(
    external: EmbeddedFalkorDB, tmp_path: Path
) -> None:
    """SIGSTOP: the server accepts nothing and answers nothing; the socket timeout (query timeout
    + 1 s) bounds the wait."""
    store = FalkorDBStore(_external_settings(external, query_timeout_ms=500))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    assert external.pid is not None
    try:
        with TestClient(app) as client:
            assert client.get("/campuses").status_code == 200
            os.kill(external.pid, signal.SIGSTOP)
            status, body, took = timed(client, "/campuses")
            assert status == 503
            assert body["code"] == "database_timeout"
            assert body["detail"].startswith("La base de données n'a pas répondu à temps")
            assert 0.5 < took < 3.0
            status, body, took = timed(client, "/health")
            assert status == 503 and body["database"] == "down" and took < 3.0
            os.kill(external.pid, signal.SIGCONT)
            assert client.get("/health").status_code == 200
            assert client.get("/campuses").status_code == 200
    finally:
        store.close()


def test_external_database_down_at_start_then_up(
    external: EmbeddedFalkorDB, tmp_path: Path
) -> None:
    """The app starts while the database is down, answers 503, and serves once it is up."""
    settings = _external_settings(external)
    external.stop()
    check_down_at_start_then_up(lambda: FalkorDBStore(settings), external.start, tmp_path)


def test_embedded_database_killed_is_restarted_by_the_next_call(tmp_path: Path) -> None:
    """The server this process started dies (kill -9): the next request restarts it on the same
    data dir and answers from the same data; no restart of the app."""
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    try:
        with TestClient(app) as client:
            before = client.get("/campuses/mini").json()
            nodes = client.get("/health").json()["nodes"]
            for _ in range(2):  # and again: each death is noticed
                assert store.server is not None and store.server.pid is not None
                old_pid = store.server.pid
                os.kill(old_pid, signal.SIGKILL)
                status, body, took = timed(client, "/campuses/mini")
                assert status == 200 and body == before
                assert took < DOWN_BOUND_S
                assert store.server.pid not in (None, old_pid)
                status, health, _ = timed(client, "/health")
                assert status == 200 and health["nodes"] == nodes

        # a write is not retried (it may have landed before the crash): it reports the restart
        assert store.server is not None and store.server.pid is not None
        os.kill(store.server.pid, signal.SIGKILL)
        with pytest.raises(DatabaseUnavailable, match="restarted, retry"):
            store.write_atomic([])
        store.write_atomic([])  # the retry works
        assert {r["label"]: r["count"] for r in store.read("health_counts")} == nodes
    finally:
        store.close()


def test_embedded_database_hung_is_killed_and_restarted_by_the_next_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The embedded server stops answering anything (SIGSTOP here; FalkorDB 4.16.3's deadlocks
    around GRAPH.COPY in real life, docs/testing.md): after the read's socket timeout and a
    PING left unanswered, the store kills it, starts it again on the same data and answers."""
    monkeypatch.setattr(falkordb_store, "_HUNG_PROBE_S", 1.0)
    store = FalkorDBStore(make_settings(tmp_path / "db", query_timeout_ms=500))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        before = store.read("health_counts")
        assert store.server is not None and store.server.pid is not None
        old_pid = store.server.pid
        os.kill(old_pid, signal.SIGSTOP)
        last_line = store.server.log_tail(1)
        assert last_line
        with caplog.at_level("WARNING", logger="cmq.graph"):
            assert store.read("health_counts") == before
        assert store.server.pid not in (None, old_pid)
        assert "answers nothing, not even a PING" in caplog.text
        assert last_line in caplog.text  # the end of its log, to say why
        with pytest.raises(ProcessLookupError):
            os.kill(old_pid, 0)
    finally:
        store.close()


def test_slow_query_times_out_with_503(tmp_path: Path) -> None:
    """A read longer than CMQ_QUERY_TIMEOUT_MS is stopped by FalkorDB: 503 saying so."""
    root = tmp_path / "cypher"
    shutil.copytree(CYPHER_DIR, root)
    (root / "campuses_list.cypher").write_text(SLOW_READ, encoding="utf-8")
    data_dir = tmp_path / "db"
    patient = FalkorDBStore(
        make_settings(data_dir, query_timeout_ms=60_000), library=CypherLibrary("falkordb", root)
    )
    store = FalkorDBStore(
        make_settings(data_dir, query_timeout_ms=100), library=CypherLibrary("falkordb", root)
    )
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        # the query is valid and does finish, given time
        t0 = time.monotonic()
        assert patient.read("campuses_list") == [{"n": 428572}]
        assert time.monotonic() - t0 > 0.1
        app = create_app(make_settings(tmp_path / "unused"), store=store)
        with TestClient(app) as client:
            status, body, took = timed(client, "/campuses")
            assert status == 503
            assert "timed out" in body["reason"] and "100 ms" in body["reason"]
            assert body["code"] == "database_timeout"
            assert body["detail"].startswith("La base de données n'a pas répondu à temps")
            assert took < 2.0
            assert client.get("/health").status_code == 200  # the database itself is fine
    finally:
        store.close()
        patient.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_down_answers_503_fast(tmp_path: Path) -> None:
    """Same behaviour on Neo4j (no server needed: nothing listens on the port)."""
    store = Neo4jStore(Settings(graph_uri=f"bolt://127.0.0.1:{_closed_port()}"))
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    try:
        with TestClient(app) as client:
            for path in ("/health", "/campuses"):
                status, body, took = timed(client, path)
                assert status == 503, body
                assert took < DOWN_BOUND_S, f"{path} took {took:.2f} s"
            assert body["code"] == "database_unavailable"
            assert body["reason"].startswith("Neo4j unreachable")
            status, body, _ = timed(client, "/health")
            assert body["engine"] == "neo4j" and body["database"] == "down"
    finally:
        store.close()
