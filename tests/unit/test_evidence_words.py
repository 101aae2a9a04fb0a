"""Explanations say the specialties and jobs by their names, never their codes
(graph/evidence_words.py); the codes stay in the leg's ``evidence`` for machines."""

from __future__ import annotations

import re

from graph.evidence_words import evidence_words
from graph.inference.records import leg_props, passerelle_props
from graph.inference.rules import InferredPasserelle
from graph.pathways.explanation import passerelle_sentence

CODES = re.compile(r"NSF \d|ROME [A-N]\d|Formacode \d|\d{3}xx|\b\d{2}x\b")


def test_every_code_of_the_inference_is_said_by_its_name() -> None:
    text = (
        "partagent les métiers ROME H2913 ; mêmes domaines de métiers ROME H29 ; même Formacode "
        "23054 ; même champ Formacode 230xx ; même groupe NSF 254 ; même domaine NSF 25x"
    )
    names = {"H2913": "Soudeur / Soudeuse", "H29": "Structures métalliques", "23054": "Soudage"}
    got = evidence_words(text, names)
    assert not CODES.search(got), got
    assert "« Soudeur / Soudeuse »" in got and "« Soudage »" in got
    assert "« Structures métalliques »" in got  # the NSF group 254 and the ROME domain H29
    assert "domaine de formation « Mécanique, électricité, électronique »" in got


def test_the_bac_techno_and_admission_parallele_matches_are_named() -> None:
    for text in (
        "domaine NSF 20x, pluritechnologique : toutes les spécialités de production (2xx)",
        "domaines NSF voisins 31x et 32x",
        "groupe NSF 250 (plusieurs spécialités du domaine 25x)",
        "spécialité architecture et construction : bâtiment (groupe NSF 232)",
    ):
        got = evidence_words(text)
        assert not CODES.search(got), got


def test_an_unnamed_code_is_counted_not_shown() -> None:
    got = evidence_words("partagent les métiers ROME N9999, H2913", {"H2913": "Soudeur"})
    assert got == "partagent les métiers « Soudeur » et 1 autre métier"


def test_a_stored_leg_keeps_its_codes_and_the_step_says_the_names() -> None:
    p = InferredPasserelle(
        "inf-bac-pro-to-bts-A-B",
        "bac-pro-to-bts",
        "A",
        "B",
        field_match="partagent les métiers ROME H2913 ; même groupe NSF 254",
        strength=0.5,
    )
    names = {"H2913": "Soudeur / Soudeuse"}
    leg = {**leg_props(p, "x", names), "passerelle_origin": "inferred"}
    assert leg["evidence"] == p.field_match  # for machines
    node = passerelle_props(p, "x", names)
    assert not CODES.search(node["conditions"]), node["conditions"]
    said = passerelle_sentence(leg, None)  # type: ignore[arg-type]
    assert "« Soudeur / Soudeuse »" in said and not CODES.search(said), said
    # a graph imported before ``evidence_words`` existed: the NSF names still said
    old = passerelle_sentence({**leg, "evidence_words": None}, None)  # type: ignore[arg-type]
    assert "« Structures métalliques »" in old and "NSF 254" not in old
