"""graph/pathways/offer_centres.py: a territory's centre from the points filed by place."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from graph.pathways.offer_centres import (
    Points,
    add_points,
    by_diploma,
    centre_of,
    frozen,
    merged,
    without,
)
from graph.territory import Point, Territory

# (département, région, lat, lon) as the preload's offer values would hold them
OFFERS: list[list[Any]] = [
    ["012", "76", 44.35, 2.57],
    ["012", "76", 44.5597, 2.2506],
    ["046", "76", 44.6086, 2.0317],
    ["046", "76", 0.0, 2.0],  # a latitude of 0 is not a place (as _centre reads it)
    ["046", "76", None, None],
    ["075", "11", 48.85, 2.35],
    [None, "11", 48.9, 2.4],  # no département: in no list of départements
    ["093", None, 48.91, 2.45],  # no région: in no région
]


def _points() -> Points:
    points: Points = {}
    assert add_points(points, OFFERS, 0, 1, 2, 3)
    return frozen(points)


def _expected(kept: list[list[Any]]) -> tuple[tuple[float, float] | None]:
    pts = [(o[2], o[3]) for o in kept if o[2]]
    if not pts:
        return (None,)
    n = len(pts)
    return ((math.fsum(p[0] for p in pts) / n, math.fsum(p[1] for p in pts) / n),)


def test_a_territory_s_centre_is_the_mean_of_its_located_offers() -> None:
    points = _points()
    cases = [
        (Territory(departements=["012"]), [OFFERS[0], OFFERS[1]]),
        (Territory(departements=["012", "046"]), OFFERS[:3]),
        (Territory(departements=["046"]), [OFFERS[2]]),
        (Territory(region="11"), [OFFERS[5], OFFERS[6]]),
        (Territory(region="76", departements=["046", "075"]), [OFFERS[2]]),
        (Territory(departements=["093"]), [OFFERS[7]]),
        (Territory(departements=["971"]), []),
        (Territory(), OFFERS),
    ]
    for territory, kept in cases:
        assert centre_of(points, territory) == _expected(kept), territory


def test_a_campus_or_a_radius_is_left_to_the_read() -> None:
    points = _points()
    assert centre_of(points, Territory(campus="mini")) is None
    assert centre_of(points, Territory(near=Point(lat=44.6, lon=2.0), radius_km=30)) is None


def test_the_centre_does_not_depend_on_the_order_of_the_offers() -> None:
    rng = random.Random(7)
    offers: list[list[Any]] = [
        ["0" + str(rng.randint(10, 19)), "76", rng.uniform(42, 51), rng.uniform(-4, 8)]
        for _ in range(2_000)
    ]
    deps = ["011", "013", "017"]
    territory = Territory(departements=deps)
    first: Points = {}
    add_points(first, offers, 0, 1, 2, 3)
    rng.shuffle(offers)
    second: Points = {}
    add_points(second, offers, 0, 1, 2, 3)
    assert centre_of(first, territory) == centre_of(second, territory)
    assert centre_of(first, territory) == _expected([o for o in offers if o[0] in deps])


def test_a_place_that_is_not_a_number_makes_the_points_unusable() -> None:
    points: Points = {}
    assert not add_points(points, [["012", "76", "44.3", 2.5]], 0, 1, 2, 3)


def _as_multiset(points: Points) -> dict[tuple[Any, Any], list[tuple[float, float, int]]]:
    return {k: sorted(zip(ys, xs, ds, strict=True)) for k, (ys, xs, ds) in points.items()}


def _ordered(points: Points) -> bool:
    return all(list(ds) == sorted(ds) for _, _, ds in points.values())


def test_an_edit_s_diplomas_are_cut_out_and_filed_anew_as_a_whole_filing_would() -> None:
    """by_diploma, without and merged (an edit's refresh of the points, graph/pathways/data.py)
    give the points a whole filing of the new offers gives, pair by pair (each point, its
    diploma) and centre by centre, and keep them ordered by diploma; a pair left empty goes."""
    rng = random.Random(11)
    deps = [("012", "76"), ("046", "76"), ("075", "11"), ("093", "11"), (None, "11")]

    def offers(diplomas: Sequence[int], n: int) -> list[list[Any]]:
        return [
            [*rng.choice(deps), rng.uniform(42, 51), rng.uniform(-4, 8), rng.choice(diplomas)]
            for _ in range(n)
        ]

    before = offers(range(40), 3_000)
    before += [["093", "11", 48.9, 2.4, 41]]  # the only point of its pair after the edit
    touched = {3, 17, 39, 41, 45}  # 45: a diploma with no point before
    after = [o for o in before if o[4] not in touched] + offers(sorted(touched), 200)
    points = by_diploma(_filled(before))
    assert _ordered(points) and _as_multiset(points) == _as_multiset(_filled(before))
    kept = without(points, touched)
    assert _ordered(kept)
    assert _as_multiset(kept) == _as_multiset(_filled([o for o in before if o[4] not in touched]))
    fresh = merged(kept, by_diploma(_filled([o for o in after if o[4] in touched])))
    assert _ordered(fresh)
    assert _as_multiset(fresh) == _as_multiset(_filled(after))
    for t, kept_offers in (
        (Territory(departements=["012", "093"]), [o for o in after if o[0] in {"012", "093"}]),
        (Territory(region="11"), [o for o in after if o[1] == "11"]),
        (Territory(), after),
    ):
        assert centre_of(fresh, t) == _expected(kept_offers), t
    # untouched pairs' arrays are shared, not copied
    unchanged = [k for k in points if not set(points[k][2]) & touched]
    assert all(kept[k] is points[k] for k in unchanged)


def _filled(rows: list[list[Any]]) -> Points:
    points: Points = {}
    assert add_points(points, [r[:4] for r in rows], 0, 1, 2, 3, [r[4] for r in rows])
    return frozen(points)
