"""The usual continuation of the learner's diploma, and what the answer says when the territory
does not offer it.

The usual continuation is a *documented* continuation of national scope (the national table of
issue 12, ``seeds/continuations-nationales.toml``: each row quotes a public page). When the
territory holds no establishment offering it, a counsellor says so before anything else and
tells where the nearest one is (« La suite habituelle, Bac pro boucher charcutier traiteur,
n'est proposée dans aucun établissement du département 35 dans les données importées ; elle
l'est à 326 km du domicile : Lycée … (département 87). »); the answer then offers it, flagged
outside the territory, alongside the other options. Inferred legs are never called "usual":
the nomenclatures suggest them, no source says so. Pure functions over plain rows (no store).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.diploma_names import display_name
from graph.pathways.explanation import at_place, fmt_km, place
from graph.pathways.hygiene import continues_programme
from graph.pathways.query import PathwayQuery
from graph.pathways.scoring import Choice, Scored, rank
from graph.pathways.search import is_goal
from graph.territory import Territory

__all__ = [
    "missing_sentence",
    "others_missing_sentence",
    "started_by_common_year",
    "usual_starts",
    "usual_targets",
    "with_usual",
]

Row = dict[str, Any]


def usual_starts(q: PathwayQuery, diplomas: Mapping[str, Row]) -> list[str]:
    """The codes whose documented continuations count as the learner's: the named start
    diploma, and its successors when the BCN closed or replaced it (CAP boucher 50022135 →
    50022143; CAP cuisine 50022139, replaced in 2024 by 50022146, closing in 2025: the same
    as :func:`graph.pathways.search.with_renewed_legs`). A start by level (``from_level``:
    every diploma of a level) has no usual continuation."""
    if len(q.start_codes) != 1:
        return []
    code = q.start_codes[0]
    d = diplomas.get(code) or {}
    return [code, *(d.get("successors") or [])]


def usual_targets(
    q: PathwayQuery,
    starts: list[str],
    legs: Mapping[str, list[tuple[str, Row]]],
    diplomas: Mapping[str, Row],
    goal_codes: set[str] | frozenset[str] | None,
) -> list[tuple[str, Row, Row]]:
    """(start code, target diploma, leg) of the documented national continuations of the start
    that bear on the question: the target meets the goal, or lies below a goal level (the
    usual next step on the way). Targets the BCN closed are left out (their successors are
    the steps)."""
    out: list[tuple[str, Row, Row]] = []
    seen: set[str] = set()
    for code in starts:
        for target, leg in legs.get(code, []):
            d = diplomas.get(target)
            if (
                d is None
                or d.get("closed")
                or target in seen
                or leg.get("passerelle_origin") != "documented"
                or (leg.get("scope") or "national") != "national"
            ):
                continue
            below_goal = q.to_level is not None and (d.get("level") or 0) < q.to_level
            if is_goal(d, q, goal_codes) or below_goal:
                seen.add(target)
                out.append((code, d, leg))
    return out


def started_by_common_year(target: Row, offered_here: list[Row]) -> bool:
    """Whether a usual continuation is an option of a programme whose common first year is
    offered in the territory (``offered_here``: the usual continuations offered there): the
    BTS MHR options A, B, C follow its « 1re année commune », which the files list alone
    (Parcoursup names first years). Such an option is not « proposée dans aucun
    établissement »: the learner starts it there.

    >>> common = {"code": "1", "name": "MHR BTS 1ERE ANNEE COMMUNE", "type": "bts", "level": 5}
    >>> option = {"code": "2", "name": "MHR OPTION A (BTS)", "type": "bts", "level": 5}
    >>> started_by_common_year(option, [common]), started_by_common_year(option, [])
    (True, False)
    """
    return any(continues_programme(c, target) for c in offered_here if c is not target)


def missing_sentence(
    target: Row,
    territory: Territory,
    nearest: Choice | None,
    origin_label: str | None,
    modality: str | None = None,
) -> str:
    """The notice for a usual continuation the territory does not offer (in the requested
    modality, « en apprentissage », when one is asked), with the nearest establishment that
    does (``nearest``: chosen among every offer, from ``origin_label`` — « du domicile », « du
    centre du territoire » — or None when no place is known)."""
    how = f" {modality}" if modality else ""
    head = (
        f"La suite habituelle, {display_name(target)}, n'est proposée{how} dans aucun "
        f"établissement {territory.describe_of()} dans les données importées"
    )
    if nearest is None:
        return head + " ; les données importées ne la montrent nulle part ailleurs non plus."
    best = nearest.ranked[0]
    if nearest.dist is not None and origin_label:
        km = fmt_km(nearest.dist, best.offer.get("coords_precision"))
        return f"{head} ; elle l'est à {km} {origin_label} : {place(best)}."
    return f"{head} ; elle l'est notamment {at_place(best)}, à une distance inconnue."


def others_missing_sentence(
    offered: list[Row],
    missing: list[tuple[Row, Choice | None]],
    territory: Territory,
    origin_label: str | None,
    modality: str | None = None,
) -> str:
    """The notice for the usual continuations the territory does not offer (``missing``: each
    with the nearest establishment that does, chosen as for :func:`missing_sentence`) when the
    same source names others with them that it does offer (``offered``): the CAP maçon's page
    names three Bac pros; the Ille-et-Vilaine offers the Bac pro technicien du bâtiment
    (organisation et réalisation du gros œuvre), which the answer ranks, and neither the Bac
    pro interventions sur le patrimoine bâti option A maçonnerie nor the Bac pro travaux
    publics, which it said nothing of. One sentence: the offered ones named first, so that it
    never reads as « nothing usual here ».

    >>> from graph.territory import Territory
    >>> t = Territory(departements=["35"])
    >>> print(others_missing_sentence([{"name": "TBORGO (BAC PRO)", "type": "bac_pro"}],
    ...     [({"name": "TRAVAUX PUBLICS (BAC PRO)", "type": "bac_pro"}, None)], t, None))
    Parmi les suites habituelles citées ensemble par la même source, Tborgo (Bac pro) est proposé dans le département d'Ille-et-Vilaine (35) (parcours ci-dessous), mais Travaux publics (Bac pro) n'y est proposé dans aucun établissement dans les données importées, ni nulle part ailleurs.
    """  # noqa: E501
    how = f" {modality}" if modality else ""
    here = _and([display_name(t) for t in offered])
    one = len(offered) == 1
    parts = []
    for target, nearest in missing:
        name = display_name(target)
        if nearest is None:
            parts.append(f"{name} (nulle part ailleurs non plus)")
            continue
        best = nearest.ranked[0]
        if nearest.dist is not None and origin_label:
            km = fmt_km(nearest.dist, best.offer.get("coords_precision"))
            parts.append(f"{name} (le plus proche à {km} {origin_label} : {place(best)})")
        else:
            parts.append(f"{name} (notamment {at_place(best)}, à une distance inconnue)")
    if len(missing) == 1 and missing[0][1] is None:
        gone = f"{display_name(missing[0][0])} n'y est proposé{how} dans aucun établissement"
        tail = " dans les données importées, ni nulle part ailleurs."
    else:
        many = len(missing) > 1
        gone = (
            f"{_and(parts)} n'y {'sont proposés' if many else 'est proposé'}{how} dans aucun "
            "établissement"
        )
        tail = " dans les données importées."
    return (
        "Parmi les suites habituelles citées ensemble par la même source, "
        f"{here} {'est proposé' if one else 'sont proposés'}{how} {territory.describe_in()} "
        f"(parcours ci-dessous), mais {gone}{tail}"
    )


def _and(names: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def with_usual(
    ranked: list[Scored], usual: list[Scored], limit: int
) -> tuple[list[Scored], list[Scored]]:
    """(every pathway, the ones shown): the usual continuations offered outside the territory
    join the ranking by their score (the same terms as every pathway: outside, distance) and
    are always among those shown, even past ``limit``."""
    known = {s.key for s in ranked}
    added = [s for s in usual if s.key not in known]
    merged = rank([*ranked, *added])
    shown = merged[:limit]
    missing = [s for s in added if all(s is not t for t in shown)]
    if missing:
        keep = {id(s) for s in [*shown[: max(limit - len(missing), 0)], *missing]}
        shown = [s for s in merged if id(s) in keep]
    return merged, shown
