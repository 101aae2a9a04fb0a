"""Pausing Python's cyclic garbage collector while a large, acyclic structure is built.

Filling the pathway cache allocates a few million small containers (reply lists, rows) that
hold no reference cycles. Left on, the collector runs every 700 allocations and its older
generations walk everything allocated so far: at national size that was 70 % of the preload
(10.1 s with it, 2.9 s without, ``docs/performance.md``). Reference counting still frees
every object; collection resumes, with whatever cycles others made meanwhile, when the last
pause ends.

The collector is one switch for the whole process: pauses are counted so that overlapping
ones (two threads) keep it off until the last ends, and a collector someone else turned off
is left off.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collect_and_freeze", "gc_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Keep the cyclic collector off for the duration (nested and concurrent uses allowed)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def collect_and_freeze() -> int | None:
    """A full collection, then :func:`gc.freeze` of what survived, unless a pause runs (a
    warm-up filling a cache: its objects are frozen by the warm-up when done, and walking
    them half-made is the cost the pause avoids) or the collector was turned off; None then,
    else the unreachable objects found. A pause starting meanwhile waits for the end."""
    with _lock:
        if _depth or not gc.isenabled():
            return None
        found = gc.collect()
        gc.freeze()
        return found
