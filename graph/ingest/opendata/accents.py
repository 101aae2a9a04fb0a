"""The accents Parcoursup and the CFA list leave out of a name, put back from the other files.

Parcoursup writes most names without their accents (« Lycee Pierre Mendes France », « Lycée
Rene Cassin », « Lycée des métiers de l'hotellerie »), the CFA list too (« … METIERS DU
BATIMENT », read « Métiers du Batiment » by the capitals rule). The Annuaire de l'éducation and
the MESR list of higher-education establishments write them. A word of a name taken from the
first two files gets its accents back only on the evidence of the last two, never by guess:

- **the same establishment's name in a file that writes accents**: a word of that name spelling
  the same letters, accents and case aside, gives its accents (:func:`with_accents`'s
  ``same``); else
- **the same word beside the same neighbour** (:func:`accent_evidence`): the files writing
  accents spell the word, next to the same word before it or after it (accents and case
  aside), with accents, in one way only, and never without them there. « Pierre Mendes » is
  « Pierre Mendès » because these files write « Pierre Mendès » and never « Pierre Mendes »;
  « Gabriel Faure » is « Gabriel Fauré »; « Auguste Comte » stays (these files write « Franche-
  Comté », a neighbour of another word), and so does a word they never write beside the same
  neighbour. A word alone would not do: « Comte » and « Faure » are surnames as well as
  « Comté » and « Fauré ».

A word of fewer than three letters (« a », « ou », « du »: words with and without accents), a
word in capitals (an acronym as often) and a word holding an accent already are left as they
are; the letters never change, only their accents (« Coeur » is not « Cœur »: another
letter). Pure functions over plain strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["AccentEvidence", "accent_evidence", "fold", "with_accents"]

AccentEvidence = Mapping[tuple[str, str, str], str]
"""``(side, neighbour, word)`` (``side`` « < » for the word before, « > » for the word after;
both folded) → the word's one accented spelling (lower case) beside that neighbour."""

_WORD = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 3
_AMBIGUOUS = ""


def fold(word: str) -> str:
    """The word in lower case without its accents.

    >>> fold("Mendès"), fold("ÉVRY"), fold("Cœur")
    ('mendes', 'evry', 'cœur')
    """
    folded = word.casefold()
    if folded.isascii():  # NFD leaves it as it is, and it has no combining mark
        return folded
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def accent_evidence(names: Iterable[str]) -> dict[tuple[str, str, str], str]:
    """How the names of the files that write accents spell each word beside each neighbour
    (module docstring): only the words spelt there with accents, in one way, and never
    without them beside that neighbour. Words in capitals are not read.

    >>> e = accent_evidence(["Lycée Pierre Mendès France", "Collège Franche-Comté"])
    >>> e[("<", "pierre", "mendes")], e[(">", "france", "mendes")], e[("<", "franche", "comte")]
    ('mendès', 'mendès', 'comté')
    >>> e = accent_evidence(["Lycée René Cassin", "Lycée Rene Cassin"])  # both: no evidence
    >>> ("<", "lycee", "rene") in e, (">", "cassin", "rene") in e
    (False, False)
    """
    seen: dict[tuple[str, str, str], str] = {}
    for name in names:
        words = _WORD.findall(name)
        folded = [fold(w) for w in words]
        for i, w in enumerate(words):
            if _capitals(w) or len(w) < _MIN_LETTERS:
                continue
            spelt = w.lower()
            keys = []
            if i:
                keys.append(("<", folded[i - 1], folded[i]))
            if i + 1 < len(words):
                keys.append((">", folded[i + 1], folded[i]))
            for key in keys:
                was = seen.get(key)
                seen[key] = spelt if was is None or was == spelt else _AMBIGUOUS
    return {k: v for k, v in seen.items() if v and v != k[2]}


def _cased_as(word: str, accented: str) -> str:
    """``accented`` (lower case) in ``word``'s case: « Mendes » → « Mendès »."""
    if word.islower():
        return accented
    return accented[0].upper() + accented[1:]


def with_accents(name: str, evidence: AccentEvidence, same: Sequence[str] = ()) -> str:
    """``name`` with the accents of its words put back where the evidence gives them (module
    docstring): ``same``, the establishment's names in the files that write accents, first;
    then ``evidence`` (:func:`accent_evidence`). The name as given otherwise.

    >>> e = accent_evidence(["Lycée Pierre Mendès France", "Lycée Gabriel Fauré"])
    >>> with_accents("Lycee Pierre Mendes France", e)
    'Lycée Pierre Mendès France'
    >>> with_accents("Lycee Auguste Faure", e), with_accents("LYCEE PIERRE MENDES", e)
    ('Lycee Auguste Faure', 'LYCEE PIERRE MENDES')
    >>> with_accents("Lycée Rene Cassin", {}, same=["Lycée polyvalent René Cassin"])
    'Lycée René Cassin'
    """
    words = list(_WORD.finditer(name))
    if not words:
        return name
    folded = [fold(m.group(0)) for m in words]
    own: dict[str, str] = {}
    for other in same:
        for w in _WORD.findall(other):
            f = fold(w)
            if not _capitals(w) and w.lower() != f:
                own[f] = _AMBIGUOUS if own.get(f, w.lower()) != w.lower() else w.lower()
    out: list[str] = []
    last = 0
    for i, m in enumerate(words):
        w = m.group(0)
        f = folded[i]
        if len(w) < _MIN_LETTERS or _capitals(w) or w.lower() != f or not w[1:].islower():
            continue  # short, in capitals, accented already, or of mixed case (« HoTELIER »)
        accented = own.get(f) or _by_neighbour(evidence, folded, i)
        if not accented:
            continue
        out.append(name[last : m.start()])
        out.append(_cased_as(w, accented))
        last = m.end()
    if not out:
        return name
    out.append(name[last:])
    return "".join(out)


def _by_neighbour(evidence: AccentEvidence, folded: Sequence[str], i: int) -> str:
    """The one spelling ``evidence`` gives the word ``i`` beside its neighbours, or ""."""
    found = {
        evidence.get(key, "")
        for key in (
            ("<", folded[i - 1], folded[i]) if i else None,
            (">", folded[i + 1], folded[i]) if i + 1 < len(folded) else None,
        )
        if key is not None
    }
    found.discard("")
    return found.pop() if len(found) == 1 else ""
