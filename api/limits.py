"""Cost limits: what one client, or many, can make the server spend.

- **Slots.** Gap reports and pathway searches cost CPU seconds; edits may wait on the database's
  write lock. FastAPI runs sync endpoints on one shared pool of threads (40): 45 edits waiting on
  the lock, or 20 reports, filled it and ``/health`` waited 10 s. Each costly group now waits for
  a slot of its own (an async semaphore, awaited *before* a thread is taken), so a queue of them
  holds no thread and the pool stays free for ``/health`` and the cheap reads.
  ``CMQ_REPORT_SLOTS`` (default 2) reports or searches, ``CMQ_EDIT_SLOTS`` (default 4) edits run
  at once.
- **Rate limit.** A token bucket per client address for the costly routes of anonymous clients
  (``CMQ_RATE_LIMIT_PER_MINUTE``, burst ``CMQ_RATE_LIMIT_BURST``; 0 = off, the default; ``make
  run`` sets 120): beyond it, 429 with ``Retry-After``. At most ``MAX_CLIENTS`` addresses are
  remembered (least recently seen dropped), so the table's memory is bounded.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator

import anyio
from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from api.paths import unversioned
from api.problems import problem
from graph.settings import Settings

MAX_CLIENTS = 10_000
COSTLY_PREFIXES = ("/gaps", "/pathways", "/map.geojson", "/campuses/")


class Slots:
    """The semaphores of one app (created in its event loop)."""

    def __init__(self, settings: Settings) -> None:
        self.reports = anyio.Semaphore(settings.report_slots)
        self.edits = anyio.Semaphore(settings.edit_slots)


def _slots(request: Request) -> Slots:
    slots: Slots | None = getattr(request.app.state, "slots", None)
    if slots is None:
        slots = request.app.state.slots = Slots(request.app.state.settings)
    return slots


async def report_slot(request: Request) -> AsyncIterator[None]:
    """Dependency of the report and search routes: one of the report slots while it runs."""
    async with _slots(request).reports:
        yield


async def edit_slot(request: Request) -> AsyncIterator[None]:
    """Dependency of the edit routes: one of the edit slots while it runs."""
    async with _slots(request).edits:
        yield


class TokenBuckets:
    """Per-key token buckets: ``rate`` tokens a second up to ``burst``; thread-safe.

    >>> b = TokenBuckets(rate=1.0, burst=2)
    >>> [b.take("a", now=0.0), b.take("a", now=0.0), b.take("a", now=0.0)]
    [0.0, 0.0, 1.0]
    >>> b.take("a", now=1.0)
    0.0
    """

    def __init__(self, *, rate: float, burst: int, max_keys: int = MAX_CLIENTS) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, *, now: float | None = None) -> float:
        """Take a token for ``key``: 0.0 if granted, else the seconds until one is there."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, seen = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - seen) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[key] = (tokens - 1 if wait == 0.0 else tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait


class RateLimit:
    """ASGI middleware: the token bucket of the client's address for anonymous costly calls."""

    def __init__(self, app: ASGIApp, *, per_minute: int, burst: int) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate=per_minute / 60, burst=burst) if per_minute else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.buckets is None or scope["type"] != "http" or not self._costly(scope):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.buckets.take(client[0] if client else "?")
        if wait == 0.0:
            await self.app(scope, receive, send)
            return
        retry = str(max(1, math.ceil(wait)))
        response = problem(
            429,
            f"Trop de demandes coûteuses depuis cette adresse : réessayez dans {retry} s.",
            headers={"Retry-After": retry},
        )
        await response(scope, receive, send)

    @staticmethod
    def _costly(scope: Scope) -> bool:
        path = unversioned(scope.get("path", ""))
        if not path.startswith(COSTLY_PREFIXES):
            return False
        if path.startswith("/campuses/") and not path.endswith("/network"):
            return False
        headers = dict(scope.get("headers") or [])
        return b"authorization" not in headers
