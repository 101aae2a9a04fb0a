"""The jobs (ROME codes) of each BUT speciality and parcours, from Certif Info's « BUT
spécialité … parcours … » rows, matched to the Parcoursup extract's BUT labels (« BUT   Genie
biologique parcours dietetique et nutrition », accents stripped): the evidence the
admission parallèle rule ``bts-but-ap`` asks of « la même spécialité »
(:mod:`graph.inference.admission_parallele`). The BCN has no code for these programmes, so
the label is the only link; a label naming no Certif Info speciality gets no jobs.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["but_jobs", "read_but_specialities", "specialities"]

# speciality (normalised words) -> parcours (normalised words, '' for none) -> ROME codes
Specialities = dict[str, dict[str, frozenset[str]]]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def specialities(rows: Iterable[tuple[str, Iterable[str]]]) -> Specialities:
    """Certif Info rows (label, ROME codes) -> the jobs of each BUT speciality and parcours.

    >>> s = specialities([("BUT spécialité génie biologique parcours agronomie", ["A1301"]),
    ...                   ("BUT spécialité génie biologique parcours diététique et nutrition",
    ...                    ["D1405", ""]), ("BTS opticien lunetier", ["J1405"])])
    >>> {k: {p: sorted(r) for p, r in v.items()} for k, v in s.items()}
    {'genie biologique': {'agronomie': ['A1301'], 'dietetique et nutrition': ['D1405']}}
    """
    out: Specialities = {}
    for label, romes in rows:
        n = _norm(label)
        if not n.startswith("but "):
            continue
        n = n.removeprefix("but ").removeprefix("specialite ")
        spec, _, parcours = n.partition(" parcours ")
        codes = frozenset(r.strip() for r in romes if r and r.strip())
        got = out.setdefault(spec, {})
        got[parcours] = got.get(parcours, frozenset()) | codes
    return out


def but_jobs(label: str, specs: Mapping[str, Mapping[str, frozenset[str]]]) -> frozenset[str]:
    """The ROME codes of a Parcoursup BUT label: its parcours' when the label names one Certif
    Info lists, else every parcours' of its speciality (the longest speciality the label
    starts with); none when it names no speciality Certif Info lists.

    >>> s = specialities([("BUT spécialité génie biologique parcours agronomie", ["A1301"]),
    ...                   ("BUT spécialité génie biologique parcours diététique", ["D1405"])])
    >>> sorted(but_jobs("BUT   Genie biologique Parcours dietetique et nutrition", s))
    ['D1405']
    >>> sorted(but_jobs("BUT   Genie biologique", s)), sorted(but_jobs("BUT   Chimie", s))
    (['A1301', 'D1405'], [])
    """
    n = _norm(label).removeprefix("but ")
    best = max((s for s in specs if n == s or n.startswith(s + " ")), key=len, default=None)
    if best is None:
        return frozenset()
    rest = n[len(best) :].strip().removeprefix("parcours ").strip()
    for parcours, codes in specs[best].items():
        if parcours and rest.startswith(parcours):
            return codes
    return frozenset().union(*specs[best].values())


def read_but_specialities(path: Path) -> Specialities:
    """:func:`specialities` of Certif Info's file (``path``; none if it is absent)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        rows = [
            (
                row.get("Libelle_Diplome") or "",
                [row.get(f"Code_Rome_{i}") or "" for i in range(1, 6)],
            )
            for row in csv.DictReader(f, delimiter=";")
            if (row.get("Libelle_Diplome") or "").startswith("BUT ")
        ]
    return specialities(rows)
