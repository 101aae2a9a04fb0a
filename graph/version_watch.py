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

import logging
import threading
import weakref
from typing import Any

from graph.gaps import cache as answer_cache
from graph.pathways.data import pathway_data
from graph.store import GraphStore

log = logging.getLogger("cmq.version")


def on_new_version(store: GraphStore) -> None:
    """What a new version calls for: the pathway cache for it (its preload starts if the store
    is kept warm) and no gap report of an older one."""
    data = pathway_data(store)
    answer_cache.drop_stale(store, data.version)


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
