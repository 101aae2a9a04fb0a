"""Files parsed ahead of their turn, on the machine's other core, with the same outcome.

:func:`plan.parse_directory` reads the files in a fixed order; the first bad file or row stops
it, and the summary lists the files in that order. At national size the activity files are a
quarter of its time (123 000 rows) and depend on nothing else: a forked process parses them
while this one reads the nomenclature and the directories that depend on nothing either
(MESR, CFA, Parcoursup) and the continuation evidence. Each result is *taken* at the file's
turn: its report is added to the summary there, and the error it raised is raised there, so
the error an import stops with, and everything it reports, are those of reading in order.

A failure of the other process itself (a row the pickle cannot carry, the process killed…)
is not an outcome: the files are then parsed again in this process, whose result or error
is the one of reading in order. Where ``fork`` does not exist, everything runs here.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import OfferRow

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


def parse_activity(
    files: Sequence[ActivityFile],
    keep: Keep,
    strict: bool,
) -> list[Ahead[list[OfferRow]]]:
    """Every activity file in order, each with its report and rows or its error; the files
    after the first error are not read (their turn never comes)."""
    out: list[Ahead[list[OfferRow]]] = []
    for path, family, parse in files:

        def rows(p: Path, r: FileReport, parse: ActivityParser = parse) -> list[OfferRow]:
            return list(parse(p, r, keep))

        got = parse_ahead(path, family, strict, rows)
        out.append(got)
        if got.error is not None:
            break
    return out


def _in_child(
    files: Sequence[ActivityFile],
    prefixes: list[str] | None,
    strict: bool,
) -> bytes:
    """In the forked process: the parsed files, pickled here (an error that the pickle cannot
    carry fails this call, and the parent parses again)."""
    from graph.ingest.opendata.plan import keeper

    return pickle.dumps(parse_activity(files, keeper(prefixes), strict), pickle.HIGHEST_PROTOCOL)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def other_process(enabled: bool) -> Iterator[ProcessPoolExecutor | None]:
    """A forked worker process, or None where fork does not exist or ``enabled`` is false."""
    if not enabled or not can_fork():
        yield None
        return
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def submit_activity(
    pool: ProcessPoolExecutor | None,
    files: Sequence[ActivityFile],
    prefixes: list[str] | None,
    strict: bool,
) -> Future[bytes] | None:
    if pool is None or not files:
        return None
    return pool.submit(_in_child, files, prefixes, strict)


def activity_result(
    pending: Future[bytes] | None,
    files: Sequence[ActivityFile],
    keep: Keep,
    strict: bool,
) -> list[Ahead[list[OfferRow]]]:
    """The other process's parse, or this process's where it did not give one."""
    if pending is not None:
        try:
            got: list[Ahead[list[OfferRow]]] = pickle.loads(pending.result())
            return got
        except Exception:  # the process, not the files: parse them here (same outcome)
            pass
    return parse_activity(files, keep, strict)
