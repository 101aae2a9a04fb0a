"""``forbidden_reason`` with its code prefixes cached per set gives the reasons of the rule as
written in its docstring (graph/inference/fields.py), on arbitrary evidence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.inference.evidence import Evidence
from graph.inference.fields import families_meet, forbidden_reason, nsf_family


def _reference(a: Evidence, b: Evidence, nsf_a: str | None, nsf_b: str | None) -> str | None:
    """The rule computed directly, every set built afresh (the code before the cache)."""
    if a.rome and b.rome:
        letters = {r[0] for r in a.rome} & {r[0] for r in b.rome}
        forma = {f[:2] for f in a.formacode} & {f[:2] for f in b.formacode}
        if not letters and not forma:
            return "métiers ROME et domaines Formacode sans rien de commun"
    fa, fb = nsf_family(nsf_a), nsf_family(nsf_b)
    shared_domain = {r[:3] for r in a.rome} & {r[:3] for r in b.rome}
    if fa and fb and not families_meet(fa, fb) and not shared_domain:
        return f"champs professionnels éloignés ({fa} → {fb})"
    return None


_rome = st.frozensets(st.from_regex(r"[ADGHIK][0-9]{4}", fullmatch=True), max_size=4)
_forma = st.frozensets(st.from_regex(r"[1-4][0-9]{4}", fullmatch=True), max_size=3)
_nsf = st.none() | st.from_regex(r"2[0-5][0-9]|3[0-4][0-9]", fullmatch=True)
_evidence = st.builds(Evidence, rome=_rome, formacode=_forma)


@settings(max_examples=400)
@given(_evidence, _evidence, _nsf, _nsf)
def test_the_cached_rule_is_the_rule(
    a: Evidence, b: Evidence, na: str | None, nb: str | None
) -> None:
    assert forbidden_reason(a, b, na, nb) == _reference(a, b, na, nb)
    assert forbidden_reason(b, a, nb, na) == _reference(b, a, nb, na)
