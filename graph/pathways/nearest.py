"""The best establishments of a diploma from a place, without ordering all of its offers.

A question with no territory and no modality chooses, at each step, among every offer of the
diploma in the country (:func:`graph.pathways.scoring.choose`: the first
:data:`~graph.pathways.scoring.OFFERS_PER_STEP` by :func:`~graph.pathways.scoring.offer_key`).
Those offers are the same lists for every such question of a graph version
(:meth:`graph.pathways.data.PathwayData.everywhere_offers`): :class:`NearIndex` orders one of
them once by what its key reads before the distance (its first term, which also says whether
the offer has a distance at all), then by latitude. A step then orders only the offers whose
difference of latitude does not already put them beyond the last one kept: the great-circle
distance is never less than the difference of latitudes times the earth's radius, and the km the
ranking reads never less than that distance (:func:`~graph.place_precision.ranking_km` adds
some, :func:`~graph.pathways.scoring.effective_km` counts each km once at least). The same
establishments in the same order as :func:`~graph.pathways.scoring.choose` (equal keys: the
list's order), compared on every diploma of the synthetic national graph in
``tests/unit/test_pathway_nearest.py``.
"""

from __future__ import annotations

import bisect
import heapq
import math
from array import array
from typing import Any

from graph.geo import EARTH_RADIUS_KM
from graph.pathways.entry_figures import step_figures
from graph.pathways.scoring import (
    OFFERS_PER_STEP,
    Choice,
    LatLon,
    Offer,
    choice_of,
    effective_km,
    key_from,
    static_3e_of,
    static_of,
)
from graph.place_precision import COMMUNE_RADIUS_KM

__all__ = ["NearIndex"]

# km per radian of latitude difference, a hair under the radius so that the rounding of the
# haversine's floats can never put an offer below its bound
_KM_PER_RADIAN = EARTH_RADIUS_KM * (1.0 - 1e-9)

# (establishment id, département) -> the same tuple: shared by the indexes of every diploma and
# version (a few thousand establishments)
_PAIRS: dict[tuple[Any, Any], tuple[Any, Any]] = {}

# the ids of a pool's establishments, their départements, and each offer's (id, département)
Places = tuple[frozenset[Any], frozenset[Any], tuple[tuple[Any, Any], ...]]
# the offers of one first term of the key (NearIndex.groups)
_Group = tuple[bool, "array[float]", "array[int]", "array[float]", "array[int]"]


def _first(keys: list[tuple[Any, ...]]) -> tuple[int, ...]:
    """The indexes of the :data:`OFFERS_PER_STEP` smallest keys, smallest first, equal ones in
    their order (:func:`heapq.nsmallest`, as :func:`~graph.pathways.scoring.choose`)."""
    return tuple(heapq.nsmallest(OFFERS_PER_STEP, range(len(keys)), key=keys.__getitem__))


