"""The one small interface both engines implement.

Queries are named (``cypher/<name>.cypher``); callers pass parameters only, never query text.
Results are lists of plain dicts keyed by the RETURN aliases (str, int, float, bool, None, list,
dict), whatever the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from graph.shared_values import share_rows

Row = dict[str, Any]


@dataclass(frozen=True)
class Statement:
    """A named query and its parameters, for :meth:`GraphStore.write_atomic`."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BulkRelationships(Statement):
    """Relationships a store creates without Cypher, given only to a store whose
    ``bulk_relationships`` is true (FalkorDB: ``GRAPH.BULK`` into the staging graph of
    :meth:`GraphStore.write_atomic`, graph/engines/falkordb_bulk.py); other stores get the
    Cypher statement ``name`` with Cypher rows instead (the import builds one or the other).

    ``params["rows"]``: the relationships, each ``(start key, end key, segments)``, the
    segments being tuples of property values that, concatenated, follow ``props`` (a list:
    values of this relationship alone, which a store need not remember; a value
    None: the property is not set), or already encoded as bytes by the store's ``encoded``
    (rows built in another process). ``ends`` names a read query returning, per ``side``
    ('start' or 'end'), the ``keys`` and ``ids`` (internal ids) of the candidate end nodes: as
    with a Cypher ``MATCH`` on the key, a relationship is created from every start node with
    its start key to every end node with its end key, and none when either is missing."""

    rel_type: str = ""
    ends: str = ""
    props: tuple[str, ...] = ()


@dataclass(frozen=True)
class BulkNodes(Statement):
    """The Cypher statement ``name``, which upserts ``label`` nodes by ``key`` (``MERGE``)
    from ``params["rows"]``, given so that a store whose ``bulk_nodes`` is true may create the
    nodes that do not exist yet without Cypher (FalkorDB: ``GRAPH.BULK`` into the staging
    graph of :meth:`GraphStore.write_atomic`); any other store runs it as the statement.

    ``new``: the keys of the rows expected to name no node yet (the others are sent to the
    statement as they are); a store checks on the graph it writes that none of them exists,
    and sends every row to the statement otherwise. ``created(row)``: the properties the
    statement gives the node it creates from ``row``, in ``props`` order (None: not set).
    ``requires``: (row field, label) pairs naming the nodes the statement ``MATCH``es by key
    before it creates one (a row whose node is missing writes nothing): a store creates rows
    in bulk only when all of them are on the graph, and sends every row to the statement
    otherwise."""

    label: str = ""
    key: str = ""
    props: tuple[str, ...] = ()
    new: frozenset[Any] = frozenset()
    requires: tuple[tuple[str, str], ...] = ()
    created: Callable[[Mapping[str, Any]], tuple[Any, ...]] | None = field(
        default=None, compare=False
    )


class GraphReader(Protocol):
    """What reads need: an engine name and named read queries (a store, or a snapshot of it)."""

    engine: str

    def read(self, name: str, /, **params: Any) -> list[Row]:
        """Run a read-only named query."""
        ...


@runtime_checkable
class GraphStore(GraphReader, Protocol):
    """Everything callers use of a store; the engines (graph/engines/) and the recording fake
    (graph/fake_store.py) implement all of it."""

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run one named write query (atomic on both engines)."""
        ...

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        """Run several write queries as one unit: all are applied or none is."""
        ...

    def preparing_write(self) -> AbstractContextManager[None]:
        """A block at the end of which this thread calls :meth:`write_atomic`: FalkorDB copies
        the graph for it meanwhile (used only if nothing was written since); Neo4j does
        nothing."""
        ...

    def ping(self) -> None:
        """Raise DatabaseUnavailable unless the database answers."""
        ...

    def version(self) -> str | None:
        """A token that changes whenever the graph does (every write through any store on the
        same database), for caches of read results; None when the engine cannot tell, which
        turns such caches off."""
        ...

    def database_id(self) -> str | None:
        """A token naming the database itself (not its state): two databases whose
        :meth:`version` tokens happen to be equal have different ids (FalkorDB's versions are
        counters, which a new database starts again). Kept with a cache written to disk
        (graph/pathways/snapshot.py), so that such a cache is never read for another
        database; None when the engine cannot tell, which turns such caches off."""
        ...

    def snapshot(self) -> AbstractContextManager[GraphReader]:
        """A view for reads that must agree across queries (``cmq export``): a copy of the graph
        on FalkorDB, the live graph on Neo4j."""
        ...

    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the write lock across several calls of this thread: the reads that decide an
        edit (does it exist, is it new) and its write (graph.edits); writes inside the block
        do not take the lock again."""
        ...

    def ensure_schema(self) -> None:
        """Create indexes and constraints if missing (idempotent)."""
        ...

    def drop_all(self) -> None:
        """Delete every node and relationship (tests, ``cmq reset``)."""
        ...

    def close(self) -> None: ...


Request = tuple[str, Mapping[str, Any]]  # a named read query and its parameters


def read_ahead(
    reader: GraphReader, requests: Sequence[Request], shared: dict[Any, Any]
) -> Iterator[list[Row]]:
    """The rows of each request, in order, their values shared through ``shared``
    (:func:`graph.shared_values.share_rows`: rows kept long). An engine that can pipeline
    reads (FalkorDB's ``read_pipelined``) sends the next requests before the caller has
    handled the current rows, so that the server answers them while the caller works (the
    pathway cache's preload: its wall time was its CPU plus the server's, one after the
    other), and shares the values as it decodes them; others read one by one. Close the
    iterator (or exhaust it) to free its connection."""
    pipelined = getattr(reader, "read_pipelined", None)
    if pipelined is not None:
        rows: Iterator[list[Row]] = pipelined(requests, shared=shared)
        return rows
    return (share_rows(reader.read(name, **params), shared) for name, params in requests)
