"""What two diplomas share, how strong that is, and the French sentence that says it.

A diploma's :class:`Evidence` comes from the public nomenclatures (Certif Info: ROME codes,
Formacode; diplomesProfessionnels: CPC and secteur; BCN: NSF group, famille de métiers), read by
:mod:`graph.ingest.continuations`. :func:`shared_evidence` scores a candidate continuation by what
the two share; the score is the leg's *strength* (0-1), used to keep the strongest legs of each
diploma and to rank pathways. Pure functions over plain data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from graph.diploma_names import accented

__all__ = [
    "BROAD",
    "NONE",
    "STRENGTH_FULL",
    "TRADE",
    "WEAK",
    "Evidence",
    "EvidenceKeys",
    "SharedEvidence",
    "evidence_keys",
    "option_family",
    "shared_evidence",
    "shared_points",
    "title_words",
    "trade_basis",
]


@dataclass(frozen=True)
class Evidence:
    rome: frozenset[str] = field(default_factory=frozenset)  # ROME codes, e.g. G1602
    formacode: frozenset[str] = field(default_factory=frozenset)  # 5-digit Formacode
    cpc: str | None = None  # commission professionnelle consultative
    secteur: str | None = None  # diplomesProfessionnels "Secteur ..." (without the word)
    family: str | None = None  # famille de métiers (BCN groupe de formation)
    inherited: tuple[str, ...] = ()  # where the evidence comes from, if not the diploma itself

    @property
    def empty(self) -> bool:
        return not (self.rome or self.formacode or self.cpc or self.secteur or self.family)

    def merged(self, other: Evidence, via: str) -> Evidence:
        """This evidence completed by ``other``'s (inheritance), noting where it came from."""
        return Evidence(
            rome=self.rome | other.rome,
            formacode=self.formacode | other.formacode,
            cpc=self.cpc or other.cpc,
            secteur=self.secteur or other.secteur,
            family=self.family or other.family,
            inherited=(*self.inherited, via),
        )


@dataclass(frozen=True)
class SharedEvidence:
    points: float
    strength: float  # 0-1
    sentence: str  # French, for counsellors: « partagent les métiers ROME G1602 ; … »


# Points per kind of shared evidence; STRENGTH_FULL points make a strength of 1.
P_ROME = 3.0  # per shared ROME code (at most 3 counted)
P_ROME_DOMAIN = 1.5  # per shared ROME domain (letter + 2 digits) not already shared by a code
P_FORMACODE = 3.0  # same Formacode
P_FORMACODE_FIELD = 1.0  # same first 3 digits of a Formacode
# diplomesProfessionnels' « Secteur » is the diploma's former commission professionnelle
# consultative (the fourteen of the Éducation nationale before the 2019 reform, finer than the
# eleven of today: « Métallurgie » held 102 diplomas, from aeronautics and car repair to the CAP
# électricien and the Bac pro CIEL), said as such: « même secteur Métallurgie » read as a trade
# an electrician and a CIEL technician share. A diploma created since the reform has none of its
# own (the Bac pro MELEC 40025520 of 2024): it takes its predecessor's
# (graph/ingest/continuations, ``inherit``), or its legs missed the 1.5 points the old codes had.
P_SECTEUR = 1.5
P_CPC = 1.0
P_NSF_GROUP = 2.0
P_NSF_DOMAIN = 0.5
P_FAMILY = 1.0
P_TITLE = 1.5  # per shared significant word of the BCN titles (at most 3 counted)
STRENGTH_FULL = 14.0


# Words of diploma titles that say nothing of the trade.
_TITLE_STOP = frozenset(
    {
        "METIERS",
        "TECHNICIEN",
        "TECHNICIENNE",
        "OPTION",
        "ANNEE",
        "COMMUNE",
        "PREMIERE",
        "1ERE",
        "2NDE",
        "BAC",
        "PRO",
        "BTS",
        "BTSA",
        "CAP",
        "CAPA",
        "SECONDE",
        "AVEC",
        "POUR",
        "DANS",
        "LEUR",
        "LEURS",
        "SPECIALITE",
    }
)


def title_words(name: str | None) -> frozenset[str]:
    """The significant words of a diploma title (upper case, no accents, 4 letters or more):
    ``MAINTENANCE DES VEHICULES OPTION A VOITURES PARTICULIERES (BAC PRO)`` →
    {MAINTENANCE, VEHICULES, VOITURES, PARTICULIERES}."""
    if not name:
        return frozenset()
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    text = re.sub(r"\([^)]*\)", " ", text)
    return frozenset(w for w in re.findall(r"[A-Z0-9]+", text) if len(w) >= 4) - _TITLE_STOP


