"""The Creuse's gap report, on each real engine, over the whole Creuse cut from the national
files (``tests/fixtures/opendata_creuse/``): its only Bac+5 is a DSAA in design (NSF 220, after
the DN MADE of the same lycée), which no CAP, Bac nor Bac+2 of the Creuse leads to. The
« toutes filières » continuum counted it and the report said « Tous les niveaux du CAP au
Bac+5 y sont proposés »."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, SEEDS, imported_client_fixture
from tests.integration.test_gaps_round4 import report
from tests.integration.test_honest_answers import assert_plain_french

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_creuse"
DSAA_DESIGN = "14022002"

client = imported_client_fixture(FIXTURE, seeds=SEEDS, as_of=FIXED_DAY)


def test_the_creuse_has_no_bac5_of_a_continuum(client: TestClient) -> None:
    got = report(client, departements="23")
    section = got["continuum_breaks"]
    [finding] = [f for f in section["findings"] if f["id"] == "continuum:*"]
    assert finding["data"]["levels_missing"] == [7], finding
    assert finding["data"]["levels_offered"] == [3, 4, 5, 6], finding
    assert "Non compté : Design (DSAA) (" in finding["why"], finding["why"]
    assert "ne le précède sur ce territoire" in finding["why"], finding["why"]
    assert "Tous les niveaux du CAP au Bac+5" not in (section.get("note") or "")
    assert_plain_french([finding["why"], section.get("note") or ""])


def test_the_dsaa_is_still_the_creuses_design_bac5(client: TestClient) -> None:
    """Asked for its own field (NSF 220), the design continuum still counts its DSAA."""
    got = report(client, departements="23", sector="nsf-220")
    section = got["continuum_breaks"]
    [finding] = section["findings"]
    assert 7 in finding["data"]["levels_offered"], finding


def test_a_diploma_the_bcn_closes_later_says_so_with_its_successor(client: TestClient) -> None:
    """CAP maintenance des véhicules option voitures particulières (50025218) is open, but the
    BCN closes it on 31/08/2027 and opened its successor (50025225) in 2025: a learner entering
    now may be enrolled in the successor, so the record and the search say it."""
    got = client.get("/v1/diplomas/50025218").json()
    assert not got["closed"] and got["replaced_by"] == ["50025225"], got
    successor = client.get("/v1/diplomas/50025225").json()
    assert not successor["closed"] and successor["note"] is None, successor
    assert got["note"] == f"fermeture prévue en 2027, remplacé par {successor['name']}", got
    found = client.get("/v1/diplomas/search", params={"q": "50025218"}).json()["items"]
    assert found[0]["code"] == "50025218" and found[0]["note"] == got["note"], found[0]
    assert_plain_french([got["note"]])


def test_a_step_the_bcn_closes_before_the_learner_ends_says_so(client: TestClient) -> None:
    """tester23 (Châteauroux): a 3e pupil was sent to the Bac pro maintenance des véhicules
    option voitures particulières (40025214) of a 2022 file, with nothing said; the BCN closes
    it on 31/08/2028 and its successor opened in 2025, so a pupil entering its 2de at the next
    rentrée sits the successor. The step says it (graph/pathways/closing.py); nMef closes its
    2de pro on 31/08/2025, so a 3e pupil cannot enter it at all: said as a fact (tester25)."""
    got = client.get(
        "/v1/pathways", params={"from_level": 2, "to": "40025214", "departements": "23"}
    ).json()
    steps = [
        (p, i) for p in got["pathways"] for i, s in enumerate(p["steps"]) if s["code"] == "40025214"
    ]
    assert steps, got
    path, i = steps[0]
    said = path["score"]["explanation"][-(len(path["steps"]) - i)]
    assert said.startswith(f"Étape {i} : "), said
    assert "fermeture prévue en 2028, remplacé par" in said, said
    assert "plus d'entrée possible en 2de professionnelle depuis la rentrée 2025" in said, said
    assert "l'entrée se fait dans celui qui le remplace" in said, said
    assert_plain_french([said])


def test_the_closing_step_carries_its_note_on_the_step(client: TestClient) -> None:
    """The same closing, said on the step itself (its ``notes``, shown on the step by the web
    page): the explanation's part as a sentence, nothing more; the steps before it, whose
    diplomas do not close, carry none of it."""
    got = client.get(
        "/v1/pathways", params={"from_level": 2, "to": "40025214", "departements": "23"}
    ).json()
    [path, *_] = [p for p in got["pathways"] if any(s["code"] == "40025214" for s in p["steps"])]
    i = next(i for i, s in enumerate(path["steps"]) if s["code"] == "40025214")
    step = path["steps"][i]
    [note] = [n for n in step["notes"] if n.startswith("Fermeture prévue en 2028")]
    assert note.startswith("Fermeture prévue en 2028, remplacé par "), note
    assert note.endswith("l'entrée se fait dans celui qui le remplace."), note
    said = path["score"]["explanation"][-(len(path["steps"]) - i)]
    assert note[0].lower() + note[1:-1] in said, (note, said)
    assert path["steps"][0]["notes"] == [], path["steps"][0]
    assert not any(n.startswith("Fermeture") for s in path["steps"][:i] for n in s["notes"])
    assert_plain_french(step["notes"])
