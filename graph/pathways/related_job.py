"""A start diploma that prepares for a job next to the one asked: said, never a flat « Pas de
parcours ».

The words « maçon » read the ROME job F1703 « Maçon / Maçonne »; Certif Info ties the CAP maçon
to F1701 « Coffreur / Coffreuse » only. From the CAP maçon toward « maçon » in the Lozère the
answer was « Pas de parcours », as if the learner were far from the job. The ROME files its jobs
by professional domain (the code's first three characters: F17, « travaux et gros œuvre »): a
job of the start's Certif Info jobs in the goal's domain is a related job the start prepares for
already, and the answer names it. Pure function over plain values; graph/pathways/find.py reads
the start's jobs (``cypher/diploma_jobs.cypher``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from graph.diploma_names import display_name
from graph.pathways.job import to_goal

__all__ = ["related_job_sentence", "start_jobs"]

_ROME = re.compile(r"^[A-N]\d{4}$")


def start_jobs(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str | None]]:
    """The start's jobs (code, name or None) from the rows of ``diploma_jobs``.

    >>> start_jobs([{"codes": ["F1701", "F1703"], "labels": ["Coffreur / Coffreuse"]}])
    [('F1701', 'Coffreur / Coffreuse'), ('F1703', None)]
    >>> start_jobs([{"codes": None, "labels": None}]), start_jobs([])
    ([], [])
    """
    row = rows[0] if rows else {}
    codes = [str(c) for c in row.get("codes") or ()]
    labels = [str(n) if n else None for n in row.get("labels") or ()]
    return [(c, labels[i] if i < len(labels) else None) for i, c in enumerate(codes)]


def related_job_sentence(
    start: Mapping[str, Any], jobs: Sequence[tuple[str, str | None]], goal: str, goal_label: str
) -> str | None:
    """What to say when the start diploma is not tied to the goal job ``goal`` (a ROME code,
    named ``goal_label``) but to a job of the same ROME professional domain; None otherwise.

    >>> cap = {"code": "50023224", "name": "CAP maçon"}
    >>> print(related_job_sentence(cap, [("F1701", "Coffreur / Coffreuse")], "F1703",
    ...     "métier ROME F1703 (Maçon / Maçonne)"))
    D'après les fiches Certif Info des diplômes, CAP maçon ne prépare pas au métier ROME F1703 (Maçon / Maçonne), mais prépare déjà à un métier voisin du même domaine professionnel : métier ROME F1701 (Coffreur / Coffreuse).
    >>> related_job_sentence(cap, [("F1701", None)], "H2913", "métier ROME H2913") is None
    True
    >>> related_job_sentence(cap, [("F1703", "Maçon")], "F1703", "métier ROME F1703") is None
    True
    """  # noqa: E501
    if not _ROME.match(goal) or any(c == goal for c, _ in jobs):
        return None
    near = [(c, n) for c, n in jobs if _ROME.match(c) and c[:3] == goal[:3]]
    if not near:
        return None
    said = " ; ".join(f"métier ROME {c} ({n})" if n else f"métier ROME {c}" for c, n in near)
    which = "un métier voisin" if len(near) == 1 else "des métiers voisins"
    return (
        f"D'après les fiches Certif Info des diplômes, {display_name(start)} ne prépare pas "
        f"{to_goal(goal_label)}, mais prépare déjà à {which} du même domaine professionnel : "
        f"{said}."
    )
