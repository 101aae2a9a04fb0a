"""The ranking rule of a pathway: which establishment for each step, and the score.

Pure functions over plain data (the rows of :mod:`graph.pathways.data`): a pathway starts at 100
points and each term adds or removes some, so that the answer can explain its score term by
term (:mod:`graph.pathways.explanation`). No store, no request model: a unit test gives the
diplomas, legs and offers of one pathway.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from graph.distance_learning import is_distance_learning
from graph.geo import EARTH_RADIUS_KM, haversine_km
from graph.nsf import GENERIC_DOMAINS, GENERIC_GROUPS
from graph.pathways.campus_facts import ranking_boarding, ranking_capacity
from graph.pathways.entry_figures import (
    AFTER_3E_ORIGIN,
    entry_capacity,
    entry_demand,
    step_figures,
)
from graph.pathways.scope import FIGURES, leg_at, leg_holds, local_leg_holds
from graph.pathways.sea import SEA_KM, island_of
from graph.place_precision import ranking_km

if TYPE_CHECKING:
    from graph.pathways.nearest import NearIndex

__all__ = [
    "Candidate",
    "Choice",
    "Offer",
    "Scored",
    "Scorer",
    "Step",
    "choice_of",
    "choose",
    "effective_km",
    "field_continuity",
    "key_from",
    "offer_key",
    "rank",
    "static_3e_of",
    "static_key",
    "static_of",
    "wish_tie",
]

OFFERS_PER_STEP = 5
NEAR_KM = 30.0  # a daily commute: the km of a leg up to this count once
FAR_KM_FACTOR = 2.5  # each km beyond a daily commute counts 2.5: the learner boards or moves
BOARDING_SOFTENING = 0.5  # ... half of that for a school with boarding places (an internat)

# Score weights: a pathway starts at 100 and each term adds or removes points.
W_STEP = 8.0  # per step beyond the first
W_KM = 0.08  # per effective km travelled (:func:`effective_km`)
W_OUTSIDE = 25.0  # per step outside the territory
W_PLANNED = 10.0  # per step whose only offers are planned
W_INFERRED = 4.0  # per leg whose passerelle is inferred, not documented
W_EVIDENCE = 15.0  # per inferred leg, times (1 - its strength): weak evidence ranks lower
W_MODALITY = 5.0  # per step offered in the requested modality
# per step of a kind of diploma the data never describes in the requested modality, proposed
# unfiltered (graph/pathways/undescribed.py): more than a step outside the territory and a
# daily commute together, so a pathway in the modality all along ranks first
W_UNDESCRIBED = 50.0
W_RATE = 10.0  # times log10 of the product of known transition rates (<= 0)
W_FIGURE = 3.0  # per leg whose passerelle carries a documented figure
W_CAPACITY = 1.0  # per step whose chosen offer has a known capacity
W_FIELD = 6.0  # per leg between diplomas of the same NSF group (half for the same NSF domain)
# An establishment without coordinates counts as far as any step is ever proposed (the 150 km of
# explanation.OUTSIDE_MAX_KM), never 0 km: it ranks after every offer of known distance within
# that reach, whatever its other merits (issue "honest answers": unknown distances rank last).
UNPLACED_KM = 150.0
W_STALE = 12.0  # per step whose chosen offer the latest files of its track no longer list
# Above the rounding of the terms to 2 decimals (14 terms, 0.005 each at most) and the sum of
# logarithms instead of the logarithm of a product: Scorer.bound is never below the score.
BOUND_SLACK = 0.25

Row = dict[str, Any]
LatLon = tuple[float, float]


class Candidate(NamedTuple):
    """A candidate pathway: its diplomas, start first, and the legs between them."""

    diplomas: list[Row]
    legs: list[Row]
    # the candidates of one search with the same number here have the same diplomas and legs
    # (the same rows) but the last ones: the walk's, -1 when not known
    prefix: int = -1


class Candidates(list[Candidate]):
    """The candidates of a walk (:func:`graph.pathways.search.candidates`), with the parent of
    each of their prefix numbers (:attr:`Candidate.prefix`): ``parents[p]`` is the number of
    the diplomas and legs of ``p`` but their last ones (-1 for a start alone), so that what a
    prefix shares with its parent is worked out once (:func:`graph.pathways.pruning.best_of`).

    What the walk knows of them as it makes them, so that a search from a level does not go
    over its 5 000 candidates again for it: ``codes``, the codes of their diplomas after their
    starts and of their starts (``graph.pathways.find._codes_of``), and ``first_legs``, the legs
    their first steps may take (every leg the walk took from a start: their first legs are
    among them; ``graph.pathways.bac_starts.entering_tracks``). None when not known (a list
    filtered after the walk keeps ``first_legs`` only: a subset of candidates takes fewer)."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: list[int] = []
        self.codes: tuple[set[str], set[str]] | None = None
        self.first_legs: list[Row] | None = None


@dataclass(slots=True)
class Offer:
    """An establishment offering a diploma, flagged in or out of the request's territory."""

    code: str
    actor: Row
    offer: Row
    in_territory: bool
    last_seen: int | None = None  # not current: the last year its track's files list it
    # whether a campus's own facts (boarding places, its capacity figures) rank it: flagged in
    # a campus territory only (graph/pathways/campus_facts.py)
    campus_facts: bool = False
    # what offer_key needs of it whatever the previous place (static_key), computed once
    static: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)
    # the same for a step entered after 3e, when its figures differ (entry_figures.py)
    static_3e: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)


@dataclass
class Choice:
    """Where a step is taken, coming from a given place (shared by every pathway through it)."""

    ranked: list[Offer]  # the best OFFERS_PER_STEP offers, best first
    dist: float | None  # km from the previous place to the best offer, if both are located
    # (None also when the best offer has no coordinates: see ``unplaced``)
    effective: float  # the same, softened for boarding places
    to: LatLon | None  # the place the next step starts from
    unplaced: bool = False  # the best offer has no coordinates: its distance is unknown
    # the best offer is taught at a distance (graph/distance_learning.py): no place, no km
    remote: bool = False
    # how many offers the step was chosen among (those in the territory, or all of them when
    # none is and the search may leave it): ``ranked`` keeps only the best OFFERS_PER_STEP
    pool_size: int = 0


