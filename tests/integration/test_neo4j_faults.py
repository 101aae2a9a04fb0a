"""Neo4j down, hung, or killed in the middle of an all-or-nothing write: the counterparts of
test_db_faults.py and test_crash.py on a real Neo4j 5.

Each test has its own server (tools/neo4j-local, its own JVM), since it kills it; they skip,
saying why, where Java or Maven is missing. Real processes, real signals.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.neo4j_local import LocalNeo4j, missing_tools
from graph.engines.neo4j_store import Neo4jStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from tests.conftest import MINI_SEEDS, ROOT, make_settings
from tests.faults import DOWN_BOUND_S, check_down_at_start_then_up, timed
from tests.neo4j_server import TEST_JVM_OPTIONS
from tests.raw_query import raw_rows

pytestmark = pytest.mark.neo4j

SCALE = 0.02  # ~800 nodes, ~3 000 relationships: a few seconds of writing on Neo4j
SEED = 11

WRITER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import neo4j
from bench.synthetic import generate
from graph.engines.neo4j_store import Neo4jStore
from graph.ingest.seed_loader import load_seeds
from graph.settings import Settings

uri, scale, seed, pause = sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def emit(event, **kw):
    print(json.dumps({"event": event, **kw}), flush=True)

def hold(moment):
    emit(moment)
    if pause == moment:
        time.sleep(60)  # the test kills us here

seeds = generate(scale, seed)
store = Neo4jStore(Settings(graph_uri=uri, query_timeout_ms=120_000))
commit = neo4j.Transaction.commit
def traced_commit(self):  # every statement has run in the open transaction
    hold("before_commit")
    out = commit(self)
    hold("after_commit")
    return out
neo4j.Transaction.commit = traced_commit
emit("writing")
load_seeds(store, seeds)
emit("done")
store.close()
"""


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    reason = missing_tools()
    if reason is not None:
        pytest.skip(f"these tests kill a local Neo4j (tools/neo4j-local): {reason}")
    s = LocalNeo4j(
        tmp_path_factory.mktemp("neo4j-faults"),
        heap="512m",
        pagecache="64m",
        jvm_options=TEST_JVM_OPTIONS,  # each restart is a JVM start: C1 only, as the pool's
    )
    s.start()
    yield s
    if s.pid is not None:
        with suppress(ProcessLookupError):
            os.kill(s.pid, signal.SIGCONT)
    s.stop()


@pytest.fixture
def server(module_server: LocalNeo4j) -> LocalNeo4j:
    """The module's server (one JVM start, 5-40 s, for the module), running and empty."""
    if module_server.pid is None:  # a test killed it
        module_server.restart()
    store = _store(module_server)
    try:
        store.drop_all()
    finally:
        store.close()
    return module_server


def _store(server: LocalNeo4j, **overrides: object) -> Neo4jStore:
    assert server.uri is not None
    return Neo4jStore(Settings(graph_uri=server.uri, **overrides))


def test_neo4j_killed_answers_503_fast_then_recovers_with_its_data(
    server: LocalNeo4j, tmp_path: Path
) -> None:
    store = _store(server)
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    try:
        with TestClient(app) as client:
            status, before, _ = timed(client, "/campuses")
            assert status == 200 and before
            _, health, _ = timed(client, "/health")
            nodes = health["nodes"]

            server.kill()  # SIGKILL of the JVM: no shutdown, no checkpoint
            for path in ("/campuses", "/actors?campus=mini", "/diplomas/40025005", "/health"):
                status, body, took = timed(client, path)
                assert status == 503, (path, body)
                assert took < DOWN_BOUND_S, f"{path} took {took:.2f} s"
            assert body["database"] == "down" and body["engine"] == "neo4j"

            server.restart()  # same directory and port: recovery replays the transaction log
            status, health, _ = timed(client, "/health")
            assert status == 200 and health["status"] == "ok" and health["nodes"] == nodes
            status, body, _ = timed(client, "/campuses")
            assert status == 200 and body == before
    finally:
        store.close()


