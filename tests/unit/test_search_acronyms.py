"""The usual acronyms of the second-round questions (docs/honest-answers.md) find their diploma:
« bts sp3s », « cap aepe », « bts gtla » found nothing (« cap aepe » suggested « 6EME »)."""

from __future__ import annotations

from typing import Any

from graph.diploma_search import search_diplomas

ROWS: list[dict[str, Any]] = [
    {
        "code": "32033002",
        "name": "BTS services et prestations des secteurs sanitaire et social",
        "type": "bts",
        "level": 5,
    },
    {
        "code": "50033205",
        "name": "CAP accompagnant éducatif petite enfance",
        "type": "cap",
        "level": 3,
    },
    {
        "code": "32031103",
        "name": "BTS gestion des transports et logistique associée",
        "type": "bts",
        "level": 5,
    },
    {"code": "67010012", "name": "6EME", "type": "other", "level": None},
]


def test_sp3s_aepe_gtla_find_their_diploma() -> None:
    for query, code in (
        ("bts sp3s", "32033002"),
        ("cap aepe", "50033205"),
        ("BTS GTLA", "32031103"),
    ):
        hits = search_diplomas(ROWS, query).hits
        assert [h.row["code"] for h in hits][:1] == [code], query
