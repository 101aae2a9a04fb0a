"""Shared fixtures: real embedded FalkorDB stores in temporary directories (never a mock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MINI_SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds_mini"


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(graph_uri="embedded", data_dir=data_dir, **overrides)


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[FalkorDBStore]:
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    """The hand-built mini campus (known answers). Tests must not modify it."""
    store = FalkorDBStore(make_settings(tmp_path_factory.mktemp("mini") / "db"))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorDBStore]:
    """The real seed data of the five campuses. Tests must not modify it."""
    store = FalkorDBStore(make_settings(tmp_path_factory.mktemp("seed") / "db"))
    load_seeds(store, load_seed_dir(SEEDS))
    yield store
    store.close()


@pytest.fixture(scope="session")
def mini_client(
    mini_store: FalkorDBStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=mini_store)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="session")
def seed_client(
    seed_store: FalkorDBStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=seed_store)
    with TestClient(app) as client:
        yield client
