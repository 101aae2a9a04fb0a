"""Post-bac programmes of the Parcoursup extract: what each ``Filiere de formation`` is.

The extract (``fr-esr-parcoursup_extrait.csv``) lists one row per programme and establishment,
with a label whose parts are separated by three spaces (the `` - `` of Parcoursup, accents
stripped): ``BTS   Production   Electrotechnique``, ``BUT   Informatique``, ``CPGE   MPSI``,
``Formation d ingenieur Bac + 5   Bac General``. This module classifies a label (type, level,
entry level, whether the programme also admits at bac+2) and maps it to a BCN diploma code where
one can be derived by name (BTS through the BTS files' labels and the BCN, CPGE and DN MADE
through the BCN); other programmes are keyed by a stable identifier derived from the label
(``PS-BUT-…``). Pure functions over plain data.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from graph.models import DiplomaType

__all__ = [
    "BCN_LEVEL_CODES",
    "Programme",
    "ProgrammeKind",
    "classify",
    "kind_level",
    "match_key",
    "programme_code",
]

_SEP = re.compile(r"\s{3,}")
_BAC_PLUS = re.compile(r"bac \+ ?(\d)", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class ProgrammeKind:
    """A family of Parcoursup programmes: its diploma type, RNCP level (None: the programme
    leads to no diploma of its own, as a CPGE), and whether it also admits students after two
    years of higher education (an *admission parallèle*: BUT in 2nd year, licence pro,
    engineering schools)."""

    key: str
    type: DiplomaType
    level: int | None
    admits_bac2: bool = False
    label: str = ""


# first part of the label (normalised) -> kind; checked longest first
_KINDS: dict[str, ProgrammeKind] = {
    "bts": ProgrammeKind("bts", DiplomaType.BTS, 5, False, "BTS"),
    "but": ProgrammeKind("but", DiplomaType.BUT, 6, True, "BUT"),
    "licence professionnelle": ProgrammeKind(
        "licence_pro", DiplomaType.LICENCE_PRO, 6, True, "Licence professionnelle"
    ),
    "licence": ProgrammeKind("licence", DiplomaType.LICENCE, 6, False, "Licence"),
    "double licence": ProgrammeKind("licence", DiplomaType.LICENCE, 6, False, "Double licence"),
    "cpge": ProgrammeKind("cpge", DiplomaType.CPGE, None, False, "CPGE"),
    "formation d ingenieur": ProgrammeKind(
        "ingenieur", DiplomaType.INGENIEUR, 7, True, "Formation d'ingénieur"
    ),
    "dn made": ProgrammeKind("dn_made", DiplomaType.OTHER, 6, False, "DN MADE"),
    "diplome de comptabilite et de gestion": ProgrammeKind(
        "dcg", DiplomaType.OTHER, 6, False, "DCG"
    ),
    "deust": ProgrammeKind("deust", DiplomaType.OTHER, 5, False, "DEUST"),
    "fcil": ProgrammeKind("fcil", DiplomaType.FCIL, None, False, "FCIL"),
    "certificat de specialisation": ProgrammeKind(
        "cs", DiplomaType.MC, None, False, "Certificat de spécialisation"
    ),
}
_OTHER = ProgrammeKind("other", DiplomaType.OTHER, None, False, "Autre formation")
# level from "Bac + N" in the label of programmes of no known kind
_LEVEL_OF_BAC_PLUS = {2: 5, 3: 6, 4: 6, 5: 7}

# BCN type codes (NIVEAU_FORMATION_DIPLOME) a programme kind may map to, by name
BCN_LEVEL_CODES: dict[str, tuple[str, ...]] = {
    "bts": ("320", "323"),
    "cpge": ("370",),
    "dn_made": ("241",),
    "licence_pro": ("250",),
}
# BCN type codes whose labels give a programme's NSF group by the part before " : " (a BUT
# speciality: ``CARRIERES JURIDIQUES : ADMINISTRATION ET JUSTICE (BUT)`` -> 128)
NSF_LEVEL_CODES: dict[str, tuple[str, ...]] = {"but": ("251",), "licence_pro": ("250",)}
VFD_LEVEL_CODES = frozenset({"250", "251"})
"""Type codes read from vFormationDiplome_ (BUT and licences pro are there, not in the other)."""


@dataclass(frozen=True)
class Programme:
    """One programme label of the extract, classified."""

    label: str  # as published (three-space separators)
    kind: ProgrammeKind
    speciality: str  # the label without its kind (and the BTS sector)
    level: int | None
    entry_level: int = 4  # Parcoursup admits after the bac

    @property
    def name(self) -> str:
        """The label, readable: parts joined by an en dash."""
        return " – ".join(_SEP.split(self.label.strip()))


@cache
def _fold(text: str) -> str:
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", stripped.casefold()).strip()


@cache
def match_key(text: str) -> str:
    """Accents, case, punctuation and the noise words of BTS labels ignored: the key on which
    programme labels and BCN or BTS-file labels are compared."""
    words = _fold(text).split()
    while words and words[-1] in ("apprentissage", "en"):  # "... - en apprentissage"
        words.pop()
    return " ".join(words)


@cache
def classify(label: str) -> Programme:
    parts = [p.strip() for p in _SEP.split(label.strip()) if p.strip()]
    head = _fold(parts[0]) if parts else ""
    kind = _OTHER
    for key in sorted(_KINDS, key=len, reverse=True):
        if head == key or head.startswith(key + " "):
            kind = _KINDS[key]
            break
    rest = parts[1:]
    if kind.key == "bts" and rest and _fold(rest[0]) in ("production", "services", "agricole"):
        rest = rest[1:]
    level = kind.level
    if kind is _OTHER and (m := _BAC_PLUS.search(label)):
        level = _LEVEL_OF_BAC_PLUS.get(int(m.group(1)))
    return Programme(label=label, kind=kind, speciality=" – ".join(rest), level=level)


def programme_code(p: Programme) -> str:
    """Stable identifier of a programme no BCN code describes: its kind and a hash of its
    normalised label (``PS-BUT-1A2B3C4D5E``); the same label gives the same code each year."""
    digest = hashlib.sha1(match_key(p.label).encode()).hexdigest()[:10].upper()
    return f"PS-{p.kind.key.upper().replace('_', '-')}-{digest}"


@cache
def bcn_name_key(name: str, short_label: str) -> str:
    """A BCN long label without its type suffix (``ELECTROTECHNIQUE (BTS)`` ->
    ``electrotechnique``; ``METIERS D'ART ET DU DESIGN - ANIMATION (DN)`` -> ``metiers d art
    et du design animation``)."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", name.strip())
    return match_key(text)


