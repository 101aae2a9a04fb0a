"""Bac pro / bac technologique → a diplôme d'État entered after the bac through Parcoursup.

Every bac opens higher education through Parcoursup (:mod:`graph.inference.bac_techno`): the
instituts de formation of the health and social professions admit on dossier after the bac.
The Parcoursup extract lists their programmes as « D.E Infirmier », « D.E Educateur
Specialise »…, and the import gives them the code of the diplôme d'État the BCN names
(:func:`graph.ingest.opendata.postbac.state_diploma_codes`); such a diploma keeps the fact that
it is entered after the bac (its ``entry_level``, :attr:`DiplomaFacts.after_bac`). No
passerelle led into it: « après un bac pro ASSP, devenir infirmier » had no pathway, although
a counsellor's first answer is the IFSI of the territory, admission sur dossier via Parcoursup.

A bac pro (a diploma one holds, not a course year) or a bac techno series
(:func:`graph.inference.bac_techno.is_series`) leads to such a diploma of the same NSF domain
(Bac pro ASSP 330 → DE infirmier 331; ST2S 331 → DE infirmier, assistant de service social 332,
éducateur spécialisé 332) or of a neighbouring domain of the same NSF family, never across
families (:func:`graph.inference.fields.families_meet`: STHR 334, hôtellerie, and the bac pro
esthétique 336, beauté, lead to no DE infirmier although they share its domain 33x). No table
of pairs: the fields are the BCN's NSF groups. The leg is weak (:data:`STRENGTH`, below the
bac techno → BTS legs of the same domain and the usual continuations): a shared domain says
the profession's field, not an admission the files describe. A bac général opens no inferred
passerelle (:mod:`graph.pathways.bac_starts`): it is no source here.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.inference import bac_techno
from graph.inference.fields import families_meet, nsf_family
from graph.inference.rules import DiplomaFacts, InferredPasserelle

__all__ = [
    "RULE",
    "RULE_SENTENCE",
    "STRENGTH",
    "after_bac_legs",
    "after_bac_match",
    "is_after_bac_leg",
    "leg_sentence",
]

RULE = "bac-to-state-diploma"
RULE_SENTENCE = (
    "Après le bac, admission sur dossier via Parcoursup dans une formation préparant un "
    "diplôme d'État du même domaine ; passerelle déduite du domaine commun."
)
STRENGTH = 0.1  # below the bac techno → BTS legs (0.2-0.3) and the usual continuations
ORIGIN_TYPES = ("bac_pro", "bac_techno")


def _valid(nsf: str | None) -> bool:
    """A 3-digit NSF group that names a field (not the « non spécifié » x99 / 999 groups)."""
    return nsf is not None and len(nsf) == 3 and nsf.isdigit() and not nsf.endswith("9")


def after_bac_match(origin: str | None, target: str | None) -> str | None:
    """How a bac of NSF group ``origin`` matches a diplôme d'État of group ``target``, in
    French; None when the fields do not match.

    >>> after_bac_match("330", "331")  # Bac pro ASSP -> DE infirmier
    'domaine NSF 33x'
    >>> after_bac_match("331", "332")  # ST2S -> DE éducateur spécialisé
    'domaine NSF 33x'
    >>> after_bac_match("334", "331") is None  # STHR: same domain, families apart
    True
    >>> after_bac_match("336", "331") is None  # bac pro esthétique: beauté
    True
    >>> after_bac_match("312", "331") is None  # commerce
    True
    >>> after_bac_match("200", "331") is None  # STI2D: another category
    True
    >>> after_bac_match("310", "320")  # same family (tertiaire), neighbouring domains
    'domaines NSF voisins 31x et 32x'
    >>> after_bac_match("344", "332") is None  # sécurité -> social: neighbouring families only
    True
    >>> after_bac_match("330", "399") is None
    True
    """
    if not (_valid(origin) and _valid(target)):
        return None
    assert origin is not None and target is not None
    fa, fb = nsf_family(origin), nsf_family(target)
    if fa and fb and not families_meet(fa, fb):
        return None
    if origin[:2] == target[:2]:
        return f"domaine NSF {origin[:2]}x"
    if fa and fa == fb:
        return f"domaines NSF voisins {origin[:2]}x et {target[:2]}x"
    return None


def _is_origin(d: DiplomaFacts) -> bool:
    """A bac one holds: a bac pro that is no course year, a bac techno series."""
    if d.course_year or not d.examined:
        return False
    if d.type == "bac_pro":
        return _valid(d.nsf)
    return d.type == "bac_techno" and bac_techno.is_series(d.nsf, d.examined)


def _is_target(d: DiplomaFacts) -> bool:
    """A diplôme d'État of higher education entered after the bac through Parcoursup."""
    return d.after_bac and d.target and d.level is not None and d.level >= 5


