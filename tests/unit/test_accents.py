"""The accents put back in the names Parcoursup and the CFA list write without them
(graph/ingest/opendata/accents.py): only where the files writing accents give them."""

from __future__ import annotations

import pytest

from graph.ingest.opendata.accents import accent_evidence, fold, with_accents

# names as the Annuaire and the MESR list write them
ANNUAIRE = [
    "Lycée général Pierre Mendès France",
    "Lycée général et technologique Gabriel Fauré",
    "Lycée polyvalent René Cassin",
    "Lycée professionnel privé des métiers de l'aéronautique AIRBUS",
    "Université de Franche-Comté",
    "Lycée professionnel Auguste Comte",
    "Collège Félix Faure",
    "ÉCOLE DE HÔTELLERIE",
]


@pytest.fixture(scope="module")
def evidence() -> dict[tuple[str, str, str], str]:
    return accent_evidence(ANNUAIRE)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Lycee Pierre Mendes France", "Lycee Pierre Mendès France"),  # no « Lycée Pierre »
        ("Lycée Felix Faure", "Lycée Félix Faure"),  # « Faure » unaccented there
        ("Lycée Gabriel Faure", "Lycée Gabriel Fauré"),
        ("Lycée Rene Cassin", "Lycée René Cassin"),
        ("Centre de formation d'apprentis des Metiers du Spectacle", None),
        ("IUT Nord Franche Comte Site de Belfort", "IUT Nord Franche Comté Site de Belfort"),
        ("lycée des metiers", "lycée des métiers"),
    ],
)
def test_a_word_beside_the_same_neighbour_gets_the_accents_the_files_give_it(
    evidence: dict[tuple[str, str, str], str], given: str, shown: str | None
) -> None:
    expected = shown or given.replace("Metiers", "Métiers")
    assert with_accents(given, evidence) == expected


@pytest.mark.parametrize(
    "given",
    [
        "Lycée Auguste Comte",  # the files write « Comte » beside « Auguste »: a surname
        "Lycée Jean Faure",  # « Faure » beside another word: no evidence
        "LYCEE PIERRE MENDES FRANCE",  # in capitals: read by the capitals rule first
        "Lycée Pierre Mendès France",  # accented already
        "Lycée HoTELIER",  # mixed case: the file's own
        "Sacre Coeur",  # no file writes it: not guessed
    ],
)
def test_no_accent_is_guessed(evidence: dict[tuple[str, str, str], str], given: str) -> None:
    assert with_accents(given, evidence) == given


def test_a_word_written_both_ways_beside_a_neighbour_is_no_evidence() -> None:
    e = accent_evidence(["Lycée René Cassin", "Collège Rene Cassin"])
    assert with_accents("Lycée Rene Cassin", e) == "Lycée René Cassin"  # « Lycée René »
    assert with_accents("Collège Rene Cassin", e) == "Collège Rene Cassin"  # both beside Cassin
    assert ("<", "college", "rene") not in e and (">", "cassin", "rene") not in e


def test_two_neighbours_giving_two_spellings_give_none() -> None:
    e = {("<", "saint", "andre"): "andré", (">", "malraux", "andre"): "andrè"}
    assert with_accents("Saint Andre Malraux", e) == "Saint Andre Malraux"


def test_the_same_establishments_other_name_gives_its_accents_first() -> None:
    assert with_accents("Lycee Rene Cassin", {}, same=["Lycée René Cassin"]) == "Lycée René Cassin"
    # in capitals it is no evidence (an acronym as often)
    assert with_accents("Lycee Rene", {}, same=["LYCÉE RENÉ"]) == "Lycee Rene"
    # two spellings in its names: none
    assert with_accents("Rene X", {}, same=["René X", "René X", "Renè X"]) == "Rene X"


def test_fold_keeps_other_letters() -> None:
    assert fold("Hôtellerie") == "hotellerie"
    assert fold("Cœur") != fold("Coeur")  # another letter, never made
