"""Every French commune: find one by name or postcode, resolve a code or a name to a place.

The reference is a data file built at install time from two registry packages
(``tools/communes/build.py``, docs/communes.md): ~37 600 entries, the ~34 900 current communes
plus their communes déléguées / associées and the municipal arrondissements of Paris, Lyon and
Marseille, and ~4 200 former codes of merged communes. It is read once per process, on first
use (~0.3 s), and searched in memory: nothing here touches the graph database.

Search ignores accents, case, hyphens, apostrophes and "Saint"/"St" ("st cere" finds
Saint-Céré) and accepts a prefix; results are ranked by how well the name matches, then by
population. :func:`resolve` turns what a user typed (an INSEE code, a former code, a postcode,
a name, "Name (dept)") into one place, or raises :class:`CommuneAmbiguous` with the candidates.
"""

from __future__ import annotations

import bisect
import gzip
import heapq
import json
import logging
import math
import os
import re
import threading
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from graph.departements import DEPARTEMENTS, de_place, departement_number
from graph.errors import GraphError, InvalidRequest
from graph.geo import EARTH_RADIUS_KM, haversine_km, lon_gap, lon_reach
from graph.text import normalise

DATA_FILE = (
    Path(__file__).resolve().parent.parent / "tools" / "communes" / "dist" / "communes.json.gz"
)
ENV_FILE = "CMQ_COMMUNES_FILE"  # another reference file (tests, packaged installs)
log = logging.getLogger("cmq.communes")

KIND_NAMES = {
    "COM": "commune",
    "COMD": "commune-deleguee",
    "COMA": "commune-associee",
    "ARM": "arrondissement-municipal",
}
APPROXIMATE_CENTRES = frozenset({"commune-parente", "arrondissement", "departement", ""})
# A name shared by several communes resolves to the most populous one only when it is at
# least this many times larger than the next: "Valence" is the Drôme's, "Saint-Denis" is asked.
DOMINANCE = 10
# a commune this populous, one letter away from a name typed, is listed among the communes it
# may mean (« Mez » listed ten small Mèze, Mézin…, never Metz)
CLOSE_SPELLED_POPULATION = 20_000

# nearest(): a commune's centre this close at most (the 3 x 3 cells searched cover it: 0.1°
# is 11 km of latitude, 7 km of longitude at 51° N)
NEAREST_KM = 7.0
GRID_DEG = 0.1
_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # of latitude, on the sphere distances use
_LAT_MARGIN_KM = 1e-6  # rounding of the two computations: skip only what is surely further

INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$", re.IGNORECASE)
# A commune named by its INSEE code only, as the web writes a commune chosen from the list
# (« insee:63113 »): never read as a postcode, so no note that the code is also another
# town's postcode (63113 is Picherande's); a bare code typed by hand keeps that note.
EXPLICIT_INSEE = re.compile(r"^\s*insee\s*:\s*(\d{5}|2[AB]\d{3})\s*$", re.IGNORECASE)
POSTCODE = re.compile(r"^\d{5}$")
POSTCODE_PREFIX = re.compile(r"^\d{2,4}$")
WITH_DEPT = re.compile(r"^(.*?)\s*\(\s*(\d{1,3}|2[AB])\s*\)\s*$", re.IGNORECASE)
# « Laval (Mayenne, 53000) », « Laval (Mayenne) »: a label of Commune.display
_LABEL = re.compile(r"^(.*?)\s*\(\s*([^(),\d]+?)\s*(?:,\s*(\d{5}|2[AB]\d{3}))?\s*\)\s*$", re.I)
_SEPARATORS = re.compile(r"[\s\-'’‘`´.,/_]+")
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}
# A name no commune has gets the communes of a close spelling (CommuneIndex.near): a text of
# four letters at least, at 80 % of rapidfuzz's ratio (« tolouse »/« toulouse » 93, « rodes »/
# « rodez » 80; « abc »/« macon » 50), three at most.
NEAR_MIN_LETTERS = 4
NEAR_MIN_SCORE = 80
NEAR_LIMIT = 3


class CommuneError(InvalidRequest):
    """What a user typed as a place names no commune, or several (a 422 for the API)."""

    code = "commune_error"
    field: str | None = None  # the request parameter that named it, set by the caller

    def __init__(self, query: str, message: str) -> None:
        self.query = query
        self.message = message
        super().__init__(message)


class CommuneNotFound(CommuneError):
    code = "commune_inconnue"

    def __init__(self, query: str, near: list[Commune] | None = None) -> None:
        dept = departement_named(query)
        # « seine-saint-denis » is a département, not a misspelt Selles-Saint-Denis
        self.near = [] if dept else near or []
        hint = (
            f" Vouliez-vous dire {' ou '.join(c.display for c in self.near)} ?" if self.near else ""
        )
        message = (
            f"{DEPARTEMENTS[dept][0]} est un département ({departement_number(dept)}) : "
            "choisissez-le comme territoire, ou saisissez le nom d'une de ses communes."
            if dept
            else f"Aucune commune ne correspond à « {query} » : saisissez un nom de commune, "
            f"un code postal ou un code INSEE.{hint}"
        )
        super().__init__(query, message)


def departement_named(text: str) -> str | None:
    """The stored code of the département ``text`` names (accents, case, hyphens ignored),
    else None.

    >>> departement_named("seine saint denis"), departement_named("Lot"), departement_named("x")
    ('093', '046', None)
    """
    return _DEPARTEMENT_KEYS.get(search_key(text))


class CommuneCodeUnknown(CommuneError):
    """An INSEE code that is neither a current commune, a part of one nor a former code."""

    code = "commune_inconnue"

    def __init__(self, code: str) -> None:
        super().__init__(code, f"Aucune commune n'a le code INSEE « {code} ».")


class CommuneAmbiguous(CommuneError):
    code = "commune_ambigue"

    def __init__(
        self, query: str, candidates: list[Commune], pool: list[Commune] | None = None
    ) -> None:
        self.candidates = candidates
        self.pool = pool if pool is not None else candidates  # every commune the text names
        listed = " ; ".join(c.display for c in candidates)
        first = candidates[0]
        hint = (
            f"Précisez le nom de la commune, par exemple « {first.name} »."
            if POSTCODE.match(query)
            else "Précisez le code postal, le code INSEE ou le département, par exemple "
            f"« {first.name} ({first.departement}) »."
        )
        super().__init__(query, f"« {query} » désigne plusieurs communes : {listed}. {hint}")


class CommuneUnplaced(CommuneError):
    code = "commune_sans_coordonnees"

    def __init__(self, query: str, commune: Commune) -> None:
        self.commune = commune
        super().__init__(
            query,
            f"La position de {commune.display} n'est pas connue : indiquez une commune voisine "
            "ou des coordonnées « latitude,longitude ».",
        )


