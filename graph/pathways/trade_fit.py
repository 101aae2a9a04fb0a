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

from collections.abc import Callable, Sequence

from graph.diploma_names import display_name
from graph.pathways.explanation import at_place
from graph.pathways.scoring import Scored
from graph.pathways.unoffered_goals import shares_trade

__all__ = ["MUCH_BETTER", "fit", "fit_first", "fit_first_notice", "fit_moves"]

# how much better founded (the strength of its weakest passerelle, documented = 1) a pathway
# must be to pass one for an unknown address: the Bac pro boulanger pâtissier (0.93) over the
# Bac pro TCVA (0.25) after a CAP pâtissier; two inferred legs of close evidence (the BTS FED
# option B at 0.86 and option A at 0.61 after a Bac pro MFER) are left to the score
MUCH_BETTER = 0.5


def fit(s: Scored) -> float:
    """How well founded the pathway's weakest passerelle is: 1 for a documented one (or the
    entry after 3e) and for an inferred one whose diploma's title holds a word of the
    previous diploma's trade (:func:`~graph.pathways.unoffered_goals.shares_trade`: the
    diploma's own trade words, « pâtissier », « agencement » after « agenceur », which the
    inference may miss), else an inferred one's strength (0 when it has none).

    >>> from graph.pathways.scoring import Step
    >>> def leg(name, origin, strength=None):
    ...     return Step({"name": name}, {"passerelle_origin": origin, "strength": strength},
    ...                 None, None)
    >>> def scored(*steps):
    ...     return Scored(0.0, {}, {"name": "CAP pâtissier"}, list(steps), None, 0, 0.0, 0)
    >>> fit(scored(leg("Bac pro TCVA", "inferred", 0.25)))
    0.25
    >>> fit(scored(leg("Bac pro boulanger pâtissier", "inferred", 0.1)))
    1.0
    >>> fit(scored(leg("Bac pro X", "documented"))), fit(scored(leg("Bac pro Y", "inferred")))
    (1.0, 0.0)
    """
    worst = 1.0
    before = s.start
    for st in s.plan:
        if st.leg.get("passerelle_origin") == "inferred" and not shares_trade(before, st.diploma):
            worst = min(worst, st.leg.get("strength") or 0.0)
        before = st.diploma
    return worst


def _doubts(s: Scored) -> float:
    """The points the pathway loses for what is unknown of its offers: an unplaced
    establishment's distance and an offer the latest files no longer list (both <= 0)."""
    c = s.components
    return c.get("unknown_distance", 0.0) + c.get("not_seen_lately", 0.0)


def _passes(b: Scored, a: Scored, fit_of: Callable[[Scored], float] = fit) -> bool:
    """Whether ``b``, ranked after ``a``, moves above it (module docstring); ``fit_of``:
    :func:`fit`, or a memo of it."""
    if not b.unplaced or b.outside > a.outside:
        return False
    a_distance = a.components.get("travel", 0.0) + a.components.get("unknown_distance", 0.0)
    if b.score - _doubts(b) + a_distance <= a.score:
        return False
    fit_a = fit_of(a)
    return fit_a < 1.0 and fit_of(b) - fit_a >= MUCH_BETTER


def fit_first(shown: Sequence[Scored]) -> list[Scored]:
    """The pathways shown, each one that :func:`_passes` the pathways just above it moved
    above them (the run of those it passes, nearest first), the others in their order. Each
    pathway's :func:`fit` is worked out once, and only for those an unplaced one may pass."""
    fits: dict[int, float] = {}

    def fit_of(s: Scored) -> float:
        got = fits.get(id(s))
        if got is None:
            got = fits[id(s)] = fit(s)
        return got

    out: list[Scored] = []
    for b in shown:
        at = len(out)
        while at > 0 and _passes(b, out[at - 1], fit_of):
            at -= 1
        out.insert(at, b)
    return out


def fit_moves(before: Sequence[Scored], after: Sequence[Scored]) -> list[tuple[Scored, Scored]]:
    """(pathway, the first one it passed) for each pathway :func:`fit_first` moved up
    (``before``: its input; ``after``: its output), in their new order."""
    was = {id(s): i for i, s in enumerate(before)}
    out = []
    for i, b in enumerate(after):
        passed = [a for a in after[i + 1 :] if was[id(a)] < was[id(b)]]
        if passed:
            out.append((b, passed[0]))
    return out


def fit_first_notice(shown: Sequence[Scored], moves: Sequence[tuple[Scored, Scored]]) -> str | None:
    """What :func:`fit_first` moved (``moves``: :func:`fit_moves`), in French, with the
    numbers of the pathways as finally shown (other order rules may move them after), or None
    when nothing moved still precedes the pathway it passed."""
    at = {id(s): i for i, s in enumerate(shown, start=1)}
    kept = [
        (at[id(b)], at[id(a)], b)
        for b, a in moves
        if id(b) in at and id(a) in at and at[id(b)] < at[id(a)]
    ]
    if not kept:
        return None
    kept.sort(key=lambda x: x[0])
    parts, years = [], set()
    for rank, _, b in kept:
        unplaced = [st for st in b.plan if st.choice.unplaced]
        where = " ; ".join(
            f"{display_name(st.diploma)} {at_place(st.choice.ranked[0])}" for st in unplaced
        )
        parts.append(f"n° {rank} ({where})")
        years |= {seen for st in b.plan if (seen := st.choice.ranked[0].last_seen) is not None}
    others = sorted({other for _, other, _ in kept})
    one, passed_one = len(kept) == 1, len(others) == 1
    passed = " et ".join(f"n° {n}" for n in others)
    stale = (
        f" et que l'offre n'apparaît plus dans les fichiers publics depuis {max(years)}"
        if years
        else ""
    )
    return (
        f"{'Le parcours' if one else 'Les parcours'} {' et '.join(parts)} "
        f"{'est classé' if one else 'sont classés'} devant {'le' if passed_one else 'les'} "
        f"{passed} : {'sa' if one else 'leur'} passerelle depuis le diplôme précédent repose "
        "sur bien plus de points communs (métiers, intitulés, spécialité) que "
        f"{'celle du' if passed_one else 'celles des'} {passed}. Sans cela, "
        f"{'il passerait' if one else 'ils passeraient'} après, seulement parce que l'adresse "
        f"de {'son' if one else 'leur'} établissement n'est pas connue dans les données "
        f"importées{stale}. À vérifier avec l'établissement."
    )
