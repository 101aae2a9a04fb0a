"""Read a directory of public files and combine them into what the graph will hold.

Pure: no database. :func:`parse_directory` parses and validates every known file (the first
unreadable file, line or value raises :class:`SeedError` and nothing is written), then:

- diplomas: every row of nFormationDiplome_ (plus, from vFormationDiplome_, the codes it lacks
  that an offer or the lineage names); renovation lineage old -> new;
- establishments: the union of the directories (priority Annuaire > MESR > CFA list >
  Parcoursup) and of the UAIs the activity files name; an establishment no directory describes
  is imported anyway, marked ``described = false``, its département taken from the UAI;
- offers: one per (UAI, CFD, modality), with one entry per year (see :mod:`offers`), kept for the
  CFDs the BCN knows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from concurrent import futures
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from fnmatch import fnmatch
from functools import lru_cache, partial
from itertools import accumulate
from pathlib import Path
from statistics import fmean
from typing import Any, TypeVar

from graph import commune_contours
from graph import communes as communes_ref
from graph.errors import SeedError
from graph.geo import haversine_km
from graph.inference.evidence import Evidence
from graph.ingest.opendata import (
    activity,
    ahead,
    bcn,
    certif_info,
    directories,
    jobs,
    places,
    postbac,
    professional,
    rome,
    unnamed,
)
from graph.ingest.opendata import professional as professional_files
from graph.ingest.opendata.accents import accent_evidence, with_accents
from graph.ingest.opendata.ahead import Ahead, Keep, Outcome, outcome, parse_ahead
from graph.ingest.opendata.cfa_names import readable_capitals, readable_cfa_name
from graph.ingest.opendata.credits import citation
from graph.ingest.opendata.entry import CommonEntry
from graph.ingest.opendata.establishment_names import (
    chosen_index,
    establishment_name,
    with_official_place,
)
from graph.ingest.opendata.name_case import WordMemo, recased, vocabulary
from graph.ingest.opendata.named_commune import named_commune
from graph.ingest.opendata.offers import ActivityOffers, OfferColumns, known_rows
from graph.ingest.opendata.progress import Progress, Silent
from graph.ingest.opendata.reason_words import reason_fr
from graph.ingest.opendata.report import Coverage, FileReport
from graph.ingest.opendata.rome import RomeFile
from graph.ingest.opendata.rows import (
    CommuneRow,
    DepartementRow,
    DiplomaRow,
    EstablishmentRow,
    LevelRow,
)
from graph.ingest.opendata.values import departement_of_commune, departement_of_uai
from graph.models import ActorKind, departement_code
from graph.place_precision import AT_COMMUNE_KM, commune_from_position

__all__ = [
    "MAX_REJECTED",
    "Establishment",
    "ImportData",
    "Offer",
    "Site",
    "departement_prefixes",
    "parse_directory",
]

_T = TypeVar("_T")

Evidences = tuple[dict[str, Evidence], set[str]]  # continuation evidence, common secondes

NFD_FILE = "nFormationDiplome_.csv"
VFD_FILE = "vFormationDiplome_.csv"
LEVELS_FILE = "nNiveauFormationDiplome_.csv"
MEF_FILE = "nMef.csv"
ANNUAIRE_FILE = "fr-en-annuaire-education.csv"
ESR_FILE = "fr-esr-principaux-etablissements-enseignement-superieur.csv"
COMMUNES_FILE = "communes_geonames.csv"
DEPARTEMENTS_FILE = "departements_academies_regions.csv"
CFA_GLOB = "CFASousConvRegionale*.csv"
PARCOURSUP_GLOB = "fr-esr-parcoursup*.csv"
CERTIF_INFO_FILE = "certif_info.csv"
DIPLOMES_PRO_FILE = "diplomesProfessionnels.csv"
FAMILLES_FILE = "familleMetiers.csv"
BTS_OPTIONS_FILE = "optionsBTS.csv"
ROME_FILE = "rome.csv"
ACTIVITY_GLOBS = (
    ("constat_*.csv", "pupils (DEPP constat)", activity.parse_constat),
    ("attractivite_capacite_*.csv", "offers (Affelnet)", activity.parse_affelnet),
    ("BTS_attractivite_capacite_*.csv", "offers (Parcoursup BTS)", activity.parse_bts),
)


def departement_prefixes(values: Iterable[str] | None) -> list[str] | None:
    """``["12", "46"]`` -> ``["012", "046"]``: the UAI prefixes of those départements."""
    if values is None:
        return None
    out = [departement_code(v) for raw in values if (v := raw.strip().upper())]
    return sorted(set(out)) or None


@dataclass
class Site:
    insee: str
    name: str
    departement: str | None
    region_code: str | None
    lat: float | None
    lon: float | None
    coords: str | None  # geonames | establishments | None
    source: str


@dataclass
class Establishment:
    uai: str
    name: str
    kind: str
    described_by: list[str]
    sources: list[str]
    departement: str
    region_code: str | None = None
    nature_code: str | None = None
    nature_label: str | None = None
    establishment_type: str | None = None
    public: bool | None = None
    insee: str | None = None
    commune: str | None = None
    lat: float | None = None
    lon: float | None = None
    coords: str | None = None  # establishment | commune | None
    # how the commune is known: None (a directory names it), "name" (its name gives it, near
    # its position), "centre" or "coordinates" (no file names it: the commune whose centre is
    # the nearest to its own position, within 1 km or further: graph/place_precision.py)
    commune_from: str | None = None
    siret: str | None = None
    url: str | None = None
    parent_uai: str | None = None
    opening_date: str | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"uai-{self.uai.lower()}"

    @property
    def described(self) -> bool:
        return bool(self.described_by)

    def unknown_fields(self) -> list[str]:
        missing = []
        if not self.described:
            missing += ["name", "kind", "public"]
        if self.insee is None:
            missing.append("commune")
        if self.lat is None:
            missing.append("coordinates")
        return missing


@dataclass
class YearFigures:
    year: int
    capacity: int | None = None
    demand: int | None = None
    pupils: int | None = None
    sources: list[str] = field(default_factory=list)
    # the course year of capacity and demand when not the first (2: the 1re pro, not the
    # entry after 3e), and then the entry after 3e through a common 2nde here (entry.py)
    entry_year: int | None = None
    common: CommonEntry | None = None

    @property
    def pressure(self) -> float | None:
        if self.capacity and self.demand is not None:
            return round(self.demand / self.capacity, 3)
        return None

    def to_dict(self) -> dict[str, Any]:
        """One year of an offer's history_json (pressure = demand / capacity is derived);
        ``entry_year`` and ``common`` only when set."""
        return {
            "year": self.year,
            "capacity": self.capacity,
            "demand": self.demand,
            "pupils": self.pupils,
            "source": "; ".join(self.sources),
            **self.entry_dict(),
        }

    def entry_dict(self) -> dict[str, Any]:
        """What the year says of its entry (entry.py), empty when its figures are of the
        first course year."""
        out: dict[str, Any] = {}
        if self.entry_year is not None:
            out["entry_year"] = self.entry_year
        if (c := self.common) is not None:
            out["common"] = {
                "code": c.code,
                "family": c.family,
                "capacity": c.capacity,
                "demand": c.demand,
            }
        return out


@dataclass
class Offer:
    uai: str
    code: str
    modality: str
    years: list[YearFigures]  # ascending
    # the closed diplomas whose offers here this one is presumed from (graph.ingest.opendata
    # .renewal); empty for an offer the files give
    renewed_from: tuple[str, ...] = ()
    # the common 2nde whose offer here, in a later year than the files give this Bac pro, carries
    # it on to that year (graph.ingest.opendata.renewal.current_by_common_year); None otherwise
    common_year: str | None = None

    @property
    def latest(self) -> YearFigures:
        return self.years[-1]

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(s for y in self.years for s in y.sources))


@dataclass
class ImportData:
    directory: Path
    departements: list[str] | None
    reports: list[FileReport]
    levels: dict[str, LevelRow]
    diplomas: dict[str, DiplomaRow]
    # diplomas the BCN closes on or before it are ``closed``: the later of the BCN's state date
    # and the day before the import's (closure_date)
    closed_on: str | None
    establishments: dict[str, Establishment]
    sites: dict[str, Site]
    offers: list[Offer]
    lineage: list[tuple[str, str]]
    part_of: list[tuple[str, str]]
    coverage: Coverage
    citations: dict[str, str]  # file name -> citation (with its year or state date)
    activity_uais: set[str]
    postbac: postbac.PostBac
    postbac_file: str | None  # the Parcoursup extract the programmes come from
    certifications: dict[str, certif_info.Certification]  # CFD -> Certif Info
    professional: dict[str, professional.ProfessionalDiploma]  # CFD -> CPC, secteur, label
    families: dict[str, professional_files.Family]  # speciality CFD -> famille de métiers
    rome_labels: dict[str, str] = field(default_factory=dict)  # ROME code -> name (rome.csv)
    # BTS common first year -> its options (optionsBTS.csv), both among the diplomas
    bts_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    jobs: list[dict[str, Any]] = field(default_factory=list)  # the Job nodes (jobs.job_rows)
    # CFD -> the day nMef closes every first course year of it (bcn.entry_closings)
    entry_closed: dict[str, str] = field(default_factory=dict)
    # the same for the second course year (a CAP holder's 1re pro)
    second_closed: dict[str, str] = field(default_factory=dict)
    # the continuation evidence and common secondes, read by the process that parsed the
    # activity files, after them (ahead.py); None: read when the passerelles are inferred
    evidence: Outcome[Evidences] | None = None

    def is_closed(self, d: DiplomaRow) -> bool:
        return closed_by(d, self.closed_on)


def closed_by(d: DiplomaRow, closed_on: str | None) -> bool:
    """Whether the BCN closes ``d`` on or before ``closed_on`` (:func:`closure_date`)."""
    return bool(d.closing_date and closed_on and d.closing_date <= closed_on)


# --- parsing ------------------------------------------------------------------------------


MAX_REJECTED = 0.05
"""Default ``--max-rejected``: a file with more than 5 % of its rows rejected stops the import
(the national files reject at most 2 %: 5 rows of 250 in the MESR list, fewer elsewhere)."""


class _Reports:
    """The file reports, in reading order; each new file is a progress step. A file whose
    rejected rows pass ``max_rejected`` (a share of its rows) stops the import."""

    def __init__(self, progress: Progress, strict: bool, max_rejected: float) -> None:
        self.items: list[FileReport] = []
        self.paths: list[Path] = []
        self.progress = progress
        self.strict = strict
        self.max_rejected = max_rejected

    def new(self, path: Path, family: str) -> FileReport:
        return self.add(path, FileReport(path.name, family, strict=self.strict))

    def add(self, path: Path, r: FileReport) -> FileReport:
        """The report of the file read now (or parsed ahead, taken at its turn)."""
        self.done()
        self.items.append(r)
        self.paths.append(path)
        self.progress.step(f"lecture de {path.name}")
        return r

    def done(self) -> None:
        if self.items:
            last = self.items[-1]
            self.progress.advance(last.rows_read)
            check_rejected(self.paths[-1], last, self.max_rejected)
        self.progress.finish()


def check_rejected(path: Path, report: FileReport, max_rejected: float) -> None:
    """Too many rejected rows means a wrong or damaged file, not a few bad rows: stop."""
    if not report.rejected or report.rejected_share <= max_rejected:
        return
    by_reason = report.rejected_by_reason()
    reasons = " ; ".join(
        f"{_fr_count(len(rs))} × {reason_fr(reason)} (par ex. ligne {rs[0].line}, "
        f"{rs[0].column} : {rs[0].value!r})"
        for reason, rs in by_reason.items()
    )
    raise SeedError(
        path,
        "file",
        None,
        f"{_fr_count(len(report.rejected))} lignes rejetées sur {_fr_count(report.rows_read)} "
        f"({_fr_share(report.rejected_share)}, plus que --max-rejected "
        f"{_fr_share(max_rejected)}) : {reasons}",
    )


def _fr_count(n: int) -> str:
    """12 345, the French way (a narrow no-break space between thousands)."""
    return f"{n:,}".replace(",", "\u202f")


def _fr_share(share: float) -> str:
    """5,6 %, the French way."""
    return f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"


def _require(directory: Path, name: str, why: str) -> Path:
    path = directory / name
    if not path.is_file():
        raise SeedError(path, "file", None, f"missing: {why}")
    return path


def keeper(prefixes: list[str] | None) -> Callable[[str], bool]:
    """Whether a UAI is in the départements imported (every UAI without a filter)."""
    if prefixes is None:
        return lambda uai: True
    return lambda uai: departement_of_uai(uai) in prefixes


def _esr(directory: Path, keep: Keep, strict: bool) -> list[Ahead[dict[str, EstablishmentRow]]]:
    if not (p := directory / ESR_FILE).is_file():
        return []
    parse = partial(directories.parse_esr, keep=keep)
    return [parse_ahead(p, "establishments (MESR)", strict, parse)]


def _cfas(directory: Path, keep: Keep, strict: bool) -> list[Ahead[dict[str, EstablishmentRow]]]:
    parse = partial(directories.parse_cfa, keep=keep)
    return [
        parse_ahead(p, "establishments (CFA)", strict, parse) for p in _globbed(directory, CFA_GLOB)
    ]


_Parcoursup = tuple[dict[str, EstablishmentRow], list[postbac.ProgrammeRow]]


def _parcoursups(directory: Path, keep: Keep, strict: bool) -> list[Ahead[_Parcoursup]]:
    def parse(p: Path, r: FileReport) -> _Parcoursup:
        rows: list[postbac.ProgrammeRow] = []
        return directories.parse_parcoursup(p, r, keep, rows), rows

    family = "establishments and programmes (Parcoursup)"
    return [parse_ahead(p, family, strict, parse) for p in _globbed(directory, PARCOURSUP_GLOB)]


def _evidence(
    directory: Path, certif_rows: list[certif_info.Row] | None = None
) -> Outcome[Evidences]:
    """The continuation evidence and the common secondes (graph.ingest.continuations), which
    the passerelle inference reads later (its error raised there); ``certif_rows``: Certif
    Info read already."""
    from graph.ingest import continuations  # imports this package's parsers: not at the top

    return outcome(
        lambda: (
            continuations.load_evidence(directory, certif_rows),
            continuations.common_secondes(directory),
        )
    )


def _globbed(directory: Path, pattern: str) -> list[Path]:
    def year(p: Path) -> tuple[int, str]:
        try:
            return activity.year_of(p), p.name
        except SeedError:
            return 0, p.name

    return sorted(directory.glob(pattern), key=year)


def closure_date(state_date: str | None, today: date) -> str:
    """The day on or before which a diploma the BCN closes is closed for the import: the BCN
    gives closing dates ahead (Bac pro MELEC 40025510: 31/08/2025 in a file of 29/08/2025), so
    the later of the file's state date and the day before ``today``.

    >>> closure_date("2025-08-29", date(2026, 12, 5)), closure_date("2025-08-29", date(2025, 1, 2))
    ('2026-12-04', '2025-08-29')
    """
    yesterday = (today - timedelta(days=1)).isoformat()
    return max(state_date, yesterday) if state_date else yesterday


def parse_directory(
    directory: Path,
    departements: Iterable[str] | None = None,
    *,
    progress: Progress | None = None,
    strict: bool = False,
    max_rejected: float = MAX_REJECTED,
    as_of: date | None = None,
    parallel: bool = True,
) -> ImportData:
    """Parse and combine every known file of ``directory``.

    A row with an unusable identifier, no name or a place abroad is rejected and reported
    (``strict``: the import stops at the first); a file unreadable, or with more than
    ``max_rejected`` of its rows rejected, stops the import. Closures are judged on ``as_of``
    (today by default, :func:`closure_date`); a closed diploma's offers are presumed to go on
    under its renovation (:mod:`graph.ingest.opendata.renewal`). ``parallel``: the activity
    files are parsed by a forked process meanwhile (:mod:`ahead`), the directories and
    communes by a second one (:mod:`places`); the same outcome. The continuation evidence then
    comes as an :class:`ahead.Later`, taken when its value is asked."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SeedError(directory, "directory", None, "not a directory")
    # open until the offers the first process sums last are taken; the second places the
    # establishments (places.py)
    with ahead.other_process(parallel) as pool, ahead.other_process(parallel) as places_pool:
        return _parse(
            directory, departements, progress, strict, max_rejected, as_of, pool, places_pool
        )


