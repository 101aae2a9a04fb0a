"""The rows a gap report is computed from (read by :mod:`graph.gaps.data`), and the small pure
helpers over them that the sections and the reading share."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.campus_scope import SectorBasis
from graph.diploma_names import is_common_year
from graph.geo import haversine_km
from graph.nsf import GENERIC_GROUPS

if TYPE_CHECKING:
    from graph.gaps.dead_ends import DeadEndTests

__all__ = [
    "GapData",
    "NextSteps",
    "OfferPlaces",
    "box_around",
    "broad_match",
    "dead_end_candidates",
    "dead_end_targets",
    "leg_targets",
    "next_steps",
]

Row = dict[str, Any]


@dataclass
class GapData:
    """The rows a report is computed from, and the territory's part of them.

    ``offers``: gaps_offers rows (actor, offer, diploma, sectors) of the territory;
    ``inside``: those whose offer is in the territory (the exact radius test);
    ``inside_for_sector``: the same, for the sector asked if any; ``legs``: where the LEADS_TO
    legs leaving them go, per diploma and territory of the leg (gaps_next_steps: ``source``,
    ``from_departements``, ``documented``, ``inferred``; a row with ``targets`` or one
    ``target`` is read as legs of no told origin, :class:`NextSteps`), in no particular order
    (:meth:`steps` reads them as sets);
    ``outside_offers``: offers of the next steps of possible dead ends, those near them
    (graph.gaps.data.read_next_steps_near); ``offered_next``: the next steps of those with
    none within reach that are offered somewhere (gaps_offered_diplomas: diploma, sectors; one
    row per diploma); ``sectors``,
    ``actors``, ``edges``, ``agreements``: those of the territory and of its partners;
    ``inside_ids``: the actors and platforms of the territory; ``programmes``: the
    territory of each campus programme among the legs' targets (the départements its facts
    hold in, :func:`graph.inference.rules.programme_territory`).
    """

    offers: list[Row] = field(default_factory=list)
    legs: list[Row] = field(default_factory=list)
    sectors: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    agreements: list[Row] = field(default_factory=list)
    inside: list[Row] = field(default_factory=list)
    inside_for_sector: list[Row] = field(default_factory=list)
    inside_ids: set[str] = field(default_factory=set)
    outside_offers: list[Row] = field(default_factory=list)
    offered_next: list[Row] = field(default_factory=list)
    # the offers outside the territory of the kinds (type, level) of those next steps, within
    # REACH_KM of the offers that may be dead ends (gaps_kind_offer_rows)
    kind_offers: list[Row] = field(default_factory=list)
    # the dead-ends section's tests but the last (graph.gaps.dead_ends.dead_end_tests), made
    # once for the reading of kind_offers and the section
    dead_end_tests: DeadEndTests | None = field(default=None, repr=False, compare=False)
    local_campuses: set[str] = field(default_factory=set)
    # the campuses of the territory: their filières, demand tables and figures may be shown
    programmes: dict[str, frozenset[str]] = field(default_factory=dict)
    campus_names: dict[str, str] = field(default_factory=dict)  # id -> its short name
    # id -> its départements: a campus's demand figures speak for that part of a territory only
    campus_departements: dict[str, list[str]] = field(default_factory=dict)
    # the establishments teaching only at a distance from an address of the territory (the
    # CNED): their offers are not the territory's (graph/distance_learning.py), only named
    remote: list[str] = field(default_factory=list)
    # the campus filière asked outside its campuses' territory: read from public links only
    basis: SectorBasis | None = None
    # per level, the imported files listing offers at it (whole graph), and the files the
    # territory's offers were read from: a level no such file lists here is not covered
    # (graph/gaps/level_sources.py)
    level_sources: dict[int, frozenset[str]] = field(default_factory=dict)
    territory_sources: set[str] = field(default_factory=set)
    _steps: NextSteps | None = field(default=None, init=False, repr=False, compare=False)
    _places: OfferPlaces | None = field(default=None, init=False, repr=False, compare=False)
    _common: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    # graph.gaps.demand.trained_for: per list of offers (by id, the list kept alive beside)
    _trained: dict[int, tuple[list[Row], dict[str, list[Row]]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def steps(self) -> NextSteps:
        """The next steps of ``legs``, built once for the reading and every section (three
        builds were a tenth of a campus report at national size)."""
        if self._steps is None:
            self._steps = NextSteps(self.legs, self.programmes)
        return self._steps

    def places(self) -> OfferPlaces:
        """Where the offers of ``inside`` are (:class:`OfferPlaces`), built once for the
        reading and the dead-ends section, which ask the same offers whether a next step is
        within reach (6 000 offers of a campus at national size)."""
        if self._places is None:
            self._places = OfferPlaces(self.inside)
        return self._places

    def common_year(self, diploma: Row) -> bool:
        """:func:`graph.diploma_names.is_common_year` of a diploma row, once per code: the
        dead-ends and partnerships sections ask it of every diploma of the territory."""
        code = diploma["code"]
        got = self._common.get(code)
        if got is None:
            got = self._common[code] = is_common_year(diploma)
        return got


_BARE_GROUP = re.compile(r"^(?:même )?groupe NSF (\d{3})$")
_BARE_DOMAIN = re.compile(r"^(?:même )?domaines? NSF |^groupe NSF \d{3} \(plusieurs spécialités")


def broad_match(evidence: str) -> bool:
    """Whether an inferred leg's evidence (graph/inference/rules.py, ``field_match``) is an NSF
    match that names no specialty the two diplomas share: a domain only (« domaine NSF 33x »,
    the bac techno rule's « domaines NSF voisins … », the admission parallèle's « groupe NSF
    330 (plusieurs spécialités du domaine 33x) », which takes any group of the domain), or one
    of the groups heading a whole area (100, 200, 300). « Services aux personnes » holds
    health, social work, hairdressing and hospitality alike: two establishments linked by such
    a leg share no trade, and it is no ground for a partnership (graph/gaps/partnerships.py).
    Two diplomas of one group (« groupe NSF 250 »: the maintenance Bac pro and BTS) and any leg
    with evidence of its own (shared ROME jobs, Formacode…) are not broad.

    >>> broad_match("groupe NSF 330 (plusieurs spécialités du domaine 33x)")
    True
    >>> broad_match("même domaine NSF 33x"), broad_match("groupe NSF 300")
    (True, True)
    >>> broad_match("groupe NSF 250"), broad_match("même groupe NSF 330 ; intitulés voisins (x)")
    (False, False)
    """
    if _BARE_DOMAIN.match(evidence):
        return True
    m = _BARE_GROUP.match(evidence)
    return m is not None and m.group(1) in GENERIC_GROUPS


# An inferred leg's evidence that is an NSF match alone: neither firm nor, unless
# :func:`broad_match`, broad (gaps_next_steps tested these prefixes until gaps21)
_BARE_PREFIXES = ("groupe NSF ", "domaine", "même groupe NSF ", "même domaine NSF ")


def _judge(evidence: str) -> bool | None:
    """An inferred leg's evidence: None when it is evidence of its own (a partnership may rest
    on the leg), else whether it is broad (:func:`broad_match`; a bare match on one group,
    « groupe NSF 250 », is neither a ground nor broad).

    >>> _judge("partagent les métiers ROME I1605"), _judge(""), _judge("domaine NSF 33x")
    (None, None, True)
    >>> _judge("groupe NSF 250")
    False
    """
    if not evidence.startswith(_BARE_PREFIXES):
        return None
    return broad_match(evidence)


def leg_targets(leg: Row) -> list[str]:
    """The targets of a row of gaps_next_steps (``documented`` and ``inferred``, each
    « target » or « target|… »), or of a row with ``targets`` or one ``target``.

    >>> leg_targets({"documented": ["BTS|doc", "LP"], "inferred": ["BUT|groupe NSF 250"]})
    ['BTS', 'LP', 'BUT']
    """
    return _plain_targets(leg) + [
        x.partition("|")[0] for k in ("documented", "inferred") for x in leg.get(k) or ()
    ]


def _plain_targets(leg: Row) -> list[str]:
    return list(leg["targets"]) if "targets" in leg else [leg["target"]] if "target" in leg else []


class NextSteps:
    """diploma code -> the codes its legs lead to, for an offer in a given département.

    A leg into a campus programme tied to its territory (``from_departements``: an open-ended
    inferred leg into the IUT Figeac licence pro, or the campus passerelle « des places
    réservées aux BTS » into it; docs/inferred-passerelles.md, « Campus programmes ») holds
    only for an offer of its source in those départements; the others hold everywhere.

    A campus programme itself (``programmes``: code -> the départements its facts hold in) is
    a next step only for an offer of its territory, whatever leg leads to it: the national
    « classe préparatoire → école d'ingénieurs » leg reaches the Mecanic Vallée's engineers
    (CCI Aveyron, Mines Albi), which are no « suite connue » of a CPGE of Bretagne.

    A row gives its targets by origin (gaps_next_steps: ``documented``, « target » or
    « target|source », and ``inferred``, « target|evidence »: :func:`leg_targets`), or one
    ``target`` or a list of ``targets`` (legs of no told origin, firm).

    >>> n = NextSteps([{"source": "BTS", "targets": ["LP", "BUT"]},
    ...                {"source": "BTS", "target": "MV-LP", "from_departements": ["046"]}])
    >>> sorted(n.at("BTS", "076")), sorted(n.at("BTS", "046"))
    (['BUT', 'LP'], ['BUT', 'LP', 'MV-LP'])
    >>> cpge = NextSteps([{"source": "MPSI", "targets": ["MV-ING"]}], {"MV-ING": {"012", "081"}})
    >>> sorted(cpge.at("MPSI", "022")), sorted(cpge.at("MPSI", "081"))
    ([], ['MV-ING'])
    """

    def __init__(
        self, legs: Iterable[Row], programmes: Mapping[str, Collection[str]] | None = None
    ) -> None:
        self.programmes = programmes or {}
        self.everywhere: defaultdict[str, set[str]] = defaultdict(set)
        self.local: defaultdict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        self._at: dict[tuple[str, str | None], frozenset[str]] = {}
        # per source, the targets reached only by broad inferred legs (:func:`broad_match`),
        # and the sources of documented legs by (source, target)
        broad: defaultdict[str, set[str]] = defaultdict(set)
        firm: defaultdict[str, set[str]] = defaultdict(set)
        # per source, the targets some source documents (or a leg of no told origin), and
        # those an inferred leg reaches: a « suite connue » only inferred is said so (tester24)
        told: defaultdict[str, set[str]] = defaultdict(set)
        inferred: defaultdict[str, set[str]] = defaultdict(set)
        self.cited: dict[tuple[str, str], list[str]] = {}
        judged: dict[str, bool | None] = {}  # an evidence's :func:`_judge`, once each
        for leg in legs:
            source = leg["source"]
            targets = _plain_targets(leg)
            told[source].update(targets)
            for x in leg.get("documented") or ():
                target, _, cited = x.partition("|")
                targets.append(target)
                firm[source].add(target)
                told[source].add(target)
                if cited:
                    self.cited.setdefault((source, target), []).append(cited)
            for x in leg.get("inferred") or ():
                target, _, evidence = x.partition("|")
                targets.append(target)
                inferred[source].add(target)
                if evidence in judged:
                    judge = judged[evidence]
                else:
                    judge = judged[evidence] = _judge(evidence)
                if judge is None:  # evidence of its own: a ground
                    firm[source].add(target)
                elif judge:
                    broad[source].add(target)
            deps = leg.get("from_departements")
            if deps:
                where = frozenset(deps)
                self.local[source].extend((t, where) for t in targets)
            else:
                self.everywhere[source].update(targets)
        self.broad = {c: frozenset(ts - firm[c]) for c, ts in broad.items() if ts - firm[c]}
        self.inferred_only = {
            c: frozenset(ts - told[c]) for c, ts in inferred.items() if ts - told[c]
        }

    def inferred(self, code: str, target: str) -> bool:
        """Whether ``code`` leads to ``target`` by inferred legs only (no source documents
        it): the gap reports say such a « suite connue » is inferred.

        >>> n = NextSteps([{"source": "BTS", "documented": ["LP|doc"],
        ...                 "inferred": ["BUT|groupe NSF 331", "LP|groupe NSF 331"]}])
        >>> n.inferred("BTS", "BUT"), n.inferred("BTS", "LP")
        (True, False)
        """
        return target in self.inferred_only.get(code, ())

    def firm_at(self, code: str, departement: str | None) -> frozenset[str]:
        """:meth:`at` without the targets only broad inferred legs reach
        (:func:`broad_match`): the next steps a partnership may rest on.

        >>> n = NextSteps([{"source": "BAC",
        ...                 "inferred": ["SP3S|domaine NSF 33x", "ESF|groupe NSF 332"]}])
        >>> sorted(n.at("BAC", "035")), sorted(n.firm_at("BAC", "035"))
        (['ESF', 'SP3S'], ['ESF'])
        """
        got = self.at(code, departement)
        broad = self.broad.get(code)
        return got - broad if broad else got

    def at(self, code: str, departement: str | None) -> frozenset[str]:
        """Kept per diploma and département: the sections ask for the same ones many times
        (every offer of a diploma in a département, every establishment offering it)."""
        key = (code, departement)
        got = self._at.get(key)
        if got is None:
            out = set(self.everywhere.get(code, ()))
            out.update(t for t, deps in self.local.get(code, ()) if departement in deps)
            if self.programmes:
                out = {
                    t for t in out if t not in self.programmes or departement in self.programmes[t]
                }
            got = self._at[key] = frozenset(out)
        return got


def next_steps(
    legs: Iterable[Row], programmes: Mapping[str, Collection[str]] | None = None
) -> NextSteps:
    """The next steps of every diploma (:class:`NextSteps`)."""
    return NextSteps(legs, programmes)


class OfferPlaces:
    """Where the offers of each diploma are (``rows``: offers of a territory): the positions
    of those placed, the départements of those without coordinates. Whether a next step is
    within reach of an offer is read from it (:meth:`near`), never from « offered in the
    territory »: a région is 300 km wide, and a BTS whose only next step is 180 km away was
    continued « sur le territoire » in the région's report while each département's report
    called it a dead end (Nouvelle-Aquitaine: 40 dead ends in its départements, 5 in the
    région)."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.placed: defaultdict[str, set[tuple[float, float]]] = defaultdict(set)
        self.unplaced: defaultdict[str, set[Any]] = defaultdict(set)
        self._near: dict[tuple[Any, ...], bool] = {}
        for r in rows:
            o, code = r["offer"], r["diploma"]["code"]
            if o.get("lat") is not None and o.get("lon") is not None:
                self.placed[code].add((o["lat"], o["lon"]))
            else:
                self.unplaced[code].add(o.get("departement"))

    def near(self, targets: Iterable[str], offer: Row, km: float) -> bool:
        """Whether one of ``targets`` is offered within ``km`` of ``offer`` (an offer row's
        ``offer``, with coordinates), or, at an unknown place, in its département: it may be
        within reach, and a dead end is then not said (as a département's report never said
        one).

        >>> p = OfferPlaces([{"offer": {"lat": 44.6, "lon": 2.0}, "diploma": {"code": "BTS"}},
        ...                  {"offer": {"departement": "012"}, "diploma": {"code": "LP"}}])
        >>> o = {"lat": 44.6, "lon": 2.5, "departement": "046"}
        >>> p.near(["BTS"], o, 50.0), p.near(["BTS"], o, 30.0), p.near(["LP"], o, 50.0)
        (True, False, False)
        >>> p.near(["LP"], {**o, "departement": "012"}, 50.0)
        True
        """
        lat, lon, dep = offer["lat"], offer["lon"], offer.get("departement")
        dlat = km / 111.0  # a degree of latitude is 111.3 km: a little wider than needed
        for t in targets:
            if dep in self.unplaced.get(t, ()):
                return True
            for plat, plon in self.placed.get(t, ()):
                if abs(plat - lat) <= dlat and haversine_km(lat, lon, plat, plon) <= km:
                    return True
        return False

    def next_near(self, nexts: NextSteps, code: str, offer: Row, km: float) -> bool:
        """:meth:`near` of the next steps of ``code`` for ``offer`` (:meth:`NextSteps.at` its
        département), kept per diploma, département and place: the reading and the dead-ends
        section ask it of the same offers, and many offers share them."""
        dep = offer.get("departement")
        key = (code, dep, offer["lat"], offer["lon"], km)
        got = self._near.get(key)
        if got is None:
            got = self._near[key] = self.near(nexts.at(code, dep), offer, km)
        return got


