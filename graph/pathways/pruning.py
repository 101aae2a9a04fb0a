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

from graph.pathways.scoring import BOUND_SLACK, W_STEP, Candidate, Scored, Scorer, rank

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
    parents: Sequence[int] | None = None,
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
    level 4 → BTS: 56 → 297 ms).

    ``parents``: the walk's parent of each prefix number (:attr:`Candidates.parents`): a
    group's :meth:`Scorer.prefix_bound` is then its parent's steps and one more."""
    valid_keys: set[tuple[str, ...]] = set()
    heap, prefixes = _prefix_groups(scorer, paths, valid_keys, parents)
    # best bound first; a candidate's bound is first the one that chooses no establishment
    # (Scorer.bound), then, when it comes out on top, the one with every step but the last
    # counted exactly (Scorer.refined_bound, never above it), then, when it comes out on top
    # again, the one with every step counted exactly (Scorer.full_bound: the score before
    # rounding, without building the pathway), and the pathway is scored when it comes out on
    # top a last time: a bound below the threshold ends the search, every bound left being
    # lower still. The first two bounds are those of a prefix group (the candidates that
    # differ by their last step only) and of its best candidate left: its first steps are
    # bounded once for all of them, its next candidate enters the heap when the one before
    # leaves it. Which candidates are scored depends on the bounds; what is returned does not
    # (:func:`_redundant`).
    heapq.heapify(heap)
    scored: list[tuple[int, Scored]] = []
    best = _Bests()  # the best score of each group (of each pathway when no group)
    opened = _Bests()  # the best score of each group's pathways from an open start
    by_key = _Bests()  # the best score of each diploma sequence (grouped only)
    threshold = -math.inf  # never above the score of the limit-th distinct pathway
    since = 0
    while heap:
        top = heap[0]
        b = -top[0]
        if b < threshold and b != math.inf:
            if since:
                threshold = best.threshold(limit)
                since = 0
            if b < threshold:
                break
        heapq.heappop(heap)
        i, stage = top[1], top[2]
        c = paths[i]
        if stage == _STATIC:  # a prefix group: its first steps exact
            prefix = prefixes[top[3]]
            upper = scorer.prefix_upper(c.diplomas, c.legs)
            if upper is not None:
                prefix.upper = upper
                heapq.heappush(heap, (-(upper - prefix.lasts[0][0]), i, _REFINED, top[3], 0))
            continue
        if stage == _REFINED:  # a prefix group's best candidate left: every step exact
            prefix, at = prefixes[top[3]], top[4] + 1
            if at < len(prefix.lasts):  # the next one in its place
                neg, j = prefix.lasts[at]
                heapq.heappush(heap, (-(prefix.upper - neg), j, _REFINED, top[3], at))
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


class _Prefix:
    """The candidates of a search that differ by their last step only (the same first
    diplomas and legs): :meth:`Scorer.prefix_bound` and :meth:`Scorer.prefix_upper` of their
    first steps, their first diplomas' codes, and each one's last step bound
    (:meth:`Scorer.step_bound`) negated, best first, with its index: a candidate's bound is
    the prefix's minus that (the same float as the sum)."""

    __slots__ = ("codes", "lasts", "static", "upper")

    def __init__(self, static: float | None, codes: tuple[str, ...]) -> None:
        self.static = static
        self.codes = codes
        self.upper = -math.inf  # Scorer.prefix_upper, once the group comes out on top
        # (-step bound, index): sorted, the higher bound first, then the walk's order
        self.lasts: list[tuple[float, int]] = []


