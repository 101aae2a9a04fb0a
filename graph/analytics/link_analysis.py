"""Network analytics that Cypher does badly: link prediction, centrality, bridges.

Pure functions over networkx graphs, graph first, keyword-only options. The graph layer builds
the graphs from query results (graph/gaps/); nothing here touches a database.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx and numpy are imported where they are used (_nx): a worker
    # that computes no gap report (most answer pathway questions) does not carry their
    # ~20 and ~16 MB (docs/performance.md, « Memory »)
    import networkx as nx
    import numpy as np
    import numpy.typing as npt

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
    max_weight: float | Mapping[tuple[str, str], float] = 1.0,
    groups: Mapping[str, str] | None = None,
    limit: int = 20,
) -> list[Suggestion]:
    """Rank non-adjacent pairs of ``candidates`` by resource allocation over ``G``.

    Resource allocation (Zhou et al. 2009) sums ``1 / degree(z)`` over the common neighbours
    ``z`` of ``a`` and ``b``: sharing a rare sector or diploma counts more than sharing a common
    one. Pairs already linked, or refused by ``exclude(a, b)``, are skipped; ``weight(a, b)``
    scales a pair's score (e.g. to favour school–company pairs) and must not exceed
    ``max_weight``: one bound for every pair, or with ``groups`` (candidate -> group) a bound
    per pair of groups, ``max_weight[(group of a, group of b)]`` in either order; a pair of
    groups without a bound is never suggested. In each pair, ``a`` sorts before ``b``.

    >>> import networkx as nx
    >>> G = nx.Graph([("lycee", "usinage"), ("pme", "usinage"), ("lycee", "soudure"),
    ...               ("pme", "soudure"), ("autre", "soudure")])
    >>> ranked = suggest_links(G, candidates=["lycee", "pme", "autre"])
    >>> [(s.a, s.b, round(s.score, 2)) for s in ranked]
    [('lycee', 'pme', 0.83), ('autre', 'lycee', 0.33), ('autre', 'pme', 0.33)]
    >>> lycees = {"lycee": "school", "autre": "school", "pme": "company"}
    >>> ranked = suggest_links(G, candidates=["lycee", "pme", "autre"], groups=lycees,
    ...                        max_weight={("school", "company"): 1.0})
    >>> [(s.a, s.b) for s in ranked]
    [('lycee', 'pme'), ('autre', 'pme')]
    """
    import numpy as np  # here, not at the top: a worker that computes no gap report (most
    # answer pathway questions) does not carry its ~16 MB (docs/performance.md, « Memory »)

    nodes = sorted(n for n in set(candidates) if n in G)
    n = len(nodes)
    keys, scores, first = _pair_scores(G, nodes)
    if not len(keys):
        return []  # no two candidates share a neighbour
    # ``exclude`` and ``weight`` are the costly part. So each pair gets the best score it
    # could reach (its score times the bound of its weight); the pairs are judged from the
    # best reachable down, and the walk stops once none left can enter the best ``limit``:
    # the same answer as judging every pair, with far fewer judged when the bounds differ
    # by group (a pair of schools weighs 0.3, a school and a company 1.5: graph/gaps/).
    if not isinstance(max_weight, Mapping):
        reach = scores * max_weight
    elif groups is None:
        raise TypeError("max_weight per pair of groups needs groups")
    else:
        names = sorted({groups[x] for x in nodes})
        gid = np.array([names.index(groups[x]) for x in nodes], dtype=np.int64)
        bound = np.array(
            [[max_weight.get((g, h), max_weight.get((h, g), 0.0)) for h in names] for g in names],
            dtype=np.float64,
        )
        reach = scores * bound[gid[keys // n], gid[keys % n]]
        kept_pairs = reach > 0
        keys, scores, first, reach = (
            keys[kept_pairs],
            scores[kept_pairs],
            first[kept_pairs],
            reach[kept_pairs],
        )
    # from the best reachable down; at equal bounds, in the order the pairs were first met
    # (the order of a stable sort of the pairs as the neighbours list them)
    order = np.lexsort((first, -reach))
    nbrs = [set(G[x]) for x in nodes]
    found: list[tuple[float, str, str]] = []
    kept: list[float] = []  # the best ``limit`` scores so far (a min-heap)
    for best, key, score in _walk(order, reach, keys, scores):
        if len(kept) >= limit and kept[0] > best:
            break
        i, j = divmod(key, n)
        a, b = nodes[i], nodes[j]
        if b in nbrs[i] or (exclude is not None and exclude(a, b)):
            continue
        if weight is not None:
            score *= weight(a, b)
        found.append((-score, a, b))
        if len(kept) < limit:
            heapq.heappush(kept, score)
        elif score > kept[0]:
            heapq.heapreplace(kept, score)
    ranked = heapq.nsmallest(limit, found)
    index = {x: i for i, x in enumerate(nodes)}
    return [
        Suggestion(a, b, -neg, tuple(sorted(nbrs[index[a]] & nbrs[index[b]])))
        for neg, a, b in ranked
    ]


def _pair_scores(
    G: nx.Graph, nodes: list[str]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Resource allocation of every two ``nodes`` with a common neighbour: each pair as
    ``i * len(nodes) + j`` (``i < j``), its score, and where it was first met.

    Only pairs with a common neighbour score above zero: each neighbour ``z`` gives
    ``1 / degree(z)`` to every two nodes around it (an inverted index: only pairs at distance
    2 are visited, ~290 000 shares for the largest campus at national size). The shares are
    added in numpy (a tenth of the time of a dict of pairs in Python) but in the same order
    as before, the neighbours sorted: ``bincount`` adds a pair's shares in the order given,
    so a pair's sum is the same float as a loop adding them in that order."""
    import numpy as np  # see suggest_links

    n = len(nodes)
    around: dict[str, list[int]] = {}
    for i, x in enumerate(nodes):
        for z in G[x]:
            around.setdefault(z, []).append(i)
    pairs: list[npt.NDArray[np.int64]] = []
    shares: list[npt.NDArray[np.float64]] = []
    for z in sorted(around):
        members = around[z]
        if len(members) < 2:
            continue
        m = np.array(members, dtype=np.int64)
        low, high = np.triu_indices(len(members), 1)  # (0, 1), (0, 2)..., (1, 2)...
        pairs.append(m[low] * n + m[high])
        shares.append(np.full(len(low), 1.0 / G.degree(z)))
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.intp)
    keys, first, where = np.unique(np.concatenate(pairs), return_index=True, return_inverse=True)
    sums = np.bincount(where, weights=np.concatenate(shares), minlength=len(keys))
    return keys, sums.astype(np.float64, copy=False), first


