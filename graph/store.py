"""The one small interface both engines implement.

Queries are named (``cypher/<name>.cypher``); callers pass parameters only, never query text.
Results are lists of plain dicts keyed by the RETURN aliases (str, int, float, bool, None, list,
dict), whatever the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

Row = dict[str, Any]


@dataclass(frozen=True)
class Statement:
    """A named query and its parameters, for :meth:`GraphStore.write_atomic`."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class GraphStore(Protocol):
    engine: str

    def read(self, name: str, /, **params: Any) -> list[Row]:
        """Run a read-only named query."""
        ...

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run one named write query (atomic on both engines)."""
        ...

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        """Run several write queries as one unit: all are applied or none is."""
        ...

    def ping(self) -> None:
        """Raise DatabaseUnavailable unless the database answers."""
        ...

    def version(self) -> str | None:
        """A token that changes whenever the graph does (every write through any store on the
        same database), for caches of read results; None when the engine cannot tell, which
        turns such caches off."""
        ...

    def ensure_schema(self) -> None:
        """Create indexes and constraints if missing (idempotent)."""
        ...

    def close(self) -> None: ...


def store_version(store: object) -> str | None:
    """``store.version()``, or None for a store without one (wrappers in benchmarks and tests):
    caches keyed by the version are then off."""
    version_of = getattr(store, "version", None)
    return version_of() if version_of is not None else None


def exclusive(store: object) -> AbstractContextManager[Any]:
    """``store.exclusive()``: the write lock held across the reads that decide an edit and its
    write (graph.edits). A store without one (wrappers in benchmarks) gets no lock."""
    hold = getattr(store, "exclusive", None)
    return hold() if hold is not None else nullcontext()
