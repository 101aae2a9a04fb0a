"""Section 1, continuum breaks: per filière, the levels offered, planned and missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection

from graph.campus_scope import own_field_ties
from graph.gaps.demand import field_file, field_tie_text, trained_for
from graph.gaps.findings import (
    LEVELS,
    SEVERITY_RANK,
    Finding,
    NodeRef,
    Row,
    actor_ref,
    dedupe,
    levels_text,
)
from graph.gaps.foreign import SectorBasis, basis_sources, basis_text
from graph.gaps.level_coverage import uncovered_levels
from graph.gaps.rows import GapData
from graph.models import OPEN_STATUSES
from graph.text import named_and_counted
from graph.thin_coverage import UNSURE_FROM, UPPER_LEVELS

__all__ = ["continuum_breaks", "field_continuum", "next_level_offers"]

ELSEWHERE_NAMED = 3  # the diplomas of other fields named per level reached through them


def continuum_breaks(
    d: GapData, *, sector: str | None = None, sector_name: str | None = None
) -> list[Finding]:
    """Per filière (and for all of them, ``*``), the levels 3 to 7 offered, planned and
    missing in the territory; a level missing between two offered ones is a break (high).
    With a filière asked (``sector``, named ``sector_name``), that filière's only: its offers
    are the report's (``inside_for_sector``), titled by its name, never « toutes filières »."""
    groups: dict[str, list[Row]] = defaultdict(list)
    # where a filière comes from: the campus document that names it
    cited = {
        s["sector"]["id"]: s["sector"]["source"] for s in d.sectors if s["sector"].get("source")
    }
    if sector and d.basis is not None:
        return [_public_continuum(d.basis, d.inside_for_sector)]
    # the filières tied to their training by their NSF groups only (own_field_ties): said
    by_field = {
        s["sector"]["id"]: fields for s in d.sectors if (fields := own_field_ties(s["sector"]))
    }
    if sector:
        names = {sector: sector_name or sector}
        groups[sector] = list(d.inside_for_sector)
        return _findings(
            groups,
            names,
            campus_sectors={s["sector"]["id"] for s in d.sectors},
            cited=cited,
            coverage=(d.level_sources, d.territory_sources),
            elsewhere=_elsewhere(groups, d),
            unfiled=unfiled_offers(d.inside),
            by_field=by_field,
        )
    # a filière belongs to the campuses covering it: only those of the territory are used
    kinds = {
        s["sector"]["id"]: s["sector"]["kind"]
        for s in d.sectors
        if set(s["campuses"]) & d.local_campuses
    }
    sector_names = {s["sector"]["id"]: s["sector"]["name"] for s in d.sectors}
    # all of them, each Bac+3 or Bac+5 only where it continues a lower level of its field
    groups["*"], aside = field_continuum(d.inside_for_sector)
    # the offers that train for a filière: by the campus's records or by a ROME code of the
    # diploma, as the demand section counts them (the Puy-de-Dôme's « Maintenance
    # industrielle » is taught at Lycée La Fayette; its continuum was not judged)
    # (every sector's, worked out once for the report: graph/gaps/demand.py; the filières
    # kept)
    for sid, rows in trained_for(d, d.inside_for_sector).items():
        if kinds.get(sid) == "filiere":
            groups[sid] = rows
    if not groups["*"]:
        del groups["*"]
    names = {sid: sector_names.get(sid, sid) for sid in groups}
    names["*"] = "toutes filières"
    names = _told_apart(names, d.sectors, d.campus_names)
    return _findings(
        groups,
        names,
        campus_sectors=set(sector_names),
        cited=cited,
        aside={"*": aside},
        coverage=(d.level_sources, d.territory_sources),
        elsewhere=_elsewhere(groups, d),
        unfiled=unfiled_offers(d.inside),
        by_field=by_field,
    )


def unfiled_offers(inside: list[Row]) -> dict[int, list[Row]]:
    """By level (Bac+3 and Bac+5), the territory's engineering programmes whose field
    nothing gives: no NSF group, no ROME code, and a name that says only the admission track
    (Parcoursup's « Formation d'ingénieur Bac + 5 – Bac général »). Any filière's Bac+5 may be
    among them. A licence names its field (« Licence – Arts plastiques »): it is not one.

    >>> def row(level, nsf=None, rome=(), kind="ingenieur"):
    ...     return {"diploma": {"level": level, "nsf": nsf, "rome_codes": list(rome),
    ...             "type": kind}, "offer": {"status": "open"}}
    >>> {lv: len(rows) for lv, rows in unfiled_offers([row(7), row(7, "255"), row(6, None, ["H1"]),
    ...     row(6), row(6, kind="licence"), row(5)]).items()}
    {7: 1, 6: 1}
    """
    out: dict[int, list[Row]] = defaultdict(list)
    for r in inside:
        level = r["diploma"].get("level")
        if (
            level in LEVELS
            and level >= UNSURE_FROM
            and _counts(r)
            and r["diploma"].get("type") == "ingenieur"
            and _group(r) is None
            and not r["diploma"].get("rome_codes")
        ):
            out[level].append(r)
    return dict(out)


