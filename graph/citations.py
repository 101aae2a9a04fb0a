"""Human citations of the sources that facts carry.

A fact's ``source`` names a file: one of the five source documents
(``004_4d74e85f9a48366b.txt §6.1 « … »``) or a public file
(``opendata attractivite_capacite_2022.csv (Etablissement d'accueil 0460032K, …)``). People
read the document's title and the section instead: ``Dossier de candidature du CMQ Mecanic
Vallée, §6.1 « … »``, ``Affelnet lycée 2022 (Éducation nationale)``. :func:`cite` is a pure
function of the source text; the documents' titles live here, the public files' producers in
``graph.ingest.opendata.credits``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.opendata.credits import PRODUCERS, Producer

__all__ = [
    "DATASETS",
    "DOCUMENTS",
    "INFERRED_CITATION",
    "Dataset",
    "Document",
    "cite",
    "dataset_name",
    "document_of",
    "file_title",
    "split_sources",
]


@dataclass(frozen=True)
class Document:
    file: str
    title: str  # French, as a citation reads it
    description: str  # French, one sentence


DOCUMENTS: tuple[Document, ...] = (
    Document(
        "004_4d74e85f9a48366b.txt",
        "Dossier de candidature du CMQ Mecanic Vallée",
        "Dossier de candidature à la labellisation du Campus des métiers et des qualifications "
        "Mecanic Vallée (académie de Toulouse, Lot et Aveyron).",
    ),
    Document(
        "001_92ea772e3262ae78.txt",
        "Entretien sur le CMQ Énergies et efficacité énergétique",
        "Entretien sur le Campus des métiers et des qualifications Énergies et efficacité "
        "énergétique (académie de Rouen, Fécamp).",
    ),
    Document(
        "002_0c69ef9d59849d08.txt",
        "Article sur le Campus Entreprises de Clermont-Ferrand",
        "Article sur le Campus Entreprises de Clermont-Ferrand.",
    ),
    Document(
        "003_fcae0fa10a459dee.txt",
        "Entretien sur le Campus des métiers du numérique",
        "Entretien sur le Campus des métiers du numérique de Charbonnières-les-Bains.",
    ),
    Document(
        "000_0b05f6c91f9977f9.txt",
        "Entretien avec le cluster CARA sur le CMQ Auto'Mobilités",
        "Entretien avec le cluster CARA sur les besoins en compétences et le Campus des métiers "
        "et des qualifications Auto'Mobilités.",
    ),
)
_BY_FILE = {d.file: d for d in DOCUMENTS}

# French names of the public files' datasets, by producer key (credits.PRODUCERS).
_DATASET_FR = {
    "bcn": "Base centrale des nomenclatures (BCN), Éducation nationale",
    "annuaire": "Annuaire de l'éducation, Éducation nationale",
    "cfa": "Liste des CFA sous convention régionale, Éducation nationale",
    "affelnet": "Affelnet lycée : capacités et vœux, Éducation nationale",
    "parcoursup": "Parcoursup, Enseignement supérieur",
    "esr": "Principaux établissements d'enseignement supérieur",
    "insee": "Départements, académies et régions, Éducation nationale",
    "geonames": "GeoNames",
    "rome": "Répertoire des métiers ROME, France Travail",
    "certifinfo": "Certif Info, Carif-Oref",
    "diplomes-pro": "Diplômes professionnels et familles de métiers, Éducation nationale",
}

# Files of one producer that are datasets of their own: (key, producer key, pattern, name).
# The pattern is one of the producer's (credits.PRODUCERS), which then no longer covers it.
_FAMILIES = (
    (
        "constat",
        "affelnet",
        r"^constat_",
        "Constat des effectifs à la rentrée (DEPP), Éducation nationale",
    ),
    (
        "parcoursup-bts",
        "parcoursup",
        r"^BTS_attractivite_capacite_",
        "Parcoursup : places et vœux en BTS",
    ),
    (
        "parcoursup-formations",
        "parcoursup",
        r"^fr-esr-parcoursup",
        "Parcoursup : formations de l'enseignement supérieur",
    ),
)

# What each dataset brings to the graph (French, for the « Données et licences » page): the
# files that bring no offer still bring names, places or links, and the page says which.
_BRINGS = {
    "bcn": "les diplômes : intitulés, niveaux, spécialités et rénovations",
    "annuaire": "les noms, communes et coordonnées des établissements scolaires",
    "cfa": "les noms et communes des centres de formation d'apprentis",
    "affelnet": "les formations après la 3e : places et vœux par établissement",
    "constat": "les formations des lycées et leurs effectifs à la rentrée",
    "parcoursup-bts": "les BTS : places et vœux par établissement, sous statut scolaire ou en "
    "apprentissage",
    "parcoursup-formations": "les lieux des formations post-bac",
    "esr": "les noms et coordonnées des établissements d'enseignement supérieur",
    "insee": "les noms des départements, de leurs académies et régions",
    "geonames": "les coordonnées des communes où aucun annuaire n'en donne",
    "rome": "les noms des métiers (codes ROME)",
    "certifinfo": "les métiers auxquels préparent les diplômes",
    "diplomes-pro": "les noms lisibles et les familles de métiers des diplômes professionnels",
}


@dataclass(frozen=True)
class Dataset:
    """A public dataset as citations name it: ``GET /sources`` lists these, and both the
    server (:func:`cite`) and the web interface name a file by the dataset whose patterns
    match it, so that a file is cited under one name everywhere."""

    key: str
    name: str  # French, as a citation reads it
    producer: Producer
    files: tuple[str, ...]  # file-name patterns (regular expressions)
    brings: str = ""  # French: what the dataset brings to the graph


def _datasets() -> tuple[Dataset, ...]:
    out: list[Dataset] = []
    for p in PRODUCERS:
        families = [f for f in _FAMILIES if f[1] == p.key]
        own = tuple(x for x in p.files if x not in {f[2] for f in families})
        if own:
            out.append(Dataset(p.key, dataset_name(p.key), p, own, _BRINGS.get(p.key, "")))
        out.extend(
            Dataset(key, name, p, (pattern,), _BRINGS.get(key, ""))
            for key, _, pattern, name in families
        )
    return tuple(out)


_FILE = re.compile(r"[\w.-]+\.(?:txt|csv|json|toml|xlsx?)\b")
_DOC = re.compile(r"^\s*(\d{3}_[0-9a-f]{16}\.txt)\s*(.*)$", re.S)
_PUBLIC_FILE = re.compile(r"[\w.-]+\.(?:csv|json|xlsx?)\b")
# An inferred passerelle's source (graph/inference/records.py): the rule's name and page, and
# the files it ran over. People read that the tool deduced it, never the rule's name or page.
# (« (docs/inferred-passerelles.md) » after the rule's name in a graph stored before answers23)
_INFERRED = re.compile(r"^\s*inferred by rule [\w-]+(?: \([\w./-]+\))?(?: over (.*))?$", re.S)
_INFERRED_PAGE = re.compile(r"^(\s*inferred by rule [\w-]+) \(docs/[\w./-]+\)")
INFERRED_CITATION = "Déduite par l'outil d'une règle générale, non documentée"
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_AS_OF = re.compile(r"état (\d{4})-\d\d-\d\d")


def document_of(source: str) -> Document | None:
    """The source document a fact cites, if it cites one."""
    m = _DOC.match(source)
    return _BY_FILE.get(m.group(1)) if m else None


def dataset_name(key: str) -> str:
    """The French name of a public dataset, by producer key (``credits.PRODUCERS``)."""
    return _DATASET_FR.get(key, "Données publiques")


DATASETS = _datasets()


def _public_file(name: str, details: str) -> str:
    what = next(
        (d.name for d in DATASETS if any(re.search(x, name) for x in d.files)),
        "Données publiques",
    )
    year = _YEAR.search(name) or _AS_OF.search(details)
    return f"{what}, {year.group(1)}" if year else what


def file_title(file_name: str) -> str:
    """The French title of a public file, never its name: what users read where a list names
    the files a figure comes from (``GET /coverage``).

    >>> file_title("attractivite_capacite_2022.csv")
    'Affelnet lycée : capacités et vœux, Éducation nationale, 2022'
    >>> file_title("constat_2020.csv")
    'Constat des effectifs à la rentrée (DEPP), Éducation nationale, 2020'
    >>> file_title("fr-en-annuaire-education.csv"), file_title("unknown.csv")
    ("Annuaire de l'éducation, Éducation nationale", 'Données publiques')
    """
    return _public_file(file_name, "")


def _part(text: str) -> str:
    if inferred := _INFERRED.match(text):
        over = inferred.group(1)
        return f"{INFERRED_CITATION} ({_part(over)})" if over else INFERRED_CITATION
    m = _DOC.match(text)
    if m:
        doc = _BY_FILE.get(m.group(1))
        title = doc.title if doc else "Document source"
        rest = m.group(2).strip()
        return f"{title}, {rest}" if rest else title
    m = _PUBLIC_FILE.search(text)
    if m:  # "opendata X.csv (…)", "offered per opendata X.csv", "matched in opendata X.csv"
        return _public_file(m.group(0), text)
    # Any other file name left in the text is replaced, never shown.
    return _FILE.sub("document source", text).strip()


def public_source(source: str) -> str:
    """A fact's ``source`` as the API gives it: an inferred passerelle's without the
    repository page a graph stored before answers23 names after its rule (the rule's id
    stays: it is the passerelle's ``rule``).

    >>> public_source("inferred by rule bac-pro-to-bts (docs/inferred-passerelles.md) over a.csv")
    'inferred by rule bac-pro-to-bts over a.csv'
    >>> public_source("opendata constat_2020.csv")
    'opendata constat_2020.csv'
    """
    return _INFERRED_PAGE.sub(r"\1", source, count=1)


def split_sources(source: str) -> list[str]:
    """The parts of a source text that joins several (``"; "`` by the import, ``" ; "`` by
    the seeds): split at each ``;`` outside parentheses and « » quotes, so that a file's
    details (``(… via nMef.csv; Capacité …)``) and a quoted sentence stay whole.

    >>> split_sources("a.csv (x; y); b.csv ; 004_x.txt « p ; q »")
    ['a.csv (x; y)', 'b.csv', '004_x.txt « p ; q »']
    """
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(source):
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return [p.strip() for p in parts if p.strip()]


def cite(source: str | None) -> str:
    """The citation people read for a fact's ``source`` (French, no file names).

    >>> cite("004_4d74e85f9a48366b.txt §6.1 « BTS et Bac Pro »")
    'Dossier de candidature du CMQ Mecanic Vallée, §6.1 « BTS et Bac Pro »'
    >>> cite("opendata fr-en-annuaire-education.csv (Identifiant 0460010L, état 2024-11-26)")
    "Annuaire de l'éducation, Éducation nationale, 2024"
    >>> cite("inferred by rule bac-pro-to-bts (docs/inferred-passerelles.md)")
    "Déduite par l'outil d'une règle générale, non documentée"
    >>> cite("inferred by rule bac-pro-to-bts")
    "Déduite par l'outil d'une règle générale, non documentée"
    """
    if not source:
        return "Source non précisée"
    parts = [p for p in (_part(x) for x in split_sources(source)) if p]
    seen: list[str] = []
    for p in parts:
        if p not in seen:
            seen.append(p)
    return " ; ".join(seen)
