"""The thin-coverage rule shared by the gap report's dead ends and the pathway answers
(graph/thin_coverage.py)."""

from __future__ import annotations

from graph.thin_coverage import THIN_COVERAGE, is_thin, thin_sentence


def test_a_kind_held_fewer_than_five_times_is_thin() -> None:
    assert THIN_COVERAGE == 5
    assert [n for n in range(7) if is_thin(n)] == [1, 2, 3, 4]


def test_the_sentence_counts_in_french() -> None:
    assert thin_sentence(1, "licence professionnelle", "sur le territoire") == (
        "Les données ne recensent qu'une formation de ce type (licence professionnelle) sur le "
        "territoire"
    )
    assert thin_sentence(3, "BTS", "dans la région Bretagne").startswith(
        "Les données ne recensent que 3 formations de ce type (BTS)"
    )
