"""The nearest diploma names a search without match suggests (graph/diploma_search.py): only
names close in spelling (a review typed « ABC » and was offered « Maçon »)."""

from __future__ import annotations

from graph.diploma_search import search_diplomas

ROWS = [
    {"code": "50034304", "name": "Maçon", "type": "cap", "level": 3, "offers": 9},
    {"code": "32025520", "name": "ELECTROTECHNIQUE (BTS)", "type": "bts", "level": 5},
]


def test_a_far_text_suggests_nothing() -> None:
    for text in ("ABC", "qwxz", "zzqx"):
        found = search_diplomas(ROWS, text)
        assert found.hits == [] and found.suggestions == [], (text, found.suggestions)
        assert "diplômes proches" not in (found.hint or "")


def test_a_typo_suggests_its_diploma() -> None:
    found = search_diplomas(ROWS, "elektrotecnik")
    assert [r["code"] for r in found.suggestions] == ["32025520"], found.hint
