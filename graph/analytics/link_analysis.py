"""Network analytics that Cypher does badly: link prediction, centrality, bridges.

Pure functions over networkx graphs, graph first, keyword-only options. The graph layer builds
the graphs from query results (graph/gaps/); nothing here touches a database.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import reduce
from itertools import compress, repeat
from operator import add, gt, itemgetter, le
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx is imported where it is used: a worker that computes no gap
    # report (most answer pathway questions) does not carry its ~11 MB (docs/performance.md,
    # « Memory »)
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
    max_weight: float | Mapping[tuple[str, str], float] = 1.0,
    groups: Mapping[str, str] | None = None,
    positions: Mapping[str, float] | None = None,
    span: float = math.inf,
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
    With ``positions`` (a coordinate of some candidates, e.g. their latitude), two candidates
    whose coordinates differ by more than ``span`` are not scored, for callers whose
    ``exclude`` refuses such pairs anyway (a radius): the same answer, without scoring and
    ordering the millions of pairs of a whole country (docs/performance.md, edit19).

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
    >>> ranked = suggest_links(G, candidates=["lycee", "pme", "autre"],
    ...                        positions={"lycee": 44.0, "pme": 44.5, "autre": 46.0}, span=1.0)
    >>> [(s.a, s.b) for s in ranked]
    [('lycee', 'pme')]
    """
    nodes = sorted(n for n in set(candidates) if n in G)
    if not isinstance(max_weight, Mapping):
        bound: Callable[[str, str], float] = lambda g, h: max_weight  # noqa: E731
        group_of = [""] * len(nodes)
    elif groups is None:
        raise TypeError("max_weight per pair of groups needs groups")
    else:
        bounds = max_weight

        def bound(g: str, h: str) -> float:
            return bounds.get((g, h), bounds.get((h, g), 0.0))

        group_of = [groups[x] for x in nodes]
    # ``exclude`` and ``weight`` are the costly part. So each pair gets the best score it
    # could reach (its score times the bound of its weight); the pairs are judged from the
    # best reachable down, and the walk stops once none left can enter the best ``limit``:
    # the same answer as judging every pair (in whatever order pairs of equal reach come),
    # with far fewer judged when the bounds differ by group (a pair of schools weighs 0.3, a
    # school and a company 1.5: graph/gaps/). A pair of groups without a bound is not scored.
    pos = [positions.get(x) for x in nodes] if positions is not None else None
    placed = [y for y in pos or () if y is not None]
    if pos is not None and (not placed or max(placed) - min(placed) <= span):
        pos = None  # no two candidates that far apart (a campus, a département): no test
    around = _around(G, nodes)
    # the pairs of one large group (the schools of a campus: 177 752 pairs) scored from
    # their best down, only as deep as the walk goes (:func:`_lazy_reach`)
    lazy = _lazy_groups(around, group_of, bound) if pos is None else set()
    streams = [
        _by_reach(scores, bound(g, h))
        for (g, h), scores in _pair_scores(
            G, nodes, group_of, bound, pos, span, around=around, skip=lazy
        ).items()
    ]
    streams += [_lazy_reach(G, nodes, around, group_of, g, bound(g, g)) for g in sorted(lazy)]
    n = len(nodes)
    nbrs = [set(G[x]) for x in nodes]
    found: list[tuple[float, str, str]] = []
    kept: list[float] = []  # the best ``limit`` scores so far (a min-heap)
    for best, key, score in heapq.merge(*streams, key=_minus_reach):
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


FIRST_SORTED = 4096  # pairs of one bound sorted first; the walk rarely judges more (~2 400)


