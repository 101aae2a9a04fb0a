"""A step whose diploma the BCN closes before the learner could finish it. Pure functions.

The public files of offers are of 2022: a Bac pro maintenance des véhicules option voitures
particulières (40025214) is offered there, but the BCN closes it on 31/08/2028 (last exam
session in 2028) and its successor, option véhicules légers (40025224), opened in 2025. A 3e
pupil entering its 2de at the next rentrée (2027) sits the Bac pro in 2030: they will prepare
the successor, whatever the 2022 file says (tester23, Châteauroux). The step then says the
closing and, when the usual length of the programme takes the learner past it, that an entry
at the next rentrée is likely into the diploma that replaces it — to check with the
establishment, since the files cannot tell which version an establishment teaches.

Usual lengths (:data:`USUAL_YEARS`) are the ordinary school routes (CAP 2 years, Bac pro 3
after the 3e or 2 from the 1re pro, BTS 2, BUT 3, licence pro 1…); a type without one gets
the closing said alone. The steps are chained: a step begins when the previous ones end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from graph.diploma_names import closed_note

__all__ = ["USUAL_YEARS", "closing_parts", "next_rentree"]

Row = Mapping[str, Any]

# the ordinary length of a school route by diploma type (a Bac pro from the 1re pro: 2)
USUAL_YEARS: dict[str, int] = {
    "cap": 2,
    "bac_pro": 3,
    "bp": 2,
    "mc": 1,
    "bts": 2,
    "dut": 2,
    "but": 3,
    "licence_pro": 1,
    "licence": 3,
    "master": 2,
    "ingenieur": 3,
}


def next_rentree(today: date) -> int:
    """The year of the next school entry (September): this year until August, else the next.

    >>> next_rentree(date(2026, 12, 7)), next_rentree(date(2027, 3, 1))
    (2027, 2027)
    >>> next_rentree(date(2027, 9, 1))
    2028
    """
    return today.year if today.month < 9 else today.year + 1


def _years(d: Row, prev: Row | None) -> int | None:
    """The usual length of ``d``'s route after ``prev`` (None: the end of 3e or unknown)."""
    kind = str(d.get("type") or "")
    if kind == "bac_pro" and prev is not None and (prev.get("level") or 0) >= 3:
        return 2  # a CAP (or a Bac pro) holder enters the 1re pro
    return USUAL_YEARS.get(kind)


def closing_parts(
    start: Row,
    diplomas: Sequence[Row],
    successors: Mapping[str, Row],
    rentree: int,
) -> list[str | None]:
    """For each step's diploma, what to say of its closing (French), or None.

    ``start``: the start (a 3e end or a diploma held); ``diplomas``: the steps' diplomas in
    order (``closing_date`` ISO, ``closed``, ``successors``: codes); ``successors``: the rows
    of those codes (their names); ``rentree``: the year of the first step's entry.

    >>> mv = {"code": "40025214", "type": "bac_pro", "name": "Bac pro MV option A",
    ...       "closing_date": "2028-08-31", "successors": ["40025224"]}
    >>> new = {"40025224": {"code": "40025224", "name": "Bac pro MV véhicules légers"}}
    >>> print(closing_parts({"level": 2}, [mv], new, 2027)[0])
    fermeture prévue en 2028, remplacé par Bac pro MV véhicules légers : une entrée à la rentrée 2027 finirait après sa dernière session (2028), elle se fait sans doute déjà dans celui qui le remplace (à vérifier avec l'établissement)

    Finished before it closes (a CAP holder's 1re pro, 2027 + 2 = 2029, closing in 2030), or
    open with no closing date: nothing said.

    >>> later = {**mv, "closing_date": "2030-08-31"}
    >>> closing_parts({"level": 3}, [later, {"code": "x", "type": "bts"}], {}, 2027)
    [None, None]

    A later step begins when the earlier ones end (a BTS after a 2-year CAP, 2027 + 2):

    >>> bts = {"code": "b", "type": "bts", "name": "BTS B", "closing_date": "2029-08-31"}
    >>> cap = {"code": "c", "type": "cap", "name": "CAP C"}
    >>> closing_parts({"level": 2}, [cap, bts], {}, 2027)[1][:64]
    'fermeture prévue en 2029 : une entrée à la rentrée 2029 finirait'
    """  # noqa: E501
    out: list[str | None] = []
    entry: int | None = rentree
    prev: Row | None = start if start.get("level") and int(start["level"]) >= 3 else None
    for d in diplomas:
        years = _years(d, prev)
        closing = str(d.get("closing_date") or "")[:4]
        part = None
        # said only when the learner would finish after the last session; else nothing to know
        if (
            closing.isdigit()
            and not d.get("closed")
            and entry is not None
            and years is not None
            and entry + years > int(closing)
        ):
            rows = [successors[c] for c in d.get("successors") or () if c in successors]
            replaced = "celui qui le remplace" if rows else "le diplôme rénové qui le remplace"
            part = (
                f"{closed_note(d, rows)} : une entrée à la rentrée {entry} finirait après sa "
                f"dernière session ({closing}), elle se fait sans doute déjà dans {replaced} "
                "(à vérifier avec l'établissement)"
            )
        out.append(part)
        entry = entry + years if entry is not None and years is not None else None
        prev = d
    return out
