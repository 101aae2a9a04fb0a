"""Section 3, unmet demand: jobs and filières with needs and no or too little local training."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from graph.campus_scope import fields_said, own_field_ties
from graph.citations import cite
from graph.departements import and_list, departements_phrase
from graph.gaps.findings import SEVERITY_RANK, Finding, NodeRef, Row, actor_ref, dedupe
from graph.gaps.rows import GapData
from graph.models import OPEN_STATUSES

__all__ = [
    "field_file",
    "field_tie_text",
    "sector_owners",
    "tied_to_training",
    "training_by_sector",
    "unmet_demand",
]

# why no diploma can count for a field without code (tester24: Fécamp's « Éolien » and the BTS
# option systèmes éoliens, which only the diploma's name ties to it: the words of names are
# not read, « Métallurgie » would take the CQPM « de la métallurgie »)
UNTIED = "ni les fiches du campus ni un code métier ROME ne la relient à une formation"


def field_file(codes: tuple[str, ...]) -> str:
    """The source of a tie by NSF groups: the BCN's diplomas file (as the public links of
    another territory's filière cite it, graph/gaps/foreign.py)."""
    return f"nFormationDiplome_.csv (diplômes du groupe NSF {', '.join(codes)})"


def field_tie_text(codes: tuple[str, ...]) -> str:
    """What a finding on a filière tied to its training by its NSF groups only says of that
    tie (French, :func:`graph.campus_scope.own_field_ties`): the data's only link, broader than
    the filière, to check.

    >>> print(field_tie_text(("227",)))
    Formations rattachées à la filière par son domaine de formation (« Énergie, génie climatique »), hors celles que le campus rattache à ses autres filières, le seul lien que donnent les fichiers (ni les fiches du campus ni un code métier ROME ne la relient à une formation) : un diplôme de ce domaine peut préparer à d'autres métiers, un diplôme d'un autre domaine à celle-ci, à vérifier.
    """  # noqa: E501
    return (
        f"Formations rattachées à la filière par son domaine de formation ({fields_said(codes)}), "
        f"hors celles que le campus rattache à ses autres filières, le seul lien que donnent les "
        f"fichiers ({UNTIED}) : un diplôme de ce domaine peut préparer à d'autres métiers, un "
        "diplôme d'un autre domaine à celle-ci, à vérifier."
    )


def training_by_sector(
    offers: list[Row], sectors: list[Row], owners: Mapping[str, Iterable[str]] | None = None
) -> dict[str, list[Row]]:
    """The offers that train for each sector: the diplomas a seed says train for it
    (``TRAINS_FOR``), and those whose jobs (the ROME codes Certif Info gives an imported
    diploma) include one of the sector's ROME codes — an open-data programme carries no seed
    sector, so without its jobs a territory's own training would not count; for a sector
    neither ties to any diploma, those of the NSF groups its seed gives
    (:func:`graph.campus_scope.own_field_ties`), but those the records of one of its
    campuses tie to another of its sectors (``owners``: each sector's campuses): the Mecanic
    Vallée files the BTS CPRP (NSF 223) under « Mécanique de précision », not under its
    « Métallurgie » (223).

    >>> bts = {"diploma": {"code": "32025014", "rome_codes": ["I1304", "I1309"]}, "sectors": []}
    >>> sorted(training_by_sector([bts], [{"id": "maint", "rome": ["I1304"]}]))
    ['maint']
    >>> mee = {"diploma": {"code": "40022706", "nsf": "227", "rome_codes": []}, "sectors": []}
    >>> sorted(training_by_sector([mee], [{"id": "nrj", "nsf": ["227"], "linked": 0},
    ...                                   {"id": "meca", "nsf": ["227"], "linked": 3}]))
    ['nrj']
    >>> cprp = {"diploma": {"code": "32022317", "nsf": "223"}, "sectors": ["mp"]}
    >>> metal = [{"id": "metal", "nsf": ["223"]}, {"id": "mp", "linked": 5}]
    >>> sorted(training_by_sector([cprp], metal, {"metal": ["mv"], "mp": ["mv"]}))
    ['mp']
    """
    by_rome: dict[str, list[str]] = defaultdict(list)
    by_nsf: dict[str, list[str]] = defaultdict(list)
    for s in sectors:
        for code in s.get("rome") or ():
            by_rome[code].append(s["id"])
        for group in own_field_ties(s):
            by_nsf[group].append(s["id"])
    # the other sectors of the campuses of each sector tied by its NSF groups
    others: dict[str, set[str]] = {}
    if by_nsf and owners:
        of_campus: dict[str, set[str]] = defaultdict(set)
        for sid, campuses in owners.items():
            for c in campuses:
                of_campus[c].add(sid)
        for sid in {x for ids in by_nsf.values() for x in ids}:
            others[sid] = {x for c in owners.get(sid, ()) for x in of_campus[c]} - {sid}
    out: dict[str, list[Row]] = defaultdict(list)
    # the sectors of a diploma's row once (the offers of one diploma share its rows,
    # graph/gaps/data.py: 6 000 offers, 2 000 diplomas for a campus at national size)
    known: dict[tuple[int, int], list[str]] = {}
    for r in offers:
        dip, seeded = r["diploma"], r["sectors"]
        ids = known.get((id(dip), id(seeded)))
        if ids is None:
            found = set(seeded)
            found.update(sid for code in dip.get("rome_codes") or () for sid in by_rome[code])
            if by_nsf and dip.get("nsf"):
                found.update(
                    sid
                    for sid in by_nsf.get(str(dip["nsf"]), ())
                    if not others.get(sid) or others[sid].isdisjoint(seeded)
                )
            ids = known[id(dip), id(seeded)] = sorted(found)
        for sid in ids:
            out[sid].append(r)
    return out


