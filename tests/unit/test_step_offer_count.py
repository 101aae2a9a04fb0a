"""A step lists its best few establishments and says among how many it chose them: a Nord
step offered by 32 lycées read « 4 autres possibilités », as if there were 5."""

from __future__ import annotations

from graph.pathways.scoring import OFFERS_PER_STEP, Offer, choose

LILLE = (50.6292, 3.0573)


def _offer(i: int, *, inside: bool = True) -> Offer:
    actor = {"id": f"a{i}", "name": f"Lycée {i:02d}", "described": True}
    offer = {"status": "open", "capacity": 24, "lat": 50.6 + i / 100, "lon": 3.06}
    return Offer("40025510", actor, offer, inside)


def test_a_step_knows_how_many_offers_it_was_chosen_among() -> None:
    offers = [_offer(i) for i in range(32)] + [_offer(40 + i, inside=False) for i in range(3)]
    choice = choose(offers, LILLE, allow_outside=False)
    assert choice is not None
    assert len(choice.ranked) == OFFERS_PER_STEP
    assert choice.pool_size == 32  # those of the territory, not those outside it


def test_outside_the_territory_the_count_is_of_all_offers_searched() -> None:
    offers = [_offer(i, inside=False) for i in range(3)]
    assert choose(offers, LILLE, allow_outside=False) is None
    choice = choose(offers, LILLE, allow_outside=True)
    assert choice is not None and choice.pool_size == 3 == len(choice.ranked)
