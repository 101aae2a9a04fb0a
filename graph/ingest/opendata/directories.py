"""Establishment directories and the territory tables.

- ``fr-en-annuaire-education.csv`` (UTF-8 BOM, ``;``): the Annuaire de l'éducation.
- ``CFASousConvRegionale_latest-UAI.csv`` (Latin-1, ``;``): CFA under regional convention; no
  coordinates (its ``commune`` is joined to the GeoNames table).
- ``fr-esr-principaux-etablissements-enseignement-superieur.csv`` (UTF-8, ``;``): MESR.
- ``fr-esr-parcoursup_extrait.csv`` (UTF-8, **comma** with quotes): one row per Parcoursup
  programme; gives a name, a status and GPS for each UAI; exact duplicate rows are frequent.
- ``communes_geonames.csv`` (UTF-8, ``;``): commune coordinates (GeoNames, CC BY 4.0).
- ``departements_academies_regions.csv`` (UTF-8 BOM, ``;``): département -> région, académie.

Each directory parser returns ``{uai: EstablishmentRow}``. Rows outside ``--departements`` are
counted as filtered; the Annuaire's schools and collèges are left out unless an activity file
names them (``wanted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from graph.ingest.opendata.cfa_names import marked_cut, whole_words
from graph.ingest.opendata.csvfile import CsvSpec, code, read_table
from graph.ingest.opendata.postbac import ProgrammeRow
from graph.ingest.opendata.report import FileReport
from graph.ingest.opendata.rows import (
    CommuneRow,
    DepartementRow,
    EstablishmentRow,
    columns,
    reject_abroad,
    validate,
)
from graph.ingest.opendata.values import (
    coordinate,
    departement_of_uai,
    flag,
    iso_date,
    lat_lon,
    opt,
    stored_departement,
    uai_in_france,
    words,
)
from graph.ingest.opendata.vocab import IN_SCOPE_TYPES, NATURE_KIND, annuaire_kind, esr_kind
from graph.ingest.opendata.vocab import higher_education_kind as he_kind
from graph.models import ActorKind

Keep = Callable[[str], bool]  # UAI -> inside the requested départements?

ANNUAIRE = CsvSpec(
    "utf-8-sig",
    ";",
    (
        "Identifiant_de_l_etablissement",
        "Nom_etablissement",
        "Type_etablissement",
        "Statut_public_prive",
        "Code_commune",
        "Nom_commune",
        "Code_departement",
        "latitude",
        "longitude",
        "code_nature",
    ),
)
CFA = CsvSpec(
    "latin-1",
    ";",
    (
        "numero_uai",
        "nature_uai",
        "secteur_public_prive",
        "commune",
        "commune_libe",
        "patronyme_uai",
    ),
)
ESR = CsvSpec(
    "utf-8-sig", ";", ("uai", "uo_lib", "type_d_etablissement", "coordonnees", "com_code")
)
PARCOURSUP = CsvSpec(
    "utf-8-sig", ",", ("Code UAI de l etablissement", "etablissement", "Filiere de formation")
)
COMMUNES = CsvSpec(
    "utf-8-sig", ";", ("code_commune", "nom_commune", "code_departement", "latitude", "longitude")
)
DEPARTEMENTS = CsvSpec(
    "utf-8-sig",
    ";",
    ("codeDepartement", "libelleDepartement", "codeRegion", "libelleRegion", "codeAcademie"),
)

columns(
    EstablishmentRow,
    {
        "uai": "UAI column",
        "insee": "commune code column",
        "lat": "latitude",
        "lon": "longitude",
        "siret": "SIRET column",
        "parent_uai": "etablissement_mere",
    },
)
columns(CommuneRow, {"insee": "code_commune", "lat": "latitude", "lon": "longitude"})
columns(DepartementRow, {"code": "codeDepartement", "region_code": "codeRegion"})

_FLAGS = (
    ("Voie_professionnelle", "voie_professionnelle"),
    ("Apprentissage", "apprentissage"),
    ("Post_BAC", "post_bac"),
    ("GRETA", "greta"),
    ("Lycee_des_metiers", "lycee_des_metiers"),
    ("Lycee_Agricole", "lycee_agricole"),
)


def _public(value: str) -> bool | None:
    v = value.strip().lower()
    if v.startswith(("public", "pu")):
        return True
    if v.startswith(("priv", "pr")):
        return False
    return None


def abroad(insee: str) -> bool:
    """INSEE codes 99xxx are foreign countries (code officiel géographique), not communes."""
    return insee.startswith("99")


def _siret(value: str) -> str | None:
    v = code(value).replace(" ", "")
    return v if v.isdigit() and len(v) in (9, 14) else None


def _first(
    out: dict[str, EstablishmentRow],
    est: EstablishmentRow | None,
    report: FileReport,
    line: int,
) -> None:
    if est is None:  # rejected (recorded in the report)
        return
    prev = out.get(est.uai)
    if prev is not None:
        report.skip("UAI already described by this file (kept its first row)", line)
        return
    out[est.uai] = est
    report.rows_used += 1


def parse_annuaire(
    path: Path, report: FileReport, keep: Keep, wanted: set[str]
) -> dict[str, EstablishmentRow]:
    t = read_table(path, ANNUAIRE)
    ix = {n: t.col(n) for n in ANNUAIRE.required}
    c_nature_label, c_region, c_siret, c_web, c_mere, c_open = (
        t.opt("libelle_nature"),
        t.opt("Code_region"),
        t.opt("SIREN_SIRET"),
        t.opt("Web"),
        t.opt("etablissement_mere"),
        t.opt("date_ouverture"),
    )
    flag_cols = [(t.opt(col), key) for col, key in _FLAGS]
    scope_flags = [
        c
        for c in (t.opt("Apprentissage"), t.opt("Post_BAC"), t.opt("Voie_professionnelle"))
        if c is not None
    ]
    c_uai, c_type, c_nature = (
        ix["Identifiant_de_l_etablissement"],
        ix["Type_etablissement"],
        ix["code_nature"],
    )
    out: dict[str, EstablishmentRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        uai = code(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        type_label = row[c_type].strip()
        nature = opt(code(row[c_nature], 3))
        in_scope = (
            type_label in IN_SCOPE_TYPES
            or nature in NATURE_KIND
            or any(row[c].strip() == "1" for c in scope_flags)
            or uai in wanted
        )
        if not in_scope:
            report.skip(
                "out of scope (school, collège, service) and named by no activity file", line
            )
            continue
        flags = tuple(k for c, k in flag_cols if c is not None and flag(row[c]))
        lat = coordinate(row[ix["latitude"]], path, line, "latitude")
        lon = coordinate(row[ix["longitude"]], path, line, "longitude")
        if (lat is None) != (lon is None):
            lat = lon = None
        insee = opt(code(row[ix["Code_commune"]], 5))
        if insee and abroad(insee):
            reject_abroad(report, path, line, "Code_commune", insee)
            continue
        data = {
            "line": line,
            "file": path.name,
            "uai": uai,
            "name": words(row[ix["Nom_etablissement"]]) or "",
            "kind": annuaire_kind(nature, type_label, "lycee_agricole" in flags),
            "nature_code": nature,
            "nature_label": opt(row[c_nature_label]) if c_nature_label is not None else None,
            "establishment_type": type_label or None,
            "public": _public(row[ix["Statut_public_prive"]]),
            "insee": insee,
            "commune": words(row[ix["Nom_commune"]]),
            "departement": stored_departement(row[ix["Code_departement"]]),
            "region_code": opt(code(row[c_region], 2)) if c_region is not None else None,
            "lat": lat,
            "lon": lon,
            "siret": _siret(row[c_siret]) if c_siret is not None else None,
            "url": opt(row[c_web]) if c_web is not None else None,
            "parent_uai": opt(code(row[c_mere])) if c_mere is not None else None,
            "opening_date": iso_date(row[c_open], path, line, "date_ouverture")
            if c_open is not None
            else None,
            "flags": flags,
        }
        _first(out, validate(EstablishmentRow, data, path, line, report=report), report, line)
    return out


def parse_cfa(path: Path, report: FileReport, keep: Keep) -> dict[str, EstablishmentRow]:
    t = read_table(path, CFA)
    ix = {n: t.col(n) for n in CFA.required}
    c_denom, c_siret, c_open, c_close = (
        t.opt("denomination_principale"),
        t.opt("numero_siren_siret_uai"),
        t.opt("date_ouverture"),
        t.opt("date_fermeture"),
    )
    out: dict[str, EstablishmentRow] = {}
    rows = list(t.rows)
    # the words the file writes whole, in its names and communes: a name filling its column
    # whose last word is one of them is not marked cut (cfa_names.marked_cut)
    named = [ix["patronyme_uai"], ix["commune_libe"], *([c_denom] if c_denom is not None else [])]
    whole = whole_words(row[c] for _, row in rows for c in named)
    for line, row in rows:
        report.rows_read += 1
        uai = code(row[ix["numero_uai"]])
        if not keep(uai):
            report.filtered += 1
            continue
        if c_close is not None and row[c_close].strip():
            report.skip("closed (date_fermeture set)", line)
            continue
        insee = opt(code(row[ix["commune"]], 5))
        if insee and abroad(insee):
            reject_abroad(report, path, line, "commune", insee)
            continue
        nature = opt(code(row[ix["nature_uai"]], 3))
        # a value filling its column may be cut there: marked « … » (cfa_names.marked_cut)
        patronyme = marked_cut(row[ix["patronyme_uai"]], whole=whole)
        denom = (
            marked_cut(row[c_denom], denomination=True, whole=whole) if c_denom is not None else ""
        )
        name = cfa_name(denom, patronyme)
        data = {
            "line": line,
            "file": path.name,
            "uai": uai,
            "name": name,
            "kind": NATURE_KIND.get(nature or "", ActorKind.CFA),
            "nature_code": nature,
            "nature_label": "CENTRE DE FORMATION D'APPRENTIS" if nature == "600" else None,
            "establishment_type": "CFA",
            "public": _public(row[ix["secteur_public_prive"]]),
            "insee": insee,
            "commune": words(row[ix["commune_libe"]]),
            "departement": departement_of_uai(uai),
            "siret": _siret(row[c_siret]) if c_siret is not None else None,
            "opening_date": iso_date(row[c_open], path, line, "date_ouverture")
            if c_open is not None
            else None,
        }
        _first(out, validate(EstablishmentRow, data, path, line, report=report), report, line)
    return out


def parse_esr(path: Path, report: FileReport, keep: Keep) -> dict[str, EstablishmentRow]:
    t = read_table(path, ESR)
    ix = {n: t.col(n) for n in ESR.required}
    c_country = t.opt("pays_etranger_acheminement")
    c_sigle, c_secteur, c_com_nom, c_dep, c_reg, c_siret, c_url, c_close = (
        t.opt("sigle"),
        t.opt("secteur_d_etablissement"),
        t.opt("com_nom"),
        t.opt("dep_id"),
        t.opt("reg_id"),
        t.opt("siret"),
        t.opt("url"),
        t.opt("date_fermeture"),
    )
    out: dict[str, EstablishmentRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        uai = code(row[ix["uai"]])
        if not uai:
            report.skip("no UAI", line)
            continue
        if not keep(uai):
            report.filtered += 1
            continue
        if c_close is not None and row[c_close].strip():
            report.skip("closed (date_fermeture set)", line)
            continue
        if c_country is not None and row[c_country].strip().casefold() not in ("", "france"):
            reject_abroad(report, path, line, "pays_etranger_acheminement", row[c_country].strip())
            continue
        ll = lat_lon(row[ix["coordonnees"]], path, line, "coordonnees")
        name = words(row[ix["uo_lib"]]) or ""
        sigle = row[c_sigle].strip() if c_sigle is not None else ""
        dep = row[c_dep].strip() if c_dep is not None else ""
        reg = row[c_reg].strip() if c_reg is not None else ""
        data = {
            "line": line,
            "file": path.name,
            "uai": uai,
            "name": name,
            "kind": esr_kind(name, sigle, row[ix["type_d_etablissement"]]),
            "establishment_type": opt(row[ix["type_d_etablissement"]]),
            "public": _public(row[c_secteur]) if c_secteur is not None else None,
            "insee": opt(code(row[ix["com_code"]], 5)),
            "commune": words(row[c_com_nom]) if c_com_nom is not None else None,
            "departement": (
                code(dep[1:], 3) if dep.startswith("D") else opt(dep) or departement_of_uai(uai)
            ),
            "region_code": code(reg[1:], 2) if reg.startswith("R") else None,
            "lat": ll[0] if ll else None,
            "lon": ll[1] if ll else None,
            "siret": _siret(row[c_siret]) if c_siret is not None else None,
            "url": opt(row[c_url]) if c_url is not None else None,
        }
        _first(out, validate(EstablishmentRow, data, path, line, report=report), report, line)
    return out


# Parcoursup writes its establishment names without accents ("Lycee Marcel Sembat"): the
# common words of those names, and a few place and first names that are never written
# otherwise, get theirs back. Other words are left as the file gives them.
_ACCENTED = {
    w.casefold().translate(str.maketrans("éèêëàâîïôöûüçÉÈÊÀÂÎÔÛÇ", "eeeeaaiioouucEEEAAIOUC")): w
    for w in [
        "Lycée",
        "Lycées",
        "École",
        "Écoles",
        "Université",
        "Universités",
        "Métiers",
        "Métier",
        "Cité",
        "Pôle",
        "Supérieure",
        "Supérieur",
        "Supérieures",
        "Privé",
        "Privée",
        "Faculté",
        "Facultés",
        "Établissement",
        "Régional",
        "Régionale",
        "Général",
        "Générale",
        "Générales",
        "Études",
        "Ingénieurs",
        "Ingénieur",
        "Santé",
        "Côte",
        "Réunion",
        "Orléans",
        "Créteil",
        "Étienne",
        "François",
        "Jaurès",
        "Panthéon",
    ]
}
_WORD = re.compile(r"[A-Za-z]+")


def accented_name(name: str) -> str:
    """``"Lycee polyvalent  Metiers"`` -> ``"Lycée polyvalent Métiers"`` (the case kept; runs of
    spaces, frequent in the Parcoursup extract, made one)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        good = _ACCENTED.get(word.casefold())
        if good is None:
            return word
        if word.isupper() and len(word) > 1:
            return good.upper()
        return good if word[0].isupper() else good[0].lower() + good[1:]

    return " ".join(_WORD.sub(fix, name).split())


