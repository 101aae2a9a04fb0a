"""The rules of the eighteenth session's diploma identity fixes: a Parcoursup « D.E »
programme is the diplôme d'État of its profession (graph/ingest/opendata/postbac.py), a
certificat de spécialisation is named so (graph/labels.py)."""

from __future__ import annotations

import pytest

from graph.ingest.opendata import postbac
from graph.labels import type_fr

# the open diplômes d'État as the national files name them (BCN vFormationDiplome_, Certif Info)
NAMED = {
    "26033101": (
        6,
        ("INFIRMIER OU INFIRMIERE (DIPLOME D'ETAT)", "Diplôme d'État d'infirmier(ière)"),
    ),
    "16033102": (7, ("INFIRMIER ANESTHESISTE (DIPLOME D'ETAT)",)),
    "26033202": (
        6,
        ("EDUCATEUR SPECIALISE (DIPLOME D'ETAT)", "Diplôme d'État d'éducateur spécialisé"),
    ),
    "26033205": (6, ("ASSISTANT DE SERVICE SOCIAL (DIPLOME D'ETAT)",)),
    "26033105": (
        6,
        (
            "MANIPULATEUR D'ELECTRORADIOLOGIE MEDICALE (DIPLOME D'ETAT)",
            "Diplôme d'Etat de manipulateur d'électroradiologie médicale",
        ),
    ),
    "32031408": (5, ("COMPTABILITE ET GESTION (BTS)",)),
}


def _codes(*labels: str) -> dict[str, str]:
    progs = {postbac.programme_code(p): p for p in map(postbac.classify, labels)}
    return {progs[c].label: cfd for c, cfd in postbac.state_diploma_codes(progs, NAMED).items()}


def test_parcoursup_state_diplomas_are_the_bcn_ones() -> None:
    got = _codes(
        "D.E Infirmier",
        "D.E Infirmier   Reserve aux personnes en situation de handicap",
        "D.E Educateur Specialise",
        "D.E Assistant de Service Social",
    )
    assert got == {
        "D.E Infirmier": "26033101",
        "D.E Infirmier   Reserve aux personnes en situation de handicap": "26033101",
        "D.E Educateur Specialise": "26033202",
        "D.E Assistant de Service Social": "26033205",
    }


def test_no_guess_when_the_names_differ_or_the_kind_is_not_a_state_diploma() -> None:
    assert (
        _codes(
            "D.E manipulateur/trice en electroradiologie medicale",  # « en » is not « d' »
            "D.E Pedicure Podologue",  # no BCN diploma of that name
            "BTS   Services   Comptabilite et gestion",  # not a « D.E »
            "Infirmier",  # no « D.E »: not said to be the diplôme d'État
        )
        == {}
    )


def test_two_state_diplomas_of_one_profession_attach_neither() -> None:
    named = {**NAMED, "99999999": (5, ("Diplôme d'État d'infirmier",))}
    progs = {"PS-OTHER-1": postbac.classify("D.E Infirmier")}
    assert postbac.state_diploma_codes(progs, named) == {}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("INFIRMIER OU INFIRMIERE (DIPLOME D'ETAT)", "infirmier"),
        ("Diplôme d'État d'infirmier(ière)", "infirmier"),
        ("EDUCATEUR DE JEUNES ENFANTS (DIPLOME D'ETAT)", "educateur de jeunes enfants"),
        ("Diplôme d'Etat de pédicure-podologue", "pedicure podologue"),
        ("CYBERSECURITE (CS4)", None),
        ("Aide soignant et aide soignante (certificat d'aptitude aux fonctions de)", None),
    ],
)
def test_state_diploma_key(name: str, key: str | None) -> None:
    assert postbac.state_diploma_key(name) == key


@pytest.mark.parametrize(
    ("kind", "code", "label"),
    [
        ("mc", "46125509", "certificat de spécialisation"),  # CS4 (nature 461)
        ("mc", "56122103", "certificat de spécialisation"),  # CS3 (561)
        ("mc", "56321206", "certificat de spécialisation"),  # CSA niveau 5 (563)
        ("mc", "46321402", "certificat de spécialisation"),  # CSA niveau 4 (463)
        ("mc", "PS-CS-0123456789", "certificat de spécialisation"),  # Parcoursup CS
        ("mc", "01022107", "mention complémentaire"),  # MC (010)
        ("cap", "50022137", "CAP"),
    ],
)
def test_type_fr_names_the_certificats_de_specialisation(kind: str, code: str, label: str) -> None:
    assert type_fr(kind, code) == label


def test_a_successor_of_the_same_name_is_told_by_its_code() -> None:
    """« Coiffure (CAP) » 50033605 (closed in 2008) was « remplacé par Coiffure (CAP) »:
    50033610, closed in its turn in 2020; a counsellor could not tell them apart."""
    from graph.diploma_names import closed_note

    old = {"code": "50033605", "name": "COIFFURE (CAP)", "type": "cap", "closed": True}
    new = {"code": "50033610", "name": "COIFFURE (CAP)", "type": "cap"}
    other = {"code": "50033616", "name": "CAP métiers de la coiffure", "type": "cap"}
    assert closed_note({**old, "closing_date": "2008-08-31"}, [new]) == (
        "fermé en 2008, remplacé par Coiffure (CAP), code 50033610"
    )
    assert closed_note({**old, "closing_date": "2008-08-31"}, [other]) == (
        "fermé en 2008, remplacé par CAP métiers de la coiffure"
    )
