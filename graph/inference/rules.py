"""Passerelles inferred from public rules of the French system (docs/inferred-passerelles.md).

Sources document few passerelles; the usual continuations are rules everyone knows (a Bac pro
leads to a BTS of the same field, a BAC+2 to a licence pro or to an engineering school by
apprenticeship). They are derived here, marked ``origin = 'inferred'`` with the rule that
produced them, and never replace a documented passerelle between the same two diplomas.

A pure function over plain descriptions of diplomas, so the seed loader and the open-data
importer share it. Where the public nomenclatures describe both diplomas (their
:class:`~graph.inference.evidence.Evidence`: ROME codes, Formacode, CPC, secteur…), a CAP → Bac
pro or Bac pro → BTS candidate is scored by the evidence the two share, and only the strongest
legs of each diploma are kept (:data:`KEEP`, :data:`MIN_STRENGTH`); elsewhere the NSF group or
the filière decides, as before. No rule links two diplomas whose fields never meet
(:func:`graph.inference.fields.forbidden_reason`; :func:`~graph.inference.fields.keys_apart`).

A **campus programme** (a seed diploma with no national code: the IUT Figeac licence pro, the CCI
Aveyron engineers) is known from one campus's document only. A leg into it that names no shared
specialty (« spécialité … non précisée », « domaine industriel ») is a fact of that campus: it
is produced only for source diplomas offered in the campus's territory
(:attr:`DiplomaFacts.territory`), and it carries those départements
(:attr:`InferredPasserelle.from_departements`) so that the pathway search and the gap reports
hold it only for a source taken there. Symmetrically, an open-ended leg out of a campus
programme only reaches programmes offered in its territory (``to_departements``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.inference import bac_techno, bac_techno_cpge
from graph.inference.co_offer import CoOffer, co_offer
from graph.inference.evidence import (
    NONE,
    P_ROME,
    STRENGTH_FULL,
    WEAK,
    Evidence,
    EvidenceKeys,
    evidence_keys,
    shared_evidence,
    shared_points,
    trade_basis,
)
from graph.inference.fields import FieldKeys, families_meet, field_keys, keys_apart
from graph.nsf import GENERIC_GROUPS

__all__ = [
    "RULES",
    "DiplomaFacts",
    "InferredPasserelle",
    "groups_of",
    "infer_passerelles",
    "is_national_code",
    "local_scope",
    "programme_territory",
]


@dataclass(frozen=True)
class DiplomaFacts:
    code: str
    type: str
    level: int | None
    nsf: str | None = None
    fields: frozenset[str] = field(default_factory=frozenset)  # filière sector ids
    apprenticeship: bool = False  # offered by apprenticeship somewhere
    evidence: Evidence = field(default_factory=Evidence)  # from the public nomenclatures
    target: bool = True  # False for a common 2nde (a course year nobody continues into)
    # a course year, not a diploma (a 2nde professionnelle, a « 1re année commune »): no
    # inferred passerelle starts at it (one may end at it: a BTS is entered by its first year,
    # a Bac pro agricole by its 2nde; the common 2ndes of familleMetiers are no ``target``)
    course_year: bool = False
    title: frozenset[str] = frozenset()  # significant words of its title (evidence.title_words)
    # a campus programme (no national code): the départements its campus's facts hold in (the
    # campus's and those of its own offers); empty for a national diploma
    territory: frozenset[str] = frozenset()
    offered_in: frozenset[str] = frozenset()  # départements where an offer of it is known
    # the départements of the campuses whose files put it in a filière (``fields``): a filière is
    # a campus's grouping, so a leg matched on it holds on that campus's territory only
    field_territory: frozenset[str] = frozenset()
    # the establishments (UAI) the national activity files say prepare it (those of its BCN
    # predecessors when it has none yet): graph.inference.co_offer
    establishments: frozenset[str] = frozenset()
    # the BCN gives it an exam session (DATE_PREMIERE_SESSION): a course year (« 1ERE STMG »,
    # « 2ND CYCLE TECHNO ») has none, and nobody holds it as a diploma (graph.inference.bac_techno)
    examined: bool = True
    # a speciality whose parcours the BCN classes in several NSF groups (BUT GEII: 201, 250,
    # 326), its ``nsf`` then None: a leg into it may match any of them (a learner enters one
    # parcours), see :func:`groups_of`
    nsf_groups: tuple[str, ...] = ()
    # the programme it is an option of (:func:`graph.inference.evidence.option_family`: the
    # words of its BCN title before « option »), '' if none: the options of one BTS take one
    # of the :data:`KEEP` places, so that the four options of BTS maintenance des systèmes do
    # not push every other BTS out of a Bac pro's continuations
    family: str = ""
    # a diplôme d'État whose offers are Parcoursup programmes (« D.E Infirmier »): entered after
    # the bac, on dossier (graph.inference.after_bac; the import only)
    after_bac: bool = False


def groups_of(d: DiplomaFacts) -> tuple[str, ...]:
    """The NSF groups a diploma's fields are matched on: its group, else its parcours'.

    >>> groups_of(DiplomaFacts("X", "but", 6, nsf_groups=("201", "250")))
    ('201', '250')
    >>> groups_of(DiplomaFacts("Y", "bts", 5, nsf="255", nsf_groups=("201",)))
    ('255',)
    """
    return (d.nsf,) if d.nsf else d.nsf_groups


@dataclass(frozen=True)
class InferredPasserelle:
    id: str
    rule: str
    from_code: str
    to_code: str
    kind: str = "continuation"
    modality: str | None = None
    field_match: str = ""  # what the two share, in French (the leg's evidence)
    strength: float = 0.0  # 0-1: how much evidence the two share (ranks the leg)
    # a leg tied to a campus programme's territory (see the module's docstring): it holds only
    # for a source taken in ``from_departements`` / a target taken in ``to_departements``
    from_departements: tuple[str, ...] = ()
    to_departements: tuple[str, ...] = ()


RULES: dict[str, str] = {
    # a leg of these two rules is kept on a shared NSF group or filière, or on the evidence the
    # two diplomas share (jobs, themes, domains: ``field_match``), said after the rule:
    # « de la même spécialité » alone was false of a Bac pro froid (NSF 255) → BTS CIEL (201)
    # leg kept on shared job domains and commission (tester23); the commissions alone make no
    # leg, one broad classification alone a weak one, said so (legs24, _scored)
    "cap-to-bac-pro": "Un CAP mène à un Bac pro de la même spécialité ou d'une spécialité "
    "proche (même groupe NSF ou même filière, ou des métiers, thèmes de formation ou domaines "
    "en commun ; une commission professionnelle commune ne suffit pas, un seul domaine commun "
    "est dit lien faible).",
    "bac-pro-to-bts": "Un Bac pro mène à un BTS de la même spécialité ou d'une spécialité "
    "proche (même groupe NSF ou même filière, ou des métiers, thèmes de formation ou domaines "
    "en commun ; une commission professionnelle commune ne suffit pas, un seul domaine commun "
    "est dit lien faible).",
    "cap-to-specialisation": "Une mention complémentaire ou un certificat de spécialisation "
    "de niveau 3 se prépare en un an après un CAP d'une spécialité proche.",
    "bac-pro-to-specialisation": "Une mention complémentaire ou un certificat de spécialisation "
    "de niveau 4 se prépare en un an après un Bac pro d'une spécialité proche.",
    "bac2-to-licence-pro": "Un BTS ou un DUT mène à une licence professionnelle de la même "
    "spécialité, ou d'une spécialité voisine qui prépare à l'un de ses métiers.",
    "bac2-to-cpge-ats": "Un BTS ou un DUT du domaine industriel mène à la classe préparatoire ATS.",
    "bac2-to-engineer-apprenticeship": "Un BAC+2 (BTS, DUT) permet l'admission sur dossier dans "
    "une formation d'ingénieur par apprentissage de la même spécialité.",
    "bac3-to-engineer-apprenticeship": "Un BAC+3 (BUT, licence, licence pro) permet l'admission "
    "sur dossier dans une formation d'ingénieur par apprentissage de la même spécialité.",
    "cpge-to-engineer": "Une classe préparatoire mène aux écoles d'ingénieurs sur concours.",
    bac_techno.RULE: bac_techno.RULE_SENTENCE,
    bac_techno_cpge.RULE: bac_techno_cpge.RULE_SENTENCE,
    bac_techno.TRACK_RULE: bac_techno.TRACK_RULE_SENTENCE,
}

BAC2 = {"bts", "dut"}
KEEP = 5  # evidence-scored legs kept per diploma (the strongest)
MIN_STRENGTH = 0.2  # evidence-scored legs weaker than this (3 points of 14) are not kept…
WEAK_KEEP = 3  # …unless none reaches it: then the strongest few are
# A leg whose two diplomas share one broad classification only (evidence.trade_basis): kept in
# its place among the strongest (_scored), at most this strong, its evidence said after WEAK_LINK
WEAK_STRENGTH = 0.1
WEAK_LINK = "lien faible (aucun métier, thème de formation ni spécialité en commun)"
# Strength of a leg matched on the NSF group / filière only (no evidence on one side).
FIELD_STRENGTH = {"group": 0.3, "filière": 0.3, "domain": 0.2, "open": 0.1, "other": 0.2}
BAC3 = {"but", "licence", "licence_pro"}
INDUSTRIAL_NSF_DOMAINS = {"20", "22", "23", "25"}
# matches of unknown field, no longer produced (a continuation needs a shared field: see
# _field_match); kept so that a graph imported before says them as such
TARGET_OPEN = "spécialité de la cible non précisée"
ORIGIN_OPEN = "spécialité de l'origine non précisée"
INDUSTRIAL = "domaine industriel"
# a licence pro of another NSF group that trains for one of the BAC+2's jobs (_neighbour_licences)
NEIGHBOUR = "licence d'une spécialité voisine"
FILIERE = "filière commune"  # a match on a campus's filière (_field_match): its territory only
# matches that name no specialty the two diplomas share: into (or out of) a campus programme,
# they hold only in its territory
UNSPECIFIC = {TARGET_OPEN, ORIGIN_OPEN, INDUSTRIAL}


def is_national_code(code: str) -> bool:
    """A BCN code (eight letters or digits), as opposed to a seed slug (``MV-LP-IUT-FIGEAC``):
    only a diploma without one can be a campus programme.

    >>> is_national_code("32025014"), is_national_code("MV-LP-IUT-FIGEAC")
    (True, False)
    """
    return len(code) == 8 and code.isalnum() and code.upper() == code


def programme_territory(
    code: str, campus_departements: Iterable[str], offer_departements: Iterable[str]
) -> frozenset[str]:
    """The départements a campus programme's facts hold in: those of the campuses whose files
    describe it and those of its own offers; empty for a national diploma or a programme no
    campus file describes (it is then a fact of no territory in particular)."""
    campus = frozenset(d for d in campus_departements if d)
    if is_national_code(code) or not campus:
        return frozenset()
    return campus | frozenset(d for d in offer_departements if d)


def _field_match(a: DiplomaFacts, b: DiplomaFacts, *, domain: bool) -> str:
    """'' if the fields do not match; else how they matched. A side whose field the data does
    not give (no NSF group, no filière: a seed licence pro or engineering programme described by
    its title only) matches nothing: a continuation needs something the two share. It once
    matched everything (« spécialité de la cible non précisée »), and every BTS of the Lot and
    the Aveyron, tourism and office work included, led to the CCI Aveyron mechanical engineers.

    >>> bts = DiplomaFacts("32033426", "bts", 5, nsf="334")
    >>> _field_match(bts, DiplomaFacts("MV-ING", "ingenieur", 7), domain=True)
    ''
    >>> _field_match(bts, DiplomaFacts("25033401", "licence_pro", 6, nsf="334"), domain=True)
    'groupe NSF 334'
    """
    if a.nsf and b.nsf and a.nsf == b.nsf:
        return f"groupe NSF {a.nsf}"
    shared = sorted(a.fields & b.fields)
    if shared:
        # the fields are sector ids: users read a sentence, never an identifier
        n = len(shared)
        return f"{FILIERE} aux deux diplômes ({n} secteur{'s' if n > 1 else ''} du campus)"
    if domain and a.nsf and b.nsf and a.nsf[:2] == b.nsf[:2]:
        return f"domaine NSF {a.nsf[:2]}x"
    return ""


def _pluri_match(a: DiplomaFacts, b: DiplomaFacts) -> str:
    """A group and the « plusieurs spécialités » group of its domain (a code ending in 0, not
    one heading a whole area: :data:`graph.nsf.GENERIC_GROUPS`), as the admission parallèle
    rule matches them; "" otherwise.

    >>> _pluri_match(DiplomaFacts("B", "bts", 5, "251"), DiplomaFacts("L", "licence_pro", 6, "250"))
    'groupe NSF 250 (plusieurs spécialités du domaine 25x)'
    >>> _pluri_match(DiplomaFacts("B", "bts", 5, "251"), DiplomaFacts("L", "licence_pro", 6, "252"))
    ''
    """
    x, y = a.nsf, b.nsf
    if not x or not y or x == y or x[:2] != y[:2] or "0" not in (x[2:], y[2:]):
        return ""
    pluri = y if y.endswith("0") else x
    if pluri in GENERIC_GROUPS:
        return ""
    return f"groupe NSF {pluri} (plusieurs spécialités du domaine {x[:2]}x)"


def local_scope(
    a: DiplomaFacts, b: DiplomaFacts, how: str
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Where a leg ``a`` → ``b`` matched by ``how`` holds: ``((), ())`` everywhere; the
    départements its source / target must be taken in when it is tied to a campus programme's
    territory, or matched on a campus's filière (a campus's grouping of its diplomas, no
    national fact: :attr:`DiplomaFacts.field_territory`); None when it holds nowhere (no
    source, or no target, offered in that territory).

    >>> lp = DiplomaFacts("MV-LP", "licence_pro", 6, territory=frozenset({"046"}))
    >>> bts = DiplomaFacts("32020111", "bts", 5, nsf="311", offered_in=frozenset({"076"}))
    >>> local_scope(bts, lp, TARGET_OPEN) is None
    True
    >>> here = DiplomaFacts("32020111", "bts", 5, nsf="311", offered_in=frozenset({"046", "076"}))
    >>> local_scope(here, lp, TARGET_OPEN)
    (('046',), ())
    >>> mv = frozenset({"012", "046"})
    >>> bac = DiplomaFacts("40025011", "bac_pro", 4, fields=frozenset({"s1"}), field_territory=mv,
    ...                    offered_in=frozenset({"012", "076"}))
    >>> bts2 = DiplomaFacts("32025011", "bts", 5, fields=frozenset({"s1"}), field_territory=mv)
    >>> local_scope(bac, bts2, "filière commune aux deux diplômes (1 secteur du campus)")
    (('012', '046'), ())
    """
    if how.startswith(FILIERE):
        where = (a.field_territory & b.field_territory) or (a.field_territory | b.field_territory)
        if not where:
            return (), ()
        if not a.offered_in & where:
            return None
        return tuple(sorted(where)), ()
    if how not in UNSPECIFIC:
        return (), ()
    from_deps: tuple[str, ...] = ()
    to_deps: tuple[str, ...] = ()
    if b.territory and how != ORIGIN_OPEN:
        if not a.offered_in & b.territory:
            return None
        from_deps = tuple(sorted(b.territory))
    if a.territory and how == ORIGIN_OPEN:
        if not b.offered_in & a.territory:
            return None
        to_deps = tuple(sorted(a.territory))
    return from_deps, to_deps


