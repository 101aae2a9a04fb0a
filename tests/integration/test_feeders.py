"""GET /feeders: where a diploma's entrants come from, in a territory (real seed data)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_bts_cprp_is_fed_by_bac_pros_offered_in_the_campus(seed_client: TestClient) -> None:
    r = seed_client.get("/feeders", params={"to": "32022316", "campus": "mecanic-vallee"})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["name"].startswith("Conception des processus de réalisation de produits")
    assert a["territory"] == "CMQ Mecanic Vallée" and a["count"] >= 1
    # said as is by clients (the page added « dans » itself)
    assert a["territory_phrase"] == "dans le territoire du CMQ Mecanic Vallée"
    first = a["feeders"][0]
    assert first["offers"], "the best feeder is offered in the campus"
    # ranked: feeders offered in the territory first, documented before inferred
    inside = [f for f in a["feeders"] if f["offers"]]
    assert a["feeders"][: len(inside)] == inside
    origins = [f["origin"] for f in inside]
    assert origins == sorted(origins, key=lambda o: o != "documented")
    # every establishment listed is in the territory (here: a member of the campus's offers)
    codes = {f["code"] for f in a["feeders"]}
    assert len(codes) == len(a["feeders"])  # one entry per diploma


def test_departements_narrow_the_establishments(seed_client: TestClient) -> None:
    both = seed_client.get("/feeders", params={"to": "32022316", "departements": "12,46"}).json()
    lot = seed_client.get("/feeders", params={"to": "32022316", "departements": "46"}).json()
    for f in lot["feeders"]:
        assert all(o["departement"] == "46" for o in f["offers"])
    n_both = sum(len(f["offers"]) for f in both["feeders"])
    n_lot = sum(len(f["offers"]) for f in lot["feeders"])
    assert n_both > n_lot > 0


def test_a_region_finds_the_same_establishments_as_its_departements(
    seed_client: TestClient,
) -> None:
    """Occitanie (76) holds the Lot and the Aveyron: asked by région, the feeders offered there
    are found (they were all counted outside: the offers' région was not read)."""
    region = seed_client.get("/feeders", params={"to": "32022316", "region": "76"}).json()
    both = seed_client.get("/feeders", params={"to": "32022316", "departements": "12,46"}).json()
    in_region = {(f["code"], o["actor_id"]) for f in region["feeders"] for o in f["offers"]}
    in_both = {(f["code"], o["actor_id"]) for f in both["feeders"] for o in f["offers"]}
    assert in_both and in_both <= in_region


def test_unknown_diploma_and_bad_territory(seed_client: TestClient) -> None:
    assert seed_client.get("/feeders", params={"to": "99999999"}).status_code == 404
    assert (
        seed_client.get("/feeders", params={"to": "32022316", "campus": "nope"}).status_code == 404
    )
    bad = seed_client.get("/feeders", params={"to": "32022316", "departements": "99"})
    assert bad.status_code == 422
    assert seed_client.get("/feeders").status_code == 422
