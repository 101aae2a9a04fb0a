"""Diploma names as people write them: one function for every place users read one.

The graph keeps a diploma's ``name`` as its sources give it: Certif Info's or
diplomesProfessionnels' readable label where they give one, else the BCN's upper-case text
(``official_name`` keeps the BCN text). A name all in capitals is shown in the case French is
written, accents put back from a closed list of words (:func:`french_case`). Two kinds of names
read badly as they are:

- a **common first year** (« … BTS 1ERE ANNEE COMMUNE », « … 2NDE COMMUNE (BAC PRO) »,
  « … 1ERE ANNEE COMMUNE CAP »): it is the first year of a programme, named as such
  (« … (BTS) — 1re année commune, puis une option »);
- a **Parcoursup programme without a diploma code** (``PS-…``, graph/ingest/opendata/postbac.py):
  Parcoursup strips apostrophes (« strategie de l entreprise »); they are put back, and the
  programme is said to be a Parcoursup title (:func:`name_note`), never shown by its code.

A diploma the BCN closed is said closed, with what replaced it (:func:`closed_note`). Pure
functions over plain rows (``code``, ``name``, ``type``, ``official_name``…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from graph.labels import TYPE_FR

__all__ = [
    "COMMON_YEAR",
    "PLACEHOLDER_PREFIX",
    "closed_note",
    "display_name",
    "french_case",
    "is_common_year",
    "is_agricultural_seconde",
    "is_common_year_kept",
    "is_placeholder",
    "is_public_code",
    "name_note",
    "readable",
    "seconde_start_note",
    "with_code",
]

Row = Mapping[str, Any]

# The codes of Parcoursup programmes no BCN code describes (postbac.programme_code).
PLACEHOLDER_PREFIX = "PS-"

# « 1ERE ANNEE COMMUNE », « 1E ANNEE COMMUNE » (BTS MECP), « 2NDE COMMUNE », « 1ERE ANNEE DE
# CAP … », a BTS name ending in « BTS 1ERE ANNEE » (BTS SIO: its options follow), and the
# agricultural « (SEC PRO AG) », the seconde professionnelle of a Bac pro agricole
_COMMON = re.compile(
    r"\b(1ERE|1E|PREMIERE|2NDE|SECONDE)\s+(ANNEE\s+)?COMMUNE\b|\b1ERE\s+ANNEE\s+DE\s+(CAP|BTS)\b"
    r"|\bBTS\s+1(ERE|E)\s+ANNEE\s*$|\(SEC\s+PRO\s+AG\)",
    re.IGNORECASE,
)
COMMON_YEAR = _COMMON  # what marks a common first year in a BCN name
# A text _COMMON matches holds one of these words, whatever its case: every character that
# re.IGNORECASE takes for one of their letters is that letter in str.upper() (the ASCII letter
# itself, its lower case, « ſ » for S). The texts holding none are not searched: most names,
# and the regular expression's search of three texts was most of the common-year test of a
# first partial-answer notice (docs/performance.md, branch httpp95c).
_COMMON_WORDS = ("COMMUNE", "ANNEE", "SEC", "2NDE")
_AGRICULTURAL_2NDE = re.compile(r"\(SEC\s+PRO\s+AG\)", re.IGNORECASE)
# the BCN's « 2NDE PROFESSIONNELLE PRODUCTION (BAC PRO) »: the first year of the Bac pros of a
# whole field (production, services), no famille de métiers named
_FIELD_2NDE = re.compile(r"^\s*2NDE\s+PROFESSIONNELLE\s+(?P<field>.+?)\s*\(BAC PRO\)\s*$", re.I)
# what is left of the type around a common year's name: « (CAP ) », a trailing « BTS »
_EMPTY_BRACKETS = re.compile(r"\(\s*(BTS|CAP|BAC PRO)?\s*\)", re.IGNORECASE)
_TRAILING_TYPE = re.compile(r"\s+(BTS|CAP)\s*$", re.IGNORECASE)
# What follows the programme's name, by type.
_COMMON_TAIL = {
    "bts": "(BTS) — 1re année commune, puis une option",
    "bac_pro": "(Bac pro) — 2de commune de la famille de métiers, puis un Bac pro",
    "cap": "(CAP) — 1re année commune, puis une spécialité",
}
# An elided word Parcoursup wrote without its apostrophe: « l entreprise », « d Expertise ».
_ELIDED = re.compile(r"\b([ldLD]|[Qq]u|[Jj]usqu) (?=[aeiouyhâàéèêëîïôûAEIOUYHÉÈÊÂÎÔ])")


def _is_common_text(text: str) -> bool:
    """Whether a BCN text names a common year: ``_COMMON``, or a sector's 2nde professionnelle
    (kept out of ``COMMON_YEAR``: graph/programme_names.py groups by the rest of its name)."""
    return bool(_COMMON.search(text) or _FIELD_2NDE.match(text))


def _texts(d: Row) -> Iterable[str]:
    # the BCN text first: a name already made readable (display_name) is not matched again
    return (str(d.get(k) or "") for k in ("official_name", "source_name", "name"))


def is_common_year(d: Row) -> bool:
    """Whether a diploma code is the common first year of a programme (by its BCN text, or
    its name when the row has none).

    >>> is_common_year({"name": "CONCEPTION DES PROCESSUS DE REALISATION DE PRODUITS BTS 1ERE ANNEE COMMUNE"})
    True
    >>> is_common_year({"name": "METIERS DU CUIR 2NDE COMMUNE (BAC PRO)"})
    True
    >>> is_common_year({"name": "1ERE ANNEE DE CAP PRODUCTION (CAP)"})
    True
    >>> is_common_year({"name": "SERVICES INFORMATIQUES AUX ORGANISATIONS BTS 1ERE ANNEE"})
    True
    >>> is_common_year({"name": "2NDE PROFESSIONNELLE SERVICES (BAC PRO)"})
    True
    >>> is_common_year({"name": "ELECTROTECHNIQUE (BTS)"})
    False
    >>> is_common_year({"name": "LETTRES 1ERE ANNEE"})
    False
    """  # noqa: E501
    return any(_is_common_text(t) for t in _texts(d) if _may_be_common(t))


@lru_cache(maxsize=32_768)
def _common_texts(official: str | None, source: str | None, name: str | None) -> bool:
    return is_common_year({"official_name": official, "source_name": source, "name": name})


def is_common_year_kept(d: Row) -> bool:
    """:func:`is_common_year`, kept by the three texts it reads (the same names in every
    version of the graph): a first answer tested the names of hundreds of diplomas (its walk,
    its partial-answer notice), and the pathway cache's preload tests every diploma's once
    (graph/pathways/data.py), so that no question pays for them (docs/performance.md)."""
    return _common_texts(d.get("official_name"), d.get("source_name"), d.get("name"))


def _may_be_common(text: str) -> bool:
    """Whether ``text`` holds a word every match of ``_COMMON`` holds (see _COMMON_WORDS)."""
    upper = text.upper()
    return any(w in upper for w in _COMMON_WORDS)


def is_placeholder(code: str | None) -> bool:
    """Whether a code is a Parcoursup programme's stand-in, not a diploma code.

    >>> is_placeholder("PS-BTS-764ACD9B77"), is_placeholder("32321014")
    (True, False)
    """
    return bool(code) and str(code).startswith(PLACEHOLDER_PREFIX)


def display_name(d: Row) -> str:
    """The name of a diploma as people write it, everywhere users read one (pathway steps and
    explanations, search, gap reports, CSV exports).

    >>> display_name({"name": "TRAITEMENT DES MATERIAUX BTS 1ERE ANNEE COMMUNE", "type": "bts"})
    'Traitement des matériaux (BTS) — 1re année commune, puis une option'
    >>> display_name({"name": "METIERS DE L'ESTHETIQUE BTS 1E ANNEE COMMUNE", "type": "bts"})
    "Métiers de l'esthétique (BTS) — 1re année commune, puis une option"
    >>> display_name({"name": "METIERS DU CUIR 2NDE COMMUNE (BAC PRO)", "type": "bac_pro"})
    'Métiers du cuir (Bac pro) — 2de commune de la famille de métiers, puis un Bac pro'
    >>> display_name({"name": "CONDUITE DE SYSTEMES INDUSTRIELS (CAP 1ERE ANNEE COMMUNE)",
    ...               "type": "cap"})
    'Conduite de systèmes industriels (CAP) — 1re année commune, puis une spécialité'
    >>> display_name({"code": "PS-BTS-1", "type": "bts",
    ...               "name": "BTS – Agricole – Strategie de l entreprise agricole"})
    "BTS – Agricole – Strategie de l'entreprise agricole"
    >>> display_name({"code": "PS-ING-1", "type": "ingenieur",
    ...               "name": "Formation d ingenieur Bac + 5 – Bac Serie generale"})
    "Formation d'ingénieur Bac + 5 – Bac Série générale"
    >>> display_name({"name": "SERVICE AUX PERSONNES ET AUX TERRITOIRES (SEC PRO AG)",
    ...               "type": "bac_pro"})
    'Service aux personnes et aux territoires (Bac pro agricole) — 2de professionnelle, 1re année du Bac pro'
    >>> display_name({"name": "2NDE PROFESSIONNELLE PRODUCTION (BAC PRO)", "type": "bac_pro"})
    "2de professionnelle production (Bac pro) — 1re année d'un Bac pro du secteur production"
    >>> display_name({"name": "Bac pro cuisine", "type": "bac_pro"})
    'Bac pro cuisine'

    Applying it twice changes nothing (the BCN text, ``official_name``, is read when given).
    """  # noqa: E501
    return _display_name(
        str(d.get("name") or ""),
        str(d.get("official_name") or ""),
        str(d.get("source_name") or ""),
        is_placeholder(d.get("code")),
        str(d.get("type") or ""),
    )


# Parcoursup writes its titles without accents (« Formation d ingenieur Bac + 5 – Bac Serie
# generale »). These words have one spelling with accents in French, whatever their place in a
# title, so they get it back; no other word is touched (« reserve », « integre »… have two).
_ACCENTED = {
    w.translate(str.maketrans("éèêàâîôûç", "eeeaaiouc")): w
    for w in (  # noqa: SIM905
        "ingénieur ingénieurs ingénierie série séries générale général généraux générales "
        "spécialité spécialités santé métiers métier électronique électrotechnique "
        "électrique énergie énergies économie économique économiques études réseaux systèmes "
        "sécurité société mathématiques médical médicale activités bâtiment génie matériaux "
        "mécanique numérique procédés qualité développement accès préparatoire européen "
        "européenne création équipements école écoles établissement première année "
        "écologie aéronautique télécommunications cybersécurité "
        "hôtellerie thérapie diététique esthétique cosmétique communauté géographie "
        "littérature littéraire théâtre cinéma défense généraliste "
        # the BCN's upper-case names (:func:`french_case`)
        "numériques énergétique énergétiques système bâtiments équipement mécaniques "
        "véhicules modélisation matériels électrotechnique référentiel préparatoire "
        "économiques éducatif éducative éducation éducateur employé employée prévention "
        "prothèse thérapeutique électromécanicien propreté clientèle négociation forêt "
        "matières pièces proximité bioqualité métallier maçon carrières réalisation "
        "décolletage diplôme diplômante électricité nucléaire nucléaires puériculture "
        "supérieur médias expérimentation rénovation réparation régulation opérateur "
        "céramique géomètre intérieur intérieure être prêt réception hébergement "
        "télévision vidéo élevage végétale végétales piétonne sérigraphie vêtements vêtement "
        "léger légers légère légères "
        # closed BCN names tester25 read without accents (« Patissier (CAP) », « Electricien
        # d'automobiles (CAP) », « Comptabilite et gestion des organisations (BTS) »,
        # « Infirmiere (diplôme d'État) », « Diplôme d'Etat de puéricultrice »)
        "pâtissier pâtissière pâtissiers pâtisserie électricien électricienne électriciens "
        "comptabilité infirmière infirmières état "
        # past participles a diploma's name only uses as adjectives (« environnements connectés »)
        "connecté connectés connectée connectées embarqué embarqués embarquée embarquées "
        "spécialisé spécialisés spécialisée spécialisées "
        # the BCN's « FORMATION COMPLEMENTAIRE NON DIPLOMANTE … POST NIVEAU IV » (48199901)
        "complémentaire complémentaires après spécifié spécifiée spécifiés spécifiées "
        "précisé précisée automatisé automatisée automatisés automatisées"
    ).split()
}
_ACCENTLESS = re.compile(r"\b(" + "|".join(sorted(_ACCENTED, key=len, reverse=True)) + r")\b", re.I)


def accented(word: str) -> str:
    """A folded word (« patissier ») with its accents back when French spells it one way
    only (:data:`_ACCENTED`), in lower case; else the word in lower case.

    >>> accented("PATISSIER"), accented("reserve")
    ('pâtissier', 'reserve')
    """
    lower = word.lower()
    return _ACCENTED.get(lower, lower)


def _accent(m: re.Match[str]) -> str:
    """The accented word, in the case it was written: « Serie » → « Série », « SERIE » →
    « SÉRIE »."""
    word = m.group(0)
    accented = _ACCENTED[word.lower()]
    if word.isupper():
        return accented.upper()
    if word[0].isupper():
        return accented[0].upper() + accented[1:]
    return accented


# What stays in capitals in a BCN name (abbreviations, roman numerals) and what is written
# otherwise than in lower case; every other word is lowered, and gets its accents back from the
# closed list above (:data:`_ACCENTED`) or none.
_CAPITALS_TEXT = (
    "BTS BTSA CAP CAPA MC CS CS3 CS4 BP BMA DN DNTS DSAA DTS DMA ECG ECT MPSI PCSI PTSI TSI PSI "
    "MP PC PT BCPST TB TPC MLDS ATS CPGE FCIL SIO CIEL MELEC II III IV VI VII UE TP BTP HSE QHSE AG"
)
_CAPITALS = frozenset(_CAPITALS_TEXT.split())
_OLD_LEVEL = re.compile(r"\bPOST NIVEAU (III|IV|V)\b")
_OLD_LEVELS = {"V": 3, "IV": 4, "III": 5}
_WRITTEN = {"bac": "Bac", "etat": "État"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


# The short words (four letters at most) a BCN name writes in French; any other short word is
# an abbreviation (« BTS CRSA ») and stays in capitals.
_SHORT_TEXT = (
    "a à d l de la le les des du et en au aux un une ou sur par pour dans vie bois cuir mode mer "
    "air art arts eau gaz fer pain lait vins vin bar son ses bien etre prêt soin soins jeux "
    "sols sol pied main fine chef aide ski golf cafe hors pré tous pro non"
)
_SHORT_WORDS = frozenset(_SHORT_TEXT.split())


def french_case(name: str) -> str:
    """A BCN name written all in capitals, in the case French is written: lower case but the
    first letter and the abbreviations (:data:`_CAPITALS`, and a short word no closed list
    names: « BTS CRSA »), « Bac », « État », accents put back where a closed list of words has
    only one spelling (« METIERS » → « métiers »), « A » read « à » but first and after
    « OPTION » (an option's letter). A name with a lower-case letter, or no word longer than
    four letters, is kept as it is: nothing else is guessed.

    >>> french_case("METIERS DE LA RELATION CLIENT (BAC PRO)")
    'Métiers de la relation client (Bac pro)'
    >>> french_case("SERVICES INFORMATIQUES AUX ORGANISATIONS OPTION A SOLUTIONS (BTS)")
    'Services informatiques aux organisations option A solutions (BTS)'
    >>> french_case("ACCOMPAGNEMENT SOINS ET SERVICES A LA PERSONNE")
    'Accompagnement soins et services à la personne'
    >>> french_case("PCSI (PHYSIQUE, CHIMIE ET SCIENCES DE L'INGENIEUR)")
    "PCSI (physique, chimie et sciences de l'ingénieur)"
    >>> french_case("BTS CRSA"), french_case("A"), french_case("Bac pro cuisine")
    ('BTS CRSA', 'A', 'Bac pro cuisine')
    >>> french_case("FORMATION COMPLEMENTAIRE NON DIPLOMANTE HORS MLDS POST NIVEAU IV")
    'Formation complémentaire non diplômante hors MLDS après le niveau 4'
    """
    if any(c.islower() for c in name):
        return name
    # the levels of the 1969 nomenclature a few names still use (« POST NIVEAU IV »: after
    # the bac), in today's numbers (V: CAP, 3; IV: bac, 4; III: bac+2, 5)
    name = _OLD_LEVEL.sub(lambda m: f"APRES LE NIVEAU {_OLD_LEVELS[m.group(1)]}", name)
    words = list(_WORD.finditer(name))
    if not any(len(m.group(0)) > 4 and m.group(0) not in _CAPITALS for m in words):
        return name
    out, last = [], 0
    previous = ""
    for i, m in enumerate(words):
        word = m.group(0)
        lower = word.lower()
        if word in _CAPITALS or (len(word) == 1 and previous == "OPTION"):
            new = word
        elif lower == "a":
            new = "à" if i else word
        elif lower in _WRITTEN:
            new = _WRITTEN[lower]
        elif len(word) <= 4 and lower not in _SHORT_WORDS:
            new = word  # an abbreviation
        else:
            new = _ACCENTED.get(lower, lower)
        out.append(name[last : m.start()] + new)
        last, previous = m.end(), word
    text = "".join(out) + name[last:]
    return text[:1].upper() + text[1:] if text[:1].islower() else text


@lru_cache(maxsize=16384)
def _display_name(name: str, official: str, source: str, placeholder: bool, kind: str) -> str:
    """:func:`display_name` of the texts it reads: kept, a gap report names the same few
    thousand diplomas tens of thousands of times (~60 ms of regular expressions a report)."""
    if placeholder:
        text = _ACCENTLESS.sub(_accent, _ELIDED.sub(r"\1'", name))
        return fcil_name(text) if kind == "fcil" else text
    bcn = next((t for t in (official, source, name) if _is_common_text(t)), None)
    if bcn is None:
        return french_case(name)
    if _AGRICULTURAL_2NDE.search(bcn):
        base = french_case(_AGRICULTURAL_2NDE.sub("", bcn).strip())
        return f"{base} (Bac pro agricole) — 2de professionnelle, 1re année du Bac pro"
    if m := _FIELD_2NDE.match(bcn):
        field = french_case(m.group("field")).lower()
        return f"2de professionnelle {field} (Bac pro) — 1re année d'un Bac pro du secteur {field}"
    base = _COMMON.sub(" ", bcn).replace("(BAC PRO)", " ")
    base = _EMPTY_BRACKETS.sub(" ", base)
    base = _TRAILING_TYPE.sub("", " ".join(base.split())).strip(" -,")
    tail = _COMMON_TAIL.get(kind) or f"({TYPE_FR.get(kind, 'formation')}) — année commune"
    return f"{french_case(base)} {tail}"


_FCIL_PARTS = re.compile(r"\s+[-–]\s+")
FCIL_TAIL = "(formation complémentaire d'initiative locale, non diplômante)"


def fcil_name(label: str) -> str:
    """A FCIL's name from its label (the BTS files' « FCIL - X - Option y », the Parcoursup
    extract's « FCIL – X – Option y »): what it is said after its own title, since a FCIL is
    no diploma.

    >>> fcil_name("FCIL - Mécanicien en compétition automobile - Option monoplace")
    "FCIL : Mécanicien en compétition automobile — option monoplace (formation complémentaire d'initiative locale, non diplômante)"
    >>> fcil_name(fcil_name("FCIL - SPA Praticien(ne)")) == fcil_name("FCIL - SPA Praticien(ne)")
    True
    """  # noqa: E501
    parts = [p.strip() for p in _FCIL_PARTS.split(label.strip()) if p.strip()]
    if len(parts) < 2 or parts[0].upper() != "FCIL":
        return label
    title = [parts[1][:1].upper() + parts[1][1:]] + [
        p[:1].lower() + p[1:] if p.split()[0].lower() == "option" else p for p in parts[2:]
    ]
    return f"FCIL : {' — '.join(title)} {FCIL_TAIL}"


def seconde_start_note(d: Row, famille: Sequence[Row] = ()) -> str | None:
    """What a pathway answer says first when its start is a 2nde professionnelle or a BTS
    common first year: a course year, no diploma; None for any other start. ``famille``: the
    Bac pros familleMetiers.csv says the 2nde is the first year of (``code``, ``name``,
    ``famille``, ``closed``): an agricultural 2de professionnelle is said the first year of
    those it lists (links23; before, it was said nothing, and its name read as the first year
    of one Bac pro « Productions » that does not exist); one the file does not list is named
    with its Bac pro by its name (display_name), and no more is said.

    >>> seconde_start_note({"name": "2NDE PROFESSIONNELLE PRODUCTION (BAC PRO)", "type": "bac_pro"})
    "La 2de professionnelle production n'est pas un diplôme : c'est la 1re année d'un Bac pro du secteur production, et les fichiers importés ne disent pas lequel. Demandez plutôt les parcours depuis le Bac pro préparé (ou depuis le niveau 4)."
    >>> seconde_start_note({"name": "METIERS DU CUIR 2NDE COMMUNE (BAC PRO)", "type": "bac_pro"})
    "La 2de commune « Métiers du cuir » n'est pas un diplôme : c'est la 1re année des Bac pro de cette famille de métiers. Demandez plutôt les parcours depuis le Bac pro de la famille préparé."
    >>> print(seconde_start_note({"name": "METIERS DU CUIR 2NDE COMMUNE (BAC PRO)", "type": "bac_pro"},
    ...     [{"name": "Bac pro métiers du cuir option maroquinerie", "closed": False},
    ...      {"name": "Bac pro X", "closed": True}]))
    La 2de commune « Métiers du cuir » n'est pas un diplôme : c'est la 1re année des Bac pro de cette famille de métiers (Bac pro métiers du cuir option maroquinerie). Demandez plutôt les parcours depuis le Bac pro de la famille préparé.
    >>> seconde_start_note({"name": "ELECTROTECHNIQUE (BTS)", "type": "bts"}) is None
    True
    >>> seconde_start_note({"name": "SERVICES INFORMATIQUES AUX ORGANISATIONS BTS 1ERE ANNEE", "type": "bts"})
    "La 1re année commune du BTS Services informatiques aux organisations n'est pas un diplôme : c'est la 1re année du BTS, suivie d'une option en 2e année. Demandez plutôt les parcours depuis l'option du BTS préparée (ou depuis le niveau 5)."
    """  # noqa: E501
    if d.get("type") == "bts" and is_common_year(d):
        # a BTS « 1re année commune » (answers20): no diploma either, and no leg starts there
        base = display_name(d).split(" (BTS)")[0]
        return (
            f"La 1re année commune du BTS {base} n'est pas un diplôme : c'est la 1re année du "
            "BTS, suivie d'une option en 2e année. Demandez plutôt les parcours depuis l'option "
            "du BTS préparée (ou depuis le niveau 5)."
        )
    if d.get("type") != "bac_pro" or not is_common_year(d):
        return None
    bcn = next((t for t in _texts(d) if _is_common_text(t)), "")
    if m := _FIELD_2NDE.match(bcn):
        field = french_case(m.group("field")).lower()
        return (
            f"La 2de professionnelle {field} n'est pas un diplôme : c'est la 1re année d'un Bac "
            f"pro du secteur {field}, et les fichiers importés ne disent pas lequel. Demandez "
            "plutôt les parcours depuis le Bac pro préparé (ou depuis le niveau 4)."
        )
    if _AGRICULTURAL_2NDE.search(bcn):
        return _agricultural_note(bcn, famille)
    base = display_name(d).split(" (Bac pro)")[0]
    # the Bac pros familleMetiers.csv lists for this 2de commune, named (tester26: « bac pro
    # gatl » was refused without a word of AGOrA, logistique or OTM)
    open_ = sorted({display_name(r) for r in famille if not r.get("closed") and r.get("name")})
    listed = f" ({', '.join(open_)})" if open_ else ""
    return (
        f"La 2de commune « {base} » n'est pas un diplôme : c'est la 1re année des Bac pro de "
        f"cette famille de métiers{listed}. Demandez plutôt les parcours depuis le Bac pro de la "
        "famille préparé."
    )


def is_agricultural_seconde(d: Row) -> bool:
    """Whether a diploma row is an agricultural 2de professionnelle (« … (SEC PRO AG) »).

    >>> is_agricultural_seconde({"name": "PRODUCTIONS (SEC PRO AG)", "type": "bac_pro"})
    True
    >>> is_agricultural_seconde({"name": "Bac pro agroéquipement", "type": "bac_pro"})
    False
    """
    return d.get("type") == "bac_pro" and any(_AGRICULTURAL_2NDE.search(t) for t in _texts(d))


def _agricultural_note(bcn: str, famille: Sequence[Row]) -> str | None:
    """:func:`seconde_start_note` of an agricultural 2de professionnelle (« … (SEC PRO AG) »):
    None unless ``famille`` (familleMetiers.csv) says which Bac pros follow it.

    >>> rows = [{"code": "40321001", "name": "Bac pro agroéquipement", "famille": "Métiers des "
    ...          "productions", "closed": False},
    ...         {"code": "40321004", "name": "Bac pro conduite et gestion de l'entreprise agricole",
    ...          "famille": "Métiers des productions", "closed": False},
    ...         {"code": "40321210", "name": "Bac pro X", "famille": "Métiers des productions",
    ...          "closed": True}]
    >>> print(_agricultural_note("PRODUCTIONS (SEC PRO AG)", rows))
    La 2de professionnelle agricole « Productions » n'est pas un diplôme : c'est la 1re année des Bac pro de la famille de métiers « Métiers des productions » (Bac pro agroéquipement, Bac pro conduite et gestion de l'entreprise agricole). Demandez plutôt les parcours depuis le Bac pro préparé.
    >>> _agricultural_note("SERVICE AUX PERSONNES ET AUX TERRITOIRES (SEC PRO AG)", []) is None
    True
    """  # noqa: E501
    open_ = [r for r in famille if not r.get("closed") and r.get("name")]
    names = sorted({str(r.get("famille") or "") for r in famille} - {""})
    if not open_ or len(names) != 1:
        return None
    base = french_case(_AGRICULTURAL_2NDE.sub("", bcn).strip())
    listed = ", ".join(display_name(r) for r in open_)
    return (
        f"La 2de professionnelle agricole « {base} » n'est pas un diplôme : c'est la 1re année "
        f"des Bac pro de la famille de métiers « {names[0]} » ({listed}). Demandez plutôt les "
        "parcours depuis le Bac pro préparé."
    )


# A code a counsellor can look up: the BCN's (CFD, eight letters or digits) or a France
# compétences record (RNCP…); the web interface's publicCode (frontend/src/lib/labels.ts)
# holds the same rule.
_PUBLIC_CODE = re.compile(r"^(?:[0-9A-Z]{8}|RNCP\d{1,6})$")


def is_public_code(code: str | None) -> bool:
    """Whether a diploma code is a public one, not a key this tool gave a programme that has
    none (a seed's « MV-BAC-STI2D », a Parcoursup stand-in's « PS-… »).

    >>> is_public_code("32025520"), is_public_code("RNCP35340"), is_public_code("MV-BAC-STI2D")
    (True, True, False)
    >>> is_public_code("PS-BTS-764ACD9B77"), is_public_code("T-LP"), is_public_code(None)
    (False, False, False)
    """
    return bool(code) and bool(_PUBLIC_CODE.match(str(code)))


def with_code(d: Row, code: str) -> str:
    """A diploma named for a sentence, with its code when it is a public one
    (:func:`is_public_code`): a seed's or a Parcoursup stand-in's code is never shown.

    >>> with_code({"name": "ELECTROTECHNIQUE (BTS)", "type": "bts"}, "32025520")
    'Électrotechnique (BTS) (32025520)'
    >>> with_code({"code": "PS-BTS-1", "name": "BTS – Orthoptie", "type": "bts"}, "PS-BTS-1")
    'BTS – Orthoptie'
    >>> with_code({"name": "Bac STI2D", "type": "bac_techno"}, "MV-BAC-STI2D")
    'Bac STI2D'
    """
    name = display_name(d)
    return f"{name} ({code})" if is_public_code(code) else name


def readable(d: Row) -> dict[str, Any]:
    """A diploma row whose ``name`` is :func:`display_name`, the stored one kept as
    ``source_name`` (the rules that read the BCN text, :func:`is_common_year`, still can).

    >>> r = readable({"code": "1", "name": "X BTS 1ERE ANNEE COMMUNE", "type": "bts"})
    >>> r["name"], is_common_year(r), readable(r) == r
    ('X (BTS) — 1re année commune, puis une option', True, True)
    """
    if "source_name" in d:
        return dict(d)
    return {**d, "name": display_name(d), "source_name": d.get("name")}


def name_note(d: Row) -> str | None:
    """What a name needs said beside it (French), or None: a Parcoursup title is no diploma
    code of the Éducation nationale."""
    if is_placeholder(d.get("code")):
        return "intitulé Parcoursup, sans code de diplôme de l'Éducation nationale"
    return None


def closed_note(d: Row, successors: Iterable[Row] = ()) -> str | None:
    """« fermé en 2025, remplacé par Bac pro … » for a diploma the BCN closed (``closed``,
    ``closing_date`` ISO); « fermeture prévue en 2027, remplacé par … » for one it closes
    later (a learner entering now may be enrolled in its successor: CAP maintenance des
    véhicules option voitures particulières, 50025218, closes on 31/08/2027 and its
    successor opened in 2025); None for an open one with no closing date.

    >>> closed_note({"closed": True, "closing_date": "2025-08-31"},
    ...             [{"code": "40025520", "name": "Bac pro MELEC", "type": "bac_pro"}])
    'fermé en 2025, remplacé par Bac pro MELEC'
    >>> closed_note({"closed": True}), closed_note({"closed": False, "closing_date": "2030-08-31"})
    ('fermé', 'fermeture prévue en 2030')
    >>> closed_note({"closed": False, "closing_date": "2027-08-31"},
    ...             [{"code": "50025225", "name": "CAP maintenance des véhicules option "
    ...               "véhicules légers", "type": "cap"}])
    'fermeture prévue en 2027, remplacé par CAP maintenance des véhicules option véhicules légers'
    >>> closed_note({"closed": False}) is None
    True

    A successor named as the closed diploma itself (the BCN's successive « COIFFURE (CAP) »)
    is told by its public code, or the note would read « Coiffure (CAP), remplacé par Coiffure
    (CAP) »:

    >>> closed_note({"closed": True, "closing_date": "2008-08-31", "name": "COIFFURE (CAP)"},
    ...             [{"code": "50033610", "name": "COIFFURE (CAP)", "type": "cap"}])
    'fermé en 2008, remplacé par Coiffure (CAP), code 50033610'

    The offers the import carried to its successor (``carried``, the search's rows) are
    said to be the successor's:

    >>> closed_note({"closed": True, "closing_date": "2022-08-31", "carried": 58},
    ...             [{"code": "46033104", "name": "Diplôme d'État d'aide-soignant"}])
    "fermé en 2022, remplacé par Diplôme d'État d'aide-soignant ; ses 58 offres des fichiers sont comptées pour le diplôme qui le remplace"
    """  # noqa: E501
    when = str(d.get("closing_date") or "")[:4]
    if not d.get("closed"):
        if not when.isdigit():
            return None
        text = f"fermeture prévue en {when}"
    else:
        text = f"fermé en {when}" if when.isdigit() else "fermé"
    own = display_name(d) if d.get("name") else None
    names = sorted(
        {
            f"{display_name(s)}, code {s['code']}"
            if display_name(s) == own and is_public_code(str(s.get("code") or ""))
            else display_name(s)
            for s in successors
            if s.get("name")
        }
    )
    if not names:
        return text
    said = f"{text}, remplacé par {' ou '.join(names)}"
    if n := int(d.get("carried") or 0):  # the search's rows (graph/queries.py without_carried)
        by = "le diplôme qui le remplace" if len(names) == 1 else "les diplômes qui le remplacent"
        offers = (
            "son offre des fichiers est comptée"
            if n == 1
            else f"ses {n} offres des fichiers sont comptées"
        )
        said += f" ; {offers} pour {by}"
    return said