@cache
def bts_file_key(label: str) -> str:
    """``BTS - Production - Electrotechnique - en apprentissage`` -> ``electrotechnique``."""
    parts = [p.strip() for p in re.split(r"\s+-\s+", label.strip())]
    if parts and _fold(parts[0]) == "bts":
        parts = parts[1:]
    if parts and _fold(parts[0]) in ("production", "services", "agricole"):
        parts = parts[1:]
    return match_key(" ".join(parts))


_SPECIALITE = re.compile(r"\bSPECIALITE\b", re.IGNORECASE)
_ANY_PARENS = re.compile(r"\([^()]*\)")


def bcn_keys(name: str, last_segment: bool = False) -> set[str]:
    """The keys a BCN label answers to: the label without its trailing parenthesis, and the
    acronym around it (``MPSI (MATHEMATIQUE…)`` -> ``mpsi``; ``… GENERALE (ECG)`` -> ``ecg``);
    with ``last_segment``, its last `` - `` part too (DN MADE: ``METIERS D'ART ET DU DESIGN -
    GRAPHISME (DN)`` -> ``graphisme``)."""
    keys = {bcn_name_key(name, "")}
    # an acronym inside the label, and the BCN's « SPECIALITE » where Parcoursup writes
    # « option »: « ANALYSE, CONDUITE ET STRATEGIE DE L'ENTREPRISE AGRICOLE (ACS'AGRI)
    # SPECIALITE TERRITOIRES METROPOLITAINS (BTSA) » is Parcoursup's « BTS – Agricole –
    # Analyse, conduite et strategie de l entreprise agricole, option Territoires
    # metropolitains » (tester26: its 90 offers were a programme of their own, with no link)
    if _SPECIALITE.search(name):
        keys.add(match_key(_SPECIALITE.sub(" option ", _ANY_PARENS.sub(" ", name))))
    if last_segment and " - " in name:
        keys.add(bcn_name_key(name.rsplit(" - ", 1)[1], ""))
    m = re.match(r"^\s*([A-Z0-9]+)\s*\(", name)
    if m:
        keys.add(match_key(m.group(1)))
    m = re.search(r"\(([A-Z0-9]+)\)\s*$", name.strip())
    if m:
        keys.add(match_key(m.group(1)))
    keys.discard("")
    return keys


