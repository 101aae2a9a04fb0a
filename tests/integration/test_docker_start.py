"""The container's start-up script (docker/start.sh) run for real, on each engine: seeds go into
an empty graph only, so a restart keeps the managers' edits (CMQ_SEED=always reloads them)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from graph.edits import ActorUpdate, update_actor
from graph.queries import node_counts
from graph.store import GraphStore
from tests.conftest import ROOT

SCRIPT = ROOT / "docker" / "start.sh"
EDITED = "Nom modifié par une responsable de campus"


def _get(url: str) -> tuple[int, object]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(store: GraphStore, seed: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Run the script as the image's CMD would, against the store's database."""
    port = _free_port()
    settings = store.settings  # type: ignore[attr-defined]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "CMQ_GRAPH_URI": settings.graph_uri,
        "CMQ_DATA_DIR": str(settings.data_dir),
        "CMQ_NEO4J_PASSWORD": settings.neo4j_password,
        "CMQ_HOST": "127.0.0.1",
        "CMQ_PORT": str(port),
        "CMQ_SEED": seed,
        "CMQ_PATHWAY_PRELOAD": "0",
    }
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            ["sh", str(SCRIPT)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            if _get(f"{base}/health")[0] == 200:
                return proc, base
        except OSError:  # not listening yet
            pass
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("the API did not answer: " + log.read_text(errors="replace")[-2000:])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)  # `exec cmq serve`: the signal reaches uvicorn
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _actor_name(base: str, actor_id: str) -> str:
    status, body = _get(f"{base}/actors/{actor_id}")
    assert status == 200 and isinstance(body, dict), (status, body)
    return str(body["name"])


def test_start_script_seeds_an_empty_graph_only_and_keeps_edits(
    new_store: Callable[..., GraphStore], tmp_path: Path
) -> None:
    store = new_store()
    log = tmp_path / "start.log"
    assert node_counts(store) == {}

    proc, base = _start(store, "if-empty", log)  # first start: the graph is empty, seeds go in
    try:
        counts = node_counts(store)
        assert counts.get("Actor", 0) > 10 and counts.get("Campus", 0) == 5
        status, page = _get(f"{base}/actors")
        assert status == 200 and isinstance(page, dict)
        actor = page["items"][0]
        seed_name = actor["name"]
    finally:
        _stop(proc)

    update_actor(
        store,
        "responsable",
        actor["id"],
        ActorUpdate(name=EDITED, source="courriel de la responsable, essai"),
    )

    proc, base = _start(store, "if-empty", log)  # a restart: the edit stays
    try:
        assert _actor_name(base, actor["id"]) == EDITED
        assert node_counts(store) == {**counts, "Change": counts.get("Change", 0) + 1}
    finally:
        _stop(proc)
    assert "non chargé (--if-empty)" in log.read_text()

    proc, base = _start(store, "never", log)
    try:
        assert _actor_name(base, actor["id"]) == EDITED
    finally:
        _stop(proc)

    proc, base = _start(store, "always", log)  # on request: the seeds as written
    try:
        assert _actor_name(base, actor["id"]) == seed_name
    finally:
        _stop(proc)
