"""Inferred legs whose two diplomas share too little of their trade, on rows of the national
files (``tests/fixtures/opendata_legs24/``, make_fixture.py says which; graph/inference/rules.py,
``_scored``; evidence.py, ``trade_basis``):

- Bac pro métiers du froid → BTS CIEL option A (informatique et réseaux) shared only the ROME
  domain I13 and the commissions: no leg, since option B of the same BTS shares the Bac pro's
  NSF group (tester23); the BTS of the trade (fluides-énergies-domotique, ROME I1306) stays;
- CAP chaudronnerie → Bac pro MELEC shared only the NSF domain 25x and the commissions: a weak
  leg, after the Bac pro of the trade (technicien en chaudronnerie industrielle), of strength
  0.1, its step said « lien faible ».
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_legs24"
FROID = "40025517"
CIEL_A = "32020116"
CIEL_B = "32025521"
FED_B = "32022710"
CHAUDRONNERIE = "50025437"
MELEC = "40025520"
TCI = "40025411"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def _next(client: TestClient, code: str) -> dict[str, dict[str, object]]:
    page = client.get(f"/diplomas/{code}")
    assert page.status_code == 200, page.text
    return {str(n["code"]): n for n in page.json()["next"]}


def _leg(client: TestClient, a: str, b: str) -> dict[str, object]:
    legs = client.get("/passerelles", params={"limit": 500}).json()["items"]
    found = [p for p in legs if p["from_codes"] == [a] and p["to_codes"] == [b]]
    assert len(found) == 1, [(p["from_codes"], p["to_codes"]) for p in legs]
    return found[0]


def test_one_broad_domain_makes_no_leg_into_an_option_a_better_leg_reaches(
    client: TestClient,
) -> None:
    after = _next(client, FROID)
    assert CIEL_A not in after, sorted(after)
    assert {CIEL_B, FED_B} <= set(after), sorted(after)


def test_one_broad_domain_makes_a_weak_leg_said_so_and_ranked_last(client: TestClient) -> None:
    weak = _leg(client, CHAUDRONNERIE, MELEC)
    assert "lien faible (aucun métier, thème de formation ni spécialité en commun)" in str(
        weak["conditions"]
    ), weak
    answer = ask(client, **{"from": CHAUDRONNERIE, "to_type": "bac_pro"})
    codes = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert codes[0] == TCI and MELEC in codes, codes
    melec = next(p for p in answer["pathways"] if p["steps"][-1]["code"] == MELEC)
    # strength 0.1: W_EVIDENCE (15) × (1 − 0.1) (graph/pathways/scoring.py)
    assert melec["score"]["components"]["weak_evidence"] == -13.5, melec["score"]
    said = melec["steps"][-1]["passerelle"]["description"]
    assert said.startswith(
        "passerelle déduite d'un lien faible : les deux diplômes ne partagent aucun métier, "
        "thème de formation ni spécialité ; en commun : "
    ), said
    assert "« Mécanique, électricité, électronique »" in said, said
    assert_plain_french(sentences(answer))
