"""The everyday French words for a modality of training, read as the API's values: people say
« alternance » (apprenticeship or professionalisation contract: the files name apprenticeship
only), « apprentissage », « scolaire », « formation continue ».

Accepted wherever a request names a ``modality`` (GET /pathways and its twins, the map, and
``cmq pathways --modality``: one parser, :func:`pathway_modality` for the pathways, which also
read « toutes » as ``any``); the answers keep the API's values (docs/api.md).
"""

from __future__ import annotations

from typing import Any

from graph.departements import or_list
from graph.text import normalise

__all__ = [
    "ANY_WORDS",
    "FRENCH_WORDS",
    "french_accepted",
    "MODALITY_WORDS",
    "PATHWAY_MODALITIES",
    "modality_value",
    "pathway_modality",
]

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


# the French words a refusal names for each value (api/problems.py: « modality=nuit » listed
# only school / apprenticeship / continuing, though these words are accepted)
FRENCH_WORDS = {
    "school": "« scolaire »",
    "apprenticeship": "« apprentissage » (ou « alternance »)",
    "continuing": "« formation continue »",
    "any": "« toutes »",
}


def french_accepted(values: list[str]) -> str | None:
    """The accepted modalities said with their French words, or None when ``values`` are not
    modalities.

    >>> french_accepted(["school", "apprenticeship", "continuing"])
    '« scolaire », « apprentissage » (ou « alternance ») ou « formation continue »'
    >>> french_accepted(["school", "campus"]) is None
    True
    """
    if not values or not set(values) <= FRENCH_WORDS.keys():
        return None
    return or_list([FRENCH_WORDS[v] for v in values])


# « no matter which way »: the pathways' ``any``
ANY_WORDS = frozenset({"any", "toutes", "toutes les voies", "indifferent", "peu importe"})
PATHWAY_MODALITIES = ("school", "apprenticeship", "continuing", "any")
"""The values a pathway question's ``modality`` takes (graph/pathways/request.py)."""


def pathway_modality(value: Any) -> Any:
    """:func:`modality_value` for a pathway question, which also reads the words of
    :data:`ANY_WORDS` as ``any``.

    >>> pathway_modality("Toutes"), pathway_modality("formation continue")
    ('any', 'continuing')
    """
    value = modality_value(value)
    if isinstance(value, str) and " ".join(normalise(value).split()) in ANY_WORDS:
        return "any"
    return value