def dead_end_targets(
    inside: Iterable[Row], legs: Iterable[Row] | NextSteps, km: float
) -> list[str]:
    """The next steps of the offers none of whose next steps is offered within ``km`` of them
    in the territory (:func:`dead_end_candidates`)."""
    return dead_end_candidates(inside, legs, km)[0]


def dead_end_candidates(
    inside: Iterable[Row],
    legs: Iterable[Row] | NextSteps,
    km: float,
    places: OfferPlaces | None = None,
) -> tuple[list[str], list[Row]]:
    """The next steps of the offers none of whose next steps is offered within ``km`` of them
    in the territory (:meth:`OfferPlaces.near`), and those offers: where and around what the
    dead-ends section looks for the nearest offer (``legs``: rows of gaps_next_steps, or their
    :class:`NextSteps`; ``places``: those of ``inside``, if already made). Offers without
    coordinates are not judged: their next steps are not read for them."""
    inside = list(inside)
    nexts = legs if isinstance(legs, NextSteps) else next_steps(legs)
    if places is None:
        places = OfferPlaces(inside)
    out: set[str] = set()
    rows: list[Row] = []
    for r in inside:
        o = r["offer"]
        if o.get("lat") is None or o.get("lon") is None:
            continue
        targets = nexts.at(r["diploma"]["code"], o.get("departement"))
        if targets and not places.next_near(nexts, r["diploma"]["code"], o, km):
            out |= targets
            rows.append(r)
    return sorted(out), rows