@dataclass
class Step:
    """One step of a scored pathway, kept light: the answer's objects and sentences are only
    built for the pathways of the answer (:func:`graph.pathways.answer.pathway_out`)."""

    diploma: Row
    leg: Row
    choice: Choice
    prev: LatLon | None  # where the learner comes from
    # the data never describes the requested modality for this kind of diploma: its offers
    # were not filtered on it (graph/pathways/undescribed.py)
    undescribed: bool = False
    # the previous step's establishment has no position: ``prev`` is only where the search
    # went on from (the home), not where the learner comes from; the step's distance from the
    # previous one is unknown (tester26, Laval: « ~2 km depuis l'étape précédente » were from home)
    prev_unplaced: bool = False


@dataclass
class Scored:
    score: float
    components: dict[str, float]
    start: Row
    plan: list[Step]
    travel_km: float | None
    outside: int
    field_points: float
    modality_hits: int
    key: tuple[str, ...] = field(default_factory=tuple)
    unplaced: int = 0  # steps whose chosen establishment has no coordinates
    tie: tuple[Any, ...] = ()
    # placed steps after a step without position (Step.prev_unplaced): their distance from it
    # is unknown, and not in ``travel_km``
    after_unplaced: int = 0  # what a counsellor understands: capacity, then wishes


def effective_km(km: float, boarding: int | None) -> float:
    """The km that count. Up to a daily commute (NEAR_KM), each km once; beyond, a step means
    boarding or moving out, which a counsellor weighs far more than a few km of bus: each km
    counts FAR_KM_FACTOR times, half of that for a school with boarding places.

    So a 1 km step and a 108 km one differ by 0.08 x (30 + 78 x 2.5) = 18 points, more than
    any difference of continuation between two reasonable next steps (docs/pathways.md).

    >>> effective_km(20, 40), effective_km(70, 40), effective_km(70, None)
    (20, 80.0, 130.0)
    """
    if km <= NEAR_KM:
        return km
    far = (km - NEAR_KM) * FAR_KM_FACTOR
    if boarding:
        far *= BOARDING_SOFTENING
    return NEAR_KM + far


# what a step of no known place counts (Scorer._upper's term, worked out once: the same float)
_UNPLACED_EFFECTIVE_KM = effective_km(UNPLACED_KM, None)


def _status_rank(o: Offer) -> int:
    """0: open and current; 1: open but not seen in the latest files, or renewed (presumed from
    the offer of the diploma it renovates, graph.ingest.opendata.renewal) and current; 2: renewed
    and not seen in the latest files either; 3: planned. A renewed offer the latest files list
    comes before a stale one a few hundred metres nearer: Rennes, Bac pro ASSP renewed at Lycée
    Jeanne d'Arc (last listed 2021, 3.3 km) and at Lycée Coetlogon (listed 2022, 3.6 km). An
    offer a thin latest file does not list (``unlisted``, graph.pathways.hygiene.thin_latest)
    is ordered as not seen there, though its pathway loses no W_STALE."""
    status = o.offer["status"]
    stale = o.last_seen is not None or o.offer.get("unlisted") is not None
    if status == "open":
        return 1 if stale else 0
    if status == "renewed":
        return 2 if stale else 1
    return 3


def offer_key(o: Offer, prev: LatLon | None, after_3e: bool = False) -> tuple[Any, ...]:
    """The order of a step's establishments: in the territory; open and current, then open but
    not seen in the latest files or renewed, then renewed and not seen lately, then planned;
    taught on site before taught at a distance (graph/distance_learning.py: the CNED's address
    is no place of training, never « 1.8 km from home »); with a known place, nearest to the
    previous place (boarding places soften far ones; an establishment without coordinates
    never counts as 0 km: it comes after every placed one; one placed at its commune's centre
    counts a commune's typical radius further, graph/place_precision.py: it passes a precisely
    placed one only when nearer by more than that); then the larger known capacity, the
    larger demand (the offers of one diploma: wishes of one kind, Affelnet's or
    Parcoursup's), and the name. For a step entered after 3e (``after_3e``), those of the
    entry after 3e (graph/pathways/entry_figures.py): a Bac pro's 1re pro places are never
    compared with another lycée's 2nde pro places.

    Whether a directory names the establishment only breaks a tie of those (same diploma, same
    status, as near): an establishment known by its UAI only (graph/ingest/opendata/unnamed.py)
    is never ranked after a named one for its name alone when it is nearer or larger, and the
    pathways' scores, where the subject fit counts (the field continuity, the passerelle's
    evidence), never read it. When nothing else tells them apart, the named one comes first:
    a counsellor can tell what it is; the answer names the other by its UAI and département."""
    status = _status_rank(o)
    remote = is_distance_learning(o.actor)
    unplaced = o.offer.get("lat") is None
    dist = 0.0
    if prev is not None and not unplaced and not remote:
        dist = effective_km(
            ranking_km(
                haversine_km(prev[0], prev[1], o.offer["lat"], o.offer["lon"]),
                o.offer.get("coords_precision"),
            ),
            ranking_boarding(o.actor, o.campus_facts),
        )
        if island_of(*prev) != island_of(o.offer["lat"], o.offer["lon"]):
            dist += SEA_KM  # across the sea: after every establishment on this side
    capacity, demand = ranked_figures(o, after_3e)
    return (
        not o.in_territory,
        status,
        remote,
        prev is not None and unplaced,
        dist,
        -_known(capacity),
        -_known(demand),
        o.actor.get("described") is False,  # no directory names it: after those named
        o.actor["name"],
    )


def ranked_figures(o: Offer, after_3e: bool = False) -> tuple[int | None, int | None]:
    """:func:`~graph.pathways.entry_figures.step_figures` of an offer as the ranking reads
    them: a campus's own capacity only where campus facts rank (graph/pathways/campus_facts.py).
    """
    capacity, demand = step_figures(o.offer, after_3e)
    return ranking_capacity(capacity, o.offer, o.campus_facts), demand


