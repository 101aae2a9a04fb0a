"""Learner pathways: from a diploma (or level) held to a goal, through offers of a territory.

Candidate diploma sequences are found hop by hop in Cypher (``pathway_legs_from``: the LEADS_TO
legs leaving the current diplomas; targets are kept when offered in the territory) and assembled
here: levels never go down except on reorientation legs, no diploma twice, a pathway stops at its
first goal. Establishments are then chosen and pathways ranked in Python, where the score can be
explained term by term. What the search reads is cached per diploma for the graph's version
(:mod:`graph.pathway_data`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from graph.errors import NotFound
from graph.geo import haversine_km
from graph.models import DiplomaType, Modality
from graph.pathway_data import pathway_data
from graph.queries import suggest_diplomas
from graph.store import GraphStore
from graph.territory import Point, Territory

CANDIDATE_CAP = 5_000
OFFERS_PER_STEP = 5
BOARDING_SOFTENING = 0.5  # far legs to a school with boarding places count half
NEAR_KM = 30.0  # legs shorter than this are not softened (daily commute)

# Score weights: a pathway starts at 100 and each term adds or removes points.
W_STEP = 8.0  # per step beyond the first
W_KM = 0.08  # per effective km travelled
W_OUTSIDE = 25.0  # per step outside the territory
W_PLANNED = 10.0  # per step whose only offers are planned
W_INFERRED = 4.0  # per leg whose passerelle is inferred, not documented
W_MODALITY = 5.0  # per step offered in the requested modality
W_RATE = 10.0  # times log10 of the product of known transition rates (<= 0)
W_FIGURE = 3.0  # per leg whose passerelle carries a documented figure
W_CAPACITY = 1.0  # per step whose chosen offer has a known capacity
W_FIELD = 6.0  # per leg between diplomas of the same NSF group (half for the same NSF domain)


# --- request ------------------------------------------------------------------------------


class PathwayQuery(BaseModel):
    start_codes: list[str]
    start_label: str
    to: str | None = None
    to_type: DiplomaType | None = None
    to_level: int | None = None
    sector: str | None = None
    home: Point | None = None
    territory: Territory = Territory()
    allow_outside: bool = False
    modality: Modality | None = None
    max_steps: int = 4
    limit: int = 10


# --- answer -------------------------------------------------------------------------------


class OfferOut(BaseModel):
    actor_id: str
    actor_name: str
    actor_kind: str
    uai: str | None = None
    commune: str | None = None
    insee: str | None = None
    departement: str | None = None
    lat: float | None = None
    lon: float | None = None
    modality: str | None = None
    status: str
    capacity: int | None = None
    year: int | None = None
    boarding_places: int | None = None
    in_territory: bool
    distance_km: float | None = Field(
        default=None, description="From the previous step's establishment, or from home."
    )
    chosen: bool = False
    source: str


class PasserelleUsed(BaseModel):
    id: str | None
    kind: str
    origin: str | None = None
    rate: float | None = None
    entrant_share: float | None = None
    reserved_share: float | None = None
    modality: str | None = None


class StepOut(BaseModel):
    index: int
    code: str
    name: str
    type: str
    level: int | None = None
    passerelle: PasserelleUsed | None = Field(default=None, description="None for the start.")
    outside_territory: bool = False
    offers: list[OfferOut] = []


class ScoreOut(BaseModel):
    total: float
    components: dict[str, float]
    explanation: list[str]


class PathwayOut(BaseModel):
    rank: int
    steps: list[StepOut]
    travel_km: float | None
    outside_steps: int
    score: ScoreOut


class PathwayAnswer(BaseModel):
    start: str
    goal: str
    territory: str
    count: int
    pathways: list[PathwayOut]
    reason: str | None = Field(default=None, description="Why there is no pathway, if none.")


# --- search -------------------------------------------------------------------------------


@dataclass
class _Offer:
    code: str
    actor: dict[str, Any]
    offer: dict[str, Any]
    in_territory: bool


@dataclass
class _Choice:
    """Where a step is taken, coming from a given place (shared by every pathway through it)."""

    ranked: list[_Offer]  # the best OFFERS_PER_STEP offers, best first
    dist: float | None  # km from the previous place to the best offer, if both are located
    effective: float  # the same, softened for boarding places
    to: tuple[float, float] | None  # the place the next step starts from


@dataclass
class _Step:
    """One step of a scored pathway, kept light: the answer's objects and sentences are only
    built for the pathways of the answer (:meth:`PathwayFinder.pathway_out`)."""

    diploma: dict[str, Any]
    leg: dict[str, Any]
    choice: _Choice
    prev: tuple[float, float] | None  # where the learner comes from


@dataclass
class _Scored:
    score: float
    components: dict[str, float]
    start: dict[str, Any]
    plan: list[_Step]
    travel_km: float | None
    outside: int
    field_points: float
    modality_hits: int
    key: tuple[str, ...] = field(default_factory=tuple)


def _is_goal(d: dict[str, Any], q: PathwayQuery, sector_codes: set[str] | None) -> bool:
    if q.to and d["code"] != q.to:
        return False
    if q.to_type and d["type"] != q.to_type.value:
        return False
    if q.to_level and (d.get("level") or 0) < q.to_level:
        return False
    return not (sector_codes is not None and d["code"] not in sector_codes)


def _goal_label(q: PathwayQuery) -> str:
    parts = []
    if q.to:
        parts.append(f"diplôme {q.to}")
    if q.to_type:
        parts.append(f"type {q.to_type.value}")
    if q.to_level:
        parts.append(f"niveau {q.to_level} ou plus")
    if q.sector:
        parts.append(f"secteur {q.sector}")
    return ", ".join(parts)


def _effective(km: float, boarding: int | None) -> float:
    if boarding and km > NEAR_KM:
        return NEAR_KM + (km - NEAR_KM) * BOARDING_SOFTENING
    return km


MODALITY_FR = {
    "school": "voie scolaire",
    "apprenticeship": "apprentissage",
    "continuing": "formation continue",
}


def _fmt_km(km: float) -> str:
    return f"{km:.0f} km"


class PathwayFinder:
    """One search: holds the store and the request, returns a ranked PathwayAnswer."""

    def __init__(self, store: GraphStore, query: PathwayQuery) -> None:
        self.store = store
        self.q = query
        self.data = pathway_data(store)
        self._goal_codes = (
            set(self.data.sector_codes(store, query.sector)) if query.sector else None
        )
        self._fields: dict[str, frozenset[str]] = {}
        self._choices: dict[tuple[Any, str], _Choice | None] = {}
        self._offer_lists: dict[str, list[_Offer]] = {}
        self._restrict = False

    # -- candidates -------------------------------------------------------------------------
    def _expand(self, *, restrict: bool) -> list[dict[str, Any]]:
        """Candidate pathways, walking LEADS_TO one hop per query from the start diplomas.

        Each hop keeps, when ``restrict``, only target diplomas offered in the territory (in
        the requested modality). The legs are then assembled into paths here: levels never go
        down except on reorientation legs, no diploma is visited twice, a path stops at its
        first goal diploma, at most ``max_steps`` legs and CANDIDATE_CAP paths.
        """
        q, data, store = self.q, self.data, self.store
        node = data.diplomas(store, sorted(set(q.start_codes)))
        adj: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        frontier = sorted(node)
        seen: set[str] = set()
        for _ in range(q.max_steps):
            frontier = [c for c in frontier if c not in seen]
            if not frontier:
                break
            seen.update(frontier)
            legs = data.legs_from(store, frontier)
            targets = {t for c in frontier for t, _ in legs[c]}
            node.update(data.diplomas(store, targets))
            if restrict:
                inside = self._offers(targets)
                targets = {t for t in targets if any(o.in_territory for o in inside[t])}
            nxt: set[str] = set()
            for c in frontier:
                kept = [(t, leg) for t, leg in legs[c] if t in targets and t in node]
                if kept:
                    adj[c] = kept
                for t, _ in kept:
                    if not _is_goal(node[t], q, self._goal_codes):
                        nxt.add(t)
            frontier = sorted(nxt)
        paths: list[dict[str, Any]] = []

        def walk(path: list[str], legs: list[dict[str, Any]]) -> None:
            here = node[path[-1]]
            for code, leg in adj.get(path[-1], []):
                if len(paths) >= CANDIDATE_CAP:
                    return
                there = node[code]
                if code in path or (
                    leg["kind"] != "reorientation"
                    and (there.get("level") or 0) < (here.get("level") or 0)
                ):
                    continue
                if _is_goal(there, q, self._goal_codes):
                    paths.append(
                        {"diplomas": [node[c] for c in [*path, code]], "legs": [*legs, leg]}
                    )
                elif len(path) < q.max_steps:
                    walk([*path, code], [*legs, leg])

        for start in sorted(node.keys() & set(q.start_codes)):
            walk([start], [])
        return paths

    def run(self) -> PathwayAnswer:
        q = self.q
        self._restrict = (q.territory.is_set or q.modality is not None) and not q.allow_outside
        paths = self._expand(restrict=self._restrict)
        offers = self._offers({d["code"] for r in paths for d in r["diplomas"][1:]})
        codes = sorted({d["code"] for r in paths for d in r["diplomas"]})
        self._fields = self.data.fields_of(self.store, codes)
        scored: dict[tuple[str, ...], _Scored] = {}
        for r in paths:
            s = self._score(r["diplomas"], r["legs"], offers)
            if s is None:
                continue
            if s.key not in scored or s.score > scored[s.key].score:
                scored[s.key] = s
        ranked = sorted(scored.values(), key=lambda s: (-s.score, len(s.key), s.key))
        out = [self.pathway_out(s, i + 1) for i, s in enumerate(ranked[: q.limit])]
        return PathwayAnswer(
            start=q.start_label,
            goal=_goal_label(q),
            territory=q.territory.describe(),
            count=len(ranked),
            pathways=out,
            reason=None if out else self._why_none(),
        )

    def _offers(self, codes: Iterable[str]) -> dict[str, list[_Offer]]:
        """The offers of each diploma in the requested modality, flagged in or out of the
        territory (every offer is read; the pools are filtered when scoring)."""
        codes = set(codes)
        missing = [c for c in codes if c not in self._offer_lists]
        if missing:
            t = self.q.territory
            mod = self.q.modality.value if self.q.modality else None
            for code, pairs in self.data.offers_of(self.store, missing).items():
                self._offer_lists[code] = [
                    _Offer(code, a, o, t.contains(o, campuses=a.get("campuses")))
                    for a, o in pairs
                    if mod is None or o.get("modality") == mod
                ]
        return {c: self._offer_lists[c] for c in codes}

    # -- ranking ----------------------------------------------------------------------------
    def _choose(
        self, prev: tuple[float, float] | None, code: str, offers: dict[str, list[_Offer]]
    ) -> _Choice | None:
        """The establishments for a step, best first: in the territory, open, nearest to the
        previous place (boarding places soften far ones), capacity known, by name."""
        memo = (prev, code)
        if memo in self._choices:
            return self._choices[memo]
        candidates = offers.get(code, [])
        inside = [o for o in candidates if o.in_territory]
        pool = inside if inside else (candidates if self.q.allow_outside else [])
        ranked = heapq.nsmallest(OFFERS_PER_STEP, pool, key=lambda o: self._offer_key(o, prev))
        choice = None
        if ranked:
            best = ranked[0]
            lat, lon = best.offer.get("lat"), best.offer.get("lon")
            dist = None
            effective = 0.0
            if prev is not None and lat is not None:
                dist = haversine_km(prev[0], prev[1], lat, lon)
                effective = _effective(dist, best.actor.get("boarding_places"))
            to = (lat, lon) if lat is not None else prev
            choice = _Choice(ranked, dist, effective, to)
        self._choices[memo] = choice
        return choice

    def _score(
        self,
        diplomas: list[dict[str, Any]],
        legs: list[dict[str, Any]],
        offers: dict[str, list[_Offer]],
    ) -> _Scored | None:
        """The score of one candidate pathway (None if a step has no establishment)."""
        q = self.q
        prev: tuple[float, float] | None = (q.home.lat, q.home.lon) if q.home else None
        plan: list[_Step] = []
        travel = effective = field_points = 0.0
        known_legs = outside = planned = inferred = modality_hits = figures = capacities = 0
        rate_product = 1.0
        rates_known = 0
        mod = q.modality.value if q.modality else None
        before = diplomas[0]
        for d, leg in zip(diplomas[1:], legs, strict=True):
            choice = self._choose(prev, d["code"], offers)
            if choice is None:
                return None
            best = choice.ranked[0]
            if choice.dist is not None:
                travel += choice.dist
                effective += choice.effective
                known_legs += 1
            field_points += self._field_continuity(before, d)
            plan.append(_Step(d, leg, choice, prev))
            if not best.in_territory:
                outside += 1
            if best.offer["status"] == "planned":
                planned += 1
            if leg.get("passerelle_origin") == "inferred":
                inferred += 1
            if mod and best.offer["modality"] == mod:
                modality_hits += 1
            rate = leg.get("rate")
            if rate is not None:
                rate_product *= max(rate, 0.01)
                rates_known += 1
            if (
                rate is not None
                or leg.get("entrant_share") is not None
                or (leg.get("reserved_share") is not None)
            ):
                figures += 1
            if best.offer.get("capacity") is not None:
                capacities += 1
            prev = choice.to
            before = d
        n = len(plan)
        components = {
            "steps": -W_STEP * (n - 1),
            "travel": -W_KM * effective,
            "same_field": W_FIELD * field_points,
            "outside": -W_OUTSIDE * outside,
            "planned": -W_PLANNED * planned,
            "inferred_passerelles": -W_INFERRED * inferred,
            "modality": W_MODALITY * modality_hits,
            "known_rates": W_RATE * math.log10(rate_product) if rates_known else 0.0,
            "documented_figures": W_FIGURE * figures,
            "known_capacity": W_CAPACITY * capacities,
        }
        components = {k: round(v, 2) + 0.0 for k, v in components.items()}  # no -0.0
        return _Scored(
            score=100.0 + sum(components.values()),
            components=components,
            start=diplomas[0],
            plan=plan,
            travel_km=travel if known_legs else None,
            outside=outside,
            field_points=field_points,
            modality_hits=modality_hits,
            key=tuple(d["code"] for d in diplomas),
        )

    def explain(self, s: _Scored) -> list[str]:
        """The score's explanation, in French: the whole pathway, then step by step."""
        q = self.q
        n = len(s.plan)
        out = [f"{n} étape{'s' if n > 1 else ''} après {s.start['name']}."]
        if s.travel_km is not None:
            out.append(
                f"Trajet total {_fmt_km(s.travel_km)} entre établissements"
                f"{' depuis le domicile' if q.home else ''}."
            )
        if s.field_points:
            out.append(
                "Continuité de spécialité entre les diplômes (groupe NSF ou filière communs)."
            )
        if q.modality:
            out.append(f"{s.modality_hits}/{n} étape(s) en {MODALITY_FR[q.modality.value]}.")
        for i, st in enumerate(s.plan, start=1):
            d, leg, best, dist = st.diploma, st.leg, st.choice.ranked[0], st.choice.dist
            where = f"{best.actor['name']} ({best.offer.get('commune') or '?'})"
            if not best.in_territory:
                out.append(f"Étape {i} ({d['name']}) hors du territoire : {where}.")
            if best.offer["status"] == "planned":
                out.append(f"Étape {i} : offre seulement en projet ({where}).")
            if any(leg.get(k) is not None for k in ("rate", "entrant_share", "reserved_share")):
                out.append(self._figure_sentence(i, leg))
            if dist is not None and best.actor.get("boarding_places") and dist > NEAR_KM:
                out.append(
                    f"Étape {i} : {_fmt_km(dist)}, atténués car {best.actor['name']} a "
                    f"{best.actor['boarding_places']} places d'internat."
                )
        return out

    def pathway_out(self, s: _Scored, rank: int) -> PathwayOut:
        """The answer's form of a scored pathway (built for the returned pathways only)."""
        first = s.start
        steps = [
            StepOut(
                index=0,
                code=first["code"],
                name=first["name"],
                type=first["type"],
                level=first.get("level"),
            )
        ]
        for i, st in enumerate(s.plan, start=1):
            d, leg, prev, best = st.diploma, st.leg, st.prev, st.choice.ranked[0]
            outs = []
            for o in st.choice.ranked:
                od = None
                if prev is not None and o.offer.get("lat") is not None:
                    od = round(haversine_km(prev[0], prev[1], o.offer["lat"], o.offer["lon"]), 1)
                outs.append(
                    OfferOut(
                        actor_id=o.actor["id"],
                        actor_name=o.actor["name"],
                        actor_kind=o.actor["kind"],
                        uai=o.actor.get("uai"),
                        commune=o.offer.get("commune"),
                        insee=o.offer.get("site"),
                        departement=o.offer.get("departement"),
                        lat=o.offer.get("lat"),
                        lon=o.offer.get("lon"),
                        modality=o.offer["modality"],
                        status=o.offer["status"],
                        capacity=o.offer.get("capacity"),
                        year=o.offer.get("year"),
                        boarding_places=o.actor.get("boarding_places"),
                        in_territory=o.in_territory,
                        distance_km=od,
                        chosen=o is best,
                        source=o.offer.get("source") or "",
                    )
                )
            steps.append(
                StepOut(
                    index=i,
                    code=d["code"],
                    name=d["name"],
                    type=d["type"],
                    level=d.get("level"),
                    passerelle=PasserelleUsed(
                        id=leg.get("passerelle_id"),
                        kind=leg["kind"],
                        origin=leg.get("passerelle_origin"),
                        rate=leg.get("rate"),
                        entrant_share=leg.get("entrant_share"),
                        reserved_share=leg.get("reserved_share"),
                        modality=leg.get("modality"),
                    ),
                    outside_territory=not best.in_territory,
                    offers=outs,
                )
            )
        return PathwayOut(
            rank=rank,
            steps=steps,
            travel_km=None if s.travel_km is None else round(s.travel_km, 1),
            outside_steps=s.outside,
            score=ScoreOut(
                total=round(s.score, 2), components=s.components, explanation=self.explain(s)
            ),
        )

    def _field_continuity(self, a: dict[str, Any], b: dict[str, Any]) -> float:
        """1 for the same NSF group or a shared filière, 0.5 for the same NSF domain."""
        if a.get("nsf") and a.get("nsf") == b.get("nsf"):
            return 1.0
        if self._fields.get(a["code"], set()) & self._fields.get(b["code"], set()):
            return 1.0
        if a.get("nsf") and b.get("nsf") and a["nsf"][:2] == b["nsf"][:2]:
            return 0.5
        return 0.0

    def _offer_key(self, o: _Offer, prev: tuple[float, float] | None) -> tuple[Any, ...]:
        dist = 0.0
        if prev is not None and o.offer.get("lat") is not None:
            dist = _effective(
                haversine_km(prev[0], prev[1], o.offer["lat"], o.offer["lon"]),
                o.actor.get("boarding_places"),
            )
        elif prev is not None:
            dist = 1e6
        return (
            not o.in_territory,
            o.offer["status"] != "open",
            dist,
            o.offer.get("capacity") is None,
            o.actor["name"],
        )

    @staticmethod
    def _figure_sentence(i: int, leg: dict[str, Any]) -> str:
        bits = []
        if leg.get("rate") is not None:
            bits.append(f"taux de passage connu {leg['rate']:.0%}")
        if leg.get("entrant_share") is not None:
            bits.append(f"{leg['entrant_share']:.0%} des entrants viennent de l'étape précédente")
        if leg.get("reserved_share") is not None:
            bits.append(f"{leg['reserved_share']:.0%} des places réservées")
        return f"Étape {i} : passerelle {leg.get('passerelle_id')} — {', '.join(bits)}."

    # -- no answer --------------------------------------------------------------------------
    def _why_none(self) -> str:
        q = self.q
        unrestricted = self._expand(restrict=False)
        if not unrestricted:
            return (
                f"Aucune passerelle connue ne mène de {q.start_label} à {_goal_label(q)} "
                f"en {q.max_steps} étapes au plus."
            )
        # find the first step, along the shortest unrestricted pathways, with no offer inside
        offers = self._offers({d["code"] for r in unrestricted for d in r["diplomas"][1:]})
        missing: dict[str, dict[str, Any]] = {}
        for r in sorted(unrestricted, key=lambda r: len(r["diplomas"])):
            for d in r["diplomas"][1:]:
                if not any(o.in_territory for o in offers.get(d["code"], [])):
                    missing.setdefault(d["code"], d)
                    break
        if not missing:
            return f"Aucun parcours dans {q.territory.describe()} avec ces contraintes."
        parts = []
        for code, d in list(missing.items())[:3]:
            nearest = self._nearest(offers.get(code, []))
            where = f" ; le plus proche : {nearest}" if nearest else " ; aucune offre connue"
            parts.append(
                f"aucune offre de {d['name']} ({code}) dans {q.territory.describe()}{where}"
            )
        return "Pas de parcours : " + " ; ".join(parts) + "."

    def _nearest(self, offers: list[_Offer]) -> str | None:
        t = self.q.territory
        ref = t.near or self.q.home
        located = [o for o in offers if o.offer.get("lat") is not None]
        if not located:
            return None
        if ref is None:
            o = sorted(located, key=lambda o: o.actor["name"])[0]
            return f"{o.actor['name']} ({o.offer.get('commune')}, {o.offer.get('departement')})"
        o = min(
            located, key=lambda o: haversine_km(ref.lat, ref.lon, o.offer["lat"], o.offer["lon"])
        )
        km = haversine_km(ref.lat, ref.lon, o.offer["lat"], o.offer["lon"])
        return (
            f"{o.actor['name']} ({o.offer.get('commune')}, {o.offer.get('departement')}), "
            f"à {_fmt_km(km)}"
        )


def find_pathways(store: GraphStore, query: PathwayQuery) -> PathwayAnswer:
    return PathwayFinder(store, query).run()


def resolve_start(
    store: GraphStore, *, code: str | None, level: int | None, sector: str | None
) -> tuple[list[str], str]:
    """Start codes and a label; unknown code -> NotFound with close matches."""
    if code:
        found = pathway_data(store).diplomas(store, [code])
        if code not in found:
            raise NotFound("diploma", code, suggest_diplomas(store, code))
        return [code], f"{found[code]['name']} ({code})"
    assert level is not None
    codes = [r["code"] for r in store.read("diplomas_by_level_sector", level=level, sector=sector)]
    label = f"niveau {level}" + (f", secteur {sector}" if sector else "")
    return codes, label
