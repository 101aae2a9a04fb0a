"""The stored shape of an inferred passerelle: one implementation for the seed loader and the
open-data importer (which used to build it twice, once in Python and once in Cypher).

:func:`passerelle_props` gives the ``Passerelle`` node's properties and :func:`leg_props` those
of its ``LEADS_TO`` relationship; the callers add only what is theirs (seed or import marks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.evidence_words import evidence_words
from graph.inference import after_bac
from graph.inference.admission_parallele import RULES as PARALLEL_RULES
from graph.inference.rules import RULES, InferredPasserelle

__all__ = ["leg_props", "passerelle_props", "source_of"]


def source_of(p: InferredPasserelle, over: str | None = None) -> str:
    """``inferred by rule …`` (the rule's stable id, also the passerelle's ``rule``; its
    French wording is ``conditions``), and the files it ran over. No page of the repository:
    it read « (docs/inferred-passerelles.md) » until answers23, a path the API's JSON gave
    every client (:func:`graph.citations.public_source` drops it from a graph stored so)."""
    base = f"inferred by rule {p.rule}"
    return f"{base} over {over}" if over else base


# the rules the import runs besides graph.inference.rules.RULES: id -> French sentence
OTHER_RULES: dict[str, str] = {**PARALLEL_RULES, after_bac.RULE: after_bac.RULE_SENTENCE}


def _conditions(p: InferredPasserelle, words: str) -> str:
    text = RULES.get(p.rule) or OTHER_RULES[p.rule]
    return f"{text} Correspondance : {words}."


# ``evidence`` keeps the nomenclatures' codes (for programs: graph/gaps, the bac techno
# sentences read it); ``evidence_words`` says it with their names (graph/evidence_words.py),
# from ``names`` (code -> label: ROME jobs and domains, Formacode themes) where the caller
# has them (the national import), else the NSF names alone.
def passerelle_props(
    p: InferredPasserelle, source: str, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    words = evidence_words(p.field_match, names)
    return {
        "kind": p.kind,
        "rate": None,
        "entrant_share": None,
        "reserved_share": None,
        "modality": p.modality,
        "origin": "inferred",
        "rule": p.rule,
        "campus": None,
        "conditions": _conditions(p, words),
        "evidence": p.field_match,
        "evidence_words": words,
        "strength": p.strength,
        "description": None,
        "from_codes": [p.from_code],
        "to_codes": [p.to_code],
        "parties": [],
        "source": source,
        **_local(p),
    }


def leg_props(
    p: InferredPasserelle, source: str, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    return {
        "passerelle_id": p.id,
        "passerelle_origin": "inferred",
        "campus": None,
        "kind": p.kind,
        "rate": None,
        "entrant_share": None,
        "reserved_share": None,
        "modality": p.modality,
        "rule": p.rule,
        "strength": p.strength,
        "evidence": p.field_match,
        "evidence_words": evidence_words(p.field_match, names),
        "source": source,
        **_local(p),
    }


def _local(p: InferredPasserelle) -> dict[str, Any]:
    """Where a leg tied to a campus programme's territory holds (None: everywhere)."""
    return {
        "from_departements": list(p.from_departements) or None,
        "to_departements": list(p.to_departements) or None,
    }
