"""The preloaded pathway cache written to disk, read back by the next preload of the same graph.

A whole preload (graph/pathways/data.py, ``_preload``) reads every diploma's rows from the
database and files them: ~2.7-4 s of CPU at national size, ~43 % of it reading and decoding
the replies (docs/performance.md). What it makes depends only on the graph's version and on
this code, so once made it is written here (pickle protocol 5), and a later preload of the
same version (an API worker, a restart) loads it: ~0.6-0.9 s of CPU instead
(docs/performance.md, preload21 and preload22). On by default (``CMQ_PATHWAY_SNAPSHOT``).

**Written by a process that serves nothing** (:func:`graph.pathways.data.write_snapshot`:
``cmq load`` and ``cmq import`` once they have written, ``cmq serve`` before its workers
start when there is no file of the graph's version); an API worker only reads one. A worker
that wrote the file while it served (preload22, through a forked child) answered slowly
meanwhile: HTTP p95 200 ms against 7 ms, +4-7 MB of RSS (docs/performance.md, end of the
twenty-first session, and snap23).

**The offers are written by column and made again by the preload's own row builder.** The
60 000 offers of a national cache are key-sharing dicts (:class:`graph.shared_values.
KeySharedRows`: half the memory of a dict of their own); pickle would bring them back as
ordinary dicts, ~12 MB more per worker. So the file holds three pickles read by one
unpickler, which keeps its memo from one to the next:

1. ``(SHAPE, fields, n, values)``: the values of the ``n`` rows given to :func:`save`, one
   after another in the fields' order (the strings they share are written once);
2. for each row ``i``, the opcodes ``BININT i, BINPERSID, MEMOIZE, POP``: the loader, which
   made the rows from ``values`` with :meth:`KeySharedRows.rows` meanwhile, hands row ``i``
   to the unpickler (``persistent_load`` is the list's ``__getitem__``: no Python call per
   row) and the unpickler keeps it in its memo, where the writer's memo had put that row too;
3. the cache's state, where every reference to one of those rows is a reference to the memo
   (the writer's memo was given the rows at the same places): the loaded state holds the
   rows made in step 2, as a preload from the database does, with no short-lived object per
   row (the ways tried before, preload21, left +18-20 MB of holes).

The file's name is a hash of everything its content depends on: the database's id and the
graph's exact version (:meth:`graph.store.GraphStore.database_id`, :meth:`~graph.store.
GraphStore.version`: any write makes a new version, hence another name), ``SHAPE`` (bumped
when the cache's attributes change), Python's version, and the text of the code that makes
the cache (every module of the ``graph`` package and every query of ``cypher/``: a new
release never reads an older one's file). A store that cannot say its version or its
database's id has no file. Written to a temporary file renamed into place (a reader never
sees half a file); the other snapshots of the directory are deleted then, and a temporary
file a crashed writer left is deleted by the next start (:func:`clean`). A file that cannot
be read, or holds something else than expected, is logged, deleted and ignored: the preload
then reads the database, as without a file.

Pickle runs what a file says: the directory is the app's own data directory
(``CMQ_DATA_DIR``), which holds the embedded database itself, written by this process only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from graph.cypher import query_files
from graph.shared_values import KeySharedRows

__all__ = ["SHAPE", "clean", "code_version", "load", "name_of", "save"]

# bumped when what a snapshot holds changes in a way the code's text would not tell
SHAPE = 2
PREFIX = "pathway-cache-"
SUFFIX = ".pickle"
# a file being written: ".pathway-cache-<pid of its writer>-<random>.tmp"
TMP_PREFIX = "." + PREFIX
TMP_SUFFIX = ".tmp"
# a temporary file older than this is a crashed writer's even if its pid names a process
# (reused since): a write takes a few seconds, and writes to the file as it goes
STALE_TMP_S = 600.0
_ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("cmq.pathways")

# step 2's opcodes (pickle's own names, Lib/pickle.py)
_PROTO = b"\x80"
_BININT = b"J"  # a 4-byte signed int
_BINPERSID = b"Q"
_MEMOIZE = b"\x94"
_POP = b"0"
_NONE = b"N"
_STOP = b"."


@cache
def code_version() -> str:
    """A hash of the text of the code that makes the cache: every ``.py`` of the ``graph``
    package and every query file (:func:`graph.cypher.query_files`; read once per process)."""
    h = hashlib.sha256()
    for path in [*sorted((_ROOT / "graph").rglob("*.py")), *query_files()]:
        h.update(str(path.relative_to(_ROOT)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def name_of(database_id: str, version: str) -> str:
    """The file name of the snapshot of ``version`` of that database, for this code."""
    h = hashlib.sha256()
    for part in (str(SHAPE), sys.version, code_version(), database_id, version):
        h.update(part.encode())
        h.update(b"\0")
    return f"{PREFIX}{h.hexdigest()[:32]}{SUFFIX}"


def save(
    directory: Path,
    name: str,
    state: dict[str, Any],
    kind: KeySharedRows,
    rows: Iterable[Any],
    reduce: Callable[[Any], Any] | None = None,
) -> Path | None:
    """Write ``state`` as the snapshot ``name`` (:func:`name_of`) in ``directory``, the
    ``rows`` of ``kind`` in it by column (the others of ``rows``, and every other object, as
    pickle writes them), then delete the directory's other snapshots; the path written, None
    when it could not be (logged: the cache works without). ``reduce``: pickle's
    ``reducer_override`` (called with each object that is not of a built-in type). Written
    by the calling thread: pickle's C writer keeps the UTF-8 form of every non-ASCII string
    it writes in the string itself, and its objects leave holes (+5.4 MB of RSS after a
    write at national size, preload22), which is why only a process that serves nothing
    writes (module docstring)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=TMP_SUFFIX, dir=directory
        )
        try:
            with os.fdopen(fd, "wb") as f:
                _write(f, state, kind, rows, reduce)
            path = directory / name
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _delete(p for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p.name != name)
        return path
    except Exception as exc:  # noqa: BLE001 - a snapshot is only a shortcut
        log.warning("pathway cache not written to %s: %s", directory, exc)
        return None


