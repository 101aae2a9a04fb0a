"""Turn a validated SeedSet into write statements, applied all at once.

The load is a sync, idempotent by construction: seed relationships (``origin = 'seed'``) are
deleted and recreated, seed nodes are MERGEd on their ids, and seed nodes whose record left the
files are removed. The same files therefore always give the same graph, and data written by
imports (``origin`` other than seed) is left alone. Everything runs through
``GraphStore.write_atomic``: all of it lands, or none of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.diploma_names import is_common_year
from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.evidence import title_words
from graph.inference.records import leg_props, passerelle_props, source_of
from graph.inference.rules import programme_territory
from graph.ingest.seeds import SeedSet
from graph.models import (
    CampusFigure,
    CampusRecord,
    Fact,
    Label,
    PasserelleRecord,
    PasserelleScope,
    SiteRecord,
)
from graph.passerelles import documented_leg, documented_props
from graph.store import GraphStore, Statement
from graph.text import normalise

BATCH = 2_000
SEED = {"origin": "seed"}


@dataclass
class LoadSummary:
    files: int
    nodes: dict[str, int]
    relationships: dict[str, int]


def _facts(facts: Iterable[Fact]) -> str | None:
    items = [f.model_dump() for f in facts]
    return json.dumps(items, ensure_ascii=False) if items else None


def _figures(figures: Iterable[CampusFigure]) -> str | None:
    items = [f.model_dump(mode="json", exclude_defaults=True) for f in figures]
    return json.dumps(items, ensure_ascii=False) if items else None


def passerelle_scope(pa: PasserelleRecord, campus: CampusRecord | None) -> dict[str, Any]:
    """Where a documented passerelle holds, as flat properties of its node and of each of its
    LEADS_TO legs, so that the pathway search tests a leg without another read: the
    establishments (`scope_actors`) or départements (`scope_departements`) it holds in; a
    campus scope holds in the campus's départements and at its member establishments."""
    scope = pa.scope.value
    actors: list[str] = []
    departements: list[str] = []
    if pa.scope == PasserelleScope.ACTORS:
        actors = list(pa.parties)
    elif pa.scope == PasserelleScope.TERRITORY:
        departements = list(pa.departements)
    elif pa.scope == PasserelleScope.CAMPUS and campus is not None:
        departements = list(campus.departements)
        actors = list(pa.parties)
    return {"scope": scope, "scope_actors": actors, "scope_departements": departements}


def _field_sources(rec: Any) -> str | None:
    return json.dumps(rec.field_sources, ensure_ascii=False) if rec.field_sources else None


def _node(label: Label, key: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "props": {**props, "seed": True, "seed_key": f"{label.value}:{key}"}}


def _site_geo(site: SiteRecord | None) -> dict[str, Any]:
    if site is None:
        return {
            "insee": None,
            "departement": None,
            "region_code": None,
            "lat": None,
            "lon": None,
            "commune": None,
        }
    return {
        "insee": site.insee,
        "departement": site.departement,
        "region_code": site.region_code,
        "lat": site.lat,
        "lon": site.lon,
        "commune": site.name,
    }


def _chunks_keyed(name: str, param: str, values: list[str]) -> Iterator[Statement]:
    for i in range(0, len(values), BATCH):
        yield Statement(name, {param: values[i : i + BATCH]})


def _chunks(name: str, rows: list[dict[str, Any]]) -> Iterator[Statement]:
    for i in range(0, len(rows), BATCH):
        yield Statement(name, {"rows": rows[i : i + BATCH]})


