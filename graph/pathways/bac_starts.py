"""What an answer says of a start from a bac: a bac général opens no inferred passerelle
(docs/inferred-passerelles.md, « Bac technologique »), a start by level 4 says which
diplomas of that level it starts from, and a pathway of such a start into an engineering
school's track for bacheliers technologiques starts from the series the track names, never
from one series picked by code order. Pure functions over the start diplomas and legs."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graph.inference.bac_techno import TRACK_RULE
from graph.inference.bac_techno_tracks import series_named, series_words
from graph.labels import TYPE_FR
from graph.pathways.scoring import Candidate, Scored

Row = dict[str, Any]

__all__ = [
    "ANY_SERIES",
    "GENERAL_BAC_SENTENCE",
    "any_enters_track",
    "entering_tracks",
    "general_bac_reason",
    "level_start_notice",
    "said_once",
    "track_start",
    "track_starts",
]

# the start of a pathway from the level 4 into a track open to every bac technologique
ANY_SERIES = "Tout bac technologique"
_QUOTED = re.compile(r"«\s*(.*?)\s*»")

GENERAL_BAC_SENTENCE = (
    "Avec un bac général, les formations post-bac s'ouvrent sur dossier via Parcoursup ; "
    "les données ne décrivent pas de passerelle propre à ce diplôme."
)
# what a level-4 start says of the bac général, in short
GENERAL_BAC_SHORT = "Bac général : pas de passerelle décrite, admission sur dossier via Parcoursup."
# the order a counsellor reads the diplomas of level 4 in
_ORDER = ("bac_pro", "bac_techno", "bp", "mc", "fcil", "titre_pro", "cqpm")


def general_bac_reason(start_types: list[str], reason: str) -> str:
    """``reason`` preceded by :data:`GENERAL_BAC_SENTENCE` for a start from a bac général.

    >>> general_bac_reason(["bac_general"], "Rien.").endswith("propre à ce diplôme. Rien.")
    True
    >>> general_bac_reason(["bac_pro"], "Aucune passerelle.")
    'Aucune passerelle.'

    « Aucune passerelle connue ne mène du Bac général … » repeats it and reads as if no way
    led there, beside « il recrute … après le bac » (tester26): left out.

    >>> print(general_bac_reason(["bac_general"], "Aucune passerelle connue ne mène du Bac "
    ...     "général au DE X en 4 étapes au plus. DE X est préparé dans le 40."))
    Avec un bac général, les formations post-bac s'ouvrent sur dossier via Parcoursup ; les données ne décrivent pas de passerelle propre à ce diplôme. DE X est préparé dans le 40.
    """  # noqa: E501
    if start_types == ["bac_general"]:
        rest = " ".join(_NO_PASSERELLE.sub(" ", reason).split())
        reason = rest or reason
        return f"{GENERAL_BAC_SENTENCE} {reason}"
    return reason


# graph/pathways/explanation.py why_none's sentence when no passerelle leads anywhere
_NO_PASSERELLE = re.compile(r"Aucune passerelle connue ne mène [^.]*? en \d+ étapes? au plus\.")


def level_start_notice(level: int | None, start_types: Iterable[str]) -> str | None:
    """For a start by level 4: in one short sentence, the diplomas a counsellor expects (Bac
    pro, bac technologique) and how many other kinds the start covers, then why not from a
    bac général (None for another level). A list of every kind (« brevet professionnel,
    mention complémentaire, FCIL, autre formation… ») told the counsellor nothing.

    >>> print(level_start_notice(4, ["bac_general", "bac_techno", "bac_pro", "bp", "mc"]))
    Départ de niveau 4 : parcours depuis un Bac pro ou un bac technologique (et 2 autres types \
de diplôme) ; partez d'un diplôme précis pour un parcours ciblé. Bac général : pas de passerelle \
décrite, admission sur dossier via Parcoursup.
    >>> print(level_start_notice(4, ["bp"]))
    Départ de niveau 4 : parcours depuis un brevet professionnel ; partez d'un diplôme précis \
pour un parcours ciblé.
    >>> level_start_notice(4, ["mc"])[:54]
    'Départ de niveau 4 : parcours depuis une mention compl'
    >>> level_start_notice(3, ["cap"]) is None
    True
    """
    if level != 4:
        return None
    types = set(start_types) - {"bac_general"}
    named = [t for t in _ORDER[:2] if t in types] or sorted(types, key=_rank)[:1]
    others = len(types - set(named))
    text = "Départ de niveau 4 : parcours depuis " + " ou ".join(
        f"{'une' if t in _FEMININE else 'un'} {TYPE_FR.get(t, t)}" for t in named
    )
    if others:
        text += f" (et {others} autre{'s' if others > 1 else ''} type{'s' if others > 1 else ''}"
        text += " de diplôme)"
    text += " ; partez d'un diplôme précis pour un parcours ciblé."
    if "bac_general" in set(start_types):
        text += " " + GENERAL_BAC_SHORT
    return text


_FEMININE = frozenset({"mc", "other"})  # « une mention complémentaire », « une autre formation »


def _rank(t: str) -> tuple[int, str]:
    return (_ORDER.index(t) if t in _ORDER else len(_ORDER), t)


def track_start(start: Mapping[str, Any], leg: Mapping[str, Any]) -> dict[str, Any] | None:
    """The start a pathway from the level 4 shows when its first leg enters an engineering
    school's track for bacheliers technologiques (rule ``bac-techno-to-engineer-track``,
    :mod:`graph.inference.bac_techno_tracks`), None to keep ``start``.

    Such a track opens the same way to every series its Parcoursup label names: the search
    finds one pathway per series, of equal score, and the answer showed the first by code
    (Lorient: « Bac techno S2TMD … → ISEN Brest », whose label says « Bacs
    technologiques »). The start is then the series the label names: « Tout bac
    technologique », « Bac STI2D (toute spécialité) », « Bac STL, STI2D, STAV ou ST2S »;
    no diploma code (it is none of them in particular). A label naming exactly the start's
    diploma (« Bac STL (Specialite SPCL) ») keeps it.

    >>> leg = {"passerelle_id": "inf-import-bac-techno-to-engineer-track-43033104-ps-1",
    ...        "evidence": "voie d'accès nommée par l'intitulé Parcoursup « Formation d "
    ...                    "ingenieur Bac + 5 – Bacs technologiques »"}
    >>> row = track_start({"code": "43033104", "name": "Bac ST2S", "type": "bac_techno"}, leg)
    >>> row["name"], row["code"]
    ('Tout bac technologique', '')
    >>> leg["evidence"] = leg["evidence"].replace("Bacs technologiques", "Bac STI2D")
    >>> track_start({"code": "43020003", "name": "Bac STI2D AC"}, leg)["name"]
    'Bac STI2D (toute spécialité)'
    >>> leg["evidence"] = leg["evidence"].replace("Bac STI2D", "Autres Series (Bac STL, STAV)")
    >>> track_start({"code": "43020003", "name": "Bac STL"}, leg)["name"]
    'Bac STL ou STAV'
    >>> leg["evidence"] = leg["evidence"].replace("Autres Series (Bac STL, STAV)", "Bac STL (SPCL)")
    >>> track_start({"code": "43020008", "name": "Bac STL SPCL"}, leg) is None
    True
    >>> track_start({"code": "43020003"}, {"passerelle_id": "inf-bac-techno-to-bac2-a-b"}) is None
    True
    """
    if not _enters_track(leg):
        return None
    found = _QUOTED.search(str(leg.get("evidence") or ""))
    if found is None:
        return None
    label = found.group(1)
    codes, groups, generic = series_named(label)
    if generic:
        name = ANY_SERIES
    elif codes == {start.get("code")} and not groups:
        return None  # the track names this very diploma
    else:
        series = series_words(label)
        if not series:
            return None
        if len(series) == 1:
            name = f"Bac {series[0]} (toute spécialité)"
        else:
            name = f"Bac {', '.join(series[:-1])} ou {series[-1]}"
    return {
        **start,
        "code": "",
        "name": name,
        "source_name": None,
        "official_name": None,
        "nsf": None,
        "closed": False,
    }


def track_starts(shown: Iterable[Scored]) -> list[Scored]:
    """The pathways of a start from the level 4, with :func:`track_start`'s start where it
    applies, each start-and-steps once: the same track from another series of its label is
    the same choice, said once (not « Tout bac technologique → ISEN Brest » six times).

    >>> leg = {"passerelle_id": "inf-bac-techno-to-engineer-track-a-b",
    ...        "evidence": "« Formation d ingenieur – Bacs technologiques »"}
    >>> from graph.pathways.scoring import Step, Choice
    >>> def s(code):
    ...     step = Step({"code": "B"}, leg, Choice([], None, 0.0, None), None)
    ...     return Scored(80.0, {}, {"code": code, "name": code}, [step], None, 0, 0.0, 0,
    ...                   key=(code, "B"))
    >>> [p.start["name"] for p in track_starts([s("S1"), s("S2")])]
    ['Tout bac technologique']
    """
    out: list[Scored] = []
    seen: set[tuple[str, ...]] = set()
    for s in shown:
        row = track_start(s.start, s.plan[0].leg) if s.plan else None
        if row is not None:
            said = (str(row["name"]), *s.key[1:])
            if said in seen:
                continue
            seen.add(said)
            s = dataclasses.replace(s, start=row)
        out.append(s)
    return out


_TRACK_ID = f"-{TRACK_RULE}-"


def _enters_track(leg: Mapping[str, Any]) -> bool:
    """Whether a leg enters an engineering school's track for bacheliers technologiques."""
    return _TRACK_ID in str(leg.get("passerelle_id") or "")


