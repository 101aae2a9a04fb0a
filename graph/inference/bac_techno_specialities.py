"""Bac technologique specialities: which BTS / BUT fields a speciality of a series ranks first.

The BCN gives the specialities of STI2D and STL a code of their own in ``nFormationDiplome_``
(STI2D « architecture et construction » 43020003, « énergies et environnement » 43020004,
« innovation technologique et éco-conception » 43020005, « système d'information et numérique »
43020006; STL « sciences physiques et chimiques en laboratoire » 43020008,
« biochimie-biologie-biotechnologie » 43020009), but one NSF group for all of them (200,
« spécialités pluri-technologiques de production »): the series rule
(:func:`graph.inference.bac_techno.series_match`) therefore opens every production BTS alike to
each of them, and a bac STI2D AC met BTS CIEL before BTS Bâtiment.

:data:`SPECIALITIES` is **our ranking rule** (``bac-techno-speciality``), not a public table:
for each speciality, the NSF groups of the BTS / BUT a counsellor proposes first. It reads each
speciality's BCN label and the two classifications the BCN itself gives it, quoted in
:attr:`Speciality.basis`: the NSF groups of the STI / STL specialities it replaced
(``ANCIEN_DIPLOME_n``: STI2D AC replaced STI génie civil 231, génie énergétique 233, génie
mécanique bois 234 and structures métalliques 254) and its field in the international
classification (``CITE_DOMAINE_FORMATION``: AC 582 « bâtiment et génie civil », SIN 481
« sciences informatiques »). The preamble of the AC speciality's programme says the same:
« accès … à l'ensemble des poursuites d'étude du domaine de l'architecture et de la
construction ».

A fitting target is **ranked first, never the only one**: every production BTS stays open to a
bac STI2D (strength :data:`STRENGTH` against 0.2–0.3). Two groups lie outside the series'
category (production, 2xx) and would not be reached by the series rule: SIN → 326
(informatique: BTS SIO), supported by the BCN's own CITE 481 « sciences informatiques » of SIN,
and STL biochimie-biologie-biotechnologie → the BTS of 331 (santé) whose BCN title names the
biology (BTS biologie médicale, not opticien-lunetier), supported by its CITE 420 « sciences de
la vie »; for those two the rule adds the leg.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RULE_NAME", "SPECIALITIES", "STRENGTH", "Speciality", "speciality_match"]

RULE_NAME = "bac-techno-speciality"
STRENGTH = 0.5


@dataclass(frozen=True)
class Speciality:
    """A speciality of a series: its French name, the NSF groups it ranks first (what they
    are, in French, for the leg's evidence), and the BCN facts the choice rests on."""

    name: str
    groups: frozenset[str]
    fields: str
    basis: str
    # a group too wide for the speciality: only its targets whose BCN title has this word
    # (NSF 331 « santé » holds BTS biologie médicale, but also opticien-lunetier, prothésiste…)
    narrowed: tuple[tuple[str, str], ...] = ()


SPECIALITIES: dict[str, Speciality] = {
    "43020003": Speciality(
        "architecture et construction",
        frozenset({"230", "231", "232", "233", "234"}),
        "bâtiment, travaux publics, construction et bois",
        "remplace STI génie civil (231), génie énergétique (233), bois (234), structures "
        "métalliques (254) ; CITE 582 bâtiment et génie civil",
    ),
    "43020004": Speciality(
        "énergies et environnement",
        frozenset({"227", "255"}),
        "énergie, génie climatique, électricité",
        "remplace STI génie électrotechnique (255), génie énergétique (233) ; CITE 522 "
        "électricité et énergie",
    ),
    "43020005": Speciality(
        "innovation technologique et éco-conception",
        frozenset({"200", "223", "225", "234", "250", "251", "254"}),
        "conception et réalisation de produits, mécanique, matériaux",
        "remplace STI génie mécanique (251, 254, 234, 240), génie des matériaux (220) ; "
        "CITE 522 (celui d'énergies et environnement : la BCN ne les distingue pas)",
    ),
    "43020006": Speciality(
        "systèmes d'information et numérique",
        frozenset({"201", "255", "326"}),
        "informatique, réseaux, électronique",
        "remplace STI génie électronique (255), génie électrotechnique (255), STL physique "
        "contrôle et régulation (201) ; CITE 481 sciences informatiques",
    ),
    "43020008": Speciality(
        "sciences physiques et chimiques en laboratoire",
        frozenset({"201", "220", "222"}),
        "chimie, procédés, mesure",
        "remplace STL chimie (222), physique contrôle et régulation (201), optique et "
        "physico-chimie (220) ; CITE 440 sciences physiques",
    ),
    "43020009": Speciality(
        "biochimie-biologie-biotechnologie",
        frozenset({"221", "222", "331"}),
        "biologie, biotechnologies, agroalimentaire",
        "remplace STL biotechnologies ; CITE 420 sciences de la vie",
        narrowed=(("331", "BIOLOGIE"),),
    ),
}


def speciality_match(
    series_code: str, target_nsf: str | None, target_title: frozenset[str] = frozenset()
) -> tuple[str, float] | None:
    """The evidence (French) and strength of a bac techno speciality → BTS / BUT leg whose
    target is in a group the speciality ranks first; None otherwise (the series rule then
    decides). ``target_title``: the significant words of the target's BCN title
    (:func:`graph.inference.evidence.title_words`), for a :attr:`Speciality.narrowed` group.

    >>> speciality_match("43020003", "232")[0].endswith("construction et bois (groupe NSF 232)")
    True
    >>> speciality_match("43020003", "255") is None  # CIEL: the series rule, ranked after
    True
    >>> speciality_match("43031017", "312") is None  # no speciality table for STMG
    True
    >>> speciality_match("43020009", "331", frozenset({"BIOLOGIE", "MEDICALE"}))[0][-41:]
    "biologie dans l'intitulé (groupe NSF 331)"
    >>> speciality_match("43020009", "331", frozenset({"OPTICIEN", "LUNETIER"})) is None
    True
    """
    s = SPECIALITIES.get(series_code)
    if s is None or target_nsf not in s.groups:
        return None
    word = dict(s.narrowed).get(target_nsf)
    if word is None:
        return f"spécialité {s.name} : {s.fields} (groupe NSF {target_nsf})", STRENGTH
    if word not in target_title:
        return None
    return (
        f"spécialité {s.name} : {word.lower()} dans l'intitulé (groupe NSF {target_nsf})",
        STRENGTH,
    )
