"""How few programmes of a kind the data must hold in a territory before an answer says that
the public files may simply not describe it there (shared by the gap report's dead ends,
graph/gaps/dead_ends.py, and the pathway answers, graph/pathways/find.py).

With only a few programmes of a kind in the whole territory (2 licences pro for the Nord, 1 for
Bourgogne-Franche-Comté), what the data shows of that kind is the files' reach, not the
territory's offer: a dead end is then a question, not an alarm, and a single weak pathway to it
is all the data knows, not all there is.
"""

from __future__ import annotations

__all__ = ["THIN_COVERAGE", "UNSURE_FROM", "UPPER_LEVELS", "is_thin", "thin_sentence"]

# Bac+3 and Bac+5 programmes are in the public files only where one enters after the bac
# (Parcoursup: licences, BUT, engineering schools) or a campus document names them: the Lozère
# « lacked » a Bac+5 that no file could have shown (no master, no licence pro is listed). The
# gap report's continuum (graph/gaps/continuum.py) and the pathway answers
# (graph/pathways/unoffered_goals.py) say it in these words.
UNSURE_FROM = 6
UPPER_LEVELS = (
    " Aux niveaux Bac+3 et Bac+5, les données ne connaissent que les formations où l'on entre "
    "après le bac (Parcoursup) et celles des documents de campus : licences professionnelles, "
    "masters et écoles recrutant après un Bac+2 n'y figurent pas, une absence à ces niveaux "
    "est à vérifier."
)

THIN_COVERAGE = 5  # fewer programmes of a kind than this in the territory: thinly described


def is_thin(held: int) -> bool:
    """Whether ``held`` programmes of a kind (at least one) describe it thinly.

    >>> [is_thin(n) for n in (0, 1, 4, 5)]
    [False, True, True, False]
    """
    return 0 < held < THIN_COVERAGE


def thin_sentence(held: int, what: str, where: str) -> str:
    """« Les données ne recensent qu'une formation de ce type (Licence pro) sur le territoire »
    (no final stop: the caller says what follows from it).

    >>> thin_sentence(2, "BTS", "dans le département du Nord (59)")
    'Les données ne recensent que 2 formations de ce type (BTS) dans le département du Nord (59)'
    """
    count = "qu'une formation" if held == 1 else f"que {held} formations"
    return f"Les données ne recensent {count} de ce type ({what}) {where}"