def _parse(
    directory: Path,
    departements: Iterable[str] | None,
    progress: Progress | None,
    strict: bool,
    max_rejected: float,
    as_of: date | None,
    pool: ProcessPoolExecutor | None,
    places_pool: ProcessPoolExecutor | None,
) -> ImportData:
    progress = progress or Silent()
    prefixes = departement_prefixes(departements)
    keep = keeper(prefixes)
    reports = _Reports(progress, strict, max_rejected)
    citations: dict[str, str] = {}
    nfd_path = _require(directory, NFD_FILE, "the BCN diploma nomenclature is required")
    activity_files = [
        (path, family, parse)
        for pattern, family, parse in ACTIVITY_GLOBS
        for path in _globbed(directory, pattern)
    ]
    mef_path = directory / MEF_FILE
    pending = ahead.submit_activity(pool, activity_files, mef_path, prefixes, strict)
    handed = places.submit_read(places_pool, directory, prefixes, strict)
    # meanwhile, here: what depends on nothing else, each taken at its turn (ahead.py)
    diplomas = bcn.parse_diplomas(nfd_path, reports.new(nfd_path, "diplomas (BCN)"))
    dates = [d.intervention_date for d in diplomas.values() if d.intervention_date]
    state_date = max(dates) if dates else None
    citations[NFD_FILE] = citation(NFD_FILE, as_of=state_date)
    closed_on = closure_date(state_date, as_of or date.today())
    levels: dict[str, LevelRow] = {}
    if (p := directory / LEVELS_FILE).is_file():
        levels = bcn.parse_levels(p, reports.new(p, "diploma types (BCN)"))
        citations[p.name] = citation(p.name)
    deps: dict[str, DepartementRow] = {}
    if (p := directory / DEPARTEMENTS_FILE).is_file():
        deps = directories.parse_departements(p, reports.new(p, "territory"))
        citations[p.name] = citation(p.name)
    # 2. activity files (territorial), then nMef, combined into offers (offers.py)
    stage = ahead.activity_result(pending, activity_files, mef_path, keep, strict)
    activity_reports: list[FileReport] = []
    for got in stage.files:
        activity_reports.append(reports.add(got.path, got.report))
        citations[got.path.name] = citation(got.path.name, year=activity.year_of(got.path))
        got.value()
    _mef_turn(directory, stage, reports)
    citations[MEF_FILE] = citation(MEF_FILE)
    activity_uais = stage.uais

    # 3. directories and communes: establishments and sites (by the second process meanwhile)
    placing = places.submit_places(places_pool, directory, prefixes, strict, activity_uais, deps)
    # Certif Info, read once for the diplomas' links and the continuation evidence (for the
    # passerelles), the evidence last: by the first process once it has summed the offers (it
    # ends before the second has placed the establishments, whose process would read them after)
    certif_path = directory / CERTIF_INFO_FILE
    certif_read = places.submit_certif(pool, certif_path) if certif_path.is_file() else None
    evidence_of = partial(_evidence, directory)
    later = places.submit_evidence(pool, partial(_evidence, directory))
    # nMef's entry closings once both other processes have their work (it waits for nothing
    # here): both course years in one read
    entry_closed, second_closed = (
        {c: d for c, d in closings.items() if c in diplomas}
        for closings in bcn.entry_closings_by_year(mef_path, (1, 2))
    )
    entries: _Entries = (entry_closed, bcn.first_year_cfds(mef_path))
    # while the second process places the establishments (this one would only wait): what
    # depends on the activity files and the BCN alone, each report and error taken at its turn
    early = _Early.read(
        directory,
        _Known(directory, diplomas, closed_on, handed, entries),
        pending,
        placing,
        stage,
        activity_files,
        mef_path,
        keep,
        strict,
    )
    read = places.take(placing, directory, keep, strict, activity_uais, deps, handed)
    programme_rows: list[postbac.ProgrammeRow] = []
    for placed in read.files:  # the Annuaire, MESR, CFA, Parcoursup, then GeoNames
        reports.add(placed.path, placed.report)
        rows = placed.value()
        if placed.path.name in read.parcoursup:
            programme_rows.extend(rows or ())
    for placed in read.files:
        citations[placed.path.name] = citation(placed.path.name)
    parcoursup_file = read.parcoursup[0] if read.parcoursup else None
    # every file was read without error: the places were built
    assert read.establishments is not None and read.sites is not None
    establishments, sites = read.establishments, read.sites
    # the activity rows resolved to CFDs (by the other process meanwhile)
    activity_offers = early.resolved.value()

    # 4. diplomas the offers name that nFormationDiplome_ lacks: from vFormationDiplome_
    nfd_report = reports.items[0]
    #    and the BUT and licences pro the post-bac programmes are matched with
    missing = activity_offers.cfds - set(diplomas)
    vfd: dict[str, DiplomaRow] = {}
    if (missing or programme_rows) and (p := directory / VFD_FILE).is_file():
        vfd = (
            _taken(reports, early.vfd)
            if early.vfd is not None
            else _vfd(p, reports.new(p, VFD_FAMILY), missing)
        )
        citations[p.name] = citation(p.name)
    reports.done()
    diplomas, programmes = (
        early.programmes  # the same, made while the second process placed the establishments
        or _programmes(diplomas, vfd, missing, programme_rows, activity_offers, closed_on)
    )

    # 5. what the diplomas lead to: Certif Info, diplomesProfessionnels, familleMetiers
    certifications: dict[str, certif_info.Certification] = {}
    if (p := certif_path).is_file():
        certifications = certif_info.parse_certif_info(
            p,
            reports.new(p, "diploma links (Certif Info)"),
            only=set(diplomas),
            rows=places.take_certif(certif_read),  # None: read here
        )
        citations[p.name] = citation(p.name)
    pro: dict[str, professional.ProfessionalDiploma] = {}
    if early.pro is not None:
        pro = _taken(reports, early.pro)
        citations[early.pro.path.name] = citation(early.pro.path.name)
    families: dict[str, professional.Family] = {}
    if early.families is not None:
        families = _taken(reports, early.families)
        citations[early.families.path.name] = citation(early.families.path.name)
    bts_options: dict[str, tuple[str, ...]] = {}
    if early.bts_options is not None:
        bts_options = {
            c: kept
            for c, opts in _taken(reports, early.bts_options).items()
            if c in diplomas and (kept := tuple(o for o in opts if o in diplomas))
        }
        citations[early.bts_options.path.name] = citation(early.bts_options.path.name)
    rome_labels: dict[str, str] = {}
    job_rows: list[dict[str, Any]] = []
    if certifications and early.rome is not None:
        rome_file = _taken(reports, early.rome)
        rome_labels = rome_file.labels
        citations[early.rome.path.name] = citation(early.rome.path.name)
        job_rows = _job_rows(reports, early, rome_file, citations)
    reports.done()
    known_rows(activity_offers, activity_reports, set(diplomas) | set(activity_offers.fcil or ()))

    if early.offers is None:
        early.offers = _offers(
            ahead.activity_offers(pending, activity_offers, activity_files, mef_path, keep, strict)
        )
    offers, lineage, skipped = early.current or _current_offers(
        early.offers, diplomas, programmes, families, closed_on, bts_options, entries
    )
    for reason, lines in skipped.values_lines.items():  # the lineage's, at their turn
        for line in lines:
            nfd_report.ignore_value(reason, line)
    # the kind of those no directory names, the distance-learning flag
    establishments = unnamed.with_file_facts(establishments, offers, programme_rows)
    part_of = sorted(
        (e.uai, e.parent_uai)
        for e in establishments.values()
        if e.parent_uai and e.parent_uai in establishments and e.parent_uai != e.uai
    )
    coverage = _coverage(activity_uais, establishments)
    # the programmes of a diploma's name and level: that diploma (after Certif Info is read)
    programmes = _same_names(
        programmes,
        _Named(diplomas, levels, certifications, pro, closed_on),
        activity_offers.offered | {(o.uai, o.code) for o in offers},
    )
    if parcoursup_file is not None:
        _postbac_notes(programmes, next(r for r in reports.items if r.name == parcoursup_file))
    # taken by the build (the passerelles), whenever the other process gives it
    evidence = ahead.Later(later, evidence_of) if later is not None else None
    return ImportData(
        directory=directory,
        departements=prefixes,
        reports=reports.items,
        levels=levels,
        diplomas=diplomas,
        closed_on=closed_on,
        establishments=establishments,
        sites=sites,
        offers=offers,
        lineage=lineage,
        part_of=part_of,
        coverage=coverage,
        citations=citations,
        activity_uais=activity_uais,
        postbac=programmes,
        postbac_file=parcoursup_file,
        evidence=evidence,
        certifications={c: v for c, v in certifications.items() if c in diplomas},
        professional={c: v for c, v in pro.items() if c in diplomas},
        families={c: v for c, v in families.items() if c in diplomas},
        rome_labels=rome_labels,
        bts_options=bts_options,
        jobs=job_rows,
        entry_closed=entry_closed,
        second_closed=second_closed,
    )


