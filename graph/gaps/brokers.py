"""Section 6, brokers and fragile links: central actors, bridges and articulation points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.analytics.link_analysis import brokers, fragile_links
from graph.gaps.findings import Finding, NodeRef
from graph.gaps.rows import GapData

if TYPE_CHECKING:  # imported where used: see graph/analytics/link_analysis.py
    import networkx as nx

__all__ = ["NETWORK", "actor_network", "brokers_and_fragile_links"]

NETWORK = ("PARTNERS_WITH", "HOSTS", "PART_OF")  # the links of the actors' network
# A section or annex and its establishment (PART_OF, from the national directory) are one
# actor: their link is administrative, no partnership whose loss would cut anyone off.
STRUCTURAL = ("PART_OF",)
# An actor on fewer than 1 in 100 of the shortest paths between the network's actors is no
# pivot (a large network's top ten can be that low): not listed, rather than « sur 0 % ».
MIN_PIVOT_SHARE = 0.01


def brokers_and_fragile_links(d: GapData) -> list[Finding]:
    """In the network of the territory's actors (partnerships, hosting, parts, agreements):
    the most central actors, and the links and actors whose loss would cut it."""
    info = {a["id"]: a for a in d.actors}
    G = actor_network(d)
    out = []
    for node, value in brokers(G, top=10):
        if value < MIN_PIVOT_SHARE:
            continue
        a = info[node]
        out.append(
            Finding(
                id=f"broker:{node}",
                title=a["name"],
                why=(
                    f"Acteur pivot : il est sur {_percent(value)} des plus courts chemins entre "
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
    import networkx as nx  # see TYPE_CHECKING above

    bridges, cuts = fragile_links(G)
    # a pair linked to nothing else (two bodies cited together) is no network whose parts a
    # link holds together: its one link is not said to be fragile
    pairs = {frozenset(c) for c in nx.connected_components(G) if len(c) == 2}
    bridges = [b for b in bridges if frozenset(b[:2]) not in pairs]
    for u, v, n in bridges[:10]:
        out.append(
            Finding(
                id=f"bridge:{u}:{v}",
                title=f"{info[u]['name']} — {info[v]['name']}",
                why=(
                    f"Lien fragile : c'est le seul chemin entre ces deux parties du réseau ; "
                    f"le perdre couperait {_actors(n)} du reste."
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
                    f"Point d'articulation : sans cet acteur, {_actors(n)} "
                    f"{'serait coupé' if n == 1 else 'seraient coupés'} du reste du réseau."
                ),
                severity="medium" if n > 1 else "low",
                nodes=[NodeRef(type=info[x]["label"].lower(), key=x, name=info[x]["name"])],
                data={"kind": "articulation_point", "cut_off": n},
            )
        )
    return out


def actor_network(d: GapData) -> nx.Graph:
    """The network of the territory's actors (partnerships, hosting, agreements), each
    establishment with its own sections and annexes as one node: the establishment's.

    >>> d = GapData(inside_ids={"lp", "sep", "annexe"}, edges=[
    ...     {"type": "PART_OF", "source": "sep", "target": "lp"},
    ...     {"type": "PART_OF", "source": "annexe", "target": "lp"}])
    >>> actor_network(d).number_of_nodes()
    0
    >>> d.inside_ids.add("firm")
    >>> d.edges.append({"type": "PARTNERS_WITH", "source": "firm", "target": "sep"})
    >>> sorted(actor_network(d).edges())
    [('firm', 'lp')]
    """
    import networkx as nx  # see TYPE_CHECKING above

    inside = d.inside_ids
    parts = nx.DiGraph()  # section -> its establishment, both of the territory
    for e in d.edges:
        if e["type"] in STRUCTURAL and e["source"] in inside and e["target"] in inside:
            parts.add_edge(e["source"], e["target"])
    # a section or annex -> the establishment it belongs to (the top of its chain)
    one: dict[str, str] = {}
    for group in nx.weakly_connected_components(parts):
        tops: list[str] = sorted(n for n in group if parts.out_degree(n) == 0) or sorted(group)
        one.update({n: tops[0] for n in group})

    def actor(x: str) -> str:
        return one.get(x, x)

    G = nx.Graph()
    for e in d.edges:
        if e["type"] not in NETWORK or e["type"] in STRUCTURAL:
            continue
        if e["source"] in inside and e["target"] in inside:
            u, v = actor(e["source"]), actor(e["target"])
            if u != v:
                G.add_edge(u, v)
    for ag in d.agreements:
        parties = sorted({actor(p) for p in ag["parties"] if p in inside})
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                G.add_edge(a, b)
    return G


def _percent(share: float) -> str:
    """A share as French writes it, a space before the sign.

    >>> _percent(0.237), _percent(0.01), _percent(1.0)
    ('24 %', '1 %', '100 %')
    """
    return f"{round(share * 100)} %"


def _actors(n: int) -> str:
    return f"{n} acteur" if n == 1 else f"{n} acteurs"