def parse_parcoursup(
    path: Path,
    report: FileReport,
    keep: Keep,
    programmes: list[ProgrammeRow] | None = None,
) -> dict[str, EstablishmentRow]:
    """The establishments of the extract; its programmes (one per row, with the programme's
    GPS) are appended to ``programmes`` when given."""
    t = read_table(path, PARCOURSUP)
    c_label = t.col("Filiere de formation")
    c_uai, c_name = t.col("Code UAI de l etablissement"), t.col("etablissement")
    c_status = next((i for h, i in t.index.items() if h.startswith("Statut de l")), None)
    c_gps = next((i for h, i in t.index.items() if h.startswith("Coordonn")), None)
    out: dict[str, EstablishmentRow] = {}
    seen: set[tuple[str, ...]] = set()
    positions: dict[str, tuple[float, float] | None] = {}
    for line, row in t.rows:
        report.rows_read += 1
        key = tuple(row)
        if key in seen:
            report.skip("exact duplicate row", line)
            continue
        seen.add(key)
        uai = code(row[c_uai])
        if not keep(uai):
            report.filtered += 1
            continue
        if uai[:7].isdigit() and not uai_in_france(uai):  # a well-formed UAI of a campus abroad
            reject_abroad(report, path, line, "Code UAI de l etablissement", uai)
            continue
        ll: tuple[float, float] | None = None
        if c_gps:  # the programmes of a campus often share its position: each text read once
            gps = row[c_gps]
            if gps in positions:
                ll = positions[gps]
            else:  # a text that is no position raises here, at its first line
                ll = positions[gps] = lat_lon(gps, path, line, "Coordonnées GPS de la formation")
        if uai in out:  # one row per programme: the establishment is already known
            report.rows_used += 1
            _programme(programmes, line, uai, row[c_label], ll)
            continue
        name = words(row[c_name]) or ""
        data = {
            "line": line,
            "file": path.name,
            "uai": uai,
            "name": accented_name(name),
            "kind": he_kind(name),
            "public": _public(row[c_status]) if c_status is not None else None,
            "departement": departement_of_uai(uai),
            "lat": ll[0] if ll else None,
            "lon": ll[1] if ll else None,
        }
        est = validate(EstablishmentRow, data, path, line, report=report)
        if est is not None:
            out[uai] = est
            report.rows_used += 1
            _programme(programmes, line, uai, row[c_label], ll)
    return out


