"""French labels of the closed vocabularies, for sentences users read (pure data)."""

from __future__ import annotations

__all__ = [
    "FEMININE_TYPES",
    "KIND_FR",
    "LEVEL_FR",
    "MODALITY_FR",
    "OFFER_STATUS_FR",
    "PASSERELLE_KIND_FR",
    "PASSERELLE_ORIGIN_FR",
    "CS_FR",
    "CS_NATURES",
    "TYPE_FR",
    "VALUE_FR",
    "level_fr",
    "is_specialisation",
    "passerelle_fr",
    "type_fr",
    "type_with_article",
]

TYPE_FR = {
    "cap": "CAP",
    "bac_pro": "Bac pro",
    "bac_techno": "bac technologique",
    "bac_general": "bac général",
    "bp": "brevet professionnel",
    "mc": "mention complémentaire",
    "bts": "BTS",
    "dut": "DUT",
    "but": "BUT",
    "licence": "licence",
    "licence_pro": "licence professionnelle",
    "master": "master",
    "mastere_specialise": "mastère spécialisé",
    "ingenieur": "diplôme d'ingénieur",
    "cpge": "classe préparatoire",
    "cqpm": "CQPM",
    "fcil": "FCIL",
    "titre_pro": "titre professionnel",
    "du": "diplôme d'université",
    "other": "autre formation",
}

# The BCN's diploma natures (NIVEAU_FORMATION_DIPLOME, the first three characters of a CFD) of
# the certificats de spécialisation, filed under the type ``mc`` they replace: 461 « CS 4 » and
# 561 « CS 3 » (« Remplace la mention complémentaire de niveau 4/3 »), 463 and 563 « CSA NIV4 /
# NIV5 » (certificat de spécialisation agricole); and the Parcoursup programmes of that kind
# (``PS-CS-…``, graph/ingest/opendata/postbac.py).
CS_NATURES = frozenset({"461", "561", "463", "563"})
CS_FR = "certificat de spécialisation"


def is_specialisation(kind: str | None, code: str | None) -> bool:
    """Whether a diploma of type ``kind`` and code ``code`` is a certificat de spécialisation.

    >>> is_specialisation("mc", "56321206"), is_specialisation("mc", "PS-CS-1A2B")
    (True, True)
    >>> is_specialisation("mc", "01022107"), is_specialisation("cap", "56100000")
    (False, False)
    """
    if kind != "mc" or not code:
        return False
    return code[:3] in CS_NATURES or code.startswith("PS-CS-")


def type_fr(kind: str | None, code: str | None = None) -> str:
    """A diploma's type in French, a certificat de spécialisation named so (:data:`CS_NATURES`).

    >>> type_fr("mc", "46133414"), type_fr("mc", "01022107"), type_fr("bts")
    ('certificat de spécialisation', 'mention complémentaire', 'BTS')
    """
    if is_specialisation(kind, code):
        return CS_FR
    return TYPE_FR.get(kind or "other", TYPE_FR["other"])


# The diploma types whose French name is feminine (« une licence professionnelle », « aucune
# mention complémentaire »): every other one takes « un ».
FEMININE_TYPES = frozenset({"licence", "licence_pro", "mc", "cpge", "fcil", "other"})

# The levels of the national qualification framework, as the web interface says them
# (frontend/src/lib/labels.ts LEVEL_FR, in lower case for a sentence).
LEVEL_FR = {
    3: "niveau 3 (CAP)",
    4: "niveau 4 (bac)",
    5: "niveau 5 (bac + 2)",
    6: "niveau 6 (bac + 3)",
    7: "niveau 7 (bac + 5)",
    8: "niveau 8 (doctorat)",
}


def type_with_article(kind: str) -> str:
    """A diploma type with its indefinite article.

    >>> type_with_article("bts"), type_with_article("licence_pro"), type_with_article("ingenieur")
    ('un BTS', 'une licence professionnelle', "un diplôme d'ingénieur")
    """
    name = TYPE_FR.get(kind, TYPE_FR["other"])
    return f"{'une' if kind in FEMININE_TYPES or kind not in TYPE_FR else 'un'} {name}"


def level_fr(level: int) -> str:
    """« niveau 5 (bac + 2) »; « niveau 9 » for a level the table does not name."""
    return LEVEL_FR.get(level, f"niveau {level}")


MODALITY_FR = {
    "school": "voie scolaire",
    "apprenticeship": "apprentissage",
    "continuing": "formation continue",
}

# Kinds of actors and platforms (graph.models.ActorKind, PlatformKind), as the interface says.
KIND_FR = {
    "lycee": "lycée",
    "lycee_agricole": "lycée agricole",
    "cfa": "CFA",
    "greta": "GRETA",
    "iut": "IUT",
    "university": "université",
    "engineering_school": "école d'ingénieurs",
    "higher_education": "enseignement supérieur",
    "training_centre": "centre de formation",
    "company": "entreprise",
    "cluster": "cluster",
    "competitiveness_pole": "pôle de compétitivité",
    "research_lab": "laboratoire",
    "research_body": "organisme de recherche",
    "chamber": "chambre consulaire",
    "professional_branch": "branche professionnelle",
    "public_body": "organisme public",
    "orientation_service": "service d'orientation",
    "association": "association",
    "funder": "financeur",
    "other": "autre",
    "unspecified": "type non précisé",
    "pft": "plateforme technologique",
    "fablab": "fab lab",
    "plateau_technique": "plateau technique",
    "research_platform": "plateforme de recherche",
}

# Passerelles (graph.models.PasserelleKind, PasserelleOrigin; the entry after 3e of
# graph/pathways/after_3e.py), as the interface says them (frontend/src/lib/labels.ts).
PASSERELLE_KIND_FR = {
    "continuation": "poursuite d'études",
    "reorientation": "réorientation",
    "vae": "VAE",
    "skills_block": "blocs de compétences",
    "admission_parallele": "admission parallèle",
}
PASSERELLE_ORIGIN_FR = {
    "documented": "documentée",
    "inferred": "déduite par l'outil, non documentée",
    "after_3e": "entrée après la 3e",
}

# Offers (graph.models.OfferStatus and the import's « renewed »).
OFFER_STATUS_FR = {
    "open": "ouverte",
    "planned": "en projet",
    "closed": "fermée",
    "renewed": "vue pour la version précédente du diplôme, à confirmer",
}


def passerelle_fr(kind: str | None, origin: str | None) -> str:
    """A passerelle as users read it, never its id.

    >>> passerelle_fr("continuation", "inferred")
    "poursuite d'études, déduite par l'outil, non documentée"
    >>> passerelle_fr("vae", None)
    'VAE'
    """
    bits = [PASSERELLE_KIND_FR.get(kind or "", ""), PASSERELLE_ORIGIN_FR.get(origin or "", "")]
    return ", ".join(b for b in bits if b)


# What an accepted API value means, for the error that lists the accepted values.
VALUE_FR = {**TYPE_FR, **KIND_FR, **MODALITY_FR, "any": "toutes"}
