"""Why a search found no pathway when known passerelles lead from the start to the goal, but
hold in another territory only: « Aucune passerelle connue ne mène … à un diplôme d'ingénieur »
was said from a BTS asked in Bretagne while the Mecanic Vallée documents passerelles from that
BTS to engineering degrees, in the Aveyron and the Lot. Said, with where they hold; never
proposed as a pathway there (a campus's passerelle is a fact of its territory).

A refusal says them in one sentence (:data:`ELSEWHERE_ONLY`), without listing them: the
chains of the Mecanic Vallée (Mines Albi, a CPGE ATS at Figeac) listed to a learner in Metz
answered nothing asked there (tester22). Direct passerelles first
(:func:`elsewhere_sentence`); when there is none, chains of them (:func:`elsewhere_chains`):
from a Bac pro maintenance des systèmes de production connectés in
Loire-Atlantique, the BTS maintenance des systèmes then the engineering degrees of the campus
were not said, though only their last step holds elsewhere. A chain is looked for only for an
empty answer, over the legs the pathway cache holds already, at most ``max_steps`` legs and
``MAX_STATES`` diplomas visited (a chain found is always a real one; beyond the bound, some
may go unsaid).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.diploma_links import link_entries
from graph.diploma_names import display_name
from graph.pathways.query import PathwayQuery
from graph.pathways.scope import foreign_programme
from graph.pathways.search import Source, is_goal, open_legs_from
from graph.store import GraphStore

__all__ = [
    "ELSEWHERE_ONLY",
    "Chain",
    "blocked_here",
    "chains_sentence",
    "elsewhere_chains",
    "elsewhere_note",
    "elsewhere_sentence",
]

# what a refusal says of them: one sentence, never their list (a learner in Metz was given the
# Mecanic Vallée's chains into Mines Albi and a CPGE ATS at Figeac, « pas ailleurs »: names of
# another territory's diplomas that do not answer the question asked here, tester22)
ELSEWHERE_ONLY = (
    "Des passerelles locales mènent de ce diplôme à un diplôme visé ailleurs, pas ici : elles "
    "ne valent que sur le territoire du campus qui les documente."
)

Row = dict[str, Any]
Legs = dict[str, list[tuple[str, Row]]]
EXAMPLES = 3
# how many (diploma, chain holds elsewhere yet) states a chain search visits at most: a BTS's
# four steps reach about 2 000 diplomas on the national files
MAX_STATES = 6_000


def elsewhere_sentence(
    q: PathwayQuery,
    legs: Iterable[Row],
    campus_names: Mapping[str, str],
    goal_codes: Collection[str] | None = None,
) -> str | None:
    """The sentence naming the passerelles from the start to a goal diploma that hold in
    another territory only (``legs``: rows of cypher/pathway_local_legs_from.cypher), or None
    when there are none; ``goal_codes``: the diplomas of a goal job (None: no job asked)."""
    goals = frozenset(goal_codes) if goal_codes is not None else None
    entries = [
        e
        for e in link_entries([dict(r) for r in legs], campus_names)
        if e["where"] and is_goal(e, q, goals)
    ]
    if not entries:
        return None
    named = " ; ".join(f"{display_name(e)} ({e['where'].rstrip('.')})" for e in entries[:EXAMPLES])
    more = f" (et {len(entries) - EXAMPLES} autres)" if len(entries) > EXAMPLES else ""
    n = len(entries)
    lead = "Des passerelles connues mènent" if n > 1 else "Une passerelle connue mène"
    holds = "ne valent" if n > 1 else "ne vaut"
    return (
        f"{lead} directement de ce diplôme à un diplôme visé, mais {holds} que là où "
        f"{'elles sont documentées' if n > 1 else 'elle est documentée'} : {named}{more}. "
        "Hors de ce territoire, à examiner avec l'établissement visé."
    )


@dataclass(frozen=True)
class Chain:
    """A chain of known passerelles from the start to a goal diploma: ``codes``, the start's
    first; ``blocked``: the indexes of its legs (``i``: from ``codes[i]`` to ``codes[i + 1]``)
    that do not hold here; ``legs``: its legs, in order."""

    codes: tuple[str, ...]
    blocked: tuple[int, ...]
    legs: tuple[Row, ...]


def blocked_here(
    leg: Row,
    target: str,
    learner: Collection[str] | None,
    territories: Mapping[str, Collection[str]],
) -> bool:
    """Whether a leg does not hold for the learner (``learner``: the départements where they
    hold the start, :attr:`PathwayQuery.start_departements`): one tied to a campus programme's
    territory elsewhere (:func:`graph.pathways.scope.local_leg_holds`, read at the learner's
    places), or one into a campus programme of another territory
    (:func:`graph.pathways.scope.foreign_programme`).

    >>> t = {"MV-ING": {"012", "046"}}
    >>> blocked_here({"from_departements": ["012"]}, "X", ["044"], t)
    True
    >>> blocked_here({}, "MV-ING", ["044"], t), blocked_here({}, "MV-ING", ["046"], t)
    (True, False)
    >>> blocked_here({}, "32025014", ["044"], t)
    False
    """
    places = set(learner or ())
    for key in ("from_departements", "to_departements"):
        where = leg.get(key)
        if where and not places & set(where):
            return True
    return foreign_programme(target, territories, learner)


def elsewhere_chains(
    starts: Sequence[str],
    legs_of: Callable[[list[str]], Legs],
    rows: Mapping[str, Row],
    goal: Callable[[Row], bool],
    blocked: Callable[[Row, str], bool],
    *,
    max_steps: int,
    max_states: int = MAX_STATES,
) -> list[Chain]:
    """The shortest chains of at most ``max_steps`` legs from ``starts`` to a diploma that
    meets the ``goal``, with at least one leg that does not hold here (``blocked``); one per
    goal diploma, shortest first, then those with fewer legs that do not hold here, then by
    codes. As the search walks (graph/pathways/search.py):
    a level never goes down except on a reorientation leg, a chain ends at its first goal
    diploma and visits no diploma twice. Breadth first over (diploma, a blocked leg taken
    yet) states, at most ``max_states`` of them. ``legs_of``: the legs leaving some codes
    (closed targets replaced), their targets' rows then in ``rows``.

    >>> legs = {"bac": [("bts", {"kind": "continuation"})],
    ...         "bts": [("ing", {"kind": "continuation", "to_departements": ["012"]})]}
    >>> rows = {c: {"code": c, "level": lv} for c, lv in [("bac", 4), ("bts", 5), ("ing", 7)]}
    >>> [c.codes for c in elsewhere_chains(["bac"], lambda cs: {c: legs.get(c, []) for c in cs},
    ...     rows, lambda d: d["level"] == 7, lambda leg, t: bool(leg.get("to_departements")),
    ...     max_steps=4)]
    [('bac', 'bts', 'ing')]
    """
    State = tuple[str, bool]
    parent: dict[State, tuple[State, Row] | None] = {(s, False): None for s in starts}
    # legs that do not hold here on the way to each state: of two ways of the same length, the
    # one with fewer is kept (the chain named is the one closest to holding here)
    marks: dict[State, int] = dict.fromkeys(parent, 0)
    frontier: list[State] = sorted(parent)
    found: dict[str, Chain] = {}
    for hop in range(max_steps):
        depth = hop + 2  # the codes of a chain ending at this hop
        if not frontier or len(parent) >= max_states:
            break
        legs = legs_of(sorted({c for c, _ in frontier}))
        layer: set[State] = set()
        for state in frontier:
            code, off = state
            level = rows[code].get("level") or 0
            for target, leg in legs.get(code, ()):
                there = rows.get(target)
                if there is None:
                    continue
                if leg.get("kind") != "reorientation" and (there.get("level") or 0) < level:
                    continue
                stop = blocked(leg, target)
                reached = (target, off or stop)
                if goal(there):
                    if reached[1] and (target not in found or len(found[target].codes) >= depth):
                        chain = _chain(parent, state, target, leg, blocked)
                        if chain is not None and (
                            target not in found or _order(chain) < _order(found[target])
                        ):
                            found[target] = chain
                    continue
                count = marks[state] + stop
                if reached in parent:
                    if reached in layer and count < marks[reached]:
                        parent[reached], marks[reached] = (state, leg), count
                    continue
                if len(parent) >= max_states:
                    break
                parent[reached], marks[reached] = (state, leg), count
                layer.add(reached)
        frontier = sorted(layer)
    return sorted(found.values(), key=_order)


def _order(c: Chain) -> tuple[int, int, tuple[str, ...]]:
    """Shortest first, then fewer legs that do not hold here, then by codes."""
    return (len(c.codes), len(c.blocked), c.codes)


def _chain(
    parent: Mapping[tuple[str, bool], tuple[tuple[str, bool], Row] | None],
    state: tuple[str, bool],
    target: str,
    leg: Row,
    blocked: Callable[[Row, str], bool],
) -> Chain | None:
    """The chain ending with ``leg`` from ``state`` to ``target``; None when it would visit a
    diploma twice (once before and once after its blocked leg)."""
    codes, legs = [target], [leg]
    here: tuple[str, bool] | None = state
    while here is not None:
        codes.append(here[0])
        step = parent[here]
        if step is not None:
            legs.append(step[1])
        here = step[0] if step is not None else None
    codes.reverse()
    legs.reverse()
    if len(set(codes)) < len(codes):
        return None
    pairs = enumerate(zip(legs, codes[1:], strict=True))
    marks = tuple(i for i, (lg, t) in pairs if blocked(lg, t))
    return Chain(tuple(codes), marks, tuple(legs))


def chains_sentence(
    chains: Sequence[Chain], rows: Mapping[str, Row], where: Callable[[Chain, int], str]
) -> str | None:
    """The sentence naming chains of passerelles that hold elsewhere only (French); None for
    none. ``where(chain, i)``: where the chain's ``i``-th leg holds.

    >>> rows = {"b": {"code": "b", "name": "BTS X"}, "i": {"code": "i", "name": "Ingénieur Y"}}
    >>> print(chains_sentence([Chain(("a", "b", "i"), (1,), ({}, {}))], rows,
    ...     lambda c, i: "Programme du CMQ Z : vaut dans le Lot (46), pas ailleurs."))
    Une chaîne de passerelles connues mène de ce diplôme à un diplôme visé, mais au moins une de ses étapes ne vaut que là où elle est documentée : BTS X puis Ingénieur Y (Programme du CMQ Z : vaut dans le Lot (46), pas ailleurs). Hors de ce territoire, à examiner avec l'établissement visé.
    """  # noqa: E501
    if not chains:
        return None

    def named(c: Chain) -> str:
        steps = []
        for i, code in enumerate(c.codes[1:]):
            step = display_name(rows[code])
            if i in c.blocked:
                step = f"{step} ({where(c, i).rstrip('.')})"
            steps.append(step)
        return " puis ".join(steps)

    n = len(chains)
    more = f" (et {n - EXAMPLES} autre{'s' if n - EXAMPLES > 1 else ''})" if n > EXAMPLES else ""
    lead = (
        "Des chaînes de passerelles connues mènent"
        if n > 1
        else "Une chaîne de passerelles connues mène"
    )
    step = "de leurs étapes" if n > 1 else "de ses étapes"
    return (
        f"{lead} de ce diplôme à un diplôme visé, mais au moins une {step} ne vaut que là "
        f"où elle est documentée : {' ; '.join(named(c) for c in chains[:EXAMPLES])}{more}. "
        "Hors de ce territoire, à examiner avec l'établissement visé."
    )


def elsewhere_note(
    store: GraphStore,
    q: PathwayQuery,
    *,
    source: Source,
    goal_codes: Collection[str] | None,
    territories: Mapping[str, Collection[str]],
    opened: Legs | None = None,
) -> str | None:
    """Why a search from one diploma (not a start by level) found nothing although known
    passerelles lead to the goal elsewhere: the direct ones (:func:`elsewhere_sentence`),
    else the shortest chains (:func:`elsewhere_chains`). ``source``: the search's (its legs
    and diplomas, from the pathway cache); ``territories``: each campus programme's
    départements; ``opened``: the cache's legs with closed targets replaced."""
    if q.start_level is not None or len(q.start_codes) != 1:
        return None
    names: dict[str, str] | None = None

    def campus_names() -> dict[str, str]:
        nonlocal names
        if names is None:
            names = {
                str(c["id"]): str(c.get("short_name") or c.get("name") or c["id"])
                for c in store.read("gaps_campuses")
            }
        return names

    legs = store.read("pathway_local_legs_from", codes=list(q.start_codes))
    if legs and elsewhere_sentence(q, legs, campus_names(), goal_codes):
        return ELSEWHERE_ONLY
    goals = frozenset(goal_codes) if goal_codes is not None else None
    node = source.diplomas(q.start_codes)
    learner = q.start_departements

    def blocked(leg: Row, target: str) -> bool:
        return blocked_here(leg, target, learner, territories)

    chains = elsewhere_chains(
        list(q.start_codes),
        lambda codes: open_legs_from(source, codes, node, opened),
        node,
        lambda d: is_goal(d, q, goals),
        blocked,
        max_steps=q.max_steps,
    )
    return ELSEWHERE_ONLY if chains else None
