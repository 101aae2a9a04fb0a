"""graph/pathways/offer_centres.py: a territory's centre from the points filed by place."""

from __future__ import annotations

import math
import random
from typing import Any

from graph.pathways.offer_centres import Points, add_points, centre_of, frozen
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
