"""The ranking rules of the diploma search the counsellor's review of the national files asked
for (graph/diploma_search.py; answers on both engines: tests/integration/test_search17.py)."""

from __future__ import annotations

from typing import Any

from graph.diploma_search import search_diplomas
from graph.rome_jobs import RomeJob

LOGISTICS_PS = "PS-LICENCE-PRO-1"
ROWS: list[dict[str, Any]] = [
    {
        "code": LOGISTICS_PS,
        "name": "Licence professionnelle – Logistique et transports internationaux",
        "type": "licence_pro",
        "level": 6,
        "offers": 1,
    },
    {
        "code": "2502001Y",
        "name": "Licence pro mention maintenance et technologie : systèmes pluritechniques",
        "type": "licence_pro",
        "level": 6,
        "offers": 1,
        "rome_codes": ["I1103"],
    },
    {"code": "50022137", "name": "CAP boulanger", "type": "cap", "level": 3, "offers": 19},
    {
        "code": "50333003",
        "name": "CAP agricole services aux personnes et vente en espace rural",
        "type": "cap",
        "level": 3,
        "offers": 221,
        "rome_codes": ["D1102"],
    },
    {"code": "50025524", "name": "CAP électricien", "type": "cap", "level": 3, "offers": 283},
    {
        "code": "50025218",
        "name": "CAP maintenance des véhicules option voitures particulières",
        "type": "cap",
        "level": 3,
        "offers": 118,
        "rome_codes": ["I1604"],
    },
    {
        "code": "PS-BUT-GEII",
        "name": "BUT – Genie electrique et informatique industrielle",
        "type": "but",
        "level": 6,
        "offers": 51,
    },
    {"code": "PS-BUT-INFO", "name": "BUT – Informatique", "type": "but", "level": 6, "offers": 49},
]
JOBS = [
    RomeJob(
        "I1103", "Chef d'atelier automobile", 1, appellations=("Responsable de parc logistique",)
    ),
    RomeJob("N1303", "Approvisionneur / Approvisionneuse logistique", 0),
    RomeJob("D1102", "Boulanger / Boulangère", 1),
    RomeJob("I1604", "Mécanicien automobile", 1, appellations=("Électricien automobile",)),
    RomeJob("F1602", "Électricien / Électricienne du bâtiment", 0),
]


def _codes(q: str) -> list[str]:
    return [h.row["code"] for h in search_diplomas(ROWS, q, jobs=JOBS).hits]


def test_a_programme_named_by_the_words_is_not_hidden_by_a_diploma_found_by_a_job() -> None:
    assert _codes("licence pro logistique") == [LOGISTICS_PS]
    assert _codes("licence professionnelle logistique") == [LOGISTICS_PS]


def test_jobs_found_loosely_add_nothing_when_a_name_says_the_words() -> None:
    assert _codes("cap boulanjer") == ["50022137"]
    assert _codes("cap electricien") == ["50025524"]
    # no name says the words: the diplomas of the job they name are the answer
    assert _codes("cap mecanicien automobile") == ["50025218"]


def test_among_equals_the_name_the_words_say_most_of_first() -> None:
    assert _codes("but info") == ["PS-BUT-INFO", "PS-BUT-GEII"]