def _job_rows(
    reports: _Reports, early: _Early, rome_file: RomeFile, citations: dict[str, str]
) -> list[dict[str, Any]]:
    """The ROME job reference (graph/ingest/opendata/jobs.py), with metier.csv's job names."""
    if early.metier is None:
        return jobs.job_rows(rome_file)
    names = _taken(reports, early.metier)
    citations[early.metier.path.name] = citation(early.metier.path.name)
    return jobs.job_rows(rome_file, names, early.metier.report)


VFD_FAMILY = "diplomas (BCN, other ministries)"


def _vfd(path: Path, report: FileReport, missing: set[str]) -> dict[str, DiplomaRow]:
    """vFormationDiplome_: the codes ``missing`` from nFormationDiplome_, and the BUT and
    licences pro the post-bac programmes are matched with."""
    return bcn.parse_diplomas(path, report, bcn.VFD, only=missing, levels=postbac.VFD_LEVEL_CODES)


def _offers(summed: OfferColumns) -> list[Offer]:
    """The summed activity offers (:func:`ahead.activity_offers`) as :class:`Offer` objects:
    every year made by one ``map`` over the columns, then each offer given its slice."""
    figures = list(
        map(
            YearFigures,
            summed.year,
            summed.capacity,
            summed.demand,
            summed.pupils,
            map(list, summed.sources),
            summed.entry_year,
        )
    )
    ends = list(accumulate(summed.years))
    slices = map(slice, [0, *ends[:-1]], ends)
    return list(
        map(Offer, summed.uai, summed.cfd, summed.modality, map(figures.__getitem__, slices))
    )


