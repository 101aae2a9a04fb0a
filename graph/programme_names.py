"""A diploma's name reduced to the programme it names: the words two diplomas of one programme
share. Pure functions.

Two rules compare diplomas by their programme: the pathway answers put the options of one
diploma after the other programmes (graph/pathways/variety.py), and the import finds the Bac
pros a common 2nde leads to by their names (graph/ingest/opendata/renewal.py). Both read the
name the same way: no accents nor punctuation, nor what only says which year or option of the
programme it is (the common-year marker, the option, the diploma type in parentheses or at
either end).
"""

from __future__ import annotations

import re
import unicodedata

from graph.diploma_names import COMMON_YEAR

__all__ = ["programme_words"]

# the diploma type written before or after the name: « BTS maintenance des véhicules option B »
# and « MAINTENANCE DES VEHICULES OPTION A … (BTS) » are one programme
_TYPE_WORDS = frozenset({"BTS", "BTSA", "BAC", "PRO", "CAP", "CAPA", "BP", "MC"})
# where a name stops naming its programme: its option (a speciality after « : » is kept:
# BTSA ACS'AGRI : …)
_OPTION = re.compile(r"\bOPTION\b|\bOPT\.", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def programme_words(name: str, *, singular: bool = False) -> tuple[str, ...]:
    """The words of a diploma's name that name its programme, upper case without accents;
    ``singular``: without their plural s too (the BCN writes « SERVICE AUX PERSONNES » for the
    agricultural 2nde and « SERVICES AUX PERSONNES » for its Bac pro; the pathway rule keeps
    them, its groups were made without it).

    >>> programme_words("MAINTENANCE DES SYSTEMES OPTION A SYSTEMES DE PRODUCTION (BTS)")
    ('MAINTENANCE', 'DES', 'SYSTEMES')
    >>> programme_words("BTS maintenance des véhicules option B : véhicules de transport routier")
    ('MAINTENANCE', 'DES', 'VEHICULES')
    >>> programme_words("REALISATION DE PRODUITS BTS 1ERE ANNEE COMMUNE")
    ('REALISATION', 'DE', 'PRODUITS')
    >>> programme_words("SERVICE AUX PERSONNES ET AUX TERRITOIRES (SEC PRO AG)", singular=True)
    ('SERVICE', 'AUX', 'PERSONNE', 'ET', 'AUX', 'TERRITOIRE')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    text = _OPTION.split(COMMON_YEAR.sub(" ", text))[0]
    words = _NOT_WORD.sub(" ", _BRACKETS.sub(" ", text)).split()
    while len(words) > 1 and words[0] in _TYPE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _TYPE_WORDS:
        words = words[:-1]  # « … PRODUITS BTS » before « 1ERE ANNEE COMMUNE »
    if singular:
        words = [w[:-1] if len(w) > 3 and w.endswith("S") and w != "AUX" else w for w in words]
    return tuple(words)
