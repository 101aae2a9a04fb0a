"""Establishments no directory names, and one that teaches only at a distance, on each real
engine, over a cut of the national files (``tests/fixtures/opendata_uai/``, the Rhône):
graph/ingest/opendata/unnamed.py and graph/distance_learning.py.

In the Rhône, 44 of the 72 establishments the activity files give for the Bac pro commerce et
vente and the BTS MCO / NDRC are named by no published file (the Annuaire covers Occitanie
only): 32 appear only in the BTS files' apprenticeship rows, the others in Affelnet or the
constat (voie scolaire). The CNED's Lyon UAI (0690276A) offers the BTS MCO and NDRC entirely at
a distance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.gaps.data import read_gap_data
from graph.store import GraphStore
from graph.territory import Territory
from tests.conftest import StoreMaker, ask, imported_client, national_table_seeds
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_uai"
BAC_MCV_A = "40031213"  # Bac pro métiers du commerce et de la vente, option A
BTS_MCO = "32031213"
CNED = "uai-0690276a"
LYON = "45.7640,4.8357"
CNED_PLACE = "45.7797,4.82018"  # the Parcoursup extract's position of its programmes
APPRENTICESHIP_ONLY = "0690723L"  # six BTS rows, all « en apprentissage »
AFFELNET_ONLY = "0690045Z"  # one Affelnet row (voie scolaire)
CONSTAT_ONLY = "0690641X"  # one row of the constat (voie scolaire)
SECONDARY_BY_EXTRACT = "0690553B"  # named by the Parcoursup extract, Affelnet lists its CAP


@pytest.fixture(scope="module")
def imported(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[GraphStore, TestClient]]:
    store = session_stores()
    for client in imported_client(
        store,
        FIXTURE,
        tmp_path_factory,
        seeds=national_table_seeds(tmp_path_factory),
        as_of=date(2026, 12, 5),
    ):
        yield store, client


@pytest.fixture(scope="module")
def client(imported: tuple[GraphStore, TestClient]) -> TestClient:
    return imported[1]


def _actor(client: TestClient, uai: str) -> dict[str, Any]:
    r = client.get(f"/actors/uai-{uai.lower()}")
    assert r.status_code == 200, r.text
    return r.json()


def test_an_establishment_no_file_names_says_so_with_its_departement_never_its_uai(
    client: TestClient,
) -> None:
    """Its name carried its UAI (« … (code UAI 0690723L, Rhône) »), a code no learner reads
    (answers19): the UAI stays its `uai`."""
    a = _actor(client, APPRENTICESHIP_ONLY)
    assert a["uai"] == APPRENTICESHIP_ONLY
    assert a["name"] == ("Établissement sans nom dans les fichiers publics (Rhône)")


def test_its_kind_is_what_its_offers_say_never_autre(client: TestClient) -> None:
    """Apprenticeship rows only: at least a place where apprentices are trained; a voie
    scolaire row says pupils are taught there, not what the establishment is."""
    assert _actor(client, APPRENTICESHIP_ONLY)["kind"] == "training_centre"
    assert _actor(client, AFFELNET_ONLY)["kind"] == "unspecified"
    assert _actor(client, CONSTAT_ONLY)["kind"] == "unspecified"
    r = client.get("/actors", params={"kind": "other", "limit": 200})
    assert r.status_code == 200, r.text
    assert not [a for a in r.json()["items"] if a.get("uai")]  # no imported one is « autre »
    r = client.get("/actors", params={"kind": "unspecified", "limit": 200})
    assert r.status_code == 200, r.text
    # the 44 unnamed minus the 32 apprenticeship-only, and the Centre Scolaire Notre Dame
    # (below), named by the Parcoursup extract without a kind
    assert len(r.json()["items"]) == 13


def test_an_establishment_teaching_secondary_pupils_is_no_higher_education(
    client: TestClient,
) -> None:
    """Centre Scolaire Notre Dame (0690553B): the Parcoursup extract alone names it (its BTS),
    and its name says no kind, so it was « enseignement supérieur »; Affelnet lists its CAP and
    Bac pro (graph/ingest/opendata/unnamed.py secondary_kind): its kind is not known, said so."""
    a = _actor(client, SECONDARY_BY_EXTRACT)
    assert a["name"] == "Centre Scolaire Notre Dame"
    assert a["kind"] == "unspecified", a


def test_a_named_establishment_keeps_its_directory_name_and_kind(client: TestClient) -> None:
    a = _actor(client, "0690563M")  # named by the Parcoursup extract
    assert not a["name"].startswith("Établissement sans nom")
    assert a["kind"] not in ("unspecified", "other")


def test_the_cned_is_never_proposed_as_a_place_near_home(client: TestClient) -> None:
    """Lyon, Bac pro commerce et vente → BTS MCO, within 3 km of the CNED's Lyon address: it
    came second, « 1,8 km » from the learner's home, before a CFA at 2.6 km; it is now after
    every establishment teaching on site, with no distance, flagged « à distance »."""
    answer = ask(
        client,
        **{"from": BAC_MCV_A, "to": BTS_MCO, "near": CNED_PLACE, "radius_km": 3},
        home=LYON,
        limit=5,
    )
    assert answer["pathways"], answer["reason"]
    (offers,) = [s["offers"] for p in answer["pathways"] for s in p["steps"][1:]]
    assert [o["actor_id"] for o in offers][-1] == CNED
    *local, cned = offers
    assert local and all(o["distance_km"] > 1.8 for o in local[1:])  # farther, yet before
    assert not any(o["distance_learning"] for o in local)
    assert cned["distance_learning"] is True and cned["distance_km"] is None
    assert not cned["chosen"]
    assert_plain_french(sentences(answer))


def test_a_step_taken_at_a_distance_says_so_and_counts_no_km(client: TestClient) -> None:
    """In voie scolaire within 1.5 km of it, the CNED is the only offer: proposed, said
    « à distance », no km travelled and no unknown distance counted against the pathway."""
    answer = ask(
        client,
        **{"from": BAC_MCV_A, "to": BTS_MCO, "near": CNED_PLACE, "radius_km": 1.5},
        home=LYON,
        modality="school",
    )
    (pathway,) = answer["pathways"]
    (chosen,) = [o for o in pathway["steps"][1]["offers"] if o["chosen"]]
    assert chosen["actor_id"] == CNED and chosen["distance_learning"] is True
    step = next(e for e in pathway["score"]["explanation"] if e.startswith("Étape 1 "))
    assert "formation à distance, sans lieu de formation local" in step, step
    assert " km" not in step, step
    components = pathway["score"]["components"]
    assert not components.get("travel") and not components.get("unknown_distance")
    assert_plain_french(sentences(answer))


def test_the_cned_is_no_training_of_the_territory_in_a_gap_report(
    imported: tuple[GraphStore, TestClient],
) -> None:
    store, client = imported
    data = read_gap_data(store, Territory(departements=["069"]), None)
    assert data.offers, "the Rhône's offers are read"
    assert CNED not in {r["actor"]["id"] for r in data.offers}
    assert CNED not in {r["actor"]["id"] for r in data.inside}
    assert data.remote == ["CNED"]
    r = client.get("/gaps", params={"departements": "69"})
    assert r.status_code == 200, r.text
    (section,) = [x for x in r.json()["sections"] if x["id"] == "continuum_breaks"]
    assert "enseignant entièrement à distance : CNED" in (section.get("note") or ""), section
    # a filière it does not teach: not named in that filière's report (the Puy-de-Dôme's
    # « Maintenance industrielle » named the Institut Agro's distance courses)
    for sector, named in (("nsf-312", True), ("nsf-251", False)):
        r = client.get("/gaps", params={"departements": "69", "sector": sector})
        assert r.status_code == 200, r.text
        (section,) = [x for x in r.json()["sections"] if x["id"] == "continuum_breaks"]
        assert ("CNED" in (section.get("note") or "")) is named, (sector, section)
    # it is still an establishment of the graph, flagged
    r = client.get(f"/actors/{CNED}")
    assert r.status_code == 200 and r.json()["name"] == "CNED"


def test_unplaced_establishments_no_file_names_are_counted_never_listed_by_code(
    client: TestClient,
) -> None:
    """Cantal, Creuse, Lozère: the notice of the establishments without a position listed
    « Établissement non nommé dans les fichiers publics (code UAI 0150008C, Cantal) » one after
    the other, a code no learner reads. In the Rhône, Bac pro commerce et vente → BTS MCO: those
    no file names are counted (« et N établissements sans nom dans les fichiers publics »), the
    named ones still listed; no sentence shows a UAI."""
    answer = ask(
        client, **{"from": BAC_MCV_A, "to": BTS_MCO, "departements": "69"}, home=LYON, limit=5
    )
    assert answer["pathways"], answer["reason"]
    text = " ".join(sentences(answer))
    assert "code UAI" not in text and "non nommé" not in text
    (note,) = [n for n in answer["notices"] if n.startswith("Distances depuis ")]
    # the 28 establishments of the Rhône offering the BTS MCO without a position are all
    # unnamed: counted in the head, said once
    assert re.match(r"Distances depuis .*: \d+ établissements du territoire sans position", note)
    assert note.endswith(
        "(à vérifier) : tous sans nom dans les fichiers publics, dans le département du Rhône (69)."
    ), note
    assert_plain_french(sentences(answer))
