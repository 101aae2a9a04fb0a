"""ROME jobs found by the words people use: « soudeur » is the job H2913 (« Soudeur /
Soudeuse »), « soudure » too (a typo or a word of the same stem), « électricien » is two jobs
(F1602 of the building, I1309 of maintenance) to choose from.

The names are the ones the graph holds: the national import writes each diploma's Certif Info
jobs with their names from ``rome.csv`` (``cypher/rome_jobs.cypher``); a job no diploma trains
for is not named there, and could not be reached anyway. Pure functions over plain rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from graph.text import normalise

__all__ = ["RomeJob", "WORD_MATCH", "find_jobs", "job_for_words", "rome_jobs"]

WORD_MATCH = 82  # a query word matches a name word at this similarity (0-100) or as a prefix
STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "ou"}
_ROME = re.compile(r"^[A-N]\d{4}$")


@dataclass(frozen=True)
class RomeJob:
    """A ROME job: its code, its name, how many diplomas of the graph train for it."""

    code: str
    name: str
    diplomas: int = 0

    @property
    def choice(self) -> str:
        """« H2913 (Soudeur / Soudeuse) », as a list of jobs to choose from says it."""
        return f"{self.code} ({self.name})"


def rome_jobs(rows: Iterable[Mapping[str, Any]]) -> list[RomeJob]:
    """The rows of ``rome_jobs`` as jobs, by code."""
    return sorted(
        (
            RomeJob(str(r["code"]), str(r["name"]), int(r.get("diplomas") or 0))
            for r in rows
            if r.get("code") and r.get("name")
        ),
        key=lambda j: j.code,
    )


def _words(text: str) -> list[str]:
    folded = normalise(text).replace("'", " ").replace("-", " ").replace("/", " ")
    return [w for w in re.split(r"[^a-z0-9]+", folded) if w and w not in STOP]


def _parts(name: str) -> set[str]:
    """The ways a name is said whole: « Soudeur / Soudeuse » -> {soudeur, soudeuse, soudeur
    soudeuse}."""
    whole = " ".join(_words(name))
    return {" ".join(_words(p)) for p in name.split("/")} | {whole}


def _word_score(word: str, name_words: Sequence[str]) -> float:
    best = 0.0
    for n in name_words:
        if len(word) >= 3 and n.startswith(word):
            return 100.0
        best = max(best, fuzz.ratio(word, n))
    return best


def _score(words: Sequence[str], job: RomeJob) -> float:
    name_words = _words(job.name)
    scores = [_word_score(w, name_words) for w in words]
    return sum(scores) / len(scores) if scores and min(scores) >= WORD_MATCH else 0.0


def find_jobs(jobs: Sequence[RomeJob], query: str, *, limit: int = 20) -> list[RomeJob]:
    """The jobs whose name holds every word of ``query`` (a prefix of three letters or more,
    or a close spelling), best first, then those more diplomas train for; a ROME code finds
    its job.

    >>> jobs = [RomeJob("H2913", "Soudeur / Soudeuse", 5),
    ...         RomeJob("F1602", "Électricien / Électricienne du bâtiment", 3),
    ...         RomeJob("I1309", "Électricien / Électricienne de maintenance", 4)]
    >>> [j.code for j in find_jobs(jobs, "electricien")]
    ['I1309', 'F1602']
    >>> [j.code for j in find_jobs(jobs, "soudure")], [j.code for j in find_jobs(jobs, "h2913")]
    (['H2913'], ['H2913'])
    """
    code = query.strip().upper()
    if _ROME.match(code):
        return [j for j in jobs if j.code == code]
    words = _words(query)
    if not words:
        return []
    scored = [(s, j) for j in jobs if (s := _score(words, j)) > 0]
    scored.sort(key=lambda sj: (-sj[0], -sj[1].diplomas, sj[1].code))
    return [j for _, j in scored[:limit]]


def job_for_words(
    jobs: Sequence[RomeJob], query: str, *, limit: int = 8
) -> tuple[RomeJob | None, list[RomeJob]]:
    """The one job ``query`` names, or None and the jobs to choose from (the close names when
    no name holds the words). One job: the only one named exactly so (« soudeur »: « Soudeur /
    Soudeuse »), else the only one whose name holds the words.

    >>> jobs = [RomeJob("H2913", "Soudeur / Soudeuse"), RomeJob("H2902", "Chaudronnier"),
    ...         RomeJob("F1602", "Électricien / Électricienne du bâtiment"),
    ...         RomeJob("I1309", "Électricien / Électricienne de maintenance")]
    >>> job_for_words(jobs, "Soudeur")[0]
    RomeJob(code='H2913', name='Soudeur / Soudeuse', diplomas=0)
    >>> [j.code for j in job_for_words(jobs, "électricien")[1]]
    ['F1602', 'I1309']
    >>> [j.code for j in job_for_words(jobs, "chaudronnerie soudure")[1]]  # the close names
    ['H2902']
    """
    wanted = " ".join(_words(query))
    exact = [j for j in jobs if wanted and wanted in _parts(j.name)]
    if len(exact) == 1:
        return exact[0], []
    found = find_jobs(jobs, query, limit=max(limit, 20))
    if len(found) == 1:
        return found[0], []
    if found:
        return None, found[:limit]
    if not wanted:
        return None, []
    names = {i: " ".join(_words(j.name)) for i, j in enumerate(jobs)}
    near = process.extract(wanted, names, scorer=fuzz.token_set_ratio, limit=limit)
    return None, [jobs[i] for _, s, i in near if s >= 60]