class _Reducing(pickle.Pickler):
    def __init__(self, f: Any, reduce: Callable[[Any], Any]) -> None:
        super().__init__(f, protocol=5)
        self._reduce = reduce

    def reducer_override(self, obj: Any) -> Any:
        return self._reduce(obj)


def _write(
    f: Any,
    state: dict[str, Any],
    kind: KeySharedRows,
    rows: Iterable[Any],
    reduce: Callable[[Any], Any] | None,
) -> None:
    seen: set[int] = set()
    kept: list[dict[str, Any]] = []
    for r in rows:
        if kind.holds(r) and id(r) not in seen:
            seen.add(id(r))
            kept.append(r)
    del seen
    pickler = pickle.Pickler(f, protocol=5) if reduce is None else _Reducing(f, reduce)
    values = [v for r in kept for v in r.values()]
    pickler.dump((SHAPE, kind.fields, len(kept), values))  # 1.
    del values
    steps = bytearray(_PROTO + bytes([5]))  # 2.
    for i in range(len(kept)):
        steps += _BININT + i.to_bytes(4, "little", signed=True) + _BINPERSID + _MEMOIZE + _POP
    steps += _NONE + _STOP
    f.write(steps)
    del steps
    # the writer's memo numbers the objects it has met in order: the rows come next, as the
    # reader's MEMOIZE of step 2 numbers them
    memo = pickler.memo.copy()
    first = len(memo)
    for i, r in enumerate(kept):
        memo[id(r)] = (first + i, r)
    pickler.memo = memo
    del memo, kept
    pickler.dump(state)  # 3.


def load(directory: Path, name: str, kind: KeySharedRows) -> dict[str, Any] | None:
    """The state saved as ``name`` in ``directory``, its rows by column made again as rows
    of ``kind``; None when there is none, or when it cannot be read (logged; the file is
    deleted)."""
    path = directory / name
    try:
        with path.open("rb") as f:
            unpickler = pickle.Unpickler(f)
            head = unpickler.load()  # 1.
            if not (
                isinstance(head, tuple)
                and len(head) == 4
                and head[0] == SHAPE
                and head[1] == kind.fields
                and isinstance(head[2], int)
                and isinstance(head[3], list)
            ):
                raise ValueError("not a pathway cache snapshot of this shape")
            values: list[Any] = head[3]
            # pickle keeps no float as one object (each is written where it is met): the
            # rows' floats made one object per value again, as the preload's table had them
            # (graph/shared_values.py; ~2.8 MB at national size)
            _share_floats(values, len(kind.fields))
            rows = kind.rows(values, head[2])
            values.clear()  # kept by the unpickler's memo until the end: emptied now
            del head, values
            unpickler.persistent_load = rows.__getitem__  # type: ignore[method-assign]
            if unpickler.load() is not None:  # 2.
                raise ValueError("not a pathway cache snapshot of this shape")
            state = unpickler.load()  # 3.
            del unpickler, rows
        if not isinstance(state, dict) or state.get("shape") != SHAPE:
            raise ValueError("not a pathway cache snapshot of this shape")
        return state
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a corrupt file: read the database instead
        log.warning("pathway cache snapshot %s not used: %s", path, exc)
        _delete([path])
        return None


def _share_floats(values: list[Any], width: int) -> None:
    """The floats of ``values`` (rows of ``width`` values one after another) made one object
    per value, in place: column by column, only in the columns that hold floats (the others
    looked at by their values' types alone), ints never taken for floats (``1 == 1.0``)."""
    keep: dict[Any, Any] = {}
    share = keep.setdefault
    for j in range(width):
        column = values[j::width]
        types = set(map(type, column))
        if float not in types:
            continue
        if types <= {float, type(None)}:
            values[j::width] = list(map(share, column, column))
        else:
            values[j::width] = [share(v, v) if v.__class__ is float else v for v in column]


def clean(directory: Path, stale_s: float = STALE_TMP_S) -> None:
    """Delete the temporary files a writer left in ``directory`` when it stopped mid-write
    (a crash, a kill): those whose writer's process is gone, and any older than ``stale_s``
    seconds. Another process's file being written is left to it."""
    now = time.time()
    try:
        found = list(directory.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"))
    except OSError as exc:  # an unreadable directory: the snapshot is only a shortcut
        log.info("pathway cache snapshots not looked at in %s: %s", directory, exc)
        return
    for p in found:
        try:
            pid = int(p.name[len(TMP_PREFIX) :].split("-", 1)[0])
        except ValueError:
            pid = None
        try:
            old = now - p.stat().st_mtime > stale_s
        except OSError:
            continue
        if old or pid is None or not _alive(pid):
            _delete([p])


def _alive(pid: int) -> bool:
    """Whether a process of that id runs (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: alive
        return True
    return True


def _delete(paths: Iterable[Path]) -> None:
    for p in paths:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:
            log.info("old pathway cache snapshot %s not deleted: %s", p, exc)
