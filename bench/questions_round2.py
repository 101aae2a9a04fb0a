"""The second round of counsellor questions and gap reports across France (issue 11, branch
``honest2``; docs/honest-answers.md, « Second round across France »): 27 pathway questions in 17
régions outside Occitanie (overseas départements and Corsica included) and five gap reports, for
``bench/counsellor_questions.py --round 2``."""

from __future__ import annotations

from typing import Any

QUESTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "A01",
        "Corse",
        "CAP cuisine -> niv 4, 2A+2B, Ajaccio",
        {"from": "50022139", "to_level": 4, "departements": "2A,2B", "home": "Ajaccio"},
    ),
    (
        "A02",
        "La Réunion",
        "CAP AEPE -> niv 4, 974, Saint-Denis",
        {"from": "50033205", "to_level": 4, "departements": "974", "home": "Saint-Denis (974)"},
    ),
    (
        "A03",
        "Hauts-de-France",
        "Bac pro ASSP B -> BTS, 59, Lille",
        {"from": "40033004", "to_type": "bts", "departements": "59", "home": "Lille"},
    ),
    (
        "A04",
        "Guadeloupe",
        "Bac pro ASSP B -> niv 5, 971, Pointe-à-Pitre",
        {"from": "40033004", "to_level": 5, "departements": "971", "home": "Pointe-à-Pitre"},
    ),
    (
        "A05",
        "Centre-Val de Loire",
        "Bac pro logistique -> BTS appr., 45, Orléans",
        {
            "from": "40031106",
            "to_type": "bts",
            "departements": "45",
            "home": "Orléans",
            "modality": "apprenticeship",
        },
    ),
    (
        "A06",
        "Martinique",
        "Bac pro MCV A -> BTS, 972, Fort-de-France",
        {"from": "40031213", "to_type": "bts", "departements": "972", "home": "Fort-de-France"},
    ),
    (
        "A07",
        "Nouvelle-Aquitaine",
        "CAP maçon -> niv 4 appr., 23, Guéret",
        {
            "from": "50023224",
            "to_level": 4,
            "departements": "23",
            "home": "Guéret",
            "modality": "apprenticeship",
        },
    ),
    (
        "A08",
        "Pays de la Loire",
        "Bac pro TBORGO -> BTS, 44, Nantes",
        {"from": "40023203", "to_type": "bts", "departements": "44", "home": "Nantes"},
    ),
    (
        "A09",
        "Grand Est",
        "BTS bâtiment -> ingénieur, 67, Strasbourg",
        {"from": "32023012", "to_type": "ingenieur", "departements": "67", "home": "Strasbourg"},
    ),
    (
        "A10",
        "Auvergne-Rhône-Alpes",
        "Bac pro agroéquipement -> BTS, 15, Aurillac",
        {"from": "40321001", "to_type": "bts", "departements": "15", "home": "Aurillac"},
    ),
    (
        "A11",
        "PACA",
        "Bac pro cuisine -> BTS appr., 06, Nice",
        {
            "from": "40022106",
            "to_type": "bts",
            "departements": "06",
            "home": "Nice",
            "modality": "apprenticeship",
        },
    ),
    (
        "A12",
        "Guyane",
        "from_level 3 -> niv 4, 973, Cayenne",
        {"from_level": 3, "to_level": 4, "departements": "973", "home": "Cayenne"},
    ),
    (
        "A13",
        "Mayotte",
        "from_level 4 -> niv 5, 976, Mamoudzou",
        {"from_level": 4, "to_level": 5, "departements": "976", "home": "Mamoudzou"},
    ),
    (
        "A14",
        "Bourgogne-Franche-Comté",
        "BTS CRSA -> ingénieur, 25, Besançon",
        {"from": "32020111", "to_type": "ingenieur", "departements": "25", "home": "Besançon"},
    ),
    (
        "A15",
        "Grand Est",
        "Bac pro MSPC -> BTS appr., 08, Charleville",
        {
            "from": "40025012",
            "to_type": "bts",
            "departements": "08",
            "home": "Charleville-Mézières",
            "modality": "apprenticeship",
        },
    ),
    (
        "A16",
        "Corse",
        "CAP MV VP -> niv 4, 2B, Bastia",
        {"from": "50025218", "to_level": 4, "departements": "2B", "home": "Bastia"},
    ),
    (
        "A17",
        "Bourgogne-Franche-Comté",
        "Bac pro pilote de ligne -> BTS, 39, Lons",
        {"from": "40020102", "to_type": "bts", "departements": "39", "home": "Lons-le-Saunier"},
    ),
    (
        "A18",
        "Bretagne",
        "BTS électrotechnique -> licence pro, 29, Brest",
        {"from": "32025520", "to_type": "licence_pro", "departements": "29", "home": "Brest"},
    ),
    (
        "A19",
        "Centre-Val de Loire",
        "BTS MV A -> niv 6, 37, Tours",
        {"from": "32025215", "to_level": 6, "departements": "37", "home": "Tours"},
    ),
    (
        "A20",
        "Île-de-France",
        "Bac pro esthétique -> BTS, 75, Paris",
        {"from": "40033603", "to_type": "bts", "departements": "75", "home": "Paris"},
    ),
    (
        "A21",
        "Bretagne",
        "BTS SIO -> niv 6, 35, Rennes",
        {"from": "32032612", "to_level": 6, "departements": "35", "home": "Rennes"},
    ),
    (
        "A22",
        "Normandie",
        "Bac pro conducteur routier -> BTS, 76, Le Havre",
        {"from": "40031107", "to_type": "bts", "departements": "76", "home": "Le Havre"},
    ),
    (
        "A23",
        "Pays de la Loire",
        "CAPa jardinier paysagiste -> niv 4, 53, Laval",
        {"from": "50321405", "to_level": 4, "departements": "53", "home": "Laval"},
    ),
    (
        "A24",
        "Hauts-de-France",
        "BTS MCO -> licence pro, 80, Amiens",
        {"from": "32031213", "to_type": "licence_pro", "departements": "80", "home": "Amiens"},
    ),
    (
        "A25",
        "La Réunion",
        "BTS NDRC -> niv 6, 974, Saint-Pierre",
        {"from": "32031212", "to_level": 6, "departements": "974", "home": "Saint-Pierre (974)"},
    ),
    (
        "A26",
        "Grand Est",
        "from_level 5 -> ingénieur appr., 57, Metz",
        {
            "from_level": 5,
            "to_type": "ingenieur",
            "departements": "57",
            "home": "Metz",
            "modality": "apprenticeship",
        },
    ),
    (
        "A27",
        "Auvergne-Rhône-Alpes",
        "Bac pro MELEC -> BTS appr., 74, Annecy",
        {
            "from": "40025510",
            "to_type": "bts",
            "departements": "74",
            "home": "Annecy",
            "modality": "apprenticeship",
        },
    ),
    # asked by the lead after the round (branch honest3): the freshness of a renewed Bac pro
    (
        "A28",
        "Bretagne",
        "CAP AAGA -> Bac pro, 35, Rennes",
        {"from": "50033002", "to_type": "bac_pro", "departements": "35", "home": "Rennes"},
    ),
]

GAPS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("H01", "La Réunion", "La Réunion", {"departements": "974"}),
    ("H02", "Corse", "Corse-du-Sud + Haute-Corse", {"departements": "2A,2B"}),
    ("H03", "Hauts-de-France", "Nord", {"departements": "59"}),
    ("H04", "Grand Est", "Ardennes", {"departements": "08"}),
    ("H05", "Nouvelle-Aquitaine", "Creuse", {"departements": "23"}),
]
