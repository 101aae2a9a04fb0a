"""The answer to a pathway question, as the API and the CLI give it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from pydantic import BaseModel, Field

from graph.departements import InseeDepartement
from graph.diploma_names import readable
from graph.distance_learning import is_distance_learning
from graph.geo import haversine_km
from graph.pathways.after_3e import is_start_row
from graph.pathways.explanation import passerelle_sentence, shown_travel_km, unlisted_sentence
from graph.pathways.history import (
    CommonFigures,
    DemandKind,
    OfferKey,
    YearFigures,
    may_have_history,
    pressure,
)
from graph.pathways.hygiene import ThinFile
from graph.pathways.scoring import Scored
from graph.pathways.step_notes import step_notes
from graph.place_precision import LocationPrecision, location_precision, shown_km

__all__ = [
    "CommonEntry",
    "OfferOut",
    "OfferYear",
    "PasserelleUsed",
    "PathwayAnswer",
    "PathwayOut",
    "ScoreOut",
    "StepOut",
    "UnreachedGoals",
    "offer_keys",
    "pathway_out",
]

# --- answer -------------------------------------------------------------------------------


DEMAND_KIND_DESCRIPTION = (
    "What `demand` counts, never compared across kinds: `first_wishes` (Affelnet « Demandes "
    "vœux 1 »: the pupils who put this offer first; « premiers vœux Affelnet »), "
    "`confirmed_wishes` (Parcoursup « NB_VOEUX_CONFIRMES »: every confirmed wish, up to 10 per "
    "candidate, not ranked; « vœux confirmés sur Parcoursup (non hiérarchisés) »); None when "
    "not known (graph/pathways/history.py)."
)
ENTRY_YEAR_DESCRIPTION = (
    "The course year `capacity` and `demand` are of when it is not the first: 2 for a Bac pro "
    "listed by its 1re pro only (« effectifs d'entrée en 1re pro », not the entry after 3e); "
    "None: the first year, or not known (graph/ingest/opendata/entry.py)."
)


class CommonEntry(BaseModel):
    """The common 2nde (famille de métiers) through which the Bac pro is entered after 3e at
    this establishment, with its own figures: its places are shared by the family's
    specialities there."""

    code: str = Field(description="The common 2nde's diploma code (for links; never shown).")
    family: str | None = Field(default=None, description="The famille de métiers, in French.")
    capacity: int | None = None
    demand: int | None = Field(default=None, description="Affelnet first wishes.")
    pressure: float | None = None


def _common_fields(c: CommonFigures | None) -> dict[str, object] | None:
    """A :class:`CommonEntry`'s fields (validated with the pathway: :func:`pathway_out`)."""
    if c is None:
        return None
    return {
        "code": c.code,
        "family": c.family,
        "capacity": c.capacity,
        "demand": c.demand,
        "pressure": pressure(c.capacity, c.demand),
    }


class OfferYear(BaseModel):
    """One year of an offer in the public files."""

    year: int
    capacity: int | None = Field(default=None, description="Places offered that year.")
    demand: int | None = Field(
        default=None, description="Vœux that year, of the kind `demand_kind` says."
    )
    pressure: float | None = Field(
        default=None, description="Taux de pression: vœux per place (demand / capacity)."
    )
    demand_kind: DemandKind | None = Field(default=None, description=DEMAND_KIND_DESCRIPTION)
    entry_year: int | None = Field(default=None, description=ENTRY_YEAR_DESCRIPTION)
    common_entry: CommonEntry | None = Field(
        default=None,
        description="Set when `entry_year` is 2 and the establishment lists, that year, the "
        "common 2nde of the Bac pro's famille de métiers: the entry after 3e, with its figures.",
    )


def _year_fields(y: YearFigures) -> dict[str, object]:
    """An :class:`OfferYear`'s fields (validated with the pathway: :func:`pathway_out`)."""
    return {
        "year": y.year,
        "capacity": y.capacity,
        "demand": y.demand,
        "pressure": y.pressure,
        "demand_kind": y.demand_kind,
        "entry_year": y.entry_year,
        "common_entry": _common_fields(y.common),
    }


