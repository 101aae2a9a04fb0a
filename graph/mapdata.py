"""Actors and platforms as GeoJSON points (RFC 7946, [lon, lat]) for map clients.

Those that match the filters but have no coordinates are not features; the collection says how
many they are, by kind, in its foreign member ``unplaced`` (RFC 7946 §6.1), so that a map never
drops them silently.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from graph.errors import NotFound
from graph.gaps.cache import cached_answer
from graph.memory import release_free_memory
from graph.pathways.undescribed import described_kinds, map_undescribed_notice
from graph.place_precision import location_precision
from graph.store import GraphStore

# gzip level of the kept map: 6 writes the whole country in a third of the time of 9 (the
# middleware's), 7 % larger (0.39 against 0.37 MB)
GZIP_LEVEL = 6
# features beyond which the memory freed after computing a view is given back to the system
# (the whole country: 10 000; a département: a few hundred)
LARGE_MAP = 2_000


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
    """The collection, computed from the graph (see :func:`map_geojson_gzip` for the one the
    API serves, kept per graph version)."""
    return _map_points(store, campus, departements, kinds, sector, level, modality)


def map_geojson_gzip(
    store: GraphStore,
    *,
    campus: str | None = None,
    departements: list[str] | None = None,
    kinds: set[str] | None = None,
    sector: str | None = None,
    level: int | None = None,
    modality: str | None = None,
) -> bytes:
    """:func:`map_points` as JSON (as ``JSONResponse`` writes it), gzip-compressed, kept for
    the graph's version (:func:`graph.gaps.cache.cached_answer`): the whole country is 10 000
    points read in seconds, 4.7 MB of JSON whose writing and compressing took most of a
    second more at every visit; kept compressed, it weighs 0.4 MB. A write makes a new
    version, so a kept answer is never served after an edit."""
    key = (
        "map_geojson_gzip",
        campus,
        tuple(departements) if departements is not None else None,
        tuple(sorted(kinds)) if kinds else None,
        sector,
        level,
        modality,
    )

    def compute() -> bytes:
        fc = _map_points(store, campus, departements, kinds, sector, level, modality)
        body = _gzip_json(fc)
        if len(fc["features"]) > LARGE_MAP:
            del fc
            release_free_memory()  # tens of MB freed at once: see graph/memory.py
        return body

    return cached_answer(store, key, compute)


def warm_map(store: GraphStore) -> None:
    """Compute and keep the map's first view (the whole country, no filter) for the graph's
    current version, so that the first visit after a start or a write finds it ready."""
    map_geojson_gzip(store)


def _gzip_json(fc: dict[str, Any]) -> bytes:
    """``fc`` as compact JSON (as Starlette's ``JSONResponse`` writes it: no ASCII escapes, no
    spaces), gzip-compressed feature by feature (no second copy of the whole text)."""
    gz = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # wbits 31: the gzip container
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    out: list[bytes] = []

    def write(text: str) -> None:
        if chunk := gz.compress(text.encode()):
            out.append(chunk)

    write("{")
    for i, (key, value) in enumerate(fc.items()):
        write(("," if i else "") + dumps(key) + ":")
        if key == "features":
            write("[")
            for j, feature in enumerate(value):
                write(("," if j else "") + dumps(feature))
            write("]")
        else:
            write(dumps(value))
    write("}")
    out.append(gz.flush())
    return b"".join(out)


def _map_points(
    store: GraphStore,
    campus: str | None,
    departements: list[str] | None,
    kinds: set[str] | None,
    sector: str | None,
    level: int | None,
    modality: str | None,
) -> dict[str, Any]:
    # an unknown campus or filière is a 404, as /gaps and /pathways say, not an empty map
    if campus and not store.read("campus_exists", id=campus):
        raise NotFound("campus", campus)
    if sector and not store.read("sector_exists", id=sector):
        raise NotFound("sector", sector)
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
        if level is not None and modality and f"{level}:{modality}" not in r["level_modalities"]:
            continue  # the level and the modality of two different offers
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
                    # the files give no commune: "coordinates", the commune whose centre is the
                    # nearest to the place's own position (« près de »); "centre", that one
                    # within 1 km of its centre (said as is, place_precision.py); "name", the
                    # one its name gives (graph/ingest/opendata/named_commune.py); else null
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
    notice = None
    if modality:  # read once per view and graph version: the view is kept (map_geojson_gzip)
        described = described_kinds(store.read("pathway_offer_kinds"))
        notice = map_undescribed_notice(described, modality, level)
    return {
        "type": "FeatureCollection",
        "features": features,
        "unplaced": {"count": sum(unplaced.values()), "by_kind": dict(sorted(unplaced.items()))},
        # a modality the imported files never describe for some kinds of diploma (graph/
        # pathways/undescribed.py): the places drawn are not all those that may offer it
        "notice": notice,
    }