class ProgrammeRow(NamedTuple):
    """A programme at an establishment, as the extract gives it (a named tuple: 13 000 of
    them nationally are built in a forked process and handed over, :mod:`places`)."""

    line: int
    uai: str
    label: str
    lat: float | None
    lon: float | None


@dataclass
class ProgrammeOffer:
    uai: str
    code: str
    label: str
    lat: float | None
    lon: float | None


@dataclass
class PostBac:
    """What the extract's programmes become: diplomas no BCN code describes (code ->
    programme), offers, and how each label mapped (for the summary and docs/import.md)."""

    programmes: dict[str, Programme]
    offers: list[ProgrammeOffer]
    mapped: dict[str, str]  # label -> BCN code, where one was derived
    how: dict[str, str]  # label -> "bts-files" | "bcn-name" | "none"
    nsf: dict[str, str]  # programme code -> NSF group derived from the BCN's labels
    # programme code -> the NSF groups of its parcours, for a speciality whose parcours the BCN
    # classes in several groups (BUT GEII: 201, 250, 326) and whose label names none of them
    already_offered: int  # programme rows an activity file already gives (same UAI and CFD)
    # programme code -> the NSF groups of its parcours, for a speciality whose parcours the BCN
    # classes in several groups (BUT GEII: 201, 250, 326) and whose label names none of them
    nsf_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a diploma of the graph whose offers are Parcoursup programmes given its code (:func:`attach`)
    # -> the level those programmes are entered with (4: after the bac), which it keeps
    entry: dict[str, int] = field(default_factory=dict)
    # those of them that are diplômes d'État (« D.E Infirmier »: :func:`programme_state_key`)
    state: frozenset[str] = frozenset()


# A class of its own that the BCN code of its first part does not describe: « CPGE – TSI –
# (en 3 ans, destinee aux bacs professionnels) » is a three-year class for bacheliers
# professionnels, not the TSI class of the bacheliers STI2D (37011022).
_OWN_AUDIENCE = re.compile(r"\bbacs? pro(fessionnels?)?\b")


def _lookup(index: dict[str, set[str]], p: Programme) -> str | None:
    parts = [x for x in p.speciality.split(" – ") if x]
    first = match_key(parts[0]) if parts and not _OWN_AUDIENCE.search(_fold(p.label)) else ""
    for key in (match_key(" ".join(parts)), first):
        codes = index.get(key) if key else None
        if codes and len(codes) == 1:
            return next(iter(codes))
    return None


_PARCOURS = re.compile(r"\bparcours\b")
_TRAILING_PARENS = re.compile(r"(\s*\([^()]*\))+\s*$")