def choose(
    offers: list[Offer], prev: LatLon | None, *, allow_outside: bool, after_3e: bool = False
) -> Choice | None:
    """The establishments for a step, best first (:func:`offer_key`, ``after_3e``: for a step
    entered after 3e): those in the territory, or, if none and ``allow_outside``, any; None
    when there is none."""
    inside = [o for o in offers if o.in_territory]
    pool = inside if inside else (offers if allow_outside else [])
    ranked = heapq.nsmallest(OFFERS_PER_STEP, pool, key=key_from(prev, after_3e))
    return choice_of(ranked, prev, len(pool))


def choice_of(ranked: list[Offer], prev: LatLon | None, pool_size: int) -> Choice | None:
    """The Choice of a step whose best establishments are ``ranked`` (best first, at most
    OFFERS_PER_STEP) among ``pool_size`` (:func:`choose`; :class:`graph.pathways.nearest.
    NearIndex`)."""
    if not ranked:
        return None
    best = ranked[0]
    if is_distance_learning(best.actor):  # studied from where the learner is: no km
        return Choice(ranked, None, 0.0, prev, remote=True, pool_size=pool_size)
    lat, lon = best.offer.get("lat"), best.offer.get("lon")
    here = (lat, lon) if lat is not None and lon is not None else None
    dist = None
    effective = 0.0
    if prev is not None and here is not None:
        dist = haversine_km(prev[0], prev[1], here[0], here[1])
        effective = effective_km(dist, ranking_boarding(best.actor, best.campus_facts))
    to = here if here is not None else prev
    return Choice(
        ranked,
        dist,
        effective,
        to,
        unplaced=prev is not None and here is None,
        pool_size=pool_size,
    )


def static_key(o: Offer, after_3e: bool = False) -> tuple[Any, ...]:
    """The parts of :func:`offer_key` that do not depend on the previous place (kept on the
    offer: its flag in the territory is set when it is made): its first four terms as one
    number in the same order (outside the territory, the status from 0 to 3, taught at a
    distance, no place), whether it has no distance, the latitude in radians and its cosine,
    the longitude, the boarding places, whether it is placed at its commune's centre, the side
    of the sea it is on (graph/pathways/sea.py: None without a place), and the
    terms after the distance. ``after_3e``: for a step entered after 3e (differs only for an
    offer whose figures are of the 1re pro: its terms after the distance are those of the entry
    after 3e, graph/pathways/entry_figures.py)."""
    if after_3e and o.offer.get("entry_year") is not None:
        if o.static_3e is None:
            o.static_3e = static_3e_of(o, static_key(o))
        return o.static_3e
    if o.static is None:
        o.static = static_of(o)
    return o.static


def static_3e_of(o: Offer, own: tuple[Any, ...]) -> tuple[Any, ...]:
    """:func:`static_key` of an offer for a step entered after 3e, from its own (``own``:
    :func:`static_of`), when the offer names the entry after 3e (``entry_year``); not kept."""
    tail = own[-1]
    return (
        *own[:-1],
        (
            -_known(ranking_capacity(entry_capacity(o.offer), o.offer, o.campus_facts)),
            -_known(entry_demand(o.offer)),
            *tail[2:],
        ),
    )


def static_of(o: Offer) -> tuple[Any, ...]:
    """:func:`static_key` of an offer (not for a step entered after 3e), worked out and not
    kept on it (:class:`graph.pathways.nearest.NearIndex` reads its first three terms of every
    offer of a diploma, and a step then keys only the few it walks)."""
    status = _status_rank(o)
    remote = is_distance_learning(o.actor)
    lat = o.offer.get("lat")
    p2 = math.radians(lat) if lat is not None else 0.0
    return (
        16 * (not o.in_territory) + 4 * status + 2 * remote + (lat is None),
        remote or lat is None,
        p2,
        math.cos(p2),
        o.offer.get("lon"),
        ranking_boarding(o.actor, o.campus_facts),
        o.offer.get("coords_precision"),
        island_of(lat, o.offer["lon"]) if lat is not None else None,
        (
            -_known(ranking_capacity(o.offer.get("capacity"), o.offer, o.campus_facts)),
            -_known(o.offer.get("demand")),
            o.actor.get("described") is False,
            o.actor["name"],
        ),
    )


def key_from(prev: LatLon | None, after_3e: bool = False) -> Callable[[Offer], tuple[Any, ...]]:
    """The order of :func:`offer_key` from ``prev``, with shorter keys: (its first four terms
    as one number, the distance, the terms after it), each offer's static part computed once
    and the previous place's radians and cosine once (the same operations as
    :func:`graph.geo.haversine_km`, in the same order: the same floats). A step of a national
    search orders dozens of offers, hundreds of times per search. ``after_3e``: for a step
    entered after 3e (:func:`static_key`)."""
    if prev is None:  # no place to measure from: no km, and no place is no term either
        return _key_from_nowhere_3e if after_3e else _key_from_nowhere
    p1 = math.radians(prev[0])
    c1 = math.cos(p1)
    lon1 = prev[1]
    side = island_of(*prev)  # an establishment across the sea comes after (graph/pathways/sea.py)

    def key(o: Offer) -> tuple[Any, ...]:
        kind, flat, p2, c2, lon2, boarding, precision, island, tail = (
            static_key(o, True) if after_3e else o.static or static_key(o)
        )
        if flat:  # taught at a distance or no place: no km
            return (kind, 0.0, tail)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        a = math.sin(dp / 2) ** 2 + c1 * c2 * math.sin(dl / 2) ** 2
        km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
        far = effective_km(ranking_km(km, precision), boarding)
        return (kind, far if island == side else far + SEA_KM, tail)

    return key


def _key_from_nowhere(o: Offer) -> tuple[Any, ...]:
    """:func:`key_from` without a previous place."""
    kind, *_, tail = o.static or static_key(o)
    return (kind & ~1, 0.0, tail)


def _key_from_nowhere_3e(o: Offer) -> tuple[Any, ...]:
    """:func:`_key_from_nowhere` for a step entered after 3e."""
    kind, *_, tail = static_key(o, True)
    return (kind & ~1, 0.0, tail)


_NO_FIELDS: frozenset[str] = frozenset()


