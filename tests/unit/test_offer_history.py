"""The offers' yearly figures as the pathway answer gives them (graph/pathways/history.py)."""

from graph.pathways.history import CommonFigures, demand_kind, parse_history, pressure


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
    assert [y[:4] for y in parse_history(text)] == [(2022, None, 40, None), (2024, 24, 126, 5.25)]


def test_the_kind_of_wishes_and_the_entry_come_with_each_year() -> None:
    """Affelnet counts first wishes, Parcoursup confirmed wishes (never compared); a Bac pro
    year listed by its 1re pro only says so, with the family's common 2nde there."""
    text = (
        '[{"year":2022,"capacity":24,"demand":1,"source":"attractivite_capacite_2022.csv",'
        '"entry_year":2,"common":{"code":"40020008","family":"Métiers du numérique",'
        '"capacity":69,"demand":27}},'
        '{"year":2024,"capacity":15,"demand":127,"source":"BTS_attractivite_capacite_2024.csv"}]'
    )
    y2022, y2024 = parse_history(text)
    assert (y2022.demand_kind, y2022.entry_year) == ("first_wishes", 2)
    assert y2022.common == CommonFigures("40020008", "Métiers du numérique", 69, 27)
    assert (y2024.demand_kind, y2024.entry_year, y2024.common) == ("confirmed_wishes", None, None)
    assert demand_kind("attractivite_capacite_2022.csv; BTS_attractivite_capacite_2022.csv") is None


def test_unreadable_history_gives_none() -> None:
    assert parse_history("{") == [] and parse_history('{"year": 2020}') == []
    assert parse_history('[{"year": "2020", "capacity": 3}]') == []
