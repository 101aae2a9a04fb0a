"""The passerelles of a diploma's page (GET /diplomas/{code}, ``next`` and ``previous``): one
entry per diploma, each saying where it holds.

A campus document's passerelle, or one inferred into a campus's own programme (the licence pro
biomédical of Cahors, the engineering degree of the CCI de l'Aveyron), holds in that campus's
territory: listed as a plain next step of every BTS of France, it read as a national fact, and
each target came twice (an inferred leg from the seeds and one from the import). Pure functions
over the rows of ``cypher/diploma_get.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.departements import departements_phrase
from graph.inference.rules import is_national_code

__all__ = ["link_entries", "where_it_holds"]

Row = dict[str, Any]


def _departements(row: Row) -> list[str]:
    for key in ("scope_departements", "from_departements", "to_departements"):
        if row.get(key):
            return sorted(set(row[key]))
    return []


def _campus(row: Row) -> str | None:
    """The campus a leg is a fact of: the one documenting it, or the one whose own programme
    (a code no national file gives) it leads to."""
    if row.get("campus"):
        return str(row["campus"])
    if not is_national_code(str(row.get("code") or "")) or row.get("to_departements"):
        campuses = sorted(row.get("programme_campuses") or ())
        return campuses[0] if campuses else None
    return None


def where_it_holds(row: Row, campus_names: Mapping[str, str]) -> str | None:
    """Where a leg holds, in French; None for a passerelle that holds all over France.

    >>> names = {"mv": "CMQ Mecanic Vallée"}
    >>> where_it_holds({"code": "MV-LP", "programme_campuses": ["mv"],
    ...     "from_departements": ["012", "046"], "origin": "inferred"}, names)
    "Programme du CMQ Mecanic Vallée : vaut dans les départements de l'Aveyron (12) et du Lot (46), pas ailleurs."
    >>> where_it_holds({"code": "MV-ING", "campus": "mv", "scope": "actors",
    ...     "origin": "documented"}, names)
    'Documentée par le CMQ Mecanic Vallée : vaut pour les établissements qui y sont parties, pas ailleurs.'
    >>> where_it_holds({"code": "32025014", "origin": "inferred"}, names) is None
    True
    """  # noqa: E501
    campus = _campus(row)
    deps = _departements(row)
    if campus is None and not deps:
        return None
    name = campus_names.get(campus, "campus") if campus else None
    if row.get("origin") == "documented" and name:
        owner = f"Documentée par le {name}"
    elif name:
        owner = f"Programme du {name}"
    else:
        owner = "Passerelle locale"
    if deps:
        return f"{owner} : vaut dans {departements_phrase(deps)}, pas ailleurs."
    if row.get("scope") == "actors":
        return f"{owner} : vaut pour les établissements qui y sont parties, pas ailleurs."
    return f"{owner} : vaut sur le territoire de ce campus, pas ailleurs."


def _rank(row: Row) -> tuple[int, int, str]:
    """Documented before inferred, a passerelle that holds everywhere before a local one."""
    return (
        0 if row.get("origin") == "documented" else 1,
        1 if row.get("where") else 0,
        str(row.get("passerelle") or ""),
    )


def link_entries(rows: Iterable[Row], campus_names: Mapping[str, str]) -> list[Row]:
    """One entry per diploma reached (or reaching), the most telling leg first: documented,
    then holding everywhere; with all its passerelles (``passerelles``), the campus it is a
    fact of (its short name) and where it holds (``where``, French). By level, then name.

    >>> rows = [{"code": "X", "name": "LP", "level": 6, "passerelle": "b", "origin": "inferred"},
    ...         {"code": "X", "name": "LP", "level": 6, "passerelle": "a", "origin": "inferred"}]
    >>> [(e["code"], e["passerelle"], e["passerelles"]) for e in link_entries(rows, {})]
    [('X', 'a', ['a', 'b'])]
    """
    by_code: dict[str, list[Row]] = {}
    for r in rows:
        where = where_it_holds(r, campus_names)
        campus = _campus(r)
        entry = {
            key: r.get(key)
            for key in ("code", "name", "official_name", "type", "level", "passerelle", "kind")
        }
        entry.update(
            origin=r.get("origin"),
            campus=campus_names.get(campus, campus) if campus else None,
            where=where,
        )
        by_code.setdefault(str(r["code"]), []).append(entry)
    out = []
    for entries in by_code.values():
        entries.sort(key=_rank)
        first = dict(entries[0])
        first["passerelles"] = sorted({str(e["passerelle"]) for e in entries if e["passerelle"]})
        out.append(first)
    out.sort(key=lambda e: (e.get("level") or 0, str(e.get("name") or ""), e["code"]))
    return out