def _is_industrial(d: DiplomaFacts) -> bool:
    return bool(d.nsf and d.nsf[:2] in INDUSTRIAL_NSF_DOMAINS) or bool(d.fields)


def _fallback_strength(how: str) -> float:
    if how.startswith("groupe NSF") and "plusieurs" not in how:
        return FIELD_STRENGTH["group"]
    if how.startswith("filière"):
        return FIELD_STRENGTH["filière"]
    if how.startswith(("domaine NSF", "groupe NSF")):  # a domain, or its pluri group
        return FIELD_STRENGTH["domain"]
    if how.startswith("spécialité"):
        return FIELD_STRENGTH["open"]
    return FIELD_STRENGTH["other"]


Apart = Callable[[DiplomaFacts, DiplomaFacts], bool]
# per diploma (by id), its field keys and its evidence keys (None: no evidence), taken once
Keys = dict[int, tuple[FieldKeys, EvidenceKeys | None]]


def _keys_of(diplomas: Iterable[DiplomaFacts]) -> Keys:
    return {
        id(d): (
            field_keys(d.evidence, d.nsf),
            None if d.evidence.empty else evidence_keys(d.evidence),
        )
        for d in diplomas
    }


def _apart_of(keys: Keys) -> Apart:
    """Whether :func:`graph.inference.fields.forbidden_reason` keeps ``a`` and ``b`` apart,
    for these diplomas (each side's keys taken once)."""

    def apart(a: DiplomaFacts, b: DiplomaFacts) -> bool:
        return keys_apart(keys[id(a)][0], keys[id(b)][0])

    return apart


