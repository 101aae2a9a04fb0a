"""Network analytics that Cypher does badly: link prediction, centrality, bridges.

Pure functions over networkx graphs, graph first, keyword-only options. The graph layer builds
the graphs from query results (graph/gaps/); nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

__all__ = [
    "Suggestion",
    "brokers",
    "fragile_links",
    "suggest_links",
]


@dataclass(frozen=True)
class Suggestion:
    a: str
    b: str
    score: float
    shared: tuple[str, ...]  # the common neighbours that support the link


def suggest_links(
    G: nx.Graph,
    *,
    candidates: Iterable[str],
    exclude: Callable[[str, str], bool] | None = None,
    weight: Callable[[str, str], float] | None = None,
    limit: int = 20,
) -> list[Suggestion]:
    """Rank non-adjacent pairs of ``candidates`` by resource allocation over ``G``.

    Resource allocation (Zhou et al. 2009) sums ``1 / degree(z)`` over the common neighbours
    ``z`` of ``a`` and ``b``: sharing a rare sector or diploma counts more than sharing a common
    one. Pairs already linked, or refused by ``exclude(a, b)``, are skipped; ``weight(a, b)``
    scales a pair's score (e.g. to favour school–company pairs).

    >>> G = nx.Graph([("lycee", "usinage"), ("pme", "usinage"), ("lycee", "soudure"),
    ...               ("pme", "soudure"), ("autre", "soudure")])
    >>> ranked = suggest_links(G, candidates=["lycee", "pme", "autre"])
    >>> [(s.a, s.b, round(s.score, 2)) for s in ranked]
    [('lycee', 'pme', 0.83), ('autre', 'lycee', 0.33), ('autre', 'pme', 0.33)]
    """
    nodes = sorted(n for n in set(candidates) if n in G)
    out: list[Suggestion] = []
    for i, a in enumerate(nodes):
        na = set(G[a])
        for b in nodes[i + 1 :]:
            if b in na or (exclude is not None and exclude(a, b)):
                continue
            common = na & set(G[b])
            if not common:
                continue
            score = sum(1.0 / G.degree(z) for z in common if G.degree(z) > 0)
            if weight is not None:
                score *= weight(a, b)
            out.append(Suggestion(a, b, score, tuple(sorted(common))))
    out.sort(key=lambda s: (-s.score, s.a, s.b))
    return out[:limit]


def brokers(G: nx.Graph, *, top: int = 10) -> list[tuple[str, float]]:
    """Nodes with the highest betweenness centrality (normalised), ties by name.

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> brokers(G, top=1)
    [('b', 1.0)]
    """
    if G.number_of_nodes() < 3:
        return []
    bc = nx.betweenness_centrality(G, normalized=True)
    ranked = sorted(((n, v) for n, v in bc.items() if v > 0), key=lambda x: (-x[1], x[0]))
    return ranked[:top]


def fragile_links(G: nx.Graph) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """Bridges and articulation points, with how many nodes their loss would cut off.

    Returns ``(bridges, cut_nodes)``: each bridge ``(u, v, n)`` and cut node ``(x, n)`` where
    ``n`` is the size of the smallest part that would be separated.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> fragile_links(G)
    ([('c', 'd', 1)], [('c', 1)])
    """
    bridges: list[tuple[str, str, int]] = []
    for u, v in nx.bridges(G):
        H = G.copy()
        H.remove_edge(u, v)
        cut = min(len(nx.node_connected_component(H, u)), len(nx.node_connected_component(H, v)))
        a, b = sorted((u, v))
        bridges.append((a, b, cut))
    cuts: list[tuple[str, int]] = []
    for x in nx.articulation_points(G):
        H = G.copy()
        H.remove_node(x)
        comps = sorted((len(c) for c in nx.connected_components(H)), reverse=True)
        cuts.append((x, sum(comps[1:]) if len(comps) > 1 else 0))
    bridges.sort(key=lambda t: (-t[2], t[0], t[1]))
    cuts.sort(key=lambda t: (-t[1], t[0]))
    return bridges, cuts
