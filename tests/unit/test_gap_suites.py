"""Which known next steps the gap report names as suites (graph/gaps/suites.py): the Parcoursup
variants of one BUT (tester25: BTS MCO at Chaumont, BTS CRSA at La Réunion)."""

from __future__ import annotations

from graph.gaps.dead_ends import dead_end_why
from graph.gaps.suites import kind_words, named_suites, reserved_elsewhere

TC = "BUT – Techniques de commercialisation"
NAMES = {
    "PS-BUT-01950D5859": f"{TC} – ENEPS destine aux bacs professionnels",
    "PS-BUT-644D371110": f"{TC} – International Business Management en triple diplome franco "
    "suisse allemand",
    "PS-BUT-AAC01DABB7": TC,
    "PS-BUT-01D95A0618": "BUT – Gestion administrative et commerciale des organisations – "
    "Horaires amenages musique ou sport",
    "PS-BUT-8165996557": "BUT – Gestion administrative et commerciale des organisations",
    "PS-BUT-X": "BUT – Génie électrique et informatique industrielle – Parcours Marine Nationale",
}


def test_a_bac_pro_only_variant_is_no_suite_of_a_bts() -> None:
    eneps = {"name": NAMES["PS-BUT-01950D5859"]}
    assert reserved_elsewhere({"type": "bts"}, eneps)
    assert not reserved_elsewhere({"type": "bac_pro"}, eneps)
    assert not reserved_elsewhere({"type": "bts"}, {"name": TC})


def test_variants_are_not_named_beside_their_but() -> None:
    """The BUT TC and GACO stand for their variants; a variant whose BUT is not among the
    suites (GEII – Parcours Marine Nationale alone) is still named."""
    assert named_suites(NAMES, NAMES) == ["PS-BUT-8165996557", "PS-BUT-AAC01DABB7", "PS-BUT-X"]
    why = dead_end_why([NAMES[c] for c in named_suites(NAMES, NAMES)], "")
    assert "ENEPS" not in why and "Horaires" not in why and "triple" not in why, why
    assert why.startswith("Suites connues dans les données pour ce diplôme (3) :"), why


def test_a_mention_complementaire_is_counted_under_both_names() -> None:
    """« Certificat de spécialisation joaillerie » beside « formations de ce type (mention
    complémentaire) » (tester25, Cher)."""
    assert kind_words("mc") == "mention complémentaire ou certificat de spécialisation"
    assert kind_words("bts") == "BTS"
