"""Steps whose establishment has 0 places in the latest file.

Affelnet lists some offers with a capacity of 0 (867 rows of the 2022 file): at entry to the
1re pro of the Bac pro ASSP at Lycée A.M. Javouhey (Cayenne), ``9730235T;23820033003;N;ST;0;0``,
no place and no wish. A CAP holder from Cayenne was shown it first (score 96.9) and the
explanation did not say it; the web page alone showed « effectifs d'entrée en 1re pro : 0
place » (tester22). A capacity of 0 is stored as 0, distinct from an unknown one (None:
« capacité inconnue »), and only 0 counts here.

Such a step is said (« 0 place d'entrée en 1re pro à la rentrée 2022 selon Affelnet ») and its
pathway loses :data:`W_NO_PLACE` points per such step, as much as a step whose kind the files
never describe in the modality (scoring.W_UNDESCRIBED): more than a step outside the
territory and a daily commute together, so a pathway whose steps have places, or whose places
are unknown, ranks first. The pathway stays shown: the figure is one year's, and the
establishment may take a learner outside the procedure; the counsellor is told to check.

The terms are applied to the ranked pathways (:func:`with_no_places`), not inside the search's
scorer (graph/pathways/scoring.py, pruning.py), whose bounds stay as they are: a penalty only
lowers a score, so the pathways of the search's first ``limit`` stay the best of the others;
when some of them lose points, the search is asked for more (graph/pathways/find.py,
``_search``) so that no pathway with places is left out for a penalised one. The
establishment chosen for a step is not changed (the nearest, as before): the answer lists
the step's other establishments with their places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from graph.pathways.entry_figures import AFTER_3E_ORIGIN
from graph.pathways.offer_origin import may_have_history
from graph.pathways.scoring import Scored, Step, rank, ranked_figures

__all__ = ["W_NO_PLACE", "no_place_part", "no_place_steps", "with_no_places"]

W_NO_PLACE = 50.0  # per step whose chosen establishment has 0 places (module docstring)
COMPONENT = "no_places"  # its term in the score's components (only when not 0)


def _zero(st: Step) -> bool:
    after_3e = st.leg.get("passerelle_origin") == AFTER_3E_ORIGIN
    return ranked_figures(st.choice.ranked[0], after_3e)[0] == 0


def no_place_steps(s: Scored) -> int:
    """How many steps of a pathway have 0 places at their chosen establishment (the figure
    the step is ranked on: of the entry after 3e for a step entered after 3e)."""
    return sum(1 for st in s.plan if _zero(st))


def no_place_part(st: Step) -> str | None:
    """The step sentence's part for 0 places, None when the step has places or unknown ones.

    >>> from graph.pathways.scoring import Choice, Offer
    >>> o = Offer("B", {"id": "a"}, {"capacity": 0, "year": 2022, "entry_year": 2,
    ...     "origin": "import"}, True)
    >>> st = Step({"code": "B", "type": "bac_pro"}, {}, Choice([o], None, 0.0, None), None)
    >>> no_place_part(st)
    "0 place d'entrée en 1re pro à la rentrée 2022 selon Affelnet : à vérifier avec l'établissement"
    """
    if not _zero(st):
        return None
    after_3e = st.leg.get("passerelle_origin") == AFTER_3E_ORIGIN
    offer: Mapping[str, Any] = st.choice.ranked[0].offer
    year = offer.get("year")
    what = (
        "0 place d'entrée en 1re pro"
        if not after_3e and offer.get("entry_year") == 2
        else "0 place d'entrée"
    )
    when = f" à la rentrée {year}" if year else ""
    if may_have_history(offer):
        source = "Parcoursup" if st.diploma.get("type") == "bts" else "Affelnet"
        said = f" selon {source}"
    else:
        said = " selon les données"
    return f"{what}{when}{said} : à vérifier avec l'établissement"


def with_no_places(shown: list[Scored]) -> list[Scored]:
    """The pathways with their steps of 0 places counted (:data:`W_NO_PLACE` each, the
    ``no_places`` term), ranked again; the same list when none has such a step."""
    if not any(no_place_steps(s) for s in shown):
        return shown
    out = []
    for s in shown:
        n = no_place_steps(s)
        if not n:
            out.append(s)
            continue
        components = {**s.components, COMPONENT: -W_NO_PLACE * n}
        out.append(replace(s, score=100.0 + sum(components.values()), components=components))
    return rank(out)
