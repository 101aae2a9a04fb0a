"""The partial-answer notice never says « sans passerelle connue » of a goal the pathways reach
beyond their first goal (they stop there: graph.pathways.search), on each real engine, over the
seeds (Mecanic Vallée: CAP électricien → Bac pro MELEC → BTS)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import ask
from tests.integration.test_honest_answers import assert_plain_french, sentences

CAP_ELEC = "50025524"
MELEC_SEED = "40025510"  # the seeds' Bac pro ELEEC (MELEC's predecessor)


def test_a_goal_reached_beyond_a_reached_goal_is_not_said_without_passerelle(
    seed_client: TestClient,
) -> None:
    """CAP électricien → niveau 4 ou plus, Lot and Aveyron: the pathways end at the Bac pro
    (ELEEC here); the BTS its passerelles lead to were listed among the goals « sans passerelle
    connue depuis ce diplôme » (a new user's review, around Lille on the national files)."""
    answer = ask(seed_client, **{"from": CAP_ELEC, "to_level": 4, "departements": "046,012"})
    finals = [p["steps"][-1]["code"] for p in answer["pathways"]]
    assert MELEC_SEED in finals, finals
    partial = answer["unreached_goals"]
    said = partial["sentence"] if partial else ""
    # the BTS of a neighbouring domain are named after it, as no passerelle reaches them
    # (graph/pathways/neighbour_goals.py): not those of the start's field
    # (a BTS no passerelle reaches from a reached goal may be said: since seconde19 the BTS
    # conception des produits industriels, which only the « 2nde professionnelle production »
    # led to, is one; the BTS électrotechnique the Bac pro leads to is not)
    own = said.split(" d'un domaine plus éloigné ")[0]
    assert "lectrotechnique" not in own, said
    assert "électrotechnique" not in said, said
    assert_plain_french(sentences(answer))


def test_a_level_goal_does_not_list_programmes_of_unknown_field(seed_client: TestClient) -> None:
    """Bac pro MSPC → niveau 6 ou plus, Lot and Aveyron: every goal of its field is reached; the
    campus programmes whose field no file gives (a DUETI, a business school's Bac+3) were said
    in a partial-answer notice « de domaine inconnu »: a level goal does not name them."""
    answer = ask(seed_client, **{"from": "40025014", "to_level": 6, "departements": "012,046"})
    assert answer["pathways"]
    partial = answer["unreached_goals"]
    assert partial is None or "domaine inconnu" not in partial["sentence"], partial
