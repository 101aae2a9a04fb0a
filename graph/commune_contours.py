"""The commune a point lies in, from the IGN contours of the communes.

An establishment that no file places in a commune (Parcoursup gives only a position) used to be
given the commune whose centre is the nearest (graph/ingest/opendata/named_commune.py), which is
often a neighbour: the IUT de Paris Rives de Seine (in the 16e) « près de Paris 15e », the
Lycée Louis Guilloux (Rennes) « près de Cesson-Sévigné ». The contours answer instead: the
commune (or municipal arrondissement) of the establishment's département whose contour holds the
point (:func:`containing`).

The contours are simplified (about 30 points a commune) and a position is given to ~10-100 m,
so a point close to a border may lie in the neighbour: within :data:`BORDER_KM` of its
commune's border, the commune is only « près de » (``commune_from`` « coordinates »), as the
nearest centre was; further inside it is said as the commune (``commune_from`` « contour »).
The margin is measured on the Annuaire's establishments, which have both a commune and their
own position (docs/communes.md).

The file (``contours.json.gz``, beside the commune reference, built by
tools/communes/build.py) is read on first use by the import only (~1 s, ~40 MB): the API never
reads it. Without it, :func:`containing` returns None and the nearest centre is used as before.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from graph import communes as communes_ref

__all__ = [
    "BORDER_KM",
    "CONTOURS_NAME",
    "Contained",
    "Contours",
    "border_km",
    "containing",
    "decode_ring",
    "inside_polygon",
]

CONTOURS_NAME = "contours.json.gz"
ENV_FILE = "CMQ_CONTOURS_FILE"
# Within this of its commune's border, a point may be in the neighbour (see the docstring)
BORDER_KM = 0.2
_KM_PER_DEGREE = math.pi * 6371.0088 / 180

Ring = list[tuple[int, int]]  # (lon, lat) in 1/scale degree


def decode_ring(text: str) -> Ring:
    """A ring from its text (tools/communes/build.py ``encode_ring``: the first point, then
    differences), closed (its first point again at the end).

    >>> decode_ring("100000,4300000,2,1,-2,0")
    [(100000, 4300000), (100002, 4300001), (100000, 4300001), (100000, 4300000)]
    """
    values = [int(v) for v in text.split(",")]
    out: Ring = []
    x = y = 0
    for i in range(0, len(values) - 1, 2):
        x += values[i]
        y += values[i + 1]
        out.append((x, y))
    if out:
        out.append(out[0])
    return out


def _inside_ring(x: float, y: float, ring: Ring) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def inside_polygon(x: float, y: float, rings: list[Ring]) -> bool:
    """Whether (x, y) lies in the outer ring (the first) and in none of the holes.

    >>> square = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    >>> hole = [(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]
    >>> inside_polygon(2, 2, [square, hole]), inside_polygon(5, 5, [square, hole])
    (True, False)
    """
    return (
        bool(rings)
        and _inside_ring(x, y, rings[0])
        and not any(_inside_ring(x, y, h) for h in rings[1:])
    )


def border_km(x: float, y: float, rings: list[Ring], scale: int, lat: float) -> float:
    """The distance from (x, y) to the nearest edge of ``rings``, in km (planar, with the
    longitude shrunk by the latitude's cosine: fine at a commune's size).

    >>> square = [(0, 0), (1000, 0), (1000, 1000), (0, 1000), (0, 0)]
    >>> round(border_km(500, 100, [square], 100_000, 0.0), 3)
    0.111
    """
    kx = math.cos(math.radians(lat)) * _KM_PER_DEGREE / scale
    ky = _KM_PER_DEGREE / scale
    px, py = x * kx, y * ky
    best = math.inf
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            ax, ay, bx, by = x0 * kx, y0 * ky, x1 * kx, y1 * ky
            dx, dy = bx - ax, by - ay
            seg = dx * dx + dy * dy
            t = 0.0 if seg == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg))
            d = math.hypot(px - (ax + t * dx), py - (ay + t * dy))
            if d < best:
                best = d
    return best


@dataclass(slots=True)
class _Entry:
    code: str
    box: tuple[int, int, int, int]  # min lon, min lat, max lon, max lat
    encoded: list[list[str]]
    polygons: list[list[Ring]] | None = None  # decoded on first use

    def decoded(self) -> list[list[Ring]]:
        if self.polygons is None:
            self.polygons = [[decode_ring(r) for r in rings] for rings in self.encoded]
        return self.polygons


@dataclass(frozen=True, slots=True)
class Contained:
    """The commune (or municipal arrondissement) whose contour holds a point, and how far
    inside it the point is (km to its border)."""

    code: str
    border_km: float

    @property
    def clear(self) -> bool:
        """Far enough from the border to be said in the commune (:data:`BORDER_KM`)."""
        return self.border_km >= BORDER_KM


@dataclass
class Contours:
    scale: int
    by_departement: dict[str, list[_Entry]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> Contours:  # type: ignore[type-arg]
        out = cls(scale=int(data["scale"]))
        for code, dep, x0, y0, x1, y1, polys in data["communes"]:
            out.by_departement.setdefault(dep, []).append(_Entry(code, (x0, y0, x1, y1), polys))
        return out

    def containing(self, lat: float, lon: float, departement: str) -> Contained | None:
        """The commune of ``departement`` (COG code: '35', '2A', '976') whose contour holds
        the point; the smallest when several do (a municipal arrondissement, not its city);
        None when none of the département's does."""
        x, y = lon * self.scale, lat * self.scale
        found: list[tuple[int, _Entry, list[Ring]]] = []
        for e in self.by_departement.get(departement, ()):
            x0, y0, x1, y1 = e.box
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            for rings in e.decoded():
                if inside_polygon(x, y, rings):
                    found.append(((x1 - x0) * (y1 - y0), e, rings))
                    break
        if not found:
            return None
        _, best, rings = min(found, key=lambda t: (t[0], t[1].code))
        return Contained(best.code, border_km(x, y, rings, self.scale, lat))


_contours: Contours | None = None
_missing = False
_lock = threading.Lock()


def data_file() -> Path:
    return Path(os.environ.get(ENV_FILE) or communes_ref.data_file().with_name(CONTOURS_NAME))


def contours() -> Contours | None:
    """The contours, read on first use; None when the file is missing (an older install)."""
    global _contours, _missing
    if _contours is None and not _missing:
        with _lock:
            if _contours is None and not _missing:
                try:
                    with gzip.open(data_file(), "rt", encoding="utf-8") as f:
                        _contours = Contours.from_data(json.load(f))
                except FileNotFoundError:
                    communes_ref.log.warning(
                        "commune contours %s are missing: run `make install`", data_file()
                    )
                    _missing = True
    return _contours


def containing(lat: float, lon: float, departement: str) -> Contained | None:
    """:meth:`Contours.containing` for a département in stored form ('035', '2A', '976');
    None without the contours file."""
    found = contours()
    if found is None:
        return None
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    return found.containing(lat, lon, cog)
