"""Answers that cost seconds to compute and depend only on the graph and the request.

The gap report of a large territory runs network analytics over thousands of actors (seconds at
national size, ``bench/gaps.py``), and managers open the same reports again and again. Such an
answer is kept per store, for the graph's version (:meth:`graph.store.GraphStore.version`, which
every write bumps): the first request after a change computes it again. Per process, at most
``MAX_ANSWERS`` answers (least recently used dropped), and each answer is computed by one request
at a time (single flight, :func:`cached_answer`). A store without a version
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


class _Flight:
    """One computation in progress, that requests for the same answer wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: Any = None
        self.failed = False


_flights: dict[tuple[int, str, Hashable], _Flight] = {}


def cached_answer(store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its answer for the same key and graph version if already computed.

    Single flight: while one request computes an answer, the others asking for the same key and
    version wait for it instead of computing it again (20 identical cache-missing reports cost
    one computation, not 20 at once). If that computation fails, each waiter computes its own.
    """
    version = store.version()
    if version is None:
        return compute()
    flight_key = (id(store), version, key)
    with _lock:
        held = _caches.get(store)
        if held is not None and held[0] == version and key in held[1]:
            held[1].move_to_end(key)
            return held[1][key]  # type: ignore[no-any-return]
        flight = _flights.get(flight_key)
        leader = flight is None
        if flight is None:
            flight = _flights[flight_key] = _Flight()
    if not leader:
        flight.done.wait()
        if not flight.failed:
            return flight.answer  # type: ignore[no-any-return]
        return compute()
    try:
        answer = compute()
    except BaseException:
        flight.failed = True
        raise
    else:
        flight.answer = answer
        with _lock:
            held = _caches.get(store)
            if held is None or held[0] != version:
                held = (version, OrderedDict())
                _caches[store] = held
            held[1][key] = answer
            while len(held[1]) > MAX_ANSWERS:
                held[1].popitem(last=False)
        return answer
    finally:
        with _lock:
            _flights.pop(flight_key, None)
        flight.done.set()


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
