"""The establishments and their communes, built by a second forked process.

:func:`read_places` reads the directories (the Annuaire, the MESR and CFA lists, the Parcoursup
extracts) and the GeoNames communes, then unites them into establishments and sites
(:func:`plan._establishments`, :func:`plan._sites`). Only the Annuaire depends on the activity
files (the UAIs they name are in scope); the rest, and the commune reference that places the
establishments only a position locates (0.15 s to load), do not. So a second forked process
(the first parses the activity files, :mod:`ahead`) reads the MESR, CFA and Parcoursup files
and the commune reference from the start (:func:`submit_read`,
which hands the Parcoursup programme rows over at once: :class:`Handed`, this process makes the
post-bac offers from them meanwhile), then, given the activity files' UAIs, the Annuaire and the
rest (:func:`submit_places`); this process takes each file's report and error at its turn
(:func:`take`), as for the activity files. Certif Info is read once for both its readers (the
diplomas' links, :func:`take_certif`, and the continuation evidence, :func:`submit_evidence`)
by the first forked process, after its offers (it ends before this one has placed the
establishments).

Where that process fails (the process, not the files) or does not exist, :func:`read_places`
runs here, whole: the same outcome.
"""

from __future__ import annotations

import dataclasses
import operator
import pickle
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.ingest.opendata import ahead
from graph.ingest.opendata.ahead import Ahead, Keep, child_result, parse_ahead
from graph.ingest.opendata.certif_info import Row
from graph.ingest.opendata.credits import citation
from graph.ingest.opendata.postbac import ProgrammeRow
from graph.ingest.opendata.rows import DepartementRow, EstablishmentRow

if TYPE_CHECKING:  # plan imports this module
    from graph.ingest.opendata.plan import Establishment, Site

__all__ = [
    "Handed",
    "Places",
    "read_places",
    "submit_certif",
    "submit_evidence",
    "submit_places",
    "submit_read",
    "take",
    "take_certif",
]

Listed = list[Ahead[dict[str, EstablishmentRow]]]
Parcoursups = list[Ahead[tuple[dict[str, EstablishmentRow], list[ProgrammeRow]]]]


@dataclass
class Read:
    """The directories that depend on nothing else."""

    esr: Listed
    cfas: Listed
    parcoursups: Parcoursups


@dataclass
class Places:
    """Every directory and the GeoNames table in reading order, each with its report and its
    error (a Parcoursup extract's result: its programme rows; the others': None); what follows
    the first error is not read. The establishments and sites: None after an error."""

    files: list[Ahead[list[ProgrammeRow] | None]] = field(default_factory=list)
    directories: list[str] = field(default_factory=list)  # names, in reading order
    parcoursup: list[str] = field(default_factory=list)  # names of the Parcoursup extracts
    establishments: dict[str, Establishment] | None = None
    sites: dict[str, Site] | None = None
    # the Parcoursup extracts' programme rows were handed over by the first step (:class:`Handed`)
    # and are left out of this hand-over: :func:`take` puts them back
    handed: bool = False


def read_ahead(directory: Path, keep: Keep, strict: bool) -> Read:
    """The MESR, CFA and Parcoursup files; the commune reference read meanwhile."""
    from graph.ingest.opendata import plan

    esr = plan._esr(directory, keep, strict)
    cfas = plan._cfas(directory, keep, strict)
    psups = plan._parcoursups(directory, keep, strict)
    plan._reference_ahead()
    return Read(esr, cfas, psups)


