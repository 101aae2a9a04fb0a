"""The pruned scoring (:func:`graph.pathways.pruning.best_of`) gives exactly the answer of
scoring and ranking every candidate: same pathways, order, scores, establishments and count."""

from __future__ import annotations

import heapq
import math
import random
from typing import Any

import pytest

from graph.pathways.pruning import best_of
from graph.pathways.scope import leg_holds
from graph.pathways.scoring import (
    OFFERS_PER_STEP,
    Candidate,
    Offer,
    Prefix,
    Scored,
    Scorer,
    _key_from,
    choose,
    offer_key,
    rank,
)

Row = dict[str, Any]
DEPS = ["012", "046", "081", "082"]


def _world(rng: random.Random) -> tuple[dict[str, Row], dict[str, list[Offer]], list[Row]]:
    diplomas = {
        f"D{i}": {
            "code": f"D{i}",
            "name": f"Diplôme {i}",
            "type": "bts",
            "level": rng.randint(3, 6),
            "nsf": rng.choice([None, "251", "254", "311"]),
        }
        for i in range(14)
    }
    offers: dict[str, list[Offer]] = {}
    for code in diplomas:
        offers[code] = []
        for j in range(rng.choice([0, 1, 2, 4, 8])):
            # few places and figures: many equal scores and equal offer keys
            placed = rng.random() > 0.15
            actor = {
                "id": f"a{j % 5}",
                "name": f"Lycée {j % 5}",
                "boarding_places": rng.choice([None, 0, 40]),
                "described": rng.choice([True, False, None]),
            }
            row = {
                "lat": rng.choice([44.0, 44.5, 45.2]) if placed else None,
                "lon": rng.choice([1.5, 2.0, 3.1]) if placed else None,
                "status": rng.choice(["open", "open", "planned"]),
                "modality": rng.choice(["school", "apprenticeship"]),
                "capacity": rng.choice([None, 12, 24]),
                "demand": rng.choice([None, 30]),
                "departement": rng.choice(DEPS),
            }
            last_seen = rng.choice([None, None, 2023])
            offers[code].append(Offer(code, actor, row, rng.random() > 0.3, last_seen))
    legs = []
    for k in range(12):
        leg: Row = {
            "passerelle_id": f"p{k}",
            "kind": rng.choice(["continuation", "reorientation"]),
            "passerelle_origin": rng.choice(["documented", "inferred"]),
            "modality": rng.choice([None, None, "apprenticeship"]),
            "scope": rng.choice([None, "national", "actors", "campus"]),
            "scope_actors": ["a1"],
            "scope_departements": ["046"],
        }
        if leg["passerelle_origin"] == "inferred":
            leg["strength"] = rng.choice([None, 0.4, 0.9])
        if rng.random() < 0.4:
            leg["rate"] = rng.choice([0.005, 0.3, 0.8, 1.5])
        if rng.random() < 0.2:
            leg["entrant_share"] = 0.5
        if rng.random() < 0.15:
            leg[rng.choice(["from_departements", "to_departements"])] = rng.sample(DEPS, 2)
        legs.append(leg)
    return diplomas, offers, legs


def _candidates(
    rng: random.Random, diplomas: dict[str, Row], legs: list[Row], n: int
) -> list[Candidate]:
    codes = sorted(diplomas)
    out = []
    for _ in range(n):
        path = rng.sample(codes, rng.randint(2, 4))
        out.append(Candidate([diplomas[c] for c in path], [rng.choice(legs) for _ in path[1:]]))
    return out


