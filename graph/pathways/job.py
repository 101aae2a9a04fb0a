"""What an answer says of a goal given as a job (a ROME code or a sector): whether the start
diploma prepares for it already, and, when no pathway reaches it, which diplomas of the data
prepare for it and where.

A job is reached through the diplomas that train for it: those a seed sector ties to it and
those whose Certif Info jobs include the ROME code (``cypher/diplomas_for_sector.cypher``).
Pure functions over plain data; :mod:`graph.pathways.find` gathers it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.diploma_names import display_name
from graph.pathways.scoring import Offer
from graph.pathways.start_words import from_start

__all__ = [
    "JobDiploma",
    "already_trains_notice",
    "job_diplomas",
    "job_unreached_sentence",
    "to_goal",
]

Row = dict[str, object]

EXAMPLES = 3


@dataclass(frozen=True)
class JobDiploma:
    """A diploma that trains for the goal job, with how many establishments offer it (in the
    territory asked, in the modality asked; and anywhere)."""

    name: str
    level: int
    inside: int
    anywhere: int


def to_goal(goal: str) -> str:
    """« à » joined to the goal as French writes it (a job or a sector is named without its
    article: « métier ROME G1602 », « secteur Soudeurs », « métier choisi »).

    >>> to_goal("métier ROME G1602"), to_goal("secteur Soudeurs"), to_goal("niveau 6 ou plus")
    ('au métier ROME G1602', 'au secteur Soudeurs', 'au niveau 6 ou plus')
    >>> to_goal("BTS, métier ROME G1602")
    'à BTS, métier ROME G1602'
    """
    if goal.startswith(("métier ", "secteur ", "niveau ")):
        return f"au {goal}"
    return f"à {goal}"


def already_trains_notice(start: Row, job: str, *, found: bool) -> str:
    """The start diploma prepares for the goal job already; ``found``: whether pathways to
    other diplomas of the job were found.

    >>> already_trains_notice({"name": "CAP cuisine", "code": "1"}, "métier ROME G1602",
    ...     found=True)
    "D'après les données importées, CAP cuisine prépare déjà au métier ROME G1602 : les parcours proposés mènent à d'autres diplômes qui y préparent aussi, plus loin."
    >>> already_trains_notice({"name": "CAP X", "code": "1"}, "métier ROME N4101",
    ...     found=False)[-82:]
    "ROME N4101 ; aucun parcours vers un autre diplôme qui y prépare n'est proposé ici."
    """  # noqa: E501
    head = f"D'après les données importées, {display_name(start)} prépare déjà {to_goal(job)}"
    if found:
        return (
            f"{head} : les parcours proposés mènent à d'autres diplômes qui y préparent aussi, "
            "plus loin."
        )
    return f"{head} ; aucun parcours vers un autre diplôme qui y prépare n'est proposé ici."


def job_diplomas(
    diplomas: Mapping[str, Row],
    flagged: Mapping[str, Sequence[Offer]],
    everywhere: Mapping[str, Sequence[Offer]],
) -> list[JobDiploma]:
    """The diplomas that train for the job: those offered in the territory first, then those
    offered elsewhere, then those no establishment of the data offers; by level and by how
    widely they are offered.

    ``flagged``: each one's offers flagged for the request (territory, modality);
    ``everywhere``: the same diplomas' offers anywhere, in any modality."""
    out = []
    for code, d in diplomas.items():
        anywhere = len({o.actor.get("id") for o in everywhere.get(code, [])})
        inside = len({o.actor.get("id") for o in flagged.get(code, []) if o.in_territory})
        level = d.get("level")
        out.append(
            JobDiploma(
                name=display_name(d),
                level=level if isinstance(level, int) else 0,
                inside=inside,
                anywhere=anywhere,
            )
        )
    out.sort(key=lambda j: (-min(j.inside, 1), -min(j.anywhere, 1), j.level, -j.anywhere, j.name))
    return out


def job_unreached_sentence(
    start_label: str,
    job: str,
    found: Sequence[JobDiploma],
    where: str,
    max_steps: int,
    closed: Sequence[str] = (),
) -> str:
    """Why no pathway reaches the job, said with what the data knows of it; ``closed``: the
    names of the closed diplomas that train for it (when no open one does, they are named).

    >>> job_unreached_sentence("X", "métier ROME N1301", [], "le 62", 4, ["DUT GLT"])
    'Les données importées ne rattachent au métier ROME N1301 que des diplômes que la BCN a fermés (DUT GLT) : aucun parcours ne peut y mener.'

    >>> job_unreached_sentence("Bac pro X", "métier ROME M1810", [], "le département 974", 4)
    "Aucun diplôme des données importées ne prépare au métier ROME M1810 (ni les fiches Certif Info des diplômes, ni les secteurs des campus ne l'y rattachent) : les données ne savent pas y mener."
    >>> job_unreached_sentence("Bac pro X", "métier ROME N1301",
    ...     [JobDiploma("Licence pro Y", 6, 0, 5)], "le département 62", 4)[88:]
    "D'après les données importées, 1 diplôme y prépare (Licence pro Y), aucun proposé dans le département 62."
    """  # noqa: E501
    if not found and closed:
        names = " ; ".join(closed[:EXAMPLES])
        return (
            f"Les données importées ne rattachent {to_goal(job)} que des diplômes que la BCN a "
            f"fermés ({names}) : aucun parcours ne peut y mener."
        )
    if not found:
        return (
            f"Aucun diplôme des données importées ne prépare {to_goal(job)} (ni les fiches "
            "Certif Info des diplômes, ni les secteurs des campus ne l'y rattachent) : les "
            "données ne savent pas y mener."
        )
    n = len(found)
    known = f"D'après les données importées, {n} diplôme{'s' if n > 1 else ''} y prépare" + (
        "nt" if n > 1 else ""
    )
    offered = [j for j in found if j.anywhere]
    if not offered:
        names = " ; ".join(j.name for j in found[:EXAMPLES])
        return (
            f"Aucun établissement des données importées ne propose de diplôme qui prépare "
            f"{to_goal(job)}. {known} ({names}) : les fichiers importés ne disent pas où."
        )
    head = (
        f"Aucune passerelle connue ne mène {from_start(start_label)} {to_goal(job)} "
        f"en {max_steps} étape{'s' if max_steps > 1 else ''} au plus. {known}"
    )
    inside = [j for j in found if j.inside]
    if inside:
        names = " ; ".join(
            f"{j.name} ({j.inside} établissement{'s' if j.inside > 1 else ''})"
            for j in inside[:EXAMPLES]
        )
        return f"{head}, dont dans {where} : {names}. À examiner avec l'établissement."
    names = " ; ".join(j.name for j in offered[:EXAMPLES])
    return f"{head} ({names}), aucun proposé dans {where}."
