"""The start of a pathway said after « de » and « après » (graph/pathways/start_words.py): the
answers said « ne mène de Bac pro X », « ne mène de CAP X », « 1 étape après Bac pro X »."""

from __future__ import annotations

import pytest

from graph.models import DiplomaType
from graph.pathways.explanation import why_none
from graph.pathways.job import JobDiploma, job_unreached_sentence
from graph.pathways.query import PathwayQuery
from graph.pathways.start_words import after_start, from_start


@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("Bac pro cuisine (40022106)", "du Bac pro cuisine (40022106)"),
        ("CAP cuisine (50022146)", "du CAP cuisine (50022146)"),
        ("BTS électrotechnique", "du BTS électrotechnique"),
        ("Bac STI2D", "du Bac STI2D"),
        (
            "Licence professionnelle métiers de l'industrie",
            "de la licence professionnelle métiers de l'industrie",
        ),  # noqa: E501
        ("Licence pro maintenance", "de la licence pro maintenance"),
        ("Mention complémentaire boulangerie", "de la mention complémentaire boulangerie"),
        ("MC cuisinier en desserts de restaurant", "de la MC cuisinier en desserts de restaurant"),
        ("Titre professionnel soudeur", "du titre professionnel soudeur"),
        ("Diplôme d'ingénieur mécanique", "du diplôme d'ingénieur mécanique"),
        ("BUT génie mécanique", "du BUT génie mécanique"),
        ("niveau 4", "du niveau 4"),
        ("niveau 3, secteur Soudeurs", "du niveau 3, secteur Soudeurs"),
        # a BCN name that does not begin with its kind: said as the goal side says one
        ("ELECTROTECHNIQUE (BTS) (32025520)", "du diplôme ELECTROTECHNIQUE (BTS) (32025520)"),
    ],
)
def test_the_start_after_de(start: str, said: str) -> None:
    assert from_start(start) == said


def test_the_start_after_apres() -> None:
    assert after_start("Bac pro cuisine") == "après le Bac pro cuisine"
    assert after_start("Licence pro maintenance") == "après la licence pro maintenance"
    assert after_start("USINAGE (CAP)") == "après le diplôme USINAGE (CAP)"


def test_no_pathway_sentences_name_the_start_with_its_article() -> None:
    bac = PathwayQuery(
        start_codes=["40022106"],
        start_label="Bac pro cuisine (40022106)",
        start_name="Bac pro cuisine",
        to_type=DiplomaType.BTS,
    )
    # the start by its name: the code stays in the API's `start` field, never in prose
    assert why_none(bac, [], {}) == (
        "Aucune passerelle connue ne mène du Bac pro cuisine à un BTS en 4 étapes au plus."
    )
    goal = PathwayQuery(
        start_codes=["40022106"],
        start_label="Bac pro cuisine (40022106)",
        start_name="Bac pro cuisine",
        to="32033422",
        to_label="BTS MHR (32033422)",
        to_name="BTS MHR",
    )
    assert why_none(goal, [], {}) == (
        "Aucune passerelle connue ne mène du Bac pro cuisine au diplôme BTS MHR en 4 étapes "
        "au plus."
    )
    licence = PathwayQuery(
        start_codes=["L"], start_label="Licence professionnelle logistique", to_level=7
    )
    assert why_none(licence, [], {}).startswith(
        "Aucune passerelle connue ne mène de la licence professionnelle logistique au niveau 7"
    )
    found = [JobDiploma("BTS SIO", 5, 0, 2)]
    text = job_unreached_sentence("CAP cuisine", "métier ROME M1810", found, "dans le 62", 4)
    assert text.startswith("Aucune passerelle connue ne mène du CAP cuisine au métier ROME M1810")