def build_statements(
    seeds: SeedSet, *, existing_seed_keys: set[str] | None = None
) -> tuple[list[Statement], LoadSummary]:
    """All statements of a seed load, in dependency order, plus what they will write.

    ``existing_seed_keys`` (the ``seed_key`` of the seed nodes already in the graph) lets the
    load delete the records that left the files; the difference is computed here, because
    ``NOT n.seed_key IN $keep`` over tens of thousands of keys is quadratic in the engine.
    """
    nodes: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in ("sites", "sectors", "campuses", "actors", "diplomas", "platforms", "passerelles")
    }
    rels: dict[str, list[dict[str, Any]]] = {}

    def rel(rel_name: str, a: str, b: str, /, **props: Any) -> None:
        rels.setdefault(rel_name, []).append({"a": a, "b": b, "props": {**props, **SEED}})

    places = seed_places(seeds)
    campuses_of: dict[str, list[str]] = {}
    for sf in seeds.files.values():
        for key in [
            *(a.id for a in sf.actors),
            *(p.id for p in sf.platforms),
            *(d.code for d in sf.diplomas),
        ]:
            if sf.campus is not None:
                campuses_of.setdefault(key, []).append(sf.campus.id)

    for s in seeds.sites.values():
        nodes["sites"].append(
            _node(
                Label.SITE,
                s.insee,
                {
                    "name": s.name,
                    "name_norm": normalise(s.name),
                    "departement": s.departement,
                    "region_code": s.region_code,
                    "lat": s.lat,
                    "lon": s.lon,
                    "source": s.source,
                    "field_sources_json": _field_sources(s),
                    "facts_json": _facts(s.facts),
                },
            )
        )
    for sec in seeds.sectors.values():
        nodes["sectors"].append(
            _node(
                Label.SECTOR,
                sec.id,
                {
                    "name": sec.name,
                    "name_norm": normalise(sec.name),
                    "kind": sec.kind,
                    "rome": list(sec.rome),
                    "nsf": list(sec.nsf),
                    "local_training_note": sec.local_training_note,
                    "source": sec.source,
                },
            )
        )
    for d in seeds.diplomas.values():
        nodes["diplomas"].append(
            _node(
                Label.DIPLOMA,
                d.code,
                {
                    "name": d.name,
                    "name_norm": normalise(d.name),
                    "type": d.type.value,
                    "level": d.level,
                    "nsf": d.nsf,
                    "rncp": d.rncp,
                    "description": d.description,
                    "source": d.source,
                    "field_sources_json": _field_sources(d),
                    "campuses": campuses_of.get(d.code, []),
                },
            )
        )
        for sec_id in d.sectors:
            rel("trains_for", d.code, sec_id, source=d.source)
    for a in seeds.actors.values():
        site = seeds.sites.get(a.site) if a.site else None
        nodes["actors"].append(
            _node(
                Label.ACTOR,
                a.id,
                {
                    "name": a.name,
                    "name_norm": normalise(a.name),
                    "kind": a.kind.value,
                    "uai": a.uai,
                    "siret": a.siret,
                    "public": a.public,
                    "boarding_places": a.boarding_places,
                    "url": a.url,
                    "description": a.description,
                    "source": a.source,
                    "field_sources_json": _field_sources(a),
                    "facts_json": _facts(a.facts),
                    "campuses": campuses_of.get(a.id, []),
                    **_site_geo(site),
                },
            )
        )
        if a.site:
            rel("actor_site", a.id, a.site, source=a.source)
        if a.parent:
            rel("part_of", a.id, a.parent, source=a.source)
        for sec_id in a.sectors:
            rel("actor_sector", a.id, sec_id, source=a.source)
    for p in seeds.platforms.values():
        site = seeds.sites.get(p.site) if p.site else None
        if site is None and p.host and seeds.actors[p.host].site:
            site = seeds.sites[seeds.actors[p.host].site]  # type: ignore[index]
        nodes["platforms"].append(
            _node(
                Label.PLATFORM,
                p.id,
                {
                    "name": p.name,
                    "name_norm": normalise(p.name),
                    "kind": p.kind.value,
                    "description": p.description,
                    "source": p.source,
                    "field_sources_json": _field_sources(p),
                    "facts_json": _facts(p.facts),
                    "campuses": campuses_of.get(p.id, []),
                    **_site_geo(site),
                },
            )
        )
        if site is not None:
            rel("platform_site", p.id, site.insee, source=p.source)
        if p.host:
            rel("hosts", p.host, p.id, source=p.source)
        for sec_id in p.sectors:
            rel("platform_sector", p.id, sec_id, source=p.source)

    for sf in seeds.files.values():
        c = sf.campus
        if c is None:  # the national table: diplomas and national passerelles only
            _add_passerelles(sf.passerelles, None, nodes, rel, places.territory)
            continue
        nodes["campuses"].append(
            _node(
                Label.CAMPUS,
                c.id,
                {
                    "name": c.name,
                    "name_norm": normalise(c.name),
                    "short_name": c.short_name,
                    "academie": c.academie,
                    "region": c.region,
                    "region_code": c.region_code,
                    "departements": list(c.departements),
                    "industry": c.industry,
                    "description": c.description,
                    "label_status": c.label_status,
                    "source": c.source,
                    "facts_json": _facts(c.facts),
                    "figures_json": _figures(c.figures),
                },
            )
        )
        for sec in sf.sectors:
            rel("covers", c.id, sec.id, source=sec.source)
        for a in sf.actors:
            if a.campus_role:
                rel("member_of", a.id, c.id, role=a.campus_role, source=a.source)
        for o in sf.offers:
            site_id = o.site or seeds.actors[o.actor].site
            geo = _site_geo(seeds.sites[site_id]) if site_id else _site_geo(None)
            rel(
                "offers",
                o.actor,
                o.diploma,
                campus=c.id,
                site=geo["insee"],
                commune=geo["commune"],
                departement=geo["departement"],
                region_code=geo["region_code"],
                lat=geo["lat"],
                lon=geo["lon"],
                modality=o.modality.value if o.modality else None,
                status=o.status.value,
                capacity=o.capacity,
                year=o.year,
                note=o.note,
                source=o.source,
                field_sources_json=_field_sources(o),
            )
        for pt in sf.partnerships:
            rel(
                "partners",
                pt.a,
                pt.b,
                kind=pt.kind.value,
                status=pt.status.value,
                campus=c.id,
                description=pt.description,
                source=pt.source,
            )
        for dm in sf.demand:
            rel(
                "demand",
                c.id,
                dm.sector,
                period=dm.period,
                count=dm.count,
                share=dm.share,
                note=dm.note,
                source=dm.source,
            )
        for t in sf.transport_links:
            rel(
                "transport",
                t.a,
                t.b,
                mode=t.mode.value,
                quality=t.quality,
                description=t.description,
                source=t.source,
            )
        _add_passerelles(sf.passerelles, c, nodes, rel, places.territory)

    _add_inferred(seeds, places, nodes, rel)
    keep = {row["props"]["seed_key"] for rows in nodes.values() for row in rows}
    stale = sorted((existing_seed_keys or set()) - keep)
    statements = [Statement("load_clear_seed_relationships")]
    statements.extend(_chunks_keyed("load_delete_stale_seed_nodes", "stale", stale))
    for kind, rows in nodes.items():
        statements.extend(_chunks(f"load_{kind}", rows))
    for kind, rows in rels.items():
        statements.extend(_chunks(f"load_link_{kind}", rows))
    # where each establishment offers, for the gap reports (cypher/actors_offer_places.cypher)
    statements.append(Statement("actors_offer_places"))
    summary = LoadSummary(
        files=len(seeds.files),
        nodes={k: len(v) for k, v in nodes.items()},
        relationships={k: len(v) for k, v in rels.items()},
    )
    return statements, summary


