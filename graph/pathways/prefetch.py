"""Reads asked ahead, for the preload of the pathway cache.

A preload reads every diploma's legs, offers and filières in chunks and decodes each chunk in
Python (graph/pathways/data.py). Read one after the other, the database's time for a chunk and
Python's time for the previous one add up (at national size ~0.5 s of the ~1.9 s preload was
waiting for the database). :class:`ReadAhead` sends the next chunk's reads from a second
thread while the preload decodes the current one: the database works meanwhile on its own
core. A read asked with the same name and parameters is then taken from there; any other read
goes to the store as usual, so a read asked ahead and not used changes nothing but its cost.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from graph.store import GraphReader

__all__ = ["ReadAhead"]

Row = dict[str, Any]


def _key(name: str, params: dict[str, Any]) -> tuple[Any, ...]:
    return (
        name,
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())),
    )


class ReadAhead:
    """A :class:`~graph.store.GraphReader` over ``store`` whose :meth:`ahead` reads run in one
    background thread, in the order asked (use it as a context manager: the thread ends with
    the block, reads asked and not taken are dropped)."""

    def __init__(self, store: GraphReader) -> None:
        self.store = store
        self.engine = store.engine
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmq-read-ahead")
        self._ahead: dict[tuple[Any, ...], Future[list[Row]]] = {}

    def ahead(self, name: str, /, **params: Any) -> None:
        """Start reading ``name`` with ``params`` in the background."""
        self._ahead[_key(name, params)] = self._pool.submit(self.store.read, name, **params)

    def read(self, name: str, /, **params: Any) -> list[Row]:
        got = self._ahead.pop(_key(name, params), None)
        if got is not None:
            return got.result()
        return self.store.read(name, **params)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for f in self._ahead.values():
            f.cancel()
        self._ahead.clear()
        self._pool.shutdown(wait=True)
