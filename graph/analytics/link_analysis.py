"""Network analytics that Cypher does badly: link prediction, centrality, bridges.

Pure functions over networkx graphs, graph first, keyword-only options. The graph layer builds
the graphs from query results (graph/gaps/); nothing here touches a database.
"""

from __future__ import annotations

import heapq
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
    max_weight: float = 1.0,
    limit: int = 20,
) -> list[Suggestion]:
    """Rank non-adjacent pairs of ``candidates`` by resource allocation over ``G``.

    Resource allocation (Zhou et al. 2009) sums ``1 / degree(z)`` over the common neighbours
    ``z`` of ``a`` and ``b``: sharing a rare sector or diploma counts more than sharing a common
    one. Pairs already linked, or refused by ``exclude(a, b)``, are skipped; ``weight(a, b)``
    scales a pair's score (e.g. to favour school–company pairs) and must not exceed
    ``max_weight``.

    >>> G = nx.Graph([("lycee", "usinage"), ("pme", "usinage"), ("lycee", "soudure"),
    ...               ("pme", "soudure"), ("autre", "soudure")])
    >>> ranked = suggest_links(G, candidates=["lycee", "pme", "autre"])
    >>> [(s.a, s.b, round(s.score, 2)) for s in ranked]
    [('lycee', 'pme', 0.83), ('autre', 'lycee', 0.33), ('autre', 'pme', 0.33)]
    """
    nodes = sorted(n for n in set(candidates) if n in G)
    # The pairs are many (every two candidates of a territory, ~190 000 for a campus at
    # national size) and ``exclude`` and ``weight`` are the costly part. So the unweighted
    # scores come first; the pairs are then judged from the highest score down, and the walk
    # stops once no pair left can enter the best ``limit`` (its score times ``max_weight`` is
    # below the limit-th best found): the same answer as judging every pair.
    nbrs = {n: set(G[n]) for n in nodes}
    degree: dict[str, int] = {}
    raw: list[tuple[float, str, str, set[str]]] = []
    for i, a in enumerate(nodes):
        na = nbrs[a]
        for b in nodes[i + 1 :]:
            if b in na:
                continue
            common = na & nbrs[b]
            if not common:
                continue
            for z in common:
                if z not in degree:
                    degree[z] = G.degree(z)
            raw.append((sum(1.0 / degree[z] for z in common if degree[z] > 0), a, b, common))
    raw.sort(key=lambda t: -t[0])
    found: list[tuple[float, str, str, set[str]]] = []
    kept: list[float] = []  # the best ``limit`` scores so far (a min-heap)
    for score, a, b, common in raw:
        if len(kept) >= limit and kept[0] > score * max_weight:
            break
        if exclude is not None and exclude(a, b):
            continue
        if weight is not None:
            score *= weight(a, b)
        found.append((-score, a, b, common))
        if len(kept) < limit:
            heapq.heappush(kept, score)
        elif score > kept[0]:
            heapq.heapreplace(kept, score)
    best = heapq.nsmallest(limit, found, key=lambda t: (t[0], t[1], t[2]))
    return [Suggestion(a, b, -neg, tuple(sorted(common))) for neg, a, b, common in best]


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
