"""The pathway search of :mod:`graph.pathways`, in memory on networkx: the benchmark's baseline.

The graph is read from the store once (diplomas, LEADS_TO legs, offers, TRAINS_FOR), then every
search runs in Python with the same rules as ``graph.pathways.search.candidates`` and
``graph.pathways.find.find_pathways``:

- paths start at one of ``start_codes`` and follow LEADS_TO for 1..``max_steps`` hops;
- a leg may lower the level only if its passerelle is a reorientation (levels via coalesce 0);
- no diploma appears twice on a path;
- every step after the start is offered in the territory (the exact predicate
  ``graph.territory.Territory.contains``, modality-filtered), or anywhere when ``allow_outside``;
- a path ends at its first goal diploma (``graph.pathways.search.is_goal``): the search does not
  extend a path past a goal, which is what the engine gets by dropping such paths afterwards;
- pathways are scored with ``graph.pathways.scoring.Scorer`` itself, deduplicated by diploma
  sequence (best score kept) and ranked with the same key.

The engine caps its candidate rows at ``CANDIDATE_CAP``; the baseline has no cap, so the two may
differ when the engine hits it (the benchmark reports it). The baseline gives no ``reason`` text
for empty answers (the engine runs a second, unrestricted search to explain them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph.cypher import CypherLibrary
from graph.engines.falkordb_store import FalkorDBStore
from graph.pathways import PathwayAnswer, PathwayQuery
from graph.pathways.answer import pathway_out
from graph.pathways.data import LEG_FIELDS, OFFER_FIELDS, PathwayData, merge_offer_rows
from graph.pathways.explanation import explain, goal_label
from graph.pathways.scoring import Offer, Scored, Scorer, rank
from graph.pathways.search import flag_offers, is_goal
from graph.store import GraphStore

BENCH_CYPHER = Path(__file__).resolve().parent / "cypher"
# The fields the engine's search reads (graph/pathways/data.py), so both see the same data.
DIPLOMA_KEYS = ("code", "name", "type", "level", "nsf")
LEG_KEYS = LEG_FIELDS
ACTOR_KEYS = ("id", "name", "kind", "uai", "boarding_places", "campuses")
OFFER_KEYS = OFFER_FIELDS


def _bench_reader(store: FalkorDBStore) -> FalkorDBStore:
    """A second client on the same FalkorDB graph, with the benchmark's own named queries."""
    uri = f"unix://{store.server.socket}" if store.server is not None else store.settings.graph_uri
    settings = store.settings.model_copy(update={"graph_uri": uri})
    return FalkorDBStore(settings, library=CypherLibrary("falkordb", root=BENCH_CYPHER))


