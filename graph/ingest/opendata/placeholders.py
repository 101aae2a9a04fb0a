"""Values the public files write where they mean « not known ».

The BCN (``nFormationDiplome_.csv``) lists codes that name no diploma but stand for « a
programme not specified » (99999999 « FORMATION NON SPECIFIEE », 50099999, 32022999
« SPECIALITE NON SPECIFIEE DU DOMAINE : 22 »): the origin of a MEF, never a programme one
prepares. Known by the name the BCN gives them (:func:`is_unspecified_diploma`).

Affelnet (``attractivite_capacite_<year>.csv``) writes a capacity of 999 (once 998) where a
lycée's number of places is not set: over the national files of 2021 and 2022 every other
capacity is at most 168, none lies between 169 and 997, and the 999 rows have ordinary numbers
of first wishes (« 999 places · 7 vœux »). Read as places, such a value would rank the offer
first (larger capacity preferred), give it a taux de pression near 0 and add hundreds of places
to every sum. The import reads it as an unknown capacity (so the pressure is unknown too);
docs/import.md gives the value distribution.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

__all__ = ["AFFELNET_CAPACITY_PLACEHOLDER_MIN", "affelnet_capacity", "is_unspecified_diploma"]

# the smallest Affelnet capacity read as « not known »: 998, 999 and 9999 are, 168 is the
# largest real capacity of the national files (2021, 2022)
AFFELNET_CAPACITY_PLACEHOLDER_MIN = 998


def affelnet_capacity(value: int | None) -> int | None:
    """An Affelnet « Capacité carte scolaire » as places: None when the file gives none or a
    placeholder (:data:`AFFELNET_CAPACITY_PLACEHOLDER_MIN` or more).

    >>> affelnet_capacity(24), affelnet_capacity(999), affelnet_capacity(998), affelnet_capacity(0)
    (24, None, None, 0)
    >>> affelnet_capacity(None), affelnet_capacity(9999), affelnet_capacity(168)
    (None, None, 168)
    """
    if value is None or value >= AFFELNET_CAPACITY_PLACEHOLDER_MIN:
        return None
    return value


_UNSPECIFIED = re.compile(r"\bNON SPECIFIE")


def is_unspecified_diploma(diploma: Mapping[str, Any]) -> bool:
    """Whether a diploma row is a BCN stand-in for « not specified » (by its name as the BCN
    writes it, or as the graph shows it).

    >>> is_unspecified_diploma({"name": "Formation NON specifiee"})
    True
    >>> is_unspecified_diploma({"source_name": "SPECIALITE NON SPECIFIEE DU DOMAINE : 22"})
    True
    >>> is_unspecified_diploma({"name": "Maintenance des systèmes de production connectés"})
    False
    """
    for key in ("source_name", "name"):
        text = unicodedata.normalize("NFKD", str(diploma.get(key) or ""))
        plain = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
        if _UNSPECIFIED.search(plain):
            return True
    return False
