"""Diplomas prepared in the same establishments (graph.inference.co_offer), on each real engine,
over a fixture cut from the national files (tests/fixtures/opendata_cooffer/, its
make_fixture.py says what is kept): after a Bac pro TRPM, the BTS CPRP that the lycées of the
Rhône and of Paris prepare alongside it comes before the BTS conception et réalisation de
carrosserie (closed by the BCN on 31/08/2026) and its successor, the BTS construction et
aménagement de véhicules, which share a job code with the Bac pro but are prepared in other
lycées. The import judges closures on a fixed day (``as_of``), so the answers do not move with
the calendar.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import imported_client_fixture

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_cooffer"
TRPM = "40025014"
CPRP = {"32022316", "32022317", "32022318"}
CARROSSERIE = "32025411"  # closes 31/08/2026
VEHICULES = "32025417"  # its successor (opened 01/09/2025)
AS_OF = date(2026, 12, 5)
VILLEURBANNE = "45.7667,4.8800"
PARIS = "48.8566,2.3522"


client = imported_client_fixture(FIXTURE, as_of=AS_OF)


def bts_after_trpm(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/pathways", params={"from": TRPM, "to_type": "bts", **params})
    assert r.status_code == 200, r.text
    return [p["steps"][1] for p in r.json()["pathways"]]


@pytest.mark.parametrize(("home", "departements"), [(VILLEURBANNE, "69"), (PARIS, "75,92,93,94")])
def test_the_bts_prepared_alongside_the_bac_pro_comes_first(
    client: TestClient, home: str, departements: str
) -> None:
    steps = bts_after_trpm(client, home=home, departements=departements)
    assert steps[0]["code"] in CPRP
    leg = steps[0]["passerelle"]
    assert leg["origin"] == "inferred"
    codes = [s["code"] for s in steps]
    assert CARROSSERIE not in codes  # closed: never proposed as open
    assert VEHICULES in codes[1:]  # its successor is, after the BTS CPRP


def test_the_explanation_says_how_many_establishments_prepare_both(client: TestClient) -> None:
    r = client.get(
        "/pathways",
        params={"from": TRPM, "to_type": "bts", "home": VILLEURBANNE, "departements": "69"},
    )
    first = r.json()["pathways"][0]
    text = " ".join(first["score"]["explanation"])
    assert "préparés tous deux dans" in text
    n = int(text.split("préparés tous deux dans ")[1].split(" ")[0])
    assert n >= 2
    others = [
        " ".join(p["score"]["explanation"])
        for p in r.json()["pathways"]
        if p["steps"][1]["code"] == VEHICULES
    ]
    assert others and all("préparés tous deux" not in t for t in others)
