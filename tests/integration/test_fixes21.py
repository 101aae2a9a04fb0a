"""A refusal towards a diploma the territory prepares says where (tester21), on each engine.

Over ``tests/fixtures/opendata_diplomas18/`` (the Parcoursup diplômes d'État of the
Bouches-du-Rhône, among them the IFSI that prepare the Diplôme d'État d'infirmier 26033101)
and the national table of documented continuations: no known passerelle leads from a
Bac pro to the nursing diploma, and the answer said « Aucune passerelle connue » and nothing
else, though the territory prepares it (graph/pathways/goal_here.py).
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_diplomas18"
NURSE = "26033101"
START = "40022106"  # Bac pro cuisine, a diploma of the national table

client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_refusal_names_where_the_goal_is_prepared(client: TestClient) -> None:
    answer = ask(client, **{"from": START, "to": NURSE, "departements": "13"})
    assert not answer["pathways"], answer["pathways"]
    reason = answer["reason"]
    assert reason.startswith("Aucune passerelle connue ne mène"), reason
    assert "est préparé dans le département des Bouches-du-Rhône (13), dans " in reason, reason
    assert "IFSI" in reason and "via Parcoursup, après le bac" in reason, reason


def test_outside_the_places_that_prepare_it_the_nearest_is_named(client: TestClient) -> None:
    """Not « est préparé dans » a territory that does not prepare it; the nearest place that
    does, named with its distance (tester26: the Landes and the DE éducateur spécialisé)."""
    answer = ask(client, **{"from": START, "to": NURSE, "departements": "15"})
    reason = answer["reason"] or ""
    assert "est préparé dans" not in reason, reason
    assert "n'est préparé par aucun établissement dans le département du Cantal (15)" in reason
    assert "le plus proche" in reason and "IFSI" in reason and " km" in reason, reason
