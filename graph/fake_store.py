"""A recording fake of :class:`graph.store.GraphStore`, for unit tests of the pure layers and for
benchmarks of the Python side.

It runs no query: it records the name and parameters of every call and answers with the rows
given for that name (a list, or a function of the parameters). It is not a database: anything
that depends on what Cypher does (filters, writes, atomicity) is tested on the real engines
(tests/integration, tests/contract), never here.

>>> store = FakeStore({"campus_exists": [{"id": "c"}]})
>>> store.read("campus_exists", id="c")
[{'id': 'c'}]
>>> store.calls
[Call(kind='read', name='campus_exists', params={'id': 'c'})]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from graph.errors import InvalidQuery
from graph.store import GraphReader, Row, Statement

__all__ = ["Call", "FakeStore"]

Answer = list[Row] | Callable[[Mapping[str, Any]], list[Row]]


@dataclass(frozen=True)
class Call:
    kind: str  # read, write, write_atomic or lock
    name: str
    params: dict[str, Any] = field(default_factory=dict)


class FakeStore:
    """Canned rows per query name; every call recorded in :attr:`calls`.

    A name without rows is an error (InvalidQuery), so that a test sees a query it did not
    expect; ``version`` is the token :meth:`version` returns (None turns caches off) and
    changes with every write, like the engines'.
    """

    engine = "fake"

    def __init__(
        self, answers: Mapping[str, Answer] | None = None, *, version: str | None = None
    ) -> None:
        self.answers: dict[str, Answer] = dict(answers or {})
        self.calls: list[Call] = []
        self._version = version
        self._writes = 0
        self.closed = False

    def names(self) -> list[str]:
        """The names of the queries called, in order."""
        return [c.name for c in self.calls]

    def _answer(self, kind: str, name: str, params: dict[str, Any]) -> list[Row]:
        self.calls.append(Call(kind, name, params))
        if name not in self.answers:
            raise InvalidQuery(f"the fake store has no rows for {name!r}")
        answer = self.answers[name]
        rows = answer(params) if callable(answer) else answer
        return [dict(r) for r in rows]

    def read(self, name: str, /, **params: Any) -> list[Row]:
        return self._answer("read", name, params)

    def write(self, name: str, /, **params: Any) -> list[Row]:
        self._writes += 1
        return self._answer("write", name, params)

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        self._writes += 1
        for s in statements:
            self.calls.append(Call("write_atomic", s.name, dict(s.params)))

    def preparing_write(self) -> AbstractContextManager[None]:
        return nullcontext()

    def ping(self) -> None:
        return None

    def version(self) -> str | None:
        return None if self._version is None else f"{self._version}:{self._writes}"

    def database_id(self) -> str | None:
        return None  # no cache on disk for a fake

    def snapshot(self) -> AbstractContextManager[GraphReader]:
        @contextmanager
        def view() -> Iterator[GraphReader]:
            yield self

        return view()

    def exclusive(self) -> AbstractContextManager[None]:
        @contextmanager
        def held() -> Iterator[None]:
            self.calls.append(Call("lock", "exclusive"))
            yield

        return held()

    def ensure_schema(self) -> None:
        return None

    def drop_all(self) -> None:
        self._writes += 1
        self.calls.append(Call("write", "drop_all"))

    def close(self) -> None:
        self.closed = True