def _add_passerelles(
    passerelles: Iterable[PasserelleRecord],
    campus_record: CampusRecord | None,
    nodes: dict[str, list[dict[str, Any]]],
    rel: Any,
    territory: dict[str, frozenset[str]],
) -> None:
    """Documented passerelles of one file: a campus's, or the national table (campus None),
    each with where it holds (:func:`passerelle_scope`) on its node and its legs. A leg into
    one of the campus's own programmes (``territory``: a programme with no national code)
    holds only for a source taken in that programme's territory (``from_departements``,
    docs/model.md « Scope »): « des places réservées aux BTS » speaks of the campus's BTS."""
    campus = campus_record.id if campus_record is not None else None
    for pa in passerelles:
        scope = passerelle_scope(pa, campus_record)
        nodes["passerelles"].append(
            _node(Label.PASSERELLE, pa.id, {**documented_props(pa, campus), **scope})
        )
        for code in pa.from_:
            rel("passerelle_from", pa.id, code, source=pa.source)
        for code in pa.to:
            rel("passerelle_to", pa.id, code, source=pa.source)
        for actor in pa.parties:
            rel("passerelle_binds", pa.id, actor, source=pa.source)
        for a_code in pa.from_:
            for b_code in pa.to:
                local = territory.get(b_code) if campus is not None else None
                rel(
                    "leads_to",
                    a_code,
                    b_code,
                    **documented_leg(pa, campus),
                    **scope,
                    from_departements=sorted(local) if local else None,
                )