def after_bac_legs(
    diplomas: Iterable[DiplomaFacts],
    documented: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[InferredPasserelle]:
    """One leg per (bac, diplôme d'État entered after the bac) whose fields match
    (:func:`after_bac_match`), except pairs a source documents.

    >>> assp = DiplomaFacts("40033007", "bac_pro", 4, nsf="330")
    >>> st2s = DiplomaFacts("43033101", "bac_techno", 4, nsf="331")
    >>> gen = DiplomaFacts("40000000", "bac_general", 4, nsf="331")
    >>> year = DiplomaFacts("40033099", "bac_pro", 4, nsf="330", course_year=True)
    >>> ide = DiplomaFacts("26033101", "other", 6, nsf="331", after_bac=True)
    >>> es = DiplomaFacts("26033202", "other", 6, nsf="332", after_bac=True)
    >>> bts = DiplomaFacts("32033201", "bts", 5, nsf="332")  # no Parcoursup D.E
    >>> [(p.from_code, p.to_code, p.strength)
    ...  for p in after_bac_legs([assp, st2s, gen, year, ide, es, bts])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('40033007', '26033101', 0.1), ('40033007', '26033202', 0.1),
     ('43033101', '26033101', 0.1), ('43033101', '26033202', 0.1)]
    >>> len(after_bac_legs([assp, ide], {("40033007", "26033101")}))
    0
    """
    ds = list(diplomas)
    origins = [d for d in ds if d.type in ORIGIN_TYPES and _is_origin(d)]
    targets = [d for d in ds if _is_target(d)]
    out: list[InferredPasserelle] = []
    for a in origins:
        for b in targets:
            if (a.code, b.code) in documented or a.code == b.code:
                continue
            if (how := after_bac_match(a.nsf, b.nsf)) is None:
                continue
            pid = f"inf-{RULE}-{a.code}-{b.code}".lower()
            out.append(
                InferredPasserelle(pid, RULE, a.code, b.code, field_match=how, strength=STRENGTH)
            )
    return sorted(out, key=lambda p: p.id)


def is_after_bac_leg(passerelle_id: str | None) -> bool:
    """Whether a leg's passerelle was inferred by :data:`RULE` (ids ``inf-<rule>-…`` and
    ``inf-import-<rule>-…``).

    >>> is_after_bac_leg("inf-import-bac-to-state-diploma-40033007-26033101")
    True
    >>> is_after_bac_leg("inf-import-bac-techno-to-bac2-a-b"), is_after_bac_leg(None)
    (False, False)
    """
    return f"-{RULE}-" in f"{passerelle_id or ''}"


def leg_sentence(evidence: str, where: str = "") -> str:
    """What a pathway step says of such a leg (French).

    >>> leg_sentence("domaine NSF 33x")
    "après le bac, admission sur dossier via Parcoursup dans une formation préparant le diplôme d'État ; passerelle déduite du domaine commun (domaine NSF 33x) (non documentée)"
    """  # noqa: E501
    return (
        "après le bac, admission sur dossier via Parcoursup dans une formation préparant le "
        f"diplôme d'État ; passerelle déduite du domaine commun ({evidence}) "
        f"(non documentée{where})"
    )
