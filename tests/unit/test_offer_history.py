"""The offers' yearly figures as the pathway answer gives them (graph/pathways/history.py)."""

from graph.pathways.history import parse_history, pressure


def test_pressure_is_voeux_per_place_and_unknown_without_places() -> None:
    assert pressure(24, 126) == 5.25
    assert pressure(3, 1) == 0.333
    assert pressure(0, 5) is None and pressure(None, 5) is None and pressure(10, None) is None


def test_history_is_oldest_first_without_years_that_have_no_places_nor_voeux() -> None:
    text = (
        '[{"year":2024,"capacity":24,"demand":126,"pupils":20,"source":"a"},'
        '{"year":2020,"pupils":34,"source":"constat_2020.csv"},'
        '{"year":2022,"capacity":null,"demand":40}]'
    )
    assert parse_history(text) == [(2022, None, 40, None), (2024, 24, 126, 5.25)]


def test_unreadable_history_gives_none() -> None:
    assert parse_history("{") == [] and parse_history('{"year": 2020}') == []
    assert parse_history('[{"year": "2020", "capacity": 3}]') == []
