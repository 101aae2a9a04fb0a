"""The offers and new nodes written in bulk on FalkorDB (GRAPH.BULK, graph/engines/
falkordb_bulk.py) are the relationships and nodes the Cypher statements write, property for
property, to the last bit of a float; the nodes are in the indexes and constraints, and a node
the graph has already is never created a second time.

tests/integration/test_import_fast_paths.py compares the whole graph on the national fixtures;
here: an offer whose place the import does not know whole at a seed actor (left to Cypher,
which reads the seed's place on the node), a re-import over a bulk import, and exact floats
(the snapshots read floats back with 15 significant digits).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.engines import falkordb_bulk, falkordb_store
from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import InvalidQuery
from graph.ingest.opendata import parse_directory, run_import
from graph.ingest.opendata.writer import GraphState, build_statements
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import BulkNodes, BulkRelationships, GraphStore, Statement
from tests.conftest import MINI_SEEDS, make_settings
from tests.integration.test_loader import _snapshot
from tests.raw_query import raw_rows

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_national"
MAX = 0.25  # the fixture keeps the country's rejected rows
UNPLACED = "0760007V"  # named by the activity files only: no commune, no coordinates


def _seeds(tmp: Path) -> Path:
    """The mini seeds, their lycée given the UAI of an establishment the files do not place."""
    seeds = tmp / "seeds"
    shutil.copytree(MINI_SEEDS, seeds)
    toml = seeds / "mini.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'uai = "0120006J"' in text
    toml.write_text(text.replace('uai = "0120006J"', f'uai = "{UNPLACED}"'), encoding="utf-8")
    return seeds


def _imports(tmp: Path, seeds: Path, *, bulk: bool) -> list[tuple[list, list]]:
    store = FalkorDBStore(make_settings(tmp / "db"))
    try:
        load_seeds(store, load_seed_dir(seeds))
        snapshots = []
        for _ in range(2):  # the import, then the re-import over it
            run_import(store, FIX, max_rejected=MAX, bulk=bulk)
            snapshots.append(_snapshot(store))
        return snapshots
    finally:
        store.close()


def test_bulk_offers_and_nodes_equal_cypher_with_a_seed_actor_the_files_do_not_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = _seeds(tmp_path)
    bulks: list[str] = []
    real_bulk = FalkorDBStore._bulk

    def counting(self: FalkorDBStore, graph: str, st: Any, *args: Any) -> None:
        bulks.append(st.rel_type)
        real_bulk(self, graph, st, *args)

    with monkeypatch.context() as m:
        m.setattr(FalkorDBStore, "_bulk", counting)
        nodes = _bulk_created(m)
        bulk = _imports(tmp_path / "bulk", seeds, bulk=True)
    # the bulk path ran: the offers and the passerelles' links
    assert {"OFFERS", "FROM_DIPLOMA", "TO_DIPLOMA", "LEADS_TO"} <= set(bulks)
    # new nodes too (the first import's)
    assert {"Actor", "Diploma", "Site", "Passerelle"} <= set(nodes)
    cypher = _imports(tmp_path / "cypher", seeds, bulk=False)
    assert bulk == cypher
    # the seed lycée's offers are there, placed where the seed places it (read on the node)
    seed_offers = [r for r in bulk[1][1] if "'lycee-a'" in r and "'OFFERS'" in r]
    assert seed_offers and all("'site': '12089'" in r for r in seed_offers)


def test_bulk_offers_keep_every_float_exact(tmp_path: Path) -> None:
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        run_import(store, FIX, max_rejected=MAX)
        data = parse_directory(FIX, max_rejected=MAX, parallel=False)
        rows = [
            {"uai": o.uai, "code": o.code, "modality": o.modality, "lat": e.lat, "lon": e.lon}
            for o in data.offers
            if (e := data.establishments[o.uai]).lat is not None
        ]
        assert len(rows) > 100
        # parameters are exact (repr of the float); 15 digits read back would not be
        exact = raw_rows(
            store,
            "UNWIND $rows AS r MATCH (a:Actor {uai: r.uai})-[o:OFFERS]->(d:Diploma {code: r.code}) "
            "WHERE o.origin = 'import' AND o.modality = r.modality "
            "AND o.lat = r.lat AND o.lon = r.lon RETURN count(o)",
            {"rows": rows},
        )
        assert exact[0][0] == len(rows)
        pressures = raw_rows(
            store,
            "MATCH ()-[o:OFFERS]->() WHERE o.origin = 'import' AND o.capacity > 0 "
            "AND o.demand IS NOT NULL "
            "RETURN count(o), sum(CASE WHEN o.pressure = round(1000.0 * o.demand / o.capacity)"
            " / 1000.0 THEN 1 ELSE 0 END)",
        )
        assert pressures[0][0] > 100 and pressures[0][0] == pressures[0][1]
    finally:
        store.close()


def test_a_bulk_that_fails_leaves_the_graph_as_it_was(tmp_path: Path) -> None:
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        before = _snapshot(store)
        bad = BulkRelationships(
            "import_link_offers",
            {"rows": [("0120006J", "40025005", (("import", "a\x00b"),))]},
            rel_type="OFFERS",
            ends="import_offer_ends",
            props=("origin", "source"),
        )
        with pytest.raises(InvalidQuery):
            store.write_atomic([Statement("import_clear_relationships"), bad])
        assert _snapshot(store) == before
        good = replace(bad, params={"rows": [("0120006J", "40025005", (("import", "ok"),))]})
        store.write_atomic([good])
        assert _snapshot(store) != before  # the same statement without the NUL writes
    finally:
        store.close()


def test_offer_places_written_with_the_actors_are_those_the_query_computes(
    empty_store: GraphStore,
) -> None:
    """The import writes each establishment's offer places with it (the seed actors' and
    the others' by cypher/actors_offer_places_not_imported.cypher): an offer it keeps (an
    edit's, on an establishment it imports) counts; running the query over every actor
    afterwards changes nothing."""
    store = empty_store
    load_seeds(store, load_seed_dir(MINI_SEEDS))
    run_import(store, FIX, max_rejected=MAX)
    uai, code = raw_rows(
        store,
        "MATCH (a:Actor)-[o:OFFERS]->(d:Diploma) WHERE o.origin = 'import' "
        "AND NOT coalesce(a.seed, false) RETURN a.uai, d.code ORDER BY a.uai, d.code LIMIT 1",
    )[0]
    raw_rows(
        store,
        "MATCH (a:Actor {uai: $uai}), (d:Diploma {code: $code}) "
        "CREATE (a)-[:OFFERS {origin: 'edit', departement: '2A', region_code: '94', "
        "campus: 'mini'}]->(d)",
        {"uai": uai, "code": code},
    )
    run_import(store, FIX, max_rejected=MAX)
    deps, campuses = raw_rows(
        store,
        "MATCH (a:Actor {uai: $uai}) RETURN a.offer_departements, a.offer_campuses",
        {"uai": uai},
    )[0]
    assert "2A" in deps and deps == sorted(deps) and len(deps) >= 2
    assert campuses == ["mini"]
    before = _snapshot(store)
    assert any("offer_departements" in n for n in before[0])
    store.write("actors_offer_places")
    assert _snapshot(store) == before


def _bulk_created(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, per label, the nodes FalkorDB creates with GRAPH.BULK during the test."""
    counts: dict[str, int] = {}
    sent: list[str] = []
    real = FalkorDBStore._bulk_nodes
    real_header = falkordb_bulk.node_header

    def header(label: str, props: Any) -> bytes:
        sent.append(label)  # only for a token that is sent
        return real_header(label, props)

    def counting(self: FalkorDBStore, graph: str, st: Any, prepared: Any, keys: Any) -> None:
        sent.clear()
        real(self, graph, st, prepared, keys)
        if sent:
            counts[st.label] = counts.get(st.label, 0) + len(prepared.keys)

    monkeypatch.setattr(falkordb_store, "node_header", header)
    monkeypatch.setattr(FalkorDBStore, "_bulk_nodes", counting)
    return counts


