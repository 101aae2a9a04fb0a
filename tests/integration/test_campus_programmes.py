"""A campus programme's facts stay in its territory (issue 11), on the real engines.

The real seeds (the Mecanic Vallée campus, Lot 046 and Aveyron 012, with its own programmes:
the IUT Figeac licence pro, the CCI Aveyron and Mines Albi engineers) and
``tests/fixtures/opendata_campus_scope/``, cut from the national files: a few BTS in
Seine-Maritime (076), Puy-de-Dôme (063) and Aveyron (012). An open-ended inferred leg into a
campus programme (« spécialité de la cible non précisée ») and a campus passerelle that names
the campus's own BTS hold only for a source taken in the campus's territory; elsewhere the
answer says what the data holds there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.gaps.data import read_gap_data
from graph.gaps.demand import training_by_sector
from graph.ingest.opendata import run_import
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from graph.store import GraphStore
from graph.territory import Territory
from tests.conftest import SEEDS, StoreMaker, make_settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "opendata_campus_scope"
CG, MS, CPRP_B, TRPM = "32031408", "32025014", "32022317", "40025014"
CCI, FIGEAC_LP = "MV-ING-MECA-CCI-AVEYRON", "MV-LP-IUT-FIGEAC"
LA_FAYETTE = "uai-0630021f"
MV_TERRITORY = {"12", "46", "81"}  # as the API writes them (INSEE codes)


@pytest.fixture(scope="module")
def store(session_stores: StoreMaker) -> GraphStore:
    s = session_stores()
    load_seeds(s, load_seed_dir(SEEDS))
    run_import(s, FIXTURE)
    return s


@pytest.fixture(scope="module")
def client(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)
    with TestClient(app) as c:
        yield c


def ask(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/pathways", params={"limit": 50, **params})
    assert r.status_code == 200, r.text
    return r.json()


def chosen(step: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in step["offers"] if o.get("chosen"))


def codes(answer: dict[str, Any]) -> list[list[str]]:
    return [[s["code"] for s in p["steps"]] for p in answer["pathways"]]


def campus_programmes(answer: dict[str, Any]) -> set[str]:
    return {c for path in codes(answer) for c in path if c.startswith("MV-")}


def test_a_bts_in_normandie_is_not_sent_to_the_iut_figeac_licence(client: TestClient) -> None:
    answer = ask(
        client, **{"from": CG, "to_type": "licence_pro", "departements": "76", "home": "Rouen"}
    )
    assert answer["notices"][0] == (
        "Les données importées ne contiennent aucune licence professionnelle "
        "dans le département de la Seine-Maritime (76)."
    )
    assert not campus_programmes(answer), codes(answer)


def test_a_bts_of_another_field_in_aveyron_is_not_sent_there_either(client: TestClient) -> None:
    """The campus's licences pro and engineers have no field in the data (no NSF group, no
    filière): they matched every BTS, and a BTS comptabilité et gestion of Millau led to the
    IUT Figeac licence, the LP G2EBI and the CCI mechanical engineers. A continuation needs a
    shared field; the campus's documented passerelles (its industrial BTS) stay."""
    for goal in ({"to_type": "licence_pro"}, {"to_level": 7}):
        answer = ask(client, **{"from": CG, "departements": "12,46", **goal})
        assert not campus_programmes(answer), codes(answer)
    ms = ask(client, **{"from": MS, "to_type": "licence_pro", "departements": "12,46"})
    assert [MS, FIGEAC_LP] in codes(ms)  # documented: the campus's BTS → its licence pro


def test_a_bts_from_grenoble_is_not_sent_to_the_cci_aveyron_engineers(
    client: TestClient,
) -> None:
    answer = ask(client, **{"from": MS, "to_level": 7, "home": "Grenoble"})
    # neither the inferred CCI leg nor the campus's own passerelles (ATS class, Mines Albi by
    # apprenticeship, « BTS du campus ») hold for a BTS held in the Isère
    assert not campus_programmes(answer), codes(answer)
    # from Rodez, the same question still finds it
    rodez = ask(client, **{"from": MS, "to_level": 7, "departements": "12,46"})
    assert [MS, "MV-CPGE-ATS", CCI] in codes(rodez)  # documented ATS class, then concours
    assert [MS, CCI] not in codes(rodez)  # of unknown field: nothing shared, no direct leg


def test_clermont_bac_pro_to_licence_pro_says_there_is_none_nearby(client: TestClient) -> None:
    answer = ask(
        client,
        **{
            "from": TRPM,
            "to_type": "licence_pro",
            "departements": "63",
            "home": "Clermont-Ferrand",
        },
    )
    assert answer["notices"][0] == (
        "Les données importées ne contiennent aucune licence professionnelle "
        "dans le département du Puy-de-Dôme (63)."
    )
    # neither the inferred leg nor the campus passerelle (« BTS of the campus lycées ») holds
    # for a BTS taken at Clermont-Ferrand: a campus programme only follows a step taken in the
    # campus's territory (the far places offered after the notice, flagged)
    assert campus_programmes(answer) <= {FIGEAC_LP, "MV-LP-BIOMEDICAL-CAHORS", "MV-LP-G2EBI-CAHORS"}
    for p in answer["pathways"]:
        for before, step in zip(p["steps"], p["steps"][1:], strict=False):
            if step["code"].startswith("MV-"):
                assert chosen(before)["departement"] in MV_TERRITORY, p
                assert before["outside_territory"]


def test_normandie_dead_ends_never_rest_on_campus_programmes(client: TestClient) -> None:
    r = client.get("/gaps", params={"departements": "76,27", "limit": 100})
    assert r.status_code == 200
    sections = {s["id"]: s["findings"] for s in r.json()["sections"]}
    for f in sections["dead_ends"]:
        assert not [c for c in f["data"]["next_diplomas"] if c.startswith("MV-")], f


def test_puy_de_dome_maintenance_counts_la_fayette(client: TestClient, store: GraphStore) -> None:
    r = client.get("/gaps", params={"departements": "63", "limit": 100})
    demand = {
        f["id"]: f for s in r.json()["sections"] if s["id"] == "unmet_demand" for f in s["findings"]
    }
    maintenance = demand.get("demand:industrial-maintenance")
    assert maintenance is None or maintenance["data"]["offers"] > 0, maintenance
    data = read_gap_data(store, Territory(departements=["063"]), None)
    trained = training_by_sector(data.inside, [row["sector"] for row in data.sectors])
    assert (LA_FAYETTE, MS) in {
        (x["actor"]["id"], x["diploma"]["code"]) for x in trained["industrial-maintenance"]
    }


def test_feeders_read_where_a_campus_leg_holds(store: GraphStore) -> None:
    """``cypher/feeders.cypher`` gives each leg's territory: the Mecanic Vallée legs from a
    2de commune into the BTS maintenance hold for a source taken in the Lot or the Aveyron
    only (graph/feeders.py drops them elsewhere: tests/unit/test_feeders_scope.py)."""
    rows = {r["code"]: r for r in store.read("feeders", to=MS)}
    local = rows["40020008"]
    assert local["origin"] == "inferred"
    assert sorted(local["from_departements"]) == ["012", "046"]
    assert all(o["departement"] in {"012", "046"} for o in local["offers"])
    assert rows[TRPM]["from_departements"] in (None, [])
