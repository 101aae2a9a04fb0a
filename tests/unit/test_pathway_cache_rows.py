"""The compact rows of the pathway cache (graph/pathways/data.py), the request's flagging of
prepared offers (graph/pathways/search.py) and the collector pause of the preload
(graph/gc_pause.py): pure parts, over plain data."""

from __future__ import annotations

import gc
import platform
import random
import sys
import threading
from typing import Any

import pytest

from graph.gc_pause import gc_paused
from graph.pathways.data import OFFER_FIELDS, PathwayData, _Shared, _with
from graph.pathways.hygiene import currency, offer_usable, usable_rows
from graph.pathways.scoring import Offer
from graph.pathways.search import (
    OutsideRows,
    _inside,
    any_usable_inside,
    by_latitude,
    flag_offers,
    flag_usable,
)
from graph.shared_values import KeySharedRows
from graph.territory import Point, Territory
from graph.touched import Touched


def test_shared_rows_keep_one_object_per_equal_value_and_every_value_equal() -> None:
    shared = _Shared()
    a = shared.row(["046", 44.6, 1, ["012", "046"], None, True, "school"])
    b = shared.row(["".join(["0", "46"]), 44.6 + 0.0, 1.0, ["012", "046"], None, 1, "school"])
    assert a == ["046", 44.6, 1, ["012", "046"], None, True, "school"]
    assert a[0] is b[0] and a[1] is b[1] and a[3] is b[3] and a[6] is b[6]
    # an int and a float that compare equal stay what they were
    assert type(a[2]) is int and type(b[2]) is float and type(b[5]) is int
    assert shared.row([[["x"]]]) == [[["x"]]]  # a list of lists: kept, not shared


def test_key_shared_rows_are_the_dicts_of_their_fields_in_half_the_memory() -> None:
    rows = KeySharedRows(OFFER_FIELDS)
    values = [
        [f"{k}{i}" if (i + j) % 3 else None for j, k in enumerate(OFFER_FIELDS)] for i in range(50)
    ]
    got = [rows.row(v) for v in values]
    plain = [dict(zip(OFFER_FIELDS, v, strict=True)) for v in values]
    assert got == plain
    assert [list(r.items()) for r in got] == [list(r.items()) for r in plain]  # same order
    assert type(got[0]) is dict and got[1].get("site") == "site1" and got[3]["site"] is None
    assert {**got[2], "unlisted": 1} == {**plain[2], "unlisted": 1}
    copy = dict(got[4])
    copy["site"] = "x"
    assert got[4]["site"] == "site4"  # rows are never changed through a copy
    with pytest.raises(ValueError):
        rows.row(values[0][:-1])
    if platform.python_implementation() == "CPython":  # the keys shared (PEP 412)
        assert sys.getsizeof(got[4]) * 3 <= sys.getsizeof(plain[4]) * 2


def test_key_shared_rows_of_a_head_and_a_tail_are_the_rows_of_all_their_values() -> None:
    """The offers read as their first fields and the rest, or the first only when every
    other is null (cypher/pathway_offers_of.cypher): the same dicts, keys in the same order."""
    rows = KeySharedRows(OFFER_FIELDS)
    n = 13
    full = [f"{k}1" for k in OFFER_FIELDS]
    nulls = [*full[:n], *[None] * (len(OFFER_FIELDS) - n)]
    for values, tail in ((full, full[n:]), (nulls, None), (nulls, nulls[n:])):
        got = rows.row_of(values[:n], tail)
        assert list(got.items()) == list(dict(zip(OFFER_FIELDS, values, strict=True)).items())
    with pytest.raises(ValueError):
        rows.row_of(full[:n], full[n:-1])
    with pytest.raises(ValueError):
        rows.row_of(full[: n + 1], full[n:])


