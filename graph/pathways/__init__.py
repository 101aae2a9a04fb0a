"""Learner pathways: from a diploma (or level) held to a goal, through offers of a territory.

The way of a request through the package::

    request.py      PathwayRequest (fields, checked) --build_query--> query.PathwayQuery
                    (start diplomas and territory resolved against the graph)
    find.py         find_pathways: binds the per-version cache (data.py) to the store, then
    search.py         candidates: LEADS_TO legs hop by hop, kept when offered in the territory
    scoring.py        Scorer: establishments chosen per step, the score term by term (pure)
    explanation.py    the French sentences: the score explained, why there is no pathway
    answer.py         PathwayAnswer, the answer's objects built for the returned pathways
    geojson.py      the same answer as GeoJSON for maps

search, scoring and explanation are pure functions over plain rows: no store, no engine.
"""

from graph.pathways.answer import (
    OfferOut,
    PasserelleUsed,
    PathwayAnswer,
    PathwayOut,
    ScoreOut,
    StepOut,
)
from graph.pathways.explanation import MODALITY_FR
from graph.pathways.find import find_pathways
from graph.pathways.query import PathwayQuery
from graph.pathways.request import PathwayRequest, build_query, resolve_start
from graph.pathways.search import CANDIDATE_CAP

__all__ = [
    "CANDIDATE_CAP",
    "MODALITY_FR",
    "OfferOut",
    "PasserelleUsed",
    "PathwayAnswer",
    "PathwayOut",
    "PathwayQuery",
    "PathwayRequest",
    "ScoreOut",
    "StepOut",
    "build_query",
    "find_pathways",
    "resolve_start",
]
