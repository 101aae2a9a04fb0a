"""A programme taught at a distance comes after the nearby programmes taught on site. Pure
functions.

A step taught at a distance (the CNED, a Parcoursup programme « en distanciel »:
graph/distance_learning.py) counts no km: studied from home, its trip costs nothing, so it
ranked first (BTS MCO → niveau 6 from Paris 11e: « BUT GACO – en distanciel », IUT de Montreuil,
first, before the same BUT on site 6 km away and the BUT TC 8 km away). A counsellor proposes
the programmes the learner can attend first, and the distance one as what it is: another way,
for whoever cannot or will not go. It is not dropped either: for a learner far from every
programme on site it is the realistic choice.

So among the pathways shown, one with a step taught at a distance comes after the pathways
taught on site within a daily commute at every step (:data:`graph.pathways.scoring.NEAR_KM`,
the same daily commute the score counts km once within) that followed it, and before the
others, in their order; a notice says so. The scores are unchanged: only the order moves, as
the variety rule's does (graph/pathways/variety.py), and the answer says « quel que soit son
score ».
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.pathways.scoring import NEAR_KM, Scored

__all__ = ["at_distance", "in_person_first", "in_person_notice"]


def at_distance(s: Scored) -> bool:
    """Whether a step of the pathway is taken at an establishment teaching it at a distance."""
    return any(step.choice.remote for step in s.plan)


def _nearby(s: Scored) -> bool:
    """Whether every step of the pathway is taught on site at a known place within a daily
    commute of the previous one (or of home)."""
    return bool(s.plan) and all(
        not step.choice.remote and step.choice.dist is not None and step.choice.dist <= NEAR_KM
        for step in s.plan
    )


def in_person_first(shown: Sequence[Scored]) -> list[Scored]:
    """The pathways with each one taught at a distance moved after the nearby pathways on
    site that follow it, up to the first pathway that is neither (far, or of unknown place),
    the others in their order."""
    out: list[Scored] = []
    waiting: list[Scored] = []
    for s in shown:
        if at_distance(s):
            waiting.append(s)
            continue
        if not _nearby(s):
            out += waiting
            waiting = []
        out.append(s)
    return out + waiting


def in_person_notice(before: Sequence[Scored], after: Sequence[Scored]) -> str | None:
    """What :func:`in_person_first` moved, in French, or None when it moved nothing."""
    if [id(s) for s in before] == [id(s) for s in after]:
        return None
    moved = [i for i, s in enumerate(after, start=1) if at_distance(s)]
    numbers = ", ".join(f"n° {i}" for i in moved)
    one = len(moved) == 1
    return (
        f"{'Le parcours' if one else 'Les parcours'} {numbers}, dont une étape se suit à "
        f"distance, {'est classé' if one else 'sont classés'} après les parcours suivis sur "
        f"place à moins de {NEAR_KM:.0f} km à vol d'oiseau à chaque étape, quel que soit "
        f"{'son' if one else 'leur'} score : une formation à distance ne compte aucun trajet, "
        "mais elle ne remplace pas une formation proche où l'on se rend. Elle reste une "
        "possibilité, à examiner avec l'établissement."
    )
