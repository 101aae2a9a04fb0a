"""Tester findings of the seventeenth session (duplicate diplomas, gap actors), on each engine.

The duplicate diplomas over a cut of the national files (``tests/fixtures/opendata_dupes17/``:
Guadeloupe's Parcoursup programmes of the DCG and of certificats de spécialisation): a
Parcoursup programme without a BCN code is the diploma of the graph whose name (accents and
case aside) and level it has (graph/ingest/opendata/postbac.py ``same_name_codes``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_dupes17"
BAIMBRIDGE = "9710003B"
DCG = "26031403"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_parcoursup_title_of_a_bcn_diploma_is_that_diploma(client: TestClient) -> None:
    """Lycée Baimbridge listed 26031403 « Diplôme de comptabilité et de gestion » and the
    Parcoursup « Diplôme de Comptabilite et de Gestion » (PS-DCG-…), and the region's coverage
    counted three level-6 programmes where there are two."""
    offers = get(client, f"/actors/{BAIMBRIDGE}")["offers"]
    dcg = [o for o in offers if "comptabilit" in o["name"].lower()]
    assert [o["diploma"] for o in dcg] == [DCG], dcg
    assert dcg[0]["name"] == "Diplôme de comptabilité et de gestion", dcg
    rows = get(client, "/coverage", region="01")["rows"]
    level6 = [r for r in rows if r["level"] == 6 and r["type"] == "other"]
    assert [r["programmes"] for r in level6] == [1], level6


def test_a_certificat_de_specialisation_takes_its_level_from_its_diploma(
    client: TestClient,
) -> None:
    """The Parcoursup « Certificat de Specialisation – Cybersecurite » had no level (« niveau
    non précisé », « d'autres formations que celles … comptées au niveau 4 »), beside the
    BCN's CS4 « Certificat de spécialisation cybersécurité » of the same lycée: one diploma,
    of level 4. « Metiers du bar » is the CS4 the BCN alone names (« METIERS DU BAR (CS4) »);
    a title no diploma of the graph bears stays a Parcoursup programme."""
    offers = get(client, "/actors/9711046K")["offers"]  # Lycée Chevalier Saint Georges
    assert [(o["diploma"], o["level"]) for o in offers] == [("46125509", 4)], offers
    bar = get(client, "/actors/9711066G")["offers"]  # Lycée de l'Hôtellerie et du Tourisme
    assert ("46133404", 4) in [(o["diploma"], o["level"]) for o in bar], bar
    rows = get(client, "/coverage", region="01")["rows"]
    unknown = [r for r in rows if r["level"] is None and r["type"] == "mc"]
    assert [r["programmes"] for r in unknown] == [1], unknown
    names = " ".join(unknown[0]["examples"])
    assert "nergies renouvelables" in names and "bar" not in names, names


CAMPUSES = (
    "auto-mobilites",
    "campus-entreprises-clermont",
    "energies-efficacite-energetique",
    "mecanic-vallee",
    "numerique-charbonnieres",
)


@pytest.mark.parametrize("campus", CAMPUSES)
def test_an_isolated_actor_is_said_once(seed_client: TestClient, campus: str) -> None:
    """ENTPE was listed twice among the isolated actors of Auto-mobilités: « sans entreprise
    partenaire recensée » (the rule of its kind) and « il n'est pas isolé » (the rule of an
    actor the campus cites without a role). One node, two rules: one finding says both."""
    r = seed_client.get("/gaps", params={"campus": campus, "limit": 500})
    assert r.status_code == 200, r.text
    section = next(s for s in r.json()["sections"] if s["id"] == "isolated_actors")
    keys = [n["key"] for f in section["findings"] for n in f["nodes"]]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for f in section["findings"]:
        assert not ("sans entreprise" in f["why"] and "pas isolé" in f["why"]), f


def test_entpe_says_no_company_and_no_role(seed_client: TestClient) -> None:
    r = seed_client.get("/gaps", params={"campus": "auto-mobilites", "limit": 500})
    section = next(s for s in r.json()["sections"] if s["id"] == "isolated_actors")
    (entpe,) = [f for f in section["findings"] if f["nodes"][0]["key"] == "entpe"]
    assert entpe["data"]["reason"] == "school_without_company", entpe
    assert entpe["data"]["no_campus_role"] is True and entpe["data"]["linked"] == 1, entpe
    assert entpe["why"].startswith("Établissement de formation sans entreprise partenaire"), entpe
    assert "son rôle dans le campus reste à préciser" in entpe["why"], entpe
