"""The cyclic garbage collector's full collections run while the server is idle, not in answers.

A serving worker holds a few hundred thousand long-lived objects that its first answers make
(the territories' search memos, the notices' memos, the answers kept) besides the start-up
caches, which are frozen (:func:`gc.freeze`, graph/pathways/data.py, graph/version_watch.py).
Left young, every full collection walks them again, in whichever request's thread set it
off: at national size a full collection over the start-up warm-ups' objects cost 50-200 ms of
CPU (docs/performance.md, http23). So, while an :class:`IdleCollector` runs:

- the collector's automatic full collections are rarer (the third threshold raised from 10
  to ``FULL_THRESHOLD``: one automatic full collection every 100 000 young ones instead of
  every 100), the safety net of a worker that is never idle;
- after its first pass (the start-up warm-ups over: they freeze what they made without
  collecting, and their young garbage is collected as before), its young collections are
  rarer too (the first threshold raised from 700 to ``YOUNG_THRESHOLD``): a search runs with
  the collector paused (graph/gc_pause.py), and the memos a first answer makes (a
  territory's bounds, choices, notices: thousands of containers) were all walked by the young
  collection that the first allocation after the pause set off, in that request (0.3-2 ms of
  a first answer's 10-30 ms of CPU, docs/performance.md, http24); most first answers now make
  none, and the idle pass collects and freezes them;
- once no request has been in flight for ``quiet_s`` seconds, and requests were answered
  since its last pass, and no warm-up has the collector paused (graph/gc_pause.py: a pass
  beside the preload walked its half-made cache, 200 ms of CPU), its thread makes a full
  collection — the requests' cyclic garbage is
  collected there — and then freezes what survived (the memos and kept answers: long-lived
  and acyclic, still freed by reference counting when dropped), so that later collections,
  idle or not, walk only what was made since.

A request arriving during an idle pass waits for it (the collection holds the interpreter):
the first pass after a start walks the first answers' objects (a few ms), later ones only
the few made since. Only the process's one serving app runs it (api/main.py).
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from graph.gc_pause import collect_and_freeze

__all__ = ["FULL_THRESHOLD", "YOUNG_THRESHOLD", "IdleCollector"]

log = logging.getLogger("cmq.gc")

# the collector's third threshold while an IdleCollector runs (Python's default is 10: a full
# collection every 10 middle ones, when the objects moved to the oldest generation since the
# last full collection are a quarter of those it kept then)
FULL_THRESHOLD = 1000
# its first threshold (Python's default is 700): a young collection once the containers
# allocated and not yet freed since the last one pass it. A first answer's search leaves
# 5 000-20 000 of them (its memos), all young when the pause ends; at most this many young
# objects more are walked by one collection (~1-2 ms), and cyclic garbage waits that long
YOUNG_THRESHOLD = 20_000


class IdleCollector:
    """Full collections made in a thread of their own once the requests are done
    (:meth:`enter` and :meth:`leave` around each request)."""

    def __init__(self, quiet_s: float) -> None:
        self.quiet_s = quiet_s
        self.passes = 0  # idle passes made
        self.collected = 0  # unreachable objects those passes found
        self._in_flight = 0
        self._dirty = False  # requests answered since the last pass
        self._last = time.monotonic()
        self._cond = threading.Condition()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._thresholds: tuple[int, int, int] | None = None
        self._young = YOUNG_THRESHOLD  # the first threshold after the first pass

    def enter(self) -> None:
        with self._cond:
            self._in_flight += 1

    def leave(self) -> None:
        with self._cond:
            self._in_flight -= 1
            # the thread waits for ever only with nothing to do: woken then; once a pass is
            # due it waits with a timeout and reads the last request's end when it wakes, so a
            # request does not wake it each time (a thread switch in every answer's last
            # moments, docs/performance.md, http26)
            if not self._dirty:
                self._cond.notify()
            self._dirty = True
            self._last = time.monotonic()

    def start(self) -> IdleCollector:
        self._thresholds = gc.get_threshold()
        first, second, _ = self._thresholds
        gc.set_threshold(first, second, FULL_THRESHOLD)
        self._young = max(first, YOUNG_THRESHOLD)
        self._thread = threading.Thread(target=self._run, name="cmq-gc-idle", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread and give the collector its thresholds back."""
        with self._cond:
            self._stop = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)

    def _idle_for(self) -> float | None:
        """Seconds left before the next pass, 0 if due now; None with nothing to do."""
        if not self._dirty:
            return None
        if self._in_flight:
            return self.quiet_s
        return max(0.0, self._last + self.quiet_s - time.monotonic())

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stop:
                    left = self._idle_for()
                    if left == 0.0:
                        break
                    self._cond.wait(left)
                if self._stop:
                    return
                self._dirty = False
            try:
                found = collect_and_freeze()
            except Exception as exc:  # noqa: BLE001 - never take the server down
                log.warning("idle collection failed: %s", exc)
                continue
            if found is None:  # paused (a warm-up): again once it is over
                with self._cond:
                    self._dirty = True
                    self._last = time.monotonic()
                continue
            self.collected += found
            self.passes += 1
            first, second, third = gc.get_threshold()
            if first < self._young:
                gc.set_threshold(self._young, second, third)