def read_places(
    directory: Path,
    keep: Keep,
    strict: bool,
    activity_uais: set[str],
    deps: dict[str, DepartementRow],
    read: Read | None = None,
) -> Places:
    """The directories, the communes, the establishments and their sites (module docstring)."""
    from graph.ingest.opendata import directories as files
    from graph.ingest.opendata import plan

    out = Places()
    dirs: list[dict[str, EstablishmentRow]] = []

    def add(got: Ahead[Any], result: list[ProgrammeRow] | None = None) -> bool:
        out.files.append(Ahead(result, got.error, got.path, got.family, got.report))
        return got.error is None

    if (p := directory / plan.ANNUAIRE_FILE).is_file():

        def annuaire(p: Path, r: Any) -> dict[str, EstablishmentRow]:
            return files.parse_annuaire(p, r, keep, activity_uais)

        got = parse_ahead(p, "establishments (Annuaire)", strict, annuaire)
        if not add(got):
            return out
        dirs.append(got.result or {})
        out.directories.append(p.name)
    read = read or read_ahead(directory, keep, strict)
    for listed in [*read.esr, *read.cfas]:
        if not add(listed):
            return out
        dirs.append(listed.result or {})
        out.directories.append(listed.path.name)
    for psup in read.parcoursups:
        if not add(psup, psup.result[1] if psup.result is not None else None):
            return out
        dirs.append(psup.result[0] if psup.result is not None else {})
        out.directories.append(psup.path.name)
        out.parcoursup.append(psup.path.name)
    citations = {name: citation(name) for name in out.directories}
    communes: dict[str, Any] = {}
    if (p := directory / plan.COMMUNES_FILE).is_file():
        wanted = {e.insee for d in dirs for e in d.values() if e.insee}
        read_communes = parse_ahead(
            p, "commune coordinates", strict, lambda p, r: files.parse_communes(p, r, wanted)
        )
        if not add(read_communes):
            return out
        communes = read_communes.result or {}
        citations[p.name] = citation(p.name)
    establishments = plan._establishments(
        dirs, out.directories, activity_uais, communes, deps, citations
    )
    out.sites = plan._sites(establishments, communes, citations)
    plan._place_at_commune_centres(establishments, out.sites)
    out.establishments = establishments
    return out


# --- in the second forked process ----------------------------------------------------------

_kept: dict[str, Any] = {}


def _read_in_child(directory: Path, prefixes: list[str] | None, strict: bool) -> bytes:
    """The first step: the files read ahead kept for the second; their programme rows handed
    over now (:class:`Handed`: this process computes the post-bac offers from them while the
    establishments are placed), None when a file read ahead failed (raised at its turn)."""
    from graph.ingest.opendata.plan import keeper

    read = _kept["read"] = read_ahead(directory, keeper(prefixes), strict)
    rows = _programme_rows(read)
    _kept["handed"] = rows is not None
    return pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)


def _programme_rows(read: Read) -> list[list[ProgrammeRow]] | None:
    """Each Parcoursup extract's programme rows, in reading order; None when a file read ahead
    failed."""
    listed: list[Ahead[Any]] = [*read.esr, *read.cfas, *read.parcoursups]
    if any(got.error is not None or got.result is None for got in listed):
        return None
    return [got.result[1] for got in read.parcoursups]  # type: ignore[index]


class Handed:
    """The programme rows the second process's first step hands over (:func:`_read_in_child`),
    taken once: :meth:`ready` says whether they can be taken without waiting."""

    def __init__(self, pending: Future[bytes] | None) -> None:
        self._pending = pending
        self._rows: list[list[ProgrammeRow]] | None = None
        self._taken = pending is None

    def ready(self) -> bool:
        return self._taken or (self._pending is not None and self._pending.done())

    def rows(self) -> list[list[ProgrammeRow]] | None:
        """Each extract's rows, or None where that step gave none (a file failed, the
        process failed)."""
        if not self._taken:
            self._taken = True
            self._rows = ahead._from(self._pending) if self._pending is not None else None
        return self._rows

    def flat(self) -> list[ProgrammeRow] | None:
        """:meth:`rows`, one after the other (the import's programme rows)."""
        rows = self.rows()
        return None if rows is None else [row for extract in rows for row in extract]


def _places_in_child(
    directory: Path,
    prefixes: list[str] | None,
    strict: bool,
    activity_uais: set[str],
    deps: dict[str, DepartementRow],
) -> bytes:
    from graph.ingest.opendata.plan import keeper

    read = _kept.pop("read", None)  # None: the first step failed; read here
    handed = _kept.pop("handed", False) and read is not None
    got = read_places(directory, keeper(prefixes), strict, activity_uais, deps, read)
    if handed:  # the programme rows, handed over by the first step already: not again
        for placed in got.files:
            if placed.path.name in got.parcoursup:
                placed.result = None
        got.handed = True
    return pickle.dumps(_packed(got), pickle.HIGHEST_PROTOCOL)


def _restored(places: Places, handed: Handed | None) -> Places:
    """``places`` with the programme rows the first step handed over put back (ValueError
    where they cannot be: that process's hand-over failed)."""
    if not places.handed:
        return places
    rows = handed.rows() if handed is not None else None
    extracts = [placed for placed in places.files if placed.path.name in places.parcoursup]
    if rows is None or len(rows) < len(extracts):  # fewer after a file that failed
        raise ValueError("the programme rows were not handed over")
    for placed, extract in zip(extracts, rows[: len(extracts)], strict=True):
        placed.result = extract
    places.handed = False
    return places


