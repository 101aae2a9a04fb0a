"""Territory parameters shared by /pathways and /gaps: parsing and validation at the edge."""

from __future__ import annotations

import re

from fastapi import HTTPException

from graph import communes
from graph.errors import NotFound
from graph.pathways import Point, Territory
from graph.store import GraphStore

LATLON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
# A commune name, postcode or code as typed (graph/communes.py resolves it): letters of any
# alphabet, digits, spaces and the punctuation of French commune names, "Name (dept)".
PLACE_TEXT = re.compile(r"^[\w\s'’().,/-]{1,80}$")
DEPT = re.compile(r"^(\d{2,3}|2[AB]|02[AB]|97\d)$")


def valid_place(value: str) -> bool:
    return bool(LATLON.match(value) or PLACE_TEXT.match(value)) and bool(value.strip())


def valid_departements(value: str) -> bool:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    return bool(codes) and len(codes) <= 20 and all(DEPT.match(c) for c in codes)


def parse_departements(value: str | None) -> list[str] | None:
    if not value:
        return None
    return sorted({c.strip().zfill(3) for c in value.split(",") if c.strip()})


def place(store: GraphStore, value: str | None, what: str) -> Point | None:
    """'lat,lon', or any French commune's INSEE code, postcode or name; 422 otherwise."""
    if value is None:
        return None
    m = LATLON.match(value)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise HTTPException(422, f"'{what}': latitude or longitude out of range")
        return Point(lat=lat, lon=lon)
    # Any commune of France by code (current, former, part), postcode or name (CommuneError,
    # answered 422 in French with the candidates when several match).
    try:
        res = communes.resolve(value)
        if res.place.lat is None or res.place.lon is None:
            raise communes.CommuneUnplaced(value, res.place)
    except communes.CommuneError as exc:
        exc.field = what
        raise
    return Point(lat=res.place.lat, lon=res.place.lon, label=res.place.name)


def territory(
    store: GraphStore,
    *,
    campus: str | None,
    departements: str | None,
    region: str | None,
    near: str | None,
    radius_km: float | None,
) -> Territory:
    if campus and not store.read("campus_exists", id=campus):
        raise NotFound("campus", campus)
    return Territory(
        campus=campus,
        departements=parse_departements(departements),
        region=region,
        near=place(store, near, "near"),
        radius_km=radius_km,
    )
