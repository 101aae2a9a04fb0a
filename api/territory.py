"""Territory parameters shared by /pathways and /gaps: parsing and validation at the edge."""

from __future__ import annotations

import re

from fastapi import HTTPException

from graph.errors import NotFound
from graph.pathways import Point, Territory
from graph.store import GraphStore

LATLON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DEPT = re.compile(r"^(\d{2,3}|2[AB]|02[AB]|97\d)$")


def valid_place(value: str) -> bool:
    return bool(LATLON.match(value) or INSEE.match(value.strip()))


def valid_departements(value: str) -> bool:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    return bool(codes) and len(codes) <= 20 and all(DEPT.match(c) for c in codes)


def parse_departements(value: str | None) -> list[str] | None:
    if not value:
        return None
    return sorted({c.strip().zfill(3) for c in value.split(",") if c.strip()})


def place(store: GraphStore, value: str | None, what: str) -> Point | None:
    """'lat,lon' or an INSEE code of a commune known to the graph; 422 otherwise."""
    if value is None:
        return None
    m = LATLON.match(value)
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise HTTPException(422, f"'{what}': latitude or longitude out of range")
        return Point(lat=lat, lon=lon)
    rows = store.read("site_get", insee=value.strip())
    if not rows or rows[0]["lat"] is None:
        raise HTTPException(
            422,
            f"'{what}': unknown commune or commune without coordinates: "
            f"{value.strip()} (give 'lat,lon' instead)",
        )
    return Point(lat=rows[0]["lat"], lon=rows[0]["lon"], label=rows[0]["name"])


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
