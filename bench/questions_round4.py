"""The fourth round of counsellor questions across France (branch ``counsel4``;
docs/honest-answers.md, « Fourth round across France »): goals given as a job (ROME code) or
as a diploma two or three steps away, apprenticeship and continuing education, homes given by
commune (INSEE code or name), big cities, rural départements and overseas, in sectors other
than mechanics (health and social, hospitality, building, agriculture, digital, transport and
logistics), for ``bench/counsellor_questions.py --round 4``."""

from __future__ import annotations

from typing import Any

QUESTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "B01",
        "Île-de-France",
        "CAP cuisine -> BTS MHR (2 étapes), 75, Paris (INSEE)",
        {"from": "50022146", "to": "32033422", "departements": "75", "home": "75056"},
    ),
    (
        "B02",
        "Provence-Alpes-Côte d'Azur",
        "CAP maçon -> BTS bâtiment (2 étapes), 13, Marseille",
        {"from": "50023224", "to": "32023012", "departements": "13", "home": "Marseille"},
    ),
    (
        "B03",
        "Île-de-France",
        "CAP AEPE -> métier aide-soignant (J1501), 93, Saint-Denis (INSEE)",
        {"from": "50033205", "job": "J1501", "departements": "93", "home": "93066"},
    ),
    (
        "B04",
        "Provence-Alpes-Côte d'Azur",
        "CAP cuisine -> métier commis de cuisine (G1602), 13, Marseille",
        {"from": "50022146", "job": "G1602", "departements": "13", "home": "Marseille"},
    ),
    (
        "B05",
        "Guadeloupe",
        "Bac pro CSR -> BTS MHR en apprentissage, 971, Pointe-à-Pitre",
        {
            "from": "40033403",
            "to": "32033422",
            "departements": "971",
            "home": "97120",
            "modality": "apprenticeship",
        },
    ),
    (
        "B06",
        "Martinique",
        "CAP conducteur livreur -> métier conducteur de poids lourd (N4101), 972",
        {"from": "50031118", "job": "N4101", "departements": "972", "home": "97209"},
    ),
    (
        "B07",
        "La Réunion",
        "Bac pro CIEL -> métier technicien informatique (M1810), 974, Saint-Pierre",
        {"from": "40025519", "job": "M1810", "departements": "974", "home": "97416"},
    ),
    (
        "B08",
        "Mayotte",
        "niveau 3, métier maçon (F1703) -> niveau 4, 976, Mamoudzou",
        {
            "from_level": 3,
            "sector": "F1703",
            "to_level": 4,
            "departements": "976",
            "home": "Mamoudzou",
        },
    ),
    (
        "B09",
        "Guyane",
        "Bac pro ASSP -> niveau 6, 973, Cayenne",
        {"from": "40033007", "to_level": 6, "departements": "973", "home": "97302"},
    ),
    (
        "B10",
        "Nouvelle-Aquitaine",
        "CAPa jardinier paysagiste -> métier jardinier (A1203) niveau 4, 23, Guéret",
        {"from": "50321405", "job": "A1203", "to_level": 4, "departements": "23", "home": "23096"},
    ),
    (
        "B11",
        "Auvergne-Rhône-Alpes",
        "Bac pro CGEA -> BTSA ACSE en apprentissage, 15, Saint-Flour",
        {
            "from": "40321004",
            "to_type": "bts",
            "departements": "15",
            "home": "15187",
            "modality": "apprenticeship",
        },
    ),
    (
        "B12",
        "Hauts-de-France",
        "Bac pro logistique -> métier responsable logistique (N1301), 62, Arras",
        {"from": "40031106", "job": "N1301", "departements": "62", "home": "Arras"},
    ),
    (
        "B13",
        "Bretagne",
        "CAP AEPE -> BTS (2 étapes), 56, Vannes",
        {"from": "50033205", "to_type": "bts", "departements": "56", "home": "56260"},
    ),
    (
        "B14",
        "Normandie",
        "niveau 3, métier agriculteur (A1416) -> niveau 5, 50, Saint-Lô",
        {
            "from_level": 3,
            "sector": "A1416",
            "to_level": 5,
            "departements": "50",
            "home": "Saint-Lô",
        },
    ),
    (
        "B15",
        "Grand Est",
        "Bac pro ASSP -> métier éducateur spécialisé (K1207), 88, Épinal",
        {"from": "40033007", "job": "K1207", "departements": "88", "home": "88160"},
    ),
    (
        "B16",
        "Bourgogne-Franche-Comté",
        "CAP maçon -> niveau 5 en apprentissage, 58, Nevers",
        {
            "from": "50023224",
            "to_level": 5,
            "departements": "58",
            "home": "Nevers",
            "modality": "apprenticeship",
        },
    ),
    (
        "B17",
        "Centre-Val de Loire",
        "CAP CSHCR -> niveau 5 (2 étapes), 36, Châteauroux",
        {"from": "50033412", "to_level": 5, "departements": "36", "home": "36044"},
    ),
    (
        "B18",
        "Pays de la Loire",
        "CAP monteur installations sanitaires -> BTS FED option A (2 étapes), 85",
        {"from": "50023324", "to": "32022709", "departements": "85", "home": "85191"},
    ),
    (
        "B19",
        "Corse",
        "BTS MHR -> licence pro, 2A + 2B, Bastia",
        {"from": "32033422", "to_type": "licence_pro", "departements": "2A,2B", "home": "Bastia"},
    ),
    (
        "B20",
        "Île-de-France",
        "BTS SIO option B -> métier développeur (M1805), 75, Paris 13e",
        {"from": "32032614", "job": "M1805", "departements": "75", "home": "75113"},
    ),
    (
        "B21",
        "Hauts-de-France",
        "CAP conducteur routier -> BTS GTLA (2 étapes), 02, Laon",
        {"from": "50031117", "to": "32031103", "departements": "02", "home": "02408"},
    ),
    (
        "B22",
        "Île-de-France",
        "CAP AEPE -> niveau 4 en formation continue (GRETA), 75, Paris",
        {
            "from": "50033205",
            "to_level": 4,
            "departements": "75",
            "home": "Paris",
            "modality": "continuing",
        },
    ),
    (
        "B23",
        "Provence-Alpes-Côte d'Azur",
        "Bac pro ASSP option B -> licence pro (2 étapes), 13, Marseille",
        {"from": "40033004", "to_type": "licence_pro", "departements": "13", "home": "13055"},
    ),
    (
        "B24",
        "Normandie",
        "CAP électricien -> BTS électrotechnique en apprentissage (2 étapes), 61, Alençon",
        {
            "from": "50025524",
            "to": "32025520",
            "departements": "61",
            "home": "61001",
            "modality": "apprenticeship",
        },
    ),
    (
        "B25",
        "Auvergne-Rhône-Alpes",
        "CAP cuisine -> niveau 6 (3 étapes), 69, Lyon",
        {"from": "50022146", "to_level": 6, "departements": "69", "home": "69123"},
    ),
    (
        "B26",
        "Pays de la Loire",
        "Bac pro aménagements paysagers -> métier jardinier (A1203), 53, Laval",
        {"from": "40321405", "job": "A1203", "departements": "53", "home": "Laval"},
    ),
    (
        "B27",
        "Bourgogne-Franche-Comté",
        "niveau 4, métier préparateur de commandes (N1103) -> niveau 5 en apprentissage, "
        "70, Vesoul",
        {
            "from_level": 4,
            "sector": "N1103",
            "to_level": 5,
            "departements": "70",
            "home": "Vesoul",
            "modality": "apprenticeship",
        },
    ),
]

GAPS: list[tuple[str, str, str, dict[str, Any]]] = []
