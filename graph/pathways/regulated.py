"""Jobs a law reserves to the holders of given diplomas: the goal is those diplomas, not every
diploma the data links to the job.

Certif Info links the ROME job J1501 « Aide-soignant » to the Bac pro accompagnement, soins et
services à la personne and to the Diplôme d'État d'accompagnant éducatif et social as well as to
the Diplôme d'État d'aide-soignant; only the last one gives the right to practise (code de la
santé publique, article L4391-1). A pathway that ended on the Bac pro was shown as reaching the
job, and a learner holding it was told « Objectif déjà atteint ». The open-data files cannot say
which jobs are regulated: the list is ``seeds/reference/regulated-professions.toml``, each row
citing its article of law and the file giving the diploma's code.

For a job of that list, the goal's diplomas are its required ones the graph knows; the others
the data links to it are named as related, with their level, and said not to be enough. Pure
functions over plain rows, and the reading of that file (once).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.diploma_names import display_name

__all__ = [
    "REFERENCE",
    "Regulation",
    "RegulatedGoal",
    "nearest_sentence",
    "presumed_only",
    "presumed_sentence",
    "regulated_goal",
    "regulated_notice",
    "regulations",
]

REFERENCE = (
    Path(__file__).resolve().parents[2] / "seeds" / "reference" / "regulated-professions.toml"
)
EXAMPLES = 3


@dataclass(frozen=True)
class Regulation:
    """A ROME job a law reserves to the holders of ``diplomas`` (BCN codes); ``law``: the
    article, as an answer cites it."""

    rome: str
    diplomas: tuple[str, ...]
    law: str


@dataclass(frozen=True)
class RegulatedGoal:
    """The diplomas of a regulated goal job: ``required`` (those the law names, that the graph
    knows), ``related`` (the others the data links to the job), and the law."""

    required: frozenset[str]
    related: frozenset[str]
    law: str


def parse_regulations(text: str) -> dict[str, Regulation]:
    """The rows of the reference file, by ROME code; a row without a job, a diploma or its
    citation is refused (no uncited fact).

    >>> r = parse_regulations('[[professions]]\\nrome = "J1501"\\ndiplomas = ["46033104"]\\n'
    ...     'law = "code de la santé publique, article L4391-1"\\nsource = "CSP L4391-1"\\n')
    >>> r["J1501"].diplomas
    ('46033104',)
    >>> parse_regulations('[[professions]]\\nrome = "J1501"\\ndiplomas = ["1"]\\nlaw = "x"\\n')
    Traceback (most recent call last):
    ...
    ValueError: regulated profession J1501 without its source
    """
    out: dict[str, Regulation] = {}
    for row in tomllib.loads(text).get("professions", []):
        rome = str(row.get("rome") or "")
        for key in ("diplomas", "law", "source"):
            if not row.get(key):
                raise ValueError(f"regulated profession {rome or '?'} without its {key}")
        out[rome] = Regulation(rome, tuple(str(c) for c in row["diplomas"]), str(row["law"]))
    return out


@lru_cache(maxsize=1)
def regulations() -> dict[str, Regulation]:
    """The reference file's regulated jobs (read once); none when the file is absent."""
    try:
        return parse_regulations(REFERENCE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def regulated_goal(
    job: str | None,
    linked: Iterable[str],
    known: Iterable[str],
    table: Mapping[str, Regulation] | None = None,
) -> RegulatedGoal | None:
    """The goal of a job a law regulates: ``linked``, the diplomas the data ties to the job;
    ``known``, the required diplomas the graph holds. None when the job is not regulated, or
    when the graph holds none of its required diplomas (then nothing better than the data's
    links can be said, and the answer stays as it was).

    >>> table = {"J1501": Regulation("J1501", ("46033104",), "CSP L4391-1")}
    >>> g = regulated_goal("J1501", {"40033007", "46033104", "56033207"}, {"46033104"}, table)
    >>> sorted(g.required), sorted(g.related)
    (['46033104'], ['40033007', '56033207'])
    >>> regulated_goal("J1501", {"40033007"}, set(), table) is None
    True
    >>> regulated_goal("D1102", {"50022137"}, {"50022137"}, table) is None
    True
    """
    reg = (regulations() if table is None else table).get(job or "")
    if reg is None:
        return None
    required = frozenset(reg.diplomas) & frozenset(known)
    if not required:
        return None
    return RegulatedGoal(required, frozenset(linked) - required, reg.law)


def _named(rows: Sequence[Mapping[str, Any]]) -> str:
    """« NAME (niveau 4) ; NAME (niveau 3) », a few of them, by level then name."""
    ordered = sorted(rows, key=lambda d: (-(d.get("level") or 0), display_name(d)))
    said = [
        f"{display_name(d)} (niveau {d['level']})" if d.get("level") else display_name(d)
        for d in ordered[:EXAMPLES]
    ]
    more = len(ordered) - EXAMPLES
    return " ; ".join(said) + (f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else "")


def regulated_notice(
    job: str,
    goal: RegulatedGoal,
    required: Sequence[Mapping[str, Any]],
    related: Sequence[Mapping[str, Any]],
    start: Mapping[str, Any] | None = None,
    *,
    found: bool = True,
) -> str:
    """What the answer says first of a regulated goal job: which diploma it requires, under
    which law, which other diplomas the data links to it (not enough), and whether the start
    diploma is one of them; ``found``: whether pathways to the required diploma are shown.

    >>> g = RegulatedGoal(frozenset({"D"}), frozenset({"B", "E"}), "code de la santé publique, "
    ...     "article L4391-1")
    >>> de = {"code": "D", "name": "Diplôme d'État d'aide-soignant", "level": 4}
    >>> bac = {"code": "B", "name": "Bac pro ASSP", "level": 4}
    >>> print(regulated_notice("métier ROME J1501", g, [de], [bac, {"code": "E", "name": "DE AES",
    ...     "level": 3}], start=bac))
    Le métier ROME J1501 est réglementé (code de la santé publique, article L4391-1) ; diplôme requis pour l'exercer : Diplôme d'État d'aide-soignant (niveau 4). Les données importées y rattachent aussi Bac pro ASSP (niveau 4) ; DE AES (niveau 3), qui ne suffisent pas à l'exercer : les parcours proposés mènent au diplôme requis. Le diplôme de départ (Bac pro ASSP) en fait partie : l'objectif n'est pas atteint.
    >>> print(regulated_notice("métier ROME J1501", g, [de], [], start=de))
    Le métier ROME J1501 est réglementé (code de la santé publique, article L4391-1) ; diplôme requis pour l'exercer : Diplôme d'État d'aide-soignant (niveau 4).
    """  # noqa: E501
    head = f"Le {job} est réglementé ({goal.law})" + (
        f" ; diplôme requis pour l'exercer : {_named(required)}." if required else "."
    )
    if not related:
        return head
    n = len(related)
    verb = "ne suffisent pas" if n > 1 else "ne suffit pas"
    text = f"{head} Les données importées y rattachent aussi {_named(related)}, qui {verb} à " + (
        "l'exercer : les parcours proposés mènent au diplôme requis."
        if found
        else "l'exercer : seul le diplôme requis est pris pour objectif."
    )
    if start is not None and start.get("code") in goal.related:
        text += (
            f" Le diplôme de départ ({display_name(start)}) en fait partie : l'objectif n'est "
            "pas atteint."
        )
    return text


def nearest_sentence(
    name: str,
    places: Sequence[tuple[str, float | None]],
    where: str,
    since: str,
    unplaced: str | None = None,
) -> str:
    """Where the nearest establishments offering a required diploma are, when the territory
    (``where``: « dans le département du Cantal (15) ») offers it nowhere: ``places``, their
    names as answers say them with their distance from ``since`` (« du domicile »; None: a
    place the data does not give). ``unplaced``: where establishments without a position that
    may be nearer are (« dans le département de la Nièvre (58) »,
    graph/pathways/nearest_unplaced.py): the nearest placed one is then not said to be the
    nearest.

    >>> nearest_sentence("Diplôme d'État d'aide-soignant", [("IFAS X (Cayenne, Guyane)",
    ...     None), ("IFAS Y (Rodez, Aveyron)", 83.4)], "dans le Cantal", "du domicile")
    "Diplôme d'État d'aide-soignant : aucun établissement dans le Cantal ne le propose d'après les données ; le plus proche : IFAS Y (Rodez, Aveyron), à 83 km à vol d'oiseau du domicile."
    >>> nearest_sentence("DE X", [("IFAS Z (Cayenne, Guyane)", None)], "ici", "du domicile")
    "DE X : aucun établissement ici ne le propose d'après les données ; il est proposé par IFAS Z (Cayenne, Guyane), à une distance que les données ne permettent pas de calculer."
    >>> nearest_sentence("DE X", [], "ici", "du domicile")
    'DE X : aucun établissement des données importées ne le propose.'
    >>> nearest_sentence("DE X", [("IFAS Y (Rodez, Aveyron)", 83.4)], "ici", "du domicile",
    ...     "dans le département du Lot (46)")
    "DE X : aucun établissement ici ne le propose d'après les données ; le plus proche dont le lieu est connu : IFAS Y (Rodez, Aveyron), à 83 km à vol d'oiseau du domicile ; aussi proposé dans le département du Lot (46), lieu exact inconnu (peut-être plus près)."
    >>> nearest_sentence("DE X", [("IFAS Z", None)], "ici", "du domicile", "dans le département du Lot (46)")
    "DE X : aucun établissement ici ne le propose d'après les données ; il est proposé dans le département du Lot (46), lieu exact inconnu."
    """  # noqa: E501
    if not places:
        return f"{name} : aucun établissement des données importées ne le propose."
    head = f"{name} : aucun établissement {where} ne le propose d'après les données"
    located = sorted((km, at) for at, km in places if km is not None)
    if located and unplaced:
        km, at = located[0]
        return (
            f"{head} ; le plus proche dont le lieu est connu : {at}, à {km:.0f} km à vol "
            f"d'oiseau {since} ; aussi proposé {unplaced}, lieu exact inconnu (peut-être plus "
            "près)."
        )
    if located:
        km, at = located[0]
        return f"{head} ; le plus proche : {at}, à {km:.0f} km à vol d'oiseau {since}."
    if unplaced:
        return f"{head} ; il est proposé {unplaced}, lieu exact inconnu."
    return (
        f"{head} ; il est proposé par {places[0][0]}, à une distance que les données ne "
        "permettent pas de calculer."
    )


def presumed_only(statuses: Iterable[Any], *, carried: bool = False) -> bool:
    """Whether a required diploma's offers (their statuses) are all presumed from the closed
    diploma it replaced (« renewed »: the import carries a closed diploma's old headcounts to
    its successor, graph.ingest.opendata.renewal): no file lists a current offer of it, nor,
    for a diploma of a health or social school, its usual training centres (the Diplôme d'État
    d'aide-soignant: the constat 2020's lycées, no IFAS). True for none at all. ``carried``:
    some of them are carried to a later year by the common first year a current file lists at
    the same establishment (a BTS SIO option: Parcoursup lists its « 1re année »), which is
    a current offer.

    >>> presumed_only(["renewed", "renewed"]), presumed_only(["renewed", "open"]), presumed_only([])
    (True, False, True)
    >>> presumed_only(["renewed"], carried=True)
    False
    """
    return not carried and all(s == "renewed" for s in statuses)


def presumed_sentence(
    name: str,
    years: Iterable[int],
    establishments: int,
    *,
    nearest: Sequence[tuple[str, float | None]] = (),
    since: str = "",
    unplaced: str | None = None,
) -> str:
    """What the answer says of a required diploma whose offers are all presumed
    (:func:`presumed_only`), instead of a nearest establishment presented as current
    (« le plus proche : Lycée polyvalent Reffye (Tarbes), à 185 km », from a 2020 headcount).
    ``establishments`` counts them all over France (an answer about the Gers said « dans 58
    établissements » without saying where, tester21): said « en France ». ``nearest``: those
    establishments as answers name them, with their distance from ``since`` (« du domicile »;
    None: unknown): the :data:`EXAMPLES` nearest of known distance are named after, as
    establishments of that old headcount, never as current offers (a counsellor at Épinal
    needs somewhere to call, tester24). ``unplaced``: where some without a position that may be
    nearer are (as :func:`nearest_sentence`).

    >>> print(presumed_sentence("Diplôme d'État d'aide-soignant", [2020], 58))
    Diplôme d'État d'aide-soignant : les fichiers importés ne décrivent ni ses centres de \
formation habituels ni aucune offre actuelle ; ils n'en connaissent que des effectifs de 2020 \
du diplôme qu'il a remplacé, dans 58 établissements en France, sans dire s'il y est encore préparé : à \
vérifier auprès des centres de formation.
    >>> presumed_sentence("DE X", [], 0).endswith("aucune offre actuelle : à vérifier auprès des centres de formation.")
    True
    >>> print(presumed_sentence("DE X", [2020], 3, nearest=[("Lycée A (Nancy, Meurthe-et-Moselle)",
    ...     61.4), ("Lycée B (Cayenne, Guyane)", None), ("Lycée C (Lyon, Rhône)", 301.0)],
    ...     since="du domicile").split(". ")[-1])
    Les plus proches de ces établissements (effectifs de 2020) : Lycée A (Nancy, Meurthe-et-Moselle), à 61 km à vol d'oiseau du domicile ; Lycée C (Lyon, Rhône), à 301 km à vol d'oiseau du domicile.
    >>> print(presumed_sentence("DE X", [2020], 2, nearest=[("Lycée A (Nancy, Meurthe-et-Moselle)",
    ...     61.4)], since="du domicile", unplaced="dans le département des Vosges (88)").split(". ")[-1])
    Le plus proche de ces établissements dont le lieu est connu (effectifs de 2020) : Lycée A (Nancy, Meurthe-et-Moselle), à 61 km à vol d'oiseau du domicile ; d'autres dans le département des Vosges (88), lieu exact inconnu (peut-être plus près).
    """  # noqa: E501
    head = (
        f"{name} : les fichiers importés ne décrivent ni ses centres de formation habituels ni "
        "aucune offre actuelle"
    )
    ask = "à vérifier auprès des centres de formation."
    if not establishments:
        return f"{head} : {ask}"
    span = sorted(set(years))
    when = "" if not span else f" de {span[0]}" if len(span) == 1 else f" de {span[0]} à {span[-1]}"
    many = "s" if establishments > 1 else ""
    text = (
        f"{head} ; ils n'en connaissent que des effectifs{when} du diplôme qu'il a remplacé, "
        f"dans {establishments} établissement{many} en France, sans dire s'il y est encore "
        f"préparé : {ask}"
    )
    located = sorted((km, at) for at, km in nearest if km is not None)[:EXAMPLES]
    if not located:
        return text
    listed = " ; ".join(
        f"{at}, à {km:.0f} km à vol d'oiseau {since}".rstrip() for km, at in located
    )
    closest = "Le plus proche" if len(located) == 1 else "Les plus proches"
    year = f" (effectifs de {span[-1]})" if span else ""
    if unplaced:
        return (
            f"{text} {closest} de ces établissements dont le lieu est connu{year} : {listed} ; "
            f"d'autres {unplaced}, lieu exact inconnu (peut-être plus près)."
        )
    return f"{text} {closest} de ces établissements{year} : {listed}."
