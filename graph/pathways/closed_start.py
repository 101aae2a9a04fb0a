"""A start diploma the BCN closed: name its renewed versions, so that an answer without pathway
points to the diploma the known passerelles start from.

CAP maintenance des véhicules automobiles option véhicules industriels (50025215, closed in
2015, replaced by 50025219, itself replaced by 50025226) → BTS in the Morbihan by
apprenticeship: « Aucune passerelle connue » and nothing else, while the continuations of the
trade start from its successors (a closed diploma gets no inferred continuation of its own
unless it is still offered, docs/inferred-passerelles.md). Pure: the caller gives the start's
row and a lookup of diploma rows (``successors``: the BCN's ``RENAMED_TO``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from graph.diploma_names import display_name

__all__ = [
    "Replaced",
    "closed_goal",
    "replaced_notice",
    "replaced_starts",
    "successor_sentence",
]

Row = Mapping[str, Any]
MAX_HOPS = 3


def _open_successors(start: Row, rows: Callable[[Iterable[str]], Mapping[str, Row]]) -> list[Row]:
    """The nearest renewed versions of ``start`` that are open (a closed successor is followed to
    its own, up to :data:`MAX_HOPS` renewals), in the BCN's order, each once."""
    seen = {str(start.get("code"))}
    wave = [str(c) for c in start.get("successors") or ()]
    for _ in range(MAX_HOPS):
        wave = [c for c in dict.fromkeys(wave) if c not in seen]
        if not wave:
            return []
        seen.update(wave)
        found = rows(wave)
        opened = [found[c] for c in wave if c in found and not found[c].get("closed")]
        if opened:
            return opened
        wave = [str(s) for c in wave if c in found for s in found[c].get("successors") or ()]
    return []


def successor_sentence(
    start: Row, rows: Callable[[Iterable[str]], Mapping[str, Row]]
) -> str | None:
    """What to add to an answer without pathway from a closed start diploma (French); None when
    the start is open or the data knows no open successor.

    >>> rows = {"2": {"code": "2", "name": "CAP B", "closed": True, "successors": ["3"]},
    ...         "3": {"code": "3", "name": "CAP C", "successors": []}}
    >>> look = lambda codes: {c: rows[c] for c in codes if c in rows}
    >>> print(successor_sentence({"code": "1", "name": "CAP A", "closed": True,
    ...                           "successors": ["2"]}, look))
    Le diplôme de départ (CAP A) est fermé ; la BCN le remplace par CAP C : les passerelles connues partent de ce diplôme, cherchez depuis lui.
    >>> successor_sentence({"code": "3", "name": "CAP C", "successors": []}, look) is None
    True
    """  # noqa: E501
    if not start.get("closed"):
        return None
    found = _open_successors(start, rows)
    if not found:
        return None
    names = " ou ".join(display_name(d) for d in found)
    these = (
        "ce diplôme, cherchez depuis lui"
        if len(found) == 1
        else "ces diplômes, cherchez depuis eux"
    )
    return (
        f"Le diplôme de départ ({display_name(start)}) est fermé ; la BCN le remplace par "
        f"{names} : les passerelles connues partent de {these}."
    )


def closed_goal(
    goal: Row, rows: Callable[[Iterable[str]], Mapping[str, Row]]
) -> tuple[str | None, str | None]:
    """For a goal diploma the BCN closed: the code of the one open successor the answer is for
    (None when it names none, or several: the answer cannot choose), and what the answer says
    first (French; None for an open goal). Bac pro SN option C (40025515, closed in 2025) asked
    as a goal answered « Aucune passerelle connue ne mène… » (tester24, Lorient): its successor,
    the Bac pro CIEL, is what a learner prepares now.

    >>> rows = {"2": {"code": "2", "name": "Bac pro B", "type": "bac_pro", "successors": []},
    ...         "3": {"code": "3", "name": "Bac pro C", "type": "bac_pro", "successors": []}}
    >>> look = lambda codes: {c: rows[c] for c in codes if c in rows}
    >>> sn = {"code": "1", "name": "Bac pro A", "type": "bac_pro", "closed": True,
    ...       "closing_date": "2025-08-31", "successors": ["2"]}
    >>> code, said = closed_goal(sn, look)
    >>> code
    '2'
    >>> print(said)
    Le diplôme visé (Bac pro A) est fermé en 2025, remplacé par Bac pro B : la réponse porte sur celui-ci, que l'on prépare aujourd'hui.
    >>> print(closed_goal({**sn, "successors": ["2", "3"]}, look)[1])
    Le diplôme visé (Bac pro A) est fermé en 2025, remplacé par Bac pro B ou Bac pro C : cherchez les parcours vers l'un d'eux, que l'on prépare aujourd'hui.
    >>> closed_goal({**sn, "successors": []}, look)
    (None, 'Le diplôme visé (Bac pro A) est fermé en 2025.')
    >>> closed_goal(rows["2"], look)
    (None, None)
    """  # noqa: E501
    if not goal.get("closed"):
        return None, None
    found = _open_successors(goal, rows)
    year = str(goal.get("closing_date") or "")[:4]
    head = f"Le diplôme visé ({display_name(goal)}) est fermé" + (
        f" en {year}" if year.isdigit() else ""
    )
    if not found:
        return None, f"{head}."
    names = " ou ".join(display_name(d) for d in found)
    if len(found) == 1:
        return str(found[0]["code"]), (
            f"{head}, remplacé par {names} : la réponse porte sur celui-ci, que l'on "
            "prépare aujourd'hui."
        )
    return None, (
        f"{head}, remplacé par {names} : cherchez les parcours vers l'un d'eux, que l'on "
        "prépare aujourd'hui."
    )


