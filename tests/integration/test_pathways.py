"""Pathways on the mini campus, whose answers are known by construction.

Mini campus: Bac pro 40025005 (lycée A, Decazeville 12) -> BTS 32025002 (lycée A, apprenticeship)
-> licence pro T-LP (IUT B, Figeac 46) and -> engineer T-ING (école C, Albi 81, planned), all
documented; plus one passerelle inferred by rule: T-LP -> T-ING (BAC+3 to an engineer school by
apprenticeship).
"""

from __future__ import annotations

import math
import re
from typing import Any

from fastapi.testclient import TestClient

from graph import communes
from graph.geo import haversine_km
from graph.pathways.request import sector_label
from graph.store import GraphStore


def _codes(answer: dict) -> list[list[str]]:
    return [[s["code"] for s in p["steps"]] for p in answer["pathways"]]


def test_territory_excludes_the_step_outside(mini_client: TestClient) -> None:
    r = mini_client.get(
        "/pathways", params={"from": "40025005", "to_level": 7, "departements": "12,46"}
    )
    assert r.status_code == 200
    body = r.json()
    # no level-7 programme in 12, 46: said first, then the far place, flagged with its distance
    assert body["notices"][0] == (
        "Les données importées ne contiennent aucune formation de niveau 7 ou plus "
        "dans les départements de l'Aveyron (12) et du Lot (46)."
    )
    assert body["pathways"] and all(p["steps"][-1]["outside_territory"] for p in body["pathways"])
    last = body["pathways"][0]["steps"][-1]["offers"][0]
    assert last["actor_name"] == "École C" and last["distance_km"] is not None


def test_allow_outside_keeps_and_flags_the_step(mini_client: TestClient) -> None:
    body = mini_client.get(
        "/pathways",
        params={"from": "40025005", "to_level": 7, "departements": "12,46", "allow_outside": 1},
    ).json()
    assert _codes(body) == [
        ["40025005", "32025002", "T-ING"],
        ["40025005", "32025002", "T-LP", "T-ING"],
    ]
    p = body["pathways"][0]
    assert p["outside_steps"] == 1
    assert [s["outside_territory"] for s in p["steps"]] == [False, False, True]
    assert p["score"]["components"]["outside"] == -25.0
    longer = body["pathways"][1]
    assert longer["steps"][3]["passerelle"]["origin"] == "inferred"
    assert longer["score"]["components"]["inferred_passerelles"] == -4.0


def test_widening_the_territory_brings_the_step_in(mini_client: TestClient) -> None:
    body = mini_client.get(
        "/pathways", params={"from": "40025005", "to_level": 7, "departements": "12,46,81"}
    ).json()
    assert _codes(body)[0] == ["40025005", "32025002", "T-ING"]
    step = body["pathways"][0]["steps"][2]
    assert step["passerelle"]["id"] == "p-bts-ing"
    assert step["offers"][0]["actor_id"] == "ecole-c" and step["offers"][0]["status"] == "planned"


def test_goal_level_stops_at_the_first_goal_and_ranks_shorter_first(
    mini_client: TestClient,
) -> None:
    body = mini_client.get("/pathways", params={"from": "40025005", "to_level": 6}).json()
    # level 6 is reached by T-LP and by T-ING (7 >= 6); both are 2 steps after the Bac pro.
    assert sorted(_codes(body)) == [
        ["40025005", "32025002", "T-ING"],
        ["40025005", "32025002", "T-LP"],
    ]
    # the planned engineer offer ranks below the open licence pro
    assert _codes(body)[0][-1] == "T-LP"
    assert body["pathways"][0]["score"]["total"] > body["pathways"][1]["score"]["total"]


