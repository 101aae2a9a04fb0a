"""What the data holds in a territory: per level and diploma type, how many programmes and
establishments, from which sources (``GET /coverage``), and the sentence a pathway answer puts
first when the goal has no programme there.

:func:`summarise` and :func:`goal_absent_sentence` are pure; :func:`read_coverage` is the only
read (``cypher/coverage_offers.cypher``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, Field

from graph.citations import file_title
from graph.diploma_names import display_name
from graph.labels import FEMININE_TYPES, TYPE_FR, type_fr
from graph.store import GraphReader
from graph.territory import Territory, TerritoryRequest, request_territory
from graph.text import UNNAMED

__all__ = [
    "CoverageAnswer",
    "CoverageRequest",
    "build_coverage",
    "CoverageRow",
    "TYPE_FR",
    "coverage",
    "goal_absent_sentence",
    "goal_thin_sentence",
    "other_modality_sentence",
    "read_coverage",
    "summarise",
]

Row = Mapping[str, Any]


class CoverageRow(BaseModel):
    level: int | None = Field(
        description="The diploma level (3 to 8); null when the data gives the diplomas none."
    )
    level_label: str = Field(
        description="The level in French: « niveau 5 », or « niveau non précisé » when null "
        "(« sans niveau de diplôme (FCIL) » for the FCILs, which prepare no diploma).",
    )
    level_note: str | None = Field(
        default=None,
        description=(
            "On a row without a level, in French: why it stands apart, and, when the same type "
            "has rows with a level, that those are other programmes of that type."
        ),
    )
    type: str
    type_label: str
    programmes: int = Field(description="Distinct diplomas offered (open or planned).")
    establishments: int
    sources: list[str] = Field(
        description="Where the offers come from, in French: the public datasets by their titles "
        "and years (« Affelnet lycée : capacités et vœux, Éducation nationale, 2022 »), the "
        "campus documents; never a file name."
    )
    examples: list[str] = Field(
        default=[],
        description=(
            "Up to three programmes offered there, the first by name, in French: "
            "« NAME — ESTABLISHMENT »."
        ),
    )
    field_examples: dict[str, list[str]] = Field(
        default={},
        exclude=True,
        description="Per NSF group of the diploma, up to three examples (not in the API).",
    )
    modalities: list[str] = Field(
        default=[], exclude=True, description="The modalities of the offers (not in the API)."
    )
    unknown_field: bool = Field(
        default=False,
        exclude=True,
        description="Some programme has no NSF group in the data (not in the API).",
    )


class CoverageAnswer(BaseModel):
    territory: str
    rows: list[CoverageRow]


def _source_names(offer: Row) -> list[str]:
    """The French titles of the sources of an offer: users never read a file name."""
    if offer.get("origin") == "import":
        return [file_title(str(f)) for f in offer.get("sources") or []] or ["Données publiques"]
    return ["Fiches des campus (documents sources)"]


def _type_label(dtype: str, labels: set[str]) -> str:
    """A row's type in French: the type of its diplomas, « mention complémentaire ou certificat
    de spécialisation » when a row of type ``mc`` holds both (graph.labels.type_fr).

    >>> _type_label("mc", {"certificat de spécialisation"})
    'certificat de spécialisation'
    >>> _type_label("mc", {"certificat de spécialisation", "mention complémentaire"})
    'mention complémentaire ou certificat de spécialisation'
    """
    if len(labels) == 1:
        return next(iter(labels))
    if labels:
        return " ou ".join(sorted(labels, key=lambda t: t != TYPE_FR.get(dtype)))
    return TYPE_FR.get(dtype, dtype)


def summarise(
    rows: Iterable[Row], territory: Territory, *, modality: str | None = None
) -> list[CoverageRow]:
    """Per (level, type): programmes and establishments with an open or planned offer in the
    territory (closed offers and diplomas the BCN closed do not count), and their sources;
    only the offers in ``modality`` (``apprenticeship``…) when one is given."""
    groups: dict[tuple[int | None, str], dict[str, set[str]]] = {}
    for r in rows:
        o, a, d = r["offer"], r["actor"], r["diploma"]
        if o.get("status") == "closed" or d.get("closed"):
            continue
        if modality is not None and o.get("modality") != modality:
            continue
        if not territory.contains(o, campuses=a.get("campuses")):
            continue
        g = groups.setdefault(
            (d.get("level"), d.get("type") or "other"),
            {
                "programmes": set(),
                "establishments": set(),
                "sources": set(),
                "examples": set(),
                "modalities": set(),
            },
        )
        if o.get("modality"):
            g["modalities"].add(o["modality"])
        if d.get("name") and a.get("name"):  # the first three in order, not in row order
            text = f"{display_name(d)}{EXAMPLE_SEP}{a['name']}"
            g["examples"].add(text)
            if d.get("nsf"):
                g.setdefault(f"nsf:{d['nsf']}", set()).add(text)
        if not d.get("nsf"):
            g["unknown_field"] = {"yes"}
        g["programmes"].add(d["code"])
        g.setdefault("type_labels", set()).add(type_fr(d.get("type") or "other", d["code"]))
        g["establishments"].add(a["id"])
        g["sources"].update(_source_names(o))
    return [
        CoverageRow(
            level=level,
            level_label=level_fr(level),
            type=dtype,
            type_label=_type_label(dtype, g.get("type_labels", set())),
            programmes=len(g["programmes"]),
            establishments=len(g["establishments"]),
            sources=sorted(g["sources"]),
            examples=sorted(g["examples"], key=named_first)[:3],
            field_examples={
                k[4:]: sorted(v, key=named_first)[:3]
                for k, v in g.items()
                if k.startswith("nsf:") and v
            },
            modalities=sorted(g["modalities"]),
            unknown_field=bool(g.get("unknown_field")),
        )
        for (level, dtype), g in sorted(groups.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1]))
    ]


def level_fr(level: int | None) -> str:
    """« niveau 5 »; « niveau non précisé » when the data gives none.

    >>> level_fr(5), level_fr(None)
    ('niveau 5', 'niveau non précisé')
    """
    return "niveau non précisé" if level is None else f"niveau {level}"


# A FCIL (formation complémentaire d'initiative locale) prepares no diploma: the BCN files it
# as « FCIL & FC non diplômante post niveau N » (types 381, 481, 581 of
# n_niveau_formation_diplome), a level it follows, never its own; those of the public files
# are Parcoursup's (the BTS files' under 48199901, « … post niveau 4 »): entered after a bac.
FCIL_LEVEL_LABEL = "sans niveau de diplôme (FCIL)"
FCIL_NOTE = (
    "Une FCIL (formation complémentaire d'initiative locale) ne prépare aucun diplôme : elle "
    "n'a pas de niveau propre et n'est comptée à aucun niveau. Celles que Parcoursup propose "
    "se suivent après un bac."
)


def for_reading(rows: list[CoverageRow]) -> list[CoverageRow]:
    """The rows a reader sees (``GET /coverage``): those with a level by level, then those
    without one, apart, each with a note, so that one type shown twice (« classe préparatoire
    aux grandes écoles » at niveau 5 and without a level: the BCN rates its CPGE codes, some
    Parcoursup CPGE match none) is not read as one type at two levels.

    >>> rows = [CoverageRow(level=lv, level_label=level_fr(lv), type="cpge", type_label="CPGE",
    ...     programmes=1, establishments=1, sources=[]) for lv in (None, 5, 6)]
    >>> [r.level for r in for_reading(rows)]
    [5, 6, None]
    >>> for_reading(rows)[-1].level_note.split(" : ")[1]
    "ce sont d'autres formations que celles de même type comptées aux niveaux 5 et 6."
    >>> fcil = CoverageRow(level=None, level_label=level_fr(None), type="fcil", type_label="FCIL",
    ...     programmes=1, establishments=1, sources=[])
    >>> for_reading([fcil])[0].level_label
    'sans niveau de diplôme (FCIL)'
    """
    levelled = [r for r in rows if r.level is not None]
    typed = {r.type for r in levelled}
    unknown = []
    for r in rows:
        if r.level is not None:
            continue
        if r.type == "fcil":  # no diploma, hence no level of its own: said, not « unknown »
            unknown.append(
                r.model_copy(update={"level_label": FCIL_LEVEL_LABEL, "level_note": FCIL_NOTE})
            )
            continue
        note = "Les données importées ne donnent pas le niveau de ces formations."
        if r.type in typed:
            levels = sorted({x.level for x in levelled if x.type == r.type and x.level})
            at = f"au niveau {levels[0]}"
            if len(levels) > 1:
                at = f"aux niveaux {', '.join(map(str, levels[:-1]))} et {levels[-1]}"
            note = (
                "Les données importées ne donnent pas le niveau de ces formations : ce sont "
                f"d'autres formations que celles de même type comptées {at}."
            )
        unknown.append(r.model_copy(update={"level_note": note}))
    return levelled + unknown


def read_coverage(store: GraphReader, territory: Territory) -> list[dict[str, Any]]:
    return store.read("coverage_offers", **territory.query_params())


def coverage(store: GraphReader, territory: Territory) -> CoverageAnswer:
    rows = summarise(read_coverage(store, territory), territory)
    return CoverageAnswer(territory=territory.describe(), rows=for_reading(rows))


def goal_absent_sentence(
    rows: list[CoverageRow],
    territory: Territory,
    *,
    to_type: str | None,
    to_level: int | None,
    to_code: str | None = None,
    goal_codes: set[str] | None = None,
    modality: str | None = None,
) -> str | None:
    """The sentence that comes first in an answer whose goal has no programme in the
    territory (« Les données importées ne contiennent aucune licence professionnelle dans les
    départements 76, 27. »), or None when the territory holds some. ``rows`` are those of the
    requested modality, if any; ``modality`` is its French name (« apprentissage »), said in
    the sentence (« … aucune formation de niveau 4 ou plus en apprentissage dans … »)."""
    if not territory.is_set:
        return None
    if to_code is not None or goal_codes is not None:
        return None  # a named diploma or a job: told by the answer's reason
    hits = [
        r
        for r in rows
        if (to_type is None or r.type == to_type)
        and (to_level is None or (r.level or 0) >= to_level)
    ]
    if hits:
        return None
    return _goal_words(to_type, to_level, territory, modality)


EXAMPLE_SEP = " — "  # between a programme and its establishment in an example


def named_first(example: str) -> tuple[bool, str]:
    """The order of examples: an establishment no public file names (:data:`UNNAMED`) after
    every named one, then by text (« Bac pro cuisine — Établissement sans nom … » was named
    first in the Aube, before « Bioqualité (BTS) — Lycée Les Lombards »: answers22).

    >>> sorted(["B — " + UNNAMED + " (Aube)", "C — Lycée X", "A — Lycée Y"], key=named_first)
    ['A — Lycée Y', 'C — Lycée X', 'B — Établissement sans nom dans les fichiers publics (Aube)']
    """
    return (example.partition(EXAMPLE_SEP)[2].startswith(UNNAMED), example)


def _examples(hits: list[CoverageRow], nsf: str | None) -> list[str]:
    """Three programmes to name: those of the learner's NSF group first, then of its domain
    (the first two digits), so that a maintenance learner is not shown « BUT Carrières
    juridiques » because it comes first by name; the first by name when the field is unknown
    or none is of it (:func:`_examples_text` then says so)."""
    found = _field_examples(hits, nsf)
    if found:
        return found
    # the rows' order (by level and type), named establishments first
    return sorted((e for r in hits for e in r.examples), key=lambda e: named_first(e)[0])[:3]


def _field_examples(hits: list[CoverageRow], nsf: str | None) -> list[str]:
    """The examples of the learner's NSF group, else of its domain; [] when none is."""
    if nsf:
        for width in (len(nsf), 2):  # the same group, then the same domain
            found = sorted(
                {
                    e
                    for r in hits
                    for group, ex in r.field_examples.items()
                    if group[:width] == nsf[:width]
                    for e in ex
                },
                key=named_first,
            )
            if found:
                return found[:3]
    return []


