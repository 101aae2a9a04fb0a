"""« cap mv » gave the CAP maintenance des véhicules option motocycles first (answers20).

The three options of the CAP scored the same (their offers count is capped at 5), and among
equals the name the query says most of came first: « motocycles » is one word, « voitures
particulières » two, so the least offered option led. Now an option the query does not name is
left out of that share, and the option offered most nationally comes first. The rows are the
national graph's (offers nationally, the closed predecessors without offers).
"""

from __future__ import annotations

from graph.diploma_search import search_diplomas

ROWS = [
    {"code": "50025220", "name": "CAP maintenance des véhicules option motocycles", "offers": 23},
    {
        "code": "50025219",
        "name": "CAP maintenance des véhicules option véhicules de transport routier",
        "offers": 19,
    },
    {
        "code": "50025218",
        "name": "CAP maintenance des véhicules option voitures particulières",
        "offers": 118,
    },
    {
        "code": "50025216",
        "name": "Maintenance des véhicules automobiles option motocycles (CAP)",
        "offers": 0,
        "closed": True,
    },
    {
        "code": "50025214",
        "name": "Maintenance des véhicules automobiles option véhicules particuliers (CAP)",
        "offers": 0,
        "closed": True,
    },
]
for r in ROWS:
    r.update(type="cap", level=3)


def _codes(query: str) -> list[str]:
    return [h.row["code"] for h in search_diplomas(ROWS, query).hits]


def test_the_option_offered_most_comes_first() -> None:
    assert _codes("CAP MV")[:3] == ["50025218", "50025220", "50025219"]
    assert _codes("cap maintenance des vehicules")[:3] == ["50025218", "50025220", "50025219"]


def test_an_option_the_query_names_still_comes_first() -> None:
    assert _codes("cap mv moto")[0] == "50025220"
    assert _codes("cap maintenance vehicules transport routier")[0] == "50025219"


def test_closed_options_stay_after_the_open_ones() -> None:
    assert set(_codes("CAP MV")[3:]) == {"50025216", "50025214"}
