"""A closed diploma listed « open » at an establishment that offers the code renovating it
(BCN lineage) was a feeder with the same seats counted twice: Joubert-Maillard's Bac pro
« Maintenance des équipements industriels » 40025007 (closed in 2023, renovated as 40025012)
beside its 40025012, both « open, 12 places », for the BTS 32025014 in Loire-Atlantique."""

from __future__ import annotations

from graph.feeders import rank_feeders
from graph.territory import Territory


def test_a_closed_code_offered_with_its_renovation_is_counted_once() -> None:
    t = Territory(departements=["044"])
    seat = {"actor": "jm", "name": "Joubert-Maillard", "departement": "044", "capacity": 12}
    old = {
        "code": "40025007",
        "name": "Bac pro MEI",
        "closed": True,
        "renamed_to": ["40025012"],
        "offers": [
            {**seat, "modality": "school", "status": "open"},
            {"actor": "arago", "name": "Arago", "departement": "044", "capacity": 30},
        ],
    }
    new = {
        "code": "40025012",
        "name": "Bac pro MSPC",
        "offers": [{**seat, "modality": "school", "status": "open"}],
    }
    got = {f.code: (f.places, [o.actor_id for o in f.offers]) for f in rank_feeders([old, new], t)}
    assert got["40025012"] == (12, ["jm"]), got
    # Arago does not offer the renovated code: its offer stays under the old one
    assert got["40025007"] == (30, ["arago"]), got