def _programme(
    programmes: list[ProgrammeRow] | None,
    line: int,
    uai: str,
    label: str,
    ll: tuple[float, float] | None,
) -> None:
    if programmes is not None and label.strip():
        lat, lon = ll if ll else (None, None)
        programmes.append(ProgrammeRow(line, uai, label.strip(), lat, lon))


def parse_communes(
    path: Path, report: FileReport, wanted: set[str] | None = None
) -> dict[str, CommuneRow]:
    """INSEE code -> commune (only the codes in ``wanted``, if given)."""
    t = read_table(path, COMMUNES)
    ix = {n: t.col(n) for n in COMMUNES.required}
    c_insee = ix["code_commune"]
    c_reg, c_method = t.opt("code_region"), t.opt("methode")
    out: dict[str, CommuneRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        insee = code(row[c_insee], 5)
        if wanted is not None and insee not in wanted:
            report.leave_out("commune of no imported establishment", line)
            continue
        if insee in out:
            report.skip("commune already listed (kept its first row)", line)
            continue
        if abroad(insee):
            reject_abroad(report, path, line, "code_commune", insee)
            continue
        data = {
            "line": line,
            "insee": insee,
            "name": words(row[ix["nom_commune"]]) or "",
            "departement": stored_departement(row[ix["code_departement"]]),
            "region_code": opt(code(row[c_reg], 2)) if c_reg is not None else None,
            "lat": coordinate(row[ix["latitude"]], path, line, "latitude"),
            "lon": coordinate(row[ix["longitude"]], path, line, "longitude"),
            "method": opt(row[c_method]) if c_method is not None else None,
        }
        commune = validate(CommuneRow, data, path, line, report=report)
        if commune is not None:
            out[insee] = commune
            report.rows_used += 1
    return out


def parse_departements(path: Path, report: FileReport) -> dict[str, DepartementRow]:
    t = read_table(path, DEPARTEMENTS)
    ix = {n: t.col(n) for n in DEPARTEMENTS.required}
    c_aca = t.opt("libelleAcademie")
    out: dict[str, DepartementRow] = {}
    for line, row in t.rows:
        report.rows_read += 1
        dep = code(row[ix["codeDepartement"]], 3)
        if not dep:
            report.skip("no département code (région-level row)", line)
            continue
        data = {
            "line": line,
            "code": dep,
            "name": row[ix["libelleDepartement"]].strip(),
            "region_code": code(row[ix["codeRegion"]], 2),
            "region": row[ix["libelleRegion"]].strip(),
            "academie_code": opt(code(row[ix["codeAcademie"]])),
            "academie": opt(row[c_aca]) if c_aca is not None else None,
        }
        d = validate(DepartementRow, data, path, line)
        if d.code in out:
            report.skip("département already listed (kept its first row)", line)
            continue
        out[d.code] = d
        report.rows_used += 1
    return out


def cfa_name(denomination: str, patronyme: str) -> str:
    """The CFA list's name: its « dénomination principale » then its « patronyme », once when
    they say the same (3 rows of the national file: « CFAI LORRAINE-API CFAI LORRAINE-API »
    was shown).

    >>> cfa_name("CFAI LORRAINE-API", "CFAI LORRAINE-API")
    'CFAI LORRAINE-API'
    >>> cfa_name("CTR DE FORMATION D APPRENTIS", "ANDRE MARTELLO")
    'CTR DE FORMATION D APPRENTIS ANDRE MARTELLO'
    >>> cfa_name("", "FORMASUP"), cfa_name("FORMASUP AUVERGNE", "")
    ('FORMASUP', 'FORMASUP AUVERGNE')
    """
    if not (denomination and patronyme):
        return patronyme or denomination
    if denomination.casefold() == patronyme.casefold():
        return denomination
    return f"{denomination} {patronyme}".strip()
