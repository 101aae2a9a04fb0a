"""The CFA list's names as people read them (graph/ingest/opendata/cfa_names.py), and another
national file's name for the same UAI preferred to them (graph/ingest/opendata/plan.py).

Before, the CFA list's abbreviated capitals were shown as they are (« CTR DE FORMATION
D'APPRENTIS CCI MAINE-ET-LOIRE »), even where the Parcoursup extract names the same UAI in
full. The names below are the national file's (December 2026), from several régions."""

from __future__ import annotations

import pytest

from graph.ingest.opendata.cfa_names import marked_cut, readable_cfa_name
from graph.ingest.opendata.plan import _shown_name
from graph.ingest.opendata.rows import EstablishmentRow
from graph.models import ActorKind

CFA_FILE = "CFASousConvRegionale_latest-UAI.csv"
PSUP_FILE = "fr-esr-parcoursup_extrait.csv"


@pytest.mark.parametrize(
    ("given", "read"),
    [
        # Auvergne-Rhône-Alpes (0010856A), the head written out, small words in lower case
        (
            "CTRE DE FORMATION D'APPRENTIS DE L'INDUSTRIE AFPMA",
            "Centre de formation d'apprentis de l'Industrie Afpma",
        ),
        # Pays de la Loire (0490993N): a hyphenated département, an acronym of three letters
        (
            "CTR DE FORMATION D'APPRENTIS CCI MAINE-ET-LOIRE",
            "Centre de formation d'apprentis CCI Maine-et-Loire",
        ),
        # Provence-Alpes-Côte d'Azur (0060916N): a dotted acronym and « TP » kept
        (
            "CTR DE FORMATION D'APPRENTIS BATIMENT ET TP DES A.M.",
            "Centre de formation d'apprentis Batiment et TP des A.M.",
        ),
        # the 30-character cuts of the dénomination (« D'APPRENTI », « DES APPREN »)
        (
            "CENTRE DE FORMATION D'APPRENTI CENTHOR ST GILLES LES HAUTS",  # La Réunion
            "Centre de formation d'apprentis Centhor St Gilles les Hauts",
        ),
        (
            "CENTRE DE FORMATION DES APPREN BANQUE-FINANCE (AIF PACA)",  # Marseille
            "Centre de formation des apprentis Banque-Finance (AIF PACA)",
        ),
        # the agricultural and health-and-social dénominations
        (
            "CTR FORMATION APPRENTIS AGRIC DE L'HERAULT",  # Occitanie
            "Centre de formation d'apprentis agricole de l'Herault",
        ),
        (
            "CTR FORMATION APPRENTIS SANSOC SANT'EST",  # Grand Est
            "Centre de formation d'apprentis sanitaire et social Sant'Est",
        ),
        # Île-de-France: a code with a digit kept, a region's name cased
        (
            "CTR DE FORMATION D'APPRENTIS ID2F-ILE DE FRANCE FORMATION",
            "Centre de formation d'apprentis ID2F-Ile de France Formation",
        ),
        # no known dénomination: only the case changes, « CTR » first is « Centre »
        ("CFA BATIMENT TULLE", "CFA Batiment Tulle"),
        ("IFA 81 CCI TARN", "IFA 81 CCI Tarn"),
        ("CTR REGIONAL DES MFR", "Centre Regional des MFR"),
        # an acronym spelled with spaces stays as it is
        ("CTR DE FORMATION D'APPRENTIS C I F A PME", "Centre de formation d'apprentis C I F A PME"),
    ],
)
def test_a_cfa_name_is_read_in_words_without_a_word_added(given: str, read: str) -> None:
    assert readable_cfa_name(given) == read


def test_a_name_already_in_lower_case_is_kept() -> None:
    assert readable_cfa_name("CFA de la CCI du Maine et Loire") == "CFA de la CCI du Maine et Loire"


def _row(file: str, name: str) -> tuple[str, EstablishmentRow]:
    return file, EstablishmentRow(line=2, uai="0490985E", file=file, name=name, kind=ActorKind.CFA)


def test_another_file_s_name_for_the_same_uai_is_preferred_to_the_cfa_list_s() -> None:
    # 0490985E: the CFA list, read first, then the Parcoursup extract
    rows = [
        _row(CFA_FILE, "CTR DE FORMATION D APPRENTIS CCI MAINE-ET-LOIRE"),
        _row(PSUP_FILE, "CFA de la CCI du Maine et Loire   Centre P. Cointreau   site Angers"),
    ]
    assert _shown_name(rows) == "CFA de la CCI du Maine et Loire Centre P. Cointreau site Angers"
    # named by the CFA list only: its readable form
    assert _shown_name(rows[:1]) == "Centre de formation d'apprentis CCI Maine-et-Loire"
    # another file's name only: as it was
    assert _shown_name(rows[1:]) == _shown_name(rows)