def _unfiled_text(levels: list[int], rows: dict[int, list[Row]]) -> str:
    """What the continuum says of a Bac+3 or Bac+5 the filière lacks while the territory
    offers programmes of that level whose field the files do not give (French).

    >>> r = {"diploma": {"name": "Formation d'ingénieur Bac + 5 – Bac général"},
    ...      "actor": {"name": "ESIGELEC"}}
    >>> print(_unfiled_text([7], {7: [r, r]}))
     Bac+5 (7) : aucune formation de la filière recensée ici, mais 2 formations de ce niveau proposées sur ce territoire n'ont pas de domaine dans les fichiers (Formation d'ingénieur Bac + 5 – Bac général (ESIGELEC)) : elles peuvent en relever, une absence n'est pas établie (à vérifier).
    """  # noqa: E501
    parts = []
    for lv in levels:
        said = _diplomas_where(rows[lv])
        n = len(rows[lv])
        parts.append(
            f"{levels_text([lv])} : aucune formation de la filière recensée ici, mais "
            + (
                f"{n} formations de ce niveau proposées sur ce territoire n'ont"
                if n > 1
                else "1 formation de ce niveau proposée sur ce territoire n'a"
            )
            + f" pas de domaine dans les fichiers ({named_and_counted(said, len(said), 3)}) : "
            + ("elles peuvent" if n > 1 else "elle peut")
            + " en relever, une absence n'est pas établie (à vérifier)."
        )
    return "".join(f" {p}" for p in parts)


def _elsewhere(groups: dict[str, list[Row]], d: GapData) -> dict[str, dict[int, list[Row]]]:
    """Per filière (not ``*``, which holds every offer), :func:`next_level_offers` of its
    offers in the territory's."""
    steps = d.steps()
    return {
        gid: next_level_offers(rows, d.inside, steps.at)
        for gid, rows in groups.items()
        if gid != "*" and rows
    }


def next_level_offers(
    own: list[Row], inside: list[Row], next_of: Callable[[str, str | None], Collection[str]]
) -> dict[int, list[Row]]:
    """By level, the territory's offers (``inside``, counted) of other diplomas than the
    filière's (``own``) that an open offer of the filière at a lower level leads to (its
    known next steps, ``next_of(code, département)``: :meth:`graph.gaps.rows.NextSteps.at`),
    the diploma closed in the BCN or not: its holders are there, and its renovation, which
    the files may not list yet, leads where it led.
    A filière's level is not missing where its own diplomas lead, in the territory, to a
    diploma of that level filed elsewhere: the Doubs's Bac pro technicien d'usinage (NSF 251)
    leads to the BTS CPRP (NSF 223) offered in the Doubs, and « usinage » was said to lack
    every Bac+2 (« rupture », high).

    >>> def offer(code, level, dep="025", status="open"):
    ...     return {"diploma": {"code": code, "level": level}, "offer": {"status": status,
    ...             "departement": dep}}
    >>> own = [offer("bacpro", 4), offer("cap", 3), offer("gone", 4, status="closed")]
    >>> inside = own + [offer("cprp", 5), offer("other", 5), offer("cap2", 3), offer("bts", 5)]
    >>> nexts = {"bacpro": {"cprp", "cap2"}, "cap": {"bacpro"}, "gone": {"bts"}}
    >>> found = next_level_offers(own, inside, lambda code, dep: nexts.get(code, ()))
    >>> {lv: [r["diploma"]["code"] for r in rows] for lv, rows in found.items()}
    {5: ['cprp']}
    """
    own_codes = {r["diploma"]["code"] for r in own}
    lowest: dict[str, int] = {}  # a next step -> the lowest level of an offer leading to it
    for code, dep, level in {
        (r["diploma"]["code"], r["offer"].get("departement"), r["diploma"]["level"])
        for r in own
        if r["offer"]["status"] in OPEN_STATUSES and r["diploma"].get("level") in LEVELS
    }:
        for target in next_of(code, dep):
            lowest[target] = min(lowest.get(target, level), level)
    out: dict[int, list[Row]] = defaultdict(list)
    for r in inside:
        code = r["diploma"]["code"]
        if code in own_codes or code not in lowest or not _counts(r):
            continue
        if r["diploma"]["level"] > lowest[code]:
            out[r["diploma"]["level"]].append(r)
    return dict(out)