def _walk(
    order: npt.NDArray[np.intp],
    reach: npt.NDArray[np.float64],
    keys: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    chunk: int = 4096,
) -> Iterator[tuple[float, int, float]]:
    """(best reachable, pair, score) in ``order``, as Python numbers, a chunk at a time: the
    walk usually stops after a few thousand of the ~190 000 pairs."""
    for start in range(0, len(order), chunk):
        part = order[start : start + chunk]
        yield from zip(
            reach[part].tolist(), keys[part].tolist(), scores[part].tolist(), strict=True
        )


def brokers(G: nx.Graph, *, top: int = 10) -> list[tuple[str, float]]:
    """Nodes with the highest betweenness centrality (normalised), ties by name.

    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> brokers(G, top=1)
    [('b', 1.0)]
    """
    import networkx as nx  # see TYPE_CHECKING above

    if G.number_of_nodes() < 3:
        return []
    bc = nx.betweenness_centrality(G, normalized=True)
    ranked = sorted(((n, v) for n, v in bc.items() if v > 0), key=lambda x: (-x[1], x[0]))
    return ranked[:top]


def fragile_links(G: nx.Graph) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """Bridges and articulation points, with how many nodes their loss would cut off.

    Returns ``(bridges, cut_nodes)``: each bridge ``(u, v, n)`` and cut node ``(x, n)`` where
    ``n`` is the size of the smallest part that would be separated.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> fragile_links(G)
    ([('c', 'd', 1)], [('c', 1)])
    """
    import networkx as nx  # see TYPE_CHECKING above

    # The parts are counted by walking the graph around the link or node left out, not on a
    # copy of the graph per bridge and per cut node (a copy each was most of this function).
    bridges: list[tuple[str, str, int]] = []
    for u, v in nx.bridges(G):
        cut = min(_reach(G, u, without_edge=(u, v)), _reach(G, v, without_edge=(u, v)))
        a, b = sorted((u, v))
        bridges.append((a, b, cut))
    component_of: dict[str, int] = {}
    sizes: list[int] = []
    for i, comp in enumerate(nx.connected_components(G)):
        sizes.append(len(comp))
        component_of.update(dict.fromkeys(comp, i))
    cuts: list[tuple[str, int]] = []
    for x in nx.articulation_points(G):
        # the parts of the graph without x: x's component falls apart, the others stay
        parts, seen = [], {x}
        for y in G[x]:
            if y not in seen:
                parts.append(_reach(G, y, without_node=x, seen=seen))
        others = [n for i, n in enumerate(sizes) if i != component_of[x]]
        comps = sorted(parts + others, reverse=True)
        cuts.append((x, sum(comps[1:]) if len(comps) > 1 else 0))
    bridges.sort(key=lambda t: (-t[2], t[0], t[1]))
    cuts.sort(key=lambda t: (-t[1], t[0]))
    return bridges, cuts


def _reach(
    G: nx.Graph,
    start: str,
    *,
    without_edge: tuple[str, str] | None = None,
    without_node: str | None = None,
    seen: set[str] | None = None,
) -> int:
    """How many nodes ``start`` reaches in ``G`` without one edge or one node (added to
    ``seen``, which the walk extends)."""
    seen = set() if seen is None else seen
    seen.add(start)
    if without_node is not None:
        seen.add(without_node)
    skip = {without_edge, without_edge[::-1]} if without_edge is not None else set()
    stack, count = [start], 1
    while stack:
        x = stack.pop()
        for y in G[x]:
            if y not in seen and (x, y) not in skip:
                seen.add(y)
                count += 1
                stack.append(y)
    return count
