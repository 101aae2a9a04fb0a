"""Steps across the sea: Corse, each overseas département or collectivity, and the mainland
are told apart from a place's coordinates.

A step from Bastia to La Seyne-sur-Mer (297 km) or from Mayotte to La Réunion (1 411 km) was
described « à vol d'oiseau » only: a learner must read that the step crosses the sea (a ferry,
a flight, a move), and an establishment on the learner's own island comes before one across
the sea whenever a step has both (tester19). Pure functions: the ranking
(:func:`graph.pathways.scoring.key_from`) adds :data:`SEA_KM` to the ranking km of an offer
across the sea from the previous place, and the step's sentence says it
(:func:`crossing_phrase`).
"""

from __future__ import annotations

__all__ = ["SEA_KM", "crossing_phrase", "island_of"]

# Added to the ranking km of an establishment across the sea from the previous place: more
# than any distance on one island or on the mainland, so a same-island establishment always
# comes first, while the answer's distances and the score's travel stay the true ones.
SEA_KM = 20_000.0

MAINLAND = "continent"

# (name said in a sentence, centre): the overseas places, told apart by the nearest centre
_OVERSEAS: dict[str, tuple[float, float]] = {
    "la Guadeloupe": (16.2, -61.5),
    "la Martinique": (14.65, -61.0),
    "la Guyane": (4.0, -53.0),
    "La Réunion": (-21.1, 55.5),
    "Mayotte": (-12.8, 45.15),
    "Saint-Pierre-et-Miquelon": (46.9, -56.3),
    "Saint-Barthélemy": (17.9, -62.83),
    "Saint-Martin": (18.07, -63.05),
    "la Nouvelle-Calédonie": (-21.3, 165.5),
    "la Polynésie française": (-17.6, -149.5),
    "Wallis-et-Futuna": (-13.3, -176.2),
}


def island_of(lat: float, lon: float) -> str:
    """Where a place is, as a sentence names it: « la Corse », an overseas place, or the
    mainland (« continent »: metropolitan France and its coastal islands).

    >>> island_of(42.70, 9.45), island_of(43.10, 5.88), island_of(-12.78, 45.23)
    ('la Corse', 'continent', 'Mayotte')
    >>> island_of(-20.88, 55.45), island_of(16.24, -61.53), island_of(14.6, -61.07)
    ('La Réunion', 'la Guadeloupe', 'la Martinique')
    """
    if 41.3 <= lat <= 43.1 and 8.5 <= lon <= 9.65:
        return "la Corse"
    if 41.0 <= lat <= 51.5 and -5.5 <= lon <= 10.0:
        return MAINLAND
    return min(
        _OVERSEAS,
        key=lambda k: (_OVERSEAS[k][0] - lat) ** 2 + (_OVERSEAS[k][1] - lon) ** 2,
    )


def crossing_phrase(prev: tuple[float, float], here: tuple[float, float]) -> str | None:
    """« traversée maritime (de la Corse vers le continent) » when the step crosses the sea,
    else None.

    >>> crossing_phrase((42.70, 9.45), (43.10, 5.88))
    'traversée maritime (de la Corse vers le continent)'
    >>> crossing_phrase((-12.78, 45.23), (-20.88, 55.45))
    'traversée maritime (de Mayotte vers La Réunion)'
    >>> crossing_phrase((42.70, 9.45), (41.92, 8.74)) is None
    True
    """
    a, b = island_of(*prev), island_of(*here)
    if a == b:
        return None
    return f"traversée maritime ({_de(a)} vers {_le(b)})"


def _de(name: str) -> str:
    return "du continent" if name == MAINLAND else f"de {name}"


def _le(name: str) -> str:
    return "le continent" if name == MAINLAND else name
