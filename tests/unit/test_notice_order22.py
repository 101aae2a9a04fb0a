"""The programmes a notice names are the learner's field's first and at named establishments
first (answers22: after a CAP pâtissier, the thin-goal notice of the Aube named « Bac pro
cuisine — Établissement sans nom dans les fichiers publics (Aube) » first, and the notice of
neighbouring fields named BTS CRSA, électrotechnique and cybersécurité, of the « industrie »
family, before any hôtellerie programme). Names and fields as the national files give them."""

from __future__ import annotations

from typing import Any

from graph.coverage import goal_thin_sentence, summarise
from graph.pathways.neighbour_goals import Nearest, closeness, ranked
from graph.territory import Territory
from graph.text import UNNAMED

AUBE = Territory(departements=["010"])
PATISSIER = "221"  # CAP pâtissier 50022141: Agroalimentaire, alimentation, cuisine


def _row(code: str, name: str, dtype: str, actor: str, nsf: str) -> dict[str, Any]:
    return {
        "offer": {"status": "open", "origin": "import", "sources": [], "departement": "010"},
        "actor": {"id": actor, "name": actor, "campuses": []},
        "diploma": {"code": code, "name": name, "type": dtype, "level": 4, "nsf": nsf},
    }


def test_an_establishment_no_file_names_is_never_the_first_example() -> None:
    rows = [
        _row("40022106", "Bac pro cuisine", "bac_pro", f"{UNNAMED} (Aube)", "221"),
        _row("32022107", "Bioqualité (BTS)", "bts", "Lycée Les Lombards", "221"),
        _row("40022106", "Bac pro cuisine", "bac_pro", "Lycée Hotelier X", "221"),
    ]
    summary = summarise(rows, AUBE)
    said = goal_thin_sentence(summary, AUBE, to_type=None, to_level=4, nsf=PATISSIER)
    assert said is not None
    examples = said.split("par exemple : ")[1].split("), mais")[0]
    first = examples.split(" ; ")[0]
    assert UNNAMED not in first, examples
    assert examples.index("Lycée Les Lombards") < examples.index(UNNAMED), examples


def test_a_neighbouring_field_of_one_domain_is_named_before_the_whole_industry() -> None:
    crsa = {"code": "32020111", "name": "BTS CRSA", "nsf": "201"}
    elec = {"code": "32025516", "name": "BTS électrotechnique", "nsf": "255"}
    mhr = {"code": "32033420", "name": "BTS management en hôtellerie restauration", "nsf": "334"}
    assert closeness(mhr, PATISSIER) < closeness(crsa, PATISSIER) == closeness(elec, PATISSIER)
    found = [
        (d, Nearest(d["name"], "Lycée", km, closeness(d, PATISSIER)))
        for d, km in ((crsa, 2.0), (elec, 2.0), (mhr, 9.0))
    ]
    assert [n.name for n in ranked(found)][0] == "BTS management en hôtellerie restauration"


def test_an_unnamed_establishment_comes_after_the_named_ones_of_its_field() -> None:
    a = {"code": "1", "name": "BTS tourisme", "nsf": "334"}
    b = {"code": "2", "name": "BTS MHR", "nsf": "334"}
    found = [
        (a, Nearest("BTS tourisme", f"{UNNAMED} (Aube)", 1.0, 1)),
        (b, Nearest("BTS MHR", "Lycée Hotelier", 8.0, 1)),
    ]
    assert [n.name for n in ranked(found)] == ["BTS MHR", "BTS tourisme"]
