"""The commune a point lies in, from the communes' contours (graph/commune_contours.py)."""

from __future__ import annotations

from typing import Any

import pytest

from graph.commune_contours import (
    BORDER_KM,
    Contours,
    border_km,
    inside_polygon,
    near_border_km,
)

SCALE = 100_000


def _ring(x0: float, y0: float, x1: float, y1: float) -> str:
    """A box as tools/communes/build.py writes a ring (first point, then differences)."""
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    ints = [(round(x * SCALE), round(y * SCALE)) for x, y in pts]
    out = [*ints[0]]
    for (ax, ay), (bx, by) in zip(ints, ints[1:], strict=False):
        out += [bx - ax, by - ay]
    return ",".join(map(str, out))


def _entry(code: str, dep: str, box: tuple[float, float, float, float], *holes: tuple) -> list:
    x0, y0, x1, y1 = box
    ints = [round(v * SCALE) for v in box]
    return [code, dep, *ints, [[_ring(x0, y0, x1, y1), *(_ring(*h) for h in holes)]]]


# A city (a whole box) and one of its municipal arrondissements (its western half), a
# neighbour to the east, a commune of another département beyond, and a commune with a hole
# (an enclave, another commune's)
CONTOURS = Contours.from_data(
    {
        "scale": SCALE,
        "communes": [
            _entry("75056", "75", (2.20, 48.80, 2.40, 48.90)),
            _entry("75116", "75", (2.20, 48.80, 2.30, 48.90)),
            _entry("92012", "92", (2.10, 48.80, 2.20, 48.90)),
            _entry("84001", "84", (5.00, 44.00, 5.20, 44.20), (5.05, 44.05, 5.10, 44.10)),
            _entry("26001", "26", (5.05, 44.05, 5.10, 44.10)),
        ],
    }
)


def test_the_smallest_contour_holding_the_point_of_its_departement() -> None:
    got = CONTOURS.containing(48.85, 2.25, "75")
    assert got is not None and got.code == "75116" and got.clear  # the arrondissement
    got = CONTOURS.containing(48.85, 2.35, "75")
    assert got is not None and got.code == "75056"
    # never a commune of another département, even when its contour holds the point
    assert CONTOURS.containing(48.85, 2.15, "75") is None
    assert CONTOURS.containing(48.85, 2.15, "92").code == "92012"  # type: ignore[union-attr]


def test_an_enclave_is_not_the_commune_around_it() -> None:
    assert CONTOURS.containing(44.07, 5.07, "84") is None
    assert CONTOURS.containing(44.07, 5.07, "26").code == "26001"  # type: ignore[union-attr]
    assert CONTOURS.containing(44.15, 5.15, "84").code == "84001"  # type: ignore[union-attr]


def test_near_the_border_the_commune_is_not_clear() -> None:
    # 0.001° of latitude is 0.11 km: under BORDER_KM from the northern edge
    near = CONTOURS.containing(48.899, 2.25, "75")
    assert near is not None and near.code == "75116"
    assert near.border_km == pytest.approx(0.111, abs=0.002) and not near.clear
    far = CONTOURS.containing(48.895, 2.25, "75")
    assert far is not None and far.border_km >= BORDER_KM and far.clear


def test_points_and_rings() -> None:
    square = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert inside_polygon(5, 5, [square]) and not inside_polygon(11, 5, [square])
    assert border_km(5, 1, [square], SCALE, 0.0) == pytest.approx(1 / SCALE * 111.195, rel=1e-3)