def _programmes(
    diplomas: dict[str, DiplomaRow],
    vfd: dict[str, DiplomaRow],
    missing: set[str],
    rows: list[postbac.ProgrammeRow],
    activity_offers: ActivityOffers,
    closed_on: str | None,
) -> tuple[dict[str, DiplomaRow], postbac.PostBac]:
    """The diplomas with those of vFormationDiplome_ the offers name (``missing``) or the
    programmes are mapped to, and the post-bac programmes; a new dict (``diplomas`` is left
    as it is)."""
    out = {**diplomas, **{c: d for c, d in vfd.items() if c in missing}}
    programmes = _postbac(rows, out, vfd, activity_offers, closed_on)
    for code in programmes.mapped.values():  # a licence pro the BCN's other view describes
        if code not in out and code in vfd:
            out[code] = vfd[code]
    return out, programmes


_Current = tuple[list["Offer"], list[tuple[str, str]], FileReport]
_Entries = tuple[Mapping[str, str], Set[str]]


def _current_offers(
    offers: list[Offer],
    diplomas: dict[str, DiplomaRow],
    programmes: postbac.PostBac,
    families: dict[str, professional.Family],
    closed_on: str | None,
    bts_options: Mapping[str, Sequence[str]] | None = None,
    entries: _Entries = ({}, frozenset()),
) -> _Current:
    """The activity offers of the BCN's diplomas, with the renewed ones and those carried by
    a common 2nde or a BTS common first year (:mod:`renewal`; ``bts_options``: optionsBTS.csv,
    common first year -> its options), the renovation lineage, and the lines of
    nFormationDiplome_ the lineage skips (a report of its own: added to the file's at their
    turn). ``entries``: nMef's closed first years and the CFDs it gives one
    (:func:`renewal.no_longer_entered`)."""
    skipped = FileReport(NFD_FILE, "diplomas (BCN)")
    # the BCN's diplomas, and the FCILs of the BTS files (programmes keyed by their label)
    out = [o for o in offers if o.code in diplomas or o.code in programmes.programmes]
    lineage = _lineage(diplomas, skipped)
    ended = _ended(lineage, diplomas, closed_on, entries)
    given = {(o.uai, o.code) for o in programmes.offers}  # the Parcoursup extract's offers
    out += [o for o in _renewed(out, lineage, ended) if (o.uai, o.code) not in given]
    options = {
        c: [o for o in opts if o in diplomas]
        for c, opts in (bts_options or {}).items()
        if c in diplomas
    }
    current = _with_common_years(out, lineage, diplomas, families, ended, options)
    return current, lineage, skipped


def _taken(reports: _Reports, got: Ahead[_T]) -> _T:
    """A file read ahead, at its turn: its report added, its result or its error."""
    reports.add(got.path, got.report)
    return got.value()


@dataclass
class _Known:
    """What :class:`_Early` reads with: the directory, the BCN's diplomas, their closure date,
    the programme rows the second process hands over first (:class:`places.Handed`)."""

    directory: Path
    diplomas: dict[str, DiplomaRow]
    closed_on: str | None
    handed: places.Handed
    # nMef: CFD -> the day every first course year closes, the CFDs with a first year at all
    entries: _Entries = ({}, frozenset())


