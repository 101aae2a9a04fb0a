"""The everyday French words for a modality of training, read as the API's values: people say
« alternance » (apprenticeship or professionalisation contract: the files name apprenticeship
only), « apprentissage », « scolaire », « formation continue ».

Accepted wherever a request names a ``modality`` (GET /pathways and its twins, the map);
the answers keep the API's values (docs/api.md).
"""

from __future__ import annotations

from typing import Any

from graph.text import normalise

__all__ = ["MODALITY_WORDS", "modality_value"]

MODALITY_WORDS = {
    "alternance": "apprenticeship",
    "en alternance": "apprenticeship",
    "apprentissage": "apprenticeship",
    "en apprentissage": "apprenticeship",
    "scolaire": "school",
    "voie scolaire": "school",
    "statut scolaire": "school",
    "formation continue": "continuing",
    "continue": "continuing",
}


def modality_value(value: Any) -> Any:
    """The API's value for a French word (any case and accents), anything else as given (the
    field checks it and names the accepted values).

    >>> modality_value("Alternance"), modality_value("apprenticeship"), modality_value(None)
    ('apprenticeship', 'apprenticeship', None)
    """
    if isinstance(value, str):
        return MODALITY_WORDS.get(" ".join(normalise(value).split()), value)
    return value
