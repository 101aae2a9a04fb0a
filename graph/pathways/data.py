"""What the pathway search reads, cached per diploma for one version of the graph.

A search reads, hop by hop, the passerelle legs leaving some diplomas and the offers of the
diplomas it reaches. Those rows do not depend on the request (the territory and modality are
checked in Python), so they are kept here, per diploma, and shared by every request until the
graph changes: :meth:`graph.store.GraphStore.version` is read once per search and a new version
starts an empty cache. Only the diplomas a search has not met yet are read, in one query per
kind and hop.

Why: at national size, decoding the offer rows in the Redis client was most of a request's time
(2 717 rows, 460 ms of client work for 16 ms in the database); a warm cache answers the same
search without reading them again (``bench/pathways.py`` reports cold and warm figures).

The cache is per process (each uvicorn worker has its own) and bounded by the graph: at most
every diploma's legs and offers. A store that gives no version (a test wrapper) starts an empty
cache for every search, i.e. reads as without one.
"""

from __future__ import annotations

import bisect
import gc
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any

from graph import shared_values
from graph.coverage import read_coverage
from graph.diploma_names import display_name, is_common_year_kept
from graph.gc_pause import gc_paused
from graph.inference.rules import programme_territory
from graph.memory import release_free_memory
from graph.pathways import coverage_rows, offer_centres, snapshot
from graph.pathways.after_3e import START_CODE as AFTER_3E_CODE
from graph.pathways.after_3e import entered_after_3e
from graph.pathways.history import IMPORTED_TWIN, OfferKey, YearFigures, read_histories
from graph.pathways.hygiene import (
    ThinFile,
    latest_years,
    listed_by_year,
    thin_latest,
    track_of,
    usable_rows,
)
from graph.pathways.nearest import NearIndex
from graph.pathways.scoring import Offer
from graph.pathways.search import _BAND_MARGIN, OutsideRows, by_latitude, open_legs_from
from graph.pathways.undescribed import OfferKinds, described_kinds
from graph.pathways.unreached_goals import (
    NOWHERE,
    CurrentPlaces,
    WhereIndex,
    current_places,
    current_points,
    programme_of,
    where_candidates,
    where_index,
    within_radius,
)
from graph.store import GraphReader, GraphStore, read_ahead
from graph.territory import Territory
from graph.touched import Touched, touched_between

LEG_FIELDS = (
    "passerelle_id",
    "passerelle_origin",
    "kind",
    "rate",
    "entrant_share",
    "reserved_share",
    "modality",
    "strength",
    "evidence",
    "scope",
    "scope_actors",
    "scope_departements",
    "from_departements",
    "to_departements",
    # the evidence said with names, not codes (graph/evidence_words.py); None on a graph
    # imported before it was written: the explanation then says the NSF names alone
    "evidence_words",
)
OFFER_FIELDS = (
    "site",
    "commune",
    "departement",
    "region_code",
    "lat",
    "lon",
    "modality",
    "status",
    "capacity",
    "year",
    "campus",
    "source",
    "origin",
    "demand",
    "common_year",  # the common 2nde that says the offer is current (ingest/opendata/renewal.py)
    "coords_precision",  # how the import placed it (graph/place_precision.py); None for seeds
    "commune_from",  # "coordinates": only near that commune (ingest/opendata/named_commune.py)
    # 2 when capacity and demand are of the 1re pro (a Bac pro listed by its 1re pro only), with
    # the entry after 3e through the common 2nde there (graph/pathways/entry_figures.py)
    "entry_year",
    "entry_capacity",
    "entry_demand",
    # True when the Parcoursup programme's label says « distanciel » (graph/distance_learning.py)
    "at_distance",
)

# the cached offers as dicts that share their keys (graph/shared_values.py: half the memory of
# 60 000 offer dicts at national size). Not the legs: a search copies the legs it walks
# (scope.leg_at), and a copy of such a dict costs ~0.5 µs against ~0.1
_OFFER_ROWS = shared_values.KeySharedRows(OFFER_FIELDS)

# the (modality, département) pairs of PathwayData._places, one object each (a few hundred
# in all, against ~55 000 tuples of their own at national size: ~3.5 MB)
_PLACE_PAIRS: dict[tuple[Any, Any], tuple[Any, Any]] = {}

# radii whose diplomas within are kept (PathwayData.within_radius: a few hundred codes each)
WITHIN_KEPT = 16
KEPT_CAP = 64  # values kept per version by PathwayData.kept (a territory's coverage: a few KB)
# the serialised answers kept per version by PathwayData.answer (10-70 KB each at national size:
# a few hundred questions; the worker's RSS target is 250 MB, docs/performance.md)
ANSWER_BYTES_CAP = 8 * 1024 * 1024
HISTORY_CAP = 50_000  # offers whose history is kept (those answers showed): about 10 MB at most
# the territories' coverage rows kept per version and carried over edits (coverage_rows():
# about 250 bytes a row, so 5 MB at most; one département is 1 000-2 000 rows at national size)
COVERAGE_ROWS_CAP = 20_000
# what searches of the same territory and modality share within a version (search_memo(): the
# steps' bounds, the diplomas offered in the territory), kept for this many keys, the least
# recently asked dropped first, and for this many entries in all (a territory and level is
# ~1 500-2 700 of each; 37 000 entries of 18 keys were 4.1 MB, tracemalloc: ~7 MB a worker at
# most). Enough for the 24 keys: at 30 000, the bench's 10 territories (37 000 entries) dropped
# each memo before its territory was asked again, least recently asked first. Keys: a territory
# has six memos (offered inside, the hops' kept legs, flagged offers, step bounds, choices,
# exact bounds); the bench's nine territories asked in turn need 54 of them, and a cap below the
# turn drops each memo before its territory is asked again (36 was just enough for the four
# memos before the flagged offers, 48 for the five before the kept legs; the bench's questions
# with a home fill a few more exact-bounds keys). The kept legs add ~1 500 entries a territory
# (51 000 entries for the bench's five memos, ~64 000 with them)
SEARCH_MEMO_KEYS = 60
SEARCH_MEMO_ENTRIES = 80_000
# what the notices of answers of the same territory share within a version (notice_memo(): each
# neighbouring goal's nearest offer, ~50-200 entries a key; the goals reached beyond a set of
# goals), kept apart from the search memos so as not to push a territory's search memos out
NOTICE_MEMO_KEYS = 24
# a carried cache whose edit touched at most this many diplomas is not refilled in the
# background: the first request that needs one of them reads it (a thread would compete with
# that request for the interpreter, and the request would read it anyway)
REFILL_INLINE_CAP = 50
# the diplomas edits may touch before the index of where diplomas are offered is built again
# (PathwayData.where_candidates: until then they are candidates in every territory)
WHERE_STALE_CAP = 300
Row = dict[str, Any]
log = logging.getLogger("cmq.pathways")


def _offer_order(pair: tuple[Row, Row]) -> tuple[str, ...]:
    """A total order of a diploma's offers, so that ties in the ranking (one establishment
    offering it by school and by apprenticeship) break the same way on every engine: each
    of the values as text, None as ''."""
    actor, offer = pair
    get = offer.get
    a, m, si, y, st, so = (
        actor.get("id"),
        get("modality"),
        get("site"),
        get("year"),
        get("status"),
        get("source"),
    )
    return (
        "" if a is None else str(a),
        "" if m is None else str(m),
        "" if si is None else str(si),
        "" if y is None else str(y),
        "" if st is None else str(st),
        "" if so is None else str(so),
    )


class _Shared:
    """One object for equal values of the cache's rows (:mod:`graph.shared_values`): the
    values of the rows a search reads and of those the preload reads ahead go through the
    same ``table``."""

    def __init__(self) -> None:
        self.table: shared_values.Table = {}

    def row(self, values: list[Any]) -> list[Any]:
        return shared_values.share_list(values, self.table)


def _as_read(values: list[Any]) -> list[Any]:
    return values


def _with(index: dict[str, tuple[str, ...]], key: str, code: str) -> None:
    """Add ``code`` to ``index[key]`` (tuples, replaced and never changed in place)."""
    have = index.get(key, ())
    if code not in have:
        index[key] = (*have, code)


# a diploma's usable offers ordered by département (as text), and those départements
ByDepartement = tuple[tuple[str, ...], tuple[tuple[Row, Row, int | None], ...]]


def _departement_text(row: tuple[Row, Row, int | None]) -> str:
    return str(row[1].get("departement") or "")


class _CachedSource:
    """The cache's diplomas and legs as a search's source reads them
    (:class:`graph.pathways.search.Source`, the two it needs to open legs)."""

    def __init__(self, data: PathwayData, store: GraphReader) -> None:
        self.data = data
        self.store = store

    def diplomas(self, codes: Iterable[str]) -> dict[str, Row]:
        return self.data.diplomas(self.store, codes)

    def legs_from(self, codes: Iterable[str]) -> dict[str, list[tuple[str, Row]]]:
        return self.data.legs_from(self.store, codes)