def box_around(rows: Iterable[Row], km: float) -> dict[str, float] | None:
    """The latitude and longitude box holding every place within ``km`` of the offers
    ``rows`` that have coordinates (a degree of latitude is 111.3 km on the sphere of
    graph.geo: 111 km is taken, a little more than needed); None when none has any, or when
    the box would reach a pole or the ±180° meridian (then: everywhere).

    >>> box = box_around([{"offer": {"lat": 44.6, "lon": 2.0}}], 111.0)
    >>> round(box["min_lat"], 3), round(box["max_lat"], 3), box["min_lon"] < 0.6
    (43.6, 45.6, True)
    """
    points = [
        (o["lat"], o["lon"])
        for r in rows
        if (o := r["offer"]).get("lat") is not None and o.get("lon") is not None
    ]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    dlat = km / 111.0
    farthest = max(abs(min(lats)), abs(max(lats))) + dlat  # the widest degree of longitude
    if farthest >= 89.0:
        return None
    dlon = km / (111.0 * math.cos(math.radians(farthest)))
    box = {
        "min_lat": min(lats) - dlat,
        "max_lat": max(lats) + dlat,
        "min_lon": min(lons) - dlon,
        "max_lon": max(lons) + dlon,
    }
    return box if box["min_lon"] > -180.0 and box["max_lon"] < 180.0 else None