class NxPathways:
    """An in-memory copy of the pathway-relevant graph and the same search over it."""

    def __init__(
        self,
        diplomas: list[dict[str, Any]],
        legs: list[dict[str, Any]],
        offers: list[dict[str, Any]],
        trains_for: list[dict[str, Any]],
    ) -> None:
        g = nx.DiGraph()
        for d in diplomas:
            g.add_node(d["code"], d={k: d.get(k) for k in DIPLOMA_KEYS}, level=d.get("level") or 0)
        for r in legs:
            leg = {k: r.get(k) for k in LEG_KEYS}
            if g.has_edge(r["a"], r["b"]):
                g[r["a"]][r["b"]]["legs"].append(leg)
            else:
                g.add_edge(r["a"], r["b"], legs=[leg])
        self.graph = g
        self.offers: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
        rows = [
            {
                "code": r["code"],
                "actor": {k: r.get(f"a_{k}") for k in ACTOR_KEYS},
                "offer": {k: r.get(k) for k in OFFER_KEYS},
            }
            for r in offers
        ]
        for r in merge_offer_rows(rows):  # seed + import duplicates
            self.offers.setdefault(r["code"], []).append((r["actor"], r["offer"]))
        self.sector_codes: dict[str, set[str]] = {}
        self.fields: dict[str, set[str]] = {}
        for r in trains_for:
            for key in [r["sector"], *(r.get("rome") or [])]:
                self.sector_codes.setdefault(key, set()).add(r["code"])
            if r.get("kind") == "filiere":
                self.fields.setdefault(r["code"], set()).add(r["sector"])

    @classmethod
    def from_store(cls, store: FalkorDBStore) -> NxPathways:
        """Read the snapshot (one query per kind of element) and build the graph."""
        reader = _bench_reader(store)
        try:
            return cls(
                reader.read("nx_diplomas"),
                reader.read("nx_leads_to"),
                reader.read("nx_offers"),
                reader.read("nx_trains_for"),
            )
        finally:
            reader.close()

    def check_snapshot(self, store: GraphStore, codes: list[str]) -> list[str]:
        """Differences between the snapshot's offers and what the engine's search reads."""
        problems = []
        engine = PathwayData(None).offers_of(store, codes)
        for code in codes:
            mine = sorted(repr(sorted((a | o).items())) for a, o in self.offers.get(code, []))
            theirs = sorted(repr(sorted((a | o).items())) for a, o in engine.get(code, []))
            if mine != theirs:
                problems.append(f"offers of {code} differ from pathway_offers_of")
        return problems

    # -- the search -------------------------------------------------------------------------
    def scored(self, q: PathwayQuery) -> list[Scored]:
        """Every pathway of the answer, ranked (the engine's ``count`` is their number)."""
        goal_codes = self.sector_codes.get(q.sector, set()) if q.sector else None
        t = q.territory
        mod = q.modality.value if q.modality else None
        node = self.graph.nodes
        succ = self.graph.succ
        offers_cache: dict[str, list[Offer]] = {}
        valid_cache: dict[str, bool] = {}
        goal_cache: dict[str, bool] = {}

        def offers_of(code: str) -> list[Offer]:
            got = offers_cache.get(code)
            if got is None:
                got = flag_offers(code, self.offers.get(code, ()), t, mod)
                offers_cache[code] = got
            return got

        def valid(code: str) -> bool:
            v = valid_cache.get(code)
            if v is None:
                offs = offers_of(code)
                v = any(o.in_territory for o in offs) or (q.allow_outside and bool(offs))
                valid_cache[code] = v
            return v

        def goal(code: str) -> bool:
            v = goal_cache.get(code)
            if v is None:
                v = is_goal(node[code]["d"], q, goal_codes)
                goal_cache[code] = v
            return v

        found: list[tuple[list[str], list[dict[str, Any]]]] = []

        def walk(path: list[str], legs: list[dict[str, Any]], on_path: set[str]) -> None:
            cur = path[-1]
            level = node[cur]["level"]
            for nxt, attrs in succ[cur].items():
                if nxt in on_path or not valid(nxt):
                    continue
                up = node[nxt]["level"] >= level
                ok = [leg for leg in attrs["legs"] if up or leg.get("kind") == "reorientation"]
                if not ok:
                    continue
                if goal(nxt):
                    found.extend(([*path, nxt], [*legs, leg]) for leg in ok)
                elif len(path) < q.max_steps:
                    on_path.add(nxt)
                    for leg in ok:
                        walk([*path, nxt], [*legs, leg], on_path)
                    on_path.discard(nxt)

        for start in dict.fromkeys(q.start_codes):
            if start in node:
                walk([start], [], {start})

        scorer = Scorer(
            offers_cache,
            fields={c: frozenset(f) for c, f in self.fields.items()},
            home=(q.home.lat, q.home.lon) if q.home else None,
            modality=mod,
            allow_outside=q.allow_outside,
        )
        scored = [scorer.score([node[c]["d"] for c in path], legs) for path, legs in found]
        return rank([s for s in scored if s is not None])

    def search(self, q: PathwayQuery) -> PathwayAnswer:
        ranked = self.scored(q)
        out = [pathway_out(s, i + 1, explain(s, q)) for i, s in enumerate(ranked[: q.limit])]
        return PathwayAnswer(
            start=q.start_label,
            goal=goal_label(q),
            territory=q.territory.describe(),
            count=len(ranked),
            pathways=out,
            reason=None if out else "(baseline: no pathway)",
        )

    # -- introspection for the benchmark ------------------------------------------------------
    def out_edges(self, code: str) -> Iterator[str]:
        yield from self.graph.succ.get(code, {})

    def offers_of(self, code: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return self.offers.get(code, [])
