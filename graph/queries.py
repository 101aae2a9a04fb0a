"""Typed read functions over a GraphStore: named query in, pydantic models out."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graph.diploma_links import link_entries
from graph.diploma_names import closed_note, display_name, name_note, readable
from graph.diploma_search import search_diplomas
from graph.errors import NotFound
from graph.ingest.opendata.renewal import MAX_HOPS, open_successors
from graph.models import uai_of
from graph.offer_lines import one_line_per_offer, under_successors
from graph.store import GraphStore
from graph.text import joined, normalise
from graph.views import (
    ActorDetail,
    ActorSummary,
    CampusDetail,
    CampusSummary,
    DiplomaDetail,
    DiplomaSummary,
    Page,
    PasserelleDetail,
    PasserelleOut,
    PlatformOut,
    SiteOut,
    drop_nulls,
)


def _facts(props: dict[str, Any]) -> list[dict[str, Any]]:
    raw = props.pop("facts_json", None)
    return json.loads(raw) if raw else []


def _field_sources(props: dict[str, Any]) -> dict[str, str]:
    raw = props.pop("field_sources_json", None)
    return json.loads(raw) if raw else {}


def _q(text: str | None) -> str | None:
    if text is None:
        return None
    folded = normalise(text)
    return folded or None


def _page(
    store: GraphStore, name: str, offset: int, limit: int, **filters: Any
) -> tuple[int, list[dict[str, Any]]]:
    """One page of a list query. Text search matches every word of ``q`` in any order."""
    if "q" in filters:
        filters["words"] = filters["q"].split() if filters["q"] else []
    rows = store.read(name, skip=offset, limit=limit, **filters)
    if not rows:
        return 0, []
    return rows[0]["total"], rows[0]["items"]


def list_campuses(store: GraphStore) -> list[CampusSummary]:
    return [
        CampusSummary(
            **r["campus"],
            members=r["members"],
            actors=r["actors"],
            offers=r["offers"],
            min_level=r["min_level"],
            max_level=r["max_level"],
        )
        for r in store.read("campuses_list")
    ]


def get_campus(store: GraphStore, campus_id: str) -> CampusDetail:
    rows = store.read("campus_get", id=campus_id)
    if not rows:
        raise NotFound(
            "campus", campus_id, _suggest(campus_id, [c.id for c in list_campuses(store)])
        )
    r = rows[0]
    props = dict(r["campus"])
    facts = _facts(props)
    raw_figures = props.pop("figures_json", None)
    return CampusDetail(
        **props,
        facts=facts,
        figures=json.loads(raw_figures) if raw_figures else [],
        members=drop_nulls(r["members"]),
        sectors=drop_nulls(r["sectors"]),
        demand=drop_nulls(r["demand"]),
    )


def list_actors(
    store: GraphStore,
    *,
    kind: str | None = None,
    campus: str | None = None,
    departement: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[ActorSummary]:
    total, items = _page(
        store,
        "actors_list",
        offset,
        limit,
        kind=kind,
        campus=campus,
        departement=departement,
        q=_q(q),
        # « Lafayette » finds « Lycée La Fayette »: the words in the name, or the words without
        # their apostrophes and hyphens in the name without its spaces, apostrophes and hyphens
        keys=[k for w in (q or "").split() if (k := joined(w))],
    )
    return Page[ActorSummary](
        total=total, offset=offset, limit=limit, items=[ActorSummary(**i) for i in items]
    )


def actor_id_of(store: GraphStore, key: str) -> str:
    """The id of the actor ``key`` names: an actor id, or an establishment's UAI (what readers
    have on school documents: ``0060034E``); ``key`` itself when no actor carries that UAI."""
    uai = uai_of(key)
    rows = store.read("actor_id_by_uai", uai=uai) if uai else []
    return str(rows[0]["id"]) if rows else key


def get_actor(store: GraphStore, key: str) -> ActorDetail:
    """One actor by its id or its UAI."""
    rows = store.read("actor_get", id=actor_id_of(store, key))
    if not rows:
        uai = uai_of(key)
        raise NotFound("uai", uai) if uai else NotFound("actor", key)
    r = rows[0]
    props = dict(r["actor"])
    facts, field_sources = _facts(props), _field_sources(props)
    offers = drop_nulls(r["offers"])
    return ActorDetail(
        **props,
        # the annuaire's GRETA column (graph/ingest/opendata/directories.py), never shown before
        greta="greta" in (props.get("directory_flags") or ()),
        facts=facts,
        field_sources=field_sources,
        memberships=drop_nulls(r["memberships"]),
        # the diploma of each offer named as everywhere else (its code is under "diploma")
        # one line per real offer: a closed diploma's offer its renovation carries on is not
        # shown beside it, nor beside its successor's own offer; the others said closed
        # (graph/offer_lines.py)
        offers=[
            readable({**o, "code": o["diploma"], "renewed_from": o.get("renewed_from") or []})
            for o in under_successors(one_line_per_offer(offers), _open_heirs(store, offers))
        ],
        partners=drop_nulls(r["partners"]),
        platforms=drop_nulls(r["platforms"]),
        parents=drop_nulls(r["parents"]),
        children=drop_nulls(r["children"]),
        sectors=drop_nulls(r["sectors"]),
        passerelles=drop_nulls(r["passerelles"]),
    )


def _open_heirs(
    store: GraphStore, offers: Iterable[Mapping[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """For each closed diploma of ``offers``: the open diplomas that replace it (RENAMED_TO,
    following closed ones on as the import does, :func:`open_successors`), as rows with
    ``code``, ``name``, ``type`` (``diplomas_brief``, one read per renovation step)."""
    closed = sorted({str(o["diploma"]) for o in offers if o.get("closed")})
    successors: dict[str, list[str]] = {}
    briefs: dict[str, dict[str, Any]] = {}
    frontier = closed
    for _ in range(MAX_HOPS + 1):
        if not frontier:
            break
        for row in store.read("diplomas_brief", codes=frontier):
            briefs[row["d"]["code"]] = dict(row["d"])
            successors[row["d"]["code"]] = list(row["successors"])
        frontier = sorted({s for c in frontier for s in successors.get(c, ())} - set(briefs))
    gone = {c for c, d in briefs.items() if d.get("closed")}
    return {
        code: [briefs[s] for s in open_successors(code, successors, gone) if s in briefs]
        for code in closed
    }


def list_sites(
    store: GraphStore,
    *,
    departement: str | None = None,
    campus: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[SiteOut]:
    total, items = _page(
        store, "sites_list", offset, limit, departement=departement, campus=campus, q=_q(q)
    )
    out = []
    for i in items:
        props = dict(i)
        out.append(SiteOut(**props, facts=_facts(props)))
    return Page[SiteOut](total=total, offset=offset, limit=limit, items=out)


def list_diplomas(
    store: GraphStore,
    *,
    level: int | None = None,
    type: str | None = None,
    campus: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[DiplomaSummary]:
    total, items = _page(
        store, "diplomas_list", offset, limit, level=level, type=type, campus=campus, q=_q(q)
    )
    return Page[DiplomaSummary](
        total=total, offset=offset, limit=limit, items=[DiplomaSummary.of(i) for i in items]
    )


def diploma_search_rows(store: GraphStore) -> list[dict[str, Any]]:
    """The diplomas index of the search by usual names (``diplomas_search_index``), each
    closed diploma's offers counted without those now its successor's
    (``diplomas_carried_offers``, :func:`without_carried`)."""
    return without_carried(
        store.read("diplomas_search_index"), store.read("diplomas_carried_offers")
    )


def without_carried(
    rows: list[dict[str, Any]], carried: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """``rows`` with ``offers`` less the ``carried`` ones (by code) and ``carried`` set: the
    offers of a closed diploma at an establishment that offers its successor are carried to
    that successor by the import (status renewed); counted for the closed one too, the search
    listed the closed « Aide-soignant (diplôme d'État) » with the 58 offers of the Diplôme
    d'État d'aide-soignant that replaced it, as if still offered.

    >>> without_carried([{"code": "1", "offers": 58}, {"code": "2", "offers": 58}],
    ...                 [{"code": "1", "carried": 58}])
    [{'code': '1', 'offers': 0, 'carried': 58}, {'code': '2', 'offers': 58}]
    """
    by_code = {str(c["code"]): int(c.get("carried") or 0) for c in carried}
    if not by_code:
        return rows
    out = []
    for r in rows:
        n = by_code.get(str(r["code"]))
        if n:
            r = {**r, "offers": max(0, int(r.get("offers") or 0) - n), "carried": n}
        out.append(r)
    return out


def suggest_diplomas(
    store: GraphStore, text: str, n: int = 5, rows: list[dict[str, Any]] | None = None
) -> list[str]:
    """Diplomas close in name and meaning to an unknown code or name: 'CODE (name)' strings.

    A name (a path writes its spaces as hyphens) is looked up as the search by usual names
    does (graph/diploma_search.py: acronyms, typos, the nearest names). A BCN code is read for
    what it means: its first three digits are the kind and level of diploma, the next three
    its speciality group (NSF), so the suggestions are the diplomas of the same kind and
    speciality, the most offered first; never codes that merely share digits. ``rows``: the
    diplomas index when the caller keeps it (the API does: reading it again for each unknown
    code took most of a 404's time, docs/performance.md)."""
    if rows is None:
        rows = diploma_search_rows(store)
    by_code = {r["code"]: r for r in rows}
    wanted = text.strip()
    codes: list[str] = []
    if re.search(r"[A-Za-z]{3}", wanted):
        found = search_diplomas(rows, wanted.replace("-", " ").replace("_", " "), limit=n)
        codes += [h.row["code"] for h in found.hits] + [r["code"] for r in found.suggestions]
    # a letter typed for a digit (« 4002552O »: O for 0, I or l for 1) is the code it looks like
    digits = wanted.upper().translate(str.maketrans("OIL", "011"))
    if not codes and digits != wanted.upper() and re.fullmatch(r"\d{8}", digits):
        codes += [digits] if digits in by_code else []
        wanted = digits
    if re.fullmatch(r"\d{8}", wanted):
        same = [r for r in rows if r["code"][:6] == wanted[:6] and r["code"] != wanted]
        same.sort(key=lambda r: (-(r.get("offers") or 0), r["name"] or ""))
        codes += [r["code"] for r in same]
    seen: list[str] = []
    for c in codes:
        if c not in seen:
            seen.append(c)
    # « CODE (name) »: the web page reads the code before the first space
    return [f"{c} ({display_name(by_code[c])})" for c in seen[:n]]


def _named(diplomas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Diplomas by code, each named as people write it (:func:`readable`)."""
    return sorted((readable(d) for d in diplomas), key=lambda d: d["code"])


def get_diploma(
    store: GraphStore,
    code: str,
    index: Callable[[], list[dict[str, Any]]] | None = None,
) -> DiplomaDetail:
    """One diploma; an unknown code raises NotFound with close diplomas (``index``: gives the
    diplomas index the caller keeps, read from the store when None)."""
    rows = store.read("diploma_get", code=code)
    if not rows:
        raise NotFound(
            "diploma", code, suggest_diplomas(store, code, rows=index() if index else None)
        )
    r = rows[0]
    props = dict(r["diploma"])
    field_sources = _field_sources(props)
    successors = drop_nulls(r["successors"])
    # the note as the search says it (« fermé en 2025, remplacé par … »), from the stored row
    note = closed_note(props, successors) or name_note(props)
    props["closed"] = bool(props.get("closed"))
    campus_names = {
        c["id"]: c.get("short_name") or c.get("name") or c["id"]
        for c in store.read("gaps_campuses")
    }
    return DiplomaDetail(
        **readable(props),
        field_sources=field_sources,
        offers=drop_nulls(r["offers"]),
        next=[readable(x) for x in link_entries(drop_nulls(r["next"]), campus_names)],
        previous=[readable(x) for x in link_entries(drop_nulls(r["previous"]), campus_names)],
        sectors=drop_nulls(r["sectors"]),
        replaced_by=sorted(s["code"] for s in successors),
        successors=_named(successors),
        predecessors=_named(drop_nulls(r["predecessors"])),
        note=note,
    )


def list_platforms(
    store: GraphStore,
    *,
    kind: str | None = None,
    campus: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[PlatformOut]:
    total, items = _page(store, "platforms_list", offset, limit, kind=kind, campus=campus, q=_q(q))
    out = []
    for i in items:
        props = dict(i)
        props["hosts"] = drop_nulls(props.get("hosts") or [])
        out.append(PlatformOut(**props, facts=_facts(props)))
    return Page[PlatformOut](total=total, offset=offset, limit=limit, items=out)


def get_platform(store: GraphStore, platform_id: str) -> PlatformOut:
    """One platform by its id: a client that knows the id (a map's link) asks it, rather than
    reading a page of the list (a platform beyond the first page was not found)."""
    rows = store.read("platform_get", id=platform_id)
    if not rows:
        raise NotFound("platform", platform_id)
    props = dict(rows[0]["platform"])
    props["hosts"] = drop_nulls(props.get("hosts") or [])
    return PlatformOut(**props, facts=_facts(props))


def list_passerelles(
    store: GraphStore,
    *,
    campus: str | None = None,
    kind: str | None = None,
    origin: str | None = None,
    diploma: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page[PasserelleOut]:
    total, items = _page(
        store,
        "passerelles_list",
        offset,
        limit,
        campus=campus,
        kind=kind,
        origin=origin,
        diploma=diploma,
    )
    return Page[PasserelleOut](
        total=total, offset=offset, limit=limit, items=[PasserelleOut(**i) for i in items]
    )


def get_passerelle(store: GraphStore, passerelle_id: str) -> PasserelleDetail:
    rows = store.read("passerelle_get", id=passerelle_id)
    if not rows:
        raise NotFound("passerelle", passerelle_id)
    r = rows[0]
    return PasserelleDetail(
        **r["passerelle"],
        from_diplomas=[readable(x) for x in drop_nulls(r["from"])],
        to_diplomas=[readable(x) for x in drop_nulls(r["to"])],
        party_actors=drop_nulls(r["parties"]),
    )


def node_counts(store: GraphStore) -> dict[str, int]:
    return {r["label"]: r["count"] for r in store.read("health_counts")}


def relationship_counts(store: GraphStore) -> dict[str, int]:
    return {r["type"]: r["count"] for r in store.read("relationship_counts")}


def _suggest(text: str, candidates: list[str], n: int = 5) -> list[str]:
    return difflib.get_close_matches(text, candidates, n=n, cutoff=0.5)
