"""review26: a refusal towards a goal no establishment of the territory prepares
(graph/pathways/explanation.py goal_elsewhere_sentence) says a goal taught at a distance as a
step's is: « proposé à distance : CNED (…) », never silent (the CNED's « BTS CIEL option A –
Entierement en distanciel » asked in the Finistère had no sentence) nor « le plus proche » at
the km of the CNED's address."""

from __future__ import annotations

from graph.distance_learning import DISTANCE_LEARNING
from graph.pathways.explanation import goal_elsewhere_sentence
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Offer
from graph.territory import Point, Territory

BREST = Point(lat=48.3904, lon=-4.4861, label="Brest")


def _offer(name: str, where: tuple[float, float], *, remote: bool = False) -> Offer:
    return Offer(
        "G",
        {"id": name, "name": name, "directory_flags": [DISTANCE_LEARNING] if remote else []},
        {"departement": "038", "commune": "Grenoble", "lat": where[0], "lon": where[1],
         "modality": "school", "status": "open"},
        False,
    )  # fmt: skip


def _said(offers: list[Offer]) -> str | None:
    q = PathwayQuery(
        start_codes=["S"], start_label="niveau 4", to="G", home=BREST,
        territory=Territory(departements=["029"]),
    )  # fmt: skip
    return goal_elsewhere_sentence(q, "BTS X", offers)


CNED = _offer("CNED", (45.19, 5.72), remote=True)
LYCEE = _offer("Lycée Y", (47.99, -4.10))


def test_a_goal_the_cned_alone_prepares_is_said_taught_at_a_distance() -> None:
    said = _said([CNED]) or ""
    assert said.startswith("BTS X n'est préparé par aucun établissement"), said
    assert "proposé à distance : CNED (formation à distance" in said, said
    assert "le plus proche" not in said and " km" not in said, said


def test_a_goal_also_taught_on_site_names_the_nearest_on_site_after_the_distance() -> None:
    said = _said([CNED, LYCEE]) or ""
    assert "proposé à distance : CNED" in said, said
    assert "le plus proche sur place : Lycée Y" in said, said


def test_a_goal_taught_on_site_only_names_the_nearest_as_before() -> None:
    said = _said([LYCEE]) or ""
    assert "le plus proche : Lycée Y" in said and "distance :" not in said, said
