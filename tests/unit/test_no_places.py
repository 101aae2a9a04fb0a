"""A step whose establishment has 0 places in the latest file (graph/pathways/no_places.py):
said in the explanation, ranked after the pathways whose steps have places (tester22: a 1re
pro with 0 places at Cayenne ranked first, unsaid)."""

from __future__ import annotations

from graph.pathways.explanation import explain
from graph.pathways.find import _best_with_places
from graph.pathways.no_places import W_NO_PLACE, no_place_steps, with_no_places
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Candidate, Offer, Scorer, rank
from tests.unit.test_pathway_rules import CAPDENAC, FIGEAC, RODEZ, diploma, leg, offer

CAP = diploma("C", 3, kind="cap")
ASSP, OTHER, THIRD = (diploma(c, 4, kind="bac_pro") for c in ("A", "O", "T"))


def _zero(code: str, where: tuple[float, float]) -> Offer:
    o = offer(code, f"Lycée {code}", where, capacity=0)
    # Affelnet 2022, at entry to the 1re pro (9730235T;23820033003;N;ST;0;0)
    o.offer.update({"year": 2022, "entry_year": 2, "origin": "import", "demand": 0})
    return o


def _scorer() -> Scorer:
    offers = {
        "A": [_zero("A", FIGEAC)],  # 0 places, at home
        "O": [offer("O", "Lycée O", CAPDENAC, capacity=12)],  # 18 km, places
        "T": [offer("T", "Lycée T", RODEZ)],  # 55 km, places unknown
    }
    return Scorer(offers, fields={}, home=FIGEAC)


def test_a_step_of_0_places_is_said_and_ranks_after_steps_with_places_or_unknown() -> None:
    scorer = _scorer()
    scored = [s for d in (ASSP, OTHER, THIRD) if (s := scorer.score([CAP, d], [leg()]))]
    before = rank(scored)
    assert before[0].key == ("C", "A")  # the nearest: 0 places, first as before the fix
    after = with_no_places(before)
    assert [s.key[-1] for s in after] == ["O", "T", "A"]
    zero = after[-1]
    assert zero.components["no_places"] == -W_NO_PLACE
    assert zero.score == before[0].score - W_NO_PLACE
    assert "no_places" not in after[0].components  # only when not 0: other answers unchanged
    q = PathwayQuery(start_codes=["C"], start_label="CAP", to_level=4)
    step = next(x for x in explain(zero, q) if x.startswith("Étape 1 "))
    assert "0 place d'entrée en 1re pro à la rentrée 2022 selon Affelnet" in step, step
    # unknown places (None) are not 0: neither said nor counted
    unknown = next(s for s in after if s.key[-1] == "T")
    assert no_place_steps(unknown) == 0
    assert not any("0 place" in x for x in explain(unknown, q))


def test_the_search_asks_for_more_when_its_first_pathways_have_0_places() -> None:
    scorer = _scorer()
    paths = [Candidate([CAP, d], [leg()]) for d in (ASSP, OTHER, THIRD)]
    shown, _ = _best_with_places(scorer, paths, 1, None)
    # the first pathways through one formation (those after it may show its other options)
    assert shown[0].key == ("C", "O")
    shown, _ = _best_with_places(scorer, paths, 3, None)
    assert [s.key[-1] for s in shown] == ["O", "T", "A"]
