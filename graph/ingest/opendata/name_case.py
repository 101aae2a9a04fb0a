"""Words in capitals inside a name otherwise written in lower case: « Lycée des métiers du
beton ARME », « Lycée professionnel Mixte THEODORE MONOD », « Lycée Jean ZAY ».

The Annuaire and Parcoursup write some words of a name in capitals as their systems took them
(a surname, a town, a whole phrase). :func:`recased` writes such a word as the national files
themselves write it elsewhere: the most common spelling of the same word (accents and case
aside) among the words of every establishment name that are not in capitals
(:func:`vocabulary`): « ZAY » → « Zay » (« Lycée Jean Zay » elsewhere), « MÉTIERS » →
« métiers », « ARME » → « armé » where a name writes « armé », with its accent. A particle
(« DE », « DES », « DU », « LA », « ET »…) is written in lower case, except as the first word.

A word in capitals right after a French given name, one space apart, is a surname
(:data:`GIVEN_NAMES`: « Lycée Eugene JAMOT » → « Lycée Eugène Jamot », the given name with its
French accents), unless it is an acronym or a number (« Jean XXIII »).

Never lose information: any other word the files write nowhere else but in capitals stays as
given (« FOLLIS », « MOPA »: a name or an acronym, the data cannot tell: read as
surnames after a word with a capital, « SEPR », « DGNE », « MEDD », « HETIS » of the CFA list
became « Sepr »…, December 2026); a known acronym stays in
capitals (:data:`ACRONYMS`: CFA, IUT, BTP, UIMM, EREA, SEGPA, LP, LEGT, MFR, GRETA…, and the
acronyms the national files give, graph/ingest/opendata/cfa_names.py), however another name
writes it, and so does an abbreviation of the CFA list (:data:`ABBREVIATIONS`: « PROF » is
no « prof »). A name all in capitals is read by :func:`graph.ingest.opendata.cfa_names.readable_capitals`
instead. Pure functions over plain strings.

>>> v = vocabulary(["Lycée Jean Zay", "Lycée des métiers du bâtiment", "Béton armé"])
>>> recased("Lycée Jean ZAY", v), recased("Lycée DES MÉTIERS du beton ARME", v)
('Lycée Jean Zay', 'Lycée des métiers du beton armé')
>>> recased("CFA BTP de l'Aube", v), recased("Lycée HAUTE FOLLIS", v)
("CFA BTP de l'Aube", 'Lycée HAUTE FOLLIS')
"""  # noqa: E501

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from graph.ingest.opendata.cfa_names import KNOWN_ACRONYMS, SMALL_WORDS
from graph.text import normalise

__all__ = ["ABBREVIATIONS", "ACRONYMS", "GIVEN_NAMES", "WordMemo", "recased", "vocabulary"]

# Acronyms of the national names kept in capitals whatever another name writes: the kinds of
# establishments and bodies (the brief's list first), the hospitals' and universities' usual
# ones, and the acronyms the files give (cfa_names.KNOWN_ACRONYMS).
ACRONYMS = frozenset(
    {
        "CFA",
        "IUT",
        "BTP",
        "UIMM",
        "EREA",
        "SEGPA",
        "LP",
        "LEGT",
        "MFR",
        "GRETA",
        "CFAI",
        "CFPPA",
        "LGT",
        "LPO",
        "LPA",
        "LEGTA",
        "LEGTPA",
        "EPLEFPA",
        "EPLA",
        "MFREO",
        "IREO",
        "URMA",
        "CMA",
        "CCI",
        "CCIP",
        "IFSI",
        "IFAS",
        "IFMK",
        "IRTS",
        "CH",
        "CHU",
        "CHRU",
        "CHI",
        "AP",
        "HP",
        "UFR",
        "INSA",
        "INP",
        "IMT",
        "ENS",
        "CNAM",
        "IAE",
        "UCO",
        "CESI",
        "ECAM",
        "ICAM",
        "ISEN",
        "EPF",
        "ESME",
        "EPITA",
        "EPSI",
        "ESTP",
        "INSEEC",
        "ESIEE",
        "ESRA",
        "IDRAC",
        "UPEC",
        "ENSEIS",
        "CREPS",
        "CY",
        "EGC",
        "IDF",
        "PACA",
        "TP",
        "PME",
        "SAS",
        "IFA",
        "AFPA",
        "GIP",
        "EPL",
        "II",
        "III",
        "IV",
        "ORT",
        "CAP",
        "PO",
        *KNOWN_ACRONYMS,
    }
)

