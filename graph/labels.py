"""French labels of the closed vocabularies, for sentences users read (pure data)."""

from __future__ import annotations

__all__ = ["TYPE_FR"]

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