def _by_reach(scores: dict[int, float], most: float) -> Iterator[tuple[float, int, float]]:
    """(best reachable, pair, score) of pairs of one bound ``most``, the best first (pairs
    of equal score in the order of ``scores``).

    The walk of :func:`suggest_links` stops after a few thousand pairs of the 180 000 of a
    campus at national size: the pairs scoring at least a cut are sorted first (about the
    best 2 × :data:`FIRST_SORTED`: :func:`_cut`), then, if the walk goes on, the others.
    Both steps' sorts are stable and equal scores are all on one side of the cut, so the
    pairs come in the order of one sort of them all, whatever the cut (a third of its time
    at national size). The pairs on each side are picked in C (``compress`` of the keys by
    a comparison of the scores): a tuple per pair of the 180 000 was most of this function
    (docs/performance.md, gaps24).

    >>> [key for _, key, _ in _by_reach({7: 0.5, 3: 0.25, 9: 0.5, 4: 1.0}, 2.0)]
    [4, 7, 9, 3]
    """
    if not scores:
        return
    keys = list(scores)
    values = list(scores.values())
    cut = _cut(values, FIRST_SORTED)
    # le(cut, v): v >= cut, the first part; gt(cut, v): v < cut, the others
    for side in (le, gt):
        part = [(key, scores[key]) for key in compress(keys, map(side, repeat(cut), values))]
        part.sort(key=itemgetter(1), reverse=True)
        for key, score in part:
            yield score * most, key, score


