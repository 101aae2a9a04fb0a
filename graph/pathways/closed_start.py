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

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graph.diploma_names import display_name

__all__ = ["replaced_starts", "successor_sentence"]

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


def replaced_starts(
    codes: list[str], rows: Callable[[Iterable[str]], Mapping[str, Row]]
) -> tuple[list[str], str | None]:
    """A level start without the closed diplomas whose open successor is a start too, and what
    the answer says of them (French), None when none is left out.

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
    >>> kept, said = replaced_starts(["1", "2", "3"], look)
    >>> kept
    ['2', '3']
    >>> print(said)
    Départ de niveau : 1 diplôme fermé laissé de côté, remplacé par un diplôme actuel dont partent les mêmes passerelles (Bac pro A (remplacé par Bac pro B)) ; pour un diplôme fermé, cherchez depuis celui qui le remplace.
    >>> replaced_starts(["1", "3"], look)
    (['1', '3'], None)
    """  # noqa: E501
    found = rows(codes)
    starts = set(codes)
    left: list[str] = []
    said: list[str] = []
    for code in codes:
        row = found.get(code)
        if row is None or not row.get("closed"):
            continue
        successors = [d for d in _open_successors(row, rows) if str(d.get("code")) in starts]
        if successors:
            left.append(code)
            names = " ou ".join(display_name(d) for d in successors)
            said.append(f"{display_name(row)} (remplacé par {names})")
    if not left:
        return codes, None
    n = len(left)
    example = said[0] if n == 1 else f"par exemple {said[0]}"
    return [c for c in codes if c not in set(left)], (
        f"Départ de niveau : {n} diplôme{'s' if n > 1 else ''} fermé{'s' if n > 1 else ''} "
        f"laissé{'s' if n > 1 else ''} de côté, remplacé{'s' if n > 1 else ''} par un diplôme "
        f"actuel dont partent les mêmes passerelles ({example}) ; pour un diplôme fermé, "
        "cherchez depuis celui qui le remplace."
    )
