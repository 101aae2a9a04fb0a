"""``shared_points`` (each side's keys taken once, graph/inference/evidence.py) gives the
points ``shared_evidence`` gives, for any two diplomas' evidence, NSF groups and titles: the
inference ranks its candidates by it and writes the sentence of those it keeps only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.inference.evidence import Evidence, evidence_keys, shared_evidence, shared_points

# few letters and digits: pairs often share a code, a domain, a Formacode or its field, or not
_ROME = st.builds(
    lambda letter, d: f"{letter}{d}",
    st.sampled_from("DGH"),
    st.sampled_from(["1602", "1604", "1101", "2502", "2501"]),
)
_FORMACODE = st.sampled_from(["42752", "42746", "42811", "11054", "22254", "2205"])
_TEXT = st.one_of(st.none(), st.just(""), st.sampled_from(["a", "b"]))
_EVIDENCE = st.builds(
    Evidence,
    rome=st.frozensets(_ROME, max_size=5),
    formacode=st.frozensets(_FORMACODE, max_size=3),
    cpc=_TEXT,
    secteur=_TEXT,
    family=_TEXT,
)
_NSF = st.one_of(st.none(), st.just(""), st.sampled_from(["221", "223", "250", "2", "334"]))
_TITLE = st.frozensets(st.sampled_from(["CUISINE", "MAINTENANCE", "VEHICULES", "BOIS", "AIR"]))


@settings(max_examples=800, deadline=None)
@given(a=_EVIDENCE, b=_EVIDENCE, nsf_a=_NSF, nsf_b=_NSF, title_a=_TITLE, title_b=_TITLE)
def test_shared_points_are_shared_evidence_points(
    a: Evidence,
    b: Evidence,
    nsf_a: str | None,
    nsf_b: str | None,
    title_a: frozenset[str],
    title_b: frozenset[str],
) -> None:
    expected = shared_evidence(a, b, nsf_a, nsf_b, title_a, title_b).points
    got = shared_points(evidence_keys(a), evidence_keys(b), nsf_a, nsf_b, title_a, title_b)
    assert got == expected


def test_codes_and_domains_are_counted_once() -> None:
    a = Evidence(rome=frozenset({"G1602", "G1604", "H2502"}))
    b = Evidence(rome=frozenset({"G1602", "G1605", "H2501"}))
    # one shared code (3), one shared domain not already shared by a code (H25: 1.5)
    assert shared_points(evidence_keys(a), evidence_keys(b)) == 4.5
