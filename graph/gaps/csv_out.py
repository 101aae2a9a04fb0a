"""A section of the gap report as CSV for spreadsheets, in French: French column names and
severities, the elements named (never their ids), the measures in words and the sources as
citations (a document's title, a dataset's name: never a file name), no JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from graph.citations import cite
from graph.csv_cells import safe_row
from graph.gaps.findings import Finding, GapReport

__all__ = ["HEADER", "measures_fr", "report_csv"]

HEADER = ["constat", "gravité", "pourquoi", "éléments concernés", "mesures", "sources"]
SEVERITY_FR = {"high": "élevée", "medium": "moyenne", "low": "faible"}
NODE_TYPE_FR = {
    "actor": "Acteur",
    "platform": "Plateforme",
    "diploma": "Diplôme",
    "sector": "Secteur",
    "campus": "Campus",
}
# The measures of a finding's data worth a column, in French; other entries (identifiers,
# internal kinds) are said by the title, the reason and the elements named.
MEASURE_FR = {
    "demand": "recrutements recensés",
    "period": "période",
    "capacity": "places de formation connues",
    "gap": "écart",
    "levels_offered": "niveaux proposés",
    "levels_planned": "niveaux en projet",
    "levels_missing": "niveaux manquants",
    "levels_reached_elsewhere": "niveaux atteints par une autre formation du territoire",
    "levels_field_unknown": "niveaux où des formations sans domaine connu sont proposées",
    "nearest_km": "formation suivante la plus proche (km)",
    "searched_km": "rayon de recherche (km)",
    "reach_km": "suite jugée accessible jusqu'à (km)",
    "distance_km": "distance (km)",
    # a suggestion's place in its section, not its link-prediction score (« score : 0,01 »
    # told a manager nothing; the JSON keeps it for machines)
    "rank": "rang parmi les rapprochements suggérés",
    "betweenness": "part des liaisons entre acteurs passant par lui (%)",
    "degree": "liens directs",
    "cut_off": "acteurs coupés du réseau sans lui",
    "partners": "partenaires",
}


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",") if isinstance(x, float) else str(x)


def measures_fr(data: Mapping[str, Any]) -> str:
    """The finding's measures in words.

    >>> measures_fr({"demand": 388, "period": "nov-11", "capacity": None, "actor": "x"})
    'recrutements recensés : 388 · période : nov-11'
    >>> measures_fr({"betweenness": 0.4123, "levels_missing": [5, 6], "kind": "broker"})
    'niveaux manquants : 5, 6 · part des liaisons entre acteurs passant par lui (%) : 41,23'
    """
    out = []
    for key, label in MEASURE_FR.items():
        v = data.get(key)
        if key == "betweenness" and isinstance(v, int | float):
            v = round(v * 100, 2)
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, int | float):
            out.append(f"{label} : {_num(v)}")
        elif isinstance(v, str) and key == "period":
            out.append(f"{label} : {v}")
        elif isinstance(v, list) and v and all(isinstance(x, int | float) for x in v):
            out.append(f"{label} : {', '.join(_num(x) for x in v)}")
    return " · ".join(out)


def _row(f: Finding) -> list[str]:
    return [
        f.title,
        SEVERITY_FR.get(f.severity, f.severity),
        f.why,
        " | ".join(f"{NODE_TYPE_FR.get(n.type, n.type)} : {n.name}" for n in f.nodes),
        measures_fr(f.data),
        # people read the document's title and the dataset's name, never a file name
        sources_fr(f.sources),
    ]


def sources_fr(sources: list[str]) -> str:
    """A finding's sources as one list, each citation once: the citations of its facts
    overlap (« …BTS, 2022 | …2022 ; …2023 » repeated the 2022 file).

    >>> print(sources_fr([
    ...     "BTS_attractivite_capacite_2022.csv (Parcoursup 2022, MESR)",
    ...     "BTS_attractivite_capacite_2022.csv (Parcoursup 2022, MESR); "
    ...     "BTS_attractivite_capacite_2023.csv (Parcoursup 2023, MESR)"]))
    Parcoursup : places et vœux en BTS, 2022 ; Parcoursup : places et vœux en BTS, 2023
    """
    return " ; ".join(dict.fromkeys(p for x in sources for p in cite(x).split(" ; ")))


def report_csv(report: GapReport, section: str) -> str:
    """One section as CSV (one row per finding, « ; » separated, for French spreadsheets),
    then the section's note, if any, as a last row « Remarque »."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(HEADER)
    sec = next(s for s in report.sections if s.id == section)
    for f in sec.findings:
        w.writerow(safe_row(_row(f)))
    if sec.note:  # what the data does not know here: after the findings, said as such
        w.writerow(safe_row(["Remarque", "", sec.note, "", "", ""]))
    if sec.total > len(sec.findings):  # a file cut short says so (it had 10 rows of 217)
        w.writerow(safe_row(["Remarque", "", partial_fr(len(sec.findings), sec.total), "", "", ""]))
    return buf.getvalue()


def partial_fr(shown: int, total: int) -> str:
    """The last row of a section the file holds in part.

    >>> partial_fr(10, 1217)
    'Ce fichier contient les 10 premiers constats sur 1\u202f217 (par rang).'
    >>> partial_fr(1, 2)
    'Ce fichier contient le premier constat sur 2 (par rang).'
    """
    in_all = f"{total:,}".replace(",", "\u202f")
    first = "le premier constat" if shown == 1 else f"les {shown} premiers constats"
    return f"Ce fichier contient {first} sur {in_all} (par rang)."
