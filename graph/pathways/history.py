"""The yearly figures (places, vœux, taux de pression) of the offers a pathway answer shows.

The open-data import keeps each offer's years in ``history_json``. The pathway cache does not
hold it (at national size it would add a few hundred bytes to every offer of every worker):
the histories are read here, in one query, for the few offers an answer shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from graph.store import GraphStore

__all__ = ["OfferKey", "YearFigures", "parse_history", "pressure", "read_histories"]

OfferKey = tuple[str, str, str | None]  # actor id, diploma code, modality
YearFigures = tuple[int, int | None, int | None, float | None]  # year, capacity, demand, pressure


def pressure(capacity: int | None, demand: int | None) -> float | None:
    """Vœux per place (the taux de pression), as the import computes it; None when unknown.

    >>> pressure(24, 126), pressure(0, 3), pressure(24, None)
    (5.25, None, None)
    """
    if not capacity or demand is None:
        return None
    return round(demand / capacity, 3)


def parse_history(text: str | None) -> list[YearFigures]:
    """An offer's ``history_json`` as (year, capacity, demand, pressure), oldest first; years
    with neither places nor vœux are left out, unreadable text gives no history.

    >>> parse_history('[{"year":2023,"capacity":24,"demand":100},{"year":2022,"pupils":20}]')
    [(2023, 24, 100, 4.167)]
    >>> parse_history("not json"), parse_history(None)
    ([], [])
    """
    try:
        years = json.loads(text) if text else []
    except ValueError:
        return []
    out: list[YearFigures] = []
    for y in years if isinstance(years, list) else []:
        if not isinstance(y, Mapping) or not isinstance(y.get("year"), int):
            continue
        cap, dem = y.get("capacity"), y.get("demand")
        if cap is None and dem is None:
            continue
        out.append((y["year"], cap, dem, pressure(cap, dem)))
    return sorted(out)


def read_histories(
    store: GraphStore, keys: Iterable[OfferKey]
) -> dict[OfferKey, list[YearFigures]]:
    """The histories of the given offers that the import describes (others have none)."""
    wanted = set(keys)
    if not wanted:
        return {}
    rows: list[dict[str, Any]] = store.read(
        "pathway_offer_history",
        actors=sorted({k[0] for k in wanted}),
        codes=sorted({k[1] for k in wanted}),
    )
    out: dict[OfferKey, list[YearFigures]] = {}
    for r in rows:
        key = (r["actor"], r["code"], r["modality"])
        if key in wanted:
            out[key] = parse_history(r["history"])
    return out
