"""Distances on lat/lon doubles, the same on both engines (see docs/cypher.md)."""

from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6378.14  # the radius FalkorDB's distance() uses, so both engines agree


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(44.6086, 2.0317, 44.5597, 2.2506), 1)
    18.2
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# what lon_reach adds to its bound: the rounding of the haversine's floats never puts a place
# beyond it inside the distance
_REACH_MARGIN = 1e-6


@lru_cache(maxsize=1024)
def lon_reach(lat: float, km: float) -> float:
    """The degrees of longitude beyond which a place is farther than ``km`` from a point at
    latitude ``lat`` (:func:`haversine_km`), whatever its own latitude: 180 when there is no
    such bound (a circle that reaches a pole). A radius tests thousands of offers (a search, the
    notices of a first answer): the places of its band of latitude but east or west of it need
    no distance.

    Why it holds: a place within ``km`` lies within the angular radius d = km / R in latitude,
    so the cosine of its latitude is at least cos(|lat| + d); the haversine's
    sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) is then at least cos φ1 cos(|lat| + d) sin²(Δλ/2),
    and it is at most sin²(d/2) for a place within ``km``. A relative margin above it (and
    the same micrometre as the latitude's bound) leaves the rounding no room.

    >>> round(lon_reach(45.0, 60.0), 4)
    0.7659
    >>> lon_reach(89.9, 60.0), lon_reach(0.0, 30_000.0)
    (180.0, 180.0)
    >>> lon_gap(179.5, -179.5), lon_gap(2.0, -1.0)
    (1.0, 3.0)
    >>> all(haversine_km(45.0, 0.0, lat, lon_reach(45.0, 60.0) * 1.000001) > 60.0
    ...     for lat in (44.5, 45.0, 45.3, 45.5))
    True
    """
    d = (km + 1e-9) / EARTH_RADIUS_KM
    far = abs(math.radians(lat)) + d
    if far >= math.pi / 2:
        return 180.0
    s = math.sin(d / 2) / math.sqrt(math.cos(math.radians(lat)) * math.cos(far))
    s *= 1.0 + _REACH_MARGIN
    if s >= 1.0:
        return 180.0
    return math.degrees(2 * math.asin(s)) + 1e-9


# the relative margin under the radius of inner_reach's box (far more than the rounding of
# the haversine's floats)
_INNER_MARGIN = 1e-6


@lru_cache(maxsize=1024)
def inner_reach(lat: float, km: float) -> tuple[float, float]:
    """The degrees of latitude and of longitude (:func:`lon_gap`) within which every place is
    at most ``km`` from a point at latitude ``lat`` (:func:`haversine_km`): a radius tests
    thousands of offers, and those near its centre need no distance. (0, 0) when there is no
    such box worth testing (a circle that reaches a pole).

    Why it holds: the haversine's sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) is at most
    sin²(Δφ/2) + cos φ1 sin²(Δλ/2); with each term at most half of sin²(d/2) (d = km / R,
    less a relative margin) the distance is within ``km``.

    >>> dlat, dlon = inner_reach(45.0, 60.0)
    >>> round(dlat, 4), round(dlon, 4)
    (0.3811, 0.4532)
    >>> all(haversine_km(45.0, 0.0, 45.0 + a * dlat, b * dlon) <= 60.0
    ...     for a in (-1, 0, 1) for b in (-1, 0, 1))
    True
    >>> inner_reach(89.9, 60.0)
    (0.0, 0.0)
    """
    d = km * (1.0 - _INNER_MARGIN) / EARTH_RADIUS_KM
    if abs(math.radians(lat)) + d >= math.pi / 2 or d >= math.pi / 2:
        return 0.0, 0.0
    half = math.sin(d / 2) / math.sqrt(2.0)
    dlat = math.degrees(2 * math.asin(half))
    s = half / math.sqrt(math.cos(math.radians(lat)))
    dlon = math.degrees(2 * math.asin(s)) if s < 1.0 else 0.0
    return dlat * (1.0 - _INNER_MARGIN), dlon * (1.0 - _INNER_MARGIN)


def lon_gap(lon1: float, lon2: float) -> float:
    """The difference of two longitudes in degrees, from 0 to 180 (across the antimeridian
    too: what :func:`haversine_km` measures)."""
    gap = abs(lon1 - lon2) % 360.0
    return 360.0 - gap if gap > 180.0 else gap
