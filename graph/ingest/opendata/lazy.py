"""A sequence of write statements whose largest parts are built as the store consumes them.

The import's offer rows (55 000 at national size) take a quarter of a second to build; built
while the store sends the statements before them, the database works meanwhile
(``FalkorDBStore._run_all`` reads the next statement in a helper thread). Its length and row
count are known up front (for the progress bar), and iterating it again builds the same
statements again (the builders are pure). A part may be known only later (:class:`Later`: the
passerelles, inferred by a forked child meanwhile): it is resolved when the store reaches it,
or when the length or row count is asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from graph.store import Statement


@dataclass(frozen=True)
class Part:
    """``count`` statements built on demand by ``build``; ``rows`` is their rows in all, a
    statement without rows counting one (the progress bar's unit)."""

    count: int
    rows: int
    build: Callable[[], Iterable[Statement]]


def given(statements: Sequence[Statement]) -> Part:
    items = list(statements)
    return Part(len(items), sum(len(s.params.get("rows", ())) or 1 for s in items), lambda: items)


class Later:
    """A part whose statements (and so their number) are known only once ``resolve`` gives
    them; resolved once, when first needed (from any thread)."""

    def __init__(self, resolve: Callable[[], Sequence[Statement]]) -> None:
        self._resolve = resolve
        self._part: Part | None = None
        self._lock = threading.Lock()

    @property
    def known(self) -> Part | None:
        return self._part

    def part(self) -> Part:
        with self._lock:
            if self._part is None:
                self._part = given(self._resolve())
            return self._part


class LazyStatements(Sequence[Statement]):
    def __init__(self, parts: Iterable[Part | Later]) -> None:
        self._parts = list(parts)
        self._built: list[Statement] | None = None

    def _all(self) -> list[Part]:
        return [p.part() if isinstance(p, Later) else p for p in self._parts]

    def __len__(self) -> int:
        return sum(p.count for p in self._all())

    @property
    def rows(self) -> int:
        """The rows of every statement, a statement without rows counting one."""
        return sum(p.rows for p in self._all())

    @property
    def known_rows(self) -> int:
        """:attr:`rows` of the parts known so far (without waiting for a :class:`Later`)."""
        return sum(
            p.rows if isinstance(p, Part) else (k.rows if (k := p.known) is not None else 0)
            for p in self._parts
        )

    def __iter__(self) -> Iterator[Statement]:
        if self._built is not None:
            yield from self._built
            return
        for part in self._parts:
            yield from (part.part() if isinstance(part, Later) else part).build()

    @overload
    def __getitem__(self, i: int) -> Statement: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Statement]: ...
    def __getitem__(self, i: int | slice) -> Statement | Sequence[Statement]:
        if self._built is None:
            self._built = list(self)
        return self._built[i]
