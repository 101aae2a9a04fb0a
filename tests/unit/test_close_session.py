"""close_session: a session whose close() fails once is closed by the second call, and the
first error still reaches the caller (graph/engines/neo4j_store.py)."""

from __future__ import annotations

import pytest

from graph.engines.neo4j_store import close_session


class FlakySession:
    """Behaves like neo4j's Session.close(): the connection is released even when close()
    raises, and only a call that finds nothing to release marks the session closed."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0
        self.closed = False

    def close(self) -> None:
        self.calls += 1
        if self.failures:
            self.failures -= 1
            raise OSError("connection reset by peer")
        self.closed = True


def test_a_clean_close_is_called_once() -> None:
    session = FlakySession(failures=0)
    close_session(session)
    assert session.closed and session.calls == 1


def test_a_failed_close_is_retried_and_its_error_raised() -> None:
    session = FlakySession(failures=1)
    with pytest.raises(OSError, match="reset by peer"):
        close_session(session)
    assert session.closed and session.calls == 2


def test_two_failed_closes_raise_the_first_error() -> None:
    session = FlakySession(failures=2)
    with pytest.raises(OSError):
        close_session(session)
    assert not session.closed and session.calls == 2
