"""Different choices first (graph/pathways/variety.py), over plain rows."""

from __future__ import annotations

from typing import Any

from graph.pathways.scoring import Scored, Step
from graph.pathways.variety import later_options_notice, varied

Row = dict[str, Any]

SN_A = {"code": "40025513", "name": "Bac pro SN option A", "type": "bac_pro", "closed": True}
CIEL = {"code": "40025519", "name": "Bac pro CIEL", "type": "bac_pro"}
CSR = {"code": "40033403", "name": "Bac pro CSR", "type": "bac_pro"}
BTS_CIEL = {"code": "32025521", "name": "BTS CIEL option B", "type": "bts"}
BTS_MHR = {"code": "32033422", "name": "BTS MHR", "type": "bts"}


def scored(score: float, start: Row, target: Row) -> Scored:
    step = Step(diploma=target, leg={}, choice=None, prev=None)  # type: ignore[arg-type]
    return Scored(score, {}, start, [step], None, 0, 0.0, 0, key=(start["code"], target["code"]))


def test_from_a_diploma_each_start_and_target_pair_is_a_choice() -> None:
    shown = [scored(9, SN_A, BTS_CIEL), scored(8, CIEL, BTS_CIEL), scored(7, CSR, BTS_MHR)]
    assert varied(shown) == shown
    assert later_options_notice(shown, varied(shown)) is None


def test_from_a_level_one_formation_reached_from_two_starts_is_one_choice() -> None:
    """Nord, from level 4 to a BTS: Bac pro SN option A (closed) and Bac pro CIEL both lead to
    the BTS CIEL of the same lycée; the open start leads, the other comes after the BTS MHR."""
    closed_first = scored(9, SN_A, BTS_CIEL)
    open_second = scored(8, CIEL, BTS_CIEL)
    other = scored(7, CSR, BTS_MHR)
    before = [closed_first, open_second, other]
    after = varied(before, any_start=True)
    assert after == [open_second, other, closed_first]
    notice = later_options_notice(before, after, any_start=True)
    assert notice is not None and "n° 3" in notice and "autre diplôme de départ" in notice


def test_from_a_level_a_closed_start_leads_when_no_open_one_reaches_the_formation() -> None:
    only_closed = scored(9, SN_A, BTS_CIEL)
    other = scored(7, CSR, BTS_MHR)
    assert varied([only_closed, other], any_start=True) == [only_closed, other]
