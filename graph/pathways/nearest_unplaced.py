"""Which establishment an answer may call « le plus proche » when some have no position.

A step the territory does not offer is said with its nearest establishment elsewhere
(graph/pathways/explanation.py, ``why_none``; the required diploma of a regulated job,
graph/pathways/regulated.py). Only establishments with a position can be measured, and in the
national files about half have none. Measured among the placed ones only, Alençon's nearest
Bac pro interventions sur le patrimoine bâti option C couverture was a lycée of La Réunion,
9 469 km away, while the files list it in the Nord, the Dordogne and the Jura without a
position; Bourges's nearest CAP métiers de la coiffure was at Bourganeuf (135 km) while the
Nièvre next door offers it, unplaced (tester22).

An unplaced establishment still has a département (its UAI's first characters, or its
commune's when known: graph/ingest/opendata/values.py). Its distance is at least the one of
the nearest commune centre of that département (:meth:`graph.communes.CommuneIndex.
km_to_departements`: 0 in the learner's own département, a few km in a neighbouring one). So:

- the offers on the other side of the sea (metropolitan France / overseas) are left out when
  some lie on the learner's side, placed or not: an overseas lycée is never the nearest of a
  metropolitan home that has some in France;
- the placed one nearest is said as before when no unplaced one lies in a département that
  comes nearer than it; otherwise those départements are named, nearest first, « lieu exact
  inconnu ».

Pure but for the commune reference (read once per process); without it the départements of
unplaced offers cannot be measured and are named only when no placed one is known.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from graph import communes
from graph.departements import and_list, departement_number, departement_of
from graph.distance_learning import is_distance_learning
from graph.geo import haversine_km
from graph.pathways.scoring import Offer

__all__ = [
    "MAX_DEPARTEMENTS",
    "Nearest",
    "departements_in",
    "nearest_offers",
    "on_side",
    "overseas_point",
]

MAX_DEPARTEMENTS = 3  # départements named; the others counted

# metropolitan France and Corsica, with a margin: any point outside is overseas
_METRO_LAT = (41.0, 51.5)
_METRO_LON = (-5.8, 10.0)


class Nearest(NamedTuple):
    """The nearest placed offer (None: none on the learner's side) and its distance, and the
    départements (stored codes, nearest first) of unplaced offers that may lie nearer."""

    offer: Offer | None
    km: float | None
    departements: tuple[str, ...]


def overseas_point(lat: float, lon: float) -> bool:
    """Whether a point lies outside metropolitan France and Corsica.

    >>> overseas_point(48.43, 0.09), overseas_point(-21.0, 55.3), overseas_point(41.9, 8.7)
    (False, True, False)
    """
    return not (_METRO_LAT[0] <= lat <= _METRO_LAT[1] and _METRO_LON[0] <= lon <= _METRO_LON[1])


def _overseas(o: Offer) -> bool | None:
    """Whether an offer lies overseas, by its département (« 971 »… « 988 »), else by its
    position; None when neither is known."""
    dep = str(o.offer.get("departement") or "")
    if dep:
        return dep[:2] in ("97", "98")
    lat, lon = o.offer.get("lat"), o.offer.get("lon")
    if lat is None or lon is None:
        return None
    return overseas_point(lat, lon)


def on_side(point: tuple[float, float], offers: Sequence[Offer]) -> list[Offer]:
    """The offers on the same side of the sea as ``point`` (metropolitan France or overseas),
    when there are some, placed or not; else all of them."""
    here = overseas_point(*point)
    same = [o for o in offers if _overseas(o) is here]
    return same or list(offers)


@lru_cache(maxsize=4096)
def _km_to(lat: float, lon: float, dep: str) -> float | None:
    """The distance from a point to the nearest commune centre of a département (stored
    code); None when the reference does not know it or is missing."""
    try:
        ref = communes.reference()
    except communes.ReferenceMissing:
        return None
    return ref.km_to_departements(lat, lon, [departement_number(dep)])


def nearest_offers(point: tuple[float, float], offers: Iterable[Offer]) -> Nearest:
    """The offers (not taught at a distance) as an answer may say them from ``point``
    (module docstring).

    >>> def o(dep, lat=None, lon=None):
    ...     return Offer("X", {"id": dep, "name": dep}, {"departement": dep, "lat": lat,
    ...                  "lon": lon}, False)
    >>> found = nearest_offers((48.43, 0.09), [o("974", -20.9, 55.3), o("059")])
    >>> found.offer is None, found.departements
    (True, ('059',))
    >>> found = nearest_offers((48.43, 0.09), [o("974", -20.9, 55.3)])
    >>> found.offer.offer["departement"], round(found.km), found.departements
    ('974', 9464, ())
    """
    taught = on_side(point, [o for o in offers if not is_distance_learning(o.actor)])
    best: Offer | None = None
    best_km = math.inf
    unplaced: set[str] = set()
    for o in taught:
        lat, lon = o.offer.get("lat"), o.offer.get("lon")
        if lat is None or lon is None:
            if dep := str(o.offer.get("departement") or ""):
                unplaced.add(dep)
            continue
        km = haversine_km(point[0], point[1], lat, lon)
        if km < best_km:
            best, best_km = o, km
    nearer: list[tuple[float, str]] = []
    for dep in unplaced:
        bound = _km_to(round(point[0], 5), round(point[1], 5), dep)
        if bound is None:
            if best is None:  # nothing measured: every one is named
                nearer.append((math.inf, dep))
        elif bound < best_km:
            nearer.append((bound, dep))
    return Nearest(best, None if best is None else best_km, tuple(d for _, d in sorted(nearer)))


def departements_in(deps: Sequence[str]) -> str:
    """« dans le département de la Nièvre (58) », « dans les départements de la Nièvre (58) et
    du Loir-et-Cher (41) », « dans les départements du Nord (59), de la Dordogne (24), du Jura
    (39) et 2 autres »: at most :data:`MAX_DEPARTEMENTS` named, in their order.

    >>> departements_in(["058"])
    'dans le département de la Nièvre (58)'
    >>> departements_in(["059", "024", "039", "001", "002"])
    'dans les départements du Nord (59), de la Dordogne (24), du Jura (39) et 2 autres'
    """
    parts = [departement_of(d) for d in deps[:MAX_DEPARTEMENTS]]
    rest = len(deps) - len(parts)
    if len(parts) == 1 and not rest:
        return f"dans le département {parts[0]}"
    if rest:
        parts.append(f"{rest} autre{'s' if rest > 1 else ''}")
    return f"dans les départements {and_list(parts)}"