def _shared_candidates(
    rng: random.Random, diplomas: dict[str, Row], legs: list[Row], n: int
) -> list[Candidate]:
    """Candidates as the search's walk makes them: grown one step at a time from a few starts,
    so that many share their first steps (``Candidate.prefix``, one object per beginning)."""
    codes = sorted(diplomas)
    roots = [Prefix(None, diplomas[c], None) for c in rng.sample(codes, 3)]
    nodes: list[tuple[Prefix, list[str], list[Row]]] = [(r, [r.diploma["code"]], []) for r in roots]
    out: list[Candidate] = []
    while len(out) < n:
        at, path, path_legs = rng.choice(nodes)
        code = rng.choice([c for c in codes if c not in path] or codes)
        leg = rng.choice(legs)
        if len(path) < 4 and rng.random() < 0.3:
            nodes.append((Prefix(at, diplomas[code], leg), [*path, code], [*path_legs, leg]))
        else:
            ds = [diplomas[c] for c in [*path, code]]
            out.append(Candidate(ds, [*path_legs, leg], at))
    return out


def _summary(s: Scored) -> tuple[Any, ...]:
    return (
        s.key,
        s.score,
        s.components,
        s.tie,
        s.travel_km,
        [(p.choice.ranked[0].actor["name"], p.leg.get("passerelle_origin")) for p in s.plan],
        [[o.actor["name"] for o in p.choice.ranked] for p in s.plan],
    )


@pytest.mark.parametrize("seed", range(60))
def test_pruned_answers_equal_full_scoring(seed: int) -> None:
    rng = random.Random(seed)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, rng.choice([5, 40, 300]))
    fields = {"D1": frozenset({"f"}), "D2": frozenset({"f"})}
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "modality": rng.choice([None, "school"]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"], ["012", "081"]]),
    }
    full = rank(
        [
            s
            for c in paths
            if (s := Scorer(offers, fields=fields, **options).score(c.diplomas, c.legs)) is not None
        ]
    )
    for limit in (1, 3, 10, 50):
        shown, keys = best_of(Scorer(offers, fields=fields, **options), paths, limit)
        assert keys == {s.key for s in full}
        assert [_summary(s) for s in shown] == [_summary(s) for s in full[:limit]]


@pytest.mark.parametrize("seed", range(60))
def test_pruned_answers_equal_full_scoring_with_shared_beginnings(seed: int) -> None:
    """Beginnings scored once (``Scorer.score_candidate``) and bounds refined with them
    (``Scorer.refined_bound``): the same answer as scoring every candidate from scratch."""
    rng = random.Random(2000 + seed)
    diplomas, offers, legs = _world(rng)
    if seed % 2:  # exact places: scores that differ by a few km of travel
        for o in (o for os in offers.values() for o in os if o.offer["lat"] is not None):
            o.offer["lat"] += rng.uniform(-0.3, 0.3)
            o.offer["lon"] += rng.uniform(-0.3, 0.3)
    paths = _shared_candidates(rng, diplomas, legs, rng.choice([5, 40, 300, 600]))
    fields = {"D1": frozenset({"f"}), "D2": frozenset({"f"})}
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317), (43.1, 3.0)]),
        "modality": rng.choice([None, "school"]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"], ["012", "081"]]),
    }
    full = rank(
        [
            s
            for c in paths
            if (s := Scorer(offers, fields=fields, **options).score(c.diplomas, c.legs)) is not None
        ]
    )
    for limit in (1, 3, 10, 50):
        shown, keys = best_of(Scorer(offers, fields=fields, **options), paths, limit)
        assert keys == {s.key for s in full}
        assert [_summary(s) for s in shown] == [_summary(s) for s in full[:limit]]