def field_continuity(a: Row, b: Row, fields: Mapping[str, frozenset[str]]) -> float:
    """1 for the same NSF group or a shared filière, 0.5 for the same NSF domain. A group
    heading a whole area (:data:`graph.nsf.GENERIC_GROUPS`: 100, 200, 300) and its domain
    (10x, 20x, 30x) are no shared field: a Bac pro of group 201 and a BTS of group 200 share
    only « production », and were given the +3 of field continuity for it.

    >>> field_continuity({"code": "A", "nsf": "251"}, {"code": "B", "nsf": "254"}, {})
    0.5
    >>> field_continuity({"code": "A", "nsf": "201"}, {"code": "B", "nsf": "200"}, {})
    0.0
    >>> field_continuity({"code": "A", "nsf": "300"}, {"code": "B", "nsf": "300"}, {})
    0.0
    """
    na, nb = a.get("nsf"), b.get("nsf")
    if na and na == nb and na not in GENERIC_GROUPS:
        return 1.0
    if fields.get(a["code"], _NO_FIELDS) & fields.get(b["code"], _NO_FIELDS):
        return 1.0
    if na and nb and na[:2] == nb[:2] and na[:2] not in GENERIC_DOMAINS:
        return 0.5
    return 0.0


def _has_figures(leg: Row) -> bool:
    """Whether a leg carries one of the passerelle's figures (:data:`~graph.pathways.scope.
    FIGURES`), named one by one: no generator made per leg.

    >>> _has_figures({"rate": None, "entrant_share": 0.4}), _has_figures({"rate": None})
    (True, False)
    """
    get = leg.get
    return (
        get("rate") is not None
        or get("entrant_share") is not None
        or get("reserved_share") is not None
    )


if FIGURES != ("rate", "entrant_share", "reserved_share"):  # _has_figures names them
    raise AssertionError(f"_has_figures does not name the figures {FIGURES}")


_NOT_CHOSEN: Any = object()  # Scorer.choice: a choice not made yet (None is a choice: none)


class _Pool(NamedTuple):
    offers: list[Offer]
    any: bool
    outside: bool
    capacity: bool


