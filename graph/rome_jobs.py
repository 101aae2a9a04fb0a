"""ROME jobs found by the words people use: « soudeur » is the job H2913 (« Soudeur /
Soudeuse »), « soudure » too (a typo or a word of the same stem), « électricien » is two jobs
(F1602 of the building, I1309 of maintenance) to choose from.

The names are the ones the graph holds: the national import writes each diploma's Certif Info
jobs with their names from ``rome.csv`` (``cypher/rome_jobs.cypher``), and the ROME reference
as ``Job`` nodes (``cypher/jobs_reference.cypher``, graph/ingest/opendata/jobs.py): every code
of ``rome.csv``, trained for or not (« A1401 Vendangeur / Vendangeuse »: known, and said so),
with the job names of ``metier.csv`` (« Boulanger / Boulangère » is D1102). A code holds
several job names (graph/ingest/opendata/rome.py: « Commis / Commise de cuisine ; Cuisinier /
Cuisinière de collectivité »): words find it by any of them. A code ``rome.csv`` files under
another one (« F1619 Couvreur / Couvreuse » under F1610, whose name lists it) is that code's
job: asked by its code or its names, the code it is filed under answers.

One job is read from words only when they are one of its names (accents, case and the
feminine or masculine form aside: « cuisinière de collectivité ») or when no other name
holds them nor is spelt close to them; a close spelling is never taken for the job
(« viticulteur » is not « Aviculteur / Avicultrice »): the words are then refused with the
jobs to choose from. Pure functions over plain rows.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from graph.ingest.opendata.rome import NAMES_SEP
from graph.text import normalise

__all__ = [
    "RomeJob",
    "WORD_MATCH",
    "choice_for",
    "find_jobs",
    "job_for_words",
    "job_words",
    "matched_name",
    "name_words",
    "named_by",
    "own_readings",
    "rome_jobs",
    "word_score",
]

WORD_MATCH = 82  # a query word matches a name word at this similarity (0-100) or as a prefix
STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux", "ou"}
_ROME = re.compile(r"^[A-N]\d{4}$")


@dataclass(frozen=True)
class RomeJob:
    """A ROME job: its code, its name, how many diplomas of the graph train for it; the other
    names of its jobs (``appellations``, metier.csv), the codes filed under it (``aliases``)."""

    code: str
    name: str
    diplomas: int = 0
    appellations: tuple[str, ...] = field(default=(), repr=False, compare=False)
    aliases: tuple[str, ...] = field(default=(), repr=False, compare=False)
    alias_names: tuple[str, ...] = field(default=(), repr=False, compare=False)  # their jobs
    # the own job of the code each appellation comes from (its own, or one of its aliases')
    appellation_jobs: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def named(self, code: str) -> str:
        """The job a code of it is (:attr:`code` or one of :attr:`aliases`), as an answer names
        it: « Couvreur / Couvreuse, rattaché au code ROME F1610 » for a code filed under it."""
        if code in self.aliases:
            name = self.alias_names[self.aliases.index(code)]
            return f"{name}, rattaché au code ROME {self.code}"
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        """The names of its jobs (« Monteur / Monteuse de panneaux photovoltaïques »,
        « Couvreur / Couvreuse »), as :attr:`name` lists them."""
        names = (n.strip() for n in self.name.split(NAMES_SEP.strip()))
        return tuple(n for n in names if n) or (self.name,)

    @property
    def searched(self) -> tuple[str, ...]:
        """Every name words may find it by: :attr:`names`, then :attr:`appellations`."""
        return self.names + self.appellations

    @property
    def choice(self) -> str:
        """« H2913 (Soudeur / Soudeuse) », as a list of jobs to choose from says it."""
        return f"{self.code} ({self.name})"


def rome_jobs(
    rows: Iterable[Mapping[str, Any]], reference: Iterable[Mapping[str, Any]] = ()
) -> list[RomeJob]:
    """The rows of ``rome_jobs`` (the jobs diplomas train for) and of ``jobs_reference`` (the
    ROME reference, when the import wrote it) as jobs, by code: a code of the reference no
    diploma trains for is a job with no diploma; one filed under another code of the reference
    is found through that code (its names and its code, as an alias).

    >>> jobs = rome_jobs([{"code": "F1610", "name": "Monteur ; Couvreur", "diplomas": 2}],
    ...     [{"code": "A1401", "name": "Vendangeur", "names": ["Vendangeur"]},
    ...      {"code": "F1610", "name": "Monteur", "names": ["Monteur", "Couvreur"]},
    ...      {"code": "F1619", "name": "Couvreur", "names": ["Couvreur"], "parent": "F1610",
    ...       "appellations": ["Couvreur-zingueur"]}])
    >>> [(j.code, j.name, j.diplomas) for j in jobs]
    [('A1401', 'Vendangeur', 0), ('F1610', 'Monteur ; Couvreur', 2)]
    >>> jobs[1].aliases, jobs[1].appellations, jobs[1].named("F1619")
    (('F1619',), ('Couvreur-zingueur',), 'Couvreur, rattaché au code ROME F1610')
    """
    trained = {
        str(r["code"]): (str(r["name"]), int(r.get("diplomas") or 0))
        for r in rows
        if r.get("code") and r.get("name")
    }
    ref = {str(r["code"]): r for r in reference if r.get("code") and r.get("name")}
    folded: dict[str, str] = {}  # a code filed under another one, no diploma of its own
    for code, r in ref.items():
        parent = r.get("parent")
        if parent and parent in ref and parent != code and code not in trained:
            folded[code] = str(parent)
    # code -> (aliases, their names, appellations)
    extra: dict[str, tuple[list[str], list[str], dict[str, str]]] = {}
    for code, r in ref.items():
        into = folded.get(code, code)
        aliases, alias_names, names = extra.setdefault(into, ([], [], {}))
        if into != code:
            aliases.append(code)
            alias_names.append(str(r["name"]))
        for n in r.get("appellations") or ():
            names.setdefault(str(n), str(r["name"]))
    jobs = []
    for code in sorted(set(trained) | (set(ref) - set(folded))):
        if code in trained:
            name, diplomas = trained[code]
        else:
            r = ref[code]
            name, diplomas = NAMES_SEP.join(r.get("names") or [str(r["name"])]), 0
        aliases, alias_names, names = extra.get(code, ([], [], {}))
        jobs.append(
            RomeJob(
                code,
                name,
                diplomas,
                tuple(names),
                tuple(aliases),
                tuple(alias_names),
                tuple(names.values()),
            )
        )
    return jobs


@lru_cache(maxsize=16_384)
def name_words(text: str) -> list[str]:
    folded = normalise(text).replace("'", " ").replace("-", " ").replace("/", " ")
    return [sys.intern(w) for w in re.split(r"[^a-z0-9]+", folded) if w and w not in STOP]


def _same_stem(masculine: str, feminine: str) -> bool:
    return masculine[:3] == feminine[:3]


@lru_cache(maxsize=4_096)
def _forms(name: str) -> frozenset[str]:
    """The ways one job name is said whole, as folded words: the masculine and the feminine
    form, the complement shared (« Cuisinier / Cuisinière en industrie chimique » is « cuisinier
    industrie chimique » or « cuisiniere industrie chimique », never « cuisinier » alone).

    >>> sorted(_forms("Garde forestier / forestière"))
    ['garde forestier', 'garde forestier forestiere', 'garde forestiere']
    >>> sorted(_forms("Cuisinier / Cuisinière en industrie chimique"))[:2]
    ['cuisinier cuisiniere industrie chimique', 'cuisinier industrie chimique']
    >>> sorted(_forms("Lapidaire / Diamantaire"))  # two names, not two forms of one
    ['diamantaire', 'lapidaire', 'lapidaire diamantaire']
    >>> sorted(_forms("Infirmier / Infirmière de bloc Diplômé / Diplômée d'État"))[:2]
    ['infirmier bloc diplome etat', 'infirmier infirmiere bloc diplome diplomee etat']
    """
    whole = " ".join(name_words(name))
    if name.count("/") > 1:
        # two pairs or more (« Infirmier / Infirmière de bloc opératoire Diplômé / Diplômée
        # d'État »): the masculine drops each word after a « / », the feminine each before
        first = re.sub(r"\s*/\s*[^\s/]+", "", name)
        second = re.sub(r"[^\s/]+\s*/\s*", "", name)
        return frozenset({" ".join(name_words(first)), " ".join(name_words(second)), whole})
    if name.count("/") != 1:
        return frozenset({" ".join(name_words(p)) for p in name.split("/")} | {whole})
    left, right = (name_words(p) for p in name.split("/"))
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
        return frozenset({" ".join(left), " ".join(right), whole})
    masculine = left + right[shared:]
    feminine = left[: len(left) - shared] + right
    return frozenset({" ".join(masculine), " ".join(feminine), whole})


def word_score(word: str, name_words: Sequence[str]) -> float:
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
    name's words (0 otherwise); 100 only when every word is, or begins, a word of the name. A
    name of metier.csv (:attr:`RomeJob.appellations`, 11 522 of them) counts only when every
    word is, or begins, one of its words: among so many names a close spelling is mostly
    another word (« vendangeur », « vendeur »)."""
    return max(_scores(words, job))


