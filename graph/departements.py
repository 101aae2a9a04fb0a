"""The names of the French départements and régions, for the sentences users read.

A small table shipped with the package (the product never reads the public files at run time):
the 101 départements (with Corse-du-Sud 2A and Haute-Corse 2B, and the five DROM 971–976), the
overseas collectivities the national files place schools in (975, 977, 978, 984, 986–989),
and the 18 régions. Source: INSEE, Code officiel géographique (COG) 2026, « Liste des
départements » and « Liste des régions »
(https://www.insee.fr/fr/metadonnees/source/operation/s2085/produits), Licence Ouverte 2.0;
copied once from the ``@etalab/decoupage-administratif`` 6.0.0 package, which republishes the
COG (docs/communes.md, docs/names.md). Keys are the graph's stored forms: a
département on three characters (``006``, ``02A``, ``971``), a région on two (``93``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated

from pydantic import PlainSerializer

__all__ = [
    "DEPARTEMENTS",
    "InseeDepartement",
    "InseeDepartements",
    "REGION_NAMES",
    "and_list",
    "de_phrase",
    "departement_label",
    "departement_name",
    "departement_number",
    "departement_of",
    "departement_place",
    "departements_phrase",
    "insee_departement",
    "region_label",
    "region_phrase",
]

# How « de » joins a name, by the COG's type of name (TNCC, « typeLiaison »): 0 no article,
# consonant (« de Paris »); 1 no article, vowel (« d'Eure-et-Loir »);
# 2 « le » (« du Lot »); 3 « la » (« de la Creuse »); 4 « les » (« des Alpes-Maritimes »);
# 5 « l' » (« de l'Ain »).
_OF = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'"}

# stored code -> (name, TNCC)
DEPARTEMENTS: Mapping[str, tuple[str, int]] = {
    "001": ("Ain", 5),
    "002": ("Aisne", 5),
    "003": ("Allier", 5),
    "004": ("Alpes-de-Haute-Provence", 4),
    "005": ("Hautes-Alpes", 4),
    "006": ("Alpes-Maritimes", 4),
    "007": ("Ardèche", 5),
    "008": ("Ardennes", 4),
    "009": ("Ariège", 5),
    "010": ("Aube", 5),
    "011": ("Aude", 5),
    "012": ("Aveyron", 5),
    "013": ("Bouches-du-Rhône", 4),
    "014": ("Calvados", 2),
    "015": ("Cantal", 2),
    "016": ("Charente", 3),
    "017": ("Charente-Maritime", 3),
    "018": ("Cher", 2),
    "019": ("Corrèze", 3),
    "021": ("Côte-d'Or", 3),
    "022": ("Côtes-d'Armor", 4),
    "023": ("Creuse", 3),
    "024": ("Dordogne", 3),
    "025": ("Doubs", 2),
    "026": ("Drôme", 3),
    "027": ("Eure", 5),
    "028": ("Eure-et-Loir", 1),
    "029": ("Finistère", 2),
    "02A": ("Corse-du-Sud", 3),
    "02B": ("Haute-Corse", 3),
    "030": ("Gard", 2),
    "031": ("Haute-Garonne", 3),
    "032": ("Gers", 2),
    "033": ("Gironde", 3),
    "034": ("Hérault", 5),
    "035": ("Ille-et-Vilaine", 1),
    "036": ("Indre", 5),
    "037": ("Indre-et-Loire", 1),
    "038": ("Isère", 5),
    "039": ("Jura", 2),
    "040": ("Landes", 4),
    "041": ("Loir-et-Cher", 2),
    "042": ("Loire", 3),
    "043": ("Haute-Loire", 3),
    "044": ("Loire-Atlantique", 3),
    "045": ("Loiret", 2),
    "046": ("Lot", 2),
    "047": ("Lot-et-Garonne", 2),
    "048": ("Lozère", 3),
    "049": ("Maine-et-Loire", 0),
    "050": ("Manche", 3),
    "051": ("Marne", 3),
    "052": ("Haute-Marne", 3),
    "053": ("Mayenne", 3),
    "054": ("Meurthe-et-Moselle", 0),
    "055": ("Meuse", 3),
    "056": ("Morbihan", 2),
    "057": ("Moselle", 3),
    "058": ("Nièvre", 3),
    "059": ("Nord", 2),
    "060": ("Oise", 5),
    "061": ("Orne", 5),
    "062": ("Pas-de-Calais", 2),
    "063": ("Puy-de-Dôme", 2),
    "064": ("Pyrénées-Atlantiques", 4),
    "065": ("Hautes-Pyrénées", 4),
    "066": ("Pyrénées-Orientales", 4),
    "067": ("Bas-Rhin", 2),
    "068": ("Haut-Rhin", 2),
    "069": ("Rhône", 2),
    "070": ("Haute-Saône", 3),
    "071": ("Saône-et-Loire", 0),
    "072": ("Sarthe", 3),
    "073": ("Savoie", 3),
    "074": ("Haute-Savoie", 3),
    "075": ("Paris", 0),
    "076": ("Seine-Maritime", 3),
    "077": ("Seine-et-Marne", 0),
    "078": ("Yvelines", 4),
    "079": ("Deux-Sèvres", 4),
    "080": ("Somme", 3),
    "081": ("Tarn", 2),
    "082": ("Tarn-et-Garonne", 2),
    "083": ("Var", 2),
    "084": ("Vaucluse", 2),
    "085": ("Vendée", 3),
    "086": ("Vienne", 3),
    "087": ("Haute-Vienne", 3),
    "088": ("Vosges", 4),
    "089": ("Yonne", 5),
    "090": ("Territoire de Belfort", 2),
    "091": ("Essonne", 5),
    "092": ("Hauts-de-Seine", 4),
    "093": ("Seine-Saint-Denis", 3),
    "094": ("Val-de-Marne", 2),
    "095": ("Val-d'Oise", 2),
    "971": ("Guadeloupe", 3),
    "972": ("Martinique", 3),
    "973": ("Guyane", 3),
    "974": ("La Réunion", 0),
    "976": ("Mayotte", 0),
    "975": ("Saint-Pierre-et-Miquelon", 0),
    "977": ("Saint-Barthélemy", 0),
    "978": ("Saint-Martin", 0),
    "984": ("Terres australes et antarctiques françaises", 0),
    "986": ("Wallis et Futuna", 0),
    "987": ("Polynésie française", 0),
    "988": ("Nouvelle-Calédonie", 0),
    "989": ("Île de Clipperton", 0),
}

# code -> name
REGION_NAMES: Mapping[str, str] = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}


def departement_number(code: str) -> str:
    """A département's code as people write it: the graph's three characters without the
    padding zero, two characters kept (« 076 » → « 76 », « 006 » → « 06 », « 02A » → « 2A »).

    >>> [departement_number(c) for c in ("076", "006", "02A", "971", "46")]
    ['76', '06', '2A', '971', '46']
    """
    code = str(code)
    return code[1:] if len(code) == 3 and code.startswith("0") else code


# the annuaire's and the UAIs' old numbers of Corsica's two départements (« 620 », « 720 »)
_OLD_CORSICA = {"620": "2A", "720": "2B", "20A": "2A", "20B": "2B"}


def insee_departement(code: str) -> str:
    """A département as the INSEE writes it (the COG code map clients join on), whatever form
    a file or the graph gives: the graph's three characters without the padding zero, Corsica
    by its letters, overseas on three digits. The one place the API's ``departement`` fields
    are written from (:data:`InseeDepartement`); a code it does not recognise is returned as
    it is (trimmed, upper case).

    >>> [insee_departement(c) for c in ("035", "35", "5", "006", "075")]
    ['35', '35', '05', '06', '75']
    >>> [insee_departement(c) for c in ("02A", "2a", "620", "720", "02B")]
    ['2A', '2A', '2A', '2B', '2B']
    >>> [insee_departement(c) for c in ("971", "974", "976", "987", "099")]
    ['971', '974', '976', '987', '99']
    """
    code = str(code).strip().upper()
    if code in _OLD_CORSICA:
        return _OLD_CORSICA[code]
    if len(code) == 1 and code.isdigit():
        return "0" + code
    return departement_number(code)


def _insee_list(codes: list[str]) -> list[str]:
    return [insee_departement(c) for c in codes]


InseeDepartement = Annotated[str, PlainSerializer(insee_departement, when_used="json")]
"""A département field of an API answer: stored on three characters (``035``, ``02A``), written
in JSON as the INSEE code (``35``, ``2A``, ``971``)."""
InseeDepartements = Annotated[list[str], PlainSerializer(_insee_list, when_used="json")]
"""A list of départements of an API answer, written as INSEE codes (:data:`InseeDepartement`)."""


def _stored(code: str) -> str:
    code = str(code).upper()
    return code if len(code) == 3 else "0" + code


def departement_name(code: str) -> str | None:
    """« Alpes-Maritimes » for « 006 » or « 06 »; None for a code the table does not hold."""
    found = DEPARTEMENTS.get(_stored(code))
    return found[0] if found else None


def departement_label(code: str) -> str:
    """A département as people write it: its name and its number.

    >>> [departement_label(c) for c in ("006", "2A", "971", "46")]
    ['Alpes-Maritimes (06)', 'Corse-du-Sud (2A)', 'Guadeloupe (971)', 'Lot (46)']
    >>> departement_label("099")
    'département 99'
    """
    name = departement_name(code)
    number = departement_number(code)
    return f"{name} ({number})" if name else f"département {number}"


def departement_place(code: str) -> str:
    """A département inside brackets after a name, where its commune is unknown: « Lycée X
    (Alpes-Maritimes, 06) ».

    >>> departement_place("006"), departement_place("099")
    ('Alpes-Maritimes, 06', 'département 99')
    """
    name = departement_name(code)
    number = departement_number(code)
    return f"{name}, {number}" if name else f"département {number}"


def departement_of(code: str) -> str:
    """« des Alpes-Maritimes (06) », « du Lot (46) », « de l'Ain (01) »: after « département ».

    >>> [departement_of(c) for c in ("006", "046", "001", "023", "075", "099")]
    ['des Alpes-Maritimes (06)', 'du Lot (46)', "de l'Ain (01)", 'de la Creuse (23)', \
'de Paris (75)', '99']
    """
    found = DEPARTEMENTS.get(_stored(code))
    number = departement_number(code)
    if not found:
        return number
    name, tncc = found
    return f"{_OF.get(tncc, 'de ')}{name} ({number})"


def and_list(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def or_list(items: list[str]) -> str:
    """« a », « a ou b », « a, b ou c »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ou " + items[-1]