class Scorer:
    """Scores the candidate pathways of one search. Holds the offers of the diplomas met and
    remembers the choice of establishments per (previous place, diploma), which pathways
    sharing a beginning share."""

    def __init__(
        self,
        offers: Mapping[str, list[Offer]],
        *,
        fields: Mapping[str, frozenset[str]],
        home: LatLon | None = None,
        modality: str | None = None,
        allow_outside: bool = False,
        start_departements: list[str] | None = None,
        undescribed: frozenset[str] | set[str] = frozenset(),
        near: Mapping[str, NearIndex] | None = None,
        step_bounds: dict[tuple[str, str, int], tuple[float | None, Row]] | None = None,
        choices: dict[tuple[LatLon | None, str, str | None, bool], Choice | None] | None = None,
        bounds: dict[tuple[Any, ...], tuple[float | None, list[Row]]] | None = None,
    ) -> None:
        self.offers = offers
        # code -> its offers' list (the one in ``offers``) ordered for the steps' choices
        # (graph/pathways/nearest.py: a question with no territory nor modality)
        self.near = near or {}
        # the codes whose offers were not filtered on the modality (W_UNDESCRIBED)
        self.undescribed = frozenset(undescribed)
        self.start_departements = start_departements  # where the start diploma is held
        self.fields = fields
        self.home = home
        self.modality = modality
        self.allow_outside = allow_outside
        # (previous place, code, the leg's modality, after 3e) -> :meth:`choice`; ``choices``:
        # the memo of the searches with the same offers (territory, modality, allow_outside:
        # a step's pool is made of them alone) and the same graph (graph.pathways.data.
        # PathwayData.search_memo), else the search's
        self._choices: dict[tuple[LatLon | None, str, str | None, bool], Choice | None] = (
            {} if choices is None else choices
        )
        self._pools: dict[tuple[str, str | None, bool], _Pool] = {}
        # keyed by identity (the leg kept in the value so that ids stay theirs); ``step_bounds``:
        # the memo of the searches with the same offers (territory, modality, allow_outside)
        # and the same graph (graph.pathways.data.PathwayData.search_memo), else the search's
        self._step_bounds: dict[tuple[str, str, int], tuple[float | None, Row]] = (
            {} if step_bounds is None else step_bounds
        )
        # the pool and a leg of the scope kept in the value, so that the ids stay theirs
        self._holding: dict[tuple[int, Any, int, int], tuple[_Pool, Row, bool | None]] = {}
        # id of a pool (kept in _pools) -> the ids and départements of its establishments, and
        # each offer's (id, département)
        self._places: dict[
            int, tuple[frozenset[Any], frozenset[Any], tuple[tuple[Any, Any], ...]]
        ] = {}
        # id of a pool (kept in _pools) made from a NearIndex -> that index, whose places
        # stand for the ones above
        self._near_pools: dict[int, NearIndex] = {}
        # the exact terms of the pathways' first steps (_partial), by start, codes and legs
        self._partials: dict[tuple[Any, ...], tuple[_Partial | None, list[Row]]] = {}
        # :meth:`prefix_upper` by the key of its partial (_partial_key: a partial of k steps is
        # only ever bounded for pathways of k + 1 steps), and :meth:`full_bound` by that key,
        # the last code and the last leg's id; the candidate's legs kept in the value so that
        # the ids stay theirs. ``bounds``: the memo of the searches with the same offers
        # (territory, modality, allow_outside), the same home and start départements and the
        # same graph (graph.pathways.data.PathwayData.search_memo: a repeated question does
        # not bound its ~500 prefixes and candidates again), else the search's
        self._bounds: dict[tuple[Any, ...], tuple[float | None, list[Row]]] = (
            {} if bounds is None else bounds
        )
        self._empty = _Partial(
            plan=(),
            prev=home,
            taken_in=start_departements,
            travel=0.0,
            effective=0.0,
            known_legs=0,
            field_points=0.0,
            outside=0,
            planned=0,
            stale=0,
            unplaced=0,
            capacity_sum=0,
            demands=(),
            inferred=0,
            weakness=0.0,
            modality_hits=0,
            undescribed=0,
            rate_product=1.0,
            rates_known=0,
            figures=0,
            capacities=0,
        )

    def choice(
        self,
        prev: LatLon | None,
        code: str,
        leg_modality: str | None = None,
        after_3e: bool = False,
    ) -> Choice | None:
        """The establishments for a step; when the passerelle names a modality (« sous statut
        apprenti »), its offers in that modality if there are any; ``after_3e``: a step entered
        after 3e (its offers compared on the entry after 3e, entry_figures.py)."""
        memo = (prev, code, leg_modality, after_3e)
        got: Choice | None = self._choices.get(memo, _NOT_CHOSEN)
        if got is _NOT_CHOSEN:
            offers = self._offers_for(code, leg_modality)
            near = self.near.get(code)
            if near is not None and offers is near.offers:
                got = near.choice(prev, after_3e)
            else:
                got = choose(offers, prev, allow_outside=self.allow_outside, after_3e=after_3e)
            self._choices[memo] = got
        return got

    def _offers_for(self, code: str, leg_modality: str | None) -> list[Offer]:
        offers = self.offers.get(code, [])
        if leg_modality:
            offers = [o for o in offers if o.offer.get("modality") == leg_modality] or offers
        return offers

    def _pool(self, code: str, leg_modality: str | None, after_3e: bool = False) -> _Pool:
        """What every choice of a step shares, whatever the previous place: whether it has an
        establishment at all (:func:`choose`'s pool), whether its best one is outside the
        territory (only when none is inside), whether any could have a known capacity (of the
        entry after 3e for a step entered after 3e)."""
        memo = (code, leg_modality, after_3e)
        got = self._pools.get(memo)
        if got is None:
            offers = self._offers_for(code, leg_modality)
            near = self.near.get(code)
            if near is not None and offers and offers is near.offers:  # all in the territory
                got = self._pools[memo] = _Pool(offers, True, False, near.capacity[after_3e])
                self._near_pools[id(got)] = near  # its places, made when a leg needs them
                return got
            inside = [o for o in offers if o.in_territory]
            pool = inside if inside else (offers if self.allow_outside else [])
            got = _Pool(
                pool,
                bool(pool),
                bool(pool) and not inside,
                any(step_figures(o.offer, after_3e)[0] is not None for o in pool),
            )
            self._pools[memo] = got
        return got

    def _holds(self, pool: _Pool, leg: Row) -> bool | None:
        """Whether a leg's passerelle holds (:func:`~graph.pathways.scope.leg_holds`) at every
        establishment of the step's pool (True), at none (False: :func:`leg_at` makes it an
        inferred leg without figures whichever is chosen), or at some only (None)."""
        if leg_holds(leg, None, None):  # holds everywhere: leg_at keeps it as it is
            return True
        # what it depends on: the pool and the leg's scope, whose lists the cache keeps once
        # for every leg of the same scope (data._Shared): a campus's legs share one answer
        memo = (
            id(pool),
            leg.get("scope"),
            id(leg.get("scope_actors")),
            id(leg.get("scope_departements")),
        )
        got = self._holding.get(memo)
        if got is None:
            got = self._holding[memo] = (pool, leg, self._holds_where(pool, leg))
        return got[2]

    def _holds_where(self, pool: _Pool, leg: Row) -> bool | None:
        """:meth:`_holds` of a documented scoped leg: first from the sets of the pool's ids and
        départements (a campus's leg met far from the campus holds nowhere: most of them),
        else offer by offer, until one holds and one does not (:func:`leg_holds` of a
        documented scoped leg, with the scope's lists as sets: the same answer)."""
        places = self._places.get(id(pool))
        if places is None and (near := self._near_pools.get(id(pool))) is not None:
            places = self._places[id(pool)] = near.places
        if places is None:
            pairs = tuple((o.actor.get("id"), o.offer.get("departement")) for o in pool.offers)
            places = self._places[id(pool)] = (
                frozenset(a for a, _ in pairs),
                frozenset(d for _, d in pairs),
                pairs,
            )
        actors, departements, pairs = places
        by_actors = (leg.get("scope") or "national") == "actors"
        scope_actors = leg.get("scope_actors") or ()
        scope_departements = () if by_actors else (leg.get("scope_departements") or ())
        if (
            pool.offers
            and actors.isdisjoint(scope_actors)
            and departements.isdisjoint(scope_departements)
        ):
            return False
        inside, there = set(scope_actors), set(scope_departements)
        found: set[bool] = set()
        for a, d in pairs:
            found.add((a is not None and a in inside) or (d is not None and d in there))
            if len(found) == 2:
                return None
        return found.pop() if found else None

    def bound(self, diplomas: list[Row], legs: list[Row]) -> float | None:
        """An upper bound of :meth:`score` that needs no establishment chosen, or None when
        :meth:`score` is None for certain (a step without establishment); ``inf`` when the
        candidate has a leg tied to a campus programme's territory (whether it holds depends
        on the establishment chosen: only :meth:`score` can tell).

        Each term of :meth:`score` is bounded by what does not depend on the previous place:
        the steps, the field continuity, the steps outside and the legs' origin and figures
        are exact unless a documented leg turns inferred at the establishment chosen
        (:func:`~graph.pathways.scope.leg_at`, which only lowers those terms, except for the
        rates: a dropped rate below 1 would raise the score, so such a leg counts its rate
        term as 0 at most); travel, unknown distances, planned and stale steps only remove
        points (0 at most); the modality and the capacity count at most once per step."""
        total = self.prefix_bound(diplomas, legs)
        if total is None or total == math.inf or not legs:
            return total
        last = self.step_bound(diplomas[-2], diplomas[-1], legs[-1])
        if last is None or last == math.inf:
            return last
        return total + last

    def prefix_bound(self, diplomas: list[Row], legs: list[Row]) -> float | None:
        """:meth:`bound` of a pathway of these steps without its last step's part (the same
        sum in the same order: :meth:`bound` is this plus :meth:`step_bound` of the last
        step, the same float), None or ``inf`` as :meth:`bound` for the steps before the last.
        The pathways that differ by their last step only share it
        (:func:`graph.pathways.pruning.best_of`)."""
        steps: list[float] = []
        before = diplomas[0]
        for k in range(1, len(legs)):
            d = diplomas[k]
            step = self.step_bound(before, d, legs[k - 1])
            if step is None or step == math.inf:
                return step
            steps.append(step)
            before = d
        return prefix_total(len(legs), steps)

    @property
    def step_bound_memo(self) -> Mapping[tuple[str, str, int], tuple[float | None, Row]]:
        """:meth:`step_bound`'s memo, read only: (before's code, the diploma's code, the leg's
        id) -> (its bound, the leg); a key not in it is a step not bounded yet."""
        return self._step_bounds

    def step_bound(self, before: Row, d: Row, leg: Row) -> float | None:
        """A step's part of :meth:`bound` (the same whatever the steps around it), kept for the
        search."""
        memo = (before["code"], d["code"], id(leg))
        got = self._step_bounds.get(memo)
        if got is None:
            got = self._step_bounds[memo] = (self._step_bound(before, d, leg), leg)
        return got[0]

    def _step_bound(self, before: Row, d: Row, leg: Row) -> float | None:
        """A step's part of :meth:`bound` (the same whatever the steps around it)."""
        if leg.get("from_departements") or leg.get("to_departements"):
            return math.inf
        pool = self._pool(
            d["code"], leg.get("modality"), leg.get("passerelle_origin") == AFTER_3E_ORIGIN
        )
        if not pool.any:
            return None
        total = 0.0
        if leg.get("strength") is None:
            total += W_FIELD * field_continuity(before, d, self.fields)
        if pool.outside:
            total -= W_OUTSIDE
        if self.modality:
            total += W_MODALITY
        if d["code"] in self.undescribed:
            total -= W_UNDESCRIBED
        if pool.capacity:
            total += W_CAPACITY
        holds = self._holds(pool, leg)
        if holds is False or leg.get("passerelle_origin") == "inferred":
            total -= W_INFERRED + W_EVIDENCE * (1.0 - (leg.get("strength") or 0.0))
        if holds is not False:  # else leg_at drops its figures, rate included
            rate = leg.get("rate")
            if rate is not None:
                term = W_RATE * math.log10(max(rate, 0.01))
                total += term if holds else max(term, 0.0)
            if _has_figures(leg):
                total += W_FIGURE
        return total

    def refined_bound(
        self, diplomas: list[Row], legs: list[Row], static: float | None = None
    ) -> float | None:
        """:meth:`bound` with every step but the last counted exactly (the establishments
        chosen for them, as :meth:`score` chooses them): still never below :meth:`score`,
        and far closer when the first steps travel or take a scoped leg outside its scope.
        Costs the choices of the first steps only, which the pathways sharing them share
        (:meth:`_partial`); the last step's choice, most of a score's cost, is left out.
        ``static``: :meth:`bound` of the same pathway, when already known."""
        if static is None:
            static = self.bound(diplomas, legs)
        if static is None or static == math.inf:
            return static
        upper = self.prefix_upper(diplomas, legs)
        if upper is None:
            return None
        last = self._step_bounds[(diplomas[-2]["code"], diplomas[-1]["code"], id(legs[-1]))][0]
        assert last is not None  # not None: static is a number
        return upper + last

    def prefix_upper(self, diplomas: list[Row], legs: list[Row]) -> float | None:
        """:meth:`refined_bound` without its last step's part (:meth:`step_bound` of the last
        step: their sum is :meth:`refined_bound`, the same float), or None when it is None:
        the pathways that differ by their last step only share it."""
        n = len(legs)
        key = _partial_key(diplomas, legs, n - 1)
        got = self._bounds.get(key)
        if got is None:
            p = self._partial(diplomas, legs, n - 1, key)
            got = self._bounds[key] = (None if p is None else self._upper(p, n), legs)
        return got[0]

    def score(self, diplomas: list[Row], legs: list[Row]) -> Scored | None:
        """The score of one candidate pathway (None if a step has no establishment).

        The exact terms of its first steps are those of every pathway that begins the same
        way (:meth:`_partial`, kept for the search): only the last step is added here. The
        sums are made in the same order as step by step, so the same floats
        (``tests/unit/test_pathway_pruning.py`` compares with the step-by-step definition)."""
        n = len(legs)
        p = self._partial(diplomas, legs, n - 1) if n else self._empty
        if p is not None and n:
            p = self._extend(p, diplomas[n - 1], diplomas[n], legs[n - 1])
        if p is None:
            return None
        components = _components(p, n)
        return Scored(
            score=100.0 + sum(components.values()),
            components=components,
            start=diplomas[0],
            plan=list(p.plan),
            travel_km=p.travel if p.known_legs else None,
            outside=p.outside,
            field_points=p.field_points,
            modality_hits=p.modality_hits,
            key=tuple(d["code"] for d in diplomas),
            unplaced=p.unplaced,
            tie=(p.unplaced, -p.capacity_sum, *wish_tie(diplomas, p.demands)),
            after_unplaced=p.after_unplaced,
        )

    def full_bound(self, diplomas: list[Row], legs: list[Row]) -> float | None:
        """:meth:`refined_bound` with the last step counted exactly too: :meth:`score`'s total
        before the rounding of its terms (BOUND_SLACK above it), or None when :meth:`score` is
        None. Without what only the answer reads (the plan's steps, the legs as they hold, the
        terms by name, the ties): a search from a level meets a thousand candidates whose
        refined bound reaches the shown ones, and shows ten (:func:`graph.pathways.pruning.
        best_of` builds the :class:`Scored` of those whose full bound does)."""
        n = len(legs)
        if not n:
            return self._upper(self._empty, 0)
        first = _partial_key(diplomas, legs, n - 1)
        key = (first, diplomas[n]["code"], id(legs[n - 1]))
        got = self._bounds.get(key)
        if got is None:
            p = self._partial(diplomas, legs, n - 1, first)
            f = (
                None
                if p is None
                else self._last_upper(p, diplomas[n - 1], diplomas[n], legs[n - 1], n)
            )
            got = self._bounds[key] = (f, legs)
        return got[0]

    def _upper(self, p: _Partial, n: int) -> float:
        """:meth:`score`'s total for the steps of ``p`` (exact), with ``n`` steps in all,
        before the other steps' part and the rounding (BOUND_SLACK covers it)."""
        return (
            100.0
            - W_STEP * (n - 1)
            + BOUND_SLACK
            - W_KM * p.effective
            - W_KM * effective_km(UNPLACED_KM, None) * p.unplaced
            + W_FIELD * p.field_points
            - W_OUTSIDE * p.outside
            - W_PLANNED * p.planned
            - W_STALE * p.stale
            - W_INFERRED * p.inferred
            - W_EVIDENCE * p.weakness
            + W_MODALITY * p.modality_hits
            - W_UNDESCRIBED * p.undescribed
            + (W_RATE * math.log10(p.rate_product) if p.rates_known else 0.0)
            + W_FIGURE * p.figures
            + W_CAPACITY * p.capacities
        )

    def _last_upper(self, p: _Partial, before: Row, d: Row, leg: Row, n: int) -> float | None:
        """``_upper(_extend(p, before, d, leg, step=False), n)``, the same float, without
        building the :class:`_Partial` (most of the fields are not read): the same terms as
        :meth:`_extend` made in the same order, summed as :meth:`_upper` sums them."""
        after_3e = leg.get("passerelle_origin") == AFTER_3E_ORIGIN
        choice = self.choice(p.prev, d["code"], leg.get("modality"), after_3e)
        if choice is None:
            return None
        best = choice.ranked[0]
        offer = best.offer
        here = offer.get("departement")
        if not local_leg_holds(leg, p.taken_in, here):
            return None  # a campus programme's leg, taken outside its territory
        holds = leg_holds(leg, best.actor.get("id"), here)
        effective = p.effective
        if choice.dist is not None:
            effective += choice.effective
        field_points = p.field_points
        if leg.get("strength") is None:  # an inferred leg's strength already counts it
            field_points += field_continuity(before, d, self.fields)
        inferred, weakness = p.inferred, p.weakness
        if not holds or leg.get("passerelle_origin") == "inferred":
            inferred += 1
            weakness += 1.0 - (leg.get("strength") or 0.0)
        rate_product, rates_known = p.rate_product, p.rates_known
        rate = leg.get("rate") if holds else None  # leg_at drops the figures
        if rate is not None:
            rate_product *= max(rate, 0.01)
            rates_known += 1
        capacity = ranked_figures(best, after_3e)[0]
        modality_hit = bool(self.modality and offer["modality"] == self.modality)
        total: float = (
            100.0
            - W_STEP * (n - 1)
            + BOUND_SLACK
            - W_KM * effective
            - W_KM * _UNPLACED_EFFECTIVE_KM * (p.unplaced + choice.unplaced)
            + W_FIELD * field_points
            - W_OUTSIDE * (p.outside + (not best.in_territory))
            - W_PLANNED * (p.planned + (offer["status"] == "planned"))
            - W_STALE * (p.stale + (best.last_seen is not None))
            - W_INFERRED * inferred
            - W_EVIDENCE * weakness
            + W_MODALITY * (p.modality_hits + modality_hit)
            - W_UNDESCRIBED * (p.undescribed + (d["code"] in self.undescribed))
            + (W_RATE * math.log10(rate_product) if rates_known else 0.0)
            + W_FIGURE * (p.figures + (holds and _has_figures(leg)))
            + W_CAPACITY * (p.capacities + (capacity is not None))
        )
        return total

    def _partial(
        self, diplomas: list[Row], legs: list[Row], k: int, key: tuple[Any, ...] | None = None
    ) -> _Partial | None:
        """The exact terms of the first ``k`` steps of a pathway, kept for the search (the
        pathways that begin the same way share them); None if one of those steps has no
        establishment or takes a campus programme's leg outside its territory. ``key``: its
        :func:`_partial_key`, when the caller made it."""
        if k == 0:
            return self._empty
        if key is None:
            key = _partial_key(diplomas, legs, k)
        got = self._partials.get(key)
        if got is None:
            before = self._partial(diplomas, legs, k - 1)
            p = (
                None
                if before is None
                else self._extend(before, diplomas[k - 1], diplomas[k], legs[k - 1])
            )
            # the legs are kept with it so that their ids stay theirs
            got = self._partials[key] = (p, legs[:k])
        return got[0]

    def _extend(
        self, p: _Partial, before: Row, d: Row, leg: Row, *, step: bool = True
    ) -> _Partial | None:
        """``p`` and one more step, to ``d`` by ``leg`` (the terms of :meth:`score`).
        ``step=False``: the terms only (:meth:`total`): the plan and the wishes are left as
        they were, the leg is not copied as it holds at the establishment chosen."""
        after_3e = leg.get("passerelle_origin") == AFTER_3E_ORIGIN
        choice = self.choice(p.prev, d["code"], leg.get("modality"), after_3e)
        if choice is None:
            return None
        best = choice.ranked[0]
        here = best.offer.get("departement")
        if not local_leg_holds(leg, p.taken_in, here):
            return None  # a campus programme's leg, taken outside its territory
        holds = leg_holds(leg, best.actor.get("id"), here)
        if step:  # as the answer shows it (leg_at: an inferred leg outside its scope)
            leg = dict(leg) if holds else leg_at(leg, best.actor.get("id"), here)
        travel, effective, known_legs = p.travel, p.effective, p.known_legs
        # after a step without position, the distance is measured from where the search went
        # on from (the home): it ranks the establishments (the score is unchanged), but it is
        # no trip of the learner's (Step.prev_unplaced)
        prev_unplaced = p.last_unplaced
        if choice.dist is not None:
            effective += choice.effective
            if not prev_unplaced:
                travel += choice.dist
                known_legs += 1
        field_points = p.field_points
        if leg.get("strength") is None:  # an inferred leg's strength already counts it
            field_points += field_continuity(before, d, self.fields)
        inferred, weakness = p.inferred, p.weakness
        if not holds or leg.get("passerelle_origin") == "inferred":
            inferred += 1
            weakness += 1.0 - (leg.get("strength") or 0.0)
        rate_product, rates_known = p.rate_product, p.rates_known
        rate = leg.get("rate") if holds else None  # leg_at drops the figures
        if rate is not None:
            rate_product *= max(rate, 0.01)
            rates_known += 1
        capacity, demand = ranked_figures(best, after_3e)
        undescribed = d["code"] in self.undescribed
        return _Partial(
            plan=(
                (*p.plan, Step(d, leg, choice, p.prev, undescribed, prev_unplaced))
                if step
                else p.plan
            ),
            prev=choice.to,
            taken_in=[here] if here else None,
            travel=travel,
            effective=effective,
            known_legs=known_legs,
            field_points=field_points,
            outside=p.outside + (not best.in_territory),
            planned=p.planned + (best.offer["status"] == "planned"),
            stale=p.stale + (best.last_seen is not None),
            unplaced=p.unplaced + choice.unplaced,
            capacity_sum=p.capacity_sum + (capacity or 0),
            demands=(*p.demands, demand or 0) if step else p.demands,
            inferred=inferred,
            weakness=weakness,
            modality_hits=p.modality_hits
            + bool(self.modality and best.offer["modality"] == self.modality),
            undescribed=p.undescribed + undescribed,
            rate_product=rate_product,
            rates_known=rates_known,
            figures=p.figures + (holds and _has_figures(leg)),
            capacities=p.capacities + (capacity is not None),
            last_unplaced=choice.unplaced,
            after_unplaced=p.after_unplaced + (prev_unplaced and choice.dist is not None),
        )