def _prefix_groups(
    scorer: Scorer,
    paths: list[Candidate],
    valid_keys: set[tuple[str, ...]],
    parents: Sequence[int] | None = None,
) -> tuple[list[tuple[Any, ...]], list[_Prefix]]:
    """The first heap of :func:`best_of`: one entry per prefix group, with the bound of its
    best candidate (``(-bound, index, _STATIC, group)``), and one per candidate whose bound is
    ``inf`` (``(-inf, index, _FULL)``: scored whatever the threshold); the groups; and, in
    ``valid_keys``, the diploma sequences of the candidates whose bound is a number (those
    are certain to score). A candidate whose bound is None (a step without establishment)
    is left out. The candidates of a group are found by the walk's prefix numbers
    (:attr:`Candidate.prefix`), else by the identity of their first diplomas and legs.
    Five thousand candidates for a search from a level: what a group shares (its bound, its
    codes) is worked out once for all of its candidates, and, given the walk's ``parents``,
    its first steps' bounds once for all of the groups that begin the same way
    (:func:`_steps_of`: a search from a level has a thousand groups or more)."""
    heap: list[tuple[Any, ...]] = []
    prefixes: list[_Prefix] = []
    index: dict[Hashable, _Prefix] = {}
    # the groups by the walk's prefix number, when numbered (a list read by index)
    numbered: list[_Prefix | None] = [] if parents is None else [None] * len(parents)
    inf = math.inf
    step_bound = scorer.step_bound
    # Scorer.step_bound's memo read here first: its call, once per candidate, was a third of
    # this loop (the key is the one step_bound makes, so the same floats)
    known = scorer.step_bound_memo.get
    push = heap.append
    # the walk gives a prefix's candidates mostly in a run: the last one found is kept
    last_number = -1
    prefix: _Prefix | None = None
    before: Any = None  # the diploma before the last one, the same for a prefix's candidates
    before_code = ""
    steps: list[Any] = [] if parents is None else [_UNKNOWN] * len(parents)
    add_key = valid_keys.add
    # what the candidates of the current prefix share, read once per run of them: whether
    # its static bound is None (skip), inf (whole), its lasts' append and its codes
    skip = whole = False
    append: Any = None
    codes: tuple[str, ...] = ()
    for i, (diplomas, legs, number) in enumerate(paths):
        if number == -1 or number != last_number:
            if not legs:  # no step: its bound alone (the next candidate is looked at anew)
                b = scorer.bound(diplomas, legs)
                if b is not None:
                    push((-b, i, _FULL))
                    if b != inf:
                        add_key(tuple([d["code"] for d in diplomas]))
                last_number = -1
                continue
            last_number = number
            before = diplomas[-2]
            before_code = before["code"]
            if parents is None or number == -1:
                # not numbered by the walk: the identity of the rows and legs
                ids: Hashable = number
                if number == -1:
                    ids = (*map(id, diplomas[:-1]), *map(id, legs[:-1]))
                prefix = index.get(ids)
                if prefix is None:
                    first: Any = scorer.prefix_bound(diplomas, legs)
                    prefix = index[ids] = _Prefix(first, tuple([d["code"] for d in diplomas[:-1]]))
                    prefixes.append(prefix)
            else:
                prefix = numbered[number]
                if prefix is None:
                    k = len(legs) - 1
                    first = steps[number]
                    if first is not _UNKNOWN:
                        pass  # bounded already as the parent of a prefix met before
                    elif k == 0:
                        first = _no_steps
                    else:
                        # the parent's steps, then this prefix's last one (_steps_of)
                        got = steps[parents[number]]
                        if got is _UNKNOWN:
                            got = _steps_of(
                                scorer, parents, steps, parents[number], diplomas, legs, k - 1
                            )
                        if got.__class__ is tuple:
                            b4 = diplomas[k - 1]
                            d = diplomas[k]
                            leg = legs[k - 1]
                            known_step = known((b4["code"], d["code"], id(leg)))
                            step = step_bound(b4, d, leg) if known_step is None else known_step[0]
                            got = step if step is None or step == inf else (*got, step)
                        first = got
                    steps[number] = first
                    if first is not None and first != inf:
                        # prefix_total: the same sum in the same order
                        total = 100.0 - W_STEP * k + BOUND_SLACK
                        for step in first:
                            total += step
                        first = total
                    prefix = numbered[number] = _Prefix(
                        first, tuple([d["code"] for d in diplomas[:-1]])
                    )
                    prefixes.append(prefix)
            static = prefix.static
            skip = static is None
            whole = not skip and static == inf
            append = prefix.lasts.append
            codes = prefix.codes
        if skip:
            continue
        if whole:
            push((-inf, i, _FULL))
            continue
        last = diplomas[-1]
        leg = legs[-1]
        code = last["code"]
        got = known((before_code, code, id(leg)))
        bound = step_bound(before, last, leg) if got is None else got[0]
        if bound is None:
            continue
        if bound == inf:
            push((-inf, i, _FULL))
            continue
        append((-bound, i))
        add_key((*codes, code))
    for g, group in enumerate(prefixes):
        if group.lasts:
            group.lasts.sort()
            neg, i = group.lasts[0]
            push((-(group.static - neg), i, _STATIC, g))  # type: ignore[operator]
    return heap, prefixes


_UNKNOWN: Any = object()  # a prefix number's first steps not bounded yet (_steps_of)
_no_steps: tuple[float, ...] = ()


def _steps_of(
    scorer: Scorer,
    parents: Sequence[int],
    steps: list[Any],
    number: int,
    diplomas: list[Any],
    legs: list[Any],
    k: int,
) -> Any:
    """The :meth:`Scorer.step_bound` of the ``k`` first steps of prefix ``number``
    (``diplomas[: k + 1]`` and ``legs[:k]`` of one of its candidates), a tuple in their order,
    or the first of them that is None or ``inf`` (what :meth:`Scorer.prefix_bound` returns
    then): its parent's and one more, kept in ``steps`` by prefix number."""
    got = steps[number]
    if got is _UNKNOWN:
        if k == 0:
            got = ()
        else:
            got = _steps_of(scorer, parents, steps, parents[number], diplomas, legs, k - 1)
            if isinstance(got, tuple):
                step = scorer.step_bound(diplomas[k - 1], diplomas[k], legs[k - 1])
                got = step if step is None or step == math.inf else (*got, step)
        steps[number] = got
    return got


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
