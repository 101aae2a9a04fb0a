"""What a gap report reads: the only reads of the store for a report, all done before any
section is computed (:func:`read_gap_data`).

Only the territory's part of the graph is read, not every offer, actor and link of the country
(that dominated the report at national size, ``bench/gaps.py``): the territory's offers and the
legs leaving what they offer; its actors and platforms, the links with an end among them, the
agreements binding one of them, and the rows of the actors at the other end of those (their
kind says whether a partner is a company or a school); the partnerships of the establishments
hosting its platforms. Offers outside the territory are read only for the next steps of possible
dead ends (:func:`dead_end_candidates`: the offers with no next step within reach), each
diploma's only around the offers it is a next step of, within reach of them, then within the
nearest-next-step search's bound of those still without one (:func:`read_next_steps_near`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from graph.campus_scope import campuses_of_territory, foreign_basis
from graph.diploma_names import readable
from graph.distance_learning import is_distance_learning
from graph.gaps.dead_ends import NEAREST_MAX_KM, dead_end_tests, nearest_wanted
from graph.gaps.demand import sector_owners, training_by_sector
from graph.gaps.findings import REACH_KM
from graph.gaps.foreign import publicly_linked
from graph.gaps.level_coverage import sources_of
from graph.gaps.level_sources import level_sources
from graph.gaps.rows import (
    GapData,
    NextSteps,
    OfferPlaces,
    Row,
    box_around,
    dead_end_candidates,
    leg_targets,
)
from graph.geo import haversine_km
from graph.inference.rules import is_national_code, programme_territory
from graph.nsf import field_code
from graph.store import GraphStore, Request
from graph.territory import Territory

__all__ = ["OFFER_FIELDS", "offers_for_sector", "read_gap_data", "read_offers", "rows_for_sector"]

# The fields of an offer, in the order of the list gaps_offer_rows(_of) return: a list per
# offer decodes in half the time of a map (6 466 offers for a campus at national size).
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
)
NO_BOX = {"min_lat": None, "max_lat": None, "min_lon": None, "max_lon": None}
LINKS = ("PARTNERS_WITH", "HOSTS", "PART_OF")  # links between actors (WORKS_ON: to a sector)


def read_gap_data(store: GraphStore, territory: Territory, sector: str | None) -> GapData:
    """Every row a report of this territory (and sector) needs."""
    params = territory.query_params()
    # The reads that do not depend on one another are sent together (:func:`_ahead`): the
    # server answers the next ones while this process decodes and sorts the rows of the first
    # (at national size the server's part was a quarter of the report, paid after the
    # client's part, one read after the other). The same rows as one read at a time.
    first = _ahead(
        store,
        [
            ("gaps_offer_rows", params),
            ("gaps_actors", {"ids": None, **params}),
            ("gaps_sectors", {}),
            ("gaps_campuses", {}),
        ],
    )
    # Rows come in the engine's order, which differs between FalkorDB and Neo4j: sorted, the
    # report is the same on both (tests/integration/test_across_engines.py).
    rows_read = KnownRows()  # the rows of establishments and diplomas read, for each read after
    read = offer_rows(store, next(first), keep_remote=True, known=rows_read)
    offers = sorted((r for r in read if not is_distance_learning(r["actor"])), key=_offer_order)
    remote = [r for r in read if is_distance_learning(r["actor"])]
    codes = sorted({r["diploma"]["code"] for r in offers})
    local, sectors, campuses = next(first), next(first), next(first)
    next(first, None)  # its end: the connection back to the pool
    inside_ids = {a["id"] for a in local if territory.contains(a, campuses=a.get("campuses"))}
    ids = sorted(inside_ids) if params["restrict"] else None
    edges, agreements, legs = _ahead(
        store,
        [
            ("gaps_edges_of", {"ids": ids}) if ids is not None else ("gaps_edges", {}),
            ("gaps_agreements", {"ids": sorted(inside_ids)}),
            ("gaps_next_steps", {"codes": codes}),
        ],
    )
    if ids is not None:
        # the partnerships of the establishments hosting a platform of the territory: whether
        # the platform reaches a company through its host (graph/gaps/isolated.py)
        hosts = sorted(
            {e["source"] for e in edges if e["type"] == "HOSTS" and e["target"] in inside_ids}
            - inside_ids
        )
        if hosts:
            seen = {(e["source"], e["target"], e["type"]) for e in edges}
            edges += [
                e
                for e in store.read("gaps_edges_of", ids=hosts)
                if e["type"] == "PARTNERS_WITH"
                and (e["source"], e["target"], e["type"]) not in seen
            ]
        known = {a["id"] for a in local}
        linked = {x for e in edges if e["type"] in LINKS for x in (e["source"], e["target"])}
        others = sorted((linked | {x for ag in agreements for x in ag["parties"]}) - known)
        if others:
            local = local + store.read("gaps_actors_of", ids=others)
    d = GapData(
        offers=offers,
        # in the engine's order: only read as sets (GapData.steps)
        legs=legs,
        sectors=sorted(sectors, key=lambda r: str(r["sector"]["id"])),
        actors=_by(local, "label", "id"),
        edges=_by(edges, "source_label", "source", "type", "target_label", "target", "kind"),
        agreements=_by(agreements, "passerelle"),
    )
    d.local_campuses = campuses_of_territory(campuses, territory)
    d.campus_names = {c["id"]: c.get("short_name") or c.get("name") or "campus" for c in campuses}
    d.campus_departements = {c["id"]: list(c.get("departements") or ()) for c in campuses}
    d.programmes = read_programme_territories(store, legs)
    d.inside_ids = inside_ids
    d.inside = [
        r for r in offers if territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
    ]
    d.level_sources = level_sources(store)
    # each distinct source split once (a campus's 6 466 offers have a few dozen)
    d.territory_sources = {
        s for x in {r["offer"].get("source") for r in d.inside} for s in sources_of({"source": x})
    }
    d.basis = foreign_basis(d.sectors, sector, d.local_campuses, d.campus_names)
    d.inside_for_sector = offers_for_sector(d, sector)
    # taught at a distance from an address of the territory: said, not counted; with a
    # filière asked, only those teaching it (the Puy-de-Dôme's « Maintenance industrielle »
    # named the Institut Agro's distance courses)
    remote_inside = [
        r for r in remote if territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
    ]
    d.remote = sorted({r["actor"]["name"] for r in rows_for_sector(d, remote_inside, sector)})
    # the territory's places made once for this and the dead-ends section, when they are
    # those of the offers judged (no filière asked)
    places = d.places() if d.inside_for_sector is d.inside else None
    targets, far = dead_end_candidates(d.inside_for_sector, d.steps(), REACH_KM, places)
    if targets:
        nexts = d.steps()
        boxes = _boxes(far, nexts, REACH_KM + 1.0)
        near, still = read_next_steps_within_reach(store, far, nexts, known=rows_read, boxes=boxes)
        d.outside_offers = sorted(near, key=_offer_order)
        targets = sorted({t for r in still for t in nexts.at(*_at(r))})
    if targets:
        d.offered_next = read_offered_next(store, targets)
        # the offers within NEAREST_MAX_KM only around the offers whose nearest next step the
        # section looks up (next steps the data knows, of a kind the territory holds); around
        # every one still without a next step within reach when some offer read has no place
        # (no box: what is read around the others could then be the nearest of those)
        placed = all(r["offer"].get("lat") is not None for r in near)
        wanted = nearest_wanted(d, still) if placed else still
        d.outside_offers = read_nearest_next_steps(
            store, near, wanted, nexts, known=rows_read, read=boxes
        )
        # the programmes of the next steps' kinds within reach of the offers still judged dead
        # ends, outside the territory too: one of the same filière within REACH_KM means the
        # data may only lack the passerelle (dead_ends._kind_within_reach), on either side of
        # a border (a département's report called dead ends what its région's did not:
        # answers22)
        d.kind_offers = read_kind_offers(store, territory, d, known=rows_read)
    return d


def read_kind_offers(
    store: GraphStore, territory: Territory, d: GapData, *, known: KnownRows | None = None
) -> list[Row]:
    """The offers outside the territory of the next steps' kinds (type and level) within
    REACH_KM of the offers the dead-ends section would call dead ends unless one is
    (:func:`graph.gaps.dead_ends.dead_end_tests`, with none such in the territory), read per
    kind only around the offers that need it (gaps_kind_offer_rows), and kept only within
    REACH_KM of one of them. The kinds are those of the next steps offered somewhere
    (GapData.offered_next), each type with each level, as the section has always been given
    them. Two synthetic départements: 20 795 offers read in one box around every possible
    dead end; 3 490 read now, of which 896 kept (docs/performance.md, gaps23)."""
    kinds = {(r["diploma"].get("type"), r["diploma"].get("level")) for r in d.offered_next}
    types = {str(t) for t, _ in kinds if t}
    levels = {lv for _, lv in kinds if lv is not None}
    if not types or not levels:
        return []
    tests = dead_end_tests(d)
    around: dict[tuple[str, Any], list[Row]] = {}
    fields: dict[tuple[str, Any], set[str]] = {}
    for c in tests.candidates:
        wanted = [k for k in c.kinds if k[0] and str(k[0]) in types and k[1] in levels]
        if wanted and not tests.kind_inside(c):
            for t, lv in wanted:
                around.setdefault((str(t), lv), []).append(c.row)
                fields.setdefault((str(t), lv), set()).update(c.fields)
    if not around:
        return []
    tp = territory.query_params()
    # the offers of a territory of départements or of a région are left out there
    plain = tp["campus"] is None and tp["min_lat"] is None
    near = []
    for (t, lv), rows in sorted(around.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        box = box_around(rows, REACH_KM + 1.0)
        cells = _cells(rows, REACH_KM + 1.0) if box else None
        near.append(
            {
                "type": t,
                "level": lv,
                "fields": sorted(fields[t, lv]),
                **(box or NO_BOX),
                "cells": cells,
            }
        )
    compact = store.read(
        "gaps_kind_offer_rows",
        near=near,
        per_degree=CELLS_PER_DEGREE,
        in_departements=tp["departements"] if plain else None,
        in_region=tp["region"] if plain else None,
    )
    # only those within reach of an offer that needs their kind (the section's test,
    # _kind_within_reach: the same distance, computed the same way)
    kept = [x for x in compact if _within_reach_of(x, around.get((str(x["type"]), x["level"]), ()))]
    return [
        r
        for r in offer_rows(store, kept, known=known)
        if not territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
    ]


# the grid gaps_kind_offer_rows tests the offers against: cells of 1 / CELLS_PER_DEGREE degree
CELLS_PER_DEGREE = 4


def _cells(rows: Iterable[Row], km: float) -> list[int]:
    """The cells (``floor(lat * CELLS_PER_DEGREE) * 1000 + floor(lon * CELLS_PER_DEGREE)``) of
    the grid meeting the box around each of ``rows`` holding every place within ``km`` of it
    (:func:`graph.gaps.rows.box_around` of that one row)."""
    out: set[int] = set()
    for r in rows:
        box = box_around([r], km)
        if box is None:
            continue
        la0 = math.floor(box["min_lat"] * CELLS_PER_DEGREE)
        la1 = math.floor(box["max_lat"] * CELLS_PER_DEGREE)
        lo0 = math.floor(box["min_lon"] * CELLS_PER_DEGREE)
        lo1 = math.floor(box["max_lon"] * CELLS_PER_DEGREE)
        out.update(la * 1000 + lo for la in range(la0, la1 + 1) for lo in range(lo0, lo1 + 1))
    return sorted(out)


def _within_reach_of(x: Row, rows: Iterable[Row]) -> bool:
    lat, lon = x["offer"][4], x["offer"][5]
    if lat is None or lon is None:
        return False
    dlat = REACH_KM / 111.0
    for r in rows:
        o = r["offer"]
        if abs(o["lat"] - lat) <= dlat and haversine_km(o["lat"], o["lon"], lat, lon) <= REACH_KM:
            return True
    return False


def read_next_steps_near(
    store: GraphStore, far: list[Row], nexts: NextSteps
) -> tuple[list[Row], list[str]]:
    """The offers of the next steps of ``far`` (the offers none of whose next steps the
    territory offers within REACH_KM, :func:`graph.gaps.rows.dead_end_candidates`) that the
    dead-ends section looks at, in two rounds, each diploma's offers read only in the box
    around the offers it is a next step of (gaps_offer_rows_of): first within REACH_KM
    (:func:`read_next_steps_within_reach`), then, for the offers none of whose next steps is
    offered that close (open, placed), within NEAREST_MAX_KM, where their nearest next step is
    looked for (:func:`read_nearest_next_steps`; 1 km more each time: the distances are
    compared once rounded to 100 m). Every offer within reach of an offer being read, the
    section finds the same next step within reach, or the same nearest one, as it did from
    every offer in one box around all of them (two départements of the synthetic national
    graph: 12 774 offers read for 276 such offers, 3 400 now; docs/performance.md, gaps22).
    Returns the rows, sorted, and the next steps of the offers still far: the only ones whose
    kind, filière and name the section reads (gaps_offered_diplomas); an offer with a next
    step within reach is never a dead end. :func:`read_gap_data` reads the second round only
    around the offers whose nearest the section looks up (gaps23)."""
    near, still = read_next_steps_within_reach(store, far, nexts)
    targets = {t for r in still for t in nexts.at(*_at(r))}
    return read_nearest_next_steps(store, near, still, nexts), sorted(targets)


def read_next_steps_within_reach(
    store: GraphStore,
    far: list[Row],
    nexts: NextSteps,
    *,
    known: KnownRows | None = None,
    boxes: list[dict[str, Any]] | None = None,
) -> tuple[list[Row], list[Row]]:
    """The first round of :func:`read_next_steps_near`: the offers of the next steps of
    ``far`` within REACH_KM of them, and those of ``far`` none of whose next steps is offered
    that close (open, placed) among them. ``boxes``: ``_boxes(far, nexts, REACH_KM + 1.0)``,
    when already made."""
    if boxes is None:
        boxes = _boxes(far, nexts, REACH_KM + 1.0)
    near = read_offers(store, "gaps_offer_rows_of", {"near": boxes}, known=known)
    places = OfferPlaces(
        r for r in near if r["offer"].get("status") != "closed" and not r["diploma"].get("closed")
    )
    still = [r for r in far if not places.near(nexts.at(*_at(r)), r["offer"], REACH_KM)]
    return near, still


def read_nearest_next_steps(
    store: GraphStore,
    near: list[Row],
    rows: list[Row],
    nexts: NextSteps,
    *,
    known: KnownRows | None = None,
    read: list[dict[str, Any]] | None = None,
) -> list[Row]:
    """The second round of :func:`read_next_steps_near`: ``near`` (the first round's rows)
    and the offers of the next steps of ``rows`` within NEAREST_MAX_KM of them, sorted.
    ``read``: the first round's boxes (gaps_offer_rows_of's ``near``), whose offers ``near``
    holds already: each diploma's are not read again (``skip_*``, its box of the first
    round), nor any of a diploma the first round read everywhere (two synthetic départements:
    1 100 of the 2 128 offers of this round were the first round's)."""
    out = near
    if rows:
        boxes = _boxes(rows, nexts, NEAREST_MAX_KM + 1.0)
        if read is not None:
            before = {b["code"]: b for b in read}
            boxes = [
                {**b, **{f"skip_{k}": v for k, v in before[b["code"]].items() if k != "code"}}
                if b["code"] in before
                else b
                for b in boxes
                if b["code"] not in before or before[b["code"]]["min_lat"] is not None
            ]
        seen = {_row_key(r) for r in near}
        out = near + [
            r
            for r in read_offers(store, "gaps_offer_rows_of", {"near": boxes}, known=known)
            if _row_key(r) not in seen
        ]
    return sorted(out, key=_offer_order)


def read_offered_next(store: GraphStore, targets: list[str]) -> list[Row]:
    """Which of the next steps ``targets`` are offered somewhere (gaps_offered_diplomas),
    named as people read them, as every other diploma of the report (« BUT – Carrières
    sociales », not Parcoursup's « Carrieres »), sorted by code."""
    return sorted(
        (
            {**r, "diploma": readable(r["diploma"])}
            for r in store.read("gaps_offered_diplomas", codes=targets)
        ),
        key=lambda r: str(r["diploma"]["code"]),
    )


def _at(r: Row) -> tuple[str, str | None]:
    """An offer row's diploma code and département (the arguments of NextSteps.at)."""
    return r["diploma"]["code"], r["offer"].get("departement")


def _boxes(rows: list[Row], nexts: NextSteps, km: float) -> list[dict[str, Any]]:
    """Per next step of ``rows``, its code and the box holding every place within ``km`` of
    the rows it is a next step of (:func:`graph.gaps.rows.box_around`; none: anywhere)."""
    of: dict[str, list[Row]] = {}
    for r in rows:
        for t in nexts.at(r["diploma"]["code"], r["offer"].get("departement")):
            of.setdefault(t, []).append(r)
    return [{"code": t, **(box_around(of[t], km) or NO_BOX)} for t in sorted(of)]


def _row_key(r: Row) -> tuple[Any, ...]:
    return (r["actor"]["id"], r["diploma"]["code"], *_offer_values(r["offer"]))


_offer_values = itemgetter(*OFFER_FIELDS)  # an offer's values, in the order of OFFER_FIELDS


def offers_for_sector(d: GapData, sector: str | None) -> list[Row]:
    """The territory's offers for the filière asked (:func:`rows_for_sector` of ``inside``);
    all of them when none is asked."""
    return rows_for_sector(d, d.inside, sector)


def rows_for_sector(d: GapData, rows: list[Row], sector: str | None) -> list[Row]:
    """The offers of ``rows`` for the filière asked: those a campus's records or a ROME code
    of the diploma tie to it (outside its campuses' territory, only the public links:
    graph/gaps/foreign.py) (the rule of the demand section, graph/gaps/demand.py), or, for
    a field of training (``nsf-251``, graph/nsf.py), those whose diploma is of that NSF group.
    All of them when none is asked.

    >>> d = GapData(sectors=[])
    >>> rows = [{"diploma": {"nsf": "251"}}, {"diploma": {"nsf": "213"}}]
    >>> [r["diploma"]["nsf"] for r in rows_for_sector(d, rows, "nsf-251")]
    ['251']
    >>> len(rows_for_sector(d, rows, None))
    2
    """
    if not sector:
        return rows
    code = field_code(sector)
    if code is not None:
        return [r for r in rows if r["diploma"].get("nsf") == code]
    if d.basis is not None:  # another territory's filière: what public files link to it
        return publicly_linked(rows, d.basis)
    sectors = [s["sector"] for s in d.sectors if s["sector"]["id"] == sector]
    return training_by_sector(rows, sectors, sector_owners(d.sectors)).get(sector, [])


def read_programme_territories(store: GraphStore, legs: list[Row]) -> dict[str, frozenset[str]]:
    """The territory of each campus programme the legs lead to (a seed diploma without a
    national code, :func:`graph.inference.rules.programme_territory`): a next step only for
    an offer taken there (:class:`graph.gaps.rows.NextSteps`). A few dozen seed diplomas at
    most; the national codes are not read."""
    targets = {t for leg in legs for t in leg_targets(leg)}
    seeds = sorted(t for t in targets if not is_national_code(t))
    if not seeds:
        return {}
    out: dict[str, frozenset[str]] = {}
    for r in store.read("pathway_programme_territories_of", codes=seeds):
        campus = {dep for deps in r["campus_departements"] or () for dep in deps or ()}
        offers = [dep for dep in r["offer_departements"] or () if dep]
        if where := programme_territory(r["code"], campus, offers):
            out[r["code"]] = where
    return out


def read_offers(
    store: GraphStore,
    name: str,
    params: dict[str, Any],
    *,
    keep_remote: bool = False,
    known: KnownRows | None = None,
) -> list[Row]:
    """The rows of ``gaps_offers`` (actor, offer, diploma, sectors), read as offers with ids
    and codes, each offer a list of :data:`OFFER_FIELDS` (``name``: gaps_offer_rows, a
    territory's, or gaps_offer_rows_of, given diplomas') and the rows of their establishments
    and diplomas once each: a campus at national size has 6 000 offers of 1 000
    establishments and 2 000 diplomas. The rows of one establishment or diploma are shared by
    its offers (read them, never modify them). Offers alike in everything are one row, as
    gaps_offers groups them.

    The offers of an establishment that teaches only at a distance (the CNED,
    graph/distance_learning.py) are left out unless ``keep_remote``: its address is where it
    is run, so its BTS are neither the territory's training (nor dead ends there) nor a next
    step within reach (:func:`read_gap_data` keeps them to say so, GapData.remote)."""
    return offer_rows(store, store.read(name, **params), keep_remote=keep_remote, known=known)


@dataclass
class KnownRows:
    """The rows of establishments and diplomas one report has read (gaps_offer_actors,
    gaps_diplomas), by id and code: each read once per report, not once per read of offers
    (the territory's, then two rounds of next steps around it and the kinds: two synthetic
    départements' establishments were read 2 210 times for 1 400 of them)."""

    actors: dict[Any, Row] = field(default_factory=dict)
    diplomas: dict[Any, Row] = field(default_factory=dict)


def offer_rows(
    store: GraphStore,
    compact: list[Row],
    *,
    keep_remote: bool = False,
    known: KnownRows | None = None,
) -> list[Row]:
    """:func:`read_offers` of the rows of gaps_offer_rows(_of) already read (``compact``);
    the establishments and diplomas not in ``known`` read, and kept there."""
    if not compact:
        return []
    known = known if known is not None else KnownRows()
    actors, diplomas = known.actors, known.diplomas
    ids = sorted({r["actor"] for r in compact} - actors.keys())
    codes = sorted({r["diploma"] for r in compact} - diplomas.keys())
    requests: list[Request] = []
    if ids:
        requests.append(("gaps_offer_actors", {"ids": ids}))
    if codes:
        requests.append(("gaps_diplomas", {"codes": codes}))
    got = list(_ahead(store, requests)) if requests else []
    if ids:
        actors.update((r["actor"]["id"], r["actor"]) for r in got[0])
    if codes:
        diplomas.update(
            (r["diploma"]["code"], {**r, "diploma": readable(r["diploma"])}) for r in got[-1]
        )
    rows: dict[tuple[Any, ...], Row] = {}
    for r in compact:
        if not keep_remote and is_distance_learning(actors[r["actor"]]):
            continue
        key = (r["actor"], r["diploma"], *r["offer"])
        if key not in rows:
            d = diplomas[r["diploma"]]
            rows[key] = {
                "actor": actors[r["actor"]],
                "offer": dict(zip(OFFER_FIELDS, r["offer"], strict=True)),
                "diploma": d["diploma"],
                "sectors": d["sectors"],
            }
    return list(rows.values())


def _ahead(store: GraphStore, requests: list[Request]) -> Iterator[list[Row]]:
    """The rows of each read of ``requests``, in order, sent together to an engine that can
    pipeline reads (FalkorDB's ``read_pipelined``: its server runs the next ones while this
    process handles the rows of the first), one at a time otherwise. Decoded as
    ``store.read`` decodes them (no values shared: a report's rows are dropped with it)."""
    pipelined = getattr(store, "read_pipelined", None)
    if pipelined is not None:
        rows: Iterator[list[Row]] = pipelined(requests, ahead=len(requests))
        return rows
    return (store.read(name, **params) for name, params in requests)


def _by(rows: list[Row], *keys: str) -> list[Row]:
    return sorted(rows, key=lambda r: tuple(str(r.get(k) or "") for k in keys))


def _offer_order(r: Row) -> tuple[str, ...]:
    """The offers' order: by establishment, diploma, modality, site, year and source, each
    as text (none: ""); written out rather than a generator of six (a key per offer of a
    campus's 6 466 and of the rows read around them)."""
    o = r["offer"]
    a, c = r["actor"]["id"], r["diploma"]["code"]
    m, s, y, src = o.get("modality"), o.get("site"), o.get("year"), o.get("source")
    return (
        "" if a is None else str(a),
        "" if c is None else str(c),
        "" if m is None else str(m),
        "" if s is None else str(s),
        "" if y is None else str(y),
        "" if src is None else str(src),
    )