class Replaced(NamedTuple):
    """A closed diploma left out of a level start: its code, the codes of its open successors
    that start instead, and how the notice names it (« Bac pro A (remplacé par Bac pro B) »)."""

    code: str
    successors: tuple[str, ...]
    said: str


def replaced_starts(
    codes: list[str], rows: Callable[[Iterable[str]], Mapping[str, Row]]
) -> tuple[list[str], list[Replaced]]:
    """A level start without the closed diplomas whose open successor is a start too, and
    those left out (:func:`replaced_notice` says them).

    A counsellor asking « depuis un niveau 4 » for a pupil wants the diplomas prepared now:
    Gestion-administration (Bac pro, closed in 2022) started 4 of 16 pathways beside its
    successor, unflagged, repeating the successor's continuations (a closed diploma's
    passerelles lead where its successor's do, graph/pathways/search.py). An adult who holds
    the old diploma reads which current one to search from. A closed diploma no open start
    replaces stays (its pathways are the only ones from it).

    >>> rows = {"1": {"code": "1", "name": "Bac pro A", "closed": True, "successors": ["2"]},
    ...         "2": {"code": "2", "name": "Bac pro B", "successors": []},
    ...         "3": {"code": "3", "name": "Bac pro C", "closed": True, "successors": []}}
    >>> look = lambda codes: {c: rows[c] for c in codes if c in rows}
    >>> kept, left = replaced_starts(["1", "2", "3"], look)
    >>> kept, left
    (['2', '3'], [Replaced(code='1', successors=('2',), said='Bac pro A (remplacé par Bac pro B)')])
    >>> replaced_starts(["1", "3"], look)
    (['1', '3'], [])
    """  # noqa: E501
    found = rows(codes)
    starts = set(codes)
    left: list[Replaced] = []
    for code in codes:
        row = found.get(code)
        if row is None or not row.get("closed"):
            continue
        successors = [d for d in _open_successors(row, rows) if str(d.get("code")) in starts]
        if successors:
            name = display_name(row)
            # the renewed diploma often keeps its name (Bac pro MELEC 40025510 → 40025520)
            names = " ou ".join(
                "sa version rénovée, de même nom" if display_name(d) == name else display_name(d)
                for d in successors
            )
            said = f"{name} (remplacé par {names})"
            left.append(Replaced(code, tuple(str(d["code"]) for d in successors), said))
    gone = {r.code for r in left}
    return [c for c in codes if c not in gone], left


def replaced_notice(
    left: Sequence[Replaced],
    *,
    started: Collection[str],
    offered_here: Callable[[Iterable[str]], set[str]] | None = None,
    where: str = "",
    level: int | None = None,
) -> str | None:
    """What an answer from a level says of the closed diplomas left out of its start (French),
    None when none matters to the question: those whose successor starts a pathway of the
    answer (``started``: the start codes of the pathways shown), and, for a question of a
    territory (``offered_here``: the codes among those given that the files show offered
    there, now or before; ``where``: « dans le département de la Côte-d'Or (21) »), offered
    there: the holders a counsellor of the territory meets; ``level``: the start level, said
    after « Départ de niveau » (a tester read « Départ de niveau : » with no number). « 357 diplômes fermés laissés de
    côté » was said in every département, with or without pathways from their successors.

    >>> left = [Replaced("1", ("2",), "Bac pro A (remplacé par Bac pro B)"),
    ...         Replaced("4", ("5",), "Bac pro D (remplacé par Bac pro E)")]
    >>> print(replaced_notice(left, started={"2", "5"}, level=4))
    Départ de niveau 4 : 2 diplômes fermés laissés de côté, remplacés par un diplôme actuel dont partent les mêmes passerelles (par exemple Bac pro A (remplacé par Bac pro B)) ; pour un diplôme fermé, cherchez depuis celui qui le remplace.
    >>> print(replaced_notice(left, started={"2", "5"}, offered_here=lambda c: {"4"},
    ...     where="dans le Lot (46)")[:151])
    Départ de niveau : 1 diplôme fermé, que les fichiers montrent proposé dans le Lot (46), laissé de côté, remplacé par un diplôme actuel dont partent les
    >>> replaced_notice(left, started={"2"}, offered_here=lambda c: {"4"}, where="x") is None
    True
    >>> replaced_notice(left, started=set()) is None
    True
    """  # noqa: E501
    said = [r for r in left if any(c in started for c in r.successors)]
    here = ""
    if said and offered_here is not None:
        found_here = offered_here([r.code for r in said])
        said = [r for r in said if r.code in found_here]
        here = f", que les fichiers montrent proposé{'s' if len(said) > 1 else ''} {where},"
    if not said:
        return None
    n = len(said)
    s = "s" if n > 1 else ""
    example = said[0].said if n == 1 else f"par exemple {said[0].said}"
    start = "Départ de niveau" if level is None else f"Départ de niveau {level}"
    return (
        f"{start} : {n} diplôme{s} fermé{s}{here} laissé{s} de côté, remplacé{s} par "
        f"un diplôme actuel dont partent les mêmes passerelles ({example}) ; pour un diplôme "
        "fermé, cherchez depuis celui qui le remplace."
    )
