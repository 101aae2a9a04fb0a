"""A gap report computed in a child process, so that the API worker keeps none of its memory.

A report at national size reads and builds tens of MB of short-lived rows, sets and graphs in
the worker. Freed, most of it stayed in the worker for good: Python's small-object allocator
gives an arena (1 MiB) back only when every object in it is freed, and the report's answer,
the caches and the modules it first imports land in those arenas (the worker after four gap
reports: 269 MB, against 225 MB before them; docs/performance.md, ``gapmem15``). Forked, the
child reads and computes the report, sends it back pickled and exits: the worker's resident
size does not move (232 MB after the same reports, the same bytes answered).

Only for a store that says it may be used from a forked child (``fork_safe``: the FalkorDB
client, whose connection pool opens new connections in a child; not Neo4j's driver). The
child never runs the parent's clean-ups (``os._exit``), never restarts an embedded server,
and any trouble of the fork itself (no child, a child killed, silent or too slow) computes
the report in the worker as before: a report is never lost to the mechanism, only its memory
saving. An error the report itself raises (unknown campus, timeout) is raised as it is.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["CHILD_DEADLINE_S", "can_fork", "in_child"]

log = logging.getLogger(__name__)

T = TypeVar("T")

# a child that has not answered by then is killed and the report computed in the worker (a
# report takes seconds at most: each of its reads is bounded by the store's query timeout)
CHILD_DEADLINE_S = 120.0


def can_fork(store: Any) -> bool:
    """Whether the reports of ``store`` may be computed in a forked child."""
    return hasattr(os, "fork") and bool(getattr(store, "fork_safe", False))


def in_child(compute: Callable[[], T], *, before: Callable[[], None] | None = None) -> T | None:
    """``compute()`` run in a forked child, its answer (or the exception it raised) sent back
    pickled; None when the child gave no answer (the caller computes it here then: also when
    the exception raised does not pickle, e.g. graph.errors.NotFound's, and is raised here
    again).
    ``before``: run in the child first (e.g. drop what only the parent may use)."""
    rfd, wfd = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(rfd)
        os.close(wfd)
        log.warning("gap report not forked (%s): computed in the worker", exc)
        return None
    if pid == 0:  # the child: never returns
        _child(rfd, wfd, compute, before)
    os.close(wfd)
    try:
        data = _read_all(rfd, time.monotonic() + CHILD_DEADLINE_S)
    finally:
        os.close(rfd)
        if data is None:
            _kill(pid)
        _reap(pid)
    if not data:
        log.warning("gap report child gave no answer: computed in the worker")
        return None
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def _child(
    rfd: int, wfd: int, compute: Callable[[], Any], before: Callable[[], None] | None
) -> None:
    code = 1
    try:
        os.close(rfd)
        try:
            if before is not None:
                before()
            out: tuple[bool, Any] = (True, compute())
        except Exception as exc:  # noqa: BLE001 - sent back, raised by the parent
            out = (False, exc)
        try:
            data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
            if not out[0]:
                pickle.loads(data)  # an exception whose class does not unpickle: none sent
        except Exception:  # noqa: BLE001 - then the worker computes it (and raises it)
            data = b""
        view = memoryview(data)
        while view:
            view = view[os.write(wfd, view) :]
        code = 0
    finally:
        os._exit(code)  # no clean-up of the parent's (servers, connections, atexit)


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything written to ``fd`` until the child closes it; None past ``deadline``."""
    parts: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            log.warning("gap report child too slow: killed, computed in the worker")
            return None
        if not poller.poll(left * 1000):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