def _partial_key(diplomas: list[Row], legs: list[Row], k: int) -> tuple[Any, ...]:
    """What the exact terms of a pathway's first ``k`` steps depend on within a search
    (:meth:`Scorer._partial`): its start's code, then each step's code and its leg's id."""
    if k == 1:  # most of them (a two-step pathway's first step): the same key, made faster
        return (diplomas[0]["code"], (diplomas[1]["code"], id(legs[0])))
    return (diplomas[0]["code"], *((diplomas[i]["code"], id(legs[i - 1])) for i in range(1, k + 1)))


class _Partial(NamedTuple):
    """The exact terms of a pathway's first steps (:meth:`Scorer.score`'s sums so far)."""

    plan: tuple[Step, ...]
    prev: LatLon | None  # where the next step is measured from
    taken_in: list[str] | None  # where the last step was taken (campus programmes' legs)
    travel: float
    effective: float
    known_legs: int
    field_points: float
    outside: int
    planned: int
    stale: int
    unplaced: int
    capacity_sum: int
    demands: tuple[int, ...]  # the chosen offers' wishes, step by step
    inferred: int
    weakness: float
    modality_hits: int
    undescribed: int
    rate_product: float
    rates_known: int
    figures: int
    capacities: int
    last_unplaced: bool = False  # the last step's establishment has no position
    after_unplaced: int = 0  # Scored.after_unplaced


