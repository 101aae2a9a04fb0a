"""The way of a pathway request: read (data), search, score, explain, shape the answer.

The only module of the package that holds a store during a search: it binds the per-version
cache (:mod:`graph.pathways.data`) to the store as the search's :class:`~graph.pathways.search.
Source`, then runs the pure steps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.pathways.answer import PathwayAnswer, pathway_out
from graph.pathways.data import PathwayData, pathway_data
from graph.pathways.explanation import explain, goal_label, why_none
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Offer, Scorer, rank
from graph.pathways.search import candidates, flag_offers
from graph.store import GraphStore

__all__ = ["find_pathways"]

Row = dict[str, Any]


class _StoreSource:
    """The search's Source for one request: the cache's rows, offers flagged for the request's
    territory and modality (kept for the request)."""

    def __init__(self, data: PathwayData, store: GraphStore, q: PathwayQuery) -> None:
        self.data = data
        self.store = store
        self.q = q
        self._offers: dict[str, list[Offer]] = {}

    def diplomas(self, codes: Iterable[str]) -> dict[str, Row]:
        return self.data.diplomas(self.store, codes)

    def legs_from(self, codes: Iterable[str]) -> dict[str, list[tuple[str, Row]]]:
        return self.data.legs_from(self.store, codes)

    def offers(self, codes: Iterable[str]) -> dict[str, list[Offer]]:
        codes = set(codes)
        missing = [c for c in codes if c not in self._offers]
        if missing:
            mod = self.q.modality.value if self.q.modality else None
            for code, pairs in self.data.offers_of(self.store, missing).items():
                self._offers[code] = flag_offers(code, pairs, self.q.territory, mod)
        return {c: self._offers[c] for c in codes}


def find_pathways(store: GraphStore, q: PathwayQuery) -> PathwayAnswer:
    """The ranked pathways of a resolved question (:func:`graph.pathways.request.build_query`)."""
    data = pathway_data(store)
    source = _StoreSource(data, store, q)
    goal_codes = set(data.sector_codes(store, q.sector)) if q.sector else None
    paths = candidates(q, source, goal_codes, restrict=q.restricted)
    offers = source.offers({d["code"] for r in paths for d in r.diplomas[1:]})
    codes = sorted({d["code"] for r in paths for d in r.diplomas})
    scorer = Scorer(
        offers,
        fields=data.fields_of(store, codes),
        home=(q.home.lat, q.home.lon) if q.home else None,
        modality=q.modality.value if q.modality else None,
        allow_outside=q.allow_outside,
    )
    ranked = rank([s for r in paths if (s := scorer.score(r.diplomas, r.legs)) is not None])
    out = [pathway_out(s, i + 1, explain(s, q)) for i, s in enumerate(ranked[: q.limit])]
    reason = None
    if not out:
        unrestricted = candidates(q, source, goal_codes, restrict=False)
        reached = {d["code"] for r in unrestricted for d in r.diplomas[1:]}
        reason = why_none(q, unrestricted, source.offers(reached) if unrestricted else {})
    return PathwayAnswer(
        start=q.start_label,
        goal=goal_label(q),
        territory=q.territory.describe(),
        count=len(ranked),
        pathways=out,
        reason=reason,
    )