@dataclass
class _Early:
    """What this process reads while the second one places the establishments (it would
    otherwise only wait for them), each file's report and error taken at its turn later, as if
    read then: the activity rows resolved (taken from the first process), vFormationDiplome_
    (used when the offers name codes nFormationDiplome_ lacks or a Parcoursup extract gives
    programmes), diplomesProfessionnels,
    familleMetiers and rome.csv (they depend on no other file), and the offers as objects when
    the first process sums them before the second one is done."""

    resolved: Outcome[ActivityOffers]
    vfd: Ahead[dict[str, DiplomaRow]] | None = None
    pro: Ahead[dict[str, professional.ProfessionalDiploma]] | None = None
    families: Ahead[dict[str, professional.Family]] | None = None
    bts_options: Ahead[dict[str, tuple[str, ...]]] | None = None
    rome: Ahead[RomeFile] | None = None
    metier: Ahead[list[jobs.MetierRow]] | None = None
    offers: list[Offer] | None = None
    # the diplomas and the post-bac programmes (_programmes), the current offers (_current_offers),
    # when their files were read without error before the establishments were placed
    programmes: tuple[dict[str, DiplomaRow], postbac.PostBac] | None = None
    current: _Current | None = None

    @classmethod
    def read(
        cls,
        directory: Path,
        known: _Known,
        pending: ahead.Pending | None,
        placing: Future[bytes] | None,
        stage: ahead.ActivityStage,
        activity_files: Sequence[ahead.ActivityFile],
        mef_path: Path,
        keep: Keep,
        strict: bool,
    ) -> _Early:
        diplomas = known.diplomas

        def resolved() -> ActivityOffers:
            return ahead.activity_resolved(pending, stage, activity_files, mef_path, keep, strict)

        # first what depends on no other file, while the first process resolves the rows
        early = cls(Outcome())
        if (p := directory / DIPLOMES_PRO_FILE).is_file():
            family = "diploma links (CPC)"
            early.pro = parse_ahead(p, family, strict, professional.parse_diplomes_professionnels)
        if (p := directory / FAMILLES_FILE).is_file():
            family = "diploma links (familles de métiers)"
            early.families = parse_ahead(p, family, strict, professional.parse_familles_metiers)
        if (p := directory / BTS_OPTIONS_FILE).is_file():
            family = "diploma links (BTS options)"
            early.bts_options = parse_ahead(p, family, strict, professional.parse_bts_options)
        if (p := directory / ROME_FILE).is_file():  # used when Certif Info gives links
            early.rome = parse_ahead(p, "job names (ROME)", strict, rome.parse_rome)
            if (m := directory / jobs.METIER_FILE).is_file():
                family = "job names (ROME, metier.csv)"
                early.metier = parse_ahead(m, family, strict, jobs.parse_metier)
        early.resolved = outcome(resolved)
        if early.resolved.error is None and early.resolved.result is not None:
            # read when the offers name codes nFormationDiplome_ lacks, or for the programmes
            # of a Parcoursup extract (taken only then)
            missing = early.resolved.result.cfds - set(diplomas)
            programmes = bool(_globbed(directory, PARCOURSUP_GLOB))
            if (missing or programmes) and (p := directory / VFD_FILE).is_file():
                early.vfd = parse_ahead(p, VFD_FAMILY, strict, lambda p, r: _vfd(p, r, missing))
            early._combine(known)
        summed = pending[2] if pending is not None else None
        if summed is not None and placing is not None:  # whichever the processes give first
            futures.wait([summed, placing], ahead.CHILD_WAIT_S, futures.FIRST_COMPLETED)
        offers = early.resolved.result
        if offers is not None and (offers.offers is not None or (summed and summed.done())):
            got = outcome(
                lambda: ahead.activity_offers(
                    pending, offers, activity_files, mef_path, keep, strict
                )
            )
            if got.error is None and got.result is not None:
                early.offers = _offers(got.result)
        # the programme rows come before the places, from the same process: waiting for them
        # is never longer than for the places
        early._combine(known, wait=True)
        return early

    def _combine(self, known: _Known, wait: bool = False) -> None:
        """The post-bac programmes, then the current offers, as soon as what they are made of
        was read without error (``wait``: for the second process's programme rows, else only
        if it gave them already): the same as at their turn, where they are made otherwise."""
        resolved = self.resolved.result
        if resolved is None or self.resolved.error is not None:
            return
        families: dict[str, professional.Family] = {}
        if self.families is not None:
            if self.families.error is not None or self.families.result is None:
                return
            families = self.families.result
        if self.programmes is None and (wait or known.handed.ready()):
            rows = known.handed.flat()
            if rows is None:
                return
            missing = resolved.cfds - set(known.diplomas)
            vfd: dict[str, DiplomaRow] = {}
            if missing or rows:  # as at its turn: vFormationDiplome_ read then
                if self.vfd is not None:
                    if self.vfd.error is not None or self.vfd.result is None:
                        return
                    vfd = self.vfd.result
                elif (known.directory / VFD_FILE).is_file():
                    return  # not read: at its turn then
            self.programmes = _programmes(
                known.diplomas, vfd, missing, rows, resolved, known.closed_on
            )
        if self.programmes is not None and self.offers is not None and self.current is None:
            options: dict[str, tuple[str, ...]] = {}
            if self.bts_options is not None:
                if self.bts_options.error is not None or self.bts_options.result is None:
                    return
                options = self.bts_options.result
            diplomas, programmes = self.programmes
            self.current = _current_offers(
                self.offers, diplomas, programmes, families, known.closed_on, options, known.entries
            )


def _mef_turn(directory: Path, stage: ahead.ActivityStage, reports: _Reports) -> None:
    """nMef's turn, after the activity files: its report, or its error."""
    _require(directory, MEF_FILE, "the BCN MEF table maps course years to diplomas")
    changed = SeedError(directory / MEF_FILE, "file", None, "written while the import read it")
    if stage.mef is None:  # missing when the other process looked
        raise changed
    report = reports.add(stage.mef.path, stage.mef.report)
    resolved = stage.mef.value()
    report.notes.append(
        f"{_fr_count(resolved)} années de formation (MEF_STAT_11) nommées par les fichiers "
        "d'activité retrouvées"
    )


# --- combining ----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _cfa_file(name: str) -> bool:
    """Whether the file ``name`` is a CFA list (``fnmatch``, asked once per file name: the
    names of ~5 500 establishments are chosen per national import)."""
    return fnmatch(name, CFA_GLOB)


@lru_cache(maxsize=64)
def _without_accents(name: str) -> bool:
    """Whether the file ``name`` writes names without their accents (Parcoursup, the CFA
    list): its names get them back from the other files' (accents.py)."""
    return fnmatch(name, CFA_GLOB) or fnmatch(name, PARCOURSUP_GLOB)


def _shown_name(rows: Sequence[tuple[str, EstablishmentRow]]) -> str:
    """The name an establishment is shown by, from its directories' ``(file, row)``: another
    directory's name rather than the CFA list's (capitals abbreviated and cut at 60
    characters: « CTR DE FORMATION D APPRENTIS CCI MAINE-ET-LOIRE »), which is made readable
    when it is the only one (:func:`readable_cfa_name`); another file's name written all in
    capitals (Parcoursup's « IUT LITTORAL (DUNKERQUE) ») is read by the same rule
    (:func:`readable_capitals`)."""
    full = [r.name for n, r in rows if not _cfa_file(n)]
    if len(full) == len(rows):
        return readable_capitals(establishment_name(full))
    chosen = establishment_name(full + [r.name for n, r in rows if _cfa_file(n)])
    if full and establishment_name(full) == chosen:
        return readable_capitals(chosen)
    return readable_cfa_name(chosen) if chosen else chosen


def _name_file(rows: Sequence[tuple[str, EstablishmentRow]]) -> str:
    """The file whose name :func:`_shown_name` shows, for the import report's « nom tiré de »
    (before, the first file describing the establishment was credited, even when the name
    was another file's: the CFA list read first, Parcoursup's name shown)."""
    ordered = [(n, r) for n, r in rows if not _cfa_file(n)]
    ordered += [(n, r) for n, r in rows if _cfa_file(n)]
    i = chosen_index([r.name for _, r in ordered])
    return ordered[i if i is not None else 0][0]


