"""The warnings a pathway step carries for the learner, as short French notes. Pure functions.

A step can say something the learner must know before choosing it: its diploma closes before
they could sit it (graph/pathways/closing.py), the offer is listed in 1re pro only with no 2de
of its famille de métiers there, the programme is a « horaires aménagés » section
(graph/pathways/reserved_track.py), the offer was seen for the diploma's previous version, is
only planned or not seen lately, has 0 places, or the requested modality is not described for
its kind. The explanation says these inside one long sentence per step (« Pourquoi ce rang ? »
on the web page, folded); the step's ``notes`` give the same parts, each as a sentence of its
own, for the page to show them on the step itself. Nothing is added: each note is a part of
the step's sentence (:func:`graph.pathways.explanation.learner_parts`), capitalised and ended.

The offers' own « à confirmer » note (a thin latest file, ``unlisted_note``) stays on the
offers, where the page already shows it once per step.
"""

from __future__ import annotations

from graph.pathways.explanation import learner_parts
from graph.pathways.scoring import Step

__all__ = ["as_note", "step_notes"]


def as_note(part: str) -> str:
    """A part of a step's sentence as a sentence of its own: its first letter in capital, a
    full stop at its end.

    >>> as_note("offre seulement en projet")
    'Offre seulement en projet.'
    >>> as_note("0 place d'entrée selon Affelnet : à vérifier avec l'établissement")
    "0 place d'entrée selon Affelnet : à vérifier avec l'établissement."
    """
    return part[:1].upper() + part[1:] + ("" if part.endswith(".") else ".")


def step_notes(st: Step, modality: str | None = None, closing: str | None = None) -> list[str]:
    """The step's notes (French), in the order its sentence says them; ``modality``: the one
    requested; ``closing``: what to say of its diploma's closing (graph/pathways/closing.py).

    >>> from graph.pathways.scoring import Choice, Offer
    >>> o = Offer("B", {"id": "a"}, {"status": "planned"}, True)
    >>> st = Step({"code": "B", "type": "bac_pro"}, {}, Choice([o], None, 0.0, None), None)
    >>> step_notes(st, closing="fermeture prévue en 2028 (à vérifier avec l'établissement)")
    ["Fermeture prévue en 2028 (à vérifier avec l'établissement).", 'Offre seulement en projet.']
    >>> step_notes(Step({"code": "B"}, {}, Choice([Offer("B", {}, {"status": "open"}, True)],
    ...     None, 0.0, None), None))
    []
    """
    head, tail = learner_parts(st, modality, closing)
    return [as_note(p) for p in (*head, *tail)]