def prefix_total(n: int, steps: Sequence[float]) -> float:
    """:meth:`Scorer.prefix_bound` of a pathway of ``n`` legs whose first steps'
    :meth:`Scorer.step_bound` are ``steps`` (all numbers, ``n - 1`` of them when ``n``): summed
    in their order, the same float."""
    total = 100.0 - W_STEP * (n - 1) + BOUND_SLACK
    for step in steps:
        total += step
    return total


def _components(p: _Partial, n: int) -> dict[str, float]:
    """The score's terms by name of a pathway of ``n`` steps whose terms are ``p``, rounded to
    2 decimals (what the answer shows; the score is 100 plus their sum)."""
    components = {
        "steps": -W_STEP * (n - 1),
        "travel": -W_KM * p.effective,
        "unknown_distance": -W_KM * effective_km(UNPLACED_KM, None) * p.unplaced,
        "same_field": W_FIELD * p.field_points,
        "outside": -W_OUTSIDE * p.outside,
        "planned": -W_PLANNED * p.planned,
        "not_seen_lately": -W_STALE * p.stale,
        "inferred_passerelles": -W_INFERRED * p.inferred,
        "weak_evidence": -W_EVIDENCE * p.weakness,
        "modality": W_MODALITY * p.modality_hits,
        "modality_not_described": -W_UNDESCRIBED * p.undescribed,
        "known_rates": W_RATE * math.log10(p.rate_product) if p.rates_known else 0.0,
        "documented_figures": W_FIGURE * p.figures,
        "known_capacity": W_CAPACITY * p.capacities,
    }
    return {k: round(v, 2) + 0.0 for k, v in components.items()}  # no -0.0


