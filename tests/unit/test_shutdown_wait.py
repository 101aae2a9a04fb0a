"""The API closes the store it owns only once its warm-up threads have ended, or after a
bound (api/main.py wait_for_warm_ups): Neo4j's driver closed beside a preload's query raised
BufferError at shutdown (fresh-clone make test, session 21). The threads here have names of
their own (``NAMES``): the test process may run the API's real warm-ups of other tests."""

from __future__ import annotations

import threading
import time

from api.main import _WARM_UP_THREADS, wait_for_warm_ups

NAMES = ("test-warm-",)


def _thread(name: str, seconds: float, then: threading.Thread | None = None) -> threading.Thread:
    def run() -> None:
        time.sleep(seconds)
        if then is not None:
            then.start()

    t = threading.Thread(target=run, name=name, daemon=True)
    t.start()
    return t


def test_it_waits_for_a_warm_up_and_the_one_it_starts() -> None:
    near = threading.Thread(target=time.sleep, args=(0.2,), name="test-warm-near", daemon=True)
    preload = _thread("test-warm-preload", 0.2, then=near)
    assert wait_for_warm_ups(5.0, NAMES) == []
    assert not preload.is_alive() and not near.is_alive()


def test_it_gives_up_after_its_bound_and_names_what_still_runs() -> None:
    slow = _thread("test-warm-map", 1.0)
    started = time.monotonic()
    assert wait_for_warm_ups(0.1, NAMES) == ["test-warm-map"]
    assert time.monotonic() - started < 0.8
    slow.join()


def test_other_threads_are_not_waited_for() -> None:
    other = _thread("test-other-watch", 1.0)
    started = time.monotonic()
    assert wait_for_warm_ups(5.0, NAMES) == []
    assert time.monotonic() - started < 0.8
    other.join()


def test_the_api_waits_for_its_own_warm_up_threads() -> None:
    # the names the threads are given (graph/pathways/data.py, graph/version_watch.py,
    # api/main.py); the version watch is stopped and joined on its own before
    for name in ("cmq-pathway-preload", "cmq-pathway-near", "cmq-communes", "cmq-map-warm"):
        assert name.startswith(_WARM_UP_THREADS), name
    assert not "cmq-version-watch".startswith(_WARM_UP_THREADS)
