"""GraphStore on FalkorDB through its native client (the embedded default, or a running server).

FalkorDB has no multi-statement transaction: a single query is atomic, nothing more. So
:meth:`FalkorDBStore.write_atomic` copies the live graph to a staging key (GRAPH.COPY), applies
every statement there, and swaps it in with one RENAME, which Redis performs atomically and the
append-only file records as one command. Readers see the old graph or the new one, never a mix;
a failure, or a ``kill -9`` before the RENAME, leaves the live graph untouched. A Redis lock
serialises writers so a swap never drops a concurrent write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

import redis
from falkordb import Edge, FalkorDB, Node, Path

from graph.cypher import CypherLibrary
from graph.errors import DatabaseUnavailable, GraphError
from graph.falkordb_server import EmbeddedFalkorDB
from graph.params import split_params
from graph.schema import SCHEMA
from graph.settings import Settings
from graph.store import Row, Statement

_LOCK_KEY = "cmq:write-lock"
_LOCK_TTL_S = 600


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


class FalkorDBStore:
    engine = "falkordb"

    def __init__(self, settings: Settings, *, library: CypherLibrary | None = None) -> None:
        self.settings = settings
        self.library = library or CypherLibrary("falkordb")
        self.graph_name = settings.graph_name
        self.timeout_ms = settings.query_timeout_ms
        self.server: EmbeddedFalkorDB | None = None
        uri = settings.graph_uri
        if uri == "embedded":
            self.server = EmbeddedFalkorDB(settings.data_dir)
            self.server.start()
            self._db = FalkorDB(unix_socket_path=str(self.server.socket), socket_timeout=None)
        elif uri.startswith("unix://"):
            self._db = FalkorDB(unix_socket_path=uri[len("unix://") :])
        else:
            parsed = urlparse(uri)
            self._db = FalkorDB(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or 6379,
                password=parsed.password,
            )
        self._redis: redis.Redis = self._db.connection
        with self._errors():
            self._drop_orphan_staging()

    # -- helpers --------------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except GraphError:
            raise
        except redis.exceptions.BusyLoadingError as exc:
            raise DatabaseUnavailable("the database is loading its data, retry shortly") from exc
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            raise DatabaseUnavailable(f"FalkorDB unreachable: {exc}") from exc
        except redis.exceptions.ResponseError as exc:
            msg = str(exc)
            if "timed out" in msg.lower():
                raise DatabaseUnavailable(f"query timed out: {msg}") from exc
            raise GraphError(f"FalkorDB error: {msg}") from exc

    def _run(
        self, graph: str, name: str, params: Mapping[str, Any], *, read_only: bool
    ) -> list[Row]:
        max_hops, safe = split_params(params)
        query = self.library.get(name, max_hops=max_hops)
        g = self._db.select_graph(graph)
        with self._errors():
            if read_only:
                result = g.ro_query(query, safe, timeout=self.timeout_ms)
            else:
                result = g.query(query, safe)
        header = [h[1] for h in result.header]
        return [
            dict(zip(header, (to_plain(v) for v in row), strict=True)) for row in result.result_set
        ]

    def _exists(self, graph: str) -> bool:
        with self._errors():
            return bool(self._redis.exists(graph))

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        token = uuid.uuid4().hex
        with self._errors():
            lock = self._redis.lock(_LOCK_KEY, timeout=_LOCK_TTL_S, blocking_timeout=60)
            if not lock.acquire(token=token):
                raise DatabaseUnavailable("another write is in progress, retry shortly")
        try:
            yield
        finally:
            with self._errors(), suppress(redis.exceptions.LockError):
                lock.release()

    # -- GraphStore -----------------------------------------------------------------------
    def read(self, name: str, /, **params: Any) -> list[Row]:
        if not self._exists(self.graph_name):
            # An empty database: every read query answers as on an empty graph.
            return []
        return self._run(self.graph_name, name, params, read_only=True)

    def write(self, name: str, /, **params: Any) -> list[Row]:
        with self._write_lock():
            return self._run(self.graph_name, name, params, read_only=False)

    def write_atomic(self, statements: Sequence[Statement]) -> None:
        staging = f"{self.graph_name}__staging_{uuid.uuid4().hex[:12]}"
        with self._write_lock():
            try:
                if self._exists(self.graph_name):
                    with self._errors():
                        self._redis.execute_command("GRAPH.COPY", self.graph_name, staging)
                else:
                    self._create_indexes(staging)
                for st in statements:
                    self._run(staging, st.name, st.params, read_only=False)
                with self._errors():
                    self._redis.rename(staging, self.graph_name)
            except BaseException:
                with suppress(redis.exceptions.RedisError):
                    self._redis.delete(staging)
                raise

    def ping(self) -> None:
        with self._errors():
            self._redis.ping()

    def _create_indexes(self, graph: str) -> None:
        """Range indexes for every key, plus uniqueness constraints on business keys.

        Label and property names come from graph.schema (a closed list), never from input.
        """
        g = self._db.select_graph(graph)
        for key in SCHEMA:
            try:
                g.query(f"CREATE INDEX FOR (n:{key.label}) ON (n.{key.prop})")
            except redis.exceptions.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise GraphError(f"cannot create index {key.label}.{key.prop}: {exc}") from exc
            if key.unique:
                try:
                    self._redis.execute_command(
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
                except redis.exceptions.ResponseError as exc:
                    if "already exists" not in str(exc).lower():
                        raise GraphError(
                            f"cannot create constraint {key.label}.{key.prop}: {exc}"
                        ) from exc

    def _drop_orphan_staging(self) -> None:
        """Remove staging copies left by a process killed between GRAPH.COPY and RENAME."""
        if self._redis.exists(_LOCK_KEY):
            return  # a write is in progress in another process
        for key in self._redis.scan_iter(match=f"{self.graph_name}__staging_*", count=100):
            self._redis.delete(key)

    def ensure_schema(self) -> None:
        with self._errors(), self._write_lock():
            self._create_indexes(self.graph_name)

    def drop_all(self) -> None:
        """Delete the whole graph (tests, `cmq reset`)."""
        with self._errors(), self._write_lock():
            self._redis.delete(self.graph_name)

    def close(self) -> None:
        try:
            self._redis.close()
        finally:
            if self.server is not None:
                self.server.stop()
