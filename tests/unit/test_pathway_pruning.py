"""The pruned scoring (:func:`graph.pathways.pruning.best_of`) gives exactly the answer of
scoring and ranking every candidate: same pathways, order, scores, establishments and count."""

from __future__ import annotations

import heapq
import itertools
import math
import random
from typing import Any

import pytest

from graph.pathways.pruning import _prefix_groups, best_of
from graph.pathways.scope import FIGURES, leg_at, local_leg_holds
from graph.pathways.scoring import (
    BOUND_SLACK,
    OFFERS_PER_STEP,
    UNPLACED_KM,
    W_CAPACITY,
    W_EVIDENCE,
    W_FIELD,
    W_FIGURE,
    W_INFERRED,
    W_KM,
    W_MODALITY,
    W_OUTSIDE,
    W_PLANNED,
    W_RATE,
    W_STALE,
    W_STEP,
    W_UNDESCRIBED,
    Candidate,
    Candidates,
    Offer,
    Scored,
    Scorer,
    Step,
    choose,
    effective_km,
    field_continuity,
    key_from,
    offer_key,
    rank,
    wish_tie,
)
from graph.pathways.variety import formation_key, varied

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


def _reference_score(scorer: Scorer, diplomas: list[Row], legs: list[Row]) -> Scored | None:
    """The score step by step, as :meth:`Scorer.score` was defined before it shared the
    first steps' terms between pathways (the definition the fast path must equal)."""
    prev = scorer.home
    mod = scorer.modality
    plan: list[Step] = []
    travel = effective = field_points = 0.0
    known_legs = outside = planned = inferred = modality_hits = figures = capacities = 0
    stale = unplaced = undescribed = 0
    capacity_sum = 0
    demands: list[int] = []
    weakness = 0.0
    rate_product = 1.0
    rates_known = 0
    before = diplomas[0]
    taken_in = scorer.start_departements  # where the step before was taken
    last_unplaced = False  # the step before has no position: no distance from it is known
    after_unplaced = 0
    for d, leg in zip(diplomas[1:], legs, strict=True):
        choice = scorer.choice(prev, d["code"], leg.get("modality"))
        if choice is None:
            return None
        best = choice.ranked[0]
        here = best.offer.get("departement")
        if not local_leg_holds(leg, taken_in, here):
            return None  # a campus programme's leg, taken outside its territory
        taken_in = [here] if here else None
        leg = leg_at(leg, best.actor.get("id"), here)
        if choice.dist is not None:
            effective += choice.effective
            if last_unplaced:
                after_unplaced += 1
            else:
                travel += choice.dist
                known_legs += 1
        if leg.get("strength") is None:  # an inferred leg's strength already counts it
            field_points += field_continuity(before, d, scorer.fields)
        plan.append(Step(d, leg, choice, prev, d["code"] in scorer.undescribed, last_unplaced))
        last_unplaced = choice.unplaced
        undescribed += d["code"] in scorer.undescribed
        if not best.in_territory:
            outside += 1
        if best.offer["status"] == "planned":
            planned += 1
        if best.last_seen is not None:
            stale += 1
        if choice.unplaced:
            unplaced += 1
        capacity_sum += best.offer.get("capacity") or 0
        demands.append(best.offer.get("demand") or 0)
        if leg.get("passerelle_origin") == "inferred":
            inferred += 1
            weakness += 1.0 - (leg.get("strength") or 0.0)
        if mod and best.offer["modality"] == mod:
            modality_hits += 1
        rate = leg.get("rate")
        if rate is not None:
            rate_product *= max(rate, 0.01)
            rates_known += 1
        if any(leg.get(k) is not None for k in FIGURES):
            figures += 1
        if best.offer.get("capacity") is not None:
            capacities += 1
        prev = choice.to
        before = d
    n = len(plan)
    components = {
        "steps": -W_STEP * (n - 1),
        "travel": -W_KM * effective,
        "unknown_distance": -W_KM * effective_km(UNPLACED_KM, None) * unplaced,
        "same_field": W_FIELD * field_points,
        "outside": -W_OUTSIDE * outside,
        "planned": -W_PLANNED * planned,
        "not_seen_lately": -W_STALE * stale,
        "inferred_passerelles": -W_INFERRED * inferred,
        "weak_evidence": -W_EVIDENCE * weakness,
        "modality": W_MODALITY * modality_hits,
        "modality_not_described": -W_UNDESCRIBED * undescribed,
        "known_rates": W_RATE * math.log10(rate_product) if rates_known else 0.0,
        "documented_figures": W_FIGURE * figures,
        "known_capacity": W_CAPACITY * capacities,
    }
    components = {k: round(v, 2) + 0.0 for k, v in components.items()}  # no -0.0
    return Scored(
        score=100.0 + sum(components.values()),
        components=components,
        start=diplomas[0],
        plan=plan,
        travel_km=travel if known_legs else None,
        outside=outside,
        field_points=field_points,
        modality_hits=modality_hits,
        key=tuple(d["code"] for d in diplomas),
        unplaced=unplaced,
        tie=(unplaced, -capacity_sum, *wish_tie(diplomas, tuple(demands))),
        after_unplaced=after_unplaced,
    )


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
        # steps proposed without the modality filter (graph/pathways/undescribed.py)
        "undescribed": rng.choice([frozenset(), frozenset({"D2"}), frozenset({"D1", "D3"})]),
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
        if o.offer["lat"] is not None and rng.random() < 0.7:
            o.offer["lat"] += rng.uniform(-1, 1)
            o.offer["lon"] += rng.uniform(-1, 1)
        # every term of the key: renewed offers, places at a commune's centre, teaching at
        # a distance
        o.offer["status"] = rng.choice([o.offer["status"], "renewed"])
        o.offer["coords_precision"] = rng.choice([None, "commune", "establishment"])
        if rng.random() < 0.1:
            o.actor["directory_flags"] = ["distance_learning"]
        if rng.random() < 0.3:  # figures of the 1re pro, with or without the entry after 3e's
            o.offer["entry_year"] = 2
            if rng.random() < 0.5:
                o.offer["entry_capacity"] = rng.randint(0, 60)
                o.offer["entry_demand"] = rng.randint(0, 90)
    for prev, allow, after_3e in itertools.product(
        (None, (44.6086, 2.0317), (43.0, 1.0)), (True, False), (False, True)
    ):
        got = choose(pool, prev, allow_outside=allow, after_3e=after_3e)
        inside = [o for o in pool if o.in_territory]
        expected = heapq.nsmallest(
            OFFERS_PER_STEP,
            inside if inside else (pool if allow else []),
            key=lambda o, p=prev, a=after_3e: offer_key(o, p, a),  # type: ignore[misc]
        )
        assert (got.ranked if got else []) == expected
        # the shorter keys: the same order of the whole pool, the same distances
        key = key_from(prev, after_3e)
        full = sorted(pool, key=lambda o, p=prev, a=after_3e: offer_key(o, p, a))  # type: ignore[misc]
        assert sorted(pool, key=key) == full
        if prev is not None:
            assert [key(o)[1] for o in pool] == [offer_key(o, prev, after_3e)[4] for o in pool]