class OfferOut(BaseModel):
    actor_id: str
    actor_name: str
    actor_kind: str
    uai: str | None = None
    commune: str | None = None
    commune_from: str | None = Field(
        default=None,
        description="How the import found the commune when no file names it: `coordinates` "
        "(the commune whose centre is nearest the establishment's position, more than 1 km "
        "away: it is only « près de » that commune), `centre` (that nearest commune, its "
        "centre within 1 km: said as the commune, graph/place_precision.py), `name` (the "
        "commune its name gives, near its position); None when a file names it "
        "(graph/ingest/opendata/named_commune.py).",
    )
    insee: str | None = None
    departement: InseeDepartement | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: LocationPrecision | None = Field(
        default=None,
        description="How the establishment is placed: `address` (its own or its programme's "
        "coordinates), `commune` (only its commune's centre: the position is approximate, "
        "« position approximative (centre de la commune) »), None when not known "
        "(graph/place_precision.py).",
    )
    modality: str | None = None
    status: str
    capacity: int | None = Field(default=None, description="Places, in `year` when known.")
    demand: int | None = Field(
        default=None,
        description="Vœux in `year`, from the public files, of the kind `demand_kind` says.",
    )
    pressure: float | None = Field(
        default=None, description="Taux de pression: vœux per place (demand / capacity)."
    )
    demand_kind: DemandKind | None = Field(default=None, description=DEMAND_KIND_DESCRIPTION)
    entry_year: int | None = Field(default=None, description=ENTRY_YEAR_DESCRIPTION)
    common_entry: CommonEntry | None = Field(
        default=None,
        description="The entry after 3e through the common 2nde of the Bac pro's famille de "
        "métiers at this establishment, in `year` (see `entry_year`).",
    )
    year: int | None = Field(default=None, description="The year of capacity and demand.")
    last_seen: int | None = Field(
        default=None,
        description="Set when the offer is not current: the last year the public files list it "
        "(« pas vue depuis »). None when current or when its currency cannot be known.",
    )
    unlisted_note: str | None = Field(
        default=None,
        description="Set when the latest public file does not list the offer but describes its "
        "diploma (or the common 2nde that dates it) in far fewer establishments than the year "
        "before, so the offer is not called stale (`last_seen` is None): why, in French, as the "
        "explanation says it for the chosen offer (« pas dans le fichier de 2022, qui ne décrit "
        "… : à confirmer avec l'établissement »).",
    )
    history: list[OfferYear] = Field(
        default=[],
        description="Its years in the public files, oldest first (empty when no file gives "
        "its figures).",
    )
    boarding_places: int | None = None
    distance_learning: bool = Field(
        default=False,
        description="Taught at a distance: by an establishment that teaches only so (the "
        "CNED…), or a programme whose own Parcoursup label says « en distanciel » (IUT de "
        "Montreuil); its address is where it is run, not a place of training near the "
        "learner; ranked after the offers taught on site, with no distance "
        "(graph/distance_learning.py).",
    )
    in_territory: bool
    distance_km: float | None = Field(
        default=None,
        description="From the previous step's establishment, or from home: to 0.1 km, or to "
        "the whole km and at least 2 km when `location_precision` is `commune` (« ~2 km »). "
        "Null when unknown: no position for this establishment or, for a step after the "
        "first, for the previous step's chosen establishment.",
    )
    chosen: bool = False
    source: str


class PasserelleUsed(BaseModel):
    id: str | None = Field(description="Internal id, for clients that link to it; never shown.")
    kind: str
    description: str = Field(
        default="",
        description="What people read (French): documented or inferred, and by what "
        "(« passerelle déduite de ce que les deux diplômes ont en commun : … »).",
    )
    origin: str | None = None
    rate: float | None = None
    entrant_share: float | None = None
    reserved_share: float | None = None
    modality: str | None = None


class StepOut(BaseModel):
    index: int
    code: str
    name: str = Field(
        description="As people write it (graph/diploma_names.py): a common first year is named "
        "as the first year of its programme."
    )
    source_name: str | None = Field(
        default=None,
        description="The name as the graph stores it (its sources' text: the BCN's upper case "
        "where no readable label is known), for clients that match on it.",
    )
    type: str
    level: int | None = None
    passerelle: PasserelleUsed | None = Field(default=None, description="None for the start.")
    outside_territory: bool = False
    modality_not_described: bool = Field(
        default=False,
        description="The public files describe no offer in the requested modality for this "
        "kind of diploma (type and level): the step was not filtered on the modality, its "
        "offers are those known; the modality is to be checked with the establishment.",
    )
    offers: list[OfferOut] = []
    offers_total: int = Field(
        default=0,
        description="How many establishments' offers the step was chosen among: ``offers`` "
        "lists only the best few, so a client can say « 5 sur 32 ».",
    )
    notes: list[str] = Field(
        default=[],
        description="What the learner must know of this step before choosing it, in French, "
        "one sentence each: its diploma closes before they could sit it (« Fermeture prévue "
        "en 2028, remplacé par … »), the offer is listed in 1re pro only with no 2de of its "
        "famille de métiers there, a « horaires aménagés » section (admission particulière), "
        "an offer seen for the diploma's previous version, only planned or not seen lately, "
        "0 places, the requested modality not described. The same parts as the step's "
        "sentence in the explanation says, nothing more (graph/pathways/step_notes.py); the "
        "offers' own `unlisted_note` stays on them. Empty for the start and when there is "
        "nothing to say.",
    )


