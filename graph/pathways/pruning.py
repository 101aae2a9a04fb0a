"""The best pathways of a search and their number, without scoring every candidate.

:func:`graph.pathways.scoring.rank` of every candidate's score gives the answer; a search from a
level meets thousands of candidates and shows ten. Here the number of distinct pathways is
counted from what does not depend on the establishments chosen (:meth:`Scorer.bound` is None
exactly when :meth:`Scorer.score` is None, except for legs tied to a campus programme's
territory, which are always scored), and only the candidates whose upper bound can still reach
the shown ones are scored, best bound first. The answer is the same, pathway for pathway, as
ranking them all (``tests/unit/test_pathway_pruning.py`` compares both).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from graph.pathways.scoring import Candidate, Scored, Scorer, rank

__all__ = ["best_of"]

RECOMPUTE_EVERY = 16  # scored candidates between two updates of the threshold
# what a candidate's place in the heap is: its bound (Scorer.bound), its bound with its first
# steps exact (Scorer.refined_bound), its bound with every step exact (Scorer.full_bound)
_STATIC, _REFINED, _FULL = 0, 1, 2


def best_of(
    scorer: Scorer,
    paths: list[Candidate],
    limit: int,
    group: Callable[[Sequence[Mapping[str, Any]]], Hashable] | None = None,
) -> tuple[list[Scored], set[tuple[str, ...]]]:
    """``rank`` of every candidate's score: its first ``limit`` pathways, and the diploma
    sequences (``Scored.key``) of all its pathways.

    ``group``: what makes two pathways one choice (a search from a level: the same formation
    reached from several starts: :func:`graph.pathways.variety.formation_key` of the diplomas
    after the start). Then the first pathways of the ranking are returned up to the
    ``limit``-th different group (``limit`` at least), so that the answer can show ``limit``
    different ones: Guadeloupe, level 4 → BTS showed the BTS MCO of one CFA three times among
    ten, from three closed Bac pro, because only the ten best pathways were ranked. A candidate
    is then not scored when it can change nothing shown (:func:`_redundant`): without it, a
    région's level start scored every start of its best formations (Auvergne-Rhône-Alpes,
    level 4 → BTS: 56 → 297 ms)."""
    bounds: list[tuple[float, int]] = []
    valid_keys: set[tuple[str, ...]] = set()
    for i, c in enumerate(paths):
        b = scorer.bound(c.diplomas, c.legs)
        if b is None:
            continue
        bounds.append((b, i))
        if b != math.inf:  # certain to score (local legs may not: counted when scored)
            valid_keys.add(tuple([d["code"] for d in c.diplomas]))
    # best bound first; a candidate's bound is first the one that chooses no establishment
    # (Scorer.bound), then, when it comes out on top, the one with every step but the last
    # counted exactly (Scorer.refined_bound, never above it), then, when it comes out on top
    # again, the one with every step counted exactly (Scorer.full_bound: the score before
    # rounding, without building the pathway), and the pathway is scored when it comes out on
    # top a last time: a bound below the threshold ends the search, every bound left being
    # lower still. (A sorted list is a heap.) Which candidates are scored depends on the
    # bounds; what is returned does not (:func:`_redundant`).
    heap = sorted((-b, i, _STATIC) for b, i in bounds)
    scored: list[tuple[int, Scored]] = []
    best = _Bests()  # the best score of each group (of each pathway when no group)
    opened = _Bests()  # the best score of each group's pathways from an open start
    by_key = _Bests()  # the best score of each diploma sequence (grouped only)
    threshold = -math.inf  # never above the score of the limit-th distinct pathway
    since = 0
    while heap:
        b, i, stage = -heap[0][0], heap[0][1], heap[0][2]
        if b < threshold and b != math.inf:
            if since:
                threshold = best.threshold(limit)
                since = 0
            if b < threshold:
                break
        heapq.heappop(heap)
        c = paths[i]
        if b != math.inf and stage != _FULL:
            if stage == _STATIC and len(c.legs) > 1:
                r = scorer.refined_bound(c.diplomas, c.legs, b)
                if r is None:
                    continue
                if r != b:
                    heapq.heappush(heap, (-r, i, _REFINED))
                    continue
                # else it would come out on top again at once: (-b, i, _REFINED) sorts first
            # (one leg: the refined bound is the bound, the same float)
            f = scorer.full_bound(c.diplomas, c.legs)
            if f is None:
                continue
            if f != b:
                heapq.heappush(heap, (-f, i, _FULL))
                continue
        g: Hashable = None if group is None else group(c.diplomas[1:])
        closed = bool(c.diplomas[0].get("closed"))
        if (
            group is not None
            and b != math.inf
            and _redundant(b, (best if closed else opened).get(g), by_key.threshold(limit))
        ):
            continue
        s = scorer.score(c.diplomas, c.legs)
        if s is None:
            continue
        valid_keys.add(s.key)
        scored.append((i, s))
        if group is None:
            g = s.key
        else:
            by_key.raise_to(s.key, s.score)
            if not closed:
                opened.raise_to(g, s.score)
        best.raise_to(g, s.score)
        since += 1
        if since >= RECOMPUTE_EVERY:
            threshold = best.threshold(limit)
            since = 0
    # the local legs' candidates: scored whatever their bound (inf sorts them first)
    scored.sort(key=lambda iS: iS[0])  # rank keeps the first of equal scores: walk order
    ranked = rank([s for _, s in scored])
    return ranked[: _through_groups(ranked, limit, group)], valid_keys


def _redundant(bound: float, lead_best: float | None, nth_key_best: float) -> bool:
    """Whether a candidate of a search from a level whose score is at most ``bound`` can
    change nothing of the answer, whichever candidates were scored before it (so that a
    tighter bound, which changes that order, changes no answer).

    ``lead_best``: the best score so far of the pathways of its group that could lead the
    group in its place (:func:`graph.pathways.variety.varied` with ``any_start``: the best
    pathway from an open start, else the best one): those of its group when it starts from a
    closed diploma, those from an open start when it starts from an open one. One above it:
    it cannot lead its group. ``nth_key_best``: the ``limit``-th best score of the distinct
    diploma sequences scored (one pathway each in the ranking): above it, it is not among the
    first ``limit`` pathways either (the ones the answer compares with its order, nor those
    filling it when there are fewer different formations than the limit).

    >>> _redundant(90.0, 97.0, 95.0), _redundant(90.0, 97.0, -math.inf)
    (True, False)
    >>> _redundant(97.0, 97.0, 98.0), _redundant(90.0, None, 95.0)
    (False, False)
    """
    return lead_best is not None and lead_best > bound and nth_key_best > bound


def _through_groups(
    ranked: list[Scored],
    limit: int,
    group: Callable[[Sequence[Mapping[str, Any]]], Hashable] | None,
) -> int:
    """How many first pathways hold ``limit`` different groups (``limit`` at least)."""
    if group is None:
        return limit
    seen: set[Hashable] = set()
    for n, s in enumerate(ranked, start=1):
        seen.add(group([st.diploma for st in s.plan]))
        if len(seen) >= limit:
            return max(n, limit)
    return len(ranked)


class _Bests:
    """The best score per group so far, and the ``limit``-th best of them
    (:meth:`threshold`) without sorting them all at every update (the groups of a search from
    a level are a thousand or more: ``heapq.nlargest`` over them was a tenth of its time)."""

    __slots__ = ("_best", "_sorted")

    def __init__(self) -> None:
        self._best: dict[Hashable, float] = {}
        self._sorted: list[float] = []  # the values of _best, ascending

    def get(self, g: Hashable) -> float | None:
        return self._best.get(g)

    def raise_to(self, g: Hashable, score: float) -> None:
        """``g``'s best is now ``score`` if it is higher (or ``g`` had none)."""
        old = self._best.get(g)
        if old is not None:
            if score <= old:
                return
            del self._sorted[bisect.bisect_left(self._sorted, old)]
        self._best[g] = score
        bisect.insort(self._sorted, score)

    def threshold(self, limit: int) -> float:
        """The ``limit``-th best score among the groups (-inf while fewer): never above the
        score of the ``limit``-th distinct pathway (group) of the answer.

        >>> b = _Bests()
        >>> for g, s in [("a", 90.0), ("b", 80.0), ("a", 95.0), ("c", 85.0), ("b", 70.0)]:
        ...     b.raise_to(g, s)
        >>> b.threshold(2), b.threshold(3), b.threshold(4)
        (85.0, 80.0, -inf)
        """
        return self._sorted[-limit] if len(self._sorted) >= limit else -math.inf
