"""The examples of a coverage row do not depend on the order the engine returns rows in
(FalkorDB and Neo4j gave different examples for the same national graph: bench/engines.py)."""

from __future__ import annotations

from typing import Any

from graph.coverage import goal_thin_sentence, summarise
from graph.territory import ANYWHERE, Territory


def _row(code: str, name: str, actor: str, nsf: str | None = None) -> dict[str, Any]:
    return {
        "offer": {
            "status": "open",
            "origin": "import",
            "sources": ["onisep"],
            "departement": "038",
        },
        "actor": {"id": actor, "name": f"IUT {actor}", "campuses": []},
        "diploma": {"code": code, "name": name, "type": "but", "level": 6, "nsf": nsf},
    }


def test_examples_are_the_first_three_by_name_whatever_the_row_order() -> None:
    rows = [_row(f"C{i}", name, f"a{i}") for i, name in enumerate("EDBFCA")]
    forward, backward = summarise(rows, ANYWHERE), summarise(list(reversed(rows)), ANYWHERE)
    assert forward == backward
    [row] = forward
    assert row.examples == ["A — IUT a5", "B — IUT a2", "C — IUT a4"]
    assert row.programmes == 6 and row.establishments == 6


def test_the_examples_of_a_thin_goal_are_of_the_learners_field_first() -> None:
    """Grenoble, BTS maintenance des systèmes (NSF 250) → level 6: the sentence named « BUT
    Carrières juridiques » (first by name) as an example of what no passerelle reaches."""
    rows = [
        _row("J", "BUT Carrières juridiques", "j", "128"),
        _row("S", "BUT Carrières sociales", "s", "332"),
        _row("G", "BUT Génie mécanique et productique", "g", "251"),
        _row("E", "BUT Génie électrique", "e", "255"),
    ]
    isere = Territory(departements=["038"])
    summary = summarise(rows, isere)

    def sentence(nsf: str | None) -> str:
        got = goal_thin_sentence(summary, isere, to_type=None, to_level=6, nsf=nsf)
        assert got is not None
        return got

    assert "par exemple : BUT Génie mécanique et productique — IUT g)" in sentence("251")
    same_domain = sentence("250")  # no 250 programme there: the domain 25
    assert "BUT Génie électrique — IUT e" in same_domain and "Génie mécanique" in same_domain
    assert "juridiques" not in same_domain
    assert "par exemple : BUT Carrières juridiques" in sentence(None)  # field unknown: by name
    assert "par exemple : BUT Carrières juridiques" in sentence("999")  # none of its field
    assert "nsf" not in summary[0].model_dump() and "field_examples" not in summary[0].model_dump()


def test_examples_of_another_domain_say_that_none_is_of_the_learners() -> None:
    """Tours, BTS maintenance des véhicules (NSF 252) → level 6: the sentence named « BUT
    Carrières sociales » and « BUT Génie biologique » as if they were the learner's options."""
    rows = [
        _row("S", "BUT Carrières sociales", "s", "332"),
        _row("B", "BUT Génie biologique", "b", "118"),
    ]
    tours = Territory(departements=["038"])  # where _row puts its offers
    got = goal_thin_sentence(summarise(rows, tours), tours, to_type=None, to_level=6, nsf="252")
    assert got is not None
    assert "(aucune du même domaine que le diplôme de départ ; par exemple : BUT" in got
    mine = [*rows, _row("M", "BUT Génie mécanique et productique", "m", "251")]
    got = goal_thin_sentence(summarise(mine, tours), tours, to_type=None, to_level=6, nsf="252")
    assert got is not None and "aucune du même domaine" not in got
    assert "(par exemple : BUT Génie mécanique et productique — IUT m)" in got


def test_programmes_of_unknown_field_are_never_said_of_another_domain() -> None:
    """Strasbourg, BTS bâtiment → engineer: the Parcoursup engineering programmes have no NSF
    group in the data; INSA Strasbourg may be of the learner's field, so « aucune du même
    domaine » would say more than the data."""
    rows = [_row("I", "Formation d ingenieur – INSA", "i", None)]
    here = Territory(departements=["038"])
    got = goal_thin_sentence(summarise(rows, here), here, to_type=None, to_level=6, nsf="232")
    assert got is not None and "aucune du même domaine" not in got
    assert "(par exemple : Formation d ingenieur – INSA — IUT i)" in got


def test_of_another_domain_among_those_whose_domain_is_known() -> None:
    """Tours, BTS maintenance des véhicules → level 6: BUT of other domains, and licences or
    engineering programmes whose domain the data does not give."""
    rows = [
        _row("S", "BUT Carrières sociales", "s", "332"),
        _row("L", "Licence – Droit", "l", None),
    ]
    here = Territory(departements=["038"])
    got = goal_thin_sentence(summarise(rows, here), here, to_type=None, to_level=6, nsf="252")
    assert got is not None
    assert "(aucune du même domaine que le diplôme de départ parmi celles dont le domaine" in got
