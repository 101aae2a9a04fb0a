"""What a refusal says of a goal diploma the territory offers when no known passerelle leads
to it (tester21: Bac pro ASSP → Diplôme d'État d'infirmier in the Haute-Marne was answered
« Aucune passerelle connue… » and nothing else, though the IFSI of Saint-Dizier, the pupil's
town, and of Chaumont prepare it). No passerelle is invented: the answer says where the goal
is prepared on the territory and, when every such offer comes from the Parcoursup extract, that
it recruits through Parcoursup (after the bac); how the start diploma fares there, the data
does not say. Pure functions over the request's offers of the goal.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.geo import haversine_km
from graph.pathways.explanation import place
from graph.pathways.scoring import Offer

__all__ = ["goal_here_sentence"]


def _with_km(where: str, km: int) -> str:
    """« B (Pau) » with its distance: « B (Pau, à 66 km) »."""
    if where.endswith(")"):
        return f"{where[:-1]}, à {km} km)"
    return f"{where} (à {km} km)"


EXAMPLES = 3
PARCOURSUP = "fr-esr-parcoursup_extrait.csv"  # the extract whose programmes recruit through it
RENEWED = "renewed"  # an old headcount of the closed diploma it replaced: no current offer


def goal_here_sentence(
    name: str,
    offers: Sequence[Offer],
    where: str,
    home: tuple[float, float] | None = None,
) -> str | None:
    """The establishments of the territory (``offers`` in it, flagged for the request) that
    prepare the goal ``name``, or None when none does; offers known only by old headcounts of
    a replaced diploma (status « renewed ») are no current offer and are not counted, unless a
    current file lists their common first year there (``common_year``: the BTS SIO option A
    at Avranches, its « 1re année » in Parcoursup 2024, graph/ingest/opendata/renewal.py).

    >>> def o(name, commune, source="fr-esr-parcoursup_extrait.csv (Parcoursup)", inside=True):
    ...     return Offer("X", {"id": name, "name": name}, {"commune": commune, "source": source,
    ...                  "status": "open", "departement": "52"}, inside)
    >>> print(goal_here_sentence("Diplôme d'État d'infirmier", [o("IFSI Saint-Dizier",
    ...     "Saint-Dizier"), o("IFSI Chaumont", "Chaumont"), o("IFSI Troyes", "Troyes",
    ...     inside=False)], "dans le département de la Haute-Marne (52)"))
    Diplôme d'État d'infirmier est préparé dans le département de la Haute-Marne (52), dans 2 établissements : IFSI Chaumont (Chaumont) ; IFSI Saint-Dizier (Saint-Dizier). Il recrute sur dossier via Parcoursup, après le bac (fichier Parcoursup importé) ; les données ne disent pas quelle place y ont les titulaires du diplôme de départ : à examiner avec l'établissement.
    >>> goal_here_sentence("X", [o("A", "Troyes", inside=False)], "dans le 52") is None
    True

    With the learner's home, the nearest first, each with its distance (tester26: in the
    Nouvelle-Aquitaine the list was alphabetical, the nearest hidden among « 4 autres »):

    >>> def at(name, commune, lat, lon):
    ...     x = o(name, commune)
    ...     x.offer.update(lat=lat, lon=lon)
    ...     return x
    >>> print(goal_here_sentence("DE X", [at("A", "Marmande", 44.5, 0.17), at("B", "Pau",
    ...     43.3, -0.37), o("C", "Dax")], "dans la région", home=(43.89, -0.5)).split(". ")[0])
    DE X est préparé dans la région, dans 3 établissements : B (Pau, à 67 km) ; A (Marmande, à 86 km) ; C (Dax)
    >>> print(goal_here_sentence("BTS X", [o("Lycée A", "Metz", source="constat")], "dans le 57"))
    BTS X est préparé dans le 57, dans 1 établissement : Lycée A (Metz). Les données ne disent pas comment y entrer depuis le diplôme de départ : à examiner avec l'établissement.
    """  # noqa: E501
    here = [
        o
        for o in offers
        if o.in_territory and (o.offer.get("status") != RENEWED or o.offer.get("common_year"))
    ]
    if not here:
        return None
    by_actor: dict[str, Offer] = {}
    for x in here:
        by_actor.setdefault(str(x.actor.get("id")), x)
    n = len(by_actor)
    if home is None:
        places = sorted({place(x) for x in by_actor.values()})
    else:
        # the nearest first, each with its distance as the crow flies; an unplaced one after
        placed = sorted(
            (round(haversine_km(*home, x.offer["lat"], x.offer["lon"])), place(x))
            for x in by_actor.values()
            if x.offer.get("lat") is not None and x.offer.get("lon") is not None
        )
        unplaced = sorted(
            {
                place(x)
                for x in by_actor.values()
                if x.offer.get("lat") is None or x.offer.get("lon") is None
            }
        )
        places = [_with_km(p, km) for km, p in placed] + unplaced
    listed = " ; ".join(places[:EXAMPLES])
    if len(places) > EXAMPLES:
        more = len(places) - EXAMPLES
        listed += f" et {more} autre{'s' if more > 1 else ''}"
    head = f"{name} est préparé {where}, dans {n} établissement{'s' if n > 1 else ''} : {listed}."
    if all(PARCOURSUP in str(x.offer.get("source") or "") for x in here):
        return (
            f"{head} Il recrute sur dossier via Parcoursup, après le bac (fichier Parcoursup "
            "importé) ; les données ne disent pas quelle place y ont les titulaires du diplôme "
            "de départ : à examiner avec l'établissement."
        )
    return (
        f"{head} Les données ne disent pas comment y entrer depuis le diplôme de départ : à "
        "examiner avec l'établissement."
    )
