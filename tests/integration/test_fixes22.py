"""What a tester found wrong on the national files (December 2026), on each real engine, over a
fixture cut from them (``tests/fixtures/opendata_fixes22/``: every activity row of Centre
scolaire Notre Dame, Nevers, 0580071M, and of Lycée professionnel Louis Gaston Roussillat,
Saint-Vaury, 0230027E)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "opendata_fixes22"
NOTRE_DAME = "uai-0580071m"
COMMERCE, MCV_A = "40031202", "40031213"  # Bac pro Commerce, closed 2021, and its successor
VENTE, MCV_B = "40031206", "40031214"
ACCUEIL, MA = "40031210", "40031212"
SP3S_OLD, SP3S = "32033001", "32033002"  # BTS SP3S, closed 2023, and its renovation

client = imported_client_fixture(FIXTURE, as_of=FIXED_DAY)


def _actor(client: TestClient, key: str) -> dict[str, Any]:
    r = client.get(f"/v1/actors/{key}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def _closed_codes(client: TestClient, codes: set[str]) -> set[str]:
    out = set()
    for code in codes:
        r = client.get(f"/v1/diplomas/{code}")
        if r.status_code == 200 and r.json().get("closed"):
            out.add(code)
    return out


def test_a_closed_diploma_is_never_an_open_offer_of_the_record(client: TestClient) -> None:
    """The 2020 constat lists the Bac pro Commerce, Vente and Accueil (closed in 2021) at
    Notre Dame beside the Bac pros that replaced them (Affelnet 2022): the record listed them
    « open »; the successor's offer stands for them, as the diploma search counts them."""
    offers = _actor(client, NOTRE_DAME)["offers"]
    codes = {o["diploma"] for o in offers}
    assert {MCV_A, MCV_B, MA, SP3S} <= codes
    assert not {COMMERCE, VENTE, ACCUEIL, SP3S_OLD} & codes
    closed = _closed_codes(client, codes)
    assert closed, "the fixture keeps closed diplomas with no successor offered there"
    for o in offers:
        if o["diploma"] in closed:
            assert o["status"] == "closed", o
            assert o["note"] and o["note"].startswith("fermé"), o
        else:
            assert o["note"] is None, o


def test_the_map_counts_the_open_offers_the_record_lists(client: TestClient) -> None:
    record = _actor(client, NOTRE_DAME)
    open_codes = {o["diploma"] for o in record["offers"] if o["status"] != "closed"}
    r = client.get("/v1/map.geojson", params={"departements": "58"})
    assert r.status_code == 200, r.text
    point = next(
        f["properties"] for f in r.json()["features"] if f["properties"]["id"] == NOTRE_DAME
    )
    assert point["offers"] == len(open_codes)


def test_each_fcil_is_its_own_programme_under_its_own_title(client: TestClient) -> None:
    """The BTS files list every FCIL under the BCN's one « formation complémentaire non
    diplômante » (48199901): all 100 of the country were one programme, under that name. Each
    is keyed by its label, as the Parcoursup extract's row of the same FCIL (one offer, with the
    BTS file's places), and named by it."""
    fcils = {}
    for key in (NOTRE_DAME, "uai-0230027e"):
        offers = _actor(client, key)["offers"]
        assert not [o for o in offers if o["diploma"] == "48199901"]
        (fcil,) = [o for o in offers if o["type"] == "fcil"]
        assert fcil["diploma"].startswith("PS-FCIL-")
        fcils[key] = fcil
    assert fcils[NOTRE_DAME]["name"] == (
        "FCIL : Mécanicien en compétition automobile — option monoplace (formation "
        "complémentaire d'initiative locale, non diplômante)"
    )
    assert fcils[NOTRE_DAME]["capacity"] == 12
    assert fcils["uai-0230027e"]["name"].startswith(
        "FCIL : Préparation aux concours de la sécurité publique ("
    )
    assert fcils[NOTRE_DAME]["diploma"] != fcils["uai-0230027e"]["diploma"]
    r = client.get(f"/v1/diplomas/{fcils[NOTRE_DAME]['diploma']}")
    assert r.status_code == 200, r.text
    assert [o["actor"] for o in r.json()["offers"]] == [NOTRE_DAME]


def test_a_famille_de_metiers_has_one_name(client: TestClient) -> None:
    """familleMetiers.csv names the famille of the 2nde commune 40020008 « Métiers du numérique
    et des transitions énergétiques », the BCN and the ministry's list of professional diplomas
    « Métiers des transitions numérique et énergétique »: one page showed both."""
    official = "Métiers des transitions numérique et énergétique"
    r = client.get("/v1/diplomas/40020008")
    assert r.status_code == 200, r.text
    assert r.json()["name"].startswith(official + " (Bac pro)"), r.json()["name"]
    # Bac pro systèmes numériques option C, one of its specialities
    r = client.get("/v1/diplomas/40025515")
    assert r.status_code == 200, r.text
    assert r.json()["famille_metiers"] == official
