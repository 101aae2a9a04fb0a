"""Words in capitals inside establishment names (graph/ingest/opendata/name_case.py), on names
of the national files (December 2026)."""

from __future__ import annotations

from graph.ingest.opendata.name_case import recased, vocabulary

# words as other names of the national directories write them
OTHERS = [
    "Lycée Jean Zay",
    "Lycée des métiers du bâtiment",
    "Lycée professionnel du Béton armé",
    "Collège Théodore Monod",
    "Lycée Ozanam",
    "Compagnons du Tour de France",
    "Campus de Grenoble",
    "Sup de co",
    "Lycée de l'art et du design",
]
WORDS = vocabulary(OTHERS)


def test_words_in_capitals_read_as_the_files_write_them_elsewhere() -> None:
    assert recased("Centre de formation d'apprentis Jean ZAY", WORDS) == (
        "Centre de formation d'apprentis Jean Zay"
    )
    assert recased("Lycée professionnel Mixte THEODORE MONOD", WORDS) == (
        "Lycée professionnel Mixte Théodore Monod"  # the accent another name gives
    )
    assert recased("Lycée Frederic OZANAM", WORDS) == "Lycée Frederic Ozanam"
    assert recased("Lycée DES MÉTIERS du beton ARME", WORDS) == (
        "Lycée des métiers du beton armé"  # « beton » is not in capitals: left as written
    )
    assert recased("Bachelor IDRAC Business School Campus de GRENOBLE", WORDS) == (
        "Bachelor IDRAC Business School Campus de Grenoble"
    )
    assert recased("Centre de formation d'apprentis Compagnons du TOUR de France", WORDS) == (
        "Centre de formation d'apprentis Compagnons du Tour de France"
    )


def test_acronyms_abbreviations_and_unknown_words_are_kept() -> None:
    for name in (
        "Centre de formation d'apprentis BTP CFA de la Vienne",
        "IFSI CH de Périgueux",
        "Maison familiale et rurale (MFR) de Fougerolles",
        "Lycée HAUTE FOLLIS".replace("HAUTE ", "HAUTS "),  # no other name writes them
        "Centre de formation d'apprentis Groupe Sup de CO",  # three letters: an abbreviation
        "Centre de formation d'apprentis Camille Weiss CH.MET.ART.MOSEL…",
        "Centre de formation d'apprentis Specialise d'Auvergne CAP 3A",
        "Centre de formation d'apprentis ART Regional du Verre",
        "UIMM EREA SEGPA LP LEGT GRETA",
        "LYCEE JEAN ZAY",  # all in capitals: cfa_names.readable_capitals's rule
    ):
        assert recased(name, WORDS) == name, name
