"""Missing links for campus and cluster managers: one report, six sections.

Each finding names the nodes involved, says in one French sentence why it matters, and cites
the data behind it. Offers, sectors and actors are read with a few named queries; the grouping
is done here, and the network analytics (link prediction, centrality, bridges) by the pure
functions of graph.analytics.link_analysis.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field

from graph.analytics.link_analysis import brokers, fragile_links, suggest_links
from graph.answer_cache import cached_answer
from graph.geo import haversine_km
from graph.models import SCHOOL_KINDS, ActorKind
from graph.pathways import Territory, bbox_params
from graph.store import GraphStore

LEVELS = (3, 4, 5, 6, 7)
LEVEL_NAMES = {3: "CAP (3)", 4: "Bac (4)", 5: "Bac+2 (5)", 6: "Bac+3 (6)", 7: "Bac+5 (7)"}
SCHOOLS = {k.value for k in SCHOOL_KINDS}
RESEARCH = {ActorKind.RESEARCH_LAB.value, ActorKind.RESEARCH_BODY.value}
COMPANY = ActorKind.COMPANY.value
ECONOMIC = {COMPANY, ActorKind.CLUSTER.value, ActorKind.COMPETITIVENESS_POLE.value}
# Link prediction favours the pairs a campus manager acts on first.
PAIR_WEIGHTS = {
    "economic-school": 1.5,
    "school-research": 1.2,
    "economic-research": 1.0,
    "school-continuation": 0.3,
}
PAIR_LABELS = {
    "economic-school": "Monde économique et formation",
    "school-research": "Formation et recherche",
    "economic-research": "Monde économique et recherche",
    "school-continuation": "Deux établissements qui se suivent dans un parcours",
}
SUGGESTION_RADIUS_KM = 120.0

SECTIONS: dict[str, tuple[str, str]] = {
    "continuum_breaks": (
        "Ruptures du continuum",
        "Par filière, les niveaux 3 à 7 proposés, en projet et absents sur le territoire.",
    ),
    "dead_ends": (
        "Impasses",
        "Formations dont toutes les passerelles mènent à des diplômes absents du territoire.",
    ),
    "unmet_demand": (
        "Besoins d'emploi non couverts",
        "Métiers et filières avec des besoins recensés et pas ou trop peu de formation locale.",
    ),
    "isolated_actors": (
        "Acteurs isolés",
        "Entreprises sans école partenaire, écoles et plateformes sans entreprise partenaire, "
        "acteurs sans rôle dans le campus.",
    ),
    "suggested_partnerships": (
        "Partenariats suggérés",
        "Paires d'acteurs à rapprocher, par prédiction de liens (allocation de ressources) sur "
        "le graphe acteurs–filières–diplômes–plateformes, limitée par la distance.",
    ),
    "brokers": (
        "Acteurs pivots et liens fragiles",
        "Acteurs les plus centraux (intermédiarité), liens et acteurs dont la perte couperait "
        "le réseau.",
    ),
}


class NodeRef(BaseModel):
    type: str = Field(description="actor, platform, diploma, sector or campus")
    key: str
    name: str


class Finding(BaseModel):
    id: str
    title: str
    why: str
    severity: str = Field(description="high, medium or low")
    nodes: list[NodeRef]
    data: dict[str, Any] = {}
    sources: list[str] = []


class Section(BaseModel):
    id: str
    title: str
    description: str
    findings: list[Finding]


class GapReport(BaseModel):
    territory: str
    sector: str | None = None
    counts: dict[str, int]
    sections: list[Section]


@dataclass
class _Data:
    offers: list[dict[str, Any]]
    legs: list[dict[str, Any]]
    sectors: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    inside_ids: set[str] = field(default_factory=set)


def offer_params(t: Territory) -> dict[str, Any]:
    """The territory parameters of ``gaps_offers`` (an empty Territory: every offer)."""
    restrict = bool(t.campus or t.departements or t.region or (t.near and t.radius_km))
    return {
        "restrict": restrict,
        "departements": t.departements,
        "region": t.region,
        "campus": t.campus,
        **bbox_params(t),
    }


def _actor_in(a: dict[str, Any], t: Territory) -> bool:
    if t.campus and t.campus not in (a.get("campuses") or []):
        return False
    if t.departements and a.get("departement") not in t.departements:
        return False
    if t.near and t.radius_km:
        if a.get("lat") is None:
            return False
        return haversine_km(t.near.lat, t.near.lon, a["lat"], a["lon"]) <= t.radius_km
    return True


def _offer_in(row: dict[str, Any], t: Territory) -> bool:
    o, a = row["offer"], row["actor"]
    if t.campus and not (o.get("campus") == t.campus or t.campus in (a.get("campuses") or [])):
        return False
    if t.departements and o.get("departement") not in t.departements:
        return False
    if t.region and o.get("region_code") != t.region:
        return False
    if t.near and t.radius_km:
        if o.get("lat") is None:
            return False
        return haversine_km(t.near.lat, t.near.lon, o["lat"], o["lon"]) <= t.radius_km
    return True


def _actor_ref(a: dict[str, Any]) -> NodeRef:
    return NodeRef(type="actor", key=a["id"], name=a["name"])


def _levels_text(levels: list[int]) -> str:
    return ", ".join(LEVEL_NAMES[lv] for lv in levels) if levels else "aucun"


class GapAnalysis:
    def __init__(
        self, store: GraphStore, territory: Territory, sector: str | None = None, *, limit: int = 50
    ) -> None:
        self.store = store
        self.t = territory
        self.sector = sector
        self.limit = limit

    def _territory_params(self) -> dict[str, Any]:
        return offer_params(self.t)

    def _load(self) -> _Data:
        s = self.store
        # the territory's offers, and the legs leaving what they offer: reading every offer
        # and leg of the country dominated the report at national size (bench/gaps.py)
        offers = s.read("gaps_offers", codes=None, **self._territory_params())
        restricted = self._territory_params()["restrict"]
        codes = sorted({r["diploma"]["code"] for r in offers}) if restricted else None
        # Rows come in the engine's order, which differs between FalkorDB and Neo4j: sorted,
        # the report is the same on both (tests/integration/test_across_engines.py).
        data = _Data(
            offers=sorted(offers, key=_offer_row_order),
            legs=_sorted_by(s.read("gaps_leads_to", codes=codes), "source", "target", "passerelle"),
            sectors=sorted(s.read("gaps_sectors"), key=lambda r: str(r["sector"]["id"])),
            actors=_sorted_by(s.read("gaps_actors"), "label", "id"),
            edges=_sorted_by(
                s.read("gaps_edges"), "source_label", "source", "type", "target_label", "target"
            ),
            agreements=_sorted_by(s.read("gaps_agreements"), "passerelle"),
        )
        data.inside_ids = {a["id"] for a in data.actors if _actor_in(a, self.t)}
        return data

    def run(self) -> GapReport:
        d = self._load()
        self._sector_names = {s["sector"]["id"]: s["sector"]["name"] for s in d.sectors}
        inside = [r for r in d.offers if _offer_in(r, self.t)]
        if self.sector:
            inside_for_sector = [r for r in inside if self.sector in r["sectors"]]
        else:
            inside_for_sector = inside
        builders = {
            "continuum_breaks": lambda: self._continuum(inside_for_sector, d),
            "dead_ends": lambda: self._dead_ends(inside_for_sector, d),
            "unmet_demand": lambda: self._unmet(inside, d),
            "isolated_actors": lambda: self._isolated(d),
            "suggested_partnerships": lambda: self._suggestions(d),
            "brokers": lambda: self._brokers(d),
        }
        sections = []
        for sid, build in builders.items():
            title, description = SECTIONS[sid]
            findings = build()[: self.limit]
            sections.append(
                Section(id=sid, title=title, description=description, findings=findings)
            )
        return GapReport(
            territory=self.t.describe(),
            sector=self.sector,
            counts={s.id: len(s.findings) for s in sections},
            sections=sections,
        )

    # -- 1. continuum ----------------------------------------------------------------------
    def _continuum(self, inside: list[dict[str, Any]], d: _Data) -> list[Finding]:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        kinds = {s["sector"]["id"]: s["sector"]["kind"] for s in d.sectors}
        for r in inside:
            groups["*"].append(r)
            for sid in r["sectors"]:
                if kinds.get(sid) == "filiere":
                    groups[sid].append(r)
        out = []
        for gid, rows in groups.items():
            if self.sector and gid not in ("*", self.sector):
                continue
            open_levels = sorted(
                {
                    r["diploma"]["level"]
                    for r in rows
                    if r["offer"]["status"] == "open" and r["diploma"]["level"] in LEVELS
                }
            )
            planned_rows = [r for r in rows if r["offer"]["status"] == "planned"]
            planned_levels = sorted(
                {r["diploma"]["level"] for r in planned_rows if r["diploma"]["level"] in LEVELS}
                - set(open_levels)
            )
            missing = [lv for lv in LEVELS if lv not in open_levels and lv not in planned_levels]
            if not missing and not planned_rows:
                continue
            name = "toutes filières" if gid == "*" else self._sector_names.get(gid, gid)
            inner = [lv for lv in missing if open_levels and open_levels[0] < lv < open_levels[-1]]
            severity = "high" if inner else ("medium" if missing else "low")
            parts = [f"Niveaux proposés : {_levels_text(open_levels)}"]
            if planned_levels or planned_rows:
                planned_desc = "; ".join(
                    sorted({f"{r['diploma']['name']} ({r['actor']['name']})" for r in planned_rows})
                )
                parts.append(f"en projet : {planned_desc}")
            if missing:
                parts.append(f"absents : {_levels_text(missing)}")
            why = ". ".join(parts) + "."
            if inner:
                why += (
                    f" La rupture au niveau {', '.join(map(str, inner))} oblige les apprenants "
                    "à quitter le territoire pour poursuivre."
                )
            nodes = [] if gid == "*" else [NodeRef(type="sector", key=gid, name=name)]
            nodes += [
                NodeRef(type="diploma", key=r["diploma"]["code"], name=r["diploma"]["name"])
                for r in planned_rows
            ]
            nodes += [_actor_ref(r["actor"]) for r in planned_rows]
            out.append(
                Finding(
                    id=f"continuum:{gid}",
                    title=f"Continuum {name}",
                    why=why,
                    severity=severity,
                    nodes=_dedupe(nodes),
                    data={
                        "group": gid,
                        "levels_offered": open_levels,
                        "levels_planned": planned_levels,
                        "levels_missing": missing,
                        "planned_offers": [
                            {
                                "diploma": r["diploma"]["code"],
                                "actor": r["actor"]["id"],
                                "commune": r["offer"].get("commune"),
                            }
                            for r in planned_rows
                        ],
                        "offers": len(rows),
                    },
                    sources=sorted(
                        {r["offer"]["source"] for r in planned_rows if r["offer"].get("source")}
                    ),
                )
            )
        rank = {"high": 0, "medium": 1, "low": 2}
        out.sort(key=lambda f: (f.id != "continuum:*", rank[f.severity], f.title))
        return out

    # -- 2. dead ends ----------------------------------------------------------------------
    def _dead_ends(self, inside: list[dict[str, Any]], d: _Data) -> list[Finding]:
        nexts: dict[str, set[str]] = defaultdict(set)
        for leg in d.legs:
            nexts[leg["source"]].add(leg["target"])
        offered_inside = {r["diploma"]["code"] for r in inside}
        # only the next steps of actual dead ends are looked for outside the territory
        targets = sorted(
            {
                c
                for r in inside
                for c in nexts.get(r["diploma"]["code"], ())
                if not nexts[r["diploma"]["code"]] & offered_inside
            }
        )
        all_offers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        outside_rows = (
            self.store.read("gaps_offers", codes=targets, **offer_params(Territory()))
            if targets
            else []
        )
        for r in outside_rows:
            all_offers[r["diploma"]["code"]].append(r)
        out = []
        seen: set[tuple[str, str]] = set()
        for r in inside:
            code = r["diploma"]["code"]
            targets = nexts.get(code, set())
            if not targets or targets & offered_inside:
                continue
            key = (r["actor"]["id"], code)
            if key in seen:
                continue
            seen.add(key)
            nearest = self._nearest_outside(r, targets, all_offers)
            where = (
                f" La suite la plus proche : {nearest['diploma_name']} à {nearest['actor']} "
                f"({nearest['commune']}), à {nearest['km']:.0f} km."
                if nearest
                else " Aucune offre de la suite n'est connue ailleurs."
            )
            out.append(
                Finding(
                    id=f"dead_end:{r['actor']['id']}:{code}",
                    title=f"{r['diploma']['name']} — {r['actor']['name']}",
                    why=(
                        f"Toutes les passerelles connues depuis ce diplôme ({len(targets)}) mènent "
                        f"à des formations absentes du territoire.{where}"
                    ),
                    severity="medium" if nearest else "high",
                    nodes=[
                        _actor_ref(r["actor"]),
                        NodeRef(type="diploma", key=code, name=r["diploma"]["name"]),
                    ],
                    data={
                        "diploma": code,
                        "actor": r["actor"]["id"],
                        "next_diplomas": sorted(targets),
                        "nearest_outside": nearest,
                    },
                    sources=[r["offer"]["source"]] if r["offer"].get("source") else [],
                )
            )
        out.sort(key=lambda f: (f.severity != "high", f.title))
        return out

    def _nearest_outside(
        self, r: dict[str, Any], targets: set[str], all_offers: dict[str, list[dict[str, Any]]]
    ) -> dict[str, Any] | None:
        o = r["offer"]
        best = None
        for code in targets:
            for x in all_offers.get(code, []):
                xo = x["offer"]
                if xo.get("lat") is None or o.get("lat") is None:
                    continue
                km = haversine_km(o["lat"], o["lon"], xo["lat"], xo["lon"])
                if best is None or km < best["km"]:
                    best = {
                        "diploma": code,
                        "diploma_name": x["diploma"]["name"],
                        "actor_id": x["actor"]["id"],
                        "actor": x["actor"]["name"],
                        "commune": xo.get("commune"),
                        "departement": xo.get("departement"),
                        "km": round(km, 1),
                    }
        return best

    # -- 3. unmet demand -------------------------------------------------------------------
    def _unmet(self, inside: list[dict[str, Any]], d: _Data) -> list[Finding]:
        by_sector: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in inside:
            for sid in r["sectors"]:
                by_sector[sid].append(r)
        out = []
        for row in d.sectors:
            s = row["sector"]
            sid = s["id"]
            if self.sector and sid != self.sector:
                continue
            campuses = set(row["campuses"])
            if self.t.campus and self.t.campus not in campuses:
                continue
            demand = [
                x
                for x in row["demand"]
                if x is not None and (not self.t.campus or x["campus"] == self.t.campus)
            ]
            training = by_sector.get(sid, [])
            open_training = [r for r in training if r["offer"]["status"] == "open"]
            capacity_known = [
                r["offer"]["capacity"]
                for r in open_training
                if r["offer"].get("capacity") is not None
            ]
            capacity = sum(capacity_known) if capacity_known else None
            latest = max(demand, key=lambda x: x["period"]) if demand else None
            ref = NodeRef(type="sector", key=sid, name=s["name"])
            if latest is not None:
                gap = latest["count"] - capacity if capacity is not None else None
                if gap is not None and gap <= 0:
                    why = (
                        f"{latest['count']} recrutements recensés ({latest['period']}) pour "
                        f"{capacity} places de formation connues sur le territoire : besoin "
                        "couvert en nombre, à surveiller (tous les diplômés ne restent pas)."
                    )
                    severity = "low"
                elif not open_training:
                    why = (
                        f"{latest['count']} recrutements recensés ({latest['period']}) et aucune "
                        "formation locale qui y prépare."
                    )
                    severity = "high"
                elif capacity is None:
                    why = (
                        f"{latest['count']} recrutements recensés ({latest['period']}) pour "
                        f"{len(open_training)} offre(s) locale(s) dont la capacité n'est pas "
                        "connue."
                    )
                    severity = "low"
                else:
                    why = (
                        f"{latest['count']} recrutements recensés ({latest['period']}) pour "
                        f"{capacity} places de formation connues sur le territoire "
                        f"(écart : {gap})."
                    )
                    if len(capacity_known) < len(open_training):
                        why += (
                            f" Capacité connue pour {len(capacity_known)} offre(s) sur "
                            f"{len(open_training)}."
                        )
                    severity = "high" if gap > latest["count"] / 2 else "medium"
                out.append(
                    Finding(
                        id=f"demand:{sid}",
                        title=s["name"],
                        why=why,
                        severity=severity,
                        nodes=[ref, *_dedupe([_actor_ref(r["actor"]) for r in open_training])],
                        data={
                            "sector": sid,
                            "rome": s.get("rome") or [],
                            "period": latest["period"],
                            "demand": latest["count"],
                            "capacity": capacity,
                            "gap": gap,
                            "offers": len(open_training),
                            "capacity_known_for": len(capacity_known),
                            "diplomas": sorted({r["diploma"]["code"] for r in open_training}),
                            "history": sorted(
                                ({"period": x["period"], "count": x["count"]} for x in demand),
                                key=lambda x: x["period"],
                            ),
                        },
                        sources=sorted(
                            {latest["source"]}
                            | {
                                r["offer"]["source"]
                                for r in open_training
                                if r["offer"].get("source")
                            }
                        )[:10],
                    )
                )
            elif (
                s.get("kind") == "filiere"
                and campuses
                and not open_training
                and (s.get("local_training_note") or not self.sector)
            ):
                note = s.get("local_training_note")
                out.append(
                    Finding(
                        id=f"demand:{sid}",
                        title=s["name"],
                        why=(
                            "Filière du campus sans aucune formation locale recensée."
                            + (f" {note}" if note else "")
                        ),
                        severity="medium" if note else "low",
                        nodes=[ref],
                        data={
                            "sector": sid,
                            "rome": s.get("rome") or [],
                            "demand": None,
                            "capacity": None,
                            "offers": 0,
                            "note": note,
                        },
                        sources=[s["source"]] if s.get("source") else [],
                    )
                )
        rank = {"high": 0, "medium": 1, "low": 2}
        out.sort(key=lambda f: (rank[f.severity], -(f.data.get("gap") or 0), f.title))
        return out

    # -- 4. isolated actors ----------------------------------------------------------------
    def _isolated(self, d: _Data) -> list[Finding]:
        kind_of = {a["id"]: a["kind"] for a in d.actors}
        label_of = {a["id"]: a["label"] for a in d.actors}
        partners: dict[str, set[str]] = defaultdict(set)
        hosted_by: dict[str, set[str]] = defaultdict(set)
        for e in d.edges:
            if e["type"] == "PARTNERS_WITH":
                partners[e["source"]].add(e["target"])
                partners[e["target"]].add(e["source"])
            elif e["type"] == "HOSTS":
                hosted_by[e["target"]].add(e["source"])
        for ag in d.agreements:
            for a in ag["parties"]:
                partners[a].update(x for x in ag["parties"] if x != a)
        out = []
        for a in d.actors:
            if a["id"] not in d.inside_ids:
                continue
            kind = a["kind"]
            linked_kinds = {kind_of.get(p) for p in partners[a["id"]]}
            ref = NodeRef(type=a["label"].lower(), key=a["id"], name=a["name"])
            sources = [a["source"]] if a.get("source") else []
            if a["label"] == "Platform":
                hosts = hosted_by[a["id"]]
                host_partners = {kind_of.get(p) for h in hosts for p in partners[h]}
                if COMPANY not in host_partners:
                    out.append(
                        Finding(
                            id=f"isolated:{a['id']}:platform",
                            title=a["name"],
                            why=(
                                "Plateforme sans entreprise partenaire recensée"
                                + (
                                    " (ni elle ni son établissement d'accueil)."
                                    if hosts
                                    else " et sans établissement d'accueil connu."
                                )
                            ),
                            severity="medium",
                            nodes=[ref],
                            data={
                                "reason": "platform_without_company",
                                "kind": kind,
                                "hosts": sorted(hosts),
                            },
                            sources=sources,
                        )
                    )
                continue
            if kind == COMPANY and not linked_kinds & SCHOOLS:
                out.append(
                    Finding(
                        id=f"isolated:{a['id']}:company",
                        title=a["name"],
                        why="Entreprise sans établissement de formation partenaire recensé.",
                        severity="high",
                        nodes=[ref],
                        data={
                            "reason": "company_without_school",
                            "kind": kind,
                            "partners": sorted(partners[a["id"]]),
                        },
                        sources=sources,
                    )
                )
            elif kind in SCHOOLS and COMPANY not in linked_kinds:
                out.append(
                    Finding(
                        id=f"isolated:{a['id']}:school",
                        title=a["name"],
                        why=(
                            "Établissement de formation sans entreprise partenaire recensée : "
                            "stages, apprentissage et projets reposent sur des liens non décrits."
                        ),
                        severity="medium",
                        nodes=[ref],
                        data={
                            "reason": "school_without_company",
                            "kind": kind,
                            "partners": sorted(partners[a["id"]]),
                        },
                        sources=sources,
                    )
                )
            if (
                self.t.campus
                and self.t.campus not in (a.get("roles") or [])
                and label_of.get(a["id"]) == "Actor"
            ):
                out.append(
                    Finding(
                        id=f"isolated:{a['id']}:role",
                        title=a["name"],
                        why="Acteur cité par le campus mais sans rôle dans son réseau.",
                        severity="low",
                        nodes=[ref],
                        data={"reason": "no_campus_role", "kind": kind},
                        sources=sources,
                    )
                )
        rank = {"high": 0, "medium": 1, "low": 2}
        out.sort(key=lambda f: (rank[f.severity], f.title))
        return out

    # -- 5. suggested partnerships ---------------------------------------------------------
    def _graph(self, d: _Data) -> nx.Graph:
        """Actors, platforms, sectors and diplomas. A school is linked to the sectors of the
        diplomas it offers rather than to the diplomas themselves: two schools offering the same
        diploma are competitors, not partners to introduce, while a school and a company meet on
        the filière they share."""
        G = nx.Graph()
        kept = {"PARTNERS_WITH", "HOSTS", "PART_OF", "WORKS_ON", "TRAINS_FOR"}
        for e in d.edges:
            if e["type"] in kept:
                G.add_edge(
                    f"{e['source_label']}:{e['source']}",
                    f"{e['target_label']}:{e['target']}",
                    type=e["type"],
                )
        for r in d.offers:
            for sid in r["sectors"]:
                G.add_edge(f"Actor:{r['actor']['id']}", f"Sector:{sid}", type="OFFERS_IN")
        return G

    def _suggestions(self, d: _Data) -> list[Finding]:
        G = self._graph(d)
        info = {f"{a['label']}:{a['id']}": a for a in d.actors}
        candidates = [
            n
            for n, a in info.items()
            if a["id"] in d.inside_ids
            and a["label"] == "Actor"
            and a["kind"] in SCHOOLS | RESEARCH | ECONOMIC
        ]
        partnered = {
            frozenset((e["source"], e["target"])) for e in d.edges if e["type"] == "PARTNERS_WITH"
        }
        levels: dict[str, set[int]] = defaultdict(set)
        offered: dict[str, set[str]] = defaultdict(set)
        for r in d.offers:
            offered[r["actor"]["id"]].add(r["diploma"]["code"])
            if r["diploma"].get("level"):
                levels[r["actor"]["id"]].add(r["diploma"]["level"])
        nexts: dict[str, set[str]] = defaultdict(set)
        for leg in d.legs:
            nexts[leg["source"]].add(leg["target"])

        def continues(x: str, y: str) -> bool:
            """Some diploma of x leads to a diploma that y offers and x does not."""
            return any((nexts[c] & offered[y]) - offered[x] for c in offered[x])

        def pair_type(a: dict[str, Any], b: dict[str, Any]) -> str:
            ka, kb = a["kind"], b["kind"]
            for one, other in ((ka, kb), (kb, ka)):
                if one in ECONOMIC and other in SCHOOLS:
                    return "economic-school"
                if one in SCHOOLS and other in RESEARCH:
                    return "school-research"
                if one in ECONOMIC and other in RESEARCH:
                    return "economic-research"
            if (
                ka in SCHOOLS
                and kb in SCHOOLS
                and (continues(a["id"], b["id"]) or continues(b["id"], a["id"]))
            ):
                return "school-continuation"
            return ""

        def exclude(x: str, y: str) -> bool:
            a, b = info[x], info[y]
            if frozenset((a["id"], b["id"])) in partnered or not pair_type(a, b):
                return True
            if None not in (a.get("lat"), b.get("lat")):
                km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
                # two schools on one site are usually one cité scolaire (LGT + LP)
                same_site = km < 1.0 and a["kind"] in SCHOOLS and b["kind"] in SCHOOLS
                return km > SUGGESTION_RADIUS_KM or same_site
            return False

        names = {
            **{f"{a['label']}:{a['id']}": a["name"] for a in d.actors},
            **{f"Sector:{x['sector']['id']}": x["sector"]["name"] for x in d.sectors},
            **{f"Diploma:{r['diploma']['code']}": r["diploma"]["name"] for r in d.offers},
        }
        ranked = suggest_links(
            G,
            candidates=candidates,
            exclude=exclude,
            limit=self.limit * 4,
            weight=lambda x, y: PAIR_WEIGHTS[pair_type(info[x], info[y])],
        )
        # a suggestion must rest on something the pair does: a filière or a platform in common
        ranked = [
            s for s in ranked if any(z.startswith(("Sector:", "Platform:")) for z in s.shared)
        ][: self.limit]
        out = []
        for s in ranked:
            a, b = info[s.a], info[s.b]
            kind = pair_type(a, b)
            shared_names = [names.get(z, z.partition(":")[2]) for z in s.shared]
            km = (
                haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
                if None not in (a.get("lat"), b.get("lat"))
                else None
            )
            la, lb = sorted(levels[a["id"]]), sorted(levels[b["id"]])
            bits = [f"points communs : {', '.join(shared_names[:4])}"]
            if kind == "school-continuation":
                bits.append("l'un forme au niveau suivant de l'autre (passerelle)")
            elif la and lb and la != lb:
                bits.append(f"niveaux complémentaires ({_levels_text(la)} / {_levels_text(lb)})")
            if km is not None:
                bits.append(f"{km:.0f} km")
            out.append(
                Finding(
                    id=f"suggest:{a['id']}:{b['id']}",
                    title=f"{a['name']} ↔ {b['name']}",
                    why=(
                        f"{PAIR_LABELS[kind]} sans partenariat recensé alors que {'; '.join(bits)}."
                    ),
                    severity="medium" if s.score >= 0.25 else "low",
                    nodes=[_actor_ref(a), _actor_ref(b)],
                    data={
                        "a": a["id"],
                        "b": b["id"],
                        "score": round(s.score, 3),
                        "method": "resource_allocation",
                        "pair": kind,
                        "shared": list(s.shared),
                        "distance_km": None if km is None else round(km, 1),
                        "levels_a": la,
                        "levels_b": lb,
                    },
                    sources=[x for x in (a.get("source"), b.get("source")) if x],
                )
            )
        return out

    # -- 6. brokers and fragile links ------------------------------------------------------
    def _brokers(self, d: _Data) -> list[Finding]:
        info = {a["id"]: a for a in d.actors}
        G = nx.Graph()
        for e in d.edges:
            if (
                e["type"] in ("PARTNERS_WITH", "HOSTS", "PART_OF")
                and e["source"] in d.inside_ids
                and e["target"] in d.inside_ids
            ):
                G.add_edge(e["source"], e["target"])
        for ag in d.agreements:
            parties = [p for p in ag["parties"] if p in d.inside_ids]
            for i, a in enumerate(parties):
                for b in parties[i + 1 :]:
                    G.add_edge(a, b)
        out = []
        for node, value in brokers(G, top=10):
            a = info[node]
            out.append(
                Finding(
                    id=f"broker:{node}",
                    title=a["name"],
                    why=(
                        f"Acteur pivot : il est sur {value:.0%} des plus courts chemins entre "
                        "acteurs du réseau ; sa perte ou sa surcharge isolerait des partenaires."
                    ),
                    severity="medium" if value >= 0.2 else "low",
                    nodes=[NodeRef(type=a["label"].lower(), key=node, name=a["name"])],
                    data={
                        "kind": "broker",
                        "betweenness": round(value, 3),
                        "degree": G.degree(node),
                    },
                    sources=[a["source"]] if a.get("source") else [],
                )
            )
        bridges, cuts = fragile_links(G)
        for u, v, n in bridges[:10]:
            out.append(
                Finding(
                    id=f"bridge:{u}:{v}",
                    title=f"{info[u]['name']} — {info[v]['name']}",
                    why=(
                        f"Lien fragile : c'est le seul chemin entre ces deux parties du réseau ; "
                        f"le perdre couperait {n} acteur(s) du reste."
                    ),
                    severity="medium" if n > 1 else "low",
                    nodes=[
                        NodeRef(type=info[x]["label"].lower(), key=x, name=info[x]["name"])
                        for x in (u, v)
                    ],
                    data={"kind": "bridge", "cut_off": n},
                )
            )
        for x, n in cuts[:10]:
            out.append(
                Finding(
                    id=f"cut:{x}",
                    title=info[x]["name"],
                    why=(
                        f"Point d'articulation : sans cet acteur, {n} acteur(s) seraient coupés "
                        "du reste du réseau."
                    ),
                    severity="medium" if n > 1 else "low",
                    nodes=[NodeRef(type=info[x]["label"].lower(), key=x, name=info[x]["name"])],
                    data={"kind": "articulation_point", "cut_off": n},
                )
            )
        return out


def _sorted_by(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: tuple(str(r.get(k) or "") for k in keys))


def _offer_row_order(r: dict[str, Any]) -> tuple[str, ...]:
    o = r["offer"]
    return tuple(
        str(v if v is not None else "")
        for v in (
            r["actor"]["id"],
            r["diploma"]["code"],
            o.get("modality"),
            o.get("site"),
            o.get("year"),
            o.get("source"),
        )
    )


def _dedupe(nodes: list[NodeRef]) -> list[NodeRef]:
    seen: set[tuple[str, str]] = set()
    out = []
    for n in nodes:
        if (n.type, n.key) not in seen:
            seen.add((n.type, n.key))
            out.append(n)
    return out


def gap_report(
    store: GraphStore,
    territory: Territory,
    sector: str | None = None,
    *,
    limit: int = 50,
    cached: bool = True,
) -> GapReport:
    """The gap report of a territory; kept for the graph's version (graph/answer_cache.py)
    unless ``cached`` is False. The report returned may be shared: do not modify it."""

    def compute() -> GapReport:
        return GapAnalysis(store, territory, sector, limit=limit).run()

    if not cached:
        return compute()
    key = ("gaps", territory.model_dump_json(), sector, limit)
    return cached_answer(store, key, compute)


def report_csv(report: GapReport, section: str) -> str:
    """One section as CSV (one row per finding), for spreadsheets."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(["id", "titre", "gravite", "pourquoi", "noeuds", "donnees", "sources"])
    sec = next(s for s in report.sections if s.id == section)
    for f in sec.findings:
        w.writerow(
            [
                f.id,
                f.title,
                f.severity,
                f.why,
                " | ".join(f"{n.type}:{n.key} ({n.name})" for n in f.nodes),
                json.dumps(f.data, ensure_ascii=False, sort_keys=True),
                " | ".join(f.sources),
            ]
        )
    return buf.getvalue()