def nsf_keys(name: str) -> set[str]:
    """The keys under which a BCN label of a BUT or licence pro gives its NSF group: the
    speciality (the part before `` : ``) and the speciality with its parcours, without the
    trailing parentheses (the type, an acronym).

    >>> sorted(nsf_keys("CARRIERES SOCIALES : COORDINATION ET GESTION DES ETABLISSEMENTS (CGE3S) (BUT)"))
    ['carrieres sociales', 'carrieres sociales coordination et gestion des etablissements']
    """  # noqa: E501
    text = _TRAILING_PARENS.sub("", name.strip())
    keys = {match_key(text.split(" : ", 1)[0]), match_key(text)}
    keys.discard("")
    return keys


def programme_nsf(index: dict[str, set[str]], p: Programme) -> tuple[str, ...]:
    """The NSF groups the BCN gives the speciality of programme ``p`` (``index``: key of
    :func:`nsf_keys` -> groups): the group of its parcours when its label names one
    (« Carrieres sociales Parcours assistance sociale » -> 332), else those of its
    speciality's parcours, sorted (one when they agree: « Informatique » -> 326; several when
    the BCN classes the parcours apart: « Genie electrique et informatique industrielle » ->
    201, 250, 326); empty when the BCN does not name the speciality.

    >>> ix = {"genie electrique": {"201", "250"}, "genie electrique energie": {"250"}}
    >>> programme_nsf(ix, classify("BUT   Genie electrique Parcours energie"))
    ('250',)
    >>> programme_nsf(ix, classify("BUT   Genie electrique   Parcours Marine"))
    ('201', '250')
    >>> programme_nsf(ix, classify("BUT   Genie electrique Parcours energie   Double diplome"))
    ('250',)
    >>> programme_nsf(ix, classify("BUT   Chimie"))
    ()
    """
    parts = [_fold(x) for x in p.speciality.split(" – ") if x]
    # the label's parts, the longest first (« … – en triple diplome » names no parcours);
    # each with its parcours, then without it
    prefixes = [" ".join(parts[:n]) for n in range(len(parts), 0, -1)]
    keys = [_PARCOURS.sub(" ", t) for t in prefixes] + [_PARCOURS.split(t, 1)[0] for t in prefixes]
    for key in keys:
        if groups := index.get(match_key(key)):
            return tuple(sorted(groups))
    return ()


def kind_level(kind: ProgrammeKind, type_levels: Mapping[str, int | None]) -> int | None:
    """The level of a programme no BCN code describes, of a kind with none of its own (a CPGE
    leads to no diploma): the RNCP level the BCN's table of diploma types gives its type codes
    (:data:`BCN_LEVEL_CODES`; ``type_levels``: type code -> level, ``nNiveauFormationDiplome_``),
    as a coded diploma without a level of its own takes its type's. The BCN rates type 370
    (« classe préparatoire aux grandes écoles ») at level 5, the level of the two years it
    prepares in, and every CPGE code at 5 too: a Parcoursup CPGE that matches no code is one of
    them (docs/import.md, « CPGE levels »). None when the codes disagree or give none.

    >>> cpge = _KINDS["cpge"]
    >>> kind_level(cpge, {"370": 5}), kind_level(cpge, {"370": None}), kind_level(cpge, {})
    (5, None, None)
    >>> kind_level(_KINDS["but"], {"251": 6}) is None  # a BUT has its own level: not asked
    True
    """
    if kind.level is not None:
        return None
    seen = {type_levels.get(c) for c in BCN_LEVEL_CODES.get(kind.key, ())}
    return next(iter(seen)) if len(seen) == 1 else None