def _fields() -> tuple[str, ...]:
    from graph.ingest.opendata.plan import Establishment

    return tuple(f.name for f in dataclasses.fields(Establishment))


_Packed = tuple["Places", list[tuple[str, tuple[Any, ...]]] | None]


def _packed(places: Places) -> _Packed:
    """``places`` to hand over, its establishments as tuples of their fields (8 400 nationally:
    a third of the pickle's time each way, against dataclass instances)."""
    if places.establishments is None:
        return places, None
    values = operator.attrgetter(*_fields())
    rows = [(uai, values(e)) for uai, e in places.establishments.items()]
    return dataclasses.replace(places, establishments=None), rows


def _unpacked(packed: _Packed) -> Places:
    """:func:`_packed` undone: the same establishments, in the same order."""
    from graph.ingest.opendata.plan import Establishment

    places, rows = packed
    if rows is not None:
        places.establishments = {uai: Establishment(*row) for uai, row in rows}
    return places


def _certif_in_child(path: Path) -> bytes:
    """In the first forked process, after the offers: Certif Info's rows (:func:`certif_info
    .read_rows`), kept for the continuation evidence; None where the file cannot be read (its
    error is this process's to raise, reading it again at its turn)."""
    from graph.ingest.opendata.certif_info import read_rows

    try:
        _kept["certif"] = list(read_rows(path))
    except Exception:
        return pickle.dumps(None)
    return pickle.dumps(_kept["certif"], pickle.HIGHEST_PROTOCOL)


def _evidence_in_child(compute: Callable[[list[Row] | None], Any]) -> bytes:
    """In the first forked process, last: ``compute(Certif Info's rows)`` (None if not read)."""
    rows = _kept.pop("certif", None)
    return ahead._last_in_child(lambda: compute(rows))


def submit_certif(pool: ProcessPoolExecutor | None, path: Path) -> Future[bytes] | None:
    """Certif Info read by ``pool``'s process (the first forked one, after the offers:
    :func:`take_certif`)."""
    return pool.submit(_certif_in_child, path) if pool is not None else None


def take_certif(pending: Future[bytes] | None) -> list[Row] | None:
    """Certif Info's rows read by the forked process; None where it did not read them."""
    if pending is None:
        return None
    try:
        got: list[Row] | None = pickle.loads(child_result(pending))
    except Exception:  # the process, not the file: read it here
        return None
    return got


def submit_evidence(
    pool: ProcessPoolExecutor | None, compute: Callable[[list[Row] | None], Any]
) -> Future[bytes] | None:
    """The continuation evidence, the first forked process's last step, from the Certif Info
    rows it read (:func:`ahead.Later` takes it)."""
    return pool.submit(_evidence_in_child, compute) if pool is not None else None


def submit_read(
    pool: ProcessPoolExecutor | None, directory: Path, prefixes: list[str] | None, strict: bool
) -> Handed:
    """The first step, started now in ``pool``'s one process; its programme rows."""
    if pool is None:
        return Handed(None)
    return Handed(pool.submit(_read_in_child, directory, prefixes, strict))


def submit_places(
    pool: ProcessPoolExecutor | None,
    directory: Path,
    prefixes: list[str] | None,
    strict: bool,
    activity_uais: set[str],
    deps: dict[str, DepartementRow],
) -> Future[bytes] | None:
    """The second step, once the activity files' UAIs are known."""
    if pool is None:
        return None
    return pool.submit(_places_in_child, directory, prefixes, strict, activity_uais, deps)


def take(
    pending: Future[bytes] | None,
    directory: Path,
    keep: Keep,
    strict: bool,
    activity_uais: set[str],
    deps: dict[str, DepartementRow],
    handed: Handed | None = None,
) -> Places:
    """The other process's places (with the programme rows ``handed`` over by its first
    step), or this process's where it did not give them."""
    got: Places | None = None
    if pending is not None:
        try:
            got = _restored(_unpacked(pickle.loads(child_result(pending))), handed)
        except Exception:  # the process, not the files: read them here
            got = None
    return got if got is not None else read_places(directory, keep, strict, activity_uais, deps)
