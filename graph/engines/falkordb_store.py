"""GraphStore on FalkorDB through its native client (the embedded default, or a running server).

FalkorDB has no multi-statement transaction: a single query is atomic, nothing more. So
:meth:`FalkorDBStore.write_atomic` copies the live graph to a staging key (GRAPH.COPY), applies
every statement there, and swaps it in with one RENAME, which Redis performs atomically and the
append-only file records as one command. Readers see the old graph or the new one, never a mix;
a failure, or a ``kill -9`` before the RENAME, leaves the live graph untouched. A Redis lock
serialises writers so a swap never drops a concurrent write; the lock names its holder
(host:pid), so the lock and the staging copy of a writer killed mid-write are removed as soon as
another process sees that the holder is gone, instead of blocking writes until the lock expires.

Faults: the client retries a dropped connection once, at once (redis-py's default backoff makes a
request hang for seconds when the server is gone), connects within 2 s, and waits for a read no
longer than the query timeout plus one second; every failure becomes DatabaseUnavailable (HTTP
503). When the embedded server this store started has died, the next failing call restarts it
on the same data dir (the append-only file is replayed); a server it does not own is only
reconnected to once it is back. An external server that is down when the store is created does
not stop the store from being created: calls fail until the server answers.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import urlparse

import redis
from falkordb import Edge, FalkorDB, Node, Path
from falkordb.query_result import QueryResult
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.cypher import CypherLibrary
from graph.engines.falkordb_bulk import (
    encode_segments,
    encode_values,
    node_header,
    relationship_header,
    relationships_token,
)
from graph.engines.falkordb_params import params_header
from graph.engines.falkordb_reply import plain_rows
from graph.engines.falkordb_server import EmbeddedFalkorDB
from graph.errors import DatabaseUnavailable, GraphError
from graph.models import InternalLabel, Label
from graph.schema import SCHEMA
from graph.settings import Settings
from graph.shared_values import share_rows
from graph.store import BulkNodes, BulkRelationships, Request, Row, Statement
from graph.touched import Touched

_LOCK_KEY = "cmq:write-lock"
# Bumped after every write (graph.store.GraphStore.version); a Redis key beside the graph, so
# that exports, counts and snapshots of the graph never see it.
_VERSION_KEY = "cmq:version:{graph}"
# What the write of each recent version touched (graph/touched.py): a hash version -> JSON,
# written in the same Lua call as the version's INCR, the last _TOUCH_KEEP versions kept.
_TOUCHED_KEY = "cmq:touched:{graph}"
_TOUCH_KEEP = 256
# A random id of the database, set by the first store that asks (database_id): the version
# counters of two databases (a new one started where another was) may be equal
_DATABASE_ID_KEY = "cmq:database-id:{graph}"
_BUMP_TOUCHED = """
local v = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], tostring(v), ARGV[1])
redis.call('HDEL', KEYS[2], tostring(v - tonumber(ARGV[2])))
return v
"""
_LOCK_TTL_S = 600
_LOCK_WAIT_S = 60.0
_HOST = socket.gethostname()
# Delete the lock only if it still holds the value read (another writer may have taken it since).
_DELETE_IF_EQUAL = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)
_EMPTY_KEY = "Invalid graph operation on empty key"  # FalkorDB's answer when no graph exists
_STAGING = "__staging_"  # <graph>__staging_<hex>: the copy a write_atomic writes, then renames
_SNAPSHOT = "__snapshot:"  # <graph>__snapshot:<host>:<pid>:<hex>, see FalkorDBStore.snapshot
_CONNECT_TIMEOUT_S = 2.0
# Reads carry a server-side timeout (query_timeout_ms); the socket waits this much longer.
_READ_MARGIN_S = 1.0
# After a socket timeout (the server did not even stop the query at its own timeout), how long
# a PING on a new connection may take before the embedded server is held hung and restarted.
_HUNG_PROBE_S = 10.0
# Writes have no server-side timeout (FalkorDB ignores it for writes). One write command (a
# statement, GRAPH.COPY, RENAME) that does not answer within this means a hung server; the
# largest command of a national-size seed load takes about 4 s.
_WRITE_SOCKET_TIMEOUT_S = 120.0
# How long write_atomic waits for its swap to reach the append-only file (see _swap).
_WAITAOF_MS = 5_000
# The embedded server's append-only file is rewritten (compacted) after a swap once it is this
# large and twice its size after the last rewrite: Redis's own default thresholds, which the
# embedded server does not apply itself (graph/engines/falkordb_server.py; _compact_aof).
_AOF_REWRITE_MIN_BYTES = 64 * 1024 * 1024
_AOF_REWRITE_WAIT_S = 600.0
# How many statements write_atomic's helper thread prepares ahead of the server (_run_all).
_AHEAD = 64

# A scan of every label of the closed lists (graph.models), run before a statement that deletes:
# scanning a label makes FalkorDB 4.16 apply that label's pending changes. A DELETE while a
# label's matrix still has pending changes (after writes that grew the graph, e.g. the nodes an
# import creates in its staging graph) leaves the deleted node in the label's index, and every
# later read of that label fails with « Attempted to access undefined attribute » (FalkorDB
# issue 2103, fixed in 4.18; seen on a national import over a graph holding a smaller import).


def _label_scan() -> str:
    """The scan, written from the closed lists only (never from input)."""
    return " UNION ALL ".join(
        f"MATCH (n:{label.value}) RETURN '{label.value}' AS label, count(id(n)) AS nodes"
        for label in (*Label, *InternalLabel)
    )


_SYNC_LABELS = _label_scan()

# What FalkorDB still builds in the background after CREATE INDEX / GRAPH.CONSTRAINT CREATE
# (its indexer thread): see FalkorDBStore._await_indexes.
_INDEXES_BUILDING = (
    "CALL db.indexes() YIELD status WHERE status <> 'OPERATIONAL' RETURN count(status) AS n"
)
_CONSTRAINTS_BUILDING = (
    "CALL db.constraints() YIELD status WHERE status = 'UNDER CONSTRUCTION' "
    "RETURN count(status) AS n"
)
# How long _await_indexes waits for the indexer (an index over a national-size label: < 1 s).
_INDEX_WAIT_S = 120.0
_DELETES = re.compile(r"\bDELETE\b", re.IGNORECASE)
_COMMENT = re.compile(r"//[^\n]*")

log = logging.getLogger("cmq.graph")
T = TypeVar("T")


def to_plain(value: Any) -> Any:
    if isinstance(value, Node):
        return {
            "_labels": sorted(value.labels or []),
            **{k: to_plain(v) for k, v in value.properties.items()},
        }
    if isinstance(value, Edge):
        return {"_type": value.relation, **{k: to_plain(v) for k, v in value.properties.items()}}
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n) for n in value.nodes()],
            "relationships": [to_plain(e) for e in value.edges()],
        }
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class Snapshot:
    """Read-only view of a copy of the graph (:meth:`FalkorDBStore.snapshot`)."""

    engine = "falkordb"

    def __init__(self, store: FalkorDBStore, key: str | None) -> None:
        self._store = store
        self._key = key  # None: the graph did not exist, every read answers as on an empty one

    def read(self, name: str, /, **params: Any) -> list[Row]:
        key = self._key
        if key is None:
            return []

        def call() -> list[Row]:
            if not self._store._exists(key):
                raise GraphError(f"the snapshot {key} is gone (removed, or the database lost it)")
            return self._store._run(key, name, params, read_only=True)

        return self._store._with_revive(call, retry=True)


@dataclass
class _Prepared:
    """A copy of the live graph taken for the next write_atomic (see preparing_write)."""

    staging: str
    version: Future[str | None]  # the version the copy is of, once taken
    used: bool = False


@dataclass
class _NodesPrepared:
    """A :class:`BulkNodes` ready to send (FalkorDBStore._prepare_nodes)."""

    keys: tuple[Any, ...]  # of the nodes to create, in step with values
    values: list[bytes]
    text: str | None  # the statement on the other rows
    # per label, the keys of the nodes the rows to create require (BulkNodes.requires)
    required: dict[str, set[Any]] = field(default_factory=dict)


class FalkorDBStore:
    engine = "falkordb"
    # write_atomic takes BulkRelationships and BulkNodes (GRAPH.BULK into its staging graph)
    bulk_relationships = True
    bulk_nodes = True
    # usable from a forked child (graph/gaps/forked.py): redis-py's pool opens the child's own
    # connections; the child calls forked_child() first
    fork_safe = True

    def __init__(self, settings: Settings, *, library: CypherLibrary | None = None) -> None:
        self.settings = settings
        self.library = library or CypherLibrary("falkordb")
        self.graph_name = settings.graph_name
        self.timeout_ms = settings.query_timeout_ms
        self.server: EmbeddedFalkorDB | None = None
        self._clients: tuple[FalkorDB, FalkorDB] | None = None
        self._connect_lock = threading.Lock()
        self._revive_lock = threading.Lock()
        self._generation = 0  # bumped at each restart of the embedded server
        self._held: set[str] = set()  # write-lock tokens this process holds or is acquiring
        self._local = threading.local()  # .exclusive: this thread holds the lock (exclusive())
        self._deleting: dict[str, bool] = {}  # query name -> it deletes (_deletes)
        self._version_key = _VERSION_KEY.format(graph=self.graph_name)
        self._touched_key = _TOUCHED_KEY.format(graph=self.graph_name)
        self._database_id_key = _DATABASE_ID_KEY.format(graph=self.graph_name)
        # the last write_atomic's split (bench/import_national.py): copy, statements, swap
        self.last_write_seconds: dict[str, float] = {}
        uri = settings.graph_uri
        if uri == "embedded":
            self.server = EmbeddedFalkorDB(settings.data_dir)
            self.server.start()
            self._address: dict[str, Any] = {"unix_socket_path": str(self.server.socket)}
        elif uri.startswith("unix://"):
            self._address = {"unix_socket_path": uri[len("unix://") :]}
        else:
            parsed = urlparse(uri)
            self._address = {
                "host": parsed.hostname or "127.0.0.1",
                "port": parsed.port or 6379,
                "password": parsed.password,
            }
        try:
            self._connect()
        except DatabaseUnavailable as exc:
            if self.server is not None:
                self.server.stop()
                raise
            log.warning("FalkorDB is not answering yet (%s); calls fail until it does", exc)

    def forked_child(self) -> None:
        """In a forked child (graph/gaps/forked.py): this copy never restarts nor stops the
        parent's embedded server, and takes fresh locks (another thread of the parent may
        have held one when it forked)."""
        self.server = None
        self._connect_lock = threading.Lock()
        self._revive_lock = threading.Lock()

    # -- connections ----------------------------------------------------------------------
    def _client(self, socket_timeout: float) -> FalkorDB:
        return FalkorDB(
            **self._address,
            socket_connect_timeout=_CONNECT_TIMEOUT_S,
            socket_timeout=socket_timeout,
            # One immediate retry on a dropped connection (a pooled connection to a server that
            # restarted). Never on a timeout: the query would run twice.
            retry=Retry(NoBackoff(), 1, supported_errors=(redis.exceptions.ConnectionError,)),
        )

    def _connect(self) -> tuple[FalkorDB, FalkorDB]:
        """The (read, write) clients, created on first use (the constructor sends INFO)."""
        with self._connect_lock:
            if self._clients is None:
                with self._errors():
                    reader = self._client(self.timeout_ms / 1000 + _READ_MARGIN_S)
                    writer = self._client(_WRITE_SOCKET_TIMEOUT_S)
                self._clients = (reader, writer)
                with self._errors():
                    self._drop_orphan_staging()
            return self._clients

    @property
    def _db(self) -> FalkorDB:
        """Client for reads: the socket gives up just after the query timeout."""
        return (self._clients or self._connect())[0]

    @property
    def _wdb(self) -> FalkorDB:
        """Client for writes, which can legitimately run longer than a read."""
        return (self._clients or self._connect())[1]

    @property
    def _redis(self) -> redis.Redis:
        conn: redis.Redis = self._db.connection
        return conn

    @property
    def _wredis(self) -> redis.Redis:
        conn: redis.Redis = self._wdb.connection
        return conn

    def _with_revive(self, call: Callable[[], T], *, retry: bool) -> T:
        """Run ``call``; if it failed because the embedded server this store owns died,
        restart the server, then retry once (reads) or report the restart (writes, which may
        or may not have been applied before the crash)."""
        generation = self._generation
        try:
            return call()
        except DatabaseUnavailable as exc:
            if not self._revive(generation, exc):
                raise
            if not retry:
                raise DatabaseUnavailable(
                    f"{exc}; the embedded FalkorDB had stopped and has been restarted, retry"
                ) from exc
        return call()

    def _revive(self, generation: int, exc: DatabaseUnavailable) -> bool:
        """After a lost connection, start the embedded server again if it has died or was
        stopped, whoever started it (this store, or another process using the same data dir:
        ``cmq import`` that has finished, an API killed while its server lived on).

        After a socket timeout, the embedded server is asked for a PING on a new connection;
        one that does not answer within ``_HUNG_PROBE_S`` is hung (FalkorDB 4.16.3 has lock-
        order deadlocks around GRAPH.COPY's fork, docs/testing.md, which stop every command of
        every client for good): it is killed and started again, its append-only file
        replayed. A server that answers the PING was only slow: the timeout stands.

        True if a server answers again (restarted by this call, by another thread since
        ``generation``, or by another process). An external server is never restarted here.
        """
        cause = exc.__cause__
        timed_out = isinstance(cause, redis.exceptions.TimeoutError | TimeoutError)
        lost = isinstance(cause, redis.exceptions.ConnectionError | OSError) and not isinstance(
            cause, redis.exceptions.BusyLoadingError | TimeoutError
        )
        if self.server is None or not (lost or timed_out):
            return False
        with self._revive_lock:
            if self._generation != generation:
                return True
            if timed_out:
                if self.server.answers(_HUNG_PROBE_S):
                    return False
                log.warning(
                    "embedded FalkorDB on %s answers nothing, not even a PING within %.0f s: "
                    "killed to start it again. The end of its log:\n%s",
                    self.server.data_dir,
                    _HUNG_PROBE_S,
                    self.server.log_tail(),
                )
                if not self.server.kill_hung():
                    return False
            elif self.server.owned and not self.server.wait_exited(0.5):
                return False
            if not self.server.revive():
                return False  # another process's server, still there (hung or shutting down)
            log.warning(
                "embedded FalkorDB had stopped; a server runs again on %s", self.server.data_dir
            )
            self._generation += 1
            for client in self._clients or ():
                client.connection.connection_pool.disconnect()
            with self._errors():
                self._drop_orphan_staging()
            return True

    # -- helpers --------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except GraphError:
            raise
        except redis.exceptions.BusyLoadingError as exc:
            raise DatabaseUnavailable("the database is loading its data, retry shortly") from exc
        except (redis.exceptions.TimeoutError, TimeoutError) as exc:
            raise DatabaseUnavailable(
                f"query timed out: no answer from FalkorDB in time ({exc})"
            ) from exc
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise DatabaseUnavailable(f"FalkorDB unreachable: {exc}") from exc
        except redis.exceptions.ResponseError as exc:
            msg = str(exc)
            if "timed out" in msg.lower():
                raise DatabaseUnavailable(
                    f"query timed out: FalkorDB stopped it after {self.timeout_ms} ms "
                    f"(CMQ_QUERY_TIMEOUT_MS): {msg}"
                ) from exc
            raise GraphError(f"FalkorDB error: {msg}") from exc
        except redis.exceptions.RedisError as exc:
            raise GraphError(f"FalkorDB client error: {exc}") from exc

    def _text(self, name: str, params: Mapping[str, Any]) -> str:
        """The query as sent: the parameters checked and written as falkordb-py writes them
        (the escaping the injection tests exercise; graph.engines.falkordb_params, in one
        pass), then the named query."""
        rest = dict(params)
        max_hops = rest.pop("max_hops", None)  # a query-text bound (graph.cypher), not a value
        return params_header(rest) + self.library.get(name, max_hops=max_hops)

    def _run(
        self,
        graph: str,
        name: str,
        params: Mapping[str, Any],
        *,
        read_only: bool,
        text: str | None = None,
    ) -> list[Row]:
        if text is None:
            text = self._text(name, params)
        if not read_only and self._deletes(name):
            self._sync_labels(graph)
        with self._errors():
            client = self._db if read_only else self._wdb
            g = client.select_graph(graph)
            # the reply is decoded by graph.engines.falkordb_reply
            command: list[Any] = [
                "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY",
                graph,
                text,
                "--compact",
            ]
            if read_only:
                command += ["timeout", self.timeout_ms]
            response = client.connection.execute_command(*command)
            rows = plain_rows(response)
            if rows is not None:
                return rows
            result = QueryResult(g, response)
        header = [h[1] for h in result.header]
        return [
            dict(zip(header, (to_plain(v) for v in row), strict=True)) for row in result.result_set
        ]

    def _deletes(self, name: str) -> bool:
        """Whether the named query deletes (its text without comments says DELETE)."""
        known = self._deleting
        if name not in known:
            try:
                known[name] = bool(_DELETES.search(_COMMENT.sub("", self.library.get(name))))
            except GraphError:
                known[name] = False  # no such query: _text has already said so
        return known[name]

    def _sync_labels(self, graph: str) -> None:
        """Apply FalkorDB's pending label changes before a DELETE (see _SYNC_LABELS)."""
        with self._errors():
            try:
                self._wredis.execute_command("GRAPH.RO_QUERY", graph, _SYNC_LABELS, "--compact")
            except redis.exceptions.ResponseError as exc:
                if _EMPTY_KEY not in str(exc):
                    raise

    def _exists(self, graph: str, client: redis.Redis | None = None) -> bool:
        with self._errors():
            return bool((client or self._redis).exists(graph))

    def _token(self) -> str:
        return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex}"

    def _holder_is_dead(self, value: str) -> bool:
        """Whether the write lock was taken by a process of this machine that is gone."""
        host, _, rest = value.partition(":")
        pid_text = rest.partition(":")[0]
        if host != _HOST or not pid_text.isdigit():
            return False  # another machine's lock: only its TTL frees it
        pid = int(pid_text)
        if pid == os.getpid():
            return value not in self._held  # ours from before a crash of the server
        if os.path.exists("/proc/self/stat"):  # Linux: a zombie (killed, not reaped) is dead
            try:
                with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
                    return fh.read().rpartition(")")[2].split()[0] in ("Z", "X")
            except FileNotFoundError:
                return True
            except OSError:
                return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def _break_dead_lock(self) -> None:
        """Remove the write lock of a writer that was killed (it would block writes for
        ``_LOCK_TTL_S``). Its staging copy is removed by :meth:`_drop_orphan_staging`."""
        r = self._wredis
        value = r.get(_LOCK_KEY)
        # the eval gives 0 when the holder released it in between (a thread of this process
        # that was done between the GET and the check of self._held): nothing was removed
        if (
            value is not None
            and self._holder_is_dead(value if isinstance(value, str) else value.decode())
            and r.eval(_DELETE_IF_EQUAL, 1, _LOCK_KEY, value)
        ):
            log.warning("removed the write lock of a dead writer (%s)", value)

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        token = self._token()
        self._held.add(token)
        try:
            with self._errors():
                lock = self._wredis.lock(_LOCK_KEY, timeout=_LOCK_TTL_S)
                deadline = time.monotonic() + _LOCK_WAIT_S
                while not lock.acquire(blocking=False, token=token):
                    self._break_dead_lock()
                    if time.monotonic() >= deadline:
                        raise DatabaseUnavailable("another write is in progress, retry shortly")
                    time.sleep(0.05)
            try:
                yield
            finally:
                with self._errors(), suppress(redis.exceptions.LockError):
                    lock.release()
        finally:
            self._held.discard(token)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the write lock across several calls of this thread: the reads that decide an
        edit (does it exist, is it new) and its write, so that no other writer of any process
        acts in between. :meth:`write` inside the block does not take the lock again."""
        if getattr(self._local, "exclusive", False):
            yield
            return
        with self._write_lock():
            self._local.exclusive = True
            try:
                yield
            finally:
                self._local.exclusive = False

    @contextmanager
    def _lock_unless_held(self) -> Iterator[None]:
        if getattr(self._local, "exclusive", False):
            yield
        else:
            with self._write_lock():
                yield

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """The graph as it is now, for reads that must agree across queries (``cmq export``).

        A GRAPH.COPY taken under the write lock (about 4 s at national size, and as much memory
        as the graph), read while writes go on, deleted at the end. The copy of an exporter
        that was killed is removed once its process is seen dead (:meth:`_drop_orphan_staging`).
        """
        token = self._token()
        key = f"{self.graph_name}{_SNAPSHOT}{token}"

        def take() -> bool:
            with self._write_lock(), self._errors():
                if not self._exists(self.graph_name, self._wredis):
                    return False
                self._wredis.execute_command("GRAPH.COPY", self.graph_name, key)
                return True

        self._held.add(token)
        try:
            copied = self._with_revive(take, retry=True)
            try:
                yield Snapshot(self, key if copied else None)
            finally:
                if copied:
                    with suppress(redis.exceptions.RedisError):
                        self._wredis.delete(key)
        finally:
            self._held.discard(token)

    # -- GraphStore -----------------------------------------------------------------------
    def read(self, name: str, /, **params: Any) -> list[Row]:
        return self._with_revive(lambda: self._read(name, params), retry=True)

    def read_pipelined(
        self, requests: Sequence[Request], *, shared: dict[Any, Any] | None = None, ahead: int = 3
    ) -> Iterator[list[Row]]:
        """The rows of each read request, in order, sent up to ``ahead`` requests before their
        rows are asked for, on one connection of the read pool: the server runs the next
        queries while the caller decodes and handles the current rows (Redis answers one
        connection's commands in order). Any trouble (a lost connection, a timeout, an error
        reply, a value the plain decoder does not know) drops the connection and reads the
        rest one by one through :meth:`read`, which reports errors as every read does. Close
        the iterator to give the connection back before its end. ``shared``: the values
        decoded through this table (:func:`graph.engines.falkordb_reply.plain_rows`)."""
        requests = list(requests)
        again = (
            self.read if shared is None else lambda n, **p: share_rows(self.read(n, **p), shared)
        )
        try:
            with self._errors():
                pool = self._redis.connection_pool
                conn = pool.get_connection()
        except GraphError:
            yield from (again(name, **params) for name, params in requests)
            return
        sent = done = 0
        try:
            while done < len(requests):
                try:
                    while sent < min(len(requests), done + 1 + ahead):
                        name, params = requests[sent]
                        conn.send_command(
                            "GRAPH.RO_QUERY",
                            self.graph_name,
                            self._text(name, params),
                            "--compact",
                            "timeout",
                            self.timeout_ms,
                        )
                        sent += 1
                    rows = plain_rows(conn.read_response(), shared)
                except Exception:  # noqa: BLE001 - read() below says what went wrong
                    break
                done += 1
                if rows is None:  # nodes or dates: the schema-aware decoding of read()
                    name, params = requests[done - 1]
                    rows = again(name, **params)
                yield rows
        finally:
            if sent > done:  # replies still on the way: the connection cannot be reused
                conn.disconnect()
            pool.release(conn)
        for name, params in requests[done:]:
            yield again(name, **params)

    def _read(self, name: str, params: Mapping[str, Any]) -> list[Row]:
        try:
            return self._run(self.graph_name, name, params, read_only=True)
        except GraphError as exc:
            if _EMPTY_KEY in str(exc):  # no graph yet: every read answers as on an empty one
                return []
            raise

    def write(self, name: str, /, **params: Any) -> list[Row]:
        def call() -> list[Row]:
            with self._lock_unless_held():
                rows = self._run(self.graph_name, name, params, read_only=False)
                # a failed query wrote nothing (one query is atomic)
                self._bump_version(getattr(self._local, "touched", None))
                return rows

        return self._with_revive(call, retry=False)

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        self._with_revive(lambda: self._write_atomic(statements), retry=False)

    @contextmanager
    def preparing_write(self) -> Iterator[None]:
        """Copy the live graph for the next :meth:`write_atomic` of this thread in the
        background, while the caller prepares its statements (the import parses its files
        meanwhile: the copy is ~1 s of server time at national size, paid on every re-import).

        The copy is taken under the write lock, with the version counter that every write of
        a FalkorDBStore bumps once its query has run (under the lock). The lock is needed: a
        write query on a graph while FalkorDB copies it deadlocks the whole server (FalkorDB
        4.16: the copy's thread holds the graph's read lock and waits for Redis's module lock,
        which the write holds while it waits for the graph's write lock; seen in
        tests/contract, ~1 run in 15 before). Other writers wait for the copy (~1 s at
        national size), readers do not. write_atomic waits for the copy before taking the
        lock itself, and uses it only if, under the lock, the counter is still the one read
        with the copy: no write can then have happened since, so the copy is the live graph;
        otherwise it copies again. A copy left unused is deleted on leaving the block."""
        if getattr(self._local, "prepared", None) is not None:
            yield
            return
        staging = f"{self.graph_name}{_STAGING}{uuid.uuid4().hex[:12]}"

        def copy() -> str | None:
            """The version the copy is of; None when there is no graph to copy."""
            r = self._wredis
            with self._write_lock(), self._errors():
                version = r.get(self._version_key)
                if not self._exists(self.graph_name, r):
                    return None
                r.execute_command("GRAPH.COPY", self.graph_name, staging)
            return version.decode() if isinstance(version, bytes) else str(version)

        with ThreadPoolExecutor(1, thread_name_prefix="cmq-staging-copy") as helper:
            prepared = _Prepared(staging, helper.submit(copy))
            self._local.prepared = prepared
            try:
                yield
            finally:
                self._local.prepared = None
                if not prepared.used:
                    with suppress(Exception):
                        prepared.version.result()
                    with suppress(redis.exceptions.RedisError, GraphError):
                        self._wredis.delete(staging)

    def _prepared_copy(self, r: redis.Redis) -> str | None:
        """The staging graph :meth:`preparing_write` copied, if it is still the live graph
        (called under the write lock); None to copy again."""
        prepared: _Prepared | None = getattr(self._local, "prepared", None)
        if prepared is None or prepared.used:
            return None
        prepared.used = True
        try:
            version = prepared.version.result()
        except (GraphError, redis.exceptions.RedisError) as exc:
            log.info("the graph copied in the background is not used: %s", exc)
            version = None
        with self._errors():
            now = r.get(self._version_key)
            now_text = now.decode() if isinstance(now, bytes) else str(now)
            if version is not None and version == now_text and self._exists(prepared.staging, r):
                # the indexes ensure_schema may have added to the live graph since the copy
                self._create_indexes(prepared.staging)
                return prepared.staging
            r.delete(prepared.staging)
        return None

    def _write_atomic(self, statements: Sequence[Statement]) -> None:
        background: _Prepared | None = getattr(self._local, "prepared", None)
        if background is not None and not background.used:
            # the background copy holds the write lock until it is done: wait for it first
            with suppress(Exception):
                background.version.result()
        with self._write_lock():
            r = self._wredis
            staging = f"{self.graph_name}{_STAGING}{uuid.uuid4().hex[:12]}"
            try:
                t0 = time.perf_counter()
                with self._errors():
                    if (prepared := self._prepared_copy(r)) is not None:
                        staging = prepared
                    elif self._exists(self.graph_name, r):
                        r.execute_command("GRAPH.COPY", self.graph_name, staging)
                    else:
                        self._create_indexes(staging)
                t1 = time.perf_counter()
                self._run_all(staging, statements)
                t2 = time.perf_counter()
                self._swap(staging)
                self.last_write_seconds = {
                    "copy": t1 - t0,
                    "statements": t2 - t1,
                    "swap": time.perf_counter() - t2,
                }
            except BaseException:
                with suppress(redis.exceptions.RedisError):
                    r.delete(staging)
                raise

    def _run_all(self, graph: str, statements: Iterable[Statement]) -> None:
        """Run the statements in order; the statements are taken from ``statements`` and their
        text (or, for :class:`BulkRelationships`, their values in the binary format) written by
        a helper thread up to ``_AHEAD`` statements ahead of the one the server runs (the
        client waits on the socket without the GIL): an import's 16 MB of parameters, and the
        rows of a sequence that builds them as it is read (the import's actors and offers), are
        built while the server runs the statements before them. The server's work is uneven
        (the node statements are its part, the offers Python's), so one statement ahead was
        not enough to keep both busy. An error in building statement n+1 is raised after
        statement n, as without the helper; an error in statement n stops the helper."""
        ready: queue.Queue[tuple[Statement, Any] | BaseException | None] = queue.Queue(_AHEAD)
        stop = threading.Event()

        def prepare(st: Statement) -> tuple[Statement, Any]:
            if isinstance(st, BulkRelationships):
                cache: dict[int, tuple[tuple[Any, ...], bytes]] = {}
                rows = st.params["rows"]
                return st, [
                    (a, b, segs if isinstance(segs, bytes) else encode_segments(segs, cache))
                    for a, b, segs in rows
                ]
            if isinstance(st, BulkNodes):
                return st, self._prepare_nodes(st)
            return st, self._text(st.name, st.params)

        def put(item: tuple[Statement, Any] | BaseException | None) -> bool:
            while not stop.is_set():
                with suppress(queue.Full):
                    ready.put(item, timeout=0.05)
                    return True
            return False

        def produce() -> None:
            try:
                for st in statements:
                    if not put(prepare(st)):
                        return
                put(None)
            except BaseException as exc:  # raised by the consumer at its turn
                put(exc)

        ends: dict[str, dict[str, dict[Any, list[int]]]] = {}  # read once per run of bulks
        keys: dict[str, set[Any]] = {}  # the keys of the nodes BulkNodes upsert, once read
        helper = threading.Thread(target=produce, name="cmq-write-text", daemon=True)
        helper.start()
        try:
            while (item := ready.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                current, prepared = item
                if isinstance(current, BulkRelationships):
                    self._bulk(graph, current, prepared, ends)
                    continue
                ends.clear()  # the statement may create or delete nodes
                if isinstance(current, BulkNodes):
                    self._bulk_nodes(graph, current, prepared, keys)
                else:
                    keys.clear()
                    self._run(graph, current.name, current.params, read_only=False, text=prepared)
        finally:
            stop.set()
            helper.join()

    @staticmethod
    def encoded(st: Statement) -> Statement:
        """``st`` with its relationships' values already in ``GRAPH.BULK``'s format, for a
        :class:`BulkRelationships` built in another process (graph/ingest/opendata/forked.py):
        bytes travel back faster than the segments, and the encoding is done there; any other
        statement as it is."""
        if not isinstance(st, BulkRelationships):
            return st
        cache: dict[int, tuple[tuple[Any, ...], bytes]] = {}
        rows = [(a, b, encode_segments(segs, cache)) for a, b, segs in st.params["rows"]]
        return replace(st, params={**st.params, "rows": rows})

    def _bulk(
        self,
        graph: str,
        st: BulkRelationships,
        values: list[tuple[Any, Any, bytes]],
        ends: dict[str, dict[str, dict[Any, list[int]]]],
    ) -> None:
        """Create ``st``'s relationships with one GRAPH.BULK (no BEGIN: into the existing
        staging graph), their end nodes' ids read by ``st.ends`` (once for consecutive bulks of
        the same query: nothing else writes the staging graph in between). ``st.ends`` gives
        per side its keys and ids, two lists in step."""
        ids = ends.get(st.ends)
        if ids is None:
            ids = ends[st.ends] = {"start": {}, "end": {}}
            for r in self._run(graph, st.ends, {}, read_only=False):
                side = ids[r["side"]]
                for key, node in zip(r["keys"], r["ids"], strict=True):
                    side.setdefault(key, []).append(node)
        starts, finishes = ids["start"], ids["end"]
        rows = [
            (s, e, v) for a, b, v in values for s in starts.get(a, ()) for e in finishes.get(b, ())
        ]
        if not rows:
            return
        token = relationships_token(relationship_header(st.rel_type, st.props), rows)
        with self._errors():
            self._wredis.execute_command("GRAPH.BULK", graph, 0, len(rows), 0, 1, token)

    def _prepare_nodes(self, st: BulkNodes) -> _NodesPrepared:
        """``st``'s rows split: those of ``st.new`` (a key once only) encoded for GRAPH.BULK,
        the others as the text of the statement (None: no other)."""
        rows = st.params["rows"]
        seen: dict[Any, int] = {}
        for r in rows:
            k = r[st.key]
            if k in st.new:
                seen[k] = seen.get(k, 0) + 1
        fresh = [r for r in rows if seen.get(r[st.key]) == 1]
        rest = [r for r in rows if seen.get(r[st.key]) != 1]
        created = st.created
        if created is None or not fresh:
            return _NodesPrepared((), [], self._text(st.name, st.params))
        values = [encode_values(created(r)) for r in fresh]
        text = self._text(st.name, {**st.params, "rows": rest}) if rest else None
        required: dict[str, set[Any]] = {}
        for name, label in st.requires:
            required.setdefault(label, set()).update(r[name] for r in fresh)
        return _NodesPrepared(tuple(r[st.key] for r in fresh), values, text, required)

    def _bulk_nodes(
        self, graph: str, st: BulkNodes, prepared: _NodesPrepared, keys: dict[str, set[Any]]
    ) -> None:
        """Create the new nodes of ``st`` with one GRAPH.BULK, then run the statement on the
        others; all of it by the statement when one of the keys expected new is on the graph
        (GRAPH.BULK would create a second node: it checks no constraint). ``keys``: the keys
        on the graph per label, read once for consecutive BulkNodes (kept up to date by them;
        cleared by any other statement). The rows to create go to the statement too when a
        node they require (``st.requires``) is not on the graph: the statement drops them."""
        if not keys:
            for r in self._run(graph, "import_node_keys", {}, read_only=False):
                keys[r["label"]] = set(r["keys"])
        known = keys.setdefault(st.label, set())
        text = prepared.text
        there = all(need <= keys.get(label, set()) for label, need in prepared.required.items())
        if prepared.keys and there and known.isdisjoint(prepared.keys):
            token = node_header(st.label, st.props) + b"".join(prepared.values)
            count = len(prepared.keys)
            with self._errors():
                self._wredis.execute_command("GRAPH.BULK", graph, count, 0, 1, 0, token)
        elif prepared.keys:
            text = self._text(st.name, st.params)  # every row by the statement
        if text is not None:
            self._run(graph, st.name, st.params, read_only=False, text=text)
        known.update(r[st.key] for r in st.params["rows"])

    def _swap(self, staging: str) -> None:
        """Put the staging graph in place of the live one and bump the version, in one
        MULTI/EXEC: a reader never sees the new graph under the old version.

        Then wait until the swap is in the append-only file on disk (WAITAOF). With
        ``appendfsync everysec`` Redis answers before writing the file when a background fsync
        is still running, so a swap could be acknowledged and still be lost by a crash of the
        database (seen in tests/integration/test_crash.py). The next background fsync is up to
        a second away (about 1 s measured at each swap); on the embedded server the swap is
        therefore written with ``appendfsync always`` (the command's write is fsynced before the
        reply, the wait returns at once), then the server goes back to ``everysec``. Were the
        setting changed back by another writer meanwhile, the wait is the usual one. Single-query
        edits are not waited for (see docs/backup.md).
        """
        r = self._wredis
        synced = self.server is not None and self._set_fsync(r, "always")
        try:
            with self._errors():
                swap = r.pipeline(transaction=True)
                swap.rename(staging, self.graph_name)
                swap.incr(self._version_key)
                swap.execute()
            # The write is applied from here on: a failure to wait is logged, never raised.
            try:
                local, _replicas = r.execute_command("WAITAOF", 1, 0, _WAITAOF_MS)
            except redis.exceptions.RedisError as exc:  # e.g. an external server without AOF
                log.info("the write is applied; not waiting for the disk: %s", exc)
                return
            if local < 1:
                log.warning("the write is applied but not yet on disk after %d ms", _WAITAOF_MS)
        finally:
            if synced:
                self._set_fsync(r, "everysec")
        if self.server is not None:
            self._compact_aof(r)

    def _compact_aof(self, r: redis.Redis) -> None:
        """Rewrite the embedded server's append-only file when it has grown (every swap adds
        the whole graph to it), and wait for the rewrite to end; called under the write lock.

        FalkorDB 4.16.3's GRAPH.COPY cannot fork while another child process runs (an AOF
        rewrite) and then waits forever holding Redis's module lock: every command of every
        client hangs (reproduced: BGREWRITEAOF then GRAPH.COPY over 300 000 nodes). Every copy
        runs under the write lock, so a rewrite that starts and ends under it never meets one;
        the embedded server starts no rewrite of its own (falkordb_server.py). Failures are
        logged: the write is applied, the file is only larger."""
        try:
            info = r.info("persistence")
            size, base = int(info.get("aof_current_size", 0)), int(info.get("aof_base_size", 0))
            if size < max(_AOF_REWRITE_MIN_BYTES, 2 * base):
                return
            r.execute_command("BGREWRITEAOF")
            deadline = time.monotonic() + _AOF_REWRITE_WAIT_S
            pause = 0.01
            while time.monotonic() < deadline:
                info = r.info("persistence")
                if not (info.get("aof_rewrite_in_progress") or info.get("aof_rewrite_scheduled")):
                    return
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
            log.warning(
                "the append-only file rewrite has not ended after %.0f s", _AOF_REWRITE_WAIT_S
            )
        except redis.exceptions.RedisError as exc:
            log.warning("the append-only file was not compacted: %s", exc)

    @staticmethod
    def _set_fsync(r: redis.Redis, mode: str) -> bool:
        """``CONFIG SET appendfsync``; False (logged) where the server refuses it."""
        try:
            r.execute_command("CONFIG", "SET", "appendfsync", mode)
        except redis.exceptions.RedisError as exc:
            log.info("appendfsync left as it is: %s", exc)
            return False
        return True

    def ping(self) -> None:
        def call() -> None:
            with self._errors():
                self._redis.ping()

        self._with_revive(call, retry=True)

    def version(self) -> str | None:
        """The write counter of this graph (a Redis key every write of this class bumps).

        A write made to the database by anything else than a FalkorDBStore is not seen: tools
        that write to the graph directly must INCR ``cmq:version:<graph>`` too.
        """

        def call() -> str | None:
            with self._errors():
                value = self._redis.get(self._version_key)
            if value is None:
                return "0"
            return value.decode() if isinstance(value, bytes) else str(value)

        return self._with_revive(call, retry=True)

    def database_id(self) -> str | None:
        """A random id kept in the database beside the version counter (a Redis key, set once
        by the first store that asks: ``SET NX``), so gone with the database's files; the
        counter alone would not tell a new database from the old one."""

        def call() -> str | None:
            with self._errors():
                value = self._redis.get(self._database_id_key)
                if value is None:
                    self._wredis.set(self._database_id_key, uuid.uuid4().hex, nx=True)
                    value = self._wredis.get(self._database_id_key)
            if value is None:
                return None
            return value.decode() if isinstance(value, bytes) else str(value)

        return self._with_revive(call, retry=True)

    def _bump_version(self, touched: Touched | None = None) -> None:
        """INCR the version; with what the write touched when it said (:meth:`touching`),
        recorded for that version in the same call (a reader never sees the new version
        without it)."""
        with self._errors():
            if touched is None:
                self._wredis.incr(self._version_key)
            else:
                self._wredis.eval(
                    _BUMP_TOUCHED,
                    2,
                    self._version_key,
                    self._touched_key,
                    touched.to_json(),
                    _TOUCH_KEEP,
                )

    @contextmanager
    def touching(self, touched: Touched) -> Iterator[None]:
        """The single-query writes of this thread in the block record ``touched`` with their
        version (graph/touched.py); write_atomic and resets never do (anything may change)."""
        before = getattr(self._local, "touched", None)
        self._local.touched = touched if before is None else before | touched
        try:
            yield
        finally:
            self._local.touched = before

    def touched_between(self, old: str, new: str) -> Touched | None:
        """The union of what the writes of versions old+1..new touched; None when one of them
        recorded nothing, is no longer kept, or the versions are not counters of this store."""
        try:
            a, b = int(old), int(new)
        except ValueError:
            return None
        if b < a or b - a > _TOUCH_KEEP:
            return None
        if a == b:
            return Touched()

        def call() -> list[Any]:
            with self._errors():
                got: list[Any] = self._redis.hmget(
                    self._touched_key, [str(v) for v in range(a + 1, b + 1)]
                )
                return got

        out = Touched()
        for raw in self._with_revive(call, retry=True):
            if raw is None:
                return None
            out = out | Touched.from_json(raw)
        return out

    def _create_indexes(self, graph: str) -> None:
        """Range indexes for every key, plus uniqueness constraints on business keys.

        Label and property names come from graph.schema (a closed list), never from input.
        """
        g = self._wdb.select_graph(graph)
        created = False
        for key in SCHEMA:
            try:
                g.query(f"CREATE INDEX FOR (n:{key.label}) ON (n.{key.prop})")
                created = True
            except redis.exceptions.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise GraphError(f"cannot create index {key.label}.{key.prop}: {exc}") from exc
            if key.unique:
                try:
                    self._wredis.execute_command(
                        "GRAPH.CONSTRAINT",
                        "CREATE",
                        graph,
                        "UNIQUE",
                        "NODE",
                        key.label,
                        "PROPERTIES",
                        1,
                        key.prop,
                    )
                    created = True
                except redis.exceptions.ResponseError as exc:
                    if "already exists" not in str(exc).lower():
                        raise GraphError(
                            f"cannot create constraint {key.label}.{key.prop}: {exc}"
                        ) from exc
        if created:
            self._await_indexes(graph)

    def _await_indexes(self, graph: str) -> None:
        """Wait until FalkorDB has built the indexes and constraints just created on ``graph``.

        FalkorDB builds them on its indexer thread, which takes Redis's module lock and then the
        graph's write lock; GRAPH.COPY (4.16) takes the graph's read lock and then the module
        lock. A copy of the graph while the indexer is at that step deadlocks the whole server:
        every command waits forever (a seed load's first copy, just after ensure_schema on a
        fresh store, lost its server that way under load; reproduced at once with an index over
        100 000 nodes). Every copy runs under the write lock, as this does: once the indexer is
        done with the graph, no copy can meet it."""
        deadline = time.monotonic() + _INDEX_WAIT_S
        pause = 0.002
        while True:
            building = 0
            for query in (_INDEXES_BUILDING, _CONSTRAINTS_BUILDING):
                reply = self._wredis.execute_command("GRAPH.RO_QUERY", graph, query, "--compact")
                building += sum(row["n"] for row in plain_rows(reply) or ())
            if not building:
                return
            if time.monotonic() >= deadline:
                raise DatabaseUnavailable(
                    f"FalkorDB has not built the indexes of {graph} after {_INDEX_WAIT_S:.0f} s"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def _drop_orphan_staging(self) -> None:
        """Remove staging copies left by a writer killed between GRAPH.COPY and RENAME.

        Done under the write lock (after removing a dead writer's lock), so the staging copy of
        a live writer is never touched; skipped while a live writer holds the lock. Snapshots
        (:meth:`snapshot`) are removed only when the process that took them is gone.
        """
        r = self._wredis
        self._break_dead_lock()
        token = self._token()
        self._held.add(token)
        try:
            lock = r.lock(_LOCK_KEY, timeout=_LOCK_TTL_S)
            if not lock.acquire(blocking=False, token=token):
                return
            try:
                for key in r.scan_iter(match=f"{self.graph_name}{_STAGING}*", count=100):
                    r.delete(key)
                    log.warning("removed %s, left by an interrupted write", key)
                prefix = f"{self.graph_name}{_SNAPSHOT}"
                for key in r.scan_iter(match=f"{prefix}*", count=100):
                    if self._holder_is_dead(key[len(prefix) :]):
                        r.delete(key)
                        log.warning("removed %s, left by an interrupted export", key)
            finally:
                with suppress(redis.exceptions.LockError):
                    lock.release()
        finally:
            self._held.discard(token)

    def ensure_schema(self) -> None:
        def call() -> None:
            with self._errors(), self._write_lock():
                self._create_indexes(self.graph_name)

        self._with_revive(call, retry=True)

    def drop_all(self) -> None:
        """Delete the whole graph (tests, `cmq reset`)."""

        def call() -> None:
            with self._errors(), self._write_lock():
                self._wredis.delete(self.graph_name)
                self._bump_version()

        self._with_revive(call, retry=True)

    def close(self) -> None:
        try:
            for client in self._clients or ():
                client.connection.close()
        finally:
            if self.server is not None:
                self.server.stop()
