"""Which diplomas reach a goal job in the territory asked: a campus's ties hold in its
territory only (graph/campus_scope.py, the gap report's rule).

A job goal (a ROME code, or a campus sector resolving to its ROME codes) is reached through
the diplomas that train for it (``cypher/diplomas_for_sector.cypher``): those a campus file
ties to a sector of that job (``campus``), those whose Certif Info jobs include the ROME code
(``rome``) and those of the sector's NSF groups (``nsf``). The ties of a campus file are facts
of that campus: asked in Loire-Atlantique, the job H2903 was reached through the « TECHNICIEN
D'USINAGE (BAC PRO) » because the Mecanic Vallée (Aveyron, Lot) ties it to its « Opérateurs CN
Fraiseurs », while no public file links that diploma to the job. Outside the territory of a
campus, only the public links decide, and the answer says so (:func:`scope_notice`): the
goal's diplomas there are those public files link to the job, to check with the
establishment. Pure functions over plain rows; :mod:`graph.pathways.find` reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.campus_scope import SectorBasis, basis_owner, basis_refusal, public_links
from graph.pathways.job import to_goal
from graph.text import named_and_counted

__all__ = [
    "JobGoal",
    "job_goal",
    "no_public_link_reason",
    "scope_notice",
]

Row = Mapping[str, Any]
EXAMPLES = 3


@dataclass(frozen=True)
class JobGoal:
    """The diplomas of a goal job in the territory asked.

    ``codes``: those that reach it there; ``set_aside``: those only a campus of another
    territory ties to it (never reached here); ``campuses``: the ids of those campuses;
    ``basis``: the campus sector asked, when no campus of the territory describes it (its
    diplomas here are those public files link to it)."""

    codes: frozenset[str]
    set_aside: frozenset[str] = frozenset()
    campuses: tuple[str, ...] = ()
    basis: SectorBasis | None = None

    @property
    def public_only(self) -> bool:
        """Whether a campus's ties were set aside: its diplomas here come from public links
        only, and the answer says so."""
        return bool(self.set_aside) or self.basis is not None


def job_goal(links: Iterable[Row], local: set[str], basis: SectorBasis | None) -> JobGoal:
    """The goal's diplomas in a territory whose campuses are ``local``, from the rows of
    ``diplomas_for_sector`` (``code``, ``link``, ``campuses``). A campus tie holds when one of
    its campuses is local (or it is no campus's); a Certif Info link always; a link by NSF
    group only for a campus sector asked outside its campuses (``basis``: the gap report's
    reading, :func:`graph.gaps.foreign.publicly_linked`).

    >>> rows = [{"code": "usinage", "link": "campus", "campuses": ["mv"]},
    ...         {"code": "trpm", "link": "campus", "campuses": ["mv"]},
    ...         {"code": "trpm", "link": "rome", "campuses": []}]
    >>> sorted(job_goal(rows, {"mv"}, None).codes)
    ['trpm', 'usinage']
    >>> outside = job_goal(rows, {"cle"}, None)
    >>> sorted(outside.codes), sorted(outside.set_aside), outside.campuses
    (['trpm'], ['usinage'], ('mv',))
    >>> sector = [{"code": "cap", "link": "nsf", "campuses": []}]
    >>> job_goal(sector, set(), None).codes, sorted(job_goal(sector, set(), SectorBasis(
    ...     "s", "S", ("MV",), (), ("251",))).codes)
    (frozenset(), ['cap'])
    """
    held: set[str] = set()
    aside: dict[str, set[str]] = {}
    for r in links:
        code, link = str(r["code"]), r["link"]
        campuses = set(r.get("campuses") or ())
        if link == "rome" or (link == "nsf" and basis is not None):
            held.add(code)
        elif link == "campus":
            if not campuses or campuses & local:
                held.add(code)
            else:
                aside.setdefault(code, set()).update(campuses)
    set_aside = {c: v for c, v in aside.items() if c not in held}
    return JobGoal(
        codes=frozenset(held),
        set_aside=frozenset(set_aside),
        campuses=tuple(sorted({c for v in set_aside.values() for c in v})),
        basis=basis,
    )


def _public(basis: SectorBasis) -> str:
    """« que les fiches Certif Info rattachent à ses métiers (« Soudeur / Soudeuse ») et celles
    de son domaine de formation (« Mécanique générale et de précision, usinage ») »."""
    return " et ceux ".join(public_links(basis))


def scope_notice(
    goal: JobGoal,
    job: str,
    campus_names: Mapping[str, str],
    set_aside_names: Sequence[str],
) -> str | None:
    """The notice that the goal's diplomas come from public links only, to check (French);
    None when no campus tie was set aside. ``job``: the goal as the answer names it;
    ``set_aside_names``: the names of the diplomas set aside, in the order to show.

    >>> basis = SectorBasis("s", "Soudeurs", ("CMQ Mecanic Vallée",), ("H2913",), (),
    ...                     {"H2913": "Soudeur / Soudeuse"})
    >>> print(scope_notice(JobGoal(frozenset({"1"}), basis=basis), "secteur Soudeurs", {}, []))
    « Soudeurs » est décrit par le campus CMQ Mecanic Vallée, hors de ce territoire : les diplômes visés ici sont ceux que les fiches Certif Info rattachent à ses métiers (« Soudeur / Soudeuse »), non ceux que les fiches du campus lui rattachent ; à vérifier avec l'établissement.
    >>> goal = JobGoal(frozenset({"1"}), frozenset({"2"}), ("mv",))
    >>> print(scope_notice(goal, "métier ROME H2903", {"mv": "CMQ Mecanic Vallée"},
    ...     ["Bac pro technicien d'usinage"]))
    Le campus CMQ Mecanic Vallée rattache aussi au métier ROME H2903 1 diplôme que les fichiers publics n'y rattachent pas (Bac pro technicien d'usinage) : un fait de son territoire, qui ne vaut pas ici. Les diplômes visés ici sont ceux que les fiches Certif Info rattachent à ce métier ; à vérifier avec l'établissement.
    >>> scope_notice(JobGoal(frozenset({"1"})), "métier ROME H2903", {}, []) is None
    True
    """  # noqa: E501
    if goal.basis is not None:
        b = goal.basis
        return (
            f"« {b.name} » est décrit par {basis_owner(b.campuses)}, hors de ce territoire : "
            f"les diplômes visés ici sont ceux {_public(b)}, non ceux que les fiches du campus "
            "lui rattachent ; à vérifier avec l'établissement."
        )
    if not goal.set_aside:
        return None
    owner = basis_owner(campus_names.get(c, c) for c in goal.campuses)
    n = len(goal.set_aside)
    names = named_and_counted(set_aside_names, n, EXAMPLES)
    ties = "rattachent" if len(goal.campuses) > 1 else "rattache"
    return (
        f"{owner[0].upper()}{owner[1:]} {ties} aussi {to_goal(job)} {n} "
        f"diplôme{'s' if n > 1 else ''} que les fichiers publics n'y rattachent pas "
        f"({names}) : un fait de son territoire, qui ne vaut pas ici. Les diplômes visés "
        "ici sont ceux que les fiches Certif Info rattachent à ce métier ; à vérifier avec "
        "l'établissement."
    )


def no_public_link_reason(goal: JobGoal, job: str, campus_names: Mapping[str, str]) -> str | None:
    """Why no pathway can be proposed when only campuses of other territories tie diplomas to
    the goal and no public file does (French); None when some diploma reaches it here.

    >>> b = SectorBasis("c", "Cadres", ("CMQ Mecanic Vallée",), (), ())
    >>> no_public_link_reason(JobGoal(frozenset(), basis=b), "secteur Cadres", {})[:74]
    '« Cadres » est décrit par le campus CMQ Mecanic Vallée, pas pour ce territ'
    >>> print(no_public_link_reason(JobGoal(frozenset(), frozenset({"x"}), ("mv",)),
    ...     "métier ROME H2999", {"mv": "CMQ X"}))
    Seul le campus CMQ X rattache des diplômes au métier ROME H2999, et ce fait ne vaut que dans son territoire ; aucun fichier public (fiches Certif Info) ne les y rattache : les données ne savent pas dire quels diplômes y mènent ici.
    """  # noqa: E501
    if goal.codes:
        return None
    refused = basis_refusal(goal.basis) if goal.basis is not None else None
    if refused or not goal.set_aside:
        return refused
    owner = basis_owner(campus_names.get(c, c) for c in goal.campuses)
    seul = "Seuls" if len(goal.campuses) > 1 else "Seul"
    ties = "rattachent" if len(goal.campuses) > 1 else "rattache"
    where = "leurs territoires" if len(goal.campuses) > 1 else "son territoire"
    return (
        f"{seul} {owner} {ties} des diplômes {to_goal(job)}, et ce fait ne vaut que dans "
        f"{where} ; aucun fichier public (fiches Certif Info) ne les y rattache : les données "
        "ne savent pas dire quels diplômes y mènent ici."
    )
