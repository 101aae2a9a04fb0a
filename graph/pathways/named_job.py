"""Diplomas whose title is the goal job's own name, that Certif Info files under a job next to it.

The words « maçon » read the ROME job F1703 « Maçon / Maçonne »; Certif Info ties the CAP maçon
(50023224) and the BP maçon to F1701 « Coffreur / Coffreuse » only. From the end of 3e toward
F1703 at La Roche-sur-Yon the answer found no pathway, though the CAP maçon is taught 1.5 km
away (tester24). A counsellor reads a diploma named after the job as a way to it. The rule, no
hand-made list: a diploma is taken for the goal too when its BCN title, without its type, is one
of the job's own names (rome.csv, masculine or feminine: « MACON (CAP) » is « Maçon »), and its
Certif Info jobs hold one of the same ROME professional domain (the code's first three
characters: F17, « travaux et gros œuvre »). The answer says so (« métier voisin selon Certif
Info »), never that the diploma prepares for the job « d'après les données ». On the national
files the rule adds ten pairs (CAP and BP maçon → F1703, CAP and BP couvreur → F1619, BP
métallier → H2911, CS plâtrier → F1601, CS aide à domicile → K1304, CAPa palefrenier soigneur →
A1421, and F1707 filed under F1703): the names of metier.csv (« appellations ») are not used,
they give looser pairs (the BP électricien for « Automaticien »). Pure functions over plain rows;
graph/pathways/find.py reads them (``cypher/diplomas_of_rome_domain.cypher``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.diploma_names import display_name
from graph.text import normalise

__all__ = [
    "domain_of",
    "job_forms",
    "named_neighbours",
    "named_notice",
    "named_reason",
    "title_words",
]

Row = Mapping[str, Any]

_ROME = re.compile(r"^[A-N]\d{4}$")
_TYPE = re.compile(r"\s*\([^()]*\)\s*$")  # « MACON (CAP) »: the BCN's type, last
_WORDS = re.compile(r"[^a-z0-9]+")


def domain_of(job: str | None) -> str | None:
    """The ROME professional domain of a job code (its first three characters), None for what
    is no ROME code (a campus sector's id).

    >>> domain_of("F1703"), domain_of("soudeurs")
    ('F17', None)
    """
    return job[:3] if job and _ROME.match(job) else None


def _folded(text: str) -> str:
    return " ".join(_WORDS.split(normalise(text))).strip()


def job_forms(names: Iterable[str]) -> frozenset[str]:
    """The job's names as a title may say them: each of its names (« ; » between jobs of one
    code), masculine and feminine (« / »), accents and case folded.

    >>> sorted(job_forms(["Maçon / Maçonne", "Maçon / Maçonne du paysage"]))
    ['macon', 'maconne', 'maconne du paysage']
    """
    return frozenset(
        f
        for name in names
        for part in name.split(";")
        for x in part.split("/")
        if (f := _folded(x))
    )


def title_words(official: str | None) -> str:
    """A diploma's BCN title without its type, folded (« MACON (CAP) » → « macon »).

    >>> title_words("MACON (CAP)"), title_words("PALEFRENIER SOIGNEUR (CAPA)"), title_words(None)
    ('macon', 'palefrenier soigneur', '')
    """
    return _folded(_TYPE.sub("", official or ""))


def named_neighbours(
    job: str,
    names: Iterable[str],
    rows: Iterable[Row],
    goal_codes: Iterable[str],
    *,
    exclude: Iterable[str] = (),
) -> dict[str, tuple[str, ...]]:
    """code -> the ROME codes of its domain Certif Info ties it to, for each open diploma of
    ``rows`` (``code``, ``official_name``, ``closed``, ``rome_codes``) that is not already a
    goal (``goal_codes``, nor in ``exclude``: the start), whose title is one of the job's
    ``names`` and whose Certif Info jobs hold one of the job's domain (module docstring).

    >>> rows = [{"code": "50023224", "official_name": "MACON (CAP)", "rome_codes": ["F1701"]},
    ...         {"code": "2", "official_name": "MACON (BP)", "rome_codes": ["F1703"]},
    ...         {"code": "3", "official_name": "MACON (MC)", "rome_codes": ["H2913"]},
    ...         {"code": "4", "official_name": "MACON (CAP)", "rome_codes": ["F1701"],
    ...          "closed": True},
    ...         {"code": "5", "official_name": "COFFREUR (CAP)", "rome_codes": ["F1701"]}]
    >>> named_neighbours("F1703", ["Maçon / Maçonne"], rows, {"2"})
    {'50023224': ('F1701',)}
    >>> named_neighbours("F1703", ["Maçon / Maçonne"], rows, {"2"}, exclude={"50023224"})
    {}
    >>> named_neighbours("secteur", ["Maçon"], rows, set())
    {}
    """
    domain = domain_of(job)
    forms = job_forms(names)
    if domain is None or not forms:
        return {}
    skip = set(goal_codes) | set(exclude)
    out: dict[str, tuple[str, ...]] = {}
    for r in rows:
        code = str(r.get("code") or "")
        if not code or code in skip or r.get("closed"):
            continue
        near = tuple(
            str(c) for c in r.get("rome_codes") or () if str(c)[:3] == domain and str(c) != job
        )
        if near and title_words(r.get("official_name")) in forms:
            out[code] = near
    return out


def named_notice(
    diplomas: Sequence[Row],
    near: Mapping[str, tuple[str, ...]],
    job_names: Mapping[str, str],
    goal: str,
) -> str | None:
    """What the answer says of the diplomas :func:`named_neighbours` added to a job goal
    (``diplomas``: their rows; ``near``: code -> the neighbouring ROME codes; ``job_names``:
    ROME code -> its name; ``goal``: the job as the answer names it).

    >>> cap = {"code": "50023224", "name": "CAP maçon", "level": 3}
    >>> print(named_notice([cap], {"50023224": ("F1701",)}, {"F1701": "Coffreur / Coffreuse"},
    ...     "métier ROME F1703 (Maçon / Maçonne)"))
    CAP maçon porte le nom du métier ROME F1703 (Maçon / Maçonne), mais les fiches Certif Info le rattachent à un métier voisin du même domaine professionnel (métier ROME F1701, Coffreur / Coffreuse) : il est pris pour objectif aussi, à confirmer avec l'établissement.
    >>> named_notice([], {}, {}, "x") is None
    True
    """  # noqa: E501
    if not diplomas:
        return None
    ordered = sorted(diplomas, key=lambda d: (d.get("level") or 0, display_name(d)))
    said = [display_name(d) for d in ordered]
    names = " et ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said)
    codes = list(dict.fromkeys(c for d in ordered for c in near.get(str(d["code"]), ())))
    jobs = " ; ".join(
        f"métier ROME {c}, {job_names[c]}" if job_names.get(c) else f"métier ROME {c}"
        for c in codes
    )
    which = "un métier voisin" if len(codes) == 1 else "des métiers voisins"
    one = len(said) == 1
    return (
        f"{names} {'porte' if one else 'portent'} le nom du {goal}, mais les fiches Certif Info "
        f"{'le' if one else 'les'} rattachent à {which} du même domaine professionnel ({jobs}) : "
        f"{'il est pris' if one else 'ils sont pris'} pour objectif aussi, à confirmer avec "
        "l'établissement."
    )


def named_reason(diploma: Row, near: Sequence[str], job_names: Mapping[str, str]) -> str:
    """Why a pathway's last diploma, added by :func:`named_neighbours`, meets the job goal, in
    place of « … prépare au métier d'après les données importées » (``near``: its ROME codes of
    the goal's domain; ``job_names``: ROME code -> its name).

    >>> print(named_reason({"name": "CAP maçon"}, ["F1701"], {"F1701": "Coffreur / Coffreuse"}))
    CAP maçon porte le nom du métier visé ; les fiches Certif Info le rattachent au métier voisin ROME F1701 (Coffreur / Coffreuse), du même domaine professionnel : à confirmer avec l'établissement.
    """  # noqa: E501
    jobs = " ; ".join(f"{c} ({job_names[c]})" if job_names.get(c) else c for c in near)
    which = "au métier voisin ROME" if len(near) == 1 else "aux métiers voisins ROME"
    return (
        f"{display_name(diploma)} porte le nom du métier visé ; les fiches Certif Info le "
        f"rattachent {which} {jobs}, du même domaine professionnel : à confirmer avec "
        "l'établissement."
    )
