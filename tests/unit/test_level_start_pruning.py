"""The faster ranking of a search from a level (issue 18) gives exactly the answers of the
ranking it replaced: :func:`_reference_best_of` is ``best_of`` as it was before (every
candidate with more than one leg bounded again before scoring, the threshold taken by
``heapq.nlargest`` over every group), compared pathway for pathway on random worlds with
groups, closed starts and legs sharing their scope lists (as the pathway cache keeps them)."""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import pytest

from graph.pathways.pruning import _Bests, _redundant, _through_groups, best_of
from graph.pathways.scope import leg_holds
from graph.pathways.scoring import Candidate, Scored, Scorer, rank
from graph.pathways.variety import formation_key, programme_key, varied
from tests.unit.test_pathway_pruning import _candidates, _summary, _world


def _reference_best_of(
    scorer: Scorer,
    paths: list[Candidate],
    limit: int,
    group: Callable[[Sequence[Mapping[str, Any]]], Hashable] | None = None,
) -> tuple[list[Scored], set[tuple[str, ...]]]:
    """``graph.pathways.pruning.best_of`` before issue 18's second pass, step for step."""
    bounds: list[tuple[float, int]] = []
    valid_keys: set[tuple[str, ...]] = set()
    for i, c in enumerate(paths):
        b = scorer.bound(c.diplomas, c.legs)
        if b is None:
            continue
        bounds.append((b, i))
        if b != math.inf:
            valid_keys.add(tuple(d["code"] for d in c.diplomas))
    heap = sorted((-b, i, False) for b, i in bounds)
    scored: list[tuple[int, Scored]] = []
    best: dict[Hashable, float] = {}
    opened: set[Hashable] = set()
    scores: list[float] = []
    threshold = -math.inf
    since = 0

    def nth() -> float:
        return -math.inf if len(best) < limit else heapq.nlargest(limit, best.values())[-1]

    while heap:
        b, i, refined = -heap[0][0], heap[0][1], heap[0][2]
        if b < threshold and b != math.inf:
            if since:
                threshold = nth()
                since = 0
            if b < threshold:
                break
        heapq.heappop(heap)
        if not refined and b != math.inf:
            r = scorer.refined_bound(paths[i].diplomas, paths[i].legs, b)
            if r is not None:
                heapq.heappush(heap, (-r, i, True))
            continue
        c = paths[i]
        g: Hashable = None if group is None else group(c.diplomas[1:])
        closed = bool(c.diplomas[0].get("closed"))
        if (
            group is not None
            and b != math.inf
            and (closed or g in opened)
            and _redundant(b, best.get(g), scores, limit)
        ):
            continue
        s = scorer.score(c.diplomas, c.legs)
        if s is None:
            continue
        valid_keys.add(s.key)
        scored.append((i, s))
        if group is None:
            g = s.key
        elif not closed:
            opened.add(g)
        if g not in best or s.score > best[g]:
            best[g] = s.score
        heapq.heappush(scores, s.score)
        if len(scores) > limit:
            heapq.heappop(scores)
        since += 1
        if since >= 16:
            threshold = nth()
            since = 0
    scored.sort(key=lambda iS: iS[0])
    ranked = rank([s for _, s in scored])
    return ranked[: _through_groups(ranked, limit, group)], valid_keys


def _level_world(seed: int) -> tuple[Scorer, Scorer, list[Candidate]]:
    """Two scorers of one world (one per ranking: a scorer keeps choices) and its candidates:
    some starts closed, options of one programme (same name but the option), legs sharing
    their scope lists."""
    rng = random.Random(seed)
    diplomas, offers, legs = _world(rng)
    for i, d in enumerate(diplomas.values()):
        d["name"] = f"Diplôme {i % 5} option {i}"  # 5 programmes, options of each
    shared = [["a1"], ["a2", "a4"], []], [["046"], ["012", "081"], []]
    for leg in legs:
        leg["scope_actors"] = rng.choice(shared[0])
        leg["scope_departements"] = rng.choice(shared[1])
    paths = _candidates(rng, diplomas, legs, rng.choice([5, 40, 300]))
    closing = rng.random() < 0.6
    paths = [
        c._replace(
            diplomas=[{**c.diplomas[0], "closed": closing and rng.random() < 0.5}, *c.diplomas[1:]]
        )
        for c in paths
    ]
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"]]),
    }
    return (
        Scorer(offers, fields={}, **options),
        Scorer(offers, fields={}, **options),
        paths,
    )


