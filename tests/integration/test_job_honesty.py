"""Answers that must say only what is true and say when they are partial, on each real engine,
over a fixture cut from the national files (``tests/fixtures/opendata_jobhonest/``:
Puy-de-Dôme, Loire-Atlantique, Guadeloupe) and the national table of documented continuations:
a job whose diplomas are all of the start's level, goal diplomas of the territory that no
passerelle reaches, the same formation reached from several starts of a level."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest"
MELEC = "40025520"


client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_job_whose_diplomas_are_all_of_the_start_level_is_not_said_unknown(
    client: TestClient,
) -> None:
    """Level 4 → Soudeur (H2913), Puy-de-Dôme: the Bac pro chaudronnerie and the certificat de
    spécialisation soudage prepare for it, both of level 4; the answer said « Aucun diplôme des
    données importées ne prépare au métier »."""
    answer = ask(client, from_level=4, job="H2913", departements="63")
    assert answer["count"] == 0
    reason = answer["reason"]
    assert "Aucun diplôme des données importées" not in reason
    assert "de niveau 4 :" in reason
    assert "Bac pro technicien en chaudronnerie industrielle (niveau 4" in reason
    # the certificat de spécialisation, typed as a mention complémentaire, is still open after
    # a diploma of level 4; the closed MC it replaces is not named
    assert reason.count("Certificat de spécialisation technicien en soudage") == 2
    assert "Après un diplôme de niveau 4, une mention complémentaire" in reason
    assert "MC technicien en soudage" not in reason
    assert_plain_french(sentences(answer))


def test_a_job_reached_from_a_lower_level_keeps_its_pathways(client: TestClient) -> None:
    """The same job from a specific diploma that is one of its own: the already-trains notice,
    not the level sentence (the level rule holds only for a start by level)."""
    answer = ask(client, **{"from": "40025411", "job": "H2913", "departements": "63"})
    assert "prépare déjà" in answer["notices"][0]
    assert "de niveau 4 :" not in (answer["reason"] or "")


def test_a_level_start_shows_each_formation_once_in_the_first_ranks(client: TestClient) -> None:
    """Level 4 → BTS, Guadeloupe: the BTS MCO of one CFA, reached from four Bac pro of commerce
    (three closed), filled several of the first ranks while other BTS were reachable."""
    answer = ask(client, from_level=4, to_type="bts", departements="971", limit=5)
    finals = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert len(finals) == 5
    assert len(set(finals)) == 5, finals
    assert answer["count"] > 5