def _scores(words: Sequence[str], job: RomeJob) -> tuple[float, float]:
    """The score of :func:`_score` by the job's own names, and by its metier.csv names."""
    best = 0.0
    for name in job.names:
        scores = [word_score(w, name_words(name)) for w in words]
        if scores and min(scores) >= WORD_MATCH:
            best = max(best, sum(scores) / len(scores))
    if best >= 100.0:
        return best, 0.0
    for name in job.appellations:
        if words and all(word_score(w, name_words(name)) >= 100.0 for w in words):
            return best, 100.0
    return best, 0.0


INDEXED = 100  # from this many jobs, the names are searched through an index (_Index)


@dataclass(frozen=True)
class _Index:
    """The words and the whole forms of a job list's names -> the jobs whose names hold them:
    with the 11 522 names of metier.csv, scoring every name for every question took 40 ms; the
    index gives the same jobs (a job whose names hold no word matching each query word scores
    0) from the few names that can match."""

    jobs: Sequence[RomeJob]
    by_word: dict[str, tuple[int, ...]]
    by_form: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, jobs: Sequence[RomeJob]) -> _Index:
        by_word: dict[str, set[int]] = {}
        by_form: dict[str, set[int]] = {}
        for i, j in enumerate(jobs):
            for name in j.searched:
                for w in name_words(name):
                    by_word.setdefault(w, set()).add(i)
                for f in _forms(name):
                    by_form.setdefault(f, set()).add(i)
        return cls(
            jobs,
            {w: tuple(sorted(s)) for w, s in by_word.items()},
            {f: tuple(sorted(s)) for f, s in by_form.items()},
        )

    def candidates(self, words: Sequence[str]) -> list[RomeJob]:
        """The jobs whose names hold, for each word, a word it is, begins, or is spelt close to
        (:func:`word_score` at least :data:`WORD_MATCH`)."""
        found: set[int] | None = None
        vocab = list(self.by_word)
        for w in words:
            near = {
                n
                for n, _, _ in process.extract(
                    w, vocab, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, limit=None
                )
            }
            if len(w) >= 3:
                near.update(n for n in vocab if n.startswith(w))
            near.add(w)
            these = set().union(*(self.by_word.get(n, ()) for n in near))
            found = these if found is None else found & these
            if not found:
                return []
        return [self.jobs[i] for i in sorted(found or ())]

    def exact(self, wanted: str) -> list[RomeJob]:
        return [self.jobs[i] for i in sorted(self.by_form.get(wanted, ()))]