def test_nodes_created_in_bulk_are_in_the_indexes_and_constraints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GRAPH.BULK into the existing staging graph: the nodes it creates are found through
    the range indexes and held by the uniqueness constraints like those MERGE creates."""
    counts = _bulk_created(monkeypatch)
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        run_import(store, FIX, max_rejected=MAX)
        assert counts.get("Actor", 0) > 100 and counts.get("Diploma", 0) > 100
        assert counts.get("Site", 0) > 10
        for label, prop in (
            ("Actor", "uai"),
            ("Actor", "id"),
            ("Diploma", "code"),
            ("Site", "insee"),
        ):
            value = raw_rows(
                store,
                f"MATCH (n:{label}) WHERE n.imported AND NOT coalesce(n.seed, false) "
                f"RETURN n.{prop} ORDER BY n.{prop} DESC LIMIT 1",
            )[0][0]
            query = f"MATCH (n:{label} {{{prop}: $v}}) RETURN count(n)"
            plan = store._wredis.execute_command(
                "GRAPH.EXPLAIN", store.graph_name, f"CYPHER v='{value}' {query}"
            )
            assert any("Index Scan" in str(step) for step in plan), (label, prop, plan)
            assert raw_rows(store, query, {"v": value}) == [[1]]
        for label, prop in (("Actor", "id"), ("Diploma", "code"), ("Site", "insee")):
            value = raw_rows(
                store,
                f"MATCH (n:{label}) WHERE n.imported AND NOT coalesce(n.seed, false) "
                f"RETURN n.{prop} LIMIT 1",
            )[0][0]
            with pytest.raises(Exception, match="unique constraint"):
                raw_rows(store, f"CREATE (:{label} {{{prop}: $v}})", {"v": value})
    finally:
        store.close()


def test_bulk_nodes_whose_key_the_graph_has_go_through_the_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A state read before a write that added the nodes (the import's state is read on the
    live graph, its staging graph may be copied again): GRAPH.BULK would create second nodes
    (it checks no constraint), so the store sends those rows to the statement."""
    counts = _bulk_created(monkeypatch)
    store = FalkorDBStore(make_settings(tmp_path / "db"))
    try:
        load_seeds(store, load_seed_dir(MINI_SEEDS))
        run_import(store, FIX, max_rejected=MAX)
        first = dict(counts)
        count = "MATCH (n) WHERE n:Actor OR n:Diploma OR n:Site RETURN labels(n)[0], count(n)"
        before = sorted(raw_rows(store, count))
        data = parse_directory(FIX, max_rejected=MAX, parallel=False)
        stale = build_statements(data, GraphState(), bulk=True)  # "the graph has no node"
        assert any(isinstance(s, BulkNodes) and s.new for s in stale.statements)
        store.write_atomic(stale.statements)
        # nothing created in bulk but the passerelles, which the import deletes and creates
        # again (import_clear_passerelles)
        passerelles = first.pop("Passerelle")
        assert counts.pop("Passerelle") > passerelles
        assert counts == first, "nothing created in bulk"
        for label, prop in (
            ("Actor", "uai"),
            ("Diploma", "code"),
            ("Site", "insee"),
            ("Passerelle", "id"),
        ):
            twice = raw_rows(
                store,
                f"MATCH (n:{label}) WHERE n.{prop} IS NOT NULL WITH n.{prop} AS k, count(*) AS c "
                "WHERE c > 1 RETURN count(k)",
            )
            assert twice == [[0]], label
        assert sorted(raw_rows(store, count)) == before
    finally:
        store.close()


