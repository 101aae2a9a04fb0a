"""The pathway search of :mod:`graph.pathways`, in memory on networkx: the benchmark's baseline.

The graph is read from the store once — the same decoded rows the engine's cache holds
(``graph.pathways.data.PathwayData``: diplomas with their successors, LEADS_TO legs with their
scope, offers merged and ordered, actors with ``described``, filières, the latest files) — then
every search runs in Python with the same rules as ``graph.pathways.search.candidates`` and
``graph.pathways.find.find_pathways``:

- paths start at one of ``start_codes`` and follow LEADS_TO for 1..``max_steps`` hops;
- one leg per pair of diplomas: the documented one, else the strongest inferred one; a target
  the BCN closed is replaced by its successors (``RENAMED_TO``), or dropped when it has none;
- a leg may lower the level only if its passerelle is a reorientation (levels via coalesce 0);
- a leg tied to a campus programme's territory (``from_departements``, ``to_departements``)
  holds only from where the step before is taken and to where its target is
  (``graph.pathways.search``, « campus programmes »);
- no diploma appears twice on a path;
- a leg out of a common first year (« 1re année commune », « 2de commune ») to a diploma of the
  same type and level is that programme going on: it replaces the common year, not a step;
- every step after the start is offered in the territory (the exact predicate
  ``graph.territory.Territory.contains``, modality-filtered, closed offers dropped), or
  anywhere when ``allow_outside``;
- a path ends at its first goal diploma (``graph.pathways.search.is_goal``);
- pathways are scored with ``graph.pathways.scoring.Scorer`` itself (offers flagged with
  their currency, ``graph.pathways.search.flag_offers``), deduplicated by diploma sequence
  (best score kept) and ranked with the same key.

The engine caps its candidates at ``CANDIDATE_CAP``; the baseline has no cap, so the two may
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
from graph.pathways.data import PRELOAD_CHUNK, PathwayData
from graph.pathways.explanation import explain, goal_label
from graph.pathways.hygiene import continues_programme
from graph.pathways.scoring import Offer, Scored, Scorer, rank
from graph.pathways.search import flag_offers, is_goal
from graph.pathways.start_words import from_start
from graph.store import GraphStore

BENCH_CYPHER = Path(__file__).resolve().parent / "cypher"
Row = dict[str, Any]


def _bench_reader(store: FalkorDBStore) -> FalkorDBStore:
    """A second client on the same FalkorDB graph, with the benchmark's own named queries."""
    uri = f"unix://{store.server.socket}" if store.server is not None else store.settings.graph_uri
    settings = store.settings.model_copy(update={"graph_uri": uri})
    return FalkorDBStore(settings, library=CypherLibrary("falkordb", root=BENCH_CYPHER))


def _preference(leg: Row) -> tuple[bool, float]:
    """Documented legs first, then inferred ones by decreasing strength."""
    return (leg.get("passerelle_origin") != "documented", -(leg.get("strength") or 0.0))


