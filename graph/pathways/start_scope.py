"""Which diplomas a start by level in a field (``from_level`` + ``sector``) starts from in the
territory asked: a campus's ties hold in its territory only (graph/campus_scope.py, the rule of
the job goals, graph/pathways/job_scope.py).

``cypher/diplomas_by_level_sector.cypher`` read the sector's campus tags everywhere: asked in
Loire-Atlantique or in the Puy-de-Dôme, « niveau 4, secteur Mécanique de précision » started
from the diplomas the Mecanic Vallée (Aveyron, Lot) ties to its filière — a fact of that
campus, which never speaks for another territory. Outside the territory of the campuses
describing the sector, its start diplomas are those the public files link to it (Certif Info's
ROME codes, its NSF groups: :func:`graph.campus_scope.public_links`), and the answer says so
(:func:`start_scope_notice`). Pure functions over the rows the pathway cache keeps
(``diplomas_for_sector``, the level's diplomas): no read of their own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from graph.campus_scope import SectorBasis, basis_owner, public_links
from graph.pathways.job_scope import EXAMPLES, JobGoal, job_goal
from graph.text import named_and_counted

__all__ = ["start_codes_in", "start_scope_notice"]

Row = Mapping[str, Any]


def start_codes_in(
    level_codes: Iterable[str], links: Iterable[Row], local: set[str], basis: SectorBasis | None
) -> tuple[list[str], JobGoal]:
    """The diplomas of ``level_codes`` (every diploma of the level) that start from the sector
    in a territory whose campuses are ``local``: :func:`graph.pathways.job_scope.job_goal` over
    the sector's ``diplomas_for_sector`` rows, in the order of ``level_codes``; with the
    :class:`JobGoal` (what was set aside, the basis), for the notice.

    >>> links = [{"code": "usinage", "link": "campus", "campuses": ["mv"]},
    ...          {"code": "bts", "link": "campus", "campuses": ["mv"]},
    ...          {"code": "trpm", "link": "nsf", "campuses": []}]
    >>> start_codes_in(["trpm", "usinage"], links, {"mv"}, None)[0]
    ['usinage']
    >>> basis = SectorBasis("mp", "Mécanique de précision", ("CMQ MV",), (), ("251",))
    >>> codes, goal = start_codes_in(["trpm", "usinage"], links, set(), basis)
    >>> codes, sorted(goal.set_aside)
    (['trpm'], ['bts', 'usinage'])
    """
    goal = job_goal(links, local, basis)
    return [c for c in level_codes if c in goal.codes], goal


def start_scope_notice(
    goal: JobGoal,
    sector: str,
    level_codes: Collection[str],
    campus_names: Mapping[str, str],
    set_aside_names: Sequence[str],
    *,
    after_3e: bool = False,
) -> str | None:
    """The notice (French) that the start's diplomas come from public links only; None when no
    campus tie of a diploma of the level was set aside. ``sector``: the start's field as the
    answer names it (« secteur Soudeurs », « métier ROME H2913 »); ``set_aside_names``: the
    names of the level's diplomas set aside, in the order to show.

    >>> basis = SectorBasis("mp", "Mécanique de précision", ("CMQ Mecanic Vallée",), (),
    ...                     ("251",))
    >>> goal = JobGoal(frozenset({"1"}), frozenset({"2"}), ("mv",), basis)
    >>> print(start_scope_notice(goal, "secteur Mécanique de précision", {"1", "2"}, {}, []))
    Départ « Mécanique de précision » : cette filière est décrite par le campus CMQ Mecanic Vallée, hors de ce territoire ; les diplômes de départ ici sont ceux de son domaine de formation (« Mécanique générale et de précision, usinage »), non ceux que les fiches du campus lui rattachent ; à vérifier avec l'établissement.
    >>> goal = JobGoal(frozenset({"1"}), frozenset({"2"}), ("mv",))
    >>> print(start_scope_notice(goal, "métier ROME H2903", {"1", "2"},
    ...     {"mv": "CMQ Mecanic Vallée"}, ["Bac pro technicien d'usinage"]))
    Départ « métier ROME H2903 » : le campus CMQ Mecanic Vallée y rattache aussi 1 diplôme de ce niveau que les fichiers publics n'y rattachent pas (Bac pro technicien d'usinage) : un fait de son territoire, qui ne vaut pas ici. Les diplômes de départ ici sont ceux que les fiches Certif Info rattachent à ce métier ; à vérifier avec l'établissement.
    >>> start_scope_notice(goal, "métier ROME H2903", {"1"}, {}, []) is None
    True
    """  # noqa: E501
    aside = [c for c in goal.set_aside if c in level_codes]
    # from the end of 3e the field chooses the first programme, not a diploma held
    starts = (
        "les premières formations ici sont celles"
        if after_3e
        else ("les diplômes de départ ici sont ceux")
    )
    if goal.basis is not None:
        b = goal.basis
        return (
            f"Départ « {b.name} » : cette filière est décrite par {basis_owner(b.campuses)}, "
            f"hors de ce territoire ; {starts} "
            f"{(' et celles ' if after_3e else ' et ceux ').join(public_links(b))}, non "
            f"{'celles' if after_3e else 'ceux'} que les fiches du campus lui "
            "rattachent ; à vérifier avec l'établissement."
        )
    if not aside:
        return None
    owner = basis_owner(campus_names.get(c, c) for c in goal.campuses)
    n = len(aside)
    names = named_and_counted(set_aside_names, n, EXAMPLES)
    ties = "rattachent" if len(goal.campuses) > 1 else "rattache"
    what = "formation ouverte après la 3e" if after_3e else "diplôme de ce niveau"
    plural = "formations ouvertes après la 3e" if after_3e else "diplômes de ce niveau"
    return (
        f"Départ « {sector} » : {owner} y {ties} aussi {n} {plural if n > 1 else what} "
        f"que les fichiers publics n'y rattachent pas ({names}) : un fait de son "
        f"territoire, qui ne vaut pas ici. {starts[0].upper() + starts[1:]} que les fiches "
        "Certif Info rattachent à ce métier ; à vérifier avec l'établissement."
    )
