"""The pathway cache's snapshot file (graph/pathways/snapshot.py), without a database."""

from __future__ import annotations

import os
import pickle
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from graph.pathways import snapshot
from graph.shared_values import KeySharedRows

ROWS = KeySharedRows(("site", "lat", "origin", "scope"))


def _state() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A state whose rows are referenced from several places, with a row of ROWS changed
    into another dict (an extra key) and a plain dict of ROWS's fields."""
    scope = ["012", "046"]
    rows = [ROWS.row([f"site{i}", 44.0 + i, "seed", scope]) for i in range(5)]
    twin = {**rows[4], "twin": True}
    plain = dict(zip(ROWS.fields, ["Figeac", 44.6, "seed", scope], strict=True))
    state = {
        "shape": snapshot.SHAPE,
        "offers": {"c1": [("a1", rows[0]), ("a2", rows[1])], "c2": [("a1", rows[2]), ("a3", twin)]},
        "usable": {"c1": [(rows[1], 2021), (rows[0], None)], "c2": [(rows[2], None)]},
        "others": [rows[3], plain, rows[3]],
        "scope": scope,
    }
    return state, [rows[0], rows[1], rows[2], twin, rows[3], plain, rows[0]]


def test_the_name_changes_with_the_version_the_database_and_the_code() -> None:
    name = snapshot.name_of("db-a", "12")
    assert name.startswith(snapshot.PREFIX) and name.endswith(snapshot.SUFFIX)
    assert name == snapshot.name_of("db-a", "12")
    assert len({name, snapshot.name_of("db-a", "13"), snapshot.name_of("db-b", "12")}) == 3
    assert len(snapshot.code_version()) == 64


def test_rows_come_back_key_sharing_and_shared_objects_shared(tmp_path: Path) -> None:
    """The rows given to save come back as rows of their KeySharedRows, one object wherever
    the state referenced one, their values shared with the rest of the state as before."""
    state, given = _state()
    path = snapshot.save(tmp_path, "pathway-cache-x.pickle", state, ROWS, given)
    assert path == tmp_path / "pathway-cache-x.pickle"
    got = snapshot.load(tmp_path, "pathway-cache-x.pickle", ROWS)
    assert got is not None
    assert got == state
    assert [list(r.items()) for r in got["others"]] == [list(r.items()) for r in state["others"]]
    offers, usable, others = got["offers"], got["usable"], got["others"]
    assert offers["c1"][0][1] is usable["c1"][1][0]  # one object, as it was
    assert offers["c1"][1][1] is usable["c1"][0][0]
    assert offers["c2"][0][1] is usable["c2"][0][0]
    assert others[0] is others[2] and others[1] is not others[0]
    assert offers["c1"][0][1]["scope"] is got["scope"] is others[1]["scope"]
    assert offers["c1"][0][1]["origin"] is others[0]["origin"]
    twin = offers["c2"][1][1]
    assert not ROWS.holds(twin)  # a dict of its own, as pickle makes it
    assert twin == {**state["offers"]["c2"][0][1], "site": "site4", "lat": 48.0, "twin": True}
    if platform.python_implementation() == "CPython":  # as ROWS.row makes them: keys shared
        small = sys.getsizeof(ROWS.row(["x", 1.0, "seed", None]))
        for r in (*(r for _, r in offers["c1"]), offers["c2"][0][1], *others):
            assert sys.getsizeof(r) == small


def test_a_state_without_rows_is_written_and_read(tmp_path: Path) -> None:
    state = {"shape": snapshot.SHAPE, "a": (1, "x", None)}
    assert snapshot.save(tmp_path, "pathway-cache-x.pickle", state, ROWS, [])
    assert snapshot.load(tmp_path, "pathway-cache-x.pickle", ROWS) == state


def test_saving_deletes_the_other_snapshots_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    old = tmp_path / "pathway-cache-old.pickle"
    old.write_bytes(b"x")
    other = tmp_path / "unrelated.txt"
    other.write_text("kept")
    snapshot.save(tmp_path, "pathway-cache-new.pickle", {"shape": snapshot.SHAPE}, ROWS, [])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pathway-cache-new.pickle",
        "unrelated.txt",
    ]


