"""A running server follows the graph: a write made elsewhere is noticed without a request.

The caches of read results (the pathway search's, graph/pathways/data.py; the gap reports,
graph/gaps/cache.py) are keyed by the graph's version, which every write through any store
bumps (:meth:`graph.store.GraphStore.version`). Without a watch, a server learns of a CLI
import only when the next request reads the version: that request then waits for the cache to
refill. The watch reads the version every few seconds (one Redis GET on FalkorDB, well under a
millisecond; see below for Neo4j) in a background thread and, when it moved, starts the pathway
cache's preload for the new version and drops the gap reports of the old one, so the first
request after an import finds the cache filling or filled.

One watch per store and per process (each uvicorn worker runs its own); ``CMQ_VERSION_POLL_S``
sets the period, 0 turns it off. On Neo4j a poll is one empty read transaction (its bookmark,
about 9 ms).
"""

from __future__ import annotations

import gc
import logging
import threading
import weakref
from typing import Any

from graph.gaps import cache as answer_cache
from graph.gc_pause import gc_paused
from graph.mapdata import warm_map
from graph.pathways.data import pathway_data, wait_warm
from graph.store import GraphStore

log = logging.getLogger("cmq.version")


def on_new_version(store: GraphStore) -> None:
    """What a new version calls for: the pathway cache for it (its preload starts if the store
    is kept warm), no gap report of an older one, and the map's first view for it when the
    store's map is kept warm (:func:`keep_map_warm`)."""
    data = pathway_data(store)
    answer_cache.drop_stale(store, data.version)
    with _map_lock:
        warm = store in _map_warm
    if warm:
        _start_map_warm(store)


_map_warm: weakref.WeakSet[Any] = weakref.WeakSet()
_map_lock = threading.Lock()


def keep_map_warm(store: GraphStore, *, after: threading.Thread | None = None) -> None:
    """Compute the map's first view (the whole country: 10 000 points, seconds at national
    size, graph/mapdata.py) in a background thread now and after every new version the watch
    sees, once the pathway cache's warm-up is done (:func:`graph.pathways.data.wait_warm`: the
    two would compete for the same cores, and the map's short-lived objects made beside the
    cache's kept the worker larger) and, the first time, once ``after`` has ended (another
    start-up warm-up). It is kept for its version only: a request after a write that the
    warm-up has not reached yet computes it (or waits for the warm-up's computation of that
    version), never an older one (graph/gaps/cache.py)."""
    with _map_lock:
        _map_warm.add(store)
    _start_map_warm(store, after)


def _start_map_warm(store: GraphStore, after: threading.Thread | None = None) -> None:
    threading.Thread(
        target=_warm_map, args=(weakref.ref(store), after), name="cmq-map-warm", daemon=True
    ).start()


def _warm_map(ref: weakref.ref[Any], after: threading.Thread | None = None) -> None:
    store = ref()
    if store is None:
        return
    try:
        version = store.version()
        wait_warm(store)
        if after is not None:
            after.join()
        if store.version() != version:
            return  # written since: the newer version's warm-up does it
        # the map's reply decoded and its features built (tens of thousands of acyclic
        # objects, freed at once): without the collector's walks, which at national size cost
        # 80-200 ms of CPU each, seven times over, while the first requests came (http23)
        with gc_paused():
            warm_map(store)
        # the map's first view is kept for the version, and what the warm-ups made before it
        # (the near thread's offers by département, the names) too: out of the collector's
        # walks, as the preload's cache (graph/pathways/data.py). Left young, the first
        # collections after the start walked them during a first answer (3-5 ms, branch http18)
        gc.freeze()
    except Exception as exc:  # noqa: BLE001 - a warm-up must never take the app down
        log.warning("map warm-up stopped: %s", exc)


class VersionWatch:
    """Polls ``store.version()`` every ``interval_s`` seconds in a daemon thread."""

    def __init__(self, store: GraphStore, interval_s: float) -> None:
        self._store = weakref.ref(store)  # the watch must not keep a closed store alive
        self.interval_s = interval_s
        self.seen: str | None = store.version()
        self.changes = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> VersionWatch:
        self._thread = threading.Thread(target=self._run, name="cmq-version-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop and wait for the thread (call before closing the store)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=max(5.0, 2 * self.interval_s))

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            store = self._store()
            if store is None:
                return
            try:
                self.check(store)
            except Exception as exc:  # noqa: BLE001 - a database down now may be back later
                log.debug("version watch: %s", exc)
            del store

    def check(self, store: Any) -> bool:
        """One poll: True when the version moved (and the caches were told)."""
        version = store.version()
        if version is None or version == self.seen:
            return False
        log.info("graph version %s -> %s: refilling the caches", self.seen, version)
        self.seen = version
        self.changes += 1
        on_new_version(store)
        return True
