"""CRASH TEST: kill -9 of the writer AND of the database in the middle of an all-or-nothing write.

Real processes, real SIGKILL. Each run starts from a data dir holding a known OLD graph (the mini
campus); a writer process (``cmq load``'s code path: ``load_seeds`` → ``write_atomic``, which
starts and owns the embedded server) replaces it with a NEW graph (a generated seed set, ~30
statements). The test kills both processes at some moment, opens a store on the same directory
(a new server replays the append-only file) and checks that the graph is exactly OLD or
exactly NEW, that no ``*__staging_*`` copy survived, and that the next write is not blocked by
the dead writer's lock.

Moments: while the statements run on the staging copy, just before the RENAME, just after it
(the writer paused there so the moment is exact), and at random times during the write.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

from graph.engines.falkordb_store import _LOCK_KEY, _LOCK_TTL_S, FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import MINI_SEEDS, ROOT, make_settings

SCALE = 0.05  # ~2 000 nodes and ~8 000 relationships: about 0.5 s of writing
SEED = 11

WRITER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.synthetic import generate
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.settings import Settings

data_dir, scale, seed, pause = Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def emit(event, **kw):
    print(json.dumps({"event": event, **kw}), flush=True)

def hold(moment):
    emit(moment)
    if pause == moment:
        time.sleep(60)  # the test kills us here

seeds = generate(scale, seed)
store = FalkorDBStore(Settings(graph_uri="embedded", data_dir=data_dir))
emit("server", pid=store.server.pid if store.server and store.server.owned else None)

# Markers around the steps of write_atomic, so the test knows where the write is.
run, swap, done = store._run, store._swap, [0]
def traced_run(graph, name, params, *, read_only, **kw):  # text=: prepared by write_atomic
    out = run(graph, name, params, read_only=read_only, **kw)
    if not read_only and "__staging_" in graph:
        done[0] += 1
        hold(f"statement{done[0]}")
    return out
def traced_swap(staging):  # RENAME of the staging graph + version bump, one MULTI/EXEC
    hold("before_rename")
    out = swap(staging)
    hold("after_rename")
    return out
store._run = traced_run
store._swap = traced_swap

emit("writing")
load_seeds(store, seeds)
emit("done")
store.close()
"""


