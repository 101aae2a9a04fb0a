"""A start « fin de 3e (sans diplôme) » over plain rows (graph/pathways/after_3e.py): which
programmes are entered after 3e, the search from the end of 3e, its score and its words, and
the request's rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from graph.pathways.after_3e import (
    ENTRY_LEG,
    START_CODE,
    entered_after_3e,
    is_start_row,
    start_row,
)
from graph.pathways.explanation import explain, passerelle_sentence
from graph.pathways.query import PathwayQuery
from graph.pathways.request import PathwayRequest
from graph.pathways.scoring import Offer, Scorer
from graph.pathways.search import candidates
from tests.unit.test_pathway_rules import FIGEAC, Rows, diploma, leg, offer

Row = dict[str, Any]


def entry(code: str, kind: str, level: int, *, affelnet: bool, bcn: str | None = None) -> Row:
    return {
        "code": code,
        "type": kind,
        "level": level,
        "closed": None,
        "bcn_type": bcn,
        "affelnet": affelnet,
    }


def test_what_is_entered_after_3e_is_what_affelnet_lists_and_every_cap_and_bac_pro() -> None:
    """A CAP a CFA only offers is entered after 3e, and a brevet de technicien Affelnet lists;
    a mention complémentaire or a brevet des métiers d'art (after a CAP) never is, even
    listed by Affelnet; nothing of level 5 or more is, whatever a file says."""
    rows = [
        entry("CAP-CFA", "cap", 3, affelnet=False, bcn="500"),
        entry("BACPRO", "bac_pro", 4, affelnet=True, bcn="400"),
        entry("2GT", "bac_general", 4, affelnet=True, bcn="470"),
        entry("BT", "other", 4, affelnet=True, bcn="420"),
        entry("BMA", "other", 4, affelnet=True, bcn="401"),
        entry("MC", "mc", 3, affelnet=True, bcn="010"),
        entry("CS", "mc", 4, affelnet=True, bcn="461"),
        entry("OTHER", "other", 4, affelnet=False),
        entry("BTS", "bts", 5, affelnet=True),
        entry("CAP-BAD", "cap", 5, affelnet=False),
    ]
    assert entered_after_3e(rows) == ["2GT", "BACPRO", "BT", "CAP-CFA"]
    assert entered_after_3e([]) == []


def query(**kw: Any) -> PathwayQuery:
    return PathwayQuery(
        start_codes=[START_CODE], start_label="fin de 3e (sans diplôme)", by_level=True, **kw
    )


def test_the_search_from_the_end_of_3e_takes_a_programme_first_and_scores_it() -> None:
    """From the end of 3e: a Bac pro directly (its 2de pro), or a CAP then a Bac pro; the first
    step's leg is the entry after 3e, scored as no inferred passerelle, said in French."""
    cap, bac = diploma("C", 3, "221", kind="cap"), diploma("B", 4, "221", kind="bac_pro")
    rows = Rows(
        [start_row(), cap, bac],
        {START_CODE: [("C", ENTRY_LEG), ("B", ENTRY_LEG)], "C": [("B", leg())]},
    ).with_offers(C=[offer("C", "Lycée C", FIGEAC)], B=[offer("B", "Lycée B", FIGEAC)])
    got = candidates(query(to_type="bac_pro"), rows, None, restrict=True)
    paths = sorted([d["code"] for d in c.diplomas] for c in got)
    assert paths == [[START_CODE, "B"], [START_CODE, "C", "B"]]
    scorer = Scorer(rows.offers(["B", "C"]), fields={}, home=FIGEAC)
    direct = scorer.score([start_row(), bac], [ENTRY_LEG])
    assert direct is not None and is_start_row(direct.start)
    assert direct.components.get("inferred", 0) == 0
    said = explain(direct, query(to_type="bac_pro"))
    assert said[0] == "1 étape après la 3e."
    best = direct.plan[0].choice.ranked[0]
    assert passerelle_sentence(ENTRY_LEG, best).startswith("entrée après la 3e")
    # a CAP goal is one step after 3e, not a CAP « held » before another
    got = candidates(query(to_type="cap"), rows, None, restrict=True)
    assert [[d["code"] for d in c.diplomas] for c in got] == [[START_CODE, "C"]]


def test_a_request_from_the_end_of_3e() -> None:
    """from_level=2 is the end of 3e; a field (`sector`) chooses its first programme, the
    goal job is `job`; below 2 is no level."""
    assert PathwayRequest(from_level=2, to_type="bac_pro").from_level == 2
    assert PathwayRequest(from_level=2, job="G1602").job == "G1602"
    assert PathwayRequest(from_level=2, sector="G1602", to_level=3).sector == "G1602"
    with pytest.raises(ValidationError):
        PathwayRequest(from_level=1, to_level=3)


def test_a_leg_to_a_diploma_of_no_stated_specialty_is_not_said_to_share_one() -> None:
    """« ont en commun : spécialité de la cible non précisée » read as nonsense: the two share
    nothing, the leg holds because the target names no specialty."""
    best = Offer(code="B", actor={"name": "Lycée"}, offer={}, in_territory=True)
    for evidence, side in (
        ("spécialité de la cible non précisée", "du diplôme visé"),
        ("spécialité de l'origine non précisée", "du diplôme de départ"),
    ):
        leg = {"passerelle_origin": "inferred", "evidence": evidence}
        said = passerelle_sentence(leg, best)
        assert "ont en commun" not in said and "non précisée" not in said, said
        assert f"la spécialité {side} n'est pas précisée" in said, said
        assert said.endswith("(non documentée)"), said
    shared = passerelle_sentence({"passerelle_origin": "inferred", "evidence": "ROME H2903"}, best)
    assert shared.startswith("passerelle déduite de ce que les deux diplômes ont en commun : ROME")
