"""The diplomas of the goal that the territory offers and that no known passerelle reaches from
the start: said when pathways were found, so that a partial answer says it is partial. Pure
functions over plain data; :mod:`graph.pathways.partial` gathers it from the pathway cache's
offers in memory (a first wiring read the territory's coverage rows from the database and made
national searches ten times slower at p95, docs/performance.md).

Bac pro MELEC → BTS in Loire-Atlantique: « 4 parcours trouvés » and nothing else, while the BTS
files show the BTS CRSA and the BTS maintenance des systèmes option B offered in the 44, which
no passerelle of the data leads to from that Bac pro. Only a zero-result answer said « des
formations … mais aucune passerelle connue ».

Which ones are named: those of the start's field. Counting every BTS of a département (tourism,
accounting…) after a Bac pro in electricity would be true and useless; so when the start
diploma has an NSF group, only the goal diplomas of its field count (:func:`near_field`): the
same NSF group (« 255 » électricité, électronique), the pluri-technological group of its domain
(the NSF groups ending in 0: « 250 », the BTS maintenance des systèmes) and, for a start of an
industrial speciality (NSF domains 22 to 25 but « 221 » agroalimentaire, alimentation, cuisine),
the pluri-technological production ones (« 200 », « 201 »: the BTS CRSA), which train for any
of them. A start of a pluri-technological group (« 250 ») counts
its whole domain (« 25x »). A goal whose field the files do not give (no NSF group: 4 BUT of
60 nationally, the BTS the Parcoursup file names by a label of its own) takes the field of its
programme when another diploma of its type names it with one (:func:`programme_fields`: the
BCN's « BTS étude et réalisation d'agencement »); otherwise it may be of the start's field: it
is named last, apart, « de domaine inconnu dans les données », never left out. For a job
goal, the job is the field: every diploma of the territory that prepares for it counts. From a
level (no start diploma, no field), every goal diploma of the territory that no start of that
level reaches counts.

Offered means an open offer of the diploma in the territory (in the modality asked) that the
latest public files still list (:func:`graph.pathways.hygiene.usable_rows` with no « last
seen » year): never a closed offer, a diploma the BCN closed, or an offer the files stopped
listing. A common first year (« 1re année commune ») is no diploma one obtains: not counted.

A programme is counted once, and not at all when a pathway reaches it under another code: the
Parcoursup file names programmes of its own (« BTS – Production – Etude et realisation
d'agencement ») that the BCN names too (« BTS étude et réalisation d'agencement »,
:func:`programme_of`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from graph.diploma_names import display_name, is_common_year_kept
from graph.geo import EARTH_RADIUS_KM, haversine_km, inner_reach, lon_gap, lon_reach
from graph.inference.bac_techno_tracks import series_named
from graph.nsf import DOMAINS, field_code
from graph.programme_names import programme_words
from graph.territory import Territory
from graph.text import named_and_counted

__all__ = [
    "CurrentPlaces",
    "asked_field",
    "current_places",
    "current_points",
    "examples",
    "goal_offered",
    "near_field",
    "programme_fields",
    "programme_of",
    "unknown_field",
    "unknown_goal_note",
    "unreached_goals",
    "shared_field_phrase",
    "unreached_goals_sentence",
    "where_candidates",
    "where_index",
    "with_programme_field",
]

Row = dict[str, Any]

EXAMPLES = 3
UNKNOWN_NAMED = 5  # goals of unknown field named at most; more are only counted

# the domain Parcoursup writes between the type and the name (« BTS – Services – … »)
_PARCOURSUP_DOMAINS = frozenset({"PRODUCTION", "SERVICES", "AGRICOLE"})


@lru_cache(maxsize=16_384)
def _programme(name: str) -> tuple[str, ...]:
    words = programme_words(name)
    while len(words) > 1 and words[0] in _PARCOURSUP_DOMAINS:
        words = words[1:]
    return words


def programme_of(d: Mapping[str, Any]) -> tuple[str, ...]:
    """The programme of a diploma, as the BCN and Parcoursup both name it.

    >>> programme_of({"name": "BTS – Production – Etude et realisation d'agencement"})
    ('ETUDE', 'ET', 'REALISATION', 'D', 'AGENCEMENT')
    >>> programme_of({"name": "BTS étude et réalisation d'agencement"})
    ('ETUDE', 'ET', 'REALISATION', 'D', 'AGENCEMENT')
    """
    return _programme(str(d.get("name") or "")) or (str(d.get("code") or ""),)


class CurrentPlaces(NamedTuple):
    """Where a diploma has offers that count as offered (open, of a diploma the BCN has not
    closed, listed by the latest files: no « last seen » year), by modality: what the pathway
    cache keeps per diploma and graph version (:meth:`PathwayData.current_places`), so that a
    territory's goal diplomas are found without looking at their offers one by one."""

    # tuples of distinct pairs, not frozensets, and the pairs shared between diplomas: kept for
    # every diploma of the country (RSS per worker, docs/performance.md); only iterated
    departements: tuple[tuple[Any, Any], ...]  # (modality, département)
    regions: tuple[tuple[Any, Any], ...]  # (modality, région code)
    campuses: tuple[tuple[Any, Any], ...]  # (modality, campus): the offer's, its establishment's
    points: tuple[tuple[float, float | None, Any], ...]  # (lat, lon, modality) placed, by lat


NOWHERE = CurrentPlaces((), (), (), ())
"""The places of a diploma with no current offer (most of them): one object for all."""

_PAIRS: dict[tuple[Any, Any], tuple[Any, Any]] = {}


