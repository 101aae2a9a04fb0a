"""Whether an answer with pathways is partial: the goal diplomas of the start's field that the
territory offers and no pathway found reaches (:mod:`graph.pathways.unreached_goals` holds the
rules), gathered from the pathway cache in memory.

Why from the cache: a first wiring read the territory's coverage rows from the database (one
read per territory and graph version, then every row expanded again per search): national
searches were ten times slower at p95 (docs/performance.md). The cache already holds every
diploma and its usable offers (:class:`graph.pathways.data.PathwayData`, filled by the preload),
so the territory's goal diplomas are found there, once per (territory, goal, modality) and graph
version (:meth:`PathwayData.kept`); a search then only takes away what its pathways reach. A
cache the preload has not filled reads what is missing once (the diploma list, the goal
diplomas' offers), as the search itself does.

Which questions: a goal type, a goal level or a job (the job's diplomas above the start's
level), in a territory, when pathways were found there. Not a goal diploma named by its code
(the answer is about that one), not without a territory (« proposé sur tout le territoire » says
nothing a counsellor can check), not when no pathway was found (the answer's reason already
says what the territory holds).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, NamedTuple

from graph.diploma_names import display_name
from graph.nsf import nsf_name
from graph.pathways.answer import UnreachedGoals
from graph.pathways.data import PathwayData, Row
from graph.pathways.explanation import goal_label, job_label
from graph.pathways.neighbour_goals import (
    Nearest,
    departements_only,
    is_neighbour,
    nearest,
    neighbour_sentence,
    ranked,
)
from graph.pathways.query import PathwayQuery
from graph.pathways.unreached_goals import (
    asked_field,
    examples,
    goal_offered,
    programme_fields,
    unknown_field,
    unreached_goals,
    unreached_goals_sentence,
    with_programme_field,
)
from graph.store import GraphStore

__all__ = ["beyond", "neighbour_notice", "partial_answer", "reach", "with_neighbours"]


def _start_row(store: GraphStore, data: PathwayData, q: PathwayQuery) -> Row | None:
    """The start diploma, when the learner named one (not a level)."""
    if q.by_level or len(q.start_codes) != 1:
        return None
    return data.diplomas(store, q.start_codes).get(q.start_codes[0])


def _above(q: PathwayQuery, start: Row | None) -> int | None:
    """The level a job's diploma must pass to be a continuation (the start's), None for
    a goal type or level, which say it themselves."""
    if q.to_type or q.to_level:
        return None
    if q.start_level is not None:
        return q.start_level
    return start.get("level") if start else None


def _job(q: PathwayQuery, goal_codes: Collection[str] | None) -> str | None:
    """The goal job as the sentence names it (« métier ROME H1209 (…) »), when the goal is a
    ROME job alone (a type or level with it: the goal's own words)."""
    if goal_codes is None or q.to_type or q.to_level:
        return None
    label = job_label(q)
    return label if label.startswith("métier ") else None


class _Offered(NamedTuple):
    """The goal diplomas with a current offer in the territory, by code, the names as people
    write them of those a notice has sorted, and those of a field next to a start's, by the
    start's NSF group (kept per territory, goal and graph version: each is worked out once)."""

    diplomas: dict[str, Mapping[str, Any]]
    names: dict[str, str]
    neighbours: dict[str | None, dict[str, Mapping[str, Any]]]

    def name(self, d: Mapping[str, Any]) -> str:
        got = self.names.get(d["code"])
        if got is None:
            got = self.names[d["code"]] = display_name(d)
        return got

    def next_to(self, start_nsf: str | None) -> dict[str, Mapping[str, Any]]:
        """The goal diplomas of a field next to the start's (:func:`is_neighbour`), in the
        order of :attr:`diplomas`: the territory's 200-700 goals tested once per start field,
        not once per answer."""
        got = self.neighbours.get(start_nsf)
        if got is None:
            got = self.neighbours[start_nsf] = {
                c: d for c, d in self.diplomas.items() if is_neighbour(d, start_nsf)
            }
        return got


def _goals(
    kinds: Mapping[str, tuple[Any, int]],
    codes: Iterable[str],
    to_type: str | None,
    to_level: int | None,
    sector: frozenset[str] | None,
    above: int | None,
) -> list[str]:
    """The ``codes`` that meet the goal (:func:`graph.pathways.search.is_goal` with no goal
    code: the notice does not speak of one) above the level ``above`` (None: any), in their
    order; ``kinds``: code -> (type, level, 0 when none) of the diplomas a notice may name
    (:meth:`PathwayData.goal_kinds`); the others are left out. The tests of :func:`is_goal`
    taken out of the loop over a territory's 1 000-2 000 diplomas (a first notice's time,
    docs/performance.md, branches httpp95b and http18).

    >>> kinds = {"1": ("bts", 5), "2": ("bts", 0), "3": ("licence_pro", 6)}
    >>> codes = ["1", "2", "3", "4"]
    >>> _goals(kinds, codes, "bts", None, None, None), _goals(kinds, codes, None, 5, None, None)
    (['1', '2'], ['1', '3'])
    >>> _goals(kinds, codes, None, None, frozenset({"3"}), None)
    ['3']
    >>> _goals(kinds, codes, None, None, None, 5)
    ['3']
    """
    # is_goal: a level below to_level fails (no level counts as 0); the notice: above it only
    low = max(to_level or 0, above + 1 if above is not None else 0)
    return [
        c
        for c in codes
        if (k := kinds.get(c)) is not None
        and (to_type is None or k[0] == to_type)
        and (not low or k[1] >= low)
        and (sector is None or c in sector)
    ]


def _offered(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: Collection[str] | None,
    modality: str | None,
    above: int | None,
) -> _Offered:
    """The goal diplomas with a current offer in the territory (in the modality): looked for
    among the diplomas the cache files under the territory's places."""
    filed, stale = data.where_candidates(store, q.territory)
    sector = frozenset(goal_codes) if goal_codes is not None else None
    # the territory's 1 000-2 000 candidates tested on the kind and level the cache keeps per
    # version for every diploma a notice may name, rather than on their rows (docs/
    # performance.md, http18); those it may not name (closed, a common first year) are not
    # there: goal_offered leaves them out too
    goals = _goals(
        data.goal_kinds(store),
        [*filed, *stale],
        q.to_type.value if q.to_type else None,
        q.to_level,
        sector,
        above,
    )
    known = data.diplomas(store, goals)

    def rows(code: str) -> list[tuple[Row, Row, int | None]]:
        return data.usable_offers(store, (code,))[code]

    places = data.current_places(store, goals)
    # goal_kinds left out the closed diplomas and the common first years
    # the codes filed under cells wholly within a radius: no offer of theirs measured
    within = data.within_radius(store, q.territory)
    found = goal_offered(
        known, places, rows, q.territory, modality, filed=filed, nameable=True, within=within
    )
    return _Offered(found, {}, {})


def _territory_goals(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: Collection[str] | None,
    start: Row | None,
) -> _Offered:
    """:func:`_offered`, kept per (territory, goal, modality) and graph version."""
    mod = q.modality.value if q.modality else None
    above = _above(q, start)
    key = (
        "unreached_goals",
        q.territory.model_dump_json(),
        q.to_type,
        q.to_level,
        q.sector,
        mod,
        above,
    )
    found: _Offered = data.kept(key, lambda: _offered(store, data, q, goal_codes, mod, above))
    return found


def neighbour_notice(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: Collection[str] | None,
    keys: Iterable[tuple[str, ...]],
    *,
    point: Callable[[], tuple[float, float] | None],
    since: Callable[[], str | None],
) -> str | None:
    """The goal diplomas of a field next to the start diploma's that the territory offers
    and no pathway found reaches, the nearest few named
    (:mod:`graph.pathways.neighbour_goals`); None for a question it does not speak of: a
    start level (no field), a goal job (the job is the field) or diploma, no territory.

    ``point`` and ``since``: where the distances are measured from and how the answer says
    it, asked only when a neighbouring goal is named (without a home, the point is the mean
    place of the territory's offers: a read of the territory's coverage, ~3 s of CPU for the
    whole country, that a question it does not speak of never needs)."""
    if q.to or goal_codes is not None or q.by_level or not q.territory.is_set:
        return None
    if not (q.to_type or q.to_level):
        return None
    start = _start_row(store, data, q)
    start_nsf = str(start["nsf"]) if start and start.get("nsf") else None
    field = nsf_name(start_nsf)
    if field is None:
        return None
    offered = _territory_goals(store, data, q, goal_codes, start)
    goals = {k[-1] for k in keys}
    reached = goals | set(q.start_codes)
    near = {c: d for c, d in offered.next_to(start_nsf).items() if c not in reached}
    if near:
        near_after = _beyond(store, data, goals)
        # a known leg from the start itself (a documented one of another field) is a passerelle
        direct = {t for t, _ in data.legs_from(store, q.start_codes).get(q.start_codes[0], [])}
        near = {c: d for c, d in near.items() if c not in near_after and c not in direct}
    if not near:
        return None
    mod = q.modality.value if q.modality else None
    here = point()
    found = [
        (near[c], n)
        for c, n in _nearest_of(store, data, q, near, mod, here, start_nsf).items()
        if n is not None
    ]
    return neighbour_sentence(
        ranked(found),
        goal=goal_label(q),
        field=field,
        territory_phrase=q.territory.describe_in(),
        since=since() if found else None,
    )


def _nearest_of(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    near: Mapping[str, Mapping[str, Any]],
    modality: str | None,
    here: tuple[float, float] | None,
    start_nsf: str | None,
) -> dict[str, Nearest | None]:
    """:func:`nearest` of each goal diploma of ``near``, in its order, kept per territory,
    modality, origin and start field for the graph version
    (:meth:`PathwayData.notice_memo`): none of them depends on the start diploma's pathways,
    which only choose the diplomas looked up (questions of the same territory from other
    starts of the field or to other goals find the ones they share)."""
    memo = data.notice_memo(
        ("neighbour_nearest", q.territory.model_dump_json(), modality, here, start_nsf)
    )
    got: dict[str, Nearest | None] = memo if memo is not None else {}
    todo = sorted(c for c in near if c not in got)
    if todo:
        deps = departements_only(q.territory)
        centre, radius = q.territory.near, q.territory.radius_km
        # in départements, only their offers (nearest keeps the least key: any order gives it);
        # in a radius, only those of its band of latitude, in their order (1° of latitude is
        # 111.3 km on the sphere of haversine_km: 111 leaves a margin)
        if deps is not None:
            rows = data.usable_offers_in(store, todo, deps)
        elif centre is not None and radius:
            rows = data.usable_offers_near(store, todo, centre.lat, radius / 111.0)
        else:
            rows = data.usable_offers(store, todo)
        for c in todo:
            got[c] = nearest(near[c], rows[c], q.territory, modality, here, start_nsf)
    return {c: got[c] for c in near}


# goal sets whose goals reached beyond (:func:`_beyond`) are kept per graph version: the two
# notices of one answer share it (a set of up to a few thousand codes: a few kept)
BEYOND_KEPT = 8


def _beyond(store: GraphStore, data: PathwayData, goals: set[str]) -> frozenset[str]:
    """The codes a chain of at most :data:`BEYOND_LEGS` known legs leads to from the goals
    the pathways reached (:func:`beyond` of every code, those goals left out), for the
    partial-answer notice and the neighbour notice of one answer (each walked them: ~0.1-1 ms
    of a first answer at national size), kept for the ``BEYOND_KEPT`` last goal sets."""
    memo = data.notice_memo(("beyond",))
    key = frozenset(goals)
    got: frozenset[str] | None = memo.get(key) if memo is not None else None
    if got is None:
        got = frozenset(reach(lambda codes: data.legs_from(store, codes), goals))
        if memo is not None:
            while len(memo) >= BEYOND_KEPT:
                memo.pop(next(iter(memo)))
            memo[key] = got
    return got


BEYOND_LEGS = 3  # legs followed past a reached goal (Bac pro → BTS → licence pro)


def reach(
    legs_of: Callable[[list[str]], Mapping[str, Iterable[tuple[str, Any]]]],
    reached_goals: Iterable[str],
) -> set[str]:
    """The codes a chain of at most :data:`BEYOND_LEGS` known legs leads to from a goal the
    pathways reached, those goals left out (``legs_of``: code -> [(target, leg)], as
    :meth:`PathwayData.legs_from`): :func:`beyond` of every code.

    >>> legs = {"cap": [("bac", {})], "bac": [("bts", {})], "bts": [("lp", {})], "lp": [("m", {})]}
    >>> sorted(reach(lambda cs: {c: legs.get(c, []) for c in cs}, ["bac"]))
    ['bts', 'lp', 'm']
    """
    seen = set(reached_goals)
    frontier = list(seen)
    found: set[str] = set()
    for _ in range(BEYOND_LEGS):
        if not frontier:
            break
        step: list[str] = []
        for legs in legs_of(frontier).values():
            for target, _leg in legs:
                if target not in seen:
                    seen.add(target)
                    step.append(target)
                    found.add(target)
        frontier = step
    return found


def beyond(
    legs_of: Callable[[list[str]], Mapping[str, Iterable[tuple[str, Any]]]],
    reached_goals: Iterable[str],
    wanted: Collection[str],
) -> set[str]:
    """The codes of ``wanted`` a chain of at most :data:`BEYOND_LEGS` known legs leads to from
    a goal the pathways reached (``legs_of``: code -> [(target, leg)], as
    :meth:`PathwayData.legs_from`): :func:`reach` kept to ``wanted``.

    >>> legs = {"cap": [("bac", {})], "bac": [("bts", {})], "bts": [("lp", {})], "lp": [("m", {})]}
    >>> sorted(beyond(lambda cs: {c: legs.get(c, []) for c in cs}, ["bac"], {"bts", "lp", "x"}))
    ['bts', 'lp']
    >>> sorted(beyond(lambda cs: {c: legs.get(c, []) for c in cs}, ["cap"], {"m", "bts"}))
    ['bts']
    """
    return reach(legs_of, reached_goals) & set(wanted)


def partial_answer(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: Collection[str] | None,
    keys: Iterable[tuple[str, ...]],
) -> UnreachedGoals | None:
    """The partial-answer notice of a search whose pathways (``keys``: their diploma codes,
    the start's first) were found in the territory; None when every goal diploma of the field
    offered there is reached, or for a question it does not speak of (module docstring)."""
    if q.to or not q.territory.is_set:
        return None
    start = _start_row(store, data, q)
    offered = _territory_goals(store, data, q, goal_codes, start)
    # a pathway ends at its first goal diploma (graph.pathways.search): the goals it reaches
    goals = {k[-1] for k in keys}
    reached = goals | set(q.start_codes)
    missing = {c: d for c, d in offered.diplomas.items() if c not in reached}
    if missing:
        # a pathway stops at its first goal: a goal a known passerelle leads to from a goal it
        # reached is reached beyond it (CAP électricien → Bac pro MELEC → BTS électrotechnique),
        # never « sans passerelle connue »
        after = _beyond(store, data, goals)
        missing = {c: d for c, d in missing.items() if c not in after}
    if not missing:
        return None
    # a job is its own field; from a level, the field asked with it, if any (asked_field)
    nsf = start.get("nsf") if start and goal_codes is None else None
    asked = None
    if q.by_level and goal_codes is None and q.start_sector:
        codes = q.entry_codes if q.entry_codes is not None else q.start_codes
        asked = asked_field(q.start_sector, data.diplomas(store, codes).values())
        nsf = asked
    start_nsf = str(nsf) if nsf else None
    # a programme the Parcoursup file names alone: the field the BCN gives it, looked for
    # among the diplomas of the types concerned only (kept per graph version)
    types = frozenset(d.get("type") for d in missing.values() if unknown_field(d))
    if start_nsf and types:
        fields = data.kept(
            ("programme_fields", types),
            lambda: programme_fields(
                d
                for d in data.diplomas(store, data.all_codes(store)).values()
                if d.get("type") in types
            ),
        )
        missing = {c: with_programme_field(d, fields) for c, d in missing.items()}
    left = unreached_goals(
        missing,
        reached,
        reached_rows=data.diplomas(store, goals).values(),
        start_nsf=start_nsf,
        name_of=offered.name,
    )
    if nsf_name(start_nsf) and q.to_level and not q.to_type and goal_codes is None:
        # a level goal spans every kind of programme: of those whose field the files do not
        # give (a DUETI, a business school's Bac+3, every DEUST) nothing says they are of the
        # start's field, and naming them buries the answer; a type or a job goal says them
        left = [d for d in left if not unknown_field(d)]
    sentence = unreached_goals_sentence(
        left,
        goal=goal_label(q),
        territory_phrase=q.territory.describe_in(),
        field=nsf_name(start_nsf),
        from_diploma=not q.by_level,
        job=_job(q, goal_codes),
        start_nsf=start_nsf,
        asked=asked is not None,
        start_level=q.start_level,
    )
    if sentence is None:
        return None
    # said apart only when the start's field chose them (unreached_goals_sentence)
    unknown = sum(1 for d in left if unknown_field(d)) if nsf_name(start_nsf) else 0
    return UnreachedGoals(
        count=len(left), unknown_field=unknown, examples=examples(left), sentence=sentence
    )


def with_neighbours(unreached: UnreachedGoals | None, sentence: str) -> UnreachedGoals:
    """The partial-answer notice with the mention of a neighbouring field's goal diplomas
    (:func:`neighbour_notice`) after it; the mention alone when every goal of the start's field
    is reached (``count`` 0: none of the field is left).

    >>> with_neighbours(None, "Une formation …").count
    0
    >>> u = UnreachedGoals(count=1, examples=["BTS X"], sentence="1 autre diplôme …")
    >>> with_neighbours(u, "Une formation …").sentence
    '1 autre diplôme … Une formation …'
    """
    if unreached is None:
        return UnreachedGoals(count=0, unknown_field=0, examples=[], sentence=sentence)
    return unreached.model_copy(update={"sentence": f"{unreached.sentence} {sentence}"})
