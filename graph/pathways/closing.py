"""A step whose diploma the BCN closes before the learner could finish it. Pure functions.

The public files of offers are of 2022: a Bac pro maintenance des véhicules option voitures
particulières (40025214) is offered there, but the BCN closes it on 31/08/2028 (last exam
session in 2027: its DATE_DERNIERE_SESSION, not the closing day's year) and its successor,
option véhicules légers (40025224), opened in 2025. A 3e pupil entering its 2de at the next
rentrée (2027) sits the Bac pro in 2030: they will prepare the successor, whatever the 2022
file says (tester23, Châteauroux). The step then says the closing and, when the usual length of
the programme takes the learner past it, that an entry at the next rentrée is likely into the
diploma that replaces it — to check with the establishment, since the files cannot tell which
version an establishment teaches.

When nMef closes the diploma's first course year (the 2de pro of the Bac pro conducteur
transport routier marchandises, 40031107, closed on 31/08/2025), nobody enters it any more: the
step says it as a fact (:func:`entry_barred`), and the search ranks such a pathway after the
others (:func:`open_entries_first`, tester25, Lille).

Usual lengths (:data:`USUAL_YEARS`) are the ordinary school routes (CAP 2 years, Bac pro 3
after the 3e or 2 from the 1re pro, BTS 2, BUT 3, licence pro 1…); a type without one gets
the closing said alone. The steps are chained: a step begins when the previous ones end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from graph.diploma_names import closed_note

__all__ = [
    "USUAL_YEARS",
    "barred_from",
    "closing_parts",
    "entry_barred",
    "next_rentree",
    "open_entries_first",
    "open_entries_notice",
]

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


def _first_year(d: Row, prev: Row | None) -> bool:
    """Whether ``d``'s route after ``prev`` begins in its first course year (a CAP holder's
    Bac pro begins in the 1re pro, its second)."""
    return not (
        str(d.get("type") or "") == "bac_pro" and prev is not None and (prev.get("level") or 0) >= 3
    )


def barred_from(d: Row, first: bool = True) -> int | None:
    """The first rentrée nobody can enter ``d``'s first course year (``first``), else its
    second (a CAP holder's 1re pro): nMef closes every one of them (``entry_closed``,
    ``second_closed``, ISO; graph/ingest/opendata/bcn.py entry_closings), on 31/08/2025 for
    the 2de pro of the Bac pro conducteur transport routier marchandises (2025: its 2de is
    closed from the rentrée 2025), on 31/08/2026 for its 1re pro. None: open, or not told.

    >>> barred_from({"entry_closed": "2025-08-31"}), barred_from({"entry_closed": "2025-09-15"})
    (2025, 2026)
    >>> barred_from({"entry_closed": "2025-08-31", "second_closed": "2026-08-31"}, first=False)
    2026
    >>> barred_from({}) is None
    True
    """
    day = str(d.get("entry_closed" if first else "second_closed") or "")
    if len(day) < 10 or not day[:4].isdigit():
        return None
    year = int(day[:4])
    return year if day[5:] < "09-01" else year + 1


def entry_barred(start: Row, diplomas: Sequence[Row], rentree: int) -> list[bool]:
    """For each step's diploma, whether the learner could not enter it when the step begins
    (the steps chained as in :func:`closing_parts`): the course year it begins in (the first,
    or a CAP holder's 1re pro) is closed by then (:func:`barred_from`).

    >>> bac = {"code": "40031107", "type": "bac_pro", "entry_closed": "2025-08-31"}
    >>> entry_barred({"level": 2}, [bac], 2027), entry_barred({"level": 3}, [bac], 2027)
    ([True], [False])
    >>> entry_barred({"level": 3}, [{**bac, "second_closed": "2026-08-31"}], 2027)
    [True]
    >>> entry_barred({"level": 2}, [{"type": "cap"}, {**bac, "type": "bts"}], 2024)
    [False, True]
    """
    out: list[bool] = []
    entry: int | None = rentree
    prev: Row | None = start if start.get("level") and int(start["level"]) >= 3 else None
    for d in diplomas:
        barred = barred_from(d, _first_year(d, prev))
        out.append(barred is not None and entry is not None and entry >= barred)
        years = _years(d, prev)
        entry = entry + years if entry is not None and years is not None else None
        prev = d
    return out


def _entry_word(d: Row, first: bool = True) -> str:
    """The course year entered in French: the 2de of a Bac pro (its 1re pro when not
    ``first``), else its 1re année (2e année).

    >>> _entry_word({"type": "bac_pro"}, False), _entry_word({"type": "cap"})
    ('en 1re pro', 'en 1re année')
    """
    if d.get("type") == "bac_pro":
        return "en 2de professionnelle" if first else "en 1re pro"
    return "en 1re année" if first else "en 2e année"


def closing_parts(
    start: Row,
    diplomas: Sequence[Row],
    successors: Mapping[str, Row],
    rentree: int,
) -> list[str | None]:
    """For each step's diploma, what to say of its closing (French), or None.

    ``start``: the start (a 3e end or a diploma held); ``diplomas``: the steps' diplomas in
    order (``closing_date`` ISO, ``last_session`` the BCN's last exam session, ``entry_closed``
    ISO, ``closed``, ``successors``: codes); ``successors``: the rows of those codes (their
    names); ``rentree``: the year of the first step's entry.

    The learner sits the exam in the session of the year the route ends (an entry in 2027 to
    a 3-year Bac pro: 2030); it is said when that comes after the BCN's last session (its
    ``DATE_DERNIERE_SESSION``), or, when the BCN gives none, after the year it closes the
    diploma (and said so):

    >>> mv = {"code": "40025214", "type": "bac_pro", "name": "Bac pro MV option A",
    ...       "closing_date": "2028-08-31", "last_session": 2027, "successors": ["40025224"]}
    >>> new = {"40025224": {"code": "40025224", "name": "Bac pro MV véhicules légers"}}
    >>> print(closing_parts({"level": 2}, [mv], new, 2027)[0])
    fermeture prévue en 2028, remplacé par Bac pro MV véhicules légers : une entrée à la rentrée 2027 finirait après sa dernière session d'examen (2027), elle se fait sans doute déjà dans celui qui le remplace (à vérifier avec l'établissement)
    >>> print(closing_parts({"level": 2}, [{**mv, "last_session": None}], new, 2027)[0][-177:])
    finirait après sa fermeture en 2028 (la BCN ne donne pas sa dernière session d'examen), elle se fait sans doute déjà dans celui qui le remplace (à vérifier avec l'établissement)

    A one-year MC closing on 31/08/2028 whose last session is 2027: an entry in 2027 ends in
    2028, after it (by the closing year alone it would have been said nothing):

    >>> mc = {"code": "m", "type": "mc", "name": "MC M", "closing_date": "2028-08-31",
    ...       "last_session": 2027}
    >>> closing_parts({"level": 3}, [mc], {}, 2027)[0][:90]
    'fermeture prévue en 2028 : une entrée à la rentrée 2027 finirait après sa dernière session'
    >>> closing_parts({"level": 3}, [{**mc, "last_session": 2028}], {}, 2027)
    [None]

    A first course year nMef has closed is said as a fact, not a likelihood:

    >>> ctrm = {"code": "40031107", "type": "bac_pro", "name": "Bac pro CTRM",
    ...         "closing_date": "2027-08-31", "last_session": 2027,
    ...         "entry_closed": "2025-08-31", "successors": ["40031117"]}
    >>> nouveau = {"40031117": {"code": "40031117", "name": "Bac pro CTRM (rénové)"}}
    >>> print(closing_parts({"level": 2}, [ctrm], nouveau, 2027)[0])
    fermeture prévue en 2027, remplacé par Bac pro CTRM (rénové) : plus d'entrée possible en 2de professionnelle depuis la rentrée 2025, l'entrée se fait dans celui qui le remplace

    Finished before it closes (a CAP holder's 1re pro, 2027 + 2 = 2029, closing in 2030), or
    open with no closing date: nothing said.

    >>> later = {**mv, "closing_date": "2030-08-31", "last_session": 2030}
    >>> closing_parts({"level": 3}, [later, {"code": "x", "type": "bts"}], {}, 2027)
    [None, None]

    A later step begins when the earlier ones end (a BTS after a 2-year CAP, 2027 + 2):

    >>> bts = {"code": "b", "type": "bts", "name": "BTS B", "closing_date": "2029-08-31"}
    >>> cap = {"code": "c", "type": "cap", "name": "CAP C"}
    >>> closing_parts({"level": 2}, [cap, bts], {}, 2027)[1][:64]
    'fermeture prévue en 2029 : une entrée à la rentrée 2029 finirait'
    """  # noqa: E501
    out: list[str | None] = []
    barred = entry_barred(start, diplomas, rentree)
    entry: int | None = rentree
    prev: Row | None = start if start.get("level") and int(start["level"]) >= 3 else None
    for d, no_entry in zip(diplomas, barred, strict=True):
        years = _years(d, prev)
        closing = str(d.get("closing_date") or "")[:4]
        last = d.get("last_session")
        last = last if isinstance(last, int) and not isinstance(last, bool) and last > 0 else None
        part = None
        rows = [successors[c] for c in d.get("successors") or () if c in successors]
        if no_entry and not d.get("closed") and entry is not None:
            note = closed_note(d, rows)
            first = _first_year(d, prev)
            year = barred_from(d, first)
            part = (
                f"{note + ' : ' if note else ''}plus d'entrée possible {_entry_word(d, first)} "
                f"{'depuis' if (year or 0) < rentree else 'à partir de'} la rentrée {year}"
                + (", l'entrée se fait dans celui qui le remplace" if rows else "")
            )
        # said only when the learner would finish after the last session; else nothing to know
        elif (
            closing.isdigit()
            and not d.get("closed")
            and entry is not None
            and years is not None
            and entry + years > (last if last is not None else int(closing))
        ):
            replaced = "celui qui le remplace" if rows else "le diplôme rénové qui le remplace"
            after = (
                f"sa dernière session d'examen ({last})"
                if last is not None
                else f"sa fermeture en {closing} (la BCN ne donne pas sa dernière session d'examen)"
            )
            part = (
                f"{closed_note(d, rows)} : une entrée à la rentrée {entry} finirait après "
                f"{after}, elle se fait sans doute déjà dans {replaced} "
                "(à vérifier avec l'établissement)"
            )
        out.append(part)
        entry = entry + years if entry is not None and years is not None else None
        prev = d
    return out


def open_entries_first(shown: Sequence[Any], barred: Sequence[bool]) -> list[Any]:
    """The pathways ``shown`` with those whose entry is closed (``barred``, one per pathway:
    any step's :func:`entry_barred`) after the others, both in their order.

    >>> open_entries_first(["a", "b", "c"], [True, False, False])
    ['b', 'c', 'a']
    """
    return [s for s, b in zip(shown, barred, strict=True) if not b] + [
        s for s, b in zip(shown, barred, strict=True) if b
    ]


def open_entries_notice(barred: Sequence[bool], moved: bool) -> str | None:
    """What :func:`open_entries_first` did, in French (``barred``: per pathway after it;
    ``moved``: whether the order changed), or None when it moved nothing.

    >>> print(open_entries_notice([False, False, True], True))
    Le parcours n° 3, dont une formation n'accueille plus d'élèves dans l'année où il y entre d'après la BCN, est classé après les autres, quel que soit son score.
    >>> open_entries_notice([True], False) is None
    True
    """  # noqa: E501
    if not moved:
        return None
    numbers = [i for i, b in enumerate(barred, start=1) if b]
    one = len(numbers) == 1
    return (
        f"{'Le parcours' if one else 'Les parcours'} {', '.join(f'n° {i}' for i in numbers)}, "
        "dont une formation n'accueille plus d'élèves dans l'année où "
        f"{'il y entre' if one else 'ils y entrent'} d'après la BCN, "
        f"{'est classé' if one else 'sont classés'} après les autres, quel que soit "
        f"{'son' if one else 'leur'} score."
    )
