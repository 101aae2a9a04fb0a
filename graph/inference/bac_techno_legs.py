"""Bac technologique → the BUT of the Parcoursup extract (programmes with no BCN code).

The BCN lists no BUT speciality (only « BUT production / services non spécifié »): the BUTs
are the extract's programmes, whose NSF group the import derives from the BCN's labels
(:mod:`graph.ingest.opendata.postbac`); a speciality whose parcours the BCN classes in several
groups (BUT GEII) matches on any of them. The field rule is :func:`graph.inference.bac_techno.
leg_match` (the speciality's ranking, then the series' field), as for the BTS
(:func:`graph.inference.infer_passerelles`).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.inference import bac_techno
from graph.inference.rules import DiplomaFacts, InferredPasserelle, groups_of

__all__ = ["bac_techno_programme_legs"]


def bac_techno_programme_legs(
    diplomas: Iterable[DiplomaFacts],
    programmes: Iterable[DiplomaFacts],
    documented: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[InferredPasserelle]:
    """One leg per (bac techno series, extract programme of a :data:`~graph.inference.
    bac_techno.TARGET_TYPES` type) whose fields match, except pairs a source documents."""
    bacs = [
        d for d in diplomas if d.type == "bac_techno" and bac_techno.is_series(d.nsf, d.examined)
    ]
    targets = [p for p in programmes if p.type in bac_techno.TARGET_TYPES and groups_of(p)]
    out: list[InferredPasserelle] = []
    for a in bacs:
        for b in targets:
            if (a.code, b.code) in documented:
                continue
            m = _best_match(a, b)
            if m is None:
                continue
            pid = f"inf-{bac_techno.RULE}-{a.code}-{b.code}".lower()
            out.append(
                InferredPasserelle(
                    pid, bac_techno.RULE, a.code, b.code, field_match=m[0], strength=m[1]
                )
            )
    return sorted(out, key=lambda p: p.id)


def _best_match(a: DiplomaFacts, b: DiplomaFacts) -> tuple[str, float] | None:
    """The strongest match of the series ``a`` with one of ``b``'s NSF groups (those of its
    parcours when the BCN classes them apart: a learner enters one of them)."""
    matches = [m for g in groups_of(b) if (m := bac_techno.leg_match(a.code, a.nsf, g, b.title))]
    return max(matches, key=lambda m: m[1], default=None)
