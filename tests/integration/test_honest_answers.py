"""Honest answers (issue 11) on the real engine, over a fixture cut from the national files.

``tests/fixtures/opendata_honest/`` holds the Seine-Maritime (076) establishments of the BTS
« Conception et réalisation en chaudronnerie industrielle » as the national files give them: one
last listed in 2022, one no directory places, others with coordinates; a Bac pro the BCN closed
(MEI) and its successor (MSPC). ``tests/fixtures/seeds_honest/`` is a campus of the Lot whose
source documents two passerelles, one with a figure: they hold in the Lot, not in Normandie.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.engines.falkordb_store import FalkorDBStore
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ROUEN = "49.443,1.099"
STALE = "0763150L"  # BTS chaudronnerie listed in 2022, not in 2023-2024
UNPLACED = "0763544P"  # in the BTS files only: no directory gives its place
CLOSED, SUCCESSOR = "40025007", "40025012"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = FalkorDBStore(make_settings(tmp_path_factory.mktemp("honest") / "db"))
    load_seeds(store, load_seed_dir(FIXTURES / "seeds_honest"))
    run_import(store, FIXTURES / "opendata_honest")
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c
    store.close()


def ask(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/pathways", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def sentences(answer: dict[str, Any]) -> list[str]:
    out = [answer.get("reason") or "", *answer.get("notices", [])]
    for p in answer["pathways"]:
        out += p["score"]["explanation"]
    return [s for s in out if s]


def assert_plain_french(texts: list[str]) -> None:
    for t in texts:
        assert "None" not in t, t
        assert not re.search(r"\b(uai-[0-9a-z]+|lot-[a-z-]+)\b", t), t  # internal ids
        assert not re.search(r"\.(csv|toml|txt)\b", t), t  # file names


def test_a_documented_passerelle_holds_only_in_its_scope(client: TestClient) -> None:
    home = ask(client, **{"from": "40025411", "to_type": "bts", "departements": "46"})
    leg = home["pathways"][0]["steps"][1]["passerelle"]
    assert leg["origin"] == "documented" and leg["rate"] == 0.5
    away = ask(client, **{"from": "40025411", "to_type": "bts", "departements": "76"})
    assert away["pathways"]
    for p in away["pathways"]:
        leg = p["steps"][1]["passerelle"]
        assert leg["origin"] == "inferred" and leg["id"] is None
        assert leg["rate"] is None and leg["entrant_share"] is None
    text = " ".join(away["pathways"][0]["score"]["explanation"])
    assert "documentée seulement pour d'autres établissements" in text
    assert_plain_french(sentences(away))


def test_unknown_place_never_counts_as_zero_km(client: TestClient) -> None:
    answer = ask(
        client, **{"from": "40025411", "to_type": "bts", "departements": "76", "home": ROUEN}
    )
    offers = answer["pathways"][0]["steps"][1]["offers"]
    placed = [o for o in offers if o["distance_km"] is not None]
    unplaced = [o for o in offers if o["lat"] is None]
    assert offers[0]["chosen"] and offers[0]["distance_km"] is not None
    assert unplaced and offers.index(unplaced[0]) > max(offers.index(o) for o in placed)
    assert [o["distance_km"] for o in placed] == sorted(o["distance_km"] for o in placed)


def test_without_home_ties_break_on_capacity(client: TestClient) -> None:
    answer = ask(client, **{"from": "40025411", "to_type": "bts", "departements": "76"})
    offers = answer["pathways"][0]["steps"][1]["offers"]
    current = [o for o in offers if o["year"] == 2024 and o["lat"] is not None]
    assert [o["capacity"] for o in current] == sorted(
        (o["capacity"] for o in current), reverse=True
    )
    assert offers[0]["capacity"] == max(o["capacity"] for o in offers)


def test_an_offer_not_in_the_latest_files_ranks_after_current_ones(client: TestClient) -> None:
    answer = ask(
        client,
        **{
            "from": "40025411",
            "to_type": "bts",
            "departements": "76",
            "home": ROUEN,
            "modality": "apprenticeship",
            "limit": 5,
        },
    )
    offers = answer["pathways"][0]["steps"][1]["offers"]
    stale = next(o for o in offers if o["uai"] == STALE)
    assert stale["year"] == 2022 and stale["distance_km"] < 10  # the nearest, yet
    assert offers[-1] is stale and not stale["chosen"]
    assert all(o["year"] == 2024 for o in offers if o is not stale)


def test_a_closed_diploma_is_never_offered_its_successor_is(client: TestClient) -> None:
    answer = ask(client, **{"from": "50025524", "to_type": "bac_pro", "departements": "76"})
    steps = [s["code"] for p in answer["pathways"] for s in p["steps"]]
    assert CLOSED not in steps
    assert SUCCESSOR in steps
    d = client.get(f"/diplomas/{CLOSED}").json()
    assert d["offers"]  # the files list it in 2021: it exists, it is just never proposed


def test_no_programme_of_the_goal_is_said_first(client: TestClient) -> None:
    """This graph has no licence pro anywhere: said as the data's silence, whatever the
    territory (fixes20), not as the Seine-Maritime's lack."""
    answer = ask(client, **{"from": "40025411", "to_type": "licence_pro", "departements": "76"})
    assert answer["notices"][0] == (
        "Les données importées ne décrivent nulle part d'offre de licence professionnelle : "
        "aucun parcours ne peut y mener dans ces données, quel que soit le territoire ; une "
        "offre est à vérifier auprès des CFA et des établissements."
    )
    assert answer["files_cannot_tell"]
    assert answer["reason"].startswith(answer["notices"][0])
    assert_plain_french(sentences(answer))


def test_coverage_counts_programmes_and_establishments_with_sources(client: TestClient) -> None:
    body = client.get("/coverage", params={"departements": "76"}).json()
    rows = {(r["level"], r["type"]): r for r in body["rows"]}
    bts = rows[(5, "bts")]
    assert bts["establishments"] == 5 and bts["programmes"] >= 1
    assert "Parcoursup : places et vœux en BTS, 2024" in bts["sources"]
    # users read the datasets' titles, never a file name
    assert not [x for x in bts["sources"] if ".csv" in x], bts["sources"]
    assert body["territory"] == "le département de la Seine-Maritime (76)"
    # the closed Bac pro does not count as a programme of the territory
    assert rows[(4, "bac_pro")]["programmes"] == 2
    assert client.get("/coverage", params={"departements": "7x"}).status_code == 422
    assert client.get("/coverage", params={"campus": "nope"}).status_code == 404
    empty = client.get("/coverage", params={"departements": "63"}).json()
    assert empty["rows"] == []


def test_a_gap_report_shows_only_its_territory_data(client: TestClient) -> None:
    lot = client.get("/gaps", params={"departements": "46"}).json()
    normandie = client.get("/gaps", params={"departements": "76"}).json()

    def section(report: dict[str, Any], sid: str) -> dict[str, Any]:
        return next(s for s in report["sections"] if s["id"] == sid)

    assert [f["title"] for f in section(lot, "unmet_demand")["findings"]] == ["Chaudronnerie"]
    # the Lot campus's recruitment table and filière are not Normandie's
    assert section(normandie, "unmet_demand")["findings"] == []
    assert all(f["id"] == "continuum:*" for f in section(normandie, "continuum_breaks")["findings"])
    for s in normandie["sections"]:
        assert len(s["findings"]) <= 10 and s["total"] >= len(s["findings"])
        assert normandie["counts"][s["id"]] == s["total"]
