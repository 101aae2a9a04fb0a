"""The start diploma meets the goal already: said first, in French, never « aucune passerelle ne
mène » to what the learner holds.

``from=40025520&to=40025520`` answered « Aucune passerelle connue ne mène du Bac pro MELEC au
diplôme Bac pro MELEC », and ``from=40025520&to_level=3`` listed BTS without saying that the
Bac pro (level 4) is of level 3 or more already. Pure: the caller gives the start's row (its
name and level) and the goal asked. A job goal the start prepares for is said by
:func:`graph.pathways.job.already_trains_notice`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.diploma_names import display_name

__all__ = ["goal_met_sentence"]


def goal_met_sentence(
    start: Mapping[str, Any], *, to: str | None, to_level: int | None, found: bool
) -> str | None:
    """What to say when the start diploma is the goal diploma, or is of the goal level or above;
    ``found``: whether pathways further on were found. None when the goal is not met.

    >>> bac = {"code": "40025520", "name": "Bac pro MELEC", "level": 4}
    >>> print(goal_met_sentence(bac, to="40025520", to_level=None, found=False))
    Le diplôme visé est le diplôme de départ (Bac pro MELEC) : l'objectif est déjà atteint.
    >>> print(goal_met_sentence(bac, to=None, to_level=3, found=True))
    Bac pro MELEC est déjà de niveau 4 : l'objectif (niveau 3 ou plus) est déjà atteint. Les parcours proposés mènent à d'autres diplômes, plus loin.
    >>> print(goal_met_sentence(bac, to=None, to_level=4, found=False))
    Bac pro MELEC est déjà de niveau 4 : l'objectif (niveau 4 ou plus) est déjà atteint. Aucune passerelle connue ne mène de ce diplôme à un autre diplôme de ce niveau ou plus.
    >>> goal_met_sentence(bac, to=None, to_level=5, found=True) is None
    True
    >>> goal_met_sentence({"code": "X", "name": "Y"}, to=None, to_level=3, found=True) is None
    True
    """  # noqa: E501
    name = display_name(start)
    if to and start.get("code") == to:
        return f"Le diplôme visé est le diplôme de départ ({name}) : l'objectif est déjà atteint."
    level = start.get("level")
    if to_level is None or not isinstance(level, int) or level < to_level:
        return None
    head = (
        f"{name} est déjà de niveau {level} : l'objectif (niveau {to_level} ou plus) est déjà "
        "atteint."
    )
    if found:
        return f"{head} Les parcours proposés mènent à d'autres diplômes, plus loin."
    return (
        f"{head} Aucune passerelle connue ne mène de ce diplôme à un autre diplôme de ce niveau "
        "ou plus."
    )
