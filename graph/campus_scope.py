"""A campus's facts hold in its territory: which campuses a territory's answers may read, and
what publicly links a campus's filière asked elsewhere.

A campus file ties diplomas to its filières and job families (``TRAINS_FOR``): a fact of that
campus, true where it speaks. Outside the territory of the campuses describing it, a filière's
training is what the public files link to it: the diplomas whose Certif Info jobs include one
of its ROME codes, and those of its fields of training (NSF groups). The gap report
(graph/gaps/foreign.py) and the pathway search (graph/pathways/job_scope.py) apply the same
rule. Pure functions over plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.departements import and_list
from graph.nsf import GENERIC_GROUPS, nsf_name
from graph.territory import Territory

__all__ = [
    "SectorBasis",
    "basis_owner",
    "basis_refusal",
    "campuses_of_territory",
    "fields_said",
    "foreign_basis",
    "own_field_ties",
]

Row = dict[str, Any]


def campuses_of_territory(campuses: Iterable[Row], territory: Territory) -> set[str]:
    """The campuses whose data belongs to the territory: the campus asked, or those sharing a
    département or the région asked (a radius alone names no campus). A campus's filières,
    demand tables and recruitment figures are shown only in its own territory.

    >>> t = Territory(departements=["076", "027"])
    >>> sorted(campuses_of_territory([{"id": "mv", "departements": ["012", "046"],
    ...     "region_code": "76"}, {"id": "eee", "departements": ["076"], "region_code": "28"}], t))
    ['eee']
    """
    out = set()
    for c in campuses:
        if territory.campus:
            if c["id"] == territory.campus:
                out.add(c["id"])
            continue
        deps = set(c.get("departements") or [])
        if (
            territory.departements
            and deps & set(territory.departements)
            or (
                territory.region
                and not territory.departements
                and c.get("region_code") == (territory.region)
            )
        ):
            out.add(c["id"])
    return out


@dataclass(frozen=True)
class SectorBasis:
    """A campus filière asked outside its campuses' territory: what links it publicly.

    ``campuses``: the short names of the campuses describing it; ``rome``: its ROME codes;
    ``nsf``: its NSF groups; ``jobs``: the names of its ROME codes the ROME reference gives
    (code → name), to say them by name, never by code."""

    sector: str
    name: str
    campuses: tuple[str, ...]
    rome: tuple[str, ...]
    nsf: tuple[str, ...]
    jobs: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


def foreign_basis(
    sectors: Iterable[Row],
    sector: str | None,
    local_campuses: set[str],
    campus_names: dict[str, str],
) -> SectorBasis | None:
    """The basis of the sector asked when no campus of the territory describes it; None for
    no sector, a field of training, or a filière of one of the territory's campuses.

    >>> rows = [{"sector": {"id": "soud", "name": "Soudeurs", "rome": ["H2913"], "nsf": None},
    ...          "campuses": ["mv"]}]
    >>> foreign_basis(rows, "soud", {"mv"}, {}) is None
    True
    >>> foreign_basis(rows, "soud", set(), {"mv": "Mecanic Vallée"})
    SectorBasis(sector='soud', name='Soudeurs', campuses=('Mecanic Vallée',), rome=('H2913',), nsf=())
    """  # noqa: E501
    if not sector:
        return None
    row = next((s for s in sectors if s["sector"]["id"] == sector), None)
    if row is None or not row["campuses"] or set(row["campuses"]) & local_campuses:
        return None
    s = row["sector"]
    return SectorBasis(
        sector=sector,
        name=s["name"],
        campuses=tuple(sorted(campus_names.get(c, c) for c in row["campuses"])),
        rome=tuple(s.get("rome") or ()),
        nsf=tuple(s.get("nsf") or ()),
        jobs={j["code"]: j["name"] for j in row.get("jobs") or () if j and j.get("name")},
    )


def basis_owner(campuses: Iterable[str]) -> str:
    """« le campus X » or « les campus X et Y » (French).

    >>> basis_owner(["A"]), basis_owner(["A", "B"])
    ('le campus A', 'les campus A et B')
    >>> basis_owner(["Campus Entreprises"])  # not « le campus Campus Entreprises »
    'le Campus Entreprises'
    """
    names = list(campuses)
    if len(names) == 1:
        name = names[0]
        return f"le {name}" if name.lower().startswith("campus") else f"le campus {name}"
    return f"les campus {and_list(names)}"


def basis_refusal(basis: SectorBasis) -> str | None:
    """Why the filière cannot be asked for this territory (French), or None when it can.

    >>> basis_refusal(SectorBasis("x", "Cadres", ("Mecanic Vallée",), (), ()))[:74]
    '« Cadres » est décrit par le campus Mecanic Vallée, pas pour ce territoire'
    """
    if basis.rome or basis.nsf:
        return None
    return (
        f"« {basis.name} » est décrit par {basis_owner(basis.campuses)}, pas pour ce territoire ; "
        "aucun lien public (code métier ROME, domaine de formation NSF) ne dit quelles "
        "formations y préparent ailleurs. Choisissez une filière de ce territoire ou un domaine "
        "de formation."
    )


def public_links(basis: SectorBasis) -> list[str]:
    """The public links a filière's training is read from outside its campus, each said after
    « celles » or « ceux » (French): Certif Info's ROME links, then its NSF groups."""
    links = []
    if basis.rome:
        links.append(f"que les fiches Certif Info rattachent à ses métiers{_jobs_said(basis)}")
    if basis.nsf:
        links.append(f"de son domaine de formation ({fields_said(basis.nsf)})")
    return links


