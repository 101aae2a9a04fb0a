"""No known passerelle to the goal diploma in any territory: the answer says a wider territory
would not help (``files_cannot_tell``), on each engine (tester23: DEAS → Diplôme d'État
d'infirmier at La Réunion, the web advised « Essayez un territoire plus large » under a reason
that no passerelle exists; the région Occitanie gave the same 0).

Over ``tests/fixtures/opendata_diplomas18/`` and the national table, as test_fixes21.py.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_diplomas18"
NURSE = "26033101"
START = "40022106"  # Bac pro cuisine, a diploma of the national table

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_no_passerelle_anywhere_a_wider_territory_would_not_help(client: TestClient) -> None:
    for where in ({"departements": "13"}, {"departements": "15"}):
        answer = ask(client, **{"from": START, "to": NURSE, **where})
        assert not answer["pathways"], answer["pathways"]
        assert answer["reason"].startswith("Aucune passerelle connue ne mène"), answer["reason"]
        assert answer["files_cannot_tell"] is True, where


def test_a_level_goal_keeps_its_advice(client: TestClient) -> None:
    # not a goal diploma: unchanged (the rule is about a diploma no passerelle reaches)
    answer = ask(client, **{"from": START, "to_level": 5, "departements": "15"})
    if not answer["pathways"]:
        assert answer["files_cannot_tell"] is False, answer["reason"]
