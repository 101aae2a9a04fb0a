"""A territory's coverage rows kept per diploma, so that an edit reads again only its diplomas.

A pathway answer reads what the data holds in its territory (``cypher/coverage_offers.cypher``:
one row per offer there) to place its far steps and to say why a goal is missing. At national
size that read is 100-150 ms of database time for one département; it was paid again by the
first search after every edit, since the summary of a version is not carried to the next
(:meth:`graph.pathways.data.PathwayData.kept`). An edit of offers changes the rows of the
diplomas it touched only (graph/touched.py), so the cache keeps each territory's rows by diploma
code and, after such an edit, reads again those diplomas' rows in the territory
(``cypher/coverage_offers_of.cypher``) instead of the whole territory.

The rows are kept compact (one actor and one diploma map per code and id, each offer as a tuple
of its values): 3 KB per row as decoded, about 250 bytes here. What is built from them
(:func:`graph.coverage.summarise`, the territory's centre) does not depend on the rows' order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ByCode", "OFFER_KEYS", "compact", "expand", "refreshed", "row_count"]

Row = Mapping[str, Any]
# the offer's keys in cypher/coverage_offers.cypher (and coverage_offers_of.cypher)
OFFER_KEYS = (
    "departement",
    "region_code",
    "lat",
    "lon",
    "campus",
    "status",
    "origin",
    "sources",
    "year",
    "modality",
)
# code -> (its diploma map, (actor map, offer values in OFFER_KEYS order) per row)
ByCode = dict[str, tuple[Row, tuple[tuple[Row, tuple[Any, ...]], ...]]]


def compact(rows: Iterable[Row], into: ByCode | None = None) -> ByCode:
    """The rows grouped by diploma code (added to a copy of ``into``, whose codes given
    here are replaced), equal values shared."""
    out: ByCode = dict(into) if into is not None else {}
    actors: dict[Any, Row] = {}
    values: dict[Any, Any] = {}
    grouped: dict[str, tuple[Row, list[tuple[Row, tuple[Any, ...]]]]] = {}
    for r in rows:
        d, a, o = r["diploma"], r["actor"], r["offer"]
        code = d["code"]
        entry = grouped.get(code)
        if entry is None:
            entry = grouped[code] = (d, [])
        actor = actors.setdefault(a.get("id"), a)
        offer = tuple(
            tuple(v) if v.__class__ is list else values.setdefault((v.__class__, v), v)
            for v in (o.get(k) for k in OFFER_KEYS)
        )
        entry[1].append((actor, offer))
    for code, (d, pairs) in grouped.items():
        out[code] = (d, tuple(pairs))
    return out


def refreshed(kept: ByCode, stale: Iterable[str], fresh: Iterable[Row]) -> ByCode:
    """``kept`` with the rows of the ``stale`` codes replaced by ``fresh`` (their rows read
    again: a code with none is no longer there)."""
    stale = set(stale)
    return compact(fresh, {c: v for c, v in kept.items() if c not in stale})


def expand(by_code: ByCode) -> list[dict[str, Any]]:
    """The rows as :func:`graph.coverage.read_coverage` gives them (``sources`` as a tuple),
    in code order."""
    return [
        {"actor": a, "offer": dict(zip(OFFER_KEYS, values, strict=True)), "diploma": d}
        for code in sorted(by_code)
        for d, pairs in (by_code[code],)
        for a, values in pairs
    ]


def row_count(by_code: ByCode) -> int:
    return sum(len(pairs) for _, pairs in by_code.values())
