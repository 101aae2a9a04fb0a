"""A campus's filière asked for another territory: its training there is read from public links
only, never from the campus's own records.

A campus file ties diplomas to its filières (``TRAINS_FOR``): a fact of that campus, true where
it speaks. Asked for Grand Est, the Mecanic Vallée's « Soudeurs » kept only the two diplomas the
campus tagged, and its continuum there read « absents : CAP (3), Bac+2 (5) » with no source.
Outside the territory of the campuses describing it, a filière's training is what the public
files link to it: the diplomas whose Certif Info jobs include one of its ROME codes, and those of
its fields of training (NSF groups). A filière with neither is not offered there
(:func:`graph.campus_scope.basis_refusal`). The campus-scope rule itself (which campuses a
territory reads, a filière's basis elsewhere) is graph/campus_scope.py, shared with the pathway
search. Pure functions over plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.campus_scope import (
    SectorBasis,
    basis_owner,
    basis_refusal,
    foreign_basis,
    public_links,
)
from graph.gaps.findings import Row

__all__ = [
    "SectorBasis",
    "basis_refusal",
    "basis_sources",
    "basis_text",
    "foreign_basis",
    "publicly_linked",
]


def publicly_linked(offers: Iterable[Row], basis: SectorBasis) -> list[Row]:
    """The offers whose diploma the public files link to the filière: a ROME code of Certif
    Info (``rome_codes``) among its own, or its NSF group among the filière's. The campus's
    records (``sectors`` of a row) are not read.

    >>> b = SectorBasis("soud", "Soudeurs", ("MV",), ("H2913",), ())
    >>> bac = {"diploma": {"code": "1", "rome_codes": ["H2902", "H2913"]}, "sectors": []}
    >>> cap = {"diploma": {"code": "2", "rome_codes": ["H2902"]}, "sectors": ["soud"]}
    >>> [r["diploma"]["code"] for r in publicly_linked([bac, cap], b)]
    ['1']
    """
    rome = set(basis.rome)
    nsf = set(basis.nsf)
    return [
        r
        for r in offers
        if rome & set(r["diploma"].get("rome_codes") or ()) or r["diploma"].get("nsf") in nsf
    ]


def basis_text(basis: SectorBasis) -> str:
    """The sentence that says how the filière's training was chosen here (French).

    >>> print(basis_text(SectorBasis("s", "Soudeurs", ("Mecanic Vallée",), ("H2913",), (),
    ...                              {"H2913": "Soudeur / Soudeuse"})))
    « Soudeurs » est décrit par le campus Mecanic Vallée, hors de ce territoire : ses formations y sont celles que les fiches Certif Info rattachent à ses métiers (« Soudeur / Soudeuse »), non celles que les fiches du campus lui rattachent.
    """  # noqa: E501
    links = public_links(basis)
    return (
        f"« {basis.name} » est décrit par {basis_owner(basis.campuses)}, hors de ce territoire : "
        f"ses formations y sont celles {' et celles '.join(links)}, non celles que les fiches du "
        "campus lui rattachent."
    )


def basis_sources(basis: SectorBasis, rows: Iterable[Row]) -> list[str]:
    """The public files the filière's training here comes from: Certif Info for its ROME
    codes, the BCN for its NSF groups, and the files listing the offers (at most 10)."""
    out = []
    if basis.rome:
        out.append(f"certif_info.csv (diplômes rattachés aux codes ROME {', '.join(basis.rome)})")
    if basis.nsf:
        out.append(f"nFormationDiplome_.csv (diplômes du groupe NSF {', '.join(basis.nsf)})")
    offers = sorted({r["offer"]["source"] for r in rows if r["offer"].get("source")})
    return out + offers[: max(0, 10 - len(out))]