@dataclass(frozen=True)
class SeedPlaces:
    """Where the seed diplomas are: the départements of their seed offers, and the territory
    of each campus programme (:func:`graph.inference.rules.programme_territory`)."""

    offered_in: dict[str, frozenset[str]]
    territory: dict[str, frozenset[str]]
    campus: dict[str, frozenset[str]]  # départements of the campuses whose files describe it


def seed_places(seeds: SeedSet) -> SeedPlaces:
    offered_in: dict[str, set[str]] = {}
    campus_deps: dict[str, set[str]] = {}
    for sf in seeds.files.values():
        for o in sf.offers:
            site_id = o.site or seeds.actors[o.actor].site
            if site_id and (dep := seeds.sites[site_id].departement):
                offered_in.setdefault(o.diploma, set()).add(dep)
        if sf.campus is not None:
            for d in sf.diplomas:
                campus_deps.setdefault(d.code, set()).update(sf.campus.departements)
    return SeedPlaces(
        offered_in={k: frozenset(v) for k, v in offered_in.items()},
        territory={
            code: t
            for code in seeds.diplomas
            if (t := programme_territory(code, campus_deps.get(code, ()), offered_in.get(code, ())))
        },
        campus={k: frozenset(v) for k, v in campus_deps.items()},
    )


def _add_inferred(
    seeds: SeedSet, places: SeedPlaces, nodes: dict[str, list[dict[str, Any]]], rel: Any
) -> None:
    """Passerelles derived by public rules from the seed diplomas (origin 'inferred')."""
    filieres = {s.id for s in seeds.sectors.values() if s.kind == "filiere"}
    apprenticeship = {
        o.diploma
        for sf in seeds.files.values()
        for o in sf.offers
        if o.modality is not None and o.modality.value == "apprenticeship"
    }
    facts = [
        DiplomaFacts(
            code=d.code,
            type=d.type.value,
            level=d.level,
            nsf=d.nsf,
            fields=frozenset(set(d.sectors) & filieres),
            apprenticeship=d.code in apprenticeship,
            title=title_words(d.name),
            course_year=is_common_year({"name": d.name}),
            territory=places.territory.get(d.code, frozenset()),
            offered_in=places.offered_in.get(d.code, frozenset()),
            field_territory=places.campus.get(d.code, frozenset()),
        )
        for d in seeds.diplomas.values()
    ]
    documented = {
        (a, b) for sf in seeds.files.values() for p in sf.passerelles for a in p.from_ for b in p.to
    }
    for p in infer_passerelles(facts, documented):
        source = source_of(p)
        nodes["passerelles"].append(_node(Label.PASSERELLE, p.id, passerelle_props(p, source)))
        rel("passerelle_from", p.id, p.from_code, source=source)
        rel("passerelle_to", p.id, p.to_code, source=source)
        rel("leads_to", p.from_code, p.to_code, **leg_props(p, source))


def load_seeds(store: GraphStore, seeds: SeedSet) -> LoadSummary:
    existing = {r["key"] for r in store.read("load_seed_keys")}
    statements, summary = build_statements(seeds, existing_seed_keys=existing)
    store.ensure_schema()
    store.write_atomic(statements)
    return summary
