"""Cell parsers shared by the file parsers: dates, integers, coordinates, flags.

A cell that cannot be read raises :class:`SeedError` with file, line and column: a value of the
wrong shape means the file is not what the importer expects, and the import stops.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from graph.errors import SeedError

_DMY = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_INT = re.compile(r"^-?\d+(\.0+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def opt(value: str) -> str | None:
    v = value.strip()
    return v or None


def words(value: str) -> str | None:
    """A name as people read it: runs of spaces made one (the national files write
    « Lyon 8e  Arrondissement », « LYCEE  PROFESSIONNEL »), '' -> None.

    >>> words("  Lyon 8e  Arrondissement "), words(" ")
    ('Lyon 8e Arrondissement', None)
    """
    return " ".join(value.split()) or None


# text -> ISO date of every date read so far: the BCN's ~20 000 dates are a few thousand
# distinct ones (a dict read instead of a match and a date per cell)
_ISO_DATES: dict[str, str] = {}


def iso_date(value: str, path: Path, line: int, column: str) -> str | None:
    """``dd/mm/yyyy`` (BCN), ``yyyy-mm-dd`` or a spreadsheet day number -> ISO, '' -> None."""
    got = _ISO_DATES.get(value)
    if got is not None:
        return got
    v = value.strip()
    if not v:
        return None
    try:
        if m := _DMY.match(v):
            got = date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        elif m := _YMD.match(v):
            got = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        elif v.isdigit() and 10_000 <= int(v) <= 80_000:  # CFA list: spreadsheet serial days
            got = (_EXCEL_EPOCH + timedelta(days=int(v))).isoformat()
    except ValueError:
        pass
    if got is None:
        raise SeedError(path, f"line {line}", column, f"not a date: {v!r}")
    if len(_ISO_DATES) < 100_000:
        _ISO_DATES[value] = got
    return got


def integer(value: str, path: Path, line: int, column: str) -> int | None:
    """``24``, ``24.0`` -> 24; '' -> None; anything else stops the import."""
    v = value.strip()
    if v.isdigit():
        return int(v)
    v = v.replace("\u202f", "").replace("\xa0", "")
    if not v:
        return None
    if not _INT.match(v):
        raise SeedError(path, f"line {line}", column, f"not an integer: {v!r}")
    n = int(v.split(".")[0])
    if n < 0:
        raise SeedError(path, f"line {line}", column, f"negative count: {v!r}")
    return n


def number(value: str, path: Path, line: int, column: str) -> float | None:
    """A decimal with a point or a comma; '' -> None."""
    v = value.strip().replace(",", ".")
    if not v:
        return None
    try:
        return float(v)
    except ValueError:
        raise SeedError(path, f"line {line}", column, f"not a number: {v!r}") from None


# Decimals kept of a coordinate (1e-7 degree: about 1 cm). The files give up to 17
# significant digits (43.451353484686464); FalkorDB answers a double with 15 (43.4513534846865)
# and Neo4j with all of them, so the same import read back differently on the two engines.
COORD_DECIMALS = 7


def coordinate(value: str, path: Path, line: int, column: str) -> float | None:
    """A latitude or longitude (:func:`number`), rounded to :data:`COORD_DECIMALS`.

    >>> coordinate("43.451353484686464", Path("f.csv"), 2, "latitude")
    43.4513535
    """
    v = number(value, path, line, column)
    return None if v is None else round(v, COORD_DECIMALS)


def lat_lon(value: str, path: Path, line: int, column: str) -> tuple[float, float] | None:
    """``"43.6004,1.3819"`` or ``"44.61, 2.01"`` -> (lat, lon), rounded as :func:`coordinate`;
    '' -> None."""
    v = value.strip()
    if not v:
        return None
    parts = [p.strip() for p in v.split(",")]
    if len(parts) != 2:
        raise SeedError(path, f"line {line}", column, f"not a 'lat, lon' pair: {v!r}")
    try:
        return round(float(parts[0]), COORD_DECIMALS), round(float(parts[1]), COORD_DECIMALS)
    except ValueError:
        raise SeedError(path, f"line {line}", column, f"not a 'lat, lon' pair: {v!r}") from None


def flag(value: str) -> bool | None:
    v = value.strip().upper()
    if v in ("1", "O", "OUI", "TRUE", "VRAI"):
        return True
    if v in ("0", "N", "NON", "FALSE", "FAUX"):
        return False
    return None


def rncp_level(value: str) -> int | None:
    """``'05'`` -> 5; ``'00'``, ``'99'``, ``'XX'`` and levels outside 3-8 -> None."""
    v = value.strip()
    if v.isdigit() and 3 <= int(v) <= 8:
        return int(v)
    return None


def uai_in_france(uai: str) -> bool:
    """Whether a UAI's first three characters name a French département or overseas territory
    (``001``–``095``, ``620``/``720`` for Corsica, ``97x``/``98x`` overseas). Establishments
    abroad carry other prefixes (``112`` Budapest, ``132`` London, ``350``…)."""
    head = uai[:3]
    if not head.isdigit():
        return False
    n = int(head)
    return 1 <= n <= 95 or n in (620, 720) or 970 <= n <= 989


_UAI_CORSICA = {"620": "02A", "720": "02B"}
# The UAIs of French Polynesia's establishments start with 984, the code the commune reference
# gives the Terres australes et antarctiques françaises (no school there). The national files:
# the 17 of the 34 « 984 » UAIs that Parcoursup places lie in Tahiti and Raiatea, and the
# higher-education directory files 9840349G (Université de la Polynésie française) in the
# commune 98738 Punaauia, « D987 ». The commune reference has no centre in Polynesia, so no
# commune is found from their position: without this they stayed under 984, « Terres
# australes ».
_UAI_COLLECTIVITY = {"984": "987"}


def departement_of_uai(uai: str) -> str:
    """``0460010L`` -> ``046``; ``9710001X`` -> ``971``; the UAIs of Corsica start with the
    département's old numbers: ``6200002K`` -> ``02A``, ``7200009X`` -> ``02B``; those of
    French Polynesia with 984: ``9840002E`` -> ``987``.

    >>> departement_of_uai("9840002E"), departement_of_uai("9870001M")
    ('987', '987')
    """
    head = uai[:3]
    return _UAI_CORSICA.get(head) or _UAI_COLLECTIVITY.get(head, head)


def stored_departement(value: str) -> str | None:
    """A file's département column in the graph's stored form (three characters): the
    annuaire's and the derived commune file's ``620``/``720`` are Corsica's ``02A``/``02B`` (the
    API writes them ``2A``/``2B``: graph.departements.insee_departement); a two-character code
    is padded; None for an empty cell.

    >>> [stored_departement(v) for v in ("035", "35", "620", "720", "2A", "971", "")]
    ['035', '035', '02A', '02B', '02A', '971', None]
    """
    v = value.strip().upper()
    if not v:
        return None
    v = v.zfill(3) if v.isdigit() else v
    if len(v) == 2:
        v = "0" + v
    return _UAI_CORSICA.get(v, v)


def departement_of_commune(insee: str | None, departement: str) -> str:
    """The département or collectivity an establishment is filed under, once its commune is
    known: the commune's own INSEE code when it lies overseas. The UAIs of a collectivity
    carry its académie's or another prefix (Saint-Martin's lycées ``971``, New Caledonia
    ``983``; Polynesia's ``984`` is read as ``987`` already, :func:`departement_of_uai`);
    the commune's code is the one the rest of the product uses.

    >>> departement_of_commune("97801", "971"), departement_of_commune("98818", "983")
    ('978', '988')
    >>> departement_of_commune("97411", "974"), departement_of_commune("46102", "046")
    ('974', '046')
    >>> departement_of_commune(None, "984")
    '984'
    """
    if insee is not None and insee[:2] in ("97", "98") and len(insee) == 5:
        return insee[:3]
    return departement
