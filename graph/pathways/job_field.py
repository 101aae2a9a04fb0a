"""What an answer without pathway toward a ROME job says of the link job → diploma: it comes
from the diplomas' Certif Info records as the data holds them, and the territory's programmes of
the same field (NSF group) that no record ties to the job are named, to be checked, never as an
answer.

Dijon (Côte-d'Or), niveau 4 → niveau 6, job M1805 (développeur web): « Pas de parcours »,
nothing said of the BUT informatique of the IUT de Dijon (NSF 326, the group of the BTS SIO and
of the licence pro the records tie to M1805), which Certif Info does not tie to M1805: a
counsellor reads that nothing in Dijon leads to the job, where the files merely do not say.
Pure functions over the territory's coverage rows (``cypher/coverage_offers.cypher``: actor,
offer, diploma) and the goal's diplomas; :mod:`graph.pathways.find` reads them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from graph.diploma_names import display_name, is_common_year_kept
from graph.nsf import nsf_name
from graph.pathways.job import to_goal
from graph.territory import Territory
from graph.text import named_and_counted

__all__ = [
    "CERTIF_INFO_LINK",
    "goal_offered_here",
    "job_field_sentence",
    "job_groups",
    "same_field_programmes",
]

Row = Mapping[str, Any]
EXAMPLES = 3

CERTIF_INFO_LINK = (
    "Le lien entre un métier et les diplômes qui y préparent vient des fiches Certif Info des "
    "diplômes, telles que les données importées les connaissent."
)


def job_groups(diplomas: Iterable[Row]) -> set[str]:
    """The field (NSF groups) of a job: the group most of its open diplomas share (ties all
    kept), not every group one of them has. D1102 (boulanger): CAP, BP and Bac pro of group
    221, and the CAPA services aux personnes (330), tied to the job by one Certif Info row,
    which made « du même domaine » the BTS SP3S and the Bac pro ASSP.

    >>> job_groups([{"nsf": "221"}, {"nsf": "221"}, {"nsf": "330"}, {"nsf": None}])
    {'221'}
    >>> sorted(job_groups([{"nsf": "221"}, {"nsf": "330", "closed": False}]))
    ['221', '330']
    >>> job_groups([{"nsf": "221", "closed": True}])
    set()
    """
    counts: dict[str, int] = {}
    for d in diplomas:
        if d.get("nsf") and not d.get("closed"):
            counts[str(d["nsf"])] = counts.get(str(d["nsf"]), 0) + 1
    top = max(counts.values(), default=0)
    return {g for g, n in counts.items() if n == top}


def same_field_programmes(
    rows: Iterable[Row],
    territory: Territory,
    *,
    groups: Collection[str],
    goal_codes: Collection[str],
    min_level: int | None,
    modality: str | None = None,
) -> list[str]:
    """The programmes offered in ``territory`` (open offers of open diplomas, in ``modality``
    when given) whose NSF group is one of ``groups`` and level at least ``min_level``, that are
    not among ``goal_codes`` (the diplomas tied to the job): « NAME (ESTABLISHMENT, …) », by
    name.

    >>> rows = [{"diploma": {"code": "PS-BUT-1", "name": "BUT – Informatique", "type": "but",
    ...          "nsf": "326", "level": 6}, "actor": {"id": "a", "name": "IUT de Dijon"},
    ...          "offer": {"departement": "021", "status": "open"}},
    ...         {"diploma": {"code": "2", "name": "BTS SIO", "type": "bts", "nsf": "326",
    ...          "level": 5}, "actor": {"id": "b", "name": "Lycée Y"},
    ...          "offer": {"departement": "021", "status": "open"}}]
    >>> same_field_programmes(rows, Territory(departements=["021"]), groups={"326"},
    ...     goal_codes={"2"}, min_level=5)
    ['BUT – Informatique (IUT de Dijon)']
    """
    where: dict[str, tuple[str, set[str]]] = {}
    for r in rows:
        d, a, o = r["diploma"], r["actor"], r["offer"]
        if d.get("closed") or o.get("status") == "closed" or d.get("code") in goal_codes:
            continue
        if is_common_year_kept(d):  # a first year of a diploma, no diploma of its own
            continue
        if d.get("nsf") not in groups or (min_level and (d.get("level") or 0) < min_level):
            continue
        if modality is not None and o.get("modality") != modality:
            continue
        if not territory.contains(o, campuses=a.get("campuses")):
            continue
        name = display_name(d)
        where.setdefault(str(d["code"]), (name, set()))[1].add(str(a.get("name") or ""))
    out = []
    for name, actors in sorted(where.values()):
        said = sorted(n for n in actors if n)
        out.append(f"{name} ({', '.join(said)})" if said else name)
    return out


def goal_offered_here(
    rows: Iterable[Row], territory: Territory, goal_codes: Collection[str], min_level: int | None
) -> bool:
    """Whether one of ``goal_codes`` of level ``min_level`` or more has an open offer in
    ``territory`` (``rows``: its coverage rows): the answer names those diplomas already
    (« dont dans … »), the field adds nothing.

    >>> rows = [{"diploma": {"code": "2", "level": 5}, "actor": {},
    ...          "offer": {"departement": "021"}}]
    >>> t = Territory(departements=["021"])
    >>> goal_offered_here(rows, t, {"2"}, 5), goal_offered_here(rows, t, {"2"}, 6)
    (True, False)
    """
    return any(
        r["diploma"].get("code") in goal_codes
        and not r["diploma"].get("closed")
        and (r["diploma"].get("level") or 0) >= (min_level or 0)
        and r["offer"].get("status") != "closed"
        and territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
        for r in rows
    )


def job_field_sentence(job: str, groups: Collection[str], found: list[str], where: str) -> str:
    """The French sentence an answer without pathway toward the job ``job`` ends with: where the
    link job → diploma comes from, and the programmes of the same field offered in ``where``
    (:func:`same_field_programmes`), to be checked.

    >>> print(job_field_sentence("métier ROME M1805", ["326"], ["BUT – Informatique (IUT)"],
    ...     "le département de la Côte-d'Or (21)"))
    Le lien entre un métier et les diplômes qui y préparent vient des fiches Certif Info des diplômes, telles que les données importées les connaissent. Dans le département de la Côte-d'Or (21), des formations du même domaine (« Informatique, traitement de l'information, réseaux ») existent, que ces fiches ne rattachent pas au métier ROME M1805 : BUT – Informatique (IUT) ; à vérifier auprès des établissements, ce n'est pas une réponse des données.
    """  # noqa: E501
    if not found:
        return CERTIF_INFO_LINK
    # the field by its name (graph/evidence_words.py): a code only where it has none
    fields = ", ".join(
        f"« {name} »" if (name := nsf_name(g)) else f"NSF {g}" for g in sorted(groups)
    )
    names = named_and_counted(found, len(found), EXAMPLES)
    return (
        f"{CERTIF_INFO_LINK} Dans {where}, des formations du même domaine ({fields}) existent, "
        f"que ces fiches ne rattachent pas {to_goal(job)} : {names} ; à vérifier auprès des "
        "établissements, ce n'est pas une réponse des données."
    )
