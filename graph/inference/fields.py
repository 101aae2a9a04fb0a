"""Fields a continuation never crosses (no inferred leg between them).

A counsellor never proposes a continuation into another trade: commerce → mechanics, cuisine →
laboratory, aesthetics → mechanical engineering. The rule is field-level, over the public
classifications every diploma carries, not a list of pairs:

1. **Jobs and training fields disjoint.** Both diplomas have ROME codes, they share no ROME
   *grand domaine* (the letter: G hôtellerie-restauration, H industrie, I installation et
   maintenance, D commerce…) and no Formacode *domain* (the first two digits). Cuisine (G, 427xx)
   → BTS Bioqualité (H, 11xxx) is refused; CAP Production et service en restaurations (H2100,
   42746) → Bac pro Cuisine (G, 42752) is not, both being Formacode 42.
2. **NSF families apart.** The NSF groups of the two diplomas fall in families that do not
   meet (:data:`NSF_FAMILIES`, :data:`NEIGHBOURS`) and they share no ROME domain (letter and two
   digits). Mode (242) → BTS Électrotechnique (255): both have industrial ROME codes (H25, H15)
   but no common domain, and the families differ.

Pure functions; the reason is returned in French for the import report.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from graph.inference.evidence import Evidence

__all__ = [
    "NEIGHBOURS",
    "NSF_FAMILIES",
    "FieldKeys",
    "families_meet",
    "field_keys",
    "forbidden_reason",
    "keys_apart",
    "nsf_family",
]

# NSF group (3 digits) prefixes -> family. The longest prefix wins.
NSF_FAMILIES: dict[str, str] = {
    "20": "industrie",
    "21": "agriculture",
    "22": "industrie",
    "221": "alimentation",
    "227": "énergie",
    "23": "bâtiment",
    "24": "mode",
    "25": "industrie",
    "300": "services",  # spécialités plurivalentes des services (AGORA, DATR…)
    "30": "tertiaire",
    "31": "tertiaire",
    "32": "tertiaire",
    "326": "informatique",
    "33": "personnes",
    "334": "hôtellerie",
    "336": "beauté",
    "34": "collectivités",
}
# Families that meet (a continuation may go from one to the other), both ways.
NEIGHBOURS: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("industrie", "énergie"),
        ("bâtiment", "énergie"),
        ("industrie", "bâtiment"),
        ("industrie", "informatique"),
        ("tertiaire", "informatique"),
        ("alimentation", "hôtellerie"),
        ("alimentation", "agriculture"),
        ("alimentation", "industrie"),
        ("tertiaire", "hôtellerie"),
        ("tertiaire", "beauté"),
        ("services", "tertiaire"),
        ("services", "personnes"),
        ("services", "hôtellerie"),
        ("agriculture", "collectivités"),
        ("bâtiment", "collectivités"),
        ("personnes", "collectivités"),
    )
)


@lru_cache(maxsize=4096)
def nsf_family(nsf: str | None) -> str | None:
    if not nsf:
        return None
    for n in (3, 2):
        if nsf[:n] in NSF_FAMILIES:
            return NSF_FAMILIES[nsf[:n]]
    return None


def families_meet(a: str, b: str) -> bool:
    """The same family, or neighbours (:data:`NEIGHBOURS`)."""
    return a == b or frozenset((a, b)) in NEIGHBOURS


# The prefixes of a diploma's codes, computed once per set: the import asks about ~63 000 pairs
# of a few thousand diplomas (a frozenset keeps its hash, so a lookup costs little).
@lru_cache(maxsize=8192)
def _prefixes(codes: frozenset[str], n: int) -> frozenset[str]:
    return frozenset(c[:n] for c in codes)


class FieldKeys(NamedTuple):
    """What :func:`forbidden_reason` compares of one side, taken once per diploma: the
    inference asks it of every pair of a CAP and a Bac pro, of a Bac pro and a BTS…"""

    rome: bool  # any ROME code
    letters: frozenset[str]  # ROME letters (G1602 -> G)
    forma: frozenset[str]  # Formacode domains (22254 -> 22)
    domains: frozenset[str]  # ROME domains (G1602 -> G16)
    family: str | None  # nsf_family


def field_keys(e: Evidence, nsf: str | None) -> FieldKeys:
    return FieldKeys(
        bool(e.rome),
        frozenset(r[0] for r in e.rome),
        frozenset(f[:2] for f in e.formacode),
        frozenset(r[:3] for r in e.rome),
        nsf_family(nsf),
    )


def keys_apart(a: FieldKeys, b: FieldKeys) -> bool:
    """``forbidden_reason(...) is not None``, from both sides' :func:`field_keys`."""
    if a.rome and b.rome and a.letters.isdisjoint(b.letters) and a.forma.isdisjoint(b.forma):
        return True
    fa, fb = a.family, b.family
    return bool(fa and fb and not families_meet(fa, fb) and a.domains.isdisjoint(b.domains))


def forbidden_reason(a: Evidence, b: Evidence, nsf_a: str | None, nsf_b: str | None) -> str | None:
    """Why no continuation links ``a`` to ``b`` (French), or None if the fields allow it."""
    if (
        a.rome
        and b.rome
        and _prefixes(a.rome, 1).isdisjoint(_prefixes(b.rome, 1))
        and _prefixes(a.formacode, 2).isdisjoint(_prefixes(b.formacode, 2))
    ):
        return "métiers ROME et domaines Formacode sans rien de commun"
    fa, fb = nsf_family(nsf_a), nsf_family(nsf_b)
    if (
        fa
        and fb
        and not families_meet(fa, fb)
        and _prefixes(a.rome, 3).isdisjoint(_prefixes(b.rome, 3))
    ):
        return f"champs professionnels éloignés ({fa} → {fb})"
    return None