class Commune(NamedTuple):
    """One entry of the reference: a current commune or a part of one (``parent`` set).

    A named tuple, not a frozen dataclass: the same immutable value, built ~4 times faster
    (the ~37 600 entries of the reference cost 0.07 s as dataclasses, 0.02 s as tuples: the
    import loads the reference in every run)."""

    code: str
    name: str
    kind: str  # KIND_NAMES values
    parent: str | None  # the current commune's code, for a commune déléguée/associée or ARM
    postcodes: tuple[str, ...]
    departement: str
    departement_name: str
    region: str
    region_name: str
    population: int | None
    lat: float | None
    lon: float | None
    centre: str  # how the centre was found: mairie, contour, commune-parente, arrondissement…

    @property
    def approximate(self) -> bool:
        """True when the centre is the parent commune's, the arrondissement's or the
        département's (or unknown), not the commune's own."""
        return self.centre in APPROXIMATE_CENTRES

    @property
    def display(self) -> str:
        """French label telling homonyms apart, as people write a town: its département and
        its postcode, ``Saint-Denis (Seine-Saint-Denis, 93200)`` (tester26: « Laval (Mayenne,
        53130) », the INSEE code, read as a postcode: Laval's is 53000); the département alone
        when the reference gives no postcode or several (Marseille's first, 13001, is also
        Aix-en-Provence's INSEE code)."""
        if len(self.postcodes) == 1:
            return f"{self.name} ({self.departement_name}, {self.postcodes[0]})"
        return f"{self.name} ({self.departement_name})"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a place parameter named: ``place`` gives the position (a commune déléguée keeps its
    own), ``commune`` the current commune it belongs to; ``note`` says, in French, how a former
    or partial code was read (None when the input named the current commune itself)."""

    place: Commune
    commune: Commune
    note: str | None = None
    former: bool = False  # read as the code of a merged (former) commune
    # the code names other communes too (an INSEE code that is another town's postcode):
    # ``note`` says which one was read, for the answer to say it
    ambiguous: bool = False


def search_key(text: str) -> str:
    """The form names are compared in: accents, case, hyphens and apostrophes folded, "Saint"
    written "st" (``"Saint-Céré"`` and ``"st cere"`` -> ``"st cere"``)."""
    words = _SEPARATORS.sub(" ", normalise(text)).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


_DEPARTEMENT_KEYS = {search_key(name): code for code, (name, _) in DEPARTEMENTS.items()}


def _rank(c: Commune) -> tuple[int, int, str]:
    """Current communes before their parts, then the most populous, then by code."""
    return (0 if c.parent is None else 1, -(c.population or 0), c.code)


@dataclass(frozen=True, slots=True)
class Prefecture:
    """The chef-lieu of a département (its préfecture), and whether it is also its région's."""

    commune: Commune
    departement: str  # the département it is the préfecture of
    regional: bool  # also the chef-lieu of the département's région


# a centre in nearest()'s grid: the commune, its latitude and longitude, the latitude in
# radians and its cosine
_Centre = tuple[Commune, float, float, float, float]

NEAR_MEMO = 4096  # places whose département is remembered (a dict read is ~0.1 µs, a scan ~8 ms)
# departement_at(): the communes by cell of NEAR_DEG x NEAR_DEG degrees (a power of two: a
# centre's cell is exact), looked at ring by ring around the point's; past NEAR_RINGS rings
# (6°: a point far from every centre) every commune is looked at, as before the grid (7.6 ms
# of CPU per place; 0.14 ms by the cells, about 1 200 of them)
NEAR_DEG = 0.25
NEAR_RINGS = 24


REGIONS_KEPT = 64  # France has 18 régions: room for unknown codes asked, bounded


