"""``keys_apart`` (each side's keys taken once, graph/inference/fields.py) says what
``forbidden_reason`` says, for any two diplomas' evidence and NSF groups."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.inference.evidence import Evidence
from graph.inference.fields import NSF_FAMILIES, field_keys, forbidden_reason, keys_apart

# few letters and digits: pairs often share a letter, a domain or a Formacode domain, or not
_ROME = st.builds(
    lambda letter, d: f"{letter}{d}",
    st.sampled_from("DGHI"),
    st.sampled_from(["1602", "1604", "2101", "2502", "1501"]),
)
_FORMACODE = st.sampled_from(["42752", "42746", "11054", "22254", "24054", "2205"])
_EVIDENCE = st.builds(
    Evidence,
    rome=st.frozensets(_ROME, max_size=4),
    formacode=st.frozensets(_FORMACODE, max_size=3),
)
_NSF = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(sorted(NSF_FAMILIES)).flatmap(lambda p: st.sampled_from([p, p + "0", p + "5"])),
    st.sampled_from(["999", "100", "3"]),
)


@settings(max_examples=600, deadline=None)
@given(a=_EVIDENCE, b=_EVIDENCE, nsf_a=_NSF, nsf_b=_NSF)
def test_keys_apart_is_forbidden_reason(
    a: Evidence, b: Evidence, nsf_a: str | None, nsf_b: str | None
) -> None:
    expected = forbidden_reason(a, b, nsf_a, nsf_b) is not None
    assert keys_apart(field_keys(a, nsf_a), field_keys(b, nsf_b)) is expected


def test_both_kinds_of_apart_are_in_the_examples() -> None:
    cuisine = Evidence(rome=frozenset({"G1602"}), formacode=frozenset({"42752"}))
    lab = Evidence(rome=frozenset({"H1501"}), formacode=frozenset({"11054"}))
    assert keys_apart(field_keys(cuisine, None), field_keys(lab, None))  # jobs and training
    assert keys_apart(field_keys(Evidence(), "312"), field_keys(Evidence(), "252"))  # NSF
    assert not keys_apart(field_keys(Evidence(), "221"), field_keys(Evidence(), "334"))