def test_neo4j_down_at_start_then_up(server: LocalNeo4j, tmp_path: Path) -> None:
    """The app starts while Neo4j is down, answers 503, and serves once it is up."""
    server.kill()
    check_down_at_start_then_up(lambda: _store(server), server.restart, tmp_path)


# -- kill -9 in the middle of a write -------------------------------------------------------


def _fingerprint(store: Neo4jStore) -> tuple[list[str], list[str]]:
    # not the touch log (graph/touched.py): a reload starts a new one, with another id
    nodes = raw_rows(store, "MATCH (n) WHERE NOT n:GraphLog RETURN labels(n)[0], properties(n)")
    rels = raw_rows(
        store,
        "MATCH (a)-[r]->(b) RETURN type(r), coalesce(a.id, a.code, a.insee), "
        "coalesce(b.id, b.code, b.insee), properties(r)",
    )
    return (
        sorted(json.dumps(row, sort_keys=True) for row in nodes),
        sorted(json.dumps(row, sort_keys=True) for row in rels),
    )


def _write_and_kill(
    server: LocalNeo4j, *, pause: str, at: str | None, delay: float = 0.0, database: bool
) -> dict[str, float | None]:
    """Start the writer; once it reports ``at`` (then ``delay`` s later) kill -9 it, and the
    database too if ``database``. ``at=None``: let it finish."""
    events: dict[str, float | None] = {}
    args = [sys.executable, "-c", WRITER, str(ROOT), str(server.uri), str(SCALE), str(SEED)]
    with subprocess.Popen([*args, pause], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                event = json.loads(line)["event"]
                events[event] = time.monotonic()
                if at is not None and event == at:
                    time.sleep(delay)
                    if database:
                        server.kill()
                    with suppress(ProcessLookupError):  # a random kill may come too late
                        os.kill(proc.pid, signal.SIGKILL)
                    for rest in proc.stdout:
                        events.setdefault(json.loads(rest)["event"], None)
                    break
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if at is None:
        assert proc.returncode == 0 and "done" in events, events
    return events


def test_crash_kill_9_of_writer_or_neo4j_leaves_old_or_new_graph(server: LocalNeo4j) -> None:
    store = _store(server)
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        old = _fingerprint(store)
        events = _write_and_kill(server, pause="none", at=None, database=False)
        duration = events["done"] - events["writing"]  # type: ignore[operator]
        new = _fingerprint(store)
        assert old != new and len(new[0]) > 400 and len(new[1]) > 1500
    finally:
        store.close()

    rng = random.Random()
    runs: list[tuple[str, str, str, float, bool, str | None]] = [
        # (moment, where the writer pauses, kill after this event, delay, kill Neo4j, expected)
        ("writer, before the commit", "before_commit", "before_commit", 0.0, False, "old"),
        ("Neo4j, before the commit", "before_commit", "before_commit", 0.0, True, "old"),
        ("Neo4j, after the commit", "after_commit", "after_commit", 0.0, True, "new"),
        ("Neo4j, at random", "none", "writing", rng.uniform(0.5, 1.2) * duration, True, None),
    ]
    found = []
    for moment, pause, at, delay, database, expected in runs:
        store = _store(server)
        try:
            store.drop_all()
            load_seeds(store, load_seed_dir(MINI_SEEDS))
            assert _fingerprint(store) == old
        finally:
            store.close()
        reported = _write_and_kill(server, pause=pause, at=at, delay=delay, database=database)
        if database:
            server.restart()
        store = _store(server)
        try:
            state = _fingerprint(store)
            got = "old" if state == old else "new" if state == new else "MIXED"
            found.append(f"{moment} ({delay:.2f} s after '{at}', {list(reported)[-1]}): {got}")
            assert got != "MIXED", f"{moment}: the graph is neither the old nor the new one"
            if expected is not None:
                assert got == expected, moment
        finally:
            store.close()
    print("\n".join(["", f"uninterrupted write: {duration:.2f} s", *found]))
