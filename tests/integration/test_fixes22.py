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
