"""A running API follows writes made elsewhere (graph/version_watch.py): another store on the
same embedded database writes, as `cmq import` would, and the API's caches move to the new
version with no request to /pathways or /gaps. On each engine (real servers)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph import communes as communes_ref
from graph.edits import OfferCreate, create_offer
from graph.gaps import cache as answer_cache
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.mapdata import map_points
from graph.pathways.data import cache_state, cached_version
from graph.store import GraphStore
from graph.version_watch import VersionWatch
from tests.conftest import MINI_SEEDS


def _until(cond: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def test_the_api_refills_its_caches_after_a_write_made_elsewhere(
    new_store: Callable[..., GraphStore],
) -> None:
    writer = new_store(version_poll_s=0.2)
    settings = writer.settings  # type: ignore[attr-defined]
    load_seeds(writer, load_seed_dir(MINI_SEEDS))
    with TestClient(create_app(settings)) as client:
        store = client.app.state.store  # type: ignore[attr-defined]
        v0 = store.version()
        assert _until(lambda: cache_state(store)["state"] == "ready")
        # the map's first view is computed at start with no request (graph/version_watch.py)
        assert _until(lambda: answer_cache.held_version(store) == v0)
        assert client.get("/gaps", params={"departements": "46"}).status_code == 200
        assert answer_cache.held_version(store) == v0

        # the "CLI": another store on the same database writes
        create_offer(
            writer,
            "cli",
            OfferCreate(actor="iut-b", diploma="32025002", modality="school", source="test: watch"),
        )
        v1 = writer.version()
        assert v1 != v0

        # no request: the watch notices, drops the old reports, refills the pathway cache and
        # computes the new version's map (the only answer kept for it: no request was made)
        assert _until(lambda: cached_version(store) == v1, 20.0), cached_version(store)
        assert answer_cache.held_version(store) in (None, v1)
        assert _until(lambda: answer_cache.held_version(store) == v1, 20.0)
        # and that map is the new graph's, not the old one's
        assert client.get("/map.geojson").json() == map_points(store)

        # the watch reports the writer's last version; one change per commit it saw (a Neo4j
        # driver that loses a commit's acknowledgement retries the transaction: two commits,
        # so the watch may have seen the first one apart)
        def watch() -> dict[str, object]:
            return client.get("/health").json()["version_watch"]

        assert _until(lambda: watch()["version"] == v1, 20.0), watch()
        assert watch()["interval_s"] == 0.2
        changes = client.app.state.version_watch.changes  # type: ignore[attr-defined]
        assert watch()["changes"] == changes and changes in (1, 2)
        assert _until(lambda: cache_state(store)["state"] == "ready")
        assert cache_state(store)["version"] == v1


def test_a_poll_without_a_write_changes_nothing(new_store: Callable[..., GraphStore]) -> None:
    store = new_store()
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    watch = VersionWatch(store, 3600)
    assert not watch.check(store) and watch.changes == 0
    load_seeds(store, load_seed_dir(MINI_SEEDS))  # a reload bumps the version
    assert watch.check(store) and watch.changes == 1
    assert cached_version(store) == store.version()
    assert not watch.check(store)


def test_the_commune_warm_up_starts_once_the_pathway_preload_is_done(
    new_store: Callable[..., GraphStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API's start-up warm-ups take turns: the commune reference's search maps are built
    after the pathway cache's preload, not beside it (the two threads shared the interpreter
    and the preload took that much longer: docs/performance.md, preload19)."""
    writer = new_store()
    load_seeds(writer, load_seed_dir(MINI_SEEDS))
    app = create_app(writer.settings)  # type: ignore[attr-defined]
    seen: list[tuple[str, list[str]]] = []
    called = threading.Event()

    def warm() -> None:  # what graph.communes.preload is asked to do, and when
        store = app.state.store
        running = [t.name for t in threading.enumerate() if t.name == "cmq-pathway-preload"]
        seen.append((cache_state(store)["state"], running))
        called.set()

    monkeypatch.setattr(communes_ref, "preload", warm)
    with TestClient(app):
        assert called.wait(20.0)
    assert seen == [("ready", [])]