_INDEXES: dict[int, _Index] = {}  # id(jobs) -> its index (which keeps the list alive)


def _index(jobs: Sequence[RomeJob]) -> _Index | None:
    """The index of a long job list (the graph's, kept per version by its callers)."""
    if len(jobs) < INDEXED:
        return None
    got = _INDEXES.get(id(jobs))
    if got is None or got.jobs is not jobs:
        got = _Index.of(jobs)
        if len(_INDEXES) >= 4:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[id(jobs)] = got
    return got


def job_words(jobs: Sequence[RomeJob]) -> frozenset[str]:
    """Every word of the jobs' names (:attr:`RomeJob.searched`), folded: the job words the data
    knows (« vendangeur », « soudeur »), from the index of a long list.

    >>> sorted(job_words([RomeJob("A1401", "Vendangeur / Vendangeuse")]))
    ['vendangeur', 'vendangeuse']
    """
    index = _index(jobs)
    if index is not None:
        return frozenset(index.by_word)
    return frozenset(w for j in jobs for name in j.searched for w in name_words(name))


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
        return [j for j in jobs if j.code == code or code in j.aliases]
    words = name_words(query)
    if not words:
        return []
    least = 100.0 if not close else 1.0
    index = _index(jobs)
    among = index.candidates(words) if index is not None else jobs
    # best first; at the same score, a job its own names match before one only a name of
    # metier.csv does (« aide à domicile »: K1304 before J1501, some of whose names say it)
    scored = [(max(s), s[0] >= s[1], j) for j in among if max(s := _scores(words, j)) >= least]
    scored.sort(key=lambda t: (-t[0], not t[1], -t[2].diplomas, t[2].code))
    return [j for _, _, j in scored[:limit]]


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
    wanted = " ".join(name_words(query))
    index = _index(jobs)
    if index is not None:
        exact = index.exact(wanted) if wanted else []
    else:
        exact = [j for j in jobs if wanted and any(wanted in _forms(n) for n in j.searched)]
    if len(exact) == 1:
        return exact[0], []
    found = find_jobs(jobs, query, limit=max(limit, 20))
    found = own_readings(found, query)
    if len(found) == 1 and find_jobs(found, query, close=False):
        return found[0], []
    if found:
        return None, found[:limit]
    if not wanted:
        return None, []
    names = {i: " ".join(name_words(j.name)) for i, j in enumerate(jobs)}
    near = process.extract(wanted, names, scorer=fuzz.token_set_ratio, limit=limit)
    return None, [jobs[i] for _, s, i in near if s >= 60]


