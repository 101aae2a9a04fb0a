"""Answers that cost seconds to compute and depend only on the graph and the request.

The gap report of a large territory runs network analytics over thousands of actors (seconds at
national size, ``bench/gaps.py``), and managers open the same reports again and again. Such an
answer is kept per store, for the graph's version (:meth:`graph.store.GraphStore.version`, which
every write bumps): the first request after a change computes it again. Per process, at most
``MAX_ANSWERS`` answers (least recently used dropped). A store without a version
computes every time.

Cached answers are shared between requests: callers must not modify them.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from graph.store import GraphStore

T = TypeVar("T")
MAX_ANSWERS = 64

_caches: weakref.WeakKeyDictionary[Any, tuple[str, OrderedDict[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def cached_answer(store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its answer for the same key and graph version if already computed."""
    version = store.version()
    if version is None:
        return compute()
    with _lock:
        held = _caches.get(store)
        if held is not None and held[0] == version and key in held[1]:
            held[1].move_to_end(key)
            return held[1][key]  # type: ignore[no-any-return]
    answer = compute()  # outside the lock: two requests may compute the same answer once each
    with _lock:
        held = _caches.get(store)
        if held is None or held[0] != version:
            held = (version, OrderedDict())
            _caches[store] = held
        held[1][key] = answer
        while len(held[1]) > MAX_ANSWERS:
            held[1].popitem(last=False)
    return answer


def drop_stale(store: GraphStore, version: str | None) -> bool:
    """Forget the store's answers unless they are for ``version`` (graph/version_watch.py
    calls it when the graph changed); True if some were dropped."""
    with _lock:
        held = _caches.get(store)
        if held is None or held[0] == version:
            return False
        del _caches[store]
        return True


def held_version(store: GraphStore) -> str | None:
    """The graph version the store's kept answers are for (None when none is kept)."""
    with _lock:
        held = _caches.get(store)
        return held[0] if held is not None else None
