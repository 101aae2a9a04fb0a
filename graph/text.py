"""Text normalisation shared by the loader and the queries (accent- and case-insensitive search)."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Fold accents and case: ``"Lycée Champollion"`` -> ``"lycee champollion"``.

    Neither engine has a portable accent-folding function (see cypher-portability), so every
    searchable node stores ``name_norm`` computed here, and queries compare against the
    parameter normalised the same way.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("œ", "oe").replace("æ", "ae").split())
