"""The filières a territory's gap report can be asked for (GET /gaps/sectors): its own campuses'
filières and recruitment families, and the fields of training (NSF groups, graph/nsf.py) of the
programmes offered there.

A campus's filières are facts of that campus: they are offered only in its territory (the
campus, or départements or a région it shares), never in another's — the Nord was offered the
Mecanic Vallée's « Fonderie ». Everywhere, the fields of its offers say what the territory
actually trains for, each with its number of offers.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from graph.campus_scope import campuses_of_territory
from graph.gaps.cache import cached_answer
from graph.gaps.data import read_offers
from graph.gaps.demand import sector_owners, tied_to_training, training_by_sector
from graph.gaps.rows import Row
from graph.nsf import field_code, field_id, nsf_name
from graph.store import GraphStore
from graph.territory import Territory

__all__ = ["SectorChoice", "SectorChoices", "sector_choices", "sector_label", "territory_choices"]

ChoiceKind = Literal["filiere", "job_family", "field"]


class SectorChoice(BaseModel):
    id: str = Field(description="The value of GET /gaps?sector=…")
    name: str
    kind: ChoiceKind = Field(
        description="filiere, job_family (a campus's), or field (an NSF group of the "
        "programmes offered)"
    )
    campus: str | None = Field(
        default=None, description="The short name of the campus whose filière it is."
    )
    offers: int = Field(
        description="The territory's programmes (an establishment and a diploma) that train for it."
    )
    tied: bool = Field(
        default=True,
        description="False when nothing in the data ties programmes to this filière (no ROME "
        "code, no diploma a campus record links to it, no NSF group in its campus's file): "
        "`offers` 0 then means unknown, not absent.",
    )


class SectorChoices(BaseModel):
    territory: str
    sectors: list[SectorChoice]
    offers: int = Field(description="The territory's programmes in all (as in `sectors`).")
    offers_without_field: int = Field(
        description="Programmes whose diploma has no NSF group in the data (in no field)."
    )


def sector_label(sectors: list[Row], sector: str | None) -> str | None:
    """The French name of a sector id: a campus's filière (``sectors``: gaps_sectors rows) or
    a field of training (``nsf-251``); None when neither knows it."""
    if not sector:
        return None
    code = field_code(sector)
    if code is not None:
        return nsf_name(code)
    return next((s["sector"]["name"] for s in sectors if s["sector"]["id"] == sector), None)


def territory_choices(
    inside: list[Row],
    sectors: list[Row],
    local_campuses: set[str],
    campus_names: dict[str, str],
) -> tuple[list[SectorChoice], int]:
    """The choices of a territory whose offers are ``inside`` (gaps_offer_rows within it):
    the filières and job families of its campuses (``local_campuses``), even with no offer
    (a filière without local training is a finding), then the fields of its offers; and how
    many offers have no field. Each list by name.

    >>> lp = {"actor": {"id": "lp"}, "diploma": {"code": "1", "nsf": "251", "rome_codes": []},
    ...       "sectors": ["meca"]}
    >>> rows = [{"sector": {"id": "meca", "name": "Mécanique", "kind": "filiere", "rome": []},
    ...          "campuses": ["mv"]}]
    >>> [(c.id, c.offers) for c in territory_choices([lp], rows, {"mv"}, {"mv": "MV"})[0]]
    [('meca', 1), ('nsf-251', 1)]
    >>> territory_choices([lp], rows, set(), {})[0][0].id
    'nsf-251'
    """
    own = [
        s
        for s in sectors
        if set(s["campuses"]) & local_campuses and s["sector"].get("kind") != "job"
    ]
    trained = training_by_sector(inside, [s["sector"] for s in own], sector_owners(sectors))
    campus_choices = [
        SectorChoice(
            id=s["sector"]["id"],
            name=s["sector"]["name"],
            kind="job_family" if s["sector"].get("kind") == "job_family" else "filiere",
            campus=", ".join(
                sorted(campus_names.get(c, c) for c in set(s["campuses"]) & local_campuses)
            ),
            offers=len(_programmes(trained.get(s["sector"]["id"], ()))),
            tied=tied_to_training(s["sector"]),
        )
        for s in own
    ]
    fields = Counter(r["diploma"].get("nsf") for r in _programmes(inside).values())
    field_choices = [
        SectorChoice(id=field_id(code), name=name, kind="field", offers=n)
        for code, n in fields.items()
        if code and (name := nsf_name(code))
    ]
    unnamed = sum(n for code, n in fields.items() if not nsf_name(code))
    # a recruitment table may give two rows one name (the Mecanic Vallée's two « Soudeurs »):
    # listed once, the first by id, as the other lists of filières do (frontend lib/refs.ts)
    once: dict[tuple[str, str], SectorChoice] = {}
    for c in sorted(campus_choices, key=lambda c: c.id):
        once.setdefault((c.kind, _sort_key(c.name)), c)
    key = lambda c: (_sort_key(c.name), c.id)  # noqa: E731
    return sorted(once.values(), key=key) + sorted(field_choices, key=key), unnamed


def _sort_key(name: str) -> str:
    """A name as a French reader sorts it: « Équipement » among the E, not after the Z."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(ch)
    )


def _programmes(rows: Iterable[Row]) -> dict[tuple[str, str], Row]:
    """The rows once per establishment and diploma: an offer is read once per year and
    modality (gaps_offer_rows), a programme of an establishment is counted once."""
    return {(r["actor"]["id"], r["diploma"]["code"]): r for r in rows}


def sector_choices(store: GraphStore, territory: Territory) -> SectorChoices:
    """The choices of the territory, kept for the graph's version (graph/gaps/cache.py)."""

    def compute() -> SectorChoices:
        offers = read_offers(store, "gaps_offer_rows", territory.query_params())
        inside = [
            r for r in offers if territory.contains(r["offer"], campuses=r["actor"].get("campuses"))
        ]
        campuses = store.read("gaps_campuses")
        names = {c["id"]: c.get("short_name") or c.get("name") or "campus" for c in campuses}
        choices, unnamed = territory_choices(
            inside,
            store.read("gaps_sectors"),
            campuses_of_territory(campuses, territory),
            names,
        )
        return SectorChoices(
            territory=territory.describe(),
            sectors=choices,
            offers=len(_programmes(inside)),
            offers_without_field=unnamed,
        )

    return cached_answer(store, ("gap-sectors", territory.model_dump_json()), compute)
