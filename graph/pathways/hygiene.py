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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from graph.diploma_names import COMMON_YEAR, display_name, is_common_year

__all__ = [
    "COMMON_YEAR",
    "TRACK_FILES",
    "continues_programme",
    "currency",
    "is_common_year",
    "latest_years",
    "offer_usable",
    "step_name",
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
_FILE_YEAR = re.compile(r"^(?P<family>[A-Za-z_-]+?)_?(?P<year>\d{4})\.csv$")


def step_name(d: Row) -> str:
    """The French name of a step: :func:`graph.diploma_names.display_name` (a common year is
    named as the first year of its programme)."""
    return display_name(d)


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


def offer_usable(offer: Row, diploma: Row) -> bool:
    """Whether an offer may be proposed: not closed, of a diploma the BCN has not closed."""
    return offer.get("status") != "closed" and not diploma.get("closed")


def usable_rows(
    pairs: Iterable[tuple[ActorT, OfferT]], diploma: Row | None, latest: Mapping[str, int]
) -> list[tuple[ActorT, OfferT, int | None]]:
    """A diploma's (actor, offer) rows that may be proposed (:func:`offer_usable`), each with
    its :func:`currency`: what does not depend on a request, worked out once per graph
    version by the pathway cache."""
    d = diploma or {}
    return [(a, o, currency(o, d.get("type"), latest)) for a, o in pairs if offer_usable(o, d)]
