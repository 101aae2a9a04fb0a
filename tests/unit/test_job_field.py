"""The field of a ROME job, said in an answer without pathway (graph/pathways/job_field.py)."""

from __future__ import annotations

from graph.pathways.job_field import job_groups


def test_the_job_field_is_the_group_most_of_its_diplomas_share() -> None:
    # D1102 (boulanger), as the national files tie diplomas to it: CAP, BP, Bac pro (NSF 221)
    # and the CAPA services aux personnes et vente en espace rural (50333003, NSF 330) by one
    # Certif Info row, which made the BTS SP3S and the Bac pro ASSP « du même domaine »
    diplomas = [
        {"code": "50022137", "nsf": "221"},
        {"code": "45022108", "nsf": "221"},
        {"code": "40022105", "nsf": "221"},
        {"code": "50333003", "nsf": "330"},
    ]
    assert job_groups(diplomas) == {"221"}
    # as many diplomas of each group: both are the job's field (nothing to choose on)
    assert job_groups(diplomas[:1] + diplomas[3:]) == {"221", "330"}
    # a closed diploma does not count
    assert job_groups([*diplomas[3:], {"code": "x", "nsf": "221", "closed": True}]) == {"330"}
