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
    "job_within_start_sentence",
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
    kind: str = ""
    # the years of the old headcounts its offers in the territory are known by, when every one
    # of them is carried from the closed diploma it replaced (status « renewed »): no file
    # lists a current offer of it there (the Diplôme d'État d'aide-soignant's 2020 constat)
    presumed: tuple[int, ...] = ()


HELD = "Objectif déjà atteint : le diplôme de départ prépare"  # its reason, when no pathway


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
    ``everywhere``: the same diplomas' offers anywhere, in any modality. When every offer of
    one in the territory is carried from the closed diploma it replaced (status « renewed »,
    an old headcount), the years of those headcounts are kept (``presumed``): the answer says
    it is known there by them only (tester21: « proposé dans le département de la Guadeloupe
    (971) … (1 établissement) » beside a notice saying no current offer is known).

    >>> from graph.pathways.scoring import Offer
    >>> old = Offer("X", {"id": "a"}, {"status": "renewed", "year": 2020}, True)
    >>> job_diplomas({"X": {"name": "DE AS", "level": 4}}, {"X": [old]}, {"X": [old]})
    [JobDiploma(name='DE AS', level=4, inside=1, anywhere=1, kind='', presumed=(2020,))]
    """
    out = []
    for code, d in diplomas.items():
        anywhere = len({o.actor.get("id") for o in everywhere.get(code, [])})
        here = [o for o in flagged.get(code, []) if o.in_territory]
        inside = len({o.actor.get("id") for o in here})
        presumed: tuple[int, ...] = ()
        if here and all(o.offer.get("status") == "renewed" for o in here):
            presumed = tuple(sorted({int(y) for o in here if (y := o.offer.get("year"))}))
        level = d.get("level")
        out.append(
            JobDiploma(
                name=display_name(d),
                level=level if isinstance(level, int) else 0,
                inside=inside,
                anywhere=anywhere,
                kind=str(d.get("type") or ""),
                presumed=presumed,
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
    *,
    held: bool = False,
) -> str:
    """Why no pathway reaches the job, said with what the data knows of it; ``closed``: the
    names of the closed diplomas that train for it (when no open one does, they are named);
    ``held``: the start prepares for the job already (the answer's first notice says so): no
    passerelle leads to *another* diploma of the job, never « aucune passerelle ne mène au
    métier » (Bac pro TCI, H2913).

    >>> said = job_unreached_sentence("Bac pro TCI", "métier ROME H2913",
    ...     [JobDiploma("CS X", 4, 2, 21)], "tout le territoire", 4, held=True)
    >>> print(said[:74])
    Objectif déjà atteint : le diplôme de départ prépare au métier ROME H2913.
    >>> "ne mène de ce diplôme à un autre diplôme qui y prépare" in said
    True

    >>> job_unreached_sentence("X", "métier ROME N1301", [], "dans le 62", 4, ["DUT GLT"])
    'Les données importées ne rattachent au métier ROME N1301 que des diplômes que la BCN a fermés (DUT GLT) : aucun parcours ne peut y mener.'

    >>> job_unreached_sentence("DE AS", "métier ROME J1501", [], "dans le 42", 4, held=True)
    "Objectif déjà atteint : le diplôme de départ prépare au métier ROME J1501 ; aucun autre diplôme des données importées n'y prépare."
    >>> job_unreached_sentence("Bac pro X", "métier ROME M1810", [], "dans le 974", 4)
    "Aucun diplôme des données importées ne prépare au métier ROME M1810 (ni les fiches Certif Info des diplômes, ni les secteurs des campus ne l'y rattachent) : les données ne savent pas y mener."
    >>> job_unreached_sentence("Bac pro X", "métier ROME N1301",
    ...     [JobDiploma("Licence pro Y", 6, 0, 5)], "dans le département 62", 4)[88:]
    "D'après les données importées, 1 diplôme y prépare (Licence pro Y), aucun proposé dans le département 62."
    >>> job_unreached_sentence("Bac pro X", "métier ROME J1501",
    ...     [JobDiploma("DE aide-soignant", 4, 2, 9)], "dans un rayon de 20 km autour de Lille", 4)[88:]
    "D'après les données importées, 1 diplôme y prépare, proposé dans un rayon de 20 km autour de Lille : DE aide-soignant (2 établissements). À examiner avec l'établissement."
    >>> job_unreached_sentence("Bac pro X", "métier ROME J1501",
    ...     [JobDiploma("DE aide-soignant", 4, 1, 58, presumed=(2020,))], "dans le 971", 4)[88:]
    "D'après les données importées, 1 diplôme y prépare, sans offre actuelle connue dans le 971 : DE aide-soignant (1 établissement, connu seulement par les effectifs de 2020 du diplôme qu'il a remplacé). À examiner avec l'établissement."
    >>> job_unreached_sentence("Bac pro X", "métier ROME J1501", [JobDiploma("A", 4, 2, 9),
    ...     JobDiploma("B", 5, 0, 3)], "dans le 59", 4)[88:]
    "D'après les données importées, 2 diplômes y préparent, dont 1 proposé dans le 59 : A (2 établissements). À examiner avec l'établissement."
    """  # noqa: E501
    if not found and closed:
        names = " ; ".join(closed[:EXAMPLES])
        return (
            f"Les données importées ne rattachent {to_goal(job)} que des diplômes que la BCN a "
            f"fermés ({names}) : aucun parcours ne peut y mener."
        )
    if not found and held:  # the start is the job's only diploma: never « aucun diplôme »
        return f"{HELD} {to_goal(job)} ; aucun autre diplôme des données importées n'y prépare."
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
    steps = f"en {max_steps} étape{'s' if max_steps > 1 else ''} au plus"
    head = (
        f"{HELD} {to_goal(job)}. Aucune passerelle "
        f"connue ne mène de ce diplôme à un autre diplôme qui y prépare {steps}. {known}"
        if held
        else f"Aucune passerelle connue ne mène {from_start(start_label)} {to_goal(job)} "
        f"{steps}. {known}"
    )
    inside = [j for j in found if j.inside]
    if inside:
        names = " ; ".join(_inside_words(j) for j in inside[:EXAMPLES])
        # « 1 diplôme y prépare, dont dans 20 km autour de Lille » read badly (tester19)
        k = len(inside)
        # known there by old headcounts only: not « proposé » (tester21, Guadeloupe)
        s = "s" if k > 1 else ""
        if all(j.presumed for j in inside):
            told = (
                f"{head}, sans offre actuelle connue {where}"
                if n == 1
                else f"{head}, dont {k} connu{s} {where} par d'anciens effectifs seulement"
            )
        elif n == 1:
            told = f"{head}, proposé {where}"
        else:
            told = f"{head}, dont {k} proposé{s} {where}"
        return f"{told} : {names}. À examiner avec l'établissement."
    names = " ; ".join(j.name for j in offered[:EXAMPLES])
    return f"{head} ({names}), aucun proposé {where}."


def _inside_words(j: JobDiploma) -> str:
    """« NAME (2 établissements) », and when its offers there are old headcounts only,
    « NAME (1 établissement, connu seulement par les effectifs de 2020 du diplôme qu'il a
    remplacé) »."""
    many = "s" if j.inside > 1 else ""
    if not j.presumed:
        return f"{j.name} ({j.inside} établissement{many})"
    years = j.presumed
    when = (
        ""
        if not years
        else f" de {years[0]}"
        if len(years) == 1
        else f" de {years[0]} à {years[-1]}"
    )
    return (
        f"{j.name} ({j.inside} établissement{many}, connu{many} seulement par les effectifs"
        f"{when} du diplôme qu'il a remplacé)"
    )


def _offered(j: JobDiploma, where: str) -> str:
    """« NAME (niveau 4, 2 établissements dans le département 63) »."""
    if j.inside:
        place = f"{j.inside} établissement{'s' if j.inside > 1 else ''} {where}"
    elif j.anywhere:
        place = f"aucun {where}"
    else:
        place = "aucun établissement connu"
    return f"{j.name} (niveau {j.level}, {place})"


def job_within_start_sentence(
    job: str, start_level: int, within: Sequence[JobDiploma], where: str
) -> str:
    """Why a start by level reaches no diploma of the job: every open diploma of the data that
    prepares for it is of the start's level or below (Soudeur H2913 from the level 4: the Bac
    pro chaudronnerie and the certificat de spécialisation soudage, both level 4, were
    answered « Aucun diplôme des données importées ne prépare au métier », which was false).
    ``within``: those diplomas (:func:`job_diplomas`), none of them above ``start_level``.

    A mention complémentaire (the BCN's type ``mc``, which also holds the certificats de
    spécialisation that replace them) of the start's level is a one-year specialisation taken
    after a diploma of that level (a MC of level 4 after a Bac pro): the ones the data knows are
    named as still open to the learner. The other diplomas of the start's level are the level the
    learner already holds, not a next step: named, not proposed.

    >>> s = job_within_start_sentence("métier ROME H2913", 4, [
    ...     JobDiploma("Bac pro chaudronnerie", 4, 3, 40, "bac_pro"),
    ...     JobDiploma("CS soudage", 4, 1, 12, "mc"), JobDiploma("CAP X", 3, 0, 0, "cap")],
    ...     "dans le département 63")
    >>> print(s)
    Aucun diplôme de niveau supérieur au niveau 4 ne prépare au métier ROME H2913 d'après les données importées. Les diplômes qui préparent à ce métier d'après les données sont de niveau 3 ou 4 : Bac pro chaudronnerie (niveau 4, 3 établissements dans le département 63) ; CS soudage (niveau 4, 1 établissement dans le département 63) ; CAP X (niveau 3, aucun établissement connu). Après un diplôme de niveau 4, une mention complémentaire ou un certificat de spécialisation (en général 1 an) y prépare encore : CS soudage ; à examiner avec l'établissement.
    >>> job_within_start_sentence("métier ROME X", 4, [JobDiploma("Bac pro Y", 4, 0, 2)],
    ...     "dans le 63")[-99:]
    "niveau 4 : Bac pro Y (niveau 4, aucun dans le 63). Aucun parcours n'y mène donc depuis le niveau 4."
    """  # noqa: E501
    levels = sorted({j.level for j in within if j.level})
    said = " ou ".join(
        [", ".join(str(v) for v in levels[:-1]), str(levels[-1])]
        if len(levels) > 1
        else [str(v) for v in levels]
    )
    head = (
        f"Aucun diplôme de niveau supérieur au niveau {start_level} ne prépare {to_goal(job)} "
        "d'après les données importées. Les diplômes qui préparent à ce métier d'après les "
        f"données sont de niveau {said} : "
        + " ; ".join(_offered(j, where) for j in within[: EXAMPLES + 1])
    )
    if len(within) > EXAMPLES + 1:
        head += f" (et {len(within) - EXAMPLES - 1} autres)"
    extra = [j for j in within if j.kind == "mc" and j.level == start_level and j.anywhere]
    if not extra:
        return f"{head}. Aucun parcours n'y mène donc depuis le niveau {start_level}."
    names = " ; ".join(j.name for j in extra[:EXAMPLES])
    return (
        f"{head}. Après un diplôme de niveau {start_level}, une mention complémentaire ou un "
        f"certificat de spécialisation (en général 1 an) y prépare encore : {names} ; à "
        "examiner avec l'établissement."
    )