# the targets of a rule, grouped by their field keys (half as many groups as targets: the
# fields test is made once per group), each with its evidence keys
Candidates = list[tuple[FieldKeys, list[tuple[DiplomaFacts, EvidenceKeys | None]]]]


def _candidates(targets: list[DiplomaFacts], keys: Keys) -> Candidates:
    """The targets one may enter (``target``), grouped by their field keys, in order."""
    groups: dict[FieldKeys, list[tuple[DiplomaFacts, EvidenceKeys | None]]] = {}
    for b in targets:
        if b.target:
            fb, eb = keys[id(b)]
            groups.setdefault(fb, []).append((b, eb))
    return list(groups.items())


def _scored(
    a: DiplomaFacts, targets: Candidates, keys: Keys
) -> list[tuple[DiplomaFacts, str, float]]:
    """The continuations of ``a`` among ``targets``, never across fields apart: the
    :data:`KEEP` strongest by shared evidence when both are described (if none reaches
    :data:`MIN_STRENGTH`, the :data:`WEAK_KEEP` strongest); where one side is not
    (no evidence to rank them), those of the same NSF group or filière, unless ``a`` already has
    :data:`KEEP` evidence-scored ones. Candidates are ranked by their points
    (:func:`shared_points`); the sentence saying what they share is written for those kept.

    What the two share must say something of their trade (:func:`trade_basis`, legs24): the
    commissions professionnelles consultatives alone make no candidate (CAP armurerie
    → CS conducteur de machines de verrerie, « même commission professionnelle consultative
    (Industrie) »); one broad classification alone (a ROME domain, a Formacode field, an NSF
    domain or a title word: Bac pro froid → BTS CIEL option A, the ROME domain I13; CAP
    chaudronnerie → Bac pro MELEC, the NSF domain 25x) makes a *weak* leg: ranked among the
    others by its points as before (the files describe some usual continuations no better: Bac
    pro AGORA → BTS SAM, the ROME domain M16), it is kept of strength :data:`WEAK_STRENGTH` at
    most, its evidence said after :data:`WEAK_LINK`, and dropped where a leg of more evidence
    leads to another option of the same programme (:attr:`DiplomaFacts.family`: the Bac pro froid
    reaches BTS CIEL by its option B, of its own NSF group)."""
    scored: list[tuple[DiplomaFacts, CoOffer | None, float]] = []
    fallback: list[tuple[DiplomaFacts, str, float]] = []
    weak: list[tuple[DiplomaFacts, CoOffer | None, float]] = []
    faint: set[str] = set()  # the codes of the candidates of one broad classification only
    fa, ea = keys[id(a)]
    for fb, group in targets:
        if keys_apart(fa, fb):
            continue
        for b, eb in group:
            if b.code == a.code:
                continue
            if ea is not None and eb is not None:
                basis = trade_basis(ea, eb, a.nsf, b.nsf, a.title, b.title)
                if basis == NONE:
                    continue  # the commissions alone: no continuation
                if basis == WEAK:
                    faint.add(b.code)
                points = shared_points(ea, eb, a.nsf, b.nsf, a.title, b.title)
                strength = round(min(points, STRENGTH_FULL) / STRENGTH_FULL, 2)
                if strength >= MIN_STRENGTH:
                    co = co_offer(a.establishments, b.establishments)
                    if co is not None:
                        points += co.points
                        strength = round(min(points, STRENGTH_FULL) / STRENGTH_FULL, 2)
                    scored.append((b, co, strength))
                elif strength > 0 and basis != WEAK:
                    weak.append((b, None, strength))  # a weak link is not kept faute de mieux
            elif how := _field_match(a, b, domain=False):
                fallback.append((b, how, _fallback_strength(how)))
    scored.sort(key=lambda t: (-t[2], t[0].code))
    kept = _strongest(scored, KEEP)
    if not kept and weak:  # nothing reaches MIN_STRENGTH: the strongest of what there is
        kept = sorted(weak, key=lambda t: (-t[2], t[0].code))[:WEAK_KEEP]
    # the programmes a leg of more than one broad classification reaches (by any option)
    reached = {b.family for b, _, _ in kept if b.family and b.code not in faint}
    out: list[tuple[DiplomaFacts, str, float]] = []
    for b, co, strength in kept:
        if b.code not in faint:
            out.append((b, _sentence(a, b, co), strength))
        elif b.family not in reached:
            out.append((b, f"{WEAK_LINK} ; {_sentence(a, b, co)}", min(strength, WEAK_STRENGTH)))
    return out if len(out) >= KEEP else out + sorted(fallback, key=lambda t: t[0].code)