class PathwayData:
    """Diplomas, legs, offers, filières and sector goals, each read once per graph version."""

    def __init__(self, version: str | None) -> None:
        self.version = version
        self._diplomas: dict[str, Row | None] = {}
        # every diploma code of the graph, once read (all_codes(): the preload reads it too)
        self._all_codes: tuple[str, ...] | None = None
        # whether _all_codes is in Python's order, each code once (as carried() leaves it)
        self._all_codes_sorted = False
        self._legs: dict[str, list[tuple[str, Row]]] = {}
        self._offers: dict[str, list[tuple[Row, Row]]] = {}
        # code -> its offers that may be proposed, with the last year the files saw them when
        # not current (what every request's flagging starts from; :meth:`usable_offers`)
        self._usable: dict[str, list[tuple[Row, Row, int | None]]] = {}
        # code -> the (modality, département) of its usable offers: which diplomas a request
        # in some départements may skip without flagging their offers (offered_in)
        self._places: dict[str, frozenset[tuple[Any, Any]]] = {}
        # code -> where its current offers are (the partial-answer notice: current_places)
        self._current: dict[str, CurrentPlaces] = {}
        # which diplomas have current offers where, built from every diploma's current places
        # (where_candidates), and the codes whose places changed since (an edit touched them:
        # always candidates); the index is never changed, only replaced
        self._where: WhereIndex | None = None
        self._where_stale: frozenset[str] = frozenset()
        # every modality those name (replaced, never changed in place; offered_in)
        self._modalities: frozenset[Any] = frozenset()
        # code -> its usable offers as Offer objects flagged outside any territory (what a
        # request keeps of most offers; :meth:`outside_offers`)
        self._outside: dict[str, OutsideRows] = {}
        # code -> its usable offers as Offer objects in the territory, for the requests whose
        # territory is everywhere and with no modality (:meth:`everywhere_offers`)
        self._everywhere: dict[str, list[Offer]] = {}
        # code -> its everywhere offers (the same list) ordered for the steps' choices
        # (:meth:`near_indexes`)
        self._near: dict[str, NearIndex] = {}
        # code -> its legs with closed targets replaced by their successors, one per target
        # (graph.pathways.search._open_targets: what every search walks); carried over an
        # edit but for the codes whose legs it touched (no edit closes or renames a diploma:
        # only an import does, and an import carries nothing)
        self.open_legs: dict[str, list[tuple[str, Row]]] = {}
        self._shared = _Shared()
        # who is where, for carried(): actor id -> the codes whose offers name it; passerelle
        # id -> the codes whose legs it makes (kept with the rows, so a change finds them at
        # once instead of scanning every offer)
        # (tuples, replaced and never changed in place: a copy of the dict is safe while
        # another thread adds to it)
        self._by_actor: dict[str, tuple[str, ...]] = {}
        self._by_passerelle: dict[str, tuple[str, ...]] = {}
        self._actors: dict[str, Row] = {}
        self._fields: dict[str, frozenset[str]] = {}
        self._sectors: dict[str, tuple[Row, ...]] = {}
        self._latest: dict[str, int] | None = None
        # the (modality, type, level) the offers name (offer_kinds): never carried over an
        # edit, which may add the first offer of a kind in a modality
        self._kinds: OfferKinds | None = None
        # common 2nde code -> how thinly its track's latest file lists it, for the offers of
        # its Bac pros it dates (usable_offers); recomputed from the cached rows after an edit
        self._thin_common: dict[str, ThinFile | None] = {}
        self._histories: dict[OfferKey, list[YearFigures]] = {}
        self._kept: dict[Hashable, Any] = {}  # kept(): not carried to a new version
        # by_departement(): code -> its usable offers ordered by département; carried over an
        # edit but for the codes whose offers it touched (as the usable offers it orders)
        self._by_departement: dict[str, ByDepartement] = {}
        # goal_kinds(): made once per version, carried over an edit with the codes it touched
        # worked out again when first asked (_goal_kinds_stale: an edit may add a diploma)
        self._goal_kinds: dict[str, tuple[Any, int]] | None = None
        self._goal_kinds_stale: frozenset[str] = frozenset()
        # coverage_rows(): territory -> (its rows by diploma, the codes to read again after
        # an edit), least recently used first
        self._coverage: OrderedDict[str, tuple[coverage_rows.ByCode, frozenset[str]]] = (
            OrderedDict()
        )
        self._coverage_rows = 0
        # offers_centre(): the located offers' places by (département, région), filed by a
        # whole preload with their diplomas' indexes (graph/pathways/offer_centres.py);
        # carried over an edit of no establishment, the touched diplomas' points read again
        # (``_centres_stale``) when a centre is first asked
        self._centres: offer_centres.Points | None = None
        self._centre_codes: dict[str, int] = {}
        self._centres_stale: frozenset[str] = frozenset()
        # whether those points are ordered by diploma (offer_centres.by_diploma), as the
        # refresh after an edit needs them: the near thread orders a whole preload's
        self._centres_ordered = False
        self._centres_lock = threading.Lock()
        # programme_territories(), and the codes to read again (an edit touched them)
        self._programmes: dict[str, frozenset[str]] | None = None
        self._programmes_stale: frozenset[str] = frozenset()
        # answer(): whole serialised answers, least recently used first; never carried either
        self._answers: OrderedDict[Hashable, bytes] = OrderedDict()
        self._answer_bytes = 0
        # search_memo(): memos of the searches by what they depend on besides the graph, least
        # recently used first; never carried either (an edit may change any step's offers)
        self._search_memos: OrderedDict[Hashable, dict[Any, Any]] = OrderedDict()
        # notice_memo(): the same for the notices, least recently used first, never carried
        self._notice_memos: OrderedDict[Hashable, dict[Any, Any]] = OrderedDict()
        # Readers may fill the same entries at once; each entry is written whole, so the worst
        # case is a diploma read twice. The lock only guards the sector map's check-then-set.
        self._lock = threading.Lock()
        # within_radius(): by (centre, radius), the last WITHIN_KEPT
        self._within: OrderedDict[tuple[float, float, float], frozenset[str]] = OrderedDict()
        self.preload_thread: threading.Thread | None = None
        # the thread making the near indexes once the preload is done (_make_near), and its
        # duration
        self.near_thread: threading.Thread | None = None
        self.near_s: float | None = None
        self.preloaded_s: float | None = None  # set when a preload has filled it
        self.preloaded_cpu_s: float | None = None  # its thread's CPU seconds (/health)
        self.carried_from: str | None = None  # the version whose rows it kept (carried())
        # whether its preload read a snapshot instead of the database (graph/pathways/snapshot.py)
        self.from_snapshot = False
        # after carried() from a filled cache: the only codes a preload must read again
        self.refill: list[str] | None = None

    def carried(self, version: str, touched: Touched) -> PathwayData:
        """A cache for ``version`` holding this one's rows except what ``touched`` changed:
        the touched diplomas' rows, the offers of the diplomas a touched actor offers, the
        legs of touched passerelles (partnerships are not read by the search). Everything
        else is the same in both versions (graph/touched.py), so a search after an edit reads
        only what the edit changed."""
        new = PathwayData(version)
        # a dict's copy() is one C call under the GIL: a consistent copy even while another
        # thread (a search, the old preload) is adding entries; it clones the table when few
        # entries were dropped from it (4 times faster than dict(...), which inserts them one
        # by one once any was: ~2 ms of each first answer after an edit, edit19)
        offers = self._offers.copy()
        legs = self._legs.copy()
        by_actor = self._by_actor.copy()
        by_passerelle = self._by_passerelle.copy()
        drop_offers = set(touched.diplomas)
        for a in touched.actors:
            drop_offers.update(by_actor.get(a, ()))
        drop_legs = set(touched.diplomas)
        for p in touched.passerelles:
            drop_legs.update(by_passerelle.get(p, ()))
        usable = self._usable.copy()
        places = self._places.copy()
        current = self._current.copy()
        outside = self._outside.copy()
        everywhere = self._everywhere.copy()
        near = self._near.copy()
        by_departement = self._by_departement.copy()
        new._offers = offers
        new._usable = usable
        new._places = places
        new._current = current
        with self._lock:
            stale = self._where_stale | drop_offers
            if self._where is not None and len(stale) <= WHERE_STALE_CAP:
                new._where, new._where_stale = self._where, frozenset(stale)
        new._modalities = self._modalities  # those of the dropped codes too: no harm
        new._outside = outside
        new._everywhere = everywhere
        new._near = near
        new._by_departement = by_departement
        new._legs = legs
        open_legs = self.open_legs.copy()
        # the legs from the end of 3e follow the offers (Affelnet's): read again
        open_legs.pop(AFTER_3E_CODE, None)
        new.open_legs = open_legs
        # new._shared starts empty: the rows read again share among themselves, and the
        # values of rows an edit replaced (an edit's own source text) are not kept forever
        for c in drop_offers:
            offers.pop(c, None)
            usable.pop(c, None)
            places.pop(c, None)
            current.pop(c, None)
            outside.pop(c, None)
            everywhere.pop(c, None)
            near.pop(c, None)
            by_departement.pop(c, None)
        for c in drop_legs:
            legs.pop(c, None)
            open_legs.pop(c, None)
        if not touched.actors:  # an actor's name, campuses or offers: any row may change
            with self._lock:
                if self._programmes is not None:
                    new._programmes = self._programmes
                    new._programmes_stale = self._programmes_stale | drop_offers
                new._coverage = OrderedDict(
                    (k, (rows, stale | touched.diplomas))
                    for k, (rows, stale) in self._coverage.items()
                )
                new._coverage_rows = self._coverage_rows
        # the indexes may name codes dropped here: a code is read again when asked, and the
        # index then names it again; naming a code that is not cached drops nothing
        new._by_actor = by_actor
        new._by_passerelle = by_passerelle
        new.refill = (
            sorted(drop_offers | drop_legs | touched.diplomas)
            if self.preloaded_s is not None
            else None
        )
        # copied whole, then the touched entries dropped (a comprehension over the 10 000
        # actors of the country was most of the cost of carrying a cache over an edit)
        new._diplomas = self._diplomas.copy()
        for c in touched.diplomas:
            new._diplomas.pop(c, None)
        if self._all_codes is not None:  # an edit may add a diploma: it is among the touched
            have = self._all_codes
            if self._all_codes_sorted and all(_holds(have, c) for c in touched.diplomas):
                new._all_codes = have  # what the sorted union below would be (~1 ms)
            else:
                new._all_codes = tuple(sorted({*have, *touched.diplomas}))
            new._all_codes_sorted = True
        new._actors = self._actors.copy()
        for a in touched.actors:
            new._actors.pop(a, None)
        new._fields = self._fields.copy()  # TRAINS_FOR: no edit changes it
        with self._lock:  # no edit changes a diploma's row: the touched ones are read again
            if self._goal_kinds is not None:
                new._goal_kinds = self._goal_kinds
                new._goal_kinds_stale = self._goal_kinds_stale | touched.diplomas
        new._sectors = self._sectors.copy()
        new._latest = self._latest  # the imported files: only an import changes them
        # the yearly figures come from imports only (never carried over: touched is None);
        # an edit may still delete an offer that had some
        new._histories = {
            k: v
            for k, v in self._histories.copy().items()
            if k[0] not in touched.actors and k[1] not in touched.diplomas
        }
        if not touched.actors:  # no establishment moved: only the touched diplomas' points
            with self._centres_lock:
                new._centres = self._centres
                new._centre_codes = self._centre_codes
                new._centres_stale = self._centres_stale | touched.diplomas
                new._centres_ordered = self._centres_ordered
        new.carried_from = self.version
        return new

    @property
    def diploma_count(self) -> int:
        """Diplomas whose offers are in memory."""
        return len(self._offers)

    @staticmethod
    def _missing(have: dict[str, Any], codes: Iterable[str]) -> list[str]:
        return sorted({c for c in codes if c not in have})

    def diplomas(self, store: GraphReader, codes: Iterable[str]) -> dict[str, Row]:
        """code -> {code, name, type, level, nsf} for the codes that exist."""
        codes = list(codes)
        missing = self._missing(self._diplomas, codes)
        if missing:
            found = {
                r["d"]["code"]: {**r["d"], "successors": r["successors"]}
                for r in store.read("diplomas_brief", codes=missing)
            }
            for c in missing:
                self._diplomas[c] = found.get(c)
        return {c: d for c in codes if (d := self._diplomas.get(c)) is not None}

    def all_codes(self, store: GraphReader) -> tuple[str, ...]:
        """Every diploma code of the graph (some may have been deleted by an edit since:
        :meth:`diplomas` names only those that exist), read once per version unless the
        preload read it; their :meth:`diplomas` rows come with it."""
        if self._all_codes is None:
            rows = store.read("pathway_diplomas_all")
            for r in rows:
                self._diplomas.setdefault(r["d"]["code"], {**r["d"], "successors": r["successors"]})
            self._all_codes = tuple(r["d"]["code"] for r in rows)
        return self._all_codes

    def legs_from(
        self, store: GraphReader, codes: Iterable[str], rows: list[Row] | None = None
    ) -> dict[str, list[tuple[str, Row]]]:
        """code -> [(target code, leg)] for every LEADS_TO leaving it (targets are described
        by :meth:`diplomas` afterwards). ``rows``: those of ``pathway_legs_from`` for
        ``codes``, already read with their values shared through ``self._shared.table`` (the
        preload's :func:`graph.store.read_ahead`)."""
        codes = list(codes)
        missing = self._missing(self._legs, codes)
        if missing:
            got: dict[str, list[tuple[str, Row]]] = {c: [] for c in missing}
            share = self._shared.row
            if rows is None:
                rows = store.read("pathway_legs_from", codes=missing)
            else:  # read ahead through self._shared.table: shared already
                share = _as_read
            for r in rows:
                if (legs := got.get(r["source"])) is not None:
                    legs.append((r["target"], dict(zip(LEG_FIELDS, share(r["leg"]), strict=True))))
            for c in missing:
                got[c].sort(key=lambda t: (t[0], str(t[1].get("passerelle_id"))))
                for _, leg in got[c]:
                    pid = leg.get("passerelle_id")
                    if pid is not None:
                        _with(self._by_passerelle, pid, c)
            self._legs.update(got)
            self.diplomas(store, {t for legs in got.values() for t, _ in legs})
        return {c: self._legs[c] for c in codes}

    def offers_of(
        self, store: GraphReader, codes: Iterable[str], rows: list[Row] | None = None
    ) -> dict[str, list[tuple[Row, Row]]]:
        """code -> [(actor, offer)], a seed offer and its open-data twin merged
        (:func:`merge_offer_rows`). ``rows``: those of ``pathway_offers_of`` for ``codes``,
        already read and shared (as for :meth:`legs_from`)."""
        codes = list(codes)
        missing = self._missing(self._offers, codes)
        if missing:
            share = self._shared.row
            if rows is None:
                rows = store.read("pathway_offers_of", codes=missing)
            else:  # read ahead through self._shared.table: shared already
                share = _as_read
                if len(missing) < len(codes):
                    wanted = set(missing)
                    rows = [r for r in rows if r["code"] in wanted]
            new_ids = sorted({r["actor"] for r in rows} - self._actors.keys())
            if new_ids:
                for r in store.read("pathway_actors", ids=new_ids):
                    self._actors[r["actor"]["id"]] = r["actor"]
            actors = self._actors
            offer_row = _OFFER_ROWS.row_of
            merged = _merged(
                [
                    (
                        r["code"],
                        actors.get(r["actor"]) or {"id": r["actor"], "name": r["actor"]},
                        # the 8 fields most offers have none of come apart (cypher/)
                        offer_row(
                            share(r["offer"]), None if (t := r["rare"]) is None else share(t)
                        ),
                        None,
                    )
                    for r in rows
                ]
            )
            got: dict[str, list[tuple[Row, Row]]] = {c: [] for c in missing}
            where: dict[str, set[str]] = {}  # actor id -> the codes it offers here
            for code, actor, offer, _ in merged:
                got[code].append((actor, offer))
                where.setdefault(actor["id"], set()).add(code)
            for aid, named in where.items():
                have = self._by_actor.get(aid, ())
                if added := named.difference(have):
                    self._by_actor[aid] = (*have, *sorted(added))
            for c in missing:  # rows come in the engine's order: FalkorDB's and Neo4j's differ
                if len(got[c]) > 1:
                    got[c].sort(key=_offer_order)
            self._offers.update(got)
        return {c: self._offers[c] for c in codes}

    def usable_offers(
        self, store: GraphReader, codes: Iterable[str]
    ) -> dict[str, list[tuple[Row, Row, int | None]]]:
        """code -> [(actor, offer, last seen)] for its offers that may be proposed
        (:func:`graph.pathways.hygiene.offer_usable`), in the order of :meth:`offers_of`, with
        the last year the files saw each when it is not current
        (:func:`graph.pathways.hygiene.currency`). Neither depends on the request: they are
        worked out once per version, and a request only flags them for its territory and
        modality (:func:`graph.pathways.search.flag_offers`)."""
        codes = list(codes)
        missing = self._missing(self._usable, codes)
        if missing:
            latest = self.latest_years(store)
            diplomas = self.diplomas(store, missing)
            offers = self.offers_of(store, missing)
            commons = {
                o["common_year"] for ps in offers.values() for _, o in ps if o.get("common_year")
            }
            thin = self.thin_common(store, commons, latest)
            one = _PLACE_PAIRS.setdefault
            for code, pairs in offers.items():
                rows = usable_rows(pairs, diplomas.get(code), latest, thin)
                places = frozenset(
                    one(p, p)
                    for p in {(o.get("modality"), o.get("departement")) for _, o, _ in rows}
                )
                mods = {m for m, _ in places}
                if not mods <= self._modalities:  # before the places that name them
                    self._modalities = self._modalities | mods
                self._places[code] = places
                self._usable[code] = rows
        return {c: self._usable[c] for c in codes}

    def usable_offers_in(
        self, store: GraphReader, codes: Iterable[str], departements: Iterable[Any]
    ) -> dict[str, list[tuple[Row, Row, int | None]]]:
        """code -> its :meth:`usable_offers` whose département is one of ``departements``
        (and a few others of the same text, which a caller tests again), from each diploma's
        offers ordered by département once per version (:meth:`by_departement`): the neighbour
        notice looks for the nearest offer of ~100 goal diplomas in one to three départements,
        among each one's offers across the country (~4 500 rows for bench/pathways.py's q10)."""
        deps = sorted({str(d) for d in departements})
        out: dict[str, list[tuple[Row, Row, int | None]]] = {}
        for c, (keys, rows) in self.by_departement(store, codes).items():
            got: list[tuple[Row, Row, int | None]] = []
            for d in deps:
                lo = bisect.bisect_left(keys, d)
                got.extend(rows[lo : bisect.bisect_right(keys, d, lo)])
            out[c] = got
        return out

    def usable_offers_near(
        self, store: GraphReader, codes: Iterable[str], lat: float, reach: float
    ) -> dict[str, list[tuple[Row, Row, int | None]]]:
        """code -> its :meth:`usable_offers` placed at most ``reach`` degrees of latitude from
        ``lat``, in their order, found by bisection in the latitudes :meth:`outside_offers`
        keeps (a diploma of many offers) rather than by looking at each: the neighbour notice
        of a radius looks for the nearest offer of ~100-200 goal diplomas among each one's
        offers across the country, and an offer farther in latitude than the radius is not in
        it (:meth:`Territory.contains`)."""
        codes = list(codes)
        rows_of = self.usable_offers(store, codes)
        out: dict[str, list[tuple[Row, Row, int | None]]] = {}
        for c, outside in self.outside_offers(store, codes).items():
            rows, lats = rows_of[c], outside.latitudes
            keep: Iterable[int] = range(len(rows))
            if outside.by_latitude is not None:
                ordered, idx = outside.by_latitude
                lo = bisect.bisect_left(ordered, lat - reach - _BAND_MARGIN)
                keep = sorted(
                    idx[lo : bisect.bisect_right(ordered, lat + reach + _BAND_MARGIN, lo)]
                )
            out[c] = [rows[i] for i in keep if (x := lats[i]) is not None and abs(x - lat) <= reach]
        return out

    def by_departement(self, store: GraphReader, codes: Iterable[str]) -> dict[str, ByDepartement]:
        """code -> its :meth:`usable_offers` ordered by département (as text; none first),
        with those départements: made once per version, by the near thread after the preload
        for every diploma (two tuples a diploma, ~1.5 MB at national size), else when first
        asked; carried over an edit but for the diplomas whose offers it touched (as the
        usable offers: :meth:`carried`)."""
        codes = list(codes)
        missing = self._missing(self._by_departement, codes)
        if missing:
            for code, rows in self.usable_offers(store, missing).items():
                ordered = sorted(rows, key=_departement_text)
                self._by_departement[code] = (
                    tuple(map(_departement_text, ordered)),
                    tuple(ordered),
                )
        return {c: self._by_departement[c] for c in codes}

    def thin_common(
        self, store: GraphReader, codes: Iterable[str], latest: dict[str, int]
    ) -> dict[str, ThinFile]:
        """The common 2ndes among ``codes`` whose track's latest file lists them too thinly
        (:func:`graph.pathways.hygiene.thin_latest`), worked out once per version from their
        cached rows: the Bac pro offers they date are then not called stale."""
        codes = list(codes)
        missing = [c for c in codes if c not in self._thin_common]
        if missing:
            diplomas = self.diplomas(store, missing)
            for code, pairs in self.offers_of(store, missing).items():
                track = track_of((diplomas.get(code) or {}).get("type"))
                t = thin_latest(listed_by_year(pairs), latest.get(track) if track else None)
                self._thin_common[code] = t._replace(common_year=True) if t else None
        return {c: t for c in codes if (t := self._thin_common.get(c)) is not None}

    def outside_offers(self, store: GraphReader, codes: Iterable[str]) -> dict[str, OutsideRows]:
        """code -> :meth:`usable_offers` as offers flagged outside any territory, in the same
        order, with the département and latitude of each, made once per version: a request
        flags most offers of the diplomas it meets outside its territory, and takes these as
        they are (:func:`graph.pathways.search.flag_usable`) instead of making an object per
        offer. Never changed once made (``Offer.static``, the part of the establishments'
        order that does not depend on the request, is then worked out once per version)."""
        codes = list(codes)
        missing = self._missing(self._outside, codes)
        if missing:
            for code, rows in self.usable_offers(store, missing).items():
                lats = tuple(o.get("lat") for _, o, _ in rows)
                self._outside[code] = OutsideRows(
                    [Offer(code, a, o, False, last_seen=seen) for a, o, seen in rows],
                    tuple(o.get("departement") for _, o, _ in rows),
                    lats,
                    by_latitude(lats),
                )
        return {c: self._outside[c] for c in codes}

    def current_places(self, store: GraphReader, codes: Iterable[str]) -> dict[str, CurrentPlaces]:
        """code -> where its current offers are (:func:`graph.pathways.unreached_goals.
        current_places` of :meth:`usable_offers`), made once per version and carried over an
        edit but for the diplomas it touched: which diplomas a territory offers, found without
        looking at their offers (the partial-answer notice, graph/pathways/partial.py)."""
        codes = list(codes)
        missing = self._missing(self._current, codes)
        if missing:
            for code, rows in self.usable_offers(store, missing).items():
                self._current[code] = current_places(rows)
        return {c: self._current[c] for c in codes}

    def where_candidates(
        self, store: GraphReader, territory: Territory
    ) -> tuple[list[str], list[str]]:
        """The diplomas that may have a current offer in the territory
        (:func:`graph.pathways.unreached_goals.where_candidates`), from an index of every
        diploma's current places built once (by the preload, else at the first call) and
        carried over edits, and apart the diplomas an edit touched since, candidates
        everywhere until the index is built again (more than ``WHERE_STALE_CAP`` of them)."""
        index, stale = self.where_index(store)
        filed = where_candidates(index, territory) - stale
        return sorted(filed), sorted(stale)

    def within_radius(self, store: GraphReader, territory: Territory) -> frozenset[str]:
        """The diplomas with a current offer (in some modality) within the territory's radius
        that :func:`graph.pathways.unreached_goals.within_radius` finds from the cells of the
        index wholly within it, the codes an edit touched since the index was built left out
        (empty without a radius, or before the index is built: it is not built for this), kept
        for the last :data:`WITHIN_KEPT` radii. The others may have one all the same: the
        search's inside test and the partial-answer notice measure only theirs."""
        near, radius = territory.near, territory.radius_km
        if near is None or not radius:
            return frozenset()
        key = (near.lat, near.lon, float(radius))
        with self._lock:
            got = self._within.get(key)
            index, stale = self._where, self._where_stale
        if got is not None:
            return got
        if index is None:
            return frozenset()
        got = frozenset(within_radius(index, territory, stale))
        with self._lock:
            self._within[key] = got
            while len(self._within) > WITHIN_KEPT:
                self._within.popitem(last=False)
        return got

    def where_index(self, store: GraphReader) -> tuple[WhereIndex, frozenset[str]]:
        """The index :meth:`where_candidates` reads, built if need be, and the stale codes."""
        with self._lock:
            index, stale = self._where, self._where_stale
        if index is None:
            index = where_index(self.current_places(store, self.all_codes(store)))
            stale = frozenset()
            with self._lock:
                if self._where is None:
                    self._where, self._where_stale = index, stale
        return index, stale

    def everywhere_offers(self, store: GraphReader, codes: Iterable[str]) -> dict[str, list[Offer]]:
        """code -> :meth:`usable_offers` as offers flagged in the territory, in the same order,
        made once per version: what :func:`graph.pathways.search.flag_usable` makes for a
        request with no territory (:attr:`graph.territory.Territory.is_everywhere`) and no
        modality, whose from_level questions meet most diplomas of the country. Never changed
        once made (the callers keep the lists as they are)."""
        codes = list(codes)
        missing = self._missing(self._everywhere, codes)
        if missing:
            for code, rows in self.usable_offers(store, missing).items():
                self._everywhere[code] = [
                    Offer(code, a, o, True, last_seen=seen) for a, o, seen in rows
                ]
        return {c: self._everywhere[c] for c in codes}

    def near_indexes(self, store: GraphReader, codes: Iterable[str]) -> dict[str, NearIndex]:
        """code -> :class:`~graph.pathways.nearest.NearIndex` of its :meth:`everywhere_offers`
        (the same list), made once per version: a step of a question with no territory nor
        modality orders only the offers near enough to be among its best."""
        codes = list(codes)
        missing = self._missing(self._near, codes)
        if missing:
            for code, offers in self.everywhere_offers(store, missing).items():
                self._near[code] = NearIndex(offers)
        return {c: self._near[c] for c in codes}

    def offered_in(
        self, store: GraphStore, codes: Iterable[str], departements: Iterable[str], modality: Any
    ) -> set[str]:
        """The codes with a usable offer in one of the départements (in the modality, if
        given): the only ones a request restricted to those départements has to flag. A
        ``from_level`` question walks from every diploma of a level (500 at national size)
        and meets most diplomas of the country; few are offered in its territory."""
        placed, unknown = self.placed_in(store, codes, departements, modality)
        return placed | unknown

    def placed_in(
        self, store: GraphStore, codes: Iterable[str], departements: Iterable[str], modality: Any
    ) -> tuple[set[str], set[str]]:
        """:meth:`offered_in` in two: the codes a usable offer of which is in one of the
        départements (in the modality, if given), and those whose places are not known here
        (the flags decide)."""
        codes = list(codes)
        self.usable_offers(store, codes)
        places = self._places
        mods = self._modalities if modality is None else (modality,)
        wanted = [(m, d) for d in frozenset(departements) for m in mods]
        placed: set[str] = set()
        unknown: set[str] = set()
        for c in codes:
            p = places.get(c)
            if p is None:
                unknown.add(c)
            elif not p.isdisjoint(wanted):
                placed.add(c)
        return placed, unknown

    def fields_of(
        self, store: GraphReader, codes: Iterable[str], rows: list[Row] | None = None
    ) -> dict[str, frozenset[str]]:
        """code -> the filières (sector ids of kind 'filiere') it trains for. ``rows``: those
        of ``diploma_fields`` for ``codes``, already read (the preload's read ahead)."""
        codes = list(codes)
        missing = self._missing(self._fields, codes)
        if missing:
            got = {c: frozenset[str]() for c in missing}
            if rows is None:
                rows = store.read("diploma_fields", codes=missing)
            for r in rows:
                if r["code"] in got:
                    got[r["code"]] = frozenset(r["fields"])
            self._fields.update(got)
        return {c: self._fields[c] for c in codes}

    def programme_territories(self, store: GraphStore) -> dict[str, frozenset[str]]:
        """Each campus programme's territory (the départements its facts hold in,
        :func:`graph.inference.rules.programme_territory`), for this version: a few dozen seed
        diplomas on the national files (every diploma of the synthetic national graph is a
        seed one: 200 ms of reading). Carried over an edit: the diplomas it touched are read
        again (``pathway_programme_territories_of``), not every seed diploma."""
        with self._lock:
            have, stale = self._programmes, self._programmes_stale
        if have is not None and not stale:
            return have
        if have is None:
            rows = store.read("pathway_programme_territories")
            out: dict[str, frozenset[str]] = {}
        else:
            rows = store.read("pathway_programme_territories_of", codes=sorted(stale))
            out = {c: t for c, t in have.items() if c not in stale}
        for r in rows:
            campus = {d for deps in r["campus_departements"] or () for d in deps or ()}
            offers = [d for d in r["offer_departements"] or () if d]
            if t := programme_territory(r["code"], campus, offers):
                out[r["code"]] = t
        with self._lock:
            if self._programmes is have and self._programmes_stale is stale:
                self._programmes, self._programmes_stale = out, frozenset()
        return out

    def latest_years(self, store: GraphReader) -> dict[str, int]:
        """The latest year of each track's imported files (empty without an import): an offer
        is current when its track's latest files list it (graph/pathways/hygiene.py)."""
        if self._latest is None:
            files = [r["file"] for r in store.read("pathway_track_files")]
            self._latest = latest_years(files)
        return self._latest

    def offer_kinds(self, store: GraphReader) -> OfferKinds:
        """The (modality, diploma type, level) some offer of the graph names, and the kinds
        some imported offer names, read once per version: which steps a request in a
        modality may not filter on it (graph/pathways/undescribed.py)."""
        if self._kinds is None:
            self._kinds = described_kinds(store.read("pathway_offer_kinds"))
        return self._kinds

    def histories(
        self, store: GraphStore, keys: Iterable[OfferKey]
    ) -> dict[OfferKey, list[YearFigures]]:
        """The yearly figures of the offers an answer shows (graph/pathways/history.py), kept
        for the offers answers have shown only: a warm search reads nothing, and the cache
        does not hold every offer's history. Carried over an edit except the offers it
        touched (only an import writes them, and an import carries nothing)."""
        keys = set(keys)
        missing = [k for k in keys if k not in self._histories]
        if missing:
            got = read_histories(store, missing)
            if len(self._histories) < HISTORY_CAP:
                for k in missing:
                    self._histories[k] = got.get(k, [])
            return {k: got[k] if k in got else self._histories.get(k, []) for k in keys}
        return {k: self._histories[k] for k in keys}

    def goal_kinds(self, store: GraphReader) -> dict[str, tuple[Any, int]]:
        """code -> (type, level, 0 when none) of every diploma of the graph that a notice
        may name as a goal offered in a territory: not closed, not a common first year kept
        as such (:func:`graph.pathways.unreached_goals.goal_offered` leaves those out), made
        once per version (the near thread makes it after the preload): the partial and
        neighbour notices test a territory's 1 000-2 000 candidates on it
        (graph/pathways/partial.py) instead of each one's row. Carried over an edit: only the
        diplomas it touched are worked out again (every diploma's was 4-7 ms of the first
        answer after each edit, docs/performance.md, edit19)."""
        with self._lock:
            kinds, stale = self._goal_kinds, self._goal_kinds_stale
        if kinds is not None and not stale:
            return kinds
        pairs: dict[tuple[Any, int], tuple[Any, int]] = {}
        if kinds is None:
            out = _goal_kinds_of(self.diplomas(store, self.all_codes(store)).values(), pairs)
        else:  # the old version's, less the touched codes, plus those that still exist
            out = {c: k for c, k in kinds.items() if c not in stale}
            out.update(_goal_kinds_of(self.diplomas(store, sorted(stale)).values(), pairs))
        with self._lock:
            if self._goal_kinds is kinds and self._goal_kinds_stale is stale:
                self._goal_kinds, self._goal_kinds_stale = out, frozenset()
        return out

    def open_every_leg(self, store: GraphReader, codes: Iterable[str]) -> None:
        """:attr:`open_legs` of ``codes``: their legs as every search walks them, closed
        targets replaced (:func:`graph.pathways.search.open_legs_from`), made by the near
        thread after the preload. A first search from a level opened those of the 1 200-1 900
        diplomas its hops meet (~13-26 ms of its CPU at national size, docs/performance.md,
        level19); ~1 MB for every diploma of the synthetic national graph."""
        open_legs_from(_CachedSource(self, store), codes, {}, self.open_legs)

    def kept(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A value derived from this version of the graph, computed once (the oldest of
        ``KEPT_CAP`` is forgotten first): e.g. what the data holds in a territory, which an
        answer without pathways reads again for each question asked there (a scan of every
        offer, 100-200 ms at national size). Never carried to another version."""
        with self._lock:
            if key in self._kept:
                return self._kept[key]
        value = compute()
        with self._lock:
            while len(self._kept) >= KEPT_CAP:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = value
        return value

    def answer(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """A whole answer (its bytes as sent) for this version of the graph, computed once:
        the same question asked again costs a dictionary lookup instead of a search (the
        warm questions with hundreds of pathways cost 30-50 ms of search, docs/performance.md).

        Correct after edits by construction: the answers live in this object, which serves one
        graph version only; a write makes a new version, whose cache (new or
        :meth:`carried`) starts without answers. ``key`` must hold everything the answer
        depends on besides the graph (the resolved question and the answer's form). At most
        ``ANSWER_BYTES_CAP`` bytes, the least recently asked dropped first; a cache without a
        version (a store that gives none) keeps nothing. Two requests for the same missing
        answer may both compute it (the same bytes)."""
        if self.version is None:
            return compute()
        with self._lock:
            got = self._answers.get(key)
            if got is not None:
                self._answers.move_to_end(key)
                return got
        body = compute()
        if len(body) > ANSWER_BYTES_CAP // 4:
            return body  # one answer must not push out most of the others
        with self._lock:
            if key not in self._answers:
                self._answers[key] = body
                self._answer_bytes += len(body)
                while self._answer_bytes > ANSWER_BYTES_CAP:
                    _, dropped = self._answers.popitem(last=False)
                    self._answer_bytes -= len(dropped)
        return body

    def search_memo(self, key: Hashable) -> dict[Any, Any] | None:
        """A memo shared by the searches of this version with the same ``key``: what they
        depend on besides the graph, e.g. the territory, modality and allow_outside of
        :meth:`graph.pathways.scoring.Scorer.step_bound`'s memo (a step's pool of offers and its
        bound depend on neither the home nor the start), so that a search from a level does
        not bound again the ~1 500 steps an earlier one bounded, nor test again whether the
        ~1 500 diplomas its hops meet are offered in the territory, nor flag again the offers
        of the diplomas it scores (graph.pathways.find._StoreSource). None without a version,
        or once it holds ``SEARCH_MEMO_ENTRIES`` (the search keeps its own then). At most the
        ``SEARCH_MEMO_KEYS`` most recently asked are kept, and fewer when they hold more than
        ``SEARCH_MEMO_ENTRIES`` in all (the least recently asked dropped first). Two searches
        may fill one entry at once: with the same value."""
        if self.version is None:
            return None
        with self._lock:
            kept = self._search_memos
            got = kept.get(key)
            if got is None:
                got = kept[key] = {}
            else:
                kept.move_to_end(key)
            total = sum(map(len, kept.values()))
            while len(kept) > SEARCH_MEMO_KEYS or (total > SEARCH_MEMO_ENTRIES and len(kept) > 1):
                total -= len(kept.popitem(last=False)[1])
        return got if len(got) < SEARCH_MEMO_ENTRIES else None

    def notice_memo(self, key: Hashable) -> dict[Any, Any] | None:
        """A memo shared by the answers of this version with the same ``key`` (what a notice
        depends on besides the graph, e.g. the territory, modality, origin and start field of
        the neighbour notice's nearest offers, graph/pathways/partial.py), the
        ``NOTICE_MEMO_KEYS`` most recently asked kept; None without a version. Never carried
        to another version: an edit may change any offer's place or status."""
        if self.version is None:
            return None
        with self._lock:
            kept = self._notice_memos
            got = kept.get(key)
            if got is None:
                got = kept[key] = {}
            else:
                kept.move_to_end(key)
            while len(kept) > NOTICE_MEMO_KEYS:
                kept.popitem(last=False)
        return got

    def coverage_rows(self, store: GraphStore, territory: Territory) -> list[Row]:
        """What :func:`graph.coverage.read_coverage` reads for the territory, kept per
        version and carried over edits: after an edit of offers only the diplomas it touched
        are read again (:mod:`graph.pathways.coverage_rows`). At most ``COVERAGE_ROWS_CAP``
        rows are kept, the least recently asked territory dropped first."""
        if self.version is None:
            return read_coverage(store, territory)
        key = territory.model_dump_json()
        with self._lock:
            got = self._coverage.get(key)
            if got is not None:
                self._coverage.move_to_end(key)
        if got is not None and not got[1]:
            return coverage_rows.expand(got[0])
        if got is None:
            rows: list[Row] = read_coverage(store, territory)
            by_code = coverage_rows.compact(rows)
        else:
            fresh = store.read(
                "coverage_offers_of", codes=sorted(got[1]), **territory.query_params()
            )
            by_code = coverage_rows.refreshed(got[0], got[1], fresh)
            rows = coverage_rows.expand(by_code)
        count = coverage_rows.row_count(by_code)
        with self._lock:
            old = self._coverage.pop(key, None)
            if old is not None:
                self._coverage_rows -= coverage_rows.row_count(old[0])
            if count <= COVERAGE_ROWS_CAP:
                self._coverage[key] = (by_code, frozenset())
                self._coverage_rows += count
                while self._coverage_rows > COVERAGE_ROWS_CAP:
                    _, (dropped, _) = self._coverage.popitem(last=False)
                    self._coverage_rows -= coverage_rows.row_count(dropped)
        return rows

    def offers_centre(
        self, store: GraphStore, territory: Territory
    ) -> tuple[tuple[float, float] | None] | None:
        """``(centre,)``: the mean place of the territory's located offers as the centre of
        :meth:`coverage_rows` would be, from the preload's points without a read of the
        territory; None when they cannot say (not filled by a whole preload, a campus, a
        radius). After an edit of offers, the touched diplomas' offers are read once (a few
        rows) and their points filed anew."""
        with self._centres_lock:
            if self._centres is not None and self._centres_stale:
                self._centres = self._refreshed_centres(store, self._centres_stale)
                self._centres_stale = frozenset()
                self._centres_ordered = self._centres is not None
            centres = self._centres
        return None if centres is None else offer_centres.centre_of(centres, territory)

    def _refreshed_centres(
        self, store: GraphStore, codes: frozenset[str]
    ) -> offer_centres.Points | None:
        """The points with those of ``codes`` read again (None when a place is not a
        number: the coverage read decides then), ordered by diploma."""
        assert self._centres is not None
        points = self._centres
        if not self._centres_ordered:  # an edit before the near thread ordered them
            points = offer_centres.by_diploma(points)
        index = self._centre_codes
        if not index.keys() >= codes:  # a diploma with no offer in the preload
            index = index.copy()
            for c in sorted(codes):
                index.setdefault(c, len(index))
        rows = store.read("pathway_offers_of", codes=sorted(codes))
        fresh: offer_centres.Points = {}
        if not offer_centres.add_points(
            fresh,
            map(itemgetter("offer"), rows),
            *_PLACE_INDEXES,
            diplomas=(index[r["code"]] for r in rows),
        ):
            return None
        self._centre_codes = index
        kept = offer_centres.without(points, {index[c] for c in codes})
        return offer_centres.merged(kept, offer_centres.by_diploma(fresh))

    def order_centres(self) -> None:
        """The points of :meth:`offers_centre` ordered by diploma
        (:func:`graph.pathways.offer_centres.by_diploma`), so that the first centre asked
        after an edit finds the touched diplomas' points by bisection (a test of each of the
        60 000 points, then a filter of the 25-45 pairs that hold them, was 5-15 ms of that
        answer at national size, docs/performance.md, edit19). The near thread does it after
        a whole preload (10-20 ms)."""
        with self._centres_lock:
            points, ordered = self._centres, self._centres_ordered
        if points is None or ordered:
            return
        done = offer_centres.by_diploma(points)
        with self._centres_lock:
            if self._centres is points:
                self._centres, self._centres_ordered = done, True

    def sector_links(self, store: GraphStore, sector: str) -> tuple[Row, ...]:
        """What ties diplomas to a sector (its id or one of its ROME codes): the rows of
        ``diplomas_for_sector`` (code, link, campuses), read by graph/pathways/job_scope.py
        for the territory asked."""
        with self._lock:
            got = self._sectors.get(sector)
        if got is None:
            got = tuple(store.read("diplomas_for_sector", sector=sector))
            with self._lock:
                if len(self._sectors) < 1_000:  # sector names come from requests: bounded
                    self._sectors[sector] = got
        return got


def _holds(ordered: tuple[str, ...], code: str) -> bool:
    """Whether ``code`` is in ``ordered`` (sorted)."""
    i = bisect.bisect_left(ordered, code)
    return i < len(ordered) and ordered[i] == code


def _goal_kinds_of(
    diplomas: Iterable[Row], pairs: dict[tuple[Any, int], tuple[Any, int]]
) -> dict[str, tuple[Any, int]]:
    """code -> (type, level or 0) of those ``diplomas`` a notice may name as a goal
    (:meth:`PathwayData.goal_kinds`), each pair one object through ``pairs``."""
    return {
        d["code"]: pairs.setdefault(k, k)
        for d in diplomas
        if not d.get("closed")
        and not is_common_year_kept(d)
        and (k := (d.get("type"), d.get("level") or 0))
    }


def merge_offer_rows(rows: list[Row]) -> list[Row]:
    """One offer per (diploma, establishment, modality) when a seed file and the open-data
    import both give it: the seed's row (its source and place) with the import's figures
    (capacity, vœux and year, when known). Other rows are left as they are."""
    merged = _merged([(r["code"], r["actor"], r["offer"], r) for r in rows])
    return [r if o is r["offer"] else {**r, "offer": o} for _, _, o, r in merged]


_Merging = tuple[str, Row, Row, Any]  # code, actor, offer, and what the caller carries along


def _merged(rows: list[_Merging]) -> list[_Merging]:
    """:func:`merge_offer_rows` on (code, actor, offer, carried) tuples: the rows that are
    not from the import in their order, then the imported ones that no seed row of the same
    (code, actor, modality) takes, in theirs; a merged row gets a new offer dict."""
    out: list[_Merging] = []
    imported: list[_Merging] = []
    for t in rows:
        (imported if t[2].get("origin") == "import" else out).append(t)
    if not imported or not out:  # nothing to merge (the synthetic graph: seeds only)
        return out or imported
    seeded: dict[tuple[Any, ...], list[int]] = {}
    for i, t in enumerate(out):
        seeded.setdefault((t[0], t[1]["id"], t[2].get("modality")), []).append(i)
    for t in imported:
        code, actor, offer, _ = t
        at = seeded.get((code, actor["id"], offer.get("modality")))
        if at is None:
            out.append(t)
            continue
        c, a, o, carried = out[at[0]]
        o = dict(o)
        for k in ("capacity", "year", "demand"):
            if offer.get(k) is not None:
                o[k] = offer[k]
        for k in ("entry_year", "entry_capacity", "entry_demand"):  # of those figures
            o[k] = offer.get(k)
        o[IMPORTED_TWIN] = True
        out[at[0]] = (c, a, o, carried)
        for i in at[1:]:  # another seed row of the same key: its history is the twin's too
            c, a, o, carried = out[i]
            if not o.get(IMPORTED_TWIN):
                out[i] = (c, a, {**o, IMPORTED_TWIN: True}, carried)
    return out


_registry: weakref.WeakKeyDictionary[Any, PathwayData] = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()


def kept_entries(store: GraphStore, data: PathwayData) -> list[str]:
    """The codes of the programmes entered after 3e (graph/pathways/after_3e.py), read once
    per graph version."""
    return data.kept(  # type: ignore[no-any-return]
        "after_3e", lambda: entered_after_3e(store.read("pathway_entry_after_3e"))
    )


def pathway_data(store: GraphStore, seen: str | None = None) -> PathwayData:
    """The cache for the store's current graph version (one version read).

    ``seen``: a version the caller read during the same request (the ETag middleware reads
    it before the route runs, api/caching.py): when the cache is for that version, it is
    returned without reading the version again; otherwise the version is read as usual (a
    request never moves the cache back to an older version)."""
    if seen is not None:
        with _registry_lock:
            data = _registry.get(store)
        if data is not None and data.version == seen:
            return data
    version = store.version()
    if version is None:
        return PathwayData(None)
    with _registry_lock:
        data = _registry.get(store)
        if data is None or data.version != version:
            touched = touched_between(store, data.version, version) if data is not None else None
            if data is not None and touched is not None:
                data = data.carried(version, touched)
            else:
                data = PathwayData(version)
            _registry[store] = data
            if store in _warm:
                if data.refill is not None and len(data.refill) <= REFILL_INLINE_CAP:
                    # a few touched diplomas: read by the first request that needs them
                    data.preloaded_s = 0.0
                else:
                    _start_preload(store, data)
        return data


def cached_version(store: GraphStore) -> str | None:
    """The graph version the store's cache is for, without reading the current one (so
    without refilling it): what a test of the version watch looks at."""
    with _registry_lock:
        data = _registry.get(store)
        return data.version if data is not None else None


def cache_state(store: GraphStore) -> dict[str, Any]:
    """What /health says of the store's pathway cache, for the graph's current version (reading
    it starts a preload if the graph changed and the store is kept warm)."""
    data = pathway_data(store)
    if data.version is None:
        return {"state": "off"}
    with _registry_lock:
        warm = store in _warm
    thread = data.preload_thread
    if data.preloaded_s is not None:
        state = "ready"
    elif warm and thread is not None and thread.is_alive():
        state = "filling"
    else:
        state = "lazy"
    return {
        "state": state,
        "version": data.version,
        "diplomas": data.diploma_count,
        "filled_s": data.preloaded_s,
        "filled_cpu_s": data.preloaded_cpu_s,
        "filled_from": None
        if data.preloaded_s is None or data.refill is not None
        else "snapshot"
        if data.from_snapshot
        else "database",
    }


def forget(store: GraphStore) -> None:
    """Drop the store's cache and stop keeping it warm (benchmarks measure the cold search
    this way)."""
    with _registry_lock:
        _registry.pop(store, None)
        _warm.discard(store)


# --- preloading -------------------------------------------------------------------------------

PRELOAD_CHUNK = 400  # diplomas per query: requests interleave with a preload between chunks
# what the preload reads per chunk, in this order (_fill)
_PRELOAD_READS = ("pathway_legs_from", "pathway_offers_of", "diploma_fields")
# where an offer's département, région, latitude and longitude are in its values
_PLACE_INDEXES: tuple[int, int, int, int] = (
    OFFER_FIELDS.index("departement"),
    OFFER_FIELDS.index("region_code"),
    OFFER_FIELDS.index("lat"),
    OFFER_FIELDS.index("lon"),
)

_warm: weakref.WeakSet[Any] = weakref.WeakSet()
# store -> the directory of its cache's snapshots, and whether its preloads write one there
# (keep_warm, write_snapshot; graph/pathways/snapshot.py)
_snapshot_dirs: weakref.WeakKeyDictionary[Any, tuple[Path, bool]] = weakref.WeakKeyDictionary()
# store -> a thread its next preload waits for before it reads (keep_warm's ``after``)
_preload_after: weakref.WeakKeyDictionary[Any, threading.Thread] = weakref.WeakKeyDictionary()
# what a snapshot does not hold: the objects of this process (locks, threads, the preload's
# sharing table), the timings, what says which version the object is for (the file's name
# says it), and what requests fill (answers, memos: a snapshot is what a preload makes)
_NOT_SNAPSHOT = frozenset(
    {
        "version",
        "_lock",
        "_centres_lock",
        "_shared",
        "preload_thread",
        "near_thread",
        "near_s",
        "preloaded_s",
        "preloaded_cpu_s",
        "carried_from",
        "refill",
        "from_snapshot",
        "_kept",
        "_answers",
        "_answer_bytes",
        "_search_memos",
        "_notice_memos",
        "_within",
        "_coverage",
        "_coverage_rows",
        "_histories",
        "_sectors",
    }
)


def keep_warm(
    store: GraphStore,
    snapshots: Path | None = None,
    *,
    write: bool = False,
    after: threading.Thread | None = None,
) -> threading.Thread | None:
    """Fill the store's cache in a background thread now and after every change of version,
    so that searches after a restart or a write do not pay for the reads (the API does this for
    the store it opens; ``CMQ_PATHWAY_PRELOAD=0`` turns it off). Returns the thread of this
    first preload (None for a store that gives no version): what the API's other start-up
    warm-ups wait for, rather than compete with it for the interpreter.

    ``snapshots``: a directory whose snapshot of the graph's version a whole preload reads
    instead of the database (graph/pathways/snapshot.py; the API gives
    ``CMQ_DATA_DIR/pathway-cache``). ``write``: a whole preload from the database writes its
    cache there too, once its near thread is done: only for a process that serves nothing
    (:func:`write_snapshot`; an API worker that wrote while it served answered slowly
    meanwhile, docs/performance.md, snap23). ``after``: a thread this first preload waits for
    before it reads (its timings start after; api/main.py: the commune reference's warm-up
    before a preload that reads a snapshot)."""
    with _registry_lock:
        _warm.add(store)
        _registry.pop(store, None)
        if after is None:
            _preload_after.pop(store, None)
        else:
            _preload_after[store] = after
        if snapshots is None:
            _snapshot_dirs.pop(store, None)
        else:
            _snapshot_dirs[store] = (snapshots, write)
    if snapshots is not None:  # what a writer stopped mid-write left (a crash)
        snapshot.clean(snapshots)
    return pathway_data(store).preload_thread


def wait_warm(store: GraphStore) -> None:
    """Wait for the warm-up of the store's current cache: its preload, then the thread the
    preload starts (:func:`_make_near`). The other start-up warm-ups (the commune reference,
    the map's first view) run after it rather than beside it: each makes tens of MB of
    short-lived objects, and those made beside the cache's long-lived ones kept Python's
    allocator from giving their memory back (RSS of the worker 240-275 MB against 195-215 MB
    after the questions, docs/performance.md, mem20). Returns at once for a cache that is not
    kept warm."""
    data = pathway_data(store)
    if data.preload_thread is not None:
        data.preload_thread.join()
    if data.near_thread is not None:  # set by the preload's thread before it ends
        data.near_thread.join()


def snapshot_path(store: GraphStore, directory: Path) -> Path | None:
    """Where the snapshot of the graph's current version is (or would be) in ``directory``;
    None for a store that cannot say its version or its database's id."""
    version = store.version()
    database = store.database_id() if version is not None else None
    if version is None or database is None:
        return None
    return directory / snapshot.name_of(database, version)


def write_snapshot(store: GraphStore, directory: Path) -> Path | None:
    """Write the snapshot of the graph's current version to ``directory`` unless it is there
    already (graph/pathways/snapshot.py): a whole preload from the database, its near thread,
    then the file, in this process and its threads; the cache is forgotten after. For a
    process that serves nothing (``cmq load`` and ``cmq import`` once they have written,
    ``cmq serve`` before its workers start: api/cli.py); an API worker only reads the file.
    Deletes the temporary files a stopped writer left. The path of the version's snapshot;
    None for a store that cannot say its version or its database's id, or when no file was
    written (the graph changed meanwhile, a failed write: logged)."""
    snapshot.clean(directory)
    path = snapshot_path(store, directory)
    if path is None or path.is_file():
        return path
    keep_warm(store, snapshots=directory, write=True)
    try:
        wait_warm(store)
    finally:
        forget(store)
        with _registry_lock:
            _snapshot_dirs.pop(store, None)
    return path if path.is_file() else None


def _start_preload(store: GraphStore, data: PathwayData) -> None:
    ref = weakref.ref(store)
    after = _preload_after.pop(store, None)  # under _registry_lock (pathway_data)
    thread = threading.Thread(
        target=_preload, args=(ref, data, after), name="cmq-pathway-preload", daemon=True
    )
    thread.start()
    data.preload_thread = thread


def _snapshot_name(store: GraphStore, data: PathwayData) -> tuple[Path, str, bool] | None:
    """Where the snapshot of ``data`` is (its directory and file name) and whether the preload
    writes it, for a whole preload of a store kept warm with a snapshot directory, whose
    version and database id are known; None otherwise (a carried cache's refill never reads
    nor writes one)."""
    if data.refill is not None or data.version is None:
        return None
    with _registry_lock:
        kept = _snapshot_dirs.get(store)
    if kept is None:
        return None
    database = store.database_id()
    if database is None:
        return None
    directory, write = kept
    return directory, snapshot.name_of(database, data.version), write


def _from_snapshot(data: PathwayData, where: tuple[Path, str, bool] | None) -> list[str] | None:
    """Fill ``data`` from its snapshot; its codes as :func:`_fill` returns them, None when
    there is no usable snapshot (the preload then reads the database)."""
    if where is None:
        return None
    state = snapshot.load(where[0], where[1], _OFFER_ROWS)
    if state is None:
        return None
    fields = state.get("fields")
    if (
        not isinstance(fields, list)
        or set(fields) != set(vars(data)) - _NOT_SNAPSHOT
        or not state.keys() >= set(fields)
        or not isinstance(state.get("_all_codes"), tuple)
    ):
        log.warning("pathway cache snapshot %s not used: other attributes", where[1])
        return None
    for k in fields:
        setattr(data, k, state[k])
    del state
    assert data._all_codes is not None
    log.info("pathway cache read from %s", where[1])
    return list(data._all_codes)


def _snapshot_state(data: PathwayData) -> dict[str, Any]:
    """What a snapshot of ``data`` holds: its attributes (top-level copies: a request may add
    entries while it is written) but ``_NOT_SNAPSHOT``."""
    fields = sorted(set(vars(data)) - _NOT_SNAPSHOT)
    state: dict[str, Any] = {"shape": snapshot.SHAPE, "fields": fields}
    for k in fields:
        v = getattr(data, k)
        state[k] = v.copy() if isinstance(v, dict) else v
    # the offers' places as the near thread leaves them, ordered (order_centres replaces
    # them): taken when the snapshot is written (_make_near), not kept here beside their
    # ordered copy until then (their arrays freed after it left holes: +2.3 MB of RSS)
    state["_centres"] = state["_centres_ordered"] = None
    return state


def _snapshot_reducer(state: dict[str, Any]) -> Callable[[Any], Any]:
    """How a snapshot writes the objects of ``state`` whose floats are its offers' own
    (pickle writes each float where it meets it, and reads each back as an object of its
    own: ~4 MB more per worker at national size, docs/performance.md, preload22): the
    diplomas' current places and outside rows, written without those floats and made again
    from the offers when read (:func:`_current_again`, :func:`_outside_again`). A function
    for :func:`graph.pathways.snapshot.save`: a reduce tuple, else ``NotImplemented``."""
    usable = state["_usable"]
    rows_of = {id(c): usable[code] for code, c in state["_current"].items() if code in usable}

    def reduce(obj: Any) -> Any:
        cls = obj.__class__
        if cls is OutsideRows:
            return _outside_again, (obj.offers, obj.departements, obj.by_latitude)
        if cls is CurrentPlaces:
            if obj is NOWHERE:
                return "NOWHERE"  # the module's own, as current_places returns it
            rows = rows_of.get(id(obj))
            if rows is not None:
                return _current_again, (obj.departements, obj.regions, obj.campuses, rows)
        return NotImplemented

    return reduce


def _current_again(
    departements: tuple[tuple[Any, Any], ...],
    regions: tuple[tuple[Any, Any], ...],
    campuses: tuple[tuple[Any, Any], ...],
    rows: list[tuple[Row, Row, int | None]],
) -> CurrentPlaces:
    """A diploma's current places read from a snapshot, their points made again from its
    usable rows (:func:`graph.pathways.unreached_goals.current_points`, as current_places
    makes them)."""
    return CurrentPlaces(departements, regions, campuses, current_points(rows))


def _outside_again(
    offers: list[Offer],
    departements: tuple[str | None, ...],
    latitudes_by: tuple[Any, Any] | None,
) -> OutsideRows:
    """A diploma's outside rows read from a snapshot, their latitudes taken from the offers'
    rows again (as :meth:`PathwayData.outside_offers` takes them)."""
    return OutsideRows(
        offers, departements, tuple(o.offer.get("lat") for o in offers), latitudes_by
    )


def _preload(
    ref: weakref.ref[Any], data: PathwayData, after: threading.Thread | None = None
) -> None:
    if after is not None:
        after.join()
    started = time.perf_counter()
    started_cpu = time.thread_time()
    to_write: tuple[Path, str, dict[str, Any]] | None = None
    try:
        store = ref()
        if store is None:
            return
        with gc_paused():  # millions of acyclic objects: see graph/gc_pause.py
            where = _snapshot_name(store, data)
            codes = _from_snapshot(data, where)
            data.from_snapshot = codes is not None
            if codes is None:
                codes = _fill(store, data)
                if codes is None:
                    return  # the graph changed since: a newer preload has started
                if where is not None and where[2]:  # written once the near thread is done
                    to_write = (where[0], where[1], _snapshot_state(data))
            # the names' tests every first answer made (a walk, a notice)
            for d in list(data._diplomas.values()):
                if d is not None:
                    is_common_year_kept(d)
            # the table the preload shared values through (~65 000 entries, ~2.5 MB at
            # national size) is not kept: the cached rows hold their values, and what a search
            # reads later (nothing, once every diploma is read) shares through a new one
            data._shared = _Shared()
            # The cache is a few million long-lived objects: left to the cyclic garbage
            # collector, each full collection walks them all (100 ms pauses at national size,
            # measured). It holds no reference cycles, so freezing it costs nothing: an old
            # version is still freed by reference counting once a newer one replaces it.
            # Frozen before the collector resumes: its first collection after the pause
            # walked every object the preload had made (~0.07 s at national size).
            gc.freeze()
        data.preloaded_cpu_s = round(time.thread_time() - started_cpu, 2)
        data.preloaded_s = round(time.perf_counter() - started, 2)
        release_free_memory()  # the replies decoded and freed (graph/memory.py)
        log.info("pathway cache filled in %.2f s (%d diplomas)", data.preloaded_s, len(codes))
    except Exception as exc:  # noqa: BLE001 - a background warm-up must never take the app down
        log.warning("pathway cache preload stopped: %s", exc)
        return
    # then, in a thread of its own (the cache is ready meanwhile), what the first questions
    # with no territory would make: each diploma's offers ordered for the steps' choices
    thread = threading.Thread(
        target=_make_near,
        args=(ref, data, codes, to_write),
        name="cmq-pathway-near",
        daemon=True,
    )
    thread.start()
    data.near_thread = thread


def _make_near(
    ref: weakref.ref[Any],
    data: PathwayData,
    codes: list[str],
    to_write: tuple[Path, str, dict[str, Any]] | None = None,
) -> None:
    """:meth:`PathwayData.near_indexes` of the preloaded codes, made after the preload: the
    first question with no territory would otherwise make those it meets: ~0.3 s of CPU at
    national size. Their pools' places (:attr:`NearIndex.places`) too: a first answer with no
    territory made them for the diplomas its scoped legs reach (~4 ms of q09's CPU in
    bench/pathways.py; ~70 ms and ~5 MB for every diploma at national size). Each offer's
    static key (:func:`graph.pathways.scoring.static_key`) is left to the steps that walk it:
    kept for every offer, they were ~20 MB of the worker's RSS (docs/performance.md, rss14).
    Then what the first answers' notices would make: the diplomas' names
    (:func:`_name_diplomas`), their goal kinds (:meth:`PathwayData.goal_kinds`) and offers by
    département (:meth:`PathwayData.by_departement`; docs/performance.md, http18); last, the
    legs as searches walk them (:meth:`PathwayData.open_every_leg`), and the offers' places
    ordered for the first answer after an edit (:meth:`PathwayData.order_centres`)."""
    started = time.perf_counter()
    try:
        with gc_paused():  # acyclic, kept for the version: frozen as the preload's rows
            for i in range(0, len(codes), PRELOAD_CHUNK):
                store = ref()
                if store is None:
                    return
                with _registry_lock:
                    if _registry.get(store) is not data:
                        return
                for index in data.near_indexes(store, codes[i : i + PRELOAD_CHUNK]).values():
                    index.places  # noqa: B018 - made now, not by a first answer's steps
                del store
            _name_diplomas(data)
            store = ref()
            if store is None:
                return
            data.goal_kinds(store)
            data.by_departement(store, codes)
            data.open_every_leg(store, codes)
            del store
            data.order_centres()
        gc.freeze()
        data.near_s = round(time.perf_counter() - started, 2)
    except Exception as exc:  # noqa: BLE001 - a background warm-up must never take the app down
        log.warning("pathway near indexes stopped: %s", exc)
        return
    if to_write is not None:
        # the preload's cache as it was made, written last (~1-2 s of CPU at national size,
        # once per version; only by a process that serves nothing: write_snapshot)
        directory, name, state = to_write
        del to_write
        store = ref()
        if store is None:
            return
        with _registry_lock:
            current = _registry.get(store) is data
        del store
        if current:  # not an older version's over a newer one's
            with data._centres_lock:  # ordered by order_centres (read back as they are)
                state["_centres"], state["_centres_ordered"] = data._centres, data._centres_ordered
            # the offers written by column, made again by _OFFER_ROWS when read back
            # (key-sharing, as this preload made them): graph/pathways/snapshot.py
            offers = (o for pairs in state["_offers"].values() for _, o in pairs)
            with gc_paused():
                snapshot.save(
                    directory, name, state, _OFFER_ROWS, offers, reduce=_snapshot_reducer(state)
                )
            del offers
            del state


def _name_diplomas(data: PathwayData) -> None:
    """Every cached diploma's name as people write it and its programme
    (:func:`graph.diploma_names.display_name`, :func:`graph.pathways.unreached_goals.
    programme_of`: both kept by the texts they read, whatever the version), worked out here
    rather than by the first answers: the neighbour notice names and ranks ~100 goal diplomas
    of a territory, the steps and the partial notice a few more (~0.5-1.5 ms of a first
    answer's CPU at national size, docs/performance.md, http18)."""
    for d in list(data._diplomas.values()):
        if d is not None:
            display_name(d)
            programme_of(d)


def _fill(store: GraphStore, data: PathwayData) -> list[str] | None:
    """Read every diploma's rows into ``data`` (or only the ``refill`` of a carried cache);
    None when a newer version replaced ``data`` meanwhile."""
    if data.refill is not None:  # carried from a filled cache: only what the write changed
        codes = data.refill
        data.diplomas(store, codes)
    else:
        rows = store.read("pathway_diplomas_all")
        for r in rows:
            data._diplomas.setdefault(r["d"]["code"], {**r["d"], "successors": r["successors"]})
        codes = [r["d"]["code"] for r in rows]
        data._all_codes = tuple(codes)
    chunks = [codes[i : i + PRELOAD_CHUNK] for i in range(0, len(codes), PRELOAD_CHUNK)]
    # each chunk's three reads sent ahead (graph.store.read_ahead): the server answers the
    # next ones while this thread decodes and files the current rows; a whole preload reads
    # every establishment that offers a diploma first, in the same pipeline (offers_of then
    # has them all: its read of a chunk's new ones waited for the server, 10 times at
    # national size); a refill reads the few it needs in offers_of
    first: list[tuple[str, dict[str, Any]]] = (
        [("pathway_actors_offering", {})] if data.refill is None else []
    )
    replies = read_ahead(
        store,
        [*first, *((q, {"codes": chunk}) for chunk in chunks for q in _PRELOAD_READS)],
        shared=data._shared.table,
    )
    # every OFFERS link is read here, before twins merge: their places for offers_centre,
    # each with its diploma's index (an edit of offers drops and reads a diploma's again)
    points: offer_centres.Points | None = {} if data.refill is None else None
    index: dict[str, int] = {}
    try:
        if first:
            actors = sorted(next(replies), key=lambda r: str(r["actor"]["id"]))
            for r in actors:  # in the order of their ids, as offers_of files them
                data._actors.setdefault(r["actor"]["id"], r["actor"])
            del actors
        for chunk in chunks:
            with _registry_lock:
                if _registry.get(store) is not data:
                    return None
            data.legs_from(store, chunk, next(replies))
            offer_rows = next(replies)
            if points is not None and not offer_centres.add_points(
                points,
                map(itemgetter("offer"), offer_rows),
                *_PLACE_INDEXES,
                diplomas=(index.setdefault(r["code"], len(index)) for r in offer_rows),
            ):
                points = None
            data.offers_of(store, chunk, offer_rows)
            del offer_rows
            data.usable_offers(store, chunk)
            data.outside_offers(store, chunk)  # made here, they are frozen with the rest
            data.current_places(store, chunk)
            data.fields_of(store, chunk, next(replies))
    finally:
        close = getattr(replies, "close", None)
        if close is not None:
            close()
    if data.refill is None:  # every diploma read: where each is offered, for the notice
        data.where_index(store)
        if points is not None:
            with data._centres_lock:
                data._centres = offer_centres.frozen(points)
                data._centre_codes = index
                data._centres_stale = frozenset()
    return codes
