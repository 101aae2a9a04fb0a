"""Reads sent ahead (graph.store.read_ahead; FalkorDB pipelines them on one connection): the
same rows as one read after another, in order, with equal values shared, on each engine; a
failing request reports its error as a plain read does; an iterator closed early gives its
connection back."""

from __future__ import annotations

import pytest

from graph.errors import GraphError
from graph.store import GraphStore, read_ahead


def _requests(store: GraphStore) -> list[tuple[str, dict[str, object]]]:
    codes = sorted(r["d"]["code"] for r in store.read("pathway_diplomas_all"))
    return [
        (q, {"codes": [code]})
        for code in codes
        for q in ("pathway_legs_from", "pathway_offers_of", "diploma_fields")
    ]


def test_the_rows_read_ahead_are_those_read_one_by_one(mini_store: GraphStore) -> None:
    requests = _requests(mini_store)
    assert len(requests) > 6
    table: dict[object, object] = {}
    ahead = list(read_ahead(mini_store, requests, shared=table))
    one_by_one = [mini_store.read(name, **params) for name, params in requests]
    assert ahead == one_by_one
    assert any(rows for rows in ahead)
    # equal values are one object: every offer of a département names the same string
    departements = [r["offer"][2] for rows in ahead for r in rows if "offer" in r and r["offer"][2]]
    assert len(departements) > len(set(departements))
    assert all(d is table[d] for d in departements)


def test_a_failing_request_raises_as_a_read_does(mini_store: GraphStore) -> None:
    requests = _requests(mini_store)[:3]
    bad = [*requests[:2], ("no_such_query", {}), *requests]
    rows = read_ahead(mini_store, bad, shared={})
    assert next(rows) == mini_store.read(requests[0][0], **requests[0][1])
    assert next(rows) == mini_store.read(requests[1][0], **requests[1][1])
    with pytest.raises(GraphError):
        next(rows)
    # the store still answers (the pipelined connection was dropped, not left half read)
    assert list(read_ahead(mini_store, requests, shared={})) == [
        mini_store.read(name, **params) for name, params in requests
    ]


def test_closing_early_gives_the_connection_back(mini_store: GraphStore) -> None:
    requests = _requests(mini_store)
    for _ in range(30):  # more than a pool would hold if each kept one
        rows = read_ahead(mini_store, requests, shared={})
        next(rows)
        rows.close()  # type: ignore[attr-defined]
    pool = getattr(getattr(mini_store, "_redis", None), "connection_pool", None)
    if pool is not None:  # FalkorDB: nothing left checked out
        assert not pool._in_use_connections
    assert list(read_ahead(mini_store, requests[:3], shared={})) == [
        mini_store.read(name, **params) for name, params in requests[:3]
    ]