def build(
    rows: list[ProgrammeRow],
    bcn: dict[str, tuple[str, str, str | None]],
    bts_labels: dict[str, set[str]],
    offered: set[tuple[str, str]],
) -> PostBac:
    """Classify every programme label, derive its BCN code where possible, and give one offer
    per (establishment, programme).

    ``bcn``: CFD -> (type code, long label, NSF group) of the open BCN diplomas;
    ``bts_labels``: key of a BTS-file label (:func:`bts_file_key`) -> the CFDs it names;
    ``offered``: (UAI, CFD) an activity file already offers (a BTS the BTS files give is not
    offered twice)."""
    index: dict[str, dict[str, set[str]]] = {}
    nsf_index: dict[str, dict[str, set[str]]] = {}
    for cfd, (type_code, name, nsf) in bcn.items():
        for kind, codes in BCN_LEVEL_CODES.items():
            if type_code in codes:
                for key in bcn_keys(name, last_segment=kind == "dn_made"):
                    index.setdefault(kind, {}).setdefault(key, set()).add(cfd)
        for kind, codes in NSF_LEVEL_CODES.items():
            if type_code in codes and nsf:
                for key in nsf_keys(name):
                    nsf_index.setdefault(kind, {}).setdefault(key, set()).add(nsf)
    programmes: dict[str, Programme] = {}
    nsf_of: dict[str, str] = {}
    nsf_groups: dict[str, tuple[str, ...]] = {}
    mapped: dict[str, str] = {}
    how: dict[str, str] = {}
    offers: list[ProgrammeOffer] = []
    seen: set[tuple[str, str]] = set()
    already = 0
    for r in rows:
        if r.label not in how:
            p = classify(r.label)
            code = None
            if p.kind.key == "bts":
                code = _lookup(bts_labels, p)
                how[r.label] = "bts-files" if code else "none"
            if code is None and p.kind.key in BCN_LEVEL_CODES:
                code = _lookup(index.get(p.kind.key, {}), p)
                how[r.label] = "bcn-name" if code else "none"
            if code is None:
                how.setdefault(r.label, "none")
                code = programme_code(p)
                programmes[code] = p
                groups = programme_nsf(nsf_index.get(p.kind.key, {}), p)
                if len(groups) == 1:
                    nsf_of[code] = groups[0]
                elif groups:
                    nsf_groups[code] = groups
            mapped[r.label] = code
        code = mapped[r.label]
        if (r.uai, code) in seen:
            continue
        seen.add((r.uai, code))
        if (r.uai, code) in offered:
            already += 1
            continue
        offers.append(ProgrammeOffer(r.uai, code, r.label, r.lat, r.lon))
    bcn_mapped = {label: c for label, c in mapped.items() if how[label] != "none"}
    return PostBac(programmes, offers, bcn_mapped, how, nsf_of, already, nsf_groups)


_TYPE_ACRONYM = re.compile(r"\s*\([A-Z0-9]{2,8}\)\s*$")


def same_name_keys(name: str) -> set[str]:
    """The keys a diploma's name answers to when compared with a programme's whole label:
    accents, case and punctuation aside (:func:`match_key`), with and without a trailing type
    acronym in parentheses (``ACCUEIL DANS LES TRANSPORTS (CS4)``); a longer parenthesis (an
    option, an audience) stays, as it names another diploma.

    >>> sorted(same_name_keys("Diplôme de comptabilité et de gestion"))
    ['diplome de comptabilite et de gestion']
    >>> sorted(same_name_keys("ACCUEIL DANS LES TRANSPORTS (CS4)"))
    ['accueil dans les transports', 'accueil dans les transports cs4']
    >>> sorted(same_name_keys("TSI (EN 3 ANS)"))
    ['tsi en 3 ans']
    """
    keys = {match_key(name), match_key(_TYPE_ACRONYM.sub("", name))}
    keys.discard("")
    return keys


# The words a readable label writes before the speciality of a diploma of these BCN types, as
# Certif Info writes them (46133414 « SOMMELLERIE (CS4) » -> « Certificat de spécialisation
# sommellerie »): a CS4 Certif Info does not describe yet (46133404 « METIERS DU BAR (CS4) »,
# opened in 2025) is named so too.
TYPE_WORDS: dict[str, str] = {"461": "Certificat de spécialisation"}


