"""graph.pathways.nearest: the establishments of a step chosen from the index are those of
``choose`` over the whole list, in the same order, ties included (equal places, equal keys),
and the Scorer's pools from it are those it makes itself."""

from __future__ import annotations

import random
from typing import Any

import pytest

from graph.pathways import nearest
from graph.pathways.nearest import NearIndex
from graph.pathways.scoring import Offer, Scorer, choose, key_from

Row = dict[str, Any]


def _offers(rng: random.Random, n: int) -> list[Offer]:
    """``n`` offers all in the territory, on few places (equal distances) and few names and
    figures (equal keys), with every term of the key: status, stale, renewed, at a distance,
    without place, at a commune's centre, boarding, the entry after 3e's figures."""
    places = [(rng.uniform(41.0, 51.0), rng.uniform(-4.5, 8.0)) for _ in range(max(1, n // 3))]
    places += [(-21.1, 55.5), (16.2, -61.5), (44.0, 2.0), (44.0, 2.5)]
    out = []
    for j in range(n):
        lat, lon = rng.choice(places)
        if rng.random() < 0.4:  # a place of its own, near another
            lat, lon = lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3)
        placed = rng.random() > 0.1
        actor: Row = {
            "id": f"a{j % 7}",
            "name": f"Lycée {j % 4}",
            "boarding_places": rng.choice([None, 0, 40]),
            "described": rng.choice([True, False, None]),
        }
        if rng.random() < 0.05:
            actor["directory_flags"] = ["distance_learning"]
        row: Row = {
            "lat": lat if placed else None,
            "lon": lon if placed else None,
            "coords_precision": rng.choice([None, "commune", "establishment"]),
            "status": rng.choice(["open", "open", "open", "renewed", "planned"]),
            "modality": rng.choice(["school", "apprenticeship"]),
            "capacity": rng.choice([None, 12, 24]),
            "demand": rng.choice([None, 30]),
            "departement": rng.choice(["009", "031", "075", "974"]),
        }
        if rng.random() < 0.2:
            row["entry_year"] = 2
            if rng.random() < 0.5:
                row["entry_capacity"] = rng.choice([None, 30])
                row["entry_demand"] = rng.choice([None, 50])
        out.append(Offer("D", actor, row, True, rng.choice([None, None, 2023])))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_choice_is_choose_over_the_whole_list(seed: int) -> None:
    rng = random.Random(9100 + seed)
    offers = _offers(rng, rng.choice([0, 1, 3, 5, 6, 12, 40, 200]))
    index = NearIndex(offers)
    prevs = [(o.offer["lat"], o.offer["lon"]) for o in offers[:5] if o.offer["lat"] is not None]
    prevs += [(rng.uniform(41.0, 51.0), rng.uniform(-4.5, 8.0)) for _ in range(20)]
    prevs += [(44.0, 2.25), (-21.0, 55.4), (89.9, 0.0), (-89.9, 170.0)]
    for prev in prevs:
        for after_3e in (False, True):
            assert index.choice(prev, after_3e) == choose(
                offers, prev, allow_outside=False, after_3e=after_3e
            )


@pytest.mark.parametrize("seed", range(40))
def test_choice_from_no_place_is_choose_over_the_whole_list(seed: int) -> None:
    """A first step without home: the index's kept ranking is ``choose``'s from no place,
    ties included, after 3e too (the entry's figures)."""
    rng = random.Random(7700 + seed)
    offers = _offers(rng, rng.choice([0, 1, 3, 5, 6, 12, 40, 200]))
    index = NearIndex(offers)
    for after_3e in (False, True):
        assert index.choice(None, after_3e) == choose(
            offers, None, allow_outside=False, after_3e=after_3e
        )


def _count_keys(monkeypatch: pytest.MonkeyPatch) -> list[Offer]:
    """The offers the index's choices key, in order (``nearest.key_from`` wrapped)."""
    keyed: list[Offer] = []

    def counting(prev: Any, after_3e: bool = False) -> Any:
        key = key_from(prev, after_3e)

        def counted(o: Offer) -> Any:
            keyed.append(o)
            return key(o)

        return counted

    monkeypatch.setattr(nearest, "key_from", counting)
    return keyed


def test_choice_keys_only_offers_nearer_than_the_last_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """An offer whose distance already puts it after the last one kept is not keyed: with
    every offer on one latitude, far ones in longitude are passed over (the latitude band
    alone would key them all)."""
    rng = random.Random(11)
    offers = _offers(rng, 120)
    for j, o in enumerate(offers):
        o.offer.update(lat=45.0, lon=-4.0 + j * 0.1, status="open", coords_precision=None)
        o.actor.pop("directory_flags", None)
        o.actor["boarding_places"] = None
        o.last_seen = None
    index = NearIndex(offers)
    keyed = _count_keys(monkeypatch)
    prev = (45.0, -4.05)  # the offers walked from the nearest: the first five are kept
    assert index.choice(prev) == choose(offers, prev, allow_outside=False)
    assert len(keyed) == 5


def test_choice_walks_fewer_offers_than_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the index is for: a step orders the offers near enough, not the country's."""
    offers = _offers(random.Random(3), 400)
    index = NearIndex(offers)
    keyed = _count_keys(monkeypatch)
    got = index.choice((45.0, 2.0))
    assert got == choose(offers, (45.0, 2.0), allow_outside=False)
    assert 0 < len(keyed) < len(offers) // 4


def test_index_refuses_offers_outside_the_territory() -> None:
    offers = _offers(random.Random(1), 3)
    offers[1].in_territory = False
    with pytest.raises(ValueError):
        NearIndex(offers)


@pytest.mark.parametrize("seed", range(10))
def test_scorer_with_the_index_scores_as_without(seed: int) -> None:
    """Pools, holding legs, choices: the same Scored with and without the index."""
    rng = random.Random(300 + seed)
    offers = {f"D{i}": _offers(rng, rng.choice([0, 2, 9, 30])) for i in range(4)}
    for code, os in offers.items():
        for o in os:
            o.code = code
    diplomas = [{"code": "S", "type": "cap", "nsf": "251"}] + [
        {"code": c, "type": "bts", "nsf": rng.choice(["251", "311"])} for c in offers
    ]
    legs: list[Row] = [
        {"passerelle_origin": "documented", "kind": "continuation"},
        {"passerelle_origin": "after_3e", "rate": 0.4},
        {"scope": "actors", "scope_actors": ["a1", "a3"], "passerelle_origin": "documented"},
        {"scope": "departements", "scope_departements": ["031"], "rate": 0.5},
        {"modality": "apprenticeship", "passerelle_origin": "documented"},
    ]
    near = {c: NearIndex(os) for c, os in offers.items()}
    home = (rng.uniform(42.0, 50.0), rng.uniform(-3.0, 7.0))
    plain = Scorer(offers, fields={}, home=home)
    indexed = Scorer(offers, fields={}, home=home, near=near)
    for _ in range(60):
        n = rng.randint(1, 3)
        ds = [diplomas[0], *rng.sample(diplomas[1:], n)]
        ls = [rng.choice(legs) for _ in range(n)]
        assert indexed.bound(ds, ls) == plain.bound(ds, ls)
        assert indexed.score(ds, ls) == plain.score(ds, ls)


def test_the_index_keeps_no_key_on_the_offers() -> None:
    """The index is made for every diploma after the preload: each offer's static key (~330
    bytes, 60 000 offers at national size) is made by the steps that walk it, not by the
    index (worker RSS, docs/performance.md, rss14); the choices are the same."""
    offers = _offers(random.Random(5), 200)
    index = NearIndex(offers)
    assert all(o.static is None and o.static_3e is None for o in offers)
    prev = (45.0, 3.0)
    got = index.choice(prev)
    assert 0 < sum(o.static is not None for o in offers) < len(offers)  # those walked
    assert got == choose(offers, prev, allow_outside=False)