# Abbreviations the CFA list writes in capitals (its 30-character columns: « ASS PROF FORM
# Prepa Pharmacie », « GRPT PROF Format HOSP PRIV », « PROF Sanitaires SOC Medico-SOC »),
# kept as given: another name's lower-case spelling is no reading of them (« prof » in « Var
# prof de santé » made « ASS prof FORM »; « PROF » abridges « professionnel(le) » or
# « professions », and which one the file does not say). Only those whose folded form another
# name writes in lower case, nationally (December 2026: « PROF » alone, in 5 names); the
# others are written nowhere else, or with a capital (« Form », « Hosp »), and kept anyway.
ABBREVIATIONS = frozenset({"PROF"})

# French given names, as France writes them (accents included), by their folded form: the
# « Prénom NOM » of a person an establishment is named after (« Lycée Eugene JAMOT »). A word
# in capitals right after one of them is a surname (« Jamot »), however no other name writes
# it; and the given name gets back the accents its French spelling has (« Eugène ») when it
# lacks them only. A reference of the language, not of the files: the files cannot tell
# « JAMOT » (a surname) from « SEPR », « DGNE » or « HETIS » (acronyms after a word with a
# capital), which stay as given. Names of saints are given names too (« Saint Joseph »).
_GIVEN = (
    "Adrien Agnès Albert Alexandre Alexis Alfred Alice Alphonse Amédée André Andrée "
    "Anne Antoine Antonin Aristide Arthur Auguste Augustin Benjamin Bernard Blaise "
    "Camille Célestin Charles Charlotte Christophe Claude Clément Colette Denis Denise "
    "Désiré Édith Édouard Élisabeth Élise Émile Émilie Ernest Étienne Eugène Eugénie "
    "Fernand Florence Francis François Françoise Frédéric Gabriel Gabrielle Gaston "
    "Georges Geneviève Germaine Gilbert Guillaume Gustave Guy Hector Hélène Henri "
    "Henriette Hippolyte Honoré Hubert Irène Jacqueline Jacques Jean Jeanne Jérôme "
    "Joseph Joséphine Jules Julien Juliette Laurent Léon Léonard Léonce Louis Louise "
    "Lucie Lucien Madeleine Marc Marcel Marcelin Marguerite Marie Marthe Martin "
    "Mathilde Maurice Maxime Michel Michelle Nicolas Noël Olympe Paul Paule Pauline "
    "Philippe Pierre Raoul Raphaël Raymond René Richard Robert Roger Rosa Samuel "
    "Sébastien Simone Sophie Suzanne Thérèse Théodore Thomas Valentin Victor Vincent "
    "Xavier Yves Yvonne"
)
GIVEN_NAMES = {normalise(n): n for n in _GIVEN.split()}

_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVXLCDM]+")


def _capitals(word: str) -> bool:
    return len(word) >= 2 and word == word.upper() and word != word.lower()


def vocabulary(names: Iterable[str]) -> dict[str, str]:
    """Folded word → its most common spelling among the words of ``names`` that are not in
    capitals (ties: the first met). A word two letters long or more only."""
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    # each distinct word judged and folded once (~30 000 words, ~6 000 distinct nationally);
    # None: not counted (one letter, or in capitals)
    folded: dict[str, str | None] = {}
    for name in names:
        for w in _WORD.findall(name):
            if (key := folded.get(w, _UNSEEN)) is _UNSEEN:
                key = folded[w] = normalise(w) if len(w) >= 2 and not _capitals(w) else None
            if key is not None:
                seen[key][w] += 1
    return {k: c.most_common(1)[0][0] for k, c in seen.items()}


_UNSEEN = "\0"  # not a word (:data:`_WORD` matches letters only)


def _word(
    token: str,
    *,
    first: bool,
    after_name: bool,
    words: Mapping[str, str],
    after_given: bool = False,
) -> str:
    if token in ACRONYMS or token in ABBREVIATIONS:
        return token
    folded = normalise(token)
    if folded in SMALL_WORDS and not first:
        return folded
    said = words.get(folded)
    if said is None:
        # « Eugene JAMOT »: a surname (GIVEN_NAMES); never a number (« Jean XXIII »)
        if after_given and len(token) >= 3 and not _ROMAN.fullmatch(token):
            return token[:1] + token[1:].lower()
        return token  # written nowhere else but in capitals: a name or an acronym, kept
    if len(token) <= 3 and (said == said.lower() or not after_name):
        # three letters are as often an abbreviation (« MET », « COM », « SUP de CO ») or an
        # acronym as a word: only a surname after a name (« Jean ZAY ») is read
        return token
    if said == said.lower():  # a common word (« métiers », « armé »)
        return said[:1].upper() + said[1:] if first else said
    return said


