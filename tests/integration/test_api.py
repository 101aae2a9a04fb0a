"""API v0 on the mini campus (known answers), through a real database of each engine."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def test_health_reports_the_database(mini_client: TestClient, engine: str) -> None:
    r = mini_client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["engine"] == engine
    assert body["nodes"]["Actor"] == 4


def test_campuses_list_and_detail(mini_client: TestClient) -> None:
    [campus] = mini_client.get("/campuses").json()
    assert campus["id"] == "mini"
    assert (campus["members"], campus["actors"], campus["offers"]) == (2, 4, 4)
    assert (campus["min_level"], campus["max_level"]) == (4, 7)
    detail = mini_client.get("/campuses/mini").json()
    assert {m["id"]: m["role"] for m in detail["members"]} == {
        "lycee-a": "établissement support",
        "iut-b": "membre",
    }
    assert detail["demand"] == [
        {
            "sector": "usinage",
            "sector_name": "Usinage",
            "period": "2015-11",
            "count": 33,
            "share": 0.12,
            "note": None,
            "source": "test fixture",
        }
    ]


def test_unknown_campus_is_404_with_a_clear_message(mini_client: TestClient) -> None:
    r = mini_client.get("/campuses/minni")
    assert r.status_code == 404
    body = r.json()  # a problem document (api/problems.py), French detail
    assert (body["detail"], body["code"], body["suggestions"]) == (
        "Campus inconnu : minni.",
        "not_found",
        ["mini"],
    )


def test_actor_filters(mini_client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        r = mini_client.get("/actors", params=params)
        assert r.status_code == 200, r.text
        return [a["id"] for a in r.json()["items"]]

    assert ids(kind="lycee") == ["lycee-a"]
    assert ids(departement="46") == ["entreprise-d", "iut-b"]  # sorted by name
    assert ids(departement="046") == ["entreprise-d", "iut-b"]
    assert ids(q="ETE") == ["lycee-a"]  # accents and case folded: "Lycée Été"
    assert ids(q="été lycée") == ["lycee-a"]  # every word, in any order
    assert ids(q="lycée iut") == []
    assert ids(q="0120006J") == ["lycee-a"]  # a UAI
    assert ids(campus="mini", kind="company") == ["entreprise-d"]
    assert ids(campus="other") == []


def test_actor_pagination(mini_client: TestClient) -> None:
    first = mini_client.get("/actors", params={"limit": 3}).json()
    second = mini_client.get("/actors", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert {a["id"] for a in first["items"]}.isdisjoint({a["id"] for a in second["items"]})


def test_actor_detail_has_its_relationships(mini_client: TestClient) -> None:
    a = mini_client.get("/actors/lycee-a").json()
    assert a["boarding_places"] == 150
    assert a["facts"] == [{"topic": "housing", "text": "Logements", "source": "test fixture"}]
    assert {o["diploma"] for o in a["offers"]} == {"40025005", "32025002"}
    assert [p["id"] for p in a["partners"]] == ["entreprise-d"]
    assert [p["id"] for p in a["passerelles"]] == ["p-bts-lp"]
    company = mini_client.get("/actors/entreprise-d").json()
    assert [p["id"] for p in company["partners"]] == ["lycee-a"]  # both directions
    assert company["memberships"] == []


def test_bad_parameters_are_422(mini_client: TestClient) -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("/actors", {"kind": "college"}),
        ("/actors", {"limit": 0}),
        ("/actors", {"limit": 10_000}),
        ("/actors", {"offset": -1}),
        ("/actors", {"q": "x" * 101}),
        ("/actors", {"departement": "Lot"}),
        ("/diplomas", {"level": 9}),
        ("/diplomas", {"type": "doctorat"}),
        ("/passerelles", {"kind": "teleport"}),
    ]
    for path, params in cases:
        r = mini_client.get(path, params=params)
        assert r.status_code == 422, (path, params, r.text)
    assert mini_client.get("/actors/NOT AN ID").status_code == 422


def test_diplomas_and_unknown_code_suggestions(mini_client: TestClient) -> None:
    page = mini_client.get("/diplomas", params={"level": 5}).json()
    assert [(d["code"], d["offers"]) for d in page["items"]] == [("32025002", 1)]
    d = mini_client.get("/diplomas/32025002").json()
    assert {n["code"] for n in d["next"]} == {"T-LP", "T-ING"}
    assert [p["code"] for p in d["previous"]] == ["40025005"]
    r = mini_client.get("/diplomas/32025003")
    assert r.status_code == 404
    assert r.json()["suggestions"][0].startswith("32025002")


def test_passerelles_are_first_class(mini_client: TestClient) -> None:
    page = mini_client.get("/passerelles", params={"diploma": "T-LP"}).json()
    assert [p["id"] for p in page["items"]] == [
        "inf-bac3-to-engineer-apprenticeship-t-lp-t-ing",
        "p-bts-lp",
    ]
    documented = mini_client.get(
        "/passerelles", params={"diploma": "T-LP", "origin": "documented"}
    ).json()
    assert [p["id"] for p in documented["items"]] == ["p-bts-lp"]
    [inferred] = mini_client.get("/passerelles", params={"origin": "inferred"}).json()["items"]
    assert inferred["rule"] == "bac3-to-engineer-apprenticeship"
    assert inferred["source"].startswith("inferred by rule")
    p = mini_client.get("/passerelles/p-bts-lp").json()
    assert p["reserved_share"] == 0.667 and p["origin"] == "documented"
    assert [d["code"] for d in p["from_diplomas"]] == ["32025002"]
    assert {a["id"] for a in p["party_actors"]} == {"iut-b", "lycee-a"}
    assert mini_client.get("/passerelles/nope").status_code == 404


def test_sites_and_platforms(mini_client: TestClient) -> None:
    sites = mini_client.get("/sites", params={"departement": "12"}).json()
    assert [(s["insee"], s["actors"]) for s in sites["items"]] == [("12089", 1)]
    assert mini_client.get("/platforms").json()["total"] == 0


def test_web_interface_is_served(mini_client: TestClient) -> None:
    r = mini_client.get("/", follow_redirects=True)
    assert r.status_code == 200 and 'lang="fr"' in r.text


def test_map_geojson_points(mini_client: TestClient) -> None:
    r = mini_client.get("/map.geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    feats = {f["properties"]["id"]: f for f in r.json()["features"]}
    assert set(feats) == {"lycee-a", "iut-b", "ecole-c", "entreprise-d"}
    assert feats["lycee-a"]["geometry"]["coordinates"] == [2.2506, 44.5597]  # [lon, lat]
    assert feats["lycee-a"]["properties"]["levels"] == [4, 5]
    appr = mini_client.get("/map.geojson", params={"modality": "apprenticeship", "level": 7})
    assert [f["properties"]["id"] for f in appr.json()["features"]] == ["ecole-c"]
    assert (
        mini_client.get("/map.geojson", params={"kind": "lycee"}).json()["features"][0][
            "properties"
        ]["id"]
        == "lycee-a"
    )


def test_campus_network(mini_client: TestClient) -> None:
    net = mini_client.get("/campuses/mini/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"campus:mini", "actor:lycee-a", "diploma:T-LP"} <= ids
    types = {e["type"] for e in net["edges"]}
    assert {"MEMBER_OF", "OFFERS", "PARTNERS_WITH", "LEADS_TO"} <= types
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    capped = mini_client.get("/campuses/mini/network", params={"limit": 2}).json()
    assert len(capped["nodes"]) == 2 and capped["truncated"] is True
    only = mini_client.get(
        "/campuses/mini/network", params={"kind": "company", "diplomas": False}
    ).json()
    assert {n["id"] for n in only["nodes"]} == {"campus:mini", "actor:entreprise-d"}
    assert mini_client.get("/campuses/nope/network").status_code == 404


def test_one_platform_by_its_id(seed_client: TestClient) -> None:
    """GET /platforms/{id} answers what the list says of it, whichever page of the list it is
    on (the map read the first 500 to find one), and a French 404 for an unknown id."""
    listed = {
        p["id"]: p for p in seed_client.get("/platforms", params={"limit": 500}).json()["items"]
    }
    assert {"pft-rascol", "pft-conpim"} <= set(listed)
    for pid in ("pft-rascol", "pft-conpim"):
        r = seed_client.get(f"/platforms/{pid}")
        assert r.status_code == 200, r.text
        assert r.json() == listed[pid]
    assert seed_client.get("/platforms/pft-rascol").json()["lat"] is not None
    assert seed_client.get("/platforms/pft-conpim").json()["lat"] is None  # no known position
    r = seed_client.get("/platforms/pas-une-plateforme")
    assert r.status_code == 404
    assert r.json()["detail"] == "Plateforme inconnue : pas-une-plateforme."
    assert seed_client.get("/platforms/PAS UNE").status_code == 422
