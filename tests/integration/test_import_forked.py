"""The offers in bulk built and encoded by a forked child (graph/ingest/opendata/forked.py):
the graph is the one the Cypher path writes, first import and re-import; a child that fails,
is killed or hangs leaves the offers to this process (the same graph); a write that fails before
the offers changes nothing and leaves no child behind."""

from __future__ import annotations

import gc
import os
import signal
import time
import weakref
from pathlib import Path
from typing import Any

import pytest

from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import InvalidQuery
from graph.ingest.opendata import forked, run_import, writer
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import BulkRelationships, Statement
from tests.conftest import make_settings
from tests.integration.test_import_bulk import FIX, MAX, _imports, _seeds
from tests.integration.test_loader import _snapshot

PARENT = os.getpid()


@pytest.fixture(scope="module")
def cypher(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list, list]]:
    """The graph the Cypher statements write (no bulk, no fork), import and re-import."""
    tmp = tmp_path_factory.mktemp("cypher")
    return _imports(tmp, _seeds(tmp), bulk=False)


def _children(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, list[Any], bool]]:
    """Each child forked (the passerelles, then the offers), with the statements the parent
    took from it, and whether it gave them all (the others built here)."""
    seen: list[tuple[int | None, list[Any], bool]] = []
    closed: set[int] = set()
    real_close = forked.Forked.close

    def close(self: forked.Forked) -> None:
        if id(self) not in closed:
            closed.add(id(self))
            seen.append((self.child, list(self.taken), self.complete))
        real_close(self)

    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 1)
    monkeypatch.setattr(forked.Forked, "close", close)
    return seen


def test_offers_built_in_a_forked_child_write_the_cypher_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cypher: list[tuple[list, list]]
) -> None:
    children = _children(monkeypatch)
    assert _imports(tmp_path, _seeds(tmp_path), bulk=True) == cypher
    assert len(children) == 2  # a child per import
    for pid, got, complete in children:
        assert pid is not None and pid != PARENT and complete
        related = [st for st in got if isinstance(st, BulkRelationships)]  # encoded there
        assert related and all(isinstance(r[2], bytes) for st in related for r in st.params["rows"])
        with pytest.raises(ChildProcessError):  # reaped: none left
            os.waitpid(pid, os.WNOHANG)


def test_statements_are_taken_as_the_child_builds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cypher: list[tuple[list, list]]
) -> None:
    """The first statement is sent while the child still builds the next: taken before it
    has given them all."""
    children = _children(monkeypatch)
    monkeypatch.setattr(writer, "BATCH", 40)  # several offer statements
    real = FalkorDBStore.encoded
    built: dict[int, int] = {}  # per process: the statements encoded
    before_the_last: list[bool] = []
    real_take = forked.Forked._take

    def slow(st: Statement) -> Statement:
        me = os.getpid()
        if me != PARENT and built.get(me):  # the child, after its first statement
            time.sleep(0.2)
        built[me] = built.get(me, 0) + 1
        return real(st)

    def take(self: forked.Forked) -> bool:
        got = real_take(self)
        before_the_last.append(got and not self.complete and self._pid is not None)
        return got

    monkeypatch.setattr(FalkorDBStore, "encoded", staticmethod(slow))
    monkeypatch.setattr(forked.Forked, "_take", take)
    assert _imports(tmp_path, _seeds(tmp_path), bulk=True) == cypher
    assert len(children) == 2
    for _, got, complete in children:
        assert complete and len(got) > 2
    assert any(before_the_last)


@pytest.mark.parametrize("how", ["raises", "killed", "stuck", "raises later"])
def test_a_failing_child_leaves_the_offers_to_this_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cypher: list[tuple[list, list]],
    how: str,
) -> None:
    children = _children(monkeypatch)
    monkeypatch.setattr(writer, "BATCH", 40)  # several offer statements
    real = FalkorDBStore.encoded
    built: dict[int, int] = {}  # per process: the statements encoded

    def failing(st: Statement) -> Statement:
        me = os.getpid()
        if me != PARENT and (how != "raises later" or built.get(me) == 2):  # the child
            if how == "killed":
                os.kill(me, signal.SIGKILL)
            if how == "stuck":  # as on a lock inherited held: killed at the deadline
                time.sleep(3600)
            raise RuntimeError("the child fails")
        built[me] = built.get(me, 0) + 1
        return real(st)

    monkeypatch.setattr(FalkorDBStore, "encoded", staticmethod(failing))
    monkeypatch.setattr(forked, "CHILD_WAIT_S", 2.0)
    assert _imports(tmp_path, _seeds(tmp_path), bulk=True) == cypher
    assert len(children) == 2
    for pid, got, complete in children:
        assert not complete
        # the child's first two, then the rest built here; otherwise all built here
        assert len(got) == (2 if how == "raises later" else 0)
        assert pid is not None
        with pytest.raises(ChildProcessError):  # reaped: none left
            os.waitpid(pid, os.WNOHANG)


