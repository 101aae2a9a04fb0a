"""Edits by campus managers: create, update and delete actors, offers, passerelles and
partnerships, each recorded in the change log (who, when, source).

Every edit is validated first (the records it refers to must exist, the records it creates must
not), then written by ONE named query that also writes its ``Change`` node — a single query is
atomic on both engines, so an edit lands whole or not at all. The checks and the write run under
the store's write lock (:meth:`graph.store.GraphStore.exclusive`): no other edit, of this process or
another, comes in between, so 20 identical creates make one record and nineteen 409s. The
queries log a change only when they changed something, and the log holds the fields sent.

Data created by edits carries ``origin = 'edit'``: a seed reload leaves it alone (edits to
seed-born data are overwritten by the next ``cmq load``; change the seed file for lasting
corrections).
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Concatenate, ParamSpec, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from graph.editors import Editor
from graph.errors import Conflict, EditInvalid, Forbidden, NotFound
from graph.models import (
    PRINTABLE,
    ActorKind,
    DiplomaCode,
    Id,
    Insee,
    Modality,
    OfferStatus,
    PartnershipKind,
    PasserelleKind,
    Share,
    Source,
    Text,
    Uai,
)
from graph.passerelles import documented_leg, documented_props
from graph.store import GraphStore
from graph.text import normalise
from graph.touched import Touched, touching

Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300, strip_whitespace=True, pattern=PRINTABLE),
]


class Edit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Source = Field(description="Why this change is true: a document, a letter, a page.")


class ActorCreate(Edit):
    id: Id
    name: Name
    kind: ActorKind
    uai: Uai | None = None
    site: Insee | None = None
    public: bool | None = None
    campus: Id | None = None
    campus_role: Text | None = None
    sectors: list[Id] = Field(default_factory=list, max_length=50)
    boarding_places: Annotated[int, Field(ge=0, le=100_000)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S{1,500}$")] | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _role_needs_campus(self) -> ActorCreate:
        if self.campus_role and not self.campus:
            raise ValueError("campus_role demande un campus")
        return self


class ActorUpdate(Edit):
    name: Name | None = None
    kind: ActorKind | None = None
    uai: Uai | None = None
    site: Insee | None = None
    public: bool | None = None
    boarding_places: Annotated[int, Field(ge=0, le=100_000)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S{1,500}$")] | None = None
    description: Text | None = None

    @field_validator("name", "kind", mode="before")
    @classmethod
    def _required_in_reads(cls, v: object) -> object:
        # Every read model of an actor requires a name and a kind: an explicit null would delete
        # the property and every page showing the actor would fail. Only optional fields may be
        # cleared with null (validators do not run on the default, so omitting them is fine).
        if v is None:
            raise ValueError("ce champ ne peut pas être retiré, seulement changé")
        return v

    @model_validator(mode="after")
    def _something(self) -> ActorUpdate:
        if not self.model_fields_set - {"source"}:
            raise ValueError("rien à modifier")
        return self


class OfferCreate(Edit):
    actor: Id
    diploma: DiplomaCode
    site: Insee | None = Field(default=None, description="Defaults to the actor's site.")
    modality: Modality
    status: OfferStatus = OfferStatus.OPEN
    capacity: Annotated[int, Field(ge=0, le=100_000)] | None = None
    year: Annotated[int, Field(ge=1990, le=2100)] | None = None
    note: Text | None = None


class OfferDelete(Edit):
    actor: Id
    diploma: DiplomaCode
    modality: Modality
    site: Insee | None = None


class PasserelleCreate(Edit):
    id: Id
    kind: PasserelleKind
    from_: list[DiplomaCode] = Field(alias="from", min_length=1, max_length=50)
    to: list[DiplomaCode] = Field(min_length=1, max_length=50)
    rate: Share | None = None
    entrant_share: Share | None = None
    reserved_share: Share | None = None
    conditions: Text | None = None
    modality: Modality | None = None
    parties: list[Id] = Field(default_factory=list, max_length=50)
    campus: Id | None = None
    description: Text | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _no_loop(self) -> PasserelleCreate:
        if set(self.from_) & set(self.to):
            raise ValueError("une passerelle ne peut pas mener à son propre départ")
        return self


class PartnershipCreate(Edit):
    a: Id
    b: Id
    kind: PartnershipKind
    status: OfferStatus = OfferStatus.OPEN
    description: Text | None = None

    @model_validator(mode="after")
    def _two_actors(self) -> PartnershipCreate:
        if self.a == self.b:
            raise ValueError("un acteur ne peut pas être son propre partenaire")
        return self


class PartnershipDelete(Edit):
    a: Id
    b: Id
    kind: PartnershipKind


class ChangeOut(BaseModel):
    id: str
    at: str
    by: str
    action: str
    target: str
    source: str
    payload: dict[str, Any]


# --- helpers ---------------------------------------------------------------------------------

P = ParamSpec("P")
R = TypeVar("R")


def _serialised(
    edit: Callable[Concatenate[GraphStore, P], R],
) -> Callable[Concatenate[GraphStore, P], R]:
    """Run an edit (its checks and its write) under the store's write lock."""

    @functools.wraps(edit)
    def run(store: GraphStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store.exclusive():
            return edit(store, *args, **kwargs)

    return run


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _change(user: str, action: str, target: str, source: str, payload: BaseModel) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "at": _now(),
        "by": user,
        "action": action,
        "target": target,
        "source": source,
        "payload_json": json.dumps(
            payload.model_dump(mode="json", by_alias=True, exclude_unset=True),
            ensure_ascii=False,
            sort_keys=True,
        ),
    }