@pytest.mark.parametrize("seed", range(20))
def test_a_shared_beginning_scores_and_bounds_like_the_whole_candidate(seed: int) -> None:
    """``score_candidate`` gives what ``score`` gives (the same floats); the bounds of a
    candidate with its beginning shared are the same as without, the refined one between the
    score and the first bound."""
    rng = random.Random(3000 + seed)
    diplomas, offers, legs = _world(rng)
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "modality": rng.choice([None, "school"]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"]]),
    }
    shared = Scorer(offers, fields={}, **options)
    for c in _shared_candidates(rng, diplomas, legs, 200):
        alone = Scorer(offers, fields={}, **options)
        expected = alone.score(c.diplomas, c.legs)
        got = shared.score_candidate(c)
        assert (got is None) == (expected is None)
        if got is not None and expected is not None:
            assert _summary(got) == _summary(expected)
            assert (got.outside, got.field_points, got.modality_hits, got.unplaced) == (
                expected.outside,
                expected.field_points,
                expected.modality_hits,
                expected.unplaced,
            )
        first = alone.bound(c.diplomas, c.legs)
        assert shared.bound_of(c) == pytest.approx(first) if first is not None else True
        assert (shared.bound_of(c) is None) == (first is None)
        refined = shared.refined_bound(c)
        if first is None or first == math.inf:
            continue
        assert refined is not None
        assert refined <= first + 1e-9
        if expected is not None:
            assert expected.score <= refined


def test_the_bound_is_never_below_the_score() -> None:
    for seed in range(40):
        rng = random.Random(1000 + seed)
        diplomas, offers, legs = _world(rng)
        scorer = Scorer(offers, fields={}, home=(44.6, 2.0), allow_outside=True)
        for c in _candidates(rng, diplomas, legs, 100):
            bound, s = scorer.bound(c.diplomas, c.legs), scorer.score(c.diplomas, c.legs)
            if bound is None:
                assert s is None
            elif s is not None:
                assert s.score <= bound


def test_pruning_scores_fewer_candidates_than_it_meets() -> None:
    rng = random.Random(7)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, 400)
    calls = 0

    class Counting(Scorer):
        def score(self, diplomas: list[Row], legs: list[Row]) -> Scored | None:
            nonlocal calls
            calls += 1
            return super().score(diplomas, legs)

    best_of(Counting(offers, fields={}, home=(44.6, 2.0), allow_outside=True), paths, 3)
    assert 0 < calls < len(paths)


@pytest.mark.parametrize("seed", range(30))
def test_choose_orders_like_offer_key(seed: int) -> None:
    """``choose`` computes ``offer_key`` with each offer's static part kept: same order."""
    rng = random.Random(500 + seed)
    _, offers, _ = _world(rng)
    pool = [o for os in offers.values() for o in os]
    for o in pool:  # exact places too: distances that differ in the last digits
        if o.offer["lat"] is not None:
            o.offer["lat"] += rng.uniform(-1, 1)
            o.offer["lon"] += rng.uniform(-1, 1)
    for prev in (None, (44.6086, 2.0317), (43.0, 1.0)):
        for allow in (True, False):
            got = choose(pool, prev, allow_outside=allow)
            inside = [o for o in pool if o.in_territory]
            expected = heapq.nsmallest(
                OFFERS_PER_STEP,
                inside if inside else (pool if allow else []),
                key=lambda o, p=prev: offer_key(o, p),  # type: ignore[misc]
            )
            assert (got.ranked if got else []) == expected
            if prev is not None and got:
                assert [offer_key(o, prev)[3] for o in got.ranked] == [
                    _key_from(prev)(o)[3] for o in got.ranked
                ]


@pytest.mark.parametrize("seed", range(20))
def test_where_a_leg_holds_in_a_pool_is_worked_out_as_offer_by_offer(seed: int) -> None:
    """``Scorer._holds``: at every establishment of the step's pool, at none, or at some,
    as ``leg_holds`` establishment by establishment says."""
    rng = random.Random(4000 + seed)
    _, offers, legs = _world(rng)
    for leg in legs:
        leg["scope_actors"] = rng.sample(["a0", "a1", "a2", "a3", "a4"], rng.randint(0, 2))
        leg["scope_departements"] = rng.sample(DEPS, rng.randint(0, 2))
    scorer = Scorer(offers, fields={}, allow_outside=True)
    for code in offers:
        pool = scorer._pool(code, None)
        if not pool.any:
            continue
        for leg in legs:
            found = {
                leg_holds(leg, o.actor.get("id"), o.offer.get("departement")) for o in pool.offers
            }
            assert scorer._holds(pool, leg) == (found.pop() if len(found) == 1 else None)
