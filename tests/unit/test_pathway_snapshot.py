"""The pathway cache's snapshot file (graph/pathways/snapshot.py), without a database."""

from __future__ import annotations

import pickle
from pathlib import Path

from graph.pathways import snapshot
from graph.shared_values import KeySharedRows

ROWS = KeySharedRows(("site", "lat", "origin"))


def test_the_name_changes_with_the_version_the_database_and_the_code() -> None:
    name = snapshot.name_of("db-a", "12")
    assert name.startswith(snapshot.PREFIX) and name.endswith(snapshot.SUFFIX)
    assert name == snapshot.name_of("db-a", "12")
    assert len({name, snapshot.name_of("db-a", "13"), snapshot.name_of("db-b", "12")}) == 3
    assert len(snapshot.code_version()) == 64


def test_shared_objects_come_back_shared(tmp_path: Path) -> None:
    row = ROWS.row(["Figeac", 44.6, "seed"])
    state = {"shape": snapshot.SHAPE, "a": [(row, 1), (row, 2)], "b": {"x": row}}
    path = snapshot.save(tmp_path, "pathway-cache-x.pickle", state)
    assert path == tmp_path / "pathway-cache-x.pickle"
    got = snapshot.load(tmp_path, "pathway-cache-x.pickle")
    assert got == state
    assert got is not None
    back = got["a"][0][0]
    assert back is got["a"][1][0] is got["b"]["x"]  # one object, as it was
    assert back["site"] is got["a"][1][0]["site"]


def test_saving_deletes_the_other_snapshots_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    old = tmp_path / "pathway-cache-old.pickle"
    old.write_bytes(b"x")
    other = tmp_path / "unrelated.txt"
    other.write_text("kept")
    snapshot.save(tmp_path, "pathway-cache-new.pickle", {"shape": snapshot.SHAPE})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pathway-cache-new.pickle",
        "unrelated.txt",
    ]


def test_a_missing_or_unreadable_file_is_none_and_a_bad_one_deleted(tmp_path: Path) -> None:
    assert snapshot.load(tmp_path, "pathway-cache-none.pickle") is None
    bad = tmp_path / "pathway-cache-bad.pickle"
    for content in (b"garbage", pickle.dumps({"shape": snapshot.SHAPE + 1}), pickle.dumps([1])):
        bad.write_bytes(content)
        assert snapshot.load(tmp_path, bad.name) is None
        assert not bad.exists()


def test_a_directory_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert snapshot.save(blocker / "sub", "pathway-cache-x.pickle", {}) is None