class ScoreOut(BaseModel):
    total: float = Field(
        description="The ranking score: 100 points, plus and minus the `components`; only the "
        "order it gives means something. Below 0 when the trips are very long (a `home` far "
        "from the territory: -1765 from Paris to La Réunion): not to be shown as a number (the "
        "web page says « score non significatif (trajets très longs) »)."
    )
    components: dict[str, float]
    explanation: list[str]


class PathwayOut(BaseModel):
    rank: int
    steps: list[StepOut]
    travel_km: float | None
    outside_steps: int
    score: ScoreOut


class UnreachedGoals(BaseModel):
    """Goal diplomas of the start's field that the territory offers and that no known
    passerelle reaches from the start (graph/pathways/unreached_goals.py): the answer is
    partial, and says so."""

    count: int = Field(
        description="How many such diplomas (one per programme), those whose field the files "
        "do not give included (`unknown_field`); 0 when the notice only names programmes of a "
        "neighbouring field (graph/pathways/neighbour_goals.py), which no passerelle reaches."
    )
    unknown_field: int = Field(
        default=0,
        description="How many of them have no field (NSF group) in the files: said apart, « de "
        "domaine inconnu dans les données », after those of the start's field.",
    )
    examples: list[str] = Field(
        description="The names of the first few, as people write them (the nearest field "
        "first): diplomas with an open, current offer in the territory."
    )
    sentence: str = Field(
        description="What the learner reads, in French: « 2 autres diplômes de l'objectif "
        "(BTS), du même domaine que le diplôme de départ (…), sont proposés dans … sans "
        "passerelle connue depuis ce diplôme : … À vérifier auprès des établissements. », "
        "then, when the territory offers some, the nearest programmes of a farther field "
        "(« D'autres formations de l'objectif (…), d'un domaine plus éloigné … ; aucune "
        "passerelle connue ne les relie à ce diplôme … »)."
    )


class PathwayAnswer(BaseModel):
    start: str
    start_phrase: str = Field(
        description="The start said after « de », with its article (French), by its name "
        "without its code (the code is in `start`): « du Bac pro cuisine », « de la licence "
        "professionnelle … », « du niveau 4 »."
    )
    goal: str
    territory: str = Field(description="French noun phrase: « le département du Lot (46) ».")
    territory_phrase: str = Field(
        description="The territory said as is after a verb (French): « dans le département du "
        "Lot (46) », « dans le territoire du CMQ … », « sur tout le territoire »."
    )
    count: int
    notices: list[str] = Field(
        default=[],
        description="What the learner must read first, in French: e.g. that the data holds no "
        "programme of the goal in the territory, before pathways that leave it.",
    )
    unreached_goals: UnreachedGoals | None = Field(
        default=None,
        description="Set when pathways were found in the territory and it offers other goal "
        "diplomas of the start's field (of the job, for a job goal) that no known passerelle "
        "reaches: the answer is partial. None for a goal diploma named by its code, without "
        "a territory, or when nothing is missing.",
    )
    pathways: list[PathwayOut]
    reason: str | None = Field(default=None, description="Why there is no pathway, if none.")
    files_cannot_tell: bool = Field(
        default=False,
        description="True when no pathway is found and the public files cannot know one: a "
        "start at Bac+2 or above towards an engineering school, a licence pro, a master or a "
        "Bac+3/Bac+5 level, whose admissions after a Bac+2 no file lists; or a goal diploma "
        "or type no offer of the graph names anywhere (a BP); or a goal diploma no known "
        "passerelle leads to from the start in any territory. A wider territory would not "
        "help; the answer's notices say to ask the establishments.",
    )


def offer_keys(shown: list[Scored]) -> Iterator[OfferKey]:
    """The offers the given pathways show that may have a history (:func:`may_have_history`:
    the others have none), as (actor id, diploma code, modality)."""
    for s in shown:
        for st in s.plan:
            for o in st.choice.ranked:
                if may_have_history(o.offer):
                    yield (o.actor["id"], st.diploma["code"], o.offer.get("modality"))


def _unlisted_note(offer: Mapping[str, object]) -> str | None:
    thin = offer.get("unlisted")
    return unlisted_sentence(thin) if isinstance(thin, ThinFile) else None