def departements_phrase(codes: Iterable[str]) -> str:
    """« le département des Alpes-Maritimes (06) », « les départements de l'Aveyron (12) et
    du Lot (46) »: a noun phrase, with its article.

    >>> departements_phrase(["012", "046"])
    "les départements de l'Aveyron (12) et du Lot (46)"
    """
    parts = [departement_of(c) for c in codes]
    if not parts:
        return "aucun département"
    if len(parts) == 1:
        return f"le département {parts[0]}"
    return f"les départements {and_list(parts)}"


def region_label(code: str) -> str:
    """« Occitanie » for « 76 »; « région 99 » for a code the table does not hold."""
    return REGION_NAMES.get(str(code)) or f"région {code}"


def region_phrase(code: str) -> str:
    """« la région Occitanie », « la région Provence-Alpes-Côte d'Azur »."""
    name = REGION_NAMES.get(str(code))
    return f"la région {name}" if name else f"la région {code}"


def de_phrase(text: str) -> str:
    """« de » before a noun phrase, contracted as French does.

    >>> [de_phrase(t) for t in ("le département du Lot (46)", "les départements de l'Ain (01) et \
du Lot (46)", "la région Corse", "tout le territoire")]
    ['du département du Lot (46)', "des départements de l'Ain (01) et du Lot (46)", \
'de la région Corse', 'de tout le territoire']
    """
    if text.startswith("le "):
        return "du " + text[3:]
    if text.startswith("les "):
        return "des " + text[4:]
    return "de " + text


def de_place(name: str) -> str:
    """« de » before a commune's name, contracted as French does.

    >>> [de_place(n) for n in ("Ajaccio", "Évry-Courcouronnes", "Le Mans", "Les Abymes",
    ...                        "La Rochelle", "Cahors")]
    ["d'Ajaccio", "d'Évry-Courcouronnes", 'du Mans', 'des Abymes', 'de La Rochelle', 'de Cahors']
    """
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in "AEIOUYÉÈÊÂÎÔ":
        return "d'" + name
    return "de " + name
