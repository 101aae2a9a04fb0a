"""Inferred "admission parallèle" legs: from a BTS into a post-bac programme that also admits
students after two years of higher education (a BUT in its second year, a licence
professionnelle, an engineering school).

Parcoursup lists these programmes with an entry after the bac; admission with a BTS is a
different door, which the public rules of the French system describe but no file of the kit
lists per programme. So such a leg is *inferred* (``origin = 'inferred'``), of its own kind
(``admission_parallele``), and only between fields that match (the same NSF group, a group and
the « plusieurs spécialités » group of its domain, as :mod:`graph.inference` does; never the
NSF domain alone, for a licence professionnelle neither; a BUT whose parcours the BCN classes
apart, on any of their groups): a programme whose speciality the data does not give (the
extract's engineering programmes) gets no leg.

A BUT is entered « de la même spécialité »: its NSF group alone is too broad (331, santé, sent
the BTS opticien-lunetier to BUT carrières sociales and BUT génie biologique diététique,
tester24), so a leg into a BUT also needs a job the BTS and the BUT's speciality (or parcours)
train for (their ROME codes in Certif Info, :mod:`graph.ingest.opendata.but_jobs`); a BUT the
data gives no job for gets none.

Pure, over :class:`graph.inference.DiplomaFacts`; its rule texts are looked up with the others
by :mod:`graph.inference.records`.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.inference.rules import FIELD_STRENGTH, DiplomaFacts, InferredPasserelle, groups_of
from graph.nsf import GENERIC_GROUPS

__all__ = ["KIND", "RULES", "admission_parallele_legs"]

KIND = "admission_parallele"

RULES: dict[str, str] = {
    "bts-but-ap": "Un BTS permet de candidater en 2e année de BUT de la "
    "même spécialité (admission parallèle, sur dossier).",
    "bts-lp-ap": "Un BTS permet de candidater en licence "
    "professionnelle de la même spécialité (admission parallèle, sur dossier).",
    "bts-ing-ap": "Un BTS permet de candidater dans une école "
    "d'ingénieurs de la même spécialité (admission parallèle, sur dossier ou concours).",
}
# The groups that head a whole area (100, 200, 300), not a speciality: graph/nsf.py.
_RULE_OF_TYPE = {
    "but": "bts-but-ap",
    "licence_pro": "bts-lp-ap",
    "ingenieur": "bts-ing-ap",
}


def _match(a: DiplomaFacts, b: DiplomaFacts, domain: bool) -> str:
    """What the fields of BTS ``a`` and programme ``b`` share (French), or "" when nothing:
    the same NSF group; a group and the « plusieurs spécialités » group of its domain (a code
    ending in 0: BTS électrotechnique 255 -> the parcours « électricité et maîtrise de
    l'énergie » of BUT GEII, 250); with ``domain``, the same domain (asked by no rule since
    answers22). A programme whose parcours the BCN classes apart matches on any of their groups
    (:func:`groups_of`).

    >>> bts = DiplomaFacts("32025520", "bts", 5, nsf="255")
    >>> _match(bts, DiplomaFacts("PS-BUT-GEII", "but", 6, nsf_groups=("201", "250", "326")), False)
    'groupe NSF 250 (plusieurs spécialités du domaine 25x)'
    >>> _match(bts, DiplomaFacts("PS-BUT-GMP", "but", 6, nsf="251"), False)
    ''
    >>> _match(bts, DiplomaFacts("PS-LP", "licence_pro", 6, nsf="251"), True)
    'domaine NSF 25x'
    >>> ciel = DiplomaFacts("32020109", "bts", 5, nsf="201")
    >>> _match(ciel, DiplomaFacts("PS-BUT-PEC", "but", 6, nsf="200"), False)
    ''
    >>> _match(ciel, DiplomaFacts("PS-LP", "licence_pro", 6, nsf="200"), True)
    ''
    """
    mine = a.nsf
    if not mine:
        return ""
    theirs = groups_of(b)
    if mine in theirs:
        return f"groupe NSF {mine}"
    for g in theirs:
        if g[:2] == mine[:2] and "0" in (g[2:], mine[2:]):
            pluri = g if g.endswith("0") else mine
            if pluri in GENERIC_GROUPS:  # an area, not a speciality (GENERIC_GROUPS)
                continue
            return f"groupe NSF {pluri} (plusieurs spécialités du domaine {g[:2]}x)"
    if domain and any(g[:2] == mine[:2] and GENERIC_GROUPS.isdisjoint((g, mine)) for g in theirs):
        return f"domaine NSF {mine[:2]}x"
    return ""


def admission_parallele_legs(
    bts: Iterable[DiplomaFacts],
    programmes: Iterable[DiplomaFacts],
    documented: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[InferredPasserelle]:
    """One leg per (BTS, programme admitting at bac+2) whose fields match, except pairs a
    source already documents. ``programmes`` are those that admit at bac+2 (their ``type``:
    but, licence_pro or ingenieur). A course year (a BTS « 1re année commune »,
    ``course_year``) is no diploma one holds after two years: no leg starts there."""
    targets = [p for p in programmes if p.type in _RULE_OF_TYPE and groups_of(p)]
    out: list[InferredPasserelle] = []
    for a in bts:
        if a.type != "bts" or not a.nsf or a.course_year:
            continue
        for b in targets:
            if (a.code, b.code) in documented or a.code == b.code:
                continue
            # never the domain alone, a licence pro included: the BTS NDRC (312) was sent to a
            # maritime transport licence (311) 507 km away (answers22)
            how = _match(a, b, domain=False)
            if not how:
                continue
            if b.type == "but":
                jobs = sorted(a.evidence.rome & b.evidence.rome)
                if not jobs:
                    continue  # the same NSF group alone is no same speciality (tester24)
                how = f"{how} ; partagent les métiers ROME {', '.join(jobs)}"
            rule = _RULE_OF_TYPE[b.type]
            pid = f"inf-{rule}-{a.code}-{b.code}".lower()
            exact = how.startswith("groupe") and "plusieurs" not in how.partition(" ; ")[0]
            strength = FIELD_STRENGTH["group" if exact else "domain"]
            out.append(
                InferredPasserelle(
                    pid, rule, a.code, b.code, kind=KIND, field_match=how, strength=strength
                )
            )
    return sorted(out, key=lambda p: p.id)
