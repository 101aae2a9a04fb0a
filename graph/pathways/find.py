"""The way of a pathway request: read (data), search, score, explain, shape the answer.

The only module of the package that holds a store during a search: it binds the per-version
cache (:mod:`graph.pathways.data`) to the store as the search's :class:`~graph.pathways.search.
Source`, then runs the pure steps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from graph import communes
from graph.campus_scope import campuses_of_territory, foreign_basis
from graph.communes import Prefecture
from graph.coverage import (
    CoverageRow,
    goal_absent_sentence,
    goal_thin_sentence,
    other_modality_sentence,
    summarise,
)
from graph.departements import de_place, departement_number
from graph.diploma_names import display_name, is_agricultural_seconde, seconde_start_note
from graph.gc_pause import gc_paused
from graph.geo import haversine_km
from graph.labels import TYPE_FR
from graph.nsf import GENERIC_GROUPS
from graph.pathways.after_3e import ENTRY_LEG
from graph.pathways.after_3e import LEVEL as AFTER_3E_LEVEL
from graph.pathways.after_3e import START_CODE as AFTER_3E_CODE
from graph.pathways.after_3e import START_NOTICE as AFTER_3E_NOTICE
from graph.pathways.after_3e import start_row as after_3e_start
from graph.pathways.agricultural import agricultural_kind, agricultural_notice
from graph.pathways.answer import PathwayAnswer, offer_keys, pathway_out
from graph.pathways.bac_starts import (
    any_enters_track,
    entering_tracks,
    general_bac_reason,
    level_start_notice,
    said_once,
    track_starts,
)
from graph.pathways.closed_start import replaced_notice, successor_sentence
from graph.pathways.closing import (
    closing_parts,
    entry_barred,
    next_rentree,
    open_entries_notice,
)
from graph.pathways.data import PathwayData, kept_entries, pathway_data
from graph.pathways.elsewhere import elsewhere_note
from graph.pathways.entry_words import entry_part, same_seats, same_seats_part
from graph.pathways.explanation import (
    MODALITY_FR,
    OUTSIDE_MAX_KM,
    explain,
    goal_elsewhere_sentence,
    goal_label,
    job_label,
    place,
    too_far_sentence,
    why_none,
)
from graph.pathways.far_home import far_home_notice, home_gap_km, territory_departements
from graph.pathways.goal_here import goal_here_sentence
from graph.pathways.goal_met import goal_met_sentence
from graph.pathways.greta import greta_notice, nearest_gretas
from graph.pathways.history import OfferKey, YearFigures
from graph.pathways.in_person import in_person_first, in_person_notice
from graph.pathways.job import (
    HELD,
    already_trains_notice,
    job_diplomas,
    job_unreached_sentence,
    job_within_start_sentence,
    to_goal,
)
from graph.pathways.job_field import (
    goal_offered_here,
    job_field_sentence,
    job_groups,
    same_field_programmes,
)
from graph.pathways.job_link import own_first_notice, weak_links
from graph.pathways.job_scope import JobGoal, job_goal, no_public_link_reason, scope_notice
from graph.pathways.named_job import domain_of, named_neighbours, named_notice, named_reason
from graph.pathways.nearest import NearIndex
from graph.pathways.nearest_unplaced import departements_in, nearest_offers, on_side
from graph.pathways.neighbour_goals import departements_only
from graph.pathways.no_places import no_place_steps, with_no_places
from graph.pathways.own_system import own_system_notice
from graph.pathways.partial import neighbour_notice, partial_answer, with_neighbours
from graph.pathways.pruning import best_of
from graph.pathways.query import PathwayQuery
from graph.pathways.radius_unplaced import (
    home_unplaced,
    home_unplaced_notice,
    radius_unplaced,
    radius_unplaced_notice,
)
from graph.pathways.regulated import (
    RegulatedGoal,
    nearest_sentence,
    presumed_only,
    presumed_sentence,
    regulated_goal,
    regulated_notice,
    regulations,
)
from graph.pathways.related_job import related_job_sentence, start_jobs
from graph.pathways.request import kept_rome_jobs
from graph.pathways.reserved_track import is_reserved_track, ordinary_first_notice
from graph.pathways.scope import foreign_programme
from graph.pathways.scoring import (
    Candidate,
    Candidates,
    Choice,
    LatLon,
    Offer,
    Scored,
    Scorer,
    Step,
    rank,
)
from graph.pathways.search import any_usable_inside, candidates, flag_usable, is_goal
from graph.pathways.start_words import from_start
from graph.pathways.trade_fit import fit_first, fit_first_notice, fit_moves
from graph.pathways.undescribed import files_silent_sentence, is_undescribed, undescribed_notice
from graph.pathways.unoffered_goals import (
    job_unoffered,
    job_unoffered_notice,
    nowhere_offered,
    same_trade,
    unknowable_goal,
    unoffered_notice,
    upper_levels_notice,
)
from graph.pathways.unplaced import unplaced_notice
from graph.pathways.unreached_goals import unknown_goal_note
from graph.pathways.usual import (
    missing_sentence,
    others_missing_sentence,
    started_by_common_year,
    usual_starts,
    usual_targets,
    with_usual,
)
from graph.pathways.variety import formation_key, later_options_notice, varied
from graph.store import GraphStore
from graph.territory import Point, Territory
from graph.thin_coverage import THIN_COVERAGE, is_thin, thin_sentence

__all__ = ["find_pathways", "goal_of_job"]

Row = dict[str, Any]


class _FirstSteps(MutableMapping[str, list[tuple[str, Row]]]):
    """The version's opened legs (:attr:`PathwayData.open_legs`, shared by every search) as a
    search from the end of 3e in a field reads them: the legs from the end of 3e to the
    programmes of that field only (``PathwayQuery.entry_codes``, after closed targets were
    replaced by their successors); every leg is opened and kept for all as before."""

    def __init__(self, opened: dict[str, list[tuple[str, Row]]], wanted: set[str]) -> None:
        self.opened = opened
        self.wanted = wanted

    def __getitem__(self, code: str) -> list[tuple[str, Row]]:
        legs = self.opened[code]
        if code != AFTER_3E_CODE:
            return legs
        return [(t, leg) for t, leg in legs if t in self.wanted]

    def __setitem__(self, code: str, legs: list[tuple[str, Row]]) -> None:
        self.opened[code] = legs

    def __delitem__(self, code: str) -> None:
        del self.opened[code]

    def __contains__(self, code: object) -> bool:
        return code in self.opened

    def __iter__(self) -> Iterator[str]:
        return iter(self.opened)

    def __len__(self) -> int:
        return len(self.opened)


def _opened(q: PathwayQuery, data: PathwayData) -> MutableMapping[str, list[tuple[str, Row]]]:
    """The opened legs a search reads (:class:`_FirstSteps` from the end of 3e in a field)."""
    if q.entry_codes is None:
        return data.open_legs
    return _FirstSteps(data.open_legs, set(q.entry_codes))


class _StoreSource:
    """The search's Source for one request: the cache's rows, offers flagged for the request's
    territory and modality (kept for the request). A diploma of a kind whose offers the data
    never describes in the requested modality is not filtered on it (:meth:`unchecked`)."""

    def __init__(self, data: PathwayData, store: GraphStore, q: PathwayQuery) -> None:
        self.data = data
        self.store = store
        self.q = q
        self.mod = q.modality.value if q.modality else None
        self._offers: dict[str, list[Offer]] = {}
        self._unchecked: dict[str, bool] = {}
        self._where: tuple[str, str | None] | None = None

    def diplomas(self, codes: Iterable[str]) -> dict[str, Row]:
        codes = list(codes)
        if AFTER_3E_CODE not in codes:
            return self.data.diplomas(self.store, codes)
        found = self.data.diplomas(self.store, [c for c in codes if c != AFTER_3E_CODE])
        return {**found, AFTER_3E_CODE: after_3e_start()}

    def legs_from(self, codes: Iterable[str]) -> dict[str, list[tuple[str, Row]]]:
        """The legs of the graph; from the end of 3e, one to each programme entered after 3e
        (graph/pathways/after_3e.py, kept for the graph's version)."""
        codes = list(codes)
        if AFTER_3E_CODE not in codes:
            return self.data.legs_from(self.store, codes)
        found = self.data.legs_from(self.store, [c for c in codes if c != AFTER_3E_CODE])
        entries = kept_entries(self.store, self.data)
        return {**found, AFTER_3E_CODE: [(c, ENTRY_LEG) for c in entries]}

    def unchecked(self, codes: Iterable[str]) -> set[str]:
        """The codes not filtered on the requested modality: no offer of the data names it
        for a diploma of their type and level (:func:`is_undescribed`)."""
        if self.mod is None:
            return set()
        codes = set(codes)
        missing = [c for c in codes if c not in self._unchecked]
        if missing:
            kinds = self.data.offer_kinds(self.store)
            rows = self.diplomas(missing)
            for c in missing:
                d = rows.get(c)
                self._unchecked[c] = d is not None and is_undescribed(d, self.mod, kinds)
        return {c for c in codes if self._unchecked[c]}

    def offers(self, codes: Iterable[str]) -> dict[str, list[Offer]]:
        """code -> its usable offers flagged in or out of the territory (in the modality). In a
        territory, each code's list is kept for the searches of the same territory and
        modality (:meth:`PathwayData.search_memo`: the lists depend on nothing else, and no
        caller changes them, as the version's lists of a question with no territory): a
        search flags only the codes no earlier one did (a search from a level flags the
        offers of ~300-700 diplomas, ~7 ms of each of its asks at national size)."""
        codes = set(codes)
        missing = [c for c in codes if c not in self._offers]
        if missing and self.mod is None and self.q.territory.is_everywhere:
            # every offer is in the territory: flag_usable's offers, kept for the version
            self._offers.update(self.data.everywhere_offers(self.store, missing))
        elif missing:
            memo = self.data.search_memo(("offers", self.where()))
            if memo is not None:
                kept = [c for c in missing if c in memo]
                for c in kept:
                    self._offers[c] = memo[c]
                if kept:
                    missing = [c for c in missing if c not in self._offers]
            if missing:
                mod, free = self.mod, self.unchecked(missing)
                outside = self.data.outside_offers(self.store, missing)
                for code, rows in self.data.usable_offers(self.store, missing).items():
                    how = None if code in free else mod
                    got = flag_usable(code, rows, self.q.territory, how, outside[code])
                    self._offers[code] = got
                    if memo is not None:
                        memo[code] = got
        return {c: self._offers[c] for c in codes}

    def near(self, codes: Iterable[str]) -> dict[str, NearIndex]:
        """The offers of :meth:`offers` ordered for the steps' choices, when they are the
        lists of a question with no territory nor modality (graph/pathways/nearest.py)."""
        if self.mod is None and self.q.territory.is_everywhere:
            return self.data.near_indexes(self.store, codes)
        return {}

    def where(self) -> tuple[str, str | None]:
        """The request's territory and modality: what its offers' flags depend on besides the
        graph (the key of the memos searches share, :meth:`PathwayData.search_memo`)."""
        if self._where is None:
            self._where = (self.q.territory.model_dump_json(), self.mod)
        return self._where

    def offered_inside(self, codes: Iterable[str]) -> set[str]:
        """The codes :meth:`offers` flags an offer of in the territory. The offers of a code
        not flagged yet are not made: the first one found inside answers (a search from a
        level asks this of the 1 200–1 900 diplomas its hops meet, and scores the offers of
        the few hundred its candidates take). Each code's answer is kept for the searches of
        the same territory and modality (:meth:`PathwayData.search_memo`)."""
        memo = self.data.search_memo(("inside", self.where()))
        if memo is None:
            return self._offered_inside(set(codes))
        found: set[str] = set()
        rest: set[str] = set()
        for c in codes:
            inside = memo.get(c)
            if inside is None:
                rest.add(c)
            elif inside:
                found.add(c)
        if rest:
            got = self._offered_inside(rest)
            for c in rest:
                memo[c] = c in got
            found |= got
        return found

    def _offered_inside(self, codes: set[str]) -> set[str]:
        """:meth:`offered_inside` of ``codes``, none of them kept."""
        deps = self.q.territory.departements
        placed: set[str] = set()
        if deps:  # the others have no offer there: not flagged at all
            free = self.unchecked(codes)
            placed, unknown = self.data.placed_in(self.store, codes - free, deps, self.mod)
            if free:
                more, unsure = self.data.placed_in(self.store, free, deps, None)
                placed |= more
                unknown |= unsure
            codes = placed | unknown
            if departements_only(self.q.territory) is None:
                placed = set()
        # a territory of départements only: an offer of one of them is in it (Territory.
        # contains tests the département alone there), so the codes with one are inside
        # without looking at their offers again (any_usable_inside)
        flagged = {c: self._offers[c] for c in codes if c in self._offers}
        found = {c for c, offers in flagged.items() if any(o.in_territory for o in offers)}
        found |= placed - flagged.keys()
        todo = sorted(codes - flagged.keys() - placed)
        if todo and self.mod is None and _radius_only(self.q.territory):
            # a current offer in a grid cell wholly within the radius is a usable offer in
            # the territory (PathwayData.within_radius): those codes' offers are not looked at
            within = self.data.within_radius(self.store, self.q.territory)
            if within:
                found.update(c for c in todo if c in within)
                todo = [c for c in todo if c not in within]
        if todo and self.mod is None and self.q.territory.is_everywhere:
            flagged = self.offers(todo)  # the lists kept for the version: no flagging
            return found | {c for c in todo if any(o.in_territory for o in flagged[c])}
        if todo:
            mod, free = self.mod, self.unchecked(todo)
            outside = self.data.outside_offers(self.store, todo)
            for code, rows in self.data.usable_offers(self.store, todo).items():
                how = None if code in free else mod
                if any_usable_inside(rows, self.q.territory, how, outside[code]):
                    found.add(code)
        return found


def _radius_only(territory: Territory) -> bool:
    """Whether the territory is a radius alone (:meth:`Territory.contains` then measures the
    distance only)."""
    return bool(
        territory.near
        and territory.radius_km
        and not (territory.departements or territory.region or territory.campus)
    )


_ROME = re.compile(r"^[A-N]\d{4}$")

# where far places are measured from without home nor `near`: the mean place of the
# territory's located offers (_centre), said as what it is
MEAN_CENTRE = "centre du territoire (position moyenne de ses formations)"
RADIUS_CENTRE = "du centre du rayon"

# said when nothing places the territory, so that no pathway outside it can be bounded
NO_ORIGIN_SENTENCE = (
    "Les données ne situent pas ce territoire (aucun établissement placé, aucune commune de "
    "position connue) : aucun parcours hors du territoire n'est proposé, faute de pouvoir "
    "dire à quelle distance il se trouve."
)

# how many more pathways a search from a level ranks than it shows (see _search). 1: ranking
# more fills the answer with more different formations, but costs the search from a level its
# budget (bench/pathways.py, national, quiet: p95 84 ms at 1, 108 ms at 2, 116 ms at 3)
_BY_LEVEL_DEPTH = 1
# how many times a search asks for more pathways when some of its first have steps of 0 places
# (_best_with_places)
_NO_PLACE_ROUNDS = 4


def _search(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: set[str] | None,
    origin: LatLon | None,
    *,
    every: bool = False,
    classify: Callable[[Sequence[Row]], int] | None = None,
) -> tuple[_StoreSource, list[Scored], set[tuple[str, ...]], int]:
    """The search's source, its ranked pathways, the diploma sequences of all of them, and
    how many pathways the answer says of those: a start from a level says a track for
    bacheliers technologiques once, whichever series it is taken from
    (:func:`graph.pathways.bac_starts.said_once`).

    Only the first pathways through ``q.limit`` different formations are scored and ranked
    (:func:`best_of`: the same as ranking them all; enough for :func:`varied` to put the
    ``q.limit`` first different ones first), unless ``every``: then all of them, for a filter
    on the establishments chosen.

    ``classify``: a pathway's class from its diplomas (start first), 0 for most, higher ones
    ranked after the lower whatever their score (:func:`_classifier`); when a pathway ranked
    has a class above 0, the first pathways of each class are ranked in turn, as many as the
    answer can show (:func:`_by_class`), so that the order is that of every pathway, the same
    whatever ``q.limit`` (tester26, Nevers: the limit of 3 showed two pathways that a limit of
    20 ranked 9th and 10th)."""
    source = _StoreSource(data, store, q)
    paths = candidates(
        q,
        source,
        goal_codes,
        restrict=q.restricted,
        opened=_opened(q, data),
        # the legs kept by the hops after the first, shared by the searches of the territory
        # and modality (not from the end of 3e in a field: its opened legs are its own)
        kept_legs=(
            data.search_memo(("kept", source.where()))
            if q.restricted and q.entry_codes is None
            else None
        ),
    )
    paths = _without_foreign(store, data, q, paths)
    steps, starts = _codes_of(paths)
    offers = source.offers(steps)
    codes = sorted(steps | starts)
    scorer_modality = q.modality.value if q.modality else None
    scorer = Scorer(
        offers,
        near=source.near(offers),
        fields=data.fields_of(store, codes),
        home=origin,
        modality=scorer_modality,
        allow_outside=q.allow_outside,
        start_departements=q.start_departements,
        undescribed=source.unchecked(codes),
        step_bounds=data.search_memo(("step_bounds", source.where(), q.allow_outside)),
        choices=data.search_memo(("choices", source.where(), q.allow_outside)),
        # the exact bounds depend on the home and the start's départements too
        bounds=data.search_memo(
            (
                "bounds",
                source.where(),
                q.allow_outside,
                origin,
                tuple(q.start_departements or ()),
            )
        ),
    )
    if every:
        ranked = rank([s for r in paths if (s := scorer.score(r.diplomas, r.legs)) is not None])
        ranked = with_no_places(ranked)
        keys = {s.key for s in ranked}
        return source, ranked, keys, _said(q, keys, _entering_tracks(paths))
    # from a level, several starts lead to the same formation (varied keeps one of each):
    # enough pathways are ranked to fill the answer with different ones
    parents = paths.parents if isinstance(paths, Candidates) else None
    if q.by_level:
        shown, keys = best_of(
            scorer, paths, q.limit * _BY_LEVEL_DEPTH, group=formation_key, parents=parents
        )
        shown = with_no_places(shown)
    else:
        shown, keys = _best_with_places(scorer, paths, q.limit, parents)
    if classify is not None and any(
        classify([s.start, *(st.diploma for st in s.plan)]) for s in shown
    ):
        shown = _by_class(scorer, paths, q, classify, parents)
    return source, shown, keys, _said(q, keys, _entering_tracks(paths))


def _by_class(
    scorer: Scorer,
    paths: list[Candidate],
    q: PathwayQuery,
    classify: Callable[[Sequence[Row]], int],
    parents: Sequence[int] | None,
) -> list[Scored]:
    """The first pathways of each class of ``classify`` in turn, lowest class first, each
    class's in the order of :func:`_search`: through ``q.limit`` different formations in the
    first class, and, when it has fewer, all of its pathways and those of the next class
    through as many different formations as the answer still shows, and so on."""
    classes: dict[int, list[Candidate]] = {}
    for c in paths:
        classes.setdefault(classify(c.diplomas), []).append(c)
    need = q.limit * _BY_LEVEL_DEPTH if q.by_level else q.limit
    out: list[Scored] = []
    for k in sorted(classes):
        if q.by_level:
            got, _ = best_of(scorer, classes[k], need, group=formation_key, parents=parents)
            got = with_no_places(got)
        else:
            got, _ = _best_with_places(scorer, classes[k], need, parents)
        out += got
        if len({formation_key([st.diploma for st in s.plan]) for s in got}) >= need:
            break
        need -= len(got)  # the whole class is shown before the next one
        if need <= 0:
            break
    return out


def _best_with_places(
    scorer: Scorer, paths: list[Candidate], limit: int, parents: Sequence[int] | None
) -> tuple[list[Scored], set[tuple[str, ...]]]:
    """:func:`best_of`'s first pathways through ``limit`` different formations
    (:func:`formation_key`: enough for :func:`varied` to show the first ``limit`` different
    ones first, as if every pathway were ranked) once the steps of 0 places lose their points
    (graph/pathways/no_places.py). A penalty only lowers a score: when the pathways of the
    first ``n`` formations that keep theirs are of ``limit`` formations or more, no pathway
    beyond can pass them; else more are asked (a few rounds)."""
    n = limit
    for _ in range(_NO_PLACE_ROUNDS):
        shown, keys = best_of(scorer, paths, n, group=formation_key, parents=parents)
        penalised = sum(1 for s in shown if no_place_steps(s))
        if not penalised:
            return shown, keys
        kept = {
            formation_key([st.diploma for st in s.plan]) for s in shown if not no_place_steps(s)
        }
        if (
            len(kept) >= limit
            or len({formation_key([st.diploma for st in s.plan]) for s in shown}) < n
        ):
            break
        n = limit + penalised
    return with_no_places(shown), keys


def _codes_of(paths: Sequence[Candidate]) -> tuple[set[str], set[str]]:
    """The codes of the candidates' diplomas after their starts, and of their starts. The
    candidates of one prefix number (:attr:`Candidate.prefix`, the walk's) share their
    diplomas but the last: those are looked at once per run of them (a search from a level
    has 5 000 candidates and a few hundred prefixes). The walk's candidates have them already
    (:attr:`Candidates.codes`)."""
    known: tuple[set[str], set[str]] | None = getattr(paths, "codes", None)
    if known is not None:
        return known
    steps: set[str] = set()
    starts: set[str] = set()
    last = -1
    for diplomas, _, prefix in paths:
        if prefix != last or prefix == -1:
            last = prefix
            starts.add(diplomas[0]["code"])
            steps.update([d["code"] for d in diplomas[1:-1]])
        if len(diplomas) > 1:
            steps.add(diplomas[-1]["code"])
    return steps, starts


def _entering_tracks(paths: Sequence[Candidate]) -> Iterable[tuple[tuple[str, ...], Row, Row]]:
    """:func:`entering_tracks` of the candidates, none looked at when none of the legs the walk
    took first enters a track (:attr:`Candidates.first_legs`: a few hundred legs instead of
    the 5 000 candidates of a search from a level)."""
    first_legs = getattr(paths, "first_legs", None)
    if first_legs is not None and not any_enters_track(first_legs):
        return ()
    return entering_tracks(paths)


def _said(
    q: PathwayQuery,
    keys: set[tuple[str, ...]],
    firsts: Iterable[tuple[tuple[str, ...], Row, Row]],
) -> int:
    """How many pathways of these diploma sequences the answer says (:func:`_search`);
    ``firsts``: (key, start, first leg) of those entering a track for bacheliers
    technologiques."""
    return said_once(keys, firsts) if q.by_level else len(keys)


def _centre(rows: Sequence[Mapping[str, Any]]) -> LatLon | None:
    """The mean place of a territory's offers: where far places are measured from when the
    learner gave no home. Summed exactly (``math.fsum``): the same in any order of the rows
    (the engines give them in different orders; a cache carried over an edit too)."""
    pts = [(r["offer"]["lat"], r["offer"]["lon"]) for r in rows if r["offer"].get("lat")]
    if not pts:
        return None
    return (math.fsum(p[0] for p in pts) / len(pts), math.fsum(p[1] for p in pts) / len(pts))


def _coverage(
    store: GraphStore, data: PathwayData, territory: Territory, modality: str | None = None
) -> tuple[list[CoverageRow], LatLon | None]:
    """What the data holds in the territory (in ``modality`` if given), and the centre of its
    offers (of any modality)."""
    rows = data.coverage_rows(store, territory)
    return summarise(rows, territory, modality=modality), _centre(rows)


class _Origin:
    """Where far places are measured from: home, else the territory's centre (its `near`
    point, else the mean place of its offers, else, for a territory holding no located offer,
    its préfecture), with what the data holds in the territory (kept per graph version)."""

    def __init__(
        self,
        store: GraphStore,
        data: PathwayData,
        territory: Territory,
        home: LatLon | None,
        departements: Sequence[str] | None = None,
    ) -> None:
        self.store = store
        self.data = data
        self.territory = territory
        self.home = home
        self.departements = departements
        self._coverage: dict[str | None, tuple[list[CoverageRow], LatLon | None]] = {}
        self._centre: tuple[LatLon | None] | None = None

    def coverage(self, modality: str | None = None) -> tuple[list[CoverageRow], LatLon | None]:
        """What the data holds in the territory: every offer, or those in ``modality``."""
        if modality not in self._coverage:
            store, data, territory = self.store, self.data, self.territory
            self._coverage[modality] = data.kept(
                ("coverage", territory.model_dump_json(), modality),
                lambda: _coverage(store, data, territory, modality),
            )
        return self._coverage[modality]

    def _prefecture(self) -> Prefecture | None:
        """The préfecture far places are measured from when nothing else places the territory
        (home, `near`, located offers): Ajaccio for Corse-du-Sud, never the capacity of an
        offer across the sea. Only for a territory of départements (a région's, a campus's)."""
        if self.home is not None or self.territory.near is not None or not self.departements:
            return None
        if self.centre() is not None:
            return None
        return _territory_prefecture(self.departements)

    def centre(self) -> LatLon | None:
        """The mean place of the territory's located offers (:func:`_centre`), from the
        preload's points when they say it (graph/pathways/offer_centres.py: no read of the
        territory's coverage for it), else from the coverage."""
        if self._centre is None:
            known = (
                None
                if None in self._coverage
                else self.data.offers_centre(self.store, self.territory)
            )
            self._centre = known if known is not None else (self.coverage()[1],)
        return self._centre[0]

    def point(self) -> LatLon | None:
        if self.home is not None:
            return self.home
        if self.territory.near is not None:
            return (self.territory.near.lat, self.territory.near.lon)
        centre = self.centre()
        if centre is not None:
            return centre
        pref = self._prefecture()
        return (pref.commune.lat, pref.commune.lon) if pref is not None else None  # type: ignore[return-value]

    def label(self) -> str:
        """Where :meth:`point` is, said after « à 52 km »: « du domicile », « d'Évreux (centre
        du territoire) » (the town a radius is drawn around), « du centre du territoire
        (position moyenne de ses formations) » (neither its préfecture nor a geometric centre:
        the mean place of its located offers, :func:`_centre`), « d'Ajaccio (préfecture) »."""
        if self.home is not None:
            return "du domicile"
        near = self.territory.near
        if near is not None:
            return f"{de_place(near.label)} (centre du territoire)" if near.label else RADIUS_CENTRE
        pref = self._prefecture()
        if pref is not None:
            return f"{de_place(pref.commune.name)} (préfecture)"
        return f"du {MEAN_CENTRE}"

    def since(self) -> str:
        """:meth:`label` after « depuis »: where the distances of pathways outside the
        territory start (« depuis le centre du territoire (position moyenne de ses
        formations) »)."""
        if self.home is not None:
            return "depuis le domicile"
        near = self.territory.near
        if near is not None:
            where = f"{near.label} (centre du territoire)" if near.label else "le centre du rayon"
            return f"depuis {where}"
        pref = self._prefecture()
        if pref is not None:
            return f"depuis {pref.commune.name} (préfecture)"
        return f"depuis le {MEAN_CENTRE}"


def _territory_prefecture(departements: Sequence[str]) -> Prefecture | None:
    """The préfecture of a territory's départements: its région's chef-lieu when it is one of
    them, else the first département's; None without the commune reference."""
    try:
        ref = communes.reference()
    except communes.ReferenceMissing:
        return None
    found = ref.prefectures([departement_number(d) for d in departements])
    return found[0] if found else None


def _near_enough(s: Scored, point: LatLon | None) -> bool:
    """Whether every step of a pathway taken outside the territory is within OUTSIDE_MAX_KM of
    where far places are measured from (unknown when the place or the establishment's is)."""
    if point is None:
        return True
    for st in s.plan:
        best = st.choice.ranked[0]
        if best.in_territory:
            continue
        lat, lon = best.offer.get("lat"), best.offer.get("lon")
        if (
            lat is None
            or lon is None
            or haversine_km(point[0], point[1], lat, lon) > OUTSIDE_MAX_KM
        ):
            return False
    return True


def _usual_outside(
    store: GraphStore,
    data: PathwayData,
    source: _StoreSource,
    q: PathwayQuery,
    goal_codes: set[str] | None,
    origin: _Origin,
) -> tuple[list[str], list[Scored]]:
    """The notices for the usual continuations of the start that the territory does not offer
    (:mod:`graph.pathways.usual`), and those continuations as pathways outside the territory,
    scored like any other (when they meet the goal)."""
    starts = usual_starts(q, source.diplomas(q.start_codes))
    if not starts:
        return [], []
    legs = source.legs_from(starts)
    diplomas = source.diplomas({t for c in starts for t, _ in legs.get(c, [])} | set(starts))
    notes: list[str] = []
    paths: list[Scored] = []
    mod = q.modality.value if q.modality else None
    targets = usual_targets(q, starts, legs, diplomas, goal_codes)
    offered = source.offers([t["code"] for _, t, _ in targets])
    here = [t for _, t, _ in targets if any(o.in_territory for o in offered[t["code"]])]
    # a passerelle some target of which is offered here: its usual continuation is (the CAP
    # cuisine's page names two bacs pro; the one the territory offers is the usual step)
    met = {
        leg.get("passerelle_id") for _, t, leg in targets if t in here and leg.get("passerelle_id")
    }
    # the targets of those passerelles the territory does not offer, by passerelle: said in
    # one sentence with the ones it offers (others_missing_sentence)
    silenced: dict[str, list[tuple[Row, Choice | None]]] = {}
    for start, target, leg in targets:
        offers = offered[target["code"]]
        if target in here or started_by_common_year(target, here):
            continue  # offered here (or its common first year is): the ranking decides
        pid = leg.get("passerelle_id")
        point = origin.point()
        scorer = Scorer(
            {target["code"]: offers},
            fields=data.fields_of(store, [start, target["code"]]),
            home=point,
            modality=mod,
            allow_outside=True,
            start_departements=q.start_departements,
            undescribed=source.unchecked([target["code"]]),
        )
        choice = scorer.choice(point, target["code"], leg.get("modality"))
        # not said « en apprentissage » where the data does not describe it (undescribed.py)
        how = f"en {MODALITY_FR[mod]}" if mod and not scorer.undescribed else None
        if pid and pid in met:  # another step the source names with it is offered here: the
            # ranking decides, and one sentence says which of them are not offered
            silenced.setdefault(pid, []).append((target, choice))
            continue
        notes.append(missing_sentence(target, q.territory, choice, origin.label(), how))
        if choice is not None and is_goal(target, q, goal_codes):
            scored = scorer.score([diplomas[start], target], [leg])
            if scored is not None:
                paths.append(scored)
    for pid, missing in silenced.items():
        with_them = [t for _, t, leg in targets if t in here and leg.get("passerelle_id") == pid]
        # the modality only where the data describes it for every one of them
        how = None
        if mod and not source.unchecked([t["code"] for t, _ in missing]):
            how = f"en {MODALITY_FR[mod]}"
        notes.append(others_missing_sentence(with_them, missing, q.territory, origin.label(), how))
    return notes, paths


def _seconde_start(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """What the answer says first when the one start asked is a 2nde professionnelle."""
    if len(q.start_codes) != 1:
        return None
    row = data.diplomas(store, q.start_codes).get(q.start_codes[0])
    if not row:
        return None
    # an agricultural 2de professionnelle: the Bac pros familleMetiers says follow it
    agricultural = is_agricultural_seconde(row)
    famille = store.read("diploma_famille_programmes", code=row["code"]) if agricultural else []
    return seconde_start_note(row, famille)


def _start_nsf(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """The NSF group of the start diploma, when the learner named one (not a level); None for
    a group that heads a whole area (graph/nsf.py GENERIC_GROUPS: the bac général's 100
    « formations générales » is no field, tester26: « aucune du même domaine que le diplôme de
    départ » was said of every BTS after it)."""
    if len(q.start_codes) != 1:
        return None
    row = data.diplomas(store, q.start_codes).get(q.start_codes[0])
    nsf = row.get("nsf") if row else None
    return str(nsf) if nsf and str(nsf) not in GENERIC_GROUPS else None


def _other_modalities(
    absent: str, every: list[CoverageRow], q: PathwayQuery, mod: str, nsf: str | None
) -> str:
    """The goal-absent sentence of a modality, followed by what the territory holds of the
    goal in the other modalities (:func:`graph.coverage.other_modality_sentence`)."""
    to_type = q.to_type.value if q.to_type else None
    if q.to_level and not to_type:  # what the goal-level sentence speaks of
        every = [r for r in every if r.level == q.to_level]
    hits = [
        r
        for r in every
        if (to_type is None or r.type == to_type)
        and (q.to_level is None or (r.level or 0) >= q.to_level)
    ]
    others = sorted({m for r in hits for m in r.modalities if m != mod and m in MODALITY_FR})
    extra = other_modality_sentence(
        every,
        to_type=to_type,
        to_level=q.to_level,
        others=[MODALITY_FR[m] for m in others],
        nsf=nsf,
    )
    return f"{absent} {extra}" if extra else absent


def _without_foreign(
    store: GraphStore, data: PathwayData, q: PathwayQuery, paths: list[Candidate]
) -> list[Candidate]:
    """``paths`` without those going through a campus programme of a territory the learner is
    not in (:func:`_foreign`), whatever the territory asked: with ``allow_outside=1`` a
    learner of Île-de-France was offered « classe préparatoire → Diplôme d'ingénieur mécanique
    (CCI de l'Aveyron, apprentissage) » and the Mecanic Vallée's Mines Albi programme, by the
    national « concours » rule, flagged only « hors du territoire demandé » (the search for
    pathways outside an empty territory already left them out). The candidates keep their
    prefix numbers (:class:`~graph.pathways.scoring.Candidates`)."""
    if q.start_departements is None:
        return paths
    territories = data.programme_territories(store)
    foreign = {c for c in territories if foreign_programme(c, territories, q.start_departements)}
    if not foreign:
        return paths
    kept = [p for p in paths if not any(d["code"] in foreign for d in p.diplomas[1:])]
    if len(kept) == len(paths):
        return paths
    out = Candidates()
    out.extend(kept)
    out.parents = getattr(paths, "parents", [])
    # fewer candidates take fewer first legs: the walk's are still all of theirs
    out.first_legs = getattr(paths, "first_legs", None)
    return out


def _foreign(
    store: GraphStore, data: PathwayData, q: PathwayQuery, steps: Sequence[Mapping[str, Any]]
) -> bool:
    """Whether a pathway goes through a campus programme of a territory the learner is not in
    (:func:`graph.pathways.scope.foreign_programme`): outside the territory asked, it is
    neither proposed nor named (A26: the CCI Aveyron engineers, 597 km from Metz, named as
    the nearest pathway): a fact of one campus never speaks for another territory."""
    territories = data.programme_territories(store)
    return any(foreign_programme(d["code"], territories, q.start_departements) for d in steps)


def _job_unreached(
    store: GraphStore,
    data: PathwayData,
    source: _StoreSource,
    q: PathwayQuery,
    goal_codes: set[str],
    *,
    held: bool = False,
) -> str:
    """No known passerelle reaches the goal job: which diplomas of the data prepare for it,
    and which of them the territory offers (B07, B12: « le métier choisi » was all it said).

    From a level, the diplomas of that level are the starts: when every open diploma of the
    job is of the start's level or below, the answer names them with their level
    (:func:`job_within_start_sentence`), never « aucun diplôme ne prépare » (H2913 from the
    level 4, whose Bac pro and certificat de spécialisation are level 4)."""
    if q.start_level is not None:
        known = data.diplomas(store, sorted(goal_codes))
        open_all = {c: d for c, d in known.items() if not d.get("closed")}
        above = {c for c, d in open_all.items() if (d.get("level") or 0) > q.start_level}
        if open_all and not above:
            within = job_diplomas(
                open_all, source.offers(open_all), data.everywhere_offers(store, open_all)
            )
            return job_within_start_sentence(
                job_label(q), q.start_level, within, q.territory.describe_in()
            )
    codes = sorted(goal_codes - set(q.start_codes))
    known = data.diplomas(store, codes)
    open_codes = {c: d for c, d in known.items() if not d.get("closed")}
    closed = sorted(display_name(d) for d in known.values() if d.get("closed"))
    found = job_diplomas(
        open_codes,
        source.offers(open_codes),
        data.everywhere_offers(store, open_codes),
    )
    return job_unreached_sentence(
        q.start_spoken,
        job_label(q),
        found,
        q.territory.describe_in(),
        q.max_steps,
        closed,
        held=held,
    )


def _job_field(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal_codes: set[str]
) -> str | None:
    """For a ROME job goal that no pathway reaches: where the link job → diploma comes from
    (Certif Info), and the territory's programmes of the field of the job's open diplomas (their
    NSF groups), of the goal's level (else above the start's), that no record ties to the job,
    named to be checked (graph/pathways/job_field.py). None for a campus sector, when no open
    diploma of the data is tied to the job, or when one is offered in the territory (the
    reason says so already)."""
    if not q.sector or not _ROME.match(q.sector):
        return None
    known = data.diplomas(store, sorted(goal_codes))
    groups = job_groups(known.values())  # the group most of them share (job_field.py)
    if not groups:
        return None
    found: list[str] = []
    if q.territory.is_set:
        rows = data.coverage_rows(store, q.territory)
        start_level = q.start_level
        if start_level is None and len(q.start_codes) == 1:
            start_level = data.diplomas(store, q.start_codes).get(q.start_codes[0], {}).get("level")
        min_level = q.to_level or (start_level + 1 if start_level else None)
        if goal_offered_here(rows, q.territory, goal_codes, min_level):
            return None  # the reason names the job's diplomas offered there
        found = same_field_programmes(
            rows,
            q.territory,
            groups=groups,
            goal_codes=goal_codes,
            min_level=min_level,
            modality=q.modality.value if q.modality else None,
        )
    return job_field_sentence(job_label(q), groups, found, q.territory.describe())


def _offered_ever(
    store: GraphStore, data: PathwayData, codes: Iterable[str], territory: Territory
) -> set[str]:
    """The ``codes`` with an offer in ``territory``, of any status and year the files give (a
    closed diploma's holders live where it was offered)."""
    return {
        c
        for c, pairs in data.offers_of(store, codes).items()
        if any(territory.contains(o, campuses=a.get("campuses")) for a, o in pairs)
    }


def _campus_names(store: GraphStore, data: PathwayData) -> dict[str, str]:
    """Each campus's name as answers say it (its short name), by id; kept per version."""
    rows = data.kept("campuses", lambda: store.read("gaps_campuses"))
    return {str(c["id"]): str(c.get("short_name") or c.get("name") or c["id"]) for c in rows}


def goal_of_job(store: GraphStore, data: PathwayData, q: PathwayQuery) -> JobGoal | None:
    """The diplomas of the goal job in the territory asked (:func:`job_goal`): a campus's ties
    only where it speaks, the public links everywhere; None without a goal job."""
    if not q.sector:
        return None
    campuses = data.kept("campuses", lambda: store.read("gaps_campuses"))
    local = campuses_of_territory(campuses, q.territory)
    sectors = data.kept("sectors", lambda: store.read("gaps_sectors"))
    basis = foreign_basis(sectors, q.sector, local, _campus_names(store, data))
    return job_goal(data.sector_links(store, q.sector), local, basis)


def _scope_notice(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal: JobGoal
) -> str | None:
    """:func:`scope_notice` with the names of the diplomas set aside (by level, then name)."""
    if not goal.public_only:
        return None
    rows = data.diplomas(store, sorted(goal.set_aside)).values()
    names = [
        display_name(d) for d in sorted(rows, key=lambda d: (d.get("level") or 0, display_name(d)))
    ]
    return scope_notice(goal, job_label(q), _campus_names(store, data), names)


def _named_goals(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal_codes: set[str]
) -> tuple[set[str], str | None, dict[str, str]]:
    """The diplomas named after the goal job that Certif Info files under a job next to it
    (graph/pathways/named_job.py), the notice saying so, and per diploma why it meets the
    goal; nothing for a goal that is no ROME code."""
    domain = domain_of(q.sector)
    if domain is None:
        return set(), None, {}
    jobs = kept_rome_jobs(store, data)
    job = next((j for j in jobs if q.sector == j.code or q.sector in j.aliases), None)
    if job is None:
        return set(), None, {}
    rows = data.kept(
        ("rome_domain", domain),
        lambda: store.read("diplomas_of_rome_domain", domain=domain),
    )
    near = named_neighbours(job.code, job.names, rows, goal_codes, exclude=q.start_codes)
    if not near:
        return set(), None, {}
    names = {j.code: j.name for j in jobs}
    found = data.diplomas(store, sorted(near))
    reasons = {c: named_reason(found[c], near[c], names) for c in near if c in found}
    said = named_notice([found[c] for c in reasons], near, names, job_label(q))
    return set(reasons), said, reasons


def _regulated(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal_codes: set[str] | None
) -> RegulatedGoal | None:
    """The goal of a job a law reserves to given diplomas (graph/pathways/regulated.py): its
    required diplomas the graph holds open, the others the data links to it; None otherwise."""
    if goal_codes is None or not q.sector:
        return None
    table = regulations()
    reg = table.get(q.sector)
    if reg is None:
        return None
    found = data.diplomas(store, list(reg.diplomas))
    known = {c for c, d in found.items() if not d.get("closed")}
    return regulated_goal(q.sector, goal_codes, known, table)


def _regulated_notice(
    store: GraphStore,
    data: PathwayData,
    source: _StoreSource,
    q: PathwayQuery,
    goal: RegulatedGoal,
    *,
    found: bool,
    origin: _Origin,
) -> str:
    """:func:`regulated_notice` with the diplomas' rows (names, levels) and the start's; for
    each required diploma the territory does not offer, its nearest establishments
    (:func:`nearest_sentence`, from the learner's town, else the territory's centre)."""
    required = list(data.diplomas(store, sorted(goal.required)).values())
    related = [
        d for d in data.diplomas(store, sorted(goal.related)).values() if not d.get("closed")
    ]
    start = None
    if len(q.start_codes) == 1:
        start = data.diplomas(store, q.start_codes).get(q.start_codes[0])
    text = regulated_notice(job_label(q), goal, required, related, start, found=found)
    if not q.territory.is_set or q.territory.is_everywhere:
        return text
    offers = source.offers(goal.required)
    point = origin.point()
    for d in sorted(required, key=display_name):
        got = offers.get(d["code"], [])
        presumed = bool(got) and presumed_only(
            (o.offer.get("status") for o in got),
            carried=any(o.offer.get("common_year") for o in got),
        )
        if not presumed and any(o.in_territory for o in got):
            continue
        unplaced = None
        if point is not None:  # the learner's side of the sea; unplaced ones maybe nearer
            got = on_side(point, got)
            if deps := nearest_offers(point, got).departements:
                unplaced = departements_in(deps)
        places: dict[str, float | None] = {}
        for o in got:
            lat, lon = o.offer.get("lat"), o.offer.get("lon")
            km = (
                haversine_km(point[0], point[1], lat, lon)
                if point is not None and lat is not None and lon is not None
                else None
            )
            where = place(replace(o, in_territory=False))
            if where not in places or (km is not None and (places[where] or math.inf) > km):
                places[where] = km
        if presumed:
            # only old headcounts of the diploma it replaced: no establishment is said to
            # offer it now, here or nearest (tester20: a 2020 lycée at 185 km); the nearest
            # the files saw it in are named as such, with their distance (tester24: Épinal)
            years = [int(y) for o in got if (y := o.offer.get("year"))]
            said = presumed_sentence(
                display_name(d),
                years,
                len({o.actor["id"] for o in offers.get(d["code"], [])}),
                nearest=list(places.items()) if point is not None else (),
                since=origin.label() or "",
                unplaced=unplaced,
            )
            text = f"{text} {said}"
            continue
        said = nearest_sentence(
            display_name(d),
            list(places.items()),
            q.territory.describe_in(),
            origin.label(),
            unplaced,
        )
        text = f"{text} {said}"
    return text


def _start_types(store: GraphStore, data: PathwayData, q: PathwayQuery) -> list[str]:
    """The types of the start diplomas (graph.pathways.bac_starts)."""
    found = data.diplomas(store, q.start_codes)
    return sorted({str(d.get("type")) for d in found.values()})


def find_pathways(
    store: GraphStore, q: PathwayQuery, *, data: PathwayData | None = None
) -> PathwayAnswer:
    """The ranked pathways of a resolved question (:func:`graph.pathways.request.build_query`).

    When the territory does not offer the usual continuation of the start diploma (a
    documented national continuation), the answer says so first and offers it outside the
    territory with its distance, alongside the other pathways (:mod:`graph.pathways.usual`).
    When no pathway is found in the territory, the answer says why first — the data holds no
    programme of the goal there (:func:`graph.coverage.goal_absent_sentence`), or holds some
    that no known passerelle reaches (:func:`graph.coverage.goal_thin_sentence`) — then offers
    the nearest places outside, flagged with their distance (from home, else from the
    territory's centre): the same way for a goal level and for a diploma type of that level,
    so that ``to_type`` answers are among the ``to_level`` ones.

    ``data``: the cache of the graph version the request already read (one version read per
    request), else the current one's.

    The cyclic garbage collector is paused meanwhile (:func:`graph.gc_pause.gc_paused`): a
    search allocates tens of thousands of acyclic objects (candidates, bounds, scores), and
    the collections they set off walked the cache's millions of objects, a fifth of the CPU
    of a search from a level (reference counting frees them as before).
    """
    with gc_paused():
        return _find_pathways(store, q, data)


def _find_pathways(store: GraphStore, q: PathwayQuery, data: PathwayData | None) -> PathwayAnswer:
    """:func:`find_pathways`, the collector paused."""
    data = data if data is not None else pathway_data(store)
    job = goal_of_job(store, data, q)
    if job is not None and (
        refused := no_public_link_reason(job, job_label(q), _campus_names(store, data))
    ):
        return _unanswered(q, refused)
    goal_codes = set(job.codes) if job is not None else None
    if regulated := _regulated(store, data, q, goal_codes):
        goal_codes = set(regulated.required)  # the other diplomas of the job are not enough
    certified = goal_codes  # the goal's diplomas as the data ties them to the job
    named_said = None
    if goal_codes is not None and not regulated:
        # a diploma named after the job, filed under a job next to it (CAP maçon, F1703)
        named, named_said, reasons = _named_goals(store, data, q, goal_codes)
        if named:
            goal_codes = goal_codes | named
            q = q.model_copy(update={"named_goals": reasons})
    home = (q.home.lat, q.home.lon) if q.home else None
    # the first step is chosen near the learner's town, else near the town the territory is
    # drawn around (`near`): never at the edge of a radius when the same diploma is offered
    # in its centre (docs/pathways.md, « Choosing establishments »)
    ranked_from = home if home is not None else _near_point(q)
    # a pathway nobody can enter any more (nMef closes the year it enters), one with a step in
    # a « horaires aménagés » section, one ending at a diploma Certif Info ties to many jobs
    # (a weak link to the job): ranked after the others, whatever their score, in the order of
    # every pathway (not of the ones shown only: _search, _ordered)
    rentree = next_rentree(date.today())
    weak = _weak_links(store, data, q, goal_codes) if goal_codes is not None else {}
    classify = _classifier(weak, rentree)
    source, ranked, keys, told = _search(store, data, q, goal_codes, ranked_from, classify=classify)
    notices: list[str] = []
    asked = q
    usual: list[Scored] = []
    lead = None
    origin = _Origin(store, data, q.territory, home, q.start_departements)
    # a goal no offer names anywhere (a BP): the files' silence, not the territory's lack
    nowhere = _nowhere_goal(store, data, q) if goal_codes is None and not keys else None
    if q.territory.is_set and not q.allow_outside:
        notices, usual = _usual_outside(store, data, source, q, goal_codes, origin)
    if not keys and q.territory.is_set and not q.allow_outside:
        mod = q.modality.value if q.modality else None
        summary = origin.coverage(mod)[0]
        to_type = q.to_type.value if q.to_type else None
        nsf = _start_nsf(store, data, q)
        thin = None
        if not q.to and goal_codes is None:
            thin = goal_thin_sentence(
                summary,
                q.territory,
                to_type=to_type,
                to_level=q.to_level,
                nsf=nsf,
                modality=MODALITY_FR[mod] if mod else None,
                # the programmes entered after the bac are no example of an entry after a
                # Bac+2, which no file lists
                examples=not unknowable_goal(_start_min_level(store, data, q), q.to_level, to_type),
                by_level=q.by_level,
            )
        absent = goal_absent_sentence(
            summary,
            q.territory,
            to_type=to_type,
            to_level=q.to_level,
            to_code=q.to,
            goal_codes=goal_codes,
            modality=MODALITY_FR[mod] if mod else None,
        )
        if mod and not absent and q.to_level and not to_type:
            # the goal level itself (not the levels above it) absent in the modality
            level = [r for r in summary if r.level == q.to_level]
            absent = goal_absent_sentence(
                level, q.territory, to_type=None, to_level=q.to_level, modality=MODALITY_FR[mod]
            )
            if absent:
                absent = absent.replace(f"niveau {q.to_level} ou plus", f"niveau {q.to_level}")
        if absent and mod:
            absent = _other_modalities(absent, origin.coverage()[0], q, mod, nsf)
            if only := files_silent_sentence(
                data.offer_kinds(store), mod, to_type=to_type, to_level=q.to_level
            ):
                absent = f"{absent} {only}"
        lead = nowhere or absent or thin
        if (
            lead
            and not absent
            and not nowhere
            and (
                near := neighbour_notice(
                    store, data, q, goal_codes, (), point=origin.point, since=origin.label
                )
            )
        ):
            lead = f"{lead} {near}"  # no pathway here: the programmes of a field next to it
        if lead:
            notices.append(lead)
            point = origin.point()
            if nowhere:
                pass  # no offer anywhere: no pathway outside either
            elif point is None:
                # nothing places the territory (no located offer, no préfecture with a centre:
                # 984, 975, 988): no distance bounds a pathway outside, none is proposed (one
                # in the Loiret was, « à moins de 150 km depuis le centre du territoire »)
                lead = notices[-1] = f"{lead} {NO_ORIGIN_SENTENCE}"
            else:
                asked = q.model_copy(update={"allow_outside": True})
                source, far, _, _ = _search(store, data, asked, goal_codes, point, every=True)
                far = [
                    p for p in far if not _foreign(store, data, q, [st.diploma for st in p.plan])
                ]
                ranked = [p for p in far if _near_enough(p, point)]
                keys = {p.key for p in ranked}
                told = _said(q, keys, ((p.key, p.start, p.plan[0].leg) for p in ranked if p.plan))
                if ranked:
                    notices.append(
                        "Parcours proposés hors du territoire : chaque établissement choisi à "
                        f"moins de {OUTSIDE_MAX_KM:.0f} km {origin.since()}, avec la distance de "
                        "chaque étape (les autres possibilités listées peuvent être plus loin)."
                    )
                elif far:
                    lead = f"{lead} {too_far_sentence(far[0], point, origin.label())}"
    unreached = partial_answer(store, data, q, goal_codes, keys) if keys and not lead else None
    if (
        keys
        and not lead
        and (
            near := neighbour_notice(
                store, data, q, goal_codes, keys, point=origin.point, since=origin.label
            )
        )
    ):
        unreached = with_neighbours(unreached, near)
    # ranked holds the first q.limit pathways at least; the others only count
    unranked = len(keys) - len(ranked)
    repeated = len(keys) - told  # a track said once, taken from several series
    ranked, shown, order_said = _ordered(
        ranked, [s for s in usual if s.key not in keys], q, classify, weak
    )
    notices += order_said
    barred = [bool(classify(_diplomas(s)) & _BARRED) for s in shown]
    if ranked_from is not None and (unplaced := unplaced_notice(shown, barred)):
        notices.append(unplaced)
    if radius := _radius_notice(store, data, source, q, shown, goal_codes):
        notices.append(radius)
    if shown and not lead and (thin := _thin_goal_notice(q, origin, ranked)):
        notices.append(thin)
    if q.modality and (
        free := undescribed_notice(
            [st.diploma for s in shown for st in s.plan if st.undescribed],
            MODALITY_FR[q.modality.value],
        )
    ):
        notices.append(free)
    if shown and (other := _any_modality_notice(store, data, q, goal_codes, ranked_from, shown)):
        notices.append(other)  # the first pathway in any modality is another one
    if goal_codes is None and (unoffered := _unoffered_notice(store, data, q)):
        notices.append(unoffered)  # the BP of the CAP's trade: no offer in the files
    if goal_codes is not None and (unoffered := _job_unoffered_notice(store, data, q, goal_codes)):
        notices.append(unoffered)  # the job's own BP: no offer in the files
    if agricultural := _agricultural_notice(store, data, q):
        notices.append(agricultural)  # the files may miss an agricultural lycée's Bac pro
    if not q.to and (
        upper := upper_levels_notice(q.to_level, q.to_type.value if q.to_type else None)
    ):
        # licences pro, masters: not in the files (the gap report's); with a job too (a
        # licence pro asked for a developer's job was told nothing of the files' reach)
        notices.append(upper)
    if note := _seconde_start(store, data, q):
        notices.insert(0, note)  # a 2nde professionnelle asked as a start: no diploma
    histories = data.histories(store, offer_keys(shown))
    mod = asked.modality.value if asked.modality else None
    out = []
    twins = same_seats([_first_entry(s, histories) for s in shown])
    for i, s in enumerate(shown):
        closings = _closings(store, data, s)
        entries = _entries(s, histories)
        if (twin := twins[i]) is not None:  # the same 2de commune, the same places
            entries = entries or [None] * len(s.plan)
            entries[0] = " ; ".join(filter(None, [entries[0], same_seats_part(twin)]))
        out.append(
            pathway_out(s, i + 1, explain(s, asked, closings, entries), histories, closings, mod)
        )
    held = bool(goal_codes and len(q.start_codes) == 1 and q.start_codes[0] in goal_codes)
    if held:
        start = data.diplomas(store, q.start_codes).get(q.start_codes[0])
        if start is not None:  # the learner holds a diploma of the job already (B04)
            notices.insert(0, already_trains_notice(start, job_label(q), found=bool(out)))
    related = None
    if goal_codes is not None and q.sector and len(q.start_codes) == 1 and not held:
        start = data.diplomas(store, q.start_codes).get(q.start_codes[0])
        if start is not None:  # tied to a job next to the one asked (CAP maçon: F1701)
            jobs = start_jobs(store.read("diploma_jobs", code=q.start_codes[0]))
            related = related_job_sentence(start, jobs, q.sector, job_label(q))
    if related and out:
        notices.insert(0, related)
    met = None
    if len(q.start_codes) == 1 and (q.to or q.to_level):
        start = data.diplomas(store, q.start_codes).get(q.start_codes[0])
        # with a job goal, a start of the level asked meets it only if it prepares for the
        # job (tester24: Bac pro ASSP, to_level=4 and job J1501 said « l'objectif est déjà
        # atteint » beside the regulated notice's « l'objectif n'est pas atteint »)
        goal_level = q.to_level if goal_codes is None or held else None
        met = start and goal_met_sentence(start, to=q.to, to_level=goal_level, found=bool(out))
        if met and out:
            notices.insert(0, met)
    reason = None
    # no known passerelle leads to the goal diploma in any territory: a wider one would not
    # help (tester23: DEAS → DE infirmier at La Réunion, the web said « Essayez un territoire
    # plus large » under that reason)
    no_way_anywhere = False
    if not out:
        unrestricted = [
            c
            for c in candidates(q, source, goal_codes, restrict=False, opened=data.open_legs)
            if not _foreign(store, data, q, c.diplomas[1:])
        ]
        reached = {d["code"] for r in unrestricted for d in r.diplomas[1:]}
        any_modality = None
        if q.modality and unrestricted:  # a step offered here, but in another modality
            anyq = q.model_copy(update={"modality": None})
            any_modality = _StoreSource(data, store, anyq).offers(reached)
        # no modality asked: a step whose kind the files never describe in apprenticeship
        # (CAP, bac pro: Affelnet is voie scolaire) may be in a CFA of the territory all the
        # same (tester24: « aucune offre de CAP métiers de la coiffure » in the Ardèche)
        unknown_apprenticeship: frozenset[str] = frozenset()
        if q.modality is None and unrestricted:
            kinds = data.offer_kinds(store)
            unknown_apprenticeship = frozenset(
                c
                for c, d in source.diplomas(reached).items()
                if is_undescribed(d, "apprenticeship", kinds)
            )
        reason = why_none(
            q,
            unrestricted,
            source.offers(reached) if unrestricted else {},
            any_modality,
            source.unchecked(reached),
            origin=(origin.point(), origin.label()),
            unknown_apprenticeship=unknown_apprenticeship,
        )
        elsewhere_said = False
        if met:  # the start is the goal, or of its level: never « aucune passerelle ne mène »
            reason = met
        elif not unrestricted and goal_codes is not None and not (q.to or q.to_type or q.to_level):
            reason = _job_unreached(store, data, source, q, certified or set(), held=held)
        elif not unrestricted and (
            elsewhere := elsewhere_note(
                store,
                q,
                source=source,
                goal_codes=goal_codes,
                territories=data.programme_territories(store),
                opened=data.open_legs,
            )
        ):
            # known passerelles to the goal that hold in another territory only: said
            reason = f"{reason} {elsewhere}"
            elsewhere_said = True
        elif (
            not unrestricted
            and q.to
            and (unknown := unknown_goal_note(data.diplomas(store, (q.to,)).get(q.to)))
        ):
            reason = f"{reason} {unknown}"  # the files do not give the goal's field
        no_way_anywhere = not unrestricted and bool(q.to) and not met and not elsewhere_said
        if (
            not unrestricted
            and q.to
            and not met
            and q.territory.is_set
            and not q.territory.is_everywhere
            and (goal := data.diplomas(store, (q.to,)))
        ):
            # the goal is prepared on the territory all the same: said, never a bare refusal
            goal_offers = source.offers({q.to}).get(q.to, [])
            here = goal_here_sentence(
                display_name(dict(goal[q.to])),
                goal_offers,
                q.territory.describe_in(),
                home=(q.home.lat, q.home.lon) if q.home else None,
            )
            if here is None:
                # prepared elsewhere only: where the nearest is (tester26: the DE éducateur
                # spécialisé in the Landes was a bare « aucune passerelle connue »)
                here = goal_elsewhere_sentence(
                    q, display_name(dict(goal[q.to])), goal_offers, (origin.point(), origin.label())
                )
            reason = f"{reason} {here}" if here else reason
        if nowhere and not met:
            reason = nowhere  # « aucune passerelle connue » would blame the links
        elif lead:
            reason = f"{lead} {reason}"
        reason = general_bac_reason(_start_types(store, data, q), reason)
        if len(q.start_codes) == 1 and (
            start := data.diplomas(store, q.start_codes).get(q.start_codes[0])
        ):
            renewed = successor_sentence(start, lambda codes: data.diplomas(store, codes))
            reason = f"{reason} {renewed}" if renewed else reason
        if held and not reason.startswith(HELD):  # the start prepares for the job already
            reason = f"{HELD} {to_goal(job_label(q))}. Vers un autre diplôme qui y prépare, " + (
                reason[:1].lower() + reason[1:]
            )
        if (
            goal_codes is not None
            and not regulated  # the law requires its diplomas: no other of the field leads there
            and (field := _job_field(store, data, q, goal_codes))
        ):
            reason = f"{reason} {field}"  # where the link job → diploma comes from
        if related:
            reason = f"{related} {reason}"
    if named_said:
        notices.insert(0, named_said)
    if job is not None and (public := _scope_notice(store, data, q, job)):
        notices.insert(0, public)
    if regulated:
        notices.insert(
            0, _regulated_notice(store, data, source, q, regulated, found=bool(out), origin=origin)
        )
    if q.start_notice:  # a start field read from public links (graph/pathways/start_scope.py)
        notices.insert(0, q.start_notice)
    if q.goal_notice:  # the goal asked is closed (graph/pathways/closed_start.py)
        notices.insert(0, q.goal_notice)
    if q.start_level == AFTER_3E_LEVEL:
        notices.insert(0, AFTER_3E_NOTICE)
    if q.start_level is not None:
        said = level_start_notice(q.start_level, _start_types(store, data, q))
        notices.extend([said] if said else [])
        if q.replaced and (
            closed := replaced_notice(
                q.replaced,
                started={str(p.start.get("code")) for p in shown},
                offered_here=(
                    None
                    if q.territory.is_everywhere
                    else lambda codes: _offered_ever(store, data, codes, q.territory)
                ),
                where=q.territory.describe_in(),
                level=q.start_level,
            )
        ):
            notices.append(closed)
    if far_home := _far_home_notice(store, data, q):
        notices.insert(0, far_home)  # every distance of the answer starts there: said first
    if own := own_system_notice(q.territory, q.home, q.start_departements):
        notices.insert(0, own)  # New Caledonia: the data does not describe its schools
    if (
        q.modality is not None
        and q.modality.value == "continuing"
        and q.territory.is_set
        and any("GRETA" in n for n in [*notices, reason or ""])
        and (greta := _greta_notice(store, data, q, home or origin.point()))
    ):
        notices.append(greta)  # « à vérifier auprès des GRETA »: the territory's, named
    # a code naming two towns (a postcode and another commune's INSEE code): which one, last
    notices += place_notes(q.home, q.territory.near, around_home=q.territory.around_home)
    return PathwayAnswer(
        start=q.start_label,
        start_phrase=from_start(q.start_spoken),
        goal=goal_label(q),
        territory=q.territory.describe(),
        territory_phrase=q.territory.describe_in(),
        count=len(ranked) + unranked - repeated,
        notices=notices,
        unreached_goals=unreached,
        pathways=out,
        reason=reason,
        files_cannot_tell=not out
        and (
            bool(nowhere)
            or no_way_anywhere
            or (regulated is not None and _presumed_goal(source, regulated.required))
            or not q.to
            and unknowable_goal(
                _start_min_level(store, data, q),
                q.to_level,
                q.to_type.value if q.to_type else None,
            )
        ),
    )


def place_notes(home: Point | None, near: Point | None, *, around_home: bool) -> list[str]:
    """What the answer says of a code read as one of two towns (:attr:`Point.note`), for the
    learner's home and the territory's centre: once when the radius is drawn around the home
    (``around_home``: the centre is the home; Lille, « 59350 », within 30 km said the same
    sentence twice) or when both notes are the same.

    >>> lille = Point(lat=50.63, lon=3.06, label="Lille", note="59350 est lu comme …")
    >>> place_notes(lille, lille, around_home=True)
    ["Commune de l'élève : 59350 est lu comme …"]
    >>> len(place_notes(lille, lille.model_copy(update={"note": "autre"}), around_home=False))
    2
    """
    notes = [] if home is None or not home.note else [f"Commune de l'élève : {home.note}"]
    if (
        near is not None
        and near.note
        and not (home is not None and (around_home or near.note == home.note))
    ):
        notes.append(f"Centre du territoire : {near.note}")
    return notes


def _start_min_level(store: GraphStore, data: PathwayData, q: PathwayQuery) -> int | None:
    """The lowest level of the start diplomas (the level asked for a ``from_level`` start):
    where the learner stands, for :func:`graph.pathways.unoffered_goals.unknowable_goal`."""
    if q.start_level is not None:
        return q.start_level
    rows = data.diplomas(store, q.start_codes)
    levels = [int(r["level"]) for c in q.start_codes if (r := rows.get(c)) and r.get("level")]
    return min(levels) if levels else None


def _any_modality_notice(
    store: GraphStore,
    data: PathwayData,
    q: PathwayQuery,
    goal_codes: set[str] | None,
    origin: LatLon | None,
    shown: list[Scored],
) -> str | None:
    """For a question in one modality, the first pathway the same question finds in any
    modality when it is another one, named with each step's modality and town (French), or
    None: an apprenticeship answer (CAP cuisine → BTS, La Réunion) never said that a school
    route (Bac pro cuisine → BTS MHR at Saint-Paul) exists (tester20). One more search."""
    if q.modality is None or q.modality.value not in MODALITY_FR:
        return None
    weak = _weak_links(store, data, q, goal_codes) if goal_codes is not None else {}
    classify = _classifier(weak, next_rentree(date.today()))
    _, ranked, _, _ = _search(
        store, data, q.model_copy(update={"modality": None}), goal_codes, origin, classify=classify
    )
    # as the answer ranks them: a far better founded passerelle before a weak one for an
    # unknown address alone (trade_fit.py), then the classes first (weak links, sections,
    # closed entries last)
    ranked = sorted(fit_first(ranked), key=lambda s: classify(_diplomas(s)))
    if not ranked or ranked[0].key == shown[0].key:
        return None
    best = ranked[0]
    steps = []
    for st in best.plan:
        said = display_name(dict(st.diploma))
        if st.choice.ranked:
            o = st.choice.ranked[0].offer
            how = [
                MODALITY_FR.get(str(o.get("modality")), ""),
                f"à {o['commune']}" if o.get("commune") else "",
            ]
            if any(how):
                said += f" ({', '.join(h for h in how if h)})"
        steps.append(said)
    chain = " → ".join([display_name(dict(best.start)), *steps])
    return f"Toutes modalités confondues, le premier parcours proposé serait un autre : {chain}."


def _presumed_goal(source: _StoreSource, codes: Iterable[str]) -> bool:
    """Whether every offer of the goal diplomas is presumed from a closed predecessor
    (:func:`presumed_only`): the files list none of it now, a wider territory would not help."""
    offers = [o for got in source.offers(codes).values() for o in got]
    return presumed_only(
        (o.offer.get("status") for o in offers),
        carried=any(o.offer.get("common_year") for o in offers),
    )


def _nowhere_goal(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """The answer's sentence (:func:`nowhere_offered`) for a goal no offer of the graph names
    anywhere, in any modality or year — a goal diploma (``to``: BP boulanger), else a goal
    type (``to_type=bp``, of ``to_level`` or more when given) — or for a goal diploma whose
    offers are all presumed from its closed predecessor (:func:`presumed_sentence`); None
    otherwise."""
    if q.to:
        goal = data.diplomas(store, (q.to,)).get(q.to)
        if goal is None:
            return None
        rows = data.kept(
            ("goal_offers", q.to), lambda: store.read("pathway_goal_offers", code=q.to)
        )
        row: Row = rows[0] if rows else {"offers": 0}
        if not row["offers"]:
            return nowhere_offered(display_name(dict(goal)))
        if presumed_only(row.get("statuses") or (), carried=bool(row.get("carried"))):
            # only old headcounts of the closed diploma it replaced (DE aide-soignant)
            years = [int(y) for y in row.get("years") or () if y]
            return presumed_sentence(display_name(dict(goal)), years, row["establishments"])
        return None
    if q.to_type:
        wanted = q.to_type.value
        kinds = data.offer_kinds(store).described
        if any(
            t == wanted and (q.to_level is None or (level or 0) >= q.to_level)
            for _, t, level in kinds
        ):
            return None
        return nowhere_offered(TYPE_FR.get(wanted, wanted))
    return None


def _unoffered_notice(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """The diplomas of the goal level in the start's trade that no file lists an offer of
    (graph/pathways/unoffered_goals.py), for one start and a goal level; read once per
    graph version, level and NSF group."""
    level = q.to_level
    if q.to or level is None or len(q.start_codes) != 1:
        return None
    start = data.diplomas(store, q.start_codes).get(q.start_codes[0])
    nsf = start.get("nsf") if start else None
    if start is None or not nsf:
        return None
    rows: list[Row] = data.kept(
        ("unoffered_of_field", level, nsf),
        lambda: [r["d"] for r in store.read("pathway_unoffered_of_field", level=level, nsf=nsf)],
    )
    if q.to_type:
        rows = [d for d in rows if d.get("type") == q.to_type.value]
    return unoffered_notice(same_trade(start, rows), level)


def _greta_notice(
    store: GraphStore, data: PathwayData, q: PathwayQuery, point: LatLon | None
) -> str | None:
    """The territory's establishments the annuaire flags « GRETA », nearest first
    (graph/pathways/greta.py); read once per graph version."""
    rows: list[Row] = data.kept(
        "greta_actors", lambda: [r["a"] for r in store.read("greta_actors")]
    )
    found = nearest_gretas(rows, q.territory.contains, point)
    return greta_notice(found, q.territory.describe_in())


def _weak_links(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal_codes: set[str]
) -> dict[str, int]:
    """The goal's diplomas Certif Info ties to the job asked (a ROME code) only among many
    jobs, outside its own diplomas' field (graph/pathways/job_link.py::weak_links); read once
    per graph version and job."""
    if not q.sector:
        return {}
    rome = q.sector
    rows: list[Row] = data.kept(
        ("job_link_widths", rome), lambda: list(store.read("job_link_widths", rome=rome))
    )
    return {c: n for c, n in weak_links(rows).items() if c in goal_codes}


def _job_unoffered_notice(
    store: GraphStore, data: PathwayData, q: PathwayQuery, goal_codes: set[str]
) -> str | None:
    """The diplomas Certif Info links to the goal job that no file lists an offer of
    (graph/pathways/unoffered_goals.py::job_unoffered_notice), above the start's level; read
    once per graph version and job."""
    if not q.sector:
        return None
    sector = q.sector
    rome = sorted(
        {str(r["code"]) for r in data.sector_links(store, sector) if r.get("link") == "rome"}
        & goal_codes
    )
    if not rome:
        return None
    rows: list[Row] = data.kept(
        ("unoffered_of_job", sector, tuple(rome)),
        lambda: [r["d"] for r in store.read("pathway_unoffered_of_codes", codes=rome)],
    )
    named = job_unoffered(rows, _start_min_level(store, data, q), q.to_level)
    return job_unoffered_notice(named, job_label(q))


def _far_home_notice(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """The notice of a home far from the territory (:mod:`graph.pathways.far_home`): its
    département read once with the question (``start_departements``), the reference's commune
    centres only when it lies outside."""
    if q.home is None or not q.territory.is_set or q.territory.is_everywhere:
        return None
    try:
        ref = communes.reference()
    except communes.ReferenceMissing:
        return None
    campuses = (
        data.kept("campuses", lambda: store.read("gaps_campuses")) if q.territory.campus else []
    )
    deps = territory_departements(q.territory, campuses, ref.region_departements)
    home_dep = q.start_departements[0] if q.start_departements else None
    km = home_gap_km(q.home, q.territory, deps, home_dep, ref.km_to_departements)
    return far_home_notice(q.home, q.territory, km)


def _thin_goal_notice(q: PathwayQuery, origin: _Origin, ranked: list[Scored]) -> str | None:
    """When the goal is a diploma type the data holds only a few programmes of in the
    territory (:func:`graph.thin_coverage.is_thin`, the gap report's rule): the pathways
    shown are all the data knows, not all there is (one licence pro in Bourgogne-Franche-Comté,
    reached by a single weak passerelle). The ranked pathways' goals offered in the territory
    are programmes it holds: when they are enough already, the territory's coverage (a read
    of the database on a question's first answer) is not needed."""
    if q.to_type is None or not q.territory.is_set:
        return None
    mod = q.modality.value if q.modality else None
    if _goal_programmes_seen(ranked, q.to_type.value, mod) >= THIN_COVERAGE:
        return None
    held = sum(r.programmes for r in origin.coverage(mod)[0] if r.type == q.to_type.value)
    if not is_thin(held):
        return None
    what = TYPE_FR.get(q.to_type.value, q.to_type.value)
    where = q.territory.describe_in()
    if mod:
        where = f"en {MODALITY_FR[mod]} {where}"
    return (
        f"{thin_sentence(held, what, where)} : les parcours vers ce type de diplôme y sont "
        "sans doute incomplets, à vérifier auprès des établissements."
    )


def _goal_programmes_seen(ranked: list[Scored], to_type: str, modality: str | None) -> int:
    """How many different diplomas of ``to_type`` the ranked pathways end on at an open or
    planned offer in the territory (in ``modality`` when asked): a lower bound of the
    programmes :func:`_thin_goal_notice` counts (graph/coverage.py)."""
    seen: set[str] = set()
    for s in ranked:
        last = s.plan[-1] if s.plan else None
        if last is None or last.diploma.get("type") != to_type or last.diploma["code"] in seen:
            continue
        if any(
            o.in_territory
            and o.offer.get("status") in ("open", "planned")
            and (modality is None or o.offer.get("modality") == modality)
            for o in last.choice.ranked
        ):
            seen.add(last.diploma["code"])
            if len(seen) >= THIN_COVERAGE:
                break
    return len(seen)


def _near_point(q: PathwayQuery) -> LatLon | None:
    """The town the territory is drawn around (`near`), if any."""
    near = q.territory.near
    return (near.lat, near.lon) if near is not None else None


def _agricultural_notice(store: GraphStore, data: PathwayData, q: PathwayQuery) -> str | None:
    """An agricultural question (a field 21x, a goal of that field, a job of the ROME's
    domain A) from below the Bac in a territory where the files list no agricultural Bac pro
    (no CAP agricole for such a goal) and know agricultural establishments: the files may
    miss their programmes (graph/pathways/agricultural.py). None for any other question,
    which reads nothing more."""
    sector = q.sector or q.start_sector
    if not q.territory.is_set or not (sector or q.to):
        return None
    goal = data.diplomas(store, [q.to]).get(q.to) if q.to else None
    level = q.start_level
    if level is None and len(q.start_codes) == 1:
        level = (data.diplomas(store, q.start_codes).get(q.start_codes[0]) or {}).get("level")
    kind = agricultural_kind(sector=sector, goal=goal, start_level=level)
    if kind is None:
        return None
    return agricultural_notice(data.coverage_rows(store, q.territory), q.territory, kind)


_BARRED, _RESERVED, _WEAK = 1, 2, 4  # the bits of a pathway's class (_classifier)


def _diplomas(s: Scored) -> list[Row]:
    """A scored pathway's diplomas, start first (as a candidate's)."""
    return [s.start, *(st.diploma for st in s.plan)]


def _classifier(weak: Mapping[str, int], rentree: int) -> Callable[[Sequence[Row]], int]:
    """A pathway's class from its diplomas (start first): the sum of :data:`_WEAK` when its
    last diploma is a weak link to the job (``weak``: graph/pathways/job_link.py), of
    :data:`_RESERVED` when a step is a « horaires aménagés » section
    (graph/pathways/reserved_track.py), of :data:`_BARRED` when a step enters a course year
    nMef closes by then (graph/pathways/closing.py, the entry at the rentrée ``rentree``);
    0 for most. A higher class is ranked after a lower one, whatever the score: the order the
    answer gave the pathways it showed (the weak links last, then the sections, then the
    closed entries), now that of all of them."""
    reserved: dict[str, bool] = {}  # by code: the names' patterns once per diploma

    def is_reserved(d: Row) -> bool:
        code = str(d.get("code") or "")
        got = reserved.get(code)
        if got is None:
            got = reserved[code] = is_reserved_track(d)
        return got

    def classify(diplomas: Sequence[Row]) -> int:
        steps = list(diplomas[1:])
        c = 0
        if weak and steps and str(steps[-1].get("code")) in weak:
            c |= _WEAK
        if any(is_reserved(d) for d in steps):
            c |= _RESERVED
        if any(d.get("entry_closed") or d.get("second_closed") for d in steps) and any(
            entry_barred(diplomas[0], steps, rentree)
        ):
            c |= _BARRED
        return c

    return classify


def _ordered(
    ranked: list[Scored],
    usual: list[Scored],
    q: PathwayQuery,
    classify: Callable[[Sequence[Row]], int],
    weak: Mapping[str, int],
) -> tuple[list[Scored], list[Scored], list[str]]:
    """(every pathway ranked, by score; the ones shown, in the answer's order; the notices of
    that order). The answer's order is a property of every pathway ranked, never of the
    ones shown (tester26: the order changed with the limit): the classes first
    (:func:`_classifier`, lowest first), in each the different formations first
    (:func:`varied`), then the ones taught at a distance after the nearby ones on site
    (:func:`in_person_first`); the first ``q.limit`` of that are shown, and the usual
    continuations offered outside the territory (``usual``) always among them (:func:`with_usual`).
    The notices say what moved among the ones shown."""
    merged, _ = with_usual(ranked, usual, len(ranked) + len(usual))
    pool = merged
    if q.by_level:  # a track for bacheliers technologiques starts from the series it names
        pool = track_starts(pool)
    by_score = {id(s): i for i, s in enumerate(pool)}
    # a far better founded passerelle before a weak one for an unknown address alone
    # (graph/pathways/trade_fit.py), within each class as the classes keep their order
    fitted = fit_first(pool)
    fit_moved = fit_moves(pool, fitted)
    pool = fitted
    of = {id(s): classify(_diplomas(s)) for s in pool}
    classes = sorted({of[id(s)] for s in pool})
    before = [s for k in classes for s in pool if of[id(s)] == k]
    firsts = [varied([s for s in before if of[id(s)] == k], any_start=q.by_level) for k in classes]
    after = [s for group in firsts for s in group]
    final = [s for group in firsts for s in in_person_first(group)]
    # the page: the first q.limit, the usual continuations always among them (with_usual)
    added = {id(s) for s in usual}
    page = final[: q.limit]
    missing = [s for s in final if id(s) in added and all(s is not t for t in page)]
    if missing:
        keep = {id(s) for s in [*page[: max(q.limit - len(missing), 0)], *missing]}
        page = [s for s in final if id(s) in keep]
    notices: list[str] = []
    if [id(s) for s in before] != [id(s) for s in after] and (
        moved := later_options_notice([], page, any_start=q.by_level)
    ):
        notices.append(moved)
    shown_after = [s for s in after if id(s) in {id(t) for t in page}]
    if moved := in_person_notice(shown_after, page):
        notices.append(moved)

    def passed(bit: int) -> bool:
        """Whether a pathway of the class ``bit`` shown ranks after one without it of a
        lower score: the class moved it."""
        low = [by_score[id(s)] for s in pool if not of[id(s)] & bit]
        return bool(low) and any(of[id(s)] & bit and by_score[id(s)] < max(low) for s in page)

    if (
        any(of[id(s)] & _RESERVED for s in page)
        and passed(_RESERVED)
        and (moved := ordinary_first_notice([], page))
    ):
        notices.append(moved)
    if weak and (broad := own_first_notice(page, weak, passed(_WEAK))):
        notices.append(broad)
    barred = [bool(of[id(s)] & _BARRED) for s in page]
    if any(barred) and (moved := open_entries_notice(barred, passed(_BARRED))):
        notices.append(moved)
    if fit_moved and (better := fit_first_notice(page, fit_moved)):
        notices.append(better)
    return merged, page, notices


def _barred(shown: Sequence[Scored], rentree: int) -> list[bool]:
    """Per pathway, whether a step enters a course year nMef has closed by then
    (graph/pathways/closing.py); the walk only for pathways with such a diploma."""
    return [
        any(st.diploma.get("entry_closed") or st.diploma.get("second_closed") for st in s.plan)
        and any(entry_barred(s.start, [st.diploma for st in s.plan], rentree))
        for s in shown
    ]


def _now(st: Step, histories: Mapping[OfferKey, Sequence[YearFigures]]) -> YearFigures | None:
    """The step's chosen offer's year in the public files (its figures), if known."""
    best = st.choice.ranked[0]
    history = histories.get((best.actor["id"], st.diploma["code"], best.offer.get("modality")))
    year = best.offer.get("year")
    return next((y for y in history or () if y.year == year), None)


def _entries(
    s: Scored, histories: Mapping[OfferKey, Sequence[YearFigures]]
) -> list[str | None] | None:
    """Per step, how it is entered (graph/pathways/entry_words.py), from its chosen offer's
    year in the public files (the figures the web page shows); None when no step says it."""
    out: list[str | None] = []
    for st in s.plan:
        after_3e = st.leg.get("passerelle_origin") == ENTRY_LEG["passerelle_origin"]
        out.append(entry_part(after_3e, st.diploma.get("type"), _now(st, histories)))
    return out if any(out) else None


def _first_entry(
    s: Scored, histories: Mapping[OfferKey, Sequence[YearFigures]]
) -> tuple[tuple[str, str], tuple[str, str] | None]:
    """The first step's (establishment, diploma) and, when entered after 3e through a 2de
    commune, (establishment, 2de commune): what :func:`same_seats` compares."""
    if not s.plan:
        return ("", ""), None
    st = s.plan[0]
    actor = str(st.choice.ranked[0].actor["id"])
    now = _now(st, histories)
    after_3e = st.leg.get("passerelle_origin") == ENTRY_LEG["passerelle_origin"]
    common = now.common if now is not None and after_3e else None
    return (actor, str(st.diploma["code"])), (actor, common.code) if common else None


def _closings(store: GraphStore, data: PathwayData, s: Scored) -> list[str | None] | None:
    """Per step, what to say of its diploma's closing (graph/pathways/closing.py): a diploma
    the BCN closes before a learner entering at the next rentrée could sit it. None when no
    step's diploma has a closing date (the usual case: no read)."""
    diplomas = [st.diploma for st in s.plan]
    if not any(
        (d.get("closing_date") or d.get("entry_closed") or d.get("second_closed"))
        and not d.get("closed")
        for d in diplomas
    ):
        return None
    codes = {
        c
        for d in diplomas
        if d.get("closing_date") or d.get("entry_closed") or d.get("second_closed")
        for c in d.get("successors") or ()
    }
    rows = {c: r for c, r in data.diplomas(store, codes).items() if r is not None}
    return closing_parts(s.start, diplomas, rows, next_rentree(date.today()))


def _radius_notice(
    store: GraphStore,
    data: PathwayData,
    source: _StoreSource,
    q: PathwayQuery,
    shown: list[Scored],
    goal_codes: set[str] | None,
) -> str | None:
    """The notice for the establishments of the answer's diplomas (its steps; the goal when no
    pathway is shown; the goals one leg from the start, :func:`_next_goals`) that a radius
    leaves out for want of a position (:mod:`graph.pathways.radius_unplaced`): the offers the
    search flagged already, and those of the goals one leg away."""
    near, km = q.territory.near, q.territory.radius_km
    if (near is None or not km) and q.home is not None:
        # a département or région: the establishments without a position have no distance
        # from the home, maybe nearer than the step's (Amiens: Doullens at 29 km)
        steps = {st.diploma["code"]: st.diploma for s in shown for st in s.plan}
        home = q.home.label or f"{q.home.lat:.3f}, {q.home.lon:.3f}"
        return home_unplaced_notice(home, home_unplaced(q.territory, source.offers(steps)), steps)
    if near is None or not km:
        return None
    steps = {st.diploma["code"]: st.diploma for s in shown for st in s.plan}
    if not steps:
        goal = {q.to} if q.to else (goal_codes or set())
        steps = in_job_field(dict(source.diplomas(goal)), job=bool(q.sector and not q.to))
    steps.update(_next_goals(store, data, source, q, goal_codes, steps.keys()))
    try:
        reached = communes.reference().departements_within(near.lat, near.lon, km)
    except communes.ReferenceMissing:
        return None
    shown_actors = {str(o.actor["id"]) for s in shown for st in s.plan for o in st.choice.ranked}
    found = radius_unplaced(q.territory, source.offers(steps), reached, shown_actors)
    return radius_unplaced_notice(q.territory, found, steps)


def in_job_field(goals: dict[str, Row], *, job: bool) -> dict[str, Row]:
    """The goal diplomas a notice may name for a goal job (``job``): those of the job's field
    (:func:`graph.pathways.job_field.job_groups`, the NSF group most of them share), when it
    has one. Mende or Aurillac, 40 km, D1102 (boulanger): the notice of the establishments
    without a position named the CAP agricole services aux personnes et vente en espace rural
    (NSF 330), tied to the job by one Certif Info row, as what they offer « aussi », where the
    job's field is 221 (CAP, BP, Bac pro boulanger). Other goals are kept as they are.

    >>> goals = {"1": {"nsf": "221"}, "2": {"nsf": "221"}, "3": {"nsf": "330"}}
    >>> sorted(in_job_field(goals, job=True)), sorted(in_job_field(goals, job=False))
    (['1', '2'], ['1', '2', '3'])
    """
    groups = job_groups(goals.values()) if job else set()
    if not groups:
        return goals
    return {c: d for c, d in goals.items() if str(d.get("nsf")) in groups}


def _next_goals(
    store: GraphStore,
    data: PathwayData,
    source: _StoreSource,
    q: PathwayQuery,
    goal_codes: set[str] | None,
    known: Iterable[str],
) -> dict[str, Row]:
    """The open diplomas of the goal one leg from a named start diploma (not from a level:
    hundreds of starts), other than ``known``: a pathway to one of them is missing from a
    radius answer when only establishments without a position offer it (Strasbourg, 30 km,
    Bac pro MELEC: the BTS maintenance des systèmes of four unplaced Bas-Rhin establishments
    went unsaid while the BTS shown were named). A leg tied to a campus programme's territory
    and a programme of another territory are left out (the search's own rules)."""
    if q.by_level:
        return {}
    legs = source.legs_from(q.start_codes)
    targets = {
        t
        for c in q.start_codes
        for t, leg in legs.get(c, [])
        if not (leg.get("from_departements") or leg.get("to_departements"))
    } - set(known)
    return {
        c: d
        for c, d in source.diplomas(targets).items()
        if not d.get("closed") and is_goal(d, q, goal_codes) and not _foreign(store, data, q, [d])
    }


def _unanswered(q: PathwayQuery, reason: str) -> PathwayAnswer:
    """An answer without pathways, for a goal the data cannot speak of here."""
    return PathwayAnswer(
        start=q.start_label,
        start_phrase=from_start(q.start_spoken),
        goal=goal_label(q),
        territory=q.territory.describe(),
        territory_phrase=q.territory.describe_in(),
        count=0,
        notices=[],
        unreached_goals=None,
        pathways=[],
        reason=reason,
    )