def test_goal_by_diploma_and_by_type(mini_client: TestClient) -> None:
    by_code = mini_client.get("/pathways", params={"from": "40025005", "to": "t-lp"}).json()
    assert _codes(by_code) == [["40025005", "32025002", "T-LP"]]
    # by its name; a code only when it is a public one (BCN): the seed's test code T-LP is a
    # key of this tool, never shown, the Bac pro's BCN code is
    assert by_code["goal"] == "Licence pro", by_code["goal"]
    assert by_code["start"] == "Bac pro usinage (40025005)", by_code["start"]
    by_type = mini_client.get(
        "/pathways", params={"from": "40025005", "to_type": "licence_pro"}
    ).json()
    assert _codes(by_type) == _codes(by_code)


def test_max_steps_bounds_the_search(mini_client: TestClient) -> None:
    body = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "T-LP", "max_steps": 1}
    ).json()
    assert body["pathways"] == []
    assert "en 1 étape au plus" in body["reason"]
    # the goal by its name, as the start; its seed code is not a public one: not shown
    assert "Licence pro" in body["reason"] and "T-LP" not in body["reason"], body["reason"]
    # the start by its name: its BCN code stays in `start`, never in a sentence
    assert "ne mène du Bac pro usinage au diplôme Licence pro" in body["reason"], body["reason"]
    assert "40025005" not in body["reason"], body["reason"]


def test_distances_from_home_and_between_steps(mini_client: TestClient) -> None:
    body = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "T-LP", "home": "46102"}
    ).json()
    [p] = body["pathways"]
    bts, lp = p["steps"][1], p["steps"][2]
    figeac, decazeville = (44.6086, 2.0317), (44.5597, 2.2506)  # the seed sites
    home = communes.resolve("46102").place  # the town's centre in the commune reference
    assert math.isclose(
        bts["offers"][0]["distance_km"],
        round(haversine_km(home.lat, home.lon, *decazeville), 1),  # type: ignore[arg-type]
    )
    assert math.isclose(
        lp["offers"][0]["distance_km"], round(haversine_km(*decazeville, *figeac), 1)
    )
    assert math.isclose(
        p["travel_km"],
        round(
            haversine_km(home.lat, home.lon, *decazeville)  # type: ignore[arg-type]
            + haversine_km(*decazeville, *figeac),
            1,
        ),
        abs_tol=0.11,
    )


def test_a_step_says_how_many_offers_it_was_chosen_among(mini_client: TestClient) -> None:
    body = mini_client.get("/pathways", params={"from": "40025005", "to": "T-LP"}).json()
    steps = [s for p in body["pathways"] for s in p["steps"][1:]]
    assert steps
    for s in steps:
        assert s["offers_total"] == len(s["offers"]) >= 1  # a small graph: every offer shown


def test_modality_filter(mini_client: TestClient) -> None:
    # the BTS is only offered by apprenticeship in the mini campus
    school = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "T-LP", "modality": "school"}
    ).json()
    assert school["pathways"] == []
    appr = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "32025002", "modality": "apprenticeship"}
    ).json()
    assert _codes(appr) == [["40025005", "32025002"]]
    assert appr["pathways"][0]["score"]["components"]["modality"] == 5.0


def test_near_and_radius(mini_client: TestClient) -> None:
    # 40 km around Figeac reaches Decazeville (~18 km) but not Albi (~75 km)
    near: dict[str, Any] = {"from": "40025005", "to_level": 6, "near": "46102", "radius_km": 40}
    assert _codes(mini_client.get("/pathways", params=near).json()) == [
        ["40025005", "32025002", "T-LP"]
    ]
    far: dict[str, Any] = {**near, "radius_km": 120}
    assert len(mini_client.get("/pathways", params=far).json()["pathways"]) == 2


def test_unknown_start_is_404_with_suggestions(mini_client: TestClient) -> None:
    r = mini_client.get("/pathways", params={"from": "40025006", "to_level": 7})
    assert r.status_code == 404
    assert r.json()["suggestions"][0].startswith("40025005")


