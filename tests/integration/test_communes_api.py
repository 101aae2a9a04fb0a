"""GET /communes, GET /communes/{code}, and any commune as `home` / `near` (real embedded
FalkorDB with the mini seeds: establishments only in Figeac, Decazeville and Albi)."""

from __future__ import annotations

import math
from typing import Any

from fastapi.testclient import TestClient

from graph import communes
from graph.geo import haversine_km

DECAZEVILLE = (44.5597, 2.2506)  # the mini seeds' site


def test_search_gives_the_documented_fields(mini_client: TestClient) -> None:
    r = mini_client.get("/communes", params={"q": "saint cere"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["communes"]) >= 1
    first = body["communes"][0]
    assert first["code"] == "46251" and first["name"] == "Saint-Céré"
    assert first["label"] == "Saint-Céré (Lot, 46400)"
    assert first["kind"] == "commune" and first["commune_code"] == "46251"
    assert first["postcodes"] == ["46400"]
    assert (first["departement"], first["departement_name"]) == ("46", "Lot")
    assert (first["region"], first["region_name"]) == ("76", "Occitanie")
    assert first["population"] > 1000 and first["approximate"] is False
    assert math.isclose(first["lat"], 44.86, abs_tol=0.03)
    assert math.isclose(first["lon"], 1.89, abs_tol=0.03)


def test_search_by_name_without_accents_postcode_and_code(mini_client: TestClient) -> None:
    def codes(q: str, limit: int = 10) -> list[str]:
        got = mini_client.get("/communes", params={"q": q, "limit": limit}).json()
        return [c["code"] for c in got["communes"]]

    assert codes("etretat") == ["76254"]
    assert codes("Marseille", 1) == ["13055"]
    assert codes("PARIS", 1) == ["75056"]
    assert "76254" in codes("76790")
    assert codes("75056") == ["75056"]
    assert len(codes("saint", 20)) == 20


def test_nothing_found_is_said_in_french(mini_client: TestClient) -> None:
    body = mini_client.get("/communes", params={"q": "Nullepart-sur-Mer"}).json()
    assert body["count"] == 0 and body["message"].startswith("Aucune commune ne correspond")


def test_search_bounds(mini_client: TestClient) -> None:
    assert mini_client.get("/communes", params={"q": "x" * 101}).status_code == 422
    assert mini_client.get("/communes", params={"q": "x", "limit": 51}).status_code == 422
    assert mini_client.get("/communes").status_code == 422


def test_get_by_code_current_former_and_unknown(mini_client: TestClient) -> None:
    assert mini_client.get("/communes/13055").json()["name"] == "Marseille"
    part = mini_client.get("/communes/50173").json()  # a commune déléguée
    assert part["kind"] == "commune-deleguee" and part["commune_code"] == "50129"
    assert "rattachée à Cherbourg-en-Cotentin" in part["note"]
    ref = communes.reference()
    old, new = next((o, n) for o, n in sorted(ref.former.items()) if o not in ref.parts)
    former = mini_client.get(f"/communes/{old}").json()
    assert former["code"] == new and "ancienne commune" in former["note"]
    r = mini_client.get("/communes/99999")
    assert r.status_code == 404
    body = r.json()  # a problem document (api/problems.py)
    assert (body["detail"], body["code"], body["status"]) == (
        "Aucune commune n'a le code INSEE « 99999 ».",
        "commune_inconnue",
        404,
    )
    assert mini_client.get("/communes/abc").status_code == 422


def test_home_in_a_commune_without_establishment_gives_distances(
    mini_client: TestClient,
) -> None:
    # Capdenac (46055) hosts no establishment of the graph: before, it was refused (422)
    home = communes.resolve("Capdenac").place
    for typed in ("46055", "Capdenac", "capdenac"):
        r = mini_client.get("/pathways", params={"from": "40025005", "to": "T-LP", "home": typed})
        assert r.status_code == 200, r.text
        [p] = r.json()["pathways"]
        bts = p["steps"][1]
        assert bts["offers"][0]["distance_km"] == round(
            haversine_km(home.lat, home.lon, *DECAZEVILLE),  # type: ignore[arg-type]
            1,
        )


def test_near_accepts_any_commune(mini_client: TestClient) -> None:
    # 20 km around Capdenac reaches Figeac (~6 km) and Decazeville (~15 km), not Albi
    params: dict[str, Any] = {
        "from": "40025005",
        "to_level": 6,
        "near": "Capdenac",
        "radius_km": 20,
    }
    r = mini_client.get("/pathways", params=params)
    assert r.status_code == 200, r.text
    assert [[s["code"] for s in p["steps"]] for p in r.json()["pathways"]] == [
        ["40025005", "32025002", "T-LP"]
    ]
    assert mini_client.get("/gaps", params={"near": "Saint-Céré", "radius_km": 30}).status_code == (
        200
    )


def test_an_ambiguous_or_unknown_town_is_a_french_422_with_candidates(
    mini_client: TestClient,
) -> None:
    r = mini_client.get(
        "/pathways", params={"from": "40025005", "to_level": 6, "home": "Saint-Denis"}
    )
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "commune_ambigue" and body["field"] == "home"
    assert "désigne plusieurs communes" in body["detail"]
    assert {"93066", "97411"} <= {c["code"] for c in body["candidates"]}
    assert all(c["label"].startswith("Saint-Denis (") for c in body["candidates"])
    ok = mini_client.get(
        "/pathways", params={"from": "40025005", "to_level": 6, "home": "Saint-Denis (93)"}
    )
    assert ok.status_code == 200
    r = mini_client.get("/gaps", params={"near": "Nullepart-sur-Mer", "radius_km": 10})
    assert r.status_code == 422 and r.json()["code"] == "commune_inconnue"
    assert r.json()["field"] == "near"


def test_prefectures_of_every_departement_and_of_a_territory(mini_client: TestClient) -> None:
    body = mini_client.get("/prefectures").json()
    by_dep = {p["departement"]: p for p in body["prefectures"]}
    assert body["count"] == len(by_dep) >= 101  # 96 in metropolitan France, 5 overseas
    assert by_dep["12"]["name"] == "Rodez" and by_dep["46"]["name"] == "Cahors"
    assert by_dep["2A"]["name"] == "Ajaccio" and by_dep["974"]["name"] == "Saint-Denis"
    assert by_dep["31"]["regional"] is True and by_dep["12"]["regional"] is False
    assert {p["name"] for p in body["prefectures"] if p["regional"]} >= {"Toulouse", "Rouen"}
    assert math.isclose(by_dep["12"]["lat"], 44.35, abs_tol=0.05)
    some = mini_client.get("/prefectures", params={"departements": "046,12"}).json()
    assert [p["name"] for p in some["prefectures"]] == ["Rodez", "Cahors"]
    bad = mini_client.get("/prefectures", params={"departements": "12,999x"})
    assert bad.status_code in (400, 422)


def test_regions_by_name_with_their_departements(mini_client: TestClient) -> None:
    """The 18 régions by their French names, each with the codes `region=` takes."""
    body = mini_client.get("/regions").json()
    assert body["count"] == len(body["regions"]) == 18
    by_code = {r["code"]: r for r in body["regions"]}
    assert by_code["76"]["name"] == "Occitanie"
    assert {"12", "31", "46", "81"} <= set(by_code["76"]["departements"])
    assert len(by_code["76"]["departements"]) == 13
    assert by_code["94"]["departements"] == ["2A", "2B"]
    assert by_code["04"]["departements"] == ["974"]
    names = [r["name"] for r in body["regions"]]
    # French order, accents ignored: Île-de-France among the I, not after Pays de la Loire
    assert names.index("Hauts-de-France") < names.index("Île-de-France") < names.index("La Réunion")
    # every code is one the searches take
    for code in by_code:
        r = mini_client.get("/pathways", params={"from": "40025005", "to_level": 5, "region": code})
        assert r.status_code == 200, r.text


def test_a_marseille_postcode_is_the_arrondissement_and_the_answer_says_it(
    mini_client: TestClient,
) -> None:
    """`home=13008` was read as Aurons (INSEE 13008), not Marseille 8e: the pathway answer
    now measures from Marseille 8e and says which town it used; Aurons is named by what the
    commune list gives to send (`place`)."""
    body = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "32025002", "home": "13008"}
    ).json()
    said = [n for n in body["notices"] if n.startswith("Commune de l'élève : ")]
    assert said == [
        "Commune de l'élève : 13008 est le code postal de Marseille 8e Arrondissement ; c'est "
        "aussi le code INSEE d'Aurons (Bouches-du-Rhône), à désigner par son nom : « Aurons "
        "(13) »."
    ], body["notices"]
    marseille = communes.resolve("13208").place
    step = body["pathways"][0]["steps"][1]["offers"][0]
    km = haversine_km(marseille.lat, marseille.lon, *DECAZEVILLE)  # type: ignore[arg-type]
    assert step["distance_km"] == round(km, 1)
    aurons = mini_client.get("/communes", params={"q": "Aurons"}).json()["communes"][0]
    assert (aurons["code"], aurons["place"]) == ("13008", "Aurons (13)")
    assert mini_client.get("/communes", params={"q": "13008"}).json()["communes"][0]["code"] == (
        "13208"
    )
    figeac = mini_client.get("/communes", params={"q": "46102"}).json()["communes"][0]
    assert figeac["place"] == "46102"
    plain = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "32025002", "home": "46102"}
    )
    assert not any(n.startswith("Commune de l'élève") for n in plain.json()["notices"])