def type_named(type_code: str, name: str) -> str | None:
    """A BCN name with the words its type's readable labels begin with, or None.

    >>> type_named("461", "METIERS DU BAR (CS4)")
    'Certificat de spécialisation METIERS DU BAR'
    >>> type_named("320", "ELECTROTECHNIQUE (BTS)") is None
    True
    """
    words = TYPE_WORDS.get(type_code)
    return f"{words} {_TYPE_ACRONYM.sub('', name).strip()}" if words else None


def same_name_codes(
    programmes: Mapping[str, Programme],
    levels: Mapping[str, int | None],
    named: Mapping[str, tuple[int | None, tuple[str, ...]]],
) -> dict[str, str]:
    """The programmes no BCN code described (``PS-…`` -> programme; ``levels``: their level)
    that a diploma of the graph is, by name and level: ``named``: CFD -> (level, names: the BCN's
    text, the readable labels of Certif Info and diplomesProfessionnels) of the open diplomas.

    A programme's whole label (its kind with it: « Diplome de Comptabilite et de Gestion »,
    « Certificat de Specialisation – Sommellerie ») is compared, accents, case and punctuation
    aside (:func:`match_key`, :func:`same_name_keys`). It is attached when one diploma alone
    has that name and its level; when its level is unknown (a Parcoursup certificat de
    spécialisation: its kind has none of its own), when one diploma alone has that name at any
    level. Never when two diplomas have the name, nor when the levels differ. « Diplome de
    Comptabilite et de Gestion » (level 6) is 26031403, « Diplôme de comptabilité et de
    gestion » (level 6): Lycée Baimbridge offered both, counted twice.

    >>> dcg = classify("Diplome de Comptabilite et de Gestion")
    >>> named = {"26031403": (6, ("COMPTABILITE ET GESTION (DIPLÔME DE) (DCG)",
    ...                           "Diplôme de comptabilité et de gestion"))}
    >>> same_name_codes({"PS-DCG-1": dcg}, {"PS-DCG-1": 6}, named)
    {'PS-DCG-1': '26031403'}
    >>> same_name_codes({"PS-DCG-1": dcg}, {"PS-DCG-1": 5}, named)  # another level
    {}
    >>> same_name_codes({"PS-DCG-1": dcg}, {"PS-DCG-1": None}, named)  # one diploma of the name
    {'PS-DCG-1': '26031403'}
    >>> twice = {**named, "99999999": (7, ("DIPLOME DE COMPTABILITE ET DE GESTION",))}
    >>> same_name_codes({"PS-DCG-1": dcg}, {"PS-DCG-1": 6}, twice)  # one of that level
    {'PS-DCG-1': '26031403'}
    >>> same_name_codes({"PS-DCG-1": dcg}, {"PS-DCG-1": None}, twice)  # two: neither
    {}
    """
    by_name: dict[str, set[str]] = {}
    by_level: dict[tuple[str, int], set[str]] = {}
    for cfd, (level, names) in named.items():
        for name in names:
            for key in same_name_keys(name):
                by_name.setdefault(key, set()).add(cfd)
                if level is not None:
                    by_level.setdefault((key, level), set()).add(cfd)
    out = {}
    for code, p in programmes.items():
        key, level = match_key(p.label), levels.get(code)
        cfds = by_name.get(key, set()) if level is None else by_level.get((key, level), set())
        if len(cfds) == 1:
            out[code] = next(iter(cfds))
    return out


# A diplôme d'État as its files name it: Parcoursup « D.E Infirmier », the BCN « INFIRMIER OU
# INFIRMIERE (DIPLOME D'ETAT) », Certif Info « Diplôme d'État d'infirmier(ière) ». The
# profession is compared, its feminine forms aside (« (ière) », « /trice », « X ou Xe »).
_STATE_TAIL = " diplome d etat"
_STATE_HEADS = ("diplome d etat d ", "diplome d etat de ")
_PARCOURSUP_STATE = "d e "
_FEMININE_PARENS = re.compile(r"\((?:i[eè]re|e|ne|rice|trice|euse)\)", re.IGNORECASE)
_FEMININE_SLASH = re.compile(r"/(?:i[eè]re|e|ne|rice|trice|euse)\b", re.IGNORECASE)
_FEMININE_ENDS = (("", "e"), ("", "ne"), ("eur", "rice"), ("eur", "euse"), ("ier", "iere"))