def test_invalid_parameters_are_422(mini_client: TestClient) -> None:
    bad: list[dict[str, Any]] = [
        {"to_level": 7},  # no start
        {"from": "40025005"},  # no goal
        {"from": "40025005", "from_level": 4, "to_level": 7},
        {"from": "40025005", "to_level": 9},
        {"from": "40025005", "to_level": 7, "max_steps": 7},
        {"from": "40025005", "to_level": 7, "limit": 51},
        {"from": "40025005", "to_level": 7, "departements": "12;46"},
        {"from": "40025005", "to_level": 7, "near": "46102"},  # radius missing
        {"from": "40025005", "to_level": 7, "home": "Nullepart-sur-Mer"},  # no such commune
        {"from": "40025005", "to_level": 7, "home": "Saint-Denis"},  # several communes
        {"from": "40025005", "to_level": 7, "home": "99999"},  # unknown commune
        {"from": "40025005", "to_level": 7, "modality": "evening"},
        {"from": "40025005'; MATCH (n) DETACH DELETE n //", "to_level": 7},
    ]
    for params in bad:
        r = mini_client.get("/pathways", params=params)
        assert r.status_code == 422, (params, r.text)


def test_a_refused_request_says_why_in_french(mini_client: TestClient) -> None:
    """A validator's sentence reaches the caller (it was encoded as « {} »), in French."""
    cases: dict[str, dict[str, Any]] = {
        "donnez un départ :": {"to_level": 7},
        "donnez un seul départ": {"from": "40025005", "from_level": 3, "to_level": 7},
        "donnez un objectif": {"from": "40025005"},
        "séparés par des virgules": {"from": "40025005", "to_level": 7, "departements": "12;46"},
        "vont ensemble": {"from": "40025005", "to_level": 7, "near": "46102"},
    }
    for expected, params in cases.items():
        body = mini_client.get("/pathways", params=params).json()
        assert expected in body["detail"], (params, body)
        assert "{}" not in body["detail"] and "Value error" not in body["detail"]


def test_each_refused_field_says_why_in_french(mini_client: TestClient) -> None:
    """The ``errors[]`` of a 422 carried pydantic's English (« Value error, donnez… »,
    « Input should be a valid integer… ») under a French ``detail``."""
    cases: dict[str, dict[str, Any]] = {
        "donnez un départ :": {"to_level": 7},
        "séparés par des virgules": {"from": "40025005", "to_level": 7, "departements": "12;46"},
        "nombre entier attendu": {"from": "40025005", "to_level": "sept"},
        "doit être au plus": {"from": "40025005", "to_level": 7, "limit": 10_000},
    }
    for expected, params in cases.items():
        r = mini_client.get("/pathways", params=params)
        assert r.status_code == 422, (params, r.text)
        msgs = [e["msg"] for e in r.json()["errors"]]
        assert any(expected in m for m in msgs), (params, msgs)
        english = [m for m in msgs if re.search(r"Value error|Input should|Field required", m)]
        assert not english, (params, msgs)
    posted = mini_client.post("/pathways/search", json={"to_level": 7, "limit": "x"}).json()
    assert {e["msg"] for e in posted["errors"]} >= {"nombre entier attendu"}, posted
    assert not [e for e in posted["errors"] if re.search(r"[Vv]alue error", e["msg"])], posted


def test_post_search_matches_get(mini_client: TestClient) -> None:
    params: dict[str, Any] = {"from": "40025005", "to_level": 6, "home": "44.6,2.03", "limit": 5}
    got = mini_client.get("/pathways", params=params).json()
    posted = mini_client.post("/pathways/search", json=params).json()
    assert got == posted