class NxPathways:
    """An in-memory copy of the pathway-relevant graph and the same search over it."""

    def __init__(
        self,
        diplomas: dict[str, Row],
        legs: dict[str, list[tuple[str, Row]]],
        offers: dict[str, list[tuple[Row, Row]]],
        fields: dict[str, frozenset[str]],
        latest: dict[str, int],
        trains_for: list[dict[str, Any]],
    ) -> None:
        g = nx.DiGraph()
        for code, d in diplomas.items():
            g.add_node(code, d=d, level=d.get("level") or 0)
        for a, pairs in legs.items():
            if a not in diplomas:
                continue
            # one leg per target, closed targets replaced by their successors
            for t, leg in sorted(pairs, key=lambda p: _preference(p[1])):
                td = diplomas.get(t)
                if td is None:
                    continue
                for target in (td.get("successors") or []) if td.get("closed") else [t]:
                    s = diplomas.get(target)
                    if s is not None and not s.get("closed") and not g.has_edge(a, target):
                        g.add_edge(a, target, leg=leg)
        self.graph = g
        self.offers = offers
        self.latest = latest
        self.fields = fields
        self.sector_codes: dict[str, set[str]] = {}
        for r in trains_for:
            for key in [r["sector"], *(r.get("rome") or [])]:
                self.sector_codes.setdefault(key, set()).add(r["code"])

    @classmethod
    def from_store(cls, store: FalkorDBStore) -> NxPathways:
        """Read the snapshot (the rows the engine's cache reads, and the sectors) and build
        the graph."""
        data = PathwayData(None)
        codes = [r["d"]["code"] for r in store.read("pathway_diplomas_all")]
        diplomas: dict[str, Row] = {}
        legs: dict[str, list[tuple[str, Row]]] = {}
        offers: dict[str, list[tuple[Row, Row]]] = {}
        fields: dict[str, frozenset[str]] = {}
        for i in range(0, len(codes), PRELOAD_CHUNK):
            chunk = codes[i : i + PRELOAD_CHUNK]
            diplomas.update(data.diplomas(store, chunk))
            legs.update(data.legs_from(store, chunk))
            offers.update(data.offers_of(store, chunk))
            fields.update(data.fields_of(store, chunk))
        diplomas.update(data.diplomas(store, {t for ps in legs.values() for t, _ in ps}))
        reader = _bench_reader(store)
        try:
            trains_for = reader.read("nx_trains_for")
        finally:
            reader.close()
        return cls(diplomas, legs, offers, fields, data.latest_years(store), trains_for)

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
                d = node[code]["d"]
                got = flag_offers(
                    code, self.offers.get(code, ()), t, mod, diploma=d, latest=self.latest
                )
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

        def places(code: str) -> set[str]:
            offs = offers_of(code)
            pool = [o for o in offs if o.in_territory] or offs
            return {d for o in pool if (d := o.offer.get("departement"))}

        def local_holds(leg: Row, path: list[str], target: str) -> bool:
            frm, to = leg.get("from_departements"), leg.get("to_departements")
            if frm:
                here = set(q.start_departements or ()) if len(path) == 1 else places(path[-1])
                if not here & set(frm):
                    return False
            return not to or bool(places(target) & set(to))

        found: list[tuple[list[str], list[Row]]] = []

        def walk(path: list[str], legs: list[Row], on_path: set[str]) -> None:
            cur = path[-1]
            here = node[cur]
            for nxt, attrs in succ[cur].items():
                if nxt in on_path or not valid(nxt):
                    continue
                leg = attrs["leg"]
                if node[nxt]["level"] < here["level"] and leg.get("kind") != "reorientation":
                    continue
                if not local_holds(leg, path, nxt):
                    continue  # a campus programme's leg, taken outside its territory
                if len(path) > 1 and continues_programme(here["d"], node[nxt]["d"]):
                    # a common first year going on in its own programme: the same step
                    on = (on_path - {cur}) | {nxt}
                    if goal(nxt):
                        found.append(([*path[:-1], nxt], legs))
                    else:
                        walk([*path[:-1], nxt], legs, on)
                    continue
                if goal(nxt):
                    found.append(([*path, nxt], [*legs, leg]))
                elif len(path) < q.max_steps:
                    on_path.add(nxt)
                    walk([*path, nxt], [*legs, leg], on_path)
                    on_path.discard(nxt)

        for start in sorted(set(q.start_codes)):
            if start in node:
                walk([start], [], {start})

        scorer = Scorer(
            offers_cache,
            fields=self.fields,
            home=(q.home.lat, q.home.lon) if q.home else None,
            modality=mod,
            allow_outside=q.allow_outside,
            start_departements=q.start_departements,
        )
        scored = [scorer.score([node[c]["d"] for c in path], legs) for path, legs in found]
        return rank([s for s in scored if s is not None])

    def search(self, q: PathwayQuery) -> PathwayAnswer:
        ranked = self.scored(q)
        out = [pathway_out(s, i + 1, explain(s, q)) for i, s in enumerate(ranked[: q.limit])]
        return PathwayAnswer(
            start=q.start_label,
            start_phrase=from_start(q.start_label),
            goal=goal_label(q),
            territory=q.territory.describe(),
            territory_phrase=q.territory.describe_in(),
            count=len(ranked),
            pathways=out,
            reason=None if out else "(baseline: no pathway)",
        )

    # -- introspection for the benchmark ------------------------------------------------------
    def out_edges(self, code: str) -> Iterator[str]:
        yield from self.graph.succ.get(code, {})

    def offers_of(self, code: str) -> list[tuple[Row, Row]]:
        return self.offers.get(code, [])
