"""Inferred "admission parallèle" legs: from a BTS into a post-bac programme that also admits
students after two years of higher education (a BUT in its second year, a licence
professionnelle, an engineering school).

Parcoursup lists these programmes with an entry after the bac; admission with a BTS is a
different door, which the public rules of the French system describe but no file of the kit
lists per programme. So such a leg is *inferred* (``origin = 'inferred'``), of its own kind
(``admission_parallele``), and only between fields that match (the same NSF group, or for a
licence professionnelle the same NSF domain, as :mod:`graph.inference` does): a programme whose
speciality the data does not give (the extract's engineering programmes) gets no leg.

Pure, over :class:`graph.inference.DiplomaFacts`; its rule texts are looked up with the others
by :mod:`graph.inference.records`.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.inference.rules import FIELD_STRENGTH, DiplomaFacts, InferredPasserelle

__all__ = ["KIND", "RULES", "admission_parallele_legs"]

KIND = "admission_parallele"

RULES: dict[str, str] = {
    "bts-but-ap": "Un BTS permet de candidater en 2e année de BUT de la "
    "même spécialité (admission parallèle, sur dossier).",
    "bts-lp-ap": "Un BTS permet de candidater en licence "
    "professionnelle du même domaine (admission parallèle, sur dossier).",
    "bts-ing-ap": "Un BTS permet de candidater dans une école "
    "d'ingénieurs de la même spécialité (admission parallèle, sur dossier ou concours).",
}
_RULE_OF_TYPE = {
    "but": "bts-but-ap",
    "licence_pro": "bts-lp-ap",
    "ingenieur": "bts-ing-ap",
}


def _match(a: DiplomaFacts, b: DiplomaFacts, domain: bool) -> str:
    if a.nsf and b.nsf and a.nsf == b.nsf:
        return f"groupe NSF {a.nsf}"
    if domain and a.nsf and b.nsf and a.nsf[:2] == b.nsf[:2]:
        return f"domaine NSF {a.nsf[:2]}x"
    return ""


def admission_parallele_legs(
    bts: Iterable[DiplomaFacts],
    programmes: Iterable[DiplomaFacts],
    documented: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[InferredPasserelle]:
    """One leg per (BTS, programme admitting at bac+2) whose fields match, except pairs a
    source already documents. ``programmes`` are those that admit at bac+2 (their ``type``:
    but, licence_pro or ingenieur)."""
    targets = [p for p in programmes if p.type in _RULE_OF_TYPE and p.nsf]
    out: list[InferredPasserelle] = []
    for a in bts:
        if a.type != "bts" or not a.nsf:
            continue
        for b in targets:
            if (a.code, b.code) in documented or a.code == b.code:
                continue
            how = _match(a, b, domain=b.type == "licence_pro")
            if not how:
                continue
            rule = _RULE_OF_TYPE[b.type]
            pid = f"inf-{rule}-{a.code}-{b.code}".lower()
            strength = FIELD_STRENGTH["group" if how.startswith("groupe") else "domain"]
            out.append(
                InferredPasserelle(
                    pid, rule, a.code, b.code, kind=KIND, field_match=how, strength=strength
                )
            )
    return sorted(out, key=lambda p: p.id)