def test_geojson_is_valid_rfc7946(mini_client: TestClient) -> None:
    params = {"from": "40025005", "to": "T-LP", "home": "46102"}
    r = mini_client.get("/pathways.geojson", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    kinds = [f["properties"]["feature"] for f in fc["features"]]
    assert kinds == ["home", "step", "leg", "step", "leg"]
    for f in fc["features"]:
        assert f["type"] == "Feature"
        geom = f["geometry"]
        coords = [geom["coordinates"]] if geom["type"] == "Point" else geom["coordinates"]
        assert geom["type"] in {"Point", "LineString"}
        for lon, lat in coords:  # RFC 7946: longitude first
            assert 1.5 < lon < 2.5 and 44 < lat < 45
    accept = mini_client.get("/pathways", params=params, headers={"Accept": "application/geo+json"})
    assert accept.json() == fc


def test_a_start_level_with_a_sector_is_said_by_its_name(
    seed_client: TestClient, seed_store: GraphStore
) -> None:
    """The sector of a from_level question is read by its name (or ROME code), never by the
    internal id the request carries; a level with no diploma is refused in French."""
    named = seed_client.get(
        "/pathways",
        params={"from_level": 4, "sector": "mecanique-de-precision", "to_level": 5},
    )
    assert named.status_code == 200, named.text
    assert named.json()["start"] == "niveau 4, secteur Mécanique de précision"
    # a goal job by its name or ROME code too, never « le métier choisi » nor its id
    job = seed_client.get("/pathways", params={"from_level": 4, "job": "mecanique-de-precision"})
    assert job.status_code == 200, job.text
    assert job.json()["goal"] == "secteur Mécanique de précision"
    rome = seed_client.get("/pathways", params={"from": "40025014", "job": "H2907"})
    assert rome.status_code == 200, rome.text
    assert rome.json()["goal"] == "métier ROME H2907"
    assert sector_label(seed_store, "H2907") == "métier ROME H2907"  # a sector's ROME code
    assert sector_label(seed_store, "pas-un-secteur") == "métier choisi"
    none = seed_client.get("/pathways", params={"from_level": 8, "to_level": 8})
    assert none.status_code == 422
    assert none.json()["detail"] == "Aucun diplôme de niveau 8 dans les données."
    unknown = seed_client.get(
        "/pathways", params={"from_level": 3, "sector": "H2907", "to_level": 4}
    )
    assert unknown.json()["detail"] == (
        "Aucun diplôme de niveau 3 pour le métier ROME H2907 dans les données."
    )


def test_an_unknown_filiere_is_said_unknown_not_a_job_without_diploma(
    seed_client: TestClient,
) -> None:
    """``from_level=4&sector=zzzz`` answered « Aucun diplôme de niveau 4 pour le métier
    choisi » where /gaps says « Filière inconnue »; a field of training (nsf-251), which the
    gap report reads, is said to choose no start."""
    for sector in ("zzzz", "nsf-998"):
        r = seed_client.get("/pathways", params={"from_level": 4, "sector": sector, "to_level": 5})
        assert r.status_code == 404 and "Filière inconnue" in r.text, r.text
        assert "métier choisi" not in r.text
    field = seed_client.get(
        "/pathways", params={"from_level": 4, "sector": "nsf-251", "to_level": 5}
    )
    assert field.status_code == 422, field.text
    detail = field.json()["detail"]
    assert detail.startswith("Un domaine de formation (ici « ") and "nsf" not in detail, detail


def test_each_passerelle_is_described_in_french_never_by_its_id(
    mini_client: TestClient,
) -> None:
    body = mini_client.get(
        "/pathways",
        params={"from": "40025005", "to_level": 7, "departements": "12,46", "allow_outside": 1},
    ).json()
    legs = [s["passerelle"] for p in body["pathways"] for s in p["steps"][1:]]
    assert legs and all(leg["id"] for leg in legs)
    # what the CSV's « passerelle » column shows: documented or inferred, and by what
    for leg in legs:
        assert leg["description"].startswith(("passerelle ", "continuité ")), leg
        assert leg["id"] not in leg["description"]
    inferred = [leg for leg in legs if leg["origin"] == "inferred"]
    documented = [leg for leg in legs if leg["origin"] == "documented"]
    assert inferred and all("déduite" in leg["description"] for leg in inferred)
    assert documented and all("documentée" in leg["description"] for leg in documented)