def _examples_text(hits: list[CoverageRow], nsf: str | None) -> str:
    """« (par exemple : A ; B) », prefixed, when the learner's field is known and none of the
    programmes is of its domain, by « aucune du même domaine que le diplôme de départ » (a BTS
    maintenance des véhicules holder shown « BUT Carrières sociales » must be told it is not
    of his field) — only when the data gives every programme's field (the Parcoursup
    engineering programmes have none: INSA Strasbourg may well be of it)."""
    examples = _examples(hits, nsf)
    if not examples:
        return ""
    if nsf and not _field_examples(hits, nsf):
        if not any(r.unknown_field for r in hits):
            none = "aucune du même domaine que le diplôme de départ"
        elif any(r.field_examples for r in hits):
            none = (
                "aucune du même domaine que le diplôme de départ parmi celles dont le domaine "
                "est connu"
            )
        else:
            return f" (par exemple : {' ; '.join(examples)})"
        return f" ({none} ; par exemple : {' ; '.join(examples)})"
    return f" (par exemple : {' ; '.join(examples)})"


def goal_thin_sentence(
    rows: list[CoverageRow],
    territory: Territory,
    *,
    to_type: str | None,
    to_level: int | None,
    nsf: str | None = None,
    modality: str | None = None,
    examples: bool = True,
    by_level: bool = False,
) -> str | None:
    """When no pathway reaches the goal in the territory although the data holds some
    programmes of it there: how few, and that no known passerelle leads to them; the
    examples named are of the learner's field (``nsf``: the start diploma's NSF group) where
    the territory has some. ``rows`` and ``modality`` as for :func:`goal_absent_sentence`.
    Without ``examples`` none is named: a BTS holder asking for an engineering school was
    shown « Formation d'ingénieur Bac + 5 – Bac STI2D », entered after the bac (tester19);
    the sentence then says what the data does not know (how to enter them after a Bac+2, an
    admission no imported file lists), rather than « aucune passerelle connue ne les relie au
    diplôme de départ », which a counsellor read as « no way in »
    (Brest, from the level 5 to an engineering school). ``by_level``: the start is a level,
    not a diploma (« depuis un diplôme du niveau de départ »).

    >>> rows = [CoverageRow(level=7, level_label="niveau 7", type="ingenieur",
    ...     type_label="diplôme d'ingénieur", programmes=2, establishments=4, sources=[])]
    >>> t = Territory(departements=["29"])
    >>> print(goal_thin_sentence(rows, t, to_type=None, to_level=7, examples=False,
    ...     by_level=True))
    Les données importées contiennent des formations de ce niveau dans le département du Finistère (29) (diplôme d'ingénieur ; offertes par 4 établissements), mais elles ne disent pas comment y entrer après un diplôme du niveau de départ : les admissions après un Bac+2 (admissions parallèles, après un BTS, un BUT ou une licence) ne figurent dans aucun fichier importé. À demander aux établissements.
    >>> print(goal_thin_sentence(rows, t, to_type=None, to_level=7, by_level=True))
    Les données importées contiennent des formations de ce niveau dans le département du Finistère (29) (diplôme d'ingénieur ; offertes par 4 établissements), mais aucune passerelle connue n'y mène depuis un diplôme du niveau de départ : à examiner avec l'établissement.
    """  # noqa: E501
    if not territory.is_set or (to_type is None and to_level is None):
        return None
    hits = [
        r
        for r in rows
        if (to_type is None or r.type == to_type)
        and (to_level is None or (r.level or 0) >= to_level)
    ]
    if not hits:
        return None
    n = sum(r.establishments for r in hits)
    kinds = ", ".join(sorted({r.type_label for r in hits}))
    seen = _examples_text(hits, nsf) if examples else ""
    how = f" en {modality}" if modality else ""
    head = (
        f"Les données importées contiennent des formations de ce niveau{how} "
        f"{where_fr(territory)} "
        f"({kinds} ; offertes par {n} établissement{'s' if n > 1 else ''}){seen}"
    )
    since = "un diplôme du niveau de départ" if by_level else "le diplôme de départ"
    if not examples:
        return (
            f"{head}, mais elles ne disent pas comment y entrer après {since} : les "
            "admissions après un Bac+2 (admissions parallèles, après un BTS, un BUT ou une "
            "licence) ne figurent dans aucun fichier importé. À demander aux établissements."
        )
    if by_level:
        return (
            f"{head}, mais aucune passerelle connue n'y mène depuis {since} : "
            "à examiner avec l'établissement."
        )
    return (
        f"{head}, mais aucune passerelle connue ne les relie au diplôme de départ : à examiner "
        "avec l'établissement."
    )


