"""/map.geojson takes the territory filters of the other endpoints and counts what it could not
place (no coordinates) instead of dropping it silently."""

from __future__ import annotations

import json

from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from graph.mapdata import map_points
from graph.store import GraphStore
from graph.territory import Territory, parse_departements


def _ids(client: TestClient, **params: str) -> set[str]:
    r = client.get("/map.geojson", params=params)
    assert r.status_code == 200, r.text
    return {f["properties"]["id"] for f in r.json()["features"]}


def test_departements_filter_like_the_other_endpoints(mini_client: TestClient) -> None:
    assert _ids(mini_client, departements="46") == {"iut-b", "entreprise-d"}
    assert _ids(mini_client, departements="12,46") == {"lycee-a", "iut-b", "entreprise-d"}
    assert _ids(mini_client, departements="012, 081") == {"lycee-a", "ecole-c"}
    # the former singular parameter still works, and adds to the list
    assert _ids(mini_client, departement="81") == {"ecole-c"}
    assert _ids(mini_client, departement="81", departements="12") == {"lycee-a", "ecole-c"}


def test_invalid_departements_are_refused(mini_client: TestClient) -> None:
    for bad in ("99", "12,abc", ",".join(["12"] * 21)):
        r = mini_client.get("/map.geojson", params={"departements": bad})
        assert r.status_code == 422, bad


def test_unplaced_features_are_counted_by_kind(seed_client: TestClient) -> None:
    fc = seed_client.get("/map.geojson").json()
    unplaced = fc["unplaced"]
    actors = seed_client.get("/actors", params={"limit": 500}).json()["items"]
    platforms = seed_client.get("/platforms", params={"limit": 500}).json()["items"]
    without = [x for x in actors + platforms if x.get("lat") is None]
    assert unplaced["count"] == len(without) > 0
    assert sum(unplaced["by_kind"].values()) == unplaced["count"]
    assert len(fc["features"]) == len(actors) + len(platforms) - len(without)
    only_companies = seed_client.get("/map.geojson", params={"kind": "company"}).json()
    assert set(only_companies["unplaced"]["by_kind"]) <= {"company"}


