"""Programme hygiene: what a step may be, and whether an offer is current. Pure functions.

- A « 1ère année commune » (BTS) or « 2nde commune » (Bac pro, famille de métiers) code is the
  first year of a programme, never a step of its own: it is named as such, and a leg from it to
  a diploma of the same type and level (its options, the Bac pro of its family) is the same
  programme going on, not another step.
- A diploma closed in the BCN is never offered as open: its offers are not used, its successors
  (``RENAMED_TO``) are.
- An offer is *current* when it appears in the latest year of the files that describe its
  track: the Parcoursup BTS files for BTS, the Affelnet files (then the constat) for lycée
  programmes. Otherwise it was last seen in an earlier year: « pas vue depuis 2022 », ranked
  after current offers. Programmes no imported file describes (licences, engineering schools:
  the Parcoursup extract gives no diploma code) have no track: their currency is unknown.
- A latest file that barely describes a diploma is not evidence of closures: the Affelnet 2022
  file lists Bac pro ASSP in 97 establishments against 489 in 2021 (its renovation: the new
  2nde MEF is in neither). When the latest year lists a diploma in fewer than half the
  establishments of the year before (:func:`thin_latest`), an offer last seen that year before
  is not called stale; it is marked ``unlisted`` instead (« à confirmer avec l'établissement »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from graph.diploma_names import COMMON_YEAR, is_common_year
from graph.distance_learning import taught_at_distance, with_distance_flag

__all__ = [
    "COMMON_YEAR",
    "MIN_LISTED",
    "THIN_RATIO",
    "TRACK_FILES",
    "ThinFile",
    "continues_programme",
    "currency",
    "is_common_year",
    "latest_years",
    "listed_by_year",
    "offer_usable",
    "thin_latest",
    "track_of",
    "usable_rows",
]

Row = Mapping[str, Any]
ActorT = TypeVar("ActorT", bound=Mapping[str, Any])
OfferT = TypeVar("OfferT", bound=Mapping[str, Any])

# The file families of the open-data import, by the track of programmes they describe.
TRACK_FILES: dict[str, tuple[str, ...]] = {
    "bts": ("BTS_attractivite_capacite_",),
    "lycee": ("attractivite_capacite_", "constat_"),
}
_LYCEE_TYPES = frozenset({"cap", "bac_pro", "bp", "mc", "bac_techno", "bac_general"})
# A latest year listing a diploma in fewer than THIN_RATIO of the establishments that listed it
# the year before (at least MIN_LISTED of them: a diploma of a few establishments moves by
# noise) describes it too thinly to call its missing offers stale (:func:`thin_latest`).
THIN_RATIO = 0.5
MIN_LISTED = 10
_FILE_YEAR = re.compile(r"^(?P<family>[A-Za-z_-]+?)_?(?P<year>\d{4})\.csv$")


def continues_programme(here: Row, there: Row) -> bool:
    """A leg from a common year to a diploma of the same type and level is its programme going
    on (an option, a Bac pro of the family), not a step of its own."""
    return (
        is_common_year(here)
        and here.get("type") == there.get("type")
        and (here.get("level") or 0) == (there.get("level") or 0)
    )


def track_of(diploma_type: str | None) -> str | None:
    """The track whose files describe offers of a diploma type (None: no imported file does)."""
    if diploma_type == "bts":
        return "bts"
    if diploma_type in _LYCEE_TYPES:
        return "lycee"
    return None


def latest_years(files: Iterable[str]) -> dict[str, int]:
    """The latest year of each track, from the names of the imported activity files.

    >>> latest_years(["BTS_attractivite_capacite_2024.csv", "attractivite_capacite_2022.csv",
    ...               "constat_2020.csv", "BTS_attractivite_capacite_2022.csv"])
    {'bts': 2024, 'lycee': 2022}
    """
    out: dict[str, int] = {}
    for f in files:
        m = _FILE_YEAR.match(f)
        if not m:
            continue
        prefix = f[: m.start("year")]
        for track, prefixes in TRACK_FILES.items():
            if prefix in prefixes:
                out[track] = max(out.get(track, 0), int(m.group("year")))
    return out


def currency(offer: Row, diploma_type: str | None, latest: Mapping[str, int]) -> int | None:
    """None when the offer is current (or its currency cannot be known); else the last year
    the files saw it (« pas vue depuis ANNÉE »).

    >>> currency({"year": 2022}, "bts", {"bts": 2024})
    2022
    >>> currency({"year": 2024}, "bts", {"bts": 2024}), currency({"year": None}, "bts", {"bts": 2024})
    (None, None)
    """  # noqa: E501
    track = track_of(diploma_type)
    year = offer.get("year")
    if track is None or year is None or track not in latest:
        return None
    return year if year < latest[track] else None


class ThinFile(NamedTuple):
    """The latest year of a diploma's track lists it in far fewer establishments than the
    year before: ``listed`` in ``year`` against ``before`` in ``before_year``."""

    year: int
    listed: int
    before_year: int
    before: int
    common_year: bool = False  # counted on the common 2nde that dates the offer


def listed_by_year(pairs: Iterable[tuple[Row, Row]]) -> dict[int, int]:
    """How many establishments the files list a diploma in, per year, from its offers' last
    year seen: an establishment counts in every year from the last its offers were seen back
    to the earliest year any offer of the diploma was last seen (the cache holds the last year
    only; an offer listed one year is almost always listed the year before).

    >>> a, b, c = {"id": "a"}, {"id": "b"}, {"id": "c"}
    >>> listed_by_year([(a, {"year": 2022}), (a, {"year": 2021}), (b, {"year": 2021}),
    ...                 (c, {"year": 2020}), (c, {"year": None})])
    {2020: 3, 2021: 2, 2022: 1}
    """
    last: dict[Any, int] = {}
    for a, o in pairs:
        y = o.get("year")
        if y is not None and y > last.get(a.get("id"), 0):
            last[a.get("id")] = y
    if not last:
        return {}
    years = sorted(set(last.values()))
    return {y: sum(1 for v in last.values() if v >= y) for y in years}


def thin_latest(listed: Mapping[int, int], latest: int | None) -> ThinFile | None:
    """Whether the latest year ``latest`` of a diploma's track lists it in fewer than
    :data:`THIN_RATIO` of the establishments of the year just before, which listed it in at
    least :data:`MIN_LISTED`: a file artefact (a renovation's new codes not yet in the files),
    not closures. Only the year just before counts (an offer the 2021 file lists and the 2022
    one does not; the 2020 constat describes programmes Affelnet never lists), and only a
    latest year that lists the diploma somewhere: one that does not list it at all is left to
    the BCN's closures and renovations (graph/ingest/opendata/renewal.py).

    >>> thin_latest({2021: 489, 2022: 97}, 2022)
    ThinFile(year=2022, listed=97, before_year=2021, before=489, common_year=False)
    >>> thin_latest({2021: 489, 2022: 300}, 2022), thin_latest({2021: 9, 2022: 2}, 2022)
    (None, None)
    >>> thin_latest({2021: 489}, 2022), thin_latest({2020: 489, 2022: 3}, 2022)
    (None, None)
    >>> thin_latest({2021: 489, 2022: 97}, None), thin_latest({}, 2022)
    (None, None)
    """
    if latest is None:
        return None
    before, now = listed.get(latest - 1, 0), listed.get(latest, 0)
    if now == 0 or before < MIN_LISTED or now >= THIN_RATIO * before:
        return None
    return ThinFile(latest, now, latest - 1, before)


def offer_usable(offer: Row, diploma: Row) -> bool:
    """Whether an offer may be proposed: not closed, of a diploma the BCN has not closed."""
    return offer.get("status") != "closed" and not diploma.get("closed")


def usable_rows(
    pairs: Iterable[tuple[ActorT, OfferT]],
    diploma: Row | None,
    latest: Mapping[str, int],
    common: Mapping[str, ThinFile] | None = None,
) -> list[tuple[ActorT, OfferT, int | None]]:
    """A diploma's (actor, offer) rows that may be proposed (:func:`offer_usable`), each with
    its :func:`currency`: what does not depend on a request, worked out once per graph
    version by the pathway cache.

    When the latest file describes the diploma too thinly (:func:`thin_latest` of its own
    rows), or describes too thinly the common 2nde that dates the offer (``common``: common
    2nde code -> its :class:`ThinFile`, for offers whose ``common_year`` names it), an offer
    last seen the year before is not stale: its currency is None and its row a copy with
    ``unlisted`` (the :class:`ThinFile`) for the explanation. Offers last seen earlier stay
    stale."""
    d = diploma or {}
    if d.get("closed"):  # offer_usable: no offer of a closed diploma
        return []
    if taught_at_distance(d):  # its label says « en distanciel »: no place of training
        pairs = [(with_distance_flag(a), o) for a, o in pairs]  # type: ignore[misc]
    else:  # a programme of the diploma whose own label says so (Parcoursup's « Entierement
        # en distanciel » of a licence pro named by its BCN mention): that offer only
        pairs = [
            (with_distance_flag(a), o) if o.get("at_distance") else (a, o)  # type: ignore[misc]
            for a, o in pairs
        ]
    track = track_of(d.get("type"))
    # currency() of each offer: the year it was last seen when before its track's latest
    last = latest.get(track) if track is not None else None
    if last is None:  # every offer current (or its currency unknown)
        return [(a, o, None) for a, o in pairs if o.get("status") != "closed"]
    pairs = list(pairs)
    own = thin_latest(listed_by_year(pairs), last)
    out: list[tuple[ActorT, OfferT, int | None]] = []
    for a, o in pairs:
        if o.get("status") == "closed":
            continue
        year = o.get("year")
        seen = year if year is not None and year < last else None
        if seen is not None:
            by = (common or {}).get(o.get("common_year") or "")
            thin = next((t for t in (own, by) if t is not None and t.before_year == seen), None)
            if thin is not None:
                o = {**o, "unlisted": thin}  # type: ignore[assignment]
                seen = None
        out.append((a, o, seen))
    return out
