"""French labels of the closed vocabularies, for sentences users read (pure data)."""

from __future__ import annotations

__all__ = ["KIND_FR", "MODALITY_FR", "TYPE_FR", "VALUE_FR"]

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

# What an accepted API value means, for the error that lists the accepted values.
VALUE_FR = {**TYPE_FR, **KIND_FR, **MODALITY_FR, "any": "toutes"}
