"""Offers of a renovated diploma, presumed from its predecessor's (the BCN lineage).

The BCN closes a diploma when its renovation opens (``NOUVEAU_DIPLOME_n``): Bac pro MELEC
40025510 closed on 31/08/2025, renovated as 40025520. The activity files lag behind (Affelnet
2021-2022, the constat 2020, Parcoursup up to 2024): they list the establishments that prepared
the old code, and none yet for the new one. A closed diploma is never proposed as open; its
successor is — where the old one was prepared, the establishment almost always goes on with the
renovated programme. Such an offer is *renewed*: it carries the old offer's years and figures,
its ``status`` says so, and every answer that proposes it says « offre vue pour la version
précédente de ce diplôme, à confirmer avec l'établissement ». An offer the files give for the new
code itself always wins over a renewed one.

The Affelnet files list a Bac pro taught after a common 2nde (« 2NDE COMMUNE », a famille de
métiers, or an agricultural « SEC PRO AG ») under the 2nde only: the 2022 file names ASSP at
Lycée Jeanne d'Arc (Rennes) by its 2nde commune 40033005, the Bac pro itself (renewed from its
options' 2020 constat offers) only in 2020. A Bac pro whose common 2nde an establishment offers
in a later year is prepared there that year too (:func:`current_by_common_year`): its offer gets
that year, without figures (the 2nde's places are shared by the Bac pros of its family), and says
how it is known (``common_year``). The same holds for the options of a BTS whose first year is
common (optionsBTS.csv, :func:`bts_option_programmes`): the 2020 constat lists the BTS SIO
options at Lycée Notre-Dame de la Providence (Avranches), Parcoursup 2024 its « 1re année »
32032612 only. Pure functions over the parsed rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import replace

from graph.ingest.opendata.plan import Offer, YearFigures
from graph.programme_names import programme_words

__all__ = [
    "MAX_HOPS",
    "MAX_SUCCESSORS",
    "RENEWED",
    "bts_option_programmes",
    "common_year_programmes",
    "current_by_common_year",
    "no_longer_entered",
    "open_successors",
    "renewed_offers",
]

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


def no_longer_entered(
    closed: Set[str],
    successors: Mapping[str, Sequence[str]],
    opening: Mapping[str, str | None],
    entry_closed: Mapping[str, str],
    first_years: Set[str],
    closed_on: str | None,
) -> set[str]:
    """The diplomas whose offers go on under their renovation: the closed ones (``closed``),
    and those still open whose successor the BCN names (``successors``) when nobody enters
    them any more — nMef closes every first course year on or before ``closed_on``
    (``entry_closed``: Bac pro maintenance des véhicules option A 40025214, closed on
    31/08/2028 but entered no more since the rentrée 2025, renovated as option véhicules
    légers 40025224) — or when nMef lists no first year of theirs (``first_years``: the
    agricultural diplomas) and a successor has opened by then (``opening``, ISO). A diploma
    whose first year nMef keeps open is still entered: its offers stay its own.

    >>> succ = {"A": ["A2"], "B": ["B2"], "C": ["C2"], "D": ["D2"], "E": []}
    >>> opening = {"A2": "2025-09-01", "B2": "2025-09-01", "C2": "2027-09-01", "D2": "2025-09-01"}
    >>> sorted(no_longer_entered({"Z"}, succ, opening, {"A": "2025-08-31", "E": "2025-08-31"},
    ...                          {"A", "B", "E"}, "2026-12-06"))
    ['A', 'D', 'Z']
    """
    out = set(closed)
    for code, heirs in successors.items():
        if code in out or not heirs or not closed_on:
            continue
        day = entry_closed.get(code)
        if day is not None:
            if day <= closed_on:
                out.add(code)
        elif code not in first_years and any(
            h != code and (opening.get(h) or "9999") <= closed_on for h in heirs
        ):
            out.add(code)
    return out


def _merged_years(olds: Sequence[Offer]) -> list[YearFigures]:
    """Several old codes renovated into one (three Bac pro options into one Bac pro): each
    year's figures added up; a figure no old offer knows stays unknown. One old offer (9 in
    10 nationally) with its years in ascending order: its years copied, the same values."""
    if len(olds) == 1:
        ys = olds[0].years
        if all(a.year < b.year for a, b in zip(ys, ys[1:], strict=False)):
            return [
                YearFigures(
                    y.year,
                    y.capacity,
                    y.demand,
                    y.pupils,
                    list(dict.fromkeys(y.sources)),
                    y.entry_year,
                )
                for y in ys
            ]
    by_year: dict[int, list[YearFigures]] = {}
    for o in olds:
        for y in o.years:
            by_year.setdefault(y.year, []).append(y)

    def total(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    def later(ys: list[YearFigures]) -> int | None:
        # the course year of the figures when not the first (offers.py): the latest of those
        # added up, so that a sum with 1re pro figures is never read as the entry after 3e
        years = [y.entry_year for y in ys if y.entry_year is not None]
        return max(years) if years else None

    return [
        YearFigures(
            year,
            total([y.capacity for y in ys]),
            total([y.demand for y in ys]),
            total([y.pupils for y in ys]),
            list(dict.fromkeys(s for y in ys for s in y.sources)),
            later(ys),
        )
        for year, ys in sorted(by_year.items())
    ]


def renewed_offers(
    offers: Sequence[Offer], successors: Mapping[str, Sequence[str]], closed: Set[str]
) -> list[Offer]:
    """One renewed offer per (establishment, open successor, modality) of every offer of a
    closed diploma, unless the files give an offer of the successor itself there (the parse
    imports this module when it runs: plan.py defines the rows)."""
    of_closed = [o for o in offers if o.code in closed]
    heirs_of: dict[str, list[str]] = {}  # the same few hundred closed codes on many offers
    for code in {o.code for o in of_closed}:
        heirs = open_successors(code, successors, closed)
        if len(heirs) <= MAX_SUCCESSORS:
            heirs_of[code] = heirs
    # the files' own offers of those heirs only (not of all 52 000 offers)
    heirs_named = {s for heirs in heirs_of.values() for s in heirs}
    own = {(o.uai, o.code, o.modality) for o in offers if o.code in heirs_named}
    olds: dict[tuple[str, str, str], list[Offer]] = {}
    for o in of_closed:
        for s in heirs_of.get(o.code, ()):
            key = (o.uai, s, o.modality)
            if key not in own:
                olds.setdefault(key, []).append(o)
    return [
        Offer(  # dataclasses.replace of group[0], without its look-ups
            group[0].uai,
            code,
            group[0].modality,
            _merged_years(group),
            tuple(sorted({o.code for o in group})),
            group[0].common_year,
        )
        for (uai, code, modality), group in sorted(olds.items())
    ]


# « … 2NDE COMMUNE (BAC PRO) », « … (SEC PRO AG) »: the first year shared by one or more Bac pros
_COMMON_2NDE = re.compile(r"\b2NDE\s+COMMUNE\b|\(SEC PRO AG\)", re.IGNORECASE)
_BAC_PRO_LEVEL = "40"  # BCN NIVEAU_FORMATION_DIPLOME 400 (Bac pro), 403 (Bac pro agricole)


def _words(name: str) -> tuple[str, ...]:
    """A Bac pro's name as words to compare with its common 2nde's
    (:func:`graph.programme_names.programme_words`, the pathway rule's too), without plural s:
    the BCN writes « SERVICE AUX PERSONNES » for the agricultural 2nde and « SERVICES AUX
    PERSONNES » for its Bac pro."""
    return programme_words(name, singular=True)


def common_year_programmes(
    names: Mapping[str, tuple[str, str]],
    families: Mapping[str, str | None],
    successors: Mapping[str, Sequence[str]],
    closed: Set[str],
) -> dict[str, set[str]]:
    """Each common 2nde's code -> the Bac pros it is the first year of: the specialities
    familleMetiers gives it (``families``: speciality -> its common 2nde), else the Bac pros of
    its BCN name (ASSP's 2nde commune, the agricultural « SEC PRO AG »); with the open
    renovations of the closed ones. ``names``: code -> (BCN level code, long name).

    >>> names = {"2": ("400", "SOINS 2NDE COMMUNE (BAC PRO)"), "A": ("400", "SOINS OPTION A (BAC PRO)"),
    ...          "B": ("400", "SOINS (BAC PRO)"), "F": ("400", "FROID (BAC PRO)"),
    ...          "C": ("500", "SOINS (CAP)")}
    >>> sorted(common_year_programmes(names, {"F": "2"}, {"A": ["B"]}, {"A"})["2"])
    ['A', 'B', 'F']
    """  # noqa: E501
    commons = {c for c, (level, name) in names.items() if _COMMON_2NDE.search(name)}
    by_words: dict[tuple[str, ...], set[str]] = {}
    for code, (level, name) in names.items():
        if level.startswith(_BAC_PRO_LEVEL) and code not in commons:
            by_words.setdefault(_words(name), set()).add(code)
    out: dict[str, set[str]] = {}
    for spec, common in families.items():
        if common is not None:
            out.setdefault(common, set()).add(spec)
    for c in commons:
        out.setdefault(c, set()).update(by_words.get(_words(names[c][1]), ()))
    for programmes in out.values():
        for p in list(programmes):
            if p in closed:
                programmes.update(open_successors(p, successors, closed))
    return {c: p for c, p in out.items() if p}


def bts_option_programmes(
    options: Mapping[str, Sequence[str]],
    successors: Mapping[str, Sequence[str]],
    closed: Set[str],
) -> dict[str, set[str]]:
    """Each BTS common first year's code -> the options it is the first year of, as
    optionsBTS.csv lists them (``options``), with the open renovations of the closed ones; a
    closed common year carries nothing (no current file lists it).

    >>> sorted(bts_option_programmes({"C": ["A", "B"], "X": ["Y"]}, {"A": ["A2"]}, {"A", "X"})["C"])
    ['A', 'A2', 'B']
    >>> "X" in bts_option_programmes({"X": ["Y"]}, {}, {"X"})
    False
    """  # noqa: E501
    out: dict[str, set[str]] = {}
    for common, opts in options.items():
        if common in closed:
            continue
        got = out.setdefault(common, set())
        for o in opts:
            got.add(o)
            if o in closed:
                got.update(open_successors(o, successors, closed))
    return {c: p for c, p in out.items() if p}


def current_by_common_year(offers: Sequence[Offer], begins: Mapping[str, set[str]]) -> list[Offer]:
    """The offers, each Bac pro's carried on to the latest year its common 2nde is offered at
    the same establishment in the same modality when that year is later than its own
    (``begins``: :func:`common_year_programmes`): a year without figures, from the 2nde's
    file, and ``common_year`` set to the 2nde's code."""
    latest: dict[tuple[str, str, str], tuple[int, str, list[str]]] = {}
    # the offers of common 2ndes only, picked by a comprehension (52 000 offers nationally)
    for o in [o for o in offers if o.code in begins]:
        codes = begins[o.code]
        last = o.years[-1]
        for code in codes:
            key = (o.uai, code, o.modality)
            seen = latest.get(key)
            if seen is None or last.year > seen[0]:
                latest[key] = (last.year, o.code, last.sources)
    carried = {code for _, code, _ in latest}  # the Bac pros some 2nde may carry on

    def carry(o: Offer) -> Offer:
        seen = latest.get((o.uai, o.code, o.modality))
        if seen is None or seen[0] <= o.years[-1].year:
            return o
        year, common, sources = seen
        years = [*o.years, YearFigures(year, sources=list(sources))]
        return replace(o, years=years, common_year=common)

    return [carry(o) if o.code in carried else o for o in offers]
