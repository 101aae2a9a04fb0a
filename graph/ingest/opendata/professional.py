"""The professional diplomas' commissions and families of trades.

- ``diplomesProfessionnels.csv`` (UTF-8 BOM, ``;``): per vocational diploma (CAP, Bac pro, BP,
  BTS, MC…) its Commission professionnelle consultative (CPC), secteur, famille de métiers and
  a mixed-case label with accents. ``Code diplôme`` is written ``400-24202 V``: the CFD
  ``40024202`` and a check letter.
- ``familleMetiers.csv`` (UTF-8 BOM, ``;``): the familles de métiers of the 2nde pro: each
  speciality (``CFD_SPECIALITE``) with its family and the CFD of the common 2nde
  (``CFD_COMMUN``).
- ``optionsBTS.csv`` (UTF-8 BOM, ``;``): the BTS whose first year is common (``CFD_COMMUN``,
  « 1re année commune ») and their options (``CFD_SPECIALITE``), one row per option.

Pure parsing into plain records, used by the importer (diploma properties) and by the pathway
inference (a shared famille de métiers is evidence for a continuation).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.report import FileReport

__all__ = [
    "BTS_OPTIONS",
    "DIPLOMES_PRO",
    "FAMILLES",
    "Family",
    "ProfessionalDiploma",
    "parse_diplomes_professionnels",
    "official_names",
    "options_romes",
    "parse_bts_options",
    "parse_familles_metiers",
]

DIPLOMES_PRO_FILE = "diplomesProfessionnels.csv"
DIPLOMES_PRO = CsvSpec(
    "utf-8-sig",
    ";",
    (
        "Commission professionnelle consultative",
        "Secteur",
        "Code diplôme",
        "Diplôme",
        "Intitulé de la spécialité (et options)",
    ),
)
FAMILLES = CsvSpec("utf-8-sig", ";", ("FAMILLE", "CFD_COMMUN", "CFD_SPECIALITE"))
BTS_OPTIONS = CsvSpec("utf-8-sig", ";", ("CFD_COMMUN", "CFD_SPECIALITE"))
_CODE = re.compile(r"^([0-9A-Z]{3})-?([0-9A-Z]{5})\s*[A-Z]?$")
_CFD = re.compile(r"^[0-9A-Z]{8}$")
# the diploma abbreviations of the file, as a French reader writes them
_TYPE_LABEL = {"BAC PRO": "Bac pro", "MC": "Mention complémentaire"}


@dataclass(frozen=True)
class ProfessionalDiploma:
    cfd: str
    cpc: str
    secteur: str | None
    famille: str | None
    label: str  # ``Bac pro Artisanat et métiers d'art option tapissier d'ameublement``
    rncp: str | None
    line: int


@dataclass(frozen=True)
class Family:
    cfd: str  # the speciality
    famille: str
    common_cfd: str | None  # the common 2nde
    line: int


def cfd_of(value: str) -> str | None:
    """``400-24202 V`` -> ``40024202``; anything else -> None."""
    m = _CODE.match(value.strip().upper())
    return m.group(1) + m.group(2) if m else None


def parse_diplomes_professionnels(path: Path, report: FileReport) -> dict[str, ProfessionalDiploma]:
    t = read_table(path, DIPLOMES_PRO)
    c_cpc, c_sect, c_code, c_dip, c_spec = (t.col(n) for n in DIPLOMES_PRO.required)
    c_fam, c_rncp = t.opt("Famille de métiers"), t.opt("Code RNCP")
    out: dict[str, ProfessionalDiploma] = {}
    for line, row in t.rows:
        report.rows_read += 1
        cfd = cfd_of(row[c_code])
        if cfd is None:
            report.skip("Code diplôme is not a CFD (e.g. 400-24202 V)", line)
            continue
        spec = " ".join(row[c_spec].split())
        dip = row[c_dip].strip()
        if cfd in out:
            report.skip("CFD already listed (kept its first row)", line)
            continue
        rncp = row[c_rncp].strip() if c_rncp is not None else ""
        out[cfd] = ProfessionalDiploma(
            cfd=cfd,
            cpc=row[c_cpc].strip(),
            secteur=row[c_sect].strip() or None,
            famille=(row[c_fam].strip() or None) if c_fam is not None else None,
            label=" ".join(x for x in (_TYPE_LABEL.get(dip, dip), spec) if x),
            rncp=rncp if rncp.isdigit() else None,
            line=line,
        )
        report.rows_used += 1
    return out


def parse_familles_metiers(path: Path, report: FileReport) -> dict[str, Family]:
    """Speciality CFD -> its famille de métiers and common 2nde; each famille by its official
    name where diplomesProfessionnels.csv, beside it, gives one (:func:`official_names`)."""
    out = _familles(path, report)
    pro_path = path.parent / DIPLOMES_PRO_FILE
    if pro_path.is_file():
        names = {
            c: d.famille
            for c, d in parse_diplomes_professionnels(
                pro_path, FileReport(pro_path.name, "")
            ).items()
            if d.famille
        }
        out = official_names(out, names)
    return out


def official_names(families: dict[str, Family], named: dict[str, str]) -> dict[str, Family]:
    """``families`` with each famille named as the ministry's list of professional diplomas
    (``named``: speciality CFD -> famille, diplomesProfessionnels.csv) names it for most of
    its specialities it lists. familleMetiers.csv (a third party's table) writes two familles
    otherwise than the ministry and the BCN: « Métiers du numérique et des transitions
    énergétiques » for the famille the BCN's 2nde commune 40020008 and the ministry's list call
    « Métiers des transitions numérique et énergétique »; one page showed both names.

    >>> f = {"40025520": Family("40025520", "Métiers du numérique et des transitions "
    ...      "énergétiques", "40020008", 2)}
    >>> official_names(f, {"40025520": "Métiers des transitions numérique et énergétique"}
    ...                )["40025520"].famille
    'Métiers des transitions numérique et énergétique'
    """
    votes: dict[str, Counter[str]] = {}
    for cfd, f in families.items():
        if (name := named.get(cfd)) is not None:
            votes.setdefault(f.famille, Counter())[name] += 1
    renamed: dict[str, str] = {}
    for famille, counts in votes.items():
        (name, n), *_ = counts.most_common(1)
        if name != famille and 2 * n > sum(counts.values()):
            renamed[famille] = name
    if not renamed:
        return families
    return {
        c: replace(f, famille=renamed[f.famille]) if f.famille in renamed else f
        for c, f in families.items()
    }


def _familles(path: Path, report: FileReport) -> dict[str, Family]:
    t = read_table(path, FAMILLES)
    c_fam, c_common, c_spec = (t.col(n) for n in FAMILLES.required)
    out: dict[str, Family] = {}
    for line, row in t.rows:
        report.rows_read += 1
        cfd = code(row[c_spec], 8)
        if not _CFD.match(cfd) or not row[c_fam].strip():
            report.skip("no speciality CFD or no family", line)
            continue
        if cfd in out:
            report.skip("speciality already listed (kept its first row)", line)
            continue
        common = code(row[c_common], 8)
        out[cfd] = Family(cfd, row[c_fam].strip(), common if _CFD.match(common) else None, line)
        report.rows_used += 1
    return out


def parse_bts_options(path: Path, report: FileReport) -> dict[str, tuple[str, ...]]:
    """Common first year CFD -> its options' CFDs, in the file's order (optionsBTS.csv)."""
    t = read_table(path, BTS_OPTIONS)
    c_common, c_spec = (t.col(n) for n in BTS_OPTIONS.required)
    out: dict[str, list[str]] = {}
    for line, row in t.rows:
        report.rows_read += 1
        common, option = code(row[c_common], 8), code(row[c_spec], 8)
        if not (_CFD.match(common) and _CFD.match(option)) or common == option:
            report.skip("no common year CFD or no option CFD", line)
            continue
        options = out.setdefault(common, [])
        if option in options:
            report.skip("option already listed for this common year (kept its first row)", line)
            continue
        options.append(option)
        report.rows_used += 1
    return {c: tuple(o) for c, o in out.items()}


def options_romes(
    options: dict[str, tuple[str, ...]], romes: dict[str, tuple[str, ...]]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The jobs a common first year leads to through its options, where the files say it:
    common year -> (the union of its options' ROME codes, in the options' order; the options
    that give them). Only a common year with no ROME code of its own (Certif Info describes the
    options, not the « 1re année commune » codes) and at least one option with some; ``romes``:
    CFD -> its own ROME codes.

    >>> options_romes({"C": ("A", "B", "X")}, {"A": ("M1801", "M1810"), "B": ("M1805", "M1801")})
    {'C': (('M1801', 'M1810', 'M1805'), ('A', 'B'))}
    >>> options_romes({"C": ("A",)}, {"C": ("G1602",), "A": ("G1601",)})
    {}
    """
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for common, opts in options.items():
        if romes.get(common):
            continue
        giving = tuple(o for o in opts if romes.get(o))
        if giving:
            union = tuple(dict.fromkeys(r for o in giving for r in romes[o]))
            out[common] = (union, giving)
    return out
