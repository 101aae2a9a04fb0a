"""Bac technologique → the classes préparatoires of the technological track (rule
``bac-techno-to-cpge``, docs/inferred-passerelles.md).

Some CPGE are meant for bacheliers technologiques: the scientific classes TSI (technologie et
sciences industrielles), TPC (technologie, physique et chimie) and TB (technologie et biologie),
and the economic class ECT (économique et commerciale, voie technologique), reserved to the
bacheliers of the management series (Sénat, rapport d'information n° 441 (2006-2007),
« Diversité sociale dans les classes préparatoires aux grandes écoles », II-A-2 : « certaines
filières accueillent spécifiquement des bacheliers technologiques »). Which series each class
recruits is the national organisation of these classes as counsellors describe it: TSI the
bacheliers STI2D and STL « sciences physiques et chimiques en laboratoire » (SPCL), TPC the
STL SPCL, TB the STL « biochimie-biologie-biotechnologie » and the STAV, ECT the STMG.

The classes are the BCN's (``nFormationDiplome_``, type 370: TSI 37011022, TPC 37011023, TB
37011025, ECT 37012020), the codes the Parcoursup extract's « CPGE – TSI », « CPGE – TB »,
« CPGE – ECT – Option technologique » map to (:mod:`graph.ingest.opendata.postbac`). The
extract gives no share of bacheliers technologiques admitted (it has six columns: no
admission figure), so the leg is inferred and says so; a series is matched by its BCN code
(STI2D and STL specialities, one NSF group for all) or its NSF group (STMG 310, STAV 210).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CLASSES",
    "RULE",
    "RULE_SENTENCE",
    "STI2D",
    "STL_BIO",
    "STL_SPCL",
    "STRENGTH",
    "TechClass",
    "cpge_match",
]

RULE = "bac-techno-to-cpge"
RULE_SENTENCE = (
    "Après un bac technologique, admission sur dossier via Parcoursup dans la classe "
    "préparatoire de la voie technologique qui recrute cette série (TSI, TPC, TB, ECT)."
)
STRENGTH = 0.25  # after the BTS of the field (0.3): a CPGE leads to no diploma of its own


@dataclass(frozen=True)
class TechClass:
    """A CPGE of the technological track: its short name and the series it recruits, by BCN
    code (specialities of one NSF group) or by NSF group (a whole series)."""

    name: str
    series_codes: frozenset[str] = frozenset()
    series_groups: frozenset[str] = frozenset()
    who: str = ""


# the BCN codes of the STI2D specialities and of the two STL ones (NSF 200 for all)
STI2D = frozenset({"43020003", "43020004", "43020005", "43020006"})
STL_SPCL, STL_BIO = "43020008", "43020009"

CLASSES: dict[str, TechClass] = {
    "37011022": TechClass("TSI", STI2D | {STL_SPCL}, who="bacheliers STI2D et STL SPCL"),
    "37011023": TechClass("TPC", frozenset({STL_SPCL}), who="bacheliers STL SPCL"),
    "37011025": TechClass(
        "TB",
        frozenset({STL_BIO}),
        frozenset({"210"}),
        who="bacheliers STL biotechnologies et STAV",
    ),
    "37012020": TechClass("ECT", series_groups=frozenset({"310"}), who="bacheliers STMG"),
}


def cpge_match(
    series_code: str, series_nsf: str | None, cpge_code: str
) -> tuple[str, float] | None:
    """The evidence (French) and strength of a bac techno → CPGE leg, None when the class does
    not recruit the series.

    >>> cpge_match("43020003", "200", "37011022")  # STI2D AC -> TSI
    ('classe préparatoire TSI, voie des bacheliers STI2D et STL SPCL', 0.25)
    >>> cpge_match("43031017", "310", "37012020")[0]  # STMG -> ECT
    'classe préparatoire ECT, voie des bacheliers STMG'
    >>> cpge_match("43031017", "310", "37011022") is None  # STMG -> TSI
    True
    >>> cpge_match("43020003", "200", "37011018") is None  # MPSI: not a technological class
    True
    """
    c = CLASSES.get(cpge_code)
    if c is None or not (series_code in c.series_codes or series_nsf in c.series_groups):
        return None
    return f"classe préparatoire {c.name}, voie des {c.who}", STRENGTH