@pytest.mark.parametrize("seed", range(80))
def test_level_start_ranking_equals_the_ranking_it_replaced(seed: int) -> None:
    old_scorer, new_scorer, paths = _level_world(5000 + seed)
    for limit in (1, 3, 6, 10):
        for group in (formation_key, None):
            want, want_keys = _reference_best_of(old_scorer, paths, limit, group)
            got, got_keys = best_of(new_scorer, paths, limit, group)
            assert got_keys == want_keys
            assert [_summary(s) for s in got] == [_summary(s) for s in want]
            shown = varied(got, any_start=True)[:limit]
            assert [_summary(s) for s in shown] == [
                _summary(s) for s in varied(want, any_start=True)[:limit]
            ]


@pytest.mark.parametrize("seed", range(30))
def test_the_threshold_is_the_limit_th_best_group_score(seed: int) -> None:
    """``_Bests`` kept sorted against ``heapq.nlargest`` over the groups' best scores, after
    every update (scores raised, lowered — ignored —, equal, new groups)."""
    rng = random.Random(seed)
    bests = _Bests()
    plain: dict[int, float] = {}
    for _ in range(200):
        g, score = rng.randrange(25), rng.choice([rng.uniform(40, 110), 80.0, 95.5])
        bests.raise_to(g, score)
        if g not in plain or score > plain[g]:
            plain[g] = score
        assert bests.get(g) == plain[g]
        for limit in (1, 3, 10, 30):
            want = heapq.nlargest(limit, plain.values())[-1] if len(plain) >= limit else -math.inf
            assert bests.threshold(limit) == want


@pytest.mark.parametrize("seed", range(30))
def test_a_one_leg_refined_bound_is_its_bound(seed: int) -> None:
    """The ranking scores a one-leg candidate without bounding it again: its refined bound
    must be its bound (the same float), and both at least its score."""
    scorer, _, paths = _level_world(7000 + seed)
    for c in paths:
        if len(c.legs) != 1:
            continue
        one = Candidate(c.diplomas, c.legs)
        bound, refined = scorer.bound(*one), scorer.refined_bound(*one)
        assert refined == bound
        s = scorer.score(*one)
        if s is not None and bound is not None and bound != math.inf:
            assert s.score <= bound


def test_where_a_leg_holds_is_kept_per_scope_not_per_leg() -> None:
    """Legs sharing their scope lists share ``Scorer._holds``; a leg of another scope kind
    with the same lists does not (actors only: the départements do not count)."""
    rng = random.Random(11)
    diplomas, offers, legs = _world(rng)
    actors, departements = ["a1"], ["046", "012"]
    kinds = [
        {"passerelle_origin": "documented", "scope": scope, "kind": "continuation"}
        for scope in ("actors", "campus", "departements")
    ]
    scorer = Scorer(offers, fields={}, allow_outside=True)
    for code in diplomas:
        for kind in kinds * 2:  # each kind twice: the second a memo hit of the first
            leg = {**kind, "scope_actors": actors, "scope_departements": departements}
            pool = scorer._pool(code, None)
            found = {
                leg_holds(leg, o.actor.get("id"), o.offer.get("departement")) for o in pool.offers
            }
            expected = found.pop() if len(found) == 1 else None
            assert scorer._holds(pool, leg) is expected


def test_programme_key_is_kept_and_the_same() -> None:
    d = {"type": "bts", "name": "BTSA technico-commercial option jardins", "code": "X"}
    assert programme_key(d) == programme_key(dict(d)) == ("bts agricole", "TECHNICO COMMERCIAL")
    assert programme_key({"type": "bts", "name": "", "code": "Y"}) == ("bts", "Y")
