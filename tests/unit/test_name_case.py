"""Words in capitals inside establishment names (graph/ingest/opendata/name_case.py), on names
of the national files (December 2026)."""

from __future__ import annotations

import pytest

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
    "Institut de formation public Var prof de santé",  # « prof »: « professions », abridged
]
WORDS = vocabulary(OTHERS)


def test_words_in_capitals_read_as_the_files_write_them_elsewhere() -> None:
    assert recased("Centre de formation d'apprentis Jean ZAY", WORDS) == (
        "Centre de formation d'apprentis Jean Zay"
    )
    assert recased("Lycée professionnel Mixte THEODORE MONOD", WORDS) == (
        "Lycée professionnel Mixte Théodore Monod"  # the accent another name gives
    )
    # the given name with its French accents (GIVEN_NAMES, answers23)
    assert recased("Lycée Frederic OZANAM", WORDS) == "Lycée Frédéric Ozanam"
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
        "Lycée MOPA",
        "Lycée Nord JAMOT",  # not after a given name: a surname or an acronym, kept
        "Centre de formation d'apprentis Ardèche Nord SEPR",
        "Centre de formation d'apprentis Groupe Sup de CO",  # three letters: an abbreviation
        "Centre de formation d'apprentis Camille Weiss CH.MET.ART.MOSEL…",
        "Centre de formation d'apprentis Specialise d'Auvergne CAP 3A",
        "Centre de formation d'apprentis ART Regional du Verre",
        "UIMM EREA SEGPA LP LEGT GRETA",
        "LYCEE JEAN ZAY",  # all in capitals: cfa_names.readable_capitals's rule
    ):
        assert recased(name, WORDS) == name, name


def test_an_abbreviation_is_no_word_written_elsewhere() -> None:
    """« PROF » in the CFA list's names abridges « professionnel(le) » or « professions »
    (« ASS PROF FORM », « GRPT PROF Format HOSP »): read as the word « prof » another name
    writes, it said « Centre de formation d'apprentis ASS prof FORM Prepa Pharmacie ». It
    stays as given; a surname after a name is still read (« Emile ZOLA »)."""
    for name in (
        "Centre de formation d'apprentis ASS PROF FORM Prepa Pharmacie",
        "Centre de formation d'apprentis PROF Sanitaires SOC Medico-SOC…",
        "CFA PROF Sanitaire et Sociale Adapssa Aquitaine",
        "C.F.A. GPFHP GRPT PROF Format",
    ):
        assert recased(name, WORDS) == name, name
    assert recased("Lycée Emile ZOLA", vocabulary(["Collège Zola"])) == "Lycée Émile Zola"


def test_a_name_with_a_capital_on_every_word() -> None:
    words = vocabulary([*OTHERS, "Lycée Frédéric Mistral", "Lycée Irène Joliot-Curie"])
    assert recased("Lycée Des Métiers Du Batiment", words) == "Lycée des métiers du bâtiment"
    assert recased("Lycée Frederic Et Irene Joliot Curie", words) == (
        "Lycée Frédéric et Irène Joliot Curie"
    )
    assert recased("Lycée La Fayette", words) == "Lycée La Fayette"


def test_a_surname_after_a_given_name() -> None:
    """« Prénom NOM »: a word in capitals no other name writes is a surname right after a
    French given name (name_case.GIVEN_NAMES), and the given name gets back its French
    accents (tester22: « Lycée Eugene JAMOT », Aubusson); after any other word it stays
    (« Ardèche Nord SEPR », « Chambre des Metiers DGNE »), as do acronyms after a given name
    (« … Joseph WRESINSKI ITEC »)."""
    assert recased("Lycée Eugene JAMOT", WORDS) == "Lycée Eugène Jamot"
    assert recased("LP Joseph WRESINSKI ITEC", WORDS) == "LP Joseph Wresinski ITEC"
    for name in (
        "Centre de formation d'apprentis Ardèche Nord SEPR",
        "Centre de formation d'apprentis Chambre des Metiers DGNE",
        "Haute École du Travail et de l'Intervention Sociale HETIS Draguignan",
        "Lycée Marie CFA",  # an acronym stays, after a given name too
        "Lycée général et technologique privé Jean XXIII",  # a number
        "LGT Sainte Marie / ESUPEC",  # not one space after the given name
    ):
        assert recased(name, WORDS) == name, name


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        # fr-esr-parcoursup_extrait.csv (apostrophes restored by tidy_name), December 2026
        ("Lycée D'Altitude", "Lycée d'Altitude"),  # 0050003B, Briançon
        ("Lycée Dumont D'Urville", "Lycée Dumont d'Urville"),
        ("Lycée Jeanne D'Arc", "Lycée Jeanne d'Arc"),
        ("Lycée De L'Europe", "Lycée de l'Europe"),
        ("Lycée Les Droits De L'Homme", "Lycée Les Droits de l'Homme"),
        # fr-en-annuaire-education.csv
        ("Ecole élémentaire Jean D'Ormesson", "Ecole élémentaire Jean d'Ormesson"),
        ("Ecole primaire Michel De L'Hospital", "Ecole primaire Michel de L'Hospital"),
        ("Lycée Guy De Maupassant", "Lycée Guy de Maupassant"),  # 0760035A, Fécamp
        ("Lycée Du Guesclin", "Lycée Du Guesclin"),
        ("Collège L'Impernal", "Collège L'Impernal"),
        ("D'Alembert", "D'Alembert"),
    ],
)
def test_an_elided_de_inside_a_name_is_lower_case(given: str, shown: str) -> None:
    assert recased(given, {}) == shown