def _shared(pairs: set[tuple[Any, Any]]) -> tuple[tuple[Any, Any], ...]:
    """The pairs as a tuple of the one object kept for each pair (a few thousand in all)."""
    return tuple(map(_PAIRS.setdefault, pairs, pairs))  # a set iterates twice in one order


def current_places(
    rows: Sequence[tuple[Mapping[str, Any], Mapping[str, Any], int | None]],
) -> CurrentPlaces:
    """The :class:`CurrentPlaces` of a diploma's usable (actor, offer, last seen) rows
    (:func:`graph.pathways.hygiene.usable_rows`).

    >>> here = {"departement": "044", "region_code": "52", "lat": 47.2, "modality": "school",
    ...         "lon": None}
    >>> c = current_places([({"campuses": ["c"]}, here, None), ({}, {"lat": 45.0}, 2021)])
    >>> sorted(c.departements), sorted(c.campuses), c.points
    ([('school', '044')], [('school', 'c')], ((47.2, None, 'school'),))
    """
    deps: set[tuple[Any, Any]] = set()
    regions: set[tuple[Any, Any]] = set()
    campuses: set[tuple[Any, Any]] = set()
    for a, o, last_seen in rows:
        if last_seen is not None:
            continue
        get = o.get
        if get("status") == "closed":
            continue
        m = get("modality")
        deps.add((m, get("departement")))
        regions.add((m, get("region_code")))
        if campus := get("campus"):
            campuses.add((m, campus))
        if theirs := a.get("campuses"):
            for c in theirs:
                campuses.add((m, c))
    if not deps:
        return NOWHERE
    points = current_points(rows)
    return CurrentPlaces(_shared(deps), _shared(regions), _shared(campuses), points)


def current_points(
    rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any], int | None]],
) -> tuple[tuple[float, float | None, Any], ...]:
    """:attr:`CurrentPlaces.points` of a diploma's usable rows: (lat, lon, modality) of each
    current offer that is placed, by latitude (ties in the rows' order). Their values are the
    rows' own objects: a cache's snapshot makes them again from the rows it read back
    (graph/pathways/data.py), not from floats of their own.

    >>> current_points([({}, {"lat": 45.0, "lon": 1.0}, None), ({}, {"lat": 44.0}, None),
    ...                 ({}, {"lat": 43.0}, 2021), ({}, {"lat": 42.0, "status": "closed"}, None)])
    ((44.0, None, None), (45.0, 1.0, None))
    """
    points = [
        (lat, o.get("lon"), o.get("modality"))
        for _, o, last_seen in rows
        if last_seen is None and o.get("status") != "closed" and (lat := o.get("lat")) is not None
    ]
    points.sort(key=itemgetter(0))
    return tuple(points)


def _meets(pairs: Iterable[tuple[Any, Any]], wanted: Collection[Any], modality: Any) -> bool:
    """Whether some (modality, place) of ``pairs`` has a wanted place (in the modality)."""
    if modality is None:
        return any(p in wanted for _, p in pairs)
    return any(m == modality and p in wanted for m, p in pairs)


def _may_be_in(
    c: CurrentPlaces, territory: Territory, modality: Any, in_radius: bool = False
) -> bool:
    """Whether some current offer may be in the territory: each of its conditions is met by
    some offer (the same offer for a territory of one condition). ``in_radius``: a current
    offer is known to be within the territory's radius (:func:`within_cells`)."""
    if not c.departements:
        return False
    if territory.departements and not _meets(c.departements, territory.departements, modality):
        return False
    if territory.region and not _meets(c.regions, (territory.region,), modality):
        return False
    if territory.campus and not _meets(c.campuses, (territory.campus,), modality):
        return False
    return (
        not (territory.near and territory.radius_km) or in_radius or _within(c, territory, modality)
    )


def _within(c: CurrentPlaces, territory: Territory, modality: Any) -> bool:
    """Whether a current offer (in the modality) is within the territory's radius, as
    :meth:`Territory.contains` measures it: only the offers of its band of latitude looked at."""
    near, radius = territory.near, territory.radius_km
    assert near is not None and radius is not None
    reach = radius / 111.0  # 1° of latitude is 111.3 km (graph.geo): a margin
    lat0, lon0 = near.lat, near.lon
    wide = lon_reach(lat0, radius)  # farther east or west: no distance needed
    # nearer the centre than this in latitude and longitude: within, no distance needed
    inner_lat, inner_lon = inner_reach(lat0, radius)
    pts = c.points
    # (x,) sorts before every point of latitude x or more: the first of the band, no key
    for i in range(bisect_left(pts, (lat0 - reach,)), len(pts)):
        lat, lon, m = pts[i]
        if lat > lat0 + reach:
            break
        if (modality is None or m == modality) and lon is not None:
            gap = lon_gap(lon, lon0)
            if gap <= wide and (
                (gap <= inner_lon and abs(lat - lat0) <= inner_lat)
                or haversine_km(lat0, lon0, lat, lon) <= radius
            ):
                return True
    return False


def _one_condition(territory: Territory) -> bool:
    """Whether the territory is one of départements, a région, a campus or a radius alone:
    then an offer of the diploma in one of its (modality, place), or within the radius, is an
    offer in the territory."""
    kinds = [
        bool(territory.departements),
        bool(territory.region),
        bool(territory.campus),
        bool(territory.near and territory.radius_km),
    ]
    return sum(kinds) == 1


# the side of the cells, in degrees, by which :func:`where_index` files the placed offers
GRID_DEG = 0.5
WhereKey = tuple[Any, ...]
WhereIndex = Mapping[WhereKey, tuple[str, ...]]


