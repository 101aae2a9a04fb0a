"""The filières close to words a user typed for one (``sector=cuisine``), for the 404 of an
unknown filière: « Filière inconnue : cuisine. » then the ones to choose from,
« nsf-221 (Agroalimentaire, alimentation, cuisine) ».

The candidates are the graph's campus filières and the NSF fields of training
(:mod:`graph.nsf`), which /gaps, /map.geojson and /pathways read as filières everywhere in
France. A candidate is close when every word typed is a word of its name, begins one (three
letters or more), or is spelt close to one; never taken for the filière asked, only offered.
Pure functions over plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.errors import NotFound
from graph.nsf import GROUPS, field_id
from graph.rome_jobs import name_words, word_score
from graph.store import GraphReader

__all__ = ["WORD_MATCH", "candidates", "close_sectors", "unknown_sector"]

WORD_MATCH = 80  # a typed word matches a name word at this similarity (0-100) or as a prefix


def candidates(
    sector_rows: Iterable[Mapping[str, Any]], *, fields: bool = True
) -> list[tuple[str, str]]:
    """The graph's filières (rows of ``sector_names``) then, unless ``fields`` is False, the
    NSF fields, as (id, name).

    >>> candidates([{"id": "mecanique", "name": "Mécanique"}])[:2]
    [('mecanique', 'Mécanique'), ('nsf-100', 'Formations générales')]
    """
    graph = [(str(r["id"]), str(r["name"])) for r in sector_rows if r.get("id") and r.get("name")]
    return graph + [(field_id(code), name) for code, name in GROUPS.items() if fields]


def close_sectors(typed: str, choices: Sequence[tuple[str, str]], *, limit: int = 5) -> list[str]:
    """The filières whose names hold every word of ``typed`` (or a close spelling of it), best
    first, said « id (name) » as the API's other suggestions are.

    >>> choices = [("nsf-221", "Agroalimentaire, alimentation, cuisine"),
    ...            ("nsf-334", "Accueil, hôtellerie, tourisme"),
    ...            ("nsf-251", "Mécanique générale et de précision, usinage")]
    >>> close_sectors("cuisine", choices)
    ['nsf-221 (Agroalimentaire, alimentation, cuisine)']
    >>> close_sectors("Hotelerie", choices)  # a close spelling, without the accent
    ['nsf-334 (Accueil, hôtellerie, tourisme)']
    >>> close_sectors("usinage mécanique", choices)
    ['nsf-251 (Mécanique générale et de précision, usinage)']
    >>> close_sectors("soudure", choices), close_sectors("nsf-999", choices)
    ([], [])
    """
    words = name_words(typed)
    if not words or (len(words) == 2 and words[0] == "nsf"):
        return []
    scored: list[tuple[float, str, str]] = []
    for sid, name in choices:
        scores = [word_score(w, name_words(name)) for w in words]
        if min(scores) >= WORD_MATCH:
            scored.append((sum(scores) / len(scores), sid, name))
    scored.sort(key=lambda s: (-s[0], s[1]))
    seen: set[str] = set()
    out: list[str] = []
    for _, sid, name in scored:
        if sid not in seen:
            seen.add(sid)
            out.append(f"{sid} ({name})")
    return out[:limit]


def unknown_sector(store: GraphReader, typed: str, *, fields: bool = True) -> NotFound:
    """The 404 of a filière the graph does not know, with the close ones to choose from; the
    fields of training among them unless ``fields`` is False (a pathway starts from a campus
    filière or a job, not from a field)."""
    rows = store.read("sector_names")
    return NotFound("sector", typed, close_sectors(typed, candidates(rows, fields=fields)))