def trained_for(d: GapData, offers: list[Row]) -> dict[str, list[Row]]:
    """:func:`training_by_sector` of ``offers`` for every sector of the report (``d.sectors``),
    worked out once per list of offers: the continuum, demand and notes sections each asked
    it of the territory's offers (6 000 for a campus at national size). A sector's offers do
    not depend on the other sectors asked, nor do their order or the order the sectors are
    first met in: who wants some sectors only reads those.

    >>> bts = {"diploma": {"code": "1", "rome_codes": ["I1304"]}, "sectors": ["aero"]}
    >>> d = GapData(sectors=[{"sector": {"id": "maint", "rome": ["I1304"]}}])
    >>> offers = [bts]
    >>> sorted(trained_for(d, offers)), trained_for(d, offers) is trained_for(d, offers)
    (['aero', 'maint'], True)
    """
    got = d._trained.get(id(offers))
    if got is None or got[0] is not offers:
        got = d._trained[id(offers)] = (
            offers,
            training_by_sector(offers, [s["sector"] for s in d.sectors], sector_owners(d.sectors)),
        )
    return got[1]


def sector_owners(rows: Iterable[Row]) -> dict[str, list[str]]:
    """Each sector's campuses, from gaps_sectors rows (``training_by_sector``'s ``owners``)."""
    return {r["sector"]["id"]: list(r.get("campuses") or ()) for r in rows}


def tied_to_training(sector: Row) -> bool:
    """Whether the data can tell which programmes train for a sector: ROME codes (matched with
    the diplomas' jobs), diplomas a seed says train for it (``linked``, gaps_sectors), or else
    the NSF groups its seed gives (:func:`graph.campus_scope.own_field_ties`). With none, no
    programme can ever count for it and « no local training » would be asserted everywhere,
    whatever the territory teaches: the answer says it does not know.

    >>> tied_to_training({"rome": ["H2907"]}), tied_to_training({"rome": [], "linked": 2})
    (True, True)
    >>> tied_to_training({"rome": None, "linked": 0, "local_training_note": "…"})
    False
    >>> tied_to_training({"rome": None, "linked": 0, "nsf": ["227"]})
    True
    """
    return bool(sector.get("rome") or sector.get("linked") or own_field_ties(sector))


