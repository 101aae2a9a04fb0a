"""Distances on lat/lon doubles, the same on both engines (see docs/cypher.md)."""

from __future__ import annotations

import math

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