def _goal_words(
    to_type: str | None, to_level: int | None, territory: Territory, modality: str | None = None
) -> str:
    if to_type:
        what = f"aucun{'e' if to_type in _FEMININE else ''} {TYPE_FR.get(to_type, to_type)}"
    else:
        what = f"aucune formation de niveau {to_level} ou plus"
    how = f" en {modality}" if modality else ""
    return f"Les données importées ne contiennent {what}{how} {where_fr(territory)}."


def other_modality_sentence(
    rows: list[CoverageRow],
    *,
    to_type: str | None,
    to_level: int | None,
    others: list[str],
    nsf: str | None = None,
) -> str | None:
    """When the goal has no programme in the requested modality in the territory but has some
    in other ones (``rows``: the territory's offers in any modality; ``others``: the French
    names of the modalities they are in): how many, with examples of the learner's field, so
    that « aucune formation en apprentissage » is not read as « aucune formation »."""
    hits = _hits(rows, to_type, to_level)
    if not hits or not others:
        return None
    n = sum(r.establishments for r in hits)
    seen = _examples_text(hits, nsf)
    return (
        f"Elles en contiennent en {' ou '.join(others)} : {n} établissement"
        f"{'s' if n > 1 else ''}{seen}."
    )


def _hits(rows: list[CoverageRow], to_type: str | None, to_level: int | None) -> list[CoverageRow]:
    return [
        r
        for r in rows
        if (to_type is None or r.type == to_type)
        and (to_level is None or (r.level or 0) >= to_level)
    ]