def _neighbour_licences(
    a: DiplomaFacts, others: list[DiplomaFacts], keys: Keys
) -> list[tuple[DiplomaFacts, str, float]]:
    """The licences pro of another NSF group than BAC+2 ``a``'s (``others``, fields not apart)
    that train for one of its jobs: both described by the nomenclatures, sharing at least one
    ROME code, scored by what they share as ``bac-pro-to-bts`` is (:func:`shared_points`; the
    co-offers aside: a university's licence and a lycée's BTS are not prepared together), the
    :data:`KEEP` strongest of :data:`MIN_STRENGTH` or more, their NSF families meeting
    (:func:`graph.inference.fields.families_meet`: one commercial job shared sent BTS MCO to the
    licence pro métiers de la mode) or, where one group names a discipline rather than a trade
    (1xx: no family), sharing more than one job alone (BTS CRSA and « Technicien R&D » to the
    licence pro bio-industries). BTS électrotechnique (NSF 255, ROME
    H1101 « Assistance et support technique client ») → licence pro maintenance et technologie
    : systèmes pluritechniques (NSF 200, ROME H1101, I1102, I1103): the group 200 heads a whole
    area (:data:`graph.nsf.GENERIC_GROUPS`), so no NSF rule matches them, and the shared job
    does. Said « licence d'une spécialité voisine » after what they share.

    >>> from graph.inference.evidence import Evidence
    >>> bts = DiplomaFacts("B", "bts", 5, nsf="255", evidence=Evidence(rome=frozenset({"H1101"})))
    >>> lp = DiplomaFacts("L", "licence_pro", 6, nsf="200",
    ...                   evidence=Evidence(rome=frozenset({"H1101", "I1102"})))
    >>> far = DiplomaFacts("F", "licence_pro", 6, nsf="200",
    ...                    evidence=Evidence(rome=frozenset({"H1102"})))
    >>> keys = _keys_of([bts, lp, far])
    >>> [(b.code, how, s) for b, how, s in _neighbour_licences(bts, [lp, far], keys)]
    [('L', "partagent les métiers ROME H1101 ; licence d'une spécialité voisine", 0.21)]
    """
    ea = keys[id(a)][1]
    if ea is None or not ea.rome:
        return []
    found: list[tuple[DiplomaFacts, float]] = []
    for b in others:
        eb = keys[id(b)][1]
        if eb is None or ea.rome.isdisjoint(eb.rome) or not b.target or b.code == a.code:
            continue
        fa, fb = keys[id(a)][0].family, keys[id(b)][0].family
        if fa and fb and not families_meet(fa, fb):
            continue  # BTS MCO → licence pro métiers de la mode: one commercial job shared
        points = shared_points(ea, eb, a.nsf, b.nsf, a.title, b.title)
        if not (fa and fb) and points <= P_ROME:
            continue  # a discipline's group (1xx, no family): a lone shared job is not enough
        strength = round(min(points, STRENGTH_FULL) / STRENGTH_FULL, 2)
        if strength >= MIN_STRENGTH:
            found.append((b, strength))
    found.sort(key=lambda t: (-t[1], t[0].code))
    return [(b, f"{_sentence(a, b, None)} ; {NEIGHBOUR}", strength) for b, strength in found[:KEEP]]


