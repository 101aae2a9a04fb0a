"""The preloaded pathway cache written to disk, read back by the next preload of the same graph.

A whole preload (graph/pathways/data.py, ``_preload``) reads every diploma's rows from the
database and files them: ~2.7-4 s of CPU at national size, ~43 % of it reading and decoding
the replies (docs/performance.md). What it makes depends only on the graph's version and on
this code, so once made it is written here (pickle protocol 5), and a later preload of the
same version (another API worker, a restart, ``cmq serve`` after ``cmq load``) loads it:
~0.7-0.9 s of CPU instead (docs/performance.md, preload21). The offers come back as plain
dicts, not the key-sharing rows the preload makes (graph/shared_values.py): ~12 MB more per
worker at national size, which is why the API writes none unless ``CMQ_PATHWAY_SNAPSHOT=1``.

The file's name is a hash of everything its content depends on: the database's id and the
graph's exact version (:meth:`graph.store.GraphStore.database_id`, :meth:`~graph.store.
GraphStore.version`: any write makes a new version, hence another name), ``SHAPE`` (bumped
when the cache's attributes change), Python's version, and the text of the code that makes
the cache (every module of the ``graph`` package and every query of ``cypher/``: a new
release never reads an older one's file). A store that cannot say its version or its
database's id has no file. Written to a temporary file renamed into place (a reader never
sees half a file); the other snapshots of the directory are deleted then. A file that cannot
be read, or holds something else than expected, is logged and ignored: the preload then reads
the database, as without a file.

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
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from graph.cypher import query_files

__all__ = ["SHAPE", "code_version", "load", "name_of", "save"]

# bumped when what a snapshot holds changes in a way the code's text would not tell
SHAPE = 1
PREFIX = "pathway-cache-"
SUFFIX = ".pickle"
_ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("cmq.pathways")


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


def save(directory: Path, name: str, state: dict[str, Any]) -> Path | None:
    """Write ``state`` as the snapshot ``name`` (:func:`name_of`) in ``directory``, then
    delete the directory's other snapshots; the path written, None when it could not be
    (logged: the cache works without)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-" + PREFIX, suffix=SUFFIX, dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(state, f, protocol=5)
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


def load(directory: Path, name: str) -> dict[str, Any] | None:
    """The state saved as ``name`` in ``directory``; None when there is none, or when it
    cannot be read (logged; the file is deleted)."""
    path = directory / name
    try:
        state = pickle.loads(path.read_bytes())
        if not isinstance(state, dict) or state.get("shape") != SHAPE:
            raise ValueError("not a pathway cache snapshot of this shape")
        return state
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a corrupt file: read the database instead
        log.warning("pathway cache snapshot %s not used: %s", path, exc)
        _delete([path])
        return None


def _delete(paths: Iterable[Path]) -> None:
    for p in paths:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:
            log.info("old pathway cache snapshot %s not deleted: %s", p, exc)
