"""NOT WIRED INTO ANSWERS YET: computed from the territory's coverage rows (one read per
territory and graph version), it made pathway searches 10x slower at p95 on the national
files (bench/pathways.py: HTTP p95 9.8 -> 143 ms, after an edit 32 -> 268 ms); it needs the
territory's goal diplomas from the pathway cache's offers in memory first (docs/performance.md).

The diplomas of the goal that the territory offers and that no known passerelle reaches from
the start: said when pathways were found, so that a partial answer says it is partial. Pure
functions over plain data; :mod:`graph.pathways.find` gathers it.

Bac pro MELEC → BTS in Loire-Atlantique: « 4 parcours trouvés » and nothing else, while the BTS
files show the BTS CRSA and the BTS maintenance des systèmes option B offered in the 44, which
no passerelle of the data leads to from that Bac pro. Only a zero-result answer said « des
formations … mais aucune passerelle connue ».

Which ones are named: those of the start's field. Counting every BTS of a département (tourism,
accounting…) after a Bac pro in electricity would be true and useless; so when the start
diploma has an NSF group, only the goal diplomas of its field count (:func:`near_field`): the
same NSF group (« 255 » électricité, électronique), the pluri-technological group of its domain
(the NSF groups ending in 0: « 250 », the BTS maintenance des systèmes) and, for a start in the
production specialities (« 2xx »), the pluri-technological production ones (« 200 », « 201 »: the
BTS CRSA), which train for any of them. A start of a pluri-technological group (« 250 ») counts
its whole domain (« 25x »). From a level (no start diploma, no field), every goal diploma of the
territory that no start of that level reaches counts.

A programme is counted once, and not at all when a pathway reaches it under another code: the
Parcoursup file names programmes of its own (« BTS – Production – Etude et realisation
d'agencement ») that the BCN names too (« BTS étude et réalisation d'agencement »,
:func:`programme_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from graph.diploma_names import display_name
from graph.programme_names import programme_words
from graph.territory import Territory

__all__ = ["goal_offered", "near_field", "programme_of", "unreached_goals_notice"]

Row = dict[str, Any]

EXAMPLES = 3

# the domain Parcoursup writes between the type and the name (« BTS – Services – … »)
_PARCOURSUP_DOMAINS = frozenset({"PRODUCTION", "SERVICES", "AGRICOLE"})


def programme_of(d: Mapping[str, Any]) -> tuple[str, ...]:
    """The programme of a diploma, as the BCN and Parcoursup both name it.

    >>> programme_of({"name": "BTS – Production – Etude et realisation d'agencement"})
    ('ETUDE', 'ET', 'REALISATION', 'D', 'AGENCEMENT')
    >>> programme_of({"name": "BTS étude et réalisation d'agencement"})
    ('ETUDE', 'ET', 'REALISATION', 'D', 'AGENCEMENT')
    """
    words = programme_words(str(d.get("name") or ""))
    while len(words) > 1 and words[0] in _PARCOURSUP_DOMAINS:
        words = words[1:]
    return words or (str(d.get("code") or ""),)


def goal_offered(
    rows: Iterable[Mapping[str, Any]],
    territory: Territory,
    is_goal: Callable[[Row], bool],
    modality: str | None = None,
) -> dict[str, Row]:
    """The goal diplomas with an open or planned offer in the territory (in ``modality`` when
    given), by code: the coverage rows' diplomas (:func:`graph.coverage.read_coverage`), closed
    offers and diplomas the BCN closed left out as :func:`graph.coverage.summarise` does."""
    out: dict[str, Row] = {}
    for r in rows:
        o, a, d = r["offer"], r["actor"], r["diploma"]
        if o.get("status") == "closed" or d.get("closed") or not d.get("code"):
            continue
        if modality is not None and o.get("modality") != modality:
            continue
        if d["code"] in out or not is_goal(dict(d)):
            continue
        if territory.contains(o, campuses=a.get("campuses")):
            out[d["code"]] = dict(d)
    return out


def near_field(nsf: str | None, start_nsf: str | None) -> bool:
    """Whether a goal diploma of NSF group ``nsf`` is in the field of a start of ``start_nsf``
    (the module's rule); any diploma is when the start has no field.

    >>> near_field("250", "255"), near_field("201", "255"), near_field("312", "255")
    (True, True, False)
    >>> near_field("254", "255"), near_field("255", "250"), near_field("255", "312")
    (False, True, False)
    >>> near_field(None, "255"), near_field("312", None)
    (False, True)
    """
    if not start_nsf:
        return True
    if not nsf:
        return False
    if nsf == start_nsf:
        return True
    if nsf[:2] == start_nsf[:2] and "0" in (nsf[2:3], start_nsf[2:3]):
        return True
    return start_nsf[:1] == "2" and nsf[:2] == "20"


def _distance(nsf: str | None, start_nsf: str | None) -> int:
    """The same NSF group first, then the same domain, then the others of the field."""
    if not start_nsf or not nsf or nsf == start_nsf:
        return 0
    return 1 if nsf[:2] == start_nsf[:2] else 2


def unreached_goals_notice(
    offered: Mapping[str, Row],
    reached: Collection[str],
    *,
    reached_rows: Iterable[Mapping[str, Any]] = (),
    start_nsf: str | None,
    goal: str,
    territory_phrase: str,
    from_diploma: bool,
) -> str | None:
    """The notice, or None when every goal diploma of the field offered in the territory is
    reached by a pathway (``reached``: the codes of the pathways' diplomas; ``reached_rows``:
    those diplomas, whose programmes count as reached).

    >>> offered = {
    ...     "1": {"code": "1", "name": "BTS électrotechnique", "nsf": "255"},
    ...     "2": {"code": "2", "name": "BTS CRSA", "nsf": "201"},
    ...     "3": {"code": "3", "name": "BTS MS option B", "nsf": "250"},
    ...     "4": {"code": "4", "name": "BTS tourisme", "nsf": "334"}}
    >>> print(unreached_goals_notice(offered, {"0", "1"}, start_nsf="255", goal="BTS",
    ...     territory_phrase="dans le département 44", from_diploma=True))
    2 autres diplômes de l'objectif (BTS) du même domaine sont proposés dans le département 44 sans passerelle connue depuis ce diplôme : BTS MS option B ; BTS CRSA ; à examiner avec l'établissement.
    >>> unreached_goals_notice(offered, {"1", "2", "3"}, start_nsf="255", goal="BTS",
    ...     territory_phrase="ici", from_diploma=True) is None
    True
    >>> print(unreached_goals_notice(offered, {"1", "2", "3"}, start_nsf=None, goal="BTS",
    ...     territory_phrase="ici", from_diploma=False))
    1 autre diplôme de l'objectif (BTS) est proposé ici sans passerelle connue depuis un diplôme de ce niveau : BTS tourisme ; à examiner avec l'établissement.
    """  # noqa: E501
    left = sorted(
        (d for c, d in offered.items() if c not in reached and near_field(d.get("nsf"), start_nsf)),
        key=lambda d: (_distance(d.get("nsf"), start_nsf), display_name(d), d["code"]),
    )
    programmes = {programme_of(d) for d in reached_rows}
    kept = []
    for d in left:
        p = programme_of(d)
        if p not in programmes:
            programmes.add(p)
            kept.append(d)
    left = kept
    if not left:
        return None
    n = len(left)
    plural = n > 1
    names = " ; ".join(display_name(d) for d in left[:EXAMPLES])
    if n > EXAMPLES:
        names += f" (et {n - EXAMPLES} autre{'s' if n - EXAMPLES > 1 else ''})"
    field = " du même domaine" if start_nsf else ""
    since = "depuis ce diplôme" if from_diploma else "depuis un diplôme de ce niveau"
    return (
        f"{n} autre{'s' if plural else ''} diplôme{'s' if plural else ''} de l'objectif ({goal})"
        f"{field} {'sont proposés' if plural else 'est proposé'} {territory_phrase} sans "
        f"passerelle connue {since} : {names} ; à examiner avec l'établissement."
    )
