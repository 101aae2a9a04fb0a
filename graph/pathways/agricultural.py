"""An agricultural question where the public files list no agricultural Bac pro. Pure functions.

The national Affelnet files (« attractivité-capacité ») come from the Éducation nationale; the
lycées agricoles answer to the ministère de l'Agriculture, and the files list few of their
programmes. Measured on the national files (docs/performance.md, branch notes24): of 103
départements where they list an agricultural programme (NSF 21x) or an agricultural lycée, 19
have no row of an agricultural Bac pro itself (the Cantal, the Ain, the Puy-de-Dôme, the Rhône,
Paris…), two nor a CAP agricole; in the Cantal the ENILV Georges Pompidou at Aurillac and the
MFR de Saint-Flour are listed with their 2de professionnelle « Productions » and their BTSA,
never with the Bac pro CGEA that follows it. An answer then said « aucune offre de Bac pro
conduite et gestion de l'entreprise agricole dans le département du Cantal (15) » as a fact.

So an agricultural question (a field NSF 21x, a goal diploma of that field, or a job of the
ROME's domain A, agriculture and animals) from below the Bac, in a territory where the files
list no agricultural Bac pro (for a CAP agricole goal: no CAP agricole) while they know
establishments that teach agricultural programmes there, says it in the answer's notices: the
files may miss an agricultural lycée's own programmes, to check with the establishment or the
enseignement agricole public. It claims nothing more than the files show: the names are
those of establishments whose agricultural programmes (up to the BTSA) the files list there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.diploma_names import display_name, is_agricultural_seconde
from graph.territory import Territory
from graph.text import UNNAMED

__all__ = ["agricultural_kind", "agricultural_notice", "is_agricultural_field"]

Row = Mapping[str, Any]

# the ROME's domain A: « Agriculture et pêche, espaces naturels et espaces verts, soins aux
# animaux »; a ROME code is one letter and four digits (graph/pathways/request.py)
_AGRICULTURAL_JOB = re.compile(r"^A\d{4}$")
_AGRICULTURAL_SECTOR = re.compile(r"^nsf-21\d$")
NAMED_AT_MOST = 3
# the establishments named are those of the agricultural programmes up to the BTSA (level 5):
# what a lycée agricole or a MFR teaches, not an IUT's BUT « parcours agronomie »
SCHOOL_LEVEL = 5


def is_agricultural_field(nsf: object) -> bool:
    """Whether an NSF group is of agriculture (21x: 210 to 214).

    >>> is_agricultural_field("211"), is_agricultural_field("221"), is_agricultural_field(None)
    (True, False, False)
    """
    return isinstance(nsf, str) and len(nsf) == 3 and nsf.startswith("21")


def agricultural_kind(
    *, sector: str | None, goal: Row | None, start_level: int | None
) -> str | None:
    """The kind of diploma (``bac_pro`` or ``cap``) whose absence from the files an
    agricultural question must be told of, None for any other question: ``sector`` (a field
    ``nsf-21x`` or a job of the ROME's domain A), ``goal`` (the goal diploma's row: of a field
    21x, a CAP agricole asks for the CAP, else the Bac pro), ``start_level`` (a start at the
    Bac or above passes no Bac pro step: None).

    >>> agricultural_kind(sector="nsf-210", goal=None, start_level=2)
    'bac_pro'
    >>> agricultural_kind(sector="A1416", goal=None, start_level=3)
    'bac_pro'
    >>> agricultural_kind(sector=None, goal={"type": "cap", "nsf": "211"}, start_level=2)
    'cap'
    >>> agricultural_kind(sector="H2913", goal=None, start_level=2) is None
    True
    >>> agricultural_kind(sector="nsf-210", goal=None, start_level=4) is None
    True
    """
    if start_level is not None and start_level >= 4:
        return None
    if goal is not None and is_agricultural_field(goal.get("nsf")):
        if goal.get("type") == "cap":
            return "cap" if start_level is None or start_level < 3 else None
        return "bac_pro"
    if sector and (_AGRICULTURAL_SECTOR.match(sector) or _AGRICULTURAL_JOB.match(sector)):
        return "bac_pro"
    return None


def _open(r: Row) -> bool:
    d, o = r["diploma"], r["offer"]
    return not d.get("closed") and o.get("status") not in ("closed", "planned")


def agricultural_notice(rows: Iterable[Row], territory: Territory, kind: str) -> str | None:
    """The notice (French) when the coverage rows of ``territory`` (one per offer:
    ``diploma``, ``actor``, ``offer``, as graph/coverage.py reads them) hold no open offer of
    an agricultural diploma of ``kind`` (``bac_pro``: a Bac pro of a field 21x, its 2de
    professionnelle « SEC PRO AG » apart; ``cap``: a CAP of a field 21x) but establishments
    with another agricultural programme up to the BTSA there (``SCHOOL_LEVEL``); None
    otherwise.

    >>> def row(code, name, kind, nsf, actor):
    ...     return {"diploma": {"code": code, "name": name, "type": kind, "nsf": nsf},
    ...             "actor": {"id": actor, "name": actor}, "offer": {"departement": "015",
    ...             "status": "open"}}
    >>> rows = [row("40321112", "PRODUCTIONS (SEC PRO AG)", "bac_pro", "211", "ENILV Georges Pompidou"),
    ...         row("32321014", "BTSA ACSE", "bts", "211", "MFR de Saint-Flour"),
    ...         row("50321237", "CAP agricole palefrenier soigneur", "cap", "212", "MFR de Saint-Flour")]
    >>> print(agricultural_notice(rows, Territory(departements=["015"]), "bac_pro"))
    Les fichiers publics importés ne listent aucun Bac pro agricole dans le département du Cantal (15), seulement la 2de professionnelle agricole qui y mène (« Productions », 1 établissement), alors qu'ils y connaissent 2 établissements qui préparent des formations agricoles : ENILV Georges Pompidou, MFR de Saint-Flour. Ces fichiers peuvent omettre les formations propres d'un lycée agricole : à vérifier auprès de l'établissement ou de l'enseignement agricole public.
    >>> agricultural_notice(rows, Territory(departements=["015"]), "cap") is None
    True
    >>> agricultural_notice(rows[:2] + [row("40321004", "Bac pro CGEA", "bac_pro", "211", "X")],
    ...     Territory(departements=["015"]), "bac_pro") is None
    True
    """  # noqa: E501
    listed = False
    seconde: dict[str, set[str]] = {}
    capa = False
    schools: set[str] = set()
    unnamed: set[str] = set()
    for r in rows:
        d, a, o = r["diploma"], r["actor"], r["offer"]
        if not _open(r) or not is_agricultural_field(d.get("nsf")):
            continue
        if not territory.contains(o, campuses=a.get("campuses")):
            continue
        name = str(a.get("name") or "")
        if (d.get("level") or 0) > SCHOOL_LEVEL:
            pass  # a BUT « parcours agronomie » of an IUT: no establishment of the kind
        elif name.startswith(UNNAMED) or not name:
            unnamed.add(str(a.get("id")))
        else:
            schools.add(name)
        if d.get("type") == "cap":
            capa = True
            listed = listed or kind == "cap"
        elif d.get("type") == "bac_pro":
            if is_agricultural_seconde(d):
                # « Productions (Bac pro agricole) — 2de professionnelle, … »: its own words
                seconde.setdefault(display_name(d).split(" (")[0], set()).add(str(a.get("id")))
            elif kind == "bac_pro":
                listed = True
    if listed or not (schools or unnamed):
        return None
    what = "aucun CAP agricole" if kind == "cap" else "aucun Bac pro agricole"
    text = f"Les fichiers publics importés ne listent {what} {territory.describe_in()}"
    if kind == "bac_pro" and not capa:
        text += " ni aucun CAP agricole"
    if kind == "bac_pro" and seconde:
        at = {i for ids in seconde.values() for i in ids}
        names = ", ".join(f"« {n} »" for n in sorted(seconde))
        n = len(at)
        text += (
            f", seulement la 2de professionnelle agricole qui y mène ({names}, {n} "
            f"établissement{'s' if n > 1 else ''})"
        )
    count = len(schools) + len(unnamed)
    named = sorted(schools)[:NAMED_AT_MOST]
    more = count - len(named)
    listing = ", ".join(named)
    if more and named:
        listing += f" et {more} autre{'s' if more > 1 else ''}"
    elif not named:
        listing = f"{count} établissement{'s' if count > 1 else ''} sans nom dans les fichiers"
    who = (
        f"{count} établissement{'s' if count > 1 else ''} qui préparent"
        if count > 1
        else "un établissement qui prépare"
    )
    return (
        f"{text}, alors qu'ils y connaissent {who} des formations agricoles : {listing}. "
        "Ces fichiers peuvent omettre les formations propres d'un lycée agricole : à vérifier "
        "auprès de l'établissement ou de l'enseignement agricole public."
    )
