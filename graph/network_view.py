"""A campus as nodes and edges, for the network view and map clients (Cytoscape-friendly)."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from graph.departements import InseeDepartement
from graph.diploma_names import display_name
from graph.errors import NotFound
from graph.store import GraphStore


class NetNode(BaseModel):
    id: str = Field(
        description="Unique across types: 'campus:…', 'actor:…', 'platform:…', 'diploma:…'."
    )
    type: str = Field(description="campus, actor, platform or diploma")
    key: str = Field(description="The id or code in its own type (for /actors/{id} etc.).")
    label: str
    kind: str | None = None
    level: int | None = None
    role: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(
        default=None, description="As an actor's: `coordinates` means « près de » the commune."
    )
    departement: InseeDepartement | None = None
    lat: float | None = None
    lon: float | None = None
    degree: int = 0


class NetEdge(BaseModel):
    id: str
    source: str
    target: str
    type: str = Field(description="MEMBER_OF, OFFERS, PARTNERS_WITH, HOSTS, PART_OF, LEADS_TO")
    kind: str | None = None
    status: str | None = None


class Network(BaseModel):
    campus: str
    total_nodes: int
    total_edges: int
    offset: int
    limit: int
    truncated: bool
    nodes: list[NetNode]
    edges: list[NetEdge]


def campus_network(
    store: GraphStore,
    campus: str,
    *,
    kinds: set[str] | None = None,
    sector: str | None = None,
    include_diplomas: bool = True,
    offset: int = 0,
    limit: int = 500,
) -> Network:
    rows = store.read("campus_exists", id=campus)
    if not rows:
        raise NotFound("campus", campus)
    nodes: dict[str, NetNode] = {}
    edges: list[NetEdge] = []
    cid = f"campus:{campus}"
    nodes[cid] = NetNode(
        id=cid,
        type="campus",
        key=campus,
        label=rows[0].get("short_name") or rows[0].get("name") or campus,
    )
    sectors: dict[str, set[str]] = {}
    if sector:
        for r in store.read("network_sectors", campus=campus):
            sectors.setdefault(r["id"], set()).add(r["sector"])
    for r in store.read("network_nodes", campus=campus):
        kind = r["kind"]
        if kinds and kind not in kinds:
            continue
        if sector and sector not in sectors.get(r["id"], set()):
            continue
        t = "actor" if r["label"] == "Actor" else "platform"
        nid = f"{t}:{r['id']}"
        nodes[nid] = NetNode(
            id=nid,
            type=t,
            key=r["id"],
            label=r["name"],
            kind=kind,
            role=r["role"],
            commune=r["commune"],
            commune_from=r.get("commune_from"),
            departement=r["departement"],
            lat=r["lat"],
            lon=r["lon"],
        )
        if r["role"]:
            edges.append(
                NetEdge(id=f"m:{nid}", source=nid, target=cid, type="MEMBER_OF", kind=r["role"])
            )
    for r in store.read("network_links", campus=campus):
        s = f"actor:{r['source']}"
        t = f"{'actor' if r['target_label'] == 'Actor' else 'platform'}:{r['target']}"
        if s in nodes and t in nodes:
            edges.append(
                NetEdge(
                    id=f"{r['type'][:2].lower()}:{s}>{t}:{len(edges)}",
                    source=s,
                    target=t,
                    type=r["type"],
                    kind=r["kind"],
                    status=r["status"],
                )
            )
    if include_diplomas:
        codes: set[str] = set()
        for r in store.read("network_offers", campus=campus):
            a = f"actor:{r['actor']}"
            if a not in nodes:
                continue
            did = f"diploma:{r['code']}"
            nodes.setdefault(
                did,
                NetNode(
                    id=did,
                    type="diploma",
                    key=r["code"],
                    label=display_name(r),
                    kind=r["type"],
                    level=r["level"],
                ),
            )
            codes.add(r["code"])
            edges.append(
                NetEdge(
                    id=f"o:{a}>{did}:{r['modality']}",
                    source=a,
                    target=did,
                    type="OFFERS",
                    kind=r["modality"],
                    status=r["status"],
                )
            )
        if codes:
            for r in store.read("network_passerelles", codes=sorted(codes)):
                s, t = f"diploma:{r['source']}", f"diploma:{r['target']}"
                edges.append(
                    NetEdge(
                        id=f"l:{s}>{t}:{r['passerelle']}",
                        source=s,
                        target=t,
                        type="LEADS_TO",
                        kind=r["kind"],
                        status=r["origin"],
                    )
                )
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    for n in nodes.values():
        n.degree = degree[n.id]
    ordered = sorted(nodes.values(), key=lambda n: (n.type != "campus", -n.degree, n.label))
    page = ordered[offset : offset + limit]
    kept = {n.id for n in page}
    page_edges = [e for e in edges if e.source in kept and e.target in kept]
    return Network(
        campus=campus,
        total_nodes=len(nodes),
        total_edges=len(edges),
        offset=offset,
        limit=limit,
        truncated=len(page) < len(nodes),
        nodes=page,
        edges=page_edges,
    )