def _spoiled(tmp_path: Path) -> list[bytes]:
    state, given = _state()
    path = snapshot.save(tmp_path, "pathway-cache-good.pickle", state, ROWS, given)
    assert path is not None
    good = path.read_bytes()
    path.unlink()
    head = pickle.dumps((snapshot.SHAPE, ROWS.fields, 1, ["a", 1.0, "seed", None]))
    return [
        b"garbage",
        good[: len(good) // 2],  # cut short in the state
        good[:40],  # cut short in the rows' values
        good[:-1],  # cut short at the last byte
        pickle.dumps({"shape": snapshot.SHAPE}),  # a state alone (preload21's form)
        pickle.dumps((snapshot.SHAPE + 1, ROWS.fields, 0, [])),  # another shape
        pickle.dumps((snapshot.SHAPE, ("site", "lat"), 0, [])),  # other fields
        pickle.dumps((snapshot.SHAPE, ROWS.fields, 2, ["a", 1.0, "seed", None])),  # too few
        head + pickle.dumps([1]),  # no rows' step
        head + pickle.dumps(None) + pickle.dumps([1]),  # a state of another kind
        head + pickle.dumps(None) + pickle.dumps({"shape": snapshot.SHAPE - 1}),
    ]


def test_a_missing_or_unreadable_file_is_none_and_a_bad_one_deleted(tmp_path: Path) -> None:
    assert snapshot.load(tmp_path, "pathway-cache-none.pickle", ROWS) is None
    bad = tmp_path / "pathway-cache-bad.pickle"
    for content in _spoiled(tmp_path):
        bad.write_bytes(content)
        assert snapshot.load(tmp_path, bad.name, ROWS) is None, content[:60]
        assert not bad.exists()


def test_a_directory_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert snapshot.save(blocker / "sub", "pathway-cache-x.pickle", {}, ROWS, []) is None


def test_temporary_files_left_by_a_stopped_writer_are_deleted(tmp_path: Path) -> None:
    """A write stopped half-way (a crash, a kill) leaves its temporary file: the next start
    deletes it (snapshot.clean), but not the file a living process is writing."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    gone = int(done.stdout)  # a process that has ended
    me = os.getpid()
    names = {
        "dead": f"{snapshot.TMP_PREFIX}{gone}-abc{snapshot.TMP_SUFFIX}",
        "writing": f"{snapshot.TMP_PREFIX}{me}-abc{snapshot.TMP_SUFFIX}",
        "old": f"{snapshot.TMP_PREFIX}{me}-old{snapshot.TMP_SUFFIX}",
        "unnamed": f"{snapshot.TMP_PREFIX}x{snapshot.TMP_SUFFIX}",
        "snapshot": "pathway-cache-x.pickle",
        "other": "notes.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"x")
    hour_ago = time.time() - 3600
    os.utime(tmp_path / names["old"], (hour_ago, hour_ago))
    snapshot.clean(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        names[k] for k in ("writing", "snapshot", "other")
    )
    snapshot.clean(tmp_path / "missing")  # no directory yet: nothing to do


class _Looks:
    """An object whose pickling writes the writer's pid and the names of ``directory``'s
    files to ``into``."""

    def __init__(self, directory: Path, into: Path) -> None:
        self.directory, self.into = directory, into

    def __reduce__(self) -> tuple[Any, ...]:
        self.into.write_text(
            f"{os.getpid()}\n" + "\n".join(p.name for p in self.directory.iterdir())
        )
        return (str, ("x",))


def test_a_file_being_written_is_named_as_clean_finds_it(tmp_path: Path) -> None:
    """save's temporary file is one clean knows (this process's pid in the name), written
    by this process (only a process that serves nothing writes: graph.pathways.data.
    write_snapshot), the snapshot renamed into place once it is whole."""
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    seen = tmp_path / "seen.txt"
    state = {"shape": snapshot.SHAPE, "probe": _Looks(snaps, seen)}
    assert snapshot.save(snaps, "pathway-cache-x.pickle", state, ROWS, [])
    writer, *names = seen.read_text().splitlines()
    [tmp] = names
    assert tmp.startswith(f"{snapshot.TMP_PREFIX}{os.getpid()}-")
    assert tmp.endswith(snapshot.TMP_SUFFIX)
    assert int(writer) == os.getpid()
    snapshot.clean(snaps)  # the finished snapshot is kept
    assert [p.name for p in snaps.iterdir()] == ["pathway-cache-x.pickle"]
    assert snapshot.load(snaps, "pathway-cache-x.pickle", ROWS) == {
        "shape": snapshot.SHAPE,
        "probe": "x",
    }


def test_a_writer_that_fails_leaves_the_directory_as_it_was(tmp_path: Path) -> None:
    """An object that cannot be pickled (here a lock): no snapshot, no temporary file, the
    older snapshot kept (the cache works without a new one)."""
    old = tmp_path / "pathway-cache-old.pickle"
    old.write_bytes(b"x")
    state = {"shape": snapshot.SHAPE, "lock": threading.Lock()}
    assert snapshot.save(tmp_path, "pathway-cache-new.pickle", state, ROWS, []) is None
    assert [p.name for p in tmp_path.iterdir()] == ["pathway-cache-old.pickle"]


@pytest.mark.parametrize("n", [0, 1, 300])
def test_rows_beyond_the_opcodes_small_ints(tmp_path: Path, n: int) -> None:
    """Rows numbered past pickle's one- and two-byte ints come back in their places."""
    rows = [ROWS.row([f"s{i}", float(i), "import", None]) for i in range(n)]
    state = {"shape": snapshot.SHAPE, "rows": list(reversed(rows))}
    assert snapshot.save(tmp_path, "pathway-cache-x.pickle", state, ROWS, rows)
    got = snapshot.load(tmp_path, "pathway-cache-x.pickle", ROWS)
    assert got == state


def test_equal_floats_of_the_rows_come_back_as_one_object(tmp_path: Path) -> None:
    """Pickle writes a float wherever it is met and reads each back as an object of its
    own; the rows' equal floats come back as one, as the preload's table shares them, and
    an int of a column of floats stays an int."""
    lat = float("44.6")
    rows = [
        ROWS.row([f"s{i}", float("44.6") if i % 2 else lat, i if i % 3 else float(i), None])
        for i in range(6)
    ]
    state = {"shape": snapshot.SHAPE, "rows": rows}
    assert snapshot.save(tmp_path, "pathway-cache-x.pickle", state, ROWS, rows)
    got = snapshot.load(tmp_path, "pathway-cache-x.pickle", ROWS)
    assert got is not None and got == state
    back = got["rows"]
    assert len({id(r["lat"]) for r in back}) == 1
    assert [type(r["origin"]) for r in back] == [float, int, int, float, int, int]
    assert [list(r.items()) for r in back] == [list(r.items()) for r in rows]
