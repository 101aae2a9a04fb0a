"""A part of the import's statements built in a forked Python process.

After the parse, the main process's Python is the import's critical path: it builds the
passerelles and the statements while the database has slack. The offers in bulk (52 000 at
national size, ~0.3 s of building and encoding) depend only on the parsed data, so a forked
child builds and encodes them meanwhile: it sees the parsed data without a pickle and hands
back the ready statements (their values already in the store's binary format) through an
anonymous temporary file, read once the child has exited.

Only this Python process is forked (the database runs in its own process). The child runs
pure Python on the parsed data and ends with ``os._exit`` (no ``atexit`` handler, no
finaliser, no socket of the parent's closed). Whatever goes wrong in the child (an error, a
kill, an unreadable result), the statements are built here instead, the same ones, and the
import goes on: the write stays one atomic unit either way.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import IO

from graph.ingest.opendata.lazy import Part
from graph.store import Statement

log = logging.getLogger("cmq.import")

Encode = Callable[[Statement], Statement]

# A child that has not exited this long after its fork is killed and its statements built
# here: a fork of a process with threads can inherit a lock another thread held (the parse's
# forked workers have the same limit, ahead.CHILD_WAIT_S); the child's work takes ~0.5 s.
CHILD_WAIT_S = 120.0
_POLL_S = 0.005


def can_fork() -> bool:
    return hasattr(os, "fork")


class Forked:
    """``part`` built by a forked child as soon as this object is made; :attr:`part` gives
    the same statements (``encode``d), read from the child or, should it fail, built here.
    :meth:`close` ends the child if its statements were never asked for."""

    def __init__(self, part: Part, encode: Encode) -> None:
        self._source = part
        self._encode = encode
        self._out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close)
        self._ready: list[Statement] | None = None
        self._deadline = time.monotonic() + CHILD_WAIT_S
        self._pid: int | None = self._start()
        self.part = Part(part.count, part.rows, self._build)

    def _start(self) -> int | None:
        try:
            pid = os.fork()
        except OSError as exc:
            log.warning("could not fork to build the offers; built in this process: %s", exc)
            return None
        if pid == 0:  # the child: never returns
            code = 1
            try:
                pickle.dump(
                    [self._encode(st) for st in self._source.build()],
                    self._out,
                    pickle.HIGHEST_PROTOCOL,
                )
                self._out.flush()
                code = 0
            finally:
                os._exit(code)
        return pid

    def _wait(self) -> list[Statement] | None:
        """The child's statements once it has exited, None if it failed."""
        pid = self._pid
        if pid is None:
            return None
        # polled (the sleep lets the helper's other work and the sending go on): a child
        # stuck on an inherited lock is killed at the deadline
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > self._deadline:
                log.warning("the forked build of the offers did not end; built here")
                self.close()
                return None
            time.sleep(_POLL_S)
        self._pid = None
        code = os.waitstatus_to_exitcode(done[1])
        if code != 0:
            log.warning("the forked build of the offers failed (exit %s); built here", code)
            return None
        try:
            self._out.seek(0)
            statements: list[Statement] = pickle.load(self._out)
        except Exception as exc:  # an unreadable result: build here
            log.warning("the forked build of the offers is unreadable (%s); built here", exc)
            return None
        finally:
            self._out.close()
        return statements

    def _build(self) -> Iterator[Statement]:
        if self._ready is None and self._pid is not None:
            self._ready = self._wait()
        if self._ready is None:
            yield from (self._encode(st) for st in self._source.build())
            return
        yield from self._ready

    def close(self) -> None:
        """End the child if it still runs (the statements were not all asked for)."""
        pid, self._pid = self._pid, None
        if pid is not None:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self._out.close()