def any_enters_track(legs: Iterable[Mapping[str, Any]]) -> bool:
    """Whether one of these legs enters an engineering school's track for bacheliers
    technologiques (when none does, :func:`entering_tracks` of pathways taking them first
    yields nothing).

    >>> any_enters_track([{"passerelle_id": "x"}, {"passerelle_id": "inf-bac-techno-to-engineer-track-a-b"}])
    True
    """  # noqa: E501
    return any(_enters_track(leg) for leg in legs)


def entering_tracks(
    paths: Iterable[Candidate],
) -> Iterator[tuple[tuple[str, ...], Row, Row]]:
    """(key, start, first leg) of the candidate pathways whose first leg enters an
    engineering school's track for bacheliers technologiques (:func:`said_once`)."""
    paths = paths if isinstance(paths, list) else list(paths)
    # the first legs by identity (a search has few of them): most searches have none entering
    # a track, and then no pathway is looked at again
    firsts = {id(legs[0]): legs[0] for _, legs, _ in paths if legs}
    enters = {i for i, leg in firsts.items() if _enters_track(leg)}
    if not enters:
        return
    for c in paths:
        if c.legs and id(leg := c.legs[0]) in enters:
            yield tuple([d["code"] for d in c.diplomas]), c.diplomas[0], leg