def test_key_shared_rows_made_from_a_run_of_values_are_those_of_row() -> None:
    """KeySharedRows.rows (a snapshot's offers read back, graph/pathways/snapshot.py): each
    run of len(fields) values makes the row :meth:`row` makes of it, as small; holds tells
    the rows it can make again from the others."""
    rows = KeySharedRows(OFFER_FIELDS)
    values = [
        [f"{k}{i}" if (i + j) % 3 else None for j, k in enumerate(OFFER_FIELDS)] for i in range(7)
    ]
    made = [rows.row(v) for v in values]
    got = rows.rows([x for v in values for x in v], len(values))
    assert [list(r.items()) for r in got] == [list(r.items()) for r in made]
    assert rows.rows([], 0) == []
    with pytest.raises(ValueError):
        rows.rows([x for v in values for x in v][:-1], len(values))
    with pytest.raises(ValueError):
        rows.rows([x for v in values for x in v], len(values) - 1)
    assert all(rows.holds(r) for r in made)
    plain = dict(zip(OFFER_FIELDS, values[0], strict=True))
    assert rows.holds(plain)  # made again equal, and key-sharing
    assert not rows.holds({**plain, "twin": True})  # a merged twin keeps its own dict
    assert not rows.holds(dict(reversed(plain.items())))  # another order
    assert not rows.holds(list(plain)) and not rows.holds(None)
    if platform.python_implementation() == "CPython":
        assert {sys.getsizeof(r) for r in got} == {sys.getsizeof(made[0])}
        assert sys.getsizeof(got[0]) * 3 <= sys.getsizeof(plain) * 2


def test_index_tuples_are_replaced_never_changed() -> None:
    index: dict[str, tuple[str, ...]] = {}
    _with(index, "a", "X")
    first = index["a"]
    _with(index, "a", "Y")
    _with(index, "a", "X")
    assert first == ("X",) and index["a"] == ("X", "Y")


def _offers(rng: random.Random, n: int) -> list[tuple[dict, dict]]:
    out = []
    for i in range(n):
        placed = rng.random() > 0.1
        out.append(
            (
                {"id": f"a{i}", "name": f"A{i}", "campuses": rng.choice([[], ["c1"], ["c2"]])},
                {
                    "departement": rng.choice(["012", "046", "081", "075", None]),
                    "region_code": rng.choice(["76", "11", None]),
                    "lat": rng.uniform(43.5, 45.5) if placed else None,
                    "lon": rng.uniform(1.0, 3.0) if placed else None,
                    "campus": rng.choice(["c1", "c2", None]),
                    "modality": rng.choice(["school", "apprenticeship"]),
                    "status": rng.choice(["open", "open", "planned", "closed"]),
                    "year": rng.choice([2022, 2024, None]),
                },
            )
        )
    return out


def test_a_radius_band_by_bisection_finds_the_rows_the_whole_scan_finds() -> None:
    """The rows of a radius taken from the latitudes in order (OutsideRows.by_latitude) are
    those the scan of every row keeps, in the same order, at the band's very edges too."""
    rng = random.Random(16)
    pairs = _offers(rng, 300)
    rows = [(a, o, None) for a, o in pairs]
    lats = tuple(o.get("lat") for _, o, _ in rows)
    # a few offers due north and south of the first centre, just inside its radii: at the
    # very edges of their bands of latitude (1° is 111.3 km)
    edges = [44.5 + sign * km * 0.9999 / 111.32 for km in (60.0, 11.1) for sign in (-1, 1)]
    rows = [
        (a, {**o, "lat": edges[i % 4], "lon": 2.0}, seen) if i % 37 == 0 else (a, o, seen)
        for i, (a, o, seen) in enumerate(rows)
    ]
    lats = tuple(o.get("lat") for _, o, _ in rows)
    plain = OutsideRows(
        [Offer("B", a, o, False) for a, o, _ in rows],
        tuple(o.get("departement") for _, o, _ in rows),
        lats,
    )
    ordered = plain._replace(by_latitude=by_latitude(lats))
    assert ordered.by_latitude is not None and by_latitude(lats[:5]) is None
    centres = [(44.5, 2.0)] + [(rng.uniform(43.0, 46.0), rng.uniform(0.5, 3.5)) for _ in range(40)]
    for lat, lon in centres:
        for km in (0.5, 11.1, 30.0, 60.0, 111.3, 400.0):
            t = Territory(near=Point(lat=lat, lon=lon), radius_km=km)
            want = list(_inside(rows, t, None, plain))
            assert list(_inside(rows, t, None, ordered)) == want
            assert want == [
                i for i, (a, o, _) in enumerate(rows) if t.contains(o, campuses=a.get("campuses"))
            ]


