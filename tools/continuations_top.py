"""The Bac pros and CAPs with the most lycée offers in the national Affelnet files.

Used once to choose the diplomas of the continuation reference
(``tests/fixtures/continuations/reference.toml``, see ``docs/continuations.md``):

    python tools/continuations_top.py OPEN_DATA_DIR [--bac-pro 30] [--cap 15]

An establishment (UAI) *offers* a diploma when an Affelnet file (2021 or 2022) lists one of its
MEF, or lists the "2nde commune" of its famille de métiers (``n_lien_formation_groupe_``) and the
2020 head count (``constat_2020``) shows pupils in that diploma there. Codes of one BCN lineage
(``ANCIEN_DIPLOME_n`` / ``NOUVEAU_DIPLOME_n``) are counted together under the open code, so a
renovated diploma (MELEC, CIEL, ASSP…) is not split. Prints JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path


def _rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _closed(date: str) -> bool:
    """BCN DATE_FERMETURE dd/mm/yyyy: closed when the last session is before 2026."""
    return bool(date) and int(date[-4:]) < 2026


def top(data: Path, n_bac: int, n_cap: int) -> dict[str, list[dict[str, object]]]:
    bcn = {r["FORMATION_DIPLOME"]: r for r in _rows(data / "nFormationDiplome_.csv", "cp1252")}
    mef = {r["MEF_STAT_11"]: r["FORMATION_DIPLOME"] for r in _rows(data / "nMef.csv")}

    def current(cfd: str, seen: frozenset[str] = frozenset()) -> str:
        """The open code of a lineage: follow NOUVEAU_DIPLOME_1 while the code is closed."""
        row = bcn.get(cfd)
        if row is None or not _closed(row["DATE_FERMETURE"]) or cfd in seen:
            return cfd
        new = row["NOUVEAU_DIPLOME_1"].strip()
        return current(new, seen | {cfd}) if new in bcn else cfd

    family: dict[str, set[str]] = defaultdict(set)  # common 2nde -> diplomas of the family
    group_of: dict[str, str] = {}
    for r in _rows(data / "n_lien_formation_groupe_.csv"):
        group_of[r["FORMATION_DIPLOME"]] = r["GROUPE_FORMATION"]
    members: dict[str, set[str]] = defaultdict(set)
    for cfd, g in group_of.items():
        members[g].add(cfd)

    def common(cfd: str) -> bool:
        label = bcn.get(cfd, {}).get("LIBELLE_LONG_200", "")
        return "2NDE COMMUNE" in label or "(SEC PRO AG)" in label

    for cfd, g in group_of.items():
        if common(cfd):
            family[cfd] = {m for m in members[g] if not common(m)}

    pupils: set[tuple[str, str]] = set()
    for r in _rows(data / "constat_2020.csv"):
        cfd = mef.get(r["Mef Bcp 11"])
        if cfd:
            pupils.add((r["UAI"], current(cfd)))

    offers: dict[str, set[str]] = defaultdict(set)
    for year in (2021, 2022):
        for r in _rows(data / f"attractivite_capacite_{year}.csv"):
            uai, cfd = r["Etablissement d'accueil"], mef.get(r["MEF STAT 11"])
            if not cfd:
                continue
            if common(cfd):
                for m in family.get(cfd, ()):
                    if (uai, current(m)) in pupils:
                        offers[current(m)].add(uai)
            else:
                offers[current(cfd)].add(uai)

    def pick(prefixes: tuple[str, ...], n: int) -> list[dict[str, object]]:
        ranked = sorted(
            (c for c in offers if c.startswith(prefixes) and not common(c)),
            key=lambda c: (-len(offers[c]), c),
        )
        return [
            {
                "cfd": c,
                "name": bcn.get(c, {}).get("LIBELLE_LONG_200", "?"),
                "offers": len(offers[c]),
                "closes": bcn.get(c, {}).get("DATE_FERMETURE", ""),
            }
            for c in ranked[:n]
        ]

    return {"bac_pro": pick(("400", "403"), n_bac), "cap": pick(("500", "503"), n_cap)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--bac-pro", type=int, default=30)
    ap.add_argument("--cap", type=int, default=15)
    a = ap.parse_args()
    print(json.dumps(top(a.data, a.bac_pro, a.cap), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
