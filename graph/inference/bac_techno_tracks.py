"""Bac technologique → the engineering programmes whose Parcoursup label names the series (rule
``bac-techno-to-engineer-track``, docs/inferred-passerelles.md).

Some engineering schools recruit after the bac through a track of their own for bacheliers
technologiques, and the Parcoursup extract names it in the programme's label: « Formation
d'ingénieur Bac + 5 – bac STI2D », « … – Bac STL (Specialite SPCL) », « … – Autres Series (Bac
STL, STI2D, STAV, ST2S) », « … – Bacs technologiques », « … – Voie d'accès bac technologique ».
What the file says is the series the track is for; it gives no admission figure. A label that
names series opens the track to those series only; one that says « technologique » without a
series opens it to every series. Pure functions over the label and plain diplomas.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from graph.inference import bac_techno
from graph.inference.bac_techno_cpge import STI2D, STL_BIO, STL_SPCL
from graph.inference.rules import DiplomaFacts, InferredPasserelle

__all__ = ["RULE", "RULE_SENTENCE", "STRENGTH", "series_named", "series_words", "track_legs"]

RULE = bac_techno.TRACK_RULE
RULE_SENTENCE = bac_techno.TRACK_RULE_SENTENCE
# a track for the series the label names, or for every bac techno (« Bacs technologiques »);
# below a BTS of the series' domain (0.3) for the latter: a five-year programme open to every
# series is not the first answer for one
STRENGTH = {"named": 0.35, "generic": 0.2}
_CODES = {"sti2d": STI2D, "stl": frozenset({STL_SPCL, STL_BIO}), "spcl": frozenset({STL_SPCL})}
_GROUPS = {"stmg": "310", "st2s": "331", "stav": "210", "sthr": "334", "std2a": "134"}
_GENERIC = ("technologique", "technologiques", "techno")


def _tokens(label: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z0-9]+", plain)


def series_named(label: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """The series a programme label names: BCN codes (STI2D, STL specialities), NSF groups of
    series (STMG 310, ST2S 331, STAV 210…), and whether it says « technologique » alone (every
    series).

    >>> series_named("Formation d ingenieur Bac + 5   Bac STL (Specialite SPCL)")[0]
    frozenset({'43020008'})
    >>> sorted(series_named("Formation d ingenieur   Autres Series (Bac STI2D, STAV, ST2S)")[1])
    ['210', '331']
    >>> series_named("Formation d ingenieur Bac + 5   Bacs technologiques")
    (frozenset(), frozenset(), True)
    >>> series_named("Formation d ingenieur Bac + 5   Bac general")
    (frozenset(), frozenset(), False)
    """
    words = _tokens(label)
    codes = _CODES["spcl"] if "spcl" in words else frozenset()
    for w in words:
        if w in _CODES and not (w == "stl" and codes):
            codes |= _CODES[w]
    groups = frozenset(_GROUPS[w] for w in words if w in _GROUPS)
    generic = not (codes or groups) and any(w in _GENERIC for w in words)
    return codes, groups, generic


def series_words(label: str) -> list[str]:
    """The series a programme label names, as people write them, in the label's order
    (« STL SPCL » for the STL speciality it names); empty for a label naming none.

    >>> series_words("Formation d ingenieur   Autres Series (Bac STL, STI2D, STAV, ST2S)")
    ['STL', 'STI2D', 'STAV', 'ST2S']
    >>> series_words("Formation d ingenieur Bac + 5   Bac STL (Specialite SPCL)")
    ['STL SPCL']
    >>> series_words("Formation d ingenieur Bac + 5   Bacs technologiques")
    []
    """
    words = _tokens(label)
    out: list[str] = []
    for w in words:
        if w == "spcl":
            out = [x for x in out if x != "STL"] + ["STL SPCL"]
        elif (w in _CODES or w in _GROUPS) and w.upper() not in out:
            out.append(w.upper())
    return out


def track_legs(
    diplomas: Iterable[DiplomaFacts],
    labels: dict[str, str],
    documented: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[InferredPasserelle]:
    """One leg per (bac techno series, engineering programme of the extract whose label names
    it); ``labels``: programme code -> its label, for the engineering programmes."""
    bacs = [
        d for d in diplomas if d.type == "bac_techno" and bac_techno.is_series(d.nsf, d.examined)
    ]
    out: list[InferredPasserelle] = []
    for code, label in labels.items():
        codes, groups, generic = series_named(label)
        if not (codes or groups or generic):
            continue
        named = " – ".join(p.strip() for p in re.split(r"\s{3,}", label.strip()) if p.strip())
        how = f"voie d'accès nommée par l'intitulé Parcoursup « {named} »"
        for a in bacs:
            if (a.code, code) in documented:
                continue
            if generic or a.code in codes or a.nsf in groups:
                pid = f"inf-{RULE}-{a.code}-{code}".lower()
                out.append(
                    InferredPasserelle(
                        pid,
                        RULE,
                        a.code,
                        code,
                        field_match=how,
                        strength=STRENGTH["generic" if generic else "named"],
                    )
                )
    return sorted(out, key=lambda p: p.id)
