"""The shipped seed data, loaded into the real embedded database."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import SEEDS

# a source document, an open-data file, or a public page quoted (the national continuations)
SOURCE_DOCS = re.compile(
    r"\d{3}_[0-9a-f]{16}\.txt|opendata \S+\.csv|INSEE|GeoNames|\(public\)|https://\S+ « .+ »"
)


def _sources(node: Any) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "source" and isinstance(v, str):
                out.append(v)
            elif k == "field_sources" and isinstance(v, dict):
                out.extend(v.values())
            else:
                out.extend(_sources(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_sources(v))
    return out


def test_every_fact_cites_a_document() -> None:
    for path in sorted(Path(SEEDS).glob("*.toml")):
        sources = _sources(tomllib.loads(path.read_text(encoding="utf-8")))
        assert sources, path
        bad = [s for s in sources if not SOURCE_DOCS.search(s)]
        assert bad == [], f"{path.name}: sources naming no document: {bad[:3]}"


def test_the_five_campuses_are_listed(seed_client: TestClient) -> None:
    ids = {c["id"] for c in seed_client.get("/campuses").json()}
    assert ids == {
        "mecanic-vallee",
        "energies-efficacite-energetique",
        "campus-entreprises-clermont",
        "numerique-charbonnieres",
        "auto-mobilites",
    }


def test_mecanic_vallee_is_complete_enough(seed_client: TestClient) -> None:
    mv = next(c for c in seed_client.get("/campuses").json() if c["id"] == "mecanic-vallee")
    assert mv["actors"] >= 30
    assert (mv["min_level"], mv["max_level"]) == (3, 7)
    detail = seed_client.get("/campuses/mecanic-vallee").json()
    roles = {m["id"]: m["role"] for m in detail["members"]}
    assert "lycee-la-decouverte-decazeville" in roles
    # the recruitment table: 12 job families x 5 periods
    assert len(detail["demand"]) == 60
    welders = [
        d for d in detail["demand"] if d["sector"] == "soudeurs" and d["period"] == "2011-11"
    ]
    assert welders[0]["count"] == 183


def test_counsellor_facts_are_kept(seed_client: TestClient) -> None:
    boarding = {
        a: seed_client.get(f"/actors/{a}").json()["boarding_places"]
        for a in (
            "lycee-la-decouverte-decazeville",
            "lycee-champollion-figeac",
            "lycee-gaston-monnerville-cahors",
        )
    }
    assert boarding == {
        "lycee-la-decouverte-decazeville": 150,
        "lycee-champollion-figeac": 220,
        "lycee-gaston-monnerville-cahors": 234,
    }
    # the campus-wide figures are facts of the campus (tests/integration/test_seed_honesty.py)
    figures = seed_client.get("/campuses/mecanic-vallee").json()["figures"]
    assert {(f["kind"], f["value"]) for f in figures} == {
        ("entrant_share", 0.7),
        ("reserved_share", 0.667),
    }


def test_planned_cpge_ats_is_planned(seed_client: TestClient) -> None:
    d = seed_client.get("/diplomas/MV-CPGE-ATS").json()
    assert [(o["actor"], o["status"]) for o in d["offers"]] == [
        ("lycee-champollion-figeac", "planned")
    ]


def test_machining_bac_pro_to_level_7_in_lot_and_aveyron(seed_client: TestClient) -> None:
    params: dict[str, Any] = {
        "from": "40025014",
        "to_level": 7,
        "departements": "12,46",
        "limit": 50,
    }
    body = seed_client.get("/pathways", params=params).json()
    assert body["pathways"], body["reason"]
    steps = [s for p in body["pathways"] for s in p["steps"]]
    chosen = {o["actor_id"] for s in steps for o in s["offers"]}
    # BTS of the campus lycées, then an engineer programme; never outside 12/46
    assert {"lycee-champollion-figeac", "lycee-alexis-monteil-rodez"} & chosen
    assert {s["type"] for s in steps} >= {"bac_pro", "bts", "ingenieur"}
    assert all(o["departement"] in {"12", "46"} for s in steps for o in s["offers"])
    assert "mines-albi" not in chosen


def test_licence_pro_of_iut_figeac_at_level_6(seed_client: TestClient) -> None:
    body = seed_client.get(
        "/pathways", params={"from": "40025014", "to_level": 6, "departements": "12,46"}
    ).json()
    best = body["pathways"][0]
    assert [s["type"] for s in best["steps"]] == ["bac_pro", "bts", "licence_pro"]
    assert best["steps"][2]["code"] == "MV-LP-IUT-FIGEAC"
    assert best["steps"][2]["passerelle"]["origin"] == "documented"


def test_mines_albi_only_with_tarn_or_outside(seed_client: TestClient) -> None:
    def mines(params: dict[str, Any]) -> list[dict[str, Any]]:
        body = seed_client.get(
            "/pathways", params={"from": "40025014", "to_type": "ingenieur", "limit": 50, **params}
        ).json()
        return [p for p in body["pathways"] if p["steps"][-1]["code"] == "MV-ING-MINES-ALBI"]

    assert mines({"departements": "12,46"}) == []
    with_tarn = mines({"departements": "12,46,81"})
    assert with_tarn and all(p["outside_steps"] == 0 for p in with_tarn)
    outside = mines({"departements": "12,46", "allow_outside": 1})
    assert outside and all(p["steps"][-1]["outside_territory"] for p in outside)


def test_mecanic_vallee_gap_report(seed_client: TestClient) -> None:
    r = seed_client.get("/gaps", params={"campus": "mecanic-vallee", "limit": 100})
    assert r.status_code == 200
    sections = {s["id"]: {f["id"]: f for f in s["findings"]} for s in r.json()["sections"]}
    overall = sections["continuum_breaks"]["continuum:*"]
    assert {
        "diploma": "MV-CPGE-ATS",
        "actor": "lycee-champollion-figeac",
        "commune": "Figeac",
    } in overall["data"]["planned_offers"]
    demand = sections["unmet_demand"]
    for trade in ("fonderie", "traitements-de-surfaces"):
        assert demand[f"demand:{trade}"]["data"]["offers"] == 0
    welders, cnc = demand["demand:soudeurs"], demand["demand:operateurs-cn-fraiseurs"]
    assert welders["data"]["demand"] == 75 and welders["data"]["capacity"] is not None
    assert cnc["data"]["demand"] == 33 and cnc["data"]["capacity"] is not None
    pairs = {
        frozenset((f["data"]["a"], f["data"]["b"]))
        for f in sections["suggested_partnerships"].values()
    }
    assert frozenset(("institut-clement-ader", "lycee-la-decouverte-decazeville")) in pairs
    assert frozenset(("at2d", "mines-albi")) in pairs
