"""A modality the imported files never describe for a kind of diploma (graph/pathways/
undescribed.py; docs/honest-answers.md, « A modality the files do not describe »), on each
real engine, over the fourth round's cut of the national files
(``tests/fixtures/opendata_counsel4/``): the files give the BTS MHR in apprenticeship, the Bac
pro cuisine in voie scolaire only (Affelnet and the constat are voie scolaire: no Bac pro of
the country is listed in apprenticeship)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences
from tests.integration.test_honest_answers_round4 import BAC_CUISINE, CAP_CUISINE, FIXTURE, MHR

NOT_DESCRIBED = "les fichiers publics ne décrivent pas l'apprentissage pour les bacs pro (niveau 4)"


client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_step_the_files_never_describe_in_apprenticeship_is_proposed_and_said_so(
    client: TestClient,
) -> None:
    """Marseille, CAP cuisine → BTS MHR in apprenticeship (B24's question in another région):
    the Bac pro cuisine was asked in apprenticeship, which no imported file describes, and the
    answer was « aucune offre en apprentissage de Bac pro cuisine … aucune offre en
    apprentissage connue ailleurs » — a gap of the files told as a fact of the territory."""
    answer = ask(
        client,
        **{"from": CAP_CUISINE, "to": MHR, "departements": "13", "modality": "apprenticeship"},
        home="43.296,5.370",  # Marseille
    )
    assert answer["pathways"], answer["reason"]
    top = answer["pathways"][0]
    bac, bts = top["steps"][1], top["steps"][2]
    assert bac["code"] == BAC_CUISINE and bac["modality_not_described"] is True
    assert {o["modality"] for o in bac["offers"]} == {"school"}  # the offers known
    # the BTS step, whose kind the files describe in apprenticeship, is still filtered on it
    assert bts["code"] == MHR and bts["modality_not_described"] is False
    assert {o["modality"] for o in bts["offers"]} == {"apprenticeship"}
    assert top["score"]["components"]["modality_not_described"] < 0
    step1 = next(e for e in top["score"]["explanation"] if e.startswith("Étape 1 "))
    assert NOT_DESCRIBED in step1 and "à vérifier auprès du CFA" in step1, step1
    step2 = next(e for e in top["score"]["explanation"] if e.startswith("Étape 2 "))
    assert "ne décrivent pas" not in step2, step2
    assert any(
        n.startswith("Les fichiers publics importés ne décrivent pas") for n in answer["notices"]
    )
    assert not any("aucune offre en apprentissage" in t for t in sentences(answer))
    assert_plain_french(sentences(answer))


def test_without_a_modality_or_in_voie_scolaire_nothing_is_flagged(client: TestClient) -> None:
    for modality in (None, "school"):
        q = {"from": CAP_CUISINE, "to": MHR, "departements": "13"}
        answer = ask(client, **q, **({"modality": modality} if modality else {}))
        assert answer["pathways"], answer["reason"]
        steps = [s for p in answer["pathways"] for s in p["steps"]]
        assert not any(s["modality_not_described"] for s in steps)
        assert not any("ne décrivent pas" in t for t in sentences(answer))


def test_no_pathway_tells_the_files_silence_apart_from_the_territory(client: TestClient) -> None:
    """Ajaccio, CAP cuisine → BTS MHR in apprenticeship: the fixture holds nothing in
    Corse-du-Sud. The reason said « aucune offre en apprentissage de Bac pro cuisine dans le
    département de la Corse-du-Sud (2A) ; aucune offre en apprentissage connue ailleurs dans
    les données importées », though the files describe no Bac pro in apprenticeship at all."""
    answer = ask(
        client,
        **{"from": CAP_CUISINE, "to": MHR, "departements": "2A", "modality": "apprenticeship"},
    )
    assert not answer["pathways"]
    reason = answer["reason"]
    assert "aucune offre en apprentissage de Bac pro cuisine" not in reason, reason
    assert "aucune offre en apprentissage connue ailleurs" not in reason, reason
    assert "aucune offre de Bac pro cuisine dans le département" in reason, reason
    assert f"({NOT_DESCRIBED} : à vérifier auprès des CFA et des établissements)" in reason
    # no home given: the nearest is measured from Ajaccio, not chosen by its capacity (it was
    # a lycée of Martinique, « distance inconnue : aucun domicile donné »)
    assert "km à vol d'oiseau d'Ajaccio (préfecture)" in reason, reason
    assert "Martinique" not in reason and "aucun domicile donné" not in reason, reason
    assert_plain_french(sentences(answer))


def test_the_map_says_the_files_do_not_describe_a_modality_at_a_level(client: TestClient) -> None:
    """``/map.geojson?level=4&modality=apprenticeship`` drew only the places whose offers name
    apprenticeship at level 4 and said nothing (the Carte page: « Aucun lieu ne correspond à ces
    filtres »), though no imported file describes a Bac pro in apprenticeship: the collection
    now says so (its ``notice``), and says nothing where the files describe the modality."""
    fc = client.get("/map.geojson", params={"level": "4", "modality": "apprenticeship"}).json()
    assert fc["notice"], fc
    assert "ne décrivent pas l'apprentissage pour les bacs pro (niveau 4)" in (fc["notice"])
    assert "à vérifier auprès des CFA" in fc["notice"]
    assert_plain_french([fc["notice"]])
    # the BTS is described in apprenticeship (level 5), and in voie scolaire all are; the
    # CPGE (level 5 since the import takes the BCN's level of their type) are not, as for the
    # other kinds the files never name in apprenticeship: said, the BTS not
    level5 = client.get("/map.geojson", params={"level": "5", "modality": "apprenticeship"})
    notice5 = level5.json()["notice"]
    assert notice5 is None or ("BTS" not in notice5 and "bacs pro" not in notice5), notice5
    for params in ({"modality": "school"}, {}):
        assert client.get("/map.geojson", params=params).json()["notice"] is None, params
    # without a level: every kind the files never describe in that modality
    whole = client.get("/map.geojson", params={"modality": "apprenticeship"}).json()["notice"]
    assert whole and "bacs pro (niveau 4)" in whole and "BTS" not in whole


def test_a_goal_the_files_never_describe_in_continuing_education_says_it_is_the_files(
    client: TestClient,
) -> None:
    """Guéret, Bac pro → BTS in continuing education (tester18): the answer said only « aucun
    BTS en formation continue dans le territoire demandé », read as a fact of the Creuse,
    when no imported file describes a BTS in continuing education anywhere. Here Marseille:
    the steps are proposed with the offers known, flagged; in Corse-du-Sud, where the fixture
    holds no BTS, the absence is said to be the files'."""
    q = {"from": CAP_CUISINE, "to_type": "bts", "modality": "continuing"}
    answer = ask(client, **q, departements="13")
    assert answer["pathways"], answer["reason"]
    steps = answer["pathways"][0]["steps"][1:]
    assert all(s["modality_not_described"] for s in steps), steps
    assert any(
        n.startswith("Les fichiers publics importés ne décrivent pas la formation continue")
        for n in answer["notices"]
    ), answer["notices"]
    corse = ask(client, **q, departements="2A")
    assert not corse["pathways"]
    lead = corse["notices"][0]
    assert lead.startswith(
        "Les données importées ne contiennent aucun BTS en formation continue"
    ), lead
    assert (
        "Les fichiers publics importés ne décrivent nulle part la formation continue pour les "
        "BTS (niveau 5) ; une offre en formation continue est à vérifier auprès des GRETA, des "
        "organismes de formation continue et des établissements."
    ) in lead, lead
    assert_plain_french(sentences(corse))
    # in apprenticeship, which the files describe for the BTS, the absence is the territory's
    said = ask(client, **{**q, "modality": "apprenticeship"}, departements="2A")
    assert not any("ne décrivent nulle part" in t for t in sentences(said)), said["notices"]
