"""A local Neo4j 5 server without Docker: the launcher in ``tools/neo4j-local`` (Java + Maven).

``CMQ_GRAPH_URI=neo4j-local`` (``make run-neo4j``) and the test suite use it. The launcher is
built once with Maven (dependencies pinned in its ``pom.xml``, fetched from Maven Central into
``~/.m2`` on the first build); :class:`LocalNeo4j` starts it on a free loopback port, waits for
its ``READY bolt://…`` line and stops it by closing its stdin (or SIGTERM). Authentication is
off: the server listens on 127.0.0.1 only.

As with the embedded FalkorDB, a server already running for the same directory (started by
``cmq serve`` while ``cmq load`` runs) is reused and left running; the process that started a
server stops it, and the server also stops by itself when that process dies (its stdin closes).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import DatabaseUnavailable

LAUNCHER_DIR = Path(__file__).resolve().parents[2] / "tools" / "neo4j-local"
JAR = LAUNCHER_DIR / "target" / "neo4j-local.jar"
STATE_FILE = "neo4j-local.json"
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "256m"
_READY = "READY "


def missing_tools() -> str | None:
    """Why the launcher cannot run here (no java, or no jar and no mvn to build it), or None."""
    if shutil.which("java") is None:
        return "no Java runtime (java) on PATH"
    if not JAR.exists() and shutil.which("mvn") is None:
        return "no Maven (mvn) on PATH to build tools/neo4j-local"
    return None


def _sources() -> list[Path]:
    return [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]


def jar_is_stale() -> bool:
    if not JAR.exists():
        return True
    built = JAR.stat().st_mtime
    return any(src.stat().st_mtime > built for src in _sources())


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_built(*, quiet: bool = True) -> Path:
    """Build the launcher jar with Maven unless it is up to date; return its path.

    A lock keeps two test runs from building at once. The first build downloads Neo4j (about
    120 MB) from Maven Central; later builds work offline from ``~/.m2``.
    """
    if not jar_is_stale():
        return JAR
    reason = missing_tools()
    if reason is not None:
        raise DatabaseUnavailable(f"cannot build the local Neo4j launcher: {reason}")
    with _locked(LAUNCHER_DIR / ".build.lock"):
        if jar_is_stale():
            cmd = ["mvn", "-B", "package", "-DskipTests"] + (["-q"] if quiet else [])
            done = subprocess.run(
                cmd, cwd=LAUNCHER_DIR, capture_output=True, text=True, check=False
            )
            if done.returncode != 0 or not JAR.exists():
                tail = (done.stdout + done.stderr)[-1500:]
                raise DatabaseUnavailable(f"building tools/neo4j-local failed: {tail}")
    return JAR


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LocalNeo4j:
    """A Neo4j 5 server on a database directory (``home``), owned by this process or shared."""

    def __init__(
        self,
        home: Path,
        *,
        port: int = 0,
        heap: str = DEFAULT_HEAP,
        pagecache: str = DEFAULT_PAGECACHE,
        start_timeout_s: float = 120.0,
        jvm_options: tuple[str, ...] = (),
    ) -> None:
        self.home = home
        self.jvm_options = jvm_options  # more options for the JVM (the tests' JIT setting)
        self.port = port
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout_s = start_timeout_s
        self.uri: str | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        return self._proc is not None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def _state(self) -> Path:
        return self.home / STATE_FILE

    def _running(self) -> str | None:
        """The URI of a live server already serving ``home``, if any."""
        try:
            state = json.loads(self._state().read_text())
            pid, port = int(state["pid"]), int(state["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if _pid_alive(pid) and _port_open(port):
            return f"bolt://127.0.0.1:{port}"
        return None

    def start(self) -> str:
        """Start (or join) the server; return its bolt URI."""
        jar = ensure_built()
        self.home.mkdir(parents=True, exist_ok=True)
        with _locked(self.home / ".start.lock"):
            running = self._running()
            if running is not None:
                self.uri = running
                return running
            with (
                open(self.home / "launcher.out", "wb") as stdout,
                open(self.home / "launcher.err", "wb") as stderr,
            ):
                self._proc = subprocess.Popen(
                    [
                        "java",
                        f"-Xmx{self.heap}",
                        "-XX:+UseG1GC",
                        "-XX:+ExitOnOutOfMemoryError",
                        *self.jvm_options,
                        "-jar",
                        str(jar),
                        "--home",
                        str(self.home.resolve()),
                        "--port",
                        str(self.port),
                        "--pagecache",
                        self.pagecache,
                    ],
                    stdin=subprocess.PIPE,
                    stdout=stdout,
                    stderr=stderr,
                    start_new_session=True,  # a Ctrl-C in the terminal is for the parent only
                )
            port = self._wait_ready()
            self.port = port  # a restart after a crash comes back on the same port
            self._state().write_text(json.dumps({"pid": self._proc.pid, "port": port}))
        self.uri = f"bolt://127.0.0.1:{port}"
        return self.uri

    def _ready_ports(self) -> list[int]:
        out = self.home / "launcher.out"
        text = out.read_text(errors="replace") if out.exists() else ""
        failed = [line for line in text.splitlines() if line.startswith("FAILED ")]
        if failed:
            raise DatabaseUnavailable(f"local Neo4j could not open a server: {failed[-1]}")
        return [
            int(line.rsplit(":", 1)[1]) for line in text.splitlines() if line.startswith(_READY)
        ]

    def _wait_ready(self, count: int = 1) -> int:
        """Wait for the ``count``-th READY line; return its port."""
        assert self._proc is not None
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            ports = self._ready_ports()
            if len(ports) >= count:
                return ports[count - 1]
            if self._proc.poll() is not None:
                err = (self.home / "launcher.err").read_text(errors="replace")[-1500:]
                self._proc = None
                raise DatabaseUnavailable(f"local Neo4j exited at start: {err}")
            time.sleep(0.05)
        self.stop()
        raise DatabaseUnavailable(f"local Neo4j not ready after {self.start_timeout_s} s")

    def open_more(self) -> str:
        """One more independent server in the same JVM (its own database and port): Community
        has one user database per server, and a test session needs several graphs at once.
        Only on a server this process started."""
        if self._proc is None or self._proc.stdin is None:
            raise RuntimeError("open_more() needs a server started by this process")
        count = len(self._ready_ports()) + 1
        self._proc.stdin.write(b"open\n")
        self._proc.stdin.flush()
        return f"bolt://127.0.0.1:{self._wait_ready(count)}"

    def stop(self) -> None:
        """Stop the server if this process started it: close its stdin (clean shutdown, about
        1 s), then SIGTERM, then SIGKILL if it hangs."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
        elif proc.stdin is not None:
            proc.stdin.close()
        self._state().unlink(missing_ok=True)

    def kill(self) -> None:
        """SIGKILL the server (crash tests): no shutdown, no checkpoint."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(timeout=10)
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            self._proc = None

    def restart(self) -> str:
        """Start again on the same directory after :meth:`kill` (recovery replays the
        transaction log)."""
        if self._proc is not None and self._proc.poll() is None:
            raise RuntimeError("restart() of a server that is still running")
        self._proc = None
        return self.start()

    def __repr__(self) -> str:
        return f"LocalNeo4j({self.home!s}, uri={self.uri}, owned={self.owned})"