@dataclass
class CommuneIndex:
    """The reference in memory, with the maps searches and resolutions read."""

    communes: dict[str, Commune]  # current communes by INSEE code
    parts: dict[str, list[Commune]]  # communes déléguées / associées, ARM, by their own code
    former: dict[str, str]  # former code -> current code
    meta: dict[str, Any] = field(default_factory=dict)
    # chefs-lieux by INSEE code: {"departements": {dept: insee}, "regions": {region: insee}}
    chefs_lieux: dict[str, dict[str, str]] = field(default_factory=dict)
    _keys: list[str] = field(default_factory=list, repr=False)
    _entries: list[Commune] = field(default_factory=list, repr=False)
    _by_postcode: dict[str, list[Commune]] = field(default_factory=dict, repr=False)
    # a postcode of one municipal arrondissement (75011 -> Paris 11e): the place it means,
    # rather than the whole city whose postcodes list it too
    _arrondissement_of_postcode: dict[str, Commune] = field(default_factory=dict, repr=False)
    _inner_keys: list[str] = field(default_factory=list, repr=False)
    _inner_entries: list[Commune] = field(default_factory=list, repr=False)
    # nearest()'s centres by grid cell, and by (département, cell): each built when first asked
    # (the import asks by département only)
    _grid: dict[Any, list[_Centre]] | None = field(default=None, repr=False)
    _dep_grid: dict[Any, list[_Centre]] | None = field(default=None, repr=False)
    _searchable: bool = field(default=False, repr=False)
    _near: dict[tuple[float, float], str | None] = field(default_factory=dict, repr=False)
    # name (as written) -> the départements with a commune or a part of one of that name
    _name_departements: dict[str, set[str]] | None = field(default=None, repr=False)
    # departement_at()'s communes with a centre by NEAR_DEG cell, in the order of ``communes``
    _near_cells: dict[tuple[int, int], tuple[Commune, ...]] | None = field(default=None, repr=False)
    # the municipal arrondissements departements_within reads besides those cells
    _exact_arrondissements: tuple[Commune, ...] | None = field(default=None, repr=False)
    # region_departements's answers by région code (at most REGIONS_KEPT)
    _region_departements: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    # departements_within's answers by circle (lat, lon, km)
    _within: dict[tuple[float, float, float], frozenset[str]] = field(
        default_factory=dict, repr=False
    )
    # km_to_departements's centres by département (COG code), built when first asked
    _dep_centres: dict[str, tuple[tuple[float, float], ...]] | None = field(
        default=None, repr=False
    )
    # département names (search_key) -> COG code: a label « Laval (Mayenne, 53000) » read back
    _dep_of_name: dict[str, str] | None = field(default=None, repr=False)

    def warm(self) -> None:
        """Build the search maps now (names, words, postcodes: most of the ~0.4 s a reference
        takes to load). They are built on the first search or resolution otherwise, so that a
        reader of codes only (the open-data import's commune centres) never pays for them."""
        if not self._searchable:
            with _search_lock:
                if not self._searchable:
                    self._build_search()
                    self._searchable = True
        self._near_grid()
        self._arrondissements()

    def _build_search(self) -> None:
        named: list[tuple[str, Commune]] = []
        by_postcode: dict[str, list[Commune]] = defaultdict(list)
        for c in self.communes.values():
            named.append((search_key(c.name), c))
            for pc in c.postcodes:
                by_postcode[pc].append(c)
        for parts in self.parts.values():
            for p in parts:
                parent = self.communes.get(p.parent or "")
                # a commune déléguée that repeats its parent's name adds nothing to a search
                if parent is not None and search_key(p.name) == search_key(parent.name):
                    continue
                named.append((search_key(p.name), p))
        named.sort(key=lambda kc: (kc[0], _rank(kc[1])))
        self._keys = [k for k, _ in named]
        self._entries = [c for _, c in named]
        # every name again from each of its later words ("le havre" -> "havre"), so that a
        # word inside a name is found by the same bisection as a name's start
        inner = [
            (" ".join(words[i:]), c)
            for k, c in named
            for words in (k.split(),)
            for i in range(1, len(words))
        ]
        inner.sort(key=lambda kc: (kc[0], _rank(kc[1])))
        self._inner_keys = [k for k, _ in inner]
        self._inner_entries = [c for _, c in inner]
        self._by_postcode = {k: sorted(v, key=_rank) for k, v in by_postcode.items()}
        arrondissements: dict[str, list[Commune]] = defaultdict(list)
        for parts in self.parts.values():
            for p in parts:
                if p.kind == "arrondissement-municipal":
                    for pc in p.postcodes:
                        arrondissements[pc].append(p)
        self._arrondissement_of_postcode = {
            pc: ps[0] for pc, ps in arrondissements.items() if len(ps) == 1
        }

    def __len__(self) -> int:
        return len(self.communes)

    def nearest(
        self, lat: float, lon: float, *, departement: str | None = None, max_km: float = NEAREST_KM
    ) -> tuple[Commune, float] | None:
        """The current commune (or municipal arrondissement) whose centre (its town hall,
        mostly) is the nearest to a point, within ``max_km``, of ``departement`` only (COG
        code) if given, with the distance; None when none is that close. The commune a point
        lies in is most often this one, not always (the reference keeps centres, not
        contours): callers say it was found so."""
        grid: dict[Any, list[_Centre]] | None = (
            self._grid if departement is None else self._dep_grid
        )
        if grid is None:
            grid = self._build_grid(by_departement=departement is not None)
        ci, cj = _cell(lat, lon)
        best: Commune | None = None
        best_km = 0.0
        bound = max_km + _LAT_MARGIN_KM
        # haversine_km(lat, lon, c.lat, c.lon) inline, with each centre's radians and cosine
        # computed once (the same operations in the same order: the same distances)
        p1 = math.radians(lat)
        cos1 = math.cos(p1)
        radians, sin, asin, sqrt = math.radians, math.sin, math.asin, math.sqrt
        for i in range(ci - 1, ci + 2):
            for j in range(cj - 1, cj + 2):
                centres = grid.get((i, j) if departement is None else (departement, i, j), ())
                for c, c_lat, c_lon, p2, cos2 in centres:
                    # the distance is at least the latitudes' difference: a centre further
                    # north or south than the bound is not computed (same answer, ties kept)
                    if abs(c_lat - lat) * _KM_PER_DEGREE > bound:
                        continue
                    dp = p2 - p1
                    dl = radians(c_lon - lon)
                    a = sin(dp / 2) ** 2 + cos1 * cos2 * sin(dl / 2) ** 2
                    km = 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))
                    if km <= max_km and (best is None or km < best_km):
                        best, best_km = c, km
                        bound = km + _LAT_MARGIN_KM
        return (best, best_km) if best is not None else None

    def other_centre_km(
        self, lat: float, lon: float, found: Commune, *, departement: str | None = None
    ) -> float | None:
        """The distance from a point to the nearest centre of another commune than ``found``
        (nor its parent, nor its municipal arrondissements: Paris's centre is its 4e's), of
        ``departement`` only if given, among those :meth:`nearest` looks at; None when there
        is none: how clearly the nearest commune is the point's own
        (graph/place_precision.py, :func:`commune_from_position`)."""
        same = {found.code, found.parent}
        grid: dict[Any, list[_Centre]] | None = (
            self._grid if departement is None else self._dep_grid
        )
        if grid is None:
            grid = self._build_grid(by_departement=departement is not None)
        ci, cj = _cell(lat, lon)
        best: float | None = None
        bound = math.inf
        # haversine_km inline, as in nearest() (the same distances); a centre further north or
        # south than the best so far is not computed (its distance is at least that)
        p1 = math.radians(lat)
        cos1 = math.cos(p1)
        radians, sin, asin, sqrt = math.radians, math.sin, math.asin, math.sqrt
        code = found.code
        for i in range(ci - 1, ci + 2):
            for j in range(cj - 1, cj + 2):
                for c, c_lat, c_lon, p2, cos2 in grid.get(
                    (i, j) if departement is None else (departement, i, j), ()
                ):
                    if abs(c_lat - lat) * _KM_PER_DEGREE > bound:
                        continue
                    if c.code not in same and c.parent != code:
                        dp = p2 - p1
                        dl = radians(c_lon - lon)
                        a = sin(dp / 2) ** 2 + cos1 * cos2 * sin(dl / 2) ** 2
                        km = 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))
                        if best is None or km < best:
                            best = km
                            bound = km + _LAT_MARGIN_KM
        return best

    def _build_grid(self, by_departement: bool) -> dict[Any, list[_Centre]]:
        grid: dict[Any, list[_Centre]] = defaultdict(list)
        # the municipal arrondissements of Paris, Lyon and Marseille have their own town
        # hall: a point in the 9e is nearer to it than to Marseille's
        arrondissements = (
            p for ps in self.parts.values() for p in ps if p.kind == "arrondissement-municipal"
        )
        for c in (*self.communes.values(), *arrondissements):
            if c.lat is not None and c.lon is not None and c.centre not in APPROXIMATE_CENTRES:
                p2 = math.radians(c.lat)
                i, j = _cell(c.lat, c.lon)
                key = (c.departement, i, j) if by_departement else (i, j)
                grid[key].append((c, c.lat, c.lon, p2, math.cos(p2)))
        if by_departement:
            self._dep_grid = dict(grid)
            return self._dep_grid
        self._grid = dict(grid)
        return self._grid

    def prefectures(self, departements: Iterable[str] | None = None) -> list[Prefecture]:
        """The préfecture of each département (of ``departements`` only, if given), with a
        known centre, régional chefs-lieux first, then by département code. Empty when the
        reference was built without the chefs-lieux."""
        regional = set(self.chefs_lieux.get("regions", {}).values())
        wanted = set(departements) if departements is not None else None
        out = []
        for dep, code in sorted(self.chefs_lieux.get("departements", {}).items()):
            c = self.communes.get(code)
            if c is None or c.lat is None or c.lon is None:
                continue
            if wanted is not None and dep not in wanted:
                continue
            out.append(Prefecture(commune=c, departement=dep, regional=code in regional))
        return sorted(out, key=lambda p: (not p.regional, p.departement))

    # --- where a place is -----------------------------------------------------------------

    def departement_at(self, lat: float, lon: float) -> str | None:
        """The département of the commune whose centre is nearest to a point given by its
        coordinates (a learner's home typed as « lat,lon »); None for an empty reference.
        Near a border it may be the neighbour's: it says where a learner most likely is, not
        an address."""
        key = (round(lat, 3), round(lon, 3))  # ~100 m: the same home asks once
        if key in self._near:
            return self._near[key]
        k = math.cos(math.radians(lat))
        found = self._nearest_by_cells(lat, lon, k)
        if found is None:  # far from every centre, or two at the same distance: every one
            found = _nearest_of(self.communes.values(), lat, lon, k)
        if len(self._near) >= NEAR_MEMO:
            self._near.clear()
        self._near[key] = found[1] if found else None
        return self._near[key]

    def _near_grid(self) -> dict[tuple[int, int], tuple[Commune, ...]]:
        """:meth:`departement_at`'s cells, built once (~37 600 communes: a few hundred KB)."""
        cells = self._near_cells
        if cells is None:
            grid: dict[tuple[int, int], list[Commune]] = defaultdict(list)
            for c in self.communes.values():
                if c.lat is not None and c.lon is not None:
                    grid[_near_cell(c.lat, c.lon)].append(c)
            cells = self._near_cells = {k: tuple(v) for k, v in grid.items()}
        return cells

    def _nearest_by_cells(self, lat: float, lon: float, k: float) -> tuple[float, str] | None:
        """What :func:`_nearest_of` gives for every commune, from the cells around the point:
        ring after ring until no commune of a further ring can be as near (each lies more than
        ``ring x NEAR_DEG`` degrees away in latitude or longitude). None when it cannot say:
        no commune within ``NEAR_RINGS`` rings, or two at the nearest distance (the first of
        ``communes`` wins, which the cells do not know)."""
        cells = self._near_grid()
        ci, cj = _near_cell(lat, lon)
        best: tuple[float, str] | None = None
        tied = False
        for r in range(NEAR_RINGS + 1):
            for i in range(ci - r, ci + r + 1):
                step = 1 if abs(i - ci) == r else 2 * r  # the ring only: its rows' two ends
                for j in range(cj - r, cj + r + 1, max(step, 1)):
                    for c in cells.get((i, j), ()):
                        d = (c.lat - lat) ** 2 + ((c.lon - lon) * k) ** 2  # type: ignore[operator]
                        if best is None or d < best[0]:
                            best, tied = (d, c.departement), False
                        elif d == best[0]:
                            tied = True
            # the next ring's communes are further than (r x NEAR_DEG x k)² (k <= 1): a margin
            # for the rounding of the distances
            if best is not None and best[0] < (r * NEAR_DEG * k) ** 2 * (1 - 1e-9):
                return None if tied else best
        return None

    def departements_within(self, lat: float, lon: float, km: float) -> frozenset[str]:
        """The départements (COG codes, « 93 », « 2A ») of the communes whose centre lies
        within ``km`` of a point: those a circle reaches into, as far as the reference's
        centres tell (a département whose communes all lie just outside is not said). The
        centres are those of :meth:`nearest` (the communes and municipal arrondissements with
        an exact centre), read from :meth:`departement_at`'s cells, which the start-up builds
        (:meth:`warm`): the cells the circle's bounding box covers only, once per circle (a
        radius is asked again with each answer: ~1-3 ms for 40-60 km, then a dict read).
        :meth:`nearest`'s own grid was built by the first radius asked: 35 000 entries, tens of
        ms of a first answer and of the garbage collector's passes after it
        (docs/performance.md, branch httpp95c)."""
        key = (lat, lon, km)
        if (known := self._within.get(key)) is not None:
            return known
        cells = self._near_grid()
        dlat = km / _KM_PER_DEGREE + NEAR_DEG
        dlon = dlat / max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat))))
        (i0, j0), (i1, j1) = _near_cell(lat - dlat, lon - dlon), _near_cell(lat + dlat, lon + dlon)
        found: set[str] = set()
        # the box's cells hold communes farther north, south, east or west than the circle
        # reaches: no distance for them (the bounds of graph.territory.Territory.contains)
        span = math.degrees((km + 1e-9) / EARTH_RADIUS_KM)
        reach = lon_reach(lat, km)
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                for c in cells.get((i, j), ()):
                    if (
                        c.departement not in found
                        and c.centre not in APPROXIMATE_CENTRES
                        and abs(c.lat - lat) <= span  # type: ignore[operator]
                        and lon_gap(c.lon, lon) <= reach  # type: ignore[arg-type]
                        and haversine_km(lat, lon, c.lat, c.lon) <= km  # type: ignore[arg-type]
                    ):
                        found.add(c.departement)
        for c in self._arrondissements():  # not among the cells' communes
            if c.departement not in found and haversine_km(lat, lon, c.lat, c.lon) <= km:  # type: ignore[arg-type]
                found.add(c.departement)
        if len(self._within) >= NEAR_MEMO:
            self._within.clear()
        self._within[key] = frozenset(found)
        return self._within[key]

    def km_to_departements(
        self, lat: float, lon: float, departements: Iterable[str]
    ) -> float | None:
        """The distance from a point to the nearest commune centre (a town hall, mostly) of
        ``departements`` (COG codes, « 59 », « 2A »): how far a place lies from a territory of
        départements, to a commune's radius (the reference has centres, not contours); 0 is
        never said of a point outside. None when none of them has a known centre.

        >>> lille = Commune("59350", "Lille", "commune", None, (), "59", "Nord", "32",
        ...                 "Hauts-de-France", None, 50.63, 3.06, "mairie")
        >>> idx = CommuneIndex(communes={"59350": lille}, parts={}, former={})
        >>> round(idx.km_to_departements(43.30, 5.37, ["59"]))
        835
        >>> idx.km_to_departements(43.30, 5.37, ["13"]) is None
        True
        """
        centres = self._dep_centres
        if centres is None:
            by_dep: dict[str, list[tuple[float, float]]] = defaultdict(list)
            for c in self.communes.values():
                if c.lat is not None and c.lon is not None and c.centre not in APPROXIMATE_CENTRES:
                    by_dep[c.departement].append((c.lat, c.lon))
            centres = self._dep_centres = {d: tuple(v) for d, v in by_dep.items()}
        best: float | None = None
        for dep in set(departements):
            for c_lat, c_lon in centres.get(dep, ()):
                km = haversine_km(lat, lon, c_lat, c_lon)
                if best is None or km < best:
                    best = km
        return best

    def _arrondissements(self) -> tuple[Commune, ...]:
        """The municipal arrondissements of Paris, Lyon and Marseille with an exact centre
        (their town hall): centres of :meth:`nearest` that :meth:`departement_at`'s cells do not
        hold (45)."""
        got = self._exact_arrondissements
        if got is None:
            got = self._exact_arrondissements = tuple(
                p
                for ps in self.parts.values()
                for p in ps
                if p.kind == "arrondissement-municipal"
                and p.lat is not None
                and p.lon is not None
                and p.centre not in APPROXIMATE_CENTRES
            )
        return got

    def region_departements(self, region: str) -> frozenset[str]:
        """The départements (as their communes give them) of a région code (worked out once
        per région: a walk of the ~35 000 communes, ~0.2 ms, was paid by every request of a
        région)."""
        got = self._region_departements.get(region)
        if got is None:
            got = frozenset(c.departement for c in self.communes.values() if c.region == region)
            if len(self._region_departements) < REGIONS_KEPT:  # any code may be asked
                self._region_departements[region] = got
        return got

    # --- search -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 10) -> list[Commune]:
        """Communes whose name starts with ``query`` (exact names first, unless a longer one
        is DOMINANCE times more populous; then the most populous), or whose postcode or INSEE
        code starts with it, or, when few names start with it, whose name has a word starting
        with it ("havre" -> Le Havre)."""
        q = query.strip()
        if not q or limit < 1:
            return []
        self.warm()
        if INSEE_CODE.match(q) or POSTCODE_PREFIX.match(q):
            return self._search_code(q.upper(), limit)
        name, dept = _split_dept(q)
        key = search_key(name)
        if not key:
            return []
        ok = (lambda c: c.departement == dept) if dept else (lambda c: True)
        lo = bisect.bisect_left(self._keys, key)
        hi = bisect.bisect_left(self._keys, key + "\uffff")
        exact_hi = bisect.bisect_right(self._keys, key, lo, hi)
        out = sorted((c for c in self._entries[lo:exact_hi] if ok(c)), key=_rank)
        seen = {id(c) for c in out}
        prefixed = (c for c in self._entries[exact_hi:hi] if ok(c))
        longer = heapq.nsmallest(limit, prefixed, key=_rank)
        # a longer name DOMINANCE times more populous than every exact one comes first, as
        # resolve() would read it: « clermont » is most likely Clermont-Ferrand (147 000
        # inhabitants), not one of the four small Clermont
        top = max((c.population or 0 for c in out), default=0)
        first = [c for c in longer if (c.population or 0) >= DOMINANCE * max(top, 1)]
        out = first + out + [c for c in longer if c not in first]
        if len(out) < limit:
            lo = bisect.bisect_left(self._inner_keys, key)
            hi = bisect.bisect_left(self._inner_keys, key + "\uffff")
            seen |= {id(c) for c in out}
            inner = (c for c in self._inner_entries[lo:hi] if id(c) not in seen and ok(c))
            out += heapq.nsmallest(limit - len(out), inner, key=_rank)
        return _unique(out)[:limit]

    def _search_code(self, q: str, limit: int) -> list[Commune]:
        self.warm()
        out: list[Commune] = []
        res = self.by_code(q) if INSEE_CODE.match(q) else None
        # first what resolve() reads: a municipal arrondissement's postcode (13008: Marseille
        # 8e), else the INSEE code (Aurons), then the other communes the code names
        out += [a] if (a := self.postcode_arrondissement(q)) is not None else []
        if res is not None and not res.former:
            out.append(res.place)
        if POSTCODE.match(q):
            arrondissement = self._arrondissement_of_postcode.get(q)
            out += [arrondissement] if arrondissement is not None else []
            out += self._by_postcode.get(q, [])
        else:
            hits = [c for pc, cs in self._by_postcode.items() if pc.startswith(q) for c in cs]
            out += heapq.nsmallest(limit, hits, key=_rank)
        if res is not None and res.former:  # a former code after the postcode's communes
            out.append(res.place)
        return _unique(out)[:limit]

    def code_note(self, query: str, c: Commune) -> str | None:
        """Why a search for a code lists ``c`` when that code is its INSEE code but another
        commune's postcode, not its own (La Poste's table): « 64100 » lists Bassussarry
        (INSEE 64100, postcode 64200) beside Bayonne (postcode 64100); a counsellor reads
        the five digits as a postcode. None otherwise.

        >>> b = Commune("64100", "Bassussarry", "commune", None, ("64200",), "64", "P.-A.",
        ...             "75", "Nouvelle-Aquitaine", None, 43.4, -1.5, "mairie")
        >>> y = b._replace(code="64102", name="Bayonne", postcodes=("64100",))
        >>> idx = CommuneIndex(communes={"64100": b, "64102": y}, parts={}, former={})
        >>> print(idx.code_note("64100", b))
        64100 est son code INSEE, pas son code postal (64200) : c'est le code postal de Bayonne.
        >>> idx.code_note("64100", y) is None, idx.code_note("64200", b) is None
        (True, True)
        """
        q = query.strip()
        if not POSTCODE.match(q) or c.code != q or q in c.postcodes:
            return None
        self.warm()
        others = [o.name for o in self._by_postcode.get(q, []) if o.code != c.code]
        if not others:
            return None
        own = f" ({', '.join(c.postcodes)})" if c.postcodes else ""
        names = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        return (
            f"{q} est son code INSEE, pas son code postal{own} : c'est le code postal de {names}."
        )

    # --- resolution ---------------------------------------------------------------------

    def name_shared(self, place: Commune) -> bool:
        """Whether a commune (or a commune déléguée / associée) of another département bears
        the same name: Saint-Pierre (La Réunion, 974) and Saint-Pierre (Jura, 39); the text
        then says its département with the name."""
        if self._name_departements is None:
            names: dict[str, set[str]] = defaultdict(set)
            for c in self.communes.values():
                names[c.name].add(c.departement)
            for ps in self.parts.values():
                for p in ps:
                    names[p.name].add(p.departement)
            self._name_departements = dict(names)
        return bool(self._name_departements.get(place.name, set()) - {place.departement})

    def by_code(self, code: str) -> Resolution | None:
        """A current commune, a part of one (arrondissement, commune déléguée) or a former
        code, by INSEE code; None when the code names nothing."""
        code = code.strip().upper()
        current = self.communes.get(code)
        if current is not None:
            return Resolution(current, current)
        for part in self.parts.get(code, []):
            parent = self.communes.get(part.parent or "")
            if parent is not None:
                return Resolution(part, parent, _part_note(part, parent))
        new = self.former.get(code)
        if new is not None and new in self.communes:
            current = self.communes[new]
            note = f"Le code {code} est celui d'une ancienne commune, fusionnée dans " + (
                f"{current.name} ({current.code})."
            )
            return Resolution(current, current, note, former=True)
        return None

    def resolve(self, query: str) -> Resolution:
        """One place for what a user typed: an INSEE code (current, part or former), a
        postcode served by one commune, a name (exact, else the only prefix match), or
        "Name (dept)". Raises :class:`CommuneNotFound` or :class:`CommuneAmbiguous`."""
        q = " ".join(query.split())
        if not q:
            raise CommuneNotFound(query)
        self.warm()
        if q.isdigit() and len(q) != 5:  # neither a code nor a postcode
            raise CommuneNotFound(q)
        explicit = EXPLICIT_INSEE.match(q)
        if explicit:  # a commune chosen from the list: its INSEE code, nothing else
            found = self.by_code(explicit.group(1))
            if found is None:
                raise CommuneCodeUnknown(explicit.group(1).upper())
            return found
        res = self.by_code(q) if INSEE_CODE.match(q) else None
        # a municipal arrondissement's postcode before any code: "75011" is Paris 11e (not the
        # centre of Paris), "13008" Marseille 8e, not Aurons, whose INSEE code it also is
        # (everyone writes the postcode; the INSEE code is said, with the commune it names)
        arrondissement = self.postcode_arrondissement(q)
        if arrondissement is not None:
            found = self.by_code(arrondissement.code)
            if found is not None:
                # "75116" is both Paris 16e's INSEE code and one of its postcodes: one place
                if res is None or res.former or res.place == found.place:
                    return found
                note = (
                    f"{q} est le code postal de {arrondissement.name} ; c'est aussi le code "
                    f"INSEE {de_place(res.place.name)} ({res.place.departement_name}), à "
                    f"désigner par son nom : « {self.place_param(res.place)} »."
                )
                return Resolution(found.place, found.commune, note, ambiguous=True)
        served = self._by_postcode.get(q, []) if POSTCODE.match(q) else []
        if res is not None and not res.former:
            others = [c for c in served if res.commune.code not in (c.code, c.parent)]
            if others:  # "06100": Revest-les-Roches's INSEE code, Nice's postcode
                names = ", ".join(c.name for c in others[:3]) + (", …" if len(others) > 3 else "")
                note = (
                    f"{q} est lu comme le code INSEE {de_place(res.place.name)} "
                    f"({res.place.departement_name}) ; c'est aussi le code postal de {names} : "
                    "pour une autre commune, saisissez son nom."
                )
                return Resolution(res.place, res.commune, note, ambiguous=True)
            return res
        # a postcode before a former code: "75015" is Paris XVe, not the 1968 code of a
        # commune of the old Seine département
        if served:
            return self._pick(q, served)
        if res is not None:
            return res
        if POSTCODE.match(q):
            raise CommuneNotFound(q)
        name, dept = _split_dept(q)
        code = None
        if dept is None:  # a label the API gave (Commune.display), pasted back
            name, dept, code = self._split_label(q)
        key = search_key(name)
        if not key:
            raise CommuneNotFound(q)
        lo = bisect.bisect_left(self._keys, key)
        hi = bisect.bisect_right(self._keys, key, lo)
        exact = [
            c
            for c in self._entries[lo:hi]
            if (not dept or c.departement == dept)
            and (code is None or code in c.postcodes or code == c.code)
        ]
        if exact:
            return self._pick(q, exact)
        prefixed = self.search(q, limit=DOMINANCE + 1)
        if not prefixed:
            raise CommuneNotFound(q, self.near(name))
        return self._pick(q, prefixed)

    def _split_label(self, q: str) -> tuple[str, str | None, str | None]:
        """A commune's label (:attr:`Commune.display`) as its name, département code and
        postcode: « Laval (Mayenne, 53000) » -> ("Laval", "53", "53000"); the INSEE code an
        older label gave is read too (it is matched as a code). ``(q, None, None)`` for any
        other text (a name whose brackets name no département stays a name)."""
        m = _LABEL.match(q)
        if not m:
            return q, None, None
        if self._dep_of_name is None:
            self._dep_of_name = {
                search_key(c.departement_name): c.departement for c in self.communes.values()
            }
        dept = self._dep_of_name.get(search_key(m.group(2)))
        if dept is None:
            return q, None, None
        return m.group(1), dept, (m.group(3) or "").upper() or None

    def near(self, name: str, limit: int = NEAR_LIMIT) -> list[Commune]:
        """The communes whose name a typo may have meant (« Tolouse »: Toulouse), the closest
        spelling first, then the most populous; none for a short or far text (« ABC »: a
        suggestion that shares two letters of five misleads more than it helps)."""
        key = search_key(name)
        if len(key.replace(" ", "")) < NEAR_MIN_LETTERS:
            return []
        self.warm()
        found = process.extract(
            key, self._keys, scorer=fuzz.ratio, score_cutoff=NEAR_MIN_SCORE, limit=None
        )
        best = sorted(
            ((score, self._entries[i]) for _, score, i in found),
            key=lambda t: (-round(t[0]), _rank(t[1])),
        )
        return _unique(c for _, c in best if c.parent is None)[:limit]

    def postcode_arrondissement(self, q: str) -> Commune | None:
        """The municipal arrondissement a postcode names when it names one (75011: Paris
        11e, 13008: Marseille 8e, 69003: Lyon 3e), served by no commune but its city."""
        self.warm()
        arrondissement = self._arrondissement_of_postcode.get(q)
        if arrondissement is None:
            return None
        served = self._by_postcode.get(q, [])
        if all(c.code == arrondissement.parent for c in served):
            return arrondissement
        return None

    def place_param(self, c: Commune) -> str:
        """What names ``c`` in a place parameter (``home``, ``near``): its INSEE code; its
        name and département when that code is read first as a municipal arrondissement's
        postcode (Aix-en-Provence is INSEE 13001, Marseille 1er's postcode):
        « Aix-en-Provence (13) »; « insee:CODE » when the bare code is also another town's
        postcode (Clermont-Ferrand is INSEE 63113, Picherande's postcode: « insee:63113 »,
        read without the note a typed code gets)."""
        if self.postcode_arrondissement(c.code) not in (None, c):
            return f"{c.name} ({c.departement})"
        try:
            ambiguous = self.resolve(c.code).ambiguous
        except CommuneError:
            ambiguous = False
        return f"insee:{c.code}" if ambiguous else c.code

    def _pick(self, query: str, candidates: list[Commune]) -> Resolution:
        """The candidate meant, if one stands out (the only one, the only current commune, or
        one at least DOMINANCE times more populous than the next); else CommuneAmbiguous."""
        ranked = sorted(candidates, key=_rank)
        pool = [c for c in ranked if c.parent is None] or ranked
        if len(pool) == 1:
            return self._resolution(pool[0])
        first, second = pool[0], pool[1]
        if (first.population or 0) >= DOMINANCE * max(second.population or 0, 1):
            res = self._resolution(first)
            note = _homonyms_note(query, first, pool[1:], res.note)
            return Resolution(res.place, res.commune, note, res.former, ambiguous=True)
        close = [c for c in self.close_spelled(query) if c not in pool]
        raise CommuneAmbiguous(query, (close + pool)[:DOMINANCE], pool)

    def resolve_within(self, query: str, departements: Collection[str]) -> Resolution:
        """:meth:`resolve`, where a name several communes share is settled by the territory
        when only one of them is in ``departements`` (« Saint-Denis » with the territory of
        the 93: Saint-Denis (Seine-Saint-Denis), not Saint-Denis (La Réunion)); the note says
        so. Raises as :meth:`resolve` otherwise."""
        cog = {d[1:] if len(d) == 3 and d.startswith("0") else d for d in departements}
        try:
            res = self.resolve(query)
        except CommuneAmbiguous as exc:
            inside = [c for c in exc.pool if c.departement in cog]
            if len(inside) != 1 or not departements:
                raise
            return self._read_in_territory(exc.query, inside[0], exc.pool)
        if not departements or not res.ambiguous or res.commune.departement in cog:
            return res
        # a name read as its most populous commune, elsewhere (« Saint-Pierre » with the
        # territory of the 972: Saint-Pierre of La Réunion, 13 290 km away, had been read
        # before Saint-Pierre of Martinique)
        pool = self._same_name(query)
        inside = [c for c in pool if c.departement in cog]
        if len(inside) != 1:
            return res
        return self._read_in_territory(" ".join(query.split()), inside[0], pool)

    def _same_name(self, query: str) -> list[Commune]:
        """The communes (else their parts) whose name is exactly ``query``'s, when it names
        no département; empty otherwise."""
        name, dept = _split_dept(" ".join(query.split()))
        key = search_key(name)
        if dept or not key:
            return []
        lo = bisect.bisect_left(self._keys, key)
        hi = bisect.bisect_right(self._keys, key, lo)
        exact = self._entries[lo:hi]
        return [c for c in exact if c.parent is None] or list(exact)

    def _read_in_territory(
        self, query: str, chosen: Commune, pool: Sequence[Commune]
    ) -> Resolution:
        """``chosen``, the only commune of the name in the territory, and the note saying so."""
        other = next(c for c in pool if c is not chosen)
        res = self._resolution(chosen)
        n = len(pool) - 1
        dept = chosen.departement  # the INSEE code, « 03 » (docs: never « 3 »)
        note = (
            f"« {query} » est lu comme {chosen.name} ({chosen.departement_name}, "
            f"{dept}), la seule des communes de ce nom dans le territoire choisi ; "
            f"{n} autre{'s' if n > 1 else ''} commune{'s' if n > 1 else ''} "
            f"répond{'ent' if n > 1 else ''} à ce nom : pour une autre, précisez le "
            f"département, par exemple « {other.name} ({other.departement}) »."
        )
        note = f"{note} {res.note}" if res.note else note
        return Resolution(res.place, res.commune, note, res.former, ambiguous=True)

    def close_spelled(self, query: str) -> list[Commune]:
        """The populous communes (CLOSE_SPELLED_POPULATION) whose name is one letter away from
        ``query`` (a letter missing, added, changed): « Mez » -> Metz; most populous first."""
        name, dept = _split_dept(query.strip())
        key = search_key(name)
        if len(key) < 3:
            return []
        self.warm()
        found = [
            c
            for k, c in zip(self._keys, self._entries, strict=True)
            if (c.population or 0) >= CLOSE_SPELLED_POPULATION
            and abs(len(k) - len(key)) <= 1
            and (not dept or c.departement == dept)
            and Levenshtein.distance(k, key, score_cutoff=1) <= 1
        ]
        return sorted(found, key=_rank)

    def _resolution(self, c: Commune) -> Resolution:
        parent = self.communes.get(c.parent or "")
        if parent is None:
            return Resolution(c, c)
        return Resolution(c, parent, _part_note(c, parent))