def test_a_radius_around_home_says_which_town_a_code_is_once(mini_client: TestClient) -> None:
    """Lille (« 59350 », also Saint-André-lez-Lille's postcode), BTS MCO → level 6 within 30
    km: the radius drawn around the home said the same sentence for the home and for the
    territory's centre. Said once, for the home; a centre given apart keeps its own."""
    params: dict[str, str | int] = {
        "from": "40025005",
        "to": "T-LP",
        "home": "13008",
        "radius_km": 400,
    }
    body = mini_client.get("/pathways", params=params).json()
    said = [n for n in body["notices"] if "13008 est le code postal" in n]
    assert len(said) == 1 and said[0].startswith("Commune de l'élève : "), body["notices"]
    apart = mini_client.get("/pathways", params={**params, "near": "13008"}).json()
    said = [n for n in apart["notices"] if "13008 est le code postal" in n]
    assert len(said) == 1, apart["notices"]  # the same place given twice: said once
    other = mini_client.get("/pathways", params={**params, "near": "64100"}).json()
    assert any(n.startswith("Centre du territoire : 64100") for n in other["notices"]), other


def test_a_code_that_is_only_an_insee_code_says_so(mini_client: TestClient) -> None:
    """« 64100 » listed Bassussarry first, as if La Poste gave it that postcode: 64100 is its
    INSEE code, its postcode is 64200, and 64100 is Bayonne's postcode (La Poste's table,
    `postcodes`). It stays listed (the API reads 64100 as its INSEE code), saying so."""
    got = mini_client.get("/communes", params={"q": "64100"}).json()["communes"]
    by_name = {c["name"]: c for c in got}
    assert set(by_name) >= {"Bassussarry", "Bayonne"}, got
    assert by_name["Bassussarry"]["postcodes"] == ["64200"]
    assert by_name["Bayonne"]["postcodes"] == ["64100"] and by_name["Bayonne"]["note"] is None
    assert by_name["Bassussarry"]["note"] == (
        "64100 est son code INSEE, pas son code postal (64200) : c'est le code postal de Bayonne."
    )


