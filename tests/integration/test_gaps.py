"""The gap report on a hand-built campus whose findings are known by construction
(tests/fixtures/seeds_gaps/gaps.toml), on a real database of each engine."""

from __future__ import annotations

import csv as csv_module
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.ingest.seed_loader import load_seeds
from graph.ingest.seeds import load_seed_dir
from tests.conftest import StoreMaker, make_settings

GAP_SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds_gaps"


@pytest.fixture(scope="module")
def client(
    session_stores: StoreMaker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    store = session_stores()  # closed at the end of the session
    load_seeds(store, load_seed_dir(GAP_SEEDS))
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("x")), store=store)) as c:
        yield c


@pytest.fixture(scope="module")
def report(client: TestClient) -> dict[str, dict[str, Any]]:
    r = client.get("/gaps", params={"departements": "12,46"})
    assert r.status_code == 200, r.text
    return {s["id"]: {f["id"]: f for f in s["findings"]} for s in r.json()["sections"]}


def test_a_missing_level_inside_the_span_is_a_break(report: dict) -> None:
    usinage = report["continuum_breaks"]["continuum:usinage"]
    assert usinage["data"]["levels_offered"] == [4, 5, 7]
    assert usinage["data"]["levels_missing"] == [3, 6]
    # a Bac+3 missing may be a gap of the files (no licence pro, no master in the public
    # ones): a break to confirm, not an alarm (round 5); a CAP, Bac or Bac+2 break stays high
    assert usinage["severity"] == "medium"
    assert "La rupture au niveau 6, si elle se confirme" in usinage["why"]


def test_planned_offers_are_shown_as_planned(report: dict) -> None:
    composites = report["continuum_breaks"]["continuum:composites"]
    assert composites["data"]["levels_offered"] == [4]
    assert composites["data"]["levels_planned"] == [5]
    assert composites["data"]["planned_offers"] == [
        {"diploma": "BTS-COM", "actor": "cfa", "commune": "Decazeville"}
    ]
    assert "En projet : BTS composites (CFA)" in composites["why"]
    # the filière's document, then the planned offer's source, then the other offers' files
    assert composites["sources"][:2] == ["test fixture", "test fixture planned"]


def test_dead_end_with_the_nearest_place_outside(report: dict) -> None:
    assert set(report["dead_ends"]) == {"dead_end:lycee:BP-SOU"}
    finding = report["dead_ends"]["dead_end:lycee:BP-SOU"]
    nearest = finding["data"]["nearest_outside"]
    assert nearest["actor_id"] == "lycee-albi" and nearest["diploma"] == "BTS-SOU"
    assert 65 < nearest["km"] < 80  # Decazeville -> Albi


def test_a_regions_report_keeps_its_departements_dead_ends(client: TestClient) -> None:
    """A next step counts within reach of the offer (50 km), not anywhere in the territory: in
    Occitanie's report the BTS soudage of Albi (~70 km from Decazeville) is in the territory,
    and the BP of Decazeville was no dead end there while the Aveyron's report called it one
    (Nouvelle-Aquitaine: 40 dead ends in its départements' reports, 5 in the région's). Said
    « aucune suite connue à moins de 50 km », not « aucune … sur le territoire »."""
    r = client.get("/gaps", params={"region": "76"})
    assert r.status_code == 200, r.text
    section = next(s for s in r.json()["sections"] if s["id"] == "dead_ends")
    got = {f["id"]: f for f in section["findings"]}
    assert "dead_end:lycee:BP-SOU" in got, list(got)
    finding = got["dead_end:lycee:BP-SOU"]
    assert finding["data"]["next_in_territory"] is True
    assert finding["data"]["nearest_outside"]["actor_id"] == "lycee-albi"
    why = finding["why"]
    assert "Aucune suite connue à moins de 50 km : l'une est proposée ailleurs sur le " in why
    assert "n'est proposée sur le territoire ni" not in why, why
    # the départements' own report says the other case, as before
    r = client.get("/gaps", params={"departements": "12,46"})
    section = next(s for s in r.json()["sections"] if s["id"] == "dead_ends")
    (dep,) = section["findings"]
    assert dep["data"]["next_in_territory"] is False
    assert "Aucune n'est proposée sur le territoire ni à moins de 50 km" in dep["why"]


def test_a_dead_end_is_said_of_the_data_with_its_reasons(client: TestClient) -> None:
    """« Impasses », « aucune poursuite d'études n'est proposée » and « Aucune des suites
    connues de ce diplôme (1) » read as facts of the world where the data only holds no
    continuation near (no public file links the BTS CIEL to the BUT R&T): the section and each
    finding say what the data knows (the next steps, named) and that it is the data's."""
    r = client.get("/gaps", params={"departements": "12,46"})
    section = next(s for s in r.json()["sections"] if s["id"] == "dead_ends")
    assert section["title"] == "Impasses selon les données", section["title"]
    assert "un constat sur les données" in section["description"], section["description"]
    (finding,) = section["findings"]
    why = finding["why"]
    assert why.startswith("Suites connues dans les données pour ce diplôme (1) : "), why
    assert finding["data"]["next_diplomas"] == ["BTS-SOU"]
    assert "C'est un constat sur les données" in why and "à vérifier" in why, why