def _described_by(rows: Sequence[tuple[str, EstablishmentRow]]) -> list[str]:
    """The files describing an establishment, the one its name is taken from first
    (:func:`_name_file`), then the others in the order they are read: the import report's
    « nom tiré de » and GET /about's ``named_by`` read the first."""
    if len(rows) == 1:  # its one file (5 079 of 5 479 nationally)
        return [rows[0][0]]
    named = _name_file(rows)
    return [named, *(n for n, _ in rows if n != named)]


def _establishments(
    dirs: list[dict[str, EstablishmentRow]],
    dir_names: list[str],
    activity_uais: set[str],
    communes: dict[str, CommuneRow],
    deps: dict[str, DepartementRow],
    citations: dict[str, str],
) -> dict[str, Establishment]:
    uais = (
        sorted(set().union(*(d.keys() for d in dirs)) | activity_uais)
        if dirs
        else sorted(activity_uais)
    )
    out: dict[str, Establishment] = {}
    # how the directories write each word when not in capitals: a name's words in capitals
    # are written so (« Lycée Jean ZAY » → « Lycée Jean Zay »: name_case.py)
    words = vocabulary(r.name for d in dirs for r in d.values())
    # the accents Parcoursup and the CFA list leave out, from the files that write them
    # (« Lycee Pierre Mendes France » → « … Mendès … »: accents.py)
    accented_dirs = [not _without_accents(n) for n in dir_names]
    accents = accent_evidence(
        r.name for d, ok in zip(dirs, accented_dirs, strict=True) if ok for r in d.values()
    )
    # once per distinct value of this import (1 460 communes for 5 444 named establishments
    # nationally, 708 commune labels for 1 836): a commune's reference name, a file's label of
    # it spelt as the reference spells it, a text's search form (the places and the towns in
    # the names)
    official_of: _Memo[str, str | None] = _Memo(communes_ref.official_name)
    spelt: _Memo[tuple[str, str | None], str | None] = _Memo(
        lambda code_given: communes_ref.spelt_as_reference(*code_given)
    )
    fold: Callable[[str], str] = _Memo(communes_ref.search_key).__getitem__
    word_memo: WordMemo = {}  # name_case.title_words' reading of each word of ``words``' names
    for uai in uais:
        rows = [(name, d[uai]) for name, d in zip(dir_names, dirs, strict=True) if uai in d]
        dep = departement_of_uai(uai)
        if not rows:
            out[uai] = Establishment(
                uai=uai,
                name=unnamed_establishment(uai, deps),
                kind=ActorKind.UNSPECIFIED.value,  # its offers may tell more (unnamed.py)
                described_by=[],
                sources=[],
                departement=dep,
                region_code=deps[dep].region_code if dep in deps else None,
            )
            continue
        first = rows[0][1]
        # the first directory's value that is not None: the only one's as it is (a C call)
        pick: Callable[[str], Any] = (
            first.__getattribute__ if len(rows) == 1 else partial(_pick, rows)
        )

        e = Establishment(
            uai=uai,
            # the first directory's, mended; another's when it names an owner body (OGEC);
            # the CFA list's abbreviated capitals last, and made readable (cfa_names.py)
            name=recased(_shown_name(rows) or first.name, words, word_memo),
            kind=first.kind.value,
            described_by=_described_by(rows),
            sources=[citations.get(n, n) for n, _ in rows],
            departement=pick("departement") or dep,
            nature_code=pick("nature_code"),
            nature_label=pick("nature_label"),
            establishment_type=pick("establishment_type"),
            public=pick("public"),
            insee=pick("insee"),
            siret=pick("siret"),
            url=pick("url"),
            parent_uai=pick("parent_uai"),
            opening_date=pick("opening_date"),
            flags=sorted({f for _, r in rows for f in r.flags}),
        )
        # the commune: from the first directory that names one
        # (spelt as the commune reference spells it: the CFA list's « Epinal » and Parcoursup's
        # « Épinal », placed by the reference, are one town, shown by one name)
        named = next(((n, r) for n, r in rows if r.insee), None)
        if named is not None:
            e.commune = spelt[e.insee or "", named[1].commune]
        commune = communes.get(e.insee) if e.insee else None
        if commune is not None:
            e.commune = e.commune or spelt[commune.insee, commune.name]
        located = next((r for _, r in rows if r.lat is not None and r.lon is not None), None)
        if located is not None:
            e.lat, e.lon, e.coords = located.lat, located.lon, "establishment"
        elif commune is not None and commune.lat is not None and commune.lon is not None:
            e.lat, e.lon, e.coords = commune.lat, commune.lon, "commune"
        if e.insee is None and e.coords == "establishment":
            key = (e.lat, e.lon, e.departement)
            # the commune whose contour holds the position, of its own département only
            held = contained_commune(*key)  # type: ignore[arg-type]
            if held is not None and held[1]:  # clear of its border (commune_contours.py)
                e.insee, e.commune, e.commune_from = held[0].code, held[0].name, "contour"
            else:
                _guess_commune(e, key, held)  # type: ignore[arg-type]
        # the town in the name written as the commune reference writes it (« IFSI CH la Roche
        # sur Yon » → « IFSI CH La Roche-sur-Yon »: establishment_names.with_official_place)
        official = official_of[e.insee] if e.insee else None
        if official:
            e.name = with_official_place(e.name, official, fold)
        if _without_accents(e.described_by[0]):
            same = [
                d[uai].name for d, ok in zip(dirs, accented_dirs, strict=True) if ok and uai in d
            ]
            e.name = with_accents(e.name, accents, same)
        # overseas, the commune's code (Saint-Martin 978, not its UAIs' 971)
        e.departement = departement_of_commune(e.insee, e.departement)
        e.region_code = (
            pick("region_code")
            or (commune.region_code if commune else None)
            or (deps[e.departement].region_code if e.departement in deps else None)
        )
        out[uai] = e
    return out


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """``compute(key)``, computed on a key's first reading and kept (for one import: made
    anew by each :func:`_establishments`)."""

    def __init__(self, compute: Callable[[_K], _V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _K) -> _V:
        value = self[key] = self._compute(key)
        return value


def _guess_commune(
    e: Establishment,
    key: tuple[float, float, str],
    held: tuple[communes_ref.Commune, bool] | None,
) -> None:
    """The commune of an establishment placed by its position alone, when no contour holds
    the position clear of its border: the one its name gives, else the contour's (« près
    de », unless no other commune's contour is near: :func:`lone_commune`), else the nearest
    centre's (in it when it is the only commune near, just off its coast)."""
    found = nearest_commune(*key)
    by_name = named_commune(e.name, *key, found)
    if by_name is not None:  # « ENIM Metz »: Metz, not Peltre (named_commune.py)
        e.insee, e.commune, e.commune_from = by_name.code, by_name.name, "name"
    elif held is not None:  # near its border: only « près de » it (commune_contours.py) ...
        e.insee, e.commune, e.commune_from = held[0].code, held[0].name, "coordinates"
        if _code(lone_commune(*key)) == held[0].code:
            e.commune_from = "contour"  # ... unless no other commune is: the coast's border
    elif found is not None and found.lat is not None and found.lon is not None:
        e.insee, e.commune = found.code, found.name
        if _code(lone_commune(*key)) == found.code:
            # just off its coast, its own town hall the nearest: in it (commune_contours.py)
            e.commune_from = "contour"
            return
        # within 1 km of its centre: in it (place_precision.py)
        km = haversine_km(key[0], key[1], found.lat, found.lon)
        # another town hall nearly as near: « près de » (Jehan de Beauce, Chartres)
        other = other_centre_km(*key, found) if km <= AT_COMMUNE_KM else None
        e.commune_from = commune_from_position(km, other)


def _pick(rows: list[tuple[str, EstablishmentRow]], attr: str) -> Any:
    """The first of ``rows`` whose ``attr`` is not None: its value (None if none)."""
    for _, r in rows:  # a loop, not a generator: 80 000 calls nationally
        if (value := getattr(r, attr)) is not None:
            return value
    return None


def _reference_ahead() -> None:
    """The commune reference read before the Annuaire can be read (:mod:`places`: the
    establishments and their sites need it later anyway). The nearest centres are no longer
    searched ahead for every position a directory gives alone (3 982 nationally): a contour
    places most of those establishments, or another directory names their commune, and only
    the ~560 left are searched, when placed (:func:`_guess_commune`)."""
    with suppress(communes_ref.ReferenceMissing):
        communes_ref.reference()


def other_centre_km(
    lat: float, lon: float, departement: str, found: communes_ref.Commune
) -> float | None:
    """:meth:`graph.communes.CommuneIndex.other_centre_km` in the département of stored form
    '076' (as :func:`nearest_commune` looks)."""
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        return None
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    return index.other_centre_km(lat, lon, found, departement=cog)


def contained_commune(
    lat: float, lon: float, departement: str
) -> tuple[communes_ref.Commune, bool] | None:
    """The commune (or municipal arrondissement) of the département (stored form '035')
    whose contour holds the position, and whether the position is clear of its border
    (graph/commune_contours.py); None without the contours or the reference, or when no
    contour of the département holds it (a position at sea, or in another département)."""
    held = commune_contours.containing(lat, lon, departement)
    if held is None:
        return None
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        return None
    commune = _contour_commune(index, held.code)
    return None if commune is None else (commune, held.clear)


def lone_commune(lat: float, lon: float, departement: str) -> communes_ref.Commune | None:
    """The commune of the département (stored form '02A') whose contour is the only one
    within :data:`commune_contours.BORDER_KM` of the position, of any département (a city of
    municipal arrondissements not counted beside its parts): the border the position is near
    is the sea's, a lake's or the country's, no neighbour's (graph/commune_contours.py). None
    when another commune is as near, when none is, or without the contours or the reference."""
    near = commune_contours.nearby(lat, lon)
    if not near:
        return None
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        return None
    found = [_contour_commune(index, code) for code, _ in near]
    parents = {c.parent for c in found if c is not None and c.parent}
    kept = [c for c in found if c is None or c.code not in parents]
    if len(kept) != 1 or kept[0] is None:
        return None
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    return kept[0] if kept[0].departement == cog else None


def _contour_commune(index: communes_ref.CommuneIndex, code: str) -> communes_ref.Commune | None:
    """The commune (or municipal arrondissement) of a contour's code."""
    return index.communes.get(code) or next(
        (p for p in index.parts.get(code, ()) if p.kind == "arrondissement-municipal"), None
    )


def _code(commune: communes_ref.Commune | None) -> str | None:
    return None if commune is None else commune.code


def nearest_commune(lat: float, lon: float, departement: str) -> communes_ref.Commune | None:
    """The commune of an establishment that no file places in one (Parcoursup gives only a
    position): the commune of its département (stored form '076') whose centre is the nearest,
    within a few kilometres; None without the commune reference or when none is that close."""
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        return None
    cog = departement[1:] if len(departement) == 3 and departement.startswith("0") else departement
    found = index.nearest(lat, lon, departement=cog)
    return found[0] if found is not None else None


def unnamed_establishment(uai: str, deps: dict[str, DepartementRow]) -> str:
    """The honest name of an establishment no file names (:func:`unnamed.unnamed_name`)."""
    return unnamed.unnamed_name(uai, deps)


def _sites(
    establishments: dict[str, Establishment],
    communes: dict[str, CommuneRow],
    citations: dict[str, str],
) -> dict[str, Site]:
    """The communes of the imported establishments: GeoNames point, else the centre the
    commune reference gives (graph/communes.py, when it is installed), else the mean of the
    establishments' own coordinates there."""
    by_insee: dict[str, list[Establishment]] = defaultdict(list)
    for e in establishments.values():
        if e.insee:
            by_insee[e.insee].append(e)
    centres = reference_centres(
        {i for i in by_insee if (c := communes.get(i)) is None or c.lat is None}
    )
    out: dict[str, Site] = {}
    for insee, ests in sorted(by_insee.items()):
        c = communes.get(insee)
        first = ests[0]
        lat = lon = None
        how: str | None = None
        source = first.sources[0] if first.sources else ""
        ref = None
        if c is not None and c.lat is not None and c.lon is not None:
            lat, lon, how = c.lat, c.lon, "geonames"
            source = citations.get("communes_geonames.csv", "communes_geonames.csv")
        elif (ref := centres.get(insee)) is not None:
            lat, lon = ref.lat, ref.lon
            how = "reference-approximate" if ref.approximate else "reference"
            source = COMMUNE_REFERENCE
        else:
            own = [e for e in ests if e.coords == "establishment"]
            if own:
                lat = round(fmean(e.lat for e in own), 6)  # type: ignore[misc]
                lon = round(fmean(e.lon for e in own), 6)  # type: ignore[misc]
                how = "establishments"
        out[insee] = Site(
            insee=insee,
            name=(communes_ref.spelt_as_reference(insee, c.name) if c else None)
            or (ref.name if ref else None)
            or first.commune
            or insee,
            departement=(c.departement if c else None) or first.departement,
            region_code=(c.region_code if c else None) or first.region_code,
            lat=lat,
            lon=lon,
            coords=how,
            source=source,
        )
    return out


COMMUNE_REFERENCE = "référentiel des communes (INSEE COG, Annuaire de l'administration, IGN)"


def reference_centres(codes: set[str]) -> dict[str, communes_ref.Commune]:
    """The centres the commune reference gives for ``codes`` (a municipal arrondissement its
    own, a former code the current commune's); empty when the reference is not installed."""
    if not codes:
        return {}
    try:
        index = communes_ref.reference()
    except communes_ref.ReferenceMissing:
        return {}
    out: dict[str, communes_ref.Commune] = {}
    for code in codes:
        candidates = [
            index.communes.get(code),
            *index.parts.get(code, ()),  # a municipal arrondissement of Paris, Lyon, Marseille
            index.communes.get(index.former.get(code, "")),
        ]
        c = next((c for c in candidates if c is not None and c.lat is not None), None)
        if c is not None and c.lon is not None:
            out[code] = c
    return out


def _postbac(
    rows: list[postbac.ProgrammeRow],
    diplomas: dict[str, DiplomaRow],
    vfd: dict[str, DiplomaRow],
    activity_offers: ActivityOffers,
    data_closed_on: str | None,
) -> postbac.PostBac:
    """The Parcoursup programmes as offers: BTS mapped through the BTS files' labels, CPGE
    and DN MADE through the BCN's, the others keyed by their label (see :mod:`postbac`)."""
    bts_labels: dict[str, set[str]] = {}
    for key, cfd in activity_offers.bts_labels:
        if cfd in diplomas:
            bts_labels.setdefault(key, set()).add(cfd)
    open_bcn = {
        c: (d.level_code, d.name, d.nsf)
        for c, d in {**vfd, **diplomas}.items()
        if not closed_by(d, data_closed_on)
    }
    pb = postbac.build(rows, open_bcn, bts_labels, activity_offers.offered)
    # the FCILs of the BTS files, each its own programme by its label (offers.fcil_code), the
    # file's label (with its accents) rather than the extract's
    for code, label in (activity_offers.fcil or {}).items():
        pb.programmes[code] = postbac.classify(label)
    return pb


@dataclass
class _Named:
    """What names and rates a diploma of the graph: the BCN's rows and types, the readable
    labels of Certif Info and diplomesProfessionnels, the closure date."""

    diplomas: dict[str, DiplomaRow]
    levels: dict[str, LevelRow]
    certifications: dict[str, certif_info.Certification]
    pro: dict[str, professional.ProfessionalDiploma]
    closed_on: str | None

    def names(self) -> dict[str, tuple[int | None, tuple[str, ...]]]:
        """CFD -> (level, names) of the open diplomas (:func:`postbac.same_name_codes`)."""
        out = {}
        for c, d in self.diplomas.items():
            if closed_by(d, self.closed_on):
                continue
            lv = self.levels.get(d.level_code)
            level = d.rncp_level if d.rncp_level is not None else (lv.rncp_level if lv else None)
            texts = [d.name, postbac.type_named(d.level_code, d.name) or ""]
            if (cert := self.certifications.get(c)) is not None:
                texts.append(cert.label)
            if (p := self.pro.get(c)) is not None:
                texts.append(p.label)
            out[c] = (level, tuple(t for t in texts if t))
        return out


def _same_names(
    pb: postbac.PostBac, named: _Named, offered: set[tuple[str, str]]
) -> postbac.PostBac:
    """The Parcoursup programmes no code described that a diploma of the graph is, by its
    whole name and level, given its code (:func:`postbac.same_name_codes`; docs/import.md,
    « Programmes of the same name as a diploma »)."""
    type_levels = {c: lv.rncp_level for c, lv in named.levels.items()}
    levels = {
        c: p.level if p.level is not None else postbac.kind_level(p.kind, type_levels)
        for c, p in pb.programmes.items()
    }
    names = named.names()
    codes = postbac.same_name_codes(pb.programmes, levels, names)
    for code, cfd in postbac.state_diploma_codes(pb.programmes, names).items():
        codes.setdefault(code, cfd)
    return postbac.attach(pb, codes, offered)


def _postbac_notes(pb: postbac.PostBac, report: FileReport) -> None:
    labels = len(pb.how)
    by_how: dict[str, int] = {}
    for h in pb.how.values():
        by_how[h] = by_how.get(h, 0) + 1
    n = _fr_count
    report.notes.append(
        f"{n(labels)} intitulés de formation : {n(by_how.get('bts-files', 0))} reliés à un "
        f"code de la BCN par les fichiers BTS, {n(by_how.get('bcn-name', 0))} par les intitulés "
        f"de la BCN, {n(by_how.get('none', 0))} identifiés par leur intitulé ; "
        f"{n(len(pb.offers))} offres de formation ({n(pb.already_offered)} déjà données par un "
        "fichier d'activité)"
    )


def _place_at_commune_centres(
    establishments: dict[str, Establishment], sites: dict[str, Site]
) -> None:
    """An establishment with a commune but no point of its own, and whose commune GeoNames
    does not place, takes the commune's centre as its sites computed it (the mean of the
    establishments placed there)."""
    for e in establishments.values():
        if e.lat is not None or not e.insee:
            continue
        site = sites.get(e.insee)
        if site is not None and site.lat is not None and site.lon is not None:
            e.lat, e.lon, e.coords = site.lat, site.lon, "commune"


def _ended(
    lineage: list[tuple[str, str]],
    diplomas: dict[str, DiplomaRow],
    closed_on: str | None,
    entries: _Entries,
) -> set[str]:
    """The diplomas whose offers go on under their renovation: closed, or no longer entered
    (:func:`renewal.no_longer_entered`)."""
    from graph.ingest.opendata.renewal import no_longer_entered  # it reads this module's rows

    closed = {c for c, d in diplomas.items() if closed_by(d, closed_on)}
    successors: dict[str, list[str]] = {}
    for old, new in lineage:
        successors.setdefault(old, []).append(new)
    opening = {c: d.opening_date for c, d in diplomas.items()}
    return no_longer_entered(closed, successors, opening, entries[0], entries[1], closed_on)


def _renewed(offers: list[Offer], lineage: list[tuple[str, str]], ended: Set[str]) -> list[Offer]:
    """The offers of renovated diplomas, presumed from their predecessors' that are closed or
    no longer entered (``ended``, :func:`_ended`)."""
    from graph.ingest.opendata.renewal import renewed_offers  # it reads this module's rows

    successors: dict[str, list[str]] = {}
    for old, new in lineage:
        successors.setdefault(old, []).append(new)
    return renewed_offers(offers, successors, ended)


def _with_common_years(
    offers: list[Offer],
    lineage: list[tuple[str, str]],
    diplomas: dict[str, DiplomaRow],
    families: dict[str, professional.Family],
    ended: Set[str],
    bts_options: Mapping[str, Sequence[str]] | None = None,
) -> list[Offer]:
    """The Bac pros' offers carried on by their common 2nde's later offers, the BTS options'
    by their common first year's (``bts_options``, optionsBTS.csv: the BTS SIO options,
    listed in 2020 under their own codes, then by Parcoursup under the first year only)
    (renewal.py), and the entry after 3e of those whose figures are of the 1re pro
    (entry.py)."""
    from graph.ingest.opendata.entry import with_common_entries
    from graph.ingest.opendata.renewal import (
        bts_option_programmes,
        common_year_programmes,
        current_by_common_year,
    )

    closed = ended  # closed or no longer entered: their renovations carry their offers
    successors: dict[str, list[str]] = {}
    for old, new in lineage:
        successors.setdefault(old, []).append(new)
    begins = common_year_programmes(
        {c: (d.level_code, d.name) for c, d in diplomas.items()},
        {c: f.common_cfd for c, f in families.items()},
        successors,
        closed,
    )
    family_of = {f.common_cfd: f.famille for f in families.values() if f.common_cfd}
    with_common_entries(offers, begins, family_of)
    # the BTS common first years carry their options' offers too, and give them no entry
    # figures (a BTS is entered after the bac, never from a 2nde)
    options = bts_option_programmes(bts_options or {}, successors, closed)
    carried = {c: begins.get(c, set()) | options.get(c, set()) for c in {*begins, *options}}
    return current_by_common_year(offers, carried)


def _lineage(diplomas: dict[str, DiplomaRow], report: FileReport) -> list[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for d in diplomas.values():
        for old in d.predecessors:
            if old in diplomas:
                pairs.add((old, d.code))
            elif d.file == NFD_FILE:
                report.ignore_value(
                    "ANCIEN_DIPLOME_n names a code absent from the BCN files", d.line
                )
        for new in d.successors:
            if new in diplomas:
                pairs.add((d.code, new))
            elif d.file == NFD_FILE:
                report.ignore_value(
                    "NOUVEAU_DIPLOME_n names a code absent from the BCN files", d.line
                )
    return sorted((a, b) for a, b in pairs if a != b)


def _coverage(activity_uais: set[str], est: dict[str, Establishment]) -> Coverage:
    cv = Coverage(uais_in_activity=len(activity_uais), establishments=len(est))
    for e in est.values():
        source = e.described_by[0] if e.described_by else "UAI only"
        cv.named_by[source] = cv.named_by.get(source, 0) + 1
        how = e.coords or "unknown"
        cv.located_by[how] = cv.located_by.get(how, 0) + 1
    for uai in sorted(activity_uais):
        e = est[uai]
        if e.described:
            cv.described[e.described_by[0]] = cv.described.get(e.described_by[0], 0) + 1
        else:
            cv.unknown += 1
            if len(cv.unknown_examples) < 10:
                cv.unknown_examples.append(uai)
        how = {"establishment": "with their own coordinates", "commune": "at their commune"}.get(
            e.coords or "", "without coordinates"
        )
        cv.with_coordinates[how] = cv.with_coordinates.get(how, 0) + 1
    return cv
