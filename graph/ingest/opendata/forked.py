"""A part of the import's statements built in a forked Python process (the offers in bulk,
and the passerelles with their inference: graph/ingest/opendata/writer.py).

After the parse, the main process's Python is the import's critical path: it builds the
passerelles and the statements while the database has slack. The offers in bulk (52 000 at
national size, ~0.3 s of building and encoding) depend only on the parsed data, so a forked
child builds and encodes them meanwhile: it sees the parsed data without a pickle and hands
back the ready statements (their values already in the store's binary format) one at a time,
as each is built: the store sends the first to the database while the child builds the next.
Each statement is pickled into an anonymous temporary file, and its end offset written on a
pipe (a few bytes: the child never waits for the parent); the parent reads each record at
its offset once the pipe names it, and the child says it is done with a last note.

Only this Python process is forked (the database runs in its own process). The child runs
pure Python on the parsed data and ends with ``os._exit`` (no ``atexit`` handler, no
finaliser, no socket of the parent's closed). Whatever goes wrong in the child (an error, a
kill, an unreadable record), the statements it did not give are built here instead, the same
ones (the builders are pure: the first ones built again are skipped), and the import goes on:
the write stays one atomic unit either way.
"""

from __future__ import annotations

import collections
import logging
import os
import pickle
import select
import signal
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import IO

from graph.ingest.opendata.lazy import Part
from graph.store import Statement

log = logging.getLogger("cmq.import")

Encode = Callable[[Statement], Statement]

# A child that has not given its next statement this long after its fork is killed and the
# rest built here: a fork of a process with threads can inherit a lock another thread held
# (the parse's forked workers have the same limit, ahead.CHILD_WAIT_S); its work takes ~0.5 s.
CHILD_WAIT_S = 120.0

_NOTE = struct.Struct("<Q")  # a record's end offset in the file, or _DONE
_DONE = 2**64 - 1


def can_fork() -> bool:
    return hasattr(os, "fork")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Forked:
    """``part`` built by a forked child as soon as this object is made; :attr:`part` gives
    the same statements (``encode``d), taken from the child as it builds them or, from where
    it failed, built here. :meth:`close` ends the child if its statements were not all taken."""

    def __init__(self, part: Part, encode: Encode, what: str = "offers") -> None:
        self.what = what  # what the child builds, for the log
        self._source = part
        self._encode = encode
        self._out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close)
        self._notes, notes_w = os.pipe()
        self._deadline = time.monotonic() + CHILD_WAIT_S
        self._pending = b""  # a note read in part
        self._ends: collections.deque[int] = collections.deque()
        self._offset = 0  # where the next record starts
        self.taken: list[Statement] = []  # the child's statements, in order
        self.complete = False  # the child gave them all
        try:
            self._pid: int | None = self._start(notes_w)
        finally:
            os.close(notes_w)  # the child's end: EOF here once it has exited
        self.child = self._pid
        if self._pid is None:
            self._end()
        self.part = Part(part.count, part.rows, self._build)

    def _start(self, notes_w: int) -> int | None:
        try:
            pid = os.fork()
        except OSError as exc:
            log.warning("could not fork to build the %s; built in this process: %s", self.what, exc)
            return None
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(self._notes)
                out, end = self._out.fileno(), 0
                for st in self._source.build():
                    data = pickle.dumps(self._encode(st), pickle.HIGHEST_PROTOCOL)
                    _write_all(out, data)
                    end += len(data)
                    _write_all(notes_w, _NOTE.pack(end))
                _write_all(notes_w, _NOTE.pack(_DONE))
                code = 0
            finally:
                os._exit(code)
        return pid

    def _next_end(self) -> int | None:
        """The next note of the child (a record's end, or _DONE), None if it gives none:
        it exited without its last note, or is still silent at the deadline (killed)."""
        while not self._ends:
            left = self._deadline - time.monotonic()
            try:  # (OSError: the pipe closed by close() meanwhile, the write given up)
                poller = select.poll()
                poller.register(self._notes, select.POLLIN)
                if left <= 0 or not poller.poll(left * 1000):
                    log.warning("the forked build of the %s did not end; built here", self.what)
                    return None
                raw = os.read(self._notes, 4096)
            except OSError:
                return None
            if not raw:
                return None  # exited (its code is logged by _end)
            self._pending += raw
            whole = len(self._pending) - len(self._pending) % _NOTE.size
            self._ends.extend(e for (e,) in _NOTE.iter_unpack(self._pending[:whole]))
            self._pending = self._pending[whole:]
        return self._ends.popleft()

    def _take(self) -> bool:
        """One more statement from the child into :attr:`taken`; False when it gives no more
        (all given: :attr:`complete`; or failed, logged), the child then ended."""
        end = self._next_end()
        if end == _DONE:
            self.complete = True
        elif end is not None:
            try:
                data = os.pread(self._out.fileno(), end - self._offset, self._offset)
                self.taken.append(pickle.loads(data))
                self._offset = end
                return True
            except Exception as exc:  # an unreadable record: the rest built here
                log.warning("the forked build of the %s is unreadable (%s)", self.what, exc)
        self._end()
        return False

    def _build(self) -> Iterator[Statement]:
        given = 0
        while given < len(self.taken) or (self._pid is not None and self._take()):
            yield self.taken[given]
            given += 1
        if self.complete:
            return
        # the same statements from where the child stopped (the first ones are skipped)
        for i, st in enumerate(self._source.build()):
            if i >= given:
                yield self._encode(st)

    def _end(self) -> None:
        """The child ended (killed if it still runs) and reaped; the files closed."""
        pid, self._pid = self._pid, None
        if pid is not None:
            if not self.complete:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            with suppress(ChildProcessError):
                _, status = os.waitpid(pid, 0)
                if not self.complete:
                    code = os.waitstatus_to_exitcode(status)
                    log.warning("the forked build of the %s failed (exit %s)", self.what, code)
        for close in (self._out.close, lambda: os.close(self._notes)):
            with suppress(OSError):
                close()

    def close(self) -> None:
        """End the child if it still runs (its statements were not all taken), and let go of
        the statements taken and of the part they were built from. :attr:`part` builds from
        this object (a reference cycle): kept, the cycle would hold the parsed offers and
        establishments until the cyclic collector, which the import runs without, finds them
        (0.15 s of collection when it is enabled again at national size)."""
        if self._pid is not None:
            self._end()
        self._source = Part(0, 0, tuple)
        self.taken = []