def test_unmet_demand_against_local_capacity(report: dict) -> None:
    welders = report["unmet_demand"]["demand:soudeurs"]
    assert (welders["data"]["demand"], welders["data"]["capacity"], welders["data"]["gap"]) == (
        50,
        12,
        38,
    )
    assert welders["severity"] == "high"
    assert "test fixture demand" in welders["sources"]
    foundry = report["unmet_demand"]["demand:fonderie"]
    assert foundry["data"]["offers"] == 0 and "Étude d'opportunité" in foundry["why"]
    assert "demand:usinage" not in report["unmet_demand"]  # trained locally, no demand figure


def test_isolated_actors(report: dict) -> None:
    isolated = report["isolated_actors"]
    assert isolated["isolated:pme-isolee:company"]["severity"] == "high"
    assert "isolated:pme-partenaire:company" not in isolated  # partners the lycée
    assert "isolated:cfa:school" in isolated and "isolated:lycee:school" not in isolated
    assert "isolated:pft:platform" in isolated
    assert not any(k.startswith("isolated:lycee-albi") for k in isolated)  # outside


def test_predicted_link_between_a_company_and_a_school(report: dict) -> None:
    suggested = report["suggested_partnerships"]
    pairs = {frozenset((f["data"]["a"], f["data"]["b"])) for f in suggested.values()}
    assert frozenset(("lycee", "pme-usinage")) in pairs
    assert frozenset(("lycee", "pme-partenaire")) not in pairs  # already partners
    assert not any("pme-isolee" in p for p in pairs)  # nothing in common with anyone
    f = next(
        f
        for f in suggested.values()
        if {f["data"]["a"], f["data"]["b"]} == {"lycee", "pme-usinage"}
    )
    assert "Sector:usinage" in f["data"]["shared"] and f["data"]["pair"] == "economic-school"
    assert "Usinage" in f["why"] and "km" in f["why"]


def test_bridges_and_articulation_points(report: dict) -> None:
    fragile = report["brokers"]
    assert fragile["bridge:iut:labo"]["data"]["cut_off"] == 1
    assert "cut:iut" in fragile
    assert "bridge:cfa:iut" not in fragile and "bridge:iut:lycee" not in fragile  # triangle


def test_campus_filter_and_csv(client: TestClient) -> None:
    r = client.get("/gaps", params={"campus": "gapcamp"})
    assert r.status_code == 200
    roles = {s["id"]: s for s in r.json()["sections"]}["isolated_actors"]["findings"]
    # a company without a school that the campus cites without a role: one finding says both
    (pme,) = [f for f in roles if f["nodes"][0]["key"] == "pme-isolee"]
    assert pme["id"] == "isolated:pme-isolee:company" and pme["data"]["no_campus_role"], pme
    csv = client.get("/gaps.csv", params={"departements": "12,46", "section": "dead_ends"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    # its file name is French too (it was « manques-territoire-dead_ends.csv »)
    assert 'filename="manques-territoire-impasses.csv"' in csv.headers["content-disposition"]
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    # French columns and values: no internal id, no English severity, no JSON in a cell
    assert lines[0] == "constat;gravité;pourquoi;éléments concernés;mesures;sources"
    rows = list(csv_module.reader(lines[1:], delimiter=";"))
    assert rows and all(len(r) == 6 for r in rows)
    assert {r[1] for r in rows} <= {"élevée", "moyenne", "faible"}
    assert not [c for r in rows for c in r if c.lstrip("'").startswith(("{", "["))]
    assert not [r for r in rows if "dead_end:" in ";".join(r) or "BP-SOU" in r[3]]
    assert any("Acteur : " in r[3] and "Diplôme : " in r[3] for r in rows)
    assert client.get("/gaps.csv", params={"section": "nope"}).status_code == 422
    assert client.get("/gaps", params={"campus": "nope"}).status_code == 404


def test_a_region_lists_only_its_own_actors(client: TestClient) -> None:
    """A région-only report judges the actors of that région, not of all France."""

    def isolated(region: str) -> set[str]:
        r = client.get("/gaps", params={"region": region, "limit": 500})
        assert r.status_code == 200, r.text
        sections = {s["id"]: s for s in r.json()["sections"]}
        return {f["id"] for f in sections["isolated_actors"]["findings"]}

    occitanie = isolated("76")
    assert "isolated:pme-isolee:company" in occitanie
    assert "isolated:pme-cantal:company" not in occitanie  # Aurillac is in région 84
    assert isolated("84") == {"isolated:pme-cantal:company"}
