"""Why a search found no pathway when known passerelles lead from the start to the goal, but
hold in another territory only: « Aucune passerelle connue ne mène … à un diplôme d'ingénieur »
was said from a BTS asked in Bretagne while the Mecanic Vallée documents passerelles from that
BTS to engineering degrees, in the Aveyron and the Lot. Said, with where they hold; never
proposed as a pathway there (a campus's passerelle is a fact of its territory)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.diploma_links import link_entries
from graph.diploma_names import display_name
from graph.pathways.query import PathwayQuery
from graph.pathways.search import is_goal
from graph.store import GraphStore

__all__ = ["elsewhere_note", "elsewhere_sentence"]

Row = dict[str, object]
EXAMPLES = 3


def elsewhere_sentence(
    q: PathwayQuery, legs: Iterable[Row], campus_names: Mapping[str, str]
) -> str | None:
    """The sentence naming the passerelles from the start to a goal diploma that hold in
    another territory only (``legs``: rows of cypher/pathway_local_legs_from.cypher), or None
    when there are none. Direct passerelles only: a longer chain is not looked for."""
    entries = [
        e
        for e in link_entries([dict(r) for r in legs], campus_names)
        if e["where"] and is_goal(e, q, None)
    ]
    if not entries:
        return None
    named = " ; ".join(f"{display_name(e)} ({e['where'].rstrip('.')})" for e in entries[:EXAMPLES])
    more = f" (et {len(entries) - EXAMPLES} autres)" if len(entries) > EXAMPLES else ""
    n = len(entries)
    lead = "Des passerelles connues mènent" if n > 1 else "Une passerelle connue mène"
    holds = "ne valent" if n > 1 else "ne vaut"
    return (
        f"{lead} directement de ce diplôme à un diplôme visé, mais {holds} que là où "
        f"{'elles sont documentées' if n > 1 else 'elle est documentée'} : {named}{more}. "
        "Hors de ce territoire, à examiner avec l'établissement visé."
    )


def elsewhere_note(store: GraphStore, q: PathwayQuery) -> str | None:
    """:func:`elsewhere_sentence` for a search from one diploma (not a start by level)."""
    if q.start_level is not None or len(q.start_codes) != 1:
        return None
    legs = store.read("pathway_local_legs_from", codes=list(q.start_codes))
    if not legs:
        return None
    names = {
        str(c["id"]): str(c.get("short_name") or c.get("name") or c["id"])
        for c in store.read("gaps_campuses")
    }
    return elsewhere_sentence(q, legs, names)
