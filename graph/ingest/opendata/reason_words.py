"""The reasons of the rows an import rejects or skips, in French, for the summary a user reads
(``cmq import``). The English reasons stay the machine codes: the keys of ``--json``'s
``skipped`` and ``rejected``, the ``reason`` column of ``--report`` (scripts read them); the
text summary says them in French (« 9 × UAI invalide »). Column and file names are the files'
own (« MEF_STAT_11 », « nMef.csv »): what a user looks for in the file.

Every reason the importer gives is here: ``tests/unit/test_import_reason_words.py`` reads the
code for them.
"""

from __future__ import annotations

__all__ = ["REASONS_FR", "reason_fr"]

REASONS_FR: dict[str, str] = {
    # rejected rows (rows.py): an unusable identifier or name, a place abroad
    "invalid UAI": "UAI invalide",
    "invalid commune code (INSEE)": "code de commune (INSEE) invalide",
    "invalid diploma code (CFD)": "code de diplôme (CFD) invalide",
    "invalid course-year code (MEF_STAT_11)": "code d'année de formation (MEF_STAT_11) invalide",
    "invalid course-year code (MEF)": "code d'année de formation (MEF) invalide",
    "missing name": "nom manquant",
    "place abroad": "lieu à l'étranger",
    # filtered rows (not needed by the import, as intended)
    "outside the chosen départements": "hors des départements choisis",
    "MEF_STAT_11 named by no activity file": "MEF_STAT_11 nommé par aucun fichier d'activité",
    "diploma neither named by an offer and missing from nFormationDiplome_ nor a BUT or "
    "licence pro": (
        "diplôme dont l'import n'a pas besoin (ni BUT, ni licence professionnelle, ni diplôme "
        "d'une offre absent de nFormationDiplome_.csv)"
    ),
    "commune of no imported establishment": "commune d'aucun établissement importé",
    # skipped rows
    "exact duplicate row": "ligne en double exact",
    "voeu de recensement (a census wish, not an offer)": (
        "vœu de recensement (un recensement des souhaits, pas une offre)"
    ),
    "MEF_STAT_11 reused by an older MEF (kept the latest)": (
        "MEF_STAT_11 repris par un MEF plus ancien (le plus récent gardé)"
    ),
    "duplicate NIVEAU_FORMATION_DIPLOME": "NIVEAU_FORMATION_DIPLOME en double",
    "CFD not among the imported diplomas": "CFD absent des diplômes importés",
    "CFD shared by certifications of different labels (ambiguous)": (
        "CFD partagé par des certifications d'intitulés différents (ambigu)"
    ),
    "Code_Scolarité is not a CFD": "Code_Scolarité n'est pas un CFD",
    "no CFD (Code_Scolarité): a certification outside the BCN": (
        "pas de CFD (Code_Scolarité) : une certification hors de la BCN"
    ),
    "no label": "pas d'intitulé",
    "UAI already described by this file (kept its first row)": (
        "UAI déjà décrit par ce fichier (sa première ligne gardée)"
    ),
    "closed (date_fermeture set)": "fermé (date_fermeture renseignée)",
    "commune already listed (kept its first row)": "commune déjà listée (sa première ligne gardée)",
    "département already listed (kept its first row)": (
        "département déjà listé (sa première ligne gardée)"
    ),
    "no UAI": "pas d'UAI",
    "no département code (région-level row)": "pas de code de département (ligne d'une région)",
    "out of scope (school, collège, service) and named by no activity file": (
        "hors du champ (école, collège, service) et nommé par aucun fichier d'activité"
    ),
    "CFD not in the BCN files": "CFD absent des fichiers de la BCN",
    "MEF_STAT_11 not in nMef.csv (and no CFD column)": (
        "MEF_STAT_11 absent de nMef.csv (et pas de colonne CFD)"
    ),
    "ANCIEN_DIPLOME_n names a code absent from the BCN files": (
        "ANCIEN_DIPLOME_n nomme un code absent des fichiers de la BCN"
    ),
    "NOUVEAU_DIPLOME_n names a code absent from the BCN files": (
        "NOUVEAU_DIPLOME_n nomme un code absent des fichiers de la BCN"
    ),
    "CFD already listed (kept its first row)": "CFD déjà listé (sa première ligne gardée)",
    "Code diplôme is not a CFD (e.g. 400-24202 V)": (
        "Code diplôme n'est pas un CFD (par ex. 400-24202 V)"
    ),
    "no speciality CFD or no family": "pas de CFD de spécialité ou pas de famille",
    "speciality already listed (kept its first row)": (
        "spécialité déjà listée (sa première ligne gardée)"
    ),
    "ROME code already listed (kept its first row)": (
        "code ROME déjà listé (sa première ligne gardée)"
    ),
    "no ROME code (e.g. G1602) or no name": "pas de code ROME (par ex. G1602) ou pas de nom",
    "ROME code not listed by rome.csv": "code ROME absent de rome.csv",
    "job name already listed for its ROME code": "nom de métier déjà listé pour son code ROME",
    "BCN support code for apprenticeship MEFs of a field, not a diploma": (
        "code support de la BCN pour les MEF d'apprentissage d'un domaine, pas un diplôme"
    ),
    "no common year CFD or no option CFD": "pas de CFD de 1re année commune ou d'option",
    "option already listed for this common year (kept its first row)": (
        "option déjà listée pour cette 1re année commune (sa première ligne gardée)"
    ),
}


def reason_fr(reason: str) -> str:
    """A rejection or skip reason in French; the reason itself when it is not known (a test
    keeps every reason of the code known).

    >>> reason_fr("invalid UAI"), reason_fr("place abroad")
    ('UAI invalide', "lieu à l'étranger")
    """
    return REASONS_FR.get(reason, reason)
