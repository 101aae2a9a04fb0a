"""A seed actor without a UAI is the imported establishment of the same name in the same commune.

Seed files describe some establishments without their UAI (``Lycée Cabanis (Brive)``); the
import knows them by UAI (``LYCEE CABANIS``, commune 19031). Names are compared as sets of
significant words (accents, case, punctuation, parenthesised parts and the generic words of
establishment names ignored); a seed actor is matched only when it names a commune and exactly
one imported establishment of that commune has the same name by :func:`same_name` — or, when
several do, exactly one has the very same significant words (« Lycée Théophile Roussel » is
« Lycée polyvalent Théophile Roussel », not the « Section d'enseignement professionnel du Lycée
Théophile Roussel » of the same commune, whose name holds the lycée's). Anything less certain
stays two nodes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from graph.models import SCHOOL_KINDS

__all__ = ["SeedActor", "match_seed_actors", "name_words", "same_name"]

_PARENS = re.compile(r"\([^)]*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
GENERIC = frozenset(
    [
        "cfa",
        "ctr",
        "centre",
        "formation",
        "apprentis",
        "apprentissage",
        "lycee",
        "lyc",
        "lp",
        "lpo",
        "lgt",
        "legt",
        "general",
        "generale",
        "generaux",
        "technologique",
        "technologiques",
        "professionnel",
        "professionnelle",
        "polyvalent",
        "polyvalente",
        "des",
        "metiers",
        "de",
        "du",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "en",
        "a",
        "au",
        "aux",
        "site",
        "prive",
        "privee",
        "public",
        "publique",
        "enseignement",
        "etablissement",
        "ecole",
        "regional",
        "regionale",
        "national",
        "nationale",
    ]
)


@dataclass(frozen=True)
class SeedActor:
    id: str
    name: str
    insee: str | None
    kind: str = ""


def name_words(name: str) -> frozenset[str]:
    text = _PARENS.sub(" ", name)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return frozenset(w for w in _NON_ALNUM.sub(" ", folded).split() if w not in GENERIC)


def same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same significant words, or one name's words within the other's, or at least two
    shared words making three quarters of the shorter name (``Mines d'Albi-Carmaux`` and
    ``IMT Mines Albi-Carmaux``)."""
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    shared = len(a & b)
    return shared >= 2 and shared >= 0.75 * min(len(a), len(b))


def match_seed_actors(
    seeds: Iterable[SeedActor],
    establishments: Iterable[tuple[str, str, str | None]],
    taken: set[str],
) -> dict[str, str]:
    """Seed actor id -> UAI, for seed actors of a school kind (lycée, CFA, university…).
    ``establishments``: (UAI, name, INSEE) of the import; ``taken``:
    UAIs a seed actor already has (never given to another)."""
    schools = {k.value for k in SCHOOL_KINDS}
    wanted: list[tuple[SeedActor, frozenset[str]]] = []
    for s in seeds:
        words = name_words(s.name)
        if not s.insee or not words or s.kind not in schools:
            continue  # a chamber, a company… is not the establishment it runs
        wanted.append((s, words))
    communes = {s.insee for s, _ in wanted}
    # the names of the establishments in those communes only (a few hundred of 8 000)
    by_commune: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for uai, name, insee in establishments:
        if insee is not None and insee in communes and uai not in taken:
            by_commune.setdefault(insee, []).append((uai, name_words(name)))
    out: dict[str, str] = {}
    used: set[str] = set()
    for s, words in wanted:
        hits = [(uai, w) for uai, w in by_commune.get(s.insee or "", []) if same_name(words, w)]
        got = _one(hits, words)
        if got is not None and got not in used:
            out[s.id] = got
            used.add(got)
    return out


def _one(hits: list[tuple[str, frozenset[str]]], words: frozenset[str]) -> str | None:
    """The one establishment a seed name designates among those of :func:`same_name`: the only
    one, or of several the only one with exactly the seed's significant words; else None.

    >>> lyc = ("0480688M", name_words("Lycée polyvalent Théophile Roussel"))
    >>> sep = ("0480496D", name_words("Section d'enseignement professionnel du Lycée Théophile "
    ...                               "Roussel"))
    >>> _one([lyc, sep], name_words("Lycée Théophile Roussel (Saint-Chély-d'Apcher)"))
    '0480688M'
    >>> _one([lyc, ("X", lyc[1])], lyc[1]) is None
    True
    """
    if len(hits) == 1:
        return hits[0][0]
    exact = [uai for uai, w in hits if w == words]
    return exact[0] if len(exact) == 1 else None
