"""What an answer says when a pathway ranks lower only because an establishment's place is
unknown.

An establishment without coordinates counts as far as any step is proposed
(:data:`~graph.pathways.scoring.UNPLACED_KM`): it never wins on an unknown distance. The cost is
that a better-founded pathway in the territory — the BTS gestion des transports et logistique
associée for a Bac pro logistique in the Loiret, offered in apprenticeship only by three
establishments the files place nowhere — ranks after a weakly related one 40 km away. A
counsellor must then be told, so that he checks it: this notice names the pathway that would
rank first if its distance were known. (Since leftovers26 a pathway whose passerelle is far
better founded than the weak one's above it is ranked first instead, with its own notice:
graph/pathways/trade_fit.py.) Pure function over the scored pathways shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.diploma_names import display_name
from graph.pathways.explanation import at_place
from graph.pathways.scoring import Scored

__all__ = ["unplaced_notice"]


def unplaced_notice(shown: list[Scored], ranked_after: Sequence[bool] = ()) -> str | None:
    """The notice for the first shown pathway (after the first) that would rank above the first
    at the same distance (its unknown-distance term replaced by the first's distance terms: its
    travel and its own unknown distance), its steps all in the territory; None if none.

    When the first pathway's establishments are unplaced too, both count the same unknown
    distance: the second does not rank after it for want of an address (the Cantal's two
    pathways to the Bac pro ASSP, both unplaced, the second one step longer, were said to
    rank after « parce que l'adresse … n'est pas connue »).

    A pathway with more steps outside the territory than the first, or as many, is left out:
    the territory's own pathways come first for other reasons (``outside``), whatever its
    distance. One with fewer is not: the first, wholly outside (both steps at Joué-lès-Tours,
    −50), ranked ahead of pathways starting inside the Indre at an unplaced establishment
    (one step outside, −25, but −26.4 for the unknown distance), and nothing said so
    (tester25, Châteauroux); the notice then says that the first is outside. So is one
    ``ranked_after`` names (one flag per pathway: nobody can enter it any more,
    graph/pathways/closing.py), which ranks after the others whatever its score."""
    if len(shown) < 2:
        return None
    top = shown[0]
    for rank, s in enumerate(shown[1:], start=2):
        unknown = s.components.get("unknown_distance", 0.0)
        if not s.unplaced or not unknown or (s.outside and s.outside >= top.outside):
            continue
        if rank <= len(ranked_after) and ranked_after[rank - 1]:
            continue
        top_distance = top.components.get("travel", 0.0) + top.components.get(
            "unknown_distance", 0.0
        )
        if s.score - unknown + top_distance <= top.score:
            continue
        steps = [st for st in s.plan if st.choice.unplaced]
        where = " ; ".join(
            f"{display_name(st.diploma)} {at_place(st.choice.ranked[0])}" for st in steps
        )
        top_out = (
            "est entièrement hors du territoire demandé"
            if top.outside >= len(top.plan)
            else "a plus d'étapes hors du territoire demandé"
        )
        return (
            f"Le parcours n° {rank} ({where}) passerait devant le n° 1 à distance égale : il "
            "n'est classé après que parce que l'adresse de l'établissement n'est pas connue "
            "dans les données importées"
            + (f", alors que le n° 1 {top_out}" if top.outside > s.outside else "")
            + ". À vérifier avec l'établissement."
        )
    return None