def test_bulk_passerelles_whose_diplomas_are_missing_go_through_the_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passerelle is written only when both its diplomas are on the graph (the query's
    MATCH): rows naming a diploma the graph lacks go to the statement, which drops them, and
    no link is made in bulk to a node that is not there. Here the import's diplomas are left
    out of the write: the graph equals what the Cypher statements write."""
    counts = _bulk_created(monkeypatch)
    data = parse_directory(FIX, max_rejected=MAX, parallel=False)
    skip = {"import_diplomas", "import_programmes"}
    snapshots = []
    for bulk in (True, False):
        store = FalkorDBStore(make_settings(tmp_path / f"db-{bulk}"))
        try:
            load_seeds(store, load_seed_dir(MINI_SEEDS))
            plan = build_statements(data, GraphState(), bulk=bulk)
            statements = [s for s in plan.statements if s.name not in skip]
            if bulk:
                rows = [
                    r
                    for s in statements
                    if s.name == "import_passerelles"
                    for r in s.params["rows"]
                ]
                assert rows and all(
                    isinstance(s, BulkNodes) for s in statements if s.name == "import_passerelles"
                )
            store.write_atomic(statements)
            snapshots.append(_snapshot(store))
        finally:
            store.close()
    assert "Passerelle" not in counts and "Actor" in counts
    assert snapshots[0] == snapshots[1]
