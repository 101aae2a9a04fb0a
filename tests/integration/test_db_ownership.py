"""One embedded database per data dir, recorded on disk (falkordb.pid); whoever finds it dead or
stopped starts it again; a process that finds it busy waits. Real processes, real signals."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from tests.conftest import MINI_SEEDS, ROOT, make_settings

# A process that owns the embedded database like `cmq import` or an API does: it starts the
# server, loads the mini seeds, says "ready", and stops (closing its store, which stops the
# server it started) when a line arrives on stdin.
OWNER = """
import sys
from pathlib import Path
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
store = FalkorDBStore(Settings(data_dir=Path(sys.argv[1])))
load_seeds(store, load_seed_dir(Path(sys.argv[2])))
print("ready", store.server.pid, flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def owner(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    with subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path / "db"), str(MINI_SEEDS)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        word, pid = proc.stdout.readline().split()
        assert word == "ready"
        try:
            yield proc, int(pid)
        finally:
            if proc.poll() is None:
                proc.kill()
            for sig in (signal.SIGCONT, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), sig)


def _eventually_200(client: TestClient, path: str, seconds: float = 15) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        r = client.get(path)
        if r.status_code == 200 or time.monotonic() > deadline:
            assert r.status_code == 200, r.text
            return r.json()
        time.sleep(0.2)


def test_the_owner_is_recorded_on_disk(owner: tuple[subprocess.Popen[str], int], tmp_path: Path):
    _, server_pid = owner
    assert (tmp_path / "db" / "falkordb.pid").read_text().strip() == str(server_pid)
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        assert store.server is not None and not store.server.owned  # reused, not a second one
    finally:
        store.close()
    os.kill(server_pid, 0)  # closing a store that does not own the server leaves it running


def test_an_api_started_during_an_import_recovers_when_the_import_stops(
    owner: tuple[subprocess.Popen[str], int], tmp_path: Path
) -> None:
    proc, _ = owner
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        with TestClient(create_app(make_settings(tmp_path / "u"), store=store)) as client:
            before = _eventually_200(client, "/campuses")
            assert proc.stdin is not None
            proc.stdin.write("stop\n")
            proc.stdin.flush()
            proc.wait(timeout=30)  # the import is over: it stopped the server it started
            assert _eventually_200(client, "/campuses") == before
            assert store.server is not None and store.server.owned
            assert _eventually_200(client, "/health")["database"] == "up"
    finally:
        store.close()


def test_a_server_left_by_a_killed_api_is_restarted_when_it_dies(
    owner: tuple[subprocess.Popen[str], int], tmp_path: Path
) -> None:
    proc, server_pid = owner
    proc.kill()  # kill -9 of the first API: its server lives on
    proc.wait(timeout=10)
    os.kill(server_pid, 0)
    store = FalkorDBStore(make_settings(tmp_path / "db"))  # the restarted API reuses it
    try:
        with TestClient(create_app(make_settings(tmp_path / "u"), store=store)) as client:
            before = _eventually_200(client, "/campuses")
            os.kill(server_pid, signal.SIGKILL)  # then that server dies
            assert _eventually_200(client, "/campuses") == before
            new_pid = int((tmp_path / "db" / "falkordb.pid").read_text())
            assert new_pid != server_pid and store.server is not None and store.server.owned
    finally:
        store.close()


def test_a_store_waits_for_a_server_that_does_not_answer_yet(
    owner: tuple[subprocess.Popen[str], int], tmp_path: Path
) -> None:
    _, server_pid = owner
    os.kill(server_pid, signal.SIGSTOP)  # busy (as when replaying a large file): no answer
    threading.Timer(3.0, os.kill, (server_pid, signal.SIGCONT)).start()
    t0 = time.monotonic()
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        assert time.monotonic() - t0 >= 2.5  # it waited, and did not start a second server
        assert store.server is not None and not store.server.owned
        assert int((tmp_path / "db" / "falkordb.pid").read_text()) == server_pid
        assert store.read("health_counts")
    finally:
        store.close()
