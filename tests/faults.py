"""What the fault tests check alike on each engine (tests/integration/test_db_faults.py on
FalkorDB, test_neo4j_faults.py on Neo4j): the app's answers while the database is down."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from graph.store import GraphStore
from tests.conftest import make_settings

DOWN_BOUND_S = 3.0  # a request must answer 503 within this when the database is gone


def timed(client: TestClient, path: str) -> tuple[int, dict, float]:
    """A GET's status, JSON body and duration (s)."""
    t0 = time.monotonic()
    response = client.get(path)
    return response.status_code, response.json(), time.monotonic() - t0


def check_down_at_start_then_up(
    open_store: Callable[[], GraphStore], start: Callable[[], object], tmp_path: Path
) -> None:
    """With the database down, ``open_store`` does not raise and returns in bounded time, the
    app answers 503 (/health says the database is down), and it serves once ``start`` has
    brought the (empty) database up."""
    t0 = time.monotonic()
    store = open_store()
    assert time.monotonic() - t0 < DOWN_BOUND_S
    app = create_app(make_settings(tmp_path / "unused"), store=store)
    try:
        with TestClient(app) as client:
            status, body, took = timed(client, "/health")
            assert status == 503 and body["database"] == "down" and took < DOWN_BOUND_S
            assert client.get("/campuses").status_code == 503
            start()
            assert client.get("/health").status_code == 200
            assert client.get("/campuses").json() == []
    finally:
        store.close()