def _existing(store: GraphStore, **keys: list[str]) -> set[tuple[str, str]]:
    params = {
        k: keys.get(k, [])
        for k in ("actors", "diplomas", "sites", "sectors", "campuses", "passerelles")
    }
    return {(r["label"], r["key"]) for r in store.read("edit_lookup", **params)}


_UNKNOWN_FR = {
    "Actor": "acteur inconnu",
    "Diploma": "diplôme inconnu",
    "Site": "commune inconnue",
    "Sector": "filière inconnue",
    "Campus": "campus inconnu",
    "Passerelle": "passerelle inconnue",
}


def _require(found: set[tuple[str, str]], label: str, keys: list[str], field: str) -> None:
    missing = [k for k in keys if (label, k) not in found]
    if missing:
        raise EditInvalid(field, f"{_UNKNOWN_FR.get(label, 'inconnu')} : {', '.join(missing)}")


def _geo(store: GraphStore, insee: str | None) -> dict[str, Any]:
    if insee is None:
        return {
            "insee": None,
            "commune": None,
            "departement": None,
            "region_code": None,
            "lat": None,
            "lon": None,
        }
    rows = store.read("site_geo", insee=insee)
    return rows[0]


def _actor_campuses(store: GraphStore, *actor_ids: str) -> set[str]:
    """The campuses actors belong to (their ``campuses`` list and their memberships)."""
    out: set[str] = set()
    for actor_id in actor_ids:
        for row in store.read("actor_get", id=actor_id):
            out.update(row["actor"].get("campuses") or [])
            out.update(m["campus"] for m in row.get("memberships") or [] if m and m.get("campus"))
    return out


def _allowed(user: str, campuses: set[str], what: str) -> None:
    """Forbidden unless the editor's token covers one of ``campuses`` (graph/editors.py)."""
    scope = user.campuses if isinstance(user, Editor) else None
    if scope is None or campuses & scope:
        return
    raise Forbidden(
        f"Ce jeton ne permet de modifier que les campus {', '.join(sorted(scope))} : "
        f"{what} n'en relève pas."
    )


def _stamp(user: str, source: str) -> dict[str, Any]:
    return {"updated_by": user, "updated_at": _now(), "update_source": source}


# --- actors ----------------------------------------------------------------------------------


