"""A programme run on a schedule fitted for athletes or musicians comes after the ordinary ones.
Pure functions.

Parcoursup lists some programmes twice: the ordinary BUT and its « Horaires amenages musique
ou sport » section (IUT de Chambéry: BUT GACO, BUT SGM), « Section amenagee sport et musique
etudes », a licence's « Parcours Sportif de Haut Niveau ». Such a section admits learners with
a sport or music status; at equal score it ranked first (BTS → niveau 6 from Chambéry,
tester23), before the ordinary programme of the same establishment. A counsellor proposes the
ordinary one first and the section as what it is.

So among the pathways shown, one with a step in such a section comes after those without,
their orders kept; the step says what the section is, and a notice says what moved. Scores are
unchanged, as with graph/pathways/in_person.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from graph.pathways.scoring import Scored

__all__ = ["RESERVED_PART", "is_reserved_track", "ordinary_first", "ordinary_first_notice"]

# the words of Parcoursup's titles (written without accents) for such sections
_RESERVED = re.compile(
    r"horaires?\s+am[ée]nag[ée]s?|section\s+am[ée]nag[ée]e|sportifs?\s+de\s+haut\s+niveau", re.I
)

RESERVED_PART = (
    "section à horaires aménagés pour sportifs ou musiciens : admission particulière, à voir "
    "avec l'établissement"
)


def is_reserved_track(d: Mapping[str, Any]) -> bool:
    """Whether a diploma row is such a section, by its title (``name``, or the stored one).

    >>> is_reserved_track({"name": "BUT – GACO – Horaires amenages musique ou sport"})
    True
    >>> is_reserved_track({"name": "BUT   Genie mecanique   Section amenagee sport et musique"})
    True
    >>> is_reserved_track({"name": "BTS aménagement finition"})
    False
    """
    return any(
        _RESERVED.search(str(d.get(key) or "")) for key in ("name", "source_name", "official_name")
    )


def _reserved(s: Scored) -> bool:
    return any(is_reserved_track(step.diploma) for step in s.plan)


def ordinary_first(shown: Sequence[Scored]) -> list[Scored]:
    """The pathways with a step in such a section after the others, both in their order."""
    return [s for s in shown if not _reserved(s)] + [s for s in shown if _reserved(s)]


def ordinary_first_notice(before: Sequence[Scored], after: Sequence[Scored]) -> str | None:
    """What :func:`ordinary_first` moved, in French, or None when it moved nothing."""
    if [id(s) for s in before] == [id(s) for s in after]:
        return None
    moved = [i for i, s in enumerate(after, start=1) if _reserved(s)]
    numbers = ", ".join(f"n° {i}" for i in moved)
    one = len(moved) == 1
    return (
        f"{'Le parcours' if one else 'Les parcours'} {numbers}, dont une étape se suit dans "
        "une section à horaires aménagés pour sportifs ou musiciens, "
        f"{'est classé' if one else 'sont classés'} après les autres, quel que soit "
        f"{'son' if one else 'leur'} score : cette section admet des élèves au statut "
        "particulier (sportif, musicien), à voir avec l'établissement."
    )