def _cut(values: list[float], n: int) -> float:
    """A score about the ``2 * n``-th best of ``values``: the exact ``n``-th best of a few
    (the walk is the same whatever the cut, only its cost depends on it), read from every
    ``step``-th value when there are more than ``4 * n`` of them.

    >>> _cut([0.1, 0.5, 0.3, 0.2], 2)
    0.3
    >>> cut = _cut(list(range(100_000)), 1000)
    >>> sum(v >= cut for v in range(100_000))
    2000
    """
    step = len(values) // (4 * n)
    if step <= 1:
        return heapq.nlargest(n, values)[-1]
    return heapq.nlargest(max(1, 2 * n // step), values[::step])[-1]


def _minus_reach(item: tuple[float, int, float]) -> float:
    return -item[0]


def _around(G: nx.Graph, nodes: list[str]) -> dict[str, list[int]]:
    """Each neighbour of ``nodes`` -> the indices of those around it, ascending."""
    around: dict[str, list[int]] = {}
    for i, x in enumerate(nodes):
        for z in G[x]:
            around.setdefault(z, []).append(i)
    return around


def _pair_scores(
    G: nx.Graph,
    nodes: list[str],
    group_of: list[str],
    bound: Callable[[str, str], float],
    pos: list[float | None] | None = None,
    span: float = math.inf,
    *,
    around: dict[str, list[int]] | None = None,
    skip: Collection[str] = (),
) -> dict[tuple[str, str], dict[int, float]]:
    """Resource allocation of every two ``nodes`` with a common neighbour, by pair of groups
    (``group_of[i]``: node i's; pairs of groups whose ``bound`` is not above zero are left
    out): each pair as ``i * len(nodes) + j`` (``i < j``) and its score.

    Only pairs with a common neighbour score above zero: each neighbour ``z`` gives
    ``1 / degree(z)`` to every two nodes around it (an inverted index: only pairs at distance
    2 are visited, ~290 000 shares for the largest campus at national size). A pair's shares
    are added in the order of its neighbours sorted, so that its score is the same float
    whatever the order the pairs are met in. Plain Python rather than numpy: numpy alone
    would add ~16 MB to every API worker that computed a gap report (docs/performance.md).
    With ``pos`` (node i's coordinate, or None), two nodes whose coordinates differ by more
    than ``span`` are left out; the others are met in the same order as without. ``around``:
    :func:`_around` of ``nodes``, if made already; ``skip``: groups whose pairs among
    themselves are not scored here (:func:`_lazy_reach` streams them)."""
    n = len(nodes)
    if around is None:
        around = _around(G, nodes)
    kinds = sorted(set(group_of))
    scored = [
        (g, h)
        for g in kinds
        for h in kinds
        if g <= h and bound(g, h) > 0 and not (g == h and g in skip)
    ]
    out: dict[tuple[str, str], dict[int, float]] = {pair: {} for pair in scored}
    alone = len(kinds) == 1
    for z in sorted(around):
        members = around[z]
        if len(members) < 2:
            continue
        share = 1.0 / G.degree(z)
        if alone:
            by_group = {kinds[0]: members}
        else:
            by_group = {}
            for i in members:
                by_group.setdefault(group_of[i], []).append(i)
        for g, h in scored:
            if g not in by_group or h not in by_group:
                continue
            scores = out[g, h]
            get = scores.get
            if pos is not None:
                _far_shares(
                    scores, by_group[g], by_group[h] if g != h else None, n, share, pos, span
                )
            elif g == h:
                same = by_group[g]
                for p, i in enumerate(same, 1):
                    base = i * n
                    for j in same[p:]:
                        key = base + j
                        scores[key] = get(key, 0.0) + share
            else:
                for i in by_group[g]:
                    for j in by_group[h]:
                        key = i * n + j if i < j else j * n + i
                        scores[key] = get(key, 0.0) + share
    return {pair: scores for pair, scores in out.items() if scores}


# A group whose pairs among themselves get this many shares or more is streamed lazily
LAZY_SHARES = 50_000
# the neighbours whose pairs are scored first, heaviest first: at most this part of the shares
HEAVY_PART = 16
FIRST_COUNT = 8  # the first stage of the light pairs: those with at least so many in common
# a sum of shares each at most ``t``, c of them, may round a little above c * t
ROUNDING = 1.0 + 1e-9


def _lazy_groups(
    around: dict[str, list[int]], group_of: list[str], bound: Callable[[str, str], float]
) -> set[str]:
    """The groups whose pairs among themselves (scored: ``bound`` above zero) get
    :data:`LAZY_SHARES` shares or more, for :func:`_lazy_reach`."""
    counts: dict[str, int] = {}
    for members in around.values():
        if len(members) < 2:
            continue
        per: dict[str, int] = {}
        for i in members:
            g = group_of[i]
            per[g] = per.get(g, 0) + 1
        for g, m in per.items():
            counts[g] = counts.get(g, 0) + m * (m - 1) // 2
    return {g for g, c in counts.items() if c >= LAZY_SHARES and bound(g, g) > 0}


def _lazy_reach(
    G: nx.Graph,
    nodes: list[str],
    around: dict[str, list[int]],
    group_of: list[str],
    group: str,
    most: float,
) -> Iterator[tuple[float, int, float]]:
    """:func:`_by_reach` of the pairs of ``group``'s nodes among themselves, each scored as
    :func:`_pair_scores` does (the same float: its shares added in the order of its
    neighbours sorted), but only as deep as the walk of :func:`suggest_links` goes.

    A campus's schools at national size make 177 752 pairs from ~284 000 shares, and the walk
    reads the best ~2 600 of them (docs/performance.md, gaps26). The neighbours are split:
    the heaviest (rare: their shares are large), whose pairs are few (a :data:`HEAVY_PART`
    of the shares at most), and the light ones, each share at most ``top``. The pairs around
    a heavy neighbour are scored first; a pair with only light ones in common, c of them,
    scores at most c × ``top``. The pairs with at least k light ones in common are found by
    counting them for every pair of a node at once, in bits (a bit per other node, the
    count's bits in a list of integers), for k = :data:`FIRST_COUNT`, then one less each
    time the walk goes on; the pairs scored are given out, best first, down to what the
    pairs not yet scored could reach. At k = 1 (the pairs left share one light neighbour at
    most), the rest is scored whole (:func:`_pair_scores`) and given out best first.

    Pairs of equal score may come in another order than :func:`_by_reach`'s: the walk's
    answer does not depend on it (every pair it could keep is judged whatever the order of
    equal ones, and the answer is sorted by score then names)."""
    n = len(nodes)
    lists: list[tuple[float, int, list[int]]] = []  # (share, rank of the neighbour, members)
    for rank, z in enumerate(sorted(around)):
        members = [i for i in around[z] if group_of[i] == group]
        if len(members) >= 2:
            lists.append((1.0 / G.degree(z), rank, members))
    if not lists:
        return
    share_of = {rank: share for share, rank, _ in lists}
    ranks_of: dict[int, set[int]] = {}
    for _, rank, members in lists:
        for i in members:
            ranks_of.setdefault(i, set()).add(rank)

    def exact(i: int, j: int) -> float:
        # the shares of their neighbours in common, added in the neighbours' order
        return reduce(add, map(share_of.__getitem__, sorted(ranks_of[i] & ranks_of[j])), 0.0)

    by_weight = sorted(lists, key=lambda t: (-t[0], t[1]))
    budget = sum(len(m) * (len(m) - 1) // 2 for _, _, m in lists) // HEAVY_PART
    cut = 0
    for _, _, members in by_weight:
        budget -= len(members) * (len(members) - 1) // 2
        if budget < 0:
            break
        cut += 1
    heavy, light = by_weight[:cut], by_weight[cut:]
    top = light[0][0] if light else 0.0
    seen: set[int] = set()
    heap: list[tuple[float, int]] = []
    for _, _, members in heavy:
        for p, i in enumerate(members, 1):
            base = i * n
            for j in members[p:]:
                key = base + j
                if key not in seen:
                    seen.add(key)
                    heap.append((-exact(i, j), key))
    heapq.heapify(heap)
    # per node i, the count of light neighbours it shares with each node j > i, bit j - i - 1
    # of the integers of its list (bit b of the count in the b-th)
    counts: dict[int, list[int]] = {}
    for _, _, members in light:
        mask = 0
        for j in members:
            mask |= 1 << j
        for i in members[:-1]:
            carry = mask >> (i + 1)
            bits = counts.setdefault(i, [])
            b = 0
            while carry:
                if b == len(bits):
                    bits.append(carry)
                    break
                x = bits[b]
                bits[b] = x ^ carry
                carry &= x
                b += 1
    taken: dict[int, int] = {}  # per node, the pairs whose count has been read
    given: set[int] = set()
    k = FIRST_COUNT
    while k >= 1:
        if k == 1:  # the rest: scored whole
            whole = _pair_scores(
                G, nodes, group_of, lambda g, h: 1.0 if g == h == group else 0.0, around=around
            ).get((group, group), {})
            rest = [(key, s) for key, s in whole.items() if key not in given]
            rest.sort(key=itemgetter(1), reverse=True)
            for key, s in rest:
                yield s * most, key, s
            return
        for i, bits in counts.items():
            got = _at_least(bits, k) & ~taken.get(i, 0)
            if got:
                taken[i] = taken.get(i, 0) | got
                base = i * n
                while got:
                    low = got & -got
                    got ^= low
                    j = i + low.bit_length()
                    key = base + j
                    if key not in seen:
                        seen.add(key)
                        heapq.heappush(heap, (-exact(i, j), key))
        # the pairs not read yet share at most k - 1 light neighbours and no heavy one
        floor = (k - 1) * top * ROUNDING
        while heap and -heap[0][0] >= floor:
            neg, key = heapq.heappop(heap)
            given.add(key)
            yield -neg * most, key, -neg
        k -= 1


def _at_least(bits: list[int], k: int) -> int:
    """The bits where the numbers written in ``bits`` (bit b of each number in the b-th
    integer) are ``k`` or more (``k`` ≥ 1).

    >>> bin(_at_least([0b0110, 0b1100], 2))  # the numbers 0, 1, 3, 2 from bit 0 up
    '0b1100'
    >>> _at_least([0b1], 2)
    0
    """
    if k >> len(bits):
        return 0
    above, equal = 0, -1
    for b in range(len(bits) - 1, -1, -1):
        if k >> b & 1:
            equal &= bits[b]
        else:
            above |= equal & bits[b]
            equal &= ~bits[b]
    return above | equal


def _far_shares(
    scores: dict[int, float],
    one: list[int],
    other: list[int] | None,
    n: int,
    share: float,
    pos: list[float | None],
    span: float,
) -> None:
    """:func:`_pair_scores`' shares of one neighbour for the pairs of ``one`` (``other``
    None) or of ``one`` and ``other``, in the same order, but for those whose coordinates
    differ by more than ``span``."""
    get = scores.get
    if other is None:
        for p, i in enumerate(one, 1):
            base = i * n
            y = pos[i]
            for j in one[p:]:
                if y is not None and (v := pos[j]) is not None and abs(y - v) > span:
                    continue
                key = base + j
                scores[key] = get(key, 0.0) + share
        return
    for i in one:
        y = pos[i]
        for j in other:
            if y is not None and (v := pos[j]) is not None and abs(y - v) > span:
                continue
            key = i * n + j if i < j else j * n + i
            scores[key] = get(key, 0.0) + share


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