def _homonyms_note(query: str, chosen: Commune, others: list[Commune], note: str | None) -> str:
    """What the answer says of a name read as the most populous of the communes it names
    (French): which one was read, by its département, and how to name another.

    >>> c = Commune("60157", "Clermont", "commune", None, (), "60", "Oise", "32", "", 10_000,
    ...             49.4, 2.4, "mairie")
    >>> o = c._replace(code="74075", departement="74", departement_name="Haute-Savoie")
    >>> _homonyms_note("clermont", c, [o], None)
    '« clermont » est lu comme Clermont (Oise, 60), la plus peuplée ; 1 autre commune répond \
à ce nom, dont Clermont (Haute-Savoie, 74) : pour une autre, précisez le département, par \
exemple « Clermont (74) ».'
    """
    n = len(others)
    other = others[0]
    said = (
        f"« {query} » est lu comme {chosen.name} ({chosen.departement_name}, "
        f"{chosen.departement}), la plus peuplée ; {n} autre"
        f"{'s' if n > 1 else ''} commune{'s' if n > 1 else ''} répond{'ent' if n > 1 else ''} "
        f"à ce nom, dont {other.name} ({other.departement_name}, "
        f"{other.departement}) : pour une autre, précisez le département, par "
        f"exemple « {other.name} ({other.departement}) »."
    )
    return f"{said} {note}" if note else said