def _begins(word: str, name_word: str) -> bool:
    """``word`` is ``name_word`` or its beginning (three letters or more: « auto »)."""
    return name_word == word or (len(word) >= 3 and name_word.startswith(word))


def _covers(words: Sequence[str], form: str) -> bool:
    """The words say the whole name ``form`` (one of :func:`_forms`), in its order, each word
    the name's or its beginning, one of them whole: « mecanicien auto » is « mécanicien
    automobile »; « disc » is not « discothécaire » (a beginning alone says no name)."""
    said = form.split()
    return (
        len(said) == len(words)
        and all(map(_begins, words, said))
        and any(w == n for w, n in zip(words, said, strict=True))
    )


def _said_in(words: Sequence[str], job: RomeJob) -> bool:
    """A name of metier.csv of ``job`` holds every word (as a word or its beginning) and one of
    them whole: « Infirmier général / Infirmière générale » (J1502) reads « infirmier »,
    « Directeur / Directrice d'institut de formation en soins infirmiers » (K2103) does not
    (« infirmiers » only begins with it)."""
    for name in job.appellations:
        said = name_words(name)
        if all(any(_begins(w, n) for n in said) for w in words) and any(w in said for w in words):
            return True
    return False


def own_readings(found: Sequence[RomeJob], query: str) -> list[RomeJob]:
    """The readings of ``query`` among the jobs ``found`` holds (:func:`find_jobs`).

    One job whose own name (:attr:`RomeJob.names`, rome.csv's) the words say whole, a word
    standing for a name's word it begins (:func:`_covers`), is the reading, alone: « mécanicien
    auto » is I1604 « Mécanicien / Mécanicienne automobile », never also H2903
    « Tourneur-fraiseur », whose metier.csv name « Mécanicien(ne) régleur(se) machine auto »
    holds the words too. Otherwise a job is a reading when its own names hold the words, or a
    name of metier.csv holds them with one of them whole (:func:`_said_in`): « infirmier »
    reads the five jobs named « Infirmier / Infirmière … » and J1502 « Cadre de santé »
    (« Infirmier général »), never K2103 « Chef d'établissement » (a « Directeur … d'institut
    de formation en soins infirmiers »). When no job is a reading so, ``found`` as it is.

    >>> jobs = [RomeJob("I1604", "Mécanicien / Mécanicienne automobile"),
    ...         RomeJob("H2903", "Tourneur-fraiseur / Tourneuse-fraiseuse", 0,
    ...                 ("Mécanicien régleur / Mécanicienne régleuse de machine automatique",))]
    >>> [j.code for j in own_readings(jobs, "mecanicien auto")]
    ['I1604']
    >>> [j.code for j in own_readings(jobs, "mécanicien")]  # no name said whole: both read
    ['I1604', 'H2903']
    >>> nurse = [RomeJob("J1506", "Infirmier / Infirmière en soins généraux (IDE)"),
    ...          RomeJob("K2103", "Chef d'établissement", 0, ("Directeur / Directrice "
    ...                  "d'institut de formation en soins infirmiers -IFSI-",))]
    >>> [j.code for j in own_readings(nurse, "infirmier")]
    ['J1506']
    """
    words = name_words(query)
    if not words:
        return list(found)
    whole = [j for j in found if any(_covers(words, f) for n in j.names for f in _forms(n))]
    if len(whole) == 1:
        return whole
    read = [j for j in found if _scores(words, j)[0] > 0 or _said_in(words, j)]
    return read or list(found)


