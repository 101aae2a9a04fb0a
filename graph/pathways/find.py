"""The way of a pathway request: read (data), search, score, explain, shape the answer.

The only module of the package that holds a store during a search: it binds the per-version
cache (:mod:`graph.pathways.data`) to the store as the search's :class:`~graph.pathways.search.
Source`, then runs the pure steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.coverage import (
    CoverageRow,
    goal_absent_sentence,
    goal_thin_sentence,
    read_coverage,
    summarise,
)
from graph.pathways.answer import PathwayAnswer, offer_keys, pathway_out
from graph.pathways.data import PathwayData, pathway_data
from graph.pathways.explanation import explain, goal_label, why_none
from graph.pathways.pruning import best_of
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import LatLon, Offer, Scored, Scorer
from graph.pathways.search import candidates, flag_usable
from graph.store import GraphStore
from graph.territory import Territory

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
            for code, rows in self.data.usable_offers(self.store, missing).items():
                self._offers[code] = flag_usable(code, rows, self.q.territory, mod)
        return {c: self._offers[c] for c in codes}

    def offered_inside(self, codes: Iterable[str]) -> set[str]:
        codes = set(codes)
        deps = self.q.territory.departements
        if deps:  # the others have no offer there: not flagged at all
            mod = self.q.modality.value if self.q.modality else None
            codes = self.data.offered_in(self.store, codes, deps, mod)
        flagged = self.offers(codes)
        return {c for c in codes if any(o.in_territory for o in flagged[c])}


def _search(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: set[str] | None,
    origin: LatLon | None,
) -> tuple[_StoreSource, list[Scored], int]:
    """The search's source, its first ``q.limit`` pathways and their number."""
    source = _StoreSource(data, store, q)
    paths = candidates(q, source, goal_codes, restrict=q.restricted)
    offers = source.offers({d["code"] for r in paths for d in r.diplomas[1:]})
    codes = sorted({d["code"] for r in paths for d in r.diplomas})
    scorer = Scorer(
        offers,
        fields=data.fields_of(store, codes),
        home=origin,
        modality=q.modality.value if q.modality else None,
        allow_outside=q.allow_outside,
        start_departements=q.start_departements,
    )
    shown, count = best_of(scorer, paths, q.limit)
    return source, shown, count


def _centre(rows: Sequence[Mapping[str, Any]]) -> LatLon | None:
    """The mean place of a territory's offers: where far places are measured from when the
    learner gave no home."""
    pts = [(r["offer"]["lat"], r["offer"]["lon"]) for r in rows if r["offer"].get("lat")]
    if not pts:
        return None
    return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))


def _coverage(store: GraphStore, territory: Territory) -> tuple[list[CoverageRow], LatLon | None]:
    """What the data holds in the territory, and the centre of its offers."""
    rows = read_coverage(store, territory)
    return summarise(rows, territory), _centre(rows)


def find_pathways(store: GraphStore, q: PathwayQuery) -> PathwayAnswer:
    """The ranked pathways of a resolved question (:func:`graph.pathways.request.build_query`).

    When none is found in the territory and the data holds no programme of the goal there, the
    answer says so first (:func:`graph.coverage.goal_absent_sentence`), then offers the nearest
    places outside, flagged with their distance (from home, else from the territory's centre).
    """
    data = pathway_data(store)
    goal_codes = set(data.sector_codes(store, q.sector)) if q.sector else None
    home = (q.home.lat, q.home.lon) if q.home else None
    source, shown, count = _search(store, data, q, goal_codes, home)
    notices: list[str] = []
    asked = q
    thin = None
    if not count and q.territory.is_set and not q.allow_outside:
        summary, centre = data.kept(
            ("coverage", q.territory.model_dump_json()), lambda: _coverage(store, q.territory)
        )
        if not q.to and goal_codes is None:
            thin = goal_thin_sentence(
                summary,
                q.territory,
                to_type=q.to_type.value if q.to_type else None,
                to_level=q.to_level,
            )
        absent = goal_absent_sentence(
            summary,
            q.territory,
            to_type=q.to_type.value if q.to_type else None,
            to_level=q.to_level,
            to_code=q.to,
            goal_codes=goal_codes,
        )
        if absent:
            notices.append(absent)
            origin = home or (
                (q.territory.near.lat, q.territory.near.lon) if q.territory.near else centre
            )
            asked = q.model_copy(update={"allow_outside": True})
            source, shown, count = _search(store, data, asked, goal_codes, origin)
            if count:
                notices.append(
                    "Parcours proposés hors du territoire, avec la distance de chaque étape"
                    + (" depuis le domicile." if home else " depuis le centre du territoire.")
                )
    histories = data.histories(store, offer_keys(shown))
    out = [pathway_out(s, i + 1, explain(s, asked), histories) for i, s in enumerate(shown)]
    reason = None
    if not out:
        unrestricted = candidates(q, source, goal_codes, restrict=False)
        reached = {d["code"] for r in unrestricted for d in r.diplomas[1:]}
        reason = why_none(q, unrestricted, source.offers(reached) if unrestricted else {})
        if notices or thin:
            reason = f"{notices[0] if notices else thin} {reason}"
    return PathwayAnswer(
        start=q.start_label,
        goal=goal_label(q),
        territory=q.territory.describe(),
        count=count,
        notices=notices,
        pathways=out,
        reason=reason,
    )