def where_fr(territory: Territory) -> str:
    """« dans les départements de l'Eure (27) et de la Seine-Maritime (76) », « dans la région
    Normandie », else the territory described.

    >>> where_fr(Territory(departements=["027", "076"]))
    "dans les départements de l'Eure (27) et de la Seine-Maritime (76)"
    >>> where_fr(Territory(region="28"))
    'dans la région Normandie'

    A radius alone as :meth:`Territory.describe_in` says it: « dans le territoire demandé (30
    km autour du domicile (Figeac)) » read as a misprint.

    >>> from graph.territory import Point
    >>> where_fr(Territory(near=Point(lat=44.6, lon=2.0, label="Figeac"), radius_km=30,
    ...                    around_home=True))
    'dans un rayon de 30 km autour du domicile (Figeac)'
    """
    t = territory
    only_deps = t.departements and not (t.campus or t.region or t.near)
    only_region = t.region and not (t.campus or t.departements or t.near)
    if only_deps or only_region:
        return f"dans {t.describe()}"
    if t.near and t.radius_km and not (t.campus or t.departements or t.region):
        return t.describe_in()
    return f"dans le territoire demandé ({t.describe()})"


_FEMININE = FEMININE_TYPES


class CoverageRequest(TerritoryRequest):
    """The territory filters of /pathways."""


def build_coverage(store: GraphReader, req: CoverageRequest) -> CoverageAnswer:
    terr = request_territory(store, req)
    return coverage(store, terr)
