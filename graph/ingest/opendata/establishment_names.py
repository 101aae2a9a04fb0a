"""The name an establishment is shown by, from the names its directories' rows give.

The files write names as their systems could: Parcoursup drops apostrophes (« I.U.T. d
Illkirch », « Lycee Jeanne d Arc », « Site d Aix en Provence »), the CFA list too (« CTR DE
FORMATION D APPRENTIS »), some dotted acronyms lose their last dot (« I.U.T Clermont Auvergne »,
« C.F.A ASPECT AQUITAINE »), and names cut at the column's width end on a dangling « - » or
« , ». :func:`tidy_name` mends only that, word for word: no word is added, none is guessed.

- « d » or « l » standing alone before a word of two letters or more starting with a vowel or
  an « h » is an elided article whose apostrophe was lost: French writes no lone « d » or
  « l » otherwise (« d Illkirch » → « d'Illkirch », « DE L IUT » → « DE L'IUT »). A lone
  letter next to another lone letter is an acronym spelled with spaces (« C I F A PME »,
  « D I F C A M »): left as it is.
- A dotted acronym gets its last dot (« I.U.T » → « I.U.T. ») when a space, a bracket or the
  end follows it.
- Spaces: none inside brackets' edges, one before an opening bracket, none before a comma
  (« DURABLE( MEDD) » → « DURABLE (MEDD) »); a trailing « - », « , », « ; » or « / » is dropped.

**Owner bodies.** A private Catholic school is run by an OGEC (organisme de gestion de
l'enseignement catholique): the CFA list writes it after the school's name, cut at the column's
width (« ST FELIX LA SALLE - OGEC NANTE »). It names the owner, not the school: another
directory's name for the same UAI is preferred (:func:`establishment_name`); when none has one,
the « - OGEC … » part is dropped if a name is left before it, else the name is kept as given.

Checked on the national files (December 2026): of the 8 353 establishments the directories
name, 887 had a lone « d »/« l » before a vowel, 111 a dotted acronym without its last dot, one
an OGEC (0442349P, named by the CFA list only).

**The town in the name.** The files write the town an establishment is in as their systems
could: Parcoursup's « IFSI CH LA ROCHE SUR YON » (read « IFSI CH la Roche sur Yon » by the
capitals rule), « I.U.T. de Saint Étienne », « ENSAM campus de Chalons en Champagne ». Where the
words of the name spell its own commune's name (compared as the commune search compares names:
accents, case, hyphens, « St »), :func:`with_official_place` writes that commune's name as the
commune reference gives it (INSEE, Code officiel géographique, via
``@etalab/decoupage-administratif``: docs/communes.md): « IFSI CH La Roche-sur-Yon »,
« I.U.T. de Saint-Étienne ». Only the establishment's own commune is read (no other town's
name is guessed in a name), and only whole words. A word in capitals spelling the town is the
town too (« IFSI … LAON » in Laon, « Site de LOOS » in Loos): « BUC Ressources », in Buc, reads
« Buc Ressources », the town it is named after.

Pure functions over plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from graph.communes import search_key

__all__ = [
    "OWNER_BODIES",
    "chosen_index",
    "establishment_name",
    "names_owner_body",
    "tidy_name",
    "with_official_place",
]

OWNER_BODIES = frozenset({"ogec", "o.g.e.c", "o.g.e.c."})
"""First words of an owner body's name (folded), never a school's name."""

_ELIDED = frozenset("dDlL")
_VOWEL_OR_H = re.compile(r"^[AEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜaeiouyhàâäéèêëîïôöùûü][^\W\d_]")
_LONE_LETTER = re.compile(r"^[^\W\d_]$")
_ACRONYM_NO_LAST_DOT = re.compile(r"\b((?:[A-Z]\.){2,}[A-Z])(?=[\s)]|$)")
_OWNER_SEGMENT = re.compile(r"\s+-\s+(\S+)\b.*$")
_WORD_THEN_BRACKET = re.compile(r"(?<=\w)\(")
_BRACKET_THEN_SPACE = re.compile(r"\(\s+")
_SPACE_THEN_BRACKET = re.compile(r"\s+\)")
_SPACE_THEN_COMMA = re.compile(r"\s+,")


def _restore_elisions(words: list[str]) -> list[str]:
    if _ELIDED.isdisjoint(words):  # no lone « d » or « l » (7 names in 8)
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev_lone = bool(out) and _LONE_LETTER.match(out[-1]) is not None
        if w in _ELIDED and _VOWEL_OR_H.match(nxt) and not prev_lone:
            out.append(f"{w}'{nxt}")
            i += 2
            continue
        out.append(w)
        i += 1
    return out


def tidy_name(name: str) -> str:
    """The name with its lost apostrophes, acronym dots and spacing mended (module docstring).

    >>> tidy_name("I.U.T. d Illkirch")
    "I.U.T. d'Illkirch"
    >>> tidy_name("I.U.T Clermont Auvergne site d Aubiere")
    "I.U.T. Clermont Auvergne site d'Aubiere"
    >>> tidy_name("CTR DE FORMATION D APPRENTIS C I F A PME")
    "CTR DE FORMATION D'APPRENTIS C I F A PME"
    >>> tidy_name("CENTRE DE FORMATION DES APPREN METIER DEVELOP. DURABLE( MEDD)")
    'CENTRE DE FORMATION DES APPREN METIER DEVELOP. DURABLE (MEDD)'
    >>> tidy_name("CTR DE FORMATION D APPRENTIS POLE FORMAT PAYS DE LA LOIRE -")
    "CTR DE FORMATION D'APPRENTIS POLE FORMAT PAYS DE LA LOIRE"
    """
    text = _WORD_THEN_BRACKET.sub(" (", name)
    text = _BRACKET_THEN_SPACE.sub("(", text)
    text = _SPACE_THEN_BRACKET.sub(")", text)
    text = _SPACE_THEN_COMMA.sub(",", text)
    text = " ".join(_restore_elisions(text.split()))
    text = _ACRONYM_NO_LAST_DOT.sub(r"\1.", text)
    return text.rstrip(" -,;/") or name


def names_owner_body(name: str) -> bool:
    """Whether the name names an owner body (« … - OGEC NANTE », « OGEC SAINT JOSEPH »).

    >>> names_owner_body("ST FELIX LA SALLE - OGEC NANTE"), names_owner_body("Lycée Livet")
    (True, False)
    """
    # (the words folded and tested by C loops: called ~20 000 times per national import)
    return not OWNER_BODIES.isdisjoint(map(str.casefold, name.split()))


def _without_owner_body(name: str) -> str:
    """« X - OGEC NANTE » → « X » when X is left; else the name as given."""
    m = _OWNER_SEGMENT.search(name)
    if m is None or m.group(1).casefold() not in OWNER_BODIES:
        return name
    return name[: m.start()].strip() or name


def establishment_name(names: Sequence[str]) -> str:
    """The name to show, from the names of an establishment's directory rows (in the order
    the directories are read): the first that names no owner body, else the first without its
    owner body's part; tidied (:func:`tidy_name`). Empty names are skipped.

    >>> establishment_name(["CTR DE FORMATION D APPRENTIS ST FELIX LA SALLE - OGEC NANTE"])
    "CTR DE FORMATION D'APPRENTIS ST FELIX LA SALLE"
    >>> establishment_name(["CFA X - OGEC NANTE", "Lycée Saint-Félix La Salle"])
    'Lycée Saint-Félix La Salle'
    """
    i = chosen_index(names)
    if i is None:
        return ""
    name = names[i]
    return tidy_name(_without_owner_body(name) if names_owner_body(name) else name)


def chosen_index(names: Sequence[str]) -> int | None:
    """The position in ``names`` of the name :func:`establishment_name` shows: the first
    non-empty one naming no owner body, else the first non-empty one; None when all are empty.

    >>> chosen_index(["", "CFA X - OGEC NANTE", "Lycée Y"]), chosen_index(["", " "])
    (2, None)
    """
    given = [i for i, n in enumerate(names) if n.strip()]
    if not given:
        return None
    return next((i for i in given if not names_owner_body(names[i])), given[0])


_NAME_WORD = re.compile(r"[^\W_]+")
# a word joined to the next (or, by a hyphen, to the previous: « d'Aix » is an elision) is
# part of a longer name
_JOINED_BEFORE = "-"
_JOINED_AFTER = "-'’"


def with_official_place(name: str, place: str, fold: Callable[[str], str] = search_key) -> str:
    """The name with the words spelling ``place`` (the establishment's own commune, as the
    commune reference names it) written as ``place`` is written (module docstring); the name
    as given when no whole run of its words spells it. ``fold``: :func:`search_key` (the
    import's, which keeps each text's: its places and towns recur).

    >>> with_official_place("IFSI CH la Roche sur Yon", "La Roche-sur-Yon")
    'IFSI CH La Roche-sur-Yon'
    >>> with_official_place("IFSI Croix Rouge Francaise St Étienne", "Saint-Étienne")
    'IFSI Croix Rouge Francaise Saint-Étienne'
    >>> with_official_place("Institut de Formation en Soins Infirmiers PReMONTRe", "Prémontré")
    'Institut de Formation en Soins Infirmiers Prémontré'
    >>> with_official_place("Lycée Saint-Étienne-du-Mont", "Saint-Étienne")
    'Lycée Saint-Étienne-du-Mont'
    >>> with_official_place("Site d'Aix en Provence", "Aix-en-Provence")
    "Site d'Aix-en-Provence"
    >>> with_official_place("Institut de Formation en Soins Infirmiers LAON", "Laon")
    'Institut de Formation en Soins Infirmiers Laon'
    >>> with_official_place("Lycée Jean Monnet", "Saint-Étienne")
    'Lycée Jean Monnet'
    """
    key = fold(place)
    if not key or not name or key.rsplit(" ", 1)[-1] not in fold(name):
        return name  # (one fold of the name: most names hold no town's last word)
    size = len(key.split())
    words = list(_NAME_WORD.finditer(name))
    out: list[str] = []
    last = 0
    i = 0
    while i + size <= len(words):
        start, end = words[i].start(), words[i + size - 1].end()
        text = name[start:end]
        whole = (start == 0 or name[start - 1] not in _JOINED_BEFORE) and (
            end == len(name) or name[end] not in _JOINED_AFTER
        )
        if whole and fold(text) == key and start >= last:
            out.append(name[last:start])
            out.append(place)
            last = end
            i += size
            continue
        i += 1
    if not out:
        return name
    out.append(name[last:])
    return "".join(out)
