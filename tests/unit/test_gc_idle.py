"""The cyclic collector's full collections while no request is in flight (graph/gc_idle.py),
the middleware that tells it (api/middleware.py), and the start-up warm-ups made with the
collector paused (api/main.py, graph/version_watch.py)."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

import api.main as api_main
import graph.version_watch as version_watch
from api.middleware import RequestsInFlight
from graph.gc_idle import FULL_THRESHOLD, YOUNG_THRESHOLD, IdleCollector
from graph.gc_pause import gc_paused


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The test's own collections only (the collector on, its automatic collections out of
    reach), and the process's frozen objects given back to the collector after (an idle pass
    freezes)."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(10**9, 10, 10)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()


def _wait(pred: Any, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.01)
    return bool(pred())


def test_the_idle_pass_waits_for_the_requests_then_collects_their_cycles(
    collector_off: None,
) -> None:
    before = gc.get_threshold()
    idle = IdleCollector(0.05).start()
    try:
        assert gc.get_threshold() == (before[0], before[1], FULL_THRESHOLD)
        idle.enter()
        garbage = _Cycle()
        gone = weakref.ref(garbage)
        del garbage
        time.sleep(0.3)  # a request in flight: no pass however long it takes
        assert idle.passes == 0 and gone() is not None
        idle.leave()
        assert _wait(lambda: idle.passes == 1)
        assert gone() is None  # the request's cyclic garbage collected by the pass
        assert idle.collected >= 1
        kept = _Cycle()  # alive at the pass: frozen out of the later walks
        idle.enter()
        idle.leave()
        assert _wait(lambda: idle.passes == 2)
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())
        time.sleep(0.2)
        assert idle.passes == 2  # no request since: no pass
    finally:
        idle.stop()
    assert gc.get_threshold() == before


def test_young_collections_are_rarer_after_the_first_pass() -> None:
    """Python's first threshold (700) kept while the start-up warm-ups run (before the first
    pass: their young garbage collected before they freeze), raised to YOUNG_THRESHOLD by the
    first pass (a first answer's memos, made under the search's pause, not walked in its
    request), given back when the collector stops; a higher one set by someone else is kept."""
    thresholds = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        idle = IdleCollector(0.05).start()
        try:
            assert gc.get_threshold() == (700, 10, FULL_THRESHOLD)
            time.sleep(0.2)
            assert gc.get_threshold()[0] == 700  # no request, no pass
            idle.enter()
            idle.leave()
            assert _wait(lambda: idle.passes == 1)
            assert _wait(lambda: gc.get_threshold() == (YOUNG_THRESHOLD, 10, FULL_THRESHOLD))
        finally:
            idle.stop()
            gc.unfreeze()
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(10**6, 10, 10)
        idle = IdleCollector(0.05).start()
        try:
            idle.enter()
            idle.leave()
            assert _wait(lambda: idle.passes == 1)
            assert gc.get_threshold() == (10**6, 10, FULL_THRESHOLD)
        finally:
            idle.stop()
            gc.unfreeze()
    finally:
        gc.set_threshold(*thresholds)


def test_no_pass_before_the_quiet_time(collector_off: None) -> None:
    idle = IdleCollector(2.0).start()
    try:
        idle.enter()
        idle.leave()
        time.sleep(0.3)
        assert idle.passes == 0
    finally:
        idle.stop()


def test_requests_do_not_wake_the_thread_once_a_pass_is_due(collector_off: None) -> None:
    """Each request's end woke the idle thread (a thread switch per request); now only the
    first since the last pass does, and the pass still waits for the quiet time."""

    class Counting(IdleCollector):
        wakes = 0

        def _idle_for(self) -> float | None:
            self.wakes += 1
            return super()._idle_for()

    idle = Counting(2.0)  # longer than the 50 requests, even on a loaded machine
    idle.start()
    try:
        time.sleep(0.05)
        before = idle.wakes
        for _ in range(50):
            idle.enter()
            idle.leave()
            time.sleep(0.002)
        assert idle.wakes - before <= 3
        assert idle.passes == 0
        assert _wait(lambda: idle.passes == 1)
    finally:
        idle.stop()


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def enter(self) -> None:
        self.calls.append("enter")

    def leave(self) -> None:
        self.calls.append("leave")


def test_the_middleware_tells_the_app_s_collector_each_request() -> None:
    seen: list[list[str]] = []

    def page(request: Request) -> PlainTextResponse:
        seen.append(list(request.app.state.gc_idle.calls))
        return PlainTextResponse("ok")

    def broken(request: Request) -> PlainTextResponse:
        raise RuntimeError("boom")

    app = Starlette(routes=[Route("/", page), Route("/broken", broken)])
    app.add_middleware(RequestsInFlight)
    recorder = app.state.gc_idle = _Recorder()
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/").status_code == 200
        assert client.get("/broken").status_code == 500
    assert seen == [["enter"]]  # in flight while the route ran
    assert recorder.calls == ["enter", "leave", "enter", "leave"]  # a failure leaves too


def test_the_commune_and_map_warm_ups_run_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Their few hundred thousand objects made without the collector's walks (50-200 ms of CPU
    each at national size, docs/performance.md, http23), the reference's then frozen."""
    seen: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        api_main.communes_ref, "preload", lambda: seen.append(("communes", gc.isenabled()))
    )
    monkeypatch.setattr(
        version_watch, "warm_map", lambda store: seen.append(("map", gc.isenabled()))
    )
    monkeypatch.setattr(version_watch, "wait_warm", lambda store: None)

    class _Store:
        def version(self) -> str:
            return "v1"

    store = _Store()
    enabled = gc.isenabled()
    gc.enable()
    try:
        frozen = gc.get_freeze_count()
        kept = [_Cycle() for _ in range(10)]
        api_main._warm_communes(store, None)  # type: ignore[arg-type]
        assert gc.get_freeze_count() >= frozen + len(kept)
        version_watch._warm_map(weakref.ref(store))
        assert seen == [("communes", False), ("map", False)]
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        if not enabled:
            gc.disable()


def test_no_pass_while_a_warm_up_has_the_collector_paused(collector_off: None) -> None:
    """A pass beside the preload walked its half-made cache (200 ms of CPU at national size):
    the pass waits for the pause to end."""
    idle = IdleCollector(0.05).start()
    try:
        with gc_paused():
            idle.enter()
            idle.leave()
            time.sleep(0.3)
            assert idle.passes == 0
        assert _wait(lambda: idle.passes == 1)
    finally:
        idle.stop()
