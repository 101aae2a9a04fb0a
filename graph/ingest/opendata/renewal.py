"""Offers of a renovated diploma, presumed from its predecessor's (the BCN lineage).

The BCN closes a diploma when its renovation opens (``NOUVEAU_DIPLOME_n``): Bac pro MELEC
40025510 closed on 31/08/2025, renovated as 40025520. The activity files lag behind (Affelnet
2021-2022, the constat 2020, Parcoursup up to 2024): they list the establishments that prepared
the old code, and none yet for the new one. A closed diploma is never proposed as open; its
successor is — where the old one was prepared, the establishment almost always goes on with the
renovated programme. Such an offer is *renewed*: it carries the old offer's years and figures,
its ``status`` says so, and every answer that proposes it says « offre vue pour la version
précédente de ce diplôme, à confirmer avec l'établissement ». An offer the files give for the new
code itself always wins over a renewed one. Pure functions over the parsed rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import replace

from graph.ingest.opendata.plan import Offer, YearFigures

__all__ = ["MAX_HOPS", "MAX_SUCCESSORS", "RENEWED", "open_successors", "renewed_offers"]

RENEWED = "renewed"  # OFFERS.status of a renewed offer
MAX_HOPS = 3  # renovations chain: old -> new -> newer
# a diploma split into more (the DN MADE into its 14 mentions) says nothing of which one an
# establishment goes on with: no offer is presumed
MAX_SUCCESSORS = 3


def open_successors(
    code: str, successors: Mapping[str, Sequence[str]], closed: Set[str]
) -> list[str]:
    """The open diplomas ``code`` was renovated into, following closed ones on (at most
    :data:`MAX_HOPS` renovations), in code order.

    >>> open_successors("A", {"A": ["B"], "B": ["C", "D"]}, {"A", "B"})
    ['C', 'D']
    >>> open_successors("A", {"A": ["B"]}, {"A", "B"})
    []
    """
    found: set[str] = set()
    frontier, seen = [code], {code}
    for _ in range(MAX_HOPS):
        nxt: list[str] = []
        for c in frontier:
            for s in successors.get(c, ()):
                if s not in seen:
                    seen.add(s)
                    if s in closed:
                        nxt.append(s)
                    else:
                        found.add(s)
        frontier = nxt
    return sorted(found)


def _merged_years(olds: Iterable[Offer]) -> list[YearFigures]:
    """Several old codes renovated into one (three Bac pro options into one Bac pro): each
    year's figures added up; a figure no old offer knows stays unknown."""
    by_year: dict[int, list[YearFigures]] = {}
    for o in olds:
        for y in o.years:
            by_year.setdefault(y.year, []).append(y)

    def total(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    return [
        YearFigures(
            year,
            total([y.capacity for y in ys]),
            total([y.demand for y in ys]),
            total([y.pupils for y in ys]),
            list(dict.fromkeys(s for y in ys for s in y.sources)),
        )
        for year, ys in sorted(by_year.items())
    ]


def renewed_offers(
    offers: Sequence[Offer], successors: Mapping[str, Sequence[str]], closed: Set[str]
) -> list[Offer]:
    """One renewed offer per (establishment, open successor, modality) of every offer of a
    closed diploma, unless the files give an offer of the successor itself there (the parse
    imports this module when it runs: plan.py defines the rows)."""
    own = {(o.uai, o.code, o.modality) for o in offers}
    olds: dict[tuple[str, str, str], list[Offer]] = {}
    for o in offers:
        if o.code not in closed:
            continue
        heirs = open_successors(o.code, successors, closed)
        if len(heirs) > MAX_SUCCESSORS:
            continue
        for s in heirs:
            key = (o.uai, s, o.modality)
            if key not in own:
                olds.setdefault(key, []).append(o)
    return [
        replace(
            group[0],
            code=code,
            years=_merged_years(group),
            renewed_from=tuple(sorted({o.code for o in group})),
        )
        for (uai, code, modality), group in sorted(olds.items())
    ]