def test_flagging_prepared_rows_equals_the_territory_test_for_every_offer() -> None:
    """The département shortcut of flag_usable gives Territory.contains's answer, and the
    prepared rows are exactly the usable offers with their currency."""
    rng = random.Random(18)
    pairs = _offers(rng, 400)
    latest = {"lycee": 2024}
    diploma = {"code": "B", "type": "cap"}
    rows = usable_rows(pairs, diploma, latest)
    # offers a thin latest file omits are marked ``unlisted`` instead of stale
    # (graph.pathways.hygiene.thin_latest)
    plain = [(a, {k: v for k, v in o.items() if k != "unlisted"}) for a, o, _ in rows]
    assert plain == [(a, o) for a, o in pairs if offer_usable(o, diploma)]
    assert all(
        seen == (None if "unlisted" in o else currency(o, "cap", latest)) for _, o, seen in rows
    )
    territories = [
        Territory(),
        Territory(departements=["046"]),
        Territory(departements=["012", "046"], region="76"),
        Territory(campus="c1"),
        Territory(campus="c2", departements=["081"]),
        Territory(near=Point(lat=44.5, lon=2.0), radius_km=60),
        Territory(departements=["046"], near=Point(lat=44.5, lon=2.0), radius_km=80),
        Territory(near=Point(lat=44.5, lon=2.0)),  # a point without a radius limits nothing
    ]
    outside = OutsideRows(
        [Offer("B", a, o, False, last_seen=seen) for a, o, seen in rows],
        tuple(o.get("departement") for _, o, _ in rows),
        tuple(o.get("lat") for _, o, _ in rows),
    )
    territories += [  # radii at the edge of the latitude shortcut (1° is 111.3 km)
        Territory(near=Point(lat=44.5, lon=2.0), radius_km=km) for km in (1, 11.1, 55.6, 111.3)
    ]
    for t in territories:
        for modality in (None, "school", "apprenticeship"):
            got = flag_usable("B", rows, t, modality)
            assert got == flag_offers("B", pairs, t, modality, diploma=diploma, latest=latest)
            # the offers kept outside for the version: the same flags, objects reused
            reused = flag_usable("B", rows, t, modality, outside)
            assert reused == got
            # with the rows ordered by latitude (a radius takes its band by bisection)
            ordered = outside._replace(by_latitude=by_latitude(outside.latitudes))
            assert flag_usable("B", rows, t, modality, ordered) == got
            assert any_usable_inside(rows, t, modality, ordered) == any(o.in_territory for o in got)
            # whether one is inside, without making them: the same answer for the whole
            # list, for none, and for each row alone (most of them outside)
            inside = any(o.in_territory for o in got)
            assert any_usable_inside(rows, t, modality, outside) == inside
            assert any_usable_inside(rows, t, modality) == inside
            assert not any_usable_inside([], t, modality, OutsideRows([], (), ()))
            for i, row in enumerate(rows):
                alone = OutsideRows(
                    [outside.offers[i]], (outside.departements[i],), (outside.latitudes[i],)
                )
                one = any(o.in_territory for o in flag_usable("B", [row], t, modality))
                assert any_usable_inside([row], t, modality, alone) == one
            kept = {id(o) for o in outside.offers}
            assert all(id(o) in kept for o in reused if not o.in_territory)
            expected = [
                t.contains(o, campuses=a.get("campuses"))
                for a, o, _ in rows
                if modality is None or o["modality"] == modality
            ]
            assert [o.in_territory for o in got] == expected
            if t.is_everywhere and modality is None:
                # the offers made once per version for such requests: the same flags
                data = PathwayData("1")
                data._usable = {"B": rows}  # all there: nothing is read from a store
                assert data.everywhere_offers(None, ["B"])["B"] == got  # type: ignore[arg-type]
    assert [t.is_everywhere for t in territories].count(True) == 2
    assert any(o.in_territory for o in flag_usable("B", rows, territories[1], None))


