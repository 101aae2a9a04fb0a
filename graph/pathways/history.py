"""The yearly figures (places, vœux, taux de pression) of the offers a pathway answer shows.

The open-data import keeps each offer's years in ``history_json``. The pathway cache does not
hold it (at national size it would add a few hundred bytes to every offer of every worker):
the histories are read here, in one query, for the few offers an answer shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from graph.pathways.offer_origin import IMPORTED_TWIN, may_have_history
from graph.pathways.year_figures import CommonFigures, DemandKind, YearFigures
from graph.store import GraphStore

__all__ = [
    "IMPORTED_TWIN",
    "CommonFigures",
    "DemandKind",
    "OfferKey",
    "YearFigures",
    "demand_kind",
    "may_have_history",
    "parse_history",
    "pressure",
    "read_histories",
]

OfferKey = tuple[str, str, str | None]  # actor id, diploma code, modality

_KIND_OF_FILE: tuple[tuple[str, DemandKind], ...] = (
    ("BTS_attractivite_capacite", "confirmed_wishes"),  # Parcoursup (BTS)
    ("attractivite_capacite", "first_wishes"),  # Affelnet
)


def demand_kind(source: object) -> DemandKind | None:
    """The kind of wishes a year's demand counts, from its files (history_json's ``source``,
    file names joined by « ; »); None when not known or when files of both kinds add up.

    >>> demand_kind("attractivite_capacite_2022.csv")
    'first_wishes'
    >>> demand_kind("BTS_attractivite_capacite_2023.csv; BTS_attractivite_capacite_2024.csv")
    'confirmed_wishes'
    >>> demand_kind("constat_2020.csv"), demand_kind(None)
    (None, None)
    """
    if not isinstance(source, str):
        return None
    kinds = set()
    for name in source.split(";"):
        name = name.strip()
        kind = next((k for prefix, k in _KIND_OF_FILE if name.startswith(prefix)), None)
        if kind is not None:
            kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else None


def _common(value: object) -> CommonFigures | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("code"), str):
        return None
    family, cap, dem = value.get("family"), value.get("capacity"), value.get("demand")
    return CommonFigures(
        value["code"],
        family if isinstance(family, str) else None,
        cap if isinstance(cap, int) else None,
        dem if isinstance(dem, int) else None,
    )


def pressure(capacity: int | None, demand: int | None) -> float | None:
    """Vœux per place (the taux de pression), as the import computes it; None when unknown.

    >>> pressure(24, 126), pressure(0, 3), pressure(24, None)
    (5.25, None, None)
    """
    if not capacity or demand is None:
        return None
    return round(demand / capacity, 3)


def parse_history(text: str | None) -> list[YearFigures]:
    """An offer's ``history_json`` as :class:`YearFigures`, oldest first; years with neither
    places nor vœux are left out, unreadable text gives no history.

    >>> parse_history('[{"year":2023,"capacity":24,"demand":100},{"year":2022,"pupils":20}]')
    [YearFigures(year=2023, capacity=24, demand=100, pressure=4.167)]
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
        entry_year = y.get("entry_year")
        out.append(
            YearFigures(
                y["year"],
                cap,
                dem,
                pressure(cap, dem),
                demand_kind(y.get("source")) if dem is not None else None,
                entry_year if isinstance(entry_year, int) else None,
                _common(y.get("common")),
            )
        )
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
