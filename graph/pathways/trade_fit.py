"""A pathway whose passerelle is far better founded is not ranked after a weakly related one
for an establishment's unknown address alone. Pure functions over the scored pathways shown.

An establishment the files do not place counts as far as any step is ever proposed
(:data:`~graph.pathways.scoring.UNPLACED_KM`, 26.4 points), and an offer the latest files no
longer list loses :data:`~graph.pathways.scoring.W_STALE`: both are doubts, not facts. Together
they outweighed the whole difference of fit between two next steps: after a CAP pâtissier in
the Bas-Rhin, the Bac pro technicien conseil vente en alimentation (an agricultural lycée at
Erstein, 19 km; a passerelle inferred from a shared field only, strength 0.25) ranked above
the Bac pro boulanger pâtissier (the same job, the same word in both titles, strength 0.93)
at an establishment the files name by its UAI only, last listed in 2020.

The rule: among the pathways shown, one with an establishment of unknown place whose weakest
passerelle is far better founded (:func:`fit`: a documented passerelle counts 1, an inferred
one its strength; better by :data:`MUCH_BETTER` at least) than the one's just above it, and
which would rank above it at the same distance and without the doubt of its offer's last
listing, moves above it — never above a pathway whose passerelles are all documented (a
documented passerelle comes first), nor above one with fewer steps outside the territory.
The scores are unchanged: only the order moves, as the other order rules' do
(graph/pathways/in_person.py), and the answer says why.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.diploma_names import display_name
from graph.pathways.explanation import at_place
from graph.pathways.scoring import Scored

__all__ = ["MUCH_BETTER", "fit", "fit_first", "fit_first_notice", "fit_moves"]

# how much better founded (the strength of its weakest passerelle, documented = 1) a pathway
# must be to pass one for an unknown address: the Bac pro boulanger pâtissier (0.93) over the
# Bac pro TCVA (0.25) after a CAP pâtissier; two inferred legs of close evidence (the BTS FED
# option B at 0.86 and option A at 0.61 after a Bac pro MFER) are left to the score
MUCH_BETTER = 0.5


def fit(s: Scored) -> float:
    """The strength of the pathway's weakest passerelle: 1 for a documented one (or the entry
    after 3e), an inferred one's strength (0 when it has none).

    >>> from graph.pathways.scoring import Step
    >>> def leg(origin, strength=None):
    ...     return Step({}, {"passerelle_origin": origin, "strength": strength}, None, None)
    >>> def scored(*steps):
    ...     return Scored(0.0, {}, {}, list(steps), None, 0, 0.0, 0)
    >>> fit(scored(leg("documented"), leg("inferred", 0.93)))
    0.93
    >>> fit(scored(leg("documented"))), fit(scored(leg("inferred")))
    (1.0, 0.0)
    """
    return min(
        (
            (st.leg.get("strength") or 0.0)
            if st.leg.get("passerelle_origin") == "inferred"
            else 1.0
            for st in s.plan
        ),
        default=1.0,
    )


def _doubts(s: Scored) -> float:
    """The points the pathway loses for what is unknown of its offers: an unplaced
    establishment's distance and an offer the latest files no longer list (both <= 0)."""
    c = s.components
    return c.get("unknown_distance", 0.0) + c.get("not_seen_lately", 0.0)


def _passes(b: Scored, a: Scored) -> bool:
    """Whether ``b``, ranked after ``a``, moves above it (module docstring)."""
    if not b.unplaced or b.outside > a.outside:
        return False
    if fit(a) == 1.0 or fit(b) - fit(a) < MUCH_BETTER:
        return False
    a_distance = a.components.get("travel", 0.0) + a.components.get("unknown_distance", 0.0)
    return b.score - _doubts(b) + a_distance > a.score


def fit_first(shown: Sequence[Scored]) -> list[Scored]:
    """The pathways shown, each one that :func:`_passes` the pathways just above it moved
    above them (the run of those it passes, nearest first), the others in their order."""
    out: list[Scored] = []
    for b in shown:
        at = len(out)
        while at > 0 and _passes(b, out[at - 1]):
            at -= 1
        out.insert(at, b)
    return out


def fit_moves(before: Sequence[Scored], after: Sequence[Scored]) -> list[tuple[Scored, Scored]]:
    """(pathway, the one it now precedes and followed before) for each pathway
    :func:`fit_first` moved up (``before``: its input; ``after``: its output), in order."""
    was = {id(s): i for i, s in enumerate(before)}
    return [
        (b, after[i + 1]) for i, b in enumerate(after[:-1]) if was[id(b)] > was[id(after[i + 1])]
    ]


def fit_first_notice(shown: Sequence[Scored], moves: Sequence[tuple[Scored, Scored]]) -> str | None:
    """What :func:`fit_first` moved (``moves``: :func:`fit_moves`), in French, with the
    numbers of the pathways as finally shown (other order rules may move them after), or None
    when nothing moved still precedes the pathway it passed."""
    at = {id(s): i for i, s in enumerate(shown, start=1)}
    for b, a in moves:
        rank, other = at.get(id(b)), at.get(id(a))
        if rank is None or other is None or other < rank:
            continue
        unplaced = [st for st in b.plan if st.choice.unplaced]
        where = " ; ".join(
            f"{display_name(st.diploma)} {at_place(st.choice.ranked[0])}" for st in unplaced
        )
        years = sorted(
            {seen for st in b.plan if (seen := st.choice.ranked[0].last_seen) is not None}
        )
        stale = (
            f" et que l'offre n'apparaît plus dans les fichiers publics depuis {years[-1]}"
            if years
            else ""
        )
        return (
            f"Le parcours n° {rank} ({where}) est classé devant le n° {other} : sa "
            "passerelle depuis le diplôme précédent repose sur bien plus de points communs "
            f"(métiers, intitulés, spécialité) que celle du n° {other}. Sans cela, il "
            "passerait après, seulement parce que l'adresse de son établissement n'est pas "
            f"connue dans les données importées{stale}. À vérifier avec l'établissement."
        )
    return None
