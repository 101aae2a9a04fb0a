"""The API closes the store it owns only once its warm-up threads have ended, or after a
bound (api/main.py wait_for_warm_ups): Neo4j's driver closed beside a preload's query raised
BufferError at shutdown (fresh-clone make test, session 21)."""

from __future__ import annotations

import threading
import time

from api.main import wait_for_warm_ups


def _thread(name: str, seconds: float, then: threading.Thread | None = None) -> threading.Thread:
    def run() -> None:
        time.sleep(seconds)
        if then is not None:
            then.start()

    t = threading.Thread(target=run, name=name, daemon=True)
    t.start()
    return t


def test_it_waits_for_a_warm_up_and_the_one_it_starts() -> None:
    near = threading.Thread(target=time.sleep, args=(0.2,), name="cmq-pathway-near", daemon=True)
    preload = _thread("cmq-pathway-preload", 0.2, then=near)
    assert wait_for_warm_ups(5.0) == []
    assert not preload.is_alive() and not near.is_alive()


def test_it_gives_up_after_its_bound_and_names_what_still_runs() -> None:
    slow = _thread("cmq-map-warm", 1.0)
    started = time.monotonic()
    assert wait_for_warm_ups(0.1) == ["cmq-map-warm"]
    assert time.monotonic() - started < 0.8
    slow.join()


def test_other_threads_are_not_waited_for() -> None:
    other = _thread("cmq-version-watch", 1.0)
    started = time.monotonic()
    assert wait_for_warm_ups(5.0) == []
    assert time.monotonic() - started < 0.8
    other.join()