def recased(name: str, words: Mapping[str, str], memo: WordMemo | None = None) -> str:
    """``name`` with its words in capitals written as :func:`vocabulary`'s ``words`` write them
    (module docstring), then its words written with a capital each mended
    (:func:`title_words`, ``memo`` its memo of the words: one per ``words``); a name
    without a letter in lower case, as given.

    >>> recased("Lycée professionnel Mixte THEODORE MONOD", {"theodore": "Théodore",
    ...         "monod": "Monod"})
    'Lycée professionnel Mixte Théodore Monod'
    """
    if name == name.upper():
        return name
    return lowered_elisions(title_words(_capital_words(name, words), words, memo))


# An elided « de » written « D' » inside a name (« Lycée Dumont D'Urville », « Lycée
# D'Arsonval », « Jeanne D'Arc »: Parcoursup writes every word with a capital, and the Annuaire
# some), and « De L' » (« Lycée De L'Europe »).
_ELIDED_DE = re.compile(r"(?<=\S )D(?=['’][^\W\d_])")
_DE_L = re.compile(r"(?<=(\S)) De L(?=['’][^\W\d_])")
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
# « Guy De Maupassant », « Charles De Gaulle » (the Annuaire and Parcoursup): after a given
# name, the particle of a surname is in lower case (« Guy de Maupassant »).
_PARTICLE_AFTER_NAME = re.compile(r"(?<=\S) (?:De|Du|Des)(?= [^\W\d_])")


def lowered_elisions(name: str) -> str:
    """Inside a name, French writes an elided « de » in lower case: « D'Urville » after
    another word is « d'Urville », and « De L'Europe » is « de l'Europe ». The « L' » of « De
    L' » after a given name stays: a surname (« Michel de L'Hospital », :data:`GIVEN_NAMES`).
    A first word stays, and so does a name in capitals.

    >>> lowered_elisions("Lycée Dumont D'Urville"), lowered_elisions("Lycée D'Arsonval")
    ("Lycée Dumont d'Urville", "Lycée d'Arsonval")
    >>> lowered_elisions("Lycée agricole De L'Aulne"), lowered_elisions("D'Alembert")
    ("Lycée agricole de l'Aulne", "D'Alembert")
    >>> lowered_elisions("Michel De L'Hospital"), lowered_elisions("LYCEE JEANNE D'ARC")
    ("Michel de L'Hospital", "LYCEE JEANNE D'ARC")

    After a given name, « De », « Du », « Des » begin a surname, in lower case; elsewhere
    they may begin one (« Lycée Du Guesclin »), and stay:

    >>> lowered_elisions("Lycée Guy De Maupassant"), lowered_elisions("Lycée Du Guesclin")
    ('Lycée Guy de Maupassant', 'Lycée Du Guesclin')
    """
    if name == name.upper():
        return name

    def after_given(at: int) -> bool:
        before = _LAST_WORD.search(name, 0, at + 1)
        return before is not None and normalise(before.group(1)) in GIVEN_NAMES

    def de_l(m: re.Match[str]) -> str:
        return m.group(0) if after_given(m.start()) else " de l"

    def particle(m: re.Match[str]) -> str:
        return m.group(0).lower() if after_given(m.start()) else m.group(0)

    if "De " in name or "Du " in name or "Des " in name:
        name = _PARTICLE_AFTER_NAME.sub(particle, name)
    if "'" not in name and "’" not in name:
        return name
    return _ELIDED_DE.sub("d", _DE_L.sub(de_l, name))


# the particles a name writes with a capital only as its first word (« La », « Le », « Les »
# begin place names: « CESI Campus d'Angoulême (La Couronne) »)
_PARTICLES = frozenset({"de", "du", "des", "et", "aux", "au"})


