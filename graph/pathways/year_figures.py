"""An offer's figures for one year (places, vœux, taux de pression), as plain values: the
explanation's words (graph/pathways/entry_words.py) read them without the store that
graph/pathways/history.py reads them from."""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["CommonFigures", "DemandKind", "YearFigures"]

# What an offer's « vœux » count (never compared with each other): Affelnet's « Demandes vœux
# 1 », the pupils who put it first; Parcoursup's « NB_VOEUX_CONFIRMES », every confirmed wish
# (up to 10 per candidate, not ranked)
DemandKind = Literal["first_wishes", "confirmed_wishes"]


class CommonFigures(NamedTuple):
    """The common 2nde through which a Bac pro is entered after 3e at the establishment, with
    its figures (graph/ingest/opendata/entry.py)."""

    code: str
    family: str | None
    capacity: int | None
    demand: int | None


class YearFigures(NamedTuple):
    """One year of an offer; its repr leaves out what is not known (short doctests)."""

    year: int
    capacity: int | None
    demand: int | None
    pressure: float | None
    demand_kind: DemandKind | None = None
    # the course year of capacity and demand when not the first (2: the 1re pro)
    entry_year: int | None = None
    common: CommonFigures | None = None

    def __repr__(self) -> str:
        fields = [f"{k}={v!r}" for k, v in self._asdict().items() if k in _SHOWN or v is not None]
        return f"YearFigures({', '.join(fields)})"


_SHOWN = ("year", "capacity", "demand", "pressure")
