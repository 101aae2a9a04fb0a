"""Neo4j 5 servers for the test session, without a mock and, where possible, without Docker.

Where a Docker engine answers, testcontainers runs the ``neo4j:5`` image (one container per
database). Elsewhere the launcher in ``tools/neo4j-local`` (Java 17 + Maven) runs Neo4j 5.26
Community in one JVM, with one more server per extra database needed (about 0.5 s each).
Tests skip, saying why, only when neither is available.

Community has one user database per server, so :class:`Neo4jPool` hands out whole servers:
``acquire()`` gives a free one, emptied (constraints and indexes are kept: ``ensure_schema`` is
idempotent), and ``release()`` returns it. Session fixtures (the seed graph) keep theirs.
"""

from __future__ import annotations

import gc
import shutil
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from graph.engines.neo4j_local import LocalNeo4j, missing_tools
from graph.engines.neo4j_store import Neo4jStore
from graph.settings import Settings

PASSWORD = "cmq-graph-test"
IMAGE = "neo4j:5"


def docker_unavailable() -> str | None:
    """Why no Neo4j container can be started here, or None if a Docker engine answers."""
    if shutil.which("docker") is None and not Path("/var/run/docker.sock").exists():
        return "no Docker engine (no docker command, no /var/run/docker.sock)"
    reason = None
    # A failed docker.from_env() leaks its socket; collect it now, while its ResourceWarning
    # is ignored, rather than in some later test where warnings are errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            import docker

            client = docker.from_env()  # type: ignore[attr-defined]
            try:
                client.ping()
            finally:
                client.close()
        except Exception as exc:  # any failure means the same thing: no usable engine
            reason = f"no Docker engine reachable: {exc}"
        gc.collect()
    return reason


def neo4j_unavailable() -> str | None:
    """None when a Neo4j server can be started for the tests, else why not (both ways)."""
    docker_reason = docker_unavailable()
    if docker_reason is None:
        return None
    local_reason = missing_tools()
    if local_reason is None:
        return None
    return f"Neo4j tests skipped: {docker_reason}; and {local_reason} for tools/neo4j-local"


START_TIMEOUT_S = 300.0
"""How long a test session waits for the local server's JVM: a minute quiet, but several
minutes on a 2-core machine shared by other test runs (the 120 s default of ``cmq serve`` then
failed every Neo4j test of the session at once)."""


TEST_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1",)
"""The test session's JVM compiles with C1 only: its C2 compiler threads took about 40 % of the
JVM's CPU in a test run, for queries that each run a few times (docs/testing.md, testspeed24)."""


class Neo4jPool:
    """Neo4j servers for one test session (see the module docstring)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._stack = ExitStack()
        self.local: LocalNeo4j | None = None
        self.password = ""
        self.use_docker = docker_unavailable() is None
        self._free: list[str] = []
        self._all: list[str] = []

    def _new_server(self) -> str:
        if self.use_docker:
            from testcontainers.community.neo4j import Neo4jContainer

            container = self._stack.enter_context(Neo4jContainer(IMAGE, password=PASSWORD))
            self.password = PASSWORD
            return container.get_connection_url()
        if self.local is None:
            local = LocalNeo4j(
                self.home,
                heap="1536m",
                pagecache="64m",
                start_timeout_s=START_TIMEOUT_S,
                jvm_options=TEST_JVM_OPTIONS,
            )
            uri = local.start()  # a start that failed leaves no half-made server: retried
            self.local = local
            self._stack.callback(local.stop)
            return uri
        return self.local.open_more()

    def settings(self, uri: str, data_dir: Path, **overrides: Any) -> Settings:
        from tests.conftest import TEST_QUERY_TIMEOUT_MS

        overrides = {"query_timeout_ms": TEST_QUERY_TIMEOUT_MS, **overrides}
        return Settings(graph_uri=uri, neo4j_password=self.password, data_dir=data_dir, **overrides)

    def acquire(self) -> str:
        """The URI of a server nobody else uses now, with an empty graph."""
        uri = self._free.pop() if self._free else self._new_server()
        if uri not in self._all:
            self._all.append(uri)
        store = Neo4jStore(self.settings(uri, self.home / "unused"))
        try:
            store.drop_all()
        finally:
            store.close()
        return uri

    def release(self, uri: str) -> None:
        self._free.append(uri)

    def close(self) -> None:
        self._stack.close()
