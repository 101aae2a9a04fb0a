"""The goal of a pathway question as French joins it to a verb of movement: « mène du niveau 4
à un BTS », « au niveau 5 (bac + 2) ou plus », « au diplôme Licence pro », « au métier ROME
H2913 » — one place for every kind of goal (a diploma, a type, a level, a job, or a type or a
level with a job), so that no sentence says « à BTS ».

Pure functions over the resolved question (:class:`graph.pathways.query.PathwayQuery`).
"""

from __future__ import annotations

from graph.labels import level_fr, type_with_article
from graph.pathways.job import to_goal
from graph.pathways.query import PathwayQuery

__all__ = ["to_goal_phrase"]


def to_goal_phrase(q: PathwayQuery) -> str:
    """« à » (or « au ») and the goal of ``q``, for « Aucune passerelle connue ne mène de … ».

    >>> from graph.models import DiplomaType
    >>> def q(**kw): return PathwayQuery(start_codes=["A"], start_label="A", **kw)
    >>> to_goal_phrase(q(to_type=DiplomaType.BTS))
    'à un BTS'
    >>> to_goal_phrase(q(to_level=5))
    'au niveau 5 (bac + 2) ou plus'
    >>> to_goal_phrase(q(to="T-LP", to_label="Licence pro"))
    'au diplôme Licence pro'
    >>> to_goal_phrase(q(to="32022316", to_label="BTS CIEL (32022316)", to_name="BTS CIEL"))
    'au diplôme BTS CIEL'
    >>> to_goal_phrase(q(to="26033101", to_name="Diplôme d'État d'infirmier(ière)"))
    "au diplôme d'État d'infirmier(ière)"
    >>> to_goal_phrase(q(sector="H2913", sector_label="métier ROME H2913"))
    'au métier ROME H2913'
    >>> to_goal_phrase(q(to_type=DiplomaType.LICENCE_PRO, to_level=6, sector="s",
    ...                  sector_label="secteur Soudeurs"))
    'à une licence professionnelle de niveau 6 (bac + 3) ou plus qui prépare au secteur Soudeurs'
    >>> to_goal_phrase(q(to_level=5, sector="H2913", sector_label="métier ROME H2913"))
    'à un diplôme de niveau 5 (bac + 2) ou plus qui prépare au métier ROME H2913'
    """
    job = to_goal(q.sector_label or "métier choisi") if q.sector else None
    level = f"{level_fr(q.to_level)} ou plus" if q.to_level else None
    if q.to:
        name = str(q.to_name or q.to_label or q.to)  # no code in prose
        # « au diplôme d'État d'infirmier », not « au diplôme Diplôme d'État d'infirmier »
        if name.lower().startswith("diplôme"):
            head = f"au {name[0].lower()}{name[1:]}"
        else:
            head = f"au diplôme {name}"
    elif q.to_type:
        head = f"à {type_with_article(q.to_type.value)}" + (f" de {level}" if level else "")
    elif level:
        head = f"à un diplôme de {level}" if job else f"au {level}"
    else:
        return job or "à l'objectif choisi"
    return f"{head} qui prépare {job}" if job else head