def wish_tie(diplomas: list[Row], demands: tuple[int, ...]) -> tuple[Any, ...]:
    """The wishes as a tie of pathways: step by step, more first, and only between pathways
    whose steps are of the same diploma types. A CAP's or a Bac pro's wishes are Affelnet's
    first wishes, a BTS's Parcoursup's confirmed wishes (up to 10 per candidate, not ranked):
    never added up nor compared with each other.

    >>> cap_bac = [{"type": "none"}, {"type": "cap"}, {"type": "bac_pro"}]
    >>> wish_tie(cap_bac, (12, 30)) < wish_tie(cap_bac, (12, 8))
    True
    >>> wish_tie([{"type": "none"}, {"type": "bts"}], (500,))
    (('bts',), (-500,))
    """
    return tuple(d.get("type") or "" for d in diplomas[1:]), tuple(-n for n in demands)


def rank(scored: list[Scored]) -> list[Scored]:
    """One pathway per diploma sequence (the best scored), best first; ties: fewer steps, fewer
    establishments of unknown place, the larger capacity, the more wishes step by step between
    pathways of the same diploma types (:func:`wish_tie`), and only then the codes (so that
    code order never decides between places a counsellor can compare)."""
    best: dict[tuple[str, ...], Scored] = {}
    for s in scored:
        if s.key not in best or s.score > best[s.key].score:
            best[s.key] = s
    return sorted(best.values(), key=lambda s: (-s.score, len(s.key), s.tie, s.key))


def _known(value: Any) -> int:
    """A figure for sorting: an unknown one counts as -1, below every known one."""
    return -1 if value is None else int(value)
