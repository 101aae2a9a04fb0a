"""Steps allowed outside the territory never reach another territory's campus programmes
(answers21), on the real engines.

With ``allow_outside=1`` a learner of Île-de-France was offered « classe préparatoire →
Diplôme d'ingénieur mécanique (CCI de l'Aveyron, apprentissage) » and the Mecanic Vallée's
Mines Albi programme, by the national « concours » rule, flagged « hors du territoire demandé »
only; the search for pathways outside an empty territory already left them out. Here a national
passerelle from the BTS comptabilité et gestion into the CCI Aveyron engineers (written through
the API, as a manager would) stands for that rule, on the real seeds and
``tests/fixtures/opendata_campus_scope/`` (a few BTS of Seine-Maritime, Puy-de-Dôme, Aveyron).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import SEEDS, StoreMaker, make_settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_campus_scope"
CG, CCI = "32031408", "MV-ING-MECA-CCI-AVEYRON"
TOKEN = "answers21-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    store = session_stores()
    load_seeds(store, load_seed_dir(SEEDS))
    run_import(store, FIXTURE)
    settings = make_settings(tmp_path_factory.mktemp("unused"), api_tokens=f"alice:{TOKEN}")
    with TestClient(create_app(settings, store=store)) as c:
        body = {
            "id": "p-cg-cci",
            "kind": "continuation",
            "from": [CG],
            "to": [CCI],
            "source": "test answers21",
        }
        r = c.post("/passerelles", json=body, headers=AUTH)
        assert r.status_code == 201, r.text
        yield c


def codes(client: TestClient, **params: Any) -> list[list[str]]:
    r = client.get("/pathways", params={"limit": 50, "from": CG, "to_level": 7, **params})
    assert r.status_code == 200, r.text
    return [[s["code"] for s in p["steps"]] for p in r.json()["pathways"]]


def test_allow_outside_never_offers_another_territorys_campus_programme(
    client: TestClient,
) -> None:
    for where in ({"departements": "76", "home": "Rouen"}, {"departements": "63"}):
        got = codes(client, allow_outside=1, **where)
        assert not any(c.startswith("MV-") for path in got for c in path), (where, got)
    # from the campus's territory the same passerelle still leads there
    assert [CG, CCI] in codes(client, departements="12,46", allow_outside=1)
