"""Giving freed memory back to the system after a large, short-lived allocation.

A background warm-up (the map's first view: a 10 000-row reply decoded, written as JSON and
compressed) allocates tens of MB that it frees at once, in its own thread. glibc's allocator
keeps what a thread freed in that thread's arena for later use, so the worker's resident size
stayed 10-13 MB higher for good (measured on the uvicorn worker at national size,
docs/performance.md); ``malloc_trim`` returns the free pages of every arena. Elsewhere than
on glibc (musl, macOS) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


def release_free_memory() -> None:
    """Collect the garbage cycles left, then return the allocator's free pages to the system
    (glibc only; a few ms: the long-lived caches are frozen out of the collector's walks)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