def fields_said(codes: Iterable[str]) -> str:
    """NSF groups by their names, never their codes (graph/evidence_words.py); a code only
    where the nomenclature names none.

    >>> fields_said(["227"]), fields_said(["201", "255"])
    ('« Énergie, génie climatique »', '« Technologies de commande des transformations \
industrielles », « Électricité, électronique »')
    """
    return ", ".join(f"« {nsf_name(code)} »" if nsf_name(code) else code for code in codes)


def own_field_ties(sector: Mapping[str, Any]) -> tuple[str, ...]:
    """The NSF groups a campus filière's own training is read from in its territory: those its
    seed gives (``nsf``, with their source), when nothing else ties a diploma to it — no ROME
    code, no diploma the campus's records link to it (``linked``, gaps_sectors). The
    Énergies campus's « Énergies » and « Efficacité énergétique » (NSF 227) were « rattachées
    à aucun diplôme » in a Seine-Maritime full of Bac pro MEE and BTS FED.

    Only then: a group is a field of training, broader than a filière. Where the campus's
    records name its diplomas, they say what trains for it; the Mecanic Vallée's
    « Mécatronique » (NSF 201, 255) would otherwise take every electrician's CAP of the
    Aveyron, and its « Fonderie » (223, whose ROME code no programme there carries, and
    which the campus says has no local training yet) the BTS CPRP of Figeac. A group
    heading a whole area (100, 200, 300) or naming no field (x99) ties nothing.

    >>> own_field_ties({"nsf": ["227"], "rome": None, "linked": 0})
    ('227',)
    >>> own_field_ties({"nsf": ["201", "255"], "linked": 4}), own_field_ties({"nsf": ["223"],
    ...     "rome": ["H2907"]}), own_field_ties({"nsf": ["200", "999"]})
    ((), (), ())
    """
    if sector.get("rome") or sector.get("linked"):
        return ()
    return tuple(
        str(code)
        for code in sector.get("nsf") or ()
        if str(code) not in GENERIC_GROUPS and nsf_name(str(code))
    )


def _jobs_said(basis: SectorBasis) -> str:
    """The filière's ROME jobs by their names, in brackets after « ses métiers » (French):
    a code the ROME reference does not name is counted, never shown (graph/evidence_words.py
    does the same for an inferred passerelle's evidence); nothing when none is named.

    >>> jobs = {"H2913": "Soudeur / Soudeuse"}
    >>> _jobs_said(SectorBasis("s", "Soudeurs", ("MV",), ("H2913",), (), jobs))
    ' (« Soudeur / Soudeuse »)'
    >>> _jobs_said(SectorBasis("s", "Soudeurs", ("MV",), ("H2913", "H2914", "H2915"), (), jobs))
    ' (« Soudeur / Soudeuse » et 2 autres)'
    >>> _jobs_said(SectorBasis("s", "Soudeurs", ("MV",), ("H2913",), ()))
    ''
    """
    named = [f"« {basis.jobs[c]} »" for c in basis.rome if basis.jobs.get(c)]
    if not named:
        return ""
    others = len(basis.rome) - len(named)
    more = f" et {others} autre{'s' if others > 1 else ''}" if others else ""
    return f" ({', '.join(named)}{more})"