def _build_module() -> Any:
    """tools/communes/build.py (standard library only, not a package)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "communes_build" in sys.modules:
        return sys.modules["communes_build"]
    path = Path(__file__).resolve().parents[2] / "tools/communes/build.py"
    spec = importlib.util.spec_from_file_location("communes_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["communes_build"] = module
    spec.loader.exec_module(module)
    return module


def test_the_packed_file_reads_as_the_json() -> None:
    data = {
        "scale": SCALE,
        "communes": [
            _entry("75056", "75", (2.20, 48.80, 2.40, 48.90)),
            _entry("75116", "75", (2.20, 48.80, 2.30, 48.90)),
            _entry("84001", "84", (5.00, 44.00, 5.20, 44.20), (5.05, 44.05, 5.10, 44.10)),
            _entry("26001", "26", (5.05, 44.05, 5.10, 44.10)),
        ],
    }
    packed = Contours.from_packed(_build_module().packed_contours(data))
    from_json = Contours.from_data(data)
    assert packed.codes == from_json.codes and list(packed.boxes) == list(from_json.boxes)
    assert packed.by_departement == from_json.by_departement
    for i in range(len(from_json.codes)):
        assert packed.polygons(i) == from_json.polygons(i)
    assert packed.polygons(2)[0][1][0] == (505000, 4405000)  # the hole, closed
    for lat, lon, dep in [(48.85, 2.25, "75"), (48.899, 2.25, "75"), (44.07, 5.07, "84")]:
        assert packed.containing(lat, lon, dep) == from_json.containing(lat, lon, dep)
    with pytest.raises(ValueError):
        Contours.from_packed(b"not a packed file at all")


def test_the_border_is_measured_near_it_only() -> None:
    # near_border_km is border_km when under BORDER_KM (the same figure), else None
    # a box whose southern edge slants
    ring = [(220_000, 4_880_000), (240_000, 4_880_500), (240_000, 4_890_000), (220_000, 4_890_000)]
    ring.append(ring[0])
    nears = 0
    for k in range(0, 2001, 7):
        x, y = 220_000 + k * 10, 4_880_000 + (k * 37) % 10_000
        full = border_km(x, y, [ring], SCALE, 48.85)
        near = near_border_km(x, y, [ring], SCALE, 48.85)
        assert near == (full if full < BORDER_KM else None)
        nears += near is not None
    assert 20 < nears < 250  # both cases seen
    got = CONTOURS.containing(48.895, 2.25, "75")
    assert got is not None and got.clear and got.near_km is None
    assert got.border_km == pytest.approx(0.556, abs=0.002)  # measured on demand, whole


def test_the_contours_near_a_point_of_any_departement() -> None:
    """:meth:`Contours.nearby`: every entry within the distance, whatever its département, 0
    for one holding the point; none far from every contour (at sea, far off the coast)."""
    # 0.001° of longitude at 48.85° is 0.073 km: 75116's western edge is 92012's eastern one
    got = dict(CONTOURS.nearby(48.85, 2.201, BORDER_KM))
    assert got.keys() == {"75056", "75116", "92012"}
    assert got["75116"] == got["75056"] == 0.0 and 0.05 < got["92012"] < BORDER_KM
    # inside 84001, far from its edges and its hole: itself alone
    assert CONTOURS.nearby(44.15, 5.15, BORDER_KM) == [("84001", 0.0)]
    # off its northern edge by 0.001° (0.11 km): near it, in none
    assert [c for c, _ in CONTOURS.nearby(44.201, 5.15, BORDER_KM)] == ["84001"]
    assert CONTOURS.nearby(45.0, 5.15, BORDER_KM) == []


def test_one_grid_for_every_departement_built_once() -> None:
    """The boxes are indexed once, whatever the départements asked (import24: a grid per
    département as well as the national one cost ~0.06 s of an import), and the answers are
    still each département's own."""
    contours = Contours.from_data(
        {
            "scale": SCALE,
            "communes": [
                _entry("75056", "75", (2.20, 48.80, 2.40, 48.90)),
                _entry("92012", "92", (2.10, 48.80, 2.20, 48.90)),
                _entry("84001", "84", (5.00, 44.00, 5.20, 44.20)),
            ],
        }
    )
    assert contours.containing(48.85, 2.15, "92").code == "92012"  # type: ignore[union-attr]
    grid = contours._grid()
    # every entry's cells, whatever the département asked first
    assert {box[4] for boxes in grid.values() for box in boxes} == {0, 1, 2}
    assert contours.containing(48.85, 2.35, "75").code == "75056"  # type: ignore[union-attr]
    assert contours.containing(48.85, 2.35, "92") is None  # its cell holds 75056's box
    assert contours.containing(44.10, 5.10, "84").code == "84001"  # type: ignore[union-attr]
    assert [code for code, _ in contours.nearby(48.85, 2.199, 0.2)] == ["92012", "75056"]
    assert contours._grid() is grid  # not built again