def _diplomas_where(rows: list[Row]) -> list[str]:
    """Each diploma of ``rows`` once, with the establishments offering it (two named):
    « BTS CPRP (Lycée X, Lycée Y (et 1 autre)) », by name."""
    where: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        where[r["diploma"]["name"]].add(r["actor"]["name"])
    return [
        f"{name} ({named_and_counted(sorted(actors), len(actors), 2).replace(' ;', ',')})"
        for name, actors in sorted(where.items())
    ]


def _elsewhere_text(levels: list[int], rows: dict[int, list[Row]]) -> str:
    """What the continuum says of the levels its filière reaches through other diplomas of
    the territory (:func:`next_level_offers`), French; ``""`` when none.

    >>> r = {"diploma": {"code": "1", "name": "BTS CPRP"}, "actor": {"name": "Lycée X"}}
    >>> print(_elsewhere_text([5], {5: [r]}))
     Bac+2 (5) : aucune formation de la filière elle-même sur ce territoire, mais celles de la filière qui y sont recensées mènent (suites connues) à d'autres formations de ce niveau proposées ici : BTS CPRP (Lycée X).
    """  # noqa: E501
    parts = []
    for lv in levels:
        said = _diplomas_where(rows[lv])
        parts.append(
            f"{levels_text([lv])} : aucune formation de la filière elle-même sur ce territoire, "
            "mais celles de la filière qui y sont recensées mènent (suites connues) à d'autres "
            f"formations de ce niveau proposées ici : "
            f"{named_and_counted(said, len(said), ELSEWHERE_NAMED)}."
        )
    return "".join(f" {p}" for p in parts)


def _group(r: Row) -> str | None:
    """The NSF group of an offer's diploma; None when it names no field (none, « non
    spécifié » x99 / 999)."""
    nsf = str(r["diploma"].get("nsf") or "")
    if len(nsf) != 3 or not nsf.isdigit() or nsf.endswith("99"):
        return None
    return nsf


def _counts(r: Row) -> bool:
    return (
        r["offer"]["status"] in OPEN_STATUSES
        and r["diploma"].get("level") in LEVELS
        and not r["diploma"].get("closed")
    )


