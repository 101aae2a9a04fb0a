"""Answers that must hold everywhere in France (review of the tenth session), on each engine,
over the seed graph (Mecanic Vallée: Aveyron 12, Lot 46) and the mini campus."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import ask

BAC_MV = "40025014"  # the machining Bac pro of the Mecanic Vallée lycées


def test_a_home_far_from_the_territory_is_said_first(seed_client: TestClient) -> None:
    """Marseille with the Aveyron and the Lot: every distance of the answer is counted from
    Marseille, ~200 km away; the answer said nothing of it and read as a local one."""
    params = {"from": BAC_MV, "to_level": 5, "departements": "12,46"}
    far = ask(seed_client, **params, home="13055")
    assert far["pathways"], far
    first = far["notices"][0]
    assert first.startswith("Commune de l'élève loin du territoire : Marseille est à environ "), (
        first
    )
    assert "km à vol d'oiseau des départements de l'Aveyron (12) et du Lot (46)." in first, first
    assert "comptées depuis Marseille, pas depuis le territoire" in first, first
    # a home of the territory, or just across its border, says nothing of the kind
    for home in ("46102", "Villefranche-de-Rouergue", "Capdenac"):
        near = ask(seed_client, **params, home=home)
        assert not any("loin du territoire" in n for n in near["notices"]), (home, near)
    # the campus and a radius say it too
    campus = ask(
        seed_client, **{"from": BAC_MV, "to_level": 5}, campus="mecanic-vallee", home="Lille"
    )
    assert campus["notices"][0].startswith("Commune de l'élève loin du territoire : Lille"), campus
    circle = ask(
        seed_client, **{"from": BAC_MV, "to_level": 5}, near="Figeac", radius_km=30, home="13055"
    )
    assert "km à vol d'oiseau du cercle de 30 km autour de Figeac." in circle["notices"][0], circle[
        "notices"
    ]


def test_an_actor_without_a_role_is_not_called_isolated_when_linked(
    seed_client: TestClient,
) -> None:
    """The campus report listed actors « cité par le campus mais sans rôle dans son réseau »
    among the isolated actors while its brokers section made them pivots, articulation points
    or ends of a fragile link of that same network (Lycée Louis Rascol, Université Toulouse -
    Jean Jaurès for the Mecanic Vallée)."""
    r = seed_client.get("/gaps", params={"campus": "mecanic-vallee", "limit": 500})
    assert r.status_code == 200, r.text
    sections = {s["id"]: s["findings"] for s in r.json()["sections"]}
    in_network = {n["key"] for f in sections["brokers"] for n in f["nodes"]}
    no_role = [
        f for f in sections["isolated_actors"] if f["data"].get("reason") == "no_campus_role"
    ]
    linked = [f for f in no_role if f["nodes"][0]["key"] in in_network]
    assert linked, no_role
    for f in no_role:
        assert "sans rôle dans son réseau" not in f["why"], f
    for f in linked:
        assert f["data"]["linked"] > 0 and "il n'est pas isolé" in f["why"], f


def test_new_caledonia_is_said_to_be_another_education_system(seed_client: TestClient) -> None:
    """New Caledonia (988) runs its own schools, which the national files barely describe; and
    nothing places 988, 984 or 975 in the data (no located offer, no commune centre): the answer
    proposed pathways in the Aveyron « à moins de 150 km depuis le centre du territoire »."""
    for dep in ("988", "984", "975"):
        answer = ask(seed_client, **{"from": BAC_MV, "to_level": 5}, departements=dep)
        assert answer["pathways"] == [], (dep, answer["pathways"][0]["steps"])
        assert not any("Parcours proposés hors du territoire" in n for n in answer["notices"])
        assert any("Les données ne situent pas ce territoire" in n for n in answer["notices"])
        caledonia = [n for n in answer["notices"] if "Nouvelle-Calédonie a son propre" in n]
        assert bool(caledonia) == (dep == "988"), (dep, answer["notices"])
    assert answer_notice(seed_client, near="-22.27,166.45", radius_km=50).startswith(
        "La Nouvelle-Calédonie a son propre système éducatif"
    )


def answer_notice(client: TestClient, **params: object) -> str:
    return str(ask(client, **{"from": BAC_MV, "to_level": 5}, **params)["notices"][0])


OUTSIDE = "Parcours proposés hors du territoire : chaque établissement choisi à moins de 150 km "
OUTSIDE_END = (
    ", avec la distance de chaque étape (les autres possibilités listées peuvent être plus loin)."
)


def test_the_150_km_notice_says_where_it_is_measured_from(seed_client: TestClient) -> None:
    """The outside pathways' bound is measured from home, else the town a radius is drawn
    around, else the mean place of the territory's located offers (no préfecture, no geometric
    centre: said « position moyenne de ses formations »), else the préfecture; the notice had
    no test, and « depuis le centre du territoire » did not say which centre."""
    goal: dict[str, object] = {"from": BAC_MV, "to_level": 7}
    cases: dict[str, dict[str, object]] = {
        "depuis le centre du territoire (position moyenne de ses formations)": {
            "departements": "46"
        },
        "depuis le domicile": {"departements": "46", "home": "46102"},
        "depuis Figeac (centre du territoire)": {"near": "Figeac", "radius_km": 20},
    }
    for since, where in cases.items():
        notices = ask(seed_client, **goal, **where)["notices"]
        assert f"{OUTSIDE}{since}{OUTSIDE_END}" in notices, (where, notices)
