"""Section 2, dead ends: offers whose every known next step is absent from the territory."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.departements import de_place, departement_place, insee_departement
from graph.gaps.findings import (
    REACH_KM,
    Finding,
    NodeRef,
    Row,
    actor_ref,
    named_at,
    offer_commune,
)
from graph.gaps.rows import GapData
from graph.gaps.suites import kind_words, named_suites, reserved_elsewhere
from graph.geo import haversine_km
from graph.models import OPEN_STATUSES
from graph.pathways.unoffered_goals import UNSEEN_TYPES
from graph.place_precision import km_phrase
from graph.text import named_and_counted
from graph.thin_coverage import UPPER_LEVELS, is_thin, thin_sentence

__all__ = [
    "DeadEndTests",
    "dead_end_tests",
    "dead_end_why",
    "dead_ends",
    "nearest_wanted",
    "only_unseen_kinds",
]


# REACH_KM (graph/gaps/findings.py): a next step within it of the offer is reachable
NEAREST_MAX_KM = 150.0  # the nearest next step is searched no farther (bounded answer)


@dataclass
class DeadEndTests:
    """What the dead-ends section judges an offer against, and the offers that pass every test
    but the last (:func:`dead_end_tests`): whether a programme of the next steps' kind and
    filière is offered within reach (:func:`_kind_within_reach`), in the territory
    (``by_kind``, the territory's offers with coordinates by type and level) or outside it
    (GapData.kind_offers, read by graph/gaps/data.py around those offers only)."""

    programmes_of_kind: dict[tuple[Any, Any], set[str]]  # the territory's diplomas by kind
    by_kind: dict[tuple[Any, Any], list[Row]]
    offered_inside: set[str]  # the codes of the territory's diplomas
    offered: dict[str, Row]  # the next steps offered somewhere: code -> a row of it
    all_offers: dict[str, list[Row]]  # the open offers read near the territory, by code
    # in the territory's order, each offer with its next steps, those the data knows
    # (offered somewhere), their kinds and filières, and its nearest next step (none within
    # REACH_KM); every such offer, including a second one of an establishment's diploma
    candidates: list[Candidate]

    def kind_inside(self, c: Candidate) -> bool:
        """Whether a programme of ``c``'s next steps' kind and filière is offered within reach
        in the territory (then no read outside can change the answer)."""
        return _kind_within_reach(c.row, c.kinds, c.fields, self.by_kind)


@dataclass
class Candidate:
    """An offer that is a dead end unless a programme of its next steps' kind is within reach
    (:class:`DeadEndTests`)."""

    row: Row
    targets: frozenset[str]
    known: set[str]
    kinds: set[tuple[Any, Any]]
    fields: set[str]
    nearest: Row | None


def dead_end_tests(d: GapData) -> DeadEndTests:
    """Every test of :func:`dead_ends` but the last, whose rows outside the territory
    (GapData.kind_offers) graph/gaps/data.py reads only for the offers this leaves; made once
    per report (GapData.dead_end_tests), the same for the reading and the section."""
    if d.dead_end_tests is not None:
        return d.dead_end_tests
    inside = [r for r in d.inside_for_sector if _judged(d, r)]
    nexts = d.steps()
    # the territory's diplomas by (type, level), and its offers with coordinates by the same
    # (one pass over the offers: a campus at national size has 6 000)
    programmes_of_kind: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    by_kind: dict[tuple[Any, Any], list[Row]] = defaultdict(list)
    for x in d.inside:
        dip = x["diploma"]
        kind = (dip.get("type"), dip.get("level"))
        programmes_of_kind[kind].add(dip["code"])
        if x["offer"].get("lat") is not None:
            by_kind[kind].append(x)
    kinds_inside = set(programmes_of_kind)
    offered, all_offers = _offered(d)
    candidates = []
    # a next step counts where it is within reach of the offer, in the territory or not: a
    # région's report held a BTS continued « sur le territoire » 180 km away, which each of its
    # départements' reports called a dead end (graph.gaps.rows.OfferPlaces)
    places = d.places()
    # a programme its label reserves to bac pro holders is no suite of a BTS (ENEPS): the
    # next steps so kept per diploma and département, as NextSteps.at gives them (each
    # target's label read once: per offer and target, it was a tenth of this function)
    kept: dict[tuple[str, Any], frozenset[str]] = {}
    reserved = Reserved()
    for r in inside:
        code = r["diploma"]["code"]
        at = (code, r["offer"].get("departement"))
        targets = kept.get(at)
        if targets is None:
            targets = kept[at] = _not_reserved(r["diploma"], nexts.at(*at), offered, reserved)
        if not targets:
            continue
        if r["offer"].get("lat") is None or r["offer"].get("lon") is None:
            continue
        if places.next_near(nexts, code, r["offer"], REACH_KM):
            continue  # a next step is offered within reach in the territory
        known, kinds = _known(targets, offered, kinds_inside)
        if not known:
            continue  # the data does not describe that next level here: not judged
        nearest = _nearest_outside(r, known, all_offers)
        if nearest is not None and nearest["km"] <= REACH_KM:
            continue  # a next step is within reach
        fields = {sec for t in known for sec in offered[t].get("sectors") or []}
        candidates.append(Candidate(r, targets, known, kinds, fields, nearest))
    d.dead_end_tests = DeadEndTests(
        programmes_of_kind=programmes_of_kind,
        by_kind=by_kind,
        offered_inside=set().union(*programmes_of_kind.values()),
        offered=offered,
        all_offers=all_offers,
        candidates=candidates,
    )
    return d.dead_end_tests


def _not_reserved(
    start: Row, targets: frozenset[str], offered: dict[str, Row], reserved: Reserved
) -> frozenset[str]:
    """``targets`` without those :func:`graph.gaps.suites.reserved_elsewhere` refuses as
    suites of ``start`` (a target not offered stays); ``reserved``: that function's answers
    for any start but a Bac pro (for which it refuses none), each target judged once.

    >>> offered = {"E": {"diploma": {"name": "BUT – TC – ENEPS destine aux bacs pro"}},
    ...            "B": {"diploma": {"name": "BUT – TC"}}}
    >>> sorted(_not_reserved({"type": "bts"}, frozenset("EBX"), offered, Reserved()))
    ['B', 'X']
    >>> sorted(_not_reserved({"type": "bac_pro"}, frozenset("EBX"), offered, Reserved()))
    ['B', 'E', 'X']
    """
    if start.get("type") == "bac_pro":
        return targets  # reserved_elsewhere refuses none to a Bac pro
    for t in targets - reserved.judged:  # the targets not met before
        reserved.judged.add(t)
        row = offered.get(t)
        if row is not None and reserved_elsewhere(start, row["diploma"]):
            reserved.codes.add(t)
    return targets if targets.isdisjoint(reserved.codes) else targets - reserved.codes


@dataclass
class Reserved:
    """The next steps :func:`_not_reserved` has judged, and those it refuses to a start
    that is no Bac pro (their label reserves them to bac pro holders)."""

    judged: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)


def nearest_wanted(d: GapData, rows: Iterable[Row]) -> list[Row]:
    """Of ``rows`` (offers of GapData.inside_for_sector with coordinates, none of whose next
    steps is offered within REACH_KM in the territory), those whose nearest next step the
    section looks up (:func:`dead_end_tests`, before the nearest): judged, with next steps
    the data knows (offered somewhere: GapData.offered_next), of a kind the territory holds.
    graph/gaps/data.py reads the offers within NEAREST_MAX_KM of these only."""
    nexts = d.steps()
    kinds_inside = {(x["diploma"].get("type"), x["diploma"].get("level")) for x in d.inside}
    offered, _ = _offered(d)
    return [
        r
        for r in rows
        if _judged(d, r)
        and _known(
            nexts.at(r["diploma"]["code"], r["offer"].get("departement")), offered, kinds_inside
        )[0]
    ]


def _judged(d: GapData, r: Row) -> bool:
    """Whether an offer of the territory is judged at all: open, of a diploma not closed and
    without a common first year (its programme's own years carry the next step)."""
    dip = r["diploma"]
    return (
        r["offer"].get("status") in OPEN_STATUSES
        and not dip.get("closed")
        and not d.common_year(dip)
    )


def _offered(d: GapData) -> tuple[dict[str, Row], dict[str, list[Row]]]:
    """The next steps offered somewhere, near or far (code -> a row with its diploma and
    sectors), and the open offers read near the territory by code (graph/gaps/data.py)."""
    all_offers: dict[str, list[Row]] = defaultdict(list)
    offered: dict[str, Row] = {}
    for r in d.outside_offers:
        if r["offer"].get("status") != "closed" and not r["diploma"].get("closed"):
            all_offers[r["diploma"]["code"]].append(r)
            offered.setdefault(r["diploma"]["code"], r)
    for r in d.offered_next:
        if not r["diploma"].get("closed"):
            offered.setdefault(r["diploma"]["code"], r)
    return offered, all_offers


def _known(
    targets: frozenset[str], offered: dict[str, Row], kinds_inside: set[tuple[Any, Any]]
) -> tuple[set[str], set[tuple[Any, Any]]]:
    """The next steps of ``targets`` the data knows (offered somewhere) and their kinds; none
    when none of those kinds is held in the territory (the data does not describe that next
    level here: not judged)."""
    known = {t for t in targets if t in offered}
    kinds = {(offered[t]["diploma"].get("type"), offered[t]["diploma"].get("level")) for t in known}
    if not known or not kinds & kinds_inside:
        return set(), set()
    return known, kinds


def dead_ends(d: GapData) -> list[Finding]:
    """Offers whose every known next step is out of reach, judged against what the data holds.

    An offer is a dead end when its next steps exist in the data, the territory holds
    programmes of their kind (type and level: the data covers that level here), and none of
    them is offered within REACH_KM of it, in the territory or outside (one offered in the
    territory farther away is said so: ``next_in_territory``). The nearest next step is given
    when it is within NEAREST_MAX_KM, else the answer says there is none that close. Offers
    whose next steps the data does not describe here, or that have no coordinates, are not
    judged (counted by :func:`dead_end_note`)."""
    tests = dead_end_tests(d)
    programmes_of_kind, offered = tests.programmes_of_kind, tests.offered
    kinds_inside = set(programmes_of_kind)
    offered_inside = tests.offered_inside
    # the territory's offers by kind, and those of those kinds within reach outside it (a
    # programme 20 km away across a border is as near: answers22)
    by_kind = defaultdict(list, {k: list(v) for k, v in tests.by_kind.items()})
    for x in d.kind_offers:
        if x["offer"].get("lat") is not None:
            by_kind[x["diploma"].get("type"), x["diploma"].get("level")].append(x)
    out = []
    seen: set[tuple[str, str]] = set()
    places = d.places()
    nexts = d.steps()
    for c in tests.candidates:
        r, targets, known, kinds, nearest = c.row, c.targets, c.known, c.kinds, c.nearest
        code = r["diploma"]["code"]
        key = (r["actor"]["id"], code)
        if key in seen:
            continue
        if _kind_within_reach(r, kinds, c.fields, by_kind):
            continue  # a programme of the next level is within reach: the data may only lack
            # the passerelle to it, which does not make this offer a dead end
        seen.add(key)
        # some next step is offered in the territory, but none within reach: said so, not
        # « aucune n'est proposée sur le territoire »
        in_territory = not targets.isdisjoint(offered_inside)
        placed_inside = any(t in places.placed for t in targets)
        bounded = nearest if nearest is not None and nearest["km"] <= NEAREST_MAX_KM else None
        where = (
            f" La suite la plus proche : {nearest_text(bounded)}."
            if bounded
            else f" Aucune suite à moins de {NEAREST_MAX_KM:.0f} km."
        )
        inferred = {t: nexts.inferred(code, t) for t in known}  # said so (tester24)
        capacity = r["offer"].get("capacity")
        # how well the data describes the next level here: with only a few programmes of it in
        # the whole territory (2 licences pro for the Nord), the files may simply not describe
        # the continuations; the finding is then a question, not an alarm
        # (the type named: « ce niveau » read as the Bac+3 of a Nord with 226 of them)
        best = max(kinds & kinds_inside, key=lambda k: (len(programmes_of_kind[k]), str(k)))
        held = len(programmes_of_kind[best])
        thin = is_thin(held)  # held is at least 1: the kind is offered inside
        # every known next step of a kind the files almost never list (licence pro, master):
        # their absence here says little (« BTS tourisme — Aucune suite à moins de 150 km »,
        # Corse, rated high): the continuum's Bac+3 caveat, and a low severity
        unseen = only_unseen_kinds(t for t, _ in kinds)
        if unseen:
            where += UPPER_LEVELS
        elif thin:
            what = kind_words(str(best[0]))
            where += (
                f" {thin_sentence(held, what, 'sur le territoire')} : "
                "les poursuites d'études y sont sans doute incomplètes, à vérifier."
            )
        out.append(
            Finding(
                id=f"dead_end:{r['actor']['id']}:{code}",
                title=(
                    f"{r['diploma']['name']} — {named_at(r['actor']['name'], *offer_commune(r))}"
                ),
                why=dead_end_why(
                    [
                        str(offered[t]["diploma"].get("name") or t)
                        + (INFERRED_NEXT if inferred[t] and not all(inferred.values()) else "")
                        # a BUT's Parcoursup variants are not named beside the BUT itself
                        for t in named_suites(
                            known, {k: str(offered[k]["diploma"].get("name") or k) for k in known}
                        )
                    ],
                    where,
                    all_inferred=all(inferred.values()),
                    in_territory=("plus loin" if placed_inside else UNPLACED_INSIDE)
                    if in_territory
                    else None,
                ),
                severity="low" if thin or unseen else "medium" if bounded else "high",
                nodes=[
                    actor_ref(r["actor"]),
                    NodeRef(type="diploma", key=code, name=r["diploma"]["name"]),
                ],
                data={
                    "diploma": code,
                    "actor": r["actor"]["id"],
                    "capacity": capacity,
                    "next_diplomas": sorted(known),
                    # a next step is offered in the territory, farther than reach_km
                    "next_in_territory": in_territory,
                    "nearest_outside": bounded,
                    "nearest_km": bounded["km"] if bounded else None,
                    "reach_km": REACH_KM,
                    "searched_km": NEAREST_MAX_KM,
                    "thin_coverage": thin,
                    "unlisted_next_kinds": unseen,
                },
                sources=[r["offer"]["source"]] if r["offer"].get("source") else [],
            )
        )
    # what matters first: no next step nearby, then the most learners (known capacity)
    out.sort(key=lambda f: (f.severity != "high", -(f.data.get("capacity") or 0), f.title))
    return out


def only_unseen_kinds(types: Iterable[Any]) -> bool:
    """Whether every next step's diploma type is one the public files almost never list
    (:data:`graph.pathways.unoffered_goals.UNSEEN_TYPES`: licence pro, master…), so that none
    offered near says little (at least one type).

    >>> only_unseen_kinds(["licence_pro"]), only_unseen_kinds(["licence_pro", "master"])
    (True, True)
    >>> only_unseen_kinds(["licence_pro", "but"]), only_unseen_kinds([])
    (False, False)
    """
    seen = {str(t) for t in types}
    return bool(seen) and seen <= UNSEEN_TYPES


# how many of a dead end's known next steps its finding names
NAMED_NEXT = 3
# said after a known next step no source documents, only an inferred leg reaches (tester24: a
# BTS opticien-lunetier's « suites connues » listed BUT carrières sociales as if documented)
INFERRED_NEXT = " (suite déduite, qu'aucune source ne documente)"
# where a next step offered in the territory only by establishments the files do not place is
UNPLACED_INSIDE = "dans un établissement dont les fichiers publics ne donnent pas le lieu"


def dead_end_why(
    next_names: list[str],
    where: str,
    *,
    in_territory: str | None = None,
    all_inferred: bool = False,
) -> str:
    """Why a programme is listed as a dead end, in French: what the data knows (its known next
    steps, named), what it found of them near (``where``: the nearest, or none within
    NEAREST_MAX_KM), and that this is a fact of the data, not of the world: the public files
    link a diploma to the continuations they describe only (none links the BTS CIEL to the
    BUT réseaux et télécommunications; a link by title was measured too noisy to infer).
    ``in_territory``: one of them is offered in the territory, but farther than REACH_KM (a
    région's; « plus loin »), or at a place the files do not give (:data:`UNPLACED_INSIDE`):
    « aucune suite connue à moins de 50 km », not « aucune n'est proposée sur le territoire ».
    ``all_inferred``: every one is reached by an inferred leg only, said once (one only
    inferred among documented ones is said after its name, :data:`INFERRED_NEXT`).

    >>> print(dead_end_why(["BUT GC", "Licence pro BTP"], " Aucune suite à moins de 150 km."))
    Suites connues dans les données pour ce diplôme (2) : BUT GC ; Licence pro BTP. Aucune \
n'est proposée sur le territoire ni à moins de 50 km, et aucune formation de leur type et niveau \
dans la même filière n'est à moins de 50 km. Aucune suite à moins de 150 km. C'est un constat \
sur les données : d'autres poursuites d'études que les fichiers publics ne relient pas à ce \
diplôme peuvent exister, à vérifier avec l'établissement.
    >>> print(dead_end_why(["BUT GC"], " La suite la plus proche : BUT GC à IUT A (Pau), à 180 \
km.", in_territory="plus loin"))
    Suites connues dans les données pour ce diplôme (1) : BUT GC. Aucune suite connue à moins de \
50 km : l'une est proposée ailleurs sur le territoire, plus loin, et aucune formation de leur type \
et niveau dans la même filière n'est à moins de 50 km. La suite la plus proche : BUT GC à IUT A \
(Pau), à 180 km. C'est un constat sur les données : d'autres poursuites d'études que les fichiers \
publics ne relient pas à ce diplôme peuvent exister, à vérifier avec l'établissement.
    """
    names = named_and_counted(next_names, len(next_names), NAMED_NEXT)
    told = "déduite" if len(next_names) == 1 else "déduites"
    count = f"{len(next_names)}, {told}, qu'aucune source ne documente" if all_inferred else ""
    count = count or str(len(next_names))
    reach = (
        f"Aucune suite connue à moins de {REACH_KM:.0f} km : l'une est proposée ailleurs sur "
        f"le territoire, {in_territory}"
        if in_territory
        else f"Aucune n'est proposée sur le territoire ni à moins de {REACH_KM:.0f} km"
    )
    return (
        f"Suites connues dans les données pour ce diplôme ({count}) : {names}. "
        f"{reach}, et aucune "
        f"formation de leur type et niveau dans la même filière n'est à moins de "
        f"{REACH_KM:.0f} km.{where} C'est un constat sur les données : d'autres poursuites "
        "d'études que les fichiers publics ne relient pas à ce "
        "diplôme peuvent exister, à vérifier avec l'établissement."
    )


def _kind_within_reach(
    r: Row,
    kinds: set[tuple[Any, Any]],
    fields: set[str],
    by_kind: dict[tuple[Any, Any], list[Row]],
) -> bool:
    """Whether a programme of the next steps' type and level is offered within REACH_KM that
    is of the same filière, or whose field the data cannot tell (no sector: the Parcoursup
    programmes have no diploma code); the data may then only lack the passerelle to it.
    ``by_kind``: the offers with coordinates by (type, level), the territory's and those
    within reach outside it (GapData.kind_offers)."""
    o = r["offer"]
    for kind in kinds:
        for x in by_kind.get(kind, ()):
            if x.get("sectors") and fields.isdisjoint(x["sectors"]):
                continue
            xo = x["offer"]
            if haversine_km(o["lat"], o["lon"], xo["lat"], xo["lon"]) <= REACH_KM:
                return True
    return False


def nearest_text(n: Row) -> str:
    """The nearest next step outside, in French; distances as the pathways say them.

    >>> nearest_text({"diploma_name": "BTS MCO", "actor": "Lycée A", "commune": "Albi",
    ...               "km": 0.3})
    'BTS MCO à Lycée A (Albi), à moins de 1 km'
    >>> nearest_text({"diploma_name": "BTS MCO", "actor": "Lycée A", "km": 2.5})
    'BTS MCO à Lycée A, à 3 km'
    """
    place = n.get("commune") or (
        departement_place(n["departement"]) if n.get("departement") else None
    )
    if n.get("commune") and n.get("commune_from") == "coordinates":
        place = f"près {de_place(n['commune'])}"  # only the commune nearest its position
    return (
        f"{n['diploma_name']} à {n['actor']}"
        + (f" ({place})" if place else "")
        + f", à {km_phrase(n['km'], None)}"  # « à moins de 1 km », as the pathways say
    )


def _nearest_outside(r: Row, targets: set[str], all_offers: dict[str, list[Row]]) -> Row | None:
    """The nearest offer of one of ``targets``; at equal distance the smallest diploma code,
    then establishment id, so that the report is the same in every process (a set's order
    depends on the process's string hashing)."""
    o = r["offer"]
    best = None
    best_key: tuple[float, str, str] | None = None
    # a degree of latitude is at least 111 km: an offer farther in latitude alone than the
    # best found (or than the search's bound, beyond which no nearest is said) is skipped
    # without its distance, the same answer (a région's report met 2 000 such offers per
    # dead end)
    bound = NEAREST_MAX_KM + 1.0
    for code in sorted(targets):
        for x in all_offers.get(code, []):
            xo = x["offer"]
            if xo.get("lat") is None or o.get("lat") is None:
                continue
            if abs(xo["lat"] - o["lat"]) * 111.0 > bound:
                continue
            km = haversine_km(o["lat"], o["lon"], xo["lat"], xo["lon"])
            key = (km, code, str(x["actor"]["id"]))
            if best_key is None or key < best_key:
                best_key = key
                bound = min(bound, km + 1.0)
                best = {
                    "diploma": code,
                    "diploma_name": x["diploma"]["name"],
                    "actor_id": x["actor"]["id"],
                    "actor": x["actor"]["name"],
                    "commune": xo.get("commune"),
                    "commune_from": offer_commune(x)[1],
                    "departement": insee_departement(dep)
                    if (dep := xo.get("departement"))
                    else None,
                    "km": round(km, 1),
                }
    return best