def field_continuum(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The offers the all-formations continuum counts, and those it sets aside: a Bac+3 or a
    Bac+5 (UNSURE_FROM and above) counts only when it continues a lower level of its own field
    offered in the territory and counted itself, a diploma of the same NSF group or sharing a
    ROME code with it (a chain from a CAP, a Bac or a Bac+2 of the field). A CAP, a Bac or a
    BTS is entered after 3e or after any bac: each counts as is; so does an offer whose
    diploma has neither NSF group nor ROME code (nothing tells its field).

    The Creuse's only Bac+5 was a DSAA in design (NSF 220, after the DN MADE of the same
    lycée): no CAP, Bac nor Bac+2 of the Creuse leads there, and its « toutes filières »
    continuum offered « every level from CAP to Bac+5 ».

    >>> def row(level, nsf, rome=()):
    ...     return {"diploma": {"level": level, "nsf": nsf, "rome_codes": list(rome)},
    ...             "offer": {"status": "open"}}
    >>> kept, aside = field_continuum([row(3, "251"), row(5, "251"), row(7, "251"),
    ...     row(6, "220"), row(7, "220"), row(5, "255", ["H1"]), row(7, "200", ["H1"]),
    ...     row(6, None)])
    >>> [(r["diploma"]["level"], r["diploma"]["nsf"]) for r in aside]
    [(6, '220'), (7, '220')]
    """
    groups: set[str] = set()  # the fields reached by the levels counted so far
    romes: set[str] = set()
    apart: set[int] = set()
    for level in LEVELS:
        at = [r for r in rows if r["diploma"].get("level") == level]
        reached_groups: set[str] = set()
        reached_romes: set[str] = set()
        for r in at:
            group, codes = _group(r), set(r["diploma"].get("rome_codes") or ())
            if (
                level >= UNSURE_FROM
                and (group is not None or codes)
                and group not in groups
                and not codes & romes
            ):
                apart.add(id(r))
                continue
            if _counts(r):
                reached_groups |= {group} if group is not None else set()
                reached_romes |= codes
        groups |= reached_groups
        romes |= reached_romes
    return [r for r in rows if id(r) not in apart], [r for r in rows if id(r) in apart]


def _aside_text(aside: list[Row], missing: list[int]) -> str:
    """Why the offers set aside (:func:`field_continuum`) at the levels now missing do not
    count (French), or ``""``."""
    said = sorted(
        {
            f"{r['diploma']['name']} ({r['actor']['name']})"
            for r in aside
            if r["diploma"].get("level") in missing and _counts(r)
        }
    )
    if not said:
        return ""
    many = len(said) > 1
    return (
        f" Non compté{'s' if many else ''} : {' ; '.join(said)} : aucune formation de niveau "
        "inférieur du même domaine de formation (NSF) ni du même métier (ROME) ne "
        f"{'les' if many else 'le'} précède sur ce territoire, "
        f"{'ils ne prolongent' if many else 'il ne prolonge'} pas le continuum."
    )


def _findings(
    groups: dict[str, list[Row]],
    names: dict[str, str],
    *,
    campus_sectors: set[str],
    cited: dict[str, str] | None = None,
    aside: dict[str, list[Row]] | None = None,
    coverage: tuple[dict[int, frozenset[str]], set[str]] = ({}, set()),
    elsewhere: dict[str, dict[int, list[Row]]] | None = None,
    unfiled: dict[int, list[Row]] | None = None,
    by_field: dict[str, tuple[str, ...]] | None = None,
) -> list[Finding]:
    """One finding per group of offers that misses a level or plans one; ``campus_sectors``:
    the groups that are a sector node to link to (not ``*`` nor a field of training);
    ``cited``: the source of each filière. A finding cites its filière's source and the files
    listing its offers (at most 10 sources in all); ``aside``: per group, the offers its
    continuum does not count (:func:`field_continuum`), said where a level is missing;
    ``coverage``: per level the imported files listing it, and the files of the territory's
    offers: a level some such file holds no row of the territory in is not covered, said so,
    never « absent » (graph/gaps/level_coverage.py); ``elsewhere``: per group, by level, the
    territory's offers of other diplomas its own lead to (:func:`next_level_offers`): a level
    so reached is not missing, said so (``levels_reached_elsewhere``); ``unfiled``: by
    level, the territory's Bac+3 and Bac+5 whose field the files do not give
    (:func:`unfiled_offers`): a filière's level among them is not established missing, said
    so (``levels_field_unknown``; tester25: « Absents : Bac+5 » for the Seine-Maritime's
    electrical engineering, beside ESIGELEC's five engineering programmes); ``by_field``: the
    filières whose offers are those of their NSF groups (``own_field_ties``): said, with the
    groups in ``linked_by``; a level none of their field offers is ``levels_unlinked``, to
    check, never missing (low): another field's diploma may prepare for the filière."""
    out = []
    for gid, rows in groups.items():
        if not rows:
            continue
        open_levels = sorted(
            {
                r["diploma"]["level"]
                for r in rows
                if r["offer"]["status"] in OPEN_STATUSES
                and r["diploma"]["level"] in LEVELS
                and not r["diploma"].get("closed")  # closed in the BCN: not offered
            }
        )
        planned_rows = [r for r in rows if r["offer"]["status"] == "planned"]
        planned_levels = sorted(
            {r["diploma"]["level"] for r in planned_rows if r["diploma"]["level"] in LEVELS}
            - set(open_levels)
        )
        lacking = [lv for lv in LEVELS if lv not in open_levels and lv not in planned_levels]
        # a level the filière's own diplomas lead to, in the territory, through a diploma
        # filed elsewhere: reached, not missing
        further = (elsewhere or {}).get(gid, {})
        # (only beside levels of its own offered there: with none, nothing is « its own »)
        reached = [lv for lv in lacking if further.get(lv) and open_levels]
        lacking = [lv for lv in lacking if lv not in reached]
        if not lacking and not planned_rows and not reached:
            continue
        # a level whose files say nothing of the territory: not covered, not absent
        uncovered = uncovered_levels(lacking, *coverage)
        missing = [lv for lv in lacking if lv not in uncovered]
        # a Bac+3 or Bac+5 the territory offers programmes of without a known field: they
        # may be the filière's (« * » counts them already)
        unknown = [lv for lv in missing if gid != "*" and (unfiled or {}).get(lv)]
        missing = [lv for lv in missing if lv not in unknown]
        name = names[gid]
        # tied by its NSF groups only: a level none of its field offers may be another
        # field's, to check, never absent (as another territory's filière, _public_continuum)
        fields = (by_field or {}).get(gid, ())
        unlinked = missing if fields else []
        missing = [] if fields else missing
        inner = [lv for lv in missing if open_levels and open_levels[0] < lv < open_levels[-1]]
        # a missing Bac+3 or Bac+5 may be a gap of the files, not of the territory
        unsure = bool(inner) and min(inner) >= UNSURE_FROM
        severity = "high" if inner and not unsure else ("medium" if missing else "low")
        parts = [f"Niveaux proposés : {levels_text(open_levels)}"]
        if planned_levels or planned_rows:
            planned_desc = "; ".join(
                sorted({f"{r['diploma']['name']} ({r['actor']['name']})" for r in planned_rows})
            )
            parts.append(f"En projet : {planned_desc}")
        if missing:
            parts.append(f"Absents : {levels_text(missing)}")
        if unlinked:
            parts.append(f"Aucune formation de son domaine de formation : {levels_text(unlinked)}")
        why = ". ".join(parts) + "." + _aside_text((aside or {}).get(gid, []), missing)
        if fields:
            why += f" {field_tie_text(fields)}"
        why += _elsewhere_text(reached, further)
        if uncovered:
            why += _uncovered_text(uncovered)
        if unknown:
            why += _unfiled_text(unknown, unfiled or {})
        if inner and not unsure:
            why += (
                f" La rupture au niveau {', '.join(map(str, inner))} oblige les apprenants "
                "à quitter le territoire pour poursuivre."
            )
        elif inner:
            why += (
                f" La rupture au niveau {', '.join(map(str, inner))}, si elle se confirme, "
                "obligerait les apprenants à quitter le territoire pour poursuivre."
            )
        if any(lv >= UNSURE_FROM for lv in missing):
            why += UPPER_LEVELS
        nodes = [NodeRef(type="sector", key=gid, name=name)] if gid in campus_sectors else []
        nodes += [
            NodeRef(type="diploma", key=r["diploma"]["code"], name=r["diploma"]["name"])
            for r in planned_rows
        ]
        nodes += [actor_ref(r["actor"]) for r in planned_rows]
        out.append(
            Finding(
                id=f"continuum:{gid}",
                title=f"Continuum {name}",
                why=why,
                severity=severity,
                nodes=dedupe(nodes),
                data={
                    "group": gid,
                    "levels_offered": open_levels,
                    "levels_planned": planned_levels,
                    "levels_missing": missing,
                    # no diploma of the filière there, but its own lead to others offered in
                    # the territory (next_level_offers)
                    "levels_reached_elsewhere": reached,
                    "reached_by": [
                        {"diploma": code, "actor": actor}
                        for code, actor in sorted(
                            {
                                (r["diploma"]["code"], r["actor"]["id"])
                                for lv in reached
                                for r in further[lv]
                            }
                        )[:20]
                    ],
                    # lacking, but the files listing these levels hold no row of the territory
                    "levels_not_covered": sorted(uncovered),
                    # lacking, but programmes of these levels whose field the files do not
                    # give are offered in the territory (unfiled_offers)
                    "levels_field_unknown": unknown,
                    "planned_offers": [
                        {
                            "diploma": r["diploma"]["code"],
                            "actor": r["actor"]["id"],
                            "commune": r["offer"].get("commune"),
                        }
                        for r in planned_rows
                    ],
                    "offers": len(rows),
                    **(
                        {"linked_by": {"nsf": list(fields)}, "levels_unlinked": unlinked}
                        if fields
                        else {}
                    ),
                },
                sources=_sources(gid, rows, planned_rows, cited or {}, fields),
            )
        )
    out.sort(key=lambda f: (f.id != "continuum:*", SEVERITY_RANK[f.severity], f.title))
    return out


def _told_apart(
    names: dict[str, str], sectors: list[Row], campus_names: dict[str, str]
) -> dict[str, str]:
    """Filières of two campuses bearing the same name (the Auvergne-Rhône-Alpes' two
    « Maintenance industrielle »), each named with its campus: two identical findings told
    nothing of which was which.

    >>> sectors = [{"sector": {"id": "a"}, "campuses": ["c1"]},
    ...            {"sector": {"id": "b"}, "campuses": ["c2"]}]
    >>> _told_apart({"a": "Maintenance", "b": "Maintenance", "x": "Soudage"}, sectors,
    ...             {"c1": "Campus Auto", "c2": "CMQ Industrie"})
    {'a': 'Maintenance (Campus Auto)', 'b': 'Maintenance (CMQ Industrie)', 'x': 'Soudage'}
    """
    owners = {s["sector"]["id"]: s.get("campuses") or [] for s in sectors}
    counts: dict[str, int] = defaultdict(int)
    for name in names.values():
        counts[name] += 1
    out = {}
    for sid, name in names.items():
        campuses = [campus_names.get(c, "") for c in owners.get(sid, [])]
        campuses = sorted(c for c in campuses if c)
        out[sid] = f"{name} ({', '.join(campuses)})" if counts[name] > 1 and campuses else name
    return out


def _uncovered_text(uncovered: dict[int, list[str]]) -> str:
    """What the continuum says of the levels the territory's files cannot speak of (French).

    >>> _uncovered_text({5: ["Parcoursup", "BTS 2024"]})
    " Bac+2 (5) : aucune ligne de ce territoire dans « Parcoursup » et « BTS 2024 », qui \
décrivent ce niveau ; les données ne couvrent pas ce niveau ici, une absence n'est pas établie \
(à vérifier)."
    """
    said = []
    for lv, files in sorted(uncovered.items()):
        quoted = [f"« {f} »" for f in files]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]
        said.append(f"{levels_text([lv])} : aucune ligne de ce territoire dans {listed}")
    plural = len(uncovered) > 1
    return (
        " "
        + " ; ".join(said)
        + (", qui décrivent ces niveaux" if plural else ", qui décrivent ce niveau")
        + " ; les données ne couvrent pas "
        + ("ces niveaux" if plural else "ce niveau")
        + " ici, une absence n'est pas établie (à vérifier)."
    )


