"""The fields of training: the groups of the Nomenclature des spécialités de formation (NSF,
1994), by which the BCN and Certif Info class every diploma (a diploma's ``nsf``, three digits).

Campus filières exist only where a campus document describes them; every programme of the
public files has an NSF group. A territory's fields are thus the families of training it
actually offers, all over France: the gap report's « Filière » list offers them beside its
campuses' filières (:mod:`graph.gaps.choices`), and suggested partnerships rest on them
(:mod:`graph.gaps.partnerships`). The names are the nomenclature's, written as people write
them (the BCN's table, ``n_groupe_specialite_``, abbreviates them in capitals). A code ending in
9 is the BCN's « whole domain » group (229: « Transformations »); 999 and the four category
codes (199, 299, 399, 499) say nothing of the field: no name.

>>> nsf_name("251"), nsf_name("229"), nsf_name("999")
('Mécanique générale et de précision, usinage', 'Transformations (tout le domaine)', None)
"""

from __future__ import annotations

__all__ = [
    "DOMAINS",
    "FIELD_PREFIX",
    "GENERIC_DOMAINS",
    "GENERIC_GROUPS",
    "GROUPS",
    "field_code",
    "field_id",
    "nsf_name",
]

# The groups of the nomenclature that head a whole area rather than a speciality: 100
# « formations générales », 200 « technologies industrielles fondamentales » (the plurivalent
# group of the production domains 20-25), 300 « spécialités plurivalentes des services ». Two
# diplomas sharing one of them share only « production » or « services »: BTS CIEL option A
# (201) met the BUT Packaging, QLIO and GIM (200) on it (graph/inference/admission_parallele.py),
# which says nothing of informatics and networks. The « plusieurs spécialités » group of a
# narrower domain (250 « pluritechnologiques mécanique-électricité », 310, 330…) still names
# its domain.
GENERIC_GROUPS = frozenset({"100", "200", "300"})
# Their domains (10x, 20x: 200 and 201, 30x): sharing one is no shared field either.
GENERIC_DOMAINS = frozenset(g[:2] for g in GENERIC_GROUPS)

# How an NSF group is named where a sector id is expected (GET /gaps?sector=nsf-251): the
# filières of the seeds are slugs of words, never « nsf- » and three digits.
FIELD_PREFIX = "nsf-"

DOMAINS = {
    "10": "Formations générales",
    "11": "Mathématiques et sciences",
    "12": "Sciences humaines et droit",
    "13": "Lettres et arts",
    "20": "Spécialités pluritechnologiques de production",
    "21": "Agriculture, pêche, forêt et espaces verts",
    "22": "Transformations",
    "23": "Génie civil, construction et bois",
    "24": "Matériaux souples",
    "25": "Mécanique, électricité, électronique",
    "30": "Spécialités plurivalentes des services",
    "31": "Échanges et gestion",
    "32": "Communication et information",
    "33": "Services aux personnes",
    "34": "Services à la collectivité",
    "41": "Capacités individuelles et sociales",
    "42": "Activités quotidiennes et de loisirs",
}

