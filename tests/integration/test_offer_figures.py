"""The figures an offer shows (places, vœux, taux de pression) as the public files mean them, on
each real engine, over a fixture cut from the national files
(tests/fixtures/opendata_offer_figures/, its make_fixture.py says what is kept) with the
national continuation table: an Affelnet capacity of 999 is a placeholder, not places
(graph/ingest/opendata/placeholders.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import StoreMaker, ask, imported_client, national_table_seeds

OPENDATA = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_offer_figures"
CAP_ELEC, BAC_MELEC, BAC_MELEC_NEW, COMMON_TNE = "50025524", "40025510", "40025520", "40020008"
PLACEHOLDER_UAI = "0350793X"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    seeds = national_table_seeds(tmp_path_factory)
    yield from imported_client(session_stores(), OPENDATA, tmp_path_factory, seeds=seeds)


def offers_of(answer: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [
        o for p in answer["pathways"] for s in p["steps"] if s["code"] == code for o in s["offers"]
    ]


def test_a_placeholder_capacity_is_unknown_in_pathways(client: TestClient) -> None:
    """CAP électricien after 3e around Bréal-sous-Montfort (35): the lycée whose Affelnet row
    says 999 places and 1 first wish shows no places and no taux de pression, and is not
    chosen for its « capacity » before the lycées of real capacities."""
    answer = ask(client, from_level=2, to=CAP_ELEC, departements="35", home="35051")
    offers = offers_of(answer, CAP_ELEC)
    placeholder = [o for o in offers if o["uai"] == PLACEHOLDER_UAI]
    assert placeholder, offers
    for o in placeholder:
        assert o["capacity"] is None and o["pressure"] is None
        assert o["demand"] == 1
        assert all(y["capacity"] is None and y["pressure"] is None for y in o["history"])
    assert all((o["capacity"] or 0) < 998 for o in offers)
    assert {o["capacity"] for o in offers if o["uai"] != PLACEHOLDER_UAI} >= {15, 24}


def test_feeders_do_not_add_placeholder_places(client: TestClient) -> None:
    """« D'où viennent-ils ? » for the Bac pro MELEC's renovation, Ille-et-Vilaine: the CAP
    électricien's places are those of the three lycées that give real ones (15 + 24 + 15),
    and the fourth is said to have an unknown capacity."""
    r = client.get("/v1/feeders", params={"to": BAC_MELEC_NEW, "departements": "35"})
    assert r.status_code == 200, r.text
    cap = next(f for f in r.json()["feeders"] if f["code"] == CAP_ELEC)
    assert {o["actor_id"] for o in cap["offers"]} >= {f"uai-{PLACEHOLDER_UAI.lower()}"}
    assert cap["places"] == 15 + 24 + 15
    assert cap["unknown_places"] == 1
