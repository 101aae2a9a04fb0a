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

from collections import defaultdict
from collections.abc import Mapping, Sequence

from graph import communes as communes_ref
from graph.communes import Commune, search_key
from graph.geo import haversine_km

__all__ = ["NAMED_KM", "commune_in_name", "named_commune"]

NAMED_KM = 12.0  # a city's centre to its edge, generously (Marseille's is ~15 km; Metz's ~5)
MAX_WORDS = 6  # « Saint-Rémy-de-Provence »: 4 words; no commune name is longer than 6 words
MIN_KEY = 3  # « Y » (Somme) or « Eu » are communes too: no one- or two-letter name is read

_keys: dict[str, dict[str, list[Commune]]] = {}  # COG département -> search key -> communes


def commune_in_name(
    name: str,
    lat: float,
    lon: float,
    nearest: Commune | None,
    by_key: Mapping[str, Sequence[Commune]],
) -> Commune | None:
    """The commune the name gives (module docstring), from ``by_key`` (the search keys of the
    département's current communes); None when it gives none that can be taken."""
    words = search_key(name).split()
    if "agricole" in words:
        return None  # « Lycée agricole de Dax » stands in Oeyreluy, « Auxerre La Brosse » in Venoy
    found: list[tuple[bool, int, int, Commune]] = []
    for i in range(len(words)):
        before = words[max(0, i - 2) : i]
        if "academie" in before or before[-1:] == ["paris"]:
            continue  # « académie de Versailles », « Université Paris Saclay »: no place
        site = "site" in before or "campus" in before  # « Université … Site de Pessac »
        for j in range(i + 1, min(len(words), i + MAX_WORDS) + 1):
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
            every: dict[str, dict[str, list[Commune]]] = defaultdict(lambda: defaultdict(list))
            for c in index.communes.values():
                every[c.departement][search_key(c.name)].append(c)
            _keys.update({d: dict(keys) for d, keys in every.items()})
        by_key = _keys.setdefault(cog, {})
    return commune_in_name(name, lat, lon, nearest, by_key)
