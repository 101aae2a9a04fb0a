"""Turn parsed open data into write statements and apply them in one atomic batch.

The import is a sync, like the seed load: relationships it wrote before (``origin =
'import'``) are deleted and recreated, nodes are MERGEd on their business keys (UAI, CFD,
INSEE code, passerelle id), and nodes a previous import wrote that this one does not are
removed (or, for seed nodes, stripped of their import properties). Everything goes through one
``GraphStore.write_atomic`` call: the new import lands whole, or the previous data stays
exactly as it was. The same input therefore always gives the same graph.

Seed data is never overwritten: on a node a seed file describes, the import only adds its own
properties (``imported_name``, ``nature``, ``bcn_*``…); seed relationships (``origin =
'seed'``) are never touched.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import math
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from graph.diploma_names import is_common_year
from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.admission_parallele import admission_parallele_legs
from graph.inference.after_bac import after_bac_legs
from graph.inference.bac_techno_legs import bac_techno_programme_legs
from graph.inference.bac_techno_tracks import track_legs
from graph.inference.evidence import Evidence, option_family, title_words
from graph.inference.records import leg_props, passerelle_props, source_of
from graph.inference.rules import programme_territory
from graph.ingest import continuations  # a module: it imports this package's parsers back
from graph.ingest.opendata import created, postbac
from graph.ingest.opendata.but_jobs import but_jobs, read_but_specialities
from graph.ingest.opendata.forked import Encode, Forked, can_fork
from graph.ingest.opendata.jobs import METIER_FILE, job_statements
from graph.ingest.opendata.lazy import Later, LazyStatements, Part, given
from graph.ingest.opendata.links import link_statements, located_statements, renamed_statements
from graph.ingest.opendata.matching import SeedActor, match_seed_actors
from graph.ingest.opendata.plan import (
    CERTIF_INFO_FILE,
    MAX_REJECTED,
    ROME_FILE,
    Establishment,
    ImportData,
    Offer,
    YearFigures,
    parse_directory,
)
from graph.ingest.opendata.professional import options_romes
from graph.ingest.opendata.progress import Progress, Silent
from graph.ingest.opendata.renewal import RENEWED
from graph.ingest.opendata.report import ImportSummary
from graph.ingest.opendata.rows import DiplomaRow
from graph.ingest.opendata.vocab import diploma_type
from graph.models import Label, RelType
from graph.store import BulkNodes, BulkRelationships, GraphStore, Statement

_T = TypeVar("_T")

__all__ = ["BATCH", "GraphState", "build_statements", "read_state", "run_import"]

BATCH = 5_000
# From how many offers in bulk a forked child builds them (build_statements): below, the fork
# costs more than it saves.
FORK_MIN_OFFERS = 10_000

# Every property the import writes on a node besides the descriptive ones it sets only on nodes
# no seed describes; a seed node a later import no longer covers has exactly these removed
# (import_sweep_unmark). Keep in step with cypher/import_{actors,diplomas,sites}.cypher.
IMPORT_PROPS = (
    "imported",
    "import_key",
    "import_run",
    # Actor
    "imported_name",
    "imported_kind",
    "nature",
    "nature_label",
    "establishment_type",
    "imported_public",
    "imported_insee",
    "imported_commune",
    "imported_departement",
    "imported_region_code",
    "imported_lat",
    "imported_lon",
    "coords_precision",
    "described",
    "described_by",
    "unknown_fields",
    "imported_source",
    "imported_siret",
    "imported_url",
    "parent_uai",
    "opening_date",
    "directory_flags",
    "uai_matched_by",
    # Diploma
    "bcn_name",
    "bcn_short_label",
    "bcn_type_code",
    "bcn_type_label",
    "bcn_type",
    "bcn_level",
    "bcn_nsf",
    "closing_date",
    "closed",
    "first_session",
    "last_session",
    "entry_closed",
    "second_closed",
    "bcn_source",
    "official_name",
    "readable_name",
    "readable_name_source",
    "rome_codes",
    "rome_options",
    "rome_labels",
    "formacodes",
    "formacode_labels",
    "rncp_codes",
    "rs_codes",
    "certif_type",
    "certif_nsf",
    "cpc",
    "cpc_secteur",
    "famille_metiers",
    "famille_common_cfd",
    "programme_kind",
    "programme_label",
    "entry_level",
    "admits_bac2",
    "programme_source",
    # Site
    "imported_name_site",
    "coords_source",
    "imported_site_source",
)


@dataclass
class GraphState:
    """What the graph holds before the import (read, never written, by this module)."""

    nodes: dict[str, dict[str, tuple[bool, bool]]] = field(default_factory=dict)
    seed_diplomas: list[dict[str, Any]] = field(default_factory=list)
    seed_pairs: set[tuple[str, str]] = field(default_factory=set)
    import_relationships: dict[str, int] = field(default_factory=dict)
    seed_actors_without_uai: list[SeedActor] = field(default_factory=list)
    # the places (departement, region_code, campus) of the offers the import keeps, by UAI
    other_offer_places: dict[str, list[tuple[Any, Any, Any]]] = field(default_factory=dict)

    def seeded(self, label: str, key: str) -> bool:
        return self.nodes.get(label, {}).get(key, (False, False))[0]


def read_state(store: GraphStore) -> GraphState:
    st = GraphState()
    for r in store.read("import_state_nodes"):
        marks = (bool(r["seed"]), bool(r["imported"]))
        nodes = st.nodes.setdefault(r["label"], {})
        for key in r["keys"]:
            nodes[key] = marks
    st.nodes[Label.PASSERELLE.value] = {
        pid: (False, True) for r in store.read("import_state_passerelles") for pid in r["ids"]
    }
    st.seed_diplomas = store.read("import_state_seed_diplomas")
    st.seed_pairs = {(r["from_code"], r["to_code"]) for r in store.read("import_state_seed_pairs")}
    st.import_relationships = {
        r["type"]: r["count"] for r in store.read("import_state_relationships")
    }
    st.seed_actors_without_uai = [
        SeedActor(r["id"], r["name"] or "", r["insee"], r["kind"] or "")
        for r in store.read("import_state_seed_actors")
    ]
    for r in store.read("import_state_other_offers"):
        st.other_offer_places.setdefault(r["uai"], []).append(
            (r["departement"], r["region_code"], r["campus"])
        )
    return st


# --- rows ---------------------------------------------------------------------------------
# Rows are flat and carry no nulls: a field missing from a row is null in Cypher, which
# removes the property (so a re-import with a value gone clears it) and keeps the inlined
# parameters small.


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _norm(text: str) -> str:
    """Exactly graph.text.normalise, faster: ASCII text (BCN labels) at once; otherwise the
    marks ``unicodedata.combining`` flags are looked for among the non-ASCII characters only
    (a few per name: accents, the en dash of a post-bac programme's name) and removed with
    one ``translate``, instead of testing every character."""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    marks = {ord(c) for c in _NON_ASCII.findall(decomposed) if unicodedata.combining(c)}
    stripped = decomposed.translate(dict.fromkeys(marks)) if marks else decomposed
    return " ".join(stripped.casefold().replace("œ", "oe").replace("æ", "ae").split())


def _compact(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _site_rows(data: ImportData, sources: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for s in data.sites.values():
        src = _source_key(sources, s.source)
        rows.append(
            _compact(
                {
                    "insee": s.insee,
                    "name": s.name,
                    "norm": _norm(s.name),
                    "departement": s.departement,
                    "region_code": s.region_code,
                    "lat": s.lat,
                    "lon": s.lon,
                    "coords": s.coords,
                    "src": src,
                }
            )
        )
    return rows


def _source_key(sources: dict[str, str], text: str) -> str:
    """A short key for a citation repeated on many rows (passed once, as ``$sources``)."""
    for k, v in sources.items():
        if v == text:
            return k
    key = f"s{len(sources)}"
    sources[key] = text
    return key


def _level(data: ImportData, d: DiplomaRow) -> int | None:
    if d.rncp_level is not None:
        return d.rncp_level
    lv = data.levels.get(d.level_code)
    return lv.rncp_level if lv else None


def _programme_level(data: ImportData, p: postbac.Programme) -> int | None:
    """A Parcoursup programme's level when its kind has none of its own: its BCN type's
    (:func:`postbac.kind_level`: a CPGE no code describes is at level 5, as every CPGE the BCN
    codes), as :func:`_level` gives a coded diploma without a level of its own."""
    return postbac.kind_level(p.kind, {c: lv.rncp_level for c, lv in data.levels.items()})


def _readable(data: ImportData, code: str) -> tuple[str | None, str | None]:
    """A mixed-case French label with accents, and the file it comes from: Certif Info, else
    diplomesProfessionnels (the BCN's own text is upper case without accents)."""
    if (c := data.certifications.get(code)) is not None:
        return c.label, "certif_info.csv"
    if (p := data.professional.get(code)) is not None:
        return p.label, "diplomesProfessionnels.csv"
    return None, None


def _links(
    data: ImportData,
    code: str,
    via_options: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None,
) -> dict[str, Any]:
    """What a diploma leads to (Certif Info: ROME, with their names from rome.csv, Formacode,
    RNCP, RS; diplomesProfessionnels:
    CPC, secteur; familleMetiers: famille de métiers), as diploma properties. A BTS common
    first year Certif Info does not describe takes its options' ROME codes, with the options
    that give them (``rome_options``; ``via_options``: :func:`professional.options_romes`)."""
    c = data.certifications.get(code)
    p = data.professional.get(code)
    f = data.families.get(code)
    own = list(c.romes) if c and c.romes else None
    via = (via_options or {}).get(code) if own is None else None
    romes = own or (list(via[0]) if via else None)
    return {
        "romes": romes,
        "rome_options": list(via[1]) if via else None,
        # the names in the order of the codes, "" where rome.csv does not name one
        "rome_labels": [data.rome_labels.get(r, "") for r in romes]
        if romes and data.rome_labels
        else None,
        "formacodes": list(c.formacodes) if c and c.formacodes else None,
        "formacode_labels": list(c.formacode_labels) if c and c.formacode_labels else None,
        "rncp": list(dict.fromkeys([*(c.rncp if c else ()), *([p.rncp] if p and p.rncp else [])]))
        or None,
        "rs": list(c.rs) if c and c.rs else None,
        "certif_type": c.type_label if c else None,
        "certif_nsf": c.nsf if c else None,
        "cpc": p.cpc if p else None,
        "cpc_secteur": p.secteur if p else None,
        "famille": (f.famille if f else None) or (p.famille if p else None),
        "famille_common": f.common_cfd if f else None,
    }


def _diploma_rows(data: ImportData) -> list[dict[str, Any]]:
    rows = []
    via_options = options_romes(
        data.bts_options, {c: cert.romes for c, cert in data.certifications.items()}
    )
    for d in data.diplomas.values():
        readable, readable_src = _readable(data, d.code)
        rows.append(
            _compact(
                {
                    "code": d.code,
                    "name": d.name,
                    "readable": readable,
                    "readable_src": readable_src,
                    "norm": _norm(readable or d.name),
                    **_links(data, d.code, via_options),
                    "short": d.short_label or None,
                    "type_code": d.level_code,
                    "type": diploma_type(d.level_code).value,
                    "level": _level(data, d),
                    "nsf": d.nsf,
                    "opened": d.opening_date,
                    "closes": d.closing_date,
                    "closed": data.is_closed(d),
                    "first": d.first_session,
                    "last": d.last_session,
                    "entry_closed": data.entry_closed.get(d.code),
                    "second_closed": data.second_closed.get(d.code),
                    "src": d.file,
                    # entered after the bac: its offers are Parcoursup programmes (postbac.attach)
                    "entry": data.postbac.entry.get(d.code),
                }
            )
        )
    return rows


def _programme_rows(data: ImportData) -> list[dict[str, Any]]:
    return [
        _compact(
            {
                "code": code,
                "name": p.name,
                "norm": _norm(p.name),
                "label": p.label,
                "kind": p.kind.key,
                "type": p.kind.type.value,
                "level": p.level if p.level is not None else _programme_level(data, p),
                "entry": p.entry_level,
                "bac2": p.kind.admits_bac2,
                "nsf": data.postbac.nsf.get(code),
                "nsf_groups": list(data.postbac.nsf_groups.get(code, ())) or None,
            }
        )
        for code, p in sorted(data.postbac.programmes.items())
    ]


def _programme_modality(label: str, known: dict[str, str]) -> str:
    """A post-bac offer's modality, read from its label (``known`` remembers each label's:
    the 20 000 offers of the extract share a few thousand labels)."""
    modality = known.get(label)
    if modality is None:
        apprenticeship = _norm(label).endswith("en apprentissage")
        modality = known[label] = "apprenticeship" if apprenticeship else "school"
    return modality


def _programme_offer_rows(data: ImportData, offers: Sequence[Any]) -> list[dict[str, Any]]:
    known: dict[str, str] = {}
    return [
        _compact(
            {
                "uai": o.uai,
                "code": o.code,
                "label": o.label,
                "modality": _programme_modality(o.label, known),
                "lat": o.lat,
                "lon": o.lon,
            }
        )
        for o in offers
    ]


def _actor_source(e: Establishment, sources: dict[str, str]) -> str | None:
    """The ``imported_source`` cypher/import_actors.cypher gives an establishment (the
    citations of the directories describing it), as graph.ingest.opendata.created.actor."""
    described = list(e.described_by)
    return created.citations(described, sources) if described else created.UAI_ONLY


def _offer_places(
    uais: Iterable[str],
    establishments: dict[str, Establishment],
    kept: dict[str, list[tuple[Any, Any, Any]]],
) -> dict[str, tuple[list[Any], list[Any], list[Any]]]:
    """Per establishment, the sorted départements, régions and campuses of its offers: the
    import's (``uais``: the establishments it writes offers of, each placed at the
    establishment as the import writes it) and those it keeps (``kept``);
    cypher/actors_offer_places.cypher's lists. Seed actors' are written again by the query at
    the end (their place may be the seed's)."""
    sets: dict[str, tuple[set[Any], set[Any], set[Any]]] = {}
    for uai in uais:
        e = establishments[uai]
        sets[uai] = (
            {e.departement} - {None},
            {e.region_code} - {None},
            set(),
        )
    for uai, places in kept.items():
        if uai not in establishments:
            continue
        deps, regions, campuses = sets.setdefault(uai, (set(), set(), set()))
        for dep, region, campus in places:
            for values, v in ((deps, dep), (regions, region), (campuses, campus)):
                if v is not None:
                    values.add(v)
    return {u: (sorted(d), sorted(r), sorted(c)) for u, (d, r, c) in sets.items()}


_NO_PLACES: tuple[list[Any], list[Any], list[Any]] = ([], [], [])


def _actor_row(
    e: Establishment, places: tuple[list[Any], list[Any], list[Any]] = _NO_PLACES
) -> dict[str, Any]:
    deps, regions, campuses = places
    return _compact(
        {
            "uai": e.uai,
            "name": e.name,
            "norm": _norm(e.name),
            "kind": e.kind,
            "nature": e.nature_code,
            "type": e.establishment_type,
            "public": e.public,
            "insee": e.insee,
            "commune": e.commune,
            "commune_from": e.commune_from,
            "departement": e.departement,
            "region_code": e.region_code,
            "lat": e.lat,
            "lon": e.lon,
            "coords": e.coords,
            "described_by": list(e.described_by) or None,
            "unknown": e.unknown_fields() or None,
            "siret": e.siret,
            "url": e.url,
            "parent": e.parent_uai,
            "opened": e.opening_date,
            "flags": list(e.flags) or None,
            "offer_departements": deps,
            "offer_regions": regions,
            "offer_campuses": campuses,
        }
    )


def history_json(o: Offer, texts: dict[str, str]) -> str:
    """``json.dumps([y.to_dict() for y in o.years], ensure_ascii=False, separators=(",", ":"))``
    written directly (55 000 offers at national size): the figures are integers or null, and
    each distinct source text is JSON-encoded once (``texts`` remembers them)."""
    parts = []
    for y in o.years:
        source = "; ".join(y.sources)
        text = texts.get(source)
        if text is None:
            text = texts[source] = json.dumps(source, ensure_ascii=False)
        year, capacity, demand, pupils = y.year, y.capacity, y.demand, y.pupils
        part = (
            f'{{"year":{"null" if year is None else int(year)},'
            f'"capacity":{"null" if capacity is None else int(capacity)},'
            f'"demand":{"null" if demand is None else int(demand)},'
            f'"pupils":{"null" if pupils is None else int(pupils)},"source":{text}'
        )
        if y.entry_year is not None:  # 9 000 offers at national size (entry.py)
            part += f',"entry_year":{int(y.entry_year)}'
        if (c := y.common) is not None:
            code, family = _json_text(c.code, texts), _json_text(c.family, texts)
            cap, dem = c.capacity, c.demand
            part += (
                f',"common":{{"code":{code},"family":{family},'
                f'"capacity":{"null" if cap is None else int(cap)},'
                f'"demand":{"null" if dem is None else int(dem)}}}'
            )
        parts.append(part + "}")
    return "[" + ",".join(parts) + "]"


def _json_text(value: str | None, texts: dict[str, str]) -> str:
    """``json.dumps(value, ensure_ascii=False)``, each distinct text encoded once."""
    if value is None:
        return "null"
    text = texts.get(value)
    if text is None:
        text = texts[value] = json.dumps(value, ensure_ascii=False)
    return text


def _offer_row(
    o: Offer, spans: dict[tuple[tuple[int, ...], tuple[str, ...]], str], texts: dict[str, str]
) -> dict[str, Any]:
    latest = o.latest
    span = (tuple(y.year for y in o.years), tuple(o.files))
    key = spans.setdefault(span, f"y{len(spans)}")
    return _compact(
        {
            "uai": o.uai,
            "code": o.code,
            "modality": o.modality,
            "status": RENEWED if o.renewed_from else None,
            "renewed_from": list(o.renewed_from) or None,
            "common_year": o.common_year,
            "span": key,
            "capacity": latest.capacity,
            "demand": latest.demand,
            "pupils": latest.pupils,
            "history_json": history_json(o, texts),
            **_entry(latest),
        }
    )


def _entry(latest: YearFigures) -> dict[str, int | None]:
    """Which entry the latest figures describe (entry.py): ``entry_year`` 2 for a Bac pro
    listed by its 1re pro only, and then the entry after 3e through the common 2nde at that
    establishment (``entry_capacity``, ``entry_demand``), when the files list it; the pathway
    ranking compares offers on the entry after 3e, never on 1re pro figures."""
    c = latest.common
    return {
        "entry_year": latest.entry_year,
        "entry_capacity": c.capacity if c is not None and latest.entry_year else None,
        "entry_demand": c.demand if c is not None and latest.entry_year else None,
    }


def _facts(data: ImportData, state: GraphState, closed: set[str]) -> list[DiplomaFacts]:
    """The diplomas the rules run over: every seed diploma, every open BCN diploma, and
    every diploma an imported offer names (even if closed since); ``closed``: the BCN's
    closed codes."""
    # one pass over the offers: the establishments offering each diploma; then the diplomas
    # offered, in apprenticeship, in which departements
    apprenticeship = {o.code for o in data.offers if o.modality == "apprenticeship"}
    by_code: dict[str, set[str]] = {}
    for o in data.offers:
        uais = by_code.get(o.code)
        if uais is None:
            uais = by_code[o.code] = set()
        uais.add(o.uai)
    departements = {uai: e.departement for uai, e in data.establishments.items()}
    offered_in: dict[str, set[str]] = {
        code: {dep for u in uais if (dep := departements.get(u))} for code, uais in by_code.items()
    }
    offered = set(offered_in)
    if data.evidence is not None:  # read while the activity files were parsed
        evidence, secondes = data.evidence.value()
    else:
        evidence = continuations.load_evidence(data.directory)
        secondes = continuations.common_secondes(data.directory)
    not_targets = secondes | closed  # nobody enters these
    # course years, no diploma one holds: the common 2ndes and the BTS common first years the
    # files list (optionsBTS.csv), besides those their names say
    years = secondes | set(data.bts_options)
    for r in state.seed_diplomas:
        offered_in.setdefault(r["code"], set()).update(
            d for d in r.get("offer_departements") or () if d
        )
    establishments = _establishments_by_code(data, by_code)
    out: dict[str, DiplomaFacts] = {}
    for r in state.seed_diplomas:
        campus = {d for deps in r.get("campus_departements") or () for d in deps or ()}
        bcn = data.diplomas.get(r["code"])
        out[r["code"]] = DiplomaFacts(
            code=r["code"],
            type=r["type"],
            level=r["level"],
            nsf=r["nsf"],
            fields=frozenset(r["fields"] or ()),
            apprenticeship=bool(r["apprenticeship"]) or r["code"] in apprenticeship,
            evidence=evidence.get(r["code"], Evidence()),
            target=r["code"] not in not_targets,
            course_year=r["code"] in years
            or is_common_year(r)
            or (bcn is not None and is_common_year({"name": bcn.name})),
            title=title_words(bcn.name if bcn is not None else None),
            family=option_family(bcn.name if bcn is not None else None),
            territory=frozenset()
            if r["code"] in data.diplomas
            else programme_territory(r["code"], campus, r.get("offer_departements") or ()),
            offered_in=frozenset(offered_in.get(r["code"], ())),
            establishments=establishments.get(r["code"], frozenset()),
            field_territory=frozenset(campus),
            after_bac=r["code"] in data.postbac.state,
        )
    for d in data.diplomas.values():
        if d.code in out or (d.code in closed and d.code not in offered):
            continue
        out[d.code] = DiplomaFacts(
            code=d.code,
            type=diploma_type(d.level_code).value,
            level=_level(data, d),
            nsf=d.nsf,
            apprenticeship=d.code in apprenticeship,
            evidence=evidence.get(d.code, Evidence()),
            target=d.code not in not_targets,
            course_year=d.code in years or is_common_year({"name": d.name}),
            title=title_words(d.name),
            family=option_family(d.name),
            offered_in=frozenset(offered_in.get(d.code, ())),
            establishments=establishments.get(d.code, frozenset()),
            examined=d.first_session is not None,
            after_bac=d.code in data.postbac.state,
        )
    return list(out.values())


def _establishments_by_code(
    data: ImportData, by_code: dict[str, set[str]]
) -> dict[str, frozenset[str]]:
    """The establishments (UAI) the activity files say prepare each diploma (``by_code``,
    from the offers); a diploma with none yet (renovated after the files' years) gets its BCN
    predecessors': the renovated programme is prepared where the old one was
    (graph.inference.co_offer)."""
    out = {c: frozenset(u) for c, u in by_code.items()}
    inherited: dict[str, set[str]] = {}
    for old, new in data.lineage:
        if new not in by_code and old in by_code:
            inherited.setdefault(new, set()).update(by_code[old])
    out.update((c, frozenset(u)) for c, u in inherited.items())
    return out


def _programme_facts(data: ImportData) -> list[DiplomaFacts]:
    """The extract's programmes that admit at bac+2, for the admission parallèle legs; a BUT
    with the jobs Certif Info gives its speciality or parcours (:mod:`but_jobs`)."""
    specs = read_but_specialities(data.directory / CERTIF_INFO_FILE)
    return [
        DiplomaFacts(
            code=code,
            type=p.kind.type.value,
            level=p.level,
            nsf=data.postbac.nsf.get(code),
            nsf_groups=data.postbac.nsf_groups.get(code, ()),
            evidence=Evidence(rome=but_jobs(p.label, specs))
            if p.kind.type.value == "but"
            else Evidence(),
        )
        for code, p in data.postbac.programmes.items()
        if p.kind.admits_bac2
    ]


def _engineer_labels(data: ImportData) -> dict[str, str]:
    """The extract's engineering programmes and their labels, for the tracks a label reserves to
    bac techno series (:mod:`graph.inference.bac_techno_tracks`)."""
    return {c: p.label for c, p in data.postbac.programmes.items() if p.kind.key == "ingenieur"}


def _evidence_names(data: ImportData) -> dict[str, str]:
    """Code -> label for what the inferred legs' evidence names (graph/evidence_words.py): the
    ROME jobs (rome.csv), the ROME domains (domaine_professionnel.csv, letter and two digits)
    and the Formacode themes (Certif Info's Libelle_FormaCode, where a row gives one label per
    code)."""
    names = dict(data.rome_labels)
    path = data.directory / "domaine_professionnel.csv"
    if path.is_file():
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                code = (row.get("code_domaine_professionnel") or "").strip()
                label = (row.get("libelle_domaine_professionnel") or "").strip()
                if len(code) == 3 and label:
                    names[code] = label
    for c in data.certifications.values():
        if len(c.formacodes) == len(c.formacode_labels):
            for code, label in zip(c.formacodes, c.formacode_labels, strict=True):
                names.setdefault(code, label)
    return names


def _passerelle_rows(data: ImportData, state: GraphState) -> list[dict[str, Any]]:
    """Pairs the public rules give (docs/inferred-passerelles.md), minus the pairs the seeds
    already link and the pairs whose target is a closed diploma; then the admission parallèle
    legs from a BTS into the extract's programmes that admit at bac+2
    (:mod:`graph.inference.admission_parallele`)."""
    closed = {c for c, d in data.diplomas.items() if data.is_closed(d)}
    bcn = data.citations.get("nFormationDiplome_.csv", "nFormationDiplome_.csv")
    evidence_files = continuations.present_files(data.directory)
    over = f"{bcn} ; {', '.join(evidence_files)}" if evidence_files else bcn
    rows = []
    names = _evidence_names(data)
    facts = _facts(data, state, closed)
    programmes = _programme_facts(data)
    parallel = [
        *admission_parallele_legs(facts, programmes, state.seed_pairs),
        *bac_techno_programme_legs(facts, programmes, state.seed_pairs),
        *track_legs(facts, _engineer_labels(data), state.seed_pairs),
        *after_bac_legs(facts, state.seed_pairs),
    ]
    for p in [*infer_passerelles(facts, state.seed_pairs), *parallel]:
        if p.to_code in closed:
            continue  # nobody can enter a closed diploma
        pid = p.id.replace("inf-", "inf-import-", 1)
        p = replace(p, id=pid)
        source = source_of(p, over)
        rows.append(
            {
                "id": pid,
                "a": p.from_code,
                "b": p.to_code,
                "props": passerelle_props(p, source, names),
                "leg": leg_props(p, source, names),
            }
        )
    return rows


# --- statements ---------------------------------------------------------------------------


def _chunks(name: str, rows: list[dict[str, Any]], **shared: Any) -> Iterator[Statement]:
    for i in range(0, len(rows), BATCH):
        yield Statement(name, {**shared, "rows": rows[i : i + BATCH]})


def _lazy_chunks(
    name: str,
    items: Sequence[Any],
    rows_of: Callable[[Sequence[Any]], list[dict[str, Any]]],
    bulk: _NodeBulk | None = None,
    **shared: Any,
) -> Part:
    """``_chunks`` of the rows ``rows_of`` gives for ``items`` (one row each), built a batch at
    a time as the store reads them (as :class:`BulkNodes` when ``bulk`` says how)."""

    def build() -> Iterator[Statement]:
        for i in range(0, len(items), BATCH):
            params = {**shared, "rows": rows_of(items[i : i + BATCH])}
            yield Statement(name, params) if bulk is None else bulk.statement(name, params)

    return Part(-(-len(items) // BATCH), len(items), build)


@dataclass(frozen=True)
class _NodeBulk:
    """How a store with ``bulk_nodes`` may create an upsert statement's new nodes
    (:class:`BulkNodes`): the label, the key (property and row field), the properties
    :mod:`created` gives in order, the function giving them, and the keys the graph has."""

    label: str
    key: str
    props: tuple[str, ...]
    created: Callable[[Mapping[str, Any]], tuple[Any, ...]]
    existing: frozenset[str]
    requires: tuple[tuple[str, str], ...] = ()  # BulkNodes.requires

    def statement(self, name: str, params: dict[str, Any]) -> BulkNodes:
        new = frozenset(k for r in params["rows"] if (k := r[self.key]) not in self.existing)
        return BulkNodes(
            name,
            params,
            label=self.label,
            key=self.key,
            props=self.props,
            new=new,
            created=self.created,
            requires=self.requires,
        )


def _deferred(rows: int, build: Callable[[], Iterable[Statement]]) -> Part:
    """The statements of ``rows`` rows (one per item, in batches of ``BATCH``) built by
    ``build`` only when the store reaches them: all the rows at once, so that the statements,
    and the shared parameters the rows add to (``sources``), are those built eagerly."""
    return Part(-(-rows // BATCH), rows, lambda: list(build()))


class _Once(Generic[_T]):
    """``compute()`` once, when first called (from the write's helper thread)."""

    def __init__(self, compute: Callable[[], _T]) -> None:
        self._compute: Callable[[], _T] | None = compute
        self._value: _T | None = None
        self._lock = threading.Lock()

    def __call__(self) -> _T:
        with self._lock:
            if self._compute is not None:
                self._value, self._compute = self._compute(), None
            return self._value  # type: ignore[return-value]


def _node_chunks(
    name: str, rows: list[dict[str, Any]], bulk: _NodeBulk | None, **shared: Any
) -> Iterator[Statement]:
    """``_chunks``, as :class:`BulkNodes` when ``bulk`` says how."""
    for st in _chunks(name, rows, **shared):
        yield st if bulk is None else bulk.statement(st.name, dict(st.params))


def _offer_part(offers: Sequence[Offer], sources: dict[str, str]) -> Part:
    """The OFFERS statements, built a batch at a time; each carries the year and file lists
    (``spans``) its own rows name."""

    def build() -> Iterator[Statement]:
        span_keys: dict[tuple[tuple[int, ...], tuple[str, ...]], str] = {}
        texts: dict[str, str] = {}
        for i in range(0, len(offers), BATCH):
            rows = [_offer_row(o, span_keys, texts) for o in offers[i : i + BATCH]]
            used = {r["span"] for r in rows}
            spans = {
                k: {"years": list(y), "files": list(f)}
                for (y, f), k in span_keys.items()
                if k in used
            }
            yield Statement(
                "import_link_offers", {"sources": sources, "spans": spans, "rows": rows}
            )

    return Part(-(-len(offers) // BATCH), len(offers), build)


# --- offers in bulk (a store with ``bulk_relationships``: FalkorDB) -------------------------
# The same relationships as cypher/import_link_offers.cypher and
# import_link_programme_offers.cypher, every property computed here instead of by the query
# (tests/integration/test_import_bulk.py compares both ways, property for property). Their
# place is their establishment's as the import writes it (imported_insee…), which the query
# reads with coalesce(a.imported_insee, a.insee): the import's value where it has one, else
# the node's own; only a seed actor has a value of its own there, so the offers of a seed
# actor whose place the import does not know whole are left to the query.

# in the order the queries SET them
OFFER_PROPS = (
    "origin",
    "status",
    "modality",
    "renewed_from",
    "common_year",
    "year",
    "years",
    "source_year",
    "capacity",
    "demand",
    "pupils",
    "pressure",
    "history_json",
    "sources",
    "source",
    "site",
    "commune",
    "departement",
    "region_code",
    "lat",
    "lon",
    "entry_year",
    "entry_capacity",
    "entry_demand",
)
PROGRAMME_OFFER_PROPS = (
    "origin",
    "status",
    "modality",
    "programme_label",
    "sources",
    "source",
    "site",
    "commune",
    "departement",
    "region_code",
    "lat",
    "lon",
    "coords_precision",
)
_ORIGIN = ("import",)
_NO_ENTRY = (None, None, None)  # entry_year, entry_capacity, entry_demand


def _place(e: Establishment) -> tuple[Any, ...]:
    return (e.insee, e.commune, e.departement, e.region_code, e.lat, e.lon)


def _placed_by_import(e: Establishment | None, seeded: set[str]) -> bool:
    """Whether the import alone gives this establishment's offers their place: it is no seed
    actor, or the import knows every part of its place."""
    return e is not None and (e.uai not in seeded or None not in _place(e))


def _round_half_away(x: float) -> float:
    """Cypher's ``round`` (C ``round``: halves away from zero), for x >= 0."""
    f = math.floor(x)
    return float(f + 1 if x - f >= 0.5 else f)


def _pressure(capacity: int | None, demand: int | None) -> float | None:
    """``CASE WHEN capacity > 0 AND demand IS NOT NULL THEN round(1000.0 * demand /
    capacity) / 1000.0 END`` (cypher/import_link_offers.cypher)."""
    if capacity is None or demand is None or capacity <= 0:
        return None
    return _round_half_away(1000.0 * demand / capacity) / 1000.0


def _bulk_offer_part(
    offers: Sequence[Offer],
    establishments: dict[str, Establishment],
    sources: dict[str, str],
) -> Part:
    """The offers as :class:`BulkRelationships`, a batch at a time (those ``_offer_part``
    must write are left out by the caller)."""

    def build() -> Iterator[Statement]:
        texts: dict[str, str] = {}
        # per (modality, renewed_from, common_year, years, files): the values from origin to
        # source_year, and sources and source (OFFER_PROPS), shared by the offers alike
        shared: dict[Any, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}
        places: dict[str, tuple[Any, ...]] = {}
        for i in range(0, len(offers), BATCH):
            edges = []
            for o in offers[i : i + BATCH]:
                ys = o.years
                latest = ys[-1]
                years = tuple([y.year for y in ys])
                files = tuple(dict.fromkeys([s for y in ys for s in y.sources]))  # o.files
                key = (o.modality, o.renewed_from, o.common_year, years, files)
                alike = shared.get(key)
                if alike is None:
                    status = RENEWED if o.renewed_from else "open"
                    renewed = list(o.renewed_from) or None
                    alike = shared[key] = (
                        (*_ORIGIN, status, o.modality, renewed, o.common_year)
                        + (years[-1], list(years), years[-1]),
                        (list(files), created.citations(files, sources)),
                    )
                place = places.get(o.uai)
                if place is None:
                    place = places[o.uai] = _place(establishments[o.uai])
                capacity, demand = latest.capacity, latest.demand
                figures = [  # this offer's alone: a list, not remembered by the encoder
                    capacity,
                    demand,
                    latest.pupils,
                    _pressure(capacity, demand),
                    history_json(o, texts),
                ]
                # _entry's values: on most offers none, one tuple the encoder remembers
                entry_year = latest.entry_year
                entry_figures: tuple[Any, ...] | list[Any] = _NO_ENTRY
                if entry_year is not None:
                    c = latest.common
                    entry_figures = (
                        [entry_year, c.capacity, c.demand]
                        if c is not None and entry_year
                        else [entry_year, None, None]
                    )
                edges.append((o.uai, o.code, (alike[0], figures, alike[1], place, entry_figures)))
            yield BulkRelationships(
                "import_link_offers",
                {"rows": edges},
                rel_type=RelType.OFFERS.value,
                ends="import_offer_ends",
                props=OFFER_PROPS,
            )

    return Part(-(-len(offers) // BATCH), len(offers), build)


def _bulk_programme_offers(
    offers: Sequence[Any],
    establishments: dict[str, Establishment],
    file: str,
    source: str,
) -> list[Statement]:
    """The programme offers as :class:`BulkRelationships` (cypher/
    import_link_programme_offers.cypher's properties)."""
    files = ([file], source)
    heads: dict[str, tuple[Any, ...]] = {}
    known: dict[str, str] = {}
    edges = []
    for o in offers:
        e = establishments[o.uai]
        modality = _programme_modality(o.label, known)
        head = heads.get(modality)
        if head is None:
            head = heads[modality] = ("open", modality)
        lat = o.lat if o.lat is not None else e.lat
        lon = o.lon if o.lon is not None else e.lon
        precision = "programme" if o.lat is not None else (e.coords or "unknown")
        place = (e.insee, e.commune, e.departement, e.region_code, lat, lon, precision)
        edges.append((o.uai, o.code, (_ORIGIN, head, (o.label,), files, place)))
    return [
        BulkRelationships(
            "import_link_programme_offers",
            {"rows": edges[i : i + BATCH]},
            rel_type=RelType.OFFERS.value,
            ends="import_offer_ends",
            props=PROGRAMME_OFFER_PROPS,
        )
        for i in range(0, len(edges), BATCH)
    ]


def _split(items: Sequence[Any], bulk: Callable[[Any], bool]) -> tuple[list[Any], list[Any]]:
    """(the items ``bulk`` refuses, those it takes), each in its order."""
    rest: list[Any] = []
    taken: list[Any] = []
    for x in items:
        (taken if bulk(x) else rest).append(x)
    return rest, taken


def run_key(keys: dict[str, list[str]]) -> str:
    """Identifies the set of nodes an import writes; the same input gives the same key.

    The passerelles are not in it: the import deletes its previous passerelles first
    (import_clear_passerelles) and writes each of them again, so the sweep, which the key is
    for, never concerns them; and the node statements, which carry the key, are written
    before the passerelles are inferred (by a forked child meanwhile)."""
    h = hashlib.sha256()
    for label in sorted(keys):
        for k in sorted(keys[label]):
            h.update(f"{label}:{k}\n".encode())
    return h.hexdigest()[:16]


Counts = tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]


@dataclass
class Plan:
    """The statements, and what they write (:attr:`nodes`, :attr:`relationships`: counted once
    the passerelles are inferred; asked before, they wait for them)."""

    statements: LazyStatements
    counts: Callable[[], Counts]
    run: str
    adopted: list[dict[str, str]] = field(default_factory=list)  # seed actors matched by name
    # ends what building the statements started (forked children), once they are written
    close: Callable[[], None] = field(default=lambda: None)
    _counted: Counts | None = field(default=None, repr=False)

    @property
    def nodes(self) -> dict[str, dict[str, int]]:
        return self._counts()[0]

    @property
    def relationships(self) -> dict[str, dict[str, int]]:
        return self._counts()[1]

    def _counts(self) -> Counts:
        if self._counted is None:
            self._counted = self.counts()
        return self._counted


_PASSERELLE_STATEMENTS = ("import_passerelles", "import_link_passerelles")


class _Forking:
    """The passerelle statements (their inference, the Passerelle nodes, their three links)
    and the offers in bulk. When ``fork``, one forked child builds them, the passerelles first,
    then the offers, each handed over as soon as it is built (forked.py), while this process
    builds and writes the node statements; a child that fails leaves the rest to this process,
    the same statements. Else the passerelles here and now, the offers as the store reads them.
    """

    def __init__(self, passerelles: Part, offers: Part, encode: Encode | None, fork: bool) -> None:
        self._lock = threading.Lock()
        self._child: Forked | None = None
        self._passerelles: list[Statement] | None = None
        self._offers: list[Statement] = []  # taken from the child so far
        if fork and encode is not None:

            def both() -> Iterator[Statement]:
                yield from passerelles.build()
                yield from offers.build()

            self._child = Forked(Part(0, 0, both), encode, "passerelles and offers")
            self._stream: Iterator[Statement] = iter(self._child.part.build())
            self.offers = Part(offers.count, offers.rows, self._taken_offers)
        else:
            self._passerelles = list(passerelles.build())
            self.offers = offers

    def passerelles(self) -> list[Statement]:
        """Every passerelle statement (taken from the child: the first it gives)."""
        with self._lock:
            if self._passerelles is None:
                got: list[Statement] = []
                for st in self._stream:
                    if st.name not in _PASSERELLE_STATEMENTS:
                        self._offers.append(st)  # the first offers' statement
                        break
                    got.append(st)
                self._passerelles = got
            return self._passerelles

    def nodes(self) -> list[Statement]:
        return [st for st in self.passerelles() if st.name == "import_passerelles"]

    def links(self) -> list[Statement]:
        return [st for st in self.passerelles() if st.name != "import_passerelles"]

    def ids(self) -> list[str]:
        return [r["id"] for st in self.nodes() for r in st.params["rows"]]

    def _taken_offers(self) -> Iterator[Statement]:
        self.passerelles()  # given before the offers
        i = 0
        while True:
            with self._lock:
                if i == len(self._offers):
                    st = next(self._stream, None)
                    if st is None:
                        return
                    self._offers.append(st)
                st = self._offers[i]
            yield st
            i += 1

    def close(self) -> None:
        if self._child is not None:
            self._child.close()
            self._offers = []


def _passerelle_part(data: ImportData, state: GraphState, run: str, bulk: bool) -> Part:
    """The passerelles inferred, as their statements: the nodes (as :class:`BulkNodes` when
    ``bulk``), then their links (graph/ingest/opendata/links.py)."""

    def build() -> Iterator[Statement]:
        passerelles = _passerelle_rows(data, state)
        nodes = None
        if bulk:
            diploma = Label.DIPLOMA.value
            nodes = _NodeBulk(
                Label.PASSERELLE.value,
                "id",
                created.PASSERELLE_PROPS,
                partial(created.passerelle, run),
                frozenset(),  # the import's own are deleted first (import_clear_passerelles)
                requires=(("a", diploma), ("b", diploma)),
            )
        yield from _node_chunks("import_passerelles", passerelles, nodes, run=run)
        yield from link_statements(passerelles, bulk=bulk, batch=BATCH)

    return Part(0, 0, build)


def _evidence_ready(data: ImportData) -> bool:
    """Whether the continuation evidence can be read by a forked child: taken here from the
    parse's process first (a child cannot wait for that process); False when it failed (its
    error is raised here, at the passerelles' turn)."""
    if data.evidence is None:
        return True  # read from the files by whoever infers
    try:
        data.evidence.value()
    except Exception:  # noqa: BLE001 - raised again by the inference, in this process
        return False
    return True


def build_statements(
    data: ImportData,
    state: GraphState,
    *,
    bulk: bool = False,
    encode: Encode | None = None,
) -> Plan:
    """Every statement of the import, in dependency order, with what they will write.

    ``bulk``: the offers a store with ``bulk_relationships`` can take as
    :class:`BulkRelationships` are given so (the others, and every offer when False, as Cypher
    statements), and the node upserts as :class:`BulkNodes` (the nodes the state does not
    have may be created in bulk). ``encode`` (the store's ``encoded``): from
    ``FORK_MIN_OFFERS`` offers in bulk, a forked child builds them and encodes them so
    (graph/ingest/opendata/forked.py), and from as many offers a second one infers the
    passerelles meanwhile; the caller calls the plan's ``close`` at the end."""
    keys = {
        Label.SITE.value: [s.insee for s in data.sites.values()],
        Label.DIPLOMA.value: [d.code for d in data.diplomas.values()]
        + sorted(data.postbac.programmes),
        Label.ACTOR.value: list(data.establishments),
    }
    run = run_key(keys)
    sources = dict(data.citations)
    known = data.establishments
    programme_offers = [o for o in data.postbac.offers if o.uai in known]
    adopted = [
        {"id": sid, "uai": uai}
        for sid, uai in sorted(
            match_seed_actors(
                state.seed_actors_without_uai,
                ((e.uai, e.name, e.insee) for e in data.establishments.values() if e.described),
                taken=set(state.nodes.get(Label.ACTOR.value, {})),
            ).items()
        )
    ]
    offering = {o.uai for o in data.offers} & known.keys() | {o.uai for o in programme_offers}
    offers: Sequence[Offer] = data.offers
    bulk_offers: list[Offer] = []
    bulk_programme_offers: list[Any] = []
    if bulk:
        seeded = {u for u in known if state.seeded(Label.ACTOR.value, u)}
        seeded.update(a["uai"] for a in adopted)
        placed = {u: _placed_by_import(known.get(u), seeded) for u in offering}
        offers, bulk_offers = _split(offers, lambda o: placed.get(o.uai, False))
        programme_offers, bulk_programme_offers = _split(programme_offers, lambda o: placed[o.uai])
    # first, so that the child has the longest time: the node statements are built and
    # written meanwhile
    fork = encode is not None and len(bulk_offers) >= FORK_MIN_OFFERS and can_fork()
    built = _Forking(
        _passerelle_part(data, state, run, bulk),
        _bulk_offer_part(bulk_offers, known, sources),
        encode,
        fork and _evidence_ready(data),
    )
    psup_file = data.postbac_file or "fr-esr-parcoursup_extrait.csv"
    psup = data.citations.get(psup_file, psup_file)
    located = [  # a seed actor keeps its seed location (the query checks it again)
        {"uai": e.uai, "insee": e.insee}
        for e in data.establishments.values()
        if e.insee and e.described and not state.seeded(Label.ACTOR.value, e.uai)
    ]
    annuaire = data.citations.get("fr-en-annuaire-education.csv", "fr-en-annuaire-education.csv")
    part_of = [{"a": a, "b": b} for a, b in data.part_of]
    natures = {
        e.nature_code: e.nature_label
        for e in data.establishments.values()
        if e.nature_code and e.nature_label
    }
    bcn = data.citations.get("nFormationDiplome_.csv", "nFormationDiplome_.csv")
    renamed = [{"a": a, "b": b} for a, b in data.lineage]
    type_labels = {code: lv.label for code, lv in data.levels.items()}
    establishments = list(data.establishments.values())
    places = _Once(lambda: _offer_places(offering, known, state.other_offer_places))
    site_bulk = diploma_bulk = programme_bulk = actor_bulk = None
    if bulk:

        def has(label: Label) -> frozenset[str]:
            return frozenset(state.nodes.get(label.value, {}))

        site_bulk = _NodeBulk(
            Label.SITE.value,
            "insee",
            created.SITE_PROPS,
            partial(created.site, run, sources),
            has(Label.SITE),
        )
        diploma_bulk = _NodeBulk(
            Label.DIPLOMA.value,
            "code",
            created.DIPLOMA_PROPS,
            partial(created.diploma, run, sources, type_labels),
            has(Label.DIPLOMA),
        )
        programme_bulk = replace(
            diploma_bulk,
            props=created.PROGRAMME_PROPS,
            created=partial(created.programme, run, psup),
        )
        actor_bulk = _NodeBulk(
            Label.ACTOR.value,
            "uai",
            created.ACTOR_PROPS,
            partial(created.actor, run, sources, natures),
            has(Label.ACTOR) | {a["uai"] for a in adopted},
        )
    statements = LazyStatements(
        [
            given([Statement("import_clear_relationships"), Statement("import_clear_passerelles")]),
            # the node rows built by the write's helper thread while the server runs the
            # statements before them (the build's serial part ends with the fork)
            _deferred(
                len(data.sites),
                lambda: _node_chunks(
                    "import_sites", _site_rows(data, sources), site_bulk, run=run, sources=sources
                ),
            ),
            _deferred(
                len(data.diplomas),
                lambda: _node_chunks(
                    "import_diplomas",
                    _diploma_rows(data),
                    diploma_bulk,
                    run=run,
                    sources=sources,
                    type_labels=type_labels,
                ),
            ),
            _deferred(
                len(data.postbac.programmes),
                lambda: _node_chunks(
                    "import_programmes",
                    _programme_rows(data),
                    programme_bulk,
                    run=run,
                    source=psup,
                ),
            ),
            given(list(_chunks("import_adopt_seed_actors", adopted))),
            _lazy_chunks(
                "import_actors",
                establishments,
                lambda es: [_actor_row(e, places().get(e.uai, _NO_PLACES)) for e in es],
                actor_bulk,
                run=run,
                sources=sources,
                natures=natures,
            ),
            Later(built.nodes),
            given(job_statements(data.jobs, run, _jobs_source(data))),
            given(
                [
                    Statement(
                        "import_sweep_unmark", {"run": run, "clear": dict.fromkeys(IMPORT_PROPS)}
                    ),
                    Statement("import_sweep_delete", {"run": run}),
                    *_chunks("import_link_part_of", part_of, source=annuaire),
                    # the links from here on in bulk on FalkorDB, each ends query read once
                    *located_statements(
                        located,
                        [_actor_source(known[r["uai"]], sources) for r in located] if bulk else [],
                        bulk=bulk,
                        batch=BATCH,
                    ),
                ]
            ),
            Later(built.links),
            built.offers,
            _offer_part(offers, sources),
            _deferred(
                len(bulk_programme_offers),
                lambda: _bulk_programme_offers(bulk_programme_offers, known, psup_file, psup),
            ),
            _deferred(
                len(programme_offers),
                lambda: _chunks(
                    "import_link_programme_offers",
                    _programme_offer_rows(data, programme_offers),
                    file=psup_file,
                    source=psup,
                ),
            ),
            given(
                [
                    *renamed_statements(
                        renamed,
                        f"{bcn} (ANCIEN_DIPLOME_n / NOUVEAU_DIPLOME_n)",
                        bulk=bulk,
                        batch=BATCH,
                    ),
                    # where each establishment offers, for the gap reports: written with
                    # the actors, except seed actors' and the actors not imported
                    Statement("actors_offer_places_not_imported", {"run": run}),
                ]
            ),
        ]
    )

    written = {
        RelType.LOCATED_IN.value: len(located),
        RelType.PART_OF.value: len(part_of),
        RelType.OFFERS.value: len(data.offers) + len(programme_offers) + len(bulk_programme_offers),
        RelType.RENAMED_TO.value: len(renamed),
    }

    def counts() -> Counts:
        ids = built.ids()
        nodes = {
            label: _node_counts(state.nodes.get(label, {}), ks)
            for label, ks in {**keys, Label.PASSERELLE.value: ids}.items()
        }
        # the ROME job reference, replaced whole (import_clear_jobs): said when it is there
        jobs = [r["code"] for r in data.jobs]
        if jobs or state.nodes.get(Label.JOB.value):
            nodes[Label.JOB.value] = _node_counts(state.nodes.get(Label.JOB.value, {}), jobs)
        links = (RelType.FROM_DIPLOMA, RelType.TO_DIPLOMA, RelType.LEADS_TO)
        rels = {
            t: {"written": n, "previous": state.import_relationships.get(t, 0)}
            for t, n in {**written, **{t.value: len(ids) for t in links}}.items()
        }
        return nodes, rels

    return Plan(statements, counts, run, adopted, built.close)


def _jobs_source(data: ImportData) -> str:
    """The citation of the ROME job reference: rome.csv's, and metier.csv's when read."""
    files = (ROME_FILE, METIER_FILE)
    return "; ".join(data.citations[f] for f in files if f in data.citations)


def _node_counts(before: dict[str, tuple[bool, bool]], keys: list[str]) -> dict[str, int]:
    """What the import does to the nodes of one label: ``before``, the graph's (seed, imported)
    per key; ``keys``, the import's."""
    new = set(keys)
    return {
        "written": len(keys),
        "created": sum(1 for k in new if k not in before),
        "updated": sum(1 for k in new if k in before),
        "seed": sum(1 for k in new if before.get(k, (False, False))[0]),
        "deleted": sum(1 for k, (seed, imp) in before.items() if imp and not seed and k not in new),
    }


class _Reporting(Sequence[Statement]):
    """The statements, advancing a progress bar as the store consumes them (its total grows
    when a part known later, the passerelles, is known)."""

    def __init__(self, items: LazyStatements, progress: Progress) -> None:
        self._items = items
        self._progress = progress

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> Statement: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Statement]: ...
    def __getitem__(self, i: int | slice) -> Statement | Sequence[Statement]:
        return self._items[i]

    def __iter__(self) -> Iterator[Statement]:
        for st in self._items:
            yield st
            self._progress.total = self._items.known_rows
            self._progress.advance(len(st.params.get("rows", ())) or 1)


@contextmanager
def _no_gc() -> Iterator[None]:
    """An import allocates a few hundred thousand small objects and no cycles: the cyclic
    collector would rescan them again and again (a third of the parse time). They are freed
    by reference counting when the import returns; an object kept alive by a cycle would be
    collected when the collector is enabled again, inside the import's time (forked.Forked
    breaks its own on close)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(
    store: GraphStore,
    directory: Path | str,
    *,
    departements: Sequence[str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    strict: bool = False,
    max_rejected: float = MAX_REJECTED,
    as_of: date | None = None,
    parallel: bool = True,
    bulk: bool = True,
) -> ImportSummary:
    """Parse and validate every file, then write it all at once (or nothing, on any error).

    Rows with an unusable identifier, no name or a place abroad are left out and reported
    (``strict``: the first one stops the import); closures are judged on ``as_of`` (today by
    default); see :func:`plan.parse_directory` (and its ``parallel``). ``bulk``: the offers
    are written in bulk where the store can (FalkorDB, ``bulk_relationships``); False writes
    them with Cypher everywhere (the reference the bulk path is tested against)."""
    progress = progress or Silent()
    # the graph is copied for the write while the files are parsed (FalkorDB)
    with _no_gc(), nullcontext() if dry_run else store.preparing_write():
        return _run(
            store,
            Path(directory),
            departements,
            dry_run,
            progress,
            strict,
            max_rejected,
            as_of,
            parallel,
            bulk and bool(getattr(store, "bulk_relationships", False)),
        )


def _run(
    store: GraphStore,
    directory: Path,
    departements: Sequence[str] | None,
    dry_run: bool,
    progress: Progress,
    strict: bool,
    max_rejected: float,
    as_of: date | None,
    parallel: bool,
    bulk: bool,
) -> ImportSummary:
    t0 = time.perf_counter()
    # the graph's state read meanwhile (the server is idle during the parse, this process
    # mostly waits for its forked parsers); from the graph the background copy is taken of
    with ThreadPoolExecutor(1, thread_name_prefix="cmq-import-state") as reader:
        reading = reader.submit(read_state, store)
        data = parse_directory(
            directory,
            departements,
            progress=progress,
            strict=strict,
            max_rejected=max_rejected,
            as_of=as_of,
            parallel=parallel,
        )
        t1 = time.perf_counter()
        state = reading.result()
    encode = getattr(store, "encoded", None) if bulk and parallel and not dry_run else None
    plan = build_statements(data, state, bulk=bulk, encode=encode)
    try:
        return _write(store, data, state, plan, directory, dry_run, progress, t0, t1)
    finally:
        plan.close()


def _write(
    store: GraphStore,
    data: ImportData,
    state: GraphState,
    plan: Plan,
    directory: Path,
    dry_run: bool,
    progress: Progress,
    t0: float,
    t1: float,
) -> ImportSummary:
    t2 = time.perf_counter()
    timings = {"parse": t1 - t0, "plan": t2 - t1}
    if not dry_run:  # the passerelles' statements and counts are known once written
        store.ensure_schema()
        progress.step("écriture (un seul lot atomique)", plan.statements.known_rows)
        store.write_atomic(_Reporting(plan.statements, progress))
        progress.finish()
        timings["write"] = time.perf_counter() - t2
    summary = ImportSummary(
        directory=str(directory),
        departements=data.departements,
        dry_run=dry_run,
        files=data.reports,
        nodes=plan.nodes,
        relationships=plan.relationships,
        coverage=data.coverage,
        statements=len(plan.statements),
    )
    seeded = sum(
        1
        for uai in data.activity_uais
        if not data.establishments[uai].described and state.seeded(Label.ACTOR.value, uai)
    )
    summary.coverage.unknown_but_seeded = seeded
    summary.coverage.seed_actors_matched = len(plan.adopted)
    summary.timings = timings
    return summary
