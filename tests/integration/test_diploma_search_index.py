"""The diploma search's index (graph/diploma_search.py): each query word compared once with
the names' vocabulary gives every name the score the rule gives it name by name, on the
seed data of each engine, and a new list of rows (a new graph version) is read again."""

from __future__ import annotations

import pytest

from graph.diploma_search import (
    WORD_MATCH,
    _by_row,
    _close_words,
    _kept_names,
    _word_score,
    search_diplomas,
)
from graph.store import GraphStore

WORDS = [
    "melec", "electrotecnique", "usinage", "technicien", "tech", "b", "ma", "maintenance",
    "vehicule", "cuisinier", "cuisine", "soudeur", "vendangeur", "mecanique", "chaudronerie",
    "conception", "commerce", "informatik", "zzqx", "electricite", "industriel",
]  # fmt: skip


@pytest.mark.parametrize("strict", [False, True])
def test_each_name_scores_as_the_rule_says(seed_store: GraphStore, strict: bool) -> None:
    rows = seed_store.read("diplomas_search_index")
    names = _kept_names(rows, rows)
    assert len(names.words) == len(rows) > 50
    for w in WORDS:
        by_row = _by_row(_close_words(w, names.vocabulary, strict=strict), names)
        for i, name in enumerate(names.words):
            rule = _word_score(w, name, strict=strict)
            assert by_row.get(i, 0.0) == (rule if rule >= WORD_MATCH else 0.0), (w, name)


def test_a_new_list_of_rows_is_read_again(seed_store: GraphStore) -> None:
    rows = seed_store.read("diplomas_search_index")
    before = [h.row["code"] for h in search_diplomas(rows, "usinage technicien").hits]
    assert before and before[0] == "40025106"
    renamed = [
        dict(r, name="Fraisage de précision") if r["code"] == "40025106" else r for r in rows
    ]
    after = search_diplomas(renamed, "fraisage precision").hits
    assert [h.row["code"] for h in after] == ["40025106"]
    assert "40025106" not in [h.row["code"] for h in search_diplomas(renamed, "usinage").hits]
    # the first list is still read as it is
    assert [h.row["code"] for h in search_diplomas(rows, "usinage technicien").hits] == before