def test_a_write_failing_before_the_offers_changes_nothing_and_ends_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 1)
    started: list[int] = []
    real_start = forked.Forked._start

    def start(self: forked.Forked, *args: Any) -> int | None:
        pid = real_start(self, *args)
        if pid is not None:
            started.append(pid)
        return pid

    monkeypatch.setattr(forked.Forked, "_start", start)
    real_run = FalkorDBStore._run

    def failing(self: FalkorDBStore, graph: str, name: str, *args: Any, **kw: Any) -> Any:
        if name == "import_sweep_delete":  # run by Cypher, before the offers
            raise InvalidQuery("the statement fails")
        return real_run(self, graph, name, *args, **kw)

    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(_seeds(tmp_path)))
        before = _snapshot(store)
        monkeypatch.setattr(FalkorDBStore, "_run", failing)
        with pytest.raises(InvalidQuery):
            run_import(store, FIX, max_rejected=MAX)
        monkeypatch.setattr(FalkorDBStore, "_run", real_run)
        assert _snapshot(store) == before
    finally:
        store.close()
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # reaped: no child left
        os.waitpid(started[0], os.WNOHANG)


def test_the_parsed_offers_are_freed_without_the_cyclic_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import runs with the cyclic collector off: once it returns, the offers the child
    was built from are freed by their reference counts (a cycle through the child kept them
    until the collector ran, 0.15 s of collection at national size)."""
    children = _children(monkeypatch)
    kept: list[weakref.ref[Any]] = []
    real_build = writer.build_statements

    def build(data: Any, *args: Any, **kwargs: Any) -> Any:
        kept.append(weakref.ref(data.offers[0]))
        return real_build(data, *args, **kwargs)

    monkeypatch.setattr(writer, "build_statements", build)
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    enabled = gc.isenabled()
    try:
        load_seeds(store, load_seed_dir(_seeds(tmp_path)))
        gc.collect()
        gc.disable()
        run_import(store, FIX, max_rejected=MAX)
        assert len(children) == 1 and children[0][2]  # built by the child
        assert kept and kept[0]() is None
    finally:
        if enabled:
            gc.enable()
        store.close()


def _import_with_report(tmp: Path, seeds: Path) -> tuple[tuple[list, list], dict[str, Any]]:
    store = FalkorDBStore(make_settings(tmp / "db"))
    try:
        load_seeds(store, load_seed_dir(seeds))
        summary = run_import(store, FIX, max_rejected=MAX)
        report = summary.to_dict()
        for timing in ("timings", "seconds", "rows_per_s"):
            report.pop(timing, None)
        return _snapshot(store), report
    finally:
        store.close()


def test_passerelles_inferred_by_a_forked_child_write_the_graph_and_report_of_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The passerelles are inferred by the child, forked before the node statements are built
    (they are written meanwhile, with a run key that does not name the passerelles), which
    then builds the offers: the same graph, the same report (their counts, the statements'
    number) as all built here."""
    seeds = _seeds(tmp_path)
    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 10**9)  # no child
    here = _import_with_report(tmp_path / "here", seeds)
    children = _children(monkeypatch)
    forks: list[forked.Forked] = []
    real_init = forked.Forked.__init__

    def init(self: forked.Forked, *args: Any) -> None:
        real_init(self, *args)
        forks.append(self)

    started_at: list[bool] = []  # at the first node statement: the child forked already
    real_bulk_nodes = FalkorDBStore._bulk_nodes

    def bulk_nodes(self: FalkorDBStore, graph: str, st: Any, *args: Any) -> None:
        if st.label == "Site":
            started_at.append(bool(forks))
        real_bulk_nodes(self, graph, st, *args)

    monkeypatch.setattr(forked.Forked, "__init__", init)
    monkeypatch.setattr(FalkorDBStore, "_bulk_nodes", bulk_nodes)
    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 1)
    there = _import_with_report(tmp_path / "there", seeds)
    assert there == here
    assert here[1]["nodes"]["Passerelle"]["written"] > 10
    assert len(children) == 1
    pid, got, complete = children[0]
    assert pid is not None and pid != PARENT and complete
    names = [st.name for st in got]  # the passerelles first, then the offers
    first_offers = names.index("import_link_offers")
    assert set(names[:first_offers]) == {"import_passerelles", "import_link_passerelles"}
    assert set(names[first_offers:]) == {"import_link_offers"}
    assert started_at == [True]
    with pytest.raises(ChildProcessError):  # reaped
        os.waitpid(pid, os.WNOHANG)


def test_a_failing_passerelle_child_leaves_them_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = _seeds(tmp_path)
    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 10**9)
    here = _import_with_report(tmp_path / "here", seeds)
    children = _children(monkeypatch)
    real = writer._passerelle_rows

    def failing(*args: Any) -> Any:
        if os.getpid() != PARENT:
            raise RuntimeError("the child fails")
        return real(*args)

    monkeypatch.setattr(writer, "_passerelle_rows", failing)
    monkeypatch.setattr(writer, "FORK_MIN_OFFERS", 1)
    assert _import_with_report(tmp_path / "there", seeds) == here
    assert len(children) == 1
    pid, got, complete = children[0]
    assert pid is not None and not complete and not got  # the offers built here too