def pathway_out(
    s: Scored,
    rank: int,
    explanation: list[str],
    histories: Mapping[OfferKey, list[YearFigures]] | None = None,
    closings: Sequence[str | None] | None = None,
    modality: str | None = None,
) -> PathwayOut:
    """The answer's form of a scored pathway (built for the returned pathways only), with the
    yearly figures of its offers when given (:func:`graph.pathways.history.read_histories`).

    Its fields are gathered as plain dicts and validated by one call of the model's validator
    (the same validation as building each model, so the same values and JSON): ~60 offers, 20
    steps and their passerelles built one by one cost as much again in each model's Python
    ``__init__`` (a tenth of a pathway answer's CPU, docs/performance.md, branch http20), and
    the offers' yearly figures (two or three years an offer on the national files) as many
    again. ``closings`` (per step, what to say of its diploma's closing) and ``modality`` (the
    one requested) are those :func:`graph.pathways.explanation.explain` was given: the steps'
    ``notes`` say the same parts as its sentences (graph/pathways/step_notes.py)."""
    histories = histories or {}
    first = readable(s.start)
    steps: list[dict[str, object]] = [
        {
            "index": 0,
            # the end of 3e is no diploma: no code (graph/pathways/after_3e.py)
            "code": "" if is_start_row(first) else first["code"],
            "name": first["name"],
            "source_name": first["source_name"],
            "type": first["type"],
            "level": first.get("level"),
        }
    ]
    closings = closings or [None] * len(s.plan)
    for i, st in enumerate(s.plan, start=1):
        d, leg, prev, best = readable(st.diploma), st.leg, st.prev, st.choice.ranked[0]
        code = d["code"]
        outs = []
        for o in st.choice.ranked:
            offer, actor = o.offer, o.actor
            history = histories.get((actor["id"], code, offer.get("modality")), ())
            # what the public files say of the offer's year (the one of its capacity and demand)
            year = offer.get("year")
            now = next((y for y in history if y.year == year), None)
            od = None
            remote = is_distance_learning(actor)  # its address is no place of training
            precision = offer.get("coords_precision")
            lat = offer.get("lat")
            # after a step without position, ``prev`` is only where the search went on from
            if prev is not None and lat is not None and not remote and not st.prev_unplaced:
                km = haversine_km(prev[0], prev[1], lat, offer["lon"])
                od = shown_km(km, precision)
            capacity, demand = offer.get("capacity"), offer.get("demand")
            outs.append(
                {
                    "actor_id": actor["id"],
                    "actor_name": actor["name"],
                    "actor_kind": actor["kind"],
                    "uai": actor.get("uai"),
                    "commune": offer.get("commune"),
                    "commune_from": offer.get("commune_from"),
                    "insee": offer.get("site"),
                    "departement": offer.get("departement"),
                    "lat": lat,
                    "lon": offer.get("lon"),
                    "location_precision": location_precision(precision),
                    "modality": offer["modality"],
                    "status": offer["status"],
                    "capacity": capacity,
                    "demand": demand,
                    "pressure": pressure(capacity, demand),
                    "demand_kind": now.demand_kind if now else None,
                    "entry_year": now.entry_year if now else None,
                    "common_entry": _common_fields(now.common) if now else None,
                    "year": year,
                    "last_seen": o.last_seen,
                    "unlisted_note": _unlisted_note(offer),
                    "history": [_year_fields(y) for y in history],
                    "boarding_places": actor.get("boarding_places"),
                    "distance_learning": remote,
                    "in_territory": o.in_territory,
                    "distance_km": od,
                    "chosen": o is best,
                    "source": offer.get("source") or "",
                }
            )
        steps.append(
            {
                "index": i,
                "code": code,
                "name": d["name"],
                "source_name": d["source_name"],
                "type": d["type"],
                "level": d.get("level"),
                "passerelle": {
                    "id": leg.get("passerelle_id"),
                    "kind": leg["kind"],
                    "description": passerelle_sentence(leg, best, d.get("type")),
                    "origin": leg.get("passerelle_origin"),
                    "rate": leg.get("rate"),
                    "entrant_share": leg.get("entrant_share"),
                    "reserved_share": leg.get("reserved_share"),
                    "modality": leg.get("modality"),
                },
                "outside_territory": not best.in_territory,
                "modality_not_described": st.undescribed,
                "offers": outs,
                "offers_total": max(st.choice.pool_size, len(outs)),
                "notes": step_notes(st, modality, closings[i - 1]),
            }
        )
    return PathwayOut.model_validate(
        {
            "rank": rank,
            "steps": steps,
            "travel_km": shown_travel_km(s),
            "outside_steps": s.outside,
            "score": {
                "total": round(s.score, 2),
                "components": s.components,
                "explanation": explanation,
            },
        }
    )
