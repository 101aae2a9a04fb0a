"""How a step is entered, in the step's French sentence: the 2de commune of a famille de
métiers, the 1re pro. Pure functions.

The web page said, under an offer, « entrée après la 3e en 2de commune de la famille … » (the
API's ``common_entry``) and « effectifs d'entrée en 1re pro » (``entry_year`` 2), but the API's
explanation, which the CSV and other clients read, said only « entrée après la 3e (formation
ouverte aux élèves de 3e) » (tester25, Guéret: Bac pro MELEC entered through the 2de commune
« Métiers des transitions numérique et énergétique »). The step's sentence now says it, from
the same figures (the chosen offer's year in the public files, graph/pathways/history.py):
nothing more than the page shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.pathways.history import YearFigures

__all__ = [
    "COMMON_ENTRY",
    "entry_part",
    "entry_year_words",
    "same_seats",
    "same_seats_part",
]

# how a step entered through a 2de commune begins: it says the entry after 3e itself, in
# place of the step's « entrée après la 3e (formation ouverte aux élèves de 3e) »
COMMON_ENTRY = "entrée après la 3e en 2de"


def entry_year_words(year: int, diploma_type: str | None) -> str:
    """The course year ``year`` in French, as the web page names it (labels.ts entryYearFr).

    >>> entry_year_words(2, "bac_pro"), entry_year_words(3, "bac_pro"), entry_year_words(2, "cap")
    ('1re pro', 'terminale pro', '2e année')
    """
    if diploma_type == "bac_pro" and year in (2, 3):
        return "1re pro" if year == 2 else "terminale pro"
    return f"{year}e année"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,}".replace(",", "\u202f") + f" {one if n < 2 else many}"


def _figures(capacity: int | None, demand: int | None) -> str:
    """« 24 places · 48 premiers vœux Affelnet » (the web page's words), or ""."""
    bits = []
    if capacity is not None:
        bits.append(_count(capacity, "place", "places"))
    if demand is not None:
        bits.append(_count(demand, "premier vœu Affelnet", "premiers vœux Affelnet"))
    return " · ".join(bits)


def entry_part(after_3e: bool, diploma_type: str | None, now: YearFigures | None) -> str | None:
    """What the step's sentence says of its entry (module docstring), or None: the 2de commune
    through which a step entered after 3e is entered at the chosen establishment
    (``now.common``), else the course year the offer's figures are those of, when not the
    first (``now.entry_year``); ``now``: the chosen offer's year in the public files.

    >>> from graph.pathways.history import CommonFigures
    >>> y = YearFigures(2022, 24, 30, 1.25, "first_wishes", 2,
    ...                 CommonFigures("2nd", "Métiers de l'alimentation", 24, 48))
    >>> print(entry_part(True, "bac_pro", y))
    entrée après la 3e en 2de commune de la famille « Métiers de l'alimentation » dans cet établissement (24 places · 48 premiers vœux Affelnet en 2022, places communes aux spécialités de la famille)
    >>> print(entry_part(False, "bac_pro", YearFigures(2022, 12, 3, 0.25, "first_wishes", 2)))
    entrée en 1re pro (places et vœux indiqués : ceux de la 1re pro)
    >>> entry_part(True, "bac_pro", YearFigures(2022, 24, 30, 1.25)) is None
    True
    >>> entry_part(True, "bac_pro", None) is None
    True
    """  # noqa: E501
    if now is None:
        return None
    if after_3e and now.common is not None:
        c = now.common
        family = f" de la famille « {c.family} »" if c.family else ""
        figures = _figures(c.capacity, c.demand)
        said = (
            f" ({figures} en {now.year}, places communes aux spécialités de la famille)"
            if figures
            else ""
        )
        return f"{COMMON_ENTRY} commune{family} dans cet établissement{said}"
    if not after_3e and now.entry_year is not None and now.entry_year > 1:
        year = entry_year_words(now.entry_year, diploma_type)
        return f"entrée en {year} (places et vœux indiqués : ceux de la {year})"
    return None


def same_seats(
    firsts: Sequence[tuple[tuple[str, str], tuple[str, str] | None]],
) -> list[int | None]:
    """For each pathway, the rank (1-based) of an earlier one entered by the same way in, else
    None: ``firsts`` gives per pathway its first step's (establishment, diploma code) and, when
    it is entered through a 2de commune, (establishment, that 2de commune's code). The 2de
    commune offered as a step of its own and a speciality entered through it at the same
    establishment are one way in, whose places the answer would otherwise show twice
    (tester25, Toulon: the Bac pro boulanger pâtissier entered through the 2de commune
    « Métiers de l'alimentation » of the lycée, 24 places, and that 2de commune itself). Two
    specialities of the same family share its places too, but they are two diplomas: not named.

    >>> bp = (("a", "40022105"), ("a", "40022107"))
    >>> common = (("a", "40022107"), None)
    >>> same_seats([bp, (("a", "50022141"), None), common, (("b", "40022107"), None)])
    [None, None, 1, None]
    >>> same_seats([common, bp])
    [None, 1]
    """
    out: list[int | None] = []
    for j, (own, through) in enumerate(firsts):
        out.append(
            next(
                (
                    i + 1
                    for i, (own_i, through_i) in enumerate(firsts[:j])
                    if (through_i is not None and own == through_i)
                    or (through is not None and through == own_i)
                ),
                None,
            )
        )
    return out


def same_seats_part(rank: int) -> str:
    """What a pathway :func:`same_seats` pairs with an earlier one says of its first step.

    >>> same_seats_part(3)
    'même entrée que le parcours n° 3 : par la même 2de commune du même établissement, dans les mêmes places'
    """  # noqa: E501
    return (
        f"même entrée que le parcours n° {rank} : par la même 2de commune du même "
        "établissement, dans les mêmes places"
    )