def _profession(text: str) -> str:
    """A profession's name, its feminine forms aside: ``infirmier ou infirmiere`` ->
    ``infirmier`` (the same word twice, masculine and feminine), ``manipulateur/trice …`` ->
    ``manipulateur …``; ``(ière)`` too."""
    text = _FEMININE_SLASH.sub("", _FEMININE_PARENS.sub("", text))
    key = match_key(text)
    first, sep, second = key.partition(" ou ")
    gendered = any(
        first.endswith(m) and second == first[: len(first) - len(m)] + f for m, f in _FEMININE_ENDS
    )
    if sep and " " not in first and " " not in second and gendered:
        return first
    return key


def state_diploma_key(name: str) -> str | None:
    """The profession a diplôme d'État's name says, or None for another diploma: the BCN's
    long label ends with « (DIPLOME D'ETAT) », Certif Info's begins « Diplôme d'État de/d' ».

    >>> state_diploma_key("INFIRMIER OU INFIRMIERE (DIPLOME D'ETAT)")
    'infirmier'
    >>> state_diploma_key("Diplôme d'État d'infirmier(ière)")
    'infirmier'
    >>> state_diploma_key("Diplôme d'Etat de manipulateur d'électroradiologie médicale")
    'manipulateur d electroradiologie medicale'
    >>> state_diploma_key("INFIRMIER ANESTHESISTE (DIPLOME D'ETAT)")
    'infirmier anesthesiste'
    >>> state_diploma_key("AIDE SOIGNANT ET AIDE SOIGNANTE (CERTIFICAT D'APTITUDE AUX FONCTIONS DE)")
    """  # noqa: E501
    stripped = name.strip()
    folded = _fold(stripped)
    if stripped.endswith(")") and folded.endswith(_STATE_TAIL):
        return _profession(re.sub(r"\s*\([^()]*\)\s*$", "", stripped)) or None
    for head in _STATE_HEADS:
        if folded.startswith(head):
            words = len(head.split())
            rest = re.split(r"[\s'’]+", _FEMININE_PARENS.sub("", stripped), maxsplit=words)
            return _profession(rest[-1]) if len(rest) > words else None
    return None


def programme_state_key(p: Programme) -> str | None:
    """The profession of a Parcoursup « D.E » programme (``D.E Infirmier``, ``D.E
    manipulateur/trice en electroradiologie medicale``), from the label's first part: the
    next parts say who is admitted (« Reserve aux personnes en situation de handicap »), the
    diploma is the same. None for another programme.

    >>> programme_state_key(classify("D.E Infirmier   Reserve aux personnes en situation de handicap"))
    'infirmier'
    >>> programme_state_key(classify("BTS   Production   Electrotechnique")) is None
    True
    """  # noqa: E501
    first = _SEP.split(p.label.strip())[0]
    folded = _fold(first)
    if not folded.startswith(_PARCOURSUP_STATE):
        return None
    rest = re.sub(r"^\s*D\s*\.\s*E\b\.?", "", first, flags=re.IGNORECASE)
    return _profession(rest) or None


