"""The offers written in bulk on FalkorDB (GRAPH.BULK, graph/engines/falkordb_bulk.py) are the
relationships the Cypher statements write, property for property, to the last bit of a float.

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

from graph.engines.falkordb_store import FalkorDBStore
from graph.errors import InvalidQuery
from graph.ingest.opendata import parse_directory, run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import BulkRelationships, GraphStore, Statement
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


def test_bulk_offers_equal_cypher_offers_with_a_seed_actor_the_files_do_not_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = _seeds(tmp_path)
    bulks: list[int] = []
    real_bulk = FalkorDBStore._bulk

    def counting(self: FalkorDBStore, graph: str, st: Any, *args: Any) -> None:
        bulks.append(len(st.params["rows"]))
        real_bulk(self, graph, st, *args)

    with monkeypatch.context() as m:
        m.setattr(FalkorDBStore, "_bulk", counting)
        bulk = _imports(tmp_path / "bulk", seeds, bulk=True)
    assert bulks  # the bulk path ran
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
