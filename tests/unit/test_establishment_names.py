"""Establishment names as the national files write them, mended for reading
(graph/ingest/opendata/establishment_names.py). Every input below is a real name, with its UAI
and the file that gives it (national files, December 2026)."""

from __future__ import annotations

import pytest

from graph.ingest.opendata.establishment_names import (
    establishment_name,
    names_owner_body,
    tidy_name,
    with_official_place,
)

MENDED = [  # (UAI, as the file writes it, as shown)
    # fr-esr-parcoursup_extrait.csv: apostrophes dropped
    ("0671557D", "I.U.T. d Illkirch", "I.U.T. d'Illkirch"),
    (
        "0134017W",
        "Aix Marseille Université Site d Aix en Provence",
        "Aix Marseille Université Site d'Aix en Provence",
    ),
    ("0921981D", "IFSI de l Hopital Foch", "IFSI de l'Hopital Foch"),
    ("0595124Z", "Institut d Hazebrouck", "Institut d'Hazebrouck"),
    ("0290341N", "Lycée agricole De L Aulne", "Lycée agricole De L'Aulne"),
    # a dotted acronym without its last dot
    (
        "0632085Z",
        "I.U.T Clermont Auvergne site d Aubiere",
        "I.U.T. Clermont Auvergne site d'Aubiere",
    ),
    (
        "0312060W",
        "Ecole Supérieure de Tourisme et Hôtellerie (E.P.T.H)",
        "Ecole Supérieure de Tourisme et Hôtellerie (E.P.T.H.)",
    ),
    # CFASousConvRegionale_latest-UAI.csv: the same, spacing, a cut name's dangling dash
    (
        "0342347S",
        "CTR DE FORMATION D APPRENTIS IRFMA DE L HERAULT",
        "CTR DE FORMATION D'APPRENTIS IRFMA DE L'HERAULT",
    ),
    (
        "0133963M",
        "CENTRE DE FORMATION DES APPREN METIER DEVELOP. DURABLE( MEDD)",
        "CENTRE DE FORMATION DES APPREN METIER DEVELOP. DURABLE (MEDD)",
    ),
    (
        "0440096R",
        "CTR DE FORMATION D APPRENTIS POLE FORMAT PAYS DE LA LOIRE -",
        "CTR DE FORMATION D'APPRENTIS POLE FORMAT PAYS DE LA LOIRE",
    ),
    ("0130058T", "Lycée professionnel Estaque (L )", "Lycée professionnel Estaque (L)"),
]


@pytest.mark.parametrize(("uai", "raw", "shown"), MENDED, ids=[m[0] for m in MENDED])
def test_lost_apostrophes_dots_and_spaces_are_mended(uai: str, raw: str, shown: str) -> None:
    assert tidy_name(raw) == shown
    assert tidy_name(shown) == shown  # mending a mended name changes nothing


@pytest.mark.parametrize(
    "name",
    [
        "CTR DE FORMATION D'APPRENTIS C I F A PME",  # 0241197W: an acronym spelled with spaces
        "CTR DE FORMATION D'APPRENTIS D I F C A M",  # 0641874P
        "I.U.T. H. Poincare de Longwy Université de Lorraine",  # 0542288U: an initial
        "Ecole technique privee d'esthetique F Gontard",  # 0060907D
        "IFSI CHU Nimes site : ville de Le Vigan",  # 0301630J: French spacing before « : »
        "CTR DE FORMATION D'APPRENTIS D DES TECHNOLOGIES INDUSTRIELLES",  # 0641873N
    ],
)
def test_what_is_no_lost_apostrophe_is_left_as_it_is(name: str) -> None:
    assert tidy_name(name) == name


def test_an_owner_body_is_not_the_name_shown() -> None:
    """0442349P: the CFA list's « ST FELIX LA SALLE - OGEC NANTE » names the owner body of the
    school (an OGEC), cut at the column's width; no other file names that UAI."""
    cfa = "CTR DE FORMATION D APPRENTIS ST FELIX LA SALLE - OGEC NANTE"
    assert names_owner_body(cfa)
    assert establishment_name([cfa]) == "CTR DE FORMATION D'APPRENTIS ST FELIX LA SALLE"
    # another directory's name for the same establishment is preferred (in any order)
    lycee = "LGT SAINT FELIX LA SALLE"  # the Parcoursup extract's name of the lycée, 0442774B
    assert establishment_name([cfa, lycee]) == establishment_name([lycee, cfa]) == lycee
    # an owner body alone is all the files give: kept, never replaced by a guess
    assert establishment_name(["OGEC NANTE"]) == "OGEC NANTE"
    # otherwise the first directory's name, mended
    assert establishment_name(["I.U.T. d Illkirch", "IUT Robert Schuman"]) == "I.U.T. d'Illkirch"
    assert establishment_name(["", "Lycée Livet"]) == "Lycée Livet"


@pytest.mark.parametrize(
    ("uai", "name", "commune", "shown"),
    [
        # fr-esr-parcoursup_extrait.csv, read by the capitals rule then: « la Roche sur Yon »
        ("0851609M", "IFSI CH la Roche sur Yon", "La Roche-sur-Yon", "IFSI CH La Roche-sur-Yon"),
        (
            "0851689Z",
            "Audencia Business School la Roche sur Yon",
            "La Roche-sur-Yon",
            "Audencia Business School La Roche-sur-Yon",
        ),
        ("0420957M", "I.U.T. de Saint Étienne", "Saint-Étienne", "I.U.T. de Saint-Étienne"),
        # « du Puy » does not spell « Le Puy-en-Velay »: as given
        ("0430827R", "IFSI CH du Puy", "Le Puy-en-Velay", "IFSI CH du Puy"),
        (
            "0510083N",
            "ENSAM campus de Chalons en Champagne",
            "Châlons-en-Champagne",
            "ENSAM campus de Châlons-en-Champagne",
        ),
        (
            "0134017W",
            "Aix Marseille Université Site d'Aix en Provence",
            "Aix-en-Provence",
            "Aix Marseille Université Site d'Aix-en-Provence",
        ),
        # made up, the rule's limits: part of a longer name joined by a hyphen is not the town
        ("-", "Lycée Saint-Étienne-du-Mont", "Saint-Étienne", "Lycée Saint-Étienne-du-Mont"),
        # a short town in capitals is the town (0021887R, Parcoursup, in Laon)
        (
            "0021887R",
            "Institut de Formation en Soins Infirmiers LAON",
            "Laon",
            "Institut de Formation en Soins Infirmiers Laon",
        ),
        # another town's name is never read: only the establishment's own commune
        ("-", "IFSI de Saint Etienne", "Roanne", "IFSI de Saint Etienne"),
    ],
)
def test_the_town_in_a_name_is_written_as_the_commune_reference_writes_it(
    uai: str, name: str, commune: str, shown: str
) -> None:
    assert with_official_place(name, commune) == shown
