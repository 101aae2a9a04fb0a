"""Text normalisation shared by the loader and the queries (accent- and case-insensitive search),
and the French preposition before an establishment's name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# How an establishment no file names is called (graph/ingest/opendata/unnamed.py): a
# description, not a name, that sentences say with « un » (:func:`at_name`)
UNNAMED = "Établissement sans nom dans les fichiers publics"


def normalise(text: str) -> str:
    """Fold accents and case: ``"Lycée Champollion"`` -> ``"lycee champollion"``.

    Neither engine has a portable accent-folding function (see cypher-portability), so every
    searchable node stores ``name_norm`` computed here, and queries compare against the
    parameter normalised the same way.
    """
    if text.isascii():  # NFKD leaves it as it is, and it has no combining mark
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("œ", "oe").replace("æ", "ae").split())


def joined(text: str) -> str:
    """:func:`normalise` without the spaces, apostrophes, hyphens and dots between words:
    « Lafayette » and « La Fayette », « Saint-Exupéry » and « St Exupery », « IUT » and
    « I.U.T » (Parcoursup's spelling of most IUTs) differ only by them.

    >>> joined("Lycée La Fayette"), joined("l'Oiseau-Lyre"), joined("I.U.T. de Rouen")
    ('lyceelafayette', 'loiseaulyre', 'iutderouen')
    """
    return re.sub(r"[\s'’.-]+", "", normalise(text))


# The first word of an establishment's name that takes an article after « à » (« au lycée »,
# « à l'université », « à la maison familiale »), folded (graph names: « Lycée », « LYCEE »,
# « I.U.T. »…). A name starting otherwise is a proper name (« Sciences Po », « KEDGE Business
# School », « Aix-Marseille Université »): « à » alone.
_AU = frozenset(
    [
        "lycee",
        "lycees",
        "lgt",
        "lpo",
        "lp",
        "lpa",
        "legtpa",
        "legta",
        "ctr",
        "ctre",
        "centre",
        "cfa",
        "cfai",
        "cfppa",
        "campus",
        "cesi",
        "cned",
        "cnam",
        "creps",
        "college",
        "conservatoire",
        "pole",
        "greta",
        "cours",
    ]
)
_A_LA = frozenset(
    ["maison", "mfr", "mfreo", "faculte", "cite", "section", "haute", "chambre", "fondation"]
)
_A_L = frozenset(
    [
        "etablissement",
        "ecole",
        "universite",
        "institut",
        "institution",
        "iut",
        "ifsi",
        "irts",
        "insa",
        "isen",
        "ufr",
        "unite",
        "antenne",
        "ensemble",
        "erea",
        "epf",
        "esme",
        "enseis",
        "epita",
        "epitech",
        "estp",
        "esra",
        "egc",
        "idrac",
        "ipag",
        "inseec",
        "inspe",
        "icam",
        "ifts",
        "ifmem",
        "essca",
        "ecam",
        "ensam",
        "ensi",
        "esiee",
    ]
)
_AUX = frozenset({"facultes"})
_FIRST_WORD = re.compile(r"^[\w.]+")


def at_name(name: str) -> str:
    """« à » before an establishment's name, with the article French gives its first word.
    An establishment no file names (:data:`UNNAMED`) is described, not named: « dans un
    établissement sans nom … », never « à l'Établissement … » (tester19).

    >>> at_name("Lycée Champollion"), at_name("CNED"), at_name("KEDGE Business School")
    ('au Lycée Champollion', 'au CNED', 'à KEDGE Business School')
    >>> at_name("Université de Lille"), at_name("I.U.T. de Rodez")
    ("à l'Université de Lille", "à l'I.U.T. de Rodez")
    >>> at_name("Maison familiale rurale"), at_name("Facultés libres")
    ('à la Maison familiale rurale', 'aux Facultés libres')
    >>> at_name(UNNAMED + " (Martinique)")
    'dans un établissement sans nom dans les fichiers publics (Martinique)'
    """
    if name.startswith(UNNAMED):
        return f"dans un {name[:1].lower()}{name[1:]}"
    m = _FIRST_WORD.match(name)
    word = normalise(m.group(0)).replace(".", "") if m else ""
    if word in _AU:
        return f"au {name}"
    if word in _A_LA:
        return f"à la {name}"
    if word in _A_L:
        return f"à l'{name}"
    if word in _AUX:
        return f"aux {name}"
    return f"à {name}"


def named_and_counted(names: Sequence[str], n: int, shown: int) -> str:
    """The first ``shown`` of ``names`` joined by « ; », and how many of the ``n`` are left
    unnamed, as the notices write it.

    >>> named_and_counted(["a", "b", "c", "d"], 5, 3)
    'a ; b ; c (et 2 autres)'
    >>> named_and_counted(["a"], 1, 3)
    'a'
    """
    said = " ; ".join(names[:shown])
    rest = n - shown
    return said + (f" (et {rest} autre{'s' if rest > 1 else ''})" if rest > 0 else "")