def _bare(word: str) -> str:
    """``word`` without its accents, its case kept."""
    if word.isascii():  # NFD leaves it as it is, and it has no combining mark
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _title(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word[1:].islower()


def title_words(name: str, words: Mapping[str, str], memo: WordMemo | None = None) -> str:
    """A name some system wrote with a capital on every word (« Lycée Des Métiers Du
    Batiment », « Lycée Frederic Et Irene Joliot Curie »), as the national files write it
    elsewhere:

    - « Et » inside a name is « et »; « De », « Du », « Des », « Au », « Aux » inside a name
      are lowered when the word after them is a common word (one the files write in lower
      case, :func:`vocabulary`), and that word is written so (« Des Métiers » → « des
      métiers »), and so are the next ones of that name; before a name they stay (« Lycée Du
      Guesclin »); « La », « Le », « Les » always stay (« Lycée La Fayette », « (La
      Couronne) »);
    - a word with a capital gets back the accents the files give it where they write it with
      a capital too, most often (« Frederic » → « Frédéric »); never loses one.

    ``memo`` keeps what is read of each word (its folded form, how ``words`` write it) from
    one name to the next: given, it belongs to this ``words`` (one per import, :func:`recased`).

    >>> v = vocabulary(["Lycée des métiers du bâtiment", "Lycée Frédéric Mistral",
    ...                 "Lycée La Fayette", "Lycée Irène Joliot-Curie"])
    >>> title_words("Lycée Des Métiers Du Batiment", v)
    'Lycée des métiers du bâtiment'
    >>> title_words("Lycée Frédéric Mistral", vocabulary(["Lycée Frederic Mistral"] * 2))
    'Lycée Frédéric Mistral'
    >>> title_words("Lycée Frederic Et Irene Joliot Curie", v)
    'Lycée Frédéric et Irène Joliot Curie'
    >>> title_words("Lycée La Fayette", v), title_words("Des Lycées", v)
    ('Lycée La Fayette', 'Des Lycées')
    """
    facts = memo if memo is not None else {}
    found = _WORD.findall(name)
    if len(found) < 2:
        return name
    about = [facts.get(w) or _learn(w, words, facts) for w in found]
    out = found  # copied before its first change
    lowered_next = False
    title_case = False  # a particle was lowered before a common word: the name is in Title Case
    for i, word in enumerate(found):
        a = about[i]
        if lowered_next:
            lowered_next = False
            if a.common is not None:
                if out is found:
                    out = list(found)
                out[i] = a.common
                continue
        if not a.title:
            continue
        if i and a.folded in _PARTICLES:
            said = about[i + 1].common if i + 1 < len(found) else None
            common = said is not None and said != "et"
            if a.folded == "et" or common or title_case:
                if out is found:
                    out = list(found)
                out[i] = word.lower()
                lowered_next = a.folded != "et"
                title_case = title_case or common
            continue
        # accents given back, never taken away (« Frédéric » is no « Frederic »)
        if a.accented is not None:
            if out is found:
                out = list(found)
            out[i] = a.accented
    if out is found:  # most names: as given
        return name
    tokens = _WORD.split(name)
    return "".join(t + (out[i] if i < len(out) else "") for i, t in enumerate(tokens))


class _Word(NamedTuple):
    """What :func:`title_words` reads of a word of a name, the same wherever it stands."""

    title: bool  # written with a capital, the rest in lower case (:func:`_title`)
    folded: str  # :func:`graph.text.normalise`
    common: str | None  # how the files write it, when in lower case (a common word)
    accented: str | None  # with a capital, written so with its accents by the files


# what :func:`title_words` read of each word of the names of one vocabulary (one per import)
WordMemo = dict[str, _Word]


def _learn(word: str, words: Mapping[str, str], facts: WordMemo) -> _Word:
    folded = normalise(word)
    said = words.get(folded)
    title = _title(word)
    facts[word] = got = _Word(
        title,
        folded,
        said if said is not None and said == said.lower() else None,
        said
        if title and said is not None and said != word and _title(said) and _bare(said) == word
        else None,
    )
    return got


def _capital_words(name: str, words: Mapping[str, str]) -> str:
    """:func:`recased`'s first half: the words in capitals."""
    out: list[str] = []
    last = 0
    previous = ""
    for i, m in enumerate(_WORD.finditer(name)):
        out.append(name[last : m.start()])
        token = m.group()
        # « D'ARC »: elided; « CH.MET.ART »: the CFA list's abbreviations; left as they are
        joined = (
            name[m.end() : m.end() + 1] in ("'", "’", ".") or name[m.start() - 1 : m.start()] == "."
        )
        if _capitals(token) and not joined:
            after_name = previous[:1].isupper() and previous[1:].islower()
            # the given name just before, one space apart (« Sainte Marie / ESUPEC » is not)
            spaced = name[last : m.start()] == " "
            given = GIVEN_NAMES.get(normalise(previous)) if after_name and spaced else None
            said = _word(
                token, first=i == 0, after_name=after_name, words=words, after_given=bool(given)
            )
            if given and said != token and previous != given and _bare(given) == previous:
                out[-2] = given  # « Eugene » → « Eugène », its surname read (GIVEN_NAMES)
            token = said
        out.append(token)
        previous = token
        last = m.end()
    out.append(name[last:])
    return "".join(out)