GROUPS = {
    "100": "Formations générales",
    "110": "Spécialités pluriscientifiques",
    "111": "Physique-chimie",
    "112": "Chimie-biologie, biochimie",
    "113": "Sciences naturelles (biologie-géologie)",
    "114": "Mathématiques",
    "115": "Physique",
    "116": "Chimie",
    "117": "Sciences de la Terre",
    "118": "Sciences de la vie",
    "120": "Sciences humaines et droit (plusieurs spécialités)",
    "121": "Géographie",
    "122": "Économie",
    "123": "Sciences sociales",
    "124": "Psychologie",
    "125": "Linguistique",
    "126": "Histoire",
    "127": "Philosophie, éthique et théologie",
    "128": "Droit, sciences politiques",
    "130": "Lettres et arts (plusieurs spécialités)",
    "131": "Français, littérature et civilisation française",
    "132": "Arts plastiques",
    "133": "Musique, arts du spectacle",
    "134": "Autres disciplines artistiques",
    "135": "Langues et civilisations anciennes",
    "136": "Langues vivantes, civilisations étrangères et régionales",
    "200": "Technologies industrielles fondamentales",
    "201": "Technologies de commande des transformations industrielles",
    "210": "Agronomie et agriculture (plusieurs spécialités)",
    "211": "Productions végétales, cultures spécialisées",
    "212": "Productions animales, élevage spécialisé, soins aux animaux",
    "213": "Forêts, espaces naturels, faune sauvage, pêche",
    "214": "Aménagement paysager",
    "220": "Transformations (plusieurs technologies)",
    "221": "Agroalimentaire, alimentation, cuisine",
    "222": "Transformations chimiques et apparentées",
    "223": "Métallurgie",
    "224": "Matériaux de construction, verre, céramique",
    "225": "Plasturgie, matériaux composites",
    "226": "Papier, carton",
    "227": "Énergie, génie climatique",
    "230": "Génie civil, construction et bois (plusieurs technologies)",
    "231": "Mines et carrières, génie civil, topographie",
    "232": "Bâtiment : construction et couverture",
    "233": "Bâtiment : finitions",
    "234": "Travail du bois et de l'ameublement",
    "240": "Matériaux souples (plusieurs technologies)",
    "241": "Textile",
    "242": "Habillement",
    "243": "Cuirs et peaux",
    "250": "Mécanique et électricité (plusieurs technologies)",
    "251": "Mécanique générale et de précision, usinage",
    "252": "Moteurs et mécanique automobile",
    "253": "Mécanique aéronautique et spatiale",
    "254": "Structures métalliques",
    "255": "Électricité, électronique",
    "300": "Services (plusieurs spécialités)",
    "310": "Échanges et gestion (plusieurs spécialités)",
    "311": "Transport, manutention, magasinage",
    "312": "Commerce, vente",
    "313": "Finances, banque, assurances",
    "314": "Comptabilité, gestion",
    "315": "Ressources humaines, gestion du personnel",
    "320": "Communication (plusieurs spécialités)",
    "321": "Journalisme et communication",
    "322": "Techniques de l'imprimerie et de l'édition",
    "323": "Techniques de l'image et du son, métiers du spectacle",
    "324": "Secrétariat, bureautique",
    "325": "Documentation, bibliothèques, administration des données",
    "326": "Informatique, traitement de l'information, réseaux",
    "330": "Sanitaire et social (plusieurs spécialités)",
    "331": "Santé",
    "332": "Travail social",
    "333": "Enseignement, formation",
    "334": "Accueil, hôtellerie, tourisme",
    "335": "Animation culturelle, sportive et de loisirs",
    "336": "Coiffure, esthétique et autres services aux personnes",
    "340": "Services à la collectivité (plusieurs spécialités)",
    "341": "Aménagement du territoire, développement, urbanisme",
    "342": "Protection et développement du patrimoine",
    "343": "Nettoyage, assainissement, protection de l'environnement",
    "344": "Sécurité des biens et des personnes",
    "345": "Application des droits et statut des personnes",
    "346": "Spécialités militaires",
    "410": "Capacités individuelles et sociales (plusieurs)",
    "411": "Pratiques sportives",
    "412": "Capacités mentales et apprentissages de base",
    "413": "Capacités comportementales et relationnelles",
    "414": "Capacités individuelles d'organisation",
    "415": "Orientation, insertion ou réinsertion sociale et professionnelle",
    "421": "Jeux et activités de loisirs",
    "422": "Économie et activités domestiques",
    "423": "Vie familiale, vie sociale et autres formations au développement personnel",
}


def nsf_name(code: str | None) -> str | None:
    """The French name of an NSF group; None for a code that names no field (999, the
    categories 199 to 499) or that the nomenclature does not hold."""
    if not code:
        return None
    if code in GROUPS:
        return GROUPS[code]
    if len(code) == 3 and code.endswith("9") and code[:2] in DOMAINS:
        return f"{DOMAINS[code[:2]]} (tout le domaine)"
    return None


def field_id(code: str) -> str:
    """The sector id of an NSF group (``nsf-251``)."""
    return f"{FIELD_PREFIX}{code}"


def field_code(sector: str | None) -> str | None:
    """The NSF group a sector id names (``nsf-251`` -> ``251``), None for a campus filière."""
    if sector and sector.startswith(FIELD_PREFIX):
        code = sector[len(FIELD_PREFIX) :]
        if len(code) == 3 and code.isdigit():
            return code
    return None
