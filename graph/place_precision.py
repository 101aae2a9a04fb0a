"""How precisely an establishment is placed, and what that allows to say of its distance.

The import stores how it placed each establishment (``coords_precision``, graph/ingest/
opendata/plan.py): ``establishment`` (its own coordinates, from a directory), ``programme``
(the coordinates Parcoursup gives the programme), ``commune`` (no file places it: the centre of
its commune) or ``unknown``. The API says it as ``location_precision``: ``"address"`` for the
first two, ``"commune"`` for the third, None when nothing tells (seed actors, no place).

A commune-centre place is anywhere in its commune: a distance to it is only known to a few km.
So it is shown as whole km, never under :data:`COMMUNE_RADIUS_KM` (« ~2 km », never « 0,2 km »
or « moins de 1 km »), and in the ranking it counts :data:`COMMUNE_RADIUS_KM` further than its
centre (:func:`ranking_km`): it comes before a precisely placed establishment only when it is
nearer by more than a commune's typical radius, never for a sub-commune difference
(Nantes: a CFA placed at the commune's centre 0.2 km from home no longer passes a lycée
0.9 km away placed by its address).

An establishment no file places in a commune (Parcoursup gives a position only) is given the
commune whose centre is the nearest (graph/ingest/opendata/named_commune.py). Far from that
centre, the point may lie in a neighbour (the reference has centres, not contours): it is said
« près de » that commune. Within :data:`AT_COMMUNE_KM` of it, it is said to be in it (« à
Nantes », not « près de Nantes » for a lycée 0.9 km from the town hall):
:func:`commune_from_position`.
"""

from __future__ import annotations

import math
from typing import Literal

__all__ = [
    "AT_COMMUNE_KM",
    "COMMUNE_RADIUS_KM",
    "NOTED_KM",
    "LocationPrecision",
    "APPROXIMATE_PHRASE",
    "commune_from_position",
    "km_phrase",
    "location_precision",
    "ranking_km",
    "shown_km",
    "whole_km",
]

LocationPrecision = Literal["address", "commune"]

# The typical radius of a French commune: ~34 900 communes share ~632 000 km², ~18 km² each,
# the area of a disc of ~2.4 km; the median commune is smaller (~11 km², ~1.9 km). 2 km: an
# establishment placed at its commune's centre is, typically, within 2 km of it.
COMMUNE_RADIUS_KM = 2.0

APPROXIMATE_PHRASE = "position approximative (centre de la commune)"
# Beyond this, a commune's radius is under a fifth of the distance, which is said in whole km
# anyway: « à 200 km » needs no « ~ » nor note (the card still says the place is approximate)
NOTED_KM = 10.0

# Measured on the national Annuaire (its establishments have both a commune and their own
# position): the nearest commune centre is the establishment's own commune for 99 % of those
# within 250 m of it, 94 % at 0.75–1 km, then 90 % at 1–1.25 km, 79 % at 1.25–1.5 km, 67 % at
# 1.75–2 km; 98 % of the 4 357 within 1 km. So within 1 km the commune is said as known.
AT_COMMUNE_KM = 1.0
# ... but not when another commune's centre is nearly as near: of the 4 160 Annuaire
# establishments within 1 km of the nearest centre (Occitanie, the national file's part that
# gives both), 98.9 % of the 4 014 whose next centre is at least twice as far are in the
# nearest commune, 75 % of the 146 others (Lycée Jehan de Beauce, Chartres: 0.9 km from
# Mainvilliers' town hall, 1.4 km from Chartres'). Those are said « près de ».
CLEAR_MARGIN = 2.0

_PRECISION = {"establishment": "address", "programme": "address", "commune": "commune"}


def location_precision(coords_precision: str | None) -> LocationPrecision | None:
    """The API's form of the import's ``coords_precision`` (None: not known).

    >>> location_precision("programme"), location_precision("commune"), location_precision(None)
    ('address', 'commune', None)
    """
    return _PRECISION.get(coords_precision or "")  # type: ignore[return-value]


def is_commune_centre(coords_precision: str | None) -> bool:
    return coords_precision == "commune"


def ranking_km(km: float, coords_precision: str | None) -> float:
    """The km the ranking of a step's establishments reads: a commune-centre place counts
    :data:`COMMUNE_RADIUS_KM` further (see the module's docstring).

    >>> ranking_km(0.2, "commune"), ranking_km(0.9, "establishment")
    (2.2, 0.9)
    """
    return km + COMMUNE_RADIUS_KM if coords_precision == "commune" else km


def shown_km(km: float, precision: str | None) -> float:
    """The distance the answer gives: to 0.1 km for a place known by its address (or of
    unknown precision, as before), to the whole km and at least :data:`COMMUNE_RADIUS_KM` for a
    commune's centre (``precision``: the import's ``coords_precision`` or the API's form).

    >>> shown_km(0.23, "establishment"), shown_km(0.23, "commune"), shown_km(7.6, "commune")
    (0.2, 2.0, 8.0)
    """
    if precision == "commune":
        return float(max(COMMUNE_RADIUS_KM, round(km)))
    return round(km, 1)


def km_phrase(km: float, precision: str | None, *, note: bool = True) -> str:
    """How far, in words: « 3 km », « moins de 1 km »; to a commune's centre under
    :data:`NOTED_KM`, « ~N km, position approximative (centre de la commune) » (N:
    :func:`shown_km`; ``note=False``: « ~N km », the caller says why).

    >>> km_phrase(0.2, "commune")
    '~2 km, position approximative (centre de la commune)'
    >>> km_phrase(0.4, None), km_phrase(12.4, "address"), km_phrase(200.2, "commune")
    ('moins de 1 km', '12 km', '200 km')
    >>> km_phrase(1.4, None), km_phrase(2.5, None)
    ('1 km', '3 km')
    """
    if precision == "commune" and km < NOTED_KM:
        approx = f"~{shown_km(km, precision):.0f} km"
        return f"{approx}, {APPROXIMATE_PHRASE}" if note else approx
    return f"{whole_km(km)} km" if round(km, 1) >= 1 else "moins de 1 km"


def whole_km(km: float) -> int:
    """The km said in words: the distance to 0.1 km (as the answer's fields give it) rounded
    half up, the rule of the web interface's ``fmtKm`` (frontend/src/lib/dom.ts), so that a
    step of 1.4 km and a trip of 1.4 km read « 1 km » both, and 2.5 km « 3 km » everywhere
    (Python's half-even formatting said « 2 km » where the page said « 3 km »).

    >>> whole_km(1.44), whole_km(2.5), whole_km(2.46), whole_km(12.6)
    (1, 3, 3, 13)
    """
    return math.floor(round(km, 1) + 0.5)


def commune_from_position(
    km: float, other_km: float | None = None
) -> Literal["centre", "coordinates"]:
    """How a commune found by position alone is known, from the establishment's distance to
    its centre (``km``) and to the next commune's (``other_km``, None: none near): ``centre``
    within :data:`AT_COMMUNE_KM` when the next centre is at least :data:`CLEAR_MARGIN` times
    as far (said « à X », as a commune a file names), else ``coordinates`` (said « près de
    X »).

    >>> commune_from_position(0.94), commune_from_position(1.9)
    ('centre', 'coordinates')
    >>> commune_from_position(0.9, 1.4), commune_from_position(0.5, 1.0)
    ('coordinates', 'centre')
    """
    if km > AT_COMMUNE_KM:
        return "coordinates"
    return "centre" if other_km is None or other_km >= CLEAR_MARGIN * km else "coordinates"
