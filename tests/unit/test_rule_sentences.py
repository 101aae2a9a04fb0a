"""An inferred passerelle's conditions say what its rule does: a CAP → Bac pro or Bac pro → BTS
leg is kept on a shared NSF group or filière, or on other shared evidence (jobs, domains,
commissions), and read « de la même spécialité » alone — false of a Bac pro métiers du froid
(NSF 255) → BTS CIEL option informatique et réseaux (NSF 201) leg (tester23)."""

from __future__ import annotations

from graph.inference.records import passerelle_props
from graph.inference.rules import InferredPasserelle


def test_an_evidence_leg_is_not_said_to_be_of_the_same_speciality() -> None:
    leg = InferredPasserelle(
        id="inf-x",
        rule="bac-pro-to-bts",
        from_code="40025517",
        to_code="32020116",
        field_match="même commission professionnelle consultative (Industrie)",
        strength=0.25,
    )
    said = passerelle_props(leg, "test")["conditions"]
    assert "de la même spécialité ou d'une spécialité proche" in said, said
    assert "commissions professionnelles en commun" in said, said
    assert said.endswith(
        "Correspondance : même commission professionnelle consultative (Industrie)."
    ), said
