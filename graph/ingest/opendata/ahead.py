"""Files parsed ahead of their turn, on the machine's other core, with the same outcome.

:func:`plan.parse_directory` reads the files in a fixed order; the first bad file or row stops
it, and the summary lists the files in that order. At national size the activity files are a
quarter of its time (123 000 rows) and depend on nothing else: a forked process parses them,
reads nMef (the next file in order, for the course years they name) and combines their rows
into offers (:mod:`offers`: a few times less to hand back than the rows), while this one reads
the nomenclature and a second forked process the directories (:mod:`places`); the first then
reads Certif Info and the continuation evidence. Each result is *taken* at the file's turn: its
report is added to the summary there, and the error it raised is raised there, so the error an
import stops with, and everything it reports, are those of reading in order.

The handover points of this process, in order (:func:`submit_activity`):

1. the stage (:func:`activity_result`): every activity file's report and error, nMef's, and
   the UAIs the rows name (the directories need them);
2. the rows resolved to CFDs (:func:`activity_resolved`): which CFDs and (UAI, CFD) pairs
   they name, the lines of each CFD (the reports once the BCN is known);
3. the offers summed (:func:`activity_offers`); then Certif Info's rows and the
   continuation evidence (:func:`places.submit_certif`, :func:`places.submit_evidence`), and
   the process ends.

A failure of the other process itself (a row the pickle cannot carry, the process killed…)
is not an outcome: the files are then parsed again in this process, whose result or error
is the one of reading in order. Where ``fork`` does not exist, everything runs here.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from graph.errors import SeedError
from graph.ingest.opendata import bcn
from graph.ingest.opendata.offers import (
    ActivityOffers,
    OfferColumns,
    combine,
    offer_columns,
    resolve,
    summed,
    wanted_mef,
)
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import OfferRow

_log = logging.getLogger(__name__)

_T = TypeVar("_T")

Keep = Callable[[str], bool]


@dataclass
class Outcome(Generic[_T]):
    """What a computation made ahead gave: its result, or the error it raised."""

    result: _T | None = None
    error: BaseException | None = None

    def value(self) -> _T:
        """The result, or the error raised again (at the computation's turn)."""
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


def outcome(compute: Callable[[], _T]) -> Outcome[_T]:
    got: Outcome[_T] = Outcome()
    try:
        got.result = compute()
    except Exception as exc:  # raised again by value(), in reading order
        got.error = exc
    return got


@dataclass
class Ahead(Outcome[_T]):
    """One file parsed ahead: its report, and its result or the error it raised."""

    path: Path = Path()
    family: str = ""
    report: FileReport = field(default_factory=lambda: FileReport("", ""))


def parse_ahead(
    path: Path, family: str, strict: bool, parse: Callable[[Path, FileReport], _T]
) -> Ahead[_T]:
    """``parse(path, report)`` now; an error is kept for the file's turn."""
    report = FileReport(path.name, family, strict=strict)
    got = outcome(lambda: parse(path, report))
    return Ahead(got.result, got.error, path, family, report)


# --- the activity files, in another process ------------------------------------------------

ActivityParser = Callable[[Path, FileReport, Keep], Iterator[OfferRow]]
ActivityFile = tuple[Path, str, ActivityParser]


@dataclass
class ActivityStage:
    """The activity files and nMef, each with its report and its error if any, the UAIs their
    rows name, and what they give once combined (:mod:`offers`; None when a file failed or
    nMef is missing, or while the other process combines them: ``later``)."""

    files: list[Ahead[None]]
    mef: Ahead[int] | None = None  # the number of course years resolved
    uais: set[str] = field(default_factory=set)
    offers: ActivityOffers | None = None
    later: bool = False  # the other process resolves the rows, then sums the offers


# In the forked process only: what its stage keeps for the next two steps (rows and nMef,
# then the cells of the offers).
_kept: dict[str, Any] = {}


def parse_activity(
    files: Sequence[ActivityFile],
    mef_path: Path,
    keep: Keep,
    strict: bool,
    later: dict[str, Any] | None = None,
) -> ActivityStage:
    """Every activity file in order, then nMef (the course years the rows name), then the
    rows combined (:func:`offers.combine`); what follows the first error is not read (its
    turn never comes). ``later``: the rows and nMef are left there, not combined yet."""
    stage = ActivityStage([])
    parsed: list[list[OfferRow]] = []
    for path, family, parse in files:

        def rows(p: Path, r: FileReport, parse: ActivityParser = parse) -> list[OfferRow]:
            return list(parse(p, r, keep))

        got = parse_ahead(path, family, strict, rows)
        stage.files.append(Ahead(None, got.error, path, family, got.report))
        if got.error is not None:
            return stage
        parsed.append(got.result or [])
    if not mef_path.is_file():
        return stage  # the import stops at nMef's turn
    wanted = wanted_mef(parsed)
    mef = parse_ahead(
        mef_path,
        "course years (BCN)",
        strict,
        lambda p, r: bcn.parse_mef(p, r, only=wanted),
    )
    stage.mef = Ahead(len(mef.result or {}), mef.error, mef.path, mef.family, mef.report)
    if mef.error is not None:
        return stage
    stage.uais = {row.uai for rows in parsed for row in rows}
    if later is None:
        stage.offers = combine(parsed, mef.result or {})
    else:
        later["rows"] = (parsed, mef.result or {})
        stage.later = True
    return stage


def _in_child(
    files: Sequence[ActivityFile],
    mef_path: Path,
    prefixes: list[str] | None,
    strict: bool,
) -> bytes:
    """In the forked process: the stage, pickled here (an error that the pickle cannot carry
    fails this call, and the parent parses again)."""
    from graph.ingest.opendata.plan import keeper

    _kept.clear()
    stage = parse_activity(files, mef_path, keeper(prefixes), strict, later=_kept)
    return pickle.dumps(stage, pickle.HIGHEST_PROTOCOL)


def _resolved_in_child() -> bytes:
    """In the forked process, next: the rows its stage kept resolved (while the parent reads
    the directories), or None if it kept none."""
    if "rows" not in _kept:
        return pickle.dumps(None)
    got, _kept["cells"] = resolve(*_kept.pop("rows"))
    return pickle.dumps(got, pickle.HIGHEST_PROTOCOL)


def _offers_in_child() -> bytes:
    """In the forked process, last: the offers of the cells it resolved (while the parent
    reads the diploma links), as columns, or None."""
    cells = _kept.pop("cells", None)
    got = offer_columns(summed(cells)) if cells is not None else None
    return pickle.dumps(got, pickle.HIGHEST_PROTOCOL)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# How long after it was forked a worker may take to give all its results. Far above its ~1 s
# at national size, even on a loaded machine: a worker still silent then is stuck (a fork of a
# process with threads can inherit a lock another thread held; seen once in a test run, the
# child waiting with no CPU for 15 minutes). It is then killed and its work done here.
CHILD_WAIT_S = 120.0


class _Worker(ProcessPoolExecutor):
    """One forked process whose results are waited for until one deadline (CHILD_WAIT_S)."""

    def __init__(self) -> None:
        super().__init__(1, mp_context=multiprocessing.get_context("fork"))
        self.deadline = time.monotonic() + CHILD_WAIT_S

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        future = super().submit(fn, *args, **kwargs)
        _OWNER[future] = self
        return future

    def give_up(self) -> None:
        """Kill the process: its futures fail at once, and their work is done here."""
        for process in list(self._processes.values()):
            process.kill()
        self.shutdown(wait=False, cancel_futures=True)


_OWNER: weakref.WeakKeyDictionary[Future[Any], _Worker] = weakref.WeakKeyDictionary()


def child_result(future: Future[_T]) -> _T:
    """``future.result()``, waited for no longer than its worker's deadline; a worker past it
    is killed (TimeoutError, which the callers treat as any failure of the process)."""
    owner = _OWNER.get(future)
    if owner is None:
        return future.result()
    try:
        return future.result(timeout=max(0.0, owner.deadline - time.monotonic()))
    except TimeoutError:
        owner.give_up()
        raise


@contextmanager
def other_process(enabled: bool) -> Iterator[ProcessPoolExecutor | None]:
    """A forked worker process, or None where fork does not exist or ``enabled`` is false."""
    if not enabled or not can_fork():
        yield None
        return
    pool = _Worker()
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    # not waited for: a step left (the continuation evidence, :class:`Later`) goes on, and the
    # process ends after it
    pool.shutdown(wait=False)


# the stage, its rows resolved, its offers
Pending = tuple[Future[bytes], Future[bytes], Future[bytes]]


def _last_in_child(compute: Callable[[], Any]) -> bytes:
    """In a forked process, its last step: ``compute()``, pickled (the continuation evidence,
    :mod:`places`)."""
    return pickle.dumps(compute(), pickle.HIGHEST_PROTOCOL)


def submit_activity(
    pool: ProcessPoolExecutor | None,
    files: Sequence[ActivityFile],
    mef_path: Path,
    prefixes: list[str] | None,
    strict: bool,
) -> Pending | None:
    """The stage, its rows resolved, then its offers: three steps of the pool's one process,
    in that order, each handed over as soon as it is done."""
    if pool is None:
        return None
    return (
        pool.submit(_in_child, files, mef_path, prefixes, strict),
        pool.submit(_resolved_in_child),
        pool.submit(_offers_in_child),
    )


def last_result(pending: Future[bytes] | None, compute: Callable[[], _T]) -> _T:
    """A forked process's last step (:func:`_last_in_child`), or ``compute()`` here where it
    did not give it."""
    got: _T | None = _from(pending) if pending is not None else None
    return got if got is not None else compute()


class Later(Outcome[_T]):
    """The outcome of a forked process's last step (an :class:`Outcome` itself), taken when
    its value is first asked: the parse returns without waiting for it (the continuation
    evidence, read by the build's passerelle inference). Where that process did not give it,
    ``compute()`` here then."""

    def __init__(self, pending: Future[bytes], compute: Callable[[], Outcome[_T]]) -> None:
        super().__init__()
        self._pending: Future[bytes] | None = pending
        self._compute = compute

    def value(self) -> _T:
        if self._pending is not None:
            got = last_result(self._pending, self._compute)
            self.result, self.error = got.result, got.error
            self._pending = None
        return super().value()


def _from(future: Future[bytes]) -> Any:
    """What the other process gave, or None where it failed (the process, not the files): the
    caller then does the work itself, with the same result, only slower — logged, so that a
    stage that always fails (import19: an object that no longer unpickles) is seen."""
    try:
        return pickle.loads(child_result(future))
    except Exception:
        _log.warning(
            "import : une étape menée en parallèle n’a pas abouti ; elle est refaite ici "
            "(même résultat, plus lent)",
            exc_info=True,
        )
        return None


def activity_result(
    pending: Pending | None,
    files: Sequence[ActivityFile],
    mef_path: Path,
    keep: Keep,
    strict: bool,
) -> ActivityStage:
    """The other process's stage, or this process's where it did not give one."""
    got: ActivityStage | None = _from(pending[0]) if pending is not None else None
    return got if got is not None else parse_activity(files, mef_path, keep, strict)


def activity_resolved(
    pending: Pending | None,
    stage: ActivityStage,
    files: Sequence[ActivityFile],
    mef_path: Path,
    keep: Keep,
    strict: bool,
) -> ActivityOffers:
    """The rows of a stage read without error, resolved (their offers summed already, or by
    :func:`activity_offers`): by the other process when its stage left them for later; here
    again, whole, if that process did not give them."""
    if stage.offers is not None:
        return stage.offers
    got: ActivityOffers | None = _from(pending[1]) if stage.later and pending else None
    return got if got is not None else _again(files, mef_path, keep, strict)


def activity_offers(
    pending: Pending | None,
    resolved: ActivityOffers,
    files: Sequence[ActivityFile],
    mef_path: Path,
    keep: Keep,
    strict: bool,
) -> OfferColumns:
    """The offers of :func:`activity_resolved`'s rows, as columns: summed already, or by the
    other process; here again if that process did not give them."""
    if resolved.offers is not None:
        return offer_columns(resolved.offers)
    got: OfferColumns | None = _from(pending[2]) if pending is not None else None
    if got is None:
        got = offer_columns(_again(files, mef_path, keep, strict).offers or [])  # summed there
    return got


def _again(
    files: Sequence[ActivityFile], mef_path: Path, keep: Keep, strict: bool
) -> ActivityOffers:
    """The activity files parsed and combined here, whole, when the other process did not
    hand over a step (their reports were taken already: the same)."""
    again = parse_activity(files, mef_path, keep, strict)
    for read in again.files:
        read.value()  # a file written since the other process read it: its error now
    if again.mef is not None:
        again.mef.value()
    if again.offers is None:
        raise SeedError(mef_path, "file", None, "written while the import read it")
    return again.offers