def matched_name(job: RomeJob, query: str) -> str | None:
    """The name of metier.csv (:attr:`RomeJob.appellations`) by which ``query`` found the job,
    when none of its own names holds the words: a list of jobs then says why it is there
    (« électricien » finds I1604 « Mécanicien / Mécanicienne automobile » through its name
    « Électricien / Électricienne automobile »); None when its own names hold them.

    >>> job = RomeJob("I1604", "Mécanicien / Mécanicienne automobile", 1,
    ...               ("Électricien / Électricienne automobile",))
    >>> matched_name(job, "électricien"), matched_name(job, "mécanicien")
    ('Électricien / Électricienne automobile', None)
    """
    words = name_words(query)
    if not words or _scores(words, job)[0] >= WORD_MATCH:
        return None
    return next(
        (n for n in job.appellations if all(word_score(w, name_words(n)) >= 100.0 for w in words)),
        None,
    )


def choice_for(job: RomeJob, query: str) -> str:
    """:attr:`RomeJob.choice`, with the name of metier.csv the words matched when its own
    names do not hold them (:func:`matched_name`): « I1604 (Mécanicien / Mécanicienne
    automobile ; appellation : Électricien / Électricienne automobile) ».

    >>> job = RomeJob("I1604", "Mécanicien / Mécanicienne automobile", 1,
    ...               ("Électricien / Électricienne automobile",))
    >>> choice_for(job, "électricien")
    'I1604 (Mécanicien / Mécanicienne automobile ; appellation : Électricien / Électricienne automobile)'
    """  # noqa: E501
    matched = matched_name(job, query)
    if matched is None:
        return job.choice
    return f"{job.code} ({job.name} ; appellation : {matched})"


def named_by(job: RomeJob, query: str) -> tuple[str, str] | None:
    """The name of metier.csv ``query`` is (:attr:`RomeJob.appellations`; the feminine or
    masculine form, accents and case aside), with the job of the code it comes from, when none
    of the job's own names is: an answer then says which name it read (« cuisinier » is
    « Cuisinier / Cuisinière », a name of G1601 « Chef / Cheffe de cuisine »).

    >>> job = RomeJob("G1601", "Chef / Cheffe de cuisine", 1, ("Cuisinier / Cuisinière",),
    ...               appellation_jobs=("Chef / Cheffe de cuisine",))
    >>> named_by(job, "cuisinière"), named_by(job, "chef de cuisine")
    (('Cuisinier / Cuisinière', 'Chef / Cheffe de cuisine'), None)
    """
    wanted = " ".join(name_words(query))
    if not wanted or any(wanted in _forms(n) for n in job.names):
        return None
    return next(
        (
            (n, of)
            for n, of in zip(job.appellations, job.appellation_jobs, strict=False)
            if wanted in _forms(n)
        ),
        None,
    )