def _full(s: Scored) -> tuple[Any, ...]:
    return (
        _summary(s),
        s.outside,
        s.field_points,
        s.modality_hits,
        s.unplaced,
        s.after_unplaced,
        s.start,
        [(p.diploma, p.leg, p.prev, p.choice, p.prev_unplaced) for p in s.plan],
    )


@pytest.mark.parametrize("seed", range(40))
def test_scores_sharing_first_steps_equal_the_step_by_step_definition(seed: int) -> None:
    """One scorer for every candidate, in any order (the first steps' terms then come from
    other pathways): the same Scored, float for float, as the step-by-step definition on a
    scorer of its own; and the bound with every step exact is never below the score nor above
    the refined bound, itself never above the bound."""
    rng = random.Random(2000 + seed)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, 200)
    paths += [Candidate(c.diplomas[:k], c.legs[: k - 1]) for c in paths for k in (2, 3)]
    rng.shuffle(paths)
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "modality": rng.choice([None, "school"]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"], ["012", "081"]]),
        # steps proposed without the modality filter (graph/pathways/undescribed.py)
        "undescribed": rng.choice([frozenset(), frozenset({"D2"}), frozenset({"D1", "D3"})]),
    }
    fields = {"D1": frozenset({"f"}), "D2": frozenset({"f"})}
    shared = Scorer(offers, fields=fields, **options)
    for c in paths:
        got = shared.score(c.diplomas, c.legs)
        expected = _reference_score(Scorer(offers, fields=fields, **options), c.diplomas, c.legs)
        assert (got is None) == (expected is None)
        if got is not None and expected is not None:
            assert _full(got) == _full(expected)
        full = shared.full_bound(c.diplomas, c.legs)  # every step exact, before rounding
        assert (full is None) == (got is None)
        bound, refined = shared.bound(c.diplomas, c.legs), shared.refined_bound(c.diplomas, c.legs)
        if bound is None or refined is None:
            assert got is None
        elif got is not None and bound != math.inf:
            assert full is not None
            assert got.score <= full <= refined + 1e-9 and refined <= bound