def test_a_misspelt_town_suggests_the_town_and_a_far_text_nothing(mini_client: TestClient) -> None:
    """« Tolouse » said nothing helpful; « ABC » must not draw a town that shares two letters
    with it (a review saw « Maçon » suggested for it)."""
    r = mini_client.get("/pathways", params={"from": "40025005", "to_level": 6, "home": "Tolouse"})
    assert r.status_code == 422 and r.json()["code"] == "commune_inconnue"
    assert "Vouliez-vous dire Toulouse (Haute-Garonne)" in r.json()["detail"]
    body = mini_client.get("/communes", params={"q": "Montpelier"}).json()
    assert body["count"] == 0 and "Montpellier (Hérault)" in body["message"]
    for far in ("ABC", "Nullepart-sur-Mer"):
        r = mini_client.get("/pathways", params={"from": "40025005", "to_level": 6, "home": far})
        assert r.status_code == 422 and "Vouliez-vous dire" not in r.json()["detail"], far


def test_a_commune_chosen_from_the_list_is_not_called_ambiguous(mini_client: TestClient) -> None:
    """Choosing « Clermont-Ferrand (Puy-de-Dôme, 63113) » wrote `home=63113`, and the answer
    said 63113 is also Picherande's postcode: noise for a town chosen from the list. The list
    now gives `insee:63113`, read without that note; a code typed by hand keeps it."""
    chosen = mini_client.get("/communes", params={"q": "Clermont-Ferrand"}).json()["communes"][0]
    assert (chosen["code"], chosen["place"]) == ("63113", "insee:63113")
    assert mini_client.get("/communes/63113").json()["place"] == "insee:63113"

    def said(home: str) -> list[str]:
        params: dict[str, str | int] = {"from": "40025005", "to": "T-LP", "home": home}
        params |= {"near": home, "radius_km": 500}
        r = mini_client.get("/pathways", params=params)
        assert r.status_code == 200, r.text
        return [n for n in r.json()["notices"] if "est lu comme le code INSEE" in n]

    assert said(chosen["place"]) == []
    assert len(said("63113")) == 1  # typed: said once for home and near, the same place (answers19)
    r = mini_client.get(
        "/pathways", params={"from": "40025005", "to": "T-LP", "home": "insee:99999"}
    )
    assert r.status_code == 404 and r.json()["code"] == "commune_inconnue", r.text


def test_the_territory_settles_a_home_several_communes_share(mini_client: TestClient) -> None:
    """`home=Saint-Denis` with `departements=93` was refused as ambiguous: the 93 holds only
    one Saint-Denis, taken and said; « seine-saint-denis » is said to be a département."""
    params = {"from": "40025005", "to": "T-LP", "home": "Saint-Denis"}
    assert mini_client.get("/pathways", params=params).json()["code"] == "commune_ambigue"
    r = mini_client.get("/pathways", params=params | {"departements": "46,93"})
    assert r.status_code == 200, r.text
    said = [n for n in r.json()["notices"] if "la seule des communes de ce nom" in n]
    assert len(said) == 1 and "Saint-Denis (Seine-Saint-Denis, 93)" in said[0], said
    got = mini_client.get("/communes", params={"q": "seine-saint-denis"}).json()
    assert got["message"].startswith("Seine-Saint-Denis est un département (93) : ")
