"""Steps across the sea (graph/pathways/sea.py): an establishment on the learner's side of
the sea comes before one across it, and a step across it says so (tester19: Bastia → La
Seyne-sur-Mer 297 km, Mayotte → La Réunion 1 411 km, said « à vol d'oiseau » only)."""

from __future__ import annotations

from graph.pathways.explanation import step_sentence
from graph.pathways.scoring import Scorer, Step, choose, offer_key
from tests.unit.test_pathway_rules import diploma, leg, offer

BASTIA = (42.70, 9.45)
BONIFACIO = (41.39, 9.16)  # 147 km, in Corse
ACROSS = (43.10, 8.40)  # 95 km, on the mainland side of the sea


def test_the_same_island_comes_first_then_the_sea_is_said() -> None:
    near_across = offer("B", "Lycée Continent", ACROSS, departement="006")
    far_here = offer("B", "Lycée Corse", BONIFACIO, departement="02A")
    got = choose([near_across, far_here], BASTIA, allow_outside=False)
    assert got is not None and got.ranked[0].actor["name"] == "Lycée Corse", got
    assert offer_key(far_here, BASTIA) < offer_key(near_across, BASTIA)
    # alone, the one across the sea is chosen, and its step says the crossing
    s = Scorer({"B": [near_across]}, fields={}, home=BASTIA).score(
        [diploma("A", 4), diploma("B", 5)], [leg()]
    )
    assert s is not None
    st: Step = s.plan[0]
    said = step_sentence(1, st)
    assert "traversée maritime (de la Corse vers le continent)" in said, said
    # on one side: nothing said
    s = Scorer({"B": [far_here]}, fields={}, home=BASTIA).score(
        [diploma("A", 4), diploma("B", 5)], [leg()]
    )
    assert s is not None and "traversée" not in step_sentence(1, s.plan[0])
