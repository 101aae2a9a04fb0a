"""What the public files tell of an establishment beyond its directories' rows.

**Establishments no directory names.** Outside Occitanie (the only région the national
Annuaire de l'éducation covers), about 2 900 UAIs appear in the activity files only: the BTS
files (Parcoursup), Affelnet and the constat (DEPP). Checked on the national files (December
2026): none of those UAIs is named by the Annuaire, the CFA list, the MESR list, the Parcoursup
extract or any other published file (the Kit apprentissage has no UAI column), so no name can be
given honestly. What the files do say:

- the département its UAI gives (« Établissement sans nom dans les fichiers publics (Nord) »:
  no commune is known); the name ends with its bracket, as ``graph.pathways.explanation.place``
  expects of a name that says its département already. The UAI stays the actor's ``uai`` and
  id, never its name: a code no learner reads (answers19; the name was « Établissement non
  nommé dans les fichiers publics (code UAI 0597344M, Nord) »);
- the kind, only where the files say it: every offer the files give there is in apprenticeship
  (the BTS files' rows « en apprentissage ») → at least a place where apprentices are trained,
  :attr:`ActorKind.TRAINING_CENTRE` (« centre de formation », grouped with the CFA). Anything
  else (a voie scolaire offer in Affelnet, the constat or the BTS files) says pupils are taught
  there, not what the establishment is: on the Occitanie rows the Annuaire does describe,
  Affelnet's establishments are lycées professionnels or polyvalents, but also maisons familiales
  rurales, EREA and sections of other lycées; so the kind is :attr:`ActorKind.UNSPECIFIED`
  (« type non précisé »), never « autre ».

**Distance learning.** The CNED (three UAIs: Échirolles, Lyon, Jaunay-Marigny) and the Institut
Agro's distance school teach only at a distance: every programme the Parcoursup extract lists for
them says « Entierement en distanciel ». Such an establishment gets the flag
:data:`DISTANCE_LEARNING` (stored with the directories' flags): its address is where it is run,
not where a learner is taught, so the answers do not count its offers as local training
(graph/distance_learning.py). A university that also offers a few programmes at a distance keeps
its place: one of its programmes is taught on site.

Pure functions over the import's plain data.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

from graph.distance_learning import DISTANCE_LEARNING
from graph.ingest.opendata.rows import DepartementRow
from graph.ingest.opendata.values import departement_of_uai
from graph.ingest.opendata.vocab import school_kind_of_name
from graph.models import ActorKind
from graph.text import UNNAMED

__all__ = [
    "DISTANCE_LEARNING",
    "distance_only",
    "known_kind",
    "secondary_kind",
    "unnamed_name",
    "with_file_facts",
]

# How the Parcoursup extract says a programme is taught entirely at a distance (its
# « Filiere de formation » ends with « Entierement en distanciel »; the BTS files write
# « Entièrement en distanciel »): compared without accents and case.
_DISTANCE_WORDS = "entierement en distanciel"


class _Offer(Protocol):
    uai: str
    modality: str

    @property
    def files(self) -> list[str]: ...


class _Programme(Protocol):
    @property
    def uai(self) -> str: ...
    @property
    def label(self) -> str: ...


class _Establishment(Protocol):
    name: str
    kind: str
    public: bool | None
    described_by: list[str]
    flags: list[str]


E = TypeVar("E", bound=_Establishment)


def unnamed_name(uai: str, deps: Mapping[str, DepartementRow]) -> str:
    """The honest name of an establishment no file names: that no file names it, and the
    département its UAI gives (its UAI is its ``uai``, a code the answers do not show).

    >>> unnamed_name("0597344M", {})
    'Établissement sans nom dans les fichiers publics'
    """
    dep = deps.get(departement_of_uai(uai))
    where = f" ({dep.name})" if dep is not None else ""
    return f"{UNNAMED}{where}"


def known_kind(modalities: Iterable[str]) -> ActorKind:
    """The kind of an establishment no directory describes, from the modalities of its
    offers: a training centre when every one is in apprenticeship, else not known.

    >>> known_kind(["apprenticeship"]), known_kind(["apprenticeship", "school"]), known_kind([])
    (<ActorKind.TRAINING_CENTRE: 'training_centre'>, <ActorKind.UNSPECIFIED: 'unspecified'>, \
<ActorKind.UNSPECIFIED: 'unspecified'>)
    """
    seen = set(modalities)
    return ActorKind.TRAINING_CENTRE if seen == {"apprenticeship"} else ActorKind.UNSPECIFIED


# The files of the secondary schools' offers: Affelnet (« attractivite_capacite_<year> »,
# the offers after 3e of the voie professionnelle) and the DEPP's constat of pupils
# (« constat_<year> », voie scolaire). The BTS files (« BTS_attractivite_capacite_<year> »,
# Parcoursup) are not among them: a BTS is higher education.
_SECONDARY_FILES = ("attractivite_capacite_", "constat_")
_PARCOURSUP_EXTRACT = "fr-esr-parcoursup_extrait.csv"


def secondary_kind(name: str, public: bool | None = None, labels: Iterable[str] = ()) -> ActorKind:
    """The kind of an establishment the files show teaching secondary pupils (Affelnet, the
    constat) whose only directory, the Parcoursup extract, names it without saying its kind:
    a lycée when its own name says « lycée » (« Gustave Eiffel Lycée des Métiers de
    l'Industrie … »; « lycée des métiers » is a label only lycées get), an agricultural one
    when it says « lycée agricole »; else not known (a maison familiale rurale, an EREA or a
    private school teach there too: :func:`known_kind`'s reading of a voie scolaire offer).

    >>> secondary_kind("Gustave Eiffel Lycée des Métiers de l'Industrie")
    <ActorKind.LYCEE: 'lycee'>
    >>> secondary_kind("Agrocampus des 2 Vallees Lycée agricole de Vendome")
    <ActorKind.LYCEE_AGRICOLE: 'lycee_agricole'>
    >>> secondary_kind("Institut d'Hazebrouck")
    <ActorKind.UNSPECIFIED: 'unspecified'>

    What else the files say (answers23): the kind the name's first word gives, as the
    directories' names are read (« LEGTPA Yssingeaux », a lycée agricole:
    :func:`graph.ingest.opendata.vocab.school_kind_of_name`); and a **public** establishment
    whose Parcoursup programmes hold a BTS or a CPGE, with these secondary pupils, is a lycée:
    the public sector opens those classes in lycées only (an EREA, a collège or a public
    training centre has none). A private one stays unknown (a lycée, a maison familiale, an
    institute: the files do not say), as does a public one without them.

    >>> secondary_kind("LEGTPA Yssingeaux")
    <ActorKind.LYCEE_AGRICOLE: 'lycee_agricole'>
    >>> secondary_kind("Gambetta Carnot", True, ["BTS   Services   Comptabilite", "CPGE   MPSI"])
    <ActorKind.LYCEE: 'lycee'>
    >>> secondary_kind("Centre Scolaire Notre Dame", False, ["BTS   Services   Tourisme"])
    <ActorKind.UNSPECIFIED: 'unspecified'>
    >>> secondary_kind("Nelson Mandela", True, ["Licence   Histoire"])
    <ActorKind.UNSPECIFIED: 'unspecified'>
    """
    plain = _plain(name)
    if "lycee agricole" in plain:
        return ActorKind.LYCEE_AGRICOLE
    if "lycee" in plain.replace("/", " ").split():
        return ActorKind.LYCEE
    if (kind := school_kind_of_name(plain)) is not None:
        return kind
    if public and any(_plain(label).split()[:1] in (["bts"], ["cpge"]) for label in labels):
        return ActorKind.LYCEE
    return ActorKind.UNSPECIFIED


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def distance_only(labels: Iterable[str]) -> bool:
    """Whether every programme label says it is taught entirely at a distance (False without
    a label).

    >>> distance_only(["BTS   Services   Communication   Entierement en distanciel"])
    True
    >>> distance_only(["Licence   Histoire   Entierement en distanciel", "Licence   Histoire"])
    False
    """
    labels = list(labels)
    # the accent folding only where the word is there at all: 13 000 labels nationally, a
    # handful at a distance (0.24 s of the import's critical path folded them all)
    if not labels or not all("distanciel" in label.lower() for label in labels):
        return False
    return all(_DISTANCE_WORDS in _plain(label) for label in labels)


def with_file_facts(
    establishments: dict[str, E],
    offers: Iterable[_Offer],
    programmes: Iterable[_Programme],
) -> dict[str, E]:
    """``establishments`` (plan.Establishment) with what the files say beyond the
    directories: the kind of those no directory describes (:func:`known_kind` of their offers)
    the kind of those the Parcoursup extract alone names without a kind, when the files show
    secondary pupils there (:func:`secondary_kind`: « enseignement supérieur » no longer),
    and the :data:`DISTANCE_LEARNING` flag of those whose every Parcoursup programme is taught
    at a distance. Returns a new dict; the others are the same objects."""
    # only what can change something is gathered (52 000 offers and 13 000 programmes
    # nationally): the modalities at the undescribed establishments, the labels at those
    # where one label names « distanciel » (distance_only is false for the others)
    undescribed = {uai for uai, e in establishments.items() if not e.described_by}
    # named by the Parcoursup extract only, whose name said no kind: « enseignement supérieur »
    # by default (vocab.higher_education_kind), wrong where the files show secondary pupils
    by_extract = {
        uai
        for uai, e in establishments.items()
        if e.kind == ActorKind.HIGHER_EDUCATION.value and e.described_by == [_PARCOURSUP_EXTRACT]
    }
    modalities: dict[str, set[str]] = {uai: set() for uai in undescribed}
    secondary: set[str] = set()
    for o in offers:
        if o.uai in undescribed:
            modalities[o.uai].add(o.modality)
        elif o.uai in by_extract and any(f.startswith(_SECONDARY_FILES) for f in o.files):
            secondary.add(o.uai)
    programmes = list(programmes)
    distant = {p.uai for p in programmes if "distanciel" in p.label.lower()}
    labels: dict[str, list[str]] = {uai: [] for uai in distant | secondary}
    for p in programmes:
        if p.uai in labels:
            labels[p.uai].append(p.label)
    out = dict(establishments)
    for uai, e in establishments.items():
        if uai not in undescribed and uai not in distant and uai not in secondary:
            continue
        changes: dict[str, object] = {}
        if uai in undescribed:
            changes["kind"] = known_kind(modalities[uai]).value
        if uai in secondary:
            changes["kind"] = secondary_kind(e.name, e.public, labels[uai]).value
        if uai in distant and distance_only(labels[uai]):
            changes["flags"] = sorted({*e.flags, DISTANCE_LEARNING})
        if changes:
            new = copy.copy(e)  # as dataclasses.replace, without calling __init__ again
            for name, value in changes.items():
                setattr(new, name, value)
            out[uai] = new
    return out