@_serialised
def create_actor(store: GraphStore, user: str, e: ActorCreate) -> str:
    found = _existing(
        store,
        actors=[e.id],
        sites=[e.site] if e.site else [],
        sectors=e.sectors,
        campuses=[e.campus] if e.campus else [],
    )
    if ("Actor", e.id) in found:
        raise Conflict(f"L'acteur {e.id} existe déjà.")
    _allowed(user, {e.campus} if e.campus else set(), "un acteur sans campus de ce jeton")
    if e.site:
        _require(found, "Site", [e.site], "site")
    if e.campus:
        _require(found, "Campus", [e.campus], "campus")
    _require(found, "Sector", e.sectors, "sectors")
    props = {
        "id": e.id,
        "name": e.name,
        "name_norm": normalise(e.name),
        "kind": e.kind.value,
        "uai": e.uai,
        "public": e.public,
        "boarding_places": e.boarding_places,
        "url": e.url,
        "description": e.description,
        "source": e.source,
        "campuses": [e.campus] if e.campus else [],
        "origin": "edit",
        **_geo(store, e.site),
        **_stamp(user, e.source),
    }
    with touching(store, Touched.of(actors=[e.id])):
        store.write(
            "edit_actor_create",
            props=props,
            site=e.site,
            campus=e.campus,
            campus_role=e.campus_role,
            sectors=e.sectors,
            source=e.source,
            change=_change(user, "create", f"Actor:{e.id}", e.source, e),
        )
    return e.id


@_serialised
def update_actor(store: GraphStore, user: str, actor_id: str, e: ActorUpdate) -> str:
    found = _existing(store, actors=[actor_id], sites=[e.site] if e.site else [])
    if ("Actor", actor_id) not in found:
        raise NotFound("actor", actor_id)
    _allowed(user, _actor_campuses(store, actor_id), f"l'acteur {actor_id}")
    if e.site:
        _require(found, "Site", [e.site], "site")
    fields = e.model_dump(exclude={"source", "site"}, exclude_unset=True, mode="json")
    props: dict[str, Any] = {**fields, **_stamp(user, e.source)}
    if "name" in fields:
        props["name_norm"] = normalise(fields["name"])
    if e.site:
        props.update(_geo(store, e.site))
    with touching(store, Touched.of(actors=[actor_id])):
        rows = store.write(
            "edit_actor_update",
            id=actor_id,
            props=props,
            site=e.site,
            source=e.source,
            change=_change(user, "update", f"Actor:{actor_id}", e.source, e),
        )
    if not rows:
        raise NotFound("actor", actor_id)
    return actor_id


@_serialised
def delete_actor(store: GraphStore, user: str, actor_id: str, source: str) -> None:
    e = Edit(source=source)
    if ("Actor", actor_id) not in _existing(store, actors=[actor_id]):
        raise NotFound("actor", actor_id)
    _allowed(user, _actor_campuses(store, actor_id), f"l'acteur {actor_id}")
    with touching(store, Touched.of(actors=[actor_id], links=[actor_id])):
        rows = store.write(
            "edit_actor_delete",
            id=actor_id,
            change=_change(user, "delete", f"Actor:{actor_id}", e.source, e),
        )
    if not rows or rows[0]["deleted"] == 0:
        raise NotFound("actor", actor_id)


# --- offers ----------------------------------------------------------------------------------