def _fingerprint(store: FalkorDBStore) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, in a stable order.

    Properties come back as one string per row (FalkorDB's toJSON): parsing property maps
    through redis-py takes seconds for a graph this size. toJSON does not escape quotes and
    rounds floats, which does not matter for telling two known states apart.
    """
    g = store._db.select_graph(store.graph_name)
    nodes = g.ro_query(
        "MATCH (n) RETURN labels(n)[0] + ' ' + toJSON(properties(n))", timeout=60_000
    ).result_set
    rels = g.ro_query(
        "MATCH (a)-[r]->(b) RETURN type(r) + ' ' + coalesce(a.id, a.code, a.insee) + ' ' + "
        "coalesce(b.id, b.code, b.insee) + ' ' + toJSON(properties(r))",
        timeout=60_000,
    ).result_set
    return sorted(r[0] for r in nodes), sorted(r[0] for r in rels)


def _old_state(data_dir: Path) -> None:
    store = FalkorDBStore(make_settings(data_dir))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
    finally:
        store.close()  # graceful stop: the writer starts (and owns) its own server


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1].startswith("Z")  # a zombie is dead too
    except FileNotFoundError:
        return True


def _write_and_kill(
    data_dir: Path, *, pause: str, at: str | None, delay: float = 0.0
) -> dict[str, float | None]:
    """Start the writer; once it reports ``at`` (then ``delay`` s later), kill -9 it and its
    server. ``at=None``: let it finish. Returns the events the writer reported, in order, with
    the time they were read (None: read after the kill)."""
    events: dict[str, float | None] = {}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(ROOT), str(data_dir), str(SCALE), str(SEED), pause],
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        server_pid = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                event = json.loads(line)
                events[event["event"]] = time.monotonic()
                if event["event"] == "server":
                    server_pid = event["pid"]
                    assert server_pid, "the writer should have started its own server"
                if at is not None and event["event"] == at:
                    time.sleep(delay)
                    with suppress(ProcessLookupError):  # a random kill may come too late
                        os.kill(proc.pid, signal.SIGKILL)
                    assert server_pid is not None
                    with suppress(ProcessLookupError):
                        os.kill(server_pid, signal.SIGKILL)
                    # what the writer printed before it died (how far it got)
                    for rest in proc.stdout:
                        events.setdefault(json.loads(rest)["event"], None)
                    break
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if at is None or proc.returncode == 0:  # not killed, or killed after it finished
        assert proc.returncode == 0 and "done" in events, events
    else:
        assert proc.returncode == -signal.SIGKILL
        assert server_pid is not None
        deadline = time.monotonic() + 10
        while not _gone(server_pid):
            assert time.monotonic() < deadline, "the server survived kill -9"
            time.sleep(0.01)
    return events


def _after_restart(data_dir: Path) -> tuple[tuple[list[str], list[str]], FalkorDBStore]:
    store = FalkorDBStore(make_settings(data_dir))  # new server, replays the append-only file
    assert store._db.list_graphs() == [store.graph_name], "a staging copy survived"
    assert not store._redis.exists(_LOCK_KEY), "the dead writer's lock survived"
    return _fingerprint(store), store


def test_crash_kill_9_of_writer_and_database_leaves_old_or_new_graph(tmp_path: Path) -> None:
    started = time.monotonic()
    # the NEW state: the same write, not interrupted
    ref = tmp_path / "reference"
    _old_state(ref)
    old, store = _after_restart(ref)
    store.close()
    events = _write_and_kill(ref, pause="none", at=None)
    duration = events["done"] - events["writing"]  # type: ignore[operator]
    new, store = _after_restart(ref)
    store.close()
    assert old != new and len(new[0]) > 1000 and len(new[1]) > 5000

    rng = random.Random()
    runs: list[tuple[str, str, str, float, str | None]] = [
        # (moment, where the writer pauses, kill after this event, delay, expected state)
        ("during the statements", "statement3", "statement3", 0.0, "old"),
        ("just before the RENAME", "before_rename", "before_rename", 0.0, "old"),
        ("just after the RENAME", "after_rename", "after_rename", 0.0, "new"),
        ("at random, first half", "none", "writing", rng.uniform(0, duration / 2), None),
        ("at random, second half", "none", "writing", rng.uniform(duration / 2, duration), None),
        ("at random, around the end", "none", "writing", rng.uniform(0.8, 1.2) * duration, None),
    ]
    found = []
    for i, (moment, pause, at, delay, expected) in enumerate(runs):
        data_dir = tmp_path / f"run{i}"
        _old_state(data_dir)
        reported = _write_and_kill(data_dir, pause=pause, at=at, delay=delay)
        last = list(reported)[-1]
        state, store = _after_restart(data_dir)
        try:
            got = "old" if state == old else "new" if state == new else "MIXED"
            found.append(f"{moment} ({delay:.2f} s after '{at}', last event '{last}'): {got}")
            assert got != "MIXED", f"{moment}: the graph is neither the old nor the new one"
            if expected is not None:
                assert got == expected, moment
            # the next write is not blocked by the dead writer's lock
            t0 = time.monotonic()
            load_seeds(store, load_seed_dir(MINI_SEEDS))
            # well below the lock's TTL (a write waiting for it would take that long), and
            # loose enough for a loaded machine
            assert time.monotonic() - t0 < _LOCK_TTL_S / 10
            assert _fingerprint(store) == old
        finally:
            store.close()
    total = time.monotonic() - started
    print("\n".join(["", f"uninterrupted write: {duration:.2f} s", *found, f"total {total:.1f} s"]))


def test_crash_cleanup_removes_a_dead_writers_lock_and_staging_only(tmp_path: Path) -> None:
    """The same cleanup, set up by hand: a lock naming a process of this host, and a staging
    copy. While the holder lives, both are left alone; once it is dead, the next store (or
    write) removes them at once instead of waiting for the lock's 10-minute TTL."""
    import socket

    store = FalkorDBStore(make_settings(tmp_path / "db"))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    before = _fingerprint(store)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    r = store._wredis
    r.set(_LOCK_KEY, f"{socket.gethostname()}:{holder.pid}:0123", ex=600)
    staging = f"{store.graph_name}__staging_killed"
    r.execute_command("GRAPH.COPY", store.graph_name, staging)
    try:
        alive = FalkorDBStore(make_settings(tmp_path / "db"))  # reuses the running server
        alive.close()
        assert r.exists(_LOCK_KEY) and r.exists(staging)  # a live writer is left alone

        holder.kill()
        holder.wait()
        other = FalkorDBStore(make_settings(tmp_path / "db"))
        try:
            assert other._db.list_graphs() == [store.graph_name]
            assert not r.exists(_LOCK_KEY)
            t0 = time.monotonic()
            other.write_atomic([])
            # not the lock's TTL (600 s): the dead holder's lock was removed at once
            assert time.monotonic() - t0 < 60
            assert _fingerprint(other) == before
        finally:
            other.close()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        store.close()


def test_crash_a_write_waiting_for_a_killed_writers_lock_goes_ahead(tmp_path: Path) -> None:
    """A writer killed while another write waits for the lock: the waiting write proceeds as
    soon as the holder is dead (it does not wait 60 s, nor the 10-minute TTL)."""
    import socket
    import threading

    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        store._wredis.set(_LOCK_KEY, f"{socket.gethostname()}:{holder.pid}:0123", ex=600)
        threading.Timer(0.5, holder.kill).start()
        t0 = time.monotonic()
        store.write_atomic([])
        waited = time.monotonic() - t0
        holder.wait()
        assert 0.4 < waited < 3
    finally:
        store.close()
