"""What an answer says of New Caledonia, whose schools the national files barely describe.

New Caledonia runs its own primary and secondary education (a competence the State
transferred to it, the secondary schools in 2012; the State keeps higher education): its
lycées and CFA are not those of the national assignment and enrolment files the import reads.
The national graph holds three of its establishments, all in Nouméa (Parcoursup and the
directories). An answer there read from that data — « aucune formation de niveau 5 », or a
pathway in the Loiret — says nothing true of what New Caledonia offers. So the answer says
first that the data does not describe it, and where to ask.

The commune reference has no centre in New Caledonia (docs/communes.md): a home given by
position there is recognised by its box, not by its nearest commune centre (which lies in
another ocean).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.territory import Point, Territory

__all__ = ["NEW_CALEDONIA", "in_new_caledonia", "own_system_notice"]

NEW_CALEDONIA = "988"
# Grande Terre, the Loyalty Islands, the Belep and the Isle of Pines, with a margin (IGN);
# the Chesterfield and Matthew-Hunter islets lie outside, without schools
_BOX = (-23.0, -18.5, 162.5, 169.0)  # south, north, west, east

NOTICE = (
    "La Nouvelle-Calédonie a son propre système éducatif : l'enseignement primaire et "
    "secondaire y relève de la Nouvelle-Calédonie, non de l'État, et les fichiers nationaux "
    "importés n'en décrivent qu'une très petite partie. Les réponses ci-dessous ne disent donc "
    "pas ce qui y est proposé : renseignez-vous auprès du vice-rectorat de la "
    "Nouvelle-Calédonie et des établissements."
)


def in_new_caledonia(p: Point | None) -> bool:
    """Whether a position lies in New Caledonia (its box).

    >>> in_new_caledonia(Point(lat=-22.27, lon=166.45)), in_new_caledonia(Point(lat=48.8, lon=2.3))
    (True, False)
    """
    if p is None:
        return False
    south, north, west, east = _BOX
    return south <= p.lat <= north and west <= p.lon <= east


def own_system_notice(
    territory: Territory, home: Point | None, departements: Iterable[str] | None
) -> str | None:
    """:data:`NOTICE` when the territory, the home or the learner's département
    (``departements``: the query's ``start_departements``) is in New Caledonia; None otherwise.

    >>> own_system_notice(Territory(departements=["988"]), None, None) == NOTICE
    True
    >>> own_system_notice(Territory(departements=["987"]), None, ["987"]) is None
    True
    """
    if (
        NEW_CALEDONIA in (territory.departements or ())
        or NEW_CALEDONIA in (departements or ())
        or in_new_caledonia(home)
        or in_new_caledonia(territory.near)
    ):
        return NOTICE
    return None