def option_family(name: str | None) -> str:
    """The programme a diploma is an option of, from its BCN title (the words before
    « option »: ``MAINTENANCE DES SYSTEMES OPTION A SYSTEMES DE PRODUCTION`` → ``MAINTENANCE
    DES SYSTEMES``); '' for a title that names no option. The options of one BTS are one
    continuation when the strongest few are kept (graph.inference.rules.KEEP).

    >>> option_family("MAINTENANCE DES SYSTEMES OPTION A : SYSTEMES DE PRODUCTION (BTS)")
    'MAINTENANCE DES SYSTEMES'
    >>> option_family("Cybersécurité, informatique et réseaux, électronique option B")
    'CYBERSECURITE INFORMATIQUE ET RESEAUX ELECTRONIQUE'
    >>> option_family("CONCEPTION ET REALISATION DE SYSTEMES AUTOMATIQUES"), option_family(None)
    ('', '')
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    head, sep, _ = re.sub(r"\([^)]*\)", " ", text).partition(" OPTION ")
    return " ".join(re.findall(r"[A-Z0-9]+", head)) if sep else ""


def shared_evidence(
    a: Evidence,
    b: Evidence,
    nsf_a: str | None = None,
    nsf_b: str | None = None,
    title_a: frozenset[str] = frozenset(),
    title_b: frozenset[str] = frozenset(),
) -> SharedEvidence:
    """What ``a`` and ``b`` share, its points, strength and sentence."""
    points = 0.0
    parts: list[str] = []
    rome = sorted(a.rome & b.rome)
    if rome:
        points += P_ROME * min(len(rome), 3)
        parts.append("partagent les métiers ROME " + ", ".join(rome))
    domains = sorted({r[:3] for r in a.rome} & {r[:3] for r in b.rome} - {r[:3] for r in rome})
    if domains:
        points += P_ROME_DOMAIN * min(len(domains), 2)
        parts.append("mêmes domaines de métiers ROME " + ", ".join(domains))
    forma = sorted(a.formacode & b.formacode)
    if forma:
        points += P_FORMACODE
        parts.append("même Formacode " + ", ".join(forma))
    else:
        fields = sorted({f[:3] for f in a.formacode} & {f[:3] for f in b.formacode})
        if fields:
            points += P_FORMACODE_FIELD
            parts.append("même champ Formacode " + ", ".join(f"{f}xx" for f in fields))
    if a.secteur and a.secteur == b.secteur:
        points += P_SECTEUR
        parts.append(f"même ancienne commission professionnelle consultative ({a.secteur})")
    if a.cpc and a.cpc == b.cpc:
        points += P_CPC
        parts.append(f"même commission professionnelle consultative ({a.cpc})")
    if nsf_a and nsf_a == nsf_b:
        points += P_NSF_GROUP
        parts.append(f"même groupe NSF {nsf_a}")
    elif nsf_a and nsf_b and nsf_a[:2] == nsf_b[:2]:
        points += P_NSF_DOMAIN
        parts.append(f"même domaine NSF {nsf_a[:2]}x")
    if a.family and a.family == b.family:
        points += P_FAMILY
        parts.append(f"même famille de métiers {a.family}")
    words = sorted(title_a & title_b)
    if words:
        points += P_TITLE * min(len(words), 3)
        # the titles' words are folded (BCN capitals): their accents back where French
        # spells them one way only (« patissier » read so in an explanation)
        parts.append("intitulés voisins (" + ", ".join(accented(w) for w in words) + ")")
    strength = round(min(points, STRENGTH_FULL) / STRENGTH_FULL, 2)
    return SharedEvidence(points, strength, " ; ".join(parts))


class EvidenceKeys(NamedTuple):
    """What :func:`shared_points` compares of one side, taken once per diploma: the import
    scores ~9 000 pairs of a few hundred CAP, Bac pro and BTS."""

    rome: frozenset[str]
    domains: frozenset[str]  # ROME domains (G1602 -> G16)
    formacode: frozenset[str]
    forma_fields: frozenset[str]  # Formacode fields (22254 -> 222)
    secteur: str | None
    cpc: str | None
    family: str | None


def evidence_keys(e: Evidence) -> EvidenceKeys:
    return EvidenceKeys(
        e.rome,
        frozenset(r[:3] for r in e.rome),
        e.formacode,
        frozenset(f[:3] for f in e.formacode),
        e.secteur,
        e.cpc,
        e.family,
    )


def shared_points(
    a: EvidenceKeys,
    b: EvidenceKeys,
    nsf_a: str | None = None,
    nsf_b: str | None = None,
    title_a: frozenset[str] = frozenset(),
    title_b: frozenset[str] = frozenset(),
) -> float:
    """``shared_evidence(...).points`` without its sentence (the same sums in the same order:
    every weight is a multiple of 0.5, so the float is the same), from both sides'
    :func:`evidence_keys`: the inference ranks every candidate by it and writes the sentence
    of the few it keeps."""
    points = 0.0
    rome = a.rome & b.rome
    if rome:
        points += P_ROME * min(len(rome), 3)
    domains = a.domains & b.domains
    if domains and rome:
        domains = domains - {r[:3] for r in rome}
    if domains:
        points += P_ROME_DOMAIN * min(len(domains), 2)
    if not a.formacode.isdisjoint(b.formacode):
        points += P_FORMACODE
    elif not a.forma_fields.isdisjoint(b.forma_fields):
        points += P_FORMACODE_FIELD
    if a.secteur and a.secteur == b.secteur:
        points += P_SECTEUR
    if a.cpc and a.cpc == b.cpc:
        points += P_CPC
    if nsf_a and nsf_a == nsf_b:
        points += P_NSF_GROUP
    elif nsf_a and nsf_b and nsf_a[:2] == nsf_b[:2]:
        points += P_NSF_DOMAIN
    if a.family and a.family == b.family:
        points += P_FAMILY
    if title_a and title_b and not title_a.isdisjoint(title_b):
        points += P_TITLE * min(len(title_a & title_b), 3)
    return points


# How much of what two diplomas share says what they train for (:func:`trade_basis`, legs24).
TRADE = "trade"  # a job, a training theme, a speciality group or a famille de métiers
BROAD = "broad"  # two broad ones agree (ROME domain, Formacode field, NSF domain, title word)
WEAK = "weak"  # one broad classification only
NONE = "none"  # nothing but the commissions (and the establishments preparing both)


def trade_basis(
    a: EvidenceKeys,
    b: EvidenceKeys,
    nsf_a: str | None = None,
    nsf_b: str | None = None,
    title_a: frozenset[str] = frozenset(),
    title_b: frozenset[str] = frozenset(),
) -> str:
    """What the evidence two diplomas share says of their trade, from the same fields as
    :func:`shared_points`: :data:`TRADE` when they share a ROME job, a Formacode, their NSF
    group or their famille de métiers; :data:`BROAD` when two of the broad ones agree (a ROME
    domain, a Formacode field — its first three digits —, an NSF domain, a word of their
    titles: « maintenance », « production », « transport » are words of many trades; Bac pro
    transport et distribution des gaz and BTS maintenance des véhicules de transport routier
    share one); :data:`WEAK` when one of them only does; :data:`NONE` when they share
    nothing but their commissions professionnelles consultatives, the former and the new (one
    holds a hundred diplomas: « Métallurgie » the CAP chaudronnerie, the Bac pro MELEC and
    aeronautics alike). The co-offers are no part of it (they only rank what the nomenclatures
    give, graph.inference.co_offer).

    >>> froid = evidence_keys(Evidence(rome=frozenset({"I1306"}), formacode=frozenset({"22604"}),
    ...                                cpc="Industrie", secteur="Métallurgie"))
    >>> ciel_a = evidence_keys(Evidence(rome=frozenset({"H1504", "I1305"}),
    ...                                 formacode=frozenset({"24231"}), cpc="Industrie",
    ...                                 secteur="Métallurgie"))
    >>> trade_basis(froid, ciel_a, "255", "201")  # the ROME domain I13 alone
    'weak'
    >>> trade_basis(froid, ciel_a, "255", "250")  # and the NSF domain 25x
    'broad'
    >>> trade_basis(froid, ciel_a, "255", "255")
    'trade'
    >>> chaudronnerie = evidence_keys(Evidence(rome=frozenset({"H2902"}), cpc="Industrie",
    ...                                        secteur="Métallurgie"))
    >>> melec = evidence_keys(Evidence(rome=frozenset({"F1602", "H1504"}), cpc="Industrie",
    ...                                secteur="Métallurgie"))
    >>> trade_basis(chaudronnerie, melec, "254", "255"), trade_basis(chaudronnerie, melec)
    ('weak', 'none')
    """
    if (
        not a.rome.isdisjoint(b.rome)
        or not a.formacode.isdisjoint(b.formacode)
        or (nsf_a and nsf_a == nsf_b)
        or (a.family and a.family == b.family)
    ):
        return TRADE
    broad = (
        (not a.domains.isdisjoint(b.domains))
        + (not a.forma_fields.isdisjoint(b.forma_fields))
        + bool(nsf_a and nsf_b and nsf_a[:2] == nsf_b[:2])
        + (not title_a.isdisjoint(title_b))
    )
    return BROAD if broad >= 2 else WEAK if broad else NONE
