"""Passerelles inferred from public rules of the French system (docs/inferred-passerelles.md).

Sources document few passerelles; the usual continuations are rules everyone knows (a Bac pro
leads to a BTS of the same field, a BAC+2 to a licence pro or to an engineering school by
apprenticeship). They are derived here, marked ``origin = 'inferred'`` with the rule that
produced them, and never replace a documented passerelle between the same two diplomas.

A pure function over plain descriptions of diplomas, so the seed loader and the open-data
importer share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["RULES", "DiplomaFacts", "InferredPasserelle", "infer_passerelles"]


@dataclass(frozen=True)
class DiplomaFacts:
    code: str
    type: str
    level: int | None
    nsf: str | None = None
    fields: frozenset[str] = field(default_factory=frozenset)  # filière sector ids
    apprenticeship: bool = False  # offered by apprenticeship somewhere


@dataclass(frozen=True)
class InferredPasserelle:
    id: str
    rule: str
    from_code: str
    to_code: str
    kind: str = "continuation"
    modality: str | None = None
    field_match: str = ""  # how the two fields were matched (for the explanation)


RULES: dict[str, str] = {
    "cap-to-bac-pro": "Un CAP mène au Bac pro de la même spécialité (même groupe NSF ou même "
    "filière).",
    "bac-pro-to-bts": "Un Bac pro mène au BTS de la même spécialité (même groupe NSF ou même "
    "filière).",
    "bac2-to-licence-pro": "Un BTS ou un DUT mène à une licence professionnelle du même domaine.",
    "bac2-to-cpge-ats": "Un BTS ou un DUT du domaine industriel mène à la classe préparatoire ATS.",
    "bac2-to-engineer-apprenticeship": "Un BAC+2 (BTS, DUT) permet l'admission sur dossier dans "
    "une formation d'ingénieur par apprentissage de la même spécialité.",
    "bac3-to-engineer-apprenticeship": "Un BAC+3 (BUT, licence, licence pro) permet l'admission "
    "sur dossier dans une formation d'ingénieur par apprentissage de la même spécialité.",
    "cpge-to-engineer": "Une classe préparatoire mène aux écoles d'ingénieurs sur concours.",
}

BAC2 = {"bts", "dut"}
BAC3 = {"but", "licence", "licence_pro"}
INDUSTRIAL_NSF_DOMAINS = {"20", "22", "23", "25"}


def _field_match(a: DiplomaFacts, b: DiplomaFacts, *, domain: bool, open_ended: bool) -> str:
    """'' if the fields do not match; else how they matched."""
    if a.nsf and b.nsf and a.nsf == b.nsf:
        return f"groupe NSF {a.nsf}"
    shared = sorted(a.fields & b.fields)
    if shared:
        return "filière " + ", ".join(shared)
    if domain and a.nsf and b.nsf and a.nsf[:2] == b.nsf[:2]:
        return f"domaine NSF {a.nsf[:2]}x"
    if open_ended and not (b.nsf or b.fields):
        return "spécialité de la cible non précisée"
    if open_ended and not (a.nsf or a.fields):
        return "spécialité de l'origine non précisée"
    return ""


def _is_industrial(d: DiplomaFacts) -> bool:
    return bool(d.nsf and d.nsf[:2] in INDUSTRIAL_NSF_DOMAINS) or bool(d.fields)


def infer_passerelles(
    diplomas: Iterable[DiplomaFacts], documented: set[tuple[str, str]]
) -> list[InferredPasserelle]:
    """Every (from, to) pair a rule produces, except pairs a source already documents."""
    by_type: dict[str, list[DiplomaFacts]] = {}
    for d in diplomas:
        by_type.setdefault(d.type, []).append(d)

    def of(*types: str) -> list[DiplomaFacts]:
        return [d for t in types for d in by_type.get(t, [])]

    out: list[InferredPasserelle] = []
    seen: set[tuple[str, str]] = set(documented)

    def add(
        rule: str, a: DiplomaFacts, b: DiplomaFacts, how: str, modality: str | None = None
    ) -> None:
        if (a.code, b.code) in seen or a.code == b.code:
            return
        seen.add((a.code, b.code))
        pid = f"inf-{rule}-{a.code}-{b.code}".lower()
        out.append(
            InferredPasserelle(pid, rule, a.code, b.code, modality=modality, field_match=how)
        )

    for a in of("cap"):
        for b in of("bac_pro"):
            if how := _field_match(a, b, domain=False, open_ended=False):
                add("cap-to-bac-pro", a, b, how)
    for a in of("bac_pro"):
        for b in of("bts"):
            if how := _field_match(a, b, domain=False, open_ended=False):
                add("bac-pro-to-bts", a, b, how)
    for a in of(*BAC2):
        for b in of("licence_pro"):
            if how := _field_match(a, b, domain=True, open_ended=True):
                add("bac2-to-licence-pro", a, b, how)
        for b in of("cpge"):
            if b.level == 6 and _is_industrial(a):
                add("bac2-to-cpge-ats", a, b, "domaine industriel")
        for b in of("ingenieur"):
            if b.apprenticeship and (how := _field_match(a, b, domain=False, open_ended=True)):
                add("bac2-to-engineer-apprenticeship", a, b, how, "apprenticeship")
    for a in of(*BAC3):
        for b in of("ingenieur"):
            if b.apprenticeship and (how := _field_match(a, b, domain=False, open_ended=True)):
                add("bac3-to-engineer-apprenticeship", a, b, how, "apprenticeship")
    for a in of("cpge"):
        for b in of("ingenieur"):
            add("cpge-to-engineer", a, b, "concours")
    return sorted(out, key=lambda p: p.id)
