"""Evidence for inferred continuations, read from the public nomenclature files.

- ``certif_info.csv`` (Certif Info, UTF-8, ``;``): per ``Code_Scolarité`` (the CFD) up to five
  ROME codes and a Formacode;
- ``diplomesProfessionnels.csv`` (UTF-8 BOM, ``;``): per ``Code diplôme`` (``400-22106 T`` →
  CFD 40022106) the CPC and the secteur;
- ``familleMetiers.csv`` (UTF-8 BOM, ``;``): the famille de métiers of a Bac pro;
- ``optionsBTS.csv`` (UTF-8 BOM, ``;``): BTS common first year (``CFD_COMMUN``) → options;
- ``nFormationDiplome_.csv`` (cp1252, ``;``): the BCN lineage, ``ANCIEN_DIPLOME_n`` /
  ``NOUVEAU_DIPLOME_n``.

Certif Info does not know the newest codes nor the "1ère année commune" codes, so evidence is
**inherited**: a common first year gets the union of its options' evidence and an option
without evidence gets its common year's; a code without evidence gets its predecessor's or
successor's in the BCN lineage. Every file is optional: a missing file gives no evidence of its
kind, and the inference falls back on the NSF group (docs/inferred-passerelles.md).

The first three files are read by the importer's parsers (:mod:`graph.ingest.opendata.certif_info`,
:mod:`graph.ingest.opendata.professional`); importing them as diploma properties is the
importer's job.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from graph.inference.evidence import Evidence
from graph.ingest.opendata.certif_info import Row, read_certifications
from graph.ingest.opendata.professional import parse_diplomes_professionnels, parse_familles_metiers
from graph.ingest.opendata.report import FileReport

__all__ = [
    "common_secondes",
    "inherit",
    "load_evidence",
    "present_files",
    "read_links",
    "read_own_evidence",
]

_CFD = re.compile(r"^[0-9A-Z]{8}$")
_FORMACODE = re.compile(r"^\d{5}$")
_T = TypeVar("_T")


def _cfd(value: str | None) -> str | None:
    v = (value or "").strip().upper()
    return v if _CFD.match(v) else None


def _parsed(directory: Path, name: str, parse: Callable[[Path, FileReport], _T]) -> _T | None:
    """A file parsed by the importer's own parser (its report is the importer's business, not
    the evidence's), or None where the directory does not hold it."""
    path = directory / name
    return parse(path, FileReport(name, "continuation evidence")) if path.is_file() else None


def read_own_evidence(
    directory: Path, certif_rows: Iterable[Row] | None = None
) -> dict[str, Evidence]:
    """Each code's own evidence (no inheritance): every Certif Info row of a CFD counts, even
    where rows of different labels make the import leave the CFD's properties out.
    ``certif_rows``: Certif Info read already (:func:`certif_info.read_rows`)."""
    rome: dict[str, set[str]] = defaultdict(set)
    forma: dict[str, set[str]] = defaultdict(set)
    for cert in (
        _parsed(
            directory,
            "certif_info.csv",
            lambda p, r: list(read_certifications(p, r, rows=certif_rows)),
        )
        or []
    ):
        rome[cert.cfd].update(cert.romes)
        forma[cert.cfd].update(f for f in cert.formacodes if _FORMACODE.match(f))
    cpc: dict[str, str] = {}
    secteur: dict[str, str] = {}
    pro = _parsed(directory, "diplomesProfessionnels.csv", parse_diplomes_professionnels) or {}
    for code, d in pro.items():
        if d.cpc:
            cpc[code] = d.cpc.removeprefix("CPC ").strip()
        if d.secteur and (s := re.sub(r"^Secteur\s*", "", d.secteur)):
            secteur[code] = s
    family: dict[str, str] = {}
    for f in (_parsed(directory, "familleMetiers.csv", parse_familles_metiers) or {}).values():
        family.setdefault(f.cfd, f.famille)
        if f.common_cfd:
            family.setdefault(f.common_cfd, f.famille)
    codes = set(rome) | set(forma) | set(cpc) | set(secteur) | set(family)
    return {
        c: Evidence(
            rome=frozenset(rome.get(c, ())),
            formacode=frozenset(forma.get(c, ())),
            cpc=cpc.get(c),
            secteur=secteur.get(c),
            family=family.get(c),
        )
        for c in codes
    }


