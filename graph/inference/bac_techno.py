"""Bac technologique → BTS / BUT: which post-bac programmes a bac techno series opens onto.

Every bac opens higher education through Parcoursup, and BTS and BUT reserve places for bacs
technologiques; a counsellor proposes the BTS and BUT of the series' field. The field is the
one the BCN gives the diploma (``GROUPE_SPECIALITE`` of ``nFormationDiplome_``, an NSF group),
read through the NSF hierarchy the BCN publishes (``n_groupe_specialite_`` → 2-digit
``DOMAINE_SPECIALITE`` → 1-digit ``CATEGORIE_SPECIALITE`` of ``n_domaine_specialite_``):

- STMG is 310 (« spécialités plurivalentes des échanges et de la gestion », domain 31), ST2S
  331 (domain 33, services aux personnes), STHR 334, STAV 210 (agronomie), STD2A 134, S2TMD 133;
- STI2D and STL are 200, in domain 20 « spécialités pluri-technologiques de production »: the
  plurivalent domain of the production category (2), as 30 « spécialités plurivalentes des
  services » is of the services category (3).

A series matches a target of:

1. the same NSF domain (``domaine NSF 31x``);
2. the same category when the series' domain is the plurivalent one of its category (a domain
   ending in 0: STI2D / STL → every production domain);
3. a neighbouring domain of the same category whose field meets the series' field
   (:data:`graph.inference.fields.NEIGHBOURS`: tertiaire → informatique, STMG → BTS SIO).

Never across NSF families that do not meet (:func:`graph.inference.fields.families_meet`:
ST2S, services aux personnes, → BTS MHR, hôtellerie). The ROME codes and Formacode Certif Info
gives a bac techno play no part: a general-technological diploma is not a trade, and its few
codes are arbitrary (ST2S: M1609, secrétariat médical) — comparing them with a BTS's would keep
ST2S from BTS SP3S. No table of series: everything comes from the codes the files give each
diploma.
"""

from __future__ import annotations

from graph.inference.bac_techno_cpge import RULE as CPGE_RULE
from graph.inference.bac_techno_specialities import speciality_match
from graph.inference.fields import families_meet, nsf_family

__all__ = [
    "RULE",
    "RULE_SENTENCE",
    "TARGET_TYPES",
    "TRACK_RULE",
    "TRACK_RULE_SENTENCE",
    "is_bac_techno_leg",
    "is_series",
    "leg_match",
    "leg_sentence",
    "series_match",
]

RULE = "bac-techno-to-bac2"
RULE_SENTENCE = (
    "Après un bac technologique, admission sur dossier via Parcoursup en BTS ou en BUT "
    "(places réservées aux bacheliers technologiques) ; passerelle déduite du domaine commun."
)
TARGET_TYPES = ("bts", "but")
STRENGTH = {"domain": 0.3, "category": 0.2, "neighbour": 0.2}
# bac techno → an engineering track the extract's label names (graph.inference.bac_techno_tracks,
# which needs graph.inference.rules: its name and sentence live here, where the rules read them)
TRACK_RULE = "bac-techno-to-engineer-track"
TRACK_RULE_SENTENCE = (
    "Après un bac technologique, admission sur dossier via Parcoursup dans la voie d'accès "
    "d'une école d'ingénieurs dont l'intitulé Parcoursup nomme la série."
)


def _valid(nsf: str | None) -> bool:
    """A 3-digit NSF group that names a field (not the « non spécifié » x99 / 999 groups)."""
    return nsf is not None and len(nsf) == 3 and nsf.isdigit() and not nsf.endswith("9")


def is_series(nsf: str | None, examined: bool) -> bool:
    """A bac techno series a learner holds: a named field and an exam of its own (the BCN's
    ``DATE_PREMIERE_SESSION``), not a course year (« 1ERE STMG ») nor a « 2ND CYCLE TECHNO »
    aggregate, which have none.

    >>> is_series("310", True), is_series("310", False), is_series("999", True)
    (True, False, False)
    """
    return _valid(nsf) and examined


