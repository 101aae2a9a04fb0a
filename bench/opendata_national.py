"""A national-size copy of the public open-data files, generated from the académie slice.

The real national files have exactly the formats of ``../shared/opendata`` (same names, headers,
encodings, separators, BOMs, line endings). This generator reproduces their *size* by cloning
the territorial rows of the slice (eight départements) into every département of
``departements_academies_regions.csv``: UAIs (``0DDnnnnX``), INSEE codes, département and
région columns and coordinates are remapped consistently, so activity rows still join the
directories and communes exactly as in the slice. The reference tables (BCN, MEF, diploma
types, départements) are already national and complete: they are copied as they are.

At the default ``clones=20, activity_clones=11``: ~69 000 directory rows, ~62 000 activity
rows (pupils, Affelnet and BTS offers), ~29 000 communes. Deterministic.

    python bench/opendata_national.py OUT_DIR [--source ../shared/opendata]
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "opendata"

REFERENCE = (
    "nFormationDiplome_.csv",
    "vFormationDiplome_.csv",
    "nNiveauFormationDiplome_.csv",
    "nMef.csv",
    "departements_academies_regions.csv",
)
SLICE_DEPTS = ("009", "012", "031", "032", "046", "065", "081", "082")
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Fmt:
    encoding: str
    delimiter: str
    bom: bool
    newline: str


def _fmt(raw: bytes, encoding: str, delimiter: str) -> Fmt:
    return Fmt(
        encoding, delimiter, raw.startswith(b"\xef\xbb\xbf"), "\r\n" if b"\r\n" in raw else "\n"
    )


def _read(path: Path, encoding: str, delimiter: str) -> tuple[Fmt, list[list[str]]]:
    raw = path.read_bytes()
    fmt = _fmt(raw, encoding, delimiter)
    text = raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    return fmt, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _write(path: Path, fmt: Fmt, rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=fmt.delimiter, lineterminator=fmt.newline)
    w.writerows(rows)
    data = buf.getvalue().encode(fmt.encoding)
    path.write_bytes((b"\xef\xbb\xbf" if fmt.bom else b"") + data)


@dataclass(frozen=True)
class Clone:
    """One copy of the slice: slice département -> target département, UAI letter shift."""

    index: int
    dept: dict[str, str]  # "012" -> "067"
    region: dict[str, str]  # target dept -> region code
    shift: int  # check-letter shift keeping UAIs unique when a département is reused
    dlat: float
    dlon: float

    def uai(self, u: str) -> str:
        u = u.strip()
        if len(u) != 8 or u[:3] not in self.dept:
            return u
        letter = u[7]
        if self.shift and letter in LETTERS:
            letter = LETTERS[(LETTERS.index(letter) + self.shift) % len(LETTERS)]
        return self.dept[u[:3]] + u[3:7] + letter

    def insee(self, c: str) -> str:
        c = c.strip()
        d = "0" + c[:2] if len(c) == 5 else ""
        if d not in self.dept:
            return c
        target = self.dept[d]
        head = target[1:] if target.startswith("0") else target[:2]
        # a reused département gets another commune range (shift the hundreds)
        num = (int(c[2:]) + 500 * (self.shift % 2)) % 1000 if c[2:].isdigit() else c[2:]
        return f"{head}{num:03d}" if isinstance(num, int) else head + num

    def dep(self, d: str) -> str:
        d = d.strip()
        return self.dept.get(d, d)

    def lat(self, v: str) -> str:
        return _shift(v, self.dlat)

    def lon(self, v: str) -> str:
        return _shift(v, self.dlon)


def _shift(v: str, by: float) -> str:
    try:
        return f"{float(v) + by:.6f}"
    except ValueError:
        return v


def clones(departements: list[tuple[str, str]], n: int) -> list[Clone]:
    """n clones of the eight slice départements over the national list (reused in turn)."""
    out = []
    targets = [d for d, _ in departements]
    region = dict(departements)
    for i in range(n):
        mapping = {}
        shift = 0
        for j, src in enumerate(SLICE_DEPTS):
            slot = i * len(SLICE_DEPTS) + j
            mapping[src] = targets[slot % len(targets)]
            shift = slot // len(targets)
        # spread clones over metropolitan France (north and east of the slice)
        dlat = ((i * 7) % 9) * 0.7
        dlon = ((i * 5) % 11 - 4) * 0.8
        out.append(Clone(i, mapping, region, shift, dlat, dlon))
    return out


Transform = Callable[[Clone, list[str], dict[str, int]], list[str]]


def _columns(header: list[str]) -> dict[str, int]:
    return {h.strip().lstrip("\ufeff"): i for i, h in enumerate(header)}


def _clone_file(
    src: Path,
    dst: Path,
    encoding: str,
    delimiter: str,
    copies: list[Clone],
    transform: Transform,
) -> int:
    fmt, rows = _read(src, encoding, delimiter)
    header, body = rows[0], rows[1:]
    ix = _columns(header)
    out = [header]
    for c in copies:
        for row in body:
            out.append(transform(c, list(row), ix))
    _write(dst, fmt, out)
    return len(out) - 1


def _set(row: list[str], ix: dict[str, int], col: str, fn: Callable[[str], str]) -> None:
    if col in ix:
        row[ix[col]] = fn(row[ix[col]])


def _annuaire(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
    _set(row, ix, "Identifiant_de_l_etablissement", c.uai)
    _set(row, ix, "etablissement_mere", lambda v: c.uai(v) if v else v)
    _set(row, ix, "Code_commune", c.insee)
    _set(row, ix, "Code_departement", c.dep)
    _set(row, ix, "Code_region", lambda v: c.region.get(c.dep(row[ix["Code_departement"]]), v))
    _set(row, ix, "latitude", c.lat)
    _set(row, ix, "longitude", c.lon)
    if "position" in ix and row[ix["position"]]:
        row[ix["position"]] = f"{row[ix['latitude']]}, {row[ix['longitude']]}"
    return row


def _cfa(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
    _set(row, ix, "numero_uai", c.uai)
    _set(row, ix, "commune", c.insee)
    return row


def _esr(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
    _set(row, ix, "uai", c.uai)
    _set(row, ix, "com_code", c.insee)
    _set(row, ix, "dep_id", lambda v: "D" + c.dep(v[1:]) if v.startswith("D") else v)
    if "coordonnees" in ix and row[ix["coordonnees"]]:
        lat, lon = row[ix["coordonnees"]].split(",")
        row[ix["coordonnees"]] = f"{c.lat(lat)},{c.lon(lon)}"
    return row


def _parcoursup(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
    _set(row, ix, "Code UAI de l etablissement", c.uai)
    gps = next((i for h, i in ix.items() if h.startswith("Coordonn")), None)
    if gps is not None and row[gps]:
        lat, lon = row[gps].split(",")
        row[gps] = f"{c.lat(lat)}, {c.lon(lon)}"
    return row


def _communes(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
    _set(row, ix, "code_commune", c.insee)
    _set(row, ix, "code_departement", c.dep)
    _set(row, ix, "code_region", lambda v: c.region.get(c.dep(row[ix["code_departement"]]), v))
    _set(row, ix, "latitude", lambda v: c.lat(v) if v else v)
    _set(row, ix, "longitude", lambda v: c.lon(v) if v else v)
    return row


def _uai_col(col: str) -> Transform:
    def t(c: Clone, row: list[str], ix: dict[str, int]) -> list[str]:
        _set(row, ix, col, c.uai)
        return row

    return t


def generate(
    out: Path,
    *,
    source: Path = DEFAULT_SOURCE,
    n_clones: int = 20,
    activity_clones: int = 11,
) -> dict[str, int]:
    """Write the national-size files to ``out``; return rows per file."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name in REFERENCE:
        shutil.copyfile(source / name, out / name)
        counts[name] = sum(1 for _ in (out / name).open("rb")) - 1
    _, deps = _read(source / "departements_academies_regions.csv", "utf-8", ";")
    dix = _columns(deps[0])
    departements = [
        (r[dix["codeDepartement"]], r[dix["codeRegion"]])
        for r in deps[1:]
        if r[dix["codeDepartement"]].strip()
    ]
    copies = clones(departements, n_clones)
    act = copies[:activity_clones]
    plan: list[tuple[str, str, str, list[Clone], Transform]] = [
        ("fr-en-annuaire-education.csv", "utf-8", ";", copies, _annuaire),
        ("CFASousConvRegionale_latest-UAI.csv", "latin-1", ";", copies, _cfa),
        ("fr-esr-principaux-etablissements-enseignement-superieur.csv", "utf-8", ";", copies, _esr),
        ("fr-esr-parcoursup_extrait.csv", "utf-8", ",", copies, _parcoursup),
        ("communes_geonames.csv", "utf-8", ";", copies, _communes),
        ("constat_2020.csv", "utf-8", ";", act, _uai_col("UAI")),
        ("attractivite_capacite_2021.csv", "utf-8", ";", act, _uai_col("Etablissement d'accueil")),
        ("attractivite_capacite_2022.csv", "utf-8", ";", act, _uai_col("Etablissement d'accueil")),
        ("BTS_attractivite_capacite_2022.csv", "utf-8", ";", act, _uai_col("UAI")),
        ("BTS_attractivite_capacite_2023.csv", "utf-8", ";", act, _uai_col("UAI")),
        ("BTS_attractivite_capacite_2024.csv", "utf-8", ";", act, _uai_col("UAI")),
    ]
    for name, enc, sep, cs, fn in plan:
        counts[name] = _clone_file(source / name, out / name, enc, sep, cs, fn)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--clones", type=int, default=20)
    ap.add_argument("--activity-clones", type=int, default=11)
    a = ap.parse_args()
    counts = generate(a.out, source=a.source, n_clones=a.clones, activity_clones=a.activity_clones)
    for name, n in counts.items():
        print(f"{name:<62} {n:>8,}")
    print(f"{'total':<62} {sum(counts.values()):>8,}")


if __name__ == "__main__":
    main()
