"""Candidate pathways: from the start diplomas to a goal, hop by hop along LEADS_TO legs.

The legs leaving the current diplomas are asked of a :class:`Source` one hop at a time (the
store's rows through the per-version cache, :mod:`graph.pathways.data`; plain dicts in unit
tests); targets are kept when offered in the territory. The legs are assembled into paths here:
levels never go down except on reorientation legs, no diploma twice, a pathway stops at its
first goal. No store is imported: the rules are tested over plain data.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from typing import Any, NamedTuple, Protocol

from graph.diploma_names import is_common_year_kept
from graph.distance_learning import for_bac_pro_only
from graph.pathways.hygiene import continues_programme, usable_rows
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Candidate, Candidates, Offer
from graph.territory import Territory

__all__ = [
    "CANDIDATE_CAP",
    "LegSource",
    "OutsideRows",
    "Source",
    "any_usable_inside",
    "by_latitude",
    "candidates",
    "flag_offers",
    "flag_usable",
    "is_goal",
    "open_legs_from",
    "with_renewed_legs",
]

CANDIDATE_CAP = 5_000

Row = dict[str, Any]


class LegSource(Protocol):
    """What opening legs reads (:func:`open_legs_from`): diplomas by code, the legs leaving
    them."""

    def diplomas(self, codes: Iterable[str]) -> dict[str, Row]: ...

    def legs_from(self, codes: Iterable[str]) -> dict[str, list[tuple[str, Row]]]: ...


class Source(LegSource, Protocol):
    """What the search reads: diplomas by code, the legs leaving them, their offers (flagged
    in or out of the request's territory, in the requested modality)."""

    def offers(self, codes: Iterable[str]) -> dict[str, list[Offer]]: ...

    def offered_inside(self, codes: Iterable[str]) -> set[str]:
        """The codes with an offer in the territory, in the modality (what ``offers`` flags:
        a source may answer without flagging every offer of every code)."""
        ...


def flag_offers(
    code: str,
    pairs: Iterable[tuple[Row, Row]],
    territory: Territory,
    modality: str | None,
    *,
    diploma: Row | None = None,
    latest: dict[str, int] | None = None,
) -> list[Offer]:
    """A diploma's (actor, offer) rows in the requested modality, flagged in or out of the
    territory and with the last year the files saw them when they are not current
    (:func:`graph.pathways.hygiene.currency`). Closed offers and offers of a diploma the BCN
    closed are dropped: they are never proposed as open."""
    return flag_usable(code, usable_rows(pairs, diploma, latest or {}), territory, modality)


class OutsideRows(NamedTuple):
    """A diploma's usable rows as offers flagged outside any territory, and the département
    and latitude of each (same order), kept per graph version by the cache
    (:meth:`graph.pathways.data.PathwayData.outside_offers`); ``by_latitude``
    (:func:`by_latitude`) for a diploma of many offers."""

    offers: list[Offer]
    departements: tuple[str | None, ...]
    latitudes: tuple[float | None, ...]
    by_latitude: tuple[array[float], array[int]] | None = None


# fewer offers than this: a radius looks at each one's latitude, no order kept for it
BY_LATITUDE_MIN = 16
# the margin of the band a bisect takes, in degrees (the exact test follows: only the
# offers of the band are tested, and every offer the test keeps is in it)
_BAND_MARGIN = 1e-6


def by_latitude(latitudes: Sequence[float | None]) -> tuple[array[float], array[int]] | None:
    """The located rows' latitudes ascending and their indexes in the same order (ties: the
    index), for a diploma of at least :data:`BY_LATITUDE_MIN` offers (else None): a radius
    takes its band of latitude by bisection instead of looking at every offer.

    >>> lats, idx = by_latitude([45.0, None, 43.5, 44.0] * 4)
    >>> list(idx[:3]), lats[0]
    ([2, 6, 10], 43.5)
    """
    if len(latitudes) < BY_LATITUDE_MIN:
        return None
    order = sorted((lat, i) for i, lat in enumerate(latitudes) if lat is not None)
    return array("d", [lat for lat, _ in order]), array("i", [i for _, i in order])


def flag_usable(
    code: str,
    rows: Sequence[tuple[Row, Row, int | None]],
    territory: Territory,
    modality: str | None,
    outside: OutsideRows | None = None,
) -> list[Offer]:
    """:func:`flag_offers` of rows already sorted by :func:`graph.pathways.hygiene.usable_rows`
    (the cache keeps them per diploma): the request's part only. An offer outside the
    territory's départements, or farther in latitude than its radius reaches, is outside
    without asking :meth:`Territory.contains`, which at national size is most offers of most
    diplomas. With ``outside`` (the same rows flagged outside, kept with them), those offers
    are used as they are and only the offers in the territory are made for the request; in
    any modality, the offers of the territory's départements are the only ones looked at."""
    inside = _inside(rows, territory, modality, outside)
    # a campus's own facts rank its establishments inside its territory only (campus_facts.py)
    facts = territory.campus is not None
    if outside is not None and _shortcut(territory, modality):
        got = list(outside.offers)
        for i in inside:
            a, o, seen = rows[i]
            got[i] = Offer(code, a, o, True, last_seen=seen, campus_facts=facts)
        return got
    flagged = set(inside)
    out: list[Offer] = []
    for i, (a, o, seen) in enumerate(rows):
        if modality is not None and o.get("modality") != modality:
            continue
        if i in flagged or outside is None:
            inside_i = i in flagged
            out.append(Offer(code, a, o, inside_i, last_seen=seen, campus_facts=facts and inside_i))
        else:
            out.append(outside.offers[i])
    return out


def any_usable_inside(
    rows: Sequence[tuple[Row, Row, int | None]],
    territory: Territory,
    modality: str | None,
    outside: OutsideRows | None = None,
) -> bool:
    """Whether :func:`flag_usable` flags one of the rows in the territory
    (``any(o.in_territory for o in flag_usable(...))``), without making the offers: the
    first offer found inside answers (a search's hops ask it of every diploma they meet, and
    score the offers of a few of them)."""
    return next(_inside(rows, territory, modality, outside), None) is not None


def _shortcut(territory: Territory, modality: str | None) -> bool:
    """Whether :func:`flag_usable` looks only at the offers of the territory's départements or
    of its radius's band of latitude, in the rows kept outside (no modality to filter on)."""
    return modality is None and bool(
        territory.departements or (territory.near and territory.radius_km)
    )


def _inside(
    rows: Sequence[tuple[Row, Row, int | None]],
    territory: Territory,
    modality: str | None,
    outside: OutsideRows | None,
) -> Iterator[int]:
    """The indexes of the rows :func:`flag_usable` flags in the territory, in order."""
    deps = frozenset(territory.departements) if territory.departements else None
    contains = territory.contains
    # 1° of latitude is 111.3 km on the sphere of haversine_km: 111 leaves a margin
    near = territory.near if territory.near and territory.radius_km else None
    lat0 = near.lat if near else 0.0
    reach = territory.radius_km / 111.0 if near and territory.radius_km else math.inf
    if outside is not None and _shortcut(territory, modality):
        # the offers of the territory's départements, or of its band of latitude
        maybe: Iterable[int] = range(len(rows))
        if deps is not None:
            maybe = [i for i, d in enumerate(outside.departements) if d in deps]
        if near is not None:
            lats = outside.latitudes
            if deps is None and outside.by_latitude is not None:
                # the band by bisection, a hair wider, then the same test in row order
                ordered, idx = outside.by_latitude
                lo = bisect.bisect_left(ordered, lat0 - reach - _BAND_MARGIN)
                hi = bisect.bisect_right(ordered, lat0 + reach + _BAND_MARGIN, lo)
                maybe = sorted(idx[lo:hi])
            maybe = [i for i in maybe if (lat := lats[i]) is not None and abs(lat - lat0) <= reach]
        for i in maybe:
            a, o, _ = rows[i]
            if contains(o, campuses=a.get("campuses")):
                yield i
        return
    for i, (a, o, _) in enumerate(rows):
        if modality is not None and o.get("modality") != modality:
            continue
        if (
            (deps is None or o.get("departement") in deps)
            and (near is None or (lat := o.get("lat")) is None or abs(lat - lat0) <= reach)
            and contains(o, campuses=a.get("campuses"))
        ):
            yield i


def is_goal(d: Row, q: PathwayQuery, sector_codes: set[str] | frozenset[str] | None) -> bool:
    """Whether a diploma meets the request's goal (code, type, level, sector: all given)."""
    if q.to and d["code"] != q.to:
        return False
    if q.to_type and d["type"] != q.to_type.value:
        return False
    if q.to_level and (d.get("level") or 0) < q.to_level:
        return False
    return not (sector_codes is not None and d["code"] not in sector_codes)


def candidates(
    q: PathwayQuery,
    source: Source,
    goal_codes: set[str] | frozenset[str] | None,
    *,
    restrict: bool,
    opened: MutableMapping[str, list[tuple[str, Row]]] | None = None,
    kept_legs: MutableMapping[str, list[tuple[str, Row]]] | None = None,
) -> list[Candidate]:
    """Candidate pathways, walking LEADS_TO one hop per read from the start diplomas.

    Each hop keeps, when ``restrict``, only target diplomas offered in the territory (in the
    requested modality). The legs are then assembled into paths: levels never go down except on
    reorientation legs, no diploma is visited twice, a path stops at its first goal diploma, at
    most ``max_steps`` legs and CANDIDATE_CAP paths. ``opened``: each diploma's legs with
    their closed targets replaced (:func:`_open_targets`), kept for the graph's version
    (none of it depends on the request). ``kept_legs`` (with ``restrict``): the legs a hop
    after the first keeps of each diploma (its opened legs to a diploma offered in the
    territory), kept for the searches of the same graph, territory and modality, whose
    ``opened`` gives the same legs of every diploma but the starts (a start's legs, with its
    renewed version's, are its search's own: those of a start with a renewed version are never
    kept there).
    """
    node = source.diplomas(sorted(set(q.start_codes)))
    adj: dict[str, list[tuple[str, Row]]] = {}
    frontier = sorted(node)
    seen: set[str] = set()
    # is_goal of each code met, worked out once per search (the hops and the walk ask it of
    # every leg's target: ~6 000 times a search from a level, for ~1 500 codes)
    goals: dict[str, bool] = {}
    for hop in range(q.max_steps):
        frontier = [c for c in frontier if c not in seen]
        if not frontier:
            break
        seen.update(frontier)
        # the diplomas whose kept legs are worked out here (the others' were kept before); a
        # start with a renewed version has legs of its own (with_renewed_legs)
        memo = kept_legs if restrict else None
        if memo is None:
            fresh = frontier
        elif hop == 0:
            fresh = [c for c in frontier if c not in memo or node[c].get("successors")]
        else:
            fresh = [c for c in frontier if c not in memo]
        lists: dict[str, list[tuple[str, Row]]] = {}
        if fresh:
            raw = source.legs_from(fresh)
            if hop == 0:
                # a start's own legs with its renewed version's: worked out for this search only
                renewed = with_renewed_legs(raw, node, source.legs_from)
                own = {c: pairs for c, pairs in renewed.items() if pairs is raw[c]}
                legs = _open_targets(source, own, node, opened)
                legs.update(
                    _open_targets(
                        source, {c: renewed[c] for c in renewed.keys() - own.keys()}, node
                    )
                )
            else:
                legs = _open_targets(source, raw, node, opened)
            targets = {t for c in fresh for t, _ in legs[c]}
            node.update(source.diplomas(targets))
            if restrict:
                targets = source.offered_inside(targets)
            for c in fresh:
                lists[c] = [(t, leg) for t, leg in legs[c] if t in targets and t in node]
            if memo is not None:
                memo.update(
                    lists
                    if hop
                    else {c: got for c, got in lists.items() if not node[c].get("successors")}
                )
        if memo is not None and len(fresh) < len(frontier):
            # the kept legs of the others, and their targets' rows (those the walk reads)
            for c in frontier:
                if c not in lists:
                    lists[c] = memo[c]
            node.update(source.diplomas({t for c in frontier for t, _ in lists[c]} - node.keys()))
        nxt: set[str] = set()
        for c in frontier:
            kept = lists[c]
            if kept:
                adj[c] = kept
            for t, _ in kept:
                goal = goals.get(t)
                if goal is None:
                    goal = goals[t] = is_goal(node[t], q, goal_codes)
                if not goal:
                    nxt.add(t)
        frontier = sorted(nxt)
    walk = _Walk(q, source, goal_codes, node, adj, goals)
    walked = sorted(node.keys() & set(q.start_codes))
    for start in walked:
        walk.walk([start], [node[start]], [])
    paths = walk.paths
    paths.codes = (walk.steps, walk.starts)
    # the legs the walk could take first: those of each start it walked (edges() was read
    # for every one of them, the cap reached or not)
    edges = walk.edges
    paths.first_legs = [e[1] for start in walked for e in edges(start)]
    return paths


_candidate = tuple.__new__  # the same Candidate as Candidate(diplomas, legs, prefix)


class _Walk:
    """The assembly of the hops' legs into candidate pathways, depth first (a class rather
    than a closure calling itself: such a closure is a reference cycle, which would keep a
    search's rows alive until the next collection of the garbage collector)."""

    def __init__(
        self,
        q: PathwayQuery,
        source: Source,
        goal_codes: set[str] | frozenset[str] | None,
        node: dict[str, Row],
        adj: dict[str, list[tuple[str, Row]]],
        goals: dict[str, bool] | None = None,
    ) -> None:
        self.q = q
        self.goals = {} if goals is None else goals  # is_goal by code, for the search
        self.source = source
        self.goal_codes = goal_codes
        self.node = node
        self.adj = adj
        self.max_steps = q.max_steps
        self.paths = Candidates()
        self.prefixes = -1  # the last prefix number given (Candidate.prefix)
        self.parents = self.paths.parents  # each prefix number's parent (Candidates.parents)
        self._edges: dict[str, list[tuple[str, Row, Row, bool, bool]]] = {}
        self._common: dict[str, bool] = {}
        # each code's edges() that meet the goal: all a walk that may take no further step
        # looks at (the others would make nothing)
        self._goal_edges: dict[str, list[tuple[str, Row, Row, bool, bool]]] = {}
        self._ends: dict[str, bool] = {}
        # the codes of the candidates' diplomas after their starts, and of their starts
        # (Candidates.codes), gathered as they are made
        self.steps: set[str] = set()
        self.starts: set[str] = set()

    def edges(self, code: str) -> list[tuple[str, Row, Row, bool, bool]]:
        """The legs leaving ``code`` that the walk may take, with what it asks of each,
        worked out once per search: target code, leg, target row, whether the leg is tied to
        a campus programme's territory, whether the target meets the goal. A leg to a lower
        level is left out unless it is a reorientation (``code``'s level is that of every
        prefix ending there: the walk's rows end with ``node[code]``)."""
        got = self._edges.get(code)
        if got is None:
            node, q, goal_codes, goals = self.node, self.q, self.goal_codes, self.goals
            level = node[code].get("level") or 0
            got = self._edges[code] = []
            for t, leg in self.adj.get(code, ()):
                there = node[t]
                if (there.get("level") or 0) < level and leg["kind"] != "reorientation":
                    continue
                goal = goals.get(t)
                if goal is None:
                    goal = goals[t] = is_goal(there, q, goal_codes)
                got.append(
                    (
                        t,
                        leg,
                        there,
                        bool(leg.get("from_departements") or leg.get("to_departements")),
                        goal,
                    )
                )
        return got

    def common_year(self, code: str, row: Row) -> bool:
        """:func:`~graph.diploma_names.is_common_year` of a diploma, read once per search (its
        names' patterns are a tenth of a from_level walk when read at every visit), from the
        test kept by names (:func:`~graph.diploma_names.is_common_year_kept`)."""
        got = self._common.get(code)
        if got is None:
            got = self._common[code] = is_common_year_kept(row)
        return got

    def ends(self, code: str) -> bool:
        """Whether a walk that may take no further step after reaching ``code`` can still make
        a candidate from it: a leg from ``code`` meets the goal, or ``code`` is a common first
        year (it goes on in its own programme without a step more). When not, the walk does not
        go there on its last step: it would make nothing (a quarter of a from_level walk's
        visits at national size were such dead ends)."""
        got = self._ends.get(code)
        if got is None:
            got = self._ends[code] = bool(self.goal_edges(code)) or self.common_year(
                code, self.node[code]
            )
        return got

    def goal_edges(self, code: str) -> list[tuple[str, Row, Row, bool, bool]]:
        """The legs of :meth:`edges` whose target meets the goal, in the same order."""
        got = self._goal_edges.get(code)
        if got is None:
            got = self._goal_edges[code] = [e for e in self.edges(code) if e[4]]
        return got

    def walk(self, path: list[str], rows: list[Row], legs: list[Row], parent: int = -1) -> None:
        """The candidates that begin with ``path`` (codes; ``rows``: their diplomas) along
        ``legs``; ``parent``: the prefix number (:attr:`Candidate.prefix`) of ``rows`` and
        ``legs`` but their last ones. A prefix that can make no candidate is not walked
        (:meth:`ends`): it has no number."""
        this = self.prefixes = self.prefixes + 1  # the prefix number of rows and legs
        self.parents.append(parent)
        here = rows[-1]
        end = path[-1]
        common = len(path) > 1 and self.common_year(end, here)
        paths = self.paths
        # whether a step more may be taken after this one, and whether that one is the last
        deeper = len(path) < self.max_steps
        last = len(path) + 1 >= self.max_steps
        if deeper or common:
            edges = self._edges.get(end)
            if edges is None:
                edges = self.edges(end)
        else:  # no step more: only the legs to the goal can make a candidate (a leg to
            # another target held by its territory is skipped with the later legs to it,
            # which do not meet the goal either)
            edges = self._goal_edges.get(end)
            if edges is None:
                edges = self.goal_edges(end)
        # the targets reached by a leg tied to a territory that holds here: the legs after it
        # to the same target are the same step (_open_targets keeps them for where it fails)
        held: set[str] | None = None
        # whether this prefix's codes are in self.steps and self.starts yet (with its first
        # candidate): each candidate then adds its last code only
        coded = False
        steps = self.steps
        # the legs down a level were left out by edges(): once the cap is reached, the next
        # leg taken (or the caller's) returns, as the one left out would have
        for code, leg, there, local, goal in edges:
            if len(paths) >= CANDIDATE_CAP:
                return
            if code in path or (held is not None and code in held):
                continue
            if local:
                if not _local_holds(self.source, leg, path, code, self.q.start_departements):
                    continue  # a campus programme's leg, taken outside its territory
                if held is None:
                    held = set()
                held.add(code)
            if common and continues_programme(here, there):
                # the common first year going on in its own programme: the same step
                if goal:
                    paths.append(Candidate([*rows[:-1], there], legs, parent))
                    self.starts.add(path[0])
                    steps.update(path[1:-1])
                    steps.add(code)
                elif code not in path:
                    self.walk([*path[:-1], code], [*rows[:-1], there], legs, parent)
                continue
            if goal:  # Candidate(...) without its __new__'s Python call (5 000 a search)
                paths.append(_candidate(Candidate, ([*rows, there], [*legs, leg], this)))
                if not coded:
                    coded = True
                    self.starts.add(path[0])
                    steps.update(path[1:])
                steps.add(code)
            elif deeper and (not last or self.ends(code)):
                self.walk([*path, code], [*rows, there], [*legs, leg], this)


def with_renewed_legs(
    legs: dict[str, list[tuple[str, Row]]],
    starts: dict[str, Row],
    legs_from: Callable[[Iterable[str]], dict[str, list[tuple[str, Row]]]],
) -> dict[str, list[tuple[str, Row]]]:
    """The start diplomas' legs, with the *documented* legs of their renewed versions (the
    BCN's successors, ``RENAMED_TO``, whether the start is closed yet or only replaced): a
    learner holding CAP cuisine 50022139 (replaced by 50022146 in 2024) continues as the
    national table documents it for the renewed CAP cuisine (→ Bac pro cuisine), not by an
    inference. Inferred legs of the successor are not added: the start has its own.

    >>> legs = {"A": [("T", {"passerelle_origin": "inferred"})]}
    >>> renewed = {"B": [("T", {"passerelle_origin": "documented"}), ("U", {"passerelle_origin": "inferred"})]}
    >>> with_renewed_legs(legs, {"A": {"successors": ["B"]}}, lambda codes: renewed)["A"]
    [('T', {'passerelle_origin': 'inferred'}), ('T', {'passerelle_origin': 'documented'})]
    """  # noqa: E501
    renewed = {c: list(d.get("successors") or []) for c, d in starts.items() if c in legs}
    wanted = sorted({s for succ in renewed.values() for s in succ})
    if not wanted:
        return legs
    theirs = legs_from(wanted)
    out = dict(legs)
    for c, succ in renewed.items():
        extra = [
            (t, leg)
            for s in succ
            for t, leg in theirs.get(s, [])
            if leg.get("passerelle_origin") == "documented" and t != c
        ]
        if extra:
            out[c] = [*legs[c], *extra]
    return out


def _local_holds(
    source: Source, leg: Row, path: list[str], target: str, start: list[str] | None
) -> bool:
    """Whether a leg into (or out of) a campus programme, tied to its territory
    (``from_departements``, ``to_departements``), can hold on this path: from the start, where
    the learner holds the start diploma (``start``); from a later step, where that step will be
    taken — its establishments in the territory if it has any there, else any (the scorer
    checks the establishment it chooses, :class:`~graph.pathways.scoring.Scorer`)."""
    frm, to = leg.get("from_departements"), leg.get("to_departements")
    if frm:
        places = set(start or ()) if len(path) == 1 else _places(source, path[-1])
        if not places & set(frm):
            return False
    return not to or bool(_places(source, target) & set(to))


def _places(source: Source, code: str) -> set[str]:
    """The départements where a step of ``code`` would be taken: those of its offers in the
    territory, else of all its offers."""
    offers = source.offers([code]).get(code, [])
    pool = [o for o in offers if o.in_territory] or offers
    return {d for o in pool if (d := o.offer.get("departement"))}


def _leg_preference(pair: tuple[str, Row]) -> tuple[bool, float]:
    """Documented legs first, then inferred ones by decreasing strength."""
    leg = pair[1]
    return (leg.get("passerelle_origin") != "documented", -(leg.get("strength") or 0.0))


def open_legs_from(
    source: LegSource,
    codes: Iterable[str],
    node: dict[str, Row],
    opened: MutableMapping[str, list[tuple[str, Row]]] | None = None,
) -> dict[str, list[tuple[str, Row]]]:
    """The legs leaving ``codes`` as the search takes them, closed targets replaced
    (:func:`_open_targets`, kept in ``opened`` if given); their targets' rows added to
    ``node``."""
    legs = _open_targets(source, source.legs_from(codes), node, opened)
    node.update(source.diplomas({t for pairs in legs.values() for t, _ in pairs} - node.keys()))
    return legs


def _open_targets(
    source: LegSource,
    legs: dict[str, list[tuple[str, Row]]],
    node: dict[str, Row],
    opened: MutableMapping[str, list[tuple[str, Row]]] | None = None,
) -> dict[str, list[tuple[str, Row]]]:
    """The legs with every target the BCN closed replaced by its successors (``RENAMED_TO``),
    or dropped when it has none: a closed diploma is never a step. With ``opened``, each
    code's are worked out once and kept there (the rows of their targets are then the
    caller's to read: :func:`candidates` reads them next)."""
    if opened is not None:
        todo = {c: pairs for c, pairs in legs.items() if c not in opened}
        if todo:
            opened.update(_open_targets(source, todo, node))
        return {c: opened[c] for c in legs}
    targets = {t for pairs in legs.values() for t, _ in pairs}
    known = source.diplomas(targets)
    successors = {
        s
        for t in targets
        if (d := known.get(t)) and d.get("closed")
        for s in d.get("successors") or []
    }
    known.update(source.diplomas(successors))
    node.update(known)
    sources = source.diplomas(legs)
    out: dict[str, list[tuple[str, Row]]] = {}
    for c, pairs in legs.items():
        kept: list[tuple[str, Row]] = []
        seen: set[str] = set()
        # a programme its label reserves to bac pro holders follows a Bac pro only (ENEPS)
        bac_pro = (sources.get(c) or {}).get("type") == "bac_pro"
        # one leg per target: the documented one, else the strongest inferred (a pair can be
        # inferred twice: by the seed loader without evidence, by the import with it); a leg
        # that holds in one territory only (``from_departements``: a campus's filière) is
        # kept with the next one, so that it never hides a leg that holds everywhere (the
        # walk takes the first that holds: _Walk.walk)
        for t, leg in sorted(pairs, key=_leg_preference):
            d = known.get(t)
            if d is None:
                continue
            for target in (d.get("successors") or []) if d.get("closed") else [t]:
                s = known.get(target)
                if (
                    s is not None
                    and not s.get("closed")
                    and target not in seen
                    and (bac_pro or not for_bac_pro_only(s))
                ):
                    if not (leg.get("from_departements") or leg.get("to_departements")):
                        seen.add(target)
                    kept.append((target, leg))
        out[c] = kept
    return out
