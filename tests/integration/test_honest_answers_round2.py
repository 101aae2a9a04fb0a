"""Honest answers, second round across France (issue 11), on each real engine, over a fixture cut
from the national files (``tests/fixtures/opendata_honest2/``: Creuse, Alpes-Maritimes, Paris)
and the national table of documented continuations (``seeds/continuations-nationales.toml``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from graph.ingest.opendata import run_import
from graph.store import GraphStore
from tests.conftest import ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "opendata_honest2"
GUERET = "46.171,1.871"
NICE = "43.703,7.266"
PARIS = "48.857,2.352"


client = imported_client_fixture(FIXTURE, national_table=True)


def test_a_level_the_files_never_describe_in_the_modality_asked_is_said_so(
    client: TestClient,
) -> None:
    """Creuse, CAP maçon → level 4 in apprenticeship: the files list the Bac pro there in voie
    scolaire only. The answer said « formations de ce niveau … mais aucune passerelle connue ne
    les relie au diplôme de départ » (false: passerelles lead to them) and « aucune offre
    connue »; then « aucune offre en apprentissage de Bac pro … connue ailleurs », though no
    imported file describes a Bac pro in apprenticeship anywhere (Affelnet is voie scolaire):
    the Bac pros are now proposed with the offers known, each said not described in
    apprenticeship by the files (graph/pathways/undescribed.py)."""
    q = {"from": "50023224", "to_level": 4, "departements": "23", "home": GUERET}
    school = ask(client, **q)
    assert school["pathways"], school  # the Bac pro is offered there, in voie scolaire
    answer = ask(client, **q, modality="apprenticeship")
    assert answer["pathways"], answer["reason"]
    ends = [p["steps"][-1] for p in answer["pathways"]]
    assert all(s["type"] == "bac_pro" and s["modality_not_described"] for s in ends)
    assert {s["code"] for s in ends} <= {p["steps"][-1]["code"] for p in school["pathways"]}
    assert any(
        n.startswith(
            "Les fichiers publics importés ne décrivent pas l'apprentissage pour les bacs pro "
            "(niveau 4)"
        )
        for n in answer["notices"]
    ), answer["notices"]
    texts = sentences(answer)
    assert not any("aucune offre en apprentissage" in t for t in texts), texts
    assert not any("aucune passerelle connue" in t for t in texts), texts
    assert_plain_french(texts)


def test_a_usual_option_started_by_its_common_year_here_is_not_said_missing(
    client: TestClient,
) -> None:
    """Nice, Bac pro cuisine → BTS in apprenticeship: the top answer is the BTS MHR common first
    year at 6 km, documented, and three notices said its options A, B, C were « proposée en
    apprentissage dans aucun établissement … ni nulle part ailleurs »."""
    answer = ask(
        client,
        **{"from": "40022106", "to_type": "bts", "departements": "06", "home": NICE},
        modality="apprenticeship",
    )
    top = answer["pathways"][0]["steps"][1]
    assert top["code"] == "32033422" and top["passerelle"]["origin"] == "documented"
    assert not [n for n in answer["notices"] if "La suite habituelle" in n], answer["notices"]
    assert_plain_french(sentences(answer))


def test_a_bts_first_year_named_1e_annee_commune_is_named_as_a_first_year(
    client: TestClient,
) -> None:
    """Paris, Bac pro esthétique → BTS: the top step read « METIERS DE L'ESTHETIQUE, DE LA
    COSMETIQUE ET DE LA PARFUMERIE BTS 1E ANNEE COMMUNE » as if a diploma of its own."""
    answer = ask(client, **{"from": "40033603", "to_type": "bts", "departements": "75"}, home=PARIS)
    top = answer["pathways"][0]
    assert top["steps"][1]["code"] == "32033608"
    step = top["score"]["explanation"][-1]
    assert "(BTS) — 1re année commune, puis une option" in step, step
    assert "1E ANNEE" not in step


ORLEANS = "47.902,1.909"
AJACCIO = "41.919,8.738"


def test_a_pathway_behind_only_for_its_unknown_place_is_named_first(client: TestClient) -> None:
    """Orléans, Bac pro logistique → BTS in apprenticeship: the BTS GTLA is offered in the
    Loiret only by establishments no file places (150 km assumed), so a BTSA
    technico-commercial « univers jardins et animaux de compagnie » 40 km away, tied by one
    ROME code, ranked first and nothing said why the usual one came after. Since leftovers26
    its far better founded passerelle ranks it first (graph/pathways/trade_fit.py), and the
    answer says why."""
    answer = ask(
        client,
        **{"from": "40031106", "to_type": "bts", "departements": "45", "home": ORLEANS},
        modality="apprenticeship",
    )
    ranked = [p["steps"][1]["code"] for p in answer["pathways"]]
    assert ranked[0] == "32031103", ranked
    note = next(n for n in answer["notices"] if n.startswith("Le parcours n° 1 "))
    assert "gestion des transports et logistique associée" in note
    assert "est classé devant le n° 2" in note
    assert "repose sur bien plus de points communs" in note
    assert "l'adresse de son établissement n'est pas connue" in note
    assert_plain_french(sentences(answer))


def test_a_renewed_diplomas_documented_continuation_and_an_unplaced_nearer_one(
    client: TestClient,
) -> None:
    """Ajaccio, CAP cuisine 50022139 (replaced by 50022146 in 2024) → level 4 in Corsica: the
    step to the Bac pro cuisine read « passerelle déduite … (non documentée) » though the
    national table documents CAP cuisine → Bac pro cuisine (for the renewed code), and the
    answer chose Furiani, 102 km away, without saying that an establishment of Corse-du-Sud
    without coordinates offers it too."""
    answer = ask(
        client, **{"from": "50022139", "to_level": 4, "departements": "2A,2B"}, home=AJACCIO
    )
    top = answer["pathways"][0]
    step = top["steps"][1]
    assert step["code"] == "40022106" and step["passerelle"]["origin"] == "documented"
    text = top["score"]["explanation"][-1]
    assert "continuité documentée au niveau national" in text
    assert (
        "à 102 km à vol d'oiseau ; aussi dans un établissement sans nom dans les fichiers "
        "publics (Corse-du-Sud, 2A), à une distance inconnue" in text
    )  # never by its UAI, a code no learner reads
    assert_plain_french(sentences(answer))


def test_gap_rows_tell_a_closed_diploma(new_store: Callable[..., GraphStore]) -> None:
    """The gap report's diploma rows lacked the BCN's closure: its dead ends judged closed
    diplomas as open ones (Nord: three « BTS systèmes numériques option A » offers, a diploma
    the BTS CIEL replaced, were « Impasses »)."""
    store = new_store()
    run_import(store, ROOT / "tests" / "fixtures" / "opendata_honest")
    got = store.read("gaps_diplomas", codes=["40025007", "40025012"])
    rows = {r["diploma"]["code"]: r["diploma"] for r in got}
    assert rows["40025007"]["closed"] is True  # Bac pro MEI, closed on 31/08/2023
    assert not rows["40025012"].get("closed")  # MSPC, its successor


def test_a_usual_continuation_is_not_said_missing_beside_the_other_its_source_names(
    client: TestClient,
) -> None:
    """Nice, CAP cuisine → level 4: the page the national table cites names the Bac pro cuisine
    and the Bac pro CSR after the CAP cuisine. The Alpes-Maritimes offer the first; the second
    (no offer in this fixture) is no « suite habituelle … proposée dans aucun établissement »."""
    answer = ask(client, **{"from": "50022146", "to_level": 4, "departements": "06", "home": NICE})
    steps = [p["steps"][1] for p in answer["pathways"]]
    assert any(s["code"] == "40022106" and s["passerelle"]["origin"] == "documented" for s in steps)
    assert not [n for n in answer["notices"] if "La suite habituelle" in n], answer["notices"]
    # leftovers26: the other one is named, in one sentence, after the one offered here
    others = [n for n in answer["notices"] if n.startswith("Parmi les suites habituelles")]
    assert len(others) == 1, answer["notices"]
    assert "Bac pro cuisine est proposé dans le département des Alpes-Maritimes" in others[0]
    assert "mais commercialisation et services en restauration" in others[0].lower(), others
    assert_plain_french(others)
