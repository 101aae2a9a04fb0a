"""ROME jobs found by the words people use: « soudeur » is the job H2913 (« Soudeur /
Soudeuse »), « soudure » too (a typo or a word of the same stem), « électricien » is two jobs
(F1602 of the building, I1309 of maintenance) to choose from.

The names are the ones the graph holds: the national import writes each diploma's Certif Info
jobs with their names from ``rome.csv`` (``cypher/rome_jobs.cypher``); a job no diploma trains
for is not named there, and could not be reached anyway. A code holds several job names
(graph/ingest/opendata/rome.py: « Commis / Commise de cuisine ; Cuisinier / Cuisinière de
collectivité »): words find it by any of them.

One job is read from words only when they are one of its names (accents, case and the
feminine or masculine form aside: « cuisinière de collectivité ») or when no other name
holds them nor is spelt close to them; a close spelling is never taken for the job
(« viticulteur » is not « Aviculteur / Avicultrice »): the words are then refused with the
jobs to choose from. Pure functions over plain rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from graph.ingest.opendata.rome import NAMES_SEP
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
    def names(self) -> tuple[str, ...]:
        """The names of its jobs (« Monteur / Monteuse de panneaux photovoltaïques »,
        « Couvreur / Couvreuse »), as :attr:`name` lists them."""
        names = (n.strip() for n in self.name.split(NAMES_SEP.strip()))
        return tuple(n for n in names if n) or (self.name,)

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


def _same_stem(masculine: str, feminine: str) -> bool:
    return masculine[:3] == feminine[:3]


def _forms(name: str) -> set[str]:
    """The ways one job name is said whole, as folded words: the masculine and the feminine
    form, the complement shared (« Cuisinier / Cuisinière en industrie chimique » is « cuisinier
    industrie chimique » or « cuisiniere industrie chimique », never « cuisinier » alone).

    >>> sorted(_forms("Garde forestier / forestière"))
    ['garde forestier', 'garde forestier forestiere', 'garde forestiere']
    >>> sorted(_forms("Cuisinier / Cuisinière en industrie chimique"))[:2]
    ['cuisinier cuisiniere industrie chimique', 'cuisinier industrie chimique']
    >>> sorted(_forms("Lapidaire / Diamantaire"))  # two names, not two forms of one
    ['diamantaire', 'lapidaire', 'lapidaire diamantaire']
    """
    whole = " ".join(_words(name))
    if name.count("/") != 1:
        return {" ".join(_words(p)) for p in name.split("/")} | {whole}
    left, right = (_words(p) for p in name.split("/"))
    # the feminine replaces the last m words of the masculine: « Assistant commercial /
    # Assistante commerciale » (2), « Garde forestier / forestière » (1)
    shared = next(
        (
            m
            for m in range(min(len(left), len(right)), 0, -1)
            if all(map(_same_stem, left[len(left) - m :], right[:m]))
        ),
        0,
    )
    if not shared:
        return {" ".join(left), " ".join(right), whole}
    masculine = left + right[shared:]
    feminine = left[: len(left) - shared] + right
    return {" ".join(masculine), " ".join(feminine), whole}


def _word_score(word: str, name_words: Sequence[str]) -> float:
    """100 when a word of the name is ``word`` or starts with it (three letters or more),
    else the closest spelling's similarity (below 100)."""
    best = 0.0
    for n in name_words:
        if n == word or (len(word) >= 3 and n.startswith(word)):
            return 100.0
        best = max(best, fuzz.ratio(word, n))
    return min(best, 99.0)


def _score(words: Sequence[str], job: RomeJob) -> float:
    """The best of its names: the mean of the words' scores when each word matches one of the
    name's words (0 otherwise); 100 only when every word is, or begins, a word of the name."""
    best = 0.0
    for name in job.names:
        name_words = _words(name)
        scores = [_word_score(w, name_words) for w in words]
        if scores and min(scores) >= WORD_MATCH:
            best = max(best, sum(scores) / len(scores))
    return best


