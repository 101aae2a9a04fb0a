"""After the bac, the diplômes d'État Parcoursup lists (postbac26), on each engine.

Over the cut of ``tests/fixtures/opendata_diplomas18`` (the Parcoursup diplômes d'État of the
Bouches-du-Rhône, attached to the BCN's codes) with five bacs added to its BCN file
(``tests/fixtures/opendata_postbac26/nFormationDiplome_.csv``: Bac pro ASSP 40033007 and AEPA
40033006, NSF 330; ST2S 43033104, 331; STHR 43033402, 334; bac général 47010019):

- the DE infirmier, whose offers are the « D.E Infirmier » programmes, keeps the fact that it is
  entered after the bac (``entry_level`` 4);
- a bac pro or bac techno series of its NSF domain leads to it by an inferred leg of the rule
  ``bac-to-state-diploma`` (graph/inference/after_bac.py): « après un bac pro ASSP, devenir
  infirmier » has a pathway (it had none); never STHR (hôtellerie, another family), never the
  bac général.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from graph.inference.after_bac import RULE
from graph.pathways.bac_starts import GENERAL_BAC_SENTENCE
from tests.conftest import FIXED_DAY, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_postbac26"
NURSE = "26033101"
EDUCATOR = "26033202"
ASSP = "40033007"
ST2S = "43033104"
STHR = "43033402"
GENERAL = "47010019"

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_state_diploma_is_entered_after_the_bac(client: TestClient) -> None:
    nurse = get(client, f"/diplomas/{NURSE}")
    assert nurse["entry_level"] == 4, nurse["entry_level"]
    before = {p["code"]: p for p in nurse["previous"]}
    assert {ASSP, "40033006", ST2S} <= before.keys(), before.keys()
    assert STHR not in before and GENERAL not in before, before.keys()
    leg = before[ASSP]
    assert leg["origin"] == "inferred" and f"-{RULE}-" in leg["passerelle"], leg
    # a bac pro keeps no entry level of its own
    assert get(client, f"/diplomas/{ASSP}")["entry_level"] is None


def test_after_a_bac_pro_assp_become_a_nurse(client: TestClient) -> None:
    answer = get(client, "/pathways", **{"from": ASSP, "job": "J1506", "departements": "13"})
    assert answer["pathways"], answer["reason"]
    steps = answer["pathways"][0]["steps"]
    assert [s["code"] for s in steps] == [ASSP, NURSE], steps
    said = steps[1]["passerelle"]
    assert said["origin"] == "inferred", said
    assert said["description"].startswith("après le bac, admission sur dossier via Parcoursup"), (
        said
    )
    assert "« Services aux personnes »" in said["description"], said


def test_after_st2s_become_a_special_educator(client: TestClient) -> None:
    answer = get(client, "/pathways", **{"from": ST2S, "job": "K1207", "departements": "13"})
    assert answer["pathways"], answer["reason"]
    assert [s["code"] for s in answer["pathways"][0]["steps"]] == [ST2S, EDUCATOR]


def test_no_leg_across_families_nor_from_the_bac_general(client: TestClient) -> None:
    sthr = get(client, "/pathways", **{"from": STHR, "job": "J1506", "departements": "13"})
    assert sthr["pathways"] == [], sthr["pathways"]
    general = get(client, "/pathways", **{"from": GENERAL, "job": "J1506", "departements": "13"})
    assert general["pathways"] == [], general["pathways"]
    assert general["reason"].startswith(GENERAL_BAC_SENTENCE), general["reason"]