def unmet_demand(
    d: GapData, *, campus: str | None = None, sector: str | None = None
) -> list[Finding]:
    """Sectors with recorded hiring needs and no or too little local training (the capacity
    of the open offers of the territory), and campus filières with no local training."""
    by_sector = trained_for(d, d.inside)
    out = []
    for row in d.sectors:
        s = row["sector"]
        sid = s["id"]
        if sector and sid != sector:
            continue
        campuses = set(row["campuses"]) & d.local_campuses
        if campus and campus not in campuses:
            continue
        # a demand table belongs to the campus whose source gives it: only the territory's
        demand = [x for x in row["demand"] if x is not None and x["campus"] in d.local_campuses]
        latest = max(demand, key=lambda x: x["period"]) if demand else None
        training = by_sector.get(sid, [])
        # outside the campus's own report, its figure speaks for the part of the territory
        # the campus covers only (tester24: the Mecanic Vallée's « 39 recrutements » of the
        # Aveyron and the Lot weighed against the whole of Occitanie's training)
        part = (
            d.campus_departements.get(latest["campus"])
            if latest is not None and not campus
            else None
        )
        if part:
            training = [r for r in training if r["offer"].get("departement") in part]
        open_training = [
            r
            for r in training
            if r["offer"]["status"] in OPEN_STATUSES and not r["diploma"].get("closed")
        ]
        capacity_known = [
            r["offer"]["capacity"] for r in open_training if r["offer"].get("capacity") is not None
        ]
        capacity = sum(capacity_known) if capacity_known else None
        ref = NodeRef(type="sector", key=sid, name=s["name"])
        # tied by its NSF groups only: the data's one link, broader than the filière, said
        fields = own_field_ties(s)
        linked_by = {"linked_by": {"nsf": list(fields)}} if fields else {}
        if latest is not None:
            gap = latest["count"] - capacity if capacity is not None else None
            head = f"{latest['count']} recrutements recensés ({latest['period']})"
            if part:
                inside = sorted({str(r["offer"].get("departement")) for r in d.inside} & set(part))
                head = (
                    f"{head} par le {d.campus_names.get(latest['campus'], 'campus')} sur son "
                    f"territoire ({_document(latest['source'])}) ; dans la partie du territoire "
                    "qu'il couvre" + (f" ({departements_phrase(inside)})" if inside else "") + " :"
                )

            if not open_training and not tied_to_training(s):
                # nothing ties a programme to it: « aucune formation » would be asserted
                unknown = (
                    f"les fichiers ne permettent de rattacher cette filière à aucun diplôme "
                    f"({UNTIED}) : la formation locale qui y prépare n'est pas connue, à "
                    "vérifier."
                )
                why = _said(head, bool(part), f"mais {unknown}", unknown)
                severity = "medium"
            elif gap is not None and gap <= 0:
                why = _said(
                    head,
                    bool(part),
                    f"pour {capacity} places de formation connues sur le territoire : besoin "
                    "couvert en nombre, à surveiller (tous les diplômés ne restent pas).",
                    f"{capacity} places de formation connues, besoin couvert en nombre, à "
                    "surveiller (tous les diplômés ne restent pas).",
                )
                severity = "low"
            elif not open_training and fields:
                # no programme of its field here: another field's may train for it
                none = _no_field_training(fields, campus)
                why = _said(head, bool(part), f"et {none}", none)
                severity = "medium"
            elif not open_training:
                why = _said(
                    head,
                    bool(part),
                    "et aucune "
                    + (
                        "formation des établissements du campus qui y prépare."
                        if campus
                        else "formation locale qui y prépare."
                    ),
                    "aucune formation locale qui y prépare.",
                )
                severity = "high"
            elif capacity is None:
                why = _said(
                    head,
                    bool(part),
                    f"pour {len(open_training)} offre(s) locale(s) dont la capacité n'est pas "
                    "connue.",
                    f"{len(open_training)} offre(s) locale(s) dont la capacité n'est pas connue.",
                )
                severity = "low"
            else:
                why = _said(
                    head,
                    bool(part),
                    f"pour {capacity} places de formation connues sur le territoire "
                    f"(écart : {gap}).",
                    f"{capacity} places de formation connues (écart : {gap}).",
                )
                if len(capacity_known) < len(open_training):
                    why += (
                        f" Capacité connue pour {len(capacity_known)} offre(s) sur "
                        f"{len(open_training)}."
                    )
                severity = "high" if gap > latest["count"] / 2 else "medium"
            if fields and open_training:
                why += f" {field_tie_text(fields)}"
            out.append(
                Finding(
                    id=f"demand:{sid}",
                    title=s["name"],
                    why=why,
                    severity=severity,
                    nodes=[ref, *dedupe([actor_ref(r["actor"]) for r in open_training])],
                    data={
                        "sector": sid,
                        "rome": s.get("rome") or [],
                        "period": latest["period"],
                        "demand": latest["count"],
                        "capacity": capacity,
                        "gap": gap,
                        "offers": len(open_training),
                        "capacity_known_for": len(capacity_known),
                        "diplomas": sorted({r["diploma"]["code"] for r in open_training}),
                        "history": sorted(
                            ({"period": x["period"], "count": x["count"]} for x in demand),
                            key=lambda x: x["period"],
                        ),
                        **linked_by,
                    },
                    sources=sorted(
                        {latest["source"], *(field_file(fields) for _ in fields[:1])}
                        | {r["offer"]["source"] for r in open_training if r["offer"].get("source")}
                    )[:10],
                )
            )
        elif (
            s.get("kind") == "filiere"
            and campuses
            and not open_training
            and (s.get("local_training_note") or not sector)
        ):
            note = s.get("local_training_note")
            owner = _owner(campuses, d.campus_names, campus)
            tied = tied_to_training(s)
            if fields:  # none of its field here: another field's may train for it
                why = f"{owner} : {_no_field_training(fields, campus)}" + (
                    f" {note}" if note else ""
                )
            elif tied:
                why = (
                    f"{owner} sans aucune formation "
                    + ("recensée dans ses établissements." if campus else "locale recensée.")
                    + (f" {note}" if note else "")
                )
            else:  # nothing ties a programme to it: the data cannot say what trains for it
                # (a campus note on it, « Formation multi-sites envisagée », is no count of
                # the territory's programmes: Fécamp's « Éolien » has a BTS option éolien)
                why = (
                    f"{owner} que les fichiers ne permettent de rattacher à aucun diplôme "
                    f"({UNTIED}) : la formation locale qui y prépare n'est pas connue, à "
                    "vérifier." + (f" {note}" if note else "")
                )
            out.append(
                Finding(
                    id=f"demand:{sid}",
                    title=s["name"],
                    why=why,
                    severity="medium" if note and tied and not fields else "low",
                    nodes=[ref],
                    data={
                        "sector": sid,
                        "rome": s.get("rome") or [],
                        "demand": None,
                        "capacity": None,
                        "offers": 0,
                        "note": note,
                        **linked_by,
                    },
                    sources=([s["source"]] if s.get("source") else [])
                    + ([field_file(fields)] if fields else []),
                )
            )
    out.sort(key=lambda f: (SEVERITY_RANK[f.severity], -(f.data.get("gap") or 0), f.title))
    return out


