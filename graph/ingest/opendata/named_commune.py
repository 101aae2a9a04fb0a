"""The commune an establishment's name gives, when no file names its commune.

Parcoursup places an establishment by coordinates only. The commune whose centre (its town
hall) is the nearest (:func:`graph.ingest.opendata.plan.nearest_commune`) is often a small
neighbour of the city the establishment is in, since a city's centre is far from its edges:
ENIM Metz → Peltre, IUT de Metz → Le Ban-Saint-Martin, Lycée Paul Augier (Nice) →
Saint-Laurent-du-Var. The files give no better source (the Annuaire and the CFA list do not
describe these establishments), but many names carry their city (« ENIM Metz », « IUT de
Metz »). So:

- a current commune of the same département named in the name as whole words, whose centre is
  within :data:`NAMED_KM` of the position, is taken (``commune_from`` « name »; the nearest
  when it is named too, else one named after « site » or « campus », else the longest name,
  else the most populous; never one named after « académie » or « Paris » — « Université
  Paris Saclay » —, and none for a lycée agricole: named after its city, it often stands in
  a village nearby, « Lycée agricole de Dax » in Oeyreluy), unless it is
  less populous than the nearest one (a saint's or a person's name that is also a village
  nearby, « Lycée Sainte-Marie », is no city the name gives) or the nearest is a part of it
  (a municipal arrondissement of Paris, Lyon or Marseille says more);
- otherwise the nearest stays, and it is only « près de » that commune (``commune_from``
  « coordinates »: the answers and the map say « près de Saint-Laurent-du-Var »), unless the
  position is within 1 km of its centre (``commune_from`` « centre »: « LGT Livet (Nantes) »,
  0.9 km from the town hall; graph/place_precision.py says why 1 km).

The commune reference has centres and populations, no contours: weighting the nearest by
population would move villages' establishments into the next city, so it is not done.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from graph import communes as communes_ref
from graph.communes import _ABBREVIATIONS, _SEPARATORS, Commune, search_key
from graph.geo import haversine_km

__all__ = ["NAMED_KM", "commune_in_name", "named_commune", "search_keys"]

NAMED_KM = 12.0  # a city's centre to its edge, generously (Marseille's is ~15 km; Metz's ~5)
MAX_WORDS = 6  # « Saint-Rémy-de-Provence »: 4 words; no commune name is longer than 6 words
MIN_KEY = 3  # « Y » (Somme) or « Eu » are communes too: no one- or two-letter name is read

_keys: dict[str, dict[str, list[Commune]]] = {}  # COG département -> search key -> communes
_lengths: dict[str, dict[str, int]] = {}  # COG département -> key_lengths of its keys


def commune_in_name(
    name: str,
    lat: float,
    lon: float,
    nearest: Commune | None,
    by_key: Mapping[str, Sequence[Commune]],
    lengths: Mapping[str, int] | None = None,
) -> Commune | None:
    """The commune the name gives (module docstring), from ``by_key`` (the search keys of the
    département's current communes); None when it gives none that can be taken.
    ``lengths``: :func:`key_lengths` of ``by_key``, when computed already."""
    words = search_key(name).split()
    if "agricole" in words:
        return None  # « Lycée agricole de Dax » stands in Oeyreluy, « Auxerre La Brosse » in Venoy
    if lengths is None:
        lengths = key_lengths(by_key)
    found: list[tuple[bool, int, int, Commune]] = []
    for i in range(len(words)):
        longest = lengths.get(words[i])
        if longest is None:
            continue  # no key starts with this word: none of the words from here is a commune
        before = words[max(0, i - 2) : i]
        if "academie" in before or before[-1:] == ["paris"]:
            continue  # « académie de Versailles », « Université Paris Saclay »: no place
        site = "site" in before or "campus" in before  # « Université … Site de Pessac »
        for j in range(i + 1, min(len(words), i + min(longest, MAX_WORDS)) + 1):
            key = " ".join(words[i:j])
            if len(key) < MIN_KEY:
                continue
            for c in by_key.get(key, ()):
                if c.lat is None or c.lon is None:
                    continue
                if haversine_km(lat, lon, c.lat, c.lon) <= NAMED_KM:
                    found.append((site, j - i, c.population or 0, c))
    if not found:
        return None
    if nearest is not None and any(c.code == nearest.code for *_, c in found):
        return nearest  # « Lycée agricole de Bordeaux Blanquefort »: Blanquefort, named too
    best = max(found, key=lambda t: t[:3])[3]
    if nearest is not None and best.code != nearest.code:
        if nearest.parent == best.code:
            return None  # the nearest is a part of the named city: it says more
        if (best.population or 0) < (nearest.population or 0):
            return None
    return best


def key_lengths(by_key: Mapping[str, Sequence[Commune]]) -> dict[str, int]:
    """First word of a key -> the most words a key starting with it has: the names' words
    where no key starts are not looked up further (3 600 names, ~20 words each, 6 lengths)."""
    out: dict[str, int] = {}
    for key in by_key:
        first = key.partition(" ")[0]
        words = key.count(" ") + 1
        if out.get(first, 0) < words:
            out[first] = words
    return out


def search_keys(names: Sequence[str]) -> list[str]:
    """:func:`graph.communes.search_key` of each name, folded in one pass over the names joined
    by NUL (the 35 000 communes of France: 0.08 s name by name, mostly the accent folding's
    loop over characters). The same keys: NFKD decomposes each character on its own and NUL
    is a starter, so no combining mark moves across it; the marks removed are the characters
    present that ``unicodedata.combining`` says are marks; case folding and the separators
    work character by character (tests/unit/test_named_commune.py compares it name by name).
    """
    if not names:
        return []
    if any("\x00" in n for n in names):
        return [search_key(n) for n in names]
    decomposed = unicodedata.normalize("NFKD", "\x00".join(names))
    marks = "".join(sorted(c for c in set(decomposed) if unicodedata.combining(c)))
    if marks:
        decomposed = re.sub(f"[{re.escape(marks)}]", "", decomposed)
    folded = decomposed.casefold().replace("œ", "oe").replace("æ", "ae")
    # every separator run is one space now (``\s`` is ``str.split``'s whitespace): the words
    # are between spaces and NULs; « saint » and the rest abbreviated, then the spaces at each
    # name's ends dropped, by regular expressions over the whole text (not name by name)
    spaced = _ABBREVIATED.sub(_abbreviation, _SEPARATORS.sub(" ", folded))
    # one space at most on each side of a NUL (no two separator runs touch)
    ends = spaced.replace(" \x00", "\x00").replace("\x00 ", "\x00")
    return ends.strip(" ").split("\x00")


# « saint », « sainte », « saints » or « saintes » before a space, a NUL or the end: a whole
# word when it starts the text or follows a space or a NUL (:func:`_abbreviation`)
_ABBREVIATED = re.compile(
    "(?:" + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + ")(?![^ \x00])"
)


def _abbreviation(m: re.Match[str]) -> str:
    start = m.start()
    if start and m.string[start - 1] not in " \x00":
        return m.group()  # the end of a longer word: « toussaint »
    return _ABBREVIATIONS[m.group()]


def named_commune(
    name: str, lat: float, lon: float, departement: str, nearest: Commune | None
) -> Commune | None:
    """:func:`commune_in_name` for a département in stored form ('057', '971'); None without
    the commune reference."""
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    by_key = _keys.get(cog)
    if by_key is None:
        try:
            index = communes_ref.reference()
        except communes_ref.ReferenceMissing:
            return None
        if not _keys:
            listed = list(index.communes.values())
            for c, key in zip(listed, search_keys([c.name for c in listed]), strict=True):
                of_dep = _keys.get(c.departement)
                if of_dep is None:
                    of_dep = _keys[c.departement] = {}
                same = of_dep.get(key)
                if same is None:
                    of_dep[key] = [c]
                else:
                    same.append(c)
        by_key = _keys.setdefault(cog, {})
    lengths = _lengths.get(cog)
    if lengths is None:
        lengths = _lengths[cog] = key_lengths(by_key)
    return commune_in_name(name, lat, lon, nearest, by_key, lengths)
