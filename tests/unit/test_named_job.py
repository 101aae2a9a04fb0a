"""Diplomas named after a goal job that Certif Info files under a job next to it
(graph/pathways/named_job.py): the CAP maçon for F1703 « Maçon / Maçonne »."""

from __future__ import annotations

from typing import Any

from graph.pathways.named_job import (
    job_forms,
    named_neighbours,
    named_notice,
    named_reason,
    title_words,
)

MACON = ["Maçon / Maçonne", "Maçon / Maçonne du paysage"]
ROWS: list[dict[str, Any]] = [
    {"code": "50023224", "official_name": "MACON (CAP)", "rome_codes": ["F1701"]},
    {"code": "45023216", "official_name": "MACON (BP)", "rome_codes": ["F1701"]},
    # its Certif Info job is of another domain: no neighbour, whatever its title
    {"code": "9", "official_name": "MACON (MC)", "rome_codes": ["H2913"]},
    # of the domain, but its title is not the job's name
    {"code": "50023223", "official_name": "COUVREUR (CAP)", "rome_codes": ["F1610"]},
    # the title holds the name among other words: not the job's name
    {"code": "8", "official_name": "MACON DU BATI ANCIEN (MC)", "rome_codes": ["F1701"]},
    {"code": "7", "official_name": "MACON (CAP)", "rome_codes": ["F1701"], "closed": True},
]


def test_the_title_without_its_type_is_compared_folded() -> None:
    assert title_words("MACON (CAP)") == "macon"
    assert title_words("PALEFRENIER SOIGNEUR (CAPA)") == "palefrenier soigneur"
    assert {"macon", "maconne", "maconne du paysage"} == job_forms(MACON)


def test_a_diploma_named_after_the_job_filed_under_a_neighbour_is_taken() -> None:
    got = named_neighbours("F1703", MACON, ROWS, goal_codes={"40023303"})
    assert got == {"50023224": ("F1701",), "45023216": ("F1701",)}


def test_goals_starts_other_domains_closed_and_sectors_are_left_out() -> None:
    assert named_neighbours("F1703", MACON, ROWS, goal_codes={"50023224", "45023216"}) == {}
    assert "50023224" not in named_neighbours("F1703", MACON, ROWS, set(), exclude={"50023224"})
    assert named_neighbours("mecanic-soudeurs", MACON, ROWS, set()) == {}


def test_another_domain_never_gives_a_neighbour() -> None:
    # the MC of ROWS is tied to H2913: asked for H2909 « Maçon » (same domain H29), it would be
    # one; asked for F1703 it is not (its job is of H29, not F17)
    assert "9" not in named_neighbours("F1703", MACON, ROWS, set())
    assert named_neighbours("H2909", ["Maçon"], ROWS, set()) == {"9": ("H2913",)}


def test_the_answer_says_the_neighbour_job_and_asks_to_confirm() -> None:
    cap = {"code": "50023224", "name": "CAP maçon", "level": 3}
    bp = {"code": "45023216", "name": "BP maçon", "level": 4}
    near = {"50023224": ("F1701",), "45023216": ("F1701",)}
    said = named_notice([bp, cap], near, {"F1701": "Coffreur / Coffreuse"}, "métier ROME F1703")
    assert said == (
        "CAP maçon et BP maçon portent le nom du métier ROME F1703, mais les fiches Certif Info "
        "les rattachent à un métier voisin du même domaine professionnel (métier ROME F1701, "
        "Coffreur / Coffreuse) : ils sont pris pour objectif aussi, à confirmer avec "
        "l'établissement."
    )
    why = named_reason(cap, ["F1701"], {"F1701": "Coffreur / Coffreuse"})
    assert "prépare" not in why and "voisin ROME F1701 (Coffreur / Coffreuse)" in why
