"""Section 5, suggested partnerships: pairs of actors to introduce, by link prediction."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from graph.analytics.link_analysis import suggest_links
from graph.campus_scope import own_field_ties
from graph.gaps.demand import sector_owners, training_by_sector
from graph.gaps.findings import (
    ECONOMIC,
    PAIR_LABELS,
    PAIR_RADIUS_KM,
    PAIR_WEIGHTS,
    RESEARCH,
    RESEARCH_RADIUS_KM,
    SCHOOLS,
    Finding,
    Row,
    actor_ref,
    levels_text,
    named_at,
)
from graph.gaps.rows import GapData
from graph.geo import haversine_km
from graph.nsf import GENERIC_GROUPS, field_code, nsf_name

if TYPE_CHECKING:  # imported where used: see graph/analytics/link_analysis.py
    import networkx as nx

__all__ = ["suggested_partnerships"]

FIELD = "Field:"  # a field of training's node in the link graph (an NSF group, graph/nsf.py)
# The source of an inferred passerelle between two schools: the rule matches the BCN's NSF
# groups of the two diplomas (docs/inferred-passerelles.md); cited as the BCN
INFERRED_SOURCE = (
    "opendata nFormationDiplome_.csv (groupes NSF des deux diplômes, passerelle déduite)"
)


def local_sectors(d: GapData) -> set[str]:
    """The sectors a territory's report may name: those no campus covers, and those of the
    territory's own campuses (``local_campuses``; the continuum section's rule). Another
    campus's filières still tie diplomas together for the link prediction, but are never said
    to be what two establishments of another territory share."""
    return {
        s["sector"]["id"]
        for s in d.sectors
        if not s.get("campuses") or set(s["campuses"]) & d.local_campuses
    }


def _graph(d: GapData, local: set[str]) -> nx.Graph:
    """The territory's actors and platforms, their links (graph/gaps/data.py: those with an end
    in the territory), the sectors they work on and those of the diplomas offered there: how
    rare a shared sector is, is judged within the territory. A school is linked to the sectors
    of the diplomas it offers rather than to the diplomas themselves: two schools offering the
    same diploma are competitors, not partners to introduce, while a school and a company meet
    on the filière they share.

    The sectors are the territory's own (``local``: its campuses' filières, those of no
    campus) and the fields of training (NSF groups, graph/nsf.py) of what its schools offer.
    Another campus's filières are left out: a seed ties the Mecanic Vallée's « Mécatronique »
    to national Bac pro and BTS codes, and every suggestion of the Nord, the Bouches-du-Rhône,
    the Ille-et-Vilaine or the Bas-Rhin rested on it (mechanics and electricity pairs only)."""
    import networkx as nx  # see TYPE_CHECKING above

    kept = {"PARTNERS_WITH", "HOSTS", "PART_OF", "WORKS_ON", "TRAINS_FOR"}
    edges: set[tuple[str, str]] = set()
    for e in d.edges:
        if e["type"] in kept:
            if e["target_label"] == "Sector" and e["target"] not in local:
                continue
            edges.add((f"{e['source_label']}:{e['source']}", f"{e['target_label']}:{e['target']}"))
    # each (actor, sector) and (diploma, sector) once, not once per offer
    sector_node = {sid: f"Sector:{sid}" for sid in local}
    for (aid, code), r in {(r["actor"]["id"], r["diploma"]["code"]): r for r in d.offers}.items():
        a, dip = f"Actor:{aid}", f"Diploma:{code}"
        for sid in r["sectors"]:
            if (z := sector_node.get(sid)) is not None:
                edges.add((a, z))
                edges.add((dip, z))
        # a group heading a whole area (« Services (plusieurs spécialités) », 300) is no field
        # two establishments share: it was named as what a pair had in common
        if nsf_name(nsf := r["diploma"].get("nsf")) and nsf not in GENERIC_GROUPS:
            z = f"{FIELD}{nsf}"
            edges.add((a, z))
            edges.add((dip, z))
    G = nx.Graph()
    G.add_edges_from(edges)
    return G


# The most a pair can weigh, by the groups of its two kinds (kinds_type below): the pairs
# are judged from the best they could reach down (graph/analytics/link_analysis.py); two
# companies, or two research bodies, are never suggested.
GROUP_WEIGHTS = {
    ("economic", "school"): PAIR_WEIGHTS["economic-school"],
    ("school", "research"): PAIR_WEIGHTS["school-research"],
    ("economic", "research"): PAIR_WEIGHTS["economic-research"],
    ("school", "school"): PAIR_WEIGHTS["school-continuation"],
}


def _field_tied(d: GapData, sector: str | None) -> list[tuple[str, str]]:
    """The links of the asked filière of the territory tied to its training by its NSF groups
    only (graph.campus_scope.own_field_ties) with the schools and diplomas of that training,
    as the rest of the report counts it (graph.gaps.demand.training_by_sector): no campus
    record ties a diploma to it, so the graph held none, and « Énergies » asked in the
    Seine-Maritime had no pair beside a note that no pair shares a field. None without a
    filière asked (the report of every filière is as before), or for another territory's
    (``basis``: graph/gaps/foreign.py)."""
    if not sector or d.basis is not None:
        return []
    row = next((s for s in d.sectors if s["sector"]["id"] == sector), None)
    if row is None or not own_field_ties(row["sector"]):
        return []
    rows = training_by_sector(d.offers, [row["sector"]], sector_owners(d.sectors))
    z = f"Sector:{sector}"
    return sorted(
        {(f"Actor:{r['actor']['id']}", z) for r in rows.get(sector, ())}
        | {(f"Diploma:{r['diploma']['code']}", z) for r in rows.get(sector, ())}
    )


def _group(kind: str) -> str:
    return "economic" if kind in ECONOMIC else "school" if kind in SCHOOLS else "research"


def suggested_partnerships(
    d: GapData, *, limit: int = 50, sector: str | None = None
) -> list[Finding]:
    """Pairs of actors of the territory to introduce: link prediction (resource allocation)
    weighted by the kind of pair, within PAIR_RADIUS_KM (50 km; 120 km for a pair with a
    lab), resting on a filière, a field of training or a platform in common, never two
    partners already; with a filière asked (``sector``: a campus's, or a field ``nsf-…``),
    the pairs that share it."""
    local = local_sectors(d)
    G = _graph(d, local)
    G.add_edges_from(_field_tied(d, sector))
    info = {f"{a['label']}:{a['id']}": a for a in d.actors}
    candidates = [
        n
        for n, a in info.items()
        if a["id"] in d.inside_ids
        and a["label"] == "Actor"
        and a["kind"] in SCHOOLS | RESEARCH | ECONOMIC
        # no directory names it (its place unknown, graph/ingest/opendata/unnamed.py): a
        # manager could not tell whom to introduce, nor whether it is within reach
        and a.get("described") is not False
    ]
    partnered: dict[str, set[str]] = defaultdict(set)
    for e in d.edges:
        if e["type"] == "PARTNERS_WITH":
            partnered[e["source"]].add(e["target"])
            partnered[e["target"]].add(e["source"])
    levels: dict[str, set[int]] = defaultdict(set)
    offered: dict[str, set[str]] = defaultdict(set)
    where: dict[str, str | None] = {}
    for r in d.offers:
        offered[r["actor"]["id"]].add(r["diploma"]["code"])
        where.setdefault(r["actor"]["id"], r["offer"].get("departement"))
        if r["diploma"].get("level"):
            levels[r["actor"]["id"]].add(r["diploma"]["level"])
    nexts = d.steps()
    nothing: set[str] = set()
    # a common first year leads to its own programme, not to the next level: two schools
    # are not « one training for the next level of the other » on that leg alone (the
    # Creuse's only suggestion rested on a 2de commune, said « (passerelle) »)
    diplomas = {r["diploma"]["code"]: r["diploma"] for r in d.offers}
    common = {code for code, dip in diplomas.items() if d.common_year(dip)}
    closed = {code for code, dip in diplomas.items() if dip.get("closed")}
    nsf = {code: dip.get("nsf") for code, dip in diplomas.items()}
    # What x's diplomas lead to, made once per x when first asked (continues and follows are
    # asked of thousands of pairs, a few hundred establishments): ``beyond``, the diplomas
    # x does not offer; ``steps``, every passerelle (c, t) of x by target, best first.
    beyond: dict[str, set[str]] = {}
    steps: dict[str, dict[str, list[tuple[bool, bool, str, str]]]] = {}

    def leads_to(x: str) -> set[str]:
        if (got := beyond.get(x)) is None:
            codes = offered.get(x, nothing)
            at = where.get(x)
            # a broad inferred leg (« services aux personnes ») is no ground: rows.broad_match
            got = beyond[x] = set().union(*(nexts.firm_at(c, at) for c in codes - common)) - codes
        return got

    def continues(x: str, y: str) -> bool:
        """Some diploma of x leads to a diploma that y offers and x does not."""
        return not leads_to(x).isdisjoint(offered.get(y, nothing))

    by_kinds: dict[tuple[str, str], str | None] = {}

    def kinds_type(ka: str, kb: str) -> str | None:
        """The pair type their kinds alone give; None: two schools (it depends on what they
        offer)."""
        for one, other in ((ka, kb), (kb, ka)):
            if one in ECONOMIC and other in SCHOOLS:
                return "economic-school"
            if one in SCHOOLS and other in RESEARCH:
                return "school-research"
            if one in ECONOMIC and other in RESEARCH:
                return "economic-research"
        return None if ka in SCHOOLS and kb in SCHOOLS else ""

    def pair_type(a: Row, b: Row) -> str:
        key = (a["kind"], b["kind"])
        if key not in by_kinds:
            by_kinds[key] = kinds_type(*key)
        kind = by_kinds[key]
        if kind is not None:
            return kind
        if continues(a["id"], b["id"]) or continues(b["id"], a["id"]):
            return "school-continuation"
        return ""

    kinds: dict[tuple[str, str], str] = {}  # the pair types found by exclude, for weight

    def exclude(x: str, y: str) -> bool:
        a, b = info[x], info[y]
        # the pair's type first: it refuses most pairs (two schools that do not follow on
        # from one another) and costs a lookup or two, not a distance
        kind = pair_type(a, b)
        if not kind or b["id"] in partnered.get(a["id"], nothing):
            return True
        if None not in (a.get("lat"), b.get("lat")):
            radius = PAIR_RADIUS_KM[kind]  # a pair with a lab: farther (findings.py)
            if abs(a["lat"] - b["lat"]) * 111.0 > radius:
                return True  # a degree of latitude is more than 111 km: farther, surely
            km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
            # two schools on one site are usually one cité scolaire (LGT + LP)
            same_site = km < 1.0 and a["kind"] in SCHOOLS and b["kind"] in SCHOOLS
            if km > radius or same_site:
                return True
        kinds[(x, y)] = kind
        return False

    names = {
        **{f"{a['label']}:{a['id']}": a["name"] for a in d.actors},
        **{f"Sector:{x['sector']['id']}": x["sector"]["name"] for x in d.sectors},
        **{f"Diploma:{r['diploma']['code']}": r["diploma"]["name"] for r in d.offers},
        **{
            f"{FIELD}{c}": f"domaine « {name} »"
            for r in d.offers
            if (name := nsf_name(c := r["diploma"].get("nsf")))
        },
    }
    ranked = suggest_links(
        G,
        candidates=candidates,
        exclude=exclude,
        limit=limit * 4,
        weight=lambda x, y: PAIR_WEIGHTS[kinds.get((x, y)) or pair_type(info[x], info[y])],
        groups={x: _group(info[x]["kind"]) for x in candidates},
        max_weight=GROUP_WEIGHTS,
        # exclude refuses two places more than a degree of latitude (111 km) per 111 km of
        # the radius apart: those pairs are not scored (a whole country's were 2.2 million,
        # sorted and walked for nothing at national size, docs/performance.md, edit19); the
        # margin leaves the pairs at the edge to exclude
        positions={x: lat for x in candidates if (lat := info[x].get("lat")) is not None},
        span=RESEARCH_RADIUS_KM / 111.0 + 1e-6,  # the widest radius of a pair type
    )
    # a suggestion must rest on something the pair does: a filière, a field of training or a
    # platform in common (the filière asked, if any)
    code = field_code(sector)
    wanted = (
        (f"{FIELD}{code}",)
        if code
        else (f"Sector:{sector}",)
        if sector
        else ("Sector:", FIELD, "Platform:")
    )
    ranked = [s for s in ranked if any(z.startswith(wanted) for z in s.shared)]
    diploma_names = {c: dip["name"] for c, dip in diplomas.items()}

    def steps_of(x: str) -> dict[str, list[tuple[bool, bool, str, str]]]:
        """x's passerelles (c, t) by target t, each list in the order follows prefers."""
        if (got := steps.get(x)) is None:
            got = {}
            at = where.get(x)
            for c in offered.get(x, nothing) - common:  # a 2de commune leads to its Bac pro
                for t in nexts.firm_at(c, at):
                    if t != c:
                        got.setdefault(t, []).append(
                            (c in closed or t in closed, t in common, c, t)
                        )
            for ways in got.values():
                ways.sort()
            steps[x] = got
        return got

    def follows(x: str, y: str, fields: set[str] | None) -> tuple[str, str] | None:
        """A diploma of x leading to one y offers: with ``fields`` (NSF groups), within them
        only (the field the pair shares: not a passerelle of management between two schools
        brought together by mechanics); one the BCN has not closed, a whole programme rather
        than a common first year, where there is one (then the first by code)."""
        mine = steps_of(x)
        best = min(
            (
                way
                for t in mine.keys() & offered.get(y, nothing)
                for way in mine[t]
                if fields is None or {nsf.get(way[2]), nsf.get(t)} <= fields
            ),
            default=None,
        )
        return (best[2], best[3]) if best else None

    source_of = {
        (r["actor"]["id"], r["diploma"]["code"]): r["offer"].get("source") for r in d.offers
    }

    def pair_sources(a: Row, b: Row, step: tuple[str, str] | None) -> list[str]:
        """What the reason rests on: for two schools that follow each other, the files listing
        the two offers of the passerelle and the passerelle's own source (its document, or for
        an inferred one the BCN's groups it is matched on); else what describes the two actors
        (a campus's files, for their filières, partners and platforms). The actors' directory
        (« Parcoursup » for a lycée the extract names) is not the link's source."""
        if step is None:
            return [x for x in (a.get("source"), b.get("source")) if x]
        c, t = step
        got: list[str | None] = []
        for x, y in ((a, b), (b, a)):
            if (x["id"], c) in source_of and (y["id"], t) in source_of:
                got += [source_of[(x["id"], c)], source_of[(y["id"], t)]]
                break
        got += nexts.cited.get((c, t)) or [INFERRED_SOURCE]
        return list(dict.fromkeys(z for z in got if z))

    out: list[Finding] = []
    for s in ranked:
        if len(out) >= limit:
            break
        a, b = info[s.a], info[s.b]
        kind = pair_type(a, b)
        shared = list(s.shared)
        step = None
        if kind == "school-continuation":
            # two schools are suggested for a passerelle between them in a field they share
            # (or the filière asked); another ground (a campus filière, a platform, a partner
            # in common) lets any passerelle between them do
            fields = {code} if code else {z[len(FIELD) :] for z in shared if z.startswith(FIELD)}
            step = follows(a["id"], b["id"], fields) or follows(b["id"], a["id"], fields)
            if step is None and not any(not z.startswith(FIELD) for z in shared):
                continue
            step = step or follows(a["id"], b["id"], None) or follows(b["id"], a["id"], None)
            # the field named is the passerelle's, not every field both happen to teach
            theirs = {f"{FIELD}{nsf.get(c)}" for c in step or ()}
            shared = [z for z in shared if not z.startswith(FIELD) or z in theirs]
        if not any(z.startswith(wanted) for z in shared):
            continue
        shared_names = [names.get(z) or z.partition(":")[2] for z in shared]
        km = (
            haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
            if None not in (a.get("lat"), b.get("lat"))
            else None
        )
        la, lb = sorted(levels[a["id"]]), sorted(levels[b["id"]])
        bits = []
        if kind == "school-continuation":
            bits.append(
                "l'un forme au niveau suivant de l'autre"
                + (
                    f" (passerelle {diploma_names.get(step[0], step[0])} → "
                    f"{diploma_names.get(step[1], step[1])})"
                    if step
                    else ""
                )
            )
        elif la and lb and la != lb:
            bits.append(f"niveaux complémentaires ({levels_text(la)} / {levels_text(lb)})")
        if km is not None:
            bits.append(f"à {km:.0f} km l'un de l'autre")
        common_text = (
            f", avec pour points communs : {', '.join(shared_names[:4])}" if shared_names else ""
        )
        out.append(
            Finding(
                id=f"suggest:{a['id']}:{b['id']}",
                title=(
                    f"{named_at(a['name'], a.get('commune'), a.get('commune_from'))} ↔ "
                    f"{named_at(b['name'], b.get('commune'), b.get('commune_from'))}"
                ),
                why=f"{PAIR_LABELS[kind]}, sans partenariat recensé{common_text}"
                + "".join(f" ; {x}" for x in bits)
                + ".",
                severity="medium" if s.score >= 0.25 else "low",
                nodes=[actor_ref(a), actor_ref(b)],
                data={
                    "a": a["id"],
                    "b": b["id"],
                    # the section's order, for people (the score is for machines only: a
                    # « score : 0,01 » tells a manager nothing)
                    "rank": len(out) + 1,
                    "score": round(s.score, 3),
                    "method": "resource_allocation",
                    "pair": kind,
                    "shared": shared,
                    "distance_km": None if km is None else round(km, 1),
                    "levels_a": la,
                    "levels_b": lb,
                },
                sources=pair_sources(a, b, step),
            )
        )
    return out