def _no_field_training(fields: tuple[str, ...], campus: str | None) -> str:
    """That no programme of a filière's NSF groups, its only tie to training, is offered
    (French): not that none trains for it.

    >>> print(_no_field_training(("227",), None))
    aucune formation de son domaine de formation (« Énergie, génie climatique ») recensée sur le territoire (hors celles que le campus rattache à ses autres filières), le seul lien que donnent les fichiers (ni les fiches du campus ni un code métier ROME ne la relient à une formation) : un diplôme d'un autre domaine peut y préparer, à vérifier.
    """  # noqa: E501
    return (
        f"aucune formation de son domaine de formation ({fields_said(fields)}) recensée "
        + ("dans les établissements du campus" if campus else "sur le territoire")
        + f" (hors celles que le campus rattache à ses autres filières), le seul lien que "
        f"donnent les fichiers ({UNTIED}) : un diplôme d'un autre domaine peut y préparer, à "
        "vérifier."
    )


def _owner(campuses: set[str], names: dict[str, str], campus: str | None) -> str:
    """« Filière du campus » in the campus's own report; elsewhere the campus is named, as a
    département or a région may hold several (the Rhône: the Campus Numérique's filières).

    >>> _owner({"num"}, {"num": "Campus Numérique"}, None)
    'Filière du Campus Numérique'
    >>> _owner({"a", "b"}, {"a": "CMQ A", "b": "CMQ B"}, None), _owner({"a"}, {}, "a")
    ('Filière des campus CMQ A et CMQ B', 'Filière du campus')
    """
    known = sorted(names[c] for c in campuses if c in names)
    if campus or not known:
        return "Filière du campus"
    return f"Filière du {known[0]}" if len(known) == 1 else f"Filière des campus {and_list(known)}"


def _said(head: str, on_part: bool, alone: str, part_text: str) -> str:
    """A demand sentence: the figure, then its clause for the whole territory or the part."""
    return f"{head} {part_text if on_part else alone}"


def _document(source: str) -> str:
    """The document and section a campus figure comes from, as people read them, without the
    quoted line (:func:`graph.citations.cite`).

    >>> _document("004_4d74e85f9a48366b.txt §3.2 « Soudeurs » (tableau « Tous départements »)")
    'Dossier de candidature du CMQ Mecanic Vallée, §3.2'
    """
    return cite(source).split(" «", 1)[0].strip()
