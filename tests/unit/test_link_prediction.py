"""Network analytics (graph/analytics/link_analysis.py) against their plain definitions.

``suggest_links`` scores only the pairs at distance 2 (an inverted index over the common
neighbours) and judges them from the best score they could reach down, stopping early. The
definition it must agree with is the plain one: every two candidates, not adjacent, sharing a
neighbour and not excluded, scored by resource allocation times their weight, the best
``limit`` by score then names. Both are compared on random graphs and on random gap data (the
suggested-partnership section), with the answers of the judge-every-pair definition.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graph.analytics.link_analysis as la
import graph.gaps.partnerships as partnerships
from graph.analytics.link_analysis import Suggestion, fragile_links, suggest_links
from graph.gaps.rows import GapData

ROOT = Path(__file__).resolve().parents[2]


def every_pair(
    G: nx.Graph,
    *,
    candidates: Iterable[str],
    exclude: Callable[[str, str], bool] | None = None,
    weight: Callable[[str, str], float] | None = None,
    max_weight: float | Mapping[tuple[str, str], float] = 1.0,
    groups: Mapping[str, str] | None = None,
    positions: Mapping[str, float] | None = None,
    span: float = 0.0,
    limit: int = 20,
) -> list[Suggestion]:
    """The definition: every pair judged, no bound, no early stop (``max_weight``,
    ``groups``, ``positions`` and ``span`` are only the faster walk's hints, ignored here)."""
    nodes = sorted(n for n in set(candidates) if n in G)
    found = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if b in G[a]:
                continue
            common = sorted(set(G[a]) & set(G[b]))
            if not common or (exclude is not None and exclude(a, b)):
                continue
            score = sum(1.0 / G.degree(z) for z in common)
            if weight is not None:
                score *= weight(a, b)
            found.append((-score, a, b, tuple(common)))
    found.sort()
    return [Suggestion(a, b, -neg, common) for neg, a, b, common in found[:limit]]


def random_graph(rng: random.Random) -> tuple[nx.Graph, list[str], dict[str, str]]:
    """Candidates of three groups around shared neighbours (sectors of skewed popularity),
    some candidates linked to one another, some nodes that are no candidate."""
    groups = {f"c{i:02d}": rng.choice(["school", "school", "company", "lab"]) for i in range(40)}
    sectors = [f"s{i}" for i in range(12)]
    G = nx.Graph()
    for c in groups:
        for _ in range(rng.randint(0, 4)):
            G.add_edge(c, sectors[min(int(rng.expovariate(0.4)), len(sectors) - 1)])
    for _ in range(15):
        G.add_edge(*rng.sample(sorted(groups), 2))
    for i in range(10):  # not candidates: they count in the neighbours' degrees only
        G.add_edge(f"other{i}", rng.choice(sectors))
    candidates = sorted(groups)[:-3] + ["absent"]  # a candidate outside the graph: ignored
    return G, candidates, groups


BOUNDS = {("company", "school"): 1.5, ("school", "lab"): 1.2, ("school", "school"): 0.3}


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("limit", [1, 5, 30, 1000])
def test_the_walk_gives_the_answer_of_judging_every_pair(seed: int, limit: int) -> None:
    rng = random.Random(seed)
    G, candidates, groups = random_graph(rng)
    refused = {tuple(sorted(rng.sample(sorted(groups), 2))) for _ in range(60)}

    def exclude(a: str, b: str) -> bool:
        return (a, b) in refused or not BOUNDS.get(
            (groups[a], groups[b]), BOUNDS.get((groups[b], groups[a]))
        )

    def weight(a: str, b: str) -> float:
        bound = BOUNDS.get((groups[a], groups[b])) or BOUNDS[(groups[b], groups[a])]
        return bound * (0.5 + (len(a) + int(a[1:]) * int(b[1:])) % 3 / 4)  # <= the bound

    # plain resource allocation, with exclusions, with a weight bounded overall
    assert suggest_links(G, candidates=candidates, limit=limit) == every_pair(
        G, candidates=candidates, limit=limit
    )
    options: dict[str, Any] = {"exclude": exclude, "weight": weight, "limit": limit}
    want = every_pair(G, candidates=candidates, **options)
    assert suggest_links(G, candidates=candidates, max_weight=1.5, **options) == want
    # and with a bound per pair of groups (pairs of groups without one: never suggested)
    assert (
        suggest_links(G, candidates=candidates, groups=groups, max_weight=BOUNDS, **options) == want
    )
    if limit == 1000:
        assert len(want) > 30  # the fixture has enough pairs for the small limits to cut


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("limit", [1, 5, 30, 1000])
def test_pairs_too_far_apart_are_not_scored_and_the_answer_is_the_same(
    seed: int, limit: int
) -> None:
    """With positions and a span, pairs farther apart are left out of the scores; with an
    ``exclude`` that refuses them (as the gap report's radius does), the answer is that of
    judging every pair, ties in the same order. Candidates without a position pair with any."""
    rng = random.Random(seed)
    G, candidates, groups = random_graph(rng)
    positions = {c: rng.uniform(42.0, 51.0) for c in candidates if rng.random() < 0.9}
    span = 1.5

    def exclude(a: str, b: str) -> bool:
        if a in positions and b in positions and abs(positions[a] - positions[b]) > span:
            return True
        return not BOUNDS.get((groups[a], groups[b]), BOUNDS.get((groups[b], groups[a])))

    def weight(a: str, b: str) -> float:
        bound = BOUNDS.get((groups[a], groups[b])) or BOUNDS[(groups[b], groups[a])]
        return bound * (0.5 + (len(a) + int(a[1:]) * int(b[1:])) % 3 / 4)

    options: dict[str, Any] = {"exclude": exclude, "weight": weight, "limit": limit}
    want = every_pair(G, candidates=candidates, **options)
    for kept_groups, bound in ((None, 1.5), (groups, BOUNDS)):
        got = suggest_links(
            G,
            candidates=candidates,
            groups=kept_groups,
            max_weight=bound,
            positions=positions,
            span=span,
            **options,
        )
        assert got == want
    if limit == 1000:  # some pairs were refused for their distance alone
        near = every_pair(
            G,
            candidates=candidates,
            exclude=lambda a, b: (
                not BOUNDS.get((groups[a], groups[b]), BOUNDS.get((groups[b], groups[a])))
            ),
            limit=limit,
        )
        assert len(near) > len(want) > 5


def test_a_bound_per_group_needs_the_groups() -> None:
    G = nx.Graph([("a", "z"), ("b", "z")])
    with pytest.raises(TypeError):
        suggest_links(G, candidates=["a", "b"], max_weight={("x", "x"): 1.0})


def random_gap_data(rng: random.Random) -> GapData:
    """Actors of every kind within ~80 km of Figeac, offers in a few filières, legs between
    levels (schools that follow on from one another), partnerships and a platform."""
    kinds = ["lycee", "cfa", "iut", "university", "company", "cluster", "research_lab"]
    actors: list[dict[str, Any]] = []
    for i in range(45):
        actors.append(
            {
                "label": "Actor",
                "id": f"a{i:02d}",
                "name": f"Acteur {i}",
                "kind": rng.choice(kinds),
                "campuses": ["c"],
                "departement": "046",
                # some pairs beyond SUGGESTION_RADIUS_KM, some on one site (< 1 km)
                "lat": round(44.6 + rng.choice([0, 0, 0.004, rng.uniform(-0.5, 0.5)]), 4),
                "lon": round(2.03 + rng.choice([0, 0.003, rng.uniform(-0.6, 0.6)]), 4),
                "roles": ["c"],
                "source": f"doc {i}",
            }
        )
    actors.append({**actors[0], "id": "nowhere", "name": "Sans lieu", "lat": None, "lon": None})
    actors.append({**actors[1], "label": "Platform", "id": "p1", "name": "Plateforme"})
    sectors = ["aero", "meca", "bois", "agro"]
    codes = {f"D{lv}{s}": lv for lv in (3, 4, 5, 6) for s in range(3)}
    offers = []
    for a in actors:
        if a["label"] != "Actor" or a["kind"] in ("company", "cluster", "research_lab"):
            continue
        for code in rng.sample(sorted(codes), rng.randint(1, 4)):
            offers.append(
                {
                    "actor": {"id": a["id"], "name": a["name"], "kind": a["kind"]},
                    "offer": {"status": "open", "lat": a["lat"], "lon": a["lon"]},
                    "diploma": {"code": code, "name": f"Diplôme {code}", "level": codes[code]},
                    "sectors": rng.sample(sectors, rng.randint(1, 2)),
                }
            )
    legs = [
        {"source": c, "target": t}
        for c in codes
        for t in codes
        if codes[t] == codes[c] + 1 and rng.random() < 0.5
    ]
    ids: list[str] = [a["id"] for a in actors]
    edges = [
        {"type": "WORKS_ON", "source": a, "target": rng.choice(sectors)}
        for a in rng.sample(ids, 20)
    ]
    edges += [
        {"type": "PARTNERS_WITH", "source": a, "target": b}
        for a, b in (rng.sample(ids, 2) for _ in range(25))
    ]
    edges += [{"type": "HOSTS", "source": ids[i], "target": "p1"} for i in (3, 4, 5)]
    for e in edges:
        e["source_label"] = "Platform" if e["source"] == "p1" else "Actor"
        e["target_label"] = (
            "Sector" if e["type"] == "WORKS_ON" else "Platform" if e["target"] == "p1" else "Actor"
        )
    d = GapData(
        offers=offers,
        legs=legs,
        sectors=[{"sector": {"id": s, "name": s.title(), "kind": "filiere"}} for s in sectors],
        actors=actors,
        edges=edges,
    )
    d.inside = d.inside_for_sector = offers
    d.inside_ids = set(ids) - {"a44"}  # one actor outside the territory: never suggested
    return d


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("limit", [3, 40])
def test_suggested_partnerships_are_those_of_judging_every_pair(
    seed: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = random_gap_data(random.Random(seed))
    got = partnerships.suggested_partnerships(d, limit=limit)
    monkeypatch.setattr(partnerships, "suggest_links", every_pair)
    want = partnerships.suggested_partnerships(d, limit=limit)
    assert [f.model_dump() for f in got] == [f.model_dump() for f in want]
    assert want  # the fixture suggests something
    kinds = {f.data["pair"] for f in want}
    if limit == 40:
        assert "school-continuation" in kinds or len(kinds) > 1


def fragile_by_copies(G: nx.Graph) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """The definition of fragile_links: each bridge and cut node taken out of a copy."""
    bridges = []
    for u, v in nx.bridges(G):
        H = G.copy()
        H.remove_edge(u, v)
        cut = min(len(nx.node_connected_component(H, u)), len(nx.node_connected_component(H, v)))
        a, b = sorted((u, v))
        bridges.append((a, b, cut))
    cuts = []
    for x in nx.articulation_points(G):
        H = G.copy()
        H.remove_node(x)
        comps = sorted((len(c) for c in nx.connected_components(H)), reverse=True)
        cuts.append((x, sum(comps[1:]) if len(comps) > 1 else 0))
    bridges.sort(key=lambda t: (-t[2], t[0], t[1]))
    cuts.sort(key=lambda t: (-t[1], t[0]))
    return bridges, cuts


@pytest.mark.parametrize("seed", range(20))
def test_fragile_links_count_the_parts_of_a_copy_without_them(seed: int) -> None:
    """Sparse random graphs of several components, trees hanging off cycles: many bridges
    and cut nodes, some separating more than one node."""
    rng = random.Random(seed)
    G = nx.Graph()
    for i in range(60):
        G.add_node(f"n{i:02d}")
        if i and rng.random() < 0.85:
            G.add_edge(f"n{i:02d}", f"n{rng.randrange(i):02d}")
    for _ in range(rng.randint(0, 12)):
        G.add_edge(*rng.sample(sorted(G), 2))
    got = fragile_links(G)
    assert got == fragile_by_copies(G)
    bridges, cuts = got
    assert bridges and cuts
    assert seed > 3 or any(n > 1 for _, _, n in bridges)


def test_a_gap_report_leaves_numpy_out_of_the_worker() -> None:
    """numpy's import is ~16 MB of every API worker that computed a gap report
    (docs/performance.md, « Gap reports without numpy »): the link prediction and the
    network sections use networkx and plain Python only."""
    code = (
        "import sys, random\n"
        "sys.path.insert(0, '.')\n"
        "from tests.unit.test_link_prediction import random_graph, BOUNDS\n"
        "from graph.analytics.link_analysis import brokers, fragile_links, suggest_links\n"
        "G, candidates, groups = random_graph(random.Random(3))\n"
        "assert suggest_links(G, candidates=candidates, groups=groups, max_weight=BOUNDS)\n"
        "brokers(G); fragile_links(G)\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("seed", range(4))
def test_pairs_by_reach_come_in_the_order_of_one_stable_sort(seed: int) -> None:
    """link_analysis._by_reach: the pairs on each side of a cut read from a sample (more
    than 4 × FIRST_SORTED pairs), many of equal score, come as one stable sort of them all
    by score, the best first; fails when equal scores are split by the cut or a side is
    picked out of order."""
    rng = random.Random(seed)
    n = 4 * la.FIRST_SORTED * 3 + rng.randrange(1000)
    # scores as sums of a few shares, as resource allocation makes them: many ties
    scores = {
        rng.randrange(10**9): sum(
            1.0 / rng.choice((5, 7, 120, 140)) for _ in range(rng.randrange(1, 6))
        )
        for _ in range(n)
    }
    want = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    got = [(key, score) for _, key, score in la._by_reach(scores, 0.3)]
    assert got == want
    assert [best for best, _, _ in la._by_reach(scores, 0.3)] == [s * 0.3 for _, s in want]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("limit", [1, 5, 30, 1000])
def test_the_walk_over_lazy_pairs_gives_the_answer_of_judging_every_pair(
    seed: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every group's pairs among themselves streamed by ``_lazy_reach`` (LAZY_SHARES 1):
    the same answers as judging every pair, with and without bounds per group."""
    monkeypatch.setattr(la, "LAZY_SHARES", 1)
    test_the_walk_gives_the_answer_of_judging_every_pair(seed, limit)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("limit", [3, 40])
def test_suggested_partnerships_over_lazy_pairs_are_those_of_judging_every_pair(
    seed: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(la, "LAZY_SHARES", 1)
    test_suggested_partnerships_are_those_of_judging_every_pair(seed, limit, monkeypatch)


def many_schools(rng: random.Random) -> tuple[nx.Graph, list[str]]:
    """300 schools around 12 large sectors (light: 40 to 120 schools each, degrees of a few
    values, so many equal scores) and 40 small ones (heavy: 2 to 6 schools)."""
    schools = [f"x{i:03d}" for i in range(300)]
    G = nx.Graph()
    for k in range(12):
        for x in rng.sample(schools, rng.randint(40, 120)):
            G.add_edge(x, f"big{k:02d}")
        for i in range(rng.choice((0, 10, 20))):  # not candidates: degrees of a few values
            G.add_edge(f"other{k}-{i}", f"big{k:02d}")
    for k in range(40):
        for x in rng.sample(schools, rng.randint(2, 6)):
            G.add_edge(x, f"small{k:02d}")
    return G, schools


@pytest.mark.parametrize("seed", range(6))
def test_lazy_pairs_come_best_first_with_the_scores_of_scoring_whole(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_lazy_reach`` gives every pair ``_pair_scores`` scores, with the same float, best
    first; its first pairs come without scoring every pair (fails if the stages read them
    all, or if the count of light neighbours in common is wrong: a pair would come late)."""
    G, schools = many_schools(random.Random(seed))
    nodes = sorted(x for x in schools if x in G)
    group_of = ["s"] * len(nodes)
    around = la._around(G, nodes)
    whole = la._pair_scores(G, nodes, group_of, lambda g, h: 1.0)[("s", "s")]
    got = list(la._lazy_reach(G, nodes, around, group_of, "s", 0.3))
    assert sorted((key, score) for _, key, score in got) == sorted(whole.items())
    scores = [score for _, _, score in got]
    assert scores == sorted(scores, reverse=True)
    assert [best for best, _, _ in got] == [s * 0.3 for s in scores]
    # the first hundred pairs, without the whole scores
    monkeypatch.setattr(la, "_pair_scores", None)
    first = la._lazy_reach(G, nodes, around, group_of, "s", 0.3)
    assert [next(first)[2] for _ in range(100)] == scores[:100]
    assert scores[100] > scores[-1]  # a walk stopping there has pairs left