@pytest.mark.parametrize("seed", range(40))
def test_full_bound_is_the_total_of_the_extended_first_steps(seed: int) -> None:
    """``Scorer.full_bound`` (summed without building the last step's partial) is, float for
    float, ``_upper`` of the first steps' partial extended by the last step (its definition)."""
    rng = random.Random(3000 + seed)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, 200)
    paths += [Candidate(c.diplomas[:k], c.legs[: k - 1]) for c in paths for k in (1, 2, 3)]
    rng.shuffle(paths)
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "modality": rng.choice([None, "school"]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"], ["012", "081"]]),
        "undescribed": rng.choice([frozenset(), frozenset({"D2"}), frozenset({"D1", "D3"})]),
    }
    fields = {"D1": frozenset({"f"}), "D2": frozenset({"f"})}
    scorer = Scorer(offers, fields=fields, **options)
    bounded = 0
    for c in paths:
        n = len(c.legs)
        p = scorer._partial(c.diplomas, c.legs, n - 1) if n else scorer._empty
        if p is not None and n:
            p = scorer._extend(p, c.diplomas[n - 1], c.diplomas[n], c.legs[n - 1], step=False)
        expected = None if p is None else scorer._upper(p, n)
        got = scorer.full_bound(c.diplomas, c.legs)
        assert got == expected and type(got) is type(expected)
        bounded += got is not None
    assert bounded


@pytest.mark.parametrize("seed", range(20))
def test_where_a_leg_holds_is_what_leg_holds_says_offer_by_offer(seed: int) -> None:
    """``Scorer._holds`` (sets of the pool's ids and départements first) against the
    definition: True when the leg holds at every establishment of the pool, False at none,
    None at some."""
    from graph.pathways.scope import leg_holds

    rng = random.Random(3000 + seed)
    diplomas, offers, legs = _world(rng)
    for leg in legs:
        leg["scope_actors"] = rng.choice([[], ["a1"], ["a2", "a4"], [None]])
        leg["scope_departements"] = rng.choice([[], ["046"], ["012", "081"]])
    for allow in (True, False):
        scorer = Scorer(offers, fields={}, allow_outside=allow)
        for code in diplomas:
            for leg in legs:
                pool = scorer._pool(code, leg.get("modality"))
                found = {
                    leg_holds(leg, o.actor.get("id"), o.offer.get("departement"))
                    for o in pool.offers
                }
                expected = found.pop() if len(found) == 1 else None  # None: empty pool too
                if leg_holds(leg, None, None):
                    expected = True
                assert scorer._holds(pool, leg) is expected


@pytest.mark.parametrize("seed", range(60))
def test_grouped_pruning_shows_what_full_scoring_shows(seed: int) -> None:
    """A search from a level (``group``): the different formations first, then the others,
    cut at the limit (find._search then variety.varied), the same as from every candidate
    scored. With closed starts, the same formations in the same order (the pathway leading
    one may be another open start's: the search stops at the scores of the formations
    shown, :func:`graph.pathways.variety.varied` prefers an open start among those scored)."""
    rng = random.Random(seed)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, rng.choice([5, 40, 300]))
    closing = rng.random() < 0.5
    paths = [
        c._replace(
            diplomas=[
                {**c.diplomas[0], "closed": closing and rng.random() < 0.5},
                *c.diplomas[1:],
            ]
        )
        for c in paths
    ]
    scorer = Scorer(offers, fields={}, home=rng.choice([None, (44.6086, 2.0317)]))
    full = rank([s for c in paths if (s := scorer.score(c.diplomas, c.legs)) is not None])
    for limit in (1, 3, 10):
        shown, keys = best_of(scorer, paths, limit, group=formation_key)
        assert keys == {s.key for s in full}
        got = varied(shown, any_start=True)[:limit]
        want = varied(full, any_start=True)[:limit]
        if closing:
            assert [formation_key([st.diploma for st in s.plan]) for s in got] == [
                formation_key([st.diploma for st in s.plan]) for s in want
            ]
        else:
            assert [_summary(s) for s in got] == [_summary(s) for s in want]


