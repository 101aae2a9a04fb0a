"""Diplomas prepared in the same establishments (graph.inference.co_offer) and what that adds to
an inferred continuation (graph.inference.rules)."""

from __future__ import annotations

import math

import pytest

from graph.inference import DiplomaFacts, infer_passerelles
from graph.inference.co_offer import MIN_TOGETHER, OCHIAI_FULL, P_CO_OFFER, co_offer
from graph.inference.evidence import Evidence

SHOP = Evidence(secteur="Métallurgie", cpc="Industrie", formacode=frozenset({"31632"}))
SHOP_H2901 = Evidence(
    rome=frozenset({"H2901"}),
    secteur="Métallurgie",
    cpc="Industrie",
    formacode=frozenset({"31632"}),
)


def uais(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"E{i:04d}" for a, b in ranges for i in range(a, b))


def test_ochiai_both_ways_capped() -> None:
    a, b = uais((0, 100)), uais((50, 250))  # 50 together, 100 and 200 in all
    c = co_offer(a, b)
    assert c is not None and c.together == 50
    expected = P_CO_OFFER * min(50 / math.sqrt(100 * 200) / OCHIAI_FULL, 1)
    assert c.points == pytest.approx(expected)
    back = co_offer(b, a)
    assert back is not None and (back.together, back.points) == (50, c.points)
    same = co_offer(a, a)
    assert same is not None and same.points == P_CO_OFFER  # capped


def test_too_few_establishments_together_is_no_evidence() -> None:
    a = uais((0, 10))
    assert co_offer(a, uais((9, 12))) is None  # one in common
    assert MIN_TOGETHER == 2 and co_offer(a, uais((8, 12))) is not None
    assert co_offer(frozenset(), a) is None


def test_a_common_target_does_not_win_by_being_common() -> None:
    """The same 30 establishments together: the BTS prepared in 1 000 lycées gets less than
    the one prepared in 40."""
    origin = uais((0, 100))
    everywhere = co_offer(origin, uais((70, 1070)))
    specialist = co_offer(origin, uais((70, 110)))
    assert everywhere is not None and specialist is not None
    assert everywhere.points < specialist.points


def _facts(
    code: str, type_: str, evidence: Evidence, est: frozenset[str], nsf: str = "250"
) -> DiplomaFacts:
    return DiplomaFacts(code, type_, None, nsf=nsf, evidence=evidence, establishments=est)


def test_co_offers_rank_the_candidates_the_nomenclatures_give() -> None:
    """Two BTS tied to the Bac pro by the nomenclatures; the weaker one by them is prepared in
    the Bac pro's lycées, the stronger one elsewhere: it comes first once the lycées count."""
    lycees = uais((0, 50))
    bac = _facts("40000001", "bac_pro", SHOP_H2901, lycees)
    near = _facts("32000001", "bts", SHOP, uais((0, 40)))
    far = _facts("32000002", "bts", SHOP_H2901, uais((60, 80)))
    legs = {p.to_code: p for p in infer_passerelles([bac, near, far], set())}
    assert legs["32000001"].strength > legs["32000002"].strength
    assert "préparés tous deux dans 40 établissements" in legs["32000001"].field_match
    assert "préparés tous deux" not in legs["32000002"].field_match

    blind = [
        DiplomaFacts(d.code, d.type, None, nsf=d.nsf, evidence=d.evidence) for d in (bac, near, far)
    ]
    before = {p.to_code: p for p in infer_passerelles(blind, set())}
    assert before["32000001"].strength < before["32000002"].strength


def test_co_offers_alone_never_make_a_continuation() -> None:
    """A large lycée prepares unrelated programmes too: prepared together, nothing shared."""
    lycees = uais((0, 50))
    bac = _facts("40000001", "bac_pro", Evidence(rome=frozenset({"J1501"})), lycees)
    other = _facts("32000003", "bts", Evidence(rome=frozenset({"H2901"})), lycees)
    assert infer_passerelles([bac, other], set()) == []


def test_co_offers_do_not_lift_a_weak_candidate() -> None:
    """Below the strength the nomenclatures must give (MIN_STRENGTH), preparing the two together
    adds nothing: the weak leg stays as weak as without the establishments."""
    lycees = uais((0, 50))
    # the NSF group alone (2 points of 14): the former commission alone, as this test had it,
    # makes no candidate any more (legs24, graph.inference.evidence.trade_basis)
    bac = _facts("40000001", "bac_pro", Evidence(rome=frozenset({"H2901"})), lycees)
    weak = _facts("32000004", "bts", Evidence(rome=frozenset({"H1101"})), lycees)
    (leg,) = infer_passerelles([bac, weak], set())
    assert leg.strength < 0.2
    assert "préparés tous deux" not in leg.field_match