def _columns(
    path: Path, names: tuple[str, ...], encoding: str = "utf-8-sig"
) -> Iterator[list[str | None]]:
    """The ``names`` columns of each row, as ``csv.DictReader`` would give them (None for a
    column the header lacks or a row too short for it; a header naming a column twice: its
    last one), without a dict per row (nFormationDiplome_ has 52 columns)."""
    if not path.is_file():
        return
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        header = next(reader, None)
        if header is None:
            return
        where = {name: i for i, name in enumerate(header)}
        wanted = [where.get(name) for name in names]
        for row in reader:
            if not row:  # csv.DictReader skips empty lines
                continue
            width = len(row)
            yield [row[i] if i is not None and i < width else None for i in wanted]


_LINEAGE_COLUMNS = (
    "FORMATION_DIPLOME",
    *(f"ANCIEN_DIPLOME_{i}" for i in range(1, 8)),
    *(f"NOUVEAU_DIPLOME_{i}" for i in range(1, 8)),
)


def read_links(directory: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(options: common first year → its options, lineage: code → older and newer codes)."""
    options: dict[str, set[str]] = defaultdict(set)
    for common_value, option_value in _columns(
        directory / "optionsBTS.csv", ("CFD_COMMUN", "CFD_SPECIALITE")
    ):
        common, option = _cfd(common_value), _cfd(option_value)
        if common and option:
            options[common].add(option)
    lineage: dict[str, set[str]] = defaultdict(set)
    for values in _columns(directory / "nFormationDiplome_.csv", _LINEAGE_COLUMNS, "cp1252"):
        code = _cfd(values[0])
        if not code:
            continue
        for value in values[1:]:
            other = _cfd(value) if value else None  # most lineage cells are empty
            if other and other != code:
                lineage[code].add(other)
                lineage[other].add(code)
    return dict(options), dict(lineage)


def inherit(
    own: dict[str, Evidence], options: dict[str, set[str]], lineage: dict[str, set[str]]
) -> dict[str, Evidence]:
    """Evidence completed through options and lineage (see the module docstring)."""
    out = dict(own)
    for common, opts in options.items():
        ev = out.get(common, Evidence())
        for o in sorted(opts):
            if o in own and not own[o].empty:
                ev = ev.merged(own[o], f"option {o}")
        if not ev.empty:
            out[common] = ev
        for o in opts:
            if (o not in out or out[o].empty) and not ev.empty:
                out[o] = Evidence().merged(ev, f"1re année commune {common}")
    for _ in range(3):  # renovations chain: old -> new -> newer
        changed = False
        for code, others in lineage.items():
            if code in out and out[code].rome:
                # the former commission (P_SECTEUR) of a diploma renovated since the 2019
                # reform is its predecessor's: the Bac pro MELEC 40025520 has none of its own
                if not out[code].secteur:
                    former = sorted(
                        {s for o in others if (s := (out.get(o) or Evidence()).secteur)}
                    )
                    if len(former) == 1:
                        out[code] = replace(out[code], secteur=former[0])
                        changed = True
                continue
            for other in sorted(others):
                src = out.get(other)
                if src is not None and src.rome:
                    base = out.get(code, Evidence())
                    out[code] = base.merged(src, f"diplôme apparenté {other}")
                    changed = True
                    break
        if not changed:
            break
    return out


def load_evidence(directory: Path, certif_rows: Iterable[Row] | None = None) -> dict[str, Evidence]:
    """code → evidence, own and inherited; empty if the directory has none of the files.
    ``certif_rows``: Certif Info read already (:func:`certif_info.read_rows`)."""
    own = read_own_evidence(directory, certif_rows)
    if not own:
        return {}
    options, lineage = read_links(directory)
    return inherit(own, options, lineage)


EVIDENCE_FILES = (
    "certif_info.csv",
    "diplomesProfessionnels.csv",
    "familleMetiers.csv",
    "optionsBTS.csv",
)


def present_files(directory: Path) -> list[str]:
    """The evidence files the directory holds (cited in the inferred passerelles' source)."""
    return [name for name in EVIDENCE_FILES if (directory / name).is_file()]


def common_secondes(directory: Path) -> set[str]:
    """Codes of common 2ndes (``CFD_COMMUN`` of familleMetiers): a course year of a famille de
    métiers, not a diploma one continues into after a CAP."""
    families = _parsed(directory, "familleMetiers.csv", parse_familles_metiers) or {}
    return {f.common_cfd for f in families.values() if f.common_cfd is not None}
