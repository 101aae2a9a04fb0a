"""Who writes the pathway cache's snapshot (graph/pathways/snapshot.py): processes that serve
nothing — ``cmq load`` and ``cmq import`` once they have written, ``cmq serve`` before its
workers start (a child process) — never a serving worker, which only reads it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from api import cli
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.pathways.data import (
    cache_state,
    forget,
    keep_warm,
    pathway_data,
    snapshot_path,
    write_snapshot,
)
from graph.store import GraphStore
from tests.conftest import MINI_SEEDS


@pytest.fixture
def store(new_store: Callable[..., GraphStore]) -> Iterator[GraphStore]:
    s = new_store()
    try:
        yield s
    finally:
        forget(s)


@pytest.fixture
def cli_on(store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The command line on the test's store, its data directory ``tmp_path``: the directory
    of its snapshots."""

    @contextmanager
    def shared(_settings: object) -> Iterator[GraphStore]:
        yield store  # the test's store: left open

    monkeypatch.setattr(cli, "_store", shared)
    monkeypatch.setenv("CMQ_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CMQ_PATHWAY_SNAPSHOT", raising=False)
    monkeypatch.delenv("CMQ_PATHWAY_PRELOAD", raising=False)
    yield tmp_path / "pathway-cache"


def _files(directory: Path) -> list[Path]:
    return sorted(directory.glob("pathway-cache-*.pickle"))


def _worker_reads(store: GraphStore, directory: Path) -> bool:
    """Whether a worker's start-up preload (read only, as api/main.py keeps it warm) read the
    snapshot."""
    forget(store)
    keep_warm(store, snapshots=directory)
    data = pathway_data(store)
    assert data.preload_thread is not None
    data.preload_thread.join(timeout=60)
    assert data.near_thread is not None
    data.near_thread.join(timeout=60)
    forget(store)
    return data.from_snapshot


def test_cmq_load_writes_the_snapshot_of_the_version_it_leaves(
    store: GraphStore, cli_on: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["load", str(MINI_SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "cache des parcours préparé pour les serveurs en " in out, out
    assert _files(cli_on) == [snapshot_path(store, cli_on)]
    assert cache_state(store)["state"] == "lazy"  # the writer keeps nothing warm
    assert _worker_reads(store, cli_on)
    assert _files(cli_on) == [snapshot_path(store, cli_on)]  # the worker wrote nothing

    # --if-empty on a loaded graph writes nothing: the graph did not change
    assert cli.main(["load", str(MINI_SEEDS), "--if-empty"]) == 0
    assert "cache des parcours" not in capsys.readouterr().out


def test_no_snapshot_when_they_are_off(
    store: GraphStore,
    cli_on: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CMQ_PATHWAY_SNAPSHOT", "0")
    assert cli.main(["load", str(MINI_SEEDS)]) == 0
    assert "cache des parcours" not in capsys.readouterr().out
    assert not cli_on.exists()


def test_cmq_import_writes_it_after_its_write_and_not_for_a_dry_run(
    store: GraphStore, cli_on: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the smallest fixture with every file (an import's size says nothing here): three imports
    # of tests/fixtures/opendata took about two minutes on Neo4j under load
    opendata = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_honest18"
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    assert cli.main(["import", "opendata", str(opendata), "--dry-run"]) == 0
    assert "cache des parcours" not in capsys.readouterr().out
    assert _files(cli_on) == []
    before = store.version()
    assert cli.main(["import", "opendata", str(opendata)]) == 0
    out = capsys.readouterr().out
    assert "cache des parcours préparé pour les serveurs en " in out, out[-500:]
    assert store.version() != before
    assert _files(cli_on) == [snapshot_path(store, cli_on)]
    assert _worker_reads(store, cli_on)
    # --json prints the summary alone (a JSON document), the snapshot written all the same
    assert cli.main(["import", "opendata", str(opendata), "--json"]) == 0
    assert "cache des parcours" not in capsys.readouterr().out
    assert _files(cli_on) == [snapshot_path(store, cli_on)]


def test_cmq_serve_writes_it_in_a_child_before_its_workers_when_there_is_none(
    store: GraphStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """api/cli.py's _snapshot_before_serving, run for real: a spawned child process opens its
    own store on the same database and writes the file; with the file there, nothing is
    started."""
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    settings = store.settings  # type: ignore[attr-defined]
    directory = settings.pathway_snapshot_dir
    assert directory is not None and not _files(directory)
    cli._snapshot_before_serving(settings)
    out = capsys.readouterr().out
    assert "cache des parcours prêt en " in out, out
    assert _files(directory) == [snapshot_path(store, directory)]
    made = _files(directory)[0].stat().st_mtime_ns
    started = time.perf_counter()
    cli._snapshot_before_serving(settings)
    assert time.perf_counter() - started < 5  # no child: the file of the version is there
    assert capsys.readouterr().out == ""
    assert _files(directory)[0].stat().st_mtime_ns == made
    assert _worker_reads(store, directory)

    off = settings.model_copy(update={"pathway_snapshot": False})
    assert off.pathway_snapshot_dir is None
    load_seeds(store, load_seed_dir(MINI_SEEDS))  # a new version: no file of it
    cli._snapshot_before_serving(off)
    assert capsys.readouterr().out == ""
    assert _files(directory) != [snapshot_path(store, directory)]


def test_a_worker_reading_a_snapshot_warms_the_commune_reference_first(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """api/main.py's lifespan (the app owning its store, as a worker): with the snapshot of
    the graph's version there, the commune reference is warmed before the preload reads it
    (its short-lived objects then leave the holes the cache fills: docs/performance.md,
    snap23); without one, the preload reads the database first, then the reference."""
    from fastapi.testclient import TestClient

    from api import main
    from graph.pathways import data as pathway_module

    order: list[str] = []
    real_read = pathway_module._from_snapshot

    def reading(*args: Any) -> Any:
        codes = real_read(*args)
        order.append("database" if codes is None else "snapshot")
        return codes

    monkeypatch.setattr(main.communes_ref, "preload", lambda: order.append("communes"))
    monkeypatch.setattr(pathway_module, "_from_snapshot", reading)
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    settings = store.settings.model_copy(update={"map_preload": False})  # type: ignore[attr-defined]
    directory = settings.pathway_snapshot_dir
    assert directory is not None

    def started() -> list[str]:
        order.clear()
        with TestClient(main.create_app(settings)) as client:
            assert main.wait_for_warm_ups(60) == []
            cache = client.get("/health").json()["pathway_cache"]
            assert cache["state"] == "ready"
        return [*order, cache["filled_from"]]

    assert started() == ["database", "communes", "database"]
    assert _files(directory) == []  # the worker wrote nothing
    assert write_snapshot(store, directory) is not None
    assert started() == ["communes", "snapshot", "snapshot"]


def test_cmq_serve_starts_without_a_snapshot_when_the_database_is_unreachable(
    store: GraphStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workers say the database is down (/health) and retry; the writer is skipped."""
    settings = store.settings.model_copy(  # type: ignore[attr-defined]
        update={"graph_uri": "redis://127.0.0.1:1", "data_dir": tmp_path / "down"}
    )
    cli._snapshot_before_serving(settings)
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "down" / "pathway-cache").exists()
