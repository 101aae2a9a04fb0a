"""A deterministic national-size seed graph, shaped like the real public data (../shared/opendata).

``generate(scale=1.0, seed=7)`` returns a validated :class:`graph.ingest.seeds.SeedSet` with,
at scale 1:

- 96 départements of metropolitan France (chef-lieu coordinates), ~2 000 communes (sites) spread
  around them, INSEE codes ``DD`` + 3 digits (``2A``/``2B`` in Corsica);
- 10 000 actors with the kind mix of the directories (lycées ~40 %, CFA ~15 %, …), UAI
  ``DDDnnnnX`` (département with a leading 0, 4 digits, check letter) for schools;
- 4 000 diplomas with CFD-shaped codes: characters 1–3 are the BCN type family (500 CAP,
  400 Bac pro, 320 BTS, 350 DUT, 250 licence pro, 251 BUT, 205 licence, 145 master,
  170 engineer), 4–6 the NSF group (93 real groups), 7–8 a serial number;
- 60 000 offers (school / apprenticeship / continuing by actor kind, capacity 12–36, most at the
  actor's own site);
- 20 000 passerelles, one (from, to) pair each: continuations between consecutive levels in the
  same NSF group (CAP→Bac pro, Bac pro→BTS/DUT, BTS→licence pro/BUT, licence pro→master/
  engineer, …) plus ~5 % reorientations to another group of the same domain;
- one sector per NSF group with ROME codes, and 20 campus "files" (groups of neighbouring
  départements) so that the SeedSet has the structure of the real seed directory.

Every record goes through the pydantic seed models (``SeedFile.model_validate``) and the same
uniqueness / merge / cross-reference checks as :func:`graph.ingest.seeds.load_seed_dir`, so the
result is validated exactly like real seed files. The same ``(scale, seed)`` always gives the
same output.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.ingest.seeds import SeedSet, build_seed_set
from graph.models import ActorKind, DiplomaType, Modality, SeedFile, slugify

__all__ = ["SOURCE", "generate", "build_seed_set", "counts"]

SOURCE = "bench/synthetic.py (generated)"

# Sizes at scale 1 ("national size").
N_SITES = 2_000
N_ACTORS = 10_000
N_OFFERS = 60_000
N_PASSERELLES = 20_000
N_CAMPUSES = 20
REORIENTATION_SHARE = 0.05

# (code, name, région code, chef-lieu, lat, lon, weight ~ population class)
DEPARTEMENTS: list[tuple[str, str, str, str, float, float, int]] = [
    ("01", "Ain", "84", "Bourg-en-Bresse", 46.205, 5.225, 2),
    ("02", "Aisne", "32", "Laon", 49.564, 3.620, 2),
    ("03", "Allier", "84", "Moulins", 46.566, 3.333, 1),
    ("04", "Alpes-de-Haute-Provence", "93", "Digne-les-Bains", 44.092, 6.236, 1),
    ("05", "Hautes-Alpes", "93", "Gap", 44.559, 6.079, 1),
    ("06", "Alpes-Maritimes", "93", "Nice", 43.703, 7.266, 3),
    ("07", "Ardèche", "84", "Privas", 44.735, 4.599, 1),
    ("08", "Ardennes", "44", "Charleville-Mézières", 49.773, 4.720, 1),
    ("09", "Ariège", "76", "Foix", 42.965, 1.607, 1),
    ("10", "Aube", "44", "Troyes", 48.297, 4.074, 1),
    ("11", "Aude", "76", "Carcassonne", 43.213, 2.351, 1),
    ("12", "Aveyron", "76", "Rodez", 44.350, 2.575, 1),
    ("13", "Bouches-du-Rhône", "93", "Marseille", 43.296, 5.370, 4),
    ("14", "Calvados", "28", "Caen", 49.183, -0.371, 2),
    ("15", "Cantal", "84", "Aurillac", 44.926, 2.440, 1),
    ("16", "Charente", "75", "Angoulême", 45.648, 0.156, 1),
    ("17", "Charente-Maritime", "75", "La Rochelle", 46.160, -1.151, 2),
    ("18", "Cher", "24", "Bourges", 47.081, 2.399, 1),
    ("19", "Corrèze", "75", "Tulle", 45.267, 1.771, 1),
    ("2A", "Corse-du-Sud", "94", "Ajaccio", 41.919, 8.738, 1),
    ("2B", "Haute-Corse", "94", "Bastia", 42.697, 9.450, 1),
    ("21", "Côte-d'Or", "27", "Dijon", 47.322, 5.041, 2),
    ("22", "Côtes-d'Armor", "53", "Saint-Brieuc", 48.514, -2.765, 2),
    ("23", "Creuse", "75", "Guéret", 46.171, 1.871, 1),
    ("24", "Dordogne", "75", "Périgueux", 45.184, 0.721, 1),
    ("25", "Doubs", "27", "Besançon", 47.238, 6.024, 2),
    ("26", "Drôme", "84", "Valence", 44.933, 4.892, 2),
    ("27", "Eure", "28", "Évreux", 49.027, 1.151, 2),
    ("28", "Eure-et-Loir", "24", "Chartres", 48.446, 1.489, 1),
    ("29", "Finistère", "53", "Quimper", 47.996, -4.102, 2),
    ("30", "Gard", "76", "Nîmes", 43.837, 4.360, 2),
    ("31", "Haute-Garonne", "76", "Toulouse", 43.605, 1.444, 4),
    ("32", "Gers", "76", "Auch", 43.646, 0.586, 1),
    ("33", "Gironde", "75", "Bordeaux", 44.838, -0.579, 4),
    ("34", "Hérault", "76", "Montpellier", 43.611, 3.877, 3),
    ("35", "Ille-et-Vilaine", "53", "Rennes", 48.117, -1.678, 3),
    ("36", "Indre", "24", "Châteauroux", 46.810, 1.691, 1),
    ("37", "Indre-et-Loire", "24", "Tours", 47.394, 0.685, 2),
    ("38", "Isère", "84", "Grenoble", 45.188, 5.724, 3),
    ("39", "Jura", "27", "Lons-le-Saunier", 46.675, 5.555, 1),
    ("40", "Landes", "75", "Mont-de-Marsan", 43.890, -0.500, 1),
    ("41", "Loir-et-Cher", "24", "Blois", 47.586, 1.335, 1),
    ("42", "Loire", "84", "Saint-Étienne", 45.440, 4.387, 2),
    ("43", "Haute-Loire", "84", "Le Puy-en-Velay", 45.043, 3.885, 1),
    ("44", "Loire-Atlantique", "52", "Nantes", 47.218, -1.554, 3),
    ("45", "Loiret", "24", "Orléans", 47.903, 1.909, 2),
    ("46", "Lot", "76", "Cahors", 44.448, 1.441, 1),
    ("47", "Lot-et-Garonne", "75", "Agen", 44.203, 0.616, 1),
    ("48", "Lozère", "76", "Mende", 44.518, 3.500, 1),
    ("49", "Maine-et-Loire", "52", "Angers", 47.478, -0.563, 2),
    ("50", "Manche", "28", "Saint-Lô", 49.116, -1.091, 1),
    ("51", "Marne", "44", "Châlons-en-Champagne", 48.957, 4.363, 2),
    ("52", "Haute-Marne", "44", "Chaumont", 48.111, 5.139, 1),
    ("53", "Mayenne", "52", "Laval", 48.070, -0.770, 1),
    ("54", "Meurthe-et-Moselle", "44", "Nancy", 48.692, 6.184, 2),
    ("55", "Meuse", "44", "Bar-le-Duc", 48.773, 5.160, 1),
    ("56", "Morbihan", "53", "Vannes", 47.658, -2.760, 2),
    ("57", "Moselle", "44", "Metz", 49.119, 6.176, 3),
    ("58", "Nièvre", "27", "Nevers", 46.990, 3.159, 1),
    ("59", "Nord", "32", "Lille", 50.629, 3.057, 4),
    ("60", "Oise", "32", "Beauvais", 49.430, 2.081, 2),
    ("61", "Orne", "28", "Alençon", 48.432, 0.091, 1),
    ("62", "Pas-de-Calais", "32", "Arras", 50.291, 2.777, 3),
    ("63", "Puy-de-Dôme", "84", "Clermont-Ferrand", 45.778, 3.087, 2),
    ("64", "Pyrénées-Atlantiques", "75", "Pau", 43.295, -0.370, 2),
    ("65", "Hautes-Pyrénées", "76", "Tarbes", 43.233, 0.078, 1),
    ("66", "Pyrénées-Orientales", "76", "Perpignan", 42.699, 2.895, 2),
    ("67", "Bas-Rhin", "44", "Strasbourg", 48.573, 7.752, 3),
    ("68", "Haut-Rhin", "44", "Colmar", 48.079, 7.358, 2),
    ("69", "Rhône", "84", "Lyon", 45.764, 4.836, 4),
    ("70", "Haute-Saône", "27", "Vesoul", 47.622, 6.155, 1),
    ("71", "Saône-et-Loire", "27", "Mâcon", 46.307, 4.828, 2),
    ("72", "Sarthe", "52", "Le Mans", 48.006, 0.199, 2),
    ("73", "Savoie", "84", "Chambéry", 45.564, 5.918, 1),
    ("74", "Haute-Savoie", "84", "Annecy", 45.899, 6.129, 2),
    ("75", "Paris", "11", "Paris", 48.857, 2.352, 4),
    ("76", "Seine-Maritime", "28", "Rouen", 49.443, 1.100, 3),
    ("77", "Seine-et-Marne", "11", "Melun", 48.540, 2.660, 3),
    ("78", "Yvelines", "11", "Versailles", 48.805, 2.120, 3),
    ("79", "Deux-Sèvres", "75", "Niort", 46.323, -0.459, 1),
    ("80", "Somme", "32", "Amiens", 49.894, 2.296, 2),
    ("81", "Tarn", "76", "Albi", 43.929, 2.148, 1),
    ("82", "Tarn-et-Garonne", "76", "Montauban", 44.018, 1.355, 1),
    ("83", "Var", "93", "Toulon", 43.124, 5.928, 2),
    ("84", "Vaucluse", "93", "Avignon", 43.949, 4.806, 2),
    ("85", "Vendée", "52", "La Roche-sur-Yon", 46.670, -1.426, 2),
    ("86", "Vienne", "75", "Poitiers", 46.580, 0.340, 1),
    ("87", "Haute-Vienne", "75", "Limoges", 45.834, 1.262, 1),
    ("88", "Vosges", "44", "Épinal", 48.172, 6.449, 1),
    ("89", "Yonne", "27", "Auxerre", 47.798, 3.567, 1),
    ("90", "Territoire de Belfort", "27", "Belfort", 47.640, 6.863, 1),
    ("91", "Essonne", "11", "Évry-Courcouronnes", 48.629, 2.441, 3),
    ("92", "Hauts-de-Seine", "11", "Nanterre", 48.892, 2.207, 3),
    ("93", "Seine-Saint-Denis", "11", "Bobigny", 48.908, 2.440, 3),
    ("94", "Val-de-Marne", "11", "Créteil", 48.790, 2.455, 3),
    ("95", "Val-d'Oise", "11", "Cergy", 49.036, 2.076, 2),
]
_DENSE = {"75", "92", "93", "94"}  # Paris and the petite couronne: communes close together
_IDF = {"77", "78", "91", "95"}

# NSF groups (GROUPE_SPECIALITE of n_groupe_specialite_.csv, domain totals x00/x09 left out
# except 100, 200, 300).
NSF_GROUPS: list[tuple[str, str]] = [
    ("100", "Formations générales"),
    ("110", "Spécialités pluriscientifiques"),
    ("111", "Physique-chimie"),
    ("112", "Chimie-biologie, biochimie"),
    ("113", "Sciences naturelles"),
    ("114", "Mathématiques"),
    ("115", "Physique"),
    ("116", "Chimie"),
    ("117", "Sciences de la Terre"),
    ("118", "Sciences de la vie"),
    ("120", "Sciences humaines et droit"),
    ("121", "Géographie"),
    ("122", "Économie"),
    ("123", "Sciences sociales"),
    ("124", "Psychologie"),
    ("125", "Linguistique"),
    ("126", "Histoire"),
    ("127", "Philosophie, éthique et théologie"),
    ("128", "Droit, sciences politiques"),
    ("130", "Lettres et arts plurivalents"),
    ("131", "Français, littérature et civilisation française"),
    ("132", "Arts plastiques"),
    ("133", "Musique, arts du spectacle"),
    ("134", "Autres disciplines artistiques"),
    ("135", "Langues et civilisations anciennes"),
    ("136", "Langues vivantes, civilisations étrangères"),
    ("200", "Technologies industrielles fondamentales"),
    ("201", "Technologies de commande des transformations industrielles"),
    ("210", "Agronomie et agriculture"),
    ("211", "Productions végétales, cultures spécialisées"),
    ("212", "Productions animales, élevage spécialisé"),
    ("213", "Forêts, espaces naturels, faune, pêche"),
    ("214", "Aménagement paysager"),
    ("220", "Transformations pluritechnologiques"),
    ("221", "Agro-alimentaire, alimentation, cuisine"),
    ("222", "Transformations chimiques et apparentées"),
    ("223", "Métallurgie"),
    ("224", "Matériaux de construction, verre, céramique"),
    ("225", "Plasturgie, matériaux composites"),
    ("226", "Papier, carton"),
    ("227", "Énergie, génie climatique"),
    ("230", "Génie civil, construction pluritechnologiques"),
    ("231", "Mines et carrières, génie civil, topographie"),
    ("232", "Bâtiment : construction et couverture"),
    ("233", "Bâtiment : finitions"),
    ("234", "Travail du bois et de l'ameublement"),
    ("240", "Matériaux souples pluritechnologiques"),
    ("241", "Textile"),
    ("242", "Habillement"),
    ("243", "Cuirs et peaux"),
    ("250", "Mécanique-électricité pluritechnologiques"),
    ("251", "Mécanique générale et de précision, usinage"),
    ("252", "Moteurs et mécanique auto"),
    ("253", "Mécanique aéronautique et spatiale"),
    ("254", "Structures métalliques"),
    ("255", "Électricité, électronique"),
    ("300", "Services plurivalents"),
    ("310", "Échanges et gestion"),
    ("311", "Transport, manutention, magasinage"),
    ("312", "Commerce, vente"),
    ("313", "Finances, banque, assurances"),
    ("314", "Comptabilité, gestion"),
    ("315", "Ressources humaines, gestion du personnel"),
    ("320", "Communication plurivalente"),
    ("321", "Journalisme et communication"),
    ("322", "Techniques de l'imprimerie et de l'édition"),
    ("323", "Techniques de l'image, du son et du spectacle"),
    ("324", "Secrétariat, bureautique"),
    ("325", "Documentation, bibliothèques, administration des données"),
    ("326", "Informatique, traitement de l'information"),
    ("330", "Sanitaire et social plurivalents"),
    ("331", "Santé"),
    ("332", "Travail social"),
    ("333", "Enseignement, formation"),
    ("334", "Accueil, hôtellerie, tourisme"),
    ("335", "Animation culturelle, sportive et de loisirs"),
    ("336", "Coiffure, esthétique et autres services aux personnes"),
    ("340", "Services à la collectivité plurivalents"),
    ("341", "Aménagement du territoire, urbanisme"),
    ("342", "Protection et développement du patrimoine"),
    ("343", "Nettoyage, assainissement, protection de l'environnement"),
    ("344", "Sécurité des biens et des personnes"),
    ("345", "Application des droits et statuts des personnes"),
    ("346", "Spécialités militaires"),
    ("410", "Capacités transversales"),
    ("411", "Pratiques sportives"),
    ("412", "Capacités mentales et apprentissages"),
    ("413", "Capacités comportementales et relationnelles"),
    ("414", "Capacités individuelles d'organisation"),
    ("415", "Capacités d'orientation et d'insertion"),
    ("421", "Jeux et activités de loisirs"),
    ("422", "Économie et activités domestiques"),
    ("423", "Vie familiale, vie sociale"),
]


def _profile(nsf: str) -> str:
    """'pro' = production and services groups (2xx, 3xx), where CAP / Bac pro / BTS live."""
    return "pro" if nsf[0] in "23" and nsf != "346" else "acad"


@dataclass(frozen=True)
class _DipKind:
    type: DiplomaType
    family: str  # CFD characters 1-3 (NIVEAU_FORMATION_DIPLOME)
    level: int  # NIVEAU_QUALIFICATION_RNCP
    count: int  # at scale 1
    offer_weight: float  # relative number of offers per diploma
    pro_share: float  # share of these diplomas in 'pro' NSF groups
    label: str


DIPLOMA_KINDS: list[_DipKind] = [
    _DipKind(DiplomaType.CAP, "500", 3, 500, 25, 1.0, "CAP"),
    _DipKind(DiplomaType.BAC_PRO, "400", 4, 400, 30, 1.0, "Bac pro"),
    _DipKind(DiplomaType.BTS, "320", 5, 320, 22, 1.0, "BTS"),
    _DipKind(DiplomaType.DUT, "350", 5, 350, 6, 0.85, "DUT"),
    _DipKind(DiplomaType.LICENCE_PRO, "250", 6, 250, 5, 0.85, "Licence professionnelle"),
    _DipKind(DiplomaType.BUT, "251", 6, 330, 6, 0.85, "BUT"),
    _DipKind(DiplomaType.LICENCE, "205", 6, 450, 4, 0.5, "Licence"),
    _DipKind(DiplomaType.MASTER, "145", 7, 900, 3, 0.5, "Master"),
    _DipKind(DiplomaType.INGENIEUR, "170", 7, 500, 2, 0.75, "Diplôme d'ingénieur"),
]
N_DIPLOMAS = sum(k.count for k in DIPLOMA_KINDS)

# Continuations: consecutive levels, same NSF group.
CONTINUATIONS: list[tuple[DiplomaType, DiplomaType]] = [
    (DiplomaType.CAP, DiplomaType.BAC_PRO),
    (DiplomaType.BAC_PRO, DiplomaType.BTS),
    (DiplomaType.BAC_PRO, DiplomaType.DUT),
    (DiplomaType.BTS, DiplomaType.LICENCE_PRO),
    (DiplomaType.BTS, DiplomaType.BUT),
    (DiplomaType.BTS, DiplomaType.INGENIEUR),
    (DiplomaType.DUT, DiplomaType.LICENCE_PRO),
    (DiplomaType.LICENCE_PRO, DiplomaType.MASTER),
    (DiplomaType.LICENCE_PRO, DiplomaType.INGENIEUR),
    (DiplomaType.BUT, DiplomaType.MASTER),
    (DiplomaType.BUT, DiplomaType.INGENIEUR),
    (DiplomaType.LICENCE, DiplomaType.MASTER),
]

# Actor kind mix (directories: annuaire de l'éducation, CFA list, ESR, companies of the seeds).
ACTOR_KINDS: list[tuple[ActorKind, float]] = [
    (ActorKind.LYCEE, 0.40),
    (ActorKind.CFA, 0.15),
    (ActorKind.COMPANY, 0.12),
    (ActorKind.TRAINING_CENTRE, 0.08),
    (ActorKind.LYCEE_AGRICOLE, 0.04),
    (ActorKind.HIGHER_EDUCATION, 0.04),
    (ActorKind.GRETA, 0.03),
    (ActorKind.ENGINEERING_SCHOOL, 0.02),
    (ActorKind.IUT, 0.012),
    (ActorKind.UNIVERSITY, 0.008),
    (ActorKind.ORIENTATION_SERVICE, 0.02),
    (ActorKind.ASSOCIATION, 0.025),
    (ActorKind.PUBLIC_BODY, 0.02),
    (ActorKind.CHAMBER, 0.015),
    (ActorKind.CLUSTER, 0.01),
    (ActorKind.RESEARCH_LAB, 0.01),
]
_UAI_KINDS = {
    ActorKind.LYCEE,
    ActorKind.LYCEE_AGRICOLE,
    ActorKind.CFA,
    ActorKind.GRETA,
    ActorKind.IUT,
    ActorKind.UNIVERSITY,
    ActorKind.ENGINEERING_SCHOOL,
    ActorKind.HIGHER_EDUCATION,
    ActorKind.ORIENTATION_SERVICE,
}
_CITY_KINDS = {
    ActorKind.IUT,
    ActorKind.UNIVERSITY,
    ActorKind.ENGINEERING_SCHOOL,
    ActorKind.HIGHER_EDUCATION,
    ActorKind.RESEARCH_LAB,
    ActorKind.CHAMBER,
    ActorKind.PUBLIC_BODY,
    ActorKind.CLUSTER,
}

# Who offers which diploma type (share of the offers), and in which modality.
_POOLS: dict[DiplomaType, list[tuple[ActorKind, float]]] = {
    DiplomaType.CAP: [
        (ActorKind.LYCEE, 0.55),
        (ActorKind.CFA, 0.30),
        (ActorKind.TRAINING_CENTRE, 0.10),
        (ActorKind.GRETA, 0.05),
    ],
    DiplomaType.BAC_PRO: [
        (ActorKind.LYCEE, 0.70),
        (ActorKind.CFA, 0.22),
        (ActorKind.TRAINING_CENTRE, 0.05),
        (ActorKind.GRETA, 0.03),
    ],
    DiplomaType.BTS: [
        (ActorKind.LYCEE, 0.60),
        (ActorKind.CFA, 0.25),
        (ActorKind.HIGHER_EDUCATION, 0.10),
        (ActorKind.TRAINING_CENTRE, 0.05),
    ],
    DiplomaType.DUT: [(ActorKind.IUT, 0.85), (ActorKind.CFA, 0.15)],
    DiplomaType.BUT: [(ActorKind.IUT, 0.85), (ActorKind.CFA, 0.15)],
    DiplomaType.LICENCE_PRO: [
        (ActorKind.IUT, 0.5),
        (ActorKind.UNIVERSITY, 0.3),
        (ActorKind.CFA, 0.2),
    ],
    DiplomaType.LICENCE: [(ActorKind.UNIVERSITY, 1.0)],
    DiplomaType.MASTER: [
        (ActorKind.UNIVERSITY, 0.85),
        (ActorKind.HIGHER_EDUCATION, 0.10),
        (ActorKind.CFA, 0.05),
    ],
    DiplomaType.INGENIEUR: [(ActorKind.ENGINEERING_SCHOOL, 0.85), (ActorKind.CFA, 0.15)],
}
_MODALITIES: dict[ActorKind, list[tuple[Modality, float]]] = {
    ActorKind.LYCEE: [(Modality.SCHOOL, 0.85), (Modality.APPRENTICESHIP, 0.15)],
    ActorKind.LYCEE_AGRICOLE: [(Modality.SCHOOL, 0.8), (Modality.APPRENTICESHIP, 0.2)],
    ActorKind.CFA: [(Modality.APPRENTICESHIP, 1.0)],
    ActorKind.GRETA: [(Modality.CONTINUING, 1.0)],
    ActorKind.TRAINING_CENTRE: [(Modality.APPRENTICESHIP, 0.6), (Modality.CONTINUING, 0.4)],
    ActorKind.IUT: [(Modality.SCHOOL, 0.7), (Modality.APPRENTICESHIP, 0.3)],
    ActorKind.UNIVERSITY: [(Modality.SCHOOL, 0.85), (Modality.APPRENTICESHIP, 0.15)],
    ActorKind.ENGINEERING_SCHOOL: [(Modality.SCHOOL, 0.6), (Modality.APPRENTICESHIP, 0.4)],
    ActorKind.HIGHER_EDUCATION: [(Modality.SCHOOL, 0.7), (Modality.APPRENTICESHIP, 0.3)],
}
_ROME_LETTER = {
    "20": "H", "21": "A", "22": "H", "23": "F", "24": "B", "25": "I", "30": "K", "31": "D",
    "32": "E", "33": "J", "34": "K", "10": "K", "11": "K", "12": "K", "13": "L", "41": "G",
    "42": "K",
}  # fmt: skip
_UAI_KEY = "ABCDEFGHJKLMNPRSTUVWXYZ"  # check letter alphabet of the UAI (no I, O, Q)

_PEOPLE = [
    "Jean Jaurès", "Marie Curie", "Victor Hugo", "Jules Ferry", "Louise Michel", "Pierre Mendès",
    "Jean Moulin", "George Sand", "Paul Éluard", "Simone Veil", "Gustave Eiffel", "Jean Monnet",
    "Olympe de Gouges", "Albert Camus", "Émile Zola", "Antoine de Saint-Exupéry", "Denis Papin",
    "Camille Claudel", "Louis Pasteur", "Jacques Prévert", "Charles de Gaulle", "Léonard de Vinci",
    "Marcel Pagnol", "Joseph Fourier", "Gaston Monnerville", "Champollion", "Alexis Monteil",
    "Rosa Parks", "Germaine Tillion", "Condorcet", "Vauban", "Henri Becquerel", "Françoise Dolto",
]  # fmt: skip
_ROOTS = [
    "Mont", "Val", "Roche", "Bel", "Font", "Castel", "Ville", "Beau", "Mar", "Lan", "Pra", "Cour",
    "Bour", "Ver", "Sau", "Cha", "Ro", "Li", "Ca", "Mou", "Bri", "Tor", "Gour", "Pey", "Ser",
]  # fmt: skip
_ENDS = [
    "ac", "y", "ville", "court", "mont", "ières", "ange", "heim", "argues", "an", "eux", "ieu",
    "ois", "ès", "ignan", "el", "ay", "enne", "as", "in",
]  # fmt: skip
_PREFIXES = ["", "", "", "", "Saint-", "Sainte-", "Le ", "La ", "Les ", "Villeneuve-"]
_RIVERS = ["Lot", "Loire", "Garonne", "Seine", "Rhône", "Marne", "Dordogne", "Tarn", "Aude"]


def counts(scale: float = 1.0) -> dict[str, int]:
    """Target sizes for a scale (the generator may produce slightly fewer passerelles)."""

    def n(x: int, lo: int = 1) -> int:
        return max(lo, round(x * scale))

    return {
        "sites": n(N_SITES, 4),
        "actors": n(N_ACTORS, 30),
        "diplomas": sum(n(k.count) for k in DIPLOMA_KINDS),
        "offers": n(N_OFFERS, 20),
        "passerelles": n(N_PASSERELLES, 5),
        "campuses": max(2, min(N_CAMPUSES, round(N_CAMPUSES * scale))),
        "nsf_groups": max(4, min(len(NSF_GROUPS), round(len(NSF_GROUPS) * scale))),
    }


def _weighted(rng: random.Random, items: list[tuple[Any, float]]) -> Any:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items], k=1)[0]


def _largest_remainder(total: int, shares: list[tuple[Any, float]]) -> list[tuple[Any, int]]:
    raw = [(k, total * s / sum(w for _, w in shares)) for k, s in shares]
    out = [[k, math.floor(v)] for k, v in raw]
    left = total - sum(c for _, c in out)
    order = sorted(range(len(raw)), key=lambda i: -(raw[i][1] - math.floor(raw[i][1])))
    for i in order[:left]:
        out[i][1] += 1
    return [(k, c) for k, c in out]


def _uai(dept: str, number: int) -> str:
    d3 = "0" + dept  # 3 chars: 031, 02A
    if dept.isdigit():
        key = _UAI_KEY[int(f"{d3}{number:04d}") % 23]
    else:
        key = _UAI_KEY[(200 + number) % 23]
    return f"{d3}{number:04d}{key}"


class _Builder:
    def __init__(self, scale: float, seed: int) -> None:
        if not 0 < scale <= 10:
            raise ValueError("scale must be in (0, 10]")
        self.scale = scale
        self.rng = random.Random(seed)
        self.n = counts(scale)

    # -- territory ------------------------------------------------------------------------
    def _commune_name(self) -> str:
        r = self.rng
        name = r.choice(_PREFIXES) + r.choice(_ROOTS) + r.choice(_ENDS)
        if r.random() < 0.15:
            name += "-sur-" + r.choice(_RIVERS)
        return name

    def sites(self) -> None:
        r = self.rng
        depts = list(DEPARTEMENTS)
        r.shuffle(depts)  # which départements get a chef-lieu first when there are few sites
        self.dept = {d[0]: d for d in DEPARTEMENTS}
        used: dict[str, set[int]] = {d[0]: set() for d in DEPARTEMENTS}
        self.site_rows: list[dict[str, Any]] = []
        self.sites_by_dept: dict[str, list[dict[str, Any]]] = {}
        self.chef_sites: list[dict[str, Any]] = []

        def add(dcode: str, name: str, lat: float, lon: float) -> dict[str, Any]:
            while True:
                num = r.randint(1, 989)
                if num not in used[dcode]:
                    used[dcode].add(num)
                    break
            d = self.dept[dcode]
            row = {
                "insee": f"{dcode}{num:03d}",
                "name": name,
                "departement": "0" + dcode,
                "region_code": d[2],
                "lat": round(lat, 5),
                "lon": round(lon, 5),
                "source": SOURCE,
            }
            self.site_rows.append(row)
            self.sites_by_dept.setdefault(dcode, []).append(row)
            return row

        for d in depts[: max(1, self.n["sites"] // 2)]:  # every département at scale 1
            self.chef_sites.append(add(d[0], d[3], d[4], d[5]))
        weights = [d[6] for d in DEPARTEMENTS]
        while len(self.site_rows) < self.n["sites"]:
            d = r.choices(DEPARTEMENTS, weights=weights, k=1)[0]
            if d[0] not in self.sites_by_dept:
                continue  # small scales: stay in the départements that have a chef-lieu
            sd = (0.03, 0.045) if d[0] in _DENSE else (0.12, 0.18) if d[0] in _IDF else (0.22, 0.3)
            lat = d[4] + max(-2.2, min(2.2, r.gauss(0, 1))) * sd[0]
            lon = d[5] + max(-2.2, min(2.2, r.gauss(0, 1))) * sd[1]
            add(d[0], self._commune_name(), lat, lon)
        self.site_weight = [self.dept[s["insee"][:2]][6] for s in self.site_rows]

    def campuses(self) -> None:
        present = sorted(self.sites_by_dept, key=lambda c: (self.dept[c][2], c))
        k = min(self.n["campuses"], len(present))
        self.campus_rows: list[dict[str, Any]] = []
        self.campus_of_dept: dict[str, int] = {}
        for i in range(k):
            chunk = present[i * len(present) // k : (i + 1) * len(present) // k]
            for c in chunk:
                self.campus_of_dept[c] = i
            self.campus_rows.append(
                {
                    "id": f"cmq-synthetique-{i + 1:02d}",
                    "name": "Campus des métiers synthétique "
                    + ", ".join(self.dept[c][1] for c in chunk[:3])
                    + (" …" if len(chunk) > 3 else ""),
                    "short_name": f"Synthétique {i + 1:02d}",
                    "region_code": self.dept[chunk[0]][2],
                    "departements": ["0" + c for c in chunk],
                    "industry": "(filled below)",
                    "description": "Campus généré pour le banc d'essai des parcours.",
                    "source": SOURCE,
                }
            )

    # -- nomenclature ---------------------------------------------------------------------
    def groups(self) -> None:
        r = self.rng
        pro = [g for g in NSF_GROUPS if _profile(g[0]) == "pro"]
        acad = [g for g in NSF_GROUPS if _profile(g[0]) == "acad"]
        r.shuffle(pro)
        r.shuffle(acad)
        order: list[tuple[str, str]] = []
        while pro or acad:  # two production/service groups for one academic group
            for src in (pro, pro, acad):
                if src:
                    order.append(src.pop())
        self.groups_used = order[: self.n["nsf_groups"]]
        self.group_label = dict(self.groups_used)
        self.group_campus = {g: i % len(self.campus_rows) for i, (g, _) in enumerate(order)}
        self.by_profile = {
            p: [g for g, _ in self.groups_used if _profile(g) == p] for p in ("pro", "acad")
        }
        self.sector_rows: list[dict[str, Any]] = []
        self.sector_of_group: dict[str, str] = {}
        for g, label in self.groups_used:
            letter = _ROME_LETTER.get(g[:2], "K")
            rome = sorted(
                {f"{letter}{r.randint(11, 28):02d}{r.randint(1, 99):02d}" for _ in range(2)}
            )
            sid = f"nsf-{g}-{slugify(label)}"[:60].rstrip("-")
            self.sector_of_group[g] = sid
            self.sector_rows.append(
                {
                    "id": sid,
                    "name": label,
                    "kind": "filiere",
                    "rome": rome,
                    "nsf": [g],
                    "source": SOURCE,
                }
            )
        for i, c in enumerate(self.campus_rows):
            mine = [g for g, _ in self.groups_used if self.group_campus[g] == i]
            c["industry"] = self.group_label[mine[0]] if mine else "Industrie"

    def diplomas(self) -> None:
        r = self.rng
        self.diploma_rows: list[dict[str, Any]] = []
        self.by_group_type: dict[tuple[str, DiplomaType], list[str]] = {}
        self.dip_kind: dict[str, _DipKind] = {}
        self.dip_group: dict[str, str] = {}
        serial: dict[tuple[str, str], int] = {}
        for kind in DIPLOMA_KINDS:
            for _ in range(max(1, round(kind.count * self.scale))):
                for _attempt in range(50):
                    prof = "pro" if r.random() < kind.pro_share else "acad"
                    pool = (
                        self.by_profile[prof]
                        or self.by_profile["pro" if prof == "acad" else "acad"]
                    )
                    g = r.choice(pool)
                    n = serial.get((kind.family, g), r.randint(0, 20)) + 1
                    if n <= 99:
                        break
                else:
                    raise RuntimeError("CFD serial numbers exhausted")
                serial[(kind.family, g)] = n
                code = f"{kind.family}{g}{n:02d}"
                row: dict[str, Any] = {
                    "code": code,
                    "name": f"{kind.label} {self.group_label[g].lower()} — spécialité {n}",
                    "type": kind.type.value,
                    "level": kind.level,
                    "nsf": g,
                    "sectors": [self.sector_of_group[g]],
                    "source": SOURCE,
                }
                if r.random() < 0.7:
                    row["rncp"] = f"RNCP{r.randint(10000, 39999)}"
                self.diploma_rows.append(row)
                self.by_group_type.setdefault((g, kind.type), []).append(code)
                self.dip_kind[code] = kind
                self.dip_group[code] = g

    # -- actors and offers ----------------------------------------------------------------
    def actors(self) -> None:
        r = self.rng
        self.actor_rows: list[dict[str, Any]] = []
        self.actors_by_kind: dict[ActorKind, list[dict[str, Any]]] = {}
        uai_used: dict[str, set[int]] = {}
        serial = 0
        universities: list[str] = []
        for kind, count in _largest_remainder(self.n["actors"], ACTOR_KINDS):
            for _ in range(count):
                serial += 1
                if kind in _CITY_KINDS and r.random() < 0.7:
                    site = r.choice(self.chef_sites)
                else:
                    site = r.choices(self.site_rows, weights=self.site_weight, k=1)[0]
                dept = site["insee"][:2]
                commune = site["name"]
                row: dict[str, Any] = {"kind": kind.value, "site": site["insee"], "source": SOURCE}
                if kind in _UAI_KINDS:
                    used = uai_used.setdefault(dept, set())
                    while True:
                        num = r.randint(1, 9999)
                        if num not in used:
                            used.add(num)
                            break
                    uai = _uai(dept, num)
                    row["uai"] = uai
                    row["id"] = f"{kind.value.replace('_', '-')}-{uai.lower()}"
                else:
                    row["id"] = f"{kind.value.replace('_', '-')}-{serial:05d}"
                row["name"] = self._actor_name(kind, commune)
                if kind in (ActorKind.LYCEE, ActorKind.LYCEE_AGRICOLE):
                    row["public"] = r.random() < 0.8
                    if r.random() < 0.35:
                        row["boarding_places"] = r.randint(20, 250)
                elif kind in (ActorKind.IUT, ActorKind.UNIVERSITY):
                    row["public"] = True
                if kind == ActorKind.UNIVERSITY:
                    universities.append(row["id"])
                if kind == ActorKind.IUT and universities:
                    row["parent"] = r.choice(universities)
                if kind in (ActorKind.COMPANY, ActorKind.CLUSTER):
                    row["sectors"] = sorted(
                        {r.choice(self.sector_rows)["id"] for _ in range(r.randint(1, 2))}
                    )
                if r.random() < (0.5 if kind in _UAI_KINDS else 0.3):
                    row["campus_role"] = r.choice(
                        ["membre", "établissement membre", "partenaire associé"]
                    )
                self.actor_rows.append(row)
                self.actors_by_kind.setdefault(kind, []).append(row)
        self.actor_by_id = {a["id"]: a for a in self.actor_rows}
        self.site_by_insee = {s["insee"]: s for s in self.site_rows}

    def _actor_name(self, kind: ActorKind, commune: str) -> str:
        r = self.rng
        person = r.choice(_PEOPLE)
        return {
            ActorKind.LYCEE: f"Lycée {r.choice(['professionnel', 'polyvalent', ''])} {person}",
            ActorKind.LYCEE_AGRICOLE: f"Lycée agricole de {commune}",
            ActorKind.CFA: f"CFA {r.choice(['BTP', 'des métiers', 'de l’industrie', 'régional'])}"
            f" de {commune}",
            ActorKind.GRETA: f"GRETA {commune}",
            ActorKind.IUT: f"IUT de {commune}",
            ActorKind.UNIVERSITY: f"Université de {commune}",
            ActorKind.ENGINEERING_SCHOOL: f"École d'ingénieurs {person} de {commune}",
            ActorKind.HIGHER_EDUCATION: f"Institut supérieur {person}",
            ActorKind.TRAINING_CENTRE: f"Centre de formation {commune}",
            ActorKind.COMPANY: f"{person.split()[-1]} {r.choice(['Industries', 'Services'])} SAS",
        }.get(kind, f"{kind.value.replace('_', ' ').capitalize()} {commune}").replace("  ", " ")

    def offers(self) -> None:
        r = self.rng
        codes = [d["code"] for d in self.diploma_rows]
        weights = [self.dip_kind[c].offer_weight for c in codes]
        chosen = r.choices(codes, weights=weights, k=self.n["offers"])
        schools = [a for k in _MODALITIES for a in self.actors_by_kind.get(k, [])]
        keys: set[tuple[str, str, str | None, str]] = set()
        self.offer_rows: list[dict[str, Any]] = []
        self.offered_by: dict[str, list[str]] = {}
        for code in chosen:
            kind = self.dip_kind[code]
            pool = list(_POOLS[kind.type])
            if self.dip_group[code].startswith("21"):  # agriculture: lycées agricoles
                pool = [
                    (ActorKind.LYCEE_AGRICOLE if k == ActorKind.LYCEE else k, w) for k, w in pool
                ]
            for _attempt in range(8):
                akind = _weighted(r, pool)
                candidates = self.actors_by_kind.get(akind) or schools
                actor = r.choice(candidates)
                modality = _weighted(
                    r, _MODALITIES.get(ActorKind(actor["kind"]), [(Modality.SCHOOL, 1.0)])
                )
                site = None
                if r.random() < 0.12:
                    others = self.sites_by_dept[actor["site"][:2]]
                    site = r.choice(others)["insee"]
                    if site == actor["site"]:
                        site = None
                key = (actor["id"], code, site, modality.value)
                if key not in keys:
                    break
            else:
                continue
            keys.add(key)
            row: dict[str, Any] = {
                "actor": actor["id"],
                "diploma": code,
                "modality": modality.value,
                "status": "planned" if r.random() < 0.03 else "open",
                "source": SOURCE,
            }
            if site is not None:
                row["site"] = site
            if r.random() < 0.92:
                row["capacity"] = r.randint(12, 36)
            if r.random() < 0.7:
                row["year"] = 2024
            self.offer_rows.append(row)
            self.offered_by.setdefault(code, []).append(actor["id"])

    # -- passerelles ----------------------------------------------------------------------
    def passerelles(self) -> None:
        r = self.rng
        total = self.n["passerelles"]
        n_reo = round(total * REORIENTATION_SHARE)
        pool: list[tuple[str, str]] = []
        for g, _ in self.groups_used:
            for a_type, b_type in CONTINUATIONS:
                for a in self.by_group_type.get((g, a_type), []):
                    for b in self.by_group_type.get((g, b_type), []):
                        pool.append((a, b))
        self.continuation_pairs_available = len(pool)
        pairs = r.sample(pool, total - n_reo) if len(pool) > total - n_reo else pool
        kinds = {p: "continuation" for p in pairs}
        by_domain: dict[str, list[str]] = {}
        for d in self.diploma_rows:
            by_domain.setdefault(d["nsf"][0], []).append(d["code"])
        attempts = 0
        n_target = len(pairs) + n_reo
        while len(kinds) < n_target and attempts < 50 * n_reo + 100:
            attempts += 1
            src = r.choice(self.diploma_rows)
            if src["level"] >= 7:
                continue
            b_code = r.choice(by_domain[src["nsf"][0]])
            b_kind = self.dip_kind[b_code]
            if (
                self.dip_group[b_code] == src["nsf"]
                or b_kind.level not in (src["level"], src["level"] - 1)
                or (src["code"], b_code) in kinds
            ):
                continue
            kinds[(src["code"], b_code)] = "reorientation"
        self.passerelle_rows: list[dict[str, Any]] = []
        for (a, b), kind in kinds.items():
            row: dict[str, Any] = {
                "id": f"pa-{a.lower()}-{b.lower()}",
                "kind": kind,
                "from": [a],
                "to": [b],
                "source": SOURCE,
            }
            x = r.random()
            if x < 0.08:
                row["rate"] = round(r.uniform(0.05, 0.6), 2)
            elif x < 0.13:
                row["entrant_share"] = round(r.uniform(0.1, 0.8), 2)
            elif x < 0.16:
                row["reserved_share"] = round(r.uniform(0.1, 0.7), 2)
            if kind == "reorientation":
                row["conditions"] = "Sur dossier, après avis de l'équipe pédagogique."
            elif r.random() < 0.05:
                row["modality"] = "apprenticeship"
            if r.random() < 0.10 and self.offered_by.get(b):
                row["parties"] = sorted(
                    set(r.sample(self.offered_by[b], min(2, len(self.offered_by[b]))))
                )
            self.passerelle_rows.append(row)

    # -- the rest of a campus file ----------------------------------------------------------
    def extras(self) -> None:
        r = self.rng
        self.platform_rows: list[dict[str, Any]] = []
        hosts = self.actors_by_kind.get(ActorKind.LYCEE, []) + self.actors_by_kind.get(
            ActorKind.IUT, []
        )
        for i in range(max(1, round(150 * self.scale)) if hosts else 0):
            host = r.choice(hosts)
            self.platform_rows.append(
                {
                    "id": f"plateforme-synthetique-{i + 1:04d}",
                    "name": f"Plateau technique {i + 1} — {host['name']}",
                    "kind": r.choice(["pft", "plateau_technique", "fablab"]),
                    "host": host["id"],
                    "sectors": [r.choice(self.sector_rows)["id"]],
                    "source": SOURCE,
                }
            )
        self.partnership_rows: list[dict[str, Any]] = []
        companies = self.actors_by_kind.get(ActorKind.COMPANY, [])
        schools = self.actors_by_kind.get(ActorKind.LYCEE, []) + self.actors_by_kind.get(
            ActorKind.CFA, []
        )
        for _ in range(round(3000 * self.scale) if companies and schools else 0):
            self.partnership_rows.append(
                {
                    "a": r.choice(companies)["id"],
                    "b": r.choice(schools)["id"],
                    "kind": r.choice(["placements", "training", "convention", "project"]),
                    "source": SOURCE,
                }
            )

    # -- assembly ---------------------------------------------------------------------------
    def files(self) -> dict[Path, SeedFile]:
        k = len(self.campus_rows)
        docs: list[dict[str, Any]] = [
            {
                "campus": c,
                "sectors": [],
                "sites": [],
                "actors": [],
                "diplomas": [],
                "offers": [],
                "platforms": [],
                "passerelles": [],
                "partnerships": [],
                "demand": [],
                "transport_links": [],
            }
            for c in self.campus_rows
        ]

        def of_site(insee: str) -> int:
            return self.campus_of_dept[insee[:2]]

        for s in self.sector_rows:
            docs[self.group_campus[s["nsf"][0]] % k]["sectors"].append(s)
        for s in self.site_rows:
            docs[of_site(s["insee"])]["sites"].append(s)
        for a in self.actor_rows:
            docs[of_site(a["site"])]["actors"].append(a)
        for d in self.diploma_rows:
            docs[self.group_campus[d["nsf"]] % k]["diplomas"].append(d)
        for o in self.offer_rows:
            docs[of_site(self.actor_by_id[o["actor"]]["site"])]["offers"].append(o)
        for p in self.platform_rows:
            docs[of_site(self.actor_by_id[p["host"]]["site"])]["platforms"].append(p)
        for p in self.passerelle_rows:
            docs[self.group_campus[self.dip_group[p["from"][0]]] % k]["passerelles"].append(p)
        for p in self.partnership_rows:
            docs[of_site(self.actor_by_id[p["a"]]["site"])]["partnerships"].append(p)
        for i, doc in enumerate(docs):
            for s in doc["sectors"][:3]:
                doc["demand"].append(
                    {
                        "sector": s["id"],
                        "period": "2024",
                        "count": self.rng.randint(5, 400),
                        "source": SOURCE,
                    }
                )
            sites = doc["sites"]
            for _ in range(min(5, len(sites) // 2)):
                a, b = self.rng.sample(sites, 2)
                doc["transport_links"].append(
                    {
                        "a": a["insee"],
                        "b": b["insee"],
                        "mode": "road",
                        "quality": "unknown",
                        "source": SOURCE,
                    }
                )
            doc["campus"] = dict(doc["campus"], id=self.campus_rows[i]["id"])
        return {
            Path("bench/synthetic") / f"{doc['campus']['id']}.toml": SeedFile.model_validate(doc)
            for doc in docs
        }


def generate(scale: float = 1.0, seed: int = 7) -> SeedSet:
    """A validated synthetic SeedSet (``scale=1``: national size), deterministic in its args."""
    b = _Builder(scale, seed)
    b.sites()
    b.campuses()
    b.groups()
    b.diplomas()
    b.actors()
    b.offers()
    b.passerelles()
    b.extras()
    return build_seed_set(b.files())


def main() -> None:  # pragma: no cover - a convenience for looking at the sizes
    import argparse
    import json
    import time

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    t0 = time.perf_counter()
    s = generate(args.scale, args.seed)
    files = list(s.files.values())
    print(
        json.dumps(
            {
                "seconds": round(time.perf_counter() - t0, 2),
                "files": len(files),
                "sites": len(s.sites),
                "actors": len(s.actors),
                "diplomas": len(s.diplomas),
                "sectors": len(s.sectors),
                "offers": sum(len(f.offers) for f in files),
                "passerelles": sum(len(f.passerelles) for f in files),
                "reorientations": sum(
                    p.kind == "reorientation" for f in files for p in f.passerelles
                ),
            },
            indent=2,
        )
    )


if __name__ == "__main__":  # pragma: no cover
    main()
