"""Actors and platforms as GeoJSON points (RFC 7946, [lon, lat]) for map clients.

Those that match the filters but have no coordinates are not features; the collection says how
many they are, by kind, in its foreign member ``unplaced`` (RFC 7946 §6.1), so that a map never
drops them silently.
"""

from __future__ import annotations

from typing import Any

from graph.gaps.cache import cached_answer
from graph.place_precision import location_precision
from graph.store import GraphStore


def map_points(
    store: GraphStore,
    *,
    campus: str | None = None,
    departements: list[str] | None = None,
    kinds: set[str] | None = None,
    sector: str | None = None,
    level: int | None = None,
    modality: str | None = None,
) -> dict[str, Any]:
    """The collection, kept for the graph's version (:func:`graph.gaps.cache.cached_answer`):
    the whole country is 8 000 points read in seconds, and a map asks for the same view again
    at each visit. Callers must not modify it."""
    key = (
        "map_points",
        campus,
        tuple(departements) if departements is not None else None,
        tuple(sorted(kinds)) if kinds else None,
        sector,
        level,
        modality,
    )
    return cached_answer(
        store,
        key,
        lambda: _map_points(store, campus, departements, kinds, sector, level, modality),
    )


def _map_points(
    store: GraphStore,
    campus: str | None,
    departements: list[str] | None,
    kinds: set[str] | None,
    sector: str | None,
    level: int | None,
    modality: str | None,
) -> dict[str, Any]:
    features = []
    unplaced: dict[str, int] = {}
    for r in store.read("map_points", campus=campus, departements=departements):
        if kinds and r["kind"] not in kinds:
            continue
        sectors = sorted(s for s in r["sectors"] if s)
        levels = sorted(lv for lv in r["levels"] if lv is not None)
        modalities = sorted(m for m in r["modalities"] if m)
        if sector and sector not in sectors:
            continue
        if level is not None and level not in levels:
            continue
        if modality and modality not in modalities:
            continue
        if r["lat"] is None or r["lon"] is None:
            unplaced[r["kind"]] = unplaced.get(r["kind"], 0) + 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": f"{r['label'].lower()}:{r['id']}",
                "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                "properties": {
                    "feature": r["label"].lower(),
                    "id": r["id"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "commune": r["commune"],
                    # "coordinates": the commune is the nearest to the place's own position
                    # (the files give no commune), else null
                    "commune_from": r.get("commune_from"),
                    # "address" | "commune" (only its commune's centre: approximate) | null
                    # (graph/place_precision.py)
                    "location_precision": location_precision(r.get("coords_precision")),
                    # Codes to join other datasets: UAI (Éducation nationale), SIRET, INSEE.
                    "uai": r.get("uai"),
                    "siret": r.get("siret"),
                    "insee": r.get("insee"),
                    "departement": r["departement"],
                    "campuses": r["campuses"] or [],
                    "sectors": sectors,
                    "levels": levels,
                    "modalities": modalities,
                    "offers": r["offers"],
                    "boarding_places": r["boarding_places"],
                },
            }
        )
    features.sort(key=lambda f: str(f["id"]))
    return {
        "type": "FeatureCollection",
        "features": features,
        "unplaced": {"count": sum(unplaced.values()), "by_kind": dict(sorted(unplaced.items()))},
    }
