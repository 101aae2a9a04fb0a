"""Read and validate seed files (one TOML file per campus, plus the national table of documented
continuations, a file without ``[campus]``) before anything is written.

All files of a directory are validated together: records may refer to records of another file
(a diploma defined once and offered by several campuses, a shared site). The first problem found
raises :class:`SeedError`, whose message names the file, the record and the field, and nothing is
written: :func:`graph.ingest.seed_loader.load_seeds` only runs on a fully valid :class:`SeedSet`.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.errors import SeedError
from graph.models import (
    ActorRecord,
    DiplomaRecord,
    PlatformRecord,
    SectorRecord,
    SeedFile,
    SiteRecord,
)

__all__ = ["SeedSet", "build_seed_set", "load_seed_dir", "merge_records", "parse_seed_file"]


@dataclass
class SeedSet:
    """Validated seed files plus the merged indexes the loader needs."""

    files: dict[Path, SeedFile] = field(default_factory=dict)
    sites: dict[str, SiteRecord] = field(default_factory=dict)
    actors: dict[str, ActorRecord] = field(default_factory=dict)
    diplomas: dict[str, DiplomaRecord] = field(default_factory=dict)
    sectors: dict[str, SectorRecord] = field(default_factory=dict)
    platforms: dict[str, PlatformRecord] = field(default_factory=dict)


def _record_label(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """'actors[3] (id=lycee-x)' from a pydantic error location and the raw document."""
    if not loc:
        return "file"
    section = loc[0]
    if len(loc) >= 2 and isinstance(loc[1], int):
        items = raw.get(section) or []
        label = f"{section}[{loc[1]}]"
        if loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            for key in ("id", "code", "insee"):
                if key in item:
                    return f"{label} ({key}={item[key]})"
            if "actor" in item and "diploma" in item:
                return f"{label} (actor={item['actor']}, diploma={item['diploma']})"
        return label
    return str(section)


def _unstorable_number(value: Any, loc: tuple[Any, ...] = ()) -> tuple[tuple[Any, ...], str] | None:
    """The first number no engine can store (an integer outside 64 bits, TOML's inf or nan),
    with its location, or None: ``cmq validate`` must refuse what ``cmq load`` would."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return loc, "integer too large (the database stores 64-bit integers)"
    if isinstance(value, float) and not math.isfinite(value):
        return loc, "not a finite number"
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for k, v in items:
        found = _unstorable_number(v, (*loc, k))
        if found is not None:
            return found
    return None


def parse_seed_file(path: Path) -> SeedFile:
    """Parse and validate one file; raise SeedError naming file, record and field."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise SeedError(path, "file", None, f"not UTF-8 text ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(path, "file", None, f"invalid TOML: {exc}") from exc
    bad = _unstorable_number(raw)
    if bad is not None:
        loc, why = bad
        fld = ".".join(str(p) for p in loc[2:]) or None
        raise SeedError(path, _record_label(raw, loc), fld, why)
    try:
        return SeedFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        record = _record_label(raw, loc)
        fld = (
            ".".join(str(p) for p in loc[2:])
            if len(loc) > 2
            else (str(loc[1]) if len(loc) == 2 and not isinstance(loc[1], int) else None)
        )
        more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
        raise SeedError(path, record, fld, f"{first['msg']}{more}") from exc


_PER_FILE = ("source", "field_sources", "facts", "sectors", "campus_role")
"""Fields a record may state differently in each file that names it: they are merged."""


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    return [*a, *(x for x in b if x not in a)]


def merge_records(old: Any, new: Any) -> Any:
    """One record from two files' definitions of it: facts and sectors of both (in file order,
    without repeats), field sources of both (the first file's wins on the same field), the first
    file's source. ``campus_role`` is read per file by the loader, not from the merged record."""
    update: dict[str, Any] = {}
    for name in ("facts", "sectors"):
        if name in type(old).model_fields:
            update[name] = _union(getattr(old, name), getattr(new, name))
    update["field_sources"] = {**new.field_sources, **old.field_sources}
    return old.model_copy(update=update)


def _merge(index: dict[str, Any], key: str, rec: Any, path: Path, where: str) -> None:
    """Records defined in several files must agree (same content except what each file says of
    it: sources, facts, sectors, role); what each file says is kept (:func:`merge_records`)."""
    old = index.get(key)
    if old is None:
        index[key] = rec
        return
    if old.model_dump(exclude=set(_PER_FILE)) != rec.model_dump(exclude=set(_PER_FILE)):
        raise SeedError(
            path, where, None, f"conflicts with the definition of {key!r} in another file"
        )
    index[key] = merge_records(old, rec)


def _check_refs(path: Path, sf: SeedFile, seeds: SeedSet) -> None:
    def need(ok: bool, record: str, fld: str, msg: str) -> None:
        if not ok:
            raise SeedError(path, record, fld, msg)

    for i, a in enumerate(sf.actors):
        rec = f"actors[{i}] (id={a.id})"
        need(a.site is None or a.site in seeds.sites, rec, "site", f"unknown site {a.site!r}")
        need(
            a.parent is None or a.parent in seeds.actors,
            rec,
            "parent",
            f"unknown actor {a.parent!r}",
        )
        for s in a.sectors:
            need(s in seeds.sectors, rec, "sectors", f"unknown sector {s!r}")
    for i, d in enumerate(sf.diplomas):
        for s in d.sectors:
            need(
                s in seeds.sectors,
                f"diplomas[{i}] (code={d.code})",
                "sectors",
                f"unknown sector {s!r}",
            )
    for i, o in enumerate(sf.offers):
        rec = f"offers[{i}] (actor={o.actor}, diploma={o.diploma})"
        need(o.actor in seeds.actors, rec, "actor", f"unknown actor {o.actor!r}")
        need(o.diploma in seeds.diplomas, rec, "diploma", f"unknown diploma {o.diploma!r}")
        site = o.site or seeds.actors[o.actor].site
        need(site is not None, rec, "site", "no site given and the actor has none")
        need(site in seeds.sites, rec, "site", f"unknown site {site!r}")
    for i, p in enumerate(sf.platforms):
        rec = f"platforms[{i}] (id={p.id})"
        need(p.host is None or p.host in seeds.actors, rec, "host", f"unknown actor {p.host!r}")
        need(p.site is None or p.site in seeds.sites, rec, "site", f"unknown site {p.site!r}")
        for s in p.sectors:
            need(s in seeds.sectors, rec, "sectors", f"unknown sector {s!r}")
    for i, pa in enumerate(sf.passerelles):
        rec = f"passerelles[{i}] (id={pa.id})"
        for c in [*pa.from_, *pa.to]:
            need(c in seeds.diplomas, rec, "from/to", f"unknown diploma {c!r}")
        for party in pa.parties:
            need(party in seeds.actors, rec, "parties", f"unknown actor {party!r}")
        need(not set(pa.from_) & set(pa.to), rec, "to", "a passerelle cannot lead to its own start")
    for i, pt in enumerate(sf.partnerships):
        rec = f"partnerships[{i}] ({pt.a} - {pt.b})"
        need(pt.a in seeds.actors, rec, "a", f"unknown actor {pt.a!r}")
        need(pt.b in seeds.actors, rec, "b", f"unknown actor {pt.b!r}")
        need(pt.a != pt.b, rec, "b", "an actor cannot partner with itself")
    for i, dm in enumerate(sf.demand):
        need(dm.sector in seeds.sectors, f"demand[{i}]", "sector", f"unknown sector {dm.sector!r}")
    for i, t in enumerate(sf.transport_links):
        rec = f"transport_links[{i}] ({t.a} - {t.b})"
        need(t.a in seeds.sites, rec, "a", f"unknown site {t.a!r}")
        need(t.b in seeds.sites, rec, "b", f"unknown site {t.b!r}")


def _check_unique(path: Path, sf: SeedFile) -> None:
    sections: Iterable[tuple[str, list[Any], str]] = (
        ("sectors", sf.sectors, "id"),
        ("sites", sf.sites, "insee"),
        ("actors", sf.actors, "id"),
        ("diplomas", sf.diplomas, "code"),
        ("platforms", sf.platforms, "id"),
        ("passerelles", sf.passerelles, "id"),
    )
    for name, items, key in sections:
        seen: set[str] = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                raise SeedError(
                    path, f"{name}[{i}] ({key}={value})", key, "duplicate id in this file"
                )
            seen.add(value)
    offer_keys: set[tuple[str, str, str | None, str | None]] = set()
    for i, o in enumerate(sf.offers):
        k = (o.actor, o.diploma, o.site, o.modality.value if o.modality else None)
        if k in offer_keys:
            raise SeedError(
                path,
                f"offers[{i}] (actor={o.actor}, diploma={o.diploma})",
                "modality",
                "duplicate offer (same actor, diploma, site and modality)",
            )
        offer_keys.add(k)


def load_seed_dir(directory: Path) -> SeedSet:
    """Validate every ``*.toml`` file of a directory (or one file) into a SeedSet."""
    paths = [directory] if directory.is_file() else sorted(directory.glob("*.toml"))
    if not paths:
        raise SeedError(directory, "directory", None, "no *.toml seed file found")
    return build_seed_set({path: parse_seed_file(path) for path in paths})


def build_seed_set(files: dict[Path, SeedFile]) -> SeedSet:
    """Check and merge already parsed files (ids unique, definitions agreeing across files,
    every reference resolved) into a SeedSet; used for files read from disk and generated ones."""
    seeds = SeedSet()
    for path, sf in files.items():
        _check_unique(path, sf)
        seeds.files[path] = sf
    campus_ids: dict[str, Path] = {}
    passerelle_ids: dict[str, Path] = {}
    sector_ids: dict[str, Path] = {}
    for path, sf in seeds.files.items():
        if sf.campus is not None:
            if sf.campus.id in campus_ids:
                raise SeedError(
                    path, "campus", "id", f"campus id also used in {campus_ids[sf.campus.id].name}"
                )
            campus_ids[sf.campus.id] = path
        for i, p in enumerate(sf.passerelles):
            if p.id in passerelle_ids:
                raise SeedError(
                    path, f"passerelles[{i}] (id={p.id})", "id", "passerelle id used twice"
                )
            passerelle_ids[p.id] = path
        for i, sec in enumerate(sf.sectors):
            # a sector is a fact of the campus whose document names it: two files giving one
            # id would merge two campuses' filières into one node citing the first file only
            # (the Campus Numérique's « Numérique » cited the Auto'Mobilités interview)
            if sec.id in sector_ids:
                raise SeedError(
                    path,
                    f"sectors[{i}] (id={sec.id})",
                    "id",
                    f"sector id also defined in {sector_ids[sec.id].name}: a sector belongs "
                    "to one campus, give each file's its own id",
                )
            sector_ids[sec.id] = path
        for i, s in enumerate(sf.sites):
            _merge(seeds.sites, s.insee, s, path, f"sites[{i}] (insee={s.insee})")
        for i, sec in enumerate(sf.sectors):
            _merge(seeds.sectors, sec.id, sec, path, f"sectors[{i}] (id={sec.id})")
        for i, d in enumerate(sf.diplomas):
            _merge(seeds.diplomas, d.code, d, path, f"diplomas[{i}] (code={d.code})")
        for i, a in enumerate(sf.actors):
            _merge(seeds.actors, a.id, a, path, f"actors[{i}] (id={a.id})")
        for i, pf in enumerate(sf.platforms):
            _merge(seeds.platforms, pf.id, pf, path, f"platforms[{i}] (id={pf.id})")
    for path, sf in seeds.files.items():
        _check_refs(path, sf, seeds)
    return seeds