def test_the_kept_map_is_the_json_of_the_collection_gzipped_or_not(
    seed_client: TestClient, seed_store: GraphStore
) -> None:
    """The map is kept compressed per graph version (graph/mapdata.py): a client that takes
    gzip gets it as kept, one that does not gets it inflated; both are the bytes Starlette's
    JSONResponse writes for the collection computed from the graph."""
    codes = parse_departements("12,46")
    expected = bytes(
        JSONResponse(map_points(seed_store, territory=Territory(departements=codes))).body
    )
    assert json.loads(expected)["features"]
    zipped = seed_client.get(
        "/map.geojson", params={"departements": "12,46"}, headers={"Accept-Encoding": "gzip"}
    )
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["content-type"] == "application/geo+json"
    assert zipped.content == expected  # httpx inflates it
    plain = seed_client.get(
        "/map.geojson", params={"departements": "12,46"}, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers
    assert plain.content == expected and json.loads(plain.content)["features"]
    # a view with non-ASCII names, whole
    assert seed_client.get("/map.geojson").content == JSONResponse(map_points(seed_store)).body


def test_a_level_and_a_modality_are_matched_on_the_same_offer(seed_client: TestClient) -> None:
    """``level=4&modality=apprenticeship`` draws the places with a level-4 apprenticeship offer,
    not those with a level-4 offer at school and an apprenticeship at another level."""
    actors = seed_client.get("/actors", params={"limit": 500}).json()["items"]
    # the offers the record lists as open: one of a diploma the BCN closed (the DUTs of IUT
    # Figeac) is said closed there and not drawn (graph/offer_lines.py)
    offers = {
        a["id"]: [
            o
            for o in seed_client.get(f"/actors/{a['id']}").json()["offers"]
            if o["status"] != "closed"
        ]
        for a in actors
        if a.get("lat") is not None
    }
    told_apart = 0
    for level in range(3, 8):
        for modality in ("school", "apprenticeship", "continuing"):
            drawn = _ids(seed_client, level=str(level), modality=modality)
            both = {
                i
                for i, its in offers.items()
                if any(o["level"] == level and o["modality"] == modality for o in its)
            }
            apart = {
                i
                for i, its in offers.items()
                if any(o["level"] == level for o in its)
                and any(o["modality"] == modality for o in its)
            }
            assert drawn & set(offers) == both, (level, modality)
            told_apart += len(apart - both)
    assert told_apart > 0  # the seeds hold places the old filter drew wrongly


def test_an_unknown_campus_or_sector_is_said_as_the_other_endpoints_say_it(
    seed_client: TestClient,
) -> None:
    """Finistère, campus=nope or sector=foo: an empty FeatureCollection (200), while /gaps and
    /pathways answer 404 « Campus inconnu »."""
    for params, detail in (
        ({"campus": "nope"}, "Campus inconnu : nope."),
        ({"sector": "foo"}, "Filière inconnue : foo."),
    ):
        r = seed_client.get("/v1/map.geojson", params={"departements": "29", **params})
        assert r.status_code == 404, r.text
        assert r.json()["detail"] == detail
        gaps = seed_client.get("/v1/gaps", params={"departements": "29", **params})
        assert gaps.status_code == 404 and gaps.json()["detail"] == detail
    # a known campus and a known filière still answer
    campus = seed_client.get("/v1/campuses").json()[0]["id"]
    assert seed_client.get("/v1/map.geojson", params={"campus": campus}).status_code == 200
    assert seed_client.get("/v1/map.geojson", params={"sector": "soudeurs"}).status_code == 200


# --- the territory of /gaps and /coverage, and nothing silently ignored ---------------------


def test_a_region_limits_the_map(seed_client: TestClient) -> None:
    """``region`` was ignored: ``?region=52`` drew all of France."""
    # as the API writes them (INSEE codes)
    occitanie = {"09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"}
    every = seed_client.get("/map.geojson").json()["features"]
    aura = {"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}
    for region, deps in (("76", occitanie), ("84", aura)):
        fc = seed_client.get("/map.geojson", params={"region": region}).json()
        assert fc["features"], region
        assert len(fc["features"]) < len(every)
        assert {f["properties"]["departement"] for f in fc["features"]} <= deps, region
    assert _ids(seed_client, region="52") == set()  # no campus of the seeds in Pays de la Loire
    r = seed_client.get("/map.geojson", params={"region": "99"})
    assert r.status_code == 422 and "code de région inconnu" in r.json()["detail"], r.text


def test_a_radius_around_a_place_limits_the_map(mini_client: TestClient) -> None:
    """``near`` and ``radius_km`` were ignored: 15 km around Toulon drew all of France."""
    # Figeac's IUT and company; Decazeville is about 18 km away, Albi about 75
    assert _ids(mini_client, near="Figeac", radius_km="10") == {"iut-b", "entreprise-d"}
    assert _ids(mini_client, near="46102", radius_km="30") == {
        "iut-b",
        "entreprise-d",
        "lycee-a",
    }
    assert _ids(mini_client, near="44.6086,2.0317", radius_km="100", departements="81") == {
        "ecole-c"
    }
    r = mini_client.get("/map.geojson", params={"near": "Figeac"})
    assert r.status_code == 422 and "vont ensemble" in r.json()["detail"], r.text


def test_a_field_of_training_is_a_filiere_as_on_the_gap_report(mini_client: TestClient) -> None:
    """``sector=nsf-227`` was « Filière inconnue » on the map while /gaps accepts it: the
    places offering a diploma of the NSF group, with a level or a modality on that offer."""
    assert mini_client.get("/gaps", params={"sector": "nsf-250"}).status_code == 200
    assert _ids(mini_client, sector="nsf-250") == {"iut-b", "ecole-c"}
    assert _ids(mini_client, sector="nsf-250", level="7") == {"ecole-c"}
    assert _ids(mini_client, sector="nsf-250", modality="school") == {"iut-b"}
    # a level-6 offer at school and a level-7 one in apprenticeship: never one such offer
    assert _ids(mini_client, sector="nsf-250", level="6", modality="apprenticeship") == set()
    assert _ids(mini_client, sector="usinage") == {"lycee-a"}
    for unknown in ("nsf-999", "nsf-25", "inconnue"):
        r = mini_client.get("/map.geojson", params={"sector": unknown})
        assert r.status_code == 404 and "Filière inconnue" in r.json()["detail"], unknown


def test_an_unknown_parameter_is_a_french_422(mini_client: TestClient) -> None:
    """A parameter the map does not know is refused, as on /gaps and /coverage: a client
    asking for a territory the map would not apply must not get all of France."""
    for params in ({"rayon": "15"}, {"region": "76", "lieu": "Figeac"}, {"departments": "46"}):
        r = mini_client.get("/map.geojson", params=params)
        assert r.status_code == 422, (params, r.text)
        unknown = next(k for k in params if k != "region")
        assert r.json()["detail"] == f"Paramètres refusés — {unknown} : champ inconnu", r.text