def said_once(
    keys: Iterable[tuple[str, ...]],
    firsts: Iterable[tuple[tuple[str, ...], Mapping[str, Any], Mapping[str, Any]]],
) -> int:
    """How many pathways of a start from the level 4 its answer says, of these diploma
    sequences (``Scored.key``): one per start and steps as :func:`track_starts` shows them, so
    that the count counts what is shown. ``firsts``: the start and first leg of the pathways
    (``(key, start, first leg)``; any of a sequence: its legs are those of every pathway of
    it). Lorient counted « 23 parcours trouvés (les 2 mieux classés sont affichés) », one per
    bac technologique series into the same track, and Grenoble « 6 parcours » for one shown.

    >>> leg = {"passerelle_id": "inf-bac-techno-to-engineer-track-a-b",
    ...        "evidence": "« Formation d ingenieur – Bacs technologiques »"}
    >>> keys = [("S1", "B"), ("S2", "B"), ("P", "B")]
    >>> firsts = [(k, {"code": k[0]}, leg) for k in keys[:2]] + [(keys[2], {"code": "P"}, {})]
    >>> said_once(keys, firsts)
    2
    """
    keys = keys if isinstance(keys, (set, frozenset)) else set(keys)
    said: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, start, leg in firsts:
        if key in said or key not in keys or not _enters_track(leg):
            continue
        row = track_start(start, leg)
        said[key] = key if row is None else (str(row["name"]), *key[1:])
    if not said:  # every sequence said as it is
        return len(keys)
    return len({said.get(k, k) for k in keys})