def _strongest(
    ranked: list[tuple[DiplomaFacts, CoOffer | None, float]], keep: int
) -> list[tuple[DiplomaFacts, CoOffer | None, float]]:
    """The first of ``ranked`` (strongest first) up to ``keep`` programmes, the options of one
    programme (:attr:`DiplomaFacts.family`) counted as one: all its options ranked before the
    cut are kept (Bac pro MSPC: the four options of BTS maintenance des systèmes took four of
    the five places, and BTS CRSA, prepared with it in many lycées, had none).

    >>> opts = [DiplomaFacts(c, "bts", 5, family="MS") for c in "ABCD"]
    >>> other = [DiplomaFacts(c, "bts", 5) for c in "EFGH"]
    >>> [d.code for d, _, _ in _strongest([(d, None, 0.5) for d in [*opts, *other]], 3)]
    ['A', 'B', 'C', 'D', 'E', 'F']
    """
    out: list[tuple[DiplomaFacts, CoOffer | None, float]] = []
    taken: set[str] = set()
    for item in ranked:
        d = item[0]
        family = d.family or f"code:{d.code}"
        if family not in taken:
            if len(taken) >= keep:
                continue
            taken.add(family)
        out.append(item)
    return out


def _sentence(a: DiplomaFacts, b: DiplomaFacts, co: CoOffer | None) -> str:
    """What ``a`` and ``b`` share (:func:`shared_evidence`), and what preparing them in the
    same establishments adds (``co``)."""
    sentence = shared_evidence(a.evidence, b.evidence, a.nsf, b.nsf, a.title, b.title).sentence
    return sentence if co is None else f"{sentence} ; {co.sentence}"


