"""tester26's three findings on the national files, over plain rows: the offers of a diploma
nobody enters any more go on under its successor (graph/ingest/opendata/renewal.py), the
answer's order is a property of every pathway ranked, not of the limit
(graph/pathways/find.py ``_ordered``), and a step after one without position has no distance
from it (graph/pathways/explanation.py, answer.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from graph.geo import haversine_km
from graph.ingest.opendata.plan import Offer as FileOffer
from graph.ingest.opendata.plan import YearFigures
from graph.ingest.opendata.renewal import no_longer_entered, renewed_offers
from graph.pathways.explanation import UNKNOWN_FROM_PREVIOUS, step_sentence
from graph.pathways.find import _classifier, _ordered
from graph.pathways.scoring import Choice, Offer, Scored, Step

Row = dict[str, Any]

# --- 1. the successor of a diploma nobody enters any more -------------------------------------

DAY = "2026-12-06"  # closures judged on the day before 7 December 2026
MV = {"40025214": ["40025224"], "50025218": ["50025225"], "45322102": ["45322103"]}
OPENING = {"40025224": "2025-09-01", "50025225": "2025-09-01", "45322103": "2024-09-01"}


def test_an_entry_nmef_has_closed_carries_the_offers_to_the_named_successor() -> None:
    """Bac pro MV option A closes on 31/08/2028, its 2de pro on 31/08/2025; the CAP's first
    years on 31/08/2026: both are no longer entered, their successors have opened."""
    entry = {"40025214": "2025-08-31", "50025218": "2026-08-31"}
    first_years = {"40025214", "50025218"}
    got = no_longer_entered(set(), MV, OPENING, entry, first_years, DAY)
    assert {"40025214", "50025218"} <= got
    # the day before: the CAP's first year still opens at the rentrée 2026
    assert "50025218" not in no_longer_entered(set(), MV, OPENING, entry, first_years, "2026-08-30")


def test_a_first_year_nmef_keeps_open_keeps_the_offers_its_own() -> None:
    got = no_longer_entered(set(), MV, OPENING, {}, {"40025214", "50025218", "45322102"}, DAY)
    assert got == set()


def test_without_nmef_a_successor_opened_carries_them_none_named_nothing() -> None:
    """An agricultural BP (not in nMef) whose renovation has opened; one whose successor opens
    later, or one the BCN names no successor of, keeps its offers."""
    got = no_longer_entered(set(), MV, OPENING, {}, {"40025214", "50025218"}, DAY)
    assert got == {"45322102"}
    later = {**OPENING, "45322103": "2027-09-01"}
    assert no_longer_entered(set(), MV, later, {}, {"40025214", "50025218"}, DAY) == set()
    assert no_longer_entered(set(), {"X": []}, {}, {"X": "2020-08-31"}, {"X"}, DAY) == set()
    # a diploma the BCN gives as its own successor is no renovation
    assert no_longer_entered(set(), {"Y": ["Y"]}, {"Y": "2011-09-01"}, {}, set(), DAY) == set()


def test_the_renewed_offer_is_the_successor_s_the_old_one_stays() -> None:
    old = FileOffer("0580032H", "40025214", "school", [YearFigures(2022, capacity=24)])
    ended = no_longer_entered(set(), MV, OPENING, {"40025214": "2025-08-31"}, {"40025214"}, DAY)
    (new,) = renewed_offers([old], MV, ended)
    assert (new.code, new.renewed_from, new.years[0].capacity) == ("40025224", ("40025214",), 24)


# --- 2. the order does not depend on the limit ------------------------------------------------


def _dip(code: str, name: str, kind: str = "bac_pro", **extra: Any) -> Row:
    return {"code": code, "name": name, "type": kind, **extra}


START = {"code": "", "name": "Fin de 3e", "type": "none", "level": 2}
CLOSED_ENTRY = {"entry_closed": "2025-08-31"}


def _scored(score: float, *steps: Row) -> Scored:
    plan = [Step(d, {}, Choice([], 1.0, 1.0, (47.0, 3.0)), (47.0, 3.0)) for d in steps]
    key = ("", *(str(d["code"]) for d in steps))
    return Scored(score, {}, START, plan, 1.0, 0, 0.0, 0, key=key)


def _pool() -> list[Scored]:
    """Twelve pathways by score: two closed entries near the top, options of one programme."""
    bts = _dip("B1", "BTS MV option A", "bts")
    out = [
        _scored(90, _dip("40025214", "Bac pro MV option A", **CLOSED_ENTRY), bts),
        _scored(89, _dip("50025218", "CAP MV option A", "cap", **CLOSED_ENTRY)),
        _scored(88, _dip("P1", "Bac pro carrossier"), bts),
        _scored(87, _dip("P1", "Bac pro carrossier"), _dip("B2", "BTS MV option B", "bts")),
    ]
    out += [_scored(80 - i, _dip(f"X{i}", f"Bac pro autre {i}"), bts) for i in range(8)]
    return out


@pytest.mark.parametrize("by_level", [True, False])
def test_the_first_k_of_a_limit_of_20_are_the_answer_with_a_limit_of_k(by_level: bool) -> None:
    classify = _classifier({}, 2027)
    pool = _pool()
    full = _ordered(pool, [], SimpleNamespace(limit=20, by_level=by_level), classify, {})  # type: ignore[arg-type]
    for k in range(1, 13):
        page = _ordered(pool, [], SimpleNamespace(limit=k, by_level=by_level), classify, {})  # type: ignore[arg-type]
        assert [s.key for s in page[1]] == [s.key for s in full[1][:k]], k
    # the closed entries last, said with their final numbers
    assert [s.key[1] for s in full[1][-2:]] == ["40025214", "50025218"]
    notice = next(n for n in full[2] if "n'accueille plus" in n)
    assert "n° 11, n° 12" in notice
    # a page without them says nothing of them
    three = _ordered(pool, [], SimpleNamespace(limit=3, by_level=by_level), classify, {})  # type: ignore[arg-type]
    assert not any("n'accueille plus" in n for n in three[2])


def test_closed_entries_already_last_by_score_are_not_said_moved() -> None:
    classify = _classifier({}, 2027)
    pool = [s for s in _pool() if s.key[1] not in ("40025214", "50025218")]
    pool.append(_scored(10, _dip("40025214", "Bac pro MV option A", **CLOSED_ENTRY)))
    got = _ordered(pool, [], SimpleNamespace(limit=20, by_level=True), classify, {})  # type: ignore[arg-type]
    assert got[1][-1].key[1] == "40025214"
    assert not any("n'accueille plus" in n for n in got[2])


# --- 3. no distance from a step without position ----------------------------------------------


def test_a_step_after_one_without_position_has_no_distance_from_it() -> None:
    """Laval, coiffure: step 1 in an unnamed Vendée school without coordinates; step 2 in
    Laval, 2 km from home, which the search went on from: not from the previous step."""
    home = (48.07, -0.77)
    lycee = Offer("BTS", {"id": "cfa", "name": "CFA Laval"}, {"lat": 48.07, "lon": -0.75}, True)
    dist = haversine_km(*home, 48.07, -0.75)
    choice = Choice([lycee], dist, dist, (48.07, -0.75))
    d = {"code": "32033601", "name": "BTS métiers de la coiffure", "type": "bts"}
    after = step_sentence(2, Step(d, {"kind": "continuation"}, choice, home, prev_unplaced=True))
    assert UNKNOWN_FROM_PREVIOUS in after and "depuis l'étape précédente" in after
    assert "km" not in after.split(";")[1]
    placed = step_sentence(2, Step(d, {"kind": "continuation"}, choice, home))
    assert "km" in placed and UNKNOWN_FROM_PREVIOUS not in placed