def _cell(lat: float, lon: float) -> WhereKey:
    return ("g", math.floor(lat / GRID_DEG), math.floor(lon / GRID_DEG))


def where_keys(c: CurrentPlaces) -> set[WhereKey]:
    """The keys a diploma is filed under in :func:`where_index`: each département, région and
    campus of its current offers, and the grid cell of each placed one."""
    keys: set[WhereKey] = {("d", d) for _, d in c.departements}
    keys.update(("r", r) for _, r in c.regions)
    keys.update(("c", k) for _, k in c.campuses)
    keys.update(_cell(lat, lon) for lat, lon, _ in c.points if lon is not None)
    return keys


def where_index(places: Mapping[str, CurrentPlaces]) -> dict[WhereKey, tuple[str, ...]]:
    """Which diplomas have a current offer where: built once from every diploma's
    :class:`CurrentPlaces`, so that a territory's goal diplomas are looked for among the few
    filed under its places instead of among every diploma of the country.

    >>> c = current_places([({}, {"departement": "044", "lat": 47.2, "lon": -1.55}, None)])
    >>> sorted(where_index({"1": c}))
    [('d', '044'), ('g', 94, -4), ('r', None)]
    """
    # where_keys() of each diploma, filed by kind first: a key tuple per place, not per
    # diploma and place
    by_kind: dict[str, dict[Any, set[str]]] = {"d": {}, "r": {}, "c": {}}
    cells: dict[tuple[int, int], set[str]] = {}
    floor = math.floor
    for code, c in places.items():
        for kind, pairs in (("d", c.departements), ("r", c.regions), ("c", c.campuses)):
            filed = by_kind[kind]
            for _, p in pairs:
                got = filed.get(p)
                if got is None:
                    filed[p] = {code}
                else:
                    got.add(code)
        for lat, lon, _ in c.points:
            if lon is not None:
                cell = (floor(lat / GRID_DEG), floor(lon / GRID_DEG))
                got = cells.get(cell)
                if got is None:
                    cells[cell] = {code}
                else:
                    got.add(code)
    out: dict[WhereKey, tuple[str, ...]] = {}  # tuples: a quarter of the memory
    for kind, filed in by_kind.items():
        for p, codes in filed.items():
            out[(kind, p)] = tuple(sorted(codes))
    for (i, j), codes in cells.items():
        out[("g", i, j)] = tuple(sorted(codes))
    return out


