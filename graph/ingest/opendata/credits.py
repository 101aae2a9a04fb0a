"""Who produces each public file, under which licence: for provenance, ``/about`` and README.

Every imported fact carries a ``source`` naming its file and year (``attractivite_capacite_2022.csv
(Affelnet 2022, Éducation nationale)``); :func:`citation` builds that text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

__all__ = ["PRODUCERS", "Producer", "citation", "producer_of"]

LICENCE_OUVERTE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_OUVERTE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass(frozen=True)
class Producer:
    key: str
    producer: str
    dataset: str
    licence: str
    licence_url: str
    files: tuple[str, ...]  # file-name patterns (regular expressions)
    used_for: str

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["files"] = list(self.files)
        return d


PRODUCERS: tuple[Producer, ...] = (
    Producer(
        "bcn",
        "Ministère de l'Éducation nationale (DEPP)",
        "Base centrale des nomenclatures (BCN): N_FORMATION_DIPLOME, V_FORMATION_DIPLOME, "
        "N_NIVEAU_FORMATION_DIPLOME, N_MEF",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^[nv]FormationDiplome_", r"^nNiveauFormationDiplome_", r"^nMef"),
        "diplomas (CFD, type, level, NSF group, dates, renovation lineage); MEF -> CFD",
    ),
    Producer(
        "annuaire",
        "Ministère de l'Éducation nationale",
        "Annuaire de l'éducation",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^fr-en-annuaire-education",),
        "establishments: UAI, name, nature, status, commune, coordinates",
    ),
    Producer(
        "cfa",
        "Ministère de l'Éducation nationale",
        "Liste des CFA sous convention régionale",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^CFASousConvRegionale",),
        "apprentice training centres (UAI, name, commune)",
    ),
    Producer(
        "affelnet",
        "Ministère de l'Éducation nationale (DEPP)",
        "Affelnet lycée: capacités d'accueil et vœux (attractivité), constat des effectifs",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^attractivite_capacite_", r"^constat_"),
        "offers after the 3e: capacity, first wishes, pupils enrolled",
    ),
    Producer(
        "parcoursup",
        "Ministère de l'Enseignement supérieur et de la Recherche (MESR)",
        "Parcoursup: BTS capacities and wishes; programmes with GPS",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^BTS_attractivite_capacite_", r"^fr-esr-parcoursup"),
        "BTS offers (places, confirmed wishes, school or apprenticeship); post-bac locations",
    ),
    Producer(
        "esr",
        "Ministère de l'Enseignement supérieur et de la Recherche (MESR)",
        "Principaux établissements d'enseignement supérieur",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^fr-esr-principaux-etablissements",),
        "universities and schools: UAI, name, type, coordinates",
    ),
    Producer(
        "insee",
        "INSEE / Ministère de l'Éducation nationale",
        "Départements, académies et régions",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^departements_academies_regions",),
        "département -> région and académie",
    ),
    Producer(
        "geonames",
        "GeoNames",
        "GeoNames gazetteer (commune points matched to INSEE codes)",
        "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
        (r"^communes_geonames",),
        "commune coordinates where a directory gives none",
    ),
    Producer(
        "rome",
        "France Travail",
        "Répertoire opérationnel des métiers et des emplois (ROME)",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^rome", r"^metier", r"^domaine_professionnel"),
        "job codes cited by the seed files; the ROME job reference (rome.csv and the job "
        "names of metier.csv, read by `cmq import`; domaine_professionnel.csv is not read)",
    ),
    Producer(
        "certifinfo",
        "Réseau des Carif-Oref (Certif Info), France Compétences",
        "Certif Info; kit apprentissage (RNCP)",
        # the repository the file comes from states no licence: published as open data
        "Données ouvertes Certif Info (licence non précisée ; Licence Ouverte 2.0 présumée)",
        LICENCE_OUVERTE_URL,
        (r"^certif_info", r"^Kit_apprentissage"),
        "what a diploma leads to: ROME job codes, Formacode, RNCP and RS codes, readable "
        "names (certif_info.csv; the kit apprentissage is not read)",
    ),
    Producer(
        "diplomes-pro",
        "Ministère de l'Éducation nationale (DGESCO)",
        "Diplômes professionnels (commissions professionnelles consultatives); familles de "
        "métiers de la 2nde professionnelle",
        LICENCE_OUVERTE,
        LICENCE_OUVERTE_URL,
        (r"^diplomesProfessionnels", r"^familleMetiers"),
        "vocational diplomas: CPC, secteur, famille de métiers, readable names",
    ),
)

_LABEL = {
    "constat": "DEPP constat des effectifs, rentrée {year}",
    "attractivite_capacite": "Affelnet {year}, Éducation nationale",
    "BTS_attractivite_capacite": "Parcoursup {year}, MESR",
}


def producer_of(file_name: str) -> Producer | None:
    for p in PRODUCERS:
        if any(re.search(pat, file_name) for pat in p.files):
            return p
    return None


def citation(file_name: str, *, year: int | None = None, as_of: str | None = None) -> str:
    """``attractivite_capacite_2022.csv (Affelnet 2022, Éducation nationale)``."""
    stem = re.sub(r"_\d{4}$", "", file_name.rsplit(".", 1)[0])
    if stem in _LABEL and year is not None:
        return f"{file_name} ({_LABEL[stem].format(year=year)})"
    p = producer_of(file_name)
    what = p.dataset.split(":")[0] if p else "public data"
    when = f", état {as_of}" if as_of else (f", {year}" if year else "")
    return f"{file_name} ({what}{when})"