class NearIndex:
    """One diploma's offers (a list in which every offer is flagged in the territory: a
    question's whole pool) ordered for :meth:`choice`, and what every step to the diploma
    reads of them whatever the previous place (:meth:`graph.pathways.scoring.Scorer._pool`):
    whether one may have a known capacity, their establishments and départements."""

    __slots__ = ("_places", "capacity", "groups", "nowhere", "offers")

    def __init__(self, offers: list[Offer]) -> None:
        if not all(o.in_territory for o in offers):
            raise ValueError("every offer of a NearIndex is in the territory")
        self.offers = offers
        # the first terms of each offer's static key, not kept on the offer: a step keys only
        # the offers it walks (Offer.static, made then), a few of the country's
        by_kind: dict[int, list[tuple[float, int, float, int]]] = {}
        flats: dict[int, bool] = {}
        # each offer's key from no place (scoring._key_from_nowhere), and after 3e
        nowhere: list[tuple[Any, ...]] = []
        nowhere_3e: list[tuple[Any, ...]] = []
        for i, o in enumerate(offers):
            static = o.static or static_of(o)
            kind, flat, p2, _, lon2, boarding, precision, _island, tail = static
            mark = (precision == "commune") | (2 if boarding else 0)
            by_kind.setdefault(kind, []).append((p2, i, 0.0 if lon2 is None else lon2, mark))
            flats.setdefault(kind, bool(flat))  # the first term says whether it has a distance
            nowhere.append((kind & ~1, 0.0, tail))
            if o.offer.get("entry_year") is not None:
                nowhere_3e.append((kind & ~1, 0.0, static_3e_of(o, static)[-1]))
            else:
                nowhere_3e.append(nowhere[-1])
        # (whether it has no distance, the latitudes in radians ascending, the offers' indexes
        # in the same order, their longitudes, and whether each is placed at its commune's
        # centre (1) and has boarding places (2): what the distance of its key reads besides
        # the latitude), by the key's first term ascending; arrays: 21 bytes an offer
        self.groups: list[_Group] = []
        for kind in sorted(by_kind):
            entries = sorted(by_kind[kind])
            self.groups.append(
                (
                    flats[kind],
                    array("d", [e[0] for e in entries]),
                    array("i", [e[1] for e in entries]),
                    array("d", [e[2] for e in entries]),
                    array("b", [e[3] for e in entries]),
                )
            )
        # the indexes of the best OFFERS_PER_STEP offers from no place (a first step without
        # home: scoring.choose over every offer), best first, and after 3e
        first = _first(nowhere)
        self.nowhere = (first, first if nowhere_3e == nowhere else _first(nowhere_3e))
        # Scorer._pool's capacity flag, for a step entered after 3e or not
        self.capacity = (
            any(step_figures(o.offer, False)[0] is not None for o in offers),
            any(step_figures(o.offer, True)[0] is not None for o in offers),
        )
        self._places: Places | None = None

    @property
    def places(self) -> Places:
        """Scorer._holds_where's sets of the pool (its establishments' ids, their
        départements, each offer's pair), made once then kept (~1.5 KB a diploma): for every
        diploma after the preload (graph/pathways/data.py, ``_make_near``), else when a
        documented scoped leg to the diploma first needs them."""
        got = self._places
        if got is None:
            one = _PAIRS.setdefault  # an establishment's pair is one tuple in every index
            pairs = tuple(
                one(p, p)
                for p in ((o.actor.get("id"), o.offer.get("departement")) for o in self.offers)
            )
            got = self._places = (
                frozenset(a for a, _ in pairs),
                frozenset(d for _, d in pairs),
                pairs,
            )
        return got

    def choice(self, prev: LatLon | None, after_3e: bool = False) -> Choice | None:
        """:func:`~graph.pathways.scoring.choose` of the offers from ``prev`` (None: from no
        place, the ranking kept by the index): the same Choice."""
        offers = self.offers
        if not offers:
            return None
        if prev is None:
            return choice_of([offers[i] for i in self.nowhere[after_3e]], None, len(offers))
        key = key_from(prev, after_3e)
        p1 = math.radians(prev[0])
        c1 = math.cos(p1)
        lon1 = prev[1]
        n = OFFERS_PER_STEP
        best: list[tuple[tuple[Any, ...], int]] = []  # (key, index), ascending, n at most
        for flat, lats, idx, lons, marks in self.groups:
            if len(best) >= n:  # every offer left has a larger first term
                break
            if flat:  # no distance: the terms after it decide
                for i in idx:
                    _keep(best, (key(offers[i]), i), n)
                continue
            size = len(lats)
            hi = bisect.bisect_left(lats, p1)
            lo = hi - 1
            while lo >= 0 or hi < size:
                if hi < size and (lo < 0 or lats[hi] - p1 <= p1 - lats[lo]):
                    gap, at = lats[hi] - p1, hi
                    hi += 1
                else:
                    gap, at = p1 - lats[lo], lo
                    lo -= 1
                if len(best) >= n:
                    # full: its last is of this first term (it was not full before it); every
                    # offer left is at least as far in latitude
                    worst = best[-1][0][1]
                    if gap * _KM_PER_RADIAN > worst:
                        break
                    # the km its key reads (scoring.key_from's operations, in the same order:
                    # the same float): farther than the last kept, it is not kept, and its
                    # key is not made (nor its static key, the first time)
                    p2 = lats[at]
                    dl = math.radians(lons[at] - lon1)
                    a = math.sin((p2 - p1) / 2) ** 2 + c1 * math.cos(p2) * math.sin(dl / 2) ** 2
                    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
                    mark = marks[at]
                    if effective_km(km + COMMUNE_RADIUS_KM if mark & 1 else km, mark & 2) > worst:
                        continue
                i = idx[at]
                entry = (key(offers[i]), i)
                if len(best) < n:  # _keep, written out: the loop's most frequent call
                    bisect.insort(best, entry)
                elif entry < best[-1]:
                    bisect.insort(best, entry)
                    best.pop()
        return choice_of([offers[i] for _, i in best], prev, len(offers))


def _keep(
    best: list[tuple[tuple[Any, ...], int]], entry: tuple[tuple[Any, ...], int], n: int
) -> None:
    """``entry`` among the ``n`` smallest of ``best`` (sorted), if it is one of them."""
    if len(best) < n:
        bisect.insort(best, entry)
    elif entry < best[-1]:
        bisect.insort(best, entry)
        best.pop()