def _near_cell(lat: float, lon: float) -> tuple[int, int]:
    """The cell of a point for :meth:`CommuneIndex.departement_at` (NEAR_DEG by NEAR_DEG)."""
    return math.floor(lat / NEAR_DEG), math.floor(lon / NEAR_DEG)


def _nearest_of(
    communes: Iterable[Commune], lat: float, lon: float, k: float
) -> tuple[float, str] | None:
    """The squared distance (degrees, longitude times ``k``) to the nearest centre among
    ``communes`` and its département; the first of them on a tie."""
    best: tuple[float, str] | None = None
    for c in communes:
        if c.lat is None or c.lon is None:
            continue
        d = (c.lat - lat) ** 2 + ((c.lon - lon) * k) ** 2
        if best is None or d < best[0]:
            best = (d, c.departement)
    return best


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """The grid cell of a point for :meth:`CommuneIndex.nearest`: GRID_DEG by GRID_DEG."""
    return int(lat // GRID_DEG), int(lon // GRID_DEG)


def _part_note(part: Commune, parent: Commune) -> str:
    what = {
        "arrondissement-municipal": "arrondissement municipal",
        "commune-deleguee": "commune déléguée",
        "commune-associee": "commune associée",
    }.get(part.kind, "partie")
    return f"{part.name} ({part.code}) : {what}, rattachée à {parent.name} ({parent.code})."


def _split_dept(q: str) -> tuple[str, str | None]:
    """``"Saint-Denis (93)"`` -> ("Saint-Denis", "93"); département codes as in the COG, read
    with or without their leading zero (« Moulins (3) », « Moulins (003) » are « 03 »).

    >>> _split_dept("Moulins (3)"), _split_dept("Moulins (003)"), _split_dept("Bastia (2b)")
    (('Moulins', '03'), ('Moulins', '03'), ('Bastia', '2B'))
    """
    m = WITH_DEPT.match(q)
    if not m:
        return q, None
    dept = m.group(2).upper()
    if len(dept) == 1 and dept.isdigit():
        dept = "0" + dept
    return m.group(1), dept[1:] if len(dept) == 3 and dept.startswith("0") else dept


def _unique(cs: Iterable[Commune]) -> list[Commune]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for c in cs:
        k = (c.code, c.kind, c.name)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


# --- loading --------------------------------------------------------------------------------


def build_index(data: dict[str, Any]) -> CommuneIndex:
    """The index of a reference as written by tools/communes/build.py (pure: tests build
    small ones)."""
    cols = {name: i for i, name in enumerate(data["columns"])}
    depts = data.get("departements", {})
    regions = data.get("regions", {})
    communes: dict[str, Commune] = {}
    parts: dict[str, list[Commune]] = defaultdict(list)
    i_code, i_name, i_kind, i_parent, i_postcodes, i_dep, i_reg, i_pop, i_lat, i_lon, i_centre = (
        cols[c]
        for c in (
            "code",
            "name",
            "kind",
            "parent",
            "postcodes",
            "departement",
            "region",
            "population",
            "lat",
            "lon",
            "centre",
        )
    )
    # one object for equal values: the JSON decoder makes a string per occurrence, and the
    # département, région, centre and postcodes repeat over the ~37 600 rows (~9 MB kept by
    # every process that reads the reference, each API worker among them)
    keep: dict[Any, Any] = {}
    one = keep.setdefault
    for row in data["communes"]:
        dep = one(row[i_dep], row[i_dep])
        reg = one(row[i_reg], row[i_reg])
        postcodes = tuple(one(pc, pc) for pc in row[i_postcodes] or ())
        parent = row[i_parent] or None
        c = Commune(
            row[i_code],
            row[i_name],
            KIND_NAMES[row[i_kind]],
            None if parent is None else one(parent, parent),
            one(postcodes, postcodes),
            dep,
            depts.get(dep, [dep])[0],
            reg,
            regions.get(reg, reg),
            row[i_pop],
            row[i_lat],
            row[i_lon],
            one(row[i_centre] or "", row[i_centre] or ""),
        )
        if c.parent is None:
            communes[c.code] = c
        else:
            parts[c.code].append(c)
    return CommuneIndex(
        communes=communes,
        parts=dict(parts),
        former=dict(data.get("former_codes", {})),
        meta=dict(data.get("meta", {})),
        chefs_lieux={k: dict(v) for k, v in data.get("chefs_lieux", {}).items()},
    )


class ReferenceMissing(GraphError):
    """The commune reference file has not been built (``make install`` builds it)."""


_lock = threading.Lock()
_search_lock = threading.Lock()
_index: CommuneIndex | None = None


def _renew_locks() -> None:
    """In a forked child: locks of its own. A lock another thread held at the fork (a server
    preloading the reference at start-up) would never be released there, the thread not being
    forked with it: the import's forked parser waited for it forever
    (tests/integration/test_import_ahead.py). What that thread was building is not in
    ``_index`` yet (assigned once whole): the child builds its own."""
    global _lock, _search_lock
    _lock, _search_lock = threading.Lock(), threading.Lock()


os.register_at_fork(after_in_child=_renew_locks)


def data_file() -> Path:
    return Path(os.environ.get(ENV_FILE) or DATA_FILE)


def reference() -> CommuneIndex:
    """The reference, read on first use and kept for the life of the process."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                path = data_file()
                try:
                    with gzip.open(path, "rt", encoding="utf-8") as f:
                        data = json.load(f)
                except FileNotFoundError as exc:
                    raise ReferenceMissing(
                        f"commune reference {path} is missing: run `make install`"
                    ) from exc
                _index = build_index(data)
    return _index


def loaded() -> bool:
    """Whether the reference has been read (a missing file may be built later)."""
    return _index is not None


def preload() -> None:
    """Read the reference now (a server calls it in the background at start-up, so that the
    first search does not wait ~0.5 s); a missing file is logged, not raised."""
    try:
        reference().warm()
    except ReferenceMissing as exc:
        log.warning("%s", exc)


def search(query: str, limit: int = 10) -> list[Commune]:
    return reference().search(query, limit)


def resolve(query: str) -> Resolution:
    return reference().resolve(query)


def resolve_within(query: str, departements: Collection[str]) -> Resolution:
    return reference().resolve_within(query, departements)


def official_name(code: str) -> str | None:
    """The reference's name of the current commune or the part of one (commune déléguée,
    municipal arrondissement) whose INSEE code is ``code``. None for a former code (the file's
    name of the former commune says where), an unknown code, or without the reference."""
    try:
        found = reference().by_code(code)
    except ReferenceMissing:
        return None
    return None if found is None or found.former else found.place.name


def spelt_as_reference(code: str, given: str | None) -> str | None:
    """The name to show for the commune a file names by its INSEE code ``code`` and its own
    label ``given``: the reference's name (:func:`official_name`) when ``given`` is that name
    spelt otherwise (accents, case, hyphens, « St »: the CFA list's « Epinal » is « Épinal »)
    or missing, so that one town has one name; else ``given`` as is. A municipal arrondissement
    the file names without the word « Arrondissement » (the ESR list's « Paris 5e », « Lyon
    7e », « Marseille 13e ») is the reference's « Paris 5e Arrondissement » too: the COG's name,
    the one the commune search, the Carte and the other files use (one form wherever it is
    read). A label naming another place than the code (the Annuaire's « Onet-le-Château »
    under Rodez's code) is the file's word, kept: no name is guessed."""
    official = official_name(code)
    if official is None:
        return given
    if not given or search_key(given) == search_key(official):
        return official
    if search_key(official) == f"{search_key(given)} {_ARRONDISSEMENT}":
        return official
    return given


_ARRONDISSEMENT = "arrondissement"  # the last word of the COG's names of the 45 ARM
