"""A pathway question once resolved against the graph: start codes, goal, territory, options."""

from __future__ import annotations

from pydantic import BaseModel

from graph.models import DiplomaType, Modality
from graph.pathways.closed_start import Replaced
from graph.territory import Point, Territory

__all__ = ["PathwayQuery"]


class PathwayQuery(BaseModel):
    start_codes: list[str]
    start_label: str
    # the start diploma as a sentence names it, without its code (« CAP électricien »): the
    # code stays in the API's `start` field, never in prose; None for a level start, whose
    # label has no code
    start_name: str | None = None
    # the start by level in a field said from public links only, outside the campuses that
    # describe it (French; graph.pathways.start_scope)
    start_notice: str | None = None
    # closed diplomas left out of a level start for their successors (closed_start.py)
    replaced: list[Replaced] = []
    start_level: int | None = None  # a start by level (from_level): graph.pathways.bac_starts
    # from the end of 3e in a field (from_level=2 + sector): the programmes entered after 3e
    # that the first step may be (graph.pathways.request.after_3e_entries); None: any
    entry_codes: list[str] | None = None
    # the start is a level (from_level): any of start_codes, none of them chosen by the learner
    by_level: bool = False
    to: str | None = None
    # the goal diploma as users read it (« BTS … (32022316) »), set when the graph knows it
    to_label: str | None = None
    # the goal diploma as a sentence names it, without its code (as start_name)
    to_name: str | None = None
    to_type: DiplomaType | None = None
    # the goal asked is closed: said first (French); ``to`` is then its one open successor,
    # when the BCN names one (graph.pathways.closed_start.closed_goal)
    goal_notice: str | None = None
    to_level: int | None = None
    sector: str | None = None
    # the field of a start by level (from_level + sector: a filière, a field nsf-NNN or a ROME
    # code), as asked; None otherwise (graph/pathways/agricultural.py reads it)
    start_sector: str | None = None
    # the goal job as users read it (« secteur Soudeurs », « métier ROME H2903 »)
    sector_label: str | None = None
    home: Point | None = None
    # where the learner holds the start diploma (graph.pathways.request.learner_departements):
    # a leg tied to a campus programme's territory holds from the start only there
    start_departements: list[str] | None = None
    territory: Territory = Territory()
    allow_outside: bool = False
    modality: Modality | None = None
    max_steps: int = 4
    limit: int = 10
    # the diplomas taken for the goal job because their title is its name, Certif Info filing
    # them under a job next to it (graph/pathways/named_job.py): code -> why, said in French
    # in place of « prépare au métier d'après les données importées »
    named_goals: dict[str, str] = {}

    @property
    def start_spoken(self) -> str:
        """The start as a sentence says it: its name without the code (« du CAP électricien »,
        never « du CAP électricien (50025524) »), the label for a level start."""
        return self.start_name or self.start_label

    @property
    def restricted(self) -> bool:
        """Whether the steps must be offered in the territory (in the modality asked)."""
        return (self.territory.is_set or self.modality is not None) and not self.allow_outside