@pytest.mark.parametrize(
    ("given", "read"),
    [
        # the Parcoursup extract, Hauts-de-France (0592608P, 0594365Z, 0624430D): all capitals
        ("ICL   ESTICE", "ICL Estice"),
        ("IUT LITTORAL (DUNKERQUE)", "IUT Littoral (Dunkerque)"),
        ("GAMBETTA CARNOT", "Gambetta Carnot"),
        ("LYCEE ST JOSEPH - DE LA SALLE", "Lycee St Joseph - de la Salle"),
        # towns and saints of four letters or fewer are words, not acronyms
        (
            "ANTENNE DE L'IUT LYON (BOURG EN BRESSE), UNIVERSITÉ LYON 3",
            "Antenne de l'IUT Lyon (Bourg en Bresse), Université Lyon 3",
        ),
        ("IFSI J. LEPERCQ / CH ST JOSEPH ST LUC", "IFSI J. Lepercq / CH St Joseph St Luc"),
        # a name with a lower-case letter is the file's own casing: as given
        ("Lycee professionnel Du Blavet", "Lycee professionnel Du Blavet"),
        ("IUT de Metz", "IUT de Metz"),
    ],
)
def test_another_file_s_name_in_capitals_is_read_by_the_same_rule(given: str, read: str) -> None:
    assert _shown_name([_row(PSUP_FILE, given)]) == read
    # the CFA list's name preferred to it or not, the same reading
    assert _shown_name([_row(CFA_FILE, "CFA X"), _row(PSUP_FILE, given)]) == read


def test_the_import_report_credits_the_file_the_name_is_taken_from() -> None:
    # 0490985E: the CFA list, read first, describes it; the name shown is Parcoursup's. The
    # report's « nom tiré de » (and GET /about) credited the CFA list, the first file read.
    from graph.ingest.opendata.plan import Establishment, _coverage, _described_by, _name_file

    rows = [
        _row(CFA_FILE, "CTR DE FORMATION D APPRENTIS CCI MAINE-ET-LOIRE"),
        _row(PSUP_FILE, "CFA de la CCI du Maine et Loire   Centre P. Cointreau   site Angers"),
    ]
    assert _name_file(rows) == PSUP_FILE
    assert _name_file(rows[:1]) == CFA_FILE
    # an owner body's name is passed over for the CFA list's plain one
    owner = [_row(PSUP_FILE, "OGEC SAINT JOSEPH"), _row(CFA_FILE, "CFA SAINT JOSEPH")]
    assert _name_file(owner) == CFA_FILE
    assert _described_by(rows) == [PSUP_FILE, CFA_FILE]
    e = Establishment(
        uai="0490985E",
        name=_shown_name(rows),
        kind=ActorKind.CFA.value,
        described_by=_described_by(rows),
        sources=[],
        departement="049",
    )
    assert _coverage(set(), {"0490985E": e}).named_by == {PSUP_FILE: 1}


@pytest.mark.parametrize(
    ("uai", "file", "given", "read"),
    [
        # acronyms of five letters or more the national files give as acronyms (the MESR
        # list's « sigle », the Parcoursup extract's brackets): they were cased as words
        # (« Centre de formation d'apprentis Esitc », « Ifmem CHU Bordeaux »)
        (
            "0142273V",
            CFA_FILE,
            "CTR DE FORMATIONS D APPRENTIS ESITC",
            "Centre de formation d'apprentis ESITC",
        ),
        (
            "0596346C",
            CFA_FILE,
            "CTR DE FORMATION D APPRENTIS CREPS NORD-PAS DE CALAIS",
            "Centre de formation d'apprentis CREPS Nord-PAS de Calais",
        ),
        ("0332292M", PSUP_FILE, "IFMEM CHU BORDEAUX", "IFMEM CHU Bordeaux"),
        ("0313001U", PSUP_FILE, "IFMEM", "IFMEM"),
        # no file gives « LEGTA » as an acronym: cased as a word, not guessed
        (
            "0501784T",
            CFA_FILE,
            "CTR FORMATION APPRENTIS AGRIC. LEGTA COUTANCES",
            "Centre de formation d'apprentis agricole Legta Coutances",
        ),
    ],
)
def test_known_acronyms_stay_in_capitals(uai: str, file: str, given: str, read: str) -> None:
    assert _shown_name([_row(file, given)]) == read


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        # the national file's CFA 9741570N of Sainte-Marie (974): 29 characters, its 30th (a
        # space) trimmed; « de la » cannot end a name
        ("ENSEIGNEMENT CATHOLIQUE DE LA", "ENSEIGNEMENT CATHOLIQUE DE LA…"),
        ("ENSEIGNEMENT CATHOLIQUE DE LA ", "ENSEIGNEMENT CATHOLIQUE DE LA…"),
        # 29 characters ending on a word a name can end with: as given
        ("COMMERCE ET SERVICES STE ANNE", "COMMERCE ET SERVICES STE ANNE"),
        # shorter, ending on a small word: not the column's width, as given
        ("CFA DE LA", "CFA DE LA"),
    ],
)
def test_a_value_cut_at_a_space_the_file_trimmed_is_marked(given: str, shown: str) -> None:
    assert marked_cut(given) == shown
