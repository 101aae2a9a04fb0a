"""GraphStore on Neo4j 5 through the official driver (works with driver 5.28 and 6.x).

The only module that imports ``neo4j``. Reads run in read transactions, writes in write
transactions (both retried by the driver on transient errors, for at most the query timeout);
:meth:`Neo4jStore.write_atomic` runs every statement in one explicit transaction. Results are
normalised to the plain values the protocol promises, and driver errors become ``graph.errors``.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from typing import Any

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Record,
    RoutingControl,
    Session,
    unit_of_work,
)
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.exceptions import DatabaseUnavailable as Neo4jDatabaseUnavailable
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.cypher import CypherLibrary
from graph.engines.neo4j_local import LocalNeo4j
from graph.errors import DatabaseUnavailable, GraphError
from graph.params import split_params
from graph.schema import SCHEMA
from graph.settings import Settings
from graph.store import BulkRelationships, GraphReader, Row, Statement
from graph.touched import Touched

_UNREACHABLE = (
    ServiceUnavailable,  # and its subclasses (Read/Write/RoutingServiceUnavailable)
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    Neo4jDatabaseUnavailable,
    OSError,
)
_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut"  # …TimedOut, …ClientConfiguration
_DROP_BATCH = 10_000
_RETRY_BUDGET_S = 0.5
_CONNECT_TIMEOUT_S = 2.0
# Entries of the touch log (graph/touched.py) kept in its node, as FalkorDB keeps 256 versions.
_TOUCH_KEEP = 256


def to_plain(value: Any) -> Any:
    """Driver values → str/int/float/bool/None/list/dict, the same shapes as the FalkorDB store."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes],
            "relationships": [to_plain(r) for r in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time):
        return value.to_native().isoformat()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, WGS84Point):
        return {"latitude": value.latitude, "longitude": value.longitude}
    if isinstance(value, Point):  # cartesian: no latitude to offer
        return dict(zip(("x", "y", "z"), value, strict=False))
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


def _rows(records: Iterable[Record]) -> list[Row]:
    return [{key: to_plain(value) for key, value in record.items()} for record in records]


def _parse_version(version: str) -> tuple[str, str, int]:
    """``<bookmark>|<log id>|<log sequence>`` (:meth:`Neo4jStore.version`) → its parts."""
    mark, log, seq = version.rsplit("|", 2)
    return mark, log, int(seq)


def _log_params(touched: Touched | None) -> dict[str, Any]:
    """Parameters of ``graph_log_touch``: what a write touched, "" when it does not say."""
    return {
        "epoch": uuid.uuid4().hex,
        "entry": "" if touched is None else touched.to_json(),
        "keep": _TOUCH_KEEP,
    }


def schema_statements() -> list[str]:
    """Neo4j DDL for :data:`graph.schema.SCHEMA`; named, so ``IF NOT EXISTS`` makes it idempotent.

    A uniqueness constraint brings its own range index, so unique keys get no separate index.
    """
    statements = []
    for key in SCHEMA:
        name = f"{key.label.lower()}_{key.prop}"
        if key.unique:
            statements.append(
                f"CREATE CONSTRAINT {name}_unique IF NOT EXISTS "
                f"FOR (n:{key.label}) REQUIRE n.{key.prop} IS UNIQUE"
            )
        else:
            statements.append(
                f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{key.label}) ON (n.{key.prop})"
            )
    return statements


def close_session(session: Any) -> None:
    """Close ``session``, also when its connection broke under it.

    ``Session.close()`` marks the session closed only once it has released its connection; when
    the connection fails in a way the driver does not expect there (a server killed in the
    middle of a query, the driver closed by another thread), close() raises first, the session
    stays marked open and the driver warns about an unclosed session whenever the garbage
    collector frees it, far from the cause (a ResourceWarning, an error under the test suite).
    By then close() has released the connection, so a second close() only marks the session
    closed. The first error is raised.
    """
    try:
        session.close()
    except Exception:
        with suppress(Exception):  # the first error is the one worth raising
            session.close()
        raise