@_serialised
def create_offer(store: GraphStore, user: str, e: OfferCreate) -> dict[str, Any]:
    found = _existing(
        store, actors=[e.actor], diplomas=[e.diploma], sites=[e.site] if e.site else []
    )
    _require(found, "Actor", [e.actor], "actor")
    _require(found, "Diploma", [e.diploma], "diploma")
    _allowed(user, _actor_campuses(store, e.actor), f"l'acteur {e.actor}")
    site = e.site
    if site is None:
        actor_site = store.read("actor_get", id=e.actor)[0]["actor"].get("insee")
        if actor_site is None:
            raise EditInvalid("site", "l'acteur n'a pas de commune : indiquez-en une")
        site = actor_site
    else:
        _require(found, "Site", [site], "site")
    geo = _geo(store, site)
    existing = [
        o
        for o in store.read("actor_get", id=e.actor)[0]["offers"]
        if o
        and o.get("diploma") == e.diploma
        and o.get("modality") == e.modality.value
        and o.get("site") == site
    ]
    if existing:
        raise Conflict(f"{e.actor} propose déjà {e.diploma} ({e.modality.value}) à {site}.")
    props = {
        "site": site,
        "commune": geo["commune"],
        "departement": geo["departement"],
        "region_code": geo["region_code"],
        "lat": geo["lat"],
        "lon": geo["lon"],
        "modality": e.modality.value,
        "status": e.status.value,
        "capacity": e.capacity,
        "year": e.year,
        "note": e.note,
        "source": e.source,
        "origin": "edit",
        **_stamp(user, e.source),
    }
    # the actor's node is not changed but for the places of its offers, which only the gap
    # reports read (edit_offer_create): its diploma's offers are what the write changed
    with touching(store, Touched.of(diplomas=[e.diploma])):
        rows = store.write(
            "edit_offer_create",
            actor=e.actor,
            diploma=e.diploma,
            site=site,
            props=props,
            change=_change(user, "create", f"Offer:{e.actor}>{e.diploma}", e.source, e),
        )
    if not rows:  # the actor was deleted in between (nothing written, nothing logged)
        raise NotFound("actor", e.actor)
    return {"actor": e.actor, "diploma": e.diploma, "site": site, "modality": e.modality.value}


@_serialised
def delete_offer(store: GraphStore, user: str, e: OfferDelete) -> int:
    actor = store.read("actor_get", id=e.actor)
    offers = actor[0]["offers"] if actor else []
    if not any(
        o
        and o.get("diploma") == e.diploma
        and o.get("modality") == e.modality.value
        and (e.site is None or o.get("site") == e.site)
        for o in offers
    ):
        raise NotFound("offer", f"{e.actor} > {e.diploma} ({e.modality.value})")
    _allowed(user, _actor_campuses(store, e.actor), f"l'acteur {e.actor}")
    # the actor's node is not changed: its diploma's offers are what the write changed
    with touching(store, Touched.of(diplomas=[e.diploma])):
        rows = store.write(
            "edit_offer_delete",
            actor=e.actor,
            diploma=e.diploma,
            modality=e.modality.value,
            site=e.site,
            change=_change(user, "delete", f"Offer:{e.actor}>{e.diploma}", e.source, e),
        )
    deleted = rows[0]["deleted"] if rows else 0
    if deleted == 0:
        raise NotFound("offer", f"{e.actor} > {e.diploma} ({e.modality.value})")
    return deleted


# --- passerelles -----------------------------------------------------------------------------


@_serialised
def create_passerelle(store: GraphStore, user: str, e: PasserelleCreate) -> str:
    found = _existing(
        store,
        passerelles=[e.id],
        diplomas=[*e.from_, *e.to],
        actors=e.parties,
        campuses=[e.campus] if e.campus else [],
    )
    if ("Passerelle", e.id) in found:
        raise Conflict(f"La passerelle {e.id} existe déjà.")
    _allowed(user, {e.campus} if e.campus else set(), "une passerelle sans campus de ce jeton")
    _require(found, "Diploma", e.from_, "from")
    _require(found, "Diploma", e.to, "to")
    _require(found, "Actor", e.parties, "parties")
    if e.campus:
        _require(found, "Campus", [e.campus], "campus")
    props = {
        **documented_props(e, e.campus),
        "id": e.id,
        "created_by_edit": True,
        **_stamp(user, e.source),
    }
    leg = {**documented_leg(e, e.campus), "origin": "edit"}
    with touching(store, Touched.of(diplomas=[*e.from_, *e.to], passerelles=[e.id])):
        store.write(
            "edit_passerelle_create",
            props=props,
            from_codes=list(e.from_),
            to_codes=list(e.to),
            parties=list(e.parties),
            leg=leg,
            source=e.source,
            change=_change(user, "create", f"Passerelle:{e.id}", e.source, e),
        )
    return e.id


