"""Answers that must say only what is true and say when they are partial, on each real engine,
over a fixture cut from the national files (``tests/fixtures/opendata_jobhonest/``:
Puy-de-Dôme, Loire-Atlantique, Guadeloupe) and the national table of documented continuations:
a job whose diplomas are all of the start's level, goal diplomas of the territory that no
passerelle reaches, the same formation reached from several starts of a level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from graph.edits import OfferCreate, OfferDelete, create_offer, delete_offer
from tests.conftest import FIXED_DAY, ask, imported_client_fixture
from tests.integration.test_honest_answers import assert_plain_french, sentences

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opendata_jobhonest"
MELEC = "40025520"
# fixes21: options of one programme count once among a Bac pro's BTS, so the MELEC reaches the
# BTS CRSA now; the chaudronnerie does not, in the 44 as in the Guadeloupe
CHAUDRONNERIE = "40025411"
CRSA = "BTS conception et réalisation de systèmes automatiques"
SRC = "test: partial-answer notice"


client = imported_client_fixture(FIXTURE, national_table=True, as_of=FIXED_DAY)


def test_a_job_whose_diplomas_are_all_of_the_start_level_is_not_said_unknown(
    client: TestClient,
) -> None:
    """Level 4 → Soudeur (H2913), Puy-de-Dôme: the Bac pro chaudronnerie and the certificat de
    spécialisation soudage prepare for it, both of level 4; the answer said « Aucun diplôme des
    données importées ne prépare au métier »."""
    answer = ask(client, from_level=4, job="H2913", departements="63")
    assert answer["count"] == 0
    reason = answer["reason"]
    assert "Aucun diplôme des données importées" not in reason
    # the certificat de spécialisation follows a Bac pro of its trade (bac-pro-to-specialisation,
    # docs/inferred-passerelles.md): not offered in the 63, the nearest is named; the closed MC
    # it replaces is not named
    assert "aucune offre de Certificat de spécialisation technicien en soudage" in reason
    assert "le plus proche" in reason
    assert "MC technicien en soudage" not in reason
    assert_plain_french(sentences(answer))


def test_a_job_reached_from_a_lower_level_keeps_its_pathways(client: TestClient) -> None:
    """The same job from a specific diploma that is one of its own: the already-trains notice,
    not the level sentence (the level rule holds only for a start by level)."""
    answer = ask(client, **{"from": "40025411", "job": "H2913", "departements": "63"})
    assert "prépare déjà" in answer["notices"][0]
    assert "de niveau 4 :" not in (answer["reason"] or "")


def test_a_level_start_shows_each_formation_once_in_the_first_ranks(client: TestClient) -> None:
    """Level 4 → BTS, Guadeloupe: the BTS MCO of one CFA, reached from four Bac pro of commerce
    (three closed), filled several of the first ranks while other BTS were reachable."""
    answer = ask(client, from_level=4, to_type="bts", departements="971", limit=5)
    finals = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert len(finals) == 5
    assert len(set(finals)) == 5, finals
    assert answer["count"] > 5


def _diploma_named(client: TestClient, name: str) -> dict[str, Any]:
    """The diploma the search finds under a name the answer gave (GET /diplomas/{code})."""
    found = client.get("/diplomas/search", params={"q": name}).json()["items"]
    [code] = [d["code"] for d in found if d["name"] == name]
    got: dict[str, Any] = client.get(f"/diplomas/{code}").json()
    return got


def test_goal_diplomas_of_the_field_no_passerelle_reaches_are_said(client: TestClient) -> None:
    """Bac pro chaudronnerie → BTS, Loire-Atlantique: pathways are found, and the BTS CRSA
    offered in the 44, which no known passerelle reaches from it, is said; the BTS MCO (another
    field) and the BTS the pathways reach are not. The same for the goal level 5."""
    for goal in ({"to_type": "bts"}, {"to_level": 5}):
        answer = ask(client, **{"from": CHAUDRONNERIE, **goal, "departements": "44", "limit": 50})
        assert answer["pathways"] and answer["count"] == len(answer["pathways"])
        partial = answer["unreached_goals"]
        assert partial is not None, answer["notices"]
        reached = {st["name"] for p in answer["pathways"] for st in p["steps"][1:]}
        assert partial["examples"] and not set(partial["examples"]) & reached
        assert CRSA in partial["examples"]
        assert not any("management commercial" in n.lower() for n in partial["examples"])
        sentence = partial["sentence"]
        assert sentence.startswith(f"{partial['count'] - partial['unknown_field']} autre")
        if partial["unknown_field"]:  # the goals whose field the files do not give: said apart
            assert f", {partial['unknown_field']} diplôme" in sentence, sentence
            assert "de domaine inconnu dans les données" in sentence, sentence
        # the BTS CRSA is of NSF 201, not of the start's 254: never « du même domaine que le
        # diplôme de départ (Structures métalliques) », which named a group it is not in
        assert _diploma_named(client, CRSA)["nsf"] == "201"
        assert "du même domaine" not in sentence, sentence
        assert "domaine proche de celui du diplôme de départ (Structures métalliques)" in (
            sentence.replace("domaines proches", "domaine proche")
        ), sentence
        assert "dans le département de la Loire-Atlantique (44)" in sentence
        assert "sans passerelle connue depuis ce diplôme" in sentence
        assert sentence.endswith("À vérifier auprès des établissements.")
        assert sentence not in answer["notices"]  # said once, in its own field
        assert_plain_french([sentence, *partial["examples"]])
    # every diploma named is really offered in the 44 (an open offer there) and no known
    # passerelle leads to it from the start
    for name in partial["examples"]:
        d = _diploma_named(client, name)
        assert any(
            o["departement"] in ("44", "044") and o["status"] != "closed" for o in d["offers"]
        ), d["offers"]
        assert CHAUDRONNERIE not in {p["code"] for p in d["previous"]}


def test_no_partial_notice_when_no_goal_diploma_of_the_field_is_missing(
    client: TestClient,
) -> None:
    """Bac pro MELEC → BTS, Guadeloupe: the territory offers BTS of the field, every one of them
    reached (the BTS CRSA is not offered there): no notice. A goal diploma named by its code
    never has one (the answer is about that diploma)."""
    answer = ask(client, **{"from": MELEC, "to_type": "bts", "departements": "971"})
    assert answer["pathways"]
    assert _of_the_field(answer["unreached_goals"]) == 0
    crsa = _diploma_named(client, "BTS conception et réalisation de systèmes automatiques")
    assert not any(o["departement"] in ("971",) for o in crsa["offers"])
    here = ask(client, **{"from": MELEC, "to_type": "bts", "departements": "44"})
    one = here["pathways"][0]["steps"][-1]["code"]
    to_one = ask(client, **{"from": MELEC, "to": one, "departements": "44"})
    assert to_one["pathways"] and to_one["unreached_goals"] is None


def test_from_a_level_the_goal_diplomas_no_start_reaches_are_said(client: TestClient) -> None:
    """From the level 4 (no field), the BTS of the Guadeloupe no start of the level reaches:
    programmes the Parcoursup file lists there; the BTS MCO, reached, is not among them."""
    answer = ask(client, from_level=4, to_type="bts", departements="971", limit=50)
    assert answer["pathways"]
    partial = answer["unreached_goals"]
    assert partial is not None
    assert "depuis un diplôme de niveau 4 (Bac pro, bac technologique…)" in partial["sentence"]
    assert "du même domaine" not in partial["sentence"]
    assert "management commercial" not in partial["sentence"].lower()  # reached
    assert_plain_french([partial["sentence"]])


def test_a_job_goal_names_the_job_s_diplomas_no_passerelle_reaches(client: TestClient) -> None:
    """Bac pro chaudronnerie → technicien études électroniques (H1209), Loire-Atlantique: the
    BTS électrotechnique is reached; the BTS CIEL option B, which prepares for the job and is
    offered in the 44, is said, with the job as its field (no NSF filter: the job is the
    field)."""
    answer = ask(client, **{"from": "40025411", "job": "H1209", "departements": "44"})
    assert answer["pathways"]
    partial = answer["unreached_goals"]
    assert partial is not None
    assert partial["sentence"].startswith(
        f"{partial['count']} autre diplôme qui prépare au métier ROME H1209 ("
    )
    [name] = partial["examples"]
    assert name.startswith("BTS cybersécurité, informatique et réseaux, électronique option B")
    d = _diploma_named(client, name)
    assert any(o["departement"] in ("44", "044") for o in d["offers"])
    assert_plain_french([partial["sentence"]])


def test_the_notice_follows_an_edit_of_the_offers(client: TestClient) -> None:
    """An offer of the BTS CRSA added in the Guadeloupe through an edit: the next answer names
    it (the cache's index of where diplomas are offered, carried over the edit, checks the
    touched diploma again); deleted, the notice goes."""
    store = client.app.state.store  # type: ignore[attr-defined]
    question = {"from": CHAUDRONNERIE, "to_type": "bts", "departements": "971"}
    before = ask(client, **question)
    assert _of_the_field(before["unreached_goals"]) == 0
    actor = before["pathways"][0]["steps"][-1]["offers"][0]["actor_id"]
    crsa = _diploma_named(client, "BTS conception et réalisation de systèmes automatiques")
    edit = {"actor": actor, "diploma": crsa["code"], "modality": "school", "source": SRC}
    create_offer(store, "test", OfferCreate(**edit))
    try:
        partial = ask(client, **question)["unreached_goals"]
        assert partial is not None and _of_the_field(partial) == 1
        assert partial["examples"][0] == crsa["name"]  # the field's first, then the unknown
    finally:
        delete_offer(store, "test", OfferDelete(**edit))
    assert _of_the_field(ask(client, **question)["unreached_goals"]) == 0


def _of_the_field(partial: dict[str, Any] | None) -> int:
    """How many unreached goals of the start's field the notice names: those of a field the
    files do not give (Parcoursup's own BTS labels in the Guadeloupe) are said apart, « de
    domaine inconnu dans les données », and only them when none of the field is left."""
    if partial is None:
        return 0
    if partial["count"] == partial["unknown_field"]:
        assert partial["sentence"].startswith("Proposé"), partial["sentence"]
        assert "de domaine inconnu dans les données" in partial["sentence"]
    return int(partial["count"] - partial["unknown_field"])


def test_a_start_that_meets_the_goal_says_so(client: TestClient) -> None:
    """The start diploma is the goal, is of the goal level already, or prepares for the goal
    job: the answer says the goal is met, never « aucune passerelle connue ne mène » to what the
    learner holds (Bac pro TCI and H2913, Bac pro MELEC and itself or the level 3)."""
    same = ask(client, **{"from": MELEC, "to": MELEC})
    assert same["reason"].startswith("Le diplôme visé est le diplôme de départ"), same["reason"]
    assert "Aucune passerelle connue" not in same["reason"]
    level = ask(client, **{"from": MELEC, "to_level": 3, "departements": "44"})
    said = " ".join(level["notices"]) + (level["reason"] or "")
    assert "est déjà de niveau 4 : l'objectif (niveau 3 ou plus) est déjà atteint" in said, said
    job = ask(client, **{"from": "40025411", "job": "H2913", "departements": "63"})
    if not job["pathways"]:
        assert job["reason"].startswith("Objectif déjà atteint"), job["reason"]
        assert "ne mène du Bac pro" not in job["reason"]
    assert_plain_french(sentences(same) + sentences(level) + sentences(job))


def test_a_closed_start_names_its_successor(client: TestClient) -> None:
    """A start the BCN closed gets no continuation of its own (docs/inferred-passerelles.md):
    an answer without pathway names the diploma that replaces it (Bac pro commerce 40031206,
    closed 2021, → 40031214), not « Aucune passerelle connue » alone."""
    answer = ask(client, **{"from": "40031206", "to_type": "ingenieur", "departements": "971"})
    assert not answer["pathways"], [p["steps"][-1]["code"] for p in answer["pathways"]]
    reason = answer["reason"]
    assert "est fermé ; la BCN le remplace par" in reason, reason
    assert "cherchez depuis" in reason
    assert_plain_french(sentences(answer))


def test_a_level_start_leaves_out_a_closed_diploma_its_successor_replaces(
    client: TestClient,
) -> None:
    """`from_level=4&job=comptable` started 4 of 16 pathways from closed Bac pros beside their
    successors, unflagged. A closed start whose open successor is a start too is left out
    (its passerelles lead where the successor's do), and the answer says which and why: those
    the territory offered whose successor starts a pathway shown (tests/integration/
    test_answers16.py); none when no pathway is found (D1403 in the 971)."""
    answer = ask(client, from_level=4, to_type="bts", departements="971", limit=50)
    starts = {p["steps"][0]["code"] for p in answer["pathways"]}
    assert "40031206" not in starts and "40031214" in starts, starts
    said = [n for n in answer["notices"] if "laissé" in n and "de côté" in n]
    assert len(said) == 1 and "cherchez depuis celui qui le remplace" in said[0], said
    assert "proposés dans le département de la Guadeloupe (971)" in said[0], said
    assert_plain_french(said)
    answer = ask(client, from_level=4, job="D1403", departements="971", limit=50)
    assert answer["pathways"] == [], answer["pathways"]
    assert not [n for n in answer["notices"] if "laissé" in n], answer["notices"]
