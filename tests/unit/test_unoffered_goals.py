"""The pure rules of graph/pathways/unoffered_goals.py: which unoffered diplomas are the
start's trade, and when a goal carries the gap report's Bac+3/Bac+5 warning."""

from __future__ import annotations

from graph.pathways.unoffered_goals import (
    job_unoffered,
    job_unoffered_notice,
    same_trade,
    unoffered_notice,
    upper_levels_notice,
)
from graph.thin_coverage import UPPER_LEVELS as REPORT_WORDS

CAP = {"code": "50022137", "name": "CAP boulanger", "type": "cap", "level": 3, "nsf": "221"}


def test_same_trade_needs_the_nsf_group_and_a_title_word() -> None:
    bp = {"code": "45022108", "name": "BP boulanger", "type": "bp", "level": 4, "nsf": "221"}
    boucher = {"code": "45022110", "name": "BP boucher", "type": "bp", "level": 4, "nsf": "221"}
    other = {"code": "4503", "name": "BP boulanger", "type": "bp", "level": 4, "nsf": "334"}
    kind_only = {"code": "4504", "name": "Brevet professionnel", "type": "bp", "nsf": "221"}
    assert [d["code"] for d in same_trade(CAP, [boucher, other, kind_only, bp])] == ["45022108"]


def test_the_notice_names_without_codes_and_counts_beyond_four() -> None:
    many = [{"code": f"4500{i}", "name": f"BP métier {i}"} for i in range(6)]
    text = unoffered_notice(many, 4) or ""
    assert "(et 2 autres)" in text and "ils ne sont donc pas proposés" in text, text
    assert "4500" not in text, text


def test_the_upper_levels_warning_is_the_gap_reports() -> None:
    assert upper_levels_notice(6, None) == REPORT_WORDS.strip()
    assert upper_levels_notice(7, "master") == REPORT_WORDS.strip()
    assert upper_levels_notice(6, "but") is None
    assert upper_levels_notice(5, None) is None
    assert upper_levels_notice(None, None) is None


def test_a_job_goal_names_its_own_unoffered_diplomas_above_the_start() -> None:
    """tester25: the BP électricien, which Certif Info links to F1602, went unnamed when the
    goal was the job (apprenticeship asked or not)."""
    bp = {"code": "45025516", "name": "BP électricien", "level": 4}
    cs = {"code": "56122107", "name": "Certificat de spécialisation boulangerie", "level": 3}
    named = job_unoffered([bp, cs], 3, None)
    assert named == [bp]
    text = job_unoffered_notice(named, "métier ROME F1602 (Électricien)") or ""
    assert text.startswith("Prépare aussi au métier ROME F1602 (Électricien) d'après"), text
    assert "BP électricien, non décrit par les fichiers publics" in text, text
    assert "à vérifier auprès des CFA" in text and "45025516" not in text, text
    assert [d["code"] for d in job_unoffered([bp, cs], 2, None)] == ["56122107", "45025516"]
    assert job_unoffered([bp, cs], 2, 5) == []
    assert job_unoffered_notice([], "métier ROME F1602") is None


def test_neither_a_starts_option_nor_an_orientation_is_a_trade() -> None:
    """tester25, Metz: a Bac pro MCV option A was shown the CS « responsable technico-commercial
    en vins et produits dérivés : orientation commerce » « de la même spécialité »."""
    mcv = {
        "code": "40031213",
        "nsf": "312",
        "name": "Bac pro métiers du commerce et de la vente option A animation et gestion de "
        "l'espace commercial",
    }
    vins = {
        "code": "56131204",
        "nsf": "312",
        "name": "Certificat de spécialisation responsable technico-commercial en vins et "
        "produits dérivés : orientation commerce",
    }
    assert same_trade(mcv, [vins]) == []
    gravure = {"code": "50032220", "nsf": "322", "name": "CAP métiers de la gravure option A"}
    dma = {"code": "x", "nsf": "322", "name": "DMA arts graphiques option gravure"}
    assert same_trade(gravure, [dma]) == [dma]  # a goal's option stays its trade
