"""A gap report reads a territory's offers from the establishments that offer there: the places
of each establishment's offers are kept on its node (cypher/actors_offer_places.cypher, written
by loads, imports and restores; edit_offer_create adds an offer's own). On each engine, the
offers read that way must be those of the plain filter over every offer (gaps_offers), before
and after an edit that opens an offer where the establishment offered nothing yet."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.edits import OfferCreate, create_offer
from graph.gaps import gap_report
from graph.gaps.data import OFFER_FIELDS, read_offers
from graph.ingest.backup import export_graph, restore_graph
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from graph.territory import Point, Territory

GAP_SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds_gaps"
SRC = "test: an offer opened in Albi"

TERRITORIES = [
    Territory(departements=["012", "046"]),
    Territory(departements=["081"]),
    Territory(departements=["015", "081"]),
    Territory(region="76"),
    Territory(region="84"),
    Territory(near=Point(lat=44.6, lon=2.03), radius_km=30),
    Territory(departements=["046"], region="76"),
]


def _offers(store: GraphStore, territory: Territory) -> list[tuple[Any, ...]]:
    rows = read_offers(store, "gaps_offer_rows", territory.query_params())
    return sorted(
        (r["actor"]["id"], r["diploma"]["code"], *(str(r["offer"][k]) for k in OFFER_FIELDS))
        for r in rows
    )


def _every_offer(store: GraphStore, territory: Territory) -> list[tuple[Any, ...]]:
    """The plain filter: every OFFERS relationship tested against the territory."""
    rows = store.read("gaps_offers", codes=None, **territory.query_params())
    return sorted(
        {
            (r["actor"]["id"], r["diploma"]["code"], *(str(r["offer"][k]) for k in OFFER_FIELDS))
            for r in rows
        }
    )


def _territories(store: GraphStore) -> list[Territory]:
    campuses = [Territory(campus=c["id"]) for c in store.read("gaps_campuses")]
    assert campuses
    return TERRITORIES + campuses


def test_the_offers_read_from_the_establishments_are_those_of_every_offer(
    new_store: Callable[..., GraphStore],
) -> None:
    store = new_store()
    load_seeds(store, load_seed_dir(GAP_SEEDS))
    for territory in _territories(store):
        assert _offers(store, territory) == _every_offer(store, territory), territory
    assert _offers(store, Territory(departements=["081"]))  # the fixture offers in Albi

    # the lycée of Decazeville opens an offer in Albi (081), where it offered nothing
    before = gap_report(store, Territory(departements=["081"]), cached=False).model_dump()
    create_offer(
        store,
        "test",
        OfferCreate(
            actor="lycee", diploma="BTS-USI", site="81004", modality="apprenticeship", source=SRC
        ),
    )
    albi = _offers(store, Territory(departements=["081"]))
    assert any(o[0] == "lycee" and o[1] == "BTS-USI" for o in albi)
    for territory in _territories(store):
        assert _offers(store, territory) == _every_offer(store, territory), territory
    after = gap_report(store, Territory(departements=["081"]), cached=False).model_dump()
    assert after != before
    # the lists stay sorted (a backup restored recomputes them: the same graph)
    create_offer(
        store,
        "test",
        OfferCreate(
            actor="lycee-albi", diploma="BTS-USI", site="12089", modality="school", source=SRC
        ),
    )
    for actor in ("lycee", "lycee-albi"):
        props = store.read("actor_get", id=actor)[0]["actor"]
        assert props["offer_departements"] == ["012", "081"], actor
        assert props["offer_regions"] == sorted(props["offer_regions"])
    for territory in _territories(store):
        assert _offers(store, territory) == _every_offer(store, territory), territory


def test_a_restore_writes_the_places_of_the_offers_it_restores(
    new_store: Callable[..., GraphStore], tmp_path: Path
) -> None:
    source = new_store()
    load_seeds(source, load_seed_dir(GAP_SEEDS))
    create_offer(
        source,
        "test",
        OfferCreate(
            actor="lycee", diploma="BTS-USI", site="81004", modality="apprenticeship", source=SRC
        ),
    )
    path = tmp_path / "backup.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        export_graph(source, fh)
    # a backup edited by hand: the lycée's lists no longer name Albi, its offer there remains
    lines = path.read_text(encoding="utf-8").splitlines()
    edited = []
    for line in lines:
        record = json.loads(line)
        if record.get("label") == "Actor" and record.get("key") == {"id": "lycee"}:
            places = record["props"]["offer_departements"]
            assert "081" in places
            record["props"]["offer_departements"] = [d for d in places if d != "081"]
            line = json.dumps(record, ensure_ascii=False)
        edited.append(line)
    assert edited != lines
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")
    target = new_store()
    with path.open(encoding="utf-8") as fh:
        restore_graph(target, fh)
    for territory in _territories(target):
        assert _offers(target, territory) == _every_offer(target, territory), territory
    assert any(o[0] == "lycee" for o in _offers(target, Territory(departements=["081"])))