def test_gc_pause_holds_until_the_last_pause_ends_and_respects_a_disabled_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still runs
    assert gc.isenabled()

    # two threads whose pauses overlap: on again only when both are done
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with gc_paused():
            inside.set()
            release.wait(5)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(5)
    with gc_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause is not over
    release.set()
    t.join(5)
    assert gc.isenabled()

    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # someone else turned it off: left off
    finally:
        gc.enable()


def test_carried_cache_keeps_histories_and_usable_rows_the_edit_did_not_touch() -> None:
    data = PathwayData("1")
    data._histories = {("a", "B", "school"): [], ("a", "C", "school"): [], ("x", "C", None): []}
    data._usable = {"B": [], "C": []}
    data._places = {"B": frozenset(), "C": frozenset()}
    data._offers = {"B": [], "C": []}
    data._outside = {"B": OutsideRows([], (), ()), "C": OutsideRows([], (), ())}
    data._everywhere = {"B": [], "C": []}
    new = data.carried("2", Touched.of(diplomas=["B"]))
    assert set(new._histories) == {("a", "C", "school"), ("x", "C", None)}
    assert set(new._usable) == set(new._places) == set(new._offers) == {"C"}
    assert set(new._outside) == set(new._everywhere) == {"C"}
    new = data.carried("3", Touched.of(actors=["x"]))
    assert set(new._histories) == {("a", "B", "school"), ("a", "C", "school")}
    assert data._histories.keys() == {("a", "B", "school"), ("a", "C", "school"), ("x", "C", None)}


def test_offers_due_north_at_the_edge_of_a_radius_are_flagged_as_the_territory_says() -> None:
    """The latitude shortcut of flag_usable never leaves out an offer within the radius: due
    north or south of the centre, a degree of latitude is as short as a distance gets."""
    actor: dict[str, Any] = {"id": "a", "name": "Lycée", "campuses": []}
    rows: list[tuple[dict[str, Any], dict[str, Any], int | None]] = [
        (actor, {"lat": 44.5 + sign * km / 111.32 * f, "lon": 2.0, "modality": "school"}, None)
        for km in (1.0, 30.0, 60.0, 150.0)
        for f in (0.995, 0.999, 1.0, 1.001, 1.005)
        for sign in (1, -1)
    ]
    for km in (1.0, 30.0, 60.0, 150.0):
        t = Territory(near=Point(lat=44.5, lon=2.0), radius_km=km)
        got = [o.in_territory for o in flag_usable("B", rows, t, None)]
        assert got == [t.contains(o) for _, o, _ in rows]
        assert any(got) and not all(got)
        outside = OutsideRows(
            [Offer("B", a, o, False) for a, o, _ in rows],
            tuple(o.get("departement") for _, o, _ in rows),
            tuple(o.get("lat") for _, o, _ in rows),
        )
        assert [o.in_territory for o in flag_usable("B", rows, t, None, outside)] == got


def test_kept_answers_are_bounded_by_their_bytes_least_recently_asked_dropped_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import graph.pathways.data as data_module

    monkeypatch.setattr(data_module, "ANSWER_BYTES_CAP", 100)
    data = PathwayData("7")
    calls: list[str] = []

    def body(key: str, size: int) -> bytes:
        def compute() -> bytes:
            calls.append(key)
            return key.encode() * size

        return data.answer(key, compute)

    assert body("a", 24) == b"a" * 24
    assert body("b", 24) == b"b" * 24
    assert body("a", 24) == b"a" * 24 and calls == ["a", "b"]  # kept: not computed again
    body("c", 24)
    body("d", 24)  # 96 bytes kept
    body("e", 24)  # 120: the least recently asked (b) goes
    assert list(data._answers) == ["a", "c", "d", "e"] and data._answer_bytes == 96
    body("b", 24)
    assert calls == ["a", "b", "c", "d", "e", "b"]
    assert body("f", 26) == b"f" * 26  # over a quarter of the cap: sent, not kept
    assert "f" not in data._answers
    unversioned = PathwayData(None)  # a store without version: nothing kept
    unversioned.answer("x", lambda: b"x")
    assert not unversioned._answers
