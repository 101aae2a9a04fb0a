"""The diplomas of the goal that the territory offers and that no known passerelle reaches from
the start: said when pathways were found, so that a partial answer says it is partial. Pure
functions over plain data; :mod:`graph.pathways.partial` gathers it from the pathway cache's
offers in memory (a first wiring read the territory's coverage rows from the database and made
national searches ten times slower at p95, docs/performance.md).

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
its whole domain (« 25x »). For a job goal, the job is the field: every diploma of the territory
that prepares for it counts. From a level (no start diploma, no field), every goal diploma of the
territory that no start of that level reaches counts.

Offered means an open offer of the diploma in the territory (in the modality asked) that the
latest public files still list (:func:`graph.pathways.hygiene.usable_rows` with no « last
seen » year): never a closed offer, a diploma the BCN closed, or an offer the files stopped
listing. A common first year (« 1re année commune ») is no diploma one obtains: not counted.

A programme is counted once, and not at all when a pathway reaches it under another code: the
Parcoursup file names programmes of its own (« BTS – Production – Etude et realisation
d'agencement ») that the BCN names too (« BTS étude et réalisation d'agencement »,
:func:`programme_of`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from graph.diploma_names import display_name, is_common_year
from graph.programme_names import programme_words
from graph.territory import Territory

__all__ = [
    "examples",
    "goal_offered",
    "near_field",
    "programme_of",
    "unreached_goals",
    "unreached_goals_sentence",
]

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
    diplomas: Mapping[str, Mapping[str, Any]],
    usable: Mapping[str, Iterable[tuple[Mapping[str, Any], Mapping[str, Any], int | None]]],
    territory: Territory,
    modality: str | None = None,
) -> dict[str, Row]:
    """The diplomas among ``usable`` (code -> its (actor, offer, last seen) rows, as the
    pathway cache keeps them: :meth:`graph.pathways.data.PathwayData.usable_offers`) with an
    offer in the territory (in ``modality`` when given) that the latest files still list (no
    « last seen » year), by code; closed diplomas and common first years left out.

    >>> d = {"1": {"code": "1", "name": "BTS CRSA"}, "2": {"code": "2", "name": "BTS X"},
    ...      "3": {"code": "3", "name": "BTS Y", "closed": True}}
    >>> here, there = {"departement": "44", "status": "open"}, {"departement": "85"}
    >>> usable = {"1": [({}, here, None)], "2": [({}, there, None), ({}, here, 2021)],
    ...           "3": [({}, here, None)]}
    >>> sorted(goal_offered(d, usable, Territory(departements=["44"])))
    ['1']
    """
    out: dict[str, Row] = {}
    contains = territory.contains
    for code, rows in usable.items():
        d = diplomas.get(code)
        if d is None or d.get("closed") or is_common_year(d):
            continue
        for a, o, last_seen in rows:
            if last_seen is not None or o.get("status") == "closed":
                continue
            if modality is not None and o.get("modality") != modality:
                continue
            if contains(o, campuses=a.get("campuses")):
                out[code] = dict(d)
                break
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


def unreached_goals(
    offered: Mapping[str, Row],
    reached: Collection[str],
    *,
    reached_rows: Iterable[Mapping[str, Any]] = (),
    start_nsf: str | None,
) -> list[Row]:
    """The goal diplomas offered in the territory (``offered``, :func:`goal_offered`) that no
    pathway reaches (``reached``: the codes of the pathways' diplomas; ``reached_rows``: those
    diplomas, whose programmes count as reached), of the start's field (:func:`near_field`;
    any when ``start_nsf`` is None), one per programme: the nearest field first, then by
    name.

    >>> offered = {
    ...     "1": {"code": "1", "name": "BTS électrotechnique", "nsf": "255"},
    ...     "2": {"code": "2", "name": "BTS CRSA", "nsf": "201"},
    ...     "3": {"code": "3", "name": "BTS MS option B", "nsf": "250"},
    ...     "4": {"code": "4", "name": "BTS tourisme", "nsf": "334"}}
    >>> [d["name"] for d in unreached_goals(offered, {"0", "1"}, start_nsf="255")]
    ['BTS MS option B', 'BTS CRSA']
    >>> unreached_goals(offered, {"1", "2", "3"}, start_nsf="255")
    []
    >>> [d["name"] for d in unreached_goals(offered, {"1", "2", "3"}, start_nsf=None)]
    ['BTS tourisme']
    """
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
    return kept


def unreached_goals_sentence(
    left: Sequence[Mapping[str, Any]],
    *,
    goal: str,
    territory_phrase: str,
    field: str | None,
    from_diploma: bool,
    job: str | None = None,
) -> str | None:
    """The notice in French, or None when nothing is left (``left``: :func:`unreached_goals`;
    ``field``: the start's NSF group as people name it, when its field chose them; ``job``:
    the goal job as people read it, « métier ROME H1209 (…) », when the goal is a job alone).

    >>> left = [{"code": "3", "name": "BTS MS option B"}, {"code": "2", "name": "BTS CRSA"}]
    >>> print(unreached_goals_sentence(left, goal="BTS", field="Électricité, électronique",
    ...     territory_phrase="dans le département 44", from_diploma=True))
    2 autres diplômes de l'objectif (BTS), du même domaine que le diplôme de départ (Électricité, électronique), sont proposés dans le département 44 sans passerelle connue depuis ce diplôme : BTS MS option B ; BTS CRSA. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1], goal="BTS", field=None,
    ...     territory_phrase="ici", from_diploma=False))
    1 autre diplôme de l'objectif (BTS) est proposé ici sans passerelle connue depuis un diplôme de ce niveau : BTS MS option B. À vérifier auprès des établissements.
    >>> print(unreached_goals_sentence(left[:1], goal="métier ROME H1209 (Technicien)", field=None,
    ...     territory_phrase="ici", from_diploma=True, job="métier ROME H1209 (Technicien)"))
    1 autre diplôme qui prépare au métier ROME H1209 (Technicien) est proposé ici sans passerelle connue depuis ce diplôme : BTS MS option B. À vérifier auprès des établissements.
    >>> unreached_goals_sentence([], goal="BTS", field=None, territory_phrase="ici",
    ...     from_diploma=True) is None
    True
    """  # noqa: E501
    if not left:
        return None
    n = len(left)
    plural = n > 1
    names = " ; ".join(examples(left))
    if n > EXAMPLES:
        names += f" (et {n - EXAMPLES} autre{'s' if n - EXAMPLES > 1 else ''})"
    of_field = f", du même domaine que le diplôme de départ ({field})," if field else ""
    since = "depuis ce diplôme" if from_diploma else "depuis un diplôme de ce niveau"
    what = (
        f"qui {'préparent' if plural else 'prépare'} au {job}" if job else f"de l'objectif ({goal})"
    )
    return (
        f"{n} autre{'s' if plural else ''} diplôme{'s' if plural else ''} {what}"
        f"{of_field} {'sont proposés' if plural else 'est proposé'} {territory_phrase} sans "
        f"passerelle connue {since} : {names}. À vérifier auprès des établissements."
    )


def examples(left: Sequence[Mapping[str, Any]]) -> list[str]:
    """The names the notice gives (the first ``EXAMPLES``), as people write them."""
    return [display_name(d) for d in left[:EXAMPLES]]