def series_match(series: str | None, target: str | None) -> tuple[str, float] | None:
    """How a bac techno of NSF group ``series`` matches a BTS / BUT of group ``target``, in
    French, and the leg's strength; None when the fields do not match.

    >>> series_match("310", "312")  # STMG -> BTS MCO
    ('domaine NSF 31x', 0.3)
    >>> series_match("200", "255")  # STI2D -> BTS électrotechnique
    ('domaine NSF 20x, pluritechnologique : toutes les spécialités de production (2xx)', 0.2)
    >>> series_match("310", "326")  # STMG -> BTS SIO
    ('domaines NSF voisins 31x et 32x', 0.2)
    >>> series_match("331", "312") is None  # ST2S -> commerce
    True
    >>> series_match("200", "326") is None  # another category
    True
    >>> series_match("331", "334") is None  # same domain, families apart
    True
    >>> series_match("331", "332")  # ST2S -> BTS SP3S
    ('domaine NSF 33x', 0.3)
    """
    if not (_valid(series) and _valid(target)):
        return None
    assert series is not None and target is not None
    fa, fb = nsf_family(series), nsf_family(target)
    if fa and fb and not families_meet(fa, fb):
        return None  # fields apart (graph.inference.fields): ST2S (331) -> BTS MHR (334)
    if series[:2] == target[:2]:
        return f"domaine NSF {series[:2]}x", STRENGTH["domain"]
    if series[0] != target[0]:
        return None
    if series[1] == "0":
        return (
            f"domaine NSF {series[:2]}x, pluritechnologique : toutes les spécialités "
            f"{_CATEGORY.get(series[0], 'de la catégorie')} ({series[0]}xx)",
            STRENGTH["category"],
        )
    if fa and fb and fa != fb:
        return f"domaines NSF voisins {series[:2]}x et {target[:2]}x", STRENGTH["neighbour"]
    return None


def leg_match(
    series_code: str,
    series: str | None,
    target: str | None,
    target_title: frozenset[str] = frozenset(),
) -> tuple[str, float] | None:
    """How a bac techno (code ``series_code``, NSF group ``series``) matches a BTS / BUT of
    group ``target`` (BCN title words ``target_title``): the speciality's ranking rule first
    (:func:`graph.inference.bac_techno_specialities.speciality_match`: a bac STI2D AC ranks the
    building BTS first), else :func:`series_match`.

    >>> leg_match("43020003", "200", "232")[1], leg_match("43020003", "200", "255")[1]
    (0.5, 0.2)
    >>> leg_match("43020006", "200", "326")[1]  # SIN -> BTS SIO (BCN: CITE 481)
    0.5
    >>> leg_match("43020003", "200", "326") is None  # AC -> BTS SIO: another category
    True
    """
    if _valid(series) and (m := speciality_match(series_code, target, target_title)) is not None:
        return m
    return series_match(series, target)


# CATEGORIE_SPECIALITE of n_categorie_specialite_ (2 « technico-pro de production », 3 « des
# services »), as a sentence says it
_CATEGORY = {"2": "de production", "3": "des services"}


def is_bac_techno_leg(passerelle_id: str | None) -> bool:
    """Whether a leg's passerelle was inferred by :data:`RULE` or the CPGE rule
    (:mod:`graph.inference.bac_techno_cpge`; ids ``inf-<rule>-…`` and ``inf-import-<rule>-…``).
    """
    pid = f"{passerelle_id or ''}"
    return bool(pid) and any(f"-{r}-" in pid for r in (RULE, CPGE_RULE, TRACK_RULE))


def leg_sentence(evidence: str, where: str = "") -> str:
    """What a pathway step says of such a leg (French). A leg ranked first by the speciality
    rule says that the ranking is ours (docs/inferred-passerelles.md), not a documented fact.

    >>> leg_sentence("spécialité EE : énergie").endswith(
    ...     "classée en premier comme proche de la spécialité EE : énergie (rapprochement non "
    ...     "documenté)"
    ... )
    True
    """
    if evidence.startswith("voie d'accès "):
        return (
            "après un bac technologique, admission sur dossier via Parcoursup ; "
            f"{evidence} (non documentée{where})"
        )
    if evidence.startswith("classe préparatoire "):
        return (
            "après un bac technologique, admission sur dossier via Parcoursup ; "
            f"{evidence} (non documentée{where})"
        )
    if evidence.startswith("spécialité "):
        return (
            "après un bac technologique, admission sur dossier via Parcoursup ; classée en "
            f"premier comme proche de la {evidence} (rapprochement non documenté{where})"
        )
    return (
        "après un bac technologique, admission sur dossier via Parcoursup ; passerelle déduite "
        f"du domaine commun ({evidence}) (non documentée{where})"
    )
