"""The territory's establishments flagged « GRETA » by the Annuaire de l'éducation, named
beside a continuing-education answer. Pure functions.

A continuing-education answer says to ask « auprès des GRETA » (the files describe no
continuing-education offer of a CAP, Bac pro or BTS), while the annuaire's GRETA column flags
427 establishments (Lycée polyvalent Jules Guesde, Montpellier, tester25 §9): the answer names
the territory's, nearest first, :data:`NAMED` at most. The flag is said as the annuaire gives
it, nothing more is claimed of what the establishment offers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graph.geo import haversine_km

__all__ = ["NAMED", "greta_notice", "nearest_gretas"]

Row = Mapping[str, Any]
NAMED = 3


def nearest_gretas(
    actors: Iterable[Row], inside: Callable[[Row], bool], point: tuple[float, float] | None
) -> list[tuple[Row, float | None]]:
    """The ``actors`` the territory holds (``inside``), nearest to ``point`` first (those
    without a place last, by name), :data:`NAMED` at most, each with its distance in km.

    >>> rows = [{"name": "B", "lat": 43.6, "lon": 3.9}, {"name": "A", "lat": 43.0, "lon": 3.0},
    ...         {"name": "C"}, {"name": "D", "lat": 44.0, "lon": 4.0}]
    >>> [(a["name"], round(km or 0)) for a, km in nearest_gretas(rows, lambda a: True,
    ...                                                           (43.61, 3.88))]
    [('B', 2), ('D', 44), ('A', 98)]
    >>> [a["name"] for a, _ in nearest_gretas(rows, lambda a: a["name"] != "B", None)]
    ['A', 'C', 'D']
    """
    kept = []
    for a in actors:
        if not inside(a):
            continue
        lat, lon = a.get("lat"), a.get("lon")
        km = (
            haversine_km(point[0], point[1], lat, lon)
            if point is not None and lat is not None and lon is not None
            else None
        )
        kept.append((a, km))
    kept.sort(key=lambda p: (p[1] is None, p[1] or 0.0, str(p[0].get("name") or "")))
    return kept[:NAMED]


def greta_notice(found: list[tuple[Row, float | None]], where: str) -> str | None:
    """The notice (French) naming them, or None when there are none; ``where``: the territory
    (« dans le département de l'Hérault (34) »).

    >>> print(greta_notice([({"name": "Lycée polyvalent Jules Guesde", "commune": "Montpellier"},
    ...                      2.4)], "dans le département de l'Hérault (34)"))
    Établissement signalé « GRETA » par l'annuaire de l'éducation dans le département de \
l'Hérault (34), à qui demander une offre en formation continue : Lycée polyvalent Jules \
Guesde (Montpellier, à 2 km).
    >>> greta_notice([], "ici") is None
    True
    """
    if not found:
        return None
    named = []
    for a, km in found:
        how = [str(a["commune"])] if a.get("commune") else []
        if km is not None:
            how.append(f"à {km:.0f} km")
        named.append(f"{a.get('name')}" + (f" ({', '.join(how)})" if how else ""))
    one = len(named) == 1
    listed = named[0] if one else ", ".join(named[:-1]) + " et " + named[-1]
    return (
        f"{'Établissement signalé' if one else 'Établissements signalés'} « GRETA » par "
        f"l'annuaire de l'éducation {where}, à qui demander une offre en formation continue : "
        f"{listed}."
    )
