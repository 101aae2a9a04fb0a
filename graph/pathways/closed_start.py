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

__all__ = ["successor_sentence"]

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