@_serialised
def delete_passerelle(store: GraphStore, user: str, passerelle_id: str, source: str) -> None:
    e = Edit(source=source)
    if ("Passerelle", passerelle_id) not in _existing(store, passerelles=[passerelle_id]):
        raise NotFound("passerelle", passerelle_id)
    rows = store.read("passerelle_get", id=passerelle_id)
    campus = rows[0]["passerelle"].get("campus") if rows else None
    _allowed(user, {campus} if campus else set(), f"la passerelle {passerelle_id}")
    with touching(store, Touched.of(passerelles=[passerelle_id])):
        rows = store.write(
            "edit_passerelle_delete",
            id=passerelle_id,
            change=_change(user, "delete", f"Passerelle:{passerelle_id}", source, e),
        )
    if not rows or rows[0]["deleted"] == 0:
        raise NotFound("passerelle", passerelle_id)


# --- partnerships ----------------------------------------------------------------------------


@_serialised
def create_partnership(store: GraphStore, user: str, e: PartnershipCreate) -> dict[str, str]:
    found = _existing(store, actors=[e.a, e.b])
    _require(found, "Actor", [e.a], "a")
    _require(found, "Actor", [e.b], "b")
    _allowed(user, _actor_campuses(store, e.a, e.b), f"le partenariat {e.a} – {e.b}")
    partners = store.read("actor_get", id=e.a)[0]["partners"]
    if any(p and p.get("id") == e.b and p.get("partnership") == e.kind.value for p in partners):
        raise Conflict(f"{e.a} et {e.b} ont déjà un partenariat {e.kind.value}.")
    props = {
        "kind": e.kind.value,
        "status": e.status.value,
        "description": e.description,
        "source": e.source,
        "origin": "edit",
        **_stamp(user, e.source),
    }
    with touching(store, Touched.of(links=[e.a, e.b])):
        rows = store.write(
            "edit_partnership_create",
            a=e.a,
            b=e.b,
            props=props,
            change=_change(user, "create", f"Partnership:{e.a}-{e.b}", e.source, e),
        )
    if not rows:
        raise NotFound("actor", f"{e.a} / {e.b}")
    return {"a": e.a, "b": e.b, "kind": e.kind.value}


@_serialised
def delete_partnership(store: GraphStore, user: str, e: PartnershipDelete) -> int:
    actor = store.read("actor_get", id=e.a)
    partners = actor[0]["partners"] if actor else []
    if not any(p and p.get("id") == e.b and p.get("partnership") == e.kind.value for p in partners):
        raise NotFound("partnership", f"{e.a} - {e.b} ({e.kind.value})")
    _allowed(user, _actor_campuses(store, e.a, e.b), f"le partenariat {e.a} – {e.b}")
    with touching(store, Touched.of(links=[e.a, e.b])):
        rows = store.write(
            "edit_partnership_delete",
            a=e.a,
            b=e.b,
            kind=e.kind.value,
            change=_change(user, "delete", f"Partnership:{e.a}-{e.b}", e.source, e),
        )
    deleted = rows[0]["deleted"] if rows else 0
    if deleted == 0:
        raise NotFound("partnership", f"{e.a} - {e.b} ({e.kind.value})")
    return deleted


# --- change log ------------------------------------------------------------------------------


def list_changes(
    store: GraphStore, *, target: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[int, list[ChangeOut]]:
    rows = store.read("changes_list", target=target, skip=offset, limit=limit)
    if not rows:
        return 0, []
    items = [
        ChangeOut(
            **{k: v for k, v in i.items() if k != "payload_json"},
            payload=json.loads(i["payload_json"] or "{}"),
        )
        for i in rows[0]["items"]
    ]
    return rows[0]["total"], items
