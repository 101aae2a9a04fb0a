"""An inferred passerelle's conditions say what its rule does: a CAP → Bac pro or Bac pro → BTS
leg is kept on a shared NSF group or filière, or on other shared evidence (jobs, themes,
domains), and read « de la même spécialité » alone — false of a Bac pro métiers du froid
(NSF 255) → BTS CIEL option informatique et réseaux (NSF 201) leg (tester23); a commission
alone makes none, one domain alone a weak one, said so (legs24)."""

from __future__ import annotations

from graph.inference.records import passerelle_props
from graph.inference.rules import WEAK_LINK, InferredPasserelle


def test_an_evidence_leg_is_not_said_to_be_of_the_same_speciality() -> None:
    leg = InferredPasserelle(
        id="inf-x",
        rule="bac-pro-to-bts",
        from_code="40025517",
        to_code="32020116",
        field_match=f"{WEAK_LINK} ; mêmes domaines de métiers ROME I13 ; même commission "
        "professionnelle consultative (Industrie)",
        strength=0.1,
    )
    said = passerelle_props(leg, "test", {"I13": "Installation et maintenance"})["conditions"]
    assert "de la même spécialité ou d'une spécialité proche" in said, said
    assert "une commission professionnelle commune ne suffit pas" in said, said
    assert "un seul domaine commun est dit lien faible" in said, said
    assert said.endswith(
        "Correspondance : lien faible (aucun métier, thème de formation ni spécialité en "
        "commun) ; mêmes domaines de métiers « Installation et maintenance » ; même commission "
        "professionnelle consultative (Industrie)."
    ), said
