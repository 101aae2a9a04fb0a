"""Goal diplomas of a field next to the start's, offered in the territory, are named, never
linked, on each real engine, over a fixture cut from the national files
(``tests/fixtures/opendata_neighbour/``): a national review found BTS SAM → niveau 6 around
Rennes naming only BUT at Lannion, 150 km away, while the IUT de Rennes offers the BUT GEA, and
the BTSA GPN → BUT in Corse silent on the BUT génie biologique at Corte
(graph/pathways/neighbour_goals.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from graph.edits import OfferCreate, OfferDelete, create_offer, delete_offer
from graph.pathways.data import forget, pathway_data
from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_neighbour"
SAM = "32032409"  # BTS support à l'action managériale, NSF 324
GPN = "32321308"  # BTSA gestion et protection de la nature, NSF 213
SOURCE = "tests/integration/test_neighbour_goals.py"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _said(answer: dict) -> str:
    partial = answer.get("unreached_goals") or {}
    return " ".join([*answer["notices"], answer.get("reason") or "", partial.get("sentence", "")])


def test_a_neighbouring_field_s_programme_in_the_territory_is_named(client: TestClient) -> None:
    """BTS SAM → niveau 6 in Ille-et-Vilaine: no known passerelle reaches a programme there;
    the BUT GEA of the IUT de Rennes is named as of a neighbouring field, with no leg."""
    answer = ask(client, **{"from": SAM, "to_level": 6, "departements": "035"})
    said = _said(answer)
    assert "d'un domaine plus éloigné de celui du diplôme de départ (Secrétariat, bureautique)" in (
        said
    )
    assert "Gestion des entreprises et des administrations — I.U.T. de Rennes" in said, said
    assert "relie à ce diplôme : à vérifier auprès des établissements" in said
    for p in answer["pathways"]:  # never a pathway into it
        assert "Gestion des entreprises" not in p["steps"][-1]["name"]
    assert_plain_french(sentences(answer))


def test_corse_names_the_bachelor_of_a_neighbouring_field(client: TestClient) -> None:
    """BTSA GPN (forêts, espaces naturels) → BUT in Haute-Corse: the BUT génie biologique,
    parcours sciences de l'environnement (services à la collectivité) at Corte, named with its
    distance from home."""
    answer = ask(client, **{"from": GPN, "to_type": "but", "departements": "02B", "home": "Corte"})
    said = _said(answer)
    assert "d'un domaine plus éloigné" in said, said
    assert "environnement et ecotechnologies — I.U.T. de Corte (" in said, said
    assert "distances à vol d'oiseau comptées du domicile" in said
    mention = said.split("d'un domaine plus éloigné")[1].split("aucune passerelle connue ne")[0]
    assert "Gestion des entreprises" not in mention, mention  # échanges et gestion: not next
    assert_plain_french(sentences(answer))


def test_a_start_level_or_a_territory_elsewhere_names_none(client: TestClient) -> None:
    """From a level there is no field to be next to; a territory with none of them (Rennes's
    BUT are not Corse's) names none."""
    level = ask(client, **{"from_level": 5, "to_level": 6, "departements": "035"})
    assert "domaine plus éloigné" not in _said(level)
    corse = ask(client, **{"from": SAM, "to_level": 6, "departements": "02A"})
    assert "I.U.T. de Rennes" not in _said(corse)


def test_the_nearest_offers_kept_for_a_territory_follow_a_write(client: TestClient) -> None:
    """Each neighbouring goal's nearest offer is kept per territory, modality, origin and
    start field for a graph version (graph/pathways/partial.py): another goal asked from the
    same home reads it from there, and a write drops it. BTS SAM from Rennes in
    Ille-et-Vilaine names the BUT GEA of the IUT de Rennes; once that offer is deleted, the
    next answer names the IUT de Saint-Malo's, 66 km away, as a cache emptied by hand does
    (the BUT's row read again after the edit once lacked its parcours' NSF groups: no
    neighbour was named)."""
    store = client.app.state.store  # type: ignore[attr-defined]
    home = {"from": SAM, "departements": "035", "home": "35238"}  # Rennes
    gea = "Gestion des entreprises et des administrations — I.U.T. de"
    data = pathway_data(store)
    memos: dict[Any, dict[Any, Any]] = data._notice_memos
    earlier = [k for k in memos if k[0] == "neighbour_nearest"]
    assert f"{gea} Rennes (" in _said(ask(client, **home, to_level=6))
    kept = [v for k, v in memos.items() if k[0] == "neighbour_nearest"]
    assert len(kept) == len(earlier) + 1
    memo = kept[-1]  # the most recently asked last
    code = next(c for c, n in memo.items() if n and n.establishment == "I.U.T. de Rennes")
    size = len(memo)
    assert f"{gea} Rennes (" in _said(ask(client, **home, to_type="but"))
    assert len(memo) == size  # the BUT among the level 6 goals: none looked up again

    edit = {"actor": "uai-0350697t", "diploma": code, "modality": "school", "source": SOURCE}
    delete_offer(store, "test", OfferDelete(**edit))
    try:
        after = _said(ask(client, **home, to_level=6))
        assert f"{gea} Rennes (" not in after, after
        assert f"{gea} Saint-Malo (66 km)" in after, after
        forget(store)  # every cache emptied: the same words
        assert _said(ask(client, **home, to_level=6)) == after
    finally:
        create_offer(store, "test", OfferCreate(**edit))