def infer_passerelles(
    diplomas: Iterable[DiplomaFacts], documented: set[tuple[str, str]]
) -> list[InferredPasserelle]:
    """Every (from, to) pair a rule produces, except pairs a source already documents."""
    by_type: dict[str, list[DiplomaFacts]] = {}
    for d in diplomas:
        by_type.setdefault(d.type, []).append(d)
    keys = _keys_of(d for ds in by_type.values() for d in ds)
    apart = _apart_of(keys)

    def of(*types: str) -> list[DiplomaFacts]:
        return [d for t in types for d in by_type.get(t, [])]

    out: list[InferredPasserelle] = []
    seen: set[tuple[str, str]] = set(documented)

    def add(
        rule: str,
        a: DiplomaFacts,
        b: DiplomaFacts,
        how: str,
        modality: str | None = None,
        strength: float | None = None,
    ) -> None:
        if (a.code, b.code) in seen or a.code == b.code or not b.target:
            return
        if a.course_year:
            return  # a course year is no diploma one holds: no leg starts there
        where = local_scope(a, b, how)
        if where is None:
            return  # a campus programme's leg, and neither end is taken in its territory
        seen.add((a.code, b.code))
        pid = f"inf-{rule}-{a.code}-{b.code}".lower()
        out.append(
            InferredPasserelle(
                pid,
                rule,
                a.code,
                b.code,
                modality=modality,
                field_match=how,
                strength=_fallback_strength(how) if strength is None else strength,
                from_departements=where[0],
                to_departements=where[1],
            )
        )

    bac_pros = _candidates(of("bac_pro"), keys)
    for a in of("cap"):
        for b, how, strength in _scored(a, bac_pros, keys):
            add("cap-to-bac-pro", a, b, how, strength=strength)
    btss = _candidates(of("bts"), keys)
    for a in of("bac_pro"):
        if a.course_year:
            continue  # a 2nde professionnelle: its Bac pros lead on, not the year
        for b, how, strength in _scored(a, btss, keys):
            add("bac-pro-to-bts", a, b, how, strength=strength)
    # a mention complémentaire / certificat de spécialisation (type « mc ») is a one-year
    # specialisation after a first diploma of its trade: level 3 after a CAP, level 4 after a
    # Bac pro; the same evidence ranks the candidates (CS technicien en soudage: H2913, NSF 254)
    for origin_type, level, rule in (
        (("cap",), 3, "cap-to-specialisation"),
        (("bac_pro",), 4, "bac-pro-to-specialisation"),
    ):
        specs = _candidates([d for d in of("mc") if d.level == level], keys)
        for a in of(*origin_type):
            for b, how, strength in _scored(a, specs, keys):
                add(rule, a, b, how, strength=strength)
    for a in of("bac_techno"):
        if not bac_techno.is_series(a.nsf, a.examined):
            continue
        for b in of(*bac_techno.TARGET_TYPES):
            if (m := bac_techno.leg_match(a.code, a.nsf, b.nsf, b.title)) is None:
                continue
            add(bac_techno.RULE, a, b, m[0], strength=m[1])
        for b in of("cpge"):
            if (m := bac_techno_cpge.cpge_match(a.code, a.nsf, b.code)) is not None:
                add(bac_techno_cpge.RULE, a, b, m[0], strength=m[1])
    licences = of("licence_pro")
    for a in of(*BAC2):
        others: list[DiplomaFacts] = []
        for b in licences:
            if apart(a, b):
                continue
            # the same NSF group or filière, never the domain alone: a domain (31x: commerce,
            # transport, banking, accounting…) sent a BTS NDRC to a maritime transport licence
            # 507 km away (docs/inferred-passerelles.md, « Broad domains », answers22)
            if how := _field_match(a, b, domain=False) or _pluri_match(a, b):
                add("bac2-to-licence-pro", a, b, how)
            else:
                others.append(b)
        # or a neighbouring speciality that trains for one of its jobs (links23)
        for b, how, strength in _neighbour_licences(a, others, keys):
            add("bac2-to-licence-pro", a, b, how, strength=strength)
        for b in of("cpge"):
            if b.level == 6 and _is_industrial(a):
                add("bac2-to-cpge-ats", a, b, INDUSTRIAL)
        for b in of("ingenieur"):
            if b.apprenticeship and not apart(a, b) and (how := _field_match(a, b, domain=False)):
                add("bac2-to-engineer-apprenticeship", a, b, how, "apprenticeship")
    for a in of(*BAC3):
        for b in of("ingenieur"):
            if b.apprenticeship and not apart(a, b) and (how := _field_match(a, b, domain=False)):
                add("bac3-to-engineer-apprenticeship", a, b, how, "apprenticeship")
    for a in of("cpge"):
        for b in of("ingenieur"):
            add("cpge-to-engineer", a, b, "concours")
    return sorted(out, key=lambda p: p.id)
