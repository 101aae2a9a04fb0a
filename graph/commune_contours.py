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
own position (docs/communes.md). A border with no other commune's contour within
:data:`BORDER_KM` of the point (:func:`nearby`, every département's) is no border with a
neighbour: the sea's, a lake's, the country's. A point near it is in its commune: the Lycée Fesch,
on Ajaccio's seafront, 0.17 km inside the simplified coast, is « à Ajaccio »; and a point just
off that coast, in the sea as the contours draw it, is in the only commune near it when the
nearest town hall is that commune's too (graph/ingest/opendata/plan.py ``lone_commune``).

The file (``contours.bin``, the packed form of ``contours.json.gz``, both beside the commune
reference, built by tools/communes/build.py; the JSON when the packed file is missing) is read
on first use by the import only (~0.01 s; the JSON ~0.2 s): the API never reads it. Without
either, :func:`containing` returns None and the nearest centre is used as before. A point's
commune is searched among the boxes of its département's 0.2° cell, and its border measured
only on the edges within :data:`BORDER_KM` of it (:func:`near_border_km`).
"""

from __future__ import annotations

import array
import gzip
import json
import math
import os
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from graph import communes as communes_ref

__all__ = [
    "BORDER_KM",
    "CONTOURS_NAME",
    "PACKED_NAME",
    "Contained",
    "Contours",
    "border_km",
    "containing",
    "decode_ring",
    "inside_polygon",
    "nearby",
]

CONTOURS_NAME = "contours.json.gz"
# The same, packed for reading without parsing (:meth:`Contours.from_packed`), written beside it
PACKED_NAME = "contours.bin"
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
    values = list(map(int, text.split(",")))
    if len(values) % 2:
        del values[-1]  # an odd count: the last value alone is no point
    out: Ring = list(zip(accumulate(values[0::2]), accumulate(values[1::2]), strict=True))
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
    kx, ky = _km_per_unit(scale, lat)
    return _edges_km(
        x * kx, y * ky, kx, ky, (e for r in rings for e in zip(r, r[1:], strict=False))
    )


def near_border_km(x: float, y: float, rings: list[Ring], scale: int, lat: float) -> float | None:
    """:func:`border_km` when it is under :data:`BORDER_KM` (the same figure), else None.

    Only the edges whose box, widened by :data:`BORDER_KM` (and a margin), holds the point are
    measured: any other is further than that. A few edges of ~30 instead of all.

    >>> square = [(0, 0), (1000, 0), (1000, 1000), (0, 1000), (0, 0)]
    >>> round(near_border_km(500, 100, [square], 100_000, 0.0), 3)
    0.111
    >>> near_border_km(500, 500, [square], 100_000, 0.0) is None
    True
    """
    kx, ky = _km_per_unit(scale, lat)
    rx, ry = BORDER_KM / kx * 1.001 + 1, BORDER_KM / ky * 1.001 + 1
    xlo, xhi, ylo, yhi = x - rx, x + rx, y - ry, y + ry
    near = [
        (p0, p1)
        for ring in rings
        for p0, p1 in zip(ring, ring[1:], strict=False)
        if not (
            (p0[0] < xlo and p1[0] < xlo)
            or (p0[0] > xhi and p1[0] > xhi)
            or (p0[1] < ylo and p1[1] < ylo)
            or (p0[1] > yhi and p1[1] > yhi)
        )
    ]
    if not near:
        return None
    best = _edges_km(x * kx, y * ky, kx, ky, near)
    return best if best < BORDER_KM else None


def _km_per_unit(scale: int, lat: float) -> tuple[float, float]:
    return math.cos(math.radians(lat)) * _KM_PER_DEGREE / scale, _KM_PER_DEGREE / scale


def _edges_km(
    px: float, py: float, kx: float, ky: float, edges: Iterable[tuple[tuple[int, int], ...]]
) -> float:
    """The distance from (px, py) (km) to the nearest of ``edges`` (in 1/scale degree)."""
    best = math.inf
    for (x0, y0), (x1, y1) in edges:
        ax, ay, bx, by = x0 * kx, y0 * ky, x1 * kx, y1 * ky
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg))
        d = math.hypot(px - (ax + t * dx), py - (ay + t * dy))
        if d < best:
            best = d
    return best


@dataclass(frozen=True, slots=True)
class Contained:
    """The commune (or municipal arrondissement) whose contour holds a point, and whether the
    point is clear of its border (:data:`BORDER_KM` or more inside it)."""

    code: str
    near_km: float | None  # km to its border when under BORDER_KM; None: clear of it
    rings: list[Ring] = field(compare=False, repr=False)
    point: tuple[float, float, int, float] = field(compare=False, repr=False)  # x, y, scale, lat

    @property
    def clear(self) -> bool:
        """Far enough from the border to be said in the commune (:data:`BORDER_KM`)."""
        return self.near_km is None

    @property
    def border_km(self) -> float:
        """How far inside its contour the point is (km to its border)."""
        if self.near_km is not None:
            return self.near_km
        x, y, scale, lat = self.point
        return border_km(x, y, self.rings, scale, lat)


# The side of the cells a département's contours are indexed by (1/scale degree: 0.2°, a few
# communes a cell)
_CELL = 20_000

# The packed file (tools/communes/build.py ``packed_contours``): its first bytes, then the
# header's length
_MAGIC = b"CMQCONT1"
_HEAD = struct.Struct("<8sI")


@dataclass
class Contours:
    """The contours, by entry (a commune or municipal arrondissement): ``codes[i]``,
    ``boxes[4 * i : 4 * i + 4]`` (min lon, min lat, max lon, max lat in 1/scale degree) and
    its polygons (:meth:`polygons`, decoded on first use from the JSON's texts or the packed
    file's points)."""

    scale: int
    codes: list[str]
    boxes: Sequence[int]
    by_departement: dict[str, list[int]]  # COG code -> its entries
    encoded: list[list[list[str]]] | None = None  # the JSON's ring texts
    # entry i's département (COG code), as in by_departement
    departements: list[str] = field(default_factory=list)
    # the packed file's arrays: polygons of entry i = poly_rings[entry_polys[i]:…], rings of
    # polygon p = ring_points[poly_rings[p]:…], points of ring r = points[2 * ring_points[r]:…]
    arrays: tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]] | None = None
    _decoded: dict[int, list[list[Ring]]] = field(default_factory=dict)
    # built on the first question: cell (x // _CELL, y // _CELL) -> the boxes of every
    # département meeting it, each with its entry: (min lon, min lat, max lon, max lat, entry)
    _cells: dict[tuple[int, int], list[tuple[int, ...]]] | None = None

    @classmethod
    def from_data(cls, data: dict) -> Contours:  # type: ignore[type-arg]
        """From the JSON file's data (tools/communes/build.py ``contours_file``)."""
        rows = data["communes"]
        out = cls(
            scale=int(data["scale"]),
            codes=[r[0] for r in rows],
            boxes=[v for r in rows for v in r[2:6]],
            by_departement={},
            encoded=[r[6] for r in rows],
        )
        out.departements = [r[1] for r in rows]
        for i, dep in enumerate(out.departements):
            out.by_departement.setdefault(dep, []).append(i)
        return out

    @classmethod
    def from_packed(cls, blob: bytes) -> Contours:
        """From the packed file's bytes (tools/communes/build.py ``packed_contours``: a JSON
        header, then little-endian int32 arrays); ValueError when they are not one."""
        magic, size = _HEAD.unpack_from(blob)
        if magic != _MAGIC:
            raise ValueError("not a packed contours file")
        head = json.loads(blob[_HEAD.size : _HEAD.size + size])
        view = memoryview(blob)[_HEAD.size + size :]
        arrays: list[Sequence[int]] = []
        for count in head["lengths"]:
            arrays.append(_int32s(view[: 4 * count]))
            view = view[4 * count :]
        boxes, entry_polys, poly_rings, ring_points, points = arrays
        out = cls(
            scale=int(head["scale"]),
            codes=head["codes"],
            boxes=boxes,
            by_departement={},
            arrays=(entry_polys, poly_rings, ring_points, points),
            departements=head["departements"],
        )
        for i, dep in enumerate(out.departements):
            out.by_departement.setdefault(dep, []).append(i)
        return out

    def polygons(self, i: int) -> list[list[Ring]]:
        """Entry ``i``'s polygons, each a list of closed rings, the outer first."""
        got = self._decoded.get(i)
        if got is None:
            if self.arrays is not None:
                entry_polys, poly_rings, ring_points, points = self.arrays
                got = []
                for p in range(entry_polys[i], entry_polys[i + 1]):
                    rings: list[Ring] = []
                    for r in range(poly_rings[p], poly_rings[p + 1]):
                        xy = list(points[2 * ring_points[r] : 2 * ring_points[r + 1]])
                        ring = list(zip(xy[0::2], xy[1::2], strict=True))
                        rings.append([*ring, ring[0]] if ring else ring)
                    got.append(rings)
            else:
                assert self.encoded is not None
                got = [[decode_ring(r) for r in rings] for rings in self.encoded[i]]
            self._decoded[i] = got
        return got

    def _grid(self) -> dict[tuple[int, int], list[tuple[int, ...]]]:
        """The cells of side ``_CELL`` every entry's box meets, whatever its département, with
        those boxes in the entries' order. One grid for :meth:`containing` (which keeps the
        boxes of its département) and :meth:`nearby` (any département's): a grid per
        département as well cost as much again, ~0.06 s of an import (~100 départements)."""
        cells = self._cells
        if cells is None:
            cells = self._cells = {}
            get = cells.get
            b = list(self.boxes)
            for box in zip(b[0::4], b[1::4], b[2::4], b[3::4], range(len(self.codes)), strict=True):
                x0, y0, x1, y1, _ = box
                for i in range(x0 // _CELL, x1 // _CELL + 1):
                    for j in range(y0 // _CELL, y1 // _CELL + 1):
                        if (at := get((i, j))) is None:
                            cells[i, j] = [box]
                        else:
                            at.append(box)
        return cells

    def nearby(self, lat: float, lon: float, km: float) -> list[tuple[str, float]]:
        """The entries of any département whose contour is within ``km`` of the point (0 when
        it holds it), each with that distance, the nearest first (a city of municipal
        arrondissements and those around the point both)."""
        x, y = lon * self.scale, lat * self.scale
        kx, ky = _km_per_unit(self.scale, lat)
        rx, ry = km / kx * 1.001 + 1, km / ky * 1.001 + 1
        grid = self._grid()
        seen: set[int] = set()
        found: list[tuple[float, int]] = []
        for i in range(int((x - rx) // _CELL), int((x + rx) // _CELL) + 1):
            for j in range(int((y - ry) // _CELL), int((y + ry) // _CELL) + 1):
                for x0, y0, x1, y1, e in grid.get((i, j), ()):
                    if e in seen or x < x0 - rx or x > x1 + rx or y < y0 - ry or y > y1 + ry:
                        continue
                    seen.add(e)
                    best = math.inf
                    for rings in self.polygons(e):
                        if inside_polygon(x, y, rings):
                            best = 0.0
                            break
                        best = min(best, border_km(x, y, rings, self.scale, lat))
                    if best <= km:
                        found.append((best, e))
        found.sort(key=lambda t: (t[0], self.codes[t[1]]))
        return [(self.codes[e], d) for d, e in found]

    def containing(self, lat: float, lon: float, departement: str) -> Contained | None:
        """The commune of ``departement`` (COG code: '35', '2A', '976') whose contour holds
        the point; the smallest when several do (a municipal arrondissement, not its city);
        None when none of the département's does."""
        x, y = lon * self.scale, lat * self.scale
        found: list[tuple[int, str, list[Ring]]] = []
        departements = self.departements
        for x0, y0, x1, y1, e in self._grid().get((int(x // _CELL), int(y // _CELL)), ()):
            if not (x0 <= x <= x1 and y0 <= y <= y1) or departements[e] != departement:
                continue
            for rings in self.polygons(e):
                if inside_polygon(x, y, rings):
                    found.append(((x1 - x0) * (y1 - y0), self.codes[e], rings))
                    break
        if not found:
            return None
        _, code, rings = min(found, key=lambda t: (t[0], t[1]))
        near = near_border_km(x, y, rings, self.scale, lat)
        return Contained(code, near, rings, (x, y, self.scale, lat))


def _int32s(view: memoryview) -> Sequence[int]:
    """Little-endian int32 values, as stored (a copy only on a big-endian machine)."""
    if sys.byteorder == "little":
        return view.cast("i")
    values = array.array("i", view)
    values.byteswap()
    return values


_contours: Contours | None = None
_missing = False
_lock = threading.Lock()


def data_file() -> Path:
    """The contours file the import reads: :data:`ENV_FILE`'s when set (packed when its name
    ends in .bin, else JSON), else the packed file beside the commune reference, else the
    JSON one (an install older than the packed file)."""
    if name := os.environ.get(ENV_FILE):
        return Path(name)
    packed_file = communes_ref.data_file().with_name(PACKED_NAME)
    return packed_file if packed_file.is_file() else packed_file.with_name(CONTOURS_NAME)


def _read(path: Path) -> Contours:
    if path.suffix == ".bin":
        return Contours.from_packed(path.read_bytes())
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return Contours.from_data(json.load(f))


def contours() -> Contours | None:
    """The contours, read on first use; None when the file is missing (an older install)."""
    global _contours, _missing
    if _contours is None and not _missing:
        with _lock:
            if _contours is None and not _missing:
                try:
                    _contours = _read(data_file())
                except FileNotFoundError:
                    communes_ref.log.warning(
                        "commune contours %s are missing: run `make install`", data_file()
                    )
                    _missing = True
    return _contours


def nearby(lat: float, lon: float, km: float = BORDER_KM) -> list[tuple[str, float]]:
    """:meth:`Contours.nearby` (every département's); [] without the contours file."""
    found = contours()
    return [] if found is None else found.nearby(lat, lon, km)


def containing(lat: float, lon: float, departement: str) -> Contained | None:
    """:meth:`Contours.containing` for a département in stored form ('035', '2A', '976');
    None without the contours file."""
    found = contours()
    if found is None:
        return None
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    return found.containing(lat, lon, cog)
