"""Which levels the territory's public files cannot speak of (pure rules over plain data; the
files listing each level are read by :mod:`graph.gaps.level_sources`): a level is missing from
a territory's continuum only when the files that list offers at that level list some of the
territory's. Saint-Pierre-et-Miquelon « lacked » every Bac+2 while neither Parcoursup nor the
BTS files hold a single row of it (only the constat de rentrée, voie scolaire, covers it):
that is a gap of the files, not of the territory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.citations import file_title
from graph.gaps.findings import Row

__all__ = ["SEPARATOR", "sources_of", "title_of", "uncovered_levels"]

SEPARATOR = "; "  # how an imported offer's `source` joins its files' titles


def sources_of(offer: Row) -> set[str]:
    """The titles of the files an offer row was read from (none for a seed's)."""
    return {s for s in str(offer.get("source") or "").split(SEPARATOR) if s}


def uncovered_levels(
    levels: Iterable[int], by_level: Mapping[int, frozenset[str]], present: set[str]
) -> dict[int, list[str]]:
    """Of ``levels`` (those the territory lacks), each one some file listing it holds no row
    of the territory in (``present``: the titles its offers were read from), with those files.

    >>> by_level = {5: frozenset({"fr-esr-parcoursup_extrait.csv", "constat_2020.csv"}),
    ...             3: frozenset({"constat_2020.csv"})}
    >>> uncovered_levels([3, 5, 6], by_level, {"constat_2020.csv"})
    {5: ["Parcoursup : formations de l'enseignement supérieur"]}
    """
    out = {}
    for lv in levels:
        silent = by_level.get(lv, frozenset()) - present
        if silent:
            out[lv] = sorted({title_of(s) for s in silent})
    return out


def title_of(source: str) -> str:
    """The French title of a file as an offer's source names it (« X.csv (…) »): users never
    read a file name.

    >>> title_of("constat_2020.csv (constat de rentrée 2020)")
    'Constat des effectifs à la rentrée (DEPP), Éducation nationale, 2020'
    """
    return file_title(source.split(" ", 1)[0])
