"""A tester's findings on the national files (December 2026, tester25 §4), on each real engine,
over a fixture cut from them (``tests/fixtures/opendata_fixes25b/``: the Creuse's and the
Pyrénées-Atlantiques' offers of the electrician's and the baker's diplomas)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, imported_client_fixture

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "opendata_fixes25b"
SAPVER = "50333003"  # CAP agricole services aux personnes et vente en espace rural

client = imported_client_fixture(FIXTURE, as_of=FIXED_DAY)


def _answer(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/v1/pathways", params=params)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_a_job_goal_names_its_own_diploma_no_file_offers(client: TestClient) -> None:
    """F1602 from the end of 3e in the Creuse, then after a CAP in apprenticeship: the BP
    électricien (Certif Info: F1602, F1605, I1309) has no offer in any file; the answer said
    nothing of it, while a CAP électricien start's answer names it."""
    for params in (
        {"from_level": 2, "job": "F1602", "departements": "23"},
        {"from_level": 3, "job": "F1602", "departements": "23", "modality": "apprenticeship"},
    ):
        body = _answer(client, **params)
        said = [n for n in body["notices"] if "BP électricien" in n]
        assert len(said) == 1, body["notices"]
        assert "non décrit par les fichiers publics" in said[0], said
        assert "à vérifier auprès des CFA" in said[0], said
        assert "45025516" not in said[0] and "45025517" not in said[0], said


def test_a_job_goal_above_its_unoffered_diplomas_names_none(client: TestClient) -> None:
    """Asked for Bac+2 or more, the BP (level 4) is no goal: not named."""
    body = _answer(client, from_level=2, job="F1602", departements="23", to_level=5)
    assert not [n for n in body["notices"] if "BP électricien" in n], body["notices"]


def test_a_broad_agricultural_cap_comes_after_the_bakers_own_diplomas(client: TestClient) -> None:
    """D1102 from the end of 3e in the Pyrénées-Atlantiques: the CAPa SAPVER, tied to D1102 by
    Certif Info among five jobs, is no baker's pathway before the Bac pro boulanger pâtissier."""
    body = _answer(client, from_level=2, job="D1102", departements="64")
    ends = [p["steps"][-1]["code"] for p in body["pathways"]]
    assert SAPVER in ends, ends
    first_weak = ends.index(SAPVER)
    assert all(e == SAPVER for e in ends[first_weak:]), ends
    assert first_weak > 0, ends
    said = [n for n in body["notices"] if "que les fiches Certif Info rattachent à 5 métiers" in n]
    assert len(said) == 1, body["notices"]
    assert said[0].startswith(f"Le parcours n° {first_weak + 1} mène à CAP agricole"), said
    assert "BP boulanger" in " ".join(body["notices"]), body["notices"]


def test_the_any_modality_notice_ranks_the_weak_link_last_too(client: TestClient) -> None:
    """In apprenticeship, the first pathway « toutes modalités confondues » is ranked as the
    answer ranks its own: never the CAPa SAPVER for a baker."""
    body = _answer(client, from_level=2, job="D1102", departements="64", modality="apprenticeship")
    other = [n for n in body["notices"] if n.startswith("Toutes modalités confondues")]
    assert not [n for n in other if "CAP agricole services aux personnes" in n], other
    ends = [p["steps"][-1]["code"] for p in body["pathways"]]
    assert ends and ends[0] != SAPVER, ends


def test_a_continuing_education_answer_names_the_territorys_greta(client: TestClient) -> None:
    """tester25 §9: « à vérifier auprès des GRETA » named none, while the annuaire flags the
    Hérault's establishments « GRETA »: the nearest three are named, with their distance."""
    body = _answer(
        client, **{"from": "50031224", "to_level": 4, "departements": "34"}, home="Montpellier"
    )
    assert not [n for n in body["notices"] if "« GRETA »" in n], body["notices"]
    body = _answer(
        client,
        **{"from": "50031224", "to_level": 4, "departements": "34"},
        home="Montpellier",
        modality="continuing",
    )
    said = [n for n in body["notices"] if "« GRETA » par l'annuaire de l'éducation" in n]
    assert len(said) == 1, body["notices"]
    assert said[0].startswith("Établissements signalés « GRETA »"), said
    assert said[0].count(" km)") == 3, said
    assert not re.search(r"\d{7}[A-Za-z]", said[0]), said  # no UAI


def test_the_actor_record_says_the_annuaires_greta_flag(client: TestClient) -> None:
    """The annuaire's GRETA column was read, never shown (tester25 §9)."""
    r = client.get("/v1/actors/uai-0340040j")  # Lycée polyvalent Jules Guesde, GRETA=1
    assert r.status_code == 200, r.text
    assert r.json()["greta"] is True
    r = client.get("/v1/actors/uai-0230027e")  # Saint-Vaury: in no GRETA row
    assert r.status_code == 200, r.text
    assert r.json()["greta"] is False
