"""The mean place of a territory's offers, from the preload's rows instead of a read.

Without a home, a pathway answer measures far places from the mean place of the territory's
located offers (graph/pathways/find.py, ``_centre``: every ``OFFERS`` link the territory's
coverage read returns, ``cypher/coverage_offers.cypher``, with a latitude). At national size
that read is 1 000-3 000 rows for one to three départements: 50-150 ms of the worker's CPU and
as much of the database's on a territory's first answer, for two numbers. The preload reads
every ``OFFERS`` link already (``cypher/pathway_offers_of.cypher``, before a seed offer and its
open-data twin are merged), so it files each located one's latitude and longitude by its
(département, région) pair here: ~60 000 pairs of floats at national size, about 1 MB.

A territory of départements or of a région (neither a campus, whose links depend on the
establishment's campuses, nor a radius) is the union of some pairs: its centre is summed
exactly (``math.fsum``) over their points, the same float in any order, so the same as
``_centre`` gives from the read rows.

Each point is filed with its diploma (an index, :data:`Points`' third array): an edit of
offers touches diplomas (graph/touched.py), whose points are dropped and read again
(:func:`without`, then :func:`add_points` over the diplomas' offers read anew, and
:func:`merged`), so that a cache carried over the edit still knows every centre exactly
without the coverage read. Both take points ordered by diploma (:func:`by_diploma`: once
per whole preload, by the cache's near thread), so that a diploma's points are found by
bisection in the 25-45 pairs its offers fall in at national size, not by a test of every
point (docs/performance.md, edit19).
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import chain, pairwise
from operator import itemgetter
from typing import Any, TypeAlias

from graph.territory import Territory

__all__ = ["Points", "add_points", "by_diploma", "centre_of", "frozen", "merged", "without"]

# (département, région) of the links -> their latitudes, longitudes and diplomas (an index
# the cache keeps, -1 when not told), in three arrays
Points: TypeAlias = "dict[tuple[Any, Any], tuple[array[float], array[float], array[int]]]"


def add_points(
    points: Points,
    offers: Iterable[Sequence[Any]],
    dep: int,
    region: int,
    lat: int,
    lon: int,
    diplomas: Iterable[int] | None = None,
) -> bool:
    """File the located offers (lists of values; ``dep``… their indexes) in ``points``, as
    ``_centre`` counts them: a latitude that is not 0 nor null; ``diplomas``: each offer's
    diploma index, in the same order. False when a value is not a number where ``_centre``
    would add it (then the points cannot stand for the read)."""
    ids = iter(diplomas) if diplomas is not None else None
    try:
        for d, r, y, x in map(itemgetter(dep, region, lat, lon), offers):
            i = next(ids) if ids is not None else -1
            if not y:
                continue
            got = points.get((d, r))
            if got is None:
                got = points[d, r] = (array("d"), array("d"), array("l"))
            got[0].append(y)  # a TypeError for what is not a number
            got[1].append(x)
            got[2].append(i)
    except TypeError:
        return False
    return True


def frozen(points: Points) -> Points:
    """The points once filled, their arrays trimmed to their length."""
    return {
        k: (array("d", ys), array("d", xs), array("l", ds)) for k, (ys, xs, ds) in points.items()
    }


def by_diploma(points: Points) -> Points:
    """``points`` with each pair's arrays ordered by diploma (the points of one diploma in
    the order they were filed), as :func:`without` and :func:`merged` need them: the same
    centres (:func:`centre_of` sums exactly, in any order).

    >>> p = by_diploma(_filled([("012", "76", 44.0, 2.0, 1), ("012", "76", 44.2, 2.2, 0),
    ...                         ("012", "76", 44.4, 2.4, 1)]))
    >>> list(p["012", "76"][2]), list(p["012", "76"][0])
    ([0, 1, 1], [44.2, 44.0, 44.4])
    """
    out: Points = {}
    for k, (ys, xs, ds) in points.items():
        order = sorted(range(len(ds)), key=ds.__getitem__)
        out[k] = (
            array("d", map(ys.__getitem__, order)),
            array("d", map(xs.__getitem__, order)),
            array("l", map(ds.__getitem__, order)),
        )
    return out


def without(points: Points, diplomas: Collection[int]) -> Points:
    """``points`` (ordered by diploma: :func:`by_diploma`) less those of ``diplomas``
    (indexes), still ordered; the arrays of a pair holding none of them are shared, never
    copied (nor ever changed: a cache's points are read only).

    >>> p = by_diploma(_filled([("012", "76", 44.0, 2.0, 0), ("012", "76", 44.2, 2.2, 1),
    ...                         ("046", "76", 44.6, 1.6, 0)]))
    >>> q = without(p, {0})
    >>> list(q["012", "76"][0]), "046" in {k[0] for k in q}, q is not p
    ([44.2], False, True)
    """
    ids = sorted(set(diplomas))
    out: Points = {}
    for k, arrays in points.items():
        ds = arrays[2]
        cuts: list[tuple[int, int]] = []  # each diploma's points: [lo, hi), in order
        for i in ids:
            lo = bisect_left(ds, i)
            if lo < len(ds) and ds[lo] == i:
                cuts.append((lo, bisect_right(ds, i, lo)))
        if not cuts:
            out[k] = arrays
            continue
        ys, xs, kept = (_cut(a, cuts) for a in arrays)
        if kept:
            out[k] = (ys, xs, kept)
    return out


def _cut(a: array[Any], cuts: list[tuple[int, int]]) -> array[Any]:
    """``a`` less the slices ``cuts`` (in order, apart)."""
    out = a[: cuts[0][0]]
    for (_, hi), (lo, _) in pairwise(cuts):
        out += a[hi:lo]
    out += a[cuts[-1][1] :]
    return out


def merged(points: Points, more: Points) -> Points:
    """``points`` with ``more`` added (new arrays for the pairs both hold), both ordered by
    diploma (:func:`by_diploma`), and ``more``'s diplomas none of ``points``' (those of an
    edit, dropped by :func:`without`): the result is ordered too.

    >>> p = by_diploma(_filled([("012", "76", 44.0, 2.0, 0), ("012", "76", 44.4, 2.4, 2)]))
    >>> q = merged(p, by_diploma(_filled([("012", "76", 44.2, 2.2, 1),
    ...                                   ("046", "76", 44.6, 1.6, 1)])))
    >>> list(q["012", "76"][2]), list(q["012", "76"][0]), list(q["046", "76"][0])
    ([0, 1, 2], [44.0, 44.2, 44.4], [44.6])
    """
    out = dict(points)
    for k, (ys, xs, ds) in more.items():
        got = out.get(k)
        if got is None:
            out[k] = (ys, xs, ds)
            continue
        old = got[2]
        parts: list[tuple[int, int, int]] = []  # (where in the old arrays, run of more)
        j = 0
        while j < len(ds):
            end = bisect_right(ds, ds[j], j)
            parts.append((bisect_left(old, ds[j]), j, end))
            j = end
        out[k] = (
            _spliced(got[0], ys, parts),
            _spliced(got[1], xs, parts),
            _spliced(old, ds, parts),
        )
    return out


def _spliced(a: array[Any], b: array[Any], parts: list[tuple[int, int, int]]) -> array[Any]:
    """``a`` with the runs ``b[lo:hi]`` put in at ``at``, for each ``(at, lo, hi)`` of
    ``parts`` (in order)."""
    out = a[:0]
    start = 0
    for at, lo, hi in parts:
        out += a[start:at]
        out += b[lo:hi]
        start = at
    out += a[start:]
    return out


def _filled(rows: Iterable[tuple[Any, Any, float, float, int]]) -> Points:
    """Points of (département, région, lat, lon, diploma) rows (the doctests')."""
    points: Points = {}
    rows = list(rows)
    add_points(points, [r[:4] for r in rows], 0, 1, 2, 3, [r[4] for r in rows])
    return points


def centre_of(
    points: Mapping[tuple[Any, Any], tuple[array[float], array[float], array[int]]],
    territory: Territory,
) -> tuple[tuple[float, float] | None] | None:
    """``(centre,)``: the mean place of the territory's located offers (None inside when it
    has none), or None when the points cannot say (a campus, a radius: the read decides).
    The filter is the read's (``cypher/coverage_offers.cypher``): a link's département in
    the list, its région the one asked; a null département or région is in none."""
    if territory.campus is not None or territory.near is not None:
        return None
    deps = set(territory.departements) if territory.departements is not None else None
    region = territory.region
    restrict = not territory.is_everywhere
    ys: list[array[float]] = []
    xs: list[array[float]] = []
    for (dep, reg), (lat, lon, _) in points.items():
        if restrict and (
            (deps is not None and (dep is None or dep not in deps))
            or (region is not None and (reg is None or reg != region))
        ):
            continue
        ys.append(lat)
        xs.append(lon)
    n = sum(len(a) for a in ys)
    if not n:
        return (None,)
    # chained in C (a generator of every float was most of a first answer's centre, 0.5-1 ms
    # for a few thousand points); fsum is exact whatever the order
    return ((math.fsum(chain.from_iterable(ys)) / n, math.fsum(chain.from_iterable(xs)) / n),)