def _step_by_step_bound(scorer: Scorer, diplomas: list[Row], legs: list[Row]) -> float | None:
    """:meth:`Scorer.bound` as it was written before the prefix groups: its steps' parts
    summed in order from the start, the first None or ``inf`` returned."""
    total = 100.0 - W_STEP * (len(legs) - 1) + BOUND_SLACK
    for before, d, leg in zip(diplomas[:-1], diplomas[1:], legs, strict=True):
        step = scorer.step_bound(before, d, leg)
        if step is None or step == math.inf:
            return step
        total += step
    return total


@pytest.mark.parametrize("seed", range(20))
def test_a_prefix_groups_bounds_are_its_candidates_bounds(seed: int) -> None:
    """``best_of`` bounds the candidates that differ by their last step only as one prefix
    group: the prefix's part plus the last step's must be each one's bound and refined bound,
    the same floats (None and ``inf`` where they are)."""
    rng = random.Random(4000 + seed)
    diplomas, offers, legs = _world(rng)
    paths = _candidates(rng, diplomas, legs, 150)
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "allow_outside": rng.random() < 0.5,
        "start_departements": rng.choice([None, ["046"]]),
    }
    grouped, plain = Scorer(offers, fields={}, **options), Scorer(offers, fields={}, **options)
    for c in paths:
        bound = _step_by_step_bound(plain, c.diplomas, c.legs)
        assert plain.bound(c.diplomas, c.legs) == bound
        prefix = grouped.prefix_bound(c.diplomas, c.legs)
        last = grouped.step_bound(c.diplomas[-2], c.diplomas[-1], c.legs[-1])
        if prefix is None or prefix == math.inf:
            assert bound == prefix
            continue
        assert bound == (last if last is None or last == math.inf else prefix + last)
        if bound is None or bound == math.inf:
            continue
        n = len(c.legs)
        partial = plain._partial(c.diplomas, c.legs, n - 1)  # the first steps, exact
        refined = None if partial is None else plain._upper(partial, n) + last  # type: ignore[operator]
        assert plain.refined_bound(c.diplomas, c.legs) == refined
        upper = grouped.prefix_upper(c.diplomas, c.legs)
        assert refined == (None if upper is None else upper + last)  # type: ignore[operator]


def _walked(rng: random.Random, diplomas: dict[str, Row], legs: list[Row]) -> Candidates:
    """Candidates numbered as the walk numbers them (graph/pathways/search.py): depth first
    from a few starts, each prefix a number and its parent's; a candidate ends where a target
    is taken as the goal."""
    codes = sorted(diplomas)
    out = Candidates()

    def walk(path: list[str], leg_path: list[Row], parent: int) -> None:
        this = len(out.parents)
        out.parents.append(parent)
        for code in rng.sample(codes, 4):
            if code in path or len(out) >= 400:
                continue
            step = [*leg_path, rng.choice(legs)]
            if len(path) >= 4 or rng.random() < 0.5:
                out.append(Candidate([diplomas[c] for c in [*path, code]], step, this))
            else:
                walk([*path, code], step, this)

    for start in rng.sample(codes, 3):
        walk([start], [], -1)
    return out


@pytest.mark.parametrize("seed", range(30))
def test_prefix_bounds_from_the_walks_parents_are_those_step_by_step(seed: int) -> None:
    """Given the walk's parents, a prefix group's bound is its parent's steps and one more
    (``_steps_of``): the same floats, None and ``inf`` as :meth:`Scorer.prefix_bound` step by
    step, the same first heap, and the same answer of ``best_of``."""
    rng = random.Random(7000 + seed)
    diplomas, offers, legs = _world(rng)
    paths = _walked(rng, diplomas, legs)
    options: dict[str, Any] = {
        "home": rng.choice([None, (44.6086, 2.0317)]),
        "allow_outside": rng.random() < 0.5,
    }
    by_parents, plain = Scorer(offers, fields={}, **options), Scorer(offers, fields={}, **options)
    keys: set[tuple[str, ...]] = set()
    plain_keys: set[tuple[str, ...]] = set()
    heap, groups = _prefix_groups(by_parents, paths, keys, paths.parents)
    plain_heap, plain_groups = _prefix_groups(plain, paths, plain_keys)
    assert [g.static for g in groups] == [g.static for g in plain_groups]
    assert any(g.static not in (None, math.inf) and len(g.codes) > 1 for g in groups)
    assert heap == plain_heap and keys == plain_keys
    for limit in (1, 3, 10):
        got = best_of(Scorer(offers, fields={}, **options), paths, limit, parents=paths.parents)
        want = best_of(Scorer(offers, fields={}, **options), paths, limit)
        assert [_summary(s) for s in got[0]] == [_summary(s) for s in want[0]]
        assert got[1] == want[1]