def state_diploma_codes(
    programmes: Mapping[str, Programme],
    named: Mapping[str, tuple[int | None, tuple[str, ...]]],
) -> dict[str, str]:
    """The Parcoursup « D.E » programmes (``PS-…`` -> programme) that a diplôme d'État of the
    graph is: ``named`` as for :func:`same_name_codes` (the open diplomas' BCN and Certif Info
    names). A programme is attached when its profession (:func:`programme_state_key`) is the
    profession of one open diplôme d'État alone (:func:`state_diploma_key`), at any level (a
    Parcoursup « D.E » says none). « D.E Infirmier » is 26033101 « INFIRMIER OU INFIRMIERE
    (DIPLOME D'ETAT) »; « D.E manipulateur/trice en electroradiologie medicale » stays a
    programme of its own: the BCN and Certif Info write « manipulateur d'électroradiologie ».

    >>> named = {"26033101": (6, ("INFIRMIER OU INFIRMIERE (DIPLOME D'ETAT)",
    ...                           "Diplôme d'État d'infirmier(ière)")),
    ...          "16033102": (7, ("INFIRMIER ANESTHESISTE (DIPLOME D'ETAT)",))}
    >>> state_diploma_codes({"PS-OTHER-1": classify("D.E Infirmier")}, named)
    {'PS-OTHER-1': '26033101'}
    >>> twice = {**named, "99999999": (5, ("Diplôme d'État d'infirmier",))}
    >>> state_diploma_codes({"PS-OTHER-1": classify("D.E Infirmier")}, twice)
    {}
    """
    by_key: dict[str, set[str]] = {}
    for cfd, (_level, names) in named.items():
        for name in names:
            if key := state_diploma_key(name):
                by_key.setdefault(key, set()).add(cfd)
    out = {}
    for code, p in programmes.items():
        key = programme_state_key(p)
        cfds = by_key.get(key, set()) if key else set()
        if len(cfds) == 1:
            out[code] = next(iter(cfds))
    return out


def attach(pb: PostBac, codes: Mapping[str, str], offered: set[tuple[str, str]]) -> PostBac:
    """``pb`` with the programmes of ``codes`` (``PS-…`` -> CFD, :func:`same_name_codes`)
    given the diploma's code: no longer programmes of their own, their offers those of the
    diploma, except where an establishment already offers it (``offered``: (UAI, CFD) of the
    activity files' and renewed offers, and the programme's other offers). The diploma keeps
    what the programmes said: entered after the bac (``entry``, the programmes' entry level)
    and, for a « D.E » programme, that it is a diplôme d'État entered so (``state``).

    >>> pb = build([ProgrammeRow(1, "0540001A", "D.E Infirmier", None, None)], {}, {}, set())
    >>> ps = next(iter(pb.programmes))
    >>> out = attach(pb, {ps: "26033101"}, set())
    >>> out.entry, sorted(out.state), [o.code for o in out.offers], out.programmes
    ({'26033101': 4}, ['26033101'], ['26033101'], {})
    """
    if not codes:
        return pb
    entry: dict[str, int] = {}
    state: set[str] = set()
    for ps, cfd in codes.items():
        if (p := pb.programmes.get(ps)) is None:
            continue
        entry[cfd] = min(entry.get(cfd, p.entry_level), p.entry_level)
        if programme_state_key(p) is not None:
            state.add(cfd)
    offers: list[ProgrammeOffer] = []
    seen: set[tuple[str, str]] = set()
    already = pb.already_offered
    for o in pb.offers:
        code = codes.get(o.code, o.code)
        if (o.uai, code) in seen:
            continue
        seen.add((o.uai, code))
        if code != o.code and (o.uai, code) in offered:
            already += 1
            continue
        offers.append(ProgrammeOffer(o.uai, code, o.label, o.lat, o.lon))
    mapped = dict(pb.mapped)
    how = dict(pb.how)
    for label, h in pb.how.items():
        if h == "none" and (code := programme_code(classify(label))) in codes:
            mapped[label] = codes[code]
            how[label] = "bcn-name"
    return PostBac(
        programmes={c: p for c, p in pb.programmes.items() if c not in codes},
        offers=offers,
        mapped=mapped,
        how=how,
        nsf={c: g for c, g in pb.nsf.items() if c not in codes},
        already_offered=already,
        nsf_groups={c: g for c, g in pb.nsf_groups.items() if c not in codes},
        entry={**pb.entry, **entry},
        state=pb.state | state,
    )
