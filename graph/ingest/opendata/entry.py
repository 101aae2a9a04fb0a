"""Which entry a Bac pro offer's places and wishes describe.

Affelnet lists the admissions of a lycée per course year: in the 2nde pro (after 3e) and
directly in the 1re pro (after a 2nde or a CAP). A Bac pro of a famille de métiers is entered
after 3e through the family's common 2nde (« 2nde pro métiers des transitions numérique et
énergétique », 40020008), a course year of a code of its own: Affelnet then lists the Bac pro
itself by its 1re pro only (Don Bosco, Marseille, 2022: MELEC 1re pro « 24 ; 1 », the common
2nde « 69 ; 27 »). Those 1re pro figures are not the entry after 3e.

:mod:`offers` keeps the course year of a year's figures when it is not the first
(``YearFigures.entry_year``); :func:`with_common_entries` adds, to such a year, the figures of
the common 2nde the same establishment lists that year in the same modality
(``YearFigures.common``): the entry after 3e, shared by every speciality of the family there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.ingest.opendata.plan import Offer, YearFigures

__all__ = ["CommonEntry", "with_common_entries"]


@dataclass(frozen=True)
class CommonEntry:
    """A common 2nde's figures at an establishment, the entry after 3e of the Bac pros it
    begins (its places are the family's, shared by its specialities there)."""

    code: str  # the common 2nde's CFD
    family: str | None  # its famille de métiers (familleMetiers.csv), when known
    capacity: int | None
    demand: int | None


def with_common_entries(
    offers: Sequence[Offer],
    begins: Mapping[str, Set[str]],
    family_of: Mapping[str, str],
) -> Sequence[Offer]:
    """Gives each year whose figures are of a later course year (``entry_year``) the figures
    of a common 2nde that begins the diploma (``begins``: common CFD -> the Bac pros it is
    the first year of, renewal.common_year_programmes) at the same establishment, in the same
    modality and year, when that 2nde's figures are of its first year; the family's name from
    ``family_of`` (common CFD -> famille). Sets ``common`` in place (each year belongs to one
    offer: plan.py and renewal.py build every year afresh; 9 000 offers at national size) and
    returns ``offers``."""
    starts: dict[str, list[str]] = {}
    for common, programmes in begins.items():
        for p in programmes:
            starts.setdefault(p, []).append(common)
    for listed in starts.values():
        listed.sort()
    wanted = {c for cs in starts.values() for c in cs}
    firsts: dict[tuple[str, str, str, int], YearFigures] = {
        (o.uai, o.code, o.modality, y.year): y
        for o in offers
        if o.code in wanted
        for y in o.years
        if y.entry_year is None and (y.capacity is not None or y.demand is not None)
    }
    made: dict[tuple[str, int], CommonEntry] = {}  # one per common 2nde's year
    for o in [o for o in offers if o.code in starts]:  # a comprehension: 52 000 offers
        commons = starts[o.code]
        for y in o.years:
            if y.entry_year is None:
                continue
            for code in commons:
                first = firsts.get((o.uai, code, o.modality, y.year))
                if first is not None:
                    key = (o.uai + o.modality + code, y.year)
                    c = made.get(key)
                    if c is None:
                        c = made[key] = CommonEntry(
                            code, family_of.get(code), first.capacity, first.demand
                        )
                    y.common = c
                    break
    return offers
