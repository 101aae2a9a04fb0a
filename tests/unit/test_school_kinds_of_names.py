"""The kind of an establishment the Parcoursup extract or the MESR list names: the secondary
schools they list for their BTS and CPGE classes are lycées, not « enseignement supérieur »
(names as the national extract writes them)."""

from __future__ import annotations

import pytest

from graph.ingest.opendata.vocab import esr_kind, higher_education_kind
from graph.models import ActorKind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("LGT Livet", ActorKind.LYCEE),
        ("LPO Lycée des métiers Jean Moulin", ActorKind.LYCEE),
        ("LP Daniella JEFFRY", ActorKind.LYCEE),
        ("EREA de Villeurbanne", ActorKind.LYCEE),
        ("Lycée Henri Loritz", ActorKind.LYCEE),
        ("L.E.G.T.A. Le Chesnoy", ActorKind.LYCEE_AGRICOLE),
        ("LPA Camille Godard", ActorKind.LYCEE_AGRICOLE),
        ("Lycée agricole de Fontaines", ActorKind.LYCEE_AGRICOLE),
        ("MFR de Flixecourt", ActorKind.TRAINING_CENTRE),
        ("MFREO de Chauvigny", ActorKind.TRAINING_CENTRE),
        ("Maison Familiale et Rurale de Quetigny", ActorKind.TRAINING_CENTRE),
        # unchanged: the higher-education kinds
        ("I.U.T. de Nantes", ActorKind.IUT),
        ("Université de Lille", ActorKind.UNIVERSITY),
        ("Ecole d'ingénieurs de Purpan", ActorKind.ENGINEERING_SCHOOL),
        ("IFSI du CHU de Nantes", ActorKind.HIGHER_EDUCATION),
        # a word that only begins like a school's is not one
        ("LPI Ecole de design", ActorKind.HIGHER_EDUCATION),
    ],
)
def test_a_name_says_its_kind(name: str, kind: ActorKind) -> None:
    assert higher_education_kind(name) is kind
    assert esr_kind(name, "", "") is kind