def find_jobs(
    jobs: Sequence[RomeJob], query: str, *, limit: int = 20, close: bool = True
) -> list[RomeJob]:
    """The jobs one of whose names holds every word of ``query`` (a prefix of three letters or
    more, or, unless ``close`` is False, a close spelling), best first, then those more diplomas
    train for; a ROME code finds its job.

    >>> jobs = [RomeJob("H2913", "Soudeur / Soudeuse", 5),
    ...         RomeJob("F1602", "Électricien / Électricienne du bâtiment", 3),
    ...         RomeJob("I1309", "Électricien / Électricienne de maintenance", 4)]
    >>> [j.code for j in find_jobs(jobs, "electricien")]
    ['I1309', 'F1602']
    >>> [j.code for j in find_jobs(jobs, "soudure")], [j.code for j in find_jobs(jobs, "h2913")]
    (['H2913'], ['H2913'])
    >>> find_jobs(jobs, "soudure", close=False)
    []
    """
    code = query.strip().upper()
    if _ROME.match(code):
        return [j for j in jobs if j.code == code]
    words = _words(query)
    if not words:
        return []
    least = 100.0 if not close else 1.0
    scored = [(s, j) for j in jobs if (s := _score(words, j)) >= least]
    scored.sort(key=lambda sj: (-sj[0], -sj[1].diplomas, sj[1].code))
    return [j for _, j in scored[:limit]]


def job_for_words(
    jobs: Sequence[RomeJob], query: str, *, limit: int = 8
) -> tuple[RomeJob | None, list[RomeJob]]:
    """The one job ``query`` names, or None and the jobs to choose from (the close names when
    no name holds the words). One job: the only one named so (« soudeur »: « Soudeur /
    Soudeuse »; « cuisinière de collectivité »), else the only one whose names hold the words
    when no other name is spelt close to them. A close spelling is never the job: « soudure »
    is refused with « Soudeur / Soudeuse » to choose.

    >>> jobs = [RomeJob("H2913", "Soudeur / Soudeuse"), RomeJob("H2902", "Chaudronnier"),
    ...         RomeJob("F1602", "Électricien / Électricienne du bâtiment"),
    ...         RomeJob("I1309", "Électricien / Électricienne de maintenance"),
    ...         RomeJob("H3303", "Cuisinier / Cuisinière en industrie chimique", 1),
    ...         RomeJob("G1602", "Commis / Commise de cuisine ; Cuisinier / Cuisinière de "
    ...                 "collectivité", 9)]
    >>> job_for_words(jobs, "Soudeur")[0]
    RomeJob(code='H2913', name='Soudeur / Soudeuse', diplomas=0)
    >>> job_for_words(jobs, "cuisinière de collectivité")[0].code
    'G1602'
    >>> [j.code for j in job_for_words(jobs, "électricien")[1]]
    ['F1602', 'I1309']
    >>> [j.code for j in job_for_words(jobs, "cuisinier")[1]]  # no job is named so
    ['G1602', 'H3303']
    >>> job_for_words(jobs, "soudure")  # a close spelling: to choose, never taken
    (None, [RomeJob(code='H2913', name='Soudeur / Soudeuse', diplomas=0)])
    >>> [j.code for j in job_for_words(jobs, "chaudronnerie soudure")[1]]  # the close names
    ['H2902']
    """
    wanted = " ".join(_words(query))
    exact = [j for j in jobs if wanted and any(wanted in _forms(n) for n in j.names)]
    if len(exact) == 1:
        return exact[0], []
    found = find_jobs(jobs, query, limit=max(limit, 20))
    if len(found) == 1 and find_jobs(found, query, close=False):
        return found[0], []
    if found:
        return None, found[:limit]
    if not wanted:
        return None, []
    names = {i: " ".join(_words(j.name)) for i, j in enumerate(jobs)}
    near = process.extract(wanted, names, scorer=fuzz.token_set_ratio, limit=limit)
    return None, [jobs[i] for _, s, i in near if s >= 60]