def _sources(
    gid: str,
    rows: list[Row],
    planned: list[Row],
    cited: dict[str, str],
    fields: tuple[str, ...] = (),
) -> list[str]:
    """The filière's document (and the BCN's file for the NSF groups tying its training:
    ``fields``), the planned offers' sources, then the other offers' files."""
    own = [cited[gid]] if gid in cited else []
    if fields:
        own.append(field_file(fields))
    first = sorted({r["offer"]["source"] for r in planned if r["offer"].get("source")})
    rest = sorted({r["offer"]["source"] for r in rows if r["offer"].get("source")} - set(first))
    return [*own, *first, *rest][: max(10, len(own) + len(first))]


def _public_continuum(basis: SectorBasis, rows: list[Row]) -> Finding:
    """The continuum of another territory's filière (graph/gaps/foreign.py): the levels at
    which a diploma the public files link to it is offered here. A level without one is not
    said missing: Certif Info gives each diploma a few jobs only (the CAP « réalisations
    industrielles en chaudronnerie ou soudage » is linked to the chaudronnier, not to the
    soudeur), so it is a level to check, never a break (low)."""
    offered = sorted(
        {
            r["diploma"]["level"]
            for r in rows
            if r["offer"]["status"] in OPEN_STATUSES
            and r["diploma"]["level"] in LEVELS
            and not r["diploma"].get("closed")
        }
    )
    unlinked = [lv for lv in LEVELS if lv not in offered]
    why = basis_text(basis)
    if offered:
        why += f" Niveaux où une telle formation est proposée ici : {levels_text(offered)}."
    else:
        why += " Aucune formation ainsi rattachée n'est proposée sur ce territoire."
    if offered and unlinked:
        why += (
            f" Aucune formation ainsi rattachée aux niveaux {levels_text(unlinked)} : un "
            "diplôme de ces niveaux peut y préparer sans que les fiches l'y rattachent, à "
            "vérifier avant d'y voir une rupture."
        )
    return Finding(
        id=f"continuum:{basis.sector}",
        title=f"Continuum {basis.name}",
        why=why,
        severity="low",
        nodes=[NodeRef(type="sector", key=basis.sector, name=basis.name)],
        data={
            "group": basis.sector,
            "levels_offered": offered,
            "levels_planned": [],
            "levels_missing": [],
            "levels_unlinked": unlinked,
            "linked_by": {"rome": list(basis.rome), "nsf": list(basis.nsf)},
            "campuses": list(basis.campuses),
            "planned_offers": [],
            "offers": len(rows),
        },
        sources=basis_sources(basis, rows),
    )
