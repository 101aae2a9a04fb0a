"""The continuation reference's bench (bench/continuations.py): what counts as the expected
continuation."""

from __future__ import annotations

from typing import Any

from bench.continuations import accepted

# cypher/diplomas_brief.cypher rows of the carrosserie pair (national BCN, closures judged on
# 2026-12-04): BTS carrosserie 32025411 closed on 31/08/2026, renovated as 32025417 (BTS
# Construction et aménagement de véhicules); 32025410 is an invented older code for the chain
BRIEF = {
    "32025411": {"d": {"code": "32025411", "closed": True}, "successors": ["32025417"]},
    "32025417": {"d": {"code": "32025417", "closed": None}, "successors": []},
    "32025410": {"d": {"code": "32025410", "closed": True}, "successors": ["32025411"]},
    "32025520": {"d": {"code": "32025520", "closed": None}, "successors": ["32099999"]},
}


def brief(codes: list[str]) -> list[dict[str, Any]]:
    return [BRIEF[c] for c in codes if c in BRIEF]


def test_the_renovation_of_a_closed_expected_diploma_counts() -> None:
    assert accepted({"32025411"}, brief) == {"32025411", "32025417"}
    # through a chain of closed ones (an older code the reference lists as a predecessor)
    assert accepted({"32025410"}, brief) == {"32025410", "32025411", "32025417"}


def test_an_open_expected_diploma_s_successor_does_not_count() -> None:
    assert accepted({"32025520"}, brief) == {"32025520"}