def _radius_cells(territory: Territory) -> list[WhereKey]:
    """The grid cells a circle may touch: its bounding box on the sphere (the longitude
    span from its angular radius and its centre's latitude), widened by a margin."""
    near, radius = territory.near, territory.radius_km
    assert near is not None and radius is not None
    delta = radius / EARTH_RADIUS_KM * 1.01
    lat0 = math.radians(near.lat)
    lat_lo, lat_hi = near.lat - math.degrees(delta), near.lat + math.degrees(delta)
    ratio = math.sin(delta) / max(math.cos(lat0), 1e-9)
    if ratio >= 1 or lat_hi >= 90 or lat_lo <= -90:
        lon_lo, lon_hi = -180.0, 180.0
    else:
        span = math.degrees(math.asin(ratio))
        lon_lo, lon_hi = near.lon - span, near.lon + span
    _, i0, j0 = _cell(lat_lo, lon_lo)
    _, i1, j1 = _cell(lat_hi, lon_hi)
    return [("g", i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]


# the largest radius whose cells within_cells looks for (a cell's farthest point from the
# centre is then one of its corners: see within_cells), and the relative margin under the
# radius its corners must be within (far more than the haversine's rounding)
WITHIN_MAX_KM = 1000.0
_WITHIN_MARGIN = 1e-6


def within_cells(territory: Territory) -> list[WhereKey]:
    """The grid cells of :func:`where_index` whose every point is within the territory's
    radius (none without a radius): a diploma filed under one has a current offer within it
    (in some modality), which :func:`_within` need not look for among its offers.

    A cell is within when its four corners are: along a parallel, the distance from the centre
    grows with the difference of longitude (up to 180°), so a cell's farthest point is on one
    of its two meridian edges; along a meridian, the haversine's sin²(Δφ/2) +
    cos φ0 cos φ sin²(Δλ/2) is ½ − C cos(φ − δ) for constants C ≥ 0 and δ, whose only
    maximum is a quarter of the earth or more away, never inside an edge whose ends are within
    :data:`WITHIN_MAX_KM`.

    >>> from graph.territory import Point
    >>> within_cells(Territory(near=Point(lat=45.25, lon=4.75), radius_km=60))
    [('g', 90, 9)]
    >>> within_cells(Territory(near=Point(lat=45.25, lon=4.75), radius_km=20))
    []
    >>> within_cells(Territory(departements=["069"]))
    []
    """
    near, radius = territory.near, territory.radius_km
    if near is None or not radius or radius > WITHIN_MAX_KM:
        return []
    limit = radius * (1.0 - _WITHIN_MARGIN)
    out: list[WhereKey] = []
    for key in _radius_cells(territory):
        _, i, j = key
        if all(
            haversine_km(near.lat, near.lon, lat, lon) <= limit
            for lat in (i * GRID_DEG, (i + 1) * GRID_DEG)
            for lon in (j * GRID_DEG, (j + 1) * GRID_DEG)
        ):
            out.append(key)
    return out


def within_radius(index: WhereIndex, territory: Territory, stale: Collection[str]) -> set[str]:
    """The diplomas with a current offer (in some modality) within the territory's radius
    found from the cells of :func:`within_cells` alone, the ``stale`` ones (an edit touched
    them since the index was built) left out; the others may have one all the same.

    >>> c = current_places([({}, {"departement": "069", "lat": 45.2, "lon": 4.8}, None)])
    >>> from graph.territory import Point
    >>> t = Territory(near=Point(lat=45.25, lon=4.75), radius_km=60)
    >>> within_radius(where_index({"1": c}), t, ()), within_radius(where_index({"1": c}), t, {"1"})
    ({'1'}, set())
    """
    cells = within_cells(territory)
    found: set[str] = set().union(*(index.get(k, ()) for k in cells))
    return found.difference(stale) if stale else found


def where_candidates(index: WhereIndex, territory: Territory) -> set[str]:
    """The diplomas that may have a current offer in the territory: those filed under each of
    its conditions (an offer meeting all of them is filed under each).

    >>> c = current_places([({}, {"departement": "044", "lat": 47.2, "lon": -1.55}, None)])
    >>> idx = where_index({"1": c})
    >>> from graph.territory import Point
    >>> where_candidates(idx, Territory(departements=["044", "085"]))
    {'1'}
    >>> where_candidates(idx, Territory(near=Point(lat=47.0, lon=-1.5), radius_km=30))
    {'1'}
    >>> where_candidates(idx, Territory(near=Point(lat=45.0, lon=-1.5), radius_km=30))
    set()
    """
    sets: list[set[str]] = []

    def under(keys: Iterable[WhereKey]) -> set[str]:
        return set().union(*(index.get(k, ()) for k in keys))

    if territory.departements:
        sets.append(under(("d", d) for d in territory.departements))
    if territory.region:
        sets.append(under([("r", territory.region)]))
    if territory.campus:
        sets.append(under([("c", territory.campus)]))
    if territory.near and territory.radius_km:
        sets.append(under(_radius_cells(territory)))
    if not sets:
        return set().union(*index.values())
    sets.sort(key=len)
    return sets[0].intersection(*sets[1:])


def goal_offered(
    diplomas: Mapping[str, Mapping[str, Any]],
    places: Mapping[str, CurrentPlaces],
    rows: Callable[[str], Iterable[tuple[Mapping[str, Any], Mapping[str, Any], int | None]]],
    territory: Territory,
    modality: str | None = None,
    filed: Collection[str] = (),
    nameable: bool = False,
    within: Collection[str] = (),
) -> dict[str, Mapping[str, Any]]:
    """The diplomas among ``places`` (code -> its :class:`CurrentPlaces`: the candidates,
    e.g. :func:`where_candidates`) with an offer in the territory (in ``modality`` when given)
    that the latest files still list, by code; closed diplomas and common first years left
    out. ``rows``: a diploma's usable (actor, offer, last seen) rows, looked at only when the
    territory combines conditions. ``filed``: the codes :func:`where_candidates` found from an
    index of the same places, which are in a territory of one condition other than a radius
    (in any modality) without looking again. ``nameable``: every diploma of ``diplomas`` is
    known to be neither closed nor a common first year (:meth:`graph.pathways.data.
    PathwayData.goal_kinds` chose them): not tested again. ``within``: codes with a current
    offer (in some modality) within the territory's radius (:func:`within_radius`): their
    offers are not measured again when no modality is asked.

    >>> d = {"1": {"code": "1", "name": "BTS CRSA"}, "2": {"code": "2", "name": "BTS X"},
    ...      "3": {"code": "3", "name": "BTS Y", "closed": True}}
    >>> here, there = {"departement": "44", "status": "open"}, {"departement": "85"}
    >>> usable = {"1": [({}, here, None)], "2": [({}, there, None), ({}, here, 2021)],
    ...           "3": [({}, here, None)]}
    >>> places = {c: current_places(r) for c, r in usable.items()}
    >>> sorted(goal_offered(d, places, usable.__getitem__, Territory(departements=["44"])))
    ['1']
    """
    exact = _one_condition(territory)
    # a set: ``filed`` is a sorted list of a territory's 1 000-2 000 codes, and looking each
    # goal up in the list was most of a first notice's time (docs/performance.md, httpp95b)
    trusted = frozenset(filed) if exact and modality is None and not territory.near else ()
    contains = territory.contains
    known_within = within if modality is None else ()
    out: dict[str, Mapping[str, Any]] = {}
    for code, c in places.items():
        d = diplomas.get(code)
        if d is None or (not nameable and d.get("closed")):
            continue
        if code not in trusted and not _may_be_in(c, territory, modality, code in known_within):
            continue
        if not exact and not any(
            last_seen is None
            and o.get("status") != "closed"
            and (modality is None or o.get("modality") == modality)
            and contains(o, campuses=a.get("campuses"))
            for a, o, last_seen in rows(code)
        ):
            continue
        if nameable or not is_common_year_kept(d):
            out[code] = d  # the cache's row, read only
    return out


def asked_field(sector: str | None, starts: Iterable[Mapping[str, Any]]) -> str | None:
    """The field a start by level is asked in (``from_level`` and ``sector``), as an NSF
    group: the group a field names (« nsf-221 »), else the one group every start diploma
    (``starts``) shares (a filière or a job whose starts are all of one field); None when
    none is asked or the starts span several (every goal of the territory then counts, as
    before). From the end of 3e in « Agroalimentaire, alimentation, cuisine » at Toulon, the
    notice named the BTS assurance, banque and collaborateur juriste notarial (tester25).

    >>> asked_field("nsf-221", []), asked_field(None, [{"nsf": "221"}])
    ('221', None)
    >>> asked_field("soudage", [{"nsf": "254"}, {"nsf": "254"}])
    '254'
    >>> asked_field("soudage", [{"nsf": "254"}, {"nsf": "251"}]) is None
    True
    """
    if not sector:
        return None
    if code := field_code(sector):
        return code
    found = {str(d.get("nsf") or "") for d in starts}
    return found.pop() if len(found) == 1 and "" not in found else None


def near_field(nsf: str | None, start_nsf: str | None) -> bool:
    """Whether a goal diploma of NSF group ``nsf`` is in the field of a start of ``start_nsf``
    (the module's rule); any diploma is when the start has no field.

    >>> near_field("250", "255"), near_field("201", "255"), near_field("312", "255")
    (True, True, False)
    >>> near_field("254", "255"), near_field("255", "250"), near_field("255", "312")
    (False, True, False)
    >>> near_field(None, "255"), near_field("312", None)
    (False, True)
    >>> near_field("201", "221"), near_field("200", "214"), near_field("201", "227")
    (False, False, True)
    """
    if not start_nsf:
        return True
    if not nsf:
        return False
    if nsf == start_nsf:
        return True
    if nsf[:2] == start_nsf[:2] and "0" in (nsf[2:3], start_nsf[2:3]):
        return True
    return _industrial(start_nsf) and nsf[:2] == "20"


def _industrial(nsf: str) -> bool:
    """Whether holders of NSF group ``nsf`` are those the pluri-technological production
    diplomas (« 200 », « 201 »: the BTS CRSA, conception des produits industriels…) train: the
    industrial domains (22 transformations, 23 génie civil, 24 matériaux souples, 25 mécanique,
    électricité), not agriculture (21) nor « 221 » agroalimentaire, alimentation, cuisine (a
    Bac pro cuisine → BTS named the BTS conception des produits industriels)."""
    return nsf[:2] in {"22", "23", "24", "25"} and nsf != "221"


def groups(d: Mapping[str, Any]) -> tuple[str, ...]:
    """The NSF groups of a goal diploma: its own, else those of its parcours (a BUT whose
    parcours the BCN classes apart, ``nsf_groups``); empty when the files give none."""
    nsf = d.get("nsf")
    return (str(nsf),) if nsf else tuple(d.get("nsf_groups") or ())


def _distance(nsf: str | None, start_nsf: str | None) -> int:
    """The same NSF group first, then the same domain, then the others of the field."""
    if not start_nsf or not nsf or nsf == start_nsf:
        return 0
    return 1 if nsf[:2] == start_nsf[:2] else 2


UNKNOWN_RANK = 3  # after every goal of the start's field (:func:`_distance`: 0 to 2)


def _rank(d: Mapping[str, Any], start_nsf: str | None) -> int | None:
    """How near a goal diploma's field is to the start's (:func:`_distance` of its nearest
    group); :data:`UNKNOWN_RANK` when the files give it none (it may be of the field: said
    apart, never silently left out — 5 BUT of 60 nationally); None when it is not of the
    start's field."""
    return _rank_of(groups(d), start_nsf)


@lru_cache(maxsize=4096)
def _rank_of(mine: tuple[str, ...], start_nsf: str | None) -> int | None:
    """:func:`_rank` of a goal's NSF groups: a few hundred pairs of groups and start fields in
    a graph, each worked out once (the partial-answer notice ranks each goal diploma of the
    territory, ~200-700, every first answer)."""
    if not start_nsf:
        return 0
    if not mine:
        return UNKNOWN_RANK
    near = [_distance(g, start_nsf) for g in mine if near_field(g, start_nsf)]
    return min(near) if near else None


def programme_fields(diplomas: Iterable[Mapping[str, Any]]) -> dict[tuple[Any, ...], str]:
    """The NSF group of each programme (by type and :func:`programme_of`) that some diploma
    with a field names: the Parcoursup file names BTS of its own, without a field, that the
    BCN names with one (« BTS – Production – Etude et réalisation d'agencement »); a programme
    whose diplomas give two groups is left out (not known for sure).

    >>> sorted(programme_fields([
    ...     {"code": "1", "type": "bts", "name": "BTS étude et réalisation d'agencement",
    ...      "nsf": "234"},
    ...     {"code": "2", "type": "bts", "name": "BTS X", "nsf": "200"},
    ...     {"code": "3", "type": "bts", "name": "BTS X", "nsf": "201"}]).items())
    [(('bts', 'ETUDE', 'ET', 'REALISATION', 'D', 'AGENCEMENT'), '234')]
    """
    seen: dict[tuple[Any, ...], set[str]] = {}
    for d in diplomas:
        if d.get("nsf"):
            seen.setdefault((d.get("type"), *programme_of(d)), set()).add(str(d["nsf"]))
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def with_programme_field(
    d: Mapping[str, Any], fields: Mapping[tuple[Any, ...], str]
) -> Mapping[str, Any]:
    """A goal diploma of unknown field with the field of its programme as another diploma of
    the same type names it (:func:`programme_fields`), as ``nsf_groups``; else itself.

    >>> f = {("bts", "ETUDE", "ET", "REALISATION", "D", "AGENCEMENT"): "234"}
    >>> with_programme_field({"code": "PS-1", "type": "bts",
    ...     "name": "BTS – Production – Etude et realisation d'agencement"}, f)["nsf_groups"]
    ('234',)
    """
    if not unknown_field(d):
        return d
    nsf = fields.get((d.get("type"), *programme_of(d)))
    return {**d, "nsf_groups": (nsf,)} if nsf else d


def unknown_field(d: Mapping[str, Any]) -> bool:
    """Whether the files give a goal diploma no NSF group (nor its parcours any)."""
    return not groups(d)


def unknown_goal_note(goal: Mapping[str, Any] | None) -> str | None:
    """What an answer with no pathway to a goal diploma whose field the files do not give
    must add (French): the passerelles the public rules give match fields, so none can be
    deduced into it; None when its field is known.

    >>> print(unknown_goal_note({"code": "PS-BUT-1", "name": "BUT – Techniques X"}))
    Les fichiers publics ne donnent pas le domaine (groupe NSF) du diplôme BUT – Techniques X : aucune passerelle ne peut y être déduite des règles publiques, qui comparent les domaines ; il peut en exister, à vérifier auprès de l'établissement.
    >>> unknown_goal_note({"code": "1", "name": "BUT GEII", "nsf_groups": ["201"]}) is None
    True
    """  # noqa: E501
    if goal is None or not unknown_field(goal):
        return None
    return (
        f"Les fichiers publics ne donnent pas le domaine (groupe NSF) du diplôme "
        f"{display_name(goal)} : aucune passerelle ne peut y être déduite des règles publiques, "
        "qui comparent les domaines ; il peut en exister, à vérifier auprès de l'établissement."
    )


def unreached_goals(
    offered: Mapping[str, Mapping[str, Any]],
    reached: Collection[str],
    *,
    reached_rows: Iterable[Mapping[str, Any]] = (),
    start_nsf: str | None,
    name_of: Callable[[Mapping[str, Any]], str] = display_name,
) -> list[Mapping[str, Any]]:
    """The goal diplomas offered in the territory (``offered``, :func:`goal_offered`) that no
    pathway reaches (``reached``: the codes of the pathways' diplomas; ``reached_rows``: those
    diplomas, whose programmes count as reached), of the start's field (:func:`near_field`;
    any when ``start_nsf`` is None; a BUT whose parcours the BCN classes apart, by any of their
    groups) or of a field the files do not give (last: :func:`unreached_goals_sentence` says
    them apart), one per programme: the nearest field first, then by name (``name_of``:
    :func:`display_name`, or the names a caller worked out already).

    >>> offered = {
    ...     "1": {"code": "1", "name": "BTS électrotechnique", "nsf": "255"},
    ...     "2": {"code": "2", "name": "BTS CRSA", "nsf": "201"},
    ...     "3": {"code": "3", "name": "BTS MS option B", "nsf": "250"},
    ...     "4": {"code": "4", "name": "BTS tourisme", "nsf": "334"},
    ...     "5": {"code": "5", "name": "BUT GEII", "nsf_groups": ["201", "250", "326"]},
    ...     "6": {"code": "6", "name": "BUT TCSI"}}
    >>> [d["name"] for d in unreached_goals(offered, {"0", "1"}, start_nsf="255")]
    ['BTS MS option B', 'BUT GEII', 'BTS CRSA', 'BUT TCSI']
    >>> offered = {c: d for c, d in offered.items() if c < "5"}
    >>> unreached_goals(offered, {"1", "2", "3"}, start_nsf="255")
    []
    >>> [d["name"] for d in unreached_goals(offered, {"1", "2", "3"}, start_nsf=None)]
    ['BTS tourisme']
    """
    ranked = (
        (r, d)
        for c, d in offered.items()
        if c not in reached and (r := _rank(d, start_nsf)) is not None
    )
    left = [d for _, d in sorted(ranked, key=lambda x: (x[0], name_of(x[1]), x[1]["code"]))]
    programmes = {programme_of(d) for d in reached_rows}
    kept = []
    for d in left:
        p = programme_of(d)
        if p not in programmes:
            programmes.add(p)
            kept.append(d)
    return kept


def unreached_goals_sentence(
    left: Sequence[Mapping[str, Any]],
    *,
    goal: str,
    territory_phrase: str,
    field: str | None,
    from_diploma: bool,
    job: str | None = None,
    start_nsf: str | None = None,
    asked: bool = False,
    start_level: int | None = None,
) -> str | None:
    """The notice in French, or None when nothing is left (``left``: :func:`unreached_goals`;
    ``field``: the start's NSF group as people name it, when its field chose them: those whose
    field the files do not give are then said apart, as such; ``start_nsf``: that group's
    code, so that the domain the sentence names is the one they share
    (:func:`shared_field_phrase`); ``job``:
    the goal job as people read it, « métier ROME H1209 (…) », when the goal is a job alone;
    ``asked``: the field is the one asked with a start by level, not a start diploma's).

    >>> left = [{"code": "3", "name": "BTS MS option B", "nsf": "250"},
    ...         {"code": "2", "name": "BTS CRSA", "nsf": "201"}]
    >>> print(unreached_goals_sentence(left, goal="BTS", field="Électricité, électronique",
    ...     territory_phrase="dans le département 44", from_diploma=True))
    2 autres diplômes de l'objectif (BTS), du même domaine que le diplôme de départ (Électricité, électronique), sont proposés dans le département 44 sans passerelle connue depuis ce diplôme : BTS MS option B ; BTS CRSA. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1], goal="BTS", field=None,
    ...     territory_phrase="ici", from_diploma=False, start_level=4))
    1 autre diplôme de l'objectif (BTS) est proposé ici sans passerelle connue depuis un diplôme de niveau 4 (Bac pro, bac technologique…) : BTS MS option B. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1], goal="métier ROME H1209 (Technicien)", field=None,
    ...     territory_phrase="ici", from_diploma=True, job="métier ROME H1209 (Technicien)"))
    1 autre diplôme qui prépare au métier ROME H1209 (Technicien) est proposé ici sans passerelle connue depuis ce diplôme : BTS MS option B. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1] + [{"code": "6", "name": "BUT TCSI"}], goal="BUT",
    ...     field="Électricité, électronique", territory_phrase="ici", from_diploma=True))
    1 autre diplôme de l'objectif (BUT), du même domaine que le diplôme de départ (Électricité, électronique), est proposé ici sans passerelle connue depuis ce diplôme : BTS MS option B. Aussi proposé ici, 1 diplôme de l'objectif (BUT) de domaine inconnu dans les données (les fichiers publics ne donnent pas son groupe NSF) : on ne sait pas s'il est du domaine du diplôme de départ, ni quelle passerelle y mène : BUT TCSI. À vérifier auprès des établissements.
    >>> many = [{"code": str(i), "name": f"DEUST {i}"} for i in range(6)]
    >>> print(unreached_goals_sentence(many, goal="niveau 4 ou plus", field="Électricité",
    ...     territory_phrase="ici", from_diploma=True))
    Proposés ici, 6 diplômes de l'objectif (niveau 4 ou plus) de domaine inconnu dans les données (les fichiers publics ne donnent pas leur groupe NSF) : on ne sait pas s'ils sont du domaine du diplôme de départ, ni quelle passerelle y mène. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1] + [{"code": "6", "name": "BUT TCSI"}], goal="BUT",
    ...     field="Électricité, électronique", territory_phrase="ici", from_diploma=False,
    ...     start_nsf="250", asked=True))
    1 autre diplôme de l'objectif (BUT), du domaine demandé (Électricité, électronique), est proposé ici sans passerelle connue depuis un diplôme du niveau de départ : BTS MS option B. Aussi proposé ici, 1 diplôme de l'objectif (BUT) de domaine inconnu dans les données (les fichiers publics ne donnent pas son groupe NSF) : on ne sait pas s'il est du domaine demandé, ni quelle passerelle y mène : BUT TCSI. À vérifier auprès des établissements.
    >>> unreached_goals_sentence([], goal="BTS", field=None, territory_phrase="ici",
    ...     from_diploma=True) is None
    True
    """  # noqa: E501
    if not left:
        return None
    since = "depuis ce diplôme" if from_diploma else since_level(start_level)
    unknown = [d for d in left if unknown_field(d)] if field else []
    known = [d for d in left if not (field and unknown_field(d))]
    parts = []
    if known:
        n = len(known)
        plural = n > 1
        of_field = shared_field_phrase(known, field, start_nsf, asked=asked) if field else ""
        what = (
            f"qui {'préparent' if plural else 'prépare'} au {job}"
            if job
            else f"de l'objectif ({goal})"
        )
        parts.append(
            f"{n} autre{'s' if plural else ''} diplôme{'s' if plural else ''} {what}"
            f"{of_field} {'sont proposés' if plural else 'est proposé'} {territory_phrase} sans "
            f"passerelle connue {since} : {_names(known)}."
        )
        if general := general_bac_sentence(known):
            parts.append(general)
    if unknown:
        n = len(unknown)
        plural = n > 1
        what = (
            f"qui {'préparent' if plural else 'prépare'} au {job}"
            if job
            else f"de l'objectif ({goal})"
        )
        also = "Aussi proposé" if known else "Proposé"
        said = (
            f"{also}{'s' if plural else ''} {territory_phrase}, {n} diplôme{'s' if plural else ''} "
            f"{what} de domaine inconnu dans les données (les fichiers publics ne donnent pas "
            f"{'leur' if plural else 'son'} groupe NSF) : on ne sait pas "
            f"s'{'ils sont' if plural else 'il est'} du domaine "
            f"{'demandé' if asked else 'du diplôme de départ'}, ni quelle "
            f"passerelle y mène"
        )
        # a few are named; many (a level goal: every DEUST, every Parcoursup-only label) would
        # bury the answer under programmes of any trade: counted, not named
        parts.append(f"{said} : {_names(unknown)}." if n <= UNKNOWN_NAMED else f"{said}.")
    return " ".join(parts) + " À vérifier auprès des établissements."


def since_level(level: int | None) -> str:
    """From where a start by level (``level``: from_level) has no known passerelle, in
    French: « depuis un diplôme de niveau 4 », « depuis la fin de 3e » (level 2: no diploma
    yet); « depuis un diplôme de ce niveau » read as the goal's level (Brest, level 4 to an
    engineering school: « sans passerelle connue depuis un diplôme de ce niveau »).

    >>> since_level(4)
    'depuis un diplôme de niveau 4 (Bac pro, bac technologique…)'
    >>> since_level(2), since_level(None)
    ('depuis la fin de 3e', 'depuis un diplôme du niveau de départ')
    """
    if level == 2:
        return "depuis la fin de 3e"
    if level is None:
        return "depuis un diplôme du niveau de départ"
    kinds = LEVEL_KINDS.get(level)
    return f"depuis un diplôme de niveau {level}" + (f" ({kinds})" if kinds else "")


# the diplomas a counsellor thinks of at a start level, as the level-4 start notice names them
# (graph/pathways/bac_starts.py)
LEVEL_KINDS = {3: "CAP…", 4: "Bac pro, bac technologique…", 5: "BTS, BUT…", 6: "licence…"}


def general_bac_sentence(known: Sequence[Mapping[str, Any]]) -> str | None:
    """What the Parcoursup labels of the engineering programmes ``known`` say of their entry
    when they name the bac général and no bac technologique series (« Formation d'ingénieur
    Bac + 5 – Bac général », « – Bacs généraux – 2 Sciences »): the track the learner would
    take, which no passerelle of the data describes (graph/pathways/bac_starts.py: a bac
    général opens none). None when none does, or none of those the notice names (the first
    ``EXAMPLES``: from the end of 3e to the level 3, the Île-de-France's 760 programmes of
    every field were followed by « 10 d'entre eux recrutent après un bac général »).

    >>> rows = [{"type": "ingenieur", "name": "Formation d ingenieur Bac + 5   Bac general"},
    ...         {"type": "ingenieur", "name": "Formation d ingenieur Bac + 5   Bacs generaux"},
    ...         {"type": "ingenieur", "name": "Formation d ingenieur Bac + 5   Bac general et STI2D"},
    ...         {"type": "bts", "name": "BTS general"}]
    >>> print(general_bac_sentence(rows))
    D'après leur intitulé Parcoursup, 2 d'entre eux recrutent après un bac général, sur dossier (les données ne décrivent pas de passerelle propre à ce bac).
    >>> print(general_bac_sentence(rows[:1]))
    D'après son intitulé Parcoursup, il recrute après un bac général, sur dossier (les données ne décrivent pas de passerelle propre à ce bac).
    >>> general_bac_sentence(rows[2:]) is None
    True
    """  # noqa: E501
    if not any(_general_bac_track(d) for d in known[:EXAMPLES]):
        return None  # none of those named: a level goal's long list (every field) is not
        # about them
    general = [d for d in known if _general_bac_track(d)]
    n = len(general)
    if n == 1:
        who = (
            "son intitulé Parcoursup, il recrute"
            if len(known) == 1
            else ("son intitulé Parcoursup, l'un d'eux recrute")
        )
    elif n == len(known):
        who = "leur intitulé Parcoursup, ils recrutent"
    else:
        who = f"leur intitulé Parcoursup, {n} d'entre eux recrutent"
    return (
        f"D'après {who} après un bac général, sur dossier (les données ne décrivent pas de "
        "passerelle propre à ce bac)."
    )


_GENERAL_WORDS = frozenset({"general", "generale", "generaux", "generales"})


def _general_bac_track(d: Mapping[str, Any]) -> bool:
    """Whether an engineering programme's label names the bac général and no bac
    technologique series (:func:`graph.inference.bac_techno_tracks.series_named`)."""
    if d.get("type") != "ingenieur":
        return False
    name = str(d.get("name") or "")
    words = set(_plain_words(name))
    codes, groups, generic = series_named(name)
    return bool(words & _GENERAL_WORDS) and not (codes or groups or generic)


def _plain_words(text: str) -> list[str]:
    """The words of a label without accents, in lower case."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z0-9]+", plain)


def shared_field_phrase(
    known: Sequence[Mapping[str, Any]], field: str, start_nsf: str | None, asked: bool = False
) -> str:
    """What the notice says of the field of the diplomas ``known`` (of known groups), beside
    the start's (``field``, its group's name; ``start_nsf``, its code): « du même domaine »
    only when every one is of the start's group; the larger domain they all share with it
    (NSF's first two digits) when they do; else close fields (:func:`near_field`, « domaines
    proches »; the farther ones of :mod:`graph.pathways.neighbour_goals` are « plus éloignés »). A
    CAP maintenance des véhicules (252) said a BTS maintenance des systèmes (250) and a BTS
    CIEL (201) were « du même domaine (Moteurs et mécanique automobile) ».

    >>> ms, ciel, mv = {"nsf": "250"}, {"nsf": "201"}, {"nsf": "252"}
    >>> shared_field_phrase([mv], "Moteurs et mécanique automobile", "252")
    ', du même domaine que le diplôme de départ (Moteurs et mécanique automobile),'
    >>> shared_field_phrase([mv, ms], "Moteurs et mécanique automobile", "252")
    ', du même grand domaine que le diplôme de départ (Mécanique, électricité, électronique),'
    >>> shared_field_phrase([ms, ciel], "Moteurs et mécanique automobile", "252")
    ', de domaines proches de celui du diplôme de départ (Moteurs et mécanique automobile),'
    >>> shared_field_phrase([ciel], "Moteurs et mécanique automobile", "252")
    ", d'un domaine proche de celui du diplôme de départ (Moteurs et mécanique automobile),"

    The field asked with a start by level (``asked``, from_level=2 and nsf-221):

    >>> shared_field_phrase([{"nsf": "221"}], "Agroalimentaire, alimentation, cuisine", "221",
    ...                     asked=True)
    ', du domaine demandé (Agroalimentaire, alimentation, cuisine),'
    >>> shared_field_phrase([ms], "Moteurs et mécanique automobile", "252", asked=True)
    ', du même grand domaine que celui demandé (Mécanique, électricité, électronique),'
    """
    if start_nsf is None or all(start_nsf in groups(d) for d in known):
        if asked:
            return f", du domaine demandé ({field}),"
        return f", du même domaine que le diplôme de départ ({field}),"
    than = "celui demandé" if asked else "le diplôme de départ"
    domain = DOMAINS.get(start_nsf[:2])
    if domain and all(any(g[:2] == start_nsf[:2] for g in groups(d)) for d in known):
        return f", du même grand domaine que {than} ({domain}),"
    what = "d'un domaine proche" if len(known) == 1 else "de domaines proches"
    of = "de celui demandé" if asked else "de celui du diplôme de départ"
    return f", {what} {of} ({field}),"


def _names(left: Sequence[Mapping[str, Any]]) -> str:
    return named_and_counted(examples(left), len(left), EXAMPLES)


def examples(left: Sequence[Mapping[str, Any]]) -> list[str]:
    """The names the notice gives (the first ``EXAMPLES``), as people write them."""
    return [display_name(d) for d in left[:EXAMPLES]]