class Neo4jStore:
    engine = "neo4j"

    def __init__(self, settings: Settings, *, library: CypherLibrary | None = None) -> None:
        self.settings = settings
        self.library = library or CypherLibrary("neo4j")
        # The store's own bookkeeping queries (the touch log), whatever library it is given.
        self._own = CypherLibrary("neo4j") if library is not None else self.library
        self.database = settings.neo4j_database
        self.timeout_s = settings.query_timeout_ms / 1000
        self._edit_lock = threading.RLock()
        self._local = threading.local()  # .touched: what this thread's writes say they touch
        auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
        uri = settings.graph_uri
        self.server: LocalNeo4j | None = None
        if uri == "neo4j-local":  # started here, authentication off (loopback only)
            self.server = LocalNeo4j(settings.data_dir / "neo4j")
            uri = self.server.start()
            auth = None
        with self._errors():
            # The driver retries transient failures (and an unreachable server) with a 1 s,
            # 2 s, 4 s… backoff while less than max_transaction_retry_time has passed (default
            # 30 s; 10 s made a request to a dead server take 14 s). With 0.5 s it retries once,
            # after about 1 s: a dead database fails a request in about 1 s, like FalkorDB; a
            # slow one fails after the query timeout (TransactionTimedOut, not retried).
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                max_transaction_retry_time=min(self.timeout_s, _RETRY_BUDGET_S),
                connection_timeout=min(self.timeout_s, _CONNECT_TIMEOUT_S),
                connection_acquisition_timeout=self.timeout_s + _CONNECT_TIMEOUT_S,
                # Notifications (e.g. "property key does not exist" on an empty graph) would be
                # logged as warnings for every such query; they say nothing about our data.
                notifications_min_severity="OFF",
            )

    # -- helpers --------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except GraphError:
            raise
        except IncompleteCommit as exc:
            msg = f"connection lost during commit (outcome unknown): {exc}"
            raise DatabaseUnavailable(msg) from exc
        except _UNREACHABLE as exc:
            raise DatabaseUnavailable(f"Neo4j unreachable: {exc}") from exc
        except Neo4jError as exc:
            if (exc.code or "").startswith(_TIMED_OUT):
                raise DatabaseUnavailable(f"query timed out: {exc.message}") from exc
            raise GraphError(f"Neo4j error {exc.code}: {exc.message}") from exc
        except DriverError as exc:
            raise GraphError(f"Neo4j driver error: {exc}") from exc

    @contextmanager
    def _session(self) -> Iterator[Session]:
        session = self._driver.session(database=self.database)
        try:
            yield session
        finally:
            close_session(session)

    def _run(self, name: str, params: Mapping[str, Any], *, read_only: bool) -> list[Row]:
        max_hops, args = split_params(params)
        query = self.library.get(name, max_hops=max_hops)

        @unit_of_work(timeout=self.timeout_s)
        def work(tx: ManagedTransaction) -> list[Row]:
            return _rows(tx.run(query, args))

        if read_only:
            with self._errors(), self._session() as session:
                return session.execute_read(work)

        log_query = self._own.get("graph_log_touch")
        log_args = _log_params(getattr(self._local, "touched", None))

        @unit_of_work(timeout=self.timeout_s)
        def logged_work(tx: ManagedTransaction) -> list[Row]:
            # First: the log's lock, held to the commit, orders the writes (graph/touched.py).
            tx.run(log_query, log_args).consume()
            return _rows(tx.run(query, args))

        with self._errors(), self._session() as session:
            return session.execute_write(logged_work)

    # -- GraphStore -----------------------------------------------------------------------
    def read(self, name: str, /, **params: Any) -> list[Row]:
        return self._run(name, params, read_only=True)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Serialise the edits of this process (the reads that decide an edit and its write).

        Between processes, Neo4j's uniqueness constraints still refuse a second actor or
        passerelle with the same id; two processes could each add the same offer.
        """
        with self._edit_lock:
            yield

    def write(self, name: str, /, **params: Any) -> list[Row]:
        return self._run(name, params, read_only=False)

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        """All statements in one explicit transaction: committed together, or rolled back.

        Not retried on transient errors (an explicit transaction cannot be); the caller sees a
        GraphError and nothing was written.
        """
        # The touch log first (its lock orders the writes) and last (a restore deletes every
        # node, the log's included): this write says nothing of what it touched.
        log = (self._own.get("graph_log_touch"), _log_params(None))
        queries = [log]
        for st in statements:
            if isinstance(st, BulkRelationships):  # only for a store with bulk_relationships
                raise TypeError("Neo4jStore takes no BulkRelationships")
            max_hops, args = split_params(st.params)
            queries.append((self.library.get(st.name, max_hops=max_hops), args))
        queries.append(log)
        # The query timeout bounds each statement, as on FalkorDB (where each runs on its own):
        # a seed load is about 40 statements, and a cold server compiles each in ~0.2 s.
        timeout = self.timeout_s * max(1, len(queries) - 2)
        # On an exception inside the block, leaving it rolls the transaction back.
        with (
            self._errors(),
            self._session() as session,
            session.begin_transaction(timeout=timeout) as tx,
        ):
            for query, params in queries:
                tx.run(query, params).consume()
            tx.commit()

    def preparing_write(self) -> AbstractContextManager[None]:
        """Nothing to prepare: write_atomic is one transaction on the live graph."""
        return nullcontext()

    def ping(self) -> None:
        """A real query on the configured database (verify_connectivity only checks the server)."""
        with self._errors():
            self._driver.execute_query(
                "RETURN 1 AS ok", database_=self.database, routing_=RoutingControl.READ
            )

    def version(self) -> str | None:
        """The database's last committed transaction (a bookmark) and the touch log's state,
        read in one read transaction: ``<bookmark>|<log id>|<log sequence>``.

        Neo4j answers every transaction, reads included, with a bookmark naming the last
        transaction committed on the database; it changes with every commit, whoever made it
        (this store, another API worker, cmq load, Neo4j Browser), and a rolled-back
        transaction leaves it as it was. The touch log (graph/touched.py,
        :meth:`touched_between`) is one ``GraphLog`` node that every write of this class
        updates first in its own transaction, so its state moves with the write that it
        describes and commits with it. One round trip (about 9 ms on a laptop) per call.

        On a cluster the bookmark is the answering member's; docs/scaling.md says how the
        caches behave with read replicas.
        """
        query = self._own.get("graph_log_version")

        @unit_of_work(timeout=self.timeout_s)
        def work(tx: ManagedTransaction) -> list[Row]:
            return _rows(tx.run(query))

        with self._errors(), self._session() as session:
            rows = session.execute_read(work)
            bookmark = ",".join(sorted(session.last_bookmarks().raw_values))
        if not bookmark:
            return None
        log = rows[0] if rows else {}
        return f"{bookmark}|{log.get('epoch') or ''}|{log.get('seq') or 0}"

    def database_id(self) -> str | None:
        """The database's name: :meth:`version` names the database already (a bookmark
        carries the id of the database it is of, and the touch log's epoch is a random id
        given when the log is created)."""
        return f"neo4j:{self.database}"

    @contextmanager
    def touching(self, touched: Touched) -> Iterator[None]:
        """The single-query writes of this thread in the block record ``touched`` in the same
        transaction (graph/touched.py); write_atomic and the writes outside the block record an
        empty entry (anything may change); drop_all deletes the log."""
        before = getattr(self._local, "touched", None)
        self._local.touched = touched if before is None else before | touched
        try:
            yield
        finally:
            self._local.touched = before

    def touched_between(self, old: str, new: str) -> Touched | None:
        """The union of what the writes after version ``old`` up to ``new`` touched; None when
        one of them recorded nothing, is no longer kept, or the versions do not name the same
        log.

        Every write of this class updates the log first in its transaction (what it touched,
        or an empty entry when it does not say), so the log's sequence counts the writes of this
        class in the order of their commits; a log deleted (drop_all, a restore) comes back
        with another id. A write made by anything else (Neo4j Browser, cypher-shell) moves the
        bookmark only: alone between two versions, it is seen (same sequence, another bookmark:
        None); in the same interval as an edit, only the edit's rows are read again
        (docs/cypher.md).
        """
        try:
            old_mark, old_log, old_seq = _parse_version(old)
            new_mark, new_log, new_seq = _parse_version(new)
        except ValueError:
            return None
        if not old_log or old_log != new_log or not old_seq <= new_seq <= old_seq + _TOUCH_KEEP:
            return None
        if old_seq == new_seq:
            return Touched() if old_mark == new_mark else None
        query = self._own.get("graph_log_entries")

        @unit_of_work(timeout=self.timeout_s)
        def work(tx: ManagedTransaction) -> list[Row]:
            return _rows(tx.run(query))

        with self._errors(), self._session() as session:
            rows = session.execute_read(work)
        if not rows or rows[0]["epoch"] != old_log:
            return None
        seq, entries = int(rows[0]["seq"]), list(rows[0]["entries"] or [])
        first = seq - len(entries) + 1
        if old_seq + 1 < first or new_seq > seq:
            return None
        out = Touched()
        for raw in entries[old_seq + 1 - first : new_seq + 1 - first]:
            if not raw:  # a write that did not say what it touched
                return None
            out = out | Touched.from_json(raw)
        return out

    def snapshot(self) -> AbstractContextManager[GraphReader]:
        """The live graph: Neo4j has no cheap copy, so an export reads the graph as it is."""
        return nullcontext(self)

    def ensure_schema(self) -> None:
        with self._errors():
            for statement in schema_statements():
                self._driver.execute_query(statement, database_=self.database)

    def drop_all(self) -> None:
        """Delete every node and relationship (tests, `cmq reset`), in bounded transactions.

        Unlike the FalkorDB store, which deletes the whole graph key, constraints and indexes
        are kept; ensure_schema() is idempotent either way.
        """
        query = "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"
        with self._errors():
            while True:
                records, _, _ = self._driver.execute_query(
                    query, {"batch": _DROP_BATCH}, database_=self.database
                )
                if records[0]["deleted"] == 0:
                    return

    def close(self) -> None:
        try:
            self._driver.close()
        finally:
            if self.server is not None:
                self.server.stop()
