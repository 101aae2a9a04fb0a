"""The notice of a start by level 4 (graph.pathways.bac_starts): short and useful. It listed
every kind of diploma the start covered (« Bac pro, bac technologique, brevet professionnel,
mention complémentaire, FCIL, autre formation »), then a two-clause sentence on the bac
général."""

from __future__ import annotations

from graph.pathways.bac_starts import level_start_notice

NATIONAL_KINDS = ["bac_pro", "bac_techno", "bp", "mc", "fcil", "other", "bac_general"]


def test_it_names_the_two_bacs_and_counts_the_other_kinds() -> None:
    said = level_start_notice(4, NATIONAL_KINDS)
    assert said == (
        "Départ de niveau 4 : parcours depuis un Bac pro ou un bac technologique (et 4 autres "
        "types de diplôme) ; partez d'un diplôme précis pour un parcours ciblé. Bac général : "
        "pas de passerelle décrite, admission sur dossier via Parcoursup."
    )
    assert len(said) < 250


def test_one_other_kind_is_singular_and_no_bac_general_no_sentence_on_it() -> None:
    said = level_start_notice(4, ["bac_pro", "bp"])
    assert said is not None and "(et 1 autre type de diplôme)" in said
    assert "Bac général" not in said


def test_without_a_bac_it_names_the_first_kind_a_counsellor_reads() -> None:
    said = level_start_notice(4, ["fcil", "mc"])
    assert said is not None
    assert said.startswith("Départ de niveau 4 : parcours depuis une mention complémentaire")


def test_no_notice_for_another_level() -> None:
    assert level_start_notice(5, NATIONAL_KINDS) is None
