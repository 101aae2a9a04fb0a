"""A diploma tied to a goal job only as one of many jobs of a broad record comes after the
job's own diplomas. Pure functions.

Certif Info lists up to five ROME codes per diploma. The CAP agricole « services aux personnes
et vente en espace rural » lists D1102 (boulanger) among five jobs (sales, home care); asked
for the job of boulanger from Pau, it ranked second, before any word of the CAP boulanger,
and a counsellor reads it as a baker's pathway (tester25).

The rule (:func:`weak_links`): a diploma is a weak link to the job when its record lists
:data:`BROAD` jobs or more and its NSF domain (production, services…) is none of those of
the job's *own* diplomas,
those listing :data:`OWN` jobs at most (CAP boulanger: D1102 alone; Bac pro boulanger
pâtissier: D1102, D1104). A job without such own diplomas has no weak link: nothing to rank
before. Among the pathways shown, those ending at a weak link come after the others, both in
their orders, and a notice says why (:func:`own_first_notice`); scores are unchanged, as
with graph/pathways/reserved_track.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.diploma_names import display_name
from graph.pathways.scoring import Scored

__all__ = ["BROAD", "OWN", "own_first", "own_first_notice", "weak_links"]

Row = Mapping[str, Any]

BROAD = 4  # a record listing this many jobs or more is broad
OWN = 2  # a record listing this many jobs at most is the job's own diploma


def weak_links(rows: Iterable[Row]) -> dict[str, int]:
    """The weak links among the rows of ``job_link_widths`` (``code``, ``nsf``, ``jobs``: the
    diplomas Certif Info ties to one ROME code), each with the number of jobs its record lists.

    >>> rows = [{"code": "cap-boulanger", "nsf": "221", "jobs": 1},
    ...         {"code": "bac-boulanger", "nsf": "221", "jobs": 2},
    ...         {"code": "capa-sapver", "nsf": "330", "jobs": 5},
    ...         {"code": "bts-large", "nsf": "221", "jobs": 5},
    ...         {"code": "bts-domain", "nsf": "200", "jobs": 5}]
    >>> weak_links(rows)
    {'capa-sapver': 5}
    >>> weak_links([r for r in rows if r["jobs"] > OWN])
    {}
    >>> weak_links([{"code": "x", "nsf": None, "jobs": 5}, rows[0]])
    {}
    """
    got = list(rows)
    own = {_domain(r) for r in got if _domain(r) and 0 < int(r.get("jobs") or 0) <= OWN}
    if not own:
        return {}
    return {
        str(r["code"]): int(r["jobs"])
        for r in got
        if int(r.get("jobs") or 0) >= BROAD and _domain(r) and _domain(r) not in own
    }


def _domain(r: Row) -> str:
    """The NSF domain of a row (the group's first digit: 1 general, 2 production, 3
    services): the BCN gives some diplomas a whole domain's code (« 300 » for the Bac pro
    AGOrA, which Certif Info files under 324, secretarial work), so groups are compared by
    domain, never digit by digit."""
    return str(r.get("nsf") or "")[:1]


def _ends_weak(s: Scored, weak: Mapping[str, int]) -> bool:
    return bool(s.plan) and str(s.plan[-1].diploma.get("code")) in weak


def own_first(shown: Sequence[Scored], weak: Mapping[str, int]) -> list[Scored]:
    """The pathways ending at a weak link after the others, both in their orders."""
    return [s for s in shown if not _ends_weak(s, weak)] + [s for s in shown if _ends_weak(s, weak)]


def own_first_notice(shown: Sequence[Scored], weak: Mapping[str, int], moved: bool) -> str | None:
    """What the answer says of the pathways ending at a weak link (French), or None when none
    is shown; ``moved``: whether :func:`own_first` changed the order."""
    ends = [
        (i, display_name(dict(s.plan[-1].diploma)), weak[str(s.plan[-1].diploma.get("code"))])
        for i, s in enumerate(shown, start=1)
        if _ends_weak(s, weak)
    ]
    if not ends:
        return None
    numbers = ", ".join(f"n° {i}" for i, _, _ in ends)
    names = list(dict.fromkeys((n, jobs) for _, n, jobs in ends))
    one = len(ends) == 1
    if len(names) == 1:
        named = f"{names[0][0]}, que les fiches Certif Info rattachent à {names[0][1]} métiers"
    else:
        listed = [f"{n} ({jobs} métiers)" for n, jobs in names]
        named = (
            ", ".join(listed[:-1])
            + " et "
            + listed[-1]
            + ", que les fiches Certif Info rattachent chacun à plusieurs métiers"
        )
    ranked = (
        f" {'Il est classé' if one else 'Ils sont classés'} après les autres, quel que soit "
        f"{'son' if one else 'leur'} score."
        if moved
        else ""
    )
    return (
        f"{'Le parcours' if one else 'Les parcours'} {numbers} "
        f"{'mène' if one else 'mènent'} à {named} dont celui-ci, hors du domaine de "
        "formation des diplômes propres au métier : un lien large, à vérifier avec "
        f"l'établissement.{ranked}"
    )
